"""Views of the article as a document: what it says about itself, its headline, its paragraphs,
when it was written and what this copy lost.

* :func:`article_card` — title, publication line, year, date, author, and where each comes from
* :func:`headline_parts` / :func:`headline_table` — the headline split into claim and qualification
* :func:`paragraph_table` / :func:`paragraph_map` — words and sentences per body paragraph (a bar chart)
* :func:`dating_table` / :func:`date_window` — the evidence for the publication date, and its bounds
* :func:`losses_table` — what this copy of the text lost, as recorded in the metadata and the pack
* :func:`author_question` / :func:`show_author_references` — who wrote it: where the text refers to
  its writer, or, when it never does, how to find out (never a question above an empty table)
"""

from __future__ import annotations

import re
from typing import Any

from helpers.analysis.outline import headline_parts  # noqa: F401  (a view of the headline, re-exported)
from helpers.present.display import CHART_WIDTH, chart_values, make_table

_LINE_LABELS = {"publication": "Publication:", "volume": "Volume:", "issue": "Issue:"}


def article_card(article) -> Any:
    """What the article says about itself (title, publication line, year) and where each fact comes from."""
    meta = article.metadata
    rows = [{"field": "title", "value": article.title, "from": "the text (first line)"}]
    head = article.text[: article.paragraphs[0].start] if article.paragraphs else article.text
    for key in ("publication", "volume", "issue"):
        if meta.get(key) is not None:
            rows.append({"field": key, "value": str(meta[key]), "from": _where_stated(head, key, meta[key])})
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
    return make_table(rows, ["field", "value", "from"])


def _where_stated(head: str, key: str, value: Any) -> str:
    """Where the text before the body states a publication-line fact: the line, front matter, or nowhere."""
    in_line = re.search(rf"{_LINE_LABELS[key]}\s*{re.escape(str(value))}\b", head)
    in_front = head.lstrip("\ufeff").startswith("---") and re.search(rf"^{key}\s*:", head, re.MULTILINE)
    return ("the text (publication line)" if in_line else
            "the file's front matter" if in_front else "metadata (outside the text)")


def headline_table(article):
    """The headline's claim and qualification, one row each."""
    parts = headline_parts(article.title)
    return make_table([{"part": "claim", "text": parts["claim"]},
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
    return make_table(rows, ["paragraph", "sentences", "words", "opening"])


def paragraph_map(article):
    """Bar chart of words per body paragraph, with its table."""
    import altair as alt

    table = paragraph_table(article)
    longest = table.loc[table["words"].idxmax()]
    description = (f"Bar chart of the length in words of each of the {len(table)} body paragraphs of "
                   f"“{article.title}”. Paragraph {int(longest['paragraph'])} is the longest "
                   f"({int(longest['words'])} words); the shortest has {int(table['words'].min())} words.")
    chart = (alt.Chart(alt.Data(values=chart_values(table)), name="paragraph_map")
             .mark_bar()
             .encode(x=alt.X("paragraph:O", title="Body paragraph", axis=alt.Axis(labelAngle=0)),
                     y=alt.Y("words:Q", title="Words"),
                     tooltip=[alt.Tooltip("paragraph:O", title="Paragraph"), alt.Tooltip("words:Q", title="Words"),
                              alt.Tooltip("sentences:Q", title="Sentences"), alt.Tooltip("opening:N", title="Opens")])
             .properties(title="Paragraph map: words per paragraph", description=description,
                         width=CHART_WIDTH, height=220))
    return chart, table


def _cited_dates(citations) -> list:
    return sorted(d for c in citations for s in c.sources for d in s.dates)


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
    dates = _cited_dates(citations)
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
    return make_table(rows, ["evidence", "says", "so", "kind"])


def date_window(article, citations) -> dict[str, str | None]:
    """The earliest and latest possible publication dates (ISO strings, None when unknown)."""
    dates = _cited_dates(citations)
    ref = article.reference_date()
    return {"not_before": dates[-1].isoformat() if dates else None,
            "not_after": ref.isoformat() if ref else None}


def losses_table(losses: list[dict[str, str]]):
    """The losses recorded for this copy (``ArticlePack.losses(article.metadata)``)."""
    return make_table(losses, ["what", "where", "detail", "recorded in"])


# -- who wrote it --------------------------------------------------------------------------------

def _author_phrase(article, key: dict | None) -> str | None:
    """The phrase by which the text refers to its writer: the key's, else "this author" when the text uses it."""
    phrase = (key or {}).get("phrase")
    if phrase:
        return str(phrase)
    return "this author" if re.search(r"\bthis author\b", article.text, re.IGNORECASE) else None


def author_question(article, key: dict | None) -> str:
    """Lesson 01's author question: about the phrase by which the text refers to its writer when
    there is one (the pack's ``01_this_author`` ``phrase``), else how to find out who wrote it."""
    phrase = _author_phrase(article, key)
    if phrase:
        return f"Who is '{phrase}'? Say how you would check your answer."
    named = (article.metadata or {}).get("author")
    if named:
        return (f"The text never refers to its writer; only the metadata names an author ({named}). How would you "
                "check that, and where would you look?")
    return ("The text never refers to its writer, and this copy has no byline. How would you find out who wrote it? "
            "Say where you would look and how you would check what you find.")


def show_author_references(article, key: dict | None) -> None:
    """Where the text refers to its writer (a keyword-in-context table of the key's ``phrase``), or,
    when it never does, the pack's prompt saying how to find who wrote it (never an empty table)."""
    from helpers.analysis.reading import kwic
    from helpers.present.display import show_note, show_table

    phrase = _author_phrase(article, key)
    table = kwic(article, phrase) if phrase else None
    if table is not None and len(table):
        show_table(table, f"Where the text says '{phrase}'")
        return
    prompt = " ".join(str((key or {}).get("look_up") or "").split()) or (
        "There is no reference to the author in the text: ask how to find who wrote it (byline, the outlet's "
        "archive, an author page).")
    show_note(prompt + (f" (The text never uses the phrase '{phrase}'.)" if phrase else ""),
              heading="No reference to the writer in the text")
