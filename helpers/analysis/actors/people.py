"""From the winning candidates to actors: people with their full names and later bare surnames,
organizations under one name, acronyms introduced in parentheses."""

from __future__ import annotations

import bisect
import re

from helpers.analysis.actors.cues import Cues
from helpers.analysis.actors.gazetteer import States
from helpers.analysis.actors.model import Actor, Mention
from helpers.analysis.actors.names import LEADING_STOP, Cand, initials

#: "(NFI)", "(MoD)", "(MCAs)": an acronym, possibly with lower-case letters inside and a plural "s"
_ACRONYM_RE = re.compile(r"\s*\((?P<acr>[A-Z](?:[A-Z&.-]|[a-z](?=[A-Z])){1,9})s?\)")


_PATRONYMIC = ("bin", "ibn", "bint")


def _add_short_forms(surnames: dict[str, str], pairs, states: States) -> None:
    """Register each (short form, full name) pair's short form as that person's, when it is the
    short form of no other person's name, no person's surname and no state term."""
    fulls_of: dict[str, set[str]] = {}
    for short, full in pairs:
        if short not in states.codes:
            fulls_of.setdefault(short, set()).add(full)
    for short, fulls in fulls_of.items():
        if len(fulls) == 1 and short not in surnames:
            surnames[short] = next(iter(fulls))


def assemble(mentions: list[Cand], text, states: States, cues: Cues, where,
             places_out: list[Cand]) -> dict[str, Actor]:
    """The actors of the mention candidates (in text order), by name. A lone word that is
    neither a surname nor a person's name found elsewhere but stands after a locative goes to
    ``places_out``."""
    people = _people_info(mentions, where)
    surnames: dict[str, str] = {}
    for full in people:
        parts = full.split()
        if len(parts) >= 2:
            surnames.setdefault(parts[-1], full)
    # a family name written first ("Xi Jinping" … "Xi"): the first word of a two-word name is its
    # short form too
    _add_short_forms(surnames, ((full.split()[0], full) for full in people if len(full.split()) == 2), states)
    # a patronymic short form: "bin Zayed" for "Mohammed bin Zayed al-Nahyan", the word after
    # "bin", "ibn" or "bint"
    _add_short_forms(surnames, ((parts[i + 1], full) for full in people for parts in [full.split()]
                                for i, w in enumerate(parts[:-2]) if w in _PATRONYMIC and parts[i + 1][:1].isupper()),
                     states)
    for single in [k for k in people if k in surnames]:
        del people[single]
    org_canon = _organization_names(mentions, states, cues)
    actors: dict[str, Actor] = {}
    last_full: dict[str, str] = {}
    for c in mentions:
        identity = _identity(c, people, surnames, last_full, org_canon, places_out)
        if identity is not None:
            _add_mention(actors, people, c, *identity, text, cues, where)
    for act in actors.values():
        if act.type == "person" and not hasattr(act, "_info"):
            act._info = people.get(act.name, {})  # type: ignore[attr-defined]
    return actors


def _people_info(mentions: list[Cand], where) -> dict[str, dict]:
    """Full name -> role, family, nationality and outlet, as the evidence of its mentions gives
    them; a nationality also from the nearest state named just before the name in the same sentence."""
    people: dict[str, dict] = {}
    for c in mentions:
        if c.type == "person":
            info = people.setdefault(c.key, {"role": None, "family": None, "nationality": None, "outlet": None})
            for k in ("role", "family", "nationality", "outlet"):
                if c.info.get(k) and not info.get(k):
                    info[k] = c.info[k]
    prev = None
    for c in mentions:                  # in text order
        if c.type == "state":
            prev = c
        elif c.type.startswith("person"):
            if c.type == "person" and not people[c.key]["nationality"] and prev is not None \
                    and c.start - prev.end <= 25 and where(prev.start)[0] == where(c.start)[0]:
                people[c.key]["nationality"] = prev.info.get("code")
            prev = None
    return people


def _organization_names(mentions: list[Cand], states: States, cues: Cues) -> dict[str, str]:
    """Organizations that share a distinctive first word are one ("Valdai Conference", "Valdai
    Club"): each name -> the longest of them."""
    gaz = states.codes
    by_first: dict[tuple[str, frozenset[str]], set[str]] = {}
    for c in mentions:
        if c.type == "organization" and c.how != "override" and " " in c.key:
            first = c.key.split()[0]
            # the names of two states' bodies are never one ("Ministry of Foreign Affairs of A", "… of B")
            if not (first in gaz or first in cues.place_prefixes or first.lower() in LEADING_STOP):
                by_first.setdefault((first, _state_codes(c.key, states)), set()).add(c.key)
    org_canon: dict[str, str] = {}
    for same in by_first.values():
        canon = max(same, key=lambda x: (len(x.split()), x))
        for o in same:
            org_canon[o] = canon
    # the same words in another order are one ("Defense Ministry", "Ministry of Defense"); a state
    # written two ways is one word ("US State Department", "United States State Department")
    by_words: dict[frozenset[str], set[str]] = {}
    words_of: dict[str, frozenset[str]] = {}
    for c in mentions:
        if c.type == "organization" and c.how != "override" and " " in c.key:
            if c.key not in words_of:
                words_of[c.key] = _org_words(c.key, states)
            by_words.setdefault(words_of[c.key], set()).add(org_canon.get(c.key, c.key))
    for same in by_words.values():
        if len(same) > 1:
            canon = max(same, key=lambda x: (len(x.split()), x))
            for o in list(org_canon) + list(same):
                if org_canon.get(o, o) in same:
                    org_canon[o] = canon
    return org_canon


