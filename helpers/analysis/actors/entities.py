"""Candidates found by the words around names rather than by the names themselves: self-proclaimed
entities, members of a named class ("banks, including A and B"), organizations introduced by
the acronym of their lower-case words, a state's armed forces named by its demonym, and the
collective actors named by a demonym and a plural noun ("Tatar nationalists")."""

from __future__ import annotations

import functools
import re

from helpers.analysis.actors.cues import Cues
from helpers.analysis.actors.gazetteer import States, load_states
from helpers.analysis.actors.names import ARTICLE_NAME_RE, ARTICLE_PREFIX, LEADING_STOP, Cand, initials
from helpers.analysis.patterns import trie_pattern

#: a capitalised name of up to five words (an item of a list)
_CAP = r"[A-Z][\w.&’'-]*(?:[ \t]+[A-Z][\w.&’'-]*){0,4}"
_LIST = rf"{_CAP}(?:(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+){_CAP})*"
_ITEM_RE = re.compile(_CAP)


@functools.lru_cache(maxsize=4)
def _patterns(cues: Cues) -> dict[str, re.Pattern]:
    pats = {}
    if cues.self_proclaimed_suffixes:
        pats["suffix"] = re.compile(
            rf"(?<![\w-])((?:[A-Z][\w-]*[ \t]+)+)(?:{trie_pattern(cues.self_proclaimed_suffixes)})(?![\w-])"
            r"(?![ \t]+of\b)")
    if cues.self_proclaimed_nouns:
        pats["aside"] = re.compile(
            rf"(?i:\b(?:{trie_pattern(cues.self_proclaimed_nouns)}))[”\"’]?[ \t]*\([ \t]*(?:i\.e\.|e\.g\.),?[ \t]+"
            rf"(?P<list>{_LIST})[ \t]*\)")
    if cues.member_classes and cues.list_openers:
        pats["members"] = re.compile(
            rf"\b(?P<cls>{trie_pattern(dict(cues.member_classes))})[ \t]*(?:—|–|,|\()?[ \t]*"
            rf"(?:{trie_pattern(cues.list_openers)})[ \t]+(?P<list>{_LIST})")
    pats["gloss"] = re.compile(r"\(([A-Z]{2,8})s?\)")
    pats["gloss_words"] = re.compile(r"(?<![\w-])((?:[a-z][a-z-]*[ \t]+){0,4}[a-z][a-z-]*)[ \t]+$")
    return pats


@functools.lru_cache(maxsize=4)
def _forces_re(cues: Cues) -> re.Pattern | None:
    if not cues.state_forces:
        return None
    return re.compile(rf"(?<![\w-])(?P<dem>{trie_pattern(load_states().demonyms)})[ \t]+"
                      rf"(?P<noun>{trie_pattern(dict(cues.state_forces))})(?![\w-])")


@functools.lru_cache(maxsize=4)
def _people_group_re(cues: Cues) -> re.Pattern | None:
    """A demonym or a people's adjective and a plural noun of ``people_group_nouns``."""
    if not cues.people_group_nouns:
        return None
    adjs = set(load_states().demonyms) | set(cues.people_adjectives)
    return re.compile(rf"(?<![\w-])(?P<adj>{trie_pattern(adjs)})[ \t]+"
                      rf"(?P<noun>{trie_pattern(cues.people_group_nouns)})(?![\w-])")


@functools.lru_cache(maxsize=2)
def _non_people_re() -> re.Pattern:
    """ "non-" and a demonym's plural ("non-Russians"): the peoples of a state other than its titular one."""
    return re.compile(rf"(?<![\w-])non-(?:{trie_pattern(load_states().demonyms)})s(?![\w’'-])")


@functools.lru_cache(maxsize=4)
def _members_re(cues: Cues) -> re.Pattern | None:
    """Two to four capitalised words and a noun of ``member_nouns`` ("Verkhovna Rada deputies")."""
    if not cues.member_nouns:
        return None
    return re.compile(r"(?<![\w’'-])(?P<org>[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){1,3})[ \t]+"
                      rf"(?P<noun>{trie_pattern(cues.member_nouns)})(?![\w-])")


