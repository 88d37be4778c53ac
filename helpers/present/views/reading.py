"""Views of a close reading: what each paragraph does, how the text speaks (stance), and the words
a reader needs explained.

* :func:`guided_reading_table` / :func:`show_guided_reading` — each paragraph's role and its cue
  (the pack's ``reading.yaml``)
* :func:`highlight_html` — the body text with hedges, boosters, attribution (and connectives)
  marked, as static escaped HTML with a legend (:data:`HIGHLIGHT_STYLES`)
* :func:`stance_density` — stance markers per 1,000 words in each paragraph (a grouped bar chart)
* :func:`stance_table` / :func:`stance_chart` — stance markers per sentence of chosen paragraphs
* :func:`features_table` — every stance marker found, with its lexicon source
* :func:`glossary_markdown` / :func:`show_glossary` / :func:`spelling_table` — the pack's glossary
"""

from __future__ import annotations

import html
from typing import Any

from helpers.analysis.reading import STANCE_CATEGORIES, density_table
from helpers.core.errors import CourseInputError
from helpers.present.display import CHART_WIDTH, chart_values, make_table, md_text, one_line, show_markdown

#: How each stance category is marked in :func:`highlight_html`: background, border, letter.
#: Text stays black (#000) on every background: contrast 14:1 or more (WCAG AA needs 4.5:1);
#: a letter after each mark keeps the categories apart without relying on colour.
HIGHLIGHT_STYLES = {
    "hedge": {"background": "#fff2a8", "border": "#8a6d00", "letter": "H", "label": "hedge (softens a claim)"},
    "booster": {"background": "#ffd6d6", "border": "#a11a1a", "letter": "B", "label": "booster (strengthens a claim)"},
    "attribution": {"background": "#d3e5ff", "border": "#1f4f9a", "letter": "A",
                    "label": "attribution (reports what someone says or thinks)"},
    "connective": {"background": "#dff3dc", "border": "#2b6b26", "letter": "C", "label": "connective (links steps of an argument)"},
}


# -- guided reading ----------------------------------------------------------------------------

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
                     "role": one_line(r.get("role")) or "—",
                     "cue": f"{cue.get('sentence', '')}: “{one_line(cue.get('quote'))}”" if cue.get("quote") else "—",
                     "why": one_line(r.get("why")) + (f" (Also defensible: {one_line(r['alternative_role'])}.)"
                                                      if r.get("alternative_role") else "")})
    return make_table(rows, ["paragraph", "opens", "role", "cue", "why"])


def show_guided_reading(article, reading: dict[str, Any] | None, missing: str) -> None:
    """Display the guided reading, one block per paragraph (``missing`` when the pack has no roles)."""
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
    show_markdown("\n\n".join(blocks))


# -- stance highlighted --------------------------------------------------------------------------

def highlight_html(article, features, categories=STANCE_CATEGORIES, paragraphs=None):
    """The body text as static HTML (escaped, no JavaScript) with each feature of ``categories``
    in a ``<mark class="cr-<category>">`` and a letter after it, plus a legend; an IPython ``HTML``.

    ``paragraphs``: the body paragraph numbers to show (default all). Overlapping features
    (e.g. a form in two lexicons) share one mark with both classes and letters.
    """
    from IPython.display import HTML

    categories = tuple(categories)
    unknown = [c for c in categories if c not in HIGHLIGHT_STYLES]
    if unknown:
        raise CourseInputError(None, f"no highlight style for {', '.join(map(str, unknown))}",
                               f"choose from {', '.join(HIGHLIGHT_STYLES)}")
    wanted = None if paragraphs is None else {int(n) for n in paragraphs}
    order = {c: i for i, c in enumerate(categories)}
    chosen = [f for f in features if f.category in order]
    parts = ['<div class="cr-highlight" style="color:#000;background:#fff;padding:0.5em 0.75em;'
             'line-height:1.7;max-width:48em">', _legend_html(categories)]
    for p in article.paragraphs:
        if wanted is None or p.number in wanted:
            parts.append(_paragraph_html(article.text, p, chosen, order))
    parts.append("</div>")
    return HTML("\n".join(parts))


