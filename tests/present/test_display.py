"""helpers.present.display: offline Vega-Lite specs with title, axis titles and description, the raw
mimebundle display followed by the captioned table, escaped tables, notes and inert quotations."""

from __future__ import annotations

import json

import pytest

from helpers.analysis.discourse import pack_statements
from helpers.present import display
from helpers.present.views import actors as actor_views
from helpers.present.views import article as article_views
from helpers.present.views import citations as citation_views
from helpers.present.views import discourse as discourse_views


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


def _builders(seed, seed_cites):
    return {"paragraph_map": article_views.paragraph_map(seed),
            "citation_timeline": citation_views.citation_timeline(seed, seed_cites)}


def test_every_chart_has_title_axis_titles_description_and_inline_data(seed, seed_cites):
    for name, (chart, table) in _builders(seed, seed_cites).items():
        spec = display.chart_spec(chart)
        assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
        assert spec["title"] and len(spec["description"]) > 40, name
        for channel in ("x", "y"):
            assert spec["encoding"][channel]["title"], (name, channel)
        assert spec["data"]["values"] == json.loads(table.to_json(orient="records"))
        assert not any("url" in node for node in _walk(spec)), name
        assert spec.get("name") == name  # fixed, not generated
        assert json.dumps(spec, sort_keys=True) == json.dumps(spec)  # keys already sorted


def test_specs_are_deterministic(seed, seed_cites):
    first = [json.dumps(display.chart_spec(c)) for c, _ in _builders(seed, seed_cites).values()]
    second = [json.dumps(display.chart_spec(c)) for c, _ in _builders(seed, seed_cites).values()]
    assert first == second


@pytest.mark.parametrize("version", ["5.20", "5.8"])
def test_specs_compile_as_vega_lite_5_offline(seed, seed_cites, version):
    vlc = pytest.importorskip("vl_convert")
    for name, (chart, _) in _builders(seed, seed_cites).items():
        spec = display.chart_spec(chart)
        svg = vlc.vegalite_to_svg(spec, vl_version=version)
        assert svg.lstrip().startswith("<svg"), name
        assert spec["title"].split(":")[0] in svg, name


def test_a_chart_without_description_is_refused(seed):
    import altair as alt

    bare = alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q").properties(title="t")
    with pytest.raises(ValueError, match="description"):
        display.chart_spec(bare)
    remote = alt.Chart(alt.Data(url="https://example.org/x.json")).mark_bar().encode(x="a:Q").properties(
        title="t", description="d")
    with pytest.raises(ValueError, match="inline"):
        display.chart_spec(remote)


def test_show_displays_raw_vegalite_bundle_then_captioned_table(seed, displayed):
    chart, table = article_views.paragraph_map(seed)
    display.show(chart, table)
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

    html = display.table_html(pd.DataFrame([{"a": "<b>&"}]), "A & B <caption>")
    assert "<caption>A &amp; B &lt;caption&gt;</caption>" in html and "&lt;b&gt;&amp;" in html


def test_tables_have_no_unlabelled_header_cells(seed, seed_actors):
    """Screen readers need a label for every header cell (axe rule empty-table-header)."""
    tables = [actor_views.mention_heatmap(seed, seed_actors)[1],
              discourse_views.matrix_table(pack_statements(seed))]
    for table in tables:
        html = display.table_html(table, "caption")
        assert "<th></th>" not in html and "<th" not in html.split("<tbody>")[1]


def test_notes_and_quotes_display_markdown(displayed):
    display.show_note(["one", "two"], heading="H")
    display.show_quote("line one\nline two", "p1")
    assert displayed[0][0]["text/markdown"] == "**H**\n\n- one\n- two"
    assert displayed[1][0]["text/markdown"] == "> line one\n> line two\n>\n> — p1"


def test_article_text_in_markdown_outputs_is_inert():
    out = display.md_text('<script>alert(1)</script> [x](javascript:alert(1)) <img onerror=x> *b*')
    assert "<" not in out and ">" not in out
    assert "\\[x\\]" in out and "\\*b\\*" in out
