"""The spaCy pipeline the helpers use: blank English plus a sentencizer, or a pipeline of the user's.

No trained model is needed or downloaded. A researcher with a trained pipeline passes its
installed name or the path of a saved pipeline (``spacy.Language.to_disk``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from helpers.core.errors import CourseInputError

#: Articles up to the loader's size limit are segmented (spaCy's default refuses 1,000,000+
#: characters; the blank pipeline needs no parser memory, so this is safe).
MAX_CHARS = 25_000_000


@functools.lru_cache(maxsize=8)
def get_nlp(model: str | None = None):
    """Return a spaCy ``Language`` that can split sentences. Built on first use, then reused."""
    import spacy  # heavy: imported on first use, to keep imports fast

    if model is None or str(model) in ("", "blank", "blank:en"):
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.max_length = MAX_CHARS
        return nlp
    try:
        nlp = spacy.load(model if not Path(str(model)).exists() else Path(str(model)))
    except (OSError, IOError, ValueError) as exc:
        raise CourseInputError(
            model, f"cannot load the spaCy pipeline ({type(exc).__name__})",
            "give the name of an installed pipeline or the folder of a saved one, "
            "or leave it out to use the blank English pipeline") from None
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    if not any(nlp.has_pipe(name) for name in ("sentencizer", "senter", "parser")):
        nlp.add_pipe("sentencizer")
    return nlp
