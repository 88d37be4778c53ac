"""The actor analysis's lexicons: ``actor_cues.yaml`` (role words, seats of government, name
endings …) and ``relation_cues.yaml`` (words of cooperation and conflict). Their formats are
in their headers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.analysis.patterns import trie_pattern
from helpers.core.errors import CourseInputError
from helpers.model.lexicons import lexicon_path, load_lexicon_file


def _words(value, path: Path, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CourseInputError(path, f"'{key}' must be a list of words", f"write '{key}: [word, word]'")
    return value


@dataclass(frozen=True, eq=False)
class Cues:
    roles: dict[str, str]               # role word (lower) -> family
    seats: dict[str, str]               # "Kremlin" -> ISO alpha-2
    extra_demonyms: dict[str, str]
    extra_names: dict[str, str]
    groups: tuple[tuple[str, str, tuple[str, ...]], ...]
    organizations: tuple[tuple[str, tuple[str, ...]], ...]
    org_suffixes: frozenset[str]
    polity_suffixes: frozenset[str]
    media_suffixes: frozenset[str]
    media_cues: tuple[str, ...]
    place_following: tuple[str, ...]
    eponym_following: tuple[str, ...]
    place_prefixes: frozenset[str]
    non_actor_suffixes: frozenset[str]
    locatives: frozenset[str]
    organization_nouns: frozenset[str] = frozenset()
    state_forces: tuple[tuple[str, str], ...] = ()
    member_classes: tuple[tuple[str, str], ...] = ()
    list_openers: tuple[str, ...] = ()
    self_proclaimed_suffixes: tuple[str, ...] = ()
    self_proclaimed_nouns: tuple[str, ...] = ()
    person_apposition_heads: tuple[str, ...] = ()
    thing_following: tuple[str, ...] = ()
    event_of: tuple[str, ...] = ()
    place_only_prepositions: tuple[str, ...] = ()
    place_only_exceptions: tuple[str, ...] = ()
    count_words: tuple[str, ...] = ()
    transliteration: tuple[tuple[str, str], ...] = ()
    transliteration_endings: tuple[tuple[str, str], ...] = ()
    given_names: frozenset[str] = frozenset()
    feminine_given_names: frozenset[str] = frozenset()
    family_names_first: frozenset[str] = frozenset()   # "Mao Zedong": the family name first (rule 24)
    feminine_surname_endings: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    people_group_nouns: tuple[str, ...] = ()
    member_nouns: tuple[str, ...] = ()             # "Verkhovna Rada deputies": the words before name a body
    ethnic_markers: tuple[str, ...] = ()
    state_bodies: tuple[str, ...] = ()
    possessive_offices: frozenset[str] = frozenset()  # "Ruritania’s Defense Ministry": the office keeps its state
    regime_prefixes: frozenset[str] = frozenset()     # "Nazi Germany": a state of its own, not Germany
    organization_cues: frozenset[str] = frozenset()  # "the energy corporation Rosatom"              # "the Russian government": the state acting, wherever it stands
    event_after_possessive: tuple[str, ...] = ()
    group_places: tuple[str, ...] = ()
    people_adjectives: frozenset[str] = frozenset()
    media_prefixes: frozenset[str] = frozenset()
    title_only_roles: frozenset[str] = frozenset()   # "chief": a role as a title before a name, no role phrase
    role_modifiers: frozenset[str] = frozenset()     # "former": before a role word, no name of a body
    place_adjectives: tuple[str, ...] = ()          # "in downtown Niamey", "from war-torn Syria": still a place
    organization_seats: tuple[tuple[str, str], ...] = ()   # "Brussels" -> "European Union"   # "Chechen", "Tatar": adjectives of the peoples


@functools.lru_cache(maxsize=4)
def load_actor_cues(path: str | None = None) -> Cues:
    """Read ``data/lexicons/actor_cues.yaml`` (or ``path``)."""
    p = lexicon_path("actor_cues.yaml", path)
    d = load_lexicon_file(p, what="actor cue lexicon").data
    roles: dict[str, str] = {}
    for family, words in (d.get("roles") or {}).items():
        for w in _words(words, p, f"roles.{family}"):
            roles[w.lower()] = family

    def pairs(key):
        out = {}
        for item in d.get(key) or []:
            if not isinstance(item, dict) or "term" not in item or "state" not in item:
                raise CourseInputError(p, f"each entry of '{key}' needs 'term' and 'state'",
                                       "write '- {term: Kremlin, state: RU}'")
            out[str(item["term"])] = str(item["state"]).upper()
        return out

    groups = []
    for item in d.get("groups") or []:
        groups.append((str(item["name"]), str(item.get("type", "group")),
                       tuple(str(a) for a in item.get("aliases") or [item["name"]])))
    adjectives: set[str] = set()
    for item in d.get("peoples") or []:
        groups.append((str(item["name"]), "group", tuple(str(a) for a in item.get("aliases") or [item["name"]])))
        adjectives.update(str(a) for a in item.get("adjectives") or [])
    region_names: list[str] = []
    for i, item in enumerate(d.get("regions") or [], start=1):
        if not isinstance(item, dict) or "name" not in item or item.get("type") not in ("subnational", "self_proclaimed", "region"):
            raise CourseInputError(p, f"region {i} needs a 'name' and a 'type' (subnational, self_proclaimed or region)",
                                   "write '- {name: Dagestan, type: subnational, adjectives: [Dagestani], people: [Dagestanis]}'")
        if item["type"] != "region":          # a region as such ("the North Caucasus") is a place, never an actor
            groups.append((str(item["name"]), str(item["type"]), tuple(str(a) for a in item.get("aliases") or [item["name"]])))
            region_names.append(str(item["name"]))
        adjectives.update(str(a) for a in item.get("adjectives") or [])
        for people in item.get("people") or []:
            groups.append((str(people), "group", (str(people),)))
    orgs = []
    for item in d.get("organizations") or []:
        orgs.append((str(item["name"]), tuple(str(a) for a in item.get("aliases") or [item["name"]])))
    return Cues(
        roles=roles, seats=pairs("seats_of_government"), extra_demonyms=pairs("extra_demonyms"),
        extra_names=pairs("extra_names"),
        groups=tuple(groups), organizations=tuple(orgs),
        org_suffixes=frozenset(_words(d.get("organization_suffixes"), p, "organization_suffixes")),
        polity_suffixes=frozenset(_words(d.get("polity_suffixes"), p, "polity_suffixes")),
        media_suffixes=frozenset(_words(d.get("media_suffixes"), p, "media_suffixes")),
        media_cues=tuple(sorted(_words(d.get("media_cues"), p, "media_cues"), key=len, reverse=True)),
        place_following=tuple(_words(d.get("place_following"), p, "place_following")),
        eponym_following=tuple(_words(d.get("eponym_following"), p, "eponym_following")),
        place_prefixes=frozenset(_words(d.get("place_prefixes"), p, "place_prefixes")),
        non_actor_suffixes=frozenset(_words(d.get("non_actor_suffixes"), p, "non_actor_suffixes")),
        locatives=frozenset(w.lower() for w in _words(d.get("locative_prepositions"), p, "locative_prepositions")),
        organization_nouns=frozenset(_words(d.get("organization_nouns"), p, "organization_nouns")),
        state_forces=_mapping(d.get("state_forces"), p, "state_forces"),
        member_classes=_mapping(d.get("member_classes"), p, "member_classes"),
        list_openers=_longest_first(_words(d.get("list_openers"), p, "list_openers")),
        self_proclaimed_suffixes=_longest_first(_words(d.get("self_proclaimed_suffixes"), p, "self_proclaimed_suffixes")),
        self_proclaimed_nouns=_longest_first(_words(d.get("self_proclaimed_nouns"), p, "self_proclaimed_nouns")),
        person_apposition_heads=_longest_first(_words(d.get("person_apposition_heads"), p, "person_apposition_heads")),
        thing_following=_longest_first(_words(d.get("thing_following"), p, "thing_following")),
        event_of=_longest_first(_words(d.get("event_of"), p, "event_of")),
        place_only_prepositions=_longest_first(_words(d.get("place_only_prepositions"), p, "place_only_prepositions")),
        place_only_exceptions=_longest_first(_words(d.get("place_only_exceptions"), p, "place_only_exceptions")),
        count_words=_longest_first(_words(d.get("count_words"), p, "count_words")),
        transliteration=_pairs(d.get("transliteration"), p, "transliteration"),
        transliteration_endings=_pairs(d.get("transliteration_endings"), p, "transliteration_endings"),
        given_names=frozenset(_words(d.get("given_names"), p, "given_names")),
        feminine_given_names=frozenset(_words(d.get("feminine_given_names"), p, "feminine_given_names")),
        family_names_first=frozenset(_words(d.get("family_names_first"), p, "family_names_first")),
        feminine_surname_endings=tuple(w.lower() for w in _words(d.get("feminine_surname_endings"), p,
                                                                 "feminine_surname_endings")),
        headings=_longest_first(_words(d.get("headings"), p, "headings")),
        people_group_nouns=_longest_first(_words(d.get("people_group_nouns"), p, "people_group_nouns")),
        member_nouns=_longest_first(_words(d.get("member_nouns"), p, "member_nouns")),
        ethnic_markers=_longest_first(_words(d.get("ethnic_markers"), p, "ethnic_markers")),
        state_bodies=_longest_first(_words(d.get("state_bodies"), p, "state_bodies")),
        possessive_offices=frozenset(_words(d.get("possessive_offices"), p, "possessive_offices")),
        regime_prefixes=frozenset(_words(d.get("regime_prefixes"), p, "regime_prefixes")),
        organization_cues=frozenset(w.lower() for w in _words(d.get("organization_cues"), p, "organization_cues")),
        event_after_possessive=_longest_first(_words(d.get("event_after_possessive"), p, "event_after_possessive")),
        group_places=_longest_first(_words(d.get("group_places"), p, "group_places") + region_names),
        people_adjectives=frozenset(adjectives),
        media_prefixes=frozenset(_words(d.get("media_prefixes"), p, "media_prefixes")),
        title_only_roles=frozenset(w.lower() for w in _words(d.get("title_only_roles"), p, "title_only_roles")),
        role_modifiers=frozenset(w.lower() for w in _words(d.get("role_modifiers"), p, "role_modifiers")),
        organization_seats=_seats(d.get("seats_of_organizations"), p),
        place_adjectives=_longest_first([w.lower() for w in _words(d.get("place_adjectives"), p, "place_adjectives")]),
    )


def _seats(value, path: Path) -> tuple[tuple[str, str], ...]:
    out = []
    for item in value or []:
        if not isinstance(item, dict) or "term" not in item or "organization" not in item:
            raise CourseInputError(path, "each entry of 'seats_of_organizations' needs 'term' and 'organization'",
                                   "write '- {term: Brussels, organization: European Union}'")
        out.append((str(item["term"]), str(item["organization"])))
    return tuple(out)


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _mapping(value, path: Path, key: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise CourseInputError(path, f"'{key}' must map words to words", f"write '{key}:' and then 'word: value' lines")
    return tuple((str(k), str(v)) for k, v in value.items())


def _pairs(value, path: Path, key: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, list) and len(v) == 2 for v in value):
        raise CourseInputError(path, f"'{key}' must be a list of [from, to] pairs", f"write '- [yy, y]' under '{key}:'")
    return tuple((str(a), str(b)) for a, b in value)


@functools.lru_cache(maxsize=4)
def load_relation_cues(path: str | None = None) -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """Read ``data/lexicons/relation_cues.yaml``: one regex, and each matched form -> (headword, kind)."""
    p = lexicon_path("relation_cues.yaml", path)
    d = load_lexicon_file(p, what="relation cue lexicon").data
    forms: dict[str, tuple[str, str]] = {}
    for i, item in enumerate(d.get("cues") or []):
        if not isinstance(item, dict) or "form" not in item or item.get("kind") not in ("cooperation", "conflict"):
            raise CourseInputError(p, f"cue {i + 1} needs a 'form' and a 'kind' (cooperation or conflict)",
                                   "write '- {form: warmed, kind: cooperation, note: …}'")
        for f in item.get("forms") or [item["form"]]:
            forms[str(f).lower()] = (str(item["form"]), item["kind"])
    if not forms:
        raise CourseInputError(p, "lists no cues", "add entries under 'cues:'")
    rx = re.compile(r"(?<![\w-])(?:" + trie_pattern(forms) + r")(?![\w-])", re.IGNORECASE)
    return rx, forms
