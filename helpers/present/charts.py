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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def md_text(text: Any) -> str:
    """Article text made inert inside Markdown: HTML escaped, Markdown syntax backslash-escaped.

    Article text is untrusted input: a ``<script>`` or ``[x](javascript:…)`` in it must show as
    text in the built site, never run or link. Pack notes (course data) are Markdown on purpose
    and are not passed through this.
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def show_quote(text: str, where: str) -> None:
    """Display a passage of the article as a block quote, with where it is (e.g. 'p1')."""
    from IPython.display import display

    body = "\n".join(f"> {md_text(line)}" for line in text.splitlines()) + f"\n>\n> — {md_text(where)}"
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


# -- lesson 02: guided reading, stance, glossary (appended by engineer N2) --------------------

def _flat(value: Any) -> str:
    return " ".join(str(value or "").split())


def guided_reading_table(article, reading: dict[str, Any] | None):
    """One row per body paragraph: its opening words and, from the pack's ``reading.yaml``
    ``paragraph_roles``, its role, the cue that shows it (with sentence id) and why."""
    roles = {int(r["paragraph"]): r for r in (reading or {}).get("paragraph_roles") or [] if "paragraph" in r}
    rows = []
    for p in article.paragraphs:
        words = p.text.split()
        r = roles.get(p.number, {})
        cue = r.get("cue") or {}
        rows.append({"paragraph": p.number, "opens": " ".join(words[:10]) + (" …" if len(words) > 10 else ""),
                     "role": _flat(r.get("role")) or "—",
                     "cue": f"{cue.get('sentence', '')}: “{_flat(cue.get('quote'))}”" if cue.get("quote") else "—",
                     "why": _flat(r.get("why")) + (f" (Also defensible: {_flat(r['alternative_role'])}.)"
                                                   if r.get("alternative_role") else "")})
    return _df(rows, ["paragraph", "opens", "role", "cue", "why"])


def show_guided_reading(article, reading: dict[str, Any] | None, missing: str) -> None:
    """Display the guided reading, one block per paragraph (``missing`` when the pack has no roles)."""
    from IPython.display import display

    table = guided_reading_table(article, reading)
    blocks = []
    if (table["role"] == "—").all():
        blocks.append(f"*Paragraph roles: {missing}.* Give each paragraph a role yourself, from its opening words.")
    for row in table.itertuples(index=False):
        head = f"**¶{row.paragraph} — {row.role}.**" if row.role != "—" else f"**¶{row.paragraph}.**"
        text = f"{head} Opens: “{md_text(row.opens)}”"
        if row.cue != "—":
            text += f"\n\n- cue: {md_text(row.cue)}\n- {row.why}"
        blocks.append(text)
    body = "\n\n".join(blocks)
    display({"text/markdown": body, "text/plain": body}, raw=True)


def stance_density(article, features, categories=("hedge", "booster", "attribution")):
    """Grouped bar chart of stance features per 1,000 words in each paragraph, with its table."""
    import altair as alt

    from helpers.analysis.reading import density_table
    from helpers.present.highlight import HIGHLIGHT_STYLES

    table = density_table(article, features)
    table = table[table["category"].isin(list(categories))].reset_index(drop=True)
    totals = table.groupby("category")["count"].sum()
    peak = table.loc[table["per_1000"].idxmax()] if len(table) and table["per_1000"].max() > 0 else None
    description = (f"Grouped bar chart of {', '.join(categories)} per 1,000 words in each of the "
                   f"{len(article.paragraphs)} body paragraphs of “{article.title}”. Totals: "
                   + ", ".join(f"{int(totals.get(c, 0))} {c}(s)" for c in categories) + "."
                   + (f" The densest is paragraph {int(peak['paragraph'])} ({peak['category']}, "
                      f"{peak['per_1000']} per 1,000 words)." if peak is not None else ""))
    values = json.loads(table.to_json(orient="records"))
    colours = [HIGHLIGHT_STYLES[c]["border"] for c in categories]
    chart = (alt.Chart(alt.Data(values=values), name="stance_density")
             .mark_bar()
             .encode(x=alt.X("paragraph:O", title="Body paragraph", axis=alt.Axis(labelAngle=0)),
                     xOffset=alt.XOffset("category:N", sort=list(categories)),
                     y=alt.Y("per_1000:Q", title="Features per 1,000 words"),
                     color=alt.Color("category:N", title="Category", sort=list(categories),
                                     scale=alt.Scale(domain=list(categories), range=colours)),
                     tooltip=[alt.Tooltip("paragraph:O", title="Paragraph"), alt.Tooltip("category:N", title="Category"),
                              alt.Tooltip("count:Q", title="Count"), alt.Tooltip("per_1000:Q", title="Per 1,000 words")])
             .properties(title="Stance per paragraph: hedges, boosters and attribution", description=description,
                         width=_WIDTH, height=220))
    return chart, table


def features_table(features, categories=("hedge", "booster", "attribution")):
    """The stance features found, one row each: sentence, category, the words, lexicon headword, source."""
    rows = [{"sentence": f.sentence_id, "category": f.category, "text": f.text, "form": f.form,
             "check": "yes" if f.needs_review else "", "lexicon source": f.source}
            for f in features if f.category in categories]
    return _df(rows, ["sentence", "category", "text", "form", "check", "lexicon source"])


def _glossary_entries(glossary: dict[str, Any] | None) -> list[dict[str, Any]]:
    entries = (glossary or {}).get("entries") or []
    return [e for e in entries if isinstance(e, dict)]


def _source_line(s: dict[str, Any]) -> str:
    bits = [f"“{_flat(s.get('title'))}”" if s.get("title") else "", _flat(s.get("publisher")), _flat(s.get("url"))]
    line = ", ".join(b for b in bits if b)
    if s.get("accessed"):
        line += f" (read {s['accessed']})"
    if s.get("note"):
        line += f" — {_flat(s['note'])}"
    return line


def glossary_markdown(glossary: dict[str, Any] | None, missing: str) -> str:
    """The pack's glossary as Markdown: each term, where the article uses it, the definition, whether
    it is outside knowledge, usage notes and its sources."""
    entries = _glossary_entries(glossary)
    if not entries:
        return f"*Glossary: {missing}.* Make your own: list the terms you had to look up, each with its source."
    out = []
    for e in entries:
        outside = ("**Outside knowledge** (not in the article; check the sources)" if e.get("outside_knowledge")
                   else "**From the article** (the text itself says this)")
        lines = [f"### {_flat(e.get('term'))}", outside]
        for where in e.get("article") or []:
            lines.append(f"- in the article, {where.get('sentence', '')}: “{_flat(where.get('quote'))}”")
        lines.append(f"- {_flat(e.get('definition'))}")
        if e.get("usage_note"):
            lines.append(f"- *Usage:* {_flat(e['usage_note'])}")
        if e.get("later"):
            lines.append(f"- *After the article:* {_flat(e['later'])}")
        sources = e.get("sources") or []
        lines.append("- *Sources:* " + ("; ".join(_source_line(s) for s in sources) if sources
                                        else "**none given: treat this entry as unchecked**"))
        out.append("\n".join(lines))
    return "\n\n".join(out)


def show_glossary(glossary: dict[str, Any] | None, missing: str) -> None:
    from IPython.display import display

    text = glossary_markdown(glossary, missing)
    display({"text/markdown": text, "text/plain": text}, raw=True)


def spelling_table(glossary: dict[str, Any] | None):
    """Names the article spells differently from the usual form (glossary entries with ``spelling``)."""
    rows = []
    for e in _glossary_entries(glossary):
        sp = e.get("spelling")
        if isinstance(sp, dict):
            rows.append({"in the article": _flat(sp.get("article_form")), "usual form": _flat(sp.get("usual_form")),
                         "native form": _flat(sp.get("native_form")), "note": _flat(sp.get("note")),
                         "sources": "; ".join(_source_line(s) for s in e.get("sources") or []) or "none given"})
    return _df(rows, ["in the article", "usual form", "native form", "note", "sources"])


# -- lesson 03: citations, sources, support ----------------------------------------------------

def citation_inventory(citations):
    """One row per (citation, source): id, sentence, as written, source (or '(lost)'), registry
    category, 'see', the dates resolved (ISO)."""
    rows = [{"citation": c.id, "paragraph": c.paragraph, "sentence": c.sentence_id, "as written": c.raw,
             "source": s.name if s.name else "(source name lost)", "category": s.category,
             "see": "see" if s.see else "", "dates": ", ".join([d.isoformat() for d in s.dates]
                                                                + [str(y) for y in s.years] + list(s.months)
                                                                + list(s.unresolved))}
            for c in citations for s in c.sources]
    return _df(rows, ["citation", "paragraph", "sentence", "as written", "source", "category", "see", "dates"])


def dated_timeline(article, citations):
    """Dot chart of every cited date with a rule at the publication date (or the latest possible one,
    31 December of the year), and its table (days before that date)."""
    import datetime as _dt

    import altair as alt

    table = cited_dates_table(citations)
    ref = article.reference_date()
    ref_kind = ("publication date" if article.publication_date else
                "latest possible publication date (31 December of the year)") if ref else None
    if ref is not None and len(table):
        table["days before"] = [(ref - _dt.date.fromisoformat(d)).days for d in table["date"]]
    else:
        table["days before"] = [None] * len(table)
    table = table[["citation", "sentence", "source", "date", "days before", "raw"]]
    if len(table):
        description = (f"Dot chart of the {len(table)} dates cited by “{article.title}”, one row per source, from "
                       f"{table['date'].min()} to {table['date'].max()}.")
        if ref is not None:
            description += (f" A vertical rule marks the {ref_kind}, {ref.isoformat()}; the latest cited date is "
                            f"{int(table['days before'].min())} days before it.")
    else:
        description = f"“{article.title}” cites no dated sources, so the chart shows no dots."
    values = json.loads(table.to_json(orient="records"))
    dots = (alt.Chart(alt.Data(values=values))
            .mark_circle(size=80, opacity=0.85)
            .encode(x=alt.X("date:T", title="Date", axis=alt.Axis(format="%Y-%m-%d", labelAngle=-30)),
                    y=alt.Y("source:N", title="Source cited"),
                    tooltip=[alt.Tooltip("citation:N", title="Citation"), alt.Tooltip("date:N", title="Date"),
                             alt.Tooltip("days before:Q", title="Days before"), alt.Tooltip("raw:N", title="As written")]))
    layers = [dots]
    if ref is not None:
        ref_values = [{"date": ref.isoformat(), "label": ref_kind}]
        rule = alt.Chart(alt.Data(values=ref_values)).mark_rule(color="#a11a1a", strokeDash=[4, 3]).encode(x="date:T")
        text = (alt.Chart(alt.Data(values=ref_values)).mark_text(align="right", dx=-4, dy=-6, color="#a11a1a")
                .encode(x="date:T", y=alt.value(0), text="label:N"))
        layers += [rule, text]
    chart = alt.layer(*layers).properties(title="Cited dates against the publication date", description=description,
                                          width=_WIDTH)
    return chart, table


def source_mix(citations):
    """Bar chart of cited sources by registry category (including 'lost'), with its table."""
    import altair as alt

    counts: dict[str, dict[str, Any]] = {}
    for c in citations:
        for s in c.sources:
            row = counts.setdefault(s.category, {"category": s.category, "sources cited": 0, "citations": set(),
                                                 "names": []})
            row["sources cited"] += 1
            row["citations"].add(c.id)
            name = s.name or "(lost)"
            if name not in row["names"]:
                row["names"].append(name)
    total = sum(r["sources cited"] for r in counts.values())
    rows = [{"category": r["category"], "sources cited": r["sources cited"],
             "share": f"{100 * r['sources cited'] / total:.0f}%", "names": ", ".join(r["names"]),
             "citations": ", ".join(sorted(r["citations"], key=lambda x: (len(x), x)))}
            for r in sorted(counts.values(), key=lambda r: (-r["sources cited"], r["category"]))]
    table = _df(rows, ["category", "sources cited", "share", "names", "citations"])
    description = (f"Bar chart of the {total} sources cited, by kind of source: "
                   + "; ".join(f"{r['category']} {r['sources cited']}" for r in rows) + "."
                   if rows else "No citations were found, so the chart is empty.")
    values = json.loads(table.to_json(orient="records"))
    chart = (alt.Chart(alt.Data(values=values), name="source_mix")
             .mark_bar()
             .encode(y=alt.Y("category:N", title="Kind of source", sort="-x"),
                     x=alt.X("sources cited:Q", title="Sources cited", axis=alt.Axis(tickMinStep=1)),
                     tooltip=[alt.Tooltip("category:N", title="Kind"), alt.Tooltip("sources cited:Q", title="Cited"),
                              alt.Tooltip("names:N", title="Names")])
             .properties(title="Source mix: what kinds of source the article cites", description=description,
                         width=_WIDTH, height=max(80, 32 * len(rows))))
    return chart, table


def claims_table(citations, limit: int = 220):
    """Which claim each citation supports: the citation, its sentence id and the sentence (the claim)."""
    rows = [{"citation": c.id, "as written": c.raw, "sentence": c.sentence_id,
             "source": ", ".join(s.name or "(lost)" for s in c.sources),
             "claim (the sentence it supports)": _clip(c.sentence, limit)} for c in citations]
    return _df(rows, ["citation", "as written", "sentence", "source", "claim (the sentence it supports)"])


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def paragraph_support(article, citations, features=None):
    """What each body paragraph rests on, computed from its citations.

    One row per paragraph: citations, distinct sources (every lost source counts as a separate
    unknown one), and ``rests on``: "several sources", "one source", "one lost source" or "no
    citation". A paragraph with no citation but with attribution cues (``features`` from
    ``helpers.analysis.reading.extract_features``) right after a one-source paragraph (or such a run) is
    marked as probably continuing that source, naming the cues, so a run of paragraphs drawing on
    one source shows up.
    """
    by_par: dict[int, list] = {}
    for c in citations:
        by_par.setdefault(c.paragraph, []).append(c)
    cues: dict[int, list[str]] = {}
    for f in features or []:
        if f.category == "attribution":
            cues.setdefault(f.paragraph, []).append(f.text)
    rows, last = [], None
    for p in article.paragraphs:
        cites = by_par.get(p.number, [])
        names: list[str] = []
        for c in cites:
            for s in c.sources:
                name = s.name if s.name else f"lost source {c.raw}"
                if name not in names:
                    names.append(name)
        if cites:
            rests = "several sources" if len(names) > 1 else ("one lost source" if names[0].startswith("lost source")
                                                              else "one source")
            note = ""
            last = (names[0], cites[-1].sentence_id) if rests == "one source" else None
        elif cues.get(p.number) and last:
            rests = "no citation"
            note = (f"attribution cues ({', '.join(dict.fromkeys(cues[p.number]))}) suggest it continues "
                    f"{last[0]}, last cited in {last[1]}")
        else:
            rests, last = "no citation", None
            note = (f"attribution cues ({', '.join(dict.fromkeys(cues[p.number]))}) say whose words it reports, "
                    "not where the author found them" if cues.get(p.number)
                    else "no attribution cue either: the author's own voice")
        rows.append({"paragraph": p.number, "citations": ", ".join(c.id for c in cites), "sources": "; ".join(names),
                     "rests on": rests, "note": note})
    return _df(rows, ["paragraph", "citations", "sources", "rests on", "note"])


def single_source_runs(support) -> list[str]:
    """Sentences naming the paragraphs that rest on one source, directly or by continuation."""
    runs: list[str] = []
    current: list[int] = []
    name = None
    for row in support.itertuples(index=False):
        direct = row[3] == "one source"
        cont = row[3] == "no citation" and name and str(row[4]).find(f"continues {name},") >= 0
        if direct and row[2] == name and current:
            current.append(row[0])
        elif cont and current:
            current.append(row[0])
        elif direct:
            if current:
                runs.append((name, current))
            name, current = row[2], [row[0]]
        else:
            if current:
                runs.append((name, current))
            name, current = None, []
    if current:
        runs.append((name, current))
    return [f"Paragraph{'s' if len(ps) > 1 else ''} {', '.join(map(str, ps))} rest{'' if len(ps) > 1 else 's'} "
            f"on one source: {n}." for n, ps in runs]


def show_citation_check(citations, key: dict[str, Any] | None, missing: str) -> None:
    """Compare the citations found with the pack's hand-checked key (``key/citations.yaml``):
    counts, then one line per difference; ``missing`` when the pack has no key."""
    from helpers.analysis.citations import score_citations

    entries = (key or {}).get("citations") or []
    if not entries:
        show_note(f"Checking the parser: {missing}.")
        return
    score = score_citations(citations, entries)
    lines = [f"The parser found {score['found']} citation(s); the hand-checked key has {score['key']}; "
             f"{score['matched']} match, {score['exact']} exactly (same sentence, sources, 'see' and dates)."]
    lines += score["problems"] or ["No differences: every citation, source and date agrees with the key."]
    show_note(lines, heading="Checking the parser against the hand-checked key")


def _item_text(item: Any) -> str:
    """A list item as text; a YAML line with an unquoted ': ' inside, read as a one-key mapping, is rejoined."""
    if isinstance(item, dict):
        return "; ".join(f"{_flat(k)}: {_flat(v)}" for k, v in item.items())
    return _flat(item)


def show_trace_key(trace: dict[str, Any] | None, missing: str) -> None:
    """Display a pack's ``trace.yaml`` (the instructor's lateral-trace key) for a ``solution`` cell."""
    from IPython.display import display

    if not trace:
        text = f"Instructor key for the citation trace: {missing}."
        display({"text/markdown": text, "text/plain": text}, raw=True)
        return
    parts = ["**Instructor key — what a lateral trace found.**"]
    pub = trace.get("publisher_copy") or {}
    if pub:
        parts.append(f"The publisher's copy ({_flat(pub.get('url'))}, seen {pub.get('seen', '?')}, "
                     f"{_flat(pub.get('how'))}):")
        parts += [f"- {_item_text(x)}" for x in pub.get("findings") or []]
        if pub.get("author"):
            parts.append(f"- author: {_flat(pub['author'])}")
        reprint = pub.get("reprint") or {}
        if reprint:
            parts.append(f"- reprint: {_flat(reprint.get('url'))}: {_flat(reprint.get('note'))}")
    for loss in trace.get("losses") or []:
        parts.append(f"- lost {loss.get('what')} ({loss.get('where')}, “{loss.get('raw', '')}”): "
                     f"{loss.get('found')} — {loss.get('how')}, confidence {loss.get('confidence')}")
    display({"text/markdown": "\n".join(parts), "text/plain": "\n".join(parts)}, raw=True)
    rows = [{"citation": c.get("id"), "as written": c.get("raw"), "sentence": c.get("sentence"),
             "supports": _flat(c.get("supports")), "found": _flat(c.get("found")), "how": _flat(c.get("how")),
             "confidence": c.get("confidence"), "note": _flat(c.get("note"))} for c in trace.get("citations") or []]
    if rows:
        show_table(_df(rows, list(rows[0])), "Instructor key: each citation traced")
    more = []
    for p in trace.get("paragraph_sources") or []:
        line = f"- ¶{p.get('paragraph')}: {', '.join(map(str, p.get('sources') or []))}"
        if p.get("single_source"):
            line += f" — **single source**: {p['single_source']}"
        if p.get("note"):
            line += f" ({_flat(p['note'])})"
        more.append(line)
    if more:
        more.insert(0, "**What each paragraph rests on (key)**")
    if trace.get("single_source_summary"):
        more.append(f"\n{_flat(trace['single_source_summary'])}")
    steps = trace.get("recover_steps") or []
    if steps:
        more.append("\n**Recovering a lost source, as done here**")
        more += [f"{i}. {s.get('step')}: {_flat(s.get('detail'))}" for i, s in enumerate(steps, 1)]
    moves = (trace.get("sift") or {}).get("moves") or []
    if moves:
        more.append("\n**SIFT applied to this article**")
        more += [f"- *{m.get('move')}*: {_flat(m.get('here'))}" for m in moves]
    if more:
        display({"text/markdown": "\n".join(more), "text/plain": "\n".join(more)}, raw=True)


# -- lessons 04 and 05: actors, voices, networks, argument maps (engineer N3) ---------------

class SpecChart:
    """A ready Vega-Lite specification (a dict) that :func:`show` can display like an Altair chart."""

    def __init__(self, spec: dict[str, Any]):
        self.spec = spec

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.spec, default=str))


def _where_label(paragraph: int) -> str:
    return "caption" if paragraph == 0 else f"p{paragraph}"


_RESOLVED_HOWS = ("metonymy", "demonym", "role", "alias", "override")


def actor_table(analysis):
    """One row per actor: type, mentions, and how it was named (name, metonymy, demonym, role …)."""
    rows = []
    for a in analysis.actors:
        hows: dict[str, int] = {}
        for m in a.mentions:
            hows[m.how] = hows.get(m.how, 0) + 1
        rows.append({"actor": a.name, "type": a.type, "mentions": len(a.mentions),
                     "named as": ", ".join(f"{k} {v}" for k, v in sorted(hows.items(), key=lambda kv: (-kv[1], kv[0]))),
                     "forms": ", ".join(dict.fromkeys(m.text for m in a.mentions)),
                     "first": a.mentions[0].sentence_id if a.mentions else ""})
    table = _df(rows, ["actor", "type", "mentions", "named as", "forms", "first"])
    return table.sort_values(["mentions", "actor"], ascending=[False, True], kind="stable").reset_index(drop=True)


def resolution_table(analysis):
    """Every form that stands for an actor without being its name ("Moscow" -> Russia, government).

    One row per (form, actor): how it was resolved, what it stands for, and where.
    """
    stands_for = {"metonymy": "its government (a city or seat for the state)", "demonym": "the state or its people",
                  "role": "the person holding the role", "alias": "a shorter or other name",
                  "override": "a correction from an overrides file"}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for a in analysis.actors:
        for m in a.mentions:
            if m.how not in _RESOLVED_HOWS:
                continue
            row = rows.setdefault((m.text, a.name), {"as written": m.text, "resolved to": a.name, "type": a.type,
                                                     "how": m.how, "stands for": stands_for.get(m.how, m.how),
                                                     "sentences": []})
            if m.sentence_id not in row["sentences"]:
                row["sentences"].append(m.sentence_id)
    out = [{**r, "times": len(r["sentences"]), "sentences": ", ".join(r["sentences"])} for r in rows.values()]
    order = {h: i for i, h in enumerate(_RESOLVED_HOWS)}
    out.sort(key=lambda r: (order.get(r["how"], 9), r["resolved to"], r["as written"]))
    return _df(out, ["as written", "resolved to", "type", "how", "stands for", "times", "sentences"])


def places_table(analysis):
    """Literal uses of place names ("Baku-based", "in Baku"): kept as places, not actors."""
    rows = [{"as written": m.text, "sentence": m.sentence_id, "paragraph": m.paragraph,
             "read as": "a place, not an actor"} for m in analysis.places]
    return _df(rows, ["as written", "sentence", "paragraph", "read as"])


def mention_table(article, analysis):
    """Mentions per actor and paragraph (long form, zeros included); the caption is 'caption'."""
    wheres = (["caption"] if any(m.paragraph == 0 for a in analysis.actors for m in a.mentions) else []) + \
        [f"p{p.number}" for p in article.paragraphs]
    rows = []
    for a in analysis.actors:
        counts = {w: 0 for w in wheres}
        for m in a.mentions:
            counts[_where_label(m.paragraph)] = counts.get(_where_label(m.paragraph), 0) + 1
        rows += [{"actor": a.name, "type": a.type, "where": w, "mentions": n} for w, n in counts.items()]
    return _df(rows, ["actor", "type", "where", "mentions"])


def mention_heatmap(article, analysis):
    """Heat map of actor mentions per paragraph (actors by total mentions), with its table."""
    import altair as alt

    long = mention_table(article, analysis)
    wheres = list(dict.fromkeys(long["where"])) if len(long) else []
    totals = long.groupby("actor", sort=False)["mentions"].sum().sort_values(ascending=False, kind="stable") \
        if len(long) else None
    actors = list(totals.index) if totals is not None else []
    if actors:
        top = actors[0]
        busiest = long.groupby("where")["mentions"].sum().idxmax()
        description = (f"Heat map of how often each of the {len(actors)} actors found in “{article.title}” is "
                       f"mentioned in each paragraph; darker cells mean more mentions. {top} is mentioned most "
                       f"({int(totals.iloc[0])} times); {busiest} has the most mentions of all.")
    else:
        description = f"No actors were found in “{article.title}”, so the heat map is empty."
    values = json.loads(long.to_json(orient="records"))
    chart = (alt.Chart(alt.Data(values=values), name="mention_heatmap")
             .mark_rect(stroke="white")
             .encode(x=alt.X("where:O", title="Paragraph", sort=wheres, axis=alt.Axis(labelAngle=0)),
                     y=alt.Y("actor:N", title="Actor", sort=actors),
                     color=alt.Color("mentions:Q", title="Mentions", scale=alt.Scale(scheme="blues")),
                     tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("where:O", title="Paragraph"),
                              alt.Tooltip("mentions:Q", title="Mentions")])
             .properties(title="Who is mentioned where: actor mentions per paragraph", description=description,
                         width=_WIDTH, height=max(120, 22 * len(actors))))
    table = long.pivot_table(index="actor", columns="where", values="mentions", aggfunc="sum", sort=False) \
        .reindex(index=actors, columns=wheres).reset_index() if len(long) else _df([], ["actor"])
    table.columns.name = None  # no unlabelled header cell in the HTML table
    return chart, table


def _words(text: str) -> int:
    return len(re.findall(r"[\w’'\[\]-]+", text))


def voices_table(analysis, quotes):
    """Who speaks and who is only spoken about: per actor (and per vague source such as
    "some in Baku"), mentions, speech quotations, quoted words, attributed views, and their
    share of all reported views. An attribution that covers a quotation by the same speaker
    is not counted twice."""
    speech = [q for q in quotes.quotes if q.kind == "speech" and q.speaker]
    rows: dict[str, dict[str, Any]] = {}

    def row(name: str, typ: str, mentions: int = 0) -> dict[str, Any]:
        return rows.setdefault(name, {"voice": name, "type": typ, "mentions": mentions, "quotations": 0,
                                      "quoted words": 0, "attributed views": 0})

    for a in analysis.actors:
        row(a.name, a.type, len(a.mentions))
    for q in speech:
        actor = analysis.actor(q.speaker)
        r = row(actor.name if actor else q.speaker, actor.type if actor else "person")
        r["quotations"] += 1
        r["quoted words"] += _words(q.text)
    for at in quotes.attributions:
        actor = None if at.vague else analysis.actor(at.source)
        name = actor.name if actor else at.source
        if any(q.speaker == name and q.start < at.end and at.start < q.end for q in speech):
            continue
        r = row(name, actor.type if actor else ("unnamed" if at.vague else "other"))
        r["attributed views"] += 1
    out = list(rows.values())
    total = sum(r["quotations"] + r["attributed views"] for r in out)
    for r in out:
        views = r["quotations"] + r["attributed views"]
        r["reported views"] = views
        r["share"] = round(views / total, 3) if total else 0.0
        r["role"] = ("quoted" if r["quotations"] else "views reported" if views else "only talked about")
    out.sort(key=lambda r: (-r["reported views"], -r["mentions"], r["voice"]))
    return _df(out, ["voice", "type", "mentions", "quotations", "quoted words", "attributed views",
                     "reported views", "share", "role"])


def voices_chart(article, analysis, quotes):
    """Bar chart of reported views (quotations and attributed views) per voice, with its table.

    Actors who are only talked about appear with no bar, so the silence is visible.
    """
    import altair as alt

    table = voices_table(analysis, quotes)
    long = []
    for r in table.to_dict("records"):
        for kind in ("quotations", "attributed views"):
            long.append({"voice": r["voice"], "kind": kind, "count": int(r[kind]), "share": float(r["share"]),
                         "role": r["role"]})
    total = int(table["reported views"].sum()) if len(table) else 0
    silent = int((table["role"] == "only talked about").sum()) if len(table) else 0
    if total:
        lead = table.iloc[0]
        description = (f"Bar chart of the {total} reported views in “{article.title}” (speech quotations and "
                       f"attributed views) by who holds them. {lead['voice']} has the most "
                       f"({int(lead['reported views'])}, {lead['share']:.0%}); {silent} of the {len(table)} voices "
                       "listed are only talked about and have no bar.")
    else:
        description = f"“{article.title}” reports no one's words or views, so every bar is empty."
    order = list(table["voice"])
    chart = (alt.Chart(alt.Data(values=long), name="voices")
             .mark_bar()
             .encode(y=alt.Y("voice:N", title="Voice (actor or unnamed source)", sort=order),
                     x=alt.X("count:Q", title="Reported views (quotations + attributed views)", stack="zero",
                             axis=alt.Axis(tickMinStep=1)),
                     color=alt.Color("kind:N", title="How the view is given",
                                     scale=alt.Scale(domain=["quotations", "attributed views"],
                                                     range=["#2166ac", "#92c5de"])),
                     tooltip=[alt.Tooltip("voice:N", title="Voice"), alt.Tooltip("kind:N", title="How"),
                              alt.Tooltip("count:Q", title="Count"), alt.Tooltip("share:Q", title="Share", format=".0%"),
                              alt.Tooltip("role:N", title="Role")])
             .properties(title="Whose views the article reports", description=description,
                         width=_WIDTH - 120, height=max(120, 20 * len(order))))
    return chart, table


def _sentence_text(article, sentence_id: str, limit: int = 220) -> str:
    try:
        text = article.sentence(sentence_id).text
    except KeyError:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tie_table(article, analysis, types=("state", "person", "group", "organization"),
                   kinds=("cooperation", "conflict")):
    """Signed ties between actors of ``types``: one row per relation, with its cue and sentence."""
    keep = {a.name for a in analysis.actors if a.type in types}
    rows = [{"source": r.source, "target": r.target, "kind": r.kind, "cue": r.cue or "",
             "sentence": r.sentence_id, "text": r.sentence if r.sentence else _sentence_text(article, r.sentence_id)}
            for r in analysis.relations if r.kind in kinds and r.source in keep and r.target in keep]
    return _df(rows, ["source", "target", "kind", "cue", "sentence", "text"])


def _layout(graph, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    pos = nx.spring_layout(graph, seed=seed, weight="weight")
    return {str(n): (round(float(x), 4), round(float(y), 4)) for n, (x, y) in sorted(pos.items())}


def relation_network(article, analysis, seed: int = 7, types=("state", "person", "group", "organization")):
    """Network of cooperation and conflict between actors, drawn from a seeded spring layout.

    One line per tied pair and kind; hovering a line (or its midpoint) shows the cues and
    the sentences behind it. Returns ``(chart, table)``; the table lists every tie.
    """
    import altair as alt
    import networkx as nx

    table = tie_table(article, analysis, types)
    pairs: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in table.to_dict("records"):
        a, b = sorted((r["source"], r["target"]))
        e = pairs.setdefault((a, b, r["kind"]), {"a": a, "b": b, "kind": r["kind"], "ties": 0, "cues": [], "sentences": []})
        e["ties"] += 1
        if r["cue"] and r["cue"] not in e["cues"]:
            e["cues"].append(r["cue"])
        line = f"{r['sentence']}: {r['text']}"
        if line not in e["sentences"]:
            e["sentences"].append(line)
    g = nx.Graph()
    types_of = {a.name: a.type for a in analysis.actors}
    for e in pairs.values():
        w = g.get_edge_data(e["a"], e["b"], {}).get("weight", 0) + e["ties"]
        g.add_edge(e["a"], e["b"], weight=w)
    pos = _layout(g, seed)
    both = {(a, b) for a, b, k in pairs if k == "conflict" and (a, b, "cooperation") in pairs}
    edges = []
    for e in pairs.values():
        (x, y), (x2, y2) = pos[e["a"]], pos[e["b"]]
        if (e["a"], e["b"]) in both:  # a pair with both kinds of tie: draw the two lines side by side
            dx, dy = x2 - x, y2 - y
            norm = max((dx * dx + dy * dy) ** 0.5, 1e-9)
            shift = 0.025 if e["kind"] == "cooperation" else -0.025
            ox, oy = -dy / norm * shift, dx / norm * shift
            x, y, x2, y2 = (round(v, 4) for v in (x + ox, y + oy, x2 + ox, y2 + oy))
        edges.append({"a": e["a"], "b": e["b"], "kind": e["kind"], "ties": e["ties"], "cues": ", ".join(e["cues"]),
                      "sentences": " | ".join(e["sentences"]), "x": x, "y": y, "x2": x2, "y2": y2,
                      "mx": round((x + x2) / 2, 4), "my": round((y + y2) / 2, 4)})
    nodes = [{"actor": n, "type": types_of.get(n, ""), "degree": int(g.degree(n)), "x": xy[0], "y": xy[1]}
             for n, xy in pos.items()]
    coop = sum(1 for r in table.to_dict("records") if r["kind"] == "cooperation")
    conf = len(table) - coop
    if len(table):
        hub = max(nodes, key=lambda n: (n["degree"], n["actor"]))
        description = (f"Network of {len(nodes)} actors of “{article.title}” linked by {len(table)} ties found by "
                       f"cue words: {coop} of cooperation (solid green) and {conf} of conflict (dashed red). "
                       f"{hub['actor']} has the most partners ({hub['degree']}). Hover a line for the sentences behind it.")
    else:
        description = f"No cooperation or conflict cues link the actors of “{article.title}”, so the network is empty."
    x_enc = alt.X("x:Q", axis=None, scale=alt.Scale(zero=False, nice=False, padding=40))
    y_enc = alt.Y("y:Q", axis=None, scale=alt.Scale(zero=False, nice=False, padding=30))
    kind_scale = alt.Scale(domain=["cooperation", "conflict"], range=["#1b7837", "#b2182b"])
    tips = [alt.Tooltip("a:N", title="Actor"), alt.Tooltip("b:N", title="Actor"), alt.Tooltip("kind:N", title="Tie"),
            alt.Tooltip("ties:Q", title="Sentences"), alt.Tooltip("cues:N", title="Cues"),
            alt.Tooltip("sentences:N", title="Sentence")]
    base_e = alt.Chart(alt.Data(values=edges))
    lines = base_e.mark_rule(opacity=0.7).encode(
        x=x_enc, y=y_enc, x2="x2:Q", y2="y2:Q",
        color=alt.Color("kind:N", title="Tie", scale=kind_scale),
        strokeDash=alt.StrokeDash("kind:N", title="Tie", scale=alt.Scale(domain=["cooperation", "conflict"],
                                                                          range=[[1, 0], [6, 4]])),
        strokeWidth=alt.StrokeWidth("ties:Q", title="Sentences", scale=alt.Scale(range=[1.5, 6])),
        tooltip=tips)
    mids = base_e.mark_point(filled=True, size=60, opacity=0.8).encode(
        x=alt.X("mx:Q", axis=None), y=alt.Y("my:Q", axis=None),
        color=alt.Color("kind:N", title="Tie", scale=kind_scale), tooltip=tips)
    base_n = alt.Chart(alt.Data(values=nodes))
    dots = base_n.mark_circle(size=320, color="#f0f0f0", stroke="#333", strokeWidth=1).encode(
        x=x_enc, y=y_enc, tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("type:N", title="Type"),
                                   alt.Tooltip("degree:Q", title="Partners")])
    labels = base_n.mark_text(dy=-16, fontSize=12).encode(x=x_enc, y=y_enc, text="actor:N")
    chart = (alt.layer(lines, mids, dots, labels)
             .properties(title="Cooperation and conflict between actors", description=description,
                         width=_WIDTH, height=420))
    return chart, table


def two_mode_table(statements):
    """Actor-concept ties of coded statements: summed agreement, count, statement and sentence ids."""
    from helpers.analysis.discourse import two_mode_graph

    g = two_mode_graph(statements)
    rows = []
    for a, b, d in g.edges(data=True):
        actor, concept = (a, b) if g.nodes[a]["kind"] == "actor" else (b, a)
        rows.append({"actor": actor, "concept": concept, "agreement": int(d["agreement"]), "statements": int(d["count"]),
                     "ids": ", ".join(d["statements"]), "sentences": ", ".join(d["sentences"])})
    rows.sort(key=lambda r: (r["actor"], r["concept"]))
    return _df(rows, ["actor", "concept", "agreement", "statements", "ids", "sentences"])


def two_mode_network(statements, title: str = "Who says what: the actor-concept network"):
    """The two-mode network of discourse statements: actors on the left, concepts on the right,
    a line for each actor-concept pair coloured by summed agreement. Returns ``(chart, table)``."""
    import altair as alt

    table = two_mode_table(statements)
    actors = sorted(set(table["actor"])) if len(table) else []
    concepts = sorted(set(table["concept"])) if len(table) else []

    def ys(items):
        n = len(items)
        return {x: (n - 1) / 2 - i for i, x in enumerate(items)}

    ya, yc = ys(actors), ys(concepts)
    nodes = [{"node": a, "kind": "actor", "x": 0.0, "y": ya[a], "align": "right"} for a in actors] + \
        [{"node": c, "kind": "concept", "x": 1.0, "y": yc[c], "align": "left"} for c in concepts]
    edges = []
    for r in table.to_dict("records"):
        sign = "agrees" if r["agreement"] > 0 else "disagrees" if r["agreement"] < 0 else "neutral or mixed"
        edges.append({**r, "position": sign, "x": 0.0, "y": ya[r["actor"]], "x2": 1.0, "y2": yc[r["concept"]]})
    if len(table):
        description = (f"Two-mode network of {len(table)} actor-concept ties from {int(table['statements'].sum())} "
                       f"coded statements: {len(actors)} actors on the left, {len(concepts)} concepts on the right; "
                       "green lines agree, red lines disagree, grey lines are neutral or mixed.")
    else:
        description = "No coded statements, so the network is empty."
    scale = alt.Scale(domain=["agrees", "disagrees", "neutral or mixed"], range=["#1b7837", "#b2182b", "#8c8c8c"])
    x_enc = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.9, 1.9]))
    y_enc = alt.Y("y:Q", axis=None)
    lines = alt.Chart(alt.Data(values=edges)).mark_rule(strokeWidth=2, opacity=0.7).encode(
        x=x_enc, y=y_enc, x2="x2:Q", y2="y2:Q", color=alt.Color("position:N", title="Position", scale=scale),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("concept:N", title="Concept"),
                 alt.Tooltip("agreement:Q", title="Agreement (sum)"), alt.Tooltip("ids:N", title="Statements"),
                 alt.Tooltip("sentences:N", title="Sentences")])
    base = alt.Chart(alt.Data(values=nodes))
    dots = base.mark_point(filled=True, size=120).encode(x=x_enc, y=y_enc,
                                                         shape=alt.Shape("kind:N", title="Node"),
                                                         tooltip=[alt.Tooltip("node:N", title="Node"),
                                                                  alt.Tooltip("kind:N", title="Kind")])
    left = base.transform_filter("datum.kind == 'actor'").mark_text(align="right", dx=-10).encode(
        x=x_enc, y=y_enc, text="node:N")
    right = base.transform_filter("datum.kind == 'concept'").mark_text(align="left", dx=10).encode(
        x=x_enc, y=y_enc, text="node:N")
    chart = alt.layer(lines, dots, left, right).properties(
        title=title, description=description, width=_WIDTH, height=max(160, 28 * max(len(actors), len(concepts), 1)))
    return chart, table


def argument_map_diagram(amap):
    """The argument map as a diagram (``helpers.analysis.arguments.to_vega_lite``) with its statement table."""
    from helpers.analysis.arguments import layout
    from helpers.present.argument_diagram import to_vega_lite

    per_layer: dict[int, int] = {}
    for level, _ in layout(amap).values():
        per_layer[level] = per_layer.get(level, 0) + 1
    spec = to_vega_lite(amap, width=max(720, 105 * max(per_layer.values(), default=1)))  # room for every label
    spec["title"] = {"text": spec["title"], "subtitle": "blue: the author's voice; grey: reported; orange: contested"}
    # relations and voices each have their own colours: keep the two colour scales apart
    spec["resolve"] = {"scale": {"color": "independent", "strokeDash": "independent"},
                       "legend": {"color": "independent"}}
    table = _df([{"id": s.id, "kind": s.kind, "voice": s.voice, "speaker": s.speaker or "", "text": " ".join(s.text.split()),
                  "sentences": ", ".join(s.sentences),
                  "supports": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "support"),
                  "attacks": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "attack")}
                 for s in amap.statements], ["id", "kind", "voice", "speaker", "text", "sentences", "supports", "attacks"])
    return SpecChart(spec), table


def _resolve_citation(ref: str, sentences, citations):
    """The citation a critical question names: by id, else by its raw text — in the question's
    sentences when the same text occurs more than once, else the first in text order."""
    same = [c for c in citations if c.id == ref] or [c for c in citations if c.raw == ref]
    return next((c for c in same if c.sentence_id in set(sentences or [])), same[0] if same else None)


def critical_questions_table(questions, citations, workspace=None):
    """Critical questions (``helpers.analysis.arguments.scheme_instances``) joined with the citation
    trail: each cited parenthesis resolved to its citation id, source and registry category,
    flagged when the source is lost, and — with ``workspace`` — your own SIFT findings on that
    citation from notebook 03."""
    rows = []
    for r in questions.to_dict("records"):
        found, mine = [], []
        lost = 0
        for raw in r["citations"]:
            c = _resolve_citation(raw, r["sentences"], citations)
            if c is None:
                found.append(f"{raw}: not found in the text")
                continue
            for s in c.sources:
                if s.name is None:
                    lost += 1
                found.append(f"{c.id} {c.raw}: " + (f"{s.name} ({s.category})" if s.name else "source name lost"))
            sift = workspace.answer(f"03_sift_{c.id}") if workspace is not None else None
            if isinstance(sift, dict) and any(sift.values()):
                mine.append(f"{c.id}: " + "; ".join(f"{k}: {v}" for k, v in sift.items() if v))
        rows.append({"scheme": r["scheme_name"], "instance": r["instance"], "question": r["question"],
                     "status": r["status"], "sentences": ", ".join(r["sentences"]), "sources": "; ".join(found),
                     "lost sources": lost, "your trace (03)": " | ".join(mine), "note": r["note"]})
    return _df(rows, ["scheme", "instance", "question", "status", "sentences", "sources", "lost sources",
                      "your trace (03)", "note"])


def critical_question_status(questions, citations, workspace=None,
                             title: str = "Critical questions: how the article fares"):
    """Stacked bars of critical-question status (open, answered, failed) per scheme instance,
    with the table of questions, evidence and sources (:func:`critical_questions_table`)."""
    import altair as alt

    table = critical_questions_table(questions, citations, workspace)
    counts = []
    for (inst, scheme), grp in table.groupby(["instance", "scheme"], sort=False) if len(table) else []:
        for status in ("answered", "open", "failed"):
            counts.append({"instance": inst, "scheme": scheme, "status": status,
                           "questions": int((grp["status"] == status).sum()),
                           "with lost sources": int(((grp["status"] == status) & (grp["lost sources"] > 0)).sum())})
    n = len(table)
    if n:
        description = (f"Stacked bar chart of the {n} critical questions asked of {table['instance'].nunique()} "
                       f"argument-scheme instances: {int((table['status'] == 'answered').sum())} answered by the "
                       f"article, {int((table['status'] == 'open').sum())} left open, "
                       f"{int((table['status'] == 'failed').sum())} failed; "
                       f"{int((table['lost sources'] > 0).sum())} rest on a citation whose source is lost.")
    else:
        description = "No argumentation schemes are coded for this article, so the chart is empty."
    chart = (alt.Chart(alt.Data(values=counts), name="critical_questions")
             .mark_bar()
             .encode(y=alt.Y("instance:N", title="Scheme instance", sort=list(dict.fromkeys(c["instance"] for c in counts))),
                     x=alt.X("questions:Q", title="Critical questions", stack="zero", axis=alt.Axis(tickMinStep=1)),
                     color=alt.Color("status:N", title="Status", scale=alt.Scale(
                         domain=["answered", "open", "failed"], range=["#1b7837", "#bdbdbd", "#b2182b"])),
                     tooltip=[alt.Tooltip("instance:N", title="Instance"), alt.Tooltip("scheme:N", title="Scheme"),
                              alt.Tooltip("status:N", title="Status"), alt.Tooltip("questions:Q", title="Questions"),
                              alt.Tooltip("with lost sources:Q", title="With a lost source")])
             .properties(title=title, description=description, width=_WIDTH - 120,
                         height=max(100, 26 * len({c['instance'] for c in counts}))))
    return chart, table


def stance_table(article, features, paragraphs, categories=("hedge", "booster", "attribution")):
    """Stance markers (``helpers.analysis.reading`` features) in the given paragraphs, one row each."""
    keep = set(paragraphs)
    rows = [{"sentence": f.sentence_id, "category": f.category, "as written": f.text, "form": f.form,
             "needs review": bool(f.needs_review)}
            for f in features if f.paragraph in keep and f.category in categories]
    return _df(rows, ["sentence", "category", "as written", "form", "needs review"])


def stance_chart(article, features, paragraphs, categories=("hedge", "booster", "attribution")):
    """Bars of hedges, boosters and attribution cues per sentence of the given paragraphs."""
    import altair as alt

    table = stance_table(article, features, paragraphs, categories)
    sentences = [s.id for p in article.paragraphs if p.number in set(paragraphs) for s in p.sentences]
    counts = [{"sentence": sid, "category": cat, "count": int(((table["sentence"] == sid) & (table["category"] == cat)).sum())}
              for sid in sentences for cat in categories]
    where = ", ".join(f"p{p}" for p in paragraphs)
    if len(table):
        per = table.groupby("category").size().to_dict()
        description = (f"Bar chart of stance markers per sentence in {where} of “{article.title}”: "
                       + ", ".join(f"{per.get(c, 0)} {c}{'s' if per.get(c, 0) != 1 else ''}" for c in categories) + ".")
    else:
        description = f"No hedges, boosters or attribution cues were found in {where} of “{article.title}”."
    chart = (alt.Chart(alt.Data(values=counts), name="stance")
             .mark_bar()
             .encode(x=alt.X("sentence:O", title="Sentence", sort=sentences, axis=alt.Axis(labelAngle=0)),
                     y=alt.Y("count:Q", title="Markers", stack="zero", axis=alt.Axis(tickMinStep=1)),
                     color=alt.Color("category:N", title="Marker", scale=alt.Scale(
                         domain=list(categories), range=["#e08214", "#542788", "#7f7f7f"][:len(categories)])),
                     tooltip=[alt.Tooltip("sentence:O", title="Sentence"), alt.Tooltip("category:N", title="Marker"),
                              alt.Tooltip("count:Q", title="Count")])
             .properties(title=f"Stance in {where}: hedges, boosters and attribution", description=description,
                         width=_WIDTH - 160, height=200))
    return chart, table


def hindsight_table(pack):
    """Events after the article from the pack's ``hindsight.yaml``: date, event, sources."""
    rows = []
    for e in pack.section("hindsight", "events", default=[]):
        sources = "; ".join(f"{s.get('title', '')} ({s.get('publisher', '')}), {s.get('url', '')}"
                            for s in e.get("sources") or [])
        rows.append({"date": str(e.get("date", "")), "event": " ".join(str(e.get("event", "")).split()),
                     "outside knowledge": "yes", "sources": sources})
    return _df(rows, ["date", "event", "outside knowledge", "sources"])


