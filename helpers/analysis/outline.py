"""The text as an argument: its question(s), its turns and its conclusion, in text order.

Rules, in the order they are applied (an earlier rule names a sentence's part first):

1. The argument map (when the pack has one): the first sentence of each ``question`` and
   ``conclusion`` statement.
2. A sentence that ends with a question mark is a question.
3. A connective whose lexicon entry has an ``outline`` part (``data/lexicons/connectives.yaml``:
   "on the one hand" -> first interpretation, "in short" -> conclusion …) marks its sentence;
   a sentence the map already names is then "marked by the argument map and “In short”".

Returns plain rows (``sentence``, ``part``, ``marked by``, ``text``); the lessons draw them.
:func:`headline_parts` splits a headline into its claim and its qualification (after a dash, a
colon or "but"): what the article must show, and its limit.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.analysis.reading import outline_markers
from helpers.core.text import clip


_HEADLINE_SPLIT = re.compile(r"\s*[\u2014\u2013]\s*|\s+-{1,2}\s+|:\s+|\s*;\s+|,?\s+(?=(?:but|yet|though|although)\b)",
                             re.IGNORECASE)


def headline_parts(title: str) -> dict[str, str]:
    """Split a headline into its main claim and its qualification (after a dash, colon or 'but')."""
    parts = [p for p in _HEADLINE_SPLIT.split(title.strip(), maxsplit=1) if p]
    claim = parts[0].strip() if parts else title.strip()
    qualification = parts[1].strip() if len(parts) > 1 else ""
    return {"claim": claim, "qualification": qualification}


def sentence_text(article, sentence_id: str, limit: int = 220) -> str:
    """The text of one sentence on one line, shortened to ``limit`` characters ("" if unknown)."""
    try:
        return clip(article.sentence(sentence_id).text, limit)
    except KeyError:
        return ""


def argument_outline(article, amap=None, features=(), markers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per part of the argument, in text order (see the module's rules)."""
    markers = outline_markers() if markers is None else markers
    rows: dict[str, dict[str, Any]] = {}
    for s in (amap.statements if amap is not None else []):
        if s.kind in ("question", "conclusion") and s.sentences:
            rows.setdefault(s.sentences[0], {"part": s.kind, "marked by": "the argument map", "sentence": s.sentences[0]})
    for sent in article.sentences:
        if sent.text.rstrip().endswith("?"):
            rows.setdefault(sent.id, {"part": "question", "marked by": "a question mark", "sentence": sent.id})
    for f in features:
        part = markers.get(f.form.lower()) if f.category == "connective" else None
        if part:
            row = rows.setdefault(f.sentence_id, {"part": part, "marked by": f"“{f.text}”", "sentence": f.sentence_id})
            if row["marked by"] == "the argument map":
                row["marked by"] = f"the argument map and “{f.text}”"
    order = {s.id: i for i, s in enumerate(article.sentences)}
    out = [{**r, "text": sentence_text(article, r["sentence"], 400)} for r in rows.values() if r["sentence"] in order]
    out.sort(key=lambda r: order[r["sentence"]])
    return out


def conclusion_paragraph(article, amap=None, features=(), markers: dict[str, str] | None = None):
    """The paragraph that holds the conclusion: the map's conclusion, a summary connective, else the last."""
    conclusions = [r for r in argument_outline(article, amap, features, markers) if r["part"] == "conclusion"]
    if conclusions:
        return article.paragraph(int(str(conclusions[-1]["sentence"])[1:].split(".")[0]))
    return article.paragraphs[-1]