def _paragraph_html(text: str, p, chosen, order: dict[str, int]) -> str:
    """One paragraph as ``<p>``, each stretch covered by features in one ``<mark>`` with its letters."""
    inside = [f for f in chosen if p.start <= f.start and f.end <= p.end]
    cuts = sorted({p.start, p.end, *(f.start for f in inside), *(f.end for f in inside)})
    body = []
    for a, b in zip(cuts, cuts[1:]):
        cats = sorted({f.category for f in inside if f.start <= a and b <= f.end}, key=order.get)
        piece = html.escape(text[a:b])
        if not cats:
            body.append(piece)
            continue
        main = HIGHLIGHT_STYLES[cats[0]]
        style = (f"background:{main['background']};color:#000;border-bottom:2px solid {main['border']};"
                 "padding:0 1px")
        letters = "".join(HIGHLIGHT_STYLES[c]["letter"] for c in cats)
        body.append(f'<mark class="{" ".join("cr-" + c for c in cats)}" style="{style}">{piece}</mark>'
                    f'<sup class="cr-tag" style="color:#222;font-size:0.7em" '
                    f'aria-label="{html.escape(", ".join(cats))}">{letters}</sup>')
    return f'<p id="cr-p{p.number}"><strong style="color:#333">¶{p.number}</strong> {"".join(body)}</p>'


def _legend_html(categories) -> str:
    items = []
    for c in categories:
        s = HIGHLIGHT_STYLES[c]
        items.append(f'<li style="display:inline;margin-right:1.2em"><mark class="cr-{c}" style="background:'
                     f'{s["background"]};color:#000;border-bottom:2px solid {s["border"]}">{s["letter"]}</mark> '
                     f'{s["label"]}</li>')
    return ('<p style="margin:0 0 0.3em 0"><strong>Legend</strong> (the letter after a marked word repeats its '
            'category)</p><ul class="cr-legend" style="list-style:none;padding:0;margin:0 0 0.8em 0">'
            + "".join(items) + "</ul>")


# -- stance counted ------------------------------------------------------------------------------

def stance_density(article, features, categories=STANCE_CATEGORIES):
    """Grouped bar chart of stance features per 1,000 words in each paragraph, with its table."""
    import altair as alt

    table = density_table(article, features)
    table = table[table["category"].isin(list(categories))].reset_index(drop=True)
    totals = table.groupby("category")["count"].sum()
    peak = table.loc[table["per_1000"].idxmax()] if len(table) and table["per_1000"].max() > 0 else None
    description = (f"Grouped bar chart of {', '.join(categories)} per 1,000 words in each of the "
                   f"{len(article.paragraphs)} body paragraphs of “{article.title}”. Totals: "
                   + ", ".join(f"{int(totals.get(c, 0))} {c}(s)" for c in categories) + "."
                   + (f" The densest is paragraph {int(peak['paragraph'])} ({peak['category']}, "
                      f"{peak['per_1000']} per 1,000 words)." if peak is not None else ""))
    colours = [HIGHLIGHT_STYLES[c]["border"] for c in categories]
    chart = (alt.Chart(alt.Data(values=chart_values(table)), name="stance_density")
             .mark_bar()
             .encode(x=alt.X("paragraph:O", title="Body paragraph", axis=alt.Axis(labelAngle=0)),
                     xOffset=alt.XOffset("category:N", sort=list(categories)),
                     y=alt.Y("per_1000:Q", title="Features per 1,000 words"),
                     color=alt.Color("category:N", title="Category", sort=list(categories),
                                     scale=alt.Scale(domain=list(categories), range=colours)),
                     tooltip=[alt.Tooltip("paragraph:O", title="Paragraph"), alt.Tooltip("category:N", title="Category"),
                              alt.Tooltip("count:Q", title="Count"), alt.Tooltip("per_1000:Q", title="Per 1,000 words")])
             .properties(title="Stance per paragraph: hedges, boosters and attribution", description=description,
                         width=CHART_WIDTH, height=220))
    return chart, table


