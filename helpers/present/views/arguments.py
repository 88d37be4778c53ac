"""Views of the article as an argument, and of the critique a student writes of it.

* :func:`argument_outline` — the question(s), interpretations and conclusion, in text order
* :func:`to_vega_lite` / :func:`argument_map_diagram` / :func:`show_argument_map` — the argument
  map drawn (statements in layers, supports and attacks as lines) with its statement table
* :func:`map_check` — the map checked against the article (or what to do without one, :data:`NO_MAP`)
* :func:`roundtrip_note` — whether the map survives export to Argdown and AIF and back
* :func:`scheme_table` — argumentation schemes and their critical questions
* :func:`critical_questions_table` / :func:`critical_question_status` — each critical question
  asked of the article, with the citation trail behind it (a stacked bar chart of status)
* :func:`titles_table` — titles of works and themes the article quotes
* :func:`hindsight_table` — what happened after the article (outside knowledge, sourced)
* :func:`rubric_table` / :func:`rubric_levels` / :func:`rubric_source` / :func:`show_rubric` — the
  critique's rubric (the pack's, or the course's generic one) and where it comes from
"""

from __future__ import annotations

from typing import Any

from helpers.analysis.arguments import (VOICES, ArgumentMap, diagram_data, from_aif, from_argdown, layout, to_aif,
                                        to_argdown, validate_argument_map)
from helpers.analysis.draft import map_is_draft
from helpers.analysis.outline import argument_outline as outline_rows
from helpers.model.rubrics import critique_standards
from helpers.present.display import CHART_WIDTH, VEGALITE_SCHEMA, SpecChart, make_table, show, show_note, show_table
from helpers.present.views.citations import resolve_citation
from helpers.present.words import printed_words


def argument_outline(article, amap=None, features=()):
    """The text as an argument (``helpers.analysis.outline``) as a table, one row per part."""
    return make_table(outline_rows(article, amap, features), ["sentence", "part", "marked by", "text"])


# -- the argument map --------------------------------------------------------------------------

def to_vega_lite(amap: ArgumentMap, *, width: int = 720) -> dict[str, Any]:
    """A Vega-Lite specification (plain dict, data inline) of the map's ``diagram_data``; no
    network needed to draw it."""
    nodes, edges = diagram_data(amap)
    # the scheme instance a relation follows is the key of lesson 05's scheme exercise: not drawn
    edges = edges.drop(columns=["scheme"], errors="ignore")
    layers = int(nodes["layer"].max()) + 1 if len(nodes) else 1
    title = amap.title or f"Argument map of {amap.article or 'the article'}"
    scale_x = {"field": "x", "type": "quantitative", "axis": None, "scale": {"zero": False, "nice": False}}
    scale_y = {"field": "y", "type": "quantitative", "axis": None, "scale": {"reverse": True, "zero": False}}
    return {
        "$schema": VEGALITE_SCHEMA,
        "title": title,
        "description": (f"Argument map with {len(nodes)} statements and {len(edges)} relations "
                        f"({(edges['type'] == 'support').sum()} supports, {(edges['type'] == 'attack').sum()} attacks); "
                        "questions and main claims at the top, their supports and attacks below."),
        "width": width, "height": 110 * layers,
        "layer": [
            {"data": {"values": edges.to_dict("records")},
             "mark": {"type": "rule", "strokeWidth": 2},
             "encoding": {"x": scale_x, "y": scale_y,
                          "x2": {"field": "x2"}, "y2": {"field": "y2"},
                          "color": {"field": "type", "type": "nominal", "title": "relation",
                                    "scale": {"domain": ["support", "attack"], "range": ["#1b7837", "#b2182b"]}},
                          "strokeDash": {"field": "type", "type": "nominal", "title": "relation",
                                         "scale": {"domain": ["support", "attack"], "range": [[1, 0], [6, 4]]}},
                          "tooltip": [{"field": "from"}, {"field": "type"}, {"field": "to"}]}},
            {"data": {"values": nodes.to_dict("records")},
             "mark": {"type": "point", "filled": True, "size": 260},
             "encoding": {"x": scale_x, "y": scale_y,
                          "shape": {"field": "kind", "type": "nominal", "title": "kind"},
                          "color": {"field": "voice", "type": "nominal", "title": "voice",
                                    "scale": {"domain": [*VOICES, OPEN_VOICE],
                                              "range": ["#2166ac", "#7f7f7f", "#e08214", "#000000"]}},
                          "tooltip": [{"field": "id"}, {"field": "kind"}, {"field": "voice"}, {"field": "speaker"},
                                      {"field": "text"}, {"field": "sentences"}, {"field": "citations"}]}},
            {"data": {"values": nodes.to_dict("records")},
             "mark": {"type": "text", "dy": -16, "fontSize": 11},
             "encoding": {"x": scale_x, "y": scale_y, "text": {"field": "id"}}},
        ],
    }