def rubric_table(rubric: dict[str, Any]):
    """The critique rubric (``critique.yaml``'s ``rubric``): one row per standard and its levels."""
    from helpers.model.rubrics import critique_standards

    rubric = rubric or {}
    rows = [{"standard": s.get("name", ""), "ask": " ".join(str(s.get("ask", "")).split())}
            for s in rubric.get("standards") or [] if isinstance(s, dict)]
    if not rows:
        rows = [{"standard": name, "ask": "(this article's pack has no rubric: ask of your critique whether it meets "
                                          f"the standard of {name})"} for name in critique_standards()]
    return _df(rows, ["standard", "ask"])


def rubric_levels(rubric: dict[str, Any]) -> str:
    """The rubric's levels in one line ("0 = not met …; 3 = met well …")."""
    levels = (rubric or {}).get("levels") or {}
    return "; ".join(f"{k} = {' '.join(str(v).split())}" for k, v in sorted(levels.items())) \
        or "0 to 3, from not met to met well"


def argument_outline(article, amap=None, features=()):
    """The text as an argument (``helpers.analysis.outline``) as a table, one row per part."""
    from helpers.analysis.outline import argument_outline as outline

    return _df(outline(article, amap, features), ["sentence", "part", "marked by", "text"])


def statement_rows(article, statements):
    """Discourse statements with the sentence each rests on: actor, concept, agreement, quote, citation."""
    rows = [{"id": s.id, "actor": s.actor, "concept": s.concept, "agreement": f"{s.agreement:+d}" if s.agreement else "0",
             "sentence": s.sentence_id, "quote": s.quote or "", "citation": s.citation or "",
             "sentence text": _sentence_text(article, s.sentence_id, 160), "origin": s.origin}
            for s in statements]
    return _df(rows, ["id", "actor", "concept", "agreement", "sentence", "quote", "citation", "sentence text", "origin"])


