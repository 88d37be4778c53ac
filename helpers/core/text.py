"""Small text utilities shared by every layer: one way to fold and to shorten a string."""

from __future__ import annotations

from typing import Any


#: typographic quotation marks, apostrophes and dashes, and the plain forms a keyboard types
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
                              "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def plain(text: Any) -> str:
    """``text`` with typographic quotation marks, apostrophes, dashes and spaces in the forms a
    keyboard types (``Russia’s`` → ``Russia's``), so that what a student types matches the article."""
    return str(text).translate(_TYPOGRAPHIC)


def fold(text: Any) -> str:
    """``text`` with its white space collapsed to single spaces, typographic marks made plain
    (:func:`plain`) and case folded, for comparing names and answers ("  The  Kremlin" and
    "the kremlin" fold alike, and so do "Russia’s" and "russia's")."""
    return " ".join(plain(text).split()).casefold()


def clip(text: Any, limit: int = 160) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
