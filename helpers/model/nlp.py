"""The sentence splitter the helpers use: spaCy's blank English rules re-done without spaCy
(``helpers.model.tokens``), or a spaCy pipeline of the user's.

No trained model is needed or downloaded, and on the default path spaCy is not imported. A
researcher with a trained pipeline passes its installed name or the path of a saved pipeline
(``spacy.Language.to_disk``); spaCy is imported then.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from helpers.core.errors import CourseInputError
from helpers.model.tokens import sentence_spans

#: Articles up to the loader's size limit are segmented (spaCy's default refuses 1,000,000+
#: characters; the blank pipeline needs no parser memory, so this is safe).
MAX_CHARS = 25_000_000


@dataclass(frozen=True)
class Span:
    start_char: int
    end_char: int


@dataclass(frozen=True)
class Doc:
    sents: tuple[Span, ...]


class BlankEnglish:
    """What the helpers need of a blank English spaCy pipeline with a sentencizer: ``pipe(texts)``
    gives, for each text, its sentences' character spans (``helpers.model.tokens``)."""

    name = "blank:en"
    max_length = MAX_CHARS

    def pipe(self, texts):
        for text in texts:
            yield Doc(tuple(Span(a, b) for a, b in sentence_spans(text)))

    def __repr__(self) -> str:
        return "BlankEnglish()"


_BLANK = BlankEnglish()


@functools.lru_cache(maxsize=8)
def get_nlp(model: str | None = None):
    """The sentence splitter for ``model``: the blank English rules (``None``, "blank" or "blank:en"),
    else a spaCy ``Language`` that can split sentences. Built on first use, then reused."""
    if model is None or str(model) in ("", "blank", "blank:en"):
        return _BLANK
    import spacy  # heavy: imported only for a pipeline of the user's
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
