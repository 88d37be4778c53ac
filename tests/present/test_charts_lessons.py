"""helpers.present.charts for lessons 02 and 03, on a small hand-made article whose answers are counted by
hand, and on the seed pack (glossary sourced, trace key rendered)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers.present import charts
from helpers.model.article import load_article, parse_article
from helpers.analysis.citations import extract_citations
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.core.paths import SEED_ARTICLE_ID
from helpers.analysis.reading import extract_features

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"

TEXT = """Ports And Plans

Publication: Test Monitor Volume: 3 Issue: 7

The port grew fast (Harbour Daily, March 1). Officials agreed (see TM, February 2, 2021).

Critics doubt the figures (Harbour Daily, March 3).

The analyst says the plan is weak. She notes the costs.

Nothing more happened.

Trade rose anyway (, February 11).
"""


@pytest.fixture(scope="module")
def small():
    return parse_article(TEXT, article_id="small", metadata={"date": dt.date(2021, 3, 9)})


@pytest.fixture(scope="module")
def cites(small):
    found = extract_citations(small)
    assert [c.raw for c in found] == ["(Harbour Daily, March 1)", "(see TM, February 2, 2021)",
                                      "(Harbour Daily, March 3)", "(, February 11)"]
    return found


def test_paragraph_support_counted_by_hand(small, cites):
    support = charts.paragraph_support(small, cites, extract_features(small))
    assert list(support["rests on"]) == ["several sources", "one source", "no citation", "no citation",
                                         "one lost source"]
    assert "continues Harbour Daily, last cited in p2.s1" in support.loc[2, "note"]
    assert "says" in support.loc[2, "note"] and "notes" in support.loc[2, "note"]
    assert support.loc[3, "note"].startswith("no attribution cue")
    assert charts.single_source_runs(support) == ["Paragraphs 2, 3 rest on one source: Harbour Daily."]


def test_no_continuation_after_a_paragraph_with_several_sources(small, cites):
    support = charts.paragraph_support(small, [c for c in cites if c.paragraph == 1], extract_features(small))
    assert list(support["rests on"])[1:3] == ["no citation", "no citation"]
    assert "continues" not in support.loc[2, "note"]
    assert charts.single_source_runs(support) == []


def test_source_mix_and_inventory(cites):
    chart, table = charts.source_mix(cites)
    rows = {r["category"]: r for r in table.to_dict("records")}
    assert rows["unclassified"]["sources cited"] == 3 and rows["lost"]["sources cited"] == 1
    assert rows["lost"]["share"] == "25%" and rows["lost"]["citations"] == "c4"
    spec = charts.chart_spec(chart)
    assert "unclassified 3" in spec["description"] and spec["title"]
    inventory = charts.citation_inventory(cites)
    assert list(inventory["source"]) == ["Harbour Daily", "TM", "Harbour Daily", "(source name lost)"]
    assert list(inventory["dates"]) == ["2021-03-01", "2021-02-02", "2021-03-03", "2021-02-11"]


def test_timeline_measures_days_before_publication(small, cites):
    chart, table = charts.dated_timeline(small, cites)
    assert dict(zip(table["date"], table["days before"])) == {"2021-03-01": 8, "2021-02-02": 35, "2021-03-03": 6,
                                                              "2021-02-11": 26}
    spec = charts.chart_spec(chart)
    assert "2021-03-09" in spec["description"] and "6 days before it" in spec["description"]
    rule = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert rule and rule[0]["data"]["values"][0]["date"] == "2021-03-09"


def test_claims_table_pairs_each_citation_with_its_sentence(small, cites):
    table = charts.claims_table(cites)
    assert list(table["sentence"]) == [c.sentence_id for c in cites]
    assert table.loc[2, "claim (the sentence it supports)"] == small.sentence("p2.s1").text


def test_stance_density_table_and_chart(small):
    features = extract_features(small)
    chart, table = charts.stance_density(small, features)
    assert set(table["category"]) == {"hedge", "booster", "attribution"}
    p3 = table[(table["paragraph"] == 3) & (table["category"] == "attribution")].iloc[0]
    assert p3["count"] == 2 and p3["per_1000"] == round(2000 / small.paragraph(3).word_count, 2)
    spec = charts.chart_spec(chart)
    assert spec["encoding"]["y"]["title"] and spec["encoding"]["x"]["title"]


def test_guided_reading_from_roles_and_without(small):
    reading = {"paragraph_roles": [{"paragraph": 2, "role": "objection", "cue": {"sentence": "p2.s1", "quote": "Critics"},
                                    "why": "It  raises a doubt.", "alternative_role": "evidence"}]}
    table = charts.guided_reading_table(small, reading)
    assert list(table["role"]) == ["—", "objection", "—", "—", "—"]
    assert table.loc[1, "cue"] == "p2.s1: “Critics”" and table.loc[1, "why"].startswith("It raises a doubt.")
    assert "evidence" in table.loc[1, "why"]
    assert (charts.guided_reading_table(small, None)["role"] == "—").all()


def test_glossary_marks_outside_knowledge_and_sources():
    glossary = {"entries": [
        {"term": "Port", "article": [{"sentence": "p1.s1", "quote": "The port"}], "definition": "A harbour.",
         "outside_knowledge": True, "sources": [{"title": "T", "publisher": "P", "url": "https://example.org/x"}],
         "spelling": {"article_form": "Prt", "usual_form": "Port", "native_form": "Port", "note": "n"}},
        {"term": "Plan", "definition": "In the text.", "outside_knowledge": False}]}
    text = charts.glossary_markdown(glossary, MISSING_KEY)
    first, second = text.split("\n\n### ")
    assert "**Outside knowledge**" in first and "https://example.org/x" in first and "p1.s1: “The port”" in first
    assert "**From the article**" in second and "none given" in second
    assert MISSING_KEY in charts.glossary_markdown(None, MISSING_KEY)
    spelling = charts.spelling_table(glossary)
    assert spelling.to_dict("records")[0]["usual form"] == "Port" and len(spelling) == 1


def test_seed_glossary_every_entry_sourced_and_the_spelling_note():
    glossary = load_pack(load_article(SEED)).get("glossary")
    text = charts.glossary_markdown(glossary, MISSING_KEY)
    assert text.count("### ") == len(glossary["entries"]) and "none given" not in text
    spelled = [e for e in glossary["entries"] if e.get("spelling")]
    table = charts.spelling_table(glossary)
    assert len(table) == len(spelled) >= 1
    assert list(table["in the article"]) == [e["spelling"]["article_form"] for e in spelled]


def test_trace_key_rendering():
    from unittest import mock

    trace = load_pack(load_article(SEED)).get("trace")
    shown = []
    with mock.patch("IPython.display.display", side_effect=lambda obj, **kw: shown.append(obj)):
        charts.show_trace_key(trace, MISSING_KEY)
        charts.show_trace_key(None, MISSING_KEY)
    text = " ".join(str(v) for obj in shown for v in (obj.values() if isinstance(obj, dict) else [obj]))
    for finding in trace["publisher_copy"]["findings"]:
        assert charts._item_text(finding) in text
    for entry in trace["citations"]:
        assert entry["raw"] in text
    assert f"Instructor key for the citation trace: {MISSING_KEY}." in text


def test_citation_check_against_the_key(small, cites):
    from unittest import mock

    shown = []
    key = {"citations": [{"id": "c1", "paragraph": 1, "sentence": "p1.s1", "raw": "(Harbour Daily, March 1)",
                          "sources": [{"name": "Harbour Daily", "dates": [dt.date(2021, 3, 1)]}]},
                         {"id": "c9", "paragraph": 4, "raw": "(Nowhere, May 1)"}]}
    with mock.patch("IPython.display.display", side_effect=lambda obj, **kw: shown.append(obj["text/markdown"])):
        charts.show_citation_check(cites, key, MISSING_KEY)
        charts.show_citation_check(cites, None, MISSING_KEY)
    assert "found 4 citation(s); the hand-checked key has 2; 1 match, 1 exactly" in shown[0]
    assert "missed c9" in shown[0] and "not in the key: '(, February 11)'" in shown[0]
    assert MISSING_KEY in shown[1]
