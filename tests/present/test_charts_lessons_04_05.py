"""Charts and tables of lessons 04 and 05 (helpers.present.charts): actor and resolution tables, the
mentions heat map, voices, the seeded relation network, the two-mode network, critical questions
joined with the citation trail, stance in the conclusion, the outline, rubric and hindsight tables.
Small hand-made inputs are checked against hand-computed results; the seed against its pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.present import charts
from helpers.analysis.actors import Actor, ActorAnalysis, Mention, Relation, extract_actors
from helpers.model.article import load_article, parse_article
from helpers.analysis.citations import extract_citations
from helpers.analysis.arguments import pack_argument_map
from helpers.analysis.discourse import DiscourseStatement, pack_statements
from helpers.analysis.outline import conclusion_paragraph
from helpers.model.packs import MISSING_NOTE, load_pack
from helpers.analysis.quotes import Attribution, Quote, QuoteAnalysis, extract_quotes
from helpers.analysis.reading import extract_features

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
SYNTHETIC = ROOT / "data" / "articles" / "synthetic-2021-northern-corridor.txt"


@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED)
    actors = extract_actors(article)
    return article, actors, extract_quotes(article, actors), extract_citations(article), extract_features(article)


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
    table = charts.voices_table(analysis, quotes).set_index("voice")
    assert table.loc["Dora Doe", "quotations"] == 2
    assert table.loc["Dora Doe", "quoted words"] == 5           # "we agree here" + "one two"
    assert table.loc["Dora Doe", "attributed views"] == 0       # a1 covers q1: not counted twice
    assert table.loc["some people", "attributed views"] == 2 and table.loc["some people", "type"] == "unnamed"
    assert table.loc["Alpha", "role"] == "only talked about" and table.loc["Alpha", "mentions"] == 3
    assert table.loc["Dora Doe", "share"] == pytest.approx(0.5) and table.loc["some people", "share"] == pytest.approx(0.5)
    assert list(table.index[:2]) == ["Dora Doe", "some people"]


def test_resolution_and_places(toy):
    _, analysis, _ = toy
    res = charts.resolution_table(analysis)
    rows = {(r["as written"], r["resolved to"], r["how"]) for r in res.to_dict("records")}
    assert rows == {("Capa", "Alpha", "metonymy"), ("the envoy", "Dora Doe", "role")}
    assert charts.places_table(analysis)["as written"].tolist() == ["Capa"]
    table = charts.actor_table(analysis)
    assert table["actor"].tolist() == ["Alpha", "Beta", "Dora Doe"]
    assert table.loc[0, "named as"] == "name 2, metonymy 1"


def test_mention_heatmap_totals_match_mentions(toy, seed):
    article, analysis, _ = toy
    chart, table = charts.mention_heatmap(article, analysis)
    spec = charts.chart_spec(chart)
    assert spec["encoding"]["x"]["title"] == "Paragraph" and spec["encoding"]["y"]["title"] == "Actor"
    assert table.set_index("actor").loc["Alpha", "p1"] == 2 and table.set_index("actor").loc["Alpha", "p2"] == 1
    s_article, s_actors = seed[0], seed[1]
    _, s_table = charts.mention_heatmap(s_article, s_actors)
    totals = s_table.set_index("actor").sum(axis=1)
    for a in s_actors.actors:
        assert totals[a.name] == len(a.mentions)


def test_relation_network_is_seeded_and_explains_each_tie(toy):
    article, analysis, _ = toy
    one = charts.chart_spec(charts.relation_network(article, analysis, seed=3)[0])
    two = charts.chart_spec(charts.relation_network(article, analysis, seed=3)[0])
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    edges = one["layer"][0]["data"]["values"]
    coop = next(e for e in edges if e["kind"] == "cooperation")
    assert coop["ties"] == 2 and "p1.s1: Alpha met Beta." in coop["sentences"] and "p1.s2: Capa agreed." in coop["sentences"]
    assert {t["field"] for t in one["layer"][0]["encoding"]["tooltip"]} >= {"sentences", "cues"}
    _, table = charts.relation_network(article, analysis, seed=3, types=("state",))
    assert table["kind"].tolist() == ["cooperation", "cooperation"]   # the person's tie is left out


def test_two_mode_table_matches_hand_computed():
    s = [DiscourseStatement("d1", "A", "x", 1, "p1.s1", 1), DiscourseStatement("d2", "A", "x", 1, "p1.s2", 1),
         DiscourseStatement("d3", "B", "x", -1, "p2.s1", 2), DiscourseStatement("d4", "B", "y", 0, "p2.s2", 2)]
    table = charts.two_mode_table(s)
    got = {(r["actor"], r["concept"]): (r["agreement"], r["statements"], r["ids"]) for r in table.to_dict("records")}
    assert got == {("A", "x"): (2, 2, "d1, d2"), ("B", "x"): (-1, 1, "d3"), ("B", "y"): (0, 1, "d4")}
    spec = charts.chart_spec(charts.two_mode_network(s)[0])
    positions = {e["position"] for e in spec["layer"][0]["data"]["values"]}
    assert positions == {"agrees", "disagrees", "neutral or mixed"}
    assert charts.matrix_table(s).set_index("actor").loc["B", "x"] == -1
    assert len(charts.matrix_table([])) == 0


def test_critical_questions_join_the_citation_trail(seed, tmp_path):
    from helpers.analysis.arguments import scheme_instances
    from helpers.model.workspace import open_workspace

    article, _, _, cites, _ = seed
    questions = scheme_instances(article, article=article)
    ws = open_workspace(article, tmp_path)
    lost = next(c for c in cites if c.lost)
    ws.save_answer(f"03_sift_{lost.id}", {"investigate": "found it in an archive", "confidence": "low"})
    chart, table = charts.critical_question_status(questions, cites, ws)
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
    spec = charts.chart_spec(chart)
    assert sum(v["questions"] for v in spec["data"]["values"]) == len(questions)


def test_stance_and_outline(seed):
    article, _, _, _, features = seed
    last = article.paragraphs[-1].number
    chart, table = charts.stance_chart(article, features, [last])
    expected = [f for f in features if f.paragraph == last and f.category in ("hedge", "booster", "attribution")]
    assert len(table) == len(expected)
    assert sum(v["count"] for v in charts.chart_spec(chart)["data"]["values"]) == len(expected)
    toy = parse_article("T\n\nIs it so? On the one hand, yes. On the other hand, no. In short, maybe.\n", article_id="t")
    from helpers.analysis.reading import extract_features as ef

    outline = charts.argument_outline(toy, None, ef(toy))
    assert outline["part"].tolist() == ["question", "first interpretation", "second interpretation", "conclusion"]
    assert conclusion_paragraph(toy, None, ef(toy)).number == 1


def test_argument_map_diagram_and_roundtrip(seed):
    from helpers.analysis.arguments import load_argument_map

    article = seed[0]
    amap = load_argument_map(load_pack(article).root / "argument.yaml", article=article)
    chart, table = charts.argument_map_diagram(amap)
    spec = charts.chart_spec(chart)
    assert spec["description"] and len(table) == len(amap.statements)
    notes = charts.roundtrip_note(amap)
    assert len(notes) == 2 and all("come back unchanged" in n for n in notes)
    assert pack_argument_map(load_article(SYNTHETIC)) is None


def test_pack_sections_rubric_and_hindsight(seed):
    article = seed[0]
    pack = load_pack(article)
    assert pack.section("critique", "observations", "voices").startswith("Almost every")
    assert pack.section("critique", "observations", "nothing") == MISSING_NOTE
    other = load_pack(load_article(SYNTHETIC))
    assert other.section("critique", "rubric", default={}) == {}
    fallback = charts.rubric_table({})
    assert len(fallback) == 9 and "fairness" in fallback["standard"].tolist()
    table = charts.rubric_table(pack.get("critique")["rubric"])
    assert table["standard"].tolist()[0] == "clarity" and "3 = met well" in charts.rubric_levels(pack.get("critique")["rubric"])
    events = charts.hindsight_table(pack)
    assert len(events) == len(pack.get("hindsight")["events"]) and (events["outside knowledge"] == "yes").all()
    assert len(charts.hindsight_table(other)) == 0


def test_titles_and_key_note(seed):
    article, actors, quotes, _, _ = seed
    titles = charts.titles_table(quotes)
    assert len(titles) == sum(1 for q in quotes.quotes if q.kind == "title")
    note = charts.actor_key_note(actors, load_pack(article).key("actors"))
    assert isinstance(note, list) and note[0].startswith("recall")
    assert charts.actor_key_note(actors, None) == "no answer key for this article: compare with a partner"


def test_trace_findings_join_questions_and_the_trace_key(seed):
    from helpers.analysis.arguments import scheme_instances

    article, _, _, cites, _ = seed
    questions = scheme_instances(article, article=article)
    trace = load_pack(article).get("trace")
    table = charts.trace_findings(questions, cites, trace)
    used = {charts._resolve_citation(raw, q["sentences"], cites).id for q in questions.to_dict("records")
            for raw in q["citations"]}
    # the same parenthesis printed twice resolves to the one in the question's sentences
    twice = [c for c in cites if sum(d.raw == c.raw for d in cites) > 1]
    if twice:
        assert charts._resolve_citation(twice[-1].raw, [twice[-1].sentence_id], cites) is twice[-1]
        assert charts._resolve_citation(twice[-1].raw, [], cites) is twice[0]
    assert set(table["citation"]) == used
    keyed = {str(e["id"]): e for e in trace["citations"]}
    for r in table.to_dict("records"):
        assert r["confidence"] == str(keyed[r["citation"]]["confidence"])
        assert r["lost"] == ("yes" if next(c for c in cites if c.id == r["citation"]).lost else "no")
    assert len(charts.trace_findings(questions, cites, None)) == len(used)  # no key: 'not traced in the pack'


def test_tables_have_no_unlabelled_header_cells(seed):
    """Screen readers need a label for every header cell (axe rule empty-table-header)."""
    article, actors, _, _, _ = seed
    tables = [charts.mention_heatmap(article, actors)[1], charts.matrix_table(pack_statements(article))]
    for table in tables:
        html = charts.table_html(table, "caption")
        assert "<th></th>" not in html and "<th" not in html.split("<tbody>")[1]
