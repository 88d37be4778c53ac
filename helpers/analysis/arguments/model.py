"""An argument map as data: statements, the relations between them, and the map itself."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("claim", "premise", "question", "conclusion")
VOICES = ("author", "reported", "contested")
RELATION_TYPES = ("support", "attack")


@dataclass
class Statement:
    id: str
    text: str
    kind: str
    voice: str
    sentences: list[str]
    speaker: str | None = None
    quote: str | None = None
    citations: list[str] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Relation:
    source: str          # "from" in the YAML
    target: str          # "to" in the YAML
    type: str            # "support" | "attack"
    scheme: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "type": self.type,
                "scheme": self.scheme, "note": self.note}


@dataclass
class ArgumentMap:
    article: str | None
    title: str | None
    statements: list[Statement]
    relations: list[Relation]
    notes: str | None = None
    path: Path | None = None

    def statement(self, statement_id: str) -> Statement:
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.statements]

    def graph(self):
        """A ``networkx.DiGraph``: statements as nodes, relations as edges (premise -> target)."""
        import networkx as nx  # heavy: imported on first use, to keep imports fast

        g = nx.DiGraph()
        for s in self.statements:
            g.add_node(s.id, **{k: v for k, v in s.to_dict().items() if k != "id"})
        for r in self.relations:
            g.add_edge(r.source, r.target, type=r.type, scheme=r.scheme, note=r.note)
        return g

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the shape of ``argument.yaml`` (empty optional fields left out)."""
        out: dict[str, Any] = {}
        for key in ("article", "title", "notes"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["statements"] = [{k: v for k, v in s.to_dict().items() if v not in (None, [])}
                             for s in self.statements]
        out["relations"] = [{k: v for k, v in r.to_dict().items() if v is not None}
                            for r in self.relations]
        return out


def argument_map_from_dict(data: dict[str, Any], *, path: Path | None = None) -> ArgumentMap:
    """Build an ``ArgumentMap`` from plain data already checked (``validate.validate_argument_map``)."""
    statements = [Statement(id=s["id"], text=" ".join(str(s["text"]).split()), kind=s["kind"], voice=s["voice"],
                            sentences=list(s["sentences"]), speaker=s.get("speaker"), quote=s.get("quote"),
                            citations=list(s.get("citations") or []),
                            note=" ".join(s["note"].split()) if s.get("note") else None)
                  for s in data["statements"]]
    relations = [Relation(source=r["from"], target=r["to"], type=r["type"], scheme=r.get("scheme"),
                          note=" ".join(r["note"].split()) if r.get("note") else None)
                 for r in data.get("relations") or []]
    return ArgumentMap(article=data.get("article"), title=data.get("title"), statements=statements,
                       relations=relations, notes=" ".join(data["notes"].split()) if data.get("notes") else None,
                       path=path)
