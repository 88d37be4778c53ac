"""Two word counts the lessons show, each named for what it counts.

* :func:`printed_words` counts a quotation as printed: every run of letters, digits, apostrophes,
  hyphens and square brackets, so an editor's "[ier]" or a lone dash counts as a word. The
  voices table ("quoted words") and the titles table use it.
* :func:`prose_words` counts words as a writer does: runs of letters or digits, joined by an
  apostrophe or a hyphen ("it’s", "well-known" are one word each), punctuation never. The
  critique's counter and its length check use it.
"""

from __future__ import annotations

import re

_PRINTED_WORD = re.compile(r"[\w’'\[\]-]+")
_PROSE_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")


def printed_words(text: str) -> int:
    """Words of a quotation as printed, editorial brackets and dashes included."""
    return len(_PRINTED_WORD.findall(text))


def prose_words(text: str | None) -> int:
    """Words of a piece of prose, as a writer counts them against a word limit."""
    return len(_PROSE_WORD.findall(str(text or "")))