def show_statements(article, statements, caption: str, missing: str | None = None) -> None:
    """Display discourse statements as a table, or the pack's missing message when there are none."""
    from helpers.model.packs import MISSING_NOTE

    if statements:
        show_table(statement_rows(article, statements), caption)
    else:
        show_note(missing or MISSING_NOTE, heading=caption)


def matrix_table(statements):
    """The actor x concept matrix of summed agreement (``helpers.analysis.discourse.statement_matrix``) as a
    plain table; empty when there are no statements."""
    from helpers.analysis.discourse import statement_matrix

    statements = list(statements)
    if not statements:
        return _df([], ["actor"])
    table = statement_matrix(statements).reset_index()
    table.columns.name = None  # no unlabelled header cell in the HTML table
    return table


def show_argument_map(amap) -> None:
    """The argument map as a diagram with its statement table, or the pack's missing message."""
    from helpers.model.packs import MISSING_NOTE

    if amap is None:
        show_note(f"This article's pack has no argument map (argument.yaml): {MISSING_NOTE}.", heading="Argument map")
        return
    show(*argument_map_diagram(amap), caption="The statements of the map, with what each supports or attacks")


def roundtrip_note(amap) -> list[str]:
    """Export the map to Argdown and AIF, read both back, and say whether statements and relations survive."""
    from helpers.analysis.arguments import from_aif, from_argdown, to_aif, to_argdown

    if amap is None:
        return ["no argument map, so nothing to export"]

    def same(other) -> bool:
        a = sorted((s.id, " ".join(s.text.split())) for s in amap.statements)
        b = sorted((s.id, " ".join(s.text.split())) for s in other.statements)
        ra = sorted((r.source, r.target, r.type) for r in amap.relations)
        rb = sorted((r.source, r.target, r.type) for r in other.relations)
        return a == b and ra == rb

    out = []
    for name, back in (("Argdown", lambda: from_argdown(to_argdown(amap))), ("AIF JSON", lambda: from_aif(to_aif(amap)))):
        ok = same(back())
        out.append(f"{name}: {len(amap.statements)} statements and {len(amap.relations)} relations "
                   + ("come back unchanged when the export is read again" if ok else "do NOT survive the round trip"))
    return out


