"""What the actor analysis returns: actors with their mentions, places, and the ties between actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACTOR_TYPES = ("state", "person", "organization", "media", "group", "self_proclaimed", "subnational")
HOWS = ("name", "alias", "metonymy", "demonym", "role", "override")
CAPTION_SENTENCE = "caption"


@dataclass
class Mention:
    text: str
    start: int          # offsets into Article.text
    end: int
    sentence_id: str
    paragraph: int
    how: str            # name | alias | metonymy | demonym | role | override

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "sentence_id": self.sentence_id,
                "paragraph": self.paragraph, "how": self.how}


@dataclass
class Actor:
    name: str
    type: str
    aliases: list[str]
    mentions: list[Mention]
    notes: list[str] = field(default_factory=list)   # e.g. "also spelled …" (transliteration variants merged)

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "type": self.type, "aliases": list(self.aliases),
             "mentions": [m.to_dict() for m in self.mentions]}
        if self.notes:
            d["notes"] = list(self.notes)
        return d


@dataclass
class Relation:
    source: str
    target: str
    kind: str           # co-mention | cooperation | conflict
    sentence_id: str
    cue: str | None
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "kind": self.kind,
                "sentence_id": self.sentence_id, "cue": self.cue, "sentence": self.sentence}


@dataclass
class ActorAnalysis:
    actors: list[Actor]
    relations: list[Relation]
    places: list[Mention]

    def actor(self, name: str) -> Actor | None:
        """The actor with this canonical name or alias (case ignored), if any."""
        low = name.lower()
        for a in self.actors:
            if a.name.lower() == low or low in (x.lower() for x in a.aliases):
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"actors": [a.to_dict() for a in self.actors],
                "relations": [r.to_dict() for r in self.relations],
                "places": [p.to_dict() for p in self.places]}

    def graph(self):
        """A ``networkx.Graph``: a node per actor (``type``, ``mentions``), an edge per tied pair.

        Edge attributes: ``kind`` (co-mention, cooperation, conflict, or "mixed" when both
        signed kinds occur), ``weight`` (sentences with both), ``sentence_ids``,
        ``cooperation`` and ``conflict`` (counts of signed ties) and ``cues``.
        """
        import networkx as nx  # heavy: imported on first use, to keep imports fast

        g = nx.Graph()
        for a in self.actors:
            g.add_node(a.name, type=a.type, mentions=len(a.mentions))
        for r in self.relations:
            if not g.has_edge(r.source, r.target):
                g.add_edge(r.source, r.target, kind="co-mention", weight=0, sentence_ids=[],
                           cooperation=0, conflict=0, cues=[])
            e = g.edges[r.source, r.target]
            if r.sentence_id not in e["sentence_ids"]:
                e["sentence_ids"].append(r.sentence_id)
            if r.kind == "co-mention":
                e["weight"] += 1
            else:
                e[r.kind] += 1
                if r.cue and r.cue not in e["cues"]:
                    e["cues"].append(r.cue)
        for _, _, e in g.edges(data=True):
            if e["cooperation"] and e["conflict"]:
                e["kind"] = "mixed"
            elif e["cooperation"]:
                e["kind"] = "cooperation"
            elif e["conflict"]:
                e["kind"] = "conflict"
            e["weight"] = max(e["weight"], 1)
        return g
