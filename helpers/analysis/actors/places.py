"""Places: a capital is its state ("Moscow" is Russia, a metonymy) except where it is a place
("Baku-based", "in Baku"), and names marked as places; and the caption's span, read with the body.
A state (or a group that is also a place, "Europe") whose every body mention is only a place is a
place (rule 8); an actor named only in the caption is dropped (rule 9)."""

from __future__ import annotations

import functools
import re

from helpers.analysis.actors.cues import Cues
from helpers.analysis.actors.gazetteer import States
from helpers.analysis.actors.model import Actor, Mention
from helpers.analysis.actors.names import Cand
from helpers.analysis.patterns import trie_pattern


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
        seat = c.type == "organization" and c.how == "metonymy"       # "Brussels" for the EU
        if (c.type == "state" and c.how == "metonymy" and c.text in states.capitals) or seat:
            before = text[max(0, c.start - 40):c.start]
            after = text[c.end:c.end + 8]
            adjective = _place_only_res(cues)["adjective_end"].search(before)
            if adjective:
                before = before[:adjective.start()]     # "in downtown Niamey": the word before the adjective
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


# -- states that are only places -------------------------------------------------------------

@functools.lru_cache(maxsize=4)
def _place_only_res(cues: Cues) -> dict[str, re.Pattern]:
    # a name of up to five words, "of (the)" and "d’" inside it ("the Democratic Republic of the Congo", "Cote d’Ivoire")
    cap = r"[A-Z][\w’'.-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|d[’'])?[A-Z][\w’'.-]*){0,4}"
    item = rf"(?:the[ \t]+)?{cap}"   # a list's item: "the Democratic Republic of the Congo"
    adjs = trie_pattern({w.lower() for w in cues.place_prefixes} | set(cues.place_adjectives)) \
        if cues.place_prefixes or cues.place_adjectives else r"(?!x)x"
    preps = trie_pattern(cues.place_only_prepositions) if cues.place_only_prepositions else r"(?!x)x"
    exceptions = trie_pattern(cues.place_only_exceptions) if cues.place_only_exceptions else r"(?!x)x"
    roles = trie_pattern(r for r in cues.roles if r == r.lower())
    return {
        "prep": re.compile(rf"(?<![\w-])(?P<prep>(?i:{preps}))\s+(?:the\s+)?(?:(?:{adjs})\s+)?"
                           rf"(?:(?:the[ \t]+)?{cap}(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+))*"
                           rf"(?:the[ \t]+)?$"),
        "exception": re.compile(rf"(?i:\b(?:{exceptions}))$"),
        "list_on": re.compile(rf"^(?:[ \t]*,[ \t]*(?:{item}[ \t]*,[ \t]*)*(?:and|or)?[ \t]*{item}[ \t]+(?:and|or)[ \t]+{item}"
                              rf"|[ \t]*,?[ \t]+(?:and|or)[ \t]+{item}"
                              # "in A, B and various African countries": the list ends in a plural of places
                              rf"|[ \t]*,?[ \t]+(?:and|or)[ \t]+(?:[a-z]+[ \t]+){{0,3}}(?:[A-Z][\w’'-]*[ \t]+)?"
                              rf"(?:countries|states|nations|regions|cities)\b)"),
        # "to the six poorest countries—A, B and C—": a list after a plural noun of states that the
        # preposition governs
        "dash_list": re.compile(rf"(?<![\w-])(?P<prep>(?i:{preps}))\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,4}}"
                                rf"(?i:countries|states|nations|republics)\s*[—–:]\s*"
                                rf"(?:(?:the\s+)?{cap}(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*(?:the\s+)?$"),
        "on_the": re.compile(r"(?<![\w-])(?i:on)\s+the\s+$"),
        "adjective_end": re.compile(rf"(?<![\w-])(?:{trie_pattern(cues.place_adjectives)})\s+$")
        if cues.place_adjectives else re.compile(r"(?!x)x"),
        "org_cue": re.compile(rf"^[ \t]+(?:[a-z][a-z-]*[ \t]+)?(?:{trie_pattern(cues.organization_cues)})\b")
        if cues.organization_cues else re.compile(r"(?!x)x"),
        "body": re.compile(rf"^[ \t]+(?:{trie_pattern(cues.state_bodies)})\b") if cues.state_bodies
        else re.compile(r"(?!x)x"),
        "role": re.compile(rf"^[ \t]+(?i:{roles})[ \t]+[A-Z]"),
        # "the head of Chechnya", "the chief mufti of Dagestan": only where a person's office is
        "office_of": re.compile(rf"(?<![\w-])(?i:{roles})[ \t]+of[ \t]+(?:the[ \t]+)?$"),
        "thing": re.compile(rf"^[ \t]+(?:{trie_pattern(cues.thing_following)})(?![\w-])") if cues.thing_following
        else re.compile(r"(?!x)x"),
        "event": re.compile(rf"(?<![\w-])(?i:{trie_pattern(cues.event_of)})\s+(?:the\s+)?$") if cues.event_of
        else re.compile(r"(?!x)x"),
        "ethnic": re.compile(rf"(?<![\w-])(?i:{trie_pattern(cues.ethnic_markers)})\s+"
                             rf"(?:{cap}(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+))*$") if cues.ethnic_markers
        else re.compile(r"(?!x)x"),
        "possessive_event": re.compile(rf"^[’']s\s+(?:{trie_pattern(cues.event_after_possessive)})(?![\w-])")
        if cues.event_after_possessive else re.compile(r"(?!x)x"),
        "count": re.compile(rf"(?<![\w-])(?:(?i:{trie_pattern(cues.count_words)})|\d+)\s+$") if cues.count_words
        else re.compile(r"(?!x)x"),
        "noun_use": re.compile(r"^(?:\s+(?:and|or|were|was|are|is|who|had|have|from)\b|\s*[,.;:)])"),
    }


