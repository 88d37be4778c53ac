"""helpers.present.charts: offline Vega-Lite specs with title, axis titles and description, their tables,
the raw mimebundle display, and the lesson tables (headline, dating, losses)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.present import charts
from helpers.model.article import load_article, parse_article
from helpers.analysis.citations import extract_citations
from helpers.core.paths import SEED_ARTICLE_ID

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture(scope="module")
def cites(seed):
    return extract_citations(seed)


@pytest.fixture
def displayed(monkeypatch):
    """Everything passed to IPython.display.display, as (object, raw) pairs."""
    import IPython.display

    calls = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False, **kw: calls.append((obj, raw)))
    return calls


def _walk(value):
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)


def _builders(seed, cites):
    return {"paragraph_map": charts.paragraph_map(seed), "citation_timeline": charts.citation_timeline(seed, cites)}


def test_every_chart_has_title_axis_titles_description_and_inline_data(seed, cites):
    for name, (chart, table) in _builders(seed, cites).items():
        spec = charts.chart_spec(chart)
        assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
        assert spec["title"] and len(spec["description"]) > 40, name
        for channel in ("x", "y"):
            assert spec["encoding"][channel]["title"], (name, channel)
        assert spec["data"]["values"] == json.loads(table.to_json(orient="records"))
        assert not any("url" in node for node in _walk(spec)), name
        assert spec.get("name") == name  # fixed, not generated
        assert json.dumps(spec, sort_keys=True) == json.dumps(spec)  # keys already sorted


def test_specs_are_deterministic(seed, cites):
    first = [json.dumps(charts.chart_spec(c)) for c, _ in _builders(seed, cites).values()]
    second = [json.dumps(charts.chart_spec(c)) for c, _ in _builders(seed, cites).values()]
    assert first == second


@pytest.mark.parametrize("version", ["5.20", "5.8"])
def test_specs_compile_as_vega_lite_5_offline(seed, cites, version):
    vlc = pytest.importorskip("vl_convert")
    for name, (chart, _) in _builders(seed, cites).items():
        spec = charts.chart_spec(chart)
        svg = vlc.vegalite_to_svg(spec, vl_version=version)
        assert svg.lstrip().startswith("<svg"), name
        assert spec["title"].split(":")[0] in svg, name


def test_paragraph_map_counts_what_the_article_holds(seed):
    _, table = charts.paragraph_map(seed)
    assert list(table["paragraph"]) == [p.number for p in seed.paragraphs]
    assert list(table["words"]) == [len(p.text.split()) for p in seed.paragraphs]
    assert list(table["sentences"]) == [len(p.sentences) for p in seed.paragraphs]
    longest = max(seed.paragraphs, key=lambda p: p.word_count)
    spec = charts.chart_spec(charts.paragraph_map(seed)[0])
    assert f"Paragraph {longest.number} is the longest ({longest.word_count} words)" in spec["description"]


def test_citation_timeline_and_dating_use_the_cited_dates(seed, cites):
    dates = sorted(d for c in cites for s in c.sources for d in s.dates)
    chart, table = charts.citation_timeline(seed, cites)
    assert len(table) == len(dates) and list(table["date"]) == [d.isoformat() for d in dates]
    assert dates[-1].isoformat() in charts.chart_spec(chart)["description"]
    window = charts.date_window(seed, cites)
    assert window == {"not_before": dates[-1].isoformat(), "not_after": seed.reference_date().isoformat()}
    dating = charts.dating_table(seed, cites).set_index("evidence")
    assert dating.loc["latest date cited", "says"] == dates[-1].isoformat()
    assert dating.loc["year", "says"] == str(seed.year)
    assert "conflict" not in dating.index
    lost = charts.lost_citations_table(cites)
    assert list(lost["citation"]) == [c.id for c in cites if any(s.name is None for s in c.sources)]


def test_dating_flags_a_citation_later_than_the_publication_date():
    text = "Title\n\nBody cites a report (Daily News, May 3, 2020).\n"
    article = parse_article(text, metadata={"date": "2020-04-01"})
    cites = extract_citations(article)
    table = charts.dating_table(article, cites).set_index("evidence")
    assert "conflict" in table.index and table.loc["conflict", "kind"] == "problem"


def test_an_article_with_no_citations_still_charts():
    article = parse_article("Title only\n\nOne paragraph without any citation.\n")
    chart, table = charts.citation_timeline(article, [])
    assert len(table) == 0
    assert "cites no dated sources" in charts.chart_spec(chart)["description"]
    assert charts.dating_table(article, []).iloc[0]["kind"] == "problem"


def test_a_chart_without_description_is_refused(seed):
    import altair as alt

    bare = alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q").properties(title="t")
    with pytest.raises(ValueError, match="description"):
        charts.chart_spec(bare)
    remote = alt.Chart(alt.Data(url="https://example.org/x.json")).mark_bar().encode(x="a:Q").properties(
        title="t", description="d")
    with pytest.raises(ValueError, match="inline"):
        charts.chart_spec(remote)


def test_show_displays_raw_vegalite_bundle_then_captioned_table(seed, displayed):
    chart, table = charts.paragraph_map(seed)
    charts.show(chart, table)
    (bundle, raw1), (html_bundle, raw2) = displayed
    assert raw1 and raw2
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "text/plain"}
    spec = bundle["application/vnd.vegalite.v5+json"]
    assert bundle["text/plain"] == f"{spec['title']}: {spec['description']}"
    html = html_bundle["text/html"]
    assert html.startswith("<table") and f"<caption>Data for the chart “{spec['title']}”</caption>" in html
    assert "<th>words</th>" in html and html.count("<tr") == len(table) + 1
    assert "<th></th>" not in html  # no index column
    json.dumps(bundle)  # JSON-ready, as nbformat needs


def test_table_html_escapes_and_captions():
    import pandas as pd

    html = charts.table_html(pd.DataFrame([{"a": "<b>&"}]), "A & B <caption>")
    assert "<caption>A &amp; B &lt;caption&gt;</caption>" in html and "&lt;b&gt;&amp;" in html


@pytest.mark.parametrize("title, claim, qualification", [
    ("Moscow-Baku Rapprochement Continues—But With Tests Ahead", "Moscow-Baku Rapprochement Continues",
     "But With Tests Ahead"),
    ("Trade Grows: Risks Remain", "Trade Grows", "Risks Remain"),
    ("Talks Resume but Doubts Linger", "Talks Resume", "but Doubts Linger"),
    ("A Corridor – With Conditions", "A Corridor", "With Conditions"),
    ("Baku-Moscow Ties Deepen", "Baku-Moscow Ties Deepen", ""),
])
def test_headline_parts(title, claim, qualification):
    assert charts.headline_parts(title) == {"claim": claim, "qualification": qualification}


def test_article_card_marks_where_each_fact_comes_from(seed):
    card = charts.article_card(seed).set_index("field")
    assert card.loc["title", "value"] == seed.title
    assert card.loc["volume", "value"] == str(seed.metadata["volume"])
    assert card.loc["year", "from"] == seed.metadata["year_source"]
    assert card.loc["author", "value"] == "not named"
    assert card.loc["volume", "from"] == card.loc["publication", "from"] == "the text (publication line)"
    assert card.loc["body", "value"].startswith(f"{len(seed.paragraphs)} paragraphs")
    md = parse_article("---\ntitle: T\npublication: Brief\nvolume: 3\n---\n\nBody text here.\n",
                       metadata={"issue": 9})
    other = charts.article_card(md).set_index("field")
    assert other.loc["volume", "from"] == "the file's front matter"
    assert other.loc["issue", "from"] == "metadata (outside the text)"


def test_notes_and_quotes_display_markdown(displayed):
    charts.show_note(["one", "two"], heading="H")
    charts.show_quote("line one\nline two", "p1")
    assert displayed[0][0]["text/markdown"] == "**H**\n\n- one\n- two"
    assert displayed[1][0]["text/markdown"] == "> line one\n> line two\n>\n> — p1"


def test_losses_table_columns(seed):
    from helpers.model.packs import load_pack

    table = charts.losses_table(load_pack(seed).losses(seed.metadata))
    assert list(table.columns) == ["what", "where", "detail", "recorded in"]
    assert len(table) >= len(seed.metadata["losses"])
    assert "recorded in" in charts.losses_table([]).columns


def test_article_text_in_markdown_outputs_is_inert():
    from helpers.present.charts import md_text

    out = md_text('<script>alert(1)</script> [x](javascript:alert(1)) <img onerror=x> *b*')
    assert "<" not in out and ">" not in out
    assert "\\[x\\]" in out and "\\*b\\*" in out
