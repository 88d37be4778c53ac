"""Sealed answers: a key a student's copy can check against without showing it.

The student kit (``helpers.site.kit``) replaces each short answer of a pack (the option of a choice
exercise, the label of each item) with :func:`seal` of it; an exercise asks :func:`matches` whether
what the student chose is the answer, and gets the same verdict from a sealed key as from a clear
one. A sealed value is ``sealed:<salt>:<sha256 hex>`` of the salt, the exercise id, the item and
the answer folded (:func:`helpers.core.text.fold`: case, spaces, typographic marks).

Limits, stated in the student guide: sealing keeps an answer from being *read* in the files; it
cannot keep a determined student from trying every option against the hash with code, since the
options are few. Reasons, model answers and discussions are not sealed: the kit leaves them out,
and exercises that need them say that the instructor has the key.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from helpers.core.text import fold

PREFIX = "sealed:"


def is_sealed(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def new_salt() -> str:
    return secrets.token_hex(8)


def _digest(salt: str, exercise_id: str, item: str, value: Any) -> str:
    text = "\0".join((salt, str(exercise_id), str(item), fold(value)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(value: Any, exercise_id: str, item: str = "", salt: str | None = None) -> str:
    """``value`` sealed for ``exercise_id`` (and ``item``, e.g. a sentence id, for a label)."""
    salt = salt or new_salt()
    return f"{PREFIX}{salt}:{_digest(salt, exercise_id, item, value)}"


def matches(key_value: Any, answer: Any, exercise_id: str, item: str = "") -> bool:
    """Whether ``answer`` is the key's answer; ``key_value`` clear or sealed (folded comparison)."""
    if answer is None or key_value is None:
        return False
    if is_sealed(key_value):
        salt, _, digest = key_value[len(PREFIX):].partition(":")
        return bool(salt and digest) and secrets.compare_digest(_digest(salt, exercise_id, item, answer), digest)
    return fold(key_value) == fold(answer)