def _context(m: Mention, text: str, wide: bool = False) -> tuple[str, str]:
    """The paragraph's text before and after a mention: 150 and 60 characters, or 400 each (``wide``:
    for a long list after its preposition, "in A, B, … and C")."""
    before = text[max(0, m.start - (400 if wide else 150)):m.start]
    after = text[m.end:m.end + (400 if wide else 60)]
    return before[before.rfind("\n") + 1:], after[:after.find("\n")] if "\n" in after else after


def only_event(m: Mention, text: str, cues: Cues) -> bool:
    """Is this mention the subject of an event noun ("the collapse of the Soviet Union", "the
    Soviet Union’s collapse")?"""
    before, after = _context(m, text)
    res = _place_only_res(cues)
    return bool(res["event"].search(before) or res["possessive_event"].match(after))


#: one capitalised name and a comma between a place preposition and a state: its town ("in Kadra, ")
_TOWN_COMMA_RE = re.compile(r"(?:the[ \t]+)?[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){0,2}[ \t]*,[ \t]*")
#: what may follow the state of such a town: the phrase ends
_PHRASE_END_RE = re.compile(r"[ \t]*(?:[.,;:()—–]|and\b|or\b|on\b|in\b|$)")


def not_acting(m: Mention, text: str, cues: Cues, office: bool = False) -> bool:
    """Is this mention of a state only a place, a thing or individual people (rule 8)? With
    ``office``, also when it only names where a person's office is ("the head of Chechnya")."""
    res = _place_only_res(cues)
    before, after = _context(m, text)
    if office and res["office_of"].search(before):
        return True
    if m.how == "demonym" and res["body"].match(after):
        return False              # "in the Ruritanian government": the state's executive, acting
    if m.how == "demonym" and after.startswith(cues.place_following):
        return True               # "a Ruritanian-owned tanker": where the owner is from
    if m.how == "demonym" and (before.endswith(("pro-", "anti-", "Pro-", "Anti-")) or res["org_cue"].match(after)):
        return True               # "pro-Ruritanian separatists"; "the Ruritanian energy corporation X"
    # in a list (two commas near it), its preposition and its "and" may stand further away
    lb, la = _context(m, text, wide=True) if before.count(",") >= 2 or after.count(",") >= 2 else (before, after)
    p = res["prep"].search(lb)
    if p and not res["exception"].search(lb[:p.end("prep")]):
        between = lb[p.end("prep"):]
        if not re.search(r"[,]|\s(?:and|or)\s", between.rstrip() + " "):
            return True               # right after the preposition: "in Ukraine", "to the Ruritanian coast"
        # a later item of a list the preposition opens: "to A, B and C" (a list needs an "and"/"or")
        if re.search(r"(?:and|or)\s+$", between) or res["list_on"].match(la):
            return True
        # the state of a town named after the preposition: "signed in Kadra, Finland (…)"
        if _TOWN_COMMA_RE.fullmatch(between.lstrip()) and _PHRASE_END_RE.match(after):
            return True
    d = res["dash_list"].search(before)
    if d and not res["exception"].search(before[:d.end("prep")]):
        return True               # "deliver to the poorest countries—A, B and C": destinations
    if m.how == "demonym" and (res["on_the"].search(before) or res["ethnic"].search(before)):
        return True               # "on the Ukrainian frontlines"; "ethnic Russians, Belarusians and Ukrainians"
    if res["role"].match(after) or res["thing"].match(after) or res["event"].search(before):
        return True
    return m.how == "demonym" and bool(res["count"].search(before)) and bool(res["noun_use"].match(after))


def drop_place_only(actors: list[Actor], text: str, cues: Cues) -> tuple[list[Actor], list[Mention]]:
    """(the actors kept, the mentions of those dropped): an actor named only in the caption is
    dropped (rule 9); a state whose every body mention is only a place is a place (rule 8)."""
    kept: list[Actor] = []
    dropped: list[Mention] = []
    for a in actors:
        body = [m for m in a.mentions if m.paragraph > 0]
        if not body:
            continue
        place_like = a.type == "state" or a.name in cues.group_places   # a region of the lexicon too
        # a region (not a state) is also only a place where it only names a person's office
        if place_like and all(not_acting(m, text, cues, office=a.type != "state") for m in body):
            dropped.extend(body)
            continue
        if all(only_event(m, text, cues) for m in body):
            continue
        kept.append(a)
    return kept, dropped