def scheme_table(schemes):
    """The argumentation schemes (``helpers.analysis.arguments.load_schemes``) and their critical questions."""
    rows = [{"scheme": s.name, "premises": " / ".join(s.premises), "conclusion": s.conclusion,
             "critical questions": " ".join(f"({i}) {q.question}" for i, q in enumerate(s.critical_questions, 1))}
            for s in schemes.values()]
    return _df(rows, ["scheme", "premises", "conclusion", "critical questions"])


def titles_table(quotes):
    """Quotations that are titles of works or themes (``kind == 'title'``), where they stand."""
    rows = [{"title": q.text.rstrip(" ,.;:"), "sentence": q.sentence_id, "words": _words(q.text)}
            for q in quotes.quotes if q.kind == "title"]
    return _df(rows, ["title", "sentence", "words"])


def actor_key_note(analysis, key) -> list[str] | str:
    """The machine's actor list against the pack's key (``helpers.analysis.actors.score_actors``), as points."""
    from helpers.analysis.actors import score_actors
    from helpers.model.packs import MISSING_KEY

    if not key:
        return MISSING_KEY
    s = score_actors(analysis, key)
    return [f"recall {s['recall']:.0%}: key actors found" + (f"; missed {', '.join(s['missed'])}" if s["missed"] else ""),
            f"precision {s['precision']:.0%}" + (f"; not in the key: {', '.join(s['unexpected'])}" if s["unexpected"] else ""),
            f"types right for {s['type_accuracy']:.0%} of the actors found; aliases found {s['alias_recall']:.0%}",
            "strings the key says are not actors: " + (", ".join(s["forbidden"]) if s["forbidden"] else "none reported")]


