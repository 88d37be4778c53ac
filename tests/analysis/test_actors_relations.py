"""helpers.analysis.actors.relations: co-mentions and signed ties, the pair a cue is about, the graph."""

from __future__ import annotations

import json

from helpers.analysis.actors import extract_actors
from support import make_article


def test_relations_and_graph():
    art = make_article("Relations between Moscow and Yerevan have been rocky. "
                   "Russia and Azerbaijan are now cooperating in trade. Georgia watched.")
    result = extract_actors(art)
    kinds = {(r.source, r.target, r.kind) for r in result.relations}
    assert ("Russia", "Armenia", "conflict") in kinds
    assert ("Russia", "Azerbaijan", "cooperation") in kinds
    assert ("Russia", "Armenia", "co-mention") in kinds
    assert not any("Georgia" in (r.source, r.target) for r in result.relations)
    g = result.graph()
    assert g.edges["Russia", "Armenia"]["kind"] == "conflict"
    assert g.edges["Russia", "Azerbaijan"]["kind"] == "cooperation"
    assert g.edges["Russia", "Armenia"]["weight"] == 1
    assert g.edges["Russia", "Armenia"]["sentence_ids"] == ["p1.s1"]
    assert g.nodes["Georgia"]["type"] == "state"
    json.dumps(result.to_dict())


def test_relations_pick_the_pair_the_cue_is_about():
    art = make_article("Problems between Moscow and Yerevan grew, and so did the rapprochement between "
                   "Moscow and Baku (see EDM, July 19, 2016).")
    result = extract_actors(art)
    signed = {(r.cue, r.source, r.target, r.kind) for r in result.relations if r.kind != "co-mention"}
    assert ("Problems", "Russia", "Armenia", "conflict") in signed
    assert ("rapprochement", "Russia", "Azerbaijan", "cooperation") in signed
    assert result.actor("EDM").type == "media"              # an outlet named in a citation …
    assert not any("EDM" in (r.source, r.target) for r in result.relations)   # … is no party to a tie
