"""Views of the article's evidence: its parenthetical citations, their sources and dates, what each
claim and paragraph rests on, and the instructor's trace of the sources.

* :func:`citation_inventory` — one row per cited source: sentence, as written, category, dates
* :func:`cited_dates_table` / :func:`citation_timeline` — every cited date, by source (a dot chart)
* :func:`dated_timeline` — the cited dates against the publication date (days before it)
* :func:`source_mix` — cited sources by registry category (a bar chart)
* :func:`claims_table` — each citation and the sentence (the claim) it supports
* :func:`paragraph_support` / :func:`single_source_runs` — what each paragraph rests on
* :func:`lost_citations_table` — citations whose source name this copy lost
* :func:`show_citation_check` — the parser against the pack's hand-checked key
* :func:`show_trace_key` / :func:`trace_findings` — the pack's ``trace.yaml`` (instructors only)
* :func:`resolve_citation` — the citation a critical question names, by id or as written
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from helpers.analysis.citations import score_citations
from helpers.core.text import clip
from helpers.present.display import (CHART_WIDTH, chart_values, make_table, one_line, show_markdown, show_note,
                                     show_table)


# -- the citations and their dates ----------------------------------------------------------------

def citation_inventory(citations):
    """One row per (citation, source): id, sentence, as written, source (or '(lost)'), registry
    category, 'see', the dates resolved (ISO)."""
    rows = [{"citation": c.id, "paragraph": c.paragraph, "sentence": c.sentence_id, "as written": c.raw,
             "source": s.name if s.name else "(source name lost)", "category": s.category,
             "see": "see" if s.see else "", "dates": ", ".join([d.isoformat() for d in s.dates]
                                                                + [str(y) for y in s.years] + list(s.months)
                                                                + list(s.unresolved))}
            for c in citations for s in c.sources]
    return make_table(rows, ["citation", "paragraph", "sentence", "as written", "source", "category", "see", "dates"])


def cited_dates_table(citations):
    """One row per date cited: citation id, paragraph, source (or '(lost)') and the date."""
    rows = []
    for c in citations:
        for s in c.sources:
            for d in s.dates:
                rows.append({"citation": c.id, "paragraph": c.paragraph, "sentence": c.sentence_id,
                             "source": s.name if s.name else "(source name lost)",
                             "date": d.isoformat(), "raw": c.raw})
    table = make_table(rows, ["citation", "paragraph", "sentence", "source", "date", "raw"])
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
    chart = (alt.Chart(alt.Data(values=chart_values(table)), name="citation_timeline")
             .mark_circle(size=80, opacity=0.8)
             .encode(x=alt.X("date:T", title="Date cited", axis=alt.Axis(format="%Y-%m-%d", labelAngle=-30)),
                     y=alt.Y("source:N", title="Source cited"),
                     tooltip=[alt.Tooltip("citation:N", title="Citation"), alt.Tooltip("sentence:N", title="Sentence"),
                              alt.Tooltip("date:N", title="Date"), alt.Tooltip("raw:N", title="As written")])
             .properties(title="Dates the article cites", description=description, width=CHART_WIDTH))
    return chart, table


def dated_timeline(article, citations):
    """Dot chart of every cited date with a rule at the publication date (or the latest possible one,
    31 December of the year), and its table (days before that date)."""
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
    dots = (alt.Chart(alt.Data(values=chart_values(table)))
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
                                          width=CHART_WIDTH)
    return chart, table


def lost_citations_table(citations):
    """Citations whose source name this copy lost (``Source.name is None``)."""
    rows = [{"citation": c.id, "sentence": c.sentence_id, "as written": c.raw,
             "dates": ", ".join(d.isoformat() for d in s.dates)}
            for c in citations for s in c.sources if s.name is None]
    return make_table(rows, ["citation", "sentence", "as written", "dates"])


# -- the sources -------------------------------------------------------------------------------

def _source_counts(citations) -> list[dict[str, Any]]:
    """Sources cited per registry category: count, share, names and citation ids, most cited first."""
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
    return [{"category": r["category"], "sources cited": r["sources cited"],
             "share": f"{100 * r['sources cited'] / total:.0f}%", "names": ", ".join(r["names"]),
             "citations": ", ".join(sorted(r["citations"], key=lambda x: (len(x), x)))}
            for r in sorted(counts.values(), key=lambda r: (-r["sources cited"], r["category"]))]


def source_mix(citations):
    """Bar chart of cited sources by registry category (including 'lost'), with its table."""
    import altair as alt

    rows = _source_counts(citations)
    total = sum(r["sources cited"] for r in rows)
    table = make_table(rows, ["category", "sources cited", "share", "names", "citations"])
    description = (f"Bar chart of the {total} sources cited, by kind of source: "
                   + "; ".join(f"{r['category']} {r['sources cited']}" for r in rows) + "."
                   if rows else "No citations were found, so the chart is empty.")
    chart = (alt.Chart(alt.Data(values=chart_values(table)), name="source_mix")
             .mark_bar()
             .encode(y=alt.Y("category:N", title="Kind of source", sort="-x"),
                     x=alt.X("sources cited:Q", title="Sources cited", axis=alt.Axis(tickMinStep=1)),
                     tooltip=[alt.Tooltip("category:N", title="Kind"), alt.Tooltip("sources cited:Q", title="Cited"),
                              alt.Tooltip("names:N", title="Names")])
             .properties(title="Source mix: what kinds of source the article cites", description=description,
                         width=CHART_WIDTH, height=max(80, 32 * len(rows))))
    return chart, table


# -- what the claims and paragraphs rest on ------------------------------------------------------

def claims_table(citations, limit: int = 220):
    """Which claim each citation supports: the citation, its sentence id and the sentence (the claim)."""
    rows = [{"citation": c.id, "as written": c.raw, "sentence": c.sentence_id,
             "source": ", ".join(s.name or "(lost)" for s in c.sources),
             "claim (the sentence it supports)": clip(c.sentence, limit)} for c in citations]
    return make_table(rows, ["citation", "as written", "sentence", "source", "claim (the sentence it supports)"])


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
    return make_table(rows, ["paragraph", "citations", "sources", "rests on", "note"])


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


# -- checked against the pack ------------------------------------------------------------------

def show_citation_check(citations, key: dict[str, Any] | None, missing: str) -> None:
    """Compare the citations found with the pack's hand-checked key (``key/citations.yaml``):
    counts, then one line per difference; ``missing`` when the pack has no key."""
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
        return "; ".join(f"{one_line(k)}: {one_line(v)}" for k, v in item.items())
    return one_line(item)


def show_trace_key(trace: dict[str, Any] | None, missing: str) -> None:
    """Display a pack's ``trace.yaml`` (the instructor's lateral-trace key) for a ``solution`` cell:
    what the publisher's copy and the lost sources gave, each citation traced, then what each
    paragraph rests on, how a lost source was recovered and SIFT applied to this article."""
    if not trace:
        show_markdown(f"Instructor key for the citation trace: {missing}.")
        return
    show_markdown("\n".join(_trace_findings_lines(trace)))
    rows = [{"citation": c.get("id"), "as written": c.get("raw"), "sentence": c.get("sentence"),
             "supports": one_line(c.get("supports")), "found": one_line(c.get("found")), "how": one_line(c.get("how")),
             "confidence": c.get("confidence"), "note": one_line(c.get("note"))} for c in trace.get("citations") or []]
    if rows:
        show_table(make_table(rows, list(rows[0])), "Instructor key: each citation traced")
    more = _trace_method_lines(trace)
    if more:
        show_markdown("\n".join(more))


def _trace_findings_lines(trace: dict[str, Any]) -> list[str]:
    """The trace's publisher's copy (findings, author, reprint) and its recovered losses."""
    parts = ["**Instructor key — what a lateral trace found.**"]
    pub = trace.get("publisher_copy") or {}
    if pub:
        parts.append(f"The publisher's copy ({one_line(pub.get('url'))}, seen {pub.get('seen', '?')}, "
                     f"{one_line(pub.get('how'))}):")
        parts += [f"- {_item_text(x)}" for x in pub.get("findings") or []]
        if pub.get("author"):
            parts.append(f"- author: {one_line(pub['author'])}")
        reprint = pub.get("reprint") or {}
        if reprint:
            parts.append(f"- reprint: {one_line(reprint.get('url'))}: {one_line(reprint.get('note'))}")
    for loss in trace.get("losses") or []:
        parts.append(f"- lost {loss.get('what')} ({loss.get('where')}, “{loss.get('raw', '')}”): "
                     f"{loss.get('found')} — {loss.get('how')}, confidence {loss.get('confidence')}")
    return parts


def _trace_method_lines(trace: dict[str, Any]) -> list[str]:
    """The trace's paragraph sources and summary, its recovery steps and its SIFT moves."""
    more = []
    for p in trace.get("paragraph_sources") or []:
        line = f"- ¶{p.get('paragraph')}: {', '.join(map(str, p.get('sources') or []))}"
        if p.get("single_source"):
            line += f" — **single source**: {p['single_source']}"
        if p.get("note"):
            line += f" ({one_line(p['note'])})"
        more.append(line)
    if more:
        more.insert(0, "**What each paragraph rests on (key)**")
    if trace.get("single_source_summary"):
        more.append(f"\n{one_line(trace['single_source_summary'])}")
    steps = trace.get("recover_steps") or []
    if steps:
        more.append("\n**Recovering a lost source, as done here**")
        more += [f"{i}. {s.get('step')}: {one_line(s.get('detail'))}" for i, s in enumerate(steps, 1)]
    moves = (trace.get("sift") or {}).get("moves") or []
    if moves:
        more.append("\n**SIFT applied to this article**")
        more += [f"- *{m.get('move')}*: {one_line(m.get('here'))}" for m in moves]
    return more


def resolve_citation(ref: str, sentences, citations):
    """The citation a critical question names: by id, else by its raw text — in the question's
    sentences when the same text occurs more than once, else the first in text order."""
    same = [c for c in citations if c.id == ref] or [c for c in citations if c.raw == ref]
    return next((c for c in same if c.sentence_id in set(sentences or [])), same[0] if same else None)


def trace_findings(questions, citations, trace: dict[str, Any] | None):
    """For the instructor: what the pack's citation trace (``trace.yaml``, lesson 03's key) found
    for each citation that a critical question rests on, and which questions it bears on."""
    entries = {str(e.get("id")): e for e in (trace or {}).get("citations") or [] if isinstance(e, dict)}
    rows: dict[str, dict[str, Any]] = {}
    for r in questions.to_dict("records") if len(questions) else []:
        for raw in r["citations"]:
            c = resolve_citation(raw, r["sentences"], citations)
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
    return make_table(out, ["citation", "as written", "lost", "questions", "found", "how", "confidence"])
