"""Stance made visible: the body text as static, escaped HTML with the features of
``helpers.analysis.reading`` marked by category, with a legend (lesson 02)."""

from __future__ import annotations

import html

from helpers.analysis.reading import STANCE_CATEGORIES
from helpers.core.errors import CourseInputError

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
    text = article.text
    parts = ['<div class="cr-highlight" style="color:#000;background:#fff;padding:0.5em 0.75em;'
             'line-height:1.7;max-width:48em">', _legend_html(categories)]
    for p in article.paragraphs:
        if wanted is not None and p.number not in wanted:
            continue
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
        parts.append(f'<p id="cr-p{p.number}"><strong style="color:#333">¶{p.number}</strong> {"".join(body)}</p>')
    parts.append("</div>")
    return HTML("\n".join(parts))


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
