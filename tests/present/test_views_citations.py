"""helpers.present.views.citations, on a small hand-made article whose answers are counted by hand
and on the seed pack: what each paragraph rests on, the source mix and inventory, the timeline
against the publication date, claims, lost citations, the parser checked against the key, and the
instructor's trace key (rendered, and joined with the critical questions)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from helpers.analysis.arguments import scheme_instances
from helpers.analysis.citations import extract_citations
from helpers.analysis.reading import extract_features
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.present.display import chart_spec
from helpers.present.views import citations as views
from present_examples import ports_article


@pytest.fixture(scope="module")
def small():
    return ports_article()


@pytest.fixture(scope="module")
def cites(small):
    found = extract_citations(small)
    assert [c.raw for c in found] == ["(Harbour Daily, March 1)", "(see TM, February 2, 2021)",
                                      "(Harbour Daily, March 3)", "(, February 11)"]
    return found


def test_paragraph_support_counted_by_hand(small, cites):
    support = views.paragraph_support(small, cites, extract_features(small))
    assert list(support["rests on"]) == ["several sources", "one source", "no citation", "no citation",
                                         "one lost source"]
    assert "continues Harbour Daily, last cited in p2.s1" in support.loc[2, "note"]
    assert "says" in support.loc[2, "note"] and "notes" in support.loc[2, "note"]
    assert support.loc[3, "note"].startswith("no attribution cue")
    assert views.single_source_runs(support) == ["Paragraphs 2, 3 rest on one source: Harbour Daily."]


def test_no_continuation_after_a_paragraph_with_several_sources(small, cites):
    support = views.paragraph_support(small, [c for c in cites if c.paragraph == 1], extract_features(small))
    assert list(support["rests on"])[1:3] == ["no citation", "no citation"]
    assert "continues" not in support.loc[2, "note"]
    assert views.single_source_runs(support) == []


def test_source_mix_and_inventory(cites):
    chart, table = views.source_mix(cites)
    rows = {r["category"]: r for r in table.to_dict("records")}
    assert rows["unclassified"]["sources cited"] == 3 and rows["lost"]["sources cited"] == 1
    assert rows["lost"]["share"] == "25%" and rows["lost"]["citations"] == "c4"
    spec = chart_spec(chart)
    assert "unclassified 3" in spec["description"] and spec["title"]
    inventory = views.citation_inventory(cites)
    assert list(inventory["source"]) == ["Harbour Daily", "TM", "Harbour Daily", "(source name lost)"]
    assert list(inventory["dates"]) == ["2021-03-01", "2021-02-02", "2021-03-03", "2021-02-11"]


def test_timeline_measures_days_before_publication(small, cites):
    chart, table = views.dated_timeline(small, cites)
    assert dict(zip(table["date"], table["days before"])) == {"2021-03-01": 8, "2021-02-02": 35, "2021-03-03": 6,
                                                              "2021-02-11": 26}
    spec = chart_spec(chart)
    assert "2021-03-09" in spec["description"] and "6 days before it" in spec["description"]
    rule = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert rule and rule[0]["data"]["values"][0]["date"] == "2021-03-09"


def test_claims_table_pairs_each_citation_with_its_sentence(small, cites):
    table = views.claims_table(cites)
    assert list(table["sentence"]) == [c.sentence_id for c in cites]
    assert table.loc[2, "claim (the sentence it supports)"] == small.sentence("p2.s1").text


def test_lost_citations_are_those_without_a_source_name(seed_cites):
    cites = seed_cites
    lost = views.lost_citations_table(cites)
    assert list(lost["citation"]) == [c.id for c in cites if any(s.name is None for s in c.sources)]


def test_trace_key_rendering(seed):
    trace = load_pack(seed).get("trace")
    shown = []
    with mock.patch("IPython.display.display", side_effect=lambda obj, **kw: shown.append(obj)):
        views.show_trace_key(trace, MISSING_KEY)
        views.show_trace_key(None, MISSING_KEY)
    text = " ".join(str(v) for obj in shown for v in (obj.values() if isinstance(obj, dict) else [obj]))
    for finding in trace["publisher_copy"]["findings"]:
        assert views._item_text(finding) in text
    for entry in trace["citations"]:
        assert entry["raw"] in text
    assert f"Instructor key for the citation trace: {MISSING_KEY}." in text


def test_citation_check_against_the_key(small, cites):
    shown = []
    key = {"citations": [{"id": "c1", "paragraph": 1, "sentence": "p1.s1", "raw": "(Harbour Daily, March 1)",
                          "sources": [{"name": "Harbour Daily", "dates": [dt.date(2021, 3, 1)]}]},
                         {"id": "c9", "paragraph": 4, "raw": "(Nowhere, May 1)"}]}
    with mock.patch("IPython.display.display", side_effect=lambda obj, **kw: shown.append(obj["text/markdown"])):
        views.show_citation_check(cites, key, MISSING_KEY)
        views.show_citation_check(cites, None, MISSING_KEY)
    assert "found 4 citation(s); the hand-checked key has 2; 1 match, 1 exactly" in shown[0]
    assert "missed c9" in shown[0] and "not in the key: '(, February 11)'" in shown[0]
    assert MISSING_KEY in shown[1]


def test_trace_findings_join_questions_and_the_trace_key(seed, seed_cites):
    article, cites = seed, seed_cites
    questions = scheme_instances(article, article=article)
    trace = load_pack(article).get("trace")
    table = views.trace_findings(questions, cites, trace)
    used = {views.resolve_citation(raw, q["sentences"], cites).id for q in questions.to_dict("records")
            for raw in q["citations"]}
    # the same parenthesis printed twice resolves to the one in the question's sentences
    twice = [c for c in cites if sum(d.raw == c.raw for d in cites) > 1]
    if twice:
        assert views.resolve_citation(twice[-1].raw, [twice[-1].sentence_id], cites) is twice[-1]
        assert views.resolve_citation(twice[-1].raw, [], cites) is twice[0]
    assert set(table["citation"]) == used
    keyed = {str(e["id"]): e for e in trace["citations"]}
    for r in table.to_dict("records"):
        assert r["confidence"] == str(keyed[r["citation"]]["confidence"])
        assert r["lost"] == ("yes" if next(c for c in cites if c.id == r["citation"]).lost else "no")
    assert len(views.trace_findings(questions, cites, None)) == len(used)  # no key: 'not traced in the pack'