def _members_of(text: str, a: int, b: int, states: States, cues: Cues) -> list[Cand]:
    """Rule 19: the body whose people a member noun names, when no word of it is a state's name or
    demonym (nor a word that opens no name)."""
    rx = _members_re(cues)
    if rx is None:
        return []
    out = []
    known = set(states.demonyms) | set(states.codes) | set(states.names.values())
    for m in rx.finditer(text, a, b):
        words = m.group("org").split()
        if words[0].lower() in LEADING_STOP or any(w.rstrip("’'s") in known or w in known for w in words):
            continue
        out.append(Cand(m.start("org"), m.end("org"), m.group("org"), "organization", m.group("org"), "name", 0))
    return out


@functools.lru_cache(maxsize=4)
def _acronym_role_re(cues: Cues) -> re.Pattern:
    """An acronym of capitals before a person's role word ("a former GRU colonel", "an FSB officer");
    a title-only role word ("member", "chief") only with a name after it ("KSS member A B", not "EU
    member states")."""
    roles = trie_pattern(r for r in cues.roles if r == r.lower() and r not in cues.title_only_roles)
    titles = trie_pattern(cues.title_only_roles) if cues.title_only_roles else r"(?!x)x"
    return re.compile(rf"(?<![\w’'-])(?P<acr>[A-Z]{{2,6}})[ \t]+(?:(?:{roles})(?![\w-])|(?:{titles})[ \t]+(?=[A-Z]))")


@functools.lru_cache(maxsize=4)
def _quoted_org_re(cues: Cues) -> re.Pattern:
    """A capitalised name that ends in an organization suffix, in quotation marks ("the “United
    Harbour Council”"): the marks set a name off, they do not make it a term."""
    suffixes = trie_pattern(cues.org_suffixes)
    nouns = trie_pattern(cues.organization_nouns) if cues.organization_nouns else r"(?!x)x"
    return re.compile(rf"“(?P<name>[A-Z][\w’'-]*(?:[ \t]+(?:(?:of|for|the|and)[ \t]+)*[A-Z][\w’'-]*)*"
                      rf"[ \t]+(?:{suffixes}))[,.]?”"
                      # or a quoted name before its suffix: the “Yug” Battalion
                      rf"|“(?P<first>[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*){{0,2}})”[ \t]+(?P<suffix>{suffixes})(?![\w-])"
                      # or before a lower-case organization noun, which is no part of the name: the “Free
                      # Harbour” movement is the organization Free Harbour
                      rf"|“(?P<bare>[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*){{0,3}})”[ \t]+(?:{nouns})(?![\w-])")


@functools.lru_cache(maxsize=4)
def _for_name_re(cues: Cues) -> re.Pattern:
    """An organization suffix joined by "for" to capitalised words, which "and", "of" or "the" may
    continue ("the Council for Coastal Defense and Fishing Rights"): one name. Not "on": it also
    opens dates ("the State Department on January 20")."""
    suffixes = trie_pattern(cues.org_suffixes)
    word = r"[A-Z][\w’'-]*"
    return re.compile(rf"(?<![\w’'-])(?P<name>(?:{word}[ \t]+){{0,3}}(?:{suffixes})[ \t]+for[ \t]+(?:the[ \t]+)?"
                      rf"{word}(?:[ \t]+(?:(?:and|of|the)[ \t]+)*{word})*)")


def _items(text: str, start: int, end: int, typ: str) -> list[Cand]:
    return [Cand(start + m.start(), start + m.end(), m.group(0), typ, m.group(0), "name", 0)
            for m in _ITEM_RE.finditer(text[start:end])]


#: capitalised words joined by "for", "of", "on", "and", "the", "in" (the connectors of organisation names)
_JOINED_NAME = (rf"(?:[A-Z][\w’'-]*|{ARTICLE_PREFIX}[A-Z][\w’'-]*)"
                r"(?:[ \t]+(?:(?:for|of|on|and|the|in)[ \t]+)*[A-Z][\w’'-]*)+")

#: the small words of French, Spanish, Italian, Portuguese and German names that give no initial
#: ("Parti Nigérien pour la démocratie et le socialisme (PNDS)")
_FOREIGN_PARTICLES = frozenset({"pour", "la", "le", "les", "et", "de", "du", "des", "d", "l", "y", "e", "i", "per",
                                "para", "por", "del", "della", "di", "da", "do", "dos", "das", "für", "und", "der",
                                "die", "das", "en", "el"})


