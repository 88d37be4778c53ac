"""Small text utilities shared by every layer: one way to fold and to shorten a string."""

from __future__ import annotations

from typing import Any


def fold(text: Any) -> str:
    """``text`` with its white space collapsed to single spaces and case folded, for comparing
    names and answers ("  The  Kremlin" and "the kremlin" fold alike)."""
    return " ".join(str(text).split()).casefold()


def clip(text: Any, limit: int = 160) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
