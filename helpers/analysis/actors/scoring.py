"""The actor analysis scored against an answer key (``key/actors.yaml``)."""

from __future__ import annotations

from typing import Any

from helpers.analysis.actors.model import ActorAnalysis
from helpers.analysis.scoring import score_names
from helpers.core.text import fold


def score_actors(analysis: ActorAnalysis, key: dict) -> dict[str, Any]:
    """Compare with an answer key (``key/actors.yaml`` as a dict): recall, precision, types, aliases.

    Precision and recall follow the rules of ``helpers.analysis.scoring`` (a key actor is found
    when a reported actor has its name or shares an alias with it; reported outlets the key
    does not list are not counted). ``forbidden`` lists reported names or aliases that the
    key's ``not_actors`` forbids.
    """
    wanted = key.get("actors") or []
    score = score_names(analysis.actors, wanted)
    by_name = {a.name: a for a in analysis.actors}
    wrong_type, alias_hits, alias_total = [], 0, 0
    for k in wanted:
        aliases = [fold(x) for x in k.get("aliases") or []]
        alias_total += len(aliases)
        match = by_name.get(score.matches.get(" ".join(str(k["name"]).split())))
        if match is None:
            continue
        got = {fold(x) for x in match.aliases}
        alias_hits += sum(1 for x in aliases if x in got)
        if k.get("type") and k["type"] != match.type:
            wrong_type.append(f"{k['name']}: {match.type} (key: {k['type']})")
    found = score.found
    forbidden_words = {fold(x) for x in key.get("not_actors") or []}
    forbidden = sorted({x for a in analysis.actors for x in [a.name, *a.aliases] if fold(x) in forbidden_words})
    return {
        "recall": score.recall,
        "precision": score.precision,
        "type_accuracy": (len(found) - len(wrong_type)) / len(found) if found else 1.0,
        "alias_recall": alias_hits / alias_total if alias_total else 1.0,
        "missed": score.missed, "wrong_type": wrong_type,
        "unexpected": score.false_positives,
        "forbidden": forbidden,
    }