def argument_map_diagram(amap):
    """The argument map as a diagram (:func:`to_vega_lite`, wide enough for every label, with a
    legend of voices) and its statement table: what each statement supports or attacks."""
    per_layer: dict[int, int] = {}
    for level, _ in layout(amap).values():
        per_layer[level] = per_layer.get(level, 0) + 1
    spec = to_vega_lite(amap, width=max(720, 105 * max(per_layer.values(), default=1)))  # room for every label
    spec["title"] = {"text": spec["title"], "subtitle": "blue: the author's voice; grey: reported; orange: contested; black: yours to decide"}
    # relations and voices each have their own colours: keep the two colour scales apart
    spec["resolve"] = {"scale": {"color": "independent", "strokeDash": "independent"},
                       "legend": {"color": "independent"}}
    table = make_table([{"id": s.id, "kind": s.kind, "voice": s.voice, "speaker": s.speaker or "",
                         "text": " ".join(s.text.split()), "sentences": ", ".join(s.sentences),
                         "supports": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "support"),
                         "attacks": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "attack")}
                        for s in amap.statements],
                       ["id", "kind", "voice", "speaker", "text", "sentences", "supports", "attacks"])
    return SpecChart(spec), table


#: what a lesson shows where the pack has no argument map: what to do instead (a generic note)
NO_MAP = ("This article's pack has no argument map (argument.yaml) yet. Map it yourself: take the question, the "
          "sides and the conclusion from the outline above, then for each claim the sentences that support or attack "
          "it, each with its voice (the author's, reported, or contested). An instructor can draft a map with "
          "`python -m helpers pack draft ARTICLE` and check it. (A generic note.)")


def map_check(amap, article) -> list[str] | str:
    """The result of checking the pack's map against the article: its problems, the line that it is
    valid, or (without a map) :data:`NO_MAP`."""
    if amap is None:
        return NO_MAP
    return validate_argument_map(amap.to_dict(), article) or \
        ["valid: every sentence id, quotation and citation checked against the article"]


#: what the map shows in place of the conclusion's voice and speaker while they are the student's to decide
OPEN_VOICE = "yours to decide"


def with_open_conclusion(amap):
    """A copy of ``amap`` in which the conclusion's voice and speaker are not given: whose
    conclusion it is, is lesson 05's first exercise (its key is the map's voice)."""
    import dataclasses

    statements = [dataclasses.replace(s, voice=OPEN_VOICE, speaker=None) if s.kind == "conclusion" else s
                  for s in amap.statements]
    return dataclasses.replace(amap, statements=statements)


def show_argument_map(amap, open_conclusion: bool = False) -> None:
    """The argument map as a diagram with its statement table, or the pack's missing message.
    ``open_conclusion``: the conclusion's voice and speaker left out (:func:`with_open_conclusion`)."""
    if amap is None:
        show_note(NO_MAP, heading="Argument map")
        return
    shown = with_open_conclusion(amap) if open_conclusion else amap
    if map_is_draft(amap):
        show_note("This map was drafted by the machine and not yet checked by your instructor: where you disagree, "
                  "you may be right — say why. Each statement is one sentence of the text, and its note gives the "
                  "rule that proposed it.", heading="A drafted map")
    show(*argument_map_diagram(shown), caption="The statements of the map, with what each supports or attacks")


def _same_map(amap, other) -> bool:
    """Whether two maps have the same statements (id and text) and the same relations."""
    a = sorted((s.id, " ".join(s.text.split())) for s in amap.statements)
    b = sorted((s.id, " ".join(s.text.split())) for s in other.statements)
    ra = sorted((r.source, r.target, r.type) for r in amap.relations)
    rb = sorted((r.source, r.target, r.type) for r in other.relations)
    return a == b and ra == rb


def roundtrip_note(amap) -> list[str]:
    """Export the map to Argdown and AIF, read both back, and say whether statements and relations survive."""
    if amap is None:
        return ["no argument map, so nothing to export"]
    out = []
    for name, back in (("Argdown", lambda: from_argdown(to_argdown(amap))), ("AIF JSON", lambda: from_aif(to_aif(amap)))):
        ok = _same_map(amap, back())
        out.append(f"{name}: {len(amap.statements)} statements and {len(amap.relations)} relations "
                   + ("come back unchanged when the export is read again" if ok else "do NOT survive the round trip"))
    return out


# -- schemes and critical questions --------------------------------------------------------------

