"""helpers.present.views.actors: actor and resolution tables, places, the mentions heat map, voices,
the seeded relation network and the actor key note. Small hand-made inputs are checked against
hand-computed results; the seed against its pack."""

from __future__ import annotations

import json

import pytest

from helpers.analysis.actors import Actor, ActorAnalysis, Mention, Relation
from helpers.analysis.quotes import Attribution, Quote, QuoteAnalysis
from helpers.model.article import parse_article
from helpers.model.packs import load_pack
from helpers.present.display import chart_spec
from helpers.present.views import actors as views


def _m(text, sid, how="name"):
    return Mention(text=text, start=0, end=len(text), sentence_id=sid, paragraph=int(sid[1:].split(".")[0]), how=how)


@pytest.fixture()
def toy():
    """Two states named by capital and name, one person quoted twice, one vague source."""
    article = parse_article("Toy\n\nAlpha met Beta. Capa agreed.\n\nBeta spoke. Alpha said “we agree here”.\n",
                            article_id="toy")
    alpha = Actor("Alpha", "state", ["Alpha", "Capa"], [_m("Alpha", "p1.s1"), _m("Capa", "p1.s2", "metonymy"),
                                                        _m("Alpha", "p2.s2")])
    beta = Actor("Beta", "state", ["Beta"], [_m("Beta", "p1.s1"), _m("Beta", "p2.s1")])
    dora = Actor("Dora Doe", "person", ["Dora Doe", "the envoy"], [_m("the envoy", "p2.s1", "role")])
    analysis = ActorAnalysis([alpha, beta, dora],
                             [Relation("Alpha", "Beta", "cooperation", "p1.s1", "met", "Alpha met Beta."),
                              Relation("Alpha", "Beta", "cooperation", "p1.s2", "agreed", "Capa agreed."),
                              Relation("Beta", "Dora Doe", "conflict", "p2.s1", "against", "Beta spoke.")],
                             [_m("Capa", "p2.s1")])
    q = [Quote("q1", "we agree here", "speech", "Dora Doe", "said", "r", 2, "p2.s2", 40, 55),
         Quote("q2", "one two", "speech", "Dora Doe", "said", "r", 1, "p1.s2", 20, 29),
         Quote("q3", "A Title", "title", None, None, "r", 1, "p1.s1", 0, 5)]
    a = [Attribution("a1", "Dora Doe", False, "said", "we agree", 2, "p2.s2", 38, 56, "r"),   # same words as q1
         Attribution("a2", "some people", True, "believe", "x", 1, "p1.s1", 0, 10, "r"),
         Attribution("a3", "some people", True, "think", "y", 2, "p2.s1", 0, 10, "r")]
    return article, analysis, QuoteAnalysis(q, a, [])


def test_voices_table_counts_by_hand(toy):
    _, analysis, quotes = toy
    table = views.voices_table(analysis, quotes).set_index("voice")
    assert table.loc["Dora Doe", "quotations"] == 2
    assert table.loc["Dora Doe", "quoted words"] == 5           # "we agree here" + "one two"
    assert table.loc["Dora Doe", "attributed views"] == 0       # a1 covers q1: not counted twice
    assert table.loc["some people", "attributed views"] == 2 and table.loc["some people", "type"] == "unnamed"
    assert table.loc["Alpha", "role"] == "only talked about" and table.loc["Alpha", "mentions"] == 3
    assert table.loc["Dora Doe", "share"] == pytest.approx(0.5) and table.loc["some people", "share"] == pytest.approx(0.5)
    assert list(table.index[:2]) == ["Dora Doe", "some people"]


def test_resolution_and_places(toy):
    _, analysis, _ = toy
    res = views.resolution_table(analysis)
    rows = {(r["as written"], r["resolved to"], r["how"]) for r in res.to_dict("records")}
    assert rows == {("Capa", "Alpha", "metonymy"), ("the envoy", "Dora Doe", "role")}
    assert views.places_table(analysis)["as written"].tolist() == ["Capa"]
    table = views.actor_table(analysis)
    assert table["actor"].tolist() == ["Alpha", "Beta", "Dora Doe"]
    assert table.loc[0, "named as"] == "name 2, metonymy 1"


def test_mention_heatmap_totals_match_mentions(toy, seed, seed_actors):
    article, analysis, _ = toy
    chart, table = views.mention_heatmap(article, analysis)
    spec = chart_spec(chart)
    assert spec["encoding"]["x"]["title"] == "Paragraph" and spec["encoding"]["y"]["title"] == "Actor"
    assert table.set_index("actor").loc["Alpha", "p1"] == 2 and table.set_index("actor").loc["Alpha", "p2"] == 1
    s_article, s_actors = seed, seed_actors
    _, s_table = views.mention_heatmap(s_article, s_actors)
    totals = s_table.set_index("actor").sum(axis=1)
    for a in s_actors.actors:
        assert totals[a.name] == len(a.mentions)


def test_relation_network_is_seeded_and_explains_each_tie(toy):
    article, analysis, _ = toy
    one = chart_spec(views.relation_network(article, analysis, seed=3)[0])
    two = chart_spec(views.relation_network(article, analysis, seed=3)[0])
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    edges = one["layer"][0]["data"]["values"]
    coop = next(e for e in edges if e["kind"] == "cooperation")
    assert coop["ties"] == 2 and "p1.s1: Alpha met Beta." in coop["sentences"] and "p1.s2: Capa agreed." in coop["sentences"]
    assert {t["field"] for t in one["layer"][0]["encoding"]["tooltip"]} >= {"sentences", "cues"}
    _, table = views.relation_network(article, analysis, seed=3, types=("state",))
    assert table["kind"].tolist() == ["cooperation", "cooperation"]   # the person's tie is left out


def test_actor_key_note(seed, seed_actors):
    article, actors = seed, seed_actors
    note = views.actor_key_note(actors, load_pack(article).key("actors"))
    assert isinstance(note, list) and note[0].startswith("recall")
    assert views.actor_key_note(actors, None) == "no answer key for this article: compare with a partner"