def _foreign_gloss(text: str, lo: int, am: re.Match) -> Cand | None:
    """"Parti Nigérien pour la démocratie et le socialisme (PNDS)": a capitalised word, then words of
    any case, whose initials without the small words of the language spell the acronym (case
    ignored), with at least one lower-case word that gives an initial: an organization."""
    base = max(lo, am.start() - 160)
    m = re.search(r"((?:[^\W\d_][\w’'-]*[ \t]+){1,11}[^\W\d_][\w’'-]*)[ \t]*$", text[base:am.start()])
    if m is None:
        return None
    words = list(re.finditer(r"\S+", m.group(1)))
    acr = am.group(1).lower()
    for i in range(len(words) - 1):
        ws = [w.group(0) for w in words[i:]]
        if not ws[0][0].isupper() or ws[0].lower() in LEADING_STOP:
            continue
        content = [w for w in ws if w.lower() not in _FOREIGN_PARTICLES]
        if "".join(w[0] for w in content).lower() == acr and any(w[0].islower() for w in content):
            start, end = base + m.start(1) + words[i].start(), base + m.end(1)
            return Cand(start, end, text[start:end], "organization", text[start:end], "name", 0)
    return None


def _named_gloss(text: str, lo: int, am: re.Match, cues: Cues) -> Cand | None:
    """"the Central Bureau for Harbour Reporting (CBHR)": capitalised words, joined by "for", "of" …,
    whose initials spell the acronym after them: an organization, named by the words (not one the
    lexicon's ``organizations`` already names, "NATO", nor a state's name)."""
    if any(am.group(1) in aliases for _, aliases in cues.organizations):
        return None
    base = max(lo, am.start() - 160)
    m = re.search(rf"({_JOINED_NAME})[ \t]*$", text[base:am.start()])
    if m is None:
        return None
    capitals = [w for w in re.finditer(r"\S+", m.group(1))
                if w.group(0)[:1].isupper() or ARTICLE_NAME_RE.fullmatch(w.group(0))]
    for i in range(len(capitals) - 1):
        if initials(w.group(0) for w in capitals[i:]) == am.group(1):
            start, end = base + m.start(1) + capitals[i].start(), base + m.end(1)
            if text[start:end].split()[0].lower() in LEADING_STOP:
                return None
            if text[end - 2:end] in ("’s", "'s"):
                end -= 2                         # "the Kadrian Communist Party’s (KCP) congress": the party
            if text[start:end] in load_states().codes:
                return None                      # "the People’s Republic of China (PRC)": the state's acronym
            if text[start:end].split()[-1] in cues.non_actor_suffixes and " in " not in text[start:end]:
                # "Severe Acute Respiratory Syndrome (SARS)": a thing, not a body (but "… in the Arabian Peninsula")
                return None
            return Cand(start, end, text[start:end], "organization", text[start:end], "name", 0)
    return None


def _gloss(text: str, lo: int, am: re.Match, cues: Cues) -> Cand | None:
    """"military-civil administrations (MCAs)": the lower-case words whose initials (hyphenated
    parts count) spell the acronym, when the last of them is an organization noun."""
    m = _patterns(cues)["gloss_words"].search(text, max(lo, am.start() - 120), am.start())
    if m is None:
        return None
    acr = am.group(1).lower()
    words = m.group(1).split()
    parts: list[tuple[int, str]] = []        # (index of word, part)
    for i, w in enumerate(words):
        parts.extend((i, x) for x in w.split("-") if x)
    if len(parts) < len(acr):
        return None
    tail = parts[-len(acr):]
    if "".join(x[0] for _, x in tail) != acr:
        return None
    last = words[-1]
    nouns = cues.organization_nouns | {w.lower() for w in cues.org_suffixes}
    if last not in nouns and last.rstrip("s") not in nouns:
        return None
    first_word = tail[0][0]
    if tail[0][1] != words[first_word].split("-")[0]:
        return None                              # the acronym starts inside a hyphenated word
    s = m.start(1)
    for w in words[:first_word]:                 # the first word's offset (white space may be wider)
        s = text.index(w, s) + len(w)
    s = text.index(words[first_word], s)
    e = m.end(1)
    return Cand(s, e, text[s:e], "organization", text[s:e], "name", 0)