def features_table(features, categories=STANCE_CATEGORIES):
    """The stance features found, one row each: sentence, category, the words, lexicon headword, source."""
    rows = [{"sentence": f.sentence_id, "category": f.category, "text": f.text, "form": f.form,
             "check": "yes" if f.needs_review else "", "lexicon source": f.source}
            for f in features if f.category in categories]
    return make_table(rows, ["sentence", "category", "text", "form", "check", "lexicon source"])


def stance_table(article, features, paragraphs, categories=STANCE_CATEGORIES):
    """Stance markers (``helpers.analysis.reading`` features) in the given paragraphs, one row each."""
    keep = set(paragraphs)
    rows = [{"sentence": f.sentence_id, "category": f.category, "as written": f.text, "form": f.form,
             "needs review": bool(f.needs_review)}
            for f in features if f.paragraph in keep and f.category in categories]
    return make_table(rows, ["sentence", "category", "as written", "form", "needs review"])


def stance_chart(article, features, paragraphs, categories=STANCE_CATEGORIES):
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
                         width=CHART_WIDTH - 160, height=200))
    return chart, table


# -- glossary ------------------------------------------------------------------------------------

def _glossary_entries(glossary: dict[str, Any] | None) -> list[dict[str, Any]]:
    entries = (glossary or {}).get("entries") or []
    return [e for e in entries if isinstance(e, dict)]


def _source_line(s: dict[str, Any]) -> str:
    bits = [f"“{one_line(s.get('title'))}”" if s.get("title") else "", one_line(s.get("publisher")), one_line(s.get("url"))]
    line = ", ".join(b for b in bits if b)
    if s.get("accessed"):
        line += f" (read {s['accessed']})"
    if s.get("note"):
        line += f" — {one_line(s['note'])}"
    return line


def _glossary_entry(e: dict[str, Any]) -> str:
    outside = ("**Outside knowledge** (not in the article; check the sources)" if e.get("outside_knowledge")
               else "**From the article** (the text itself says this)")
    lines = [f"### {one_line(e.get('term'))}", outside]
    for where in e.get("article") or []:
        lines.append(f"- in the article, {where.get('sentence', '')}: “{one_line(where.get('quote'))}”")
    lines.append(f"- {one_line(e.get('definition'))}")
    if e.get("usage_note"):
        lines.append(f"- *Usage:* {one_line(e['usage_note'])}")
    if e.get("later"):
        lines.append(f"- *After the article:* {one_line(e['later'])}")
    sources = e.get("sources") or []
    lines.append("- *Sources:* " + ("; ".join(_source_line(s) for s in sources) if sources
                                    else "**none given: treat this entry as unchecked**"))
    return "\n".join(lines)


def glossary_markdown(glossary: dict[str, Any] | None, missing: str) -> str:
    """The pack's glossary as Markdown: each term, where the article uses it, the definition, whether
    it is outside knowledge, usage notes and its sources."""
    entries = _glossary_entries(glossary)
    if not entries:
        return f"*Glossary: {missing}.* Make your own: list the terms you had to look up, each with its source."
    return "\n\n".join(_glossary_entry(e) for e in entries)


def show_glossary(glossary: dict[str, Any] | None, missing: str) -> None:
    """Display the pack's glossary (:func:`glossary_markdown`)."""
    show_markdown(glossary_markdown(glossary, missing))


def spelling_table(glossary: dict[str, Any] | None):
    """Names the article spells differently from the usual form (glossary entries with ``spelling``)."""
    rows = []
    for e in _glossary_entries(glossary):
        sp = e.get("spelling")
        if isinstance(sp, dict):
            rows.append({"in the article": one_line(sp.get("article_form")), "usual form": one_line(sp.get("usual_form")),
                         "native form": one_line(sp.get("native_form")), "note": one_line(sp.get("note")),
                         "sources": "; ".join(_source_line(s) for s in e.get("sources") or []) or "none given"})
    return make_table(rows, ["in the article", "usual form", "native form", "note", "sources"])
