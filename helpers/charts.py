"""Presentation: offline Altair charts, each with a title, axis titles, a screen-reader
description and its data table, plus the small tables and notes the lessons display.

Builders return ``(chart, table)``; ``show(chart, table)`` displays the chart as a raw
Vega-Lite v5 mimebundle (rendered offline by JupyterLab and by the site build) followed by
the table as HTML with a caption. Nothing here loads Vega from the network.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
VEGALITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
_WIDTH = 560


# -- display ---------------------------------------------------------------------------------

def chart_spec(chart) -> dict[str, Any]:
    """The chart as plain, deterministic Vega-Lite JSON (sorted keys, inline data, v5 schema id)."""
    spec = chart.to_dict()
    spec["$schema"] = VEGALITE_SCHEMA
    if spec.get("config") == {"view": {"continuousWidth": 300, "continuousHeight": 300}}:
        del spec["config"]  # Altair's default, noise in the saved notebook
    _check_inline(spec)
    for key in ("title", "description"):
        if not spec.get(key):
            raise ValueError(f"chart has no {key}: every chart needs a title and a description")
    return json.loads(json.dumps(spec, sort_keys=True, default=str))


def _check_inline(spec: Any) -> None:
    if isinstance(spec, dict):
        if "url" in spec and isinstance(spec.get("url"), str):
            raise ValueError("chart data must be inline values, not a URL")
        for value in spec.values():
            _check_inline(value)
    elif isinstance(spec, list):
        for value in spec:
            _check_inline(value)


def chart_bundle(chart) -> dict[str, Any]:
    """The raw mimebundle for a chart: Vega-Lite JSON plus a text alternative."""
    spec = chart_spec(chart)
    title = spec["title"] if isinstance(spec["title"], str) else spec["title"].get("text", "")
    return {VEGALITE_MIME: spec, "text/plain": f"{title}: {spec['description']}"}


def table_html(table, caption: str) -> str:
    """A small HTML table (no index) with a caption."""
    body = table.to_html(index=False, border=0, na_rep="", escape=True, classes="data-table")
    return body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)


def show_table(table, caption: str) -> None:
    """Display a table as HTML with a caption (and plain text for other front ends)."""
    from IPython.display import display

    plain = f"{caption}\n{table.to_string(index=False)}" if len(table) else f"{caption}\n(no rows)"
    display({"text/html": table_html(table, caption), "text/plain": plain}, raw=True)


def show(chart, table, caption: str | None = None) -> None:
    """Display a chart (raw Vega-Lite mimebundle) and, right after, its data table."""
    from IPython.display import display

    bundle = chart_bundle(chart)
    display(bundle, raw=True)
    spec = bundle[VEGALITE_MIME]
    title = spec["title"] if isinstance(spec["title"], str) else spec["title"].get("text", "")
    show_table(table, caption or f"Data for the chart “{title}”")


def show_note(text: Any, heading: str | None = None) -> None:
    """Display a lesson note (Markdown text, or a list of points) from the pack or the metadata."""
    from IPython.display import display

    if isinstance(text, (list, tuple)):
        body = "\n".join(f"- {item}" for item in text)
    elif isinstance(text, dict):
        body = "\n".join(f"- **{k}**: {v}" for k, v in text.items())
    else:
        body = str(text).strip()
    if heading:
        body = f"**{heading}**\n\n{body}"
    display({"text/markdown": body, "text/plain": body}, raw=True)


def show_quote(text: str, where: str) -> None:
    """Display a passage of the article as a block quote, with where it is (e.g. 'p1')."""
    from IPython.display import display

    body = "\n".join(f"> {line}" for line in text.splitlines()) + f"\n>\n> — {where}"
    display({"text/markdown": body, "text/plain": f"{text}\n— {where}"}, raw=True)


# -- tables for the lessons ----------------------------------------------------------------

def _df(rows: list[dict[str, Any]], columns: list[str]):
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def article_card(article) -> Any:
    """What the article says about itself (title, publication line, year) and where each fact comes from."""
    meta = article.metadata
    rows = [{"field": "title", "value": article.title, "from": "the text (first line)"}]
    head = article.text[: article.paragraphs[0].start] if article.paragraphs else article.text
    labels = {"publication": "Publication:", "volume": "Volume:", "issue": "Issue:"}
    for key in ("publication", "volume", "issue"):
        if meta.get(key) is not None:
            in_line = re.search(rf"{labels[key]}\s*{re.escape(str(meta[key]))}\b", head)
            in_front = head.lstrip("\ufeff").startswith("---") and re.search(rf"^{key}\s*:", head, re.MULTILINE)
            where = ("the text (publication line)" if in_line else
                     "the file's front matter" if in_front else "metadata (outside the text)")
            rows.append({"field": key, "value": str(meta[key]), "from": where})
    if meta.get("year") is not None:
        rows.append({"field": "year", "value": str(meta["year"]),
                     "from": str(meta.get("year_source") or "metadata")})
    rows.append({"field": "date", "value": article.publication_date.isoformat() if article.publication_date else "not given",
                 "from": "metadata"})
    rows.append({"field": "author", "value": str(meta.get("author") or "not named"), "from": "metadata"})
    for key in ("genre", "publisher"):
        if meta.get(key):
            rows.append({"field": key, "value": str(meta[key]), "from": "metadata (outside the text)"})
    rows.append({"field": "body", "value": f"{len(article.paragraphs)} paragraphs, {len(article.sentences)} sentences, "
                                          f"{article.word_count} words", "from": "counted"})
    return _df(rows, ["field", "value", "from"])


_HEADLINE_SPLIT = re.compile(r"\s*[\u2014\u2013]\s*|\s+-{1,2}\s+|:\s+|\s*;\s+|,?\s+(?=(?:but|yet|though|although)\b)",
                             re.IGNORECASE)


def headline_parts(title: str) -> dict[str, str]:
    """Split a headline into its main claim and its qualification (after a dash, colon or 'but')."""
    parts = [p for p in _HEADLINE_SPLIT.split(title.strip(), maxsplit=1) if p]
    claim = parts[0].strip() if parts else title.strip()
    qualification = parts[1].strip() if len(parts) > 1 else ""
    return {"claim": claim, "qualification": qualification}


def headline_table(article):
    parts = headline_parts(article.title)
    return _df([{"part": "claim", "text": parts["claim"]},
                {"part": "qualification", "text": parts["qualification"] or "(none: the headline is one claim)"}],
               ["part", "text"])


def paragraph_table(article, opening_words: int = 8):
    """One row per body paragraph: number, sentences, words and its opening words."""
    rows = []
    for p in article.paragraphs:
        words = p.text.split()
        opening = " ".join(words[:opening_words]) + (" …" if len(words) > opening_words else "")
        rows.append({"paragraph": p.number, "sentences": len(p.sentences), "words": p.word_count,
                     "opening": opening})
    return _df(rows, ["paragraph", "sentences", "words", "opening"])


def paragraph_map(article):
    """Bar chart of words per body paragraph, with its table."""
    import altair as alt

    table = paragraph_table(article)
    longest = table.loc[table["words"].idxmax()]
    description = (f"Bar chart of the length in words of each of the {len(table)} body paragraphs of "
                   f"“{article.title}”. Paragraph {int(longest['paragraph'])} is the longest "
                   f"({int(longest['words'])} words); the shortest has {int(table['words'].min())} words.")
    values = json.loads(table.to_json(orient="records"))
    chart = (alt.Chart(alt.Data(values=values), name="paragraph_map")
             .mark_bar()
             .encode(x=alt.X("paragraph:O", title="Body paragraph", axis=alt.Axis(labelAngle=0)),
                     y=alt.Y("words:Q", title="Words"),
                     tooltip=[alt.Tooltip("paragraph:O", title="Paragraph"), alt.Tooltip("words:Q", title="Words"),
                              alt.Tooltip("sentences:Q", title="Sentences"), alt.Tooltip("opening:N", title="Opens")])
             .properties(title="Paragraph map: words per paragraph", description=description,
                         width=_WIDTH, height=220))
    return chart, table


def cited_dates_table(citations):
    """One row per date cited: citation id, paragraph, source (or '(lost)') and the date."""
    rows = []
    for c in citations:
        for s in c.sources:
            for d in s.dates:
                rows.append({"citation": c.id, "paragraph": c.paragraph, "sentence": c.sentence_id,
                             "source": s.name if s.name else "(source name lost)",
                             "date": d.isoformat(), "raw": c.raw})
    table = _df(rows, ["citation", "paragraph", "sentence", "source", "date", "raw"])
    return table.sort_values(["date", "citation"], kind="stable").reset_index(drop=True) if len(table) else table


def citation_timeline(article, citations):
    """Dot chart of every date the article cites, by source, with its table."""
    import altair as alt

    table = cited_dates_table(citations)
    if len(table):
        latest = table["date"].max()
        earliest = table["date"].min()
        description = (f"Dot chart of the {len(table)} dates cited by “{article.title}”, from {earliest} to "
                       f"{latest}, one row per source; the latest cited date, {latest}, is the earliest "
                       "the article can have been published.")
    else:
        description = f"“{article.title}” cites no dated sources, so the chart is empty."
    values = json.loads(table.to_json(orient="records"))
    chart = (alt.Chart(alt.Data(values=values), name="citation_timeline")
             .mark_circle(size=80, opacity=0.8)
             .encode(x=alt.X("date:T", title="Date cited", axis=alt.Axis(format="%Y-%m-%d", labelAngle=-30)),
                     y=alt.Y("source:N", title="Source cited"),
                     tooltip=[alt.Tooltip("citation:N", title="Citation"), alt.Tooltip("sentence:N", title="Sentence"),
                              alt.Tooltip("date:N", title="Date"), alt.Tooltip("raw:N", title="As written")])
             .properties(title="Dates the article cites", description=description, width=_WIDTH))
    return chart, table


def dating_table(article, citations):
    """Evidence for when the article was written: its metadata, year rule and cited dates."""
    meta = article.metadata
    rows = []
    if meta.get("volume") is not None:
        rows.append({"evidence": "publication line", "says": f"{meta.get('publication', '')} volume {meta.get('volume')}, "
                     f"issue {meta.get('issue')}", "so": f"year {meta['year']}" if meta.get("year") else "no year rule known",
                     "kind": "in the text" if meta.get("year") else "in the text (year unknown)"})
    if meta.get("year") is not None:
        rows.append({"evidence": "year", "says": str(meta["year"]), "so": str(meta.get("year_source") or "metadata"),
                     "kind": "rule" if meta.get("year_source") else "metadata"})
    dates = sorted(d for c in citations for s in c.sources for d in s.dates)
    if dates:
        rows.append({"evidence": "latest date cited", "says": dates[-1].isoformat(),
                     "so": f"published on or after {dates[-1].isoformat()}", "kind": "in the text (lower bound)"})
        rows.append({"evidence": "earliest date cited", "says": dates[0].isoformat(),
                     "so": "how far back the evidence reaches", "kind": "in the text"})
    ref = article.reference_date()
    if article.publication_date:
        rows.append({"evidence": "publication date", "says": article.publication_date.isoformat(),
                     "so": "exact date", "kind": "metadata"})
    elif ref:
        rows.append({"evidence": "end of the year", "says": ref.isoformat(),
                     "so": f"published on or before {ref.isoformat()}", "kind": "upper bound from the year"})
    if dates and ref and dates[-1] > ref:
        rows.append({"evidence": "conflict", "says": f"{dates[-1].isoformat()} is after {ref.isoformat()}",
                     "so": "the metadata or a citation's date is wrong: check both", "kind": "problem"})
    if not rows:
        rows.append({"evidence": "none", "says": "no volume, year, date or dated citation",
                     "so": "date the article from outside evidence", "kind": "problem"})
    return _df(rows, ["evidence", "says", "so", "kind"])


def date_window(article, citations) -> dict[str, str | None]:
    """The earliest and latest possible publication dates (ISO strings, None when unknown)."""
    dates = [d for c in citations for s in c.sources for d in s.dates]
    ref = article.reference_date()
    return {"not_before": max(dates).isoformat() if dates else None,
            "not_after": ref.isoformat() if ref else None}


def lost_citations_table(citations):
    """Citations whose source name this copy lost (``Source.name is None``)."""
    rows = [{"citation": c.id, "sentence": c.sentence_id, "as written": c.raw,
             "dates": ", ".join(d.isoformat() for d in s.dates)}
            for c in citations for s in c.sources if s.name is None]
    return _df(rows, ["citation", "sentence", "as written", "dates"])


def losses_table(losses: list[dict[str, str]]):
    """The losses recorded for this copy (``ArticlePack.losses(article.metadata)``)."""
    return _df(losses, ["what", "where", "detail", "recorded in"])
