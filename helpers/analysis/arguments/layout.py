"""The argument map as tables and as a layered diagram: statement and relation tables, a
layout that is the same every time, and the nodes and edges to draw."""

from __future__ import annotations

import re

from helpers.analysis.arguments.model import ArgumentMap
from helpers.core.text import clip


def statement_table(amap: ArgumentMap):
    """One row per statement, with the ids it supports and attacks."""
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    rows = []
    for s in amap.statements:
        rows.append({**{k: v for k, v in s.to_dict().items() if k not in ("sentences", "citations")},
                     "sentences": ", ".join(s.sentences), "citations": "; ".join(s.citations),
                     "supports": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "support"),
                     "attacks": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "attack")})
    return pd.DataFrame(rows, columns=["id", "kind", "voice", "speaker", "text", "quote", "sentences", "citations",
                                       "supports", "attacks", "note"])


def relation_table(amap: ArgumentMap):
    """One row per relation: from, to, type, scheme, note."""
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    return pd.DataFrame([r.to_dict() for r in amap.relations], columns=["from", "to", "type", "scheme", "note"])


# -- layout and drawing ------------------------------------------------------------------

def _order_key(amap: ArgumentMap) -> dict[str, tuple]:
    key = {}
    for i, s in enumerate(amap.statements):
        m = re.match(r"^p(\d+)\.s(\d+)$", s.sentences[0]) if s.sentences else None
        key[s.id] = (int(m.group(1)), int(m.group(2)), i) if m else (10**6, 0, i)
    return key


def layout(amap: ArgumentMap) -> dict[str, tuple[int, float]]:
    """A layered layout, the same every time: ``{id: (layer, x)}``.

    Layer 0 holds the statements that support or attack nothing (questions, main claims);
    a statement sits one layer below the nearest statement it supports or attacks. Within a
    layer, statements are ordered by the mean position of their targets, then by text order.
    """
    order = _order_key(amap)
    ids = sorted(amap.ids, key=order.get)
    out: dict[str, list[str]] = {i: [] for i in ids}
    inc: dict[str, list[str]] = {i: [] for i in ids}
    for r in amap.relations:
        if r.source in out and r.target in out:
            out[r.source].append(r.target)
            inc[r.target].append(r.source)
    layer: dict[str, int] = {}
    frontier = [i for i in ids if not out[i]]
    while len(layer) < len(ids):
        if not frontier:  # only cycles left: start from the earliest statement in the text
            frontier = [next(i for i in ids if i not in layer)]
            layer[frontier[0]] = min((layer[t] + 1 for t in out[frontier[0]] if t in layer), default=0)
        for i in frontier:
            layer.setdefault(i, 0)
        while frontier:
            nxt = []
            for i in frontier:
                for j in sorted(inc[i], key=order.get):
                    if j not in layer:
                        layer[j] = layer[i] + 1
                        nxt.append(j)
            frontier = nxt
    x: dict[str, float] = {}
    for level in range(max(layer.values()) + 1 if layer else 0):
        members = [i for i in ids if layer[i] == level]

        def bary(i: str) -> float:
            xs = [x[t] for t in out[i] if t in x]
            return sum(xs) / len(xs) if xs else float("inf")

        members.sort(key=lambda i: (bary(i), order[i]))
        n = len(members)
        for k, i in enumerate(members):
            x[i] = k - (n - 1) / 2
    return {i: (layer[i], x[i]) for i in ids}



def diagram_data(amap: ArgumentMap):
    """``(nodes, edges)`` DataFrames for drawing the map; ``y`` grows downwards from 0."""
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    pos = layout(amap)
    nodes = pd.DataFrame([{
        "id": s.id, "kind": s.kind, "voice": s.voice, "speaker": s.speaker or "",
        "label": f"{s.id}: {clip(s.text, 48)}", "text": s.text, "sentences": ", ".join(s.sentences),
        "citations": "; ".join(s.citations), "layer": pos[s.id][0], "x": pos[s.id][1], "y": float(pos[s.id][0]),
    } for s in amap.statements], columns=["id", "kind", "voice", "speaker", "label", "text", "sentences",
                                          "citations", "layer", "x", "y"])
    edges = pd.DataFrame([{
        "from": r.source, "to": r.target, "type": r.type, "scheme": r.scheme or "",
        "x": pos[r.source][1], "y": float(pos[r.source][0]), "x2": pos[r.target][1], "y2": float(pos[r.target][0]),
    } for r in amap.relations if r.source in pos and r.target in pos],
        columns=["from", "to", "type", "scheme", "x", "y", "x2", "y2"])
    return nodes, edges