def scheme_table(schemes):
    """The argumentation schemes (``helpers.analysis.arguments.load_schemes``) and their critical questions."""
    rows = [{"scheme": s.name, "premises": " / ".join(s.premises), "conclusion": s.conclusion,
             "critical questions": " ".join(f"({i}) {q.question}" for i, q in enumerate(s.critical_questions, 1))}
            for s in schemes.values()]
    return make_table(rows, ["scheme", "premises", "conclusion", "critical questions"])


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
            c = resolve_citation(raw, r["sentences"], citations)
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
    return make_table(rows, ["scheme", "instance", "question", "status", "sentences", "sources", "lost sources",
                             "your trace (03)", "note"])


def _status_counts(table) -> list[dict[str, Any]]:
    """Questions per scheme instance and status (answered, open, failed), and how many rest on a lost source."""
    counts = []
    for (inst, scheme), grp in table.groupby(["instance", "scheme"], sort=False) if len(table) else []:
        for status in ("answered", "open", "failed"):
            counts.append({"instance": inst, "scheme": scheme, "status": status,
                           "questions": int((grp["status"] == status).sum()),
                           "with lost sources": int(((grp["status"] == status) & (grp["lost sources"] > 0)).sum())})
    return counts


def critical_question_status(questions, citations, workspace=None,
                             title: str = "Critical questions: how the article fares"):
    """Stacked bars of critical-question status (open, answered, failed) per scheme instance,
    with the table of questions, evidence and sources (:func:`critical_questions_table`)."""
    import altair as alt

    table = critical_questions_table(questions, citations, workspace)
    counts = _status_counts(table)
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
             .properties(title=title, description=description, width=CHART_WIDTH - 120,
                         height=max(100, 26 * len({c['instance'] for c in counts}))))
    return chart, table


# -- balance, hindsight and the critique -------------------------------------------------------

def titles_table(quotes):
    """Quotations that are titles of works or themes (``kind == 'title'``), where they stand."""
    rows = [{"title": q.text.rstrip(" ,.;:"), "sentence": q.sentence_id, "words": printed_words(q.text)}
            for q in quotes.quotes if q.kind == "title"]
    return make_table(rows, ["title", "sentence", "words"])


def hindsight_table(pack):
    """Events after the article from the pack's ``hindsight.yaml``: date, event, sources."""
    rows = []
    for e in pack.section("hindsight", "events", default=[]):
        sources = "; ".join(f"{s.get('title', '')} ({s.get('publisher', '')}), {s.get('url', '')}"
                            for s in e.get("sources") or [])
        rows.append({"date": str(e.get("date", "")), "event": " ".join(str(e.get("event", "")).split()),
                     "outside knowledge": "yes", "sources": sources})
    return make_table(rows, ["date", "event", "outside knowledge", "sources"])


def rubric_table(rubric: dict[str, Any]):
    """The critique rubric (``critique.yaml``'s ``rubric``): one row per standard and its levels."""
    rubric = rubric or {}
    rows = [{"standard": s.get("name", ""), "ask": " ".join(str(s.get("ask", "")).split())}
            for s in rubric.get("standards") or [] if isinstance(s, dict)]
    if not rows:
        rows = [{"standard": name, "ask": "(this article's pack has no rubric: ask of your critique whether it meets "
                                          f"the standard of {name})"} for name in critique_standards()]
    return make_table(rows, ["standard", "ask"])


def rubric_source(rubric: dict[str, Any]) -> str:
    """Where the rubric comes from, in one line: its work and address, and whether it is the
    course's generic rubric (outside knowledge) or the pack's own."""
    rubric = rubric or {}
    source = rubric.get("source") or {}
    work = " ".join(str(source.get("work", "")).split()) if isinstance(source, dict) else str(source)
    url = source.get("url") if isinstance(source, dict) else None
    links = [x.get("url") for x in (source.get("links") or []) if isinstance(x, dict)] if isinstance(source, dict) else []
    where = url or (links[0] if links else "")
    whose = ("The course's generic rubric (this article's pack has none of its own): outside knowledge, "
             if rubric.get("generic") else "The pack's rubric: ")
    if not work:
        return whose + "its source is not recorded."
    return whose + f"the standards are from {work}" + (f" ({where})" if where else "") + \
        "; the questions are the course's own wording."


def show_rubric(rubric: dict[str, Any]) -> None:
    """The critique rubric as a table, its levels, and where it comes from."""
    show_table(rubric_table(rubric), f"The critique rubric (levels: {rubric_levels(rubric)})")
    show_note(rubric_source(rubric), heading="Where the rubric comes from")


def rubric_levels(rubric: dict[str, Any]) -> str:
    """The rubric's levels in one line ("0 = not met …; 3 = met well …")."""
    levels = (rubric or {}).get("levels") or {}
    return "; ".join(f"{k} = {' '.join(str(v).split())}" for k, v in sorted(levels.items())) \
        or "0 to 3, from not met to met well"