def trace_findings(questions, citations, trace: dict[str, Any] | None):
    """For the instructor: what the pack's citation trace (``trace.yaml``, lesson 03's key) found
    for each citation that a critical question rests on, and which questions it bears on."""
    entries = {str(e.get("id")): e for e in (trace or {}).get("citations") or [] if isinstance(e, dict)}
    rows: dict[str, dict[str, Any]] = {}
    for r in questions.to_dict("records") if len(questions) else []:
        for raw in r["citations"]:
            c = _resolve_citation(raw, r["sentences"], citations)
            if c is None:
                continue
            e = entries.get(c.id) or {}
            row = rows.setdefault(c.id, {"citation": c.id, "as written": c.raw, "lost": "yes" if c.lost else "no",
                                         "questions": [], "found": " ".join(str(e.get("found", "not traced in the pack")).split()),
                                         "how": " ".join(str(e.get("how", "")).split()),
                                         "confidence": str(e.get("confidence", ""))})
            q = f"{r['instance']}/{r['question_id']} ({r['status']})"
            if q not in row["questions"]:
                row["questions"].append(q)
    out = [{**r, "questions": ", ".join(r["questions"])} for r in rows.values()]
    out.sort(key=lambda r: int(r["citation"][1:]) if r["citation"][1:].isdigit() else 0)
    return _df(out, ["citation", "as written", "lost", "questions", "found", "how", "confidence"])
