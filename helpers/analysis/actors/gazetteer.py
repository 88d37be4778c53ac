"""States and their names, capitals and demonyms, from pycountry and pycountryinfo (with the
seats of government and the extra names of ``actor_cues.yaml``), and the spaCy phrase matcher
that finds them, with the groups and organizations of the cue lexicon, in a text."""

from __future__ import annotations

import ast
import functools
import importlib.resources
import json
import re
from dataclasses import dataclass, field

from helpers.analysis.actors.cues import load_actor_cues
from helpers.model.tokens import TokenMatcher


@dataclass(frozen=True)
class StateTerm:
    term: str
    code: str        # ISO 3166-1 alpha-2
    how: str         # name | metonymy | demonym


@dataclass(frozen=True, eq=False)
class States:
    names: dict[str, str]          # ISO code -> canonical name
    terms: tuple[StateTerm, ...]
    capitals: frozenset[str]
    demonyms: dict[str, str]       # demonym -> code
    codes: dict[str, str] = field(default_factory=dict)   # any term -> code


def _ascii_name(s: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z .'\-]*[A-Za-z.]", s)) and "," not in s


def eval_literal(value):
    """pycountryinfo stores lists and dicts as Python literals in strings."""
    if value is None or isinstance(value, (list, dict)):
        return value
    return ast.literal_eval(value)


@functools.lru_cache(maxsize=1)
def load_states() -> States:
    """States with names (pycountry, pycountryinfo), capitals and demonyms (pycountryinfo)."""
    import pycountry  # heavy: imported on first use, to keep imports fast

    info = _country_info()
    cues = load_actor_cues()
    names: dict[str, str] = {}
    weight: dict[str, float] = {}
    for c in pycountry.countries:
        e = info.get(c.alpha_2, {})
        try:
            pop = float(e.get("population") or 0)
        except ValueError:
            pop = 0.0
        weight[c.alpha_2] = pop * (10 if str(e.get("independent")) == "True" else 1)
        names[c.alpha_2] = e.get("common_name") or getattr(c, "common_name", None) or c.name
    term_map: dict[tuple[str, str], tuple[float, str]] = {}
    for c in pycountry.countries:
        _add_country_terms(term_map, weight, names, c, info.get(c.alpha_2, {}))
    for term, code in cues.seats.items():
        term_map[(term, "metonymy")] = (float("inf"), code)
    for term, code in cues.extra_demonyms.items():
        term_map[(term, "demonym")] = (float("inf"), code)
    for term, code in cues.extra_names.items():
        term_map[(term, "name")] = (float("inf"), code)
    # a term that is a name of one state wins over the same string as another's capital etc.
    best: dict[str, StateTerm] = {}
    order = {"name": 0, "metonymy": 1, "demonym": 2}
    for (term, how), (w, code) in sorted(term_map.items(), key=lambda kv: (order[kv[0][1]], -kv[1][0])):
        if term not in best:
            best[term] = StateTerm(term, code, how)
    capitals = frozenset(t.term for t in best.values() if t.how == "metonymy" and t.term not in cues.seats)
    demonyms = {t.term: t.code for t in best.values() if t.how == "demonym"}
    return States(names=names, terms=tuple(best.values()), capitals=capitals, demonyms=demonyms,
                  codes={t.term: t.code for t in best.values()})


def _country_info() -> dict[str, dict]:
    """pycountryinfo's record of each state, by ISO alpha-2 code."""
    data = json.loads(importlib.resources.files("pycountryinfo").joinpath("data/countries.json").read_text("utf-8"))
    info = {}
    for e in data:
        try:
            codes = eval_literal(e.get("iso_codes"))
            info[codes["alpha_2"]] = e
        except Exception:
            continue
    return info


def _add_term(term_map: dict, weight: dict[str, float], term: str, code: str, how: str) -> None:
    """Record ``term`` for state ``code``; among states sharing a term the weightier one keeps it."""
    term = term.strip()
    if term.lower().startswith("the "):
        term = term[4:]
    if not term or not _ascii_name(term):
        return
    w = weight.get(code, 0.0)
    # the packages write a straight apostrophe; articles mostly a typographic one ("People’s Republic of China")
    for form in (term, term.replace("'", "\u2019")) if "'" in term else (term,):
        key = (form, how)
        if key not in term_map or term_map[key][0] < w:
            term_map[key] = (w, code)


def _add_country_terms(term_map: dict, weight: dict[str, float], names: dict[str, str], c, e: dict) -> None:
    """The names, other spellings, capitals and demonyms of one state."""
    code = c.alpha_2
    for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
              e.get("common_name"), e.get("official_name")):
        if n:
            _add_term(term_map, weight, n, code, "name")
    try:
        alts = eval_literal(e.get("alt_spellings")) or []
    except Exception:
        alts = []
    for a in alts:
        # ISO codes are not names ("AZ"), but other abbreviations in use are ("UK", "USA")
        if a in (c.alpha_2, c.alpha_3) or len(a) < 2 or (len(a) < 3 and not a.isupper()):
            continue
        _add_term(term_map, weight, a, code, "name")
    for part in str(e.get("capital") or "").split(","):
        part = part.strip()
        if part and part != names[code] and part != "D.C." and part.count(" ") <= 2:
            _add_term(term_map, weight, part, code, "metonymy")
    for dem in str(e.get("nationality") or "").split(","):
        dem = dem.strip()
        if dem:
            _add_term(term_map, weight, dem, code, "demonym")
            if dem[-1] in "ni":
                _add_term(term_map, weight, dem + "s", code, "demonym")


@functools.lru_cache(maxsize=1)
def gazetteer_matcher() -> TokenMatcher:
    """A phrase matcher on tokens (``helpers.model.tokens.TokenMatcher``) for every state term, group
    and organization; match keys are ``S|<code>|<how>``, ``G|<type>|<name>`` and ``O|organization|<name>``."""
    states = load_states()
    cues = load_actor_cues()
    m = TokenMatcher()
    groups: dict[str, list[str]] = {}
    for t in states.terms:
        groups.setdefault(f"S|{t.code}|{t.how}", []).append(t.term)
    for name, typ, aliases in cues.groups:
        groups.setdefault(f"G|{typ}|{name}", []).extend(
            list(aliases) + [a[0].upper() + a[1:] for a in aliases if a[:1].islower()])
    for name, aliases in cues.organizations:
        groups.setdefault(f"O|organization|{name}", []).extend(aliases)
    for key, terms in groups.items():
        m.add(key, sorted(set(terms)))
    return m
