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
        text = f"{head} Opens: “{row.opens}”"
        if row.cue != "—":
            text += f"\n\n- cue: {row.cue}\n- {row.why}"
        blocks.append(text)
    body = "\n\n".join(blocks)
    display({"text/markdown": body, "text/plain": body}, raw=True)


def stance_density(article, features, categories=("hedge", "booster", "attribution")):
    """Grouped bar chart of stance features per 1,000 words in each paragraph, with its table."""
    import altair as alt

    from .reading import HIGHLIGHT_STYLES, density_table

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
    ``helpers.reading.extract_features``) right after a one-source paragraph (or such a run) is
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
