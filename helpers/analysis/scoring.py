"""One way to score a list of found things against a reference list: precision and recall.

Every comparison of names in the course uses :func:`score_names` — the machine's actors
against an answer key (``actors.score_actors``), the machine's actors against a student's own
list, and a student's list against the key (lesson 04) — so that an exercise and its
instructor note can never disagree.

The rules:

1. A reference entry is a name (a string) or a key entry ``{name, aliases}``; a found item is
   a name or anything with ``name`` (and optionally ``aliases`` and ``type``). Names compare
   folded (case and spacing ignored, ``helpers.core.text.fold``).
2. A reference entry is *found* by the found item with the same name, else by the first found
   item that shares a name or an alias with it. One found item may find several reference
   entries ("Moscow" and "Russia" are both found by the actor Russia).
3. Recall = reference entries found / reference entries (repeated entries count once).
4. Precision = found items that found something / found items *counted*. A found item of an
   open type (``open_types``, by default outlets, ``media``) that found nothing is not
   counted: the keys leave outlets named only in citations open, neither required nor
   forbidden, and so does everything compared with them.
5. An empty list scores 1.0 (nothing to miss, nothing wrong).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from helpers.core.text import fold

#: Types of found items that are not counted against precision when they match nothing.
OPEN_TYPES = ("media",)


@dataclass
class NameScore:
    """What :func:`score_names` found: the scores and the names behind them, in list order."""

    precision: float
    recall: float
    true_positives: list[str] = field(default_factory=list)   # found items that found something
    false_positives: list[str] = field(default_factory=list)  # counted found items that found nothing
    uncounted: list[str] = field(default_factory=list)        # open-type found items that found nothing
    found: list[str] = field(default_factory=list)            # reference names found
    missed: list[str] = field(default_factory=list)           # reference names not found
    matches: dict[str, str] = field(default_factory=dict)     # reference name -> found item's name

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "true_positives": self.true_positives,
                "false_positives": self.false_positives, "uncounted": self.uncounted, "found": self.found,
                "missed": self.missed}


def _entry(item: Any) -> tuple[str, set[str], str | None]:
    """(name, folded forms, type) of a found item or a reference entry."""
    if isinstance(item, dict):
        name, aliases, typ = item.get("name"), item.get("aliases") or [], item.get("type")
    elif isinstance(item, str):
        name, aliases, typ = item, [], None
    else:
        name, aliases, typ = getattr(item, "name", item), getattr(item, "aliases", None) or [], getattr(item, "type", None)
    name = " ".join(str(name).split())
    return name, {fold(name)} | {fold(a) for a in aliases}, typ


def score_names(found: Iterable[Any], reference: Iterable[Any], *,
                open_types: Sequence[str] = OPEN_TYPES) -> NameScore:
    """Score ``found`` against ``reference`` by the rules of this module."""
    items = [_entry(x) for x in found]
    refs: list[tuple[str, set[str]]] = []
    seen: set[str] = set()
    for r in reference:
        name, forms, _ = _entry(r)
        if name and fold(name) not in seen:
            seen.add(fold(name))
            refs.append((name, forms))
    matches: dict[str, str] = {}
    used: set[int] = set()
    for name, forms in refs:
        hit = next((i for i, (n, _, _) in enumerate(items) if fold(n) == fold(name)), None)
        if hit is None:
            hit = next((i for i, (_, f, _) in enumerate(items) if forms & f), None)
        if hit is not None:
            matches[name] = items[hit][0]
            used.add(hit)
    counted = [i for i, (_, _, typ) in enumerate(items) if i in used or typ not in open_types]
    return NameScore(
        precision=len(used) / len(counted) if counted else 1.0,
        recall=len(matches) / len(refs) if refs else 1.0,
        true_positives=[items[i][0] for i in sorted(used)],
        false_positives=[items[i][0] for i in counted if i not in used],
        uncounted=[items[i][0] for i in range(len(items)) if i not in counted],
        found=[n for n, _ in refs if n in matches],
        missed=[n for n, _ in refs if n not in matches],
        matches=matches,
    )
