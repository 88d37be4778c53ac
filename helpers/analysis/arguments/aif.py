"""The argument map in AIF JSON (the Argument Interchange Format as AIFdb and OVA read it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.analysis.arguments.model import ArgumentMap
from helpers.analysis.arguments.validate import ID_RE, checked_argument_map
from helpers.core.errors import CourseInputError


def to_aif(amap: ArgumentMap, *, scheme_names: dict[str, str] | None = None) -> dict[str, Any]:
    """The map in AIF JSON as AIFdb/OVA read it: I-nodes for statements, an RA (inference) or
    CA (conflict) node per relation, edges premise -> RA/CA -> target.

    Each I-node keeps the statement's course data (kind, voice …) under ``"closeReading"``;
    AIF tools ignore it. ``scheme_names`` maps scheme instance ids to the RA node's text.
    """
    names = scheme_names or {}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for s in amap.statements:
        extra = {k: v for k, v in s.to_dict().items() if k not in ("id", "text") and v not in (None, [])}
        nodes.append({"nodeID": s.id, "text": s.text, "type": "I", "closeReading": extra})
    counters = {"RA": 0, "CA": 0}
    for r in amap.relations:
        kind = "RA" if r.type == "support" else "CA"
        counters[kind] += 1
        node_id = f"{kind.lower()}{counters[kind]}"
        text = names.get(r.scheme or "", "Default Inference") if kind == "RA" else "Default Conflict"
        node = {"nodeID": node_id, "text": text, "type": kind}
        if r.scheme or r.note:
            node["closeReading"] = {k: v for k, v in (("scheme", r.scheme), ("note", r.note)) if v}
        nodes.append(node)
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": r.source, "toID": node_id})
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": node_id, "toID": r.target})
    return {"nodes": nodes, "edges": edges, "locutions": []}


def from_aif(aif: dict[str, Any], *, source: str | Path = "<AIF>") -> ArgumentMap:
    """Read AIF JSON (also xAIF ``{"AIF": {...}}``): I-nodes become statements, RA and CA nodes
    support and attack relations. Statements without course data are 'claim', voice 'author'
    and must be given sentence ids before they can be checked against an article."""
    if isinstance(aif, dict) and isinstance(aif.get("AIF"), dict):
        aif = aif["AIF"]
    if not isinstance(aif, dict) or not isinstance(aif.get("nodes"), list) or not isinstance(aif.get("edges"), list):
        raise CourseInputError(source, "AIF must be a mapping with 'nodes' and 'edges' lists",
                               "export the map from AIFdb or OVA as JSON")
    by_id = {str(n.get("nodeID")): n for n in aif["nodes"] if isinstance(n, dict)}
    ids: dict[str, str] = {}
    statements = []
    for n, node in enumerate((x for x in aif["nodes"] if isinstance(x, dict) and x.get("type") == "I"), start=1):
        raw = str(node.get("nodeID"))
        sid = raw if ID_RE.match(raw) else f"S{raw}" if raw.isdigit() else f"S{n}"
        ids[raw] = sid
        extra = dict(node.get("closeReading") or {})
        statements.append({"id": sid, "text": str(node.get("text", "")), "kind": extra.pop("kind", "claim"),
                           "voice": extra.pop("voice", "author"), "sentences": extra.pop("sentences", ["p1.s1"]),
                           **extra})
    into: dict[str, list[str]] = {}
    outof: dict[str, list[str]] = {}
    for e in aif["edges"]:
        if not isinstance(e, dict):
            continue
        a, b = str(e.get("fromID")), str(e.get("toID"))
        outof.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    relations = []
    for node in aif["nodes"]:
        if not isinstance(node, dict) or node.get("type") not in ("RA", "CA"):
            continue
        nid = str(node.get("nodeID"))
        extra = node.get("closeReading") or {}
        premises = [p for p in into.get(nid, []) if by_id.get(p, {}).get("type") == "I"]
        targets = [t for t in outof.get(nid, []) if by_id.get(t, {}).get("type") == "I"]
        for t in targets:
            for p in premises:
                rel = {"from": ids[p], "to": ids[t], "type": "support" if node["type"] == "RA" else "attack"}
                rel.update({k: v for k, v in extra.items() if k in ("scheme", "note")})
                relations.append(rel)
    return checked_argument_map({"statements": statements, "relations": relations}, source)
