"""What the quotation analysis returns: quotations, indirect attributions, and problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("speech", "title", "term")


@dataclass
class Quote:
    id: str
    text: str                 # exactly what stands between the quotation marks
    kind: str                 # speech | title | term
    speaker: str | None       # canonical actor name (a vague source: its phrase, "critics in Moscow")
    cue: str | None           # the reporting cue or role phrase that gave the speaker
    rule: str                 # why it was classified so
    paragraph: int
    sentence_id: str
    start: int                # offsets into Article.text, covering the quotation marks
    end: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Attribution:
    id: str
    source: str               # canonical actor name, or the phrase ("some in Baku")
    vague: bool
    cue: str
    content: str
    paragraph: int
    sentence_id: str
    start: int
    end: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class QuoteAnalysis:
    quotes: list[Quote]
    attributions: list[Attribution]
    problems: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"quotes": [q.to_dict() for q in self.quotes],
                "attributions": [a.to_dict() for a in self.attributions],
                "problems": list(self.problems)}