def _state_codes(name: str, states: States) -> frozenset[str]:
    """The codes of the state terms among a name's words ("Ministry of Foreign Affairs of Ukraine": UA)."""
    words = name.split()
    return frozenset(code for n in (3, 2, 1) for i in range(len(words) - n + 1)
                     if (code := states.codes.get(" ".join(words[i:i + n]))))


def _org_words(name: str, states: States) -> frozenset[str]:
    """The words of an organization's name, lower-cased, without "of"/"the", and with the longest
    state term in it replaced by the state's code."""
    tokens = name.split()
    for n in range(min(5, len(tokens)), 0, -1):           # "the Republic of Belarus" is one state term
        hit = next((i for i in range(len(tokens) - n + 1) if " ".join(tokens[i:i + n]) in states.codes), None)
        if hit is not None:
            tokens = [*tokens[:hit], f"<{states.codes[' '.join(tokens[hit:hit + n])]}>", *tokens[hit + n:]]
            break
    words = [w.lower() if not w.startswith("<") else w for w in tokens if w not in ("of", "the")]
    if "ministry" in words and "affairs" in words:
        words.remove("affairs")   # "Ministry of Foreign Affairs of X" is X's "foreign ministry"
    return frozenset(words)


def _identity(c: Cand, people, surnames, last_full, org_canon, places_out) -> tuple[str, str, str] | None:
    """(type, actor name, how) of one mention candidate, or None when it is no actor's."""
    typ, key, how = c.type, c.key, c.how
    if typ == "person" and c.key in people:
        last_full[c.key.split()[-1]] = c.key
        if surnames.get(c.key.split()[0]) == c.key:
            last_full[c.key.split()[0]] = c.key
    if typ == "person" and c.key in surnames:
        typ, key, how = "person", last_full.get(c.key, surnames[c.key]), "alias"
    elif typ == "person?":
        if c.info.get("place") and c.text not in surnames and c.text not in people:
            places_out.append(c)
            return None
        if c.text in surnames:
            # the full name with this surname mentioned last ("Heydar Aliyev" … "Aliyev")
            typ, key, how = "person", last_full.get(c.text, surnames[c.text]), "alias"
        elif c.text in people:
            typ, key, how = "person", c.text, "name"
        else:
            return None
    if typ == "organization" and how != "override":
        key = org_canon.get(key, key)
        if key != c.text:
            how = "alias"
    if typ == "state" and c.how == "name" and c.info.get("code") and c.text != key:
        how = "alias"
    return typ, key, how


def _add_mention(actors: dict[str, Actor], people, c: Cand, typ: str, key: str, how: str, text, cues: Cues, where):
    sid, pnum = where(c.start)
    act = actors.get(key)
    if act is None:
        act = actors[key] = Actor(name=key, type=typ, aliases=[], mentions=[])
        if typ == "person":
            act._info = people.get(key, {})  # type: ignore[attr-defined]
    if how == "metonymy" and text[max(0, c.start - 4):c.start].lower() == "the " and c.text in cues.seats:
        act.mentions.append(Mention(text[c.start - 4:c.end], c.start - 4, c.end, sid, pnum, how))  # "the Kremlin"
        return
    act.mentions.append(Mention(c.text, c.start, c.end, sid, pnum, how))


def add_acronyms(actors: dict[str, Actor], text, units, where, ignore):
    """An organization introduced as "Nordic Freight Institute (NFI)" is "NFI" from then on; so is a
    state by its name and the initials of its capitalised words ("the People’s Republic of China (PRC)")."""
    taken = sorted((m.start, m.end) for a in actors.values() for m in a.mentions)
    for act in list(actors.values()):
        if act.type not in ("organization", "media", "group", "state"):
            continue
        for m in list(act.mentions):
            am = _ACRONYM_RE.match(text, m.end)
            if not am or am.group("acr").lower() in ignore:
                continue
            if act.type == "state" and am.group("acr") != initials(m.text.split()):
                continue
            acr = am.group("acr")
            for key, other in list(actors.items()):
                # the acronym read as a name of its own elsewhere ("… PLAN deputy chief"): the same body
                if other is not act and other.type in ("organization", "media", "group") and \
                        all(x.text in (acr, acr + "s") for x in other.mentions):
                    act.mentions.extend(other.mentions)
                    del actors[key]
            rx = re.compile(rf"(?<![\w-]){re.escape(acr)}s?(?![\w-])")
            for _, a, b, _ in units:
                for x in rx.finditer(text, a, b):
                    if x.start() < am.start():
                        continue
                    i = bisect.bisect_right(taken, (x.start(), float("inf"))) - 1
                    if i >= 0 and taken[i][1] > x.start():
                        continue
                    sid, pn = where(x.start())
                    act.mentions.append(Mention(x.group(0), x.start(), x.end(), sid, pn, "alias"))
                    bisect.insort(taken, (x.start(), x.end()))
            break