def pattern_candidates(text: str, units, states: States, cues: Cues) -> list[Cand]:
    """The candidates of this module's rules, unit by unit (see the package's rules 10-13)."""
    pats = _patterns(cues)
    forces = _forces_re(cues)
    classes = dict(cues.member_classes)
    out: list[Cand] = []
    suffix_words = {x.split()[-1] for x in cues.self_proclaimed_suffixes}
    force_nouns = [f" {noun}" for noun, _ in cues.state_forces]
    seats = dict(cues.organization_seats)
    seat_re = re.compile(rf"(?<![\w-])(?:{trie_pattern(seats)})(?![\w-])") if seats else None
    groups = _people_group_re(cues)
    group_nouns = [f" {noun}" for noun in cues.people_group_nouns]
    for _, a, b, _ in units:
        unit = text[a:b]
        if seat_re is not None:
            # rule 15: "Brussels" for the European Union (a place after a locative: see places)
            for m in seat_re.finditer(text, a, b):
                out.append(Cand(m.start(), m.end(), m.group(0), "organization", seats[m.group(0)], "metonymy", 0))
        if groups is not None and any(n in unit for n in group_nouns):
            # rule 14: "Tatar nationalists" is a group of its own, not the people or the state
            for m in groups.finditer(text, a, b):
                out.append(Cand(m.start(), m.end(), m.group(0), "group", m.group(0), "name", 0))
        if "suffix" in pats and any(w in unit for w in suffix_words):
            for m in pats["suffix"].finditer(text, a, b):
                s = m.start(1)
                while (w := re.match(r"(\S+)[ \t]+", text[s:m.end()])) and w.group(1).lower() in LEADING_STOP:
                    s += w.end()          # "The Varnia People’s Republic": not "The"
                out.append(Cand(s, m.end(), text[s:m.end()], "self_proclaimed", text[s:m.end()], "name", 0))
        if "aside" in pats and ("i.e." in unit or "e.g." in unit):
            for m in pats["aside"].finditer(text, a, b):
                out.extend(_items(text, m.start("list"), m.end("list"), "self_proclaimed"))
        if "members" in pats:
            for m in pats["members"].finditer(text, a, b):
                out.extend(_items(text, m.start("list"), m.end("list"), classes[m.group("cls")]))
        if "(" in unit:
            for m in pats["gloss"].finditer(text, a, b):
                c = _gloss(text, a, m, cues) or _named_gloss(text, a, m, cues) or _foreign_gloss(text, a, m)
                if c is not None:
                    out.append(c)
        for m in _acronym_role_re(cues).finditer(text, a, b):
            # rule 12: "a former GRU colonel": the acronym names the body the person serves
            if m.group("acr") not in states.codes:
                out.append(Cand(m.start("acr"), m.end("acr"), m.group("acr"), "organization", m.group("acr"), "name", 0))
        if "“" in unit:
            for m in _quoted_org_re(cues).finditer(text, a, b):
                if m.group("name") or m.group("bare"):
                    g = "name" if m.group("name") else "bare"
                    out.append(Cand(m.start(g), m.end(g), m.group(g), "organization", m.group(g), "name", 0))
                else:
                    name = f"{m.group('first')} {m.group('suffix')}"
                    out.append(Cand(m.start(), m.end(), m.group(0), "organization", name, "name", 0))
        if " for " in unit:
            # rule 19: "the Council for Coastal Defense and Fishing Rights" is one organization
            for m in _for_name_re(cues).finditer(text, a, b):
                s, e = m.span("name")
                while (w := re.match(r"(\S+)[ \t]+", text[s:e])) and w.group(1).lower() in LEADING_STOP:
                    s += w.end()
                out.append(Cand(s, e, text[s:e], "organization", text[s:e], "name", 0))
        if "non-" in unit:
            # rule 14: "non-Russians" is a collective actor of its own (the other peoples), not the state
            for m in _non_people_re().finditer(text, a, b):
                out.append(Cand(m.start(), m.end(), m.group(0), "group", m.group(0), "name", 0))
        if any(n in unit for n in cues.member_nouns):
            out.extend(_members_of(text, a, b, states, cues))
        if forces is not None and any(n in unit for n in force_nouns):
            for m in forces.finditer(text, a, b):
                before = re.search(r"([a-z]+)[ \t]+(?:the[ \t]+)?$", text[max(a, m.start() - 20):m.start()])
                if before and before.group(1) in cues.locatives:
                    continue              # "critics in the Polish parliament": where they sit, a place
                name = f"{m.group('dem')} {dict(cues.state_forces)[m.group('noun')]}"
                out.append(Cand(m.start(), m.end(), m.group(0), "organization", name, "alias", 0))
    return out
