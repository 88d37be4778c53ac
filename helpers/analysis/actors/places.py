"""Places: a capital is its state ("Moscow" is Russia, a metonymy) except where it is a place
("Baku-based", "in Baku"), and names marked as places; and the caption's span, read with the body."""

from __future__ import annotations

import re

from helpers.analysis.actors.cues import Cues
from helpers.analysis.actors.gazetteer import States
from helpers.analysis.actors.model import Mention
from helpers.analysis.actors.names import Cand


def caption_span(article) -> tuple[int, int] | None:
    if article.caption_span:
        return tuple(article.caption_span)
    if article.caption:
        i = article.text.find(str(article.caption))
        if i >= 0:
            return (i, i + len(str(article.caption)))
    return None


def hyphen_tail(text: str, end: int, cues: Cues) -> str:
    """The place ending ("-based") that follows ``end``, or ""."""
    for f in cues.place_following:
        if text.startswith(f, end):
            return f
    return ""


def split_places(chosen: list[Cand], text: str, states: States, cues: Cues, where) -> tuple[list[Mention], list[Cand]]:
    """(places, the other candidates): literal uses of capitals, and names marked as places."""
    places: list[Mention] = []
    mentions: list[Cand] = []
    for c in chosen:
        if c.type == "state" and c.how == "metonymy" and c.text in states.capitals:
            before = text[max(0, c.start - 30):c.start]
            after = text[c.end:c.end + 8]
            w = re.search(r"(\w+)\s+$", before)
            if after.startswith(cues.place_following) or (w and w.group(1).lower() in cues.locatives):
                c.type = "place"
        if c.type == "place":
            sid, pnum = where(c.start)
            places.append(Mention(c.text + hyphen_tail(text, c.end, cues), c.start,
                                  c.end + len(hyphen_tail(text, c.end, cues)), sid, pnum, "name"))
        elif c.type != "skip":
            mentions.append(c)
    return places, mentions
