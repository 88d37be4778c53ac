"""helpers.present.views.arguments: the outline, the argument map drawn offline and its round trip,
critical questions joined with the citation trail, titles, the rubric and hindsight tables."""

from __future__ import annotations

import json

from helpers.analysis.arguments import pack_argument_map, scheme_instances
from helpers.analysis.outline import conclusion_paragraph
from helpers.analysis.quotes import extract_quotes
from helpers.analysis.reading import extract_features
from helpers.model.article import load_article, parse_article
from helpers.model.packs import MISSING_NOTE, load_pack
from helpers.model.workspace import open_workspace
from helpers.present.display import chart_spec
from helpers.present.views import arguments as views
from support import SYNTHETIC_ARTICLE


def test_outline_and_conclusion_of_a_small_argument():
    toy = parse_article("T\n\nIs it so? On the one hand, yes. On the other hand, no. In short, maybe.\n", article_id="t")
    outline = views.argument_outline(toy, None, extract_features(toy))
    assert outline["part"].tolist() == ["question", "first interpretation", "second interpretation", "conclusion"]
    assert conclusion_paragraph(toy, None, extract_features(toy)).number == 1


def test_vega_lite_spec_renders_offline(seed_map):
    amap = seed_map
    import vl_convert as vlc

    spec = views.to_vega_lite(amap)
    json.dumps(spec)  # plain data
    svg = vlc.vegalite_to_svg(spec)
    assert svg.startswith("<svg") and "in-short" in svg and "question" in svg
    assert f"{len(amap.statements)} statements" in spec["description"]


def test_argument_map_diagram_and_roundtrip(seed_map):
    amap = seed_map
    chart, table = views.argument_map_diagram(amap)
    spec = chart_spec(chart)
    assert spec["description"] and len(table) == len(amap.statements)
    notes = views.roundtrip_note(amap)
    assert len(notes) == 2 and all("come back unchanged" in n for n in notes)
    assert pack_argument_map(load_article(SYNTHETIC_ARTICLE)) is None


def test_critical_questions_join_the_citation_trail(seed, seed_cites, tmp_path):
    cites = seed_cites
    questions = scheme_instances(seed, article=seed)
    ws = open_workspace(seed, tmp_path)
    lost = next(c for c in cites if c.lost)
    ws.save_answer(f"03_sift_{lost.id}", {"investigate": "found it in an archive", "confidence": "low"})
    chart, table = views.critical_question_status(questions, cites, ws)
    assert len(table) == len(questions)
    rows = table.to_dict("records")
    flagged = [r for r in rows if r["lost sources"]]
    assert flagged and all("source name lost" in r["sources"] for r in flagged)
    expected_lost = sum(1 for q in questions.to_dict("records") for raw in q["citations"]
                        for c in cites if c.raw == raw and c.lost)
    assert sum(r["lost sources"] for r in rows) == expected_lost
    mine = [r for r in rows if r["your trace (03)"]]
    assert all(f"{lost.id}: investigate: found it in an archive" in r["your trace (03)"] for r in mine)
    assert mine == [r for r in rows if lost.raw in r["sources"]]
    spec = chart_spec(chart)
    assert sum(v["questions"] for v in spec["data"]["values"]) == len(questions)


def test_titles_table(seed, seed_actors):
    quotes = extract_quotes(seed, seed_actors)
    titles = views.titles_table(quotes)
    assert len(titles) == sum(1 for q in quotes.quotes if q.kind == "title")


def test_pack_sections_rubric_and_hindsight(seed):
    pack = load_pack(seed)
    assert pack.section("critique", "observations", "voices").startswith("Almost every")
    assert pack.section("critique", "observations", "nothing") == MISSING_NOTE
    other = load_pack(load_article(SYNTHETIC_ARTICLE))
    assert other.section("critique", "rubric", default={}) == {}
    fallback = views.rubric_table({})
    assert len(fallback) == 9 and "fairness" in fallback["standard"].tolist()
    table = views.rubric_table(pack.get("critique")["rubric"])
    assert table["standard"].tolist()[0] == "clarity" and "3 = met well" in views.rubric_levels(pack.get("critique")["rubric"])
    events = views.hindsight_table(pack)
    assert len(events) == len(pack.get("hindsight")["events"]) and (events["outside knowledge"] == "yes").all()
    assert len(views.hindsight_table(other)) == 0
