"""Candidate names: capitalised runs of words read as organizations, outlets, polities, people,
places or eponyms, with the spans of citations and titles they must be read against.

Each candidate has a span, a type and a priority; :func:`resolve` keeps the longest of
overlapping candidates (the lower priority number in a tie): "Kyiv Post" is an outlet, not Ukraine.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from helpers.analysis.actors.cues import Cues
from helpers.analysis.actors.gazetteer import States, load_states
from helpers.analysis.actors.roles import appositive, role_before
from helpers.analysis.dates import load_calendar
from helpers.analysis.patterns import trie_pattern
from helpers.analysis.reporting import load_reporting_cues

#: the Arabic article before a capitalised name ("al-Qaeda", "Omar al-Nuri")
ARTICLE_PREFIX = r"(?:al|el|ad|ar|as|ash|at|az|an)-"
#: a name opened by that article, as a whole word: its initials are two ("al-Qaeda": "AQ")
ARTICLE_NAME_RE = re.compile(rf"{ARTICLE_PREFIX}[A-Z][\w’'-]*")
#: a capitalised word; "People’s" and a plural's possessive keep the mark inside a name ("the Harbour
#: People’s Assembly", "the Harbour Workers’ Party")
#: a romanised syllable after a hyphen inside a given name ("Shui-bian", "Son-hui", "Jong-un"): a
#: capitalised word of two to five letters, a hyphen and one syllable, not an English word ("-era")
_SYLLABLE = (r"-(?!(?:era|run|free|led|made|held|wide|old)(?![\w-]))[bcdfghjklmnpqrstwxyz]{0,2}[aeiou]{1,3}(?:ng|n|r)?(?![\w-])")
_TOKEN = (r"People[’']s(?=[ \t]+[A-Z])|[A-Z][a-z]+s[’'](?=[ \t]+[A-Z])|[A-Z]\.(?=[ \t]+[A-Z][a-z])"
          rf"|[A-Z][a-z]{{1,4}}{_SYLLABLE}"
          r"|[A-Z][\w.]*(?<!\.)(?:-[A-Z][\w]*)*"
          r"|[A-Z](?:\.[A-Z])+\."    # "George W. Bush": a middle initial stays inside the name
          rf"|{ARTICLE_PREFIX}[A-Z][\w]*(?:-[A-Z][\w]*)*")
#: lower-case name particles inside a person's name ("Anna de Vries", "Ludwig van Beethoven")
_PARTICLES = r"(?:de|van|von|der|den|da|di|du|la|le|al|bin|bint|ibn|ag|ould|ter|zu|dos|das)"
OF_RUN_RE = re.compile(
    rf"(?<![\w-])(?:{_TOKEN})(?:(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|(?:{_PARTICLES}[ \t]+){{1,2}})?|/)(?:{_TOKEN}))*")
_QUOTE_RE = re.compile(r"“([^“”]{1,600})”|\"([^\"\n]{1,600})\"")
LEADING_STOP = {"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "for", "but",
                "and", "or", "if", "when", "while", "since", "as", "yet", "so", "meanwhile", "indeed",
                "perhaps", "rather", "moreover", "however", "nothing", "not", "for", "after", "before",
                "with", "without", "by", "from", "to", "of", "his", "her", "its", "their", "our", "my",
                "some", "many", "such", "all", "both", "each", "every", "no", "there", "here", "it",
                "he", "she", "they", "we", "i", "you", "what", "who", "which", "where", "how", "why",
                "then", "now", "also", "even", "still", "though", "although", "because", "unless",
                "until", "once", "mr", "mrs", "ms", "dr", "noting", "according", "other", "others",
                "nobody", "everybody", "somebody", "anyone", "everyone", "someone", "none", "few",
                "most", "several", "one", "two", "three", "officials", "critics", "observers", "whether",
                "despite", "during", "amid", "amidst", "among", "unlike", "regarding", "toward", "towards",
                "behind", "under", "beyond", "against", "upon", "within", "throughout", "besides"}
LEADING_STOP_TITLE = frozenset(w.capitalize() for w in LEADING_STOP)
#: words that make a weekday or a month a time, not a name, at a sentence's start ("Last Friday")
TIME_QUALIFIERS = frozenset({"last", "next", "early", "late", "mid", "every", "each", "this", "that", "until",
                             "since", "by", "on", "in"})


def initials(words) -> str:
    """The initials of the capitalised words among ``words`` (two for a name opened by the Arabic
    article, "al-Qaeda": "AQ"), the letters an acronym of the name is made of."""
    out = []
    for w in words:
        if ARTICLE_NAME_RE.fullmatch(w):
            out.append(w[0].upper() + w.split("-", 1)[1][0])
        elif w[:1].isupper():
            out.append(w[0])
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _cite_re() -> re.Pattern:
    """A parenthetical citation ("(see EDM, July 19, 2016)") or an image credit ("(Source: …)")."""
    months = "|".join(map(re.escape, load_calendar().months))
    return re.compile(
        rf"\((?:see\s+(?:also\s+)?)?(?P<name>[A-Z][^(),;:]{{0,60}}?),\s+(?:(?:\d{{1,2}}\s+)?(?:{months})\b|\d{{4}})"
        rf"|\((?:Photo|Source|Image|Credit|Picture)s?:\s*(?P<credit>[A-Z][^()]{{0,60}}?)\)")


@functools.lru_cache(maxsize=1)
def _report_after_re() -> re.Pattern:
    """A reporting verb right after a name ("Omarov said", "X, a …, argues"): the verb forms are
    the ``after_name`` forms of ``reporting_cues.yaml``; case matters."""
    verbs = trie_pattern(load_reporting_cues().after_name)
    return re.compile(rf"^,?\s+(?:\w+ly\s+|further\s+|also\s+|then\s+)?(?:{verbs})\b")


@dataclass
class Cand:
    start: int
    end: int
    text: str
    type: str        # an actor type, or "place" / "skip"
    key: str         # canonical name (for states) or the name as written
    how: str
    prio: int        # lower wins a tie in length
    info: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def _date_start_re() -> re.Pattern:
    months = "|".join(map(re.escape, load_calendar().months))
    return re.compile(rf"^(?:\d{{1,2}}\s+)?(?:{months})\b|^\d{{4}}\b")


#: a site's address written as its name ("Carnegie.ru", "Kommersant.ru"): an outlet
_SITE_NAME = re.compile(r"[A-Z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6}")
#: a capitalised gerund ("Analyzing", "Citing"), which opens a sentence but no person's name
_GERUND = re.compile(r"[A-Z][a-z]{2,}ing")
#: a regnal number after a name ("Mohammed VI"), not an acronym
_ROMAN = re.compile(r"[IVX]{1,5}")
#: one pinyin syllable (an initial, then a final), lower case
_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                    r"(?:iang|iong|uang|ueng|iao|ian|uai|uan|ang|eng|ing|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|ü)")
#: a given name of one or two pinyin syllables ("zedong", "rui")
_PINYIN_GIVEN_RE = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}")
#: an age between commas, or a relative "who", right after a name (", 85,", ", 89, who", ", who")
_AGE_OR_WHO_RE = re.compile(r",[ \t]+(?:(?:aged[ \t]+)?(?:1[5-9]|[2-9]\d|10\d),|(?:(?:1[5-9]|[2-9]\d|10\d),[ \t]+)?who[ \t])")


def cited_outlets(text: str) -> tuple[set[str], list[tuple[int, int]]]:
    """The outlets named in citations anywhere in the text, and the spans of those citations: every
    source of a parenthesis, also of a list ("(Agency One, Wire Two, June 20; Radio X, June 21)")."""
    outlets = set()
    cited: list[tuple[int, int]] = []
    for m in _cite_re().finditer(text):
        cited.append((m.start(), m.end()))
        name = (m.group("name") or m.group("credit") or "").strip()
        name = re.sub(r"\s+(?:Photos?|Images?|Pictures?)$", "", name)
        if name and not any(ch.isdigit() for ch in name):
            outlets.add(name)
    date = _date_start_re()
    for m in re.finditer(r"\(([^()]{3,300})\)", text):
        for source in m.group(1).split(";"):
            parts = [x.strip() for x in source.split(",")]
            if not any(date.match(x) for x in parts):
                continue              # no date: not a citation
            for x in parts:
                if date.match(x):
                    break
                x = re.sub(r"^(?:see\s+(?:also\s+)?|e\.g\.\s*)", "", x)
                if x[:1].isupper() and not any(ch.isdigit() for ch in x) and len(x) <= 60:
                    outlets.add(x)
    return outlets, cited


def title_case_quotes(text: str, units) -> list[tuple[int, int]]:
    """Spans of quotations whose words are mostly capitalised: titles, read as titles."""
    spans = []
    for _, a, b, _ in units:
        for m in _QUOTE_RE.finditer(text, a, b):
            inner = m.group(1) or m.group(2) or ""
            words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", inner) if len(w) > 3]
            if len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.6:
                spans.append((m.start(), m.end()))
    return spans


def so_called_quotes(text: str, units) -> list[tuple[int, int]]:
    """Spans of quotations right after "so-called": a name there is held up as a term ("the so-called
    “Union of Norland” is no union"), not used for its bearer."""
    spans = []
    for _, a, b, _ in units:
        for m in _SO_CALLED_RE.finditer(text, a, b):
            spans.append((m.start("q"), m.end("q")))
    return spans


_SO_CALLED_RE = re.compile(r"(?i:so-called)[ \t]+(?P<q>“[^”]{1,120}”)")


def inside(spans, start, end) -> bool:
    """Is [start, end) inside one of the sorted, non-overlapping spans?"""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _after_locative(text: str, lo: int, s: int, cues: Cues) -> bool:
    """Does a locative preposition ("in", "at", "near" …, optionally + "the") stand just before s?"""
    words = text[max(lo, s - 16):s].split()
    if words and words[-1] == "the":
        words = words[:-1]
    return bool(words) and words[-1].lower() in cues.locatives


def _sentence_start(text: str, pos: int, lo: int) -> bool:
    if text[max(lo, pos - 3):pos].rstrip()[-1:] in ("“", '"', "‘"):
        return True                   # the first word of a quotation
    before = text[max(lo, pos - 8):pos].rstrip(" \t“\"‘'(")
    if not before and pos - 8 > lo:
        before = text[max(lo, pos - 200):pos].rstrip(" \t“\"‘'(")
    return not before or before[-1] in ".!?:—•\n"


def _split_tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


# -- one capitalised run -------------------------------------------------------------------

def classify_run(text, ui, rs, re_, units, states: States, cues: Cues, outlets, title_quotes, lone) -> list[Cand]:
    """Candidates from one capitalised run (organizations, outlets, polities, people, eponyms)."""
    pnum, ua, ub, _ = units[ui]
    if re_ - rs > 300:
        return []                     # a run of capitalised words this long is shouting or a heading, not a name
    toks = _split_tokens(text, rs, re_)
    # drop leading stop words and determiners ("The New Era", "In Gdynia")
    i = 0
    while i < len(toks) and text[toks[i][0]:toks[i][1]].lower() in LEADING_STOP:
        i += 1
    j = len(toks)
    while j > i and text[toks[j - 1][0]:toks[j - 1][1]] in ("of", "the"):
        j -= 1
    toks = toks[i:j]
    if not toks:
        return []
    s, e = toks[0][0], toks[-1][1]
    words = [text[a:b] for a, b in toks]
    name = text[s:e]
    if name in cues.headings:
        return [Cand(s, e, name, "skip", name, "name", -1)]   # "Executive Summary:" is a heading, no name
    after = text[e:e + 12]
    if after.startswith(cues.eponym_following):
        # "a Steinmeier-type arrangement": an eponym, never an actor
        return [Cand(s, e + len(after.split()[0]) if after.split() else e, name, "skip", name, "name", -1)]
    if after.startswith(cues.place_following):
        return [Cand(s, e, name, "place", name, "name", 2)]
    calendar = load_calendar().names
    if len(words) == 1 and (words[0] in states.codes or words[0] in LEADING_STOP_TITLE or words[0] in calendar):
        return []                     # a state term (the gazetteer has it), a function word or a month ("in early July")
    if any(w in calendar for w in words) and all(w in calendar or w.lower() in TIME_QUALIFIERS for w in words):
        return []                     # "Last Friday", "Early March": a time, no name
    if len(words) == 2 and words[0] in cues.regime_prefixes:
        code = states.codes.get(words[1]) or states.demonyms.get(words[1])
        if code:                      # "Nazi Germany", "Nazi German": a past regime, a state of its own
            return [Cand(s, e, name, "state", f"{words[0]} {states.names.get(code, words[1])}", "name", 1)]
    person = _after_portfolio(text, ua, toks, words, s, states, cues)
    if person is not None:
        # "Minister of Energy and Fuel A B": the words of the portfolio before the name are the title's
        return classify_run(text, ui, person[0][0], person[-1][1], units, states, cues, outlets, title_quotes, lone)
    title = _title_inside(words, cues)
    if title is not None:
        # "Secretary of State Amara Velt": the title is a role, not part of a name
        i, n = title
        out = []
        for part in (toks[:i], toks[i + n:]):
            if part:
                out.extend(classify_run(text, ui, part[0][0], part[-1][1], units, states, cues, outlets,
                                        title_quotes, lone))
        return out
    if "of" in words:
        parts = _split_at_of(text, ui, toks, words, s, e, name, units, states, cues, outlets, title_quotes, lone)
        if parts is not None:
            return parts
    named = _named_by_form(text, ua, s, e, name, words, cues, outlets, title_quotes)
    if named is not None:
        return named
    located = _after_locative(text, ua, s, cues) and not any(w in calendar for w in words)
    if (words[-1] in cues.non_actor_suffixes or words[0] in cues.place_prefixes) \
            and not any(_role_word(w, cues) for w in words[1:-1]):
        # "Central Asia", "Black Sea"; not "Central Military Commission Chairman A B" (a role word inside)
        if len(words) >= 2:
            return [Cand(s, e, name, "place" if located else "skip", name, "name", 3)]
    return _people(text, ua, ub, toks, words, located, states, cues, lone)


#: the start of a portfolio title before a run, its "and" last: "Minister of Natural Resources and "
_PORTFOLIO_AND_RE = re.compile(r"(?<![\w-])(?P<role>[A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w-]*,?\s+){1,4}and\s+$")


def _after_portfolio(text, ua, toks, words, s, states: States, cues: Cues):
    """The tokens of a person's name (its last two words) after the portfolio of a person's title
    ("Minister of Agriculture A B"; "Minister of Energy and Fuel A B", the run after "and"), or None.
    Not when a word of the portfolio is a state term or an organization suffix ("President of
    Georgia A B", "Chairman of the Georgian Parliament A B" are read by the other rules)."""
    if len(words) < 3:
        return None
    if "of" in words or "for" in words:
        i = words.index("of") if "of" in words else words.index("for")
        if i != 1 or words[0].lower() not in cues.roles:
            return None
        portfolio = words[2:-2]
    else:
        m = _PORTFOLIO_AND_RE.search(text, max(ua, s - 120), s)
        if m is None or m.group("role").lower() not in cues.roles:
            return None
        portfolio = words[:-2]
    if not portfolio or any(w in states.codes or w in cues.org_suffixes or w in ("the", "and") for w in portfolio):
        return None
    return toks[-2:]


def _title_inside(words: list[str], cues: Cues) -> tuple[int, int] | None:
    """(first word, length) of a role of several words joined by "of" ("Secretary of State") inside
    the run and followed by a name, or None."""
    if "of" not in words:
        return None
    for i in range(len(words)):
        for n in (4, 3):
            if i + n < len(words) and "of" in words[i:i + n] and " ".join(words[i:i + n]).lower() in cues.roles:
                return i, n
    return None


def _split_at_of(text, ui, toks, words, s, e, name, units, states, cues, outlets, title_quotes, lone):
    """"of" joins only names of organizations ("Ministry of Defence"); otherwise the run is read
    as the names on each side of it. None when the run stays whole."""
    i = words.index("of")
    head = words[i - 1] if i > 0 else ""
    if head in cues.non_actor_suffixes:
        # "Gulf of Finland": a sea, not Finland
        return [Cand(s, e, name, "skip", name, "name", 3)]
    j = i + 1
    if j < len(toks) and words[j] == "the":
        j += 1
    left, right = toks[:i], toks[j:]
    # "the Liberal Party of Tomas Arvid": a person's full name after "of" is the party's leader, not its name
    led = j == i + 1 and 2 <= len(right) <= 3 and words[j] in cues.given_names and "of" not in words[j:]
    if head in cues.org_suffixes and not led:
        # "Reserve Bank of Ruritania", "Ministry of Defense": the whole run is the organization
        return [Cand(s, e, name, "organization", name, "name", 2)]
    if head in cues.polity_suffixes:
        return None
    res = []
    for part in (left, right):
        if part:
            res.extend(classify_run(text, ui, part[0][0], part[-1][1], units, states, cues,
                                    outlets, title_quotes, lone))
    return res


def _named_by_form(text, ua, s, e, name, words, cues: Cues, outlets, title_quotes) -> list[Cand] | None:
    """An outlet (cited, after "the portal …", or ending in "Post", "Times" …), an organization
    ("… Club") or a polity ("… Republic"); nothing inside a title; None to read on."""
    last = words[-1]
    before = text[max(ua, s - 40):s]
    if name in outlets or _SITE_NAME.fullmatch(name):
        # cited, or a site's address ("Carnegie.ru"): an outlet, even before "noted"
        return [Cand(s, e, name, "media", name, "name", 1)]
    tail = before.split()[-2:]
    if (tail and (tail[-1].lower() in cues.media_cues or " ".join(tail).lower() in cues.media_cues)
            and before[-1:].isspace()) \
            or (last in cues.media_suffixes and len(words) >= 2) \
            or (words[0] in cues.media_prefixes and len(words) >= 2):
        return [Cand(s, e, name, "media", name, "name", 2)]
    if (tail and tail[-1].lower() in cues.organization_cues and before[-1:].isspace()
            and words[0].lower() not in cues.roles):
        # "the energy corporation Rosatom": a lower-case organization noun names what follows
        return [Cand(s, e, name, "organization", name, "name", 2)]
    if inside(title_quotes, s, e):
        return []
    org = _organization_by_next_word(text, ua, s, e, name, words, cues)
    if org is not None:
        return org
    if last in cues.org_suffixes and len(words) >= 2 or (
            len(words) == 1 and "-" in last and last.rsplit("-", 1)[1] in cues.org_suffixes and last[:1].isupper()):
        # "Reserve Bank", and one hyphenated word ending in an organization's suffix ("Pollwise-Center")
        return [Cand(s, e, name, "organization", name, "name", 2)]
    if last in cues.polity_suffixes and len(words) >= 2:
        return [Cand(s, e, name, "state", name, "name", 2)]
    return None


@functools.lru_cache(maxsize=4)
def _org_noun_re(cues: Cues) -> re.Pattern:
    return re.compile(rf"[ \t]+({trie_pattern(cues.organization_nouns)})\b(?![\w-])")


@functools.lru_cache(maxsize=4)
def _role_then_name_re(cues: Cues) -> re.Pattern:
    roles = [r for r in cues.roles if r == r.lower()]
    return re.compile(rf"[ \t]+(?:{trie_pattern(roles)})[ \t]+[A-Z][a-z]")


def _organization_by_next_word(text, ua, s, e, name, words, cues: Cues) -> list[Cand] | None:
    """An organization named by the lower-case word after it: an organization noun ("an
    Elbasan court", "the ruling Freedom party"), or a role word and a person's name ("Lumen
    investigator Ada Korr": Lumen). Not when every word of the name is a state term."""
    codes = load_states().codes
    if all(w in codes for w in words) or name in cues.people_adjectives:
        return None               # "the Georgian government" is Georgia; "Chechen leader X" names no organization
    # a state term with a word of its own ("the Georgian Dream party", "Georgian Dream leader X"): a party's name
    with_state = any(w in codes for w in words)
    m = _org_noun_re(cues).match(text, e)
    if m:
        if with_state:            # the party is "Georgian Dream", not "Georgian Dream party"
            return [Cand(s, e, name, "organization", name, "name", 2)]
        end = m.end(1)
        return [Cand(s, end, text[s:end], "organization", text[s:end], "name", 2)]
    if _role_then_name_re(cues).match(text, e):
        if len(words) == 1 and name.lower() in cues.role_modifiers:
            return None               # "Former president X": a word that qualifies the role
        if len(words) == 1 and _sentence_start(text, s, ua) and re.search(rf"\b{re.escape(name.lower())}\b", text):
            return None               # a common word capitalised at a sentence start ("Veteran journalist …")
        return [Cand(s, e, name, "organization", name, "name", 2)]
    return None


def _apposition_head(text: str, ua: int, ns: int, cues: Cues) -> bool:
    """Does "one of them," (a ``person_apposition_heads`` phrase and a comma) stand just before ``ns``?"""
    before = text[max(ua, ns - 40):ns].rstrip()
    if not before.endswith(","):
        return False
    before = before[:-1].rstrip().lower()
    return any(before.endswith(h) and (len(before) == len(h) or not before[-len(h) - 1].isalnum())
               for h in cues.person_apposition_heads)


def _one_of_roles(text: str, ua: int, ns: int, cues: Cues) -> bool:
    """Does "one of its key commanders," (one of a plural role word of the lexicon, and a comma)
    stand just before ``ns``?"""
    before = text[max(ua, ns - 60):ns].rstrip()
    if not before.endswith(","):
        return False
    m = _ONE_OF_ROLES_RE.search(before[:-1].rstrip().lower())
    return bool(m) and m.group("r") in _plural_roles(cues)


def _after_role_phrase(text: str, ua: int, ns: int, cues: Cues) -> bool:
    """Does a sentence's or clause's subject that is a person's role ("The head of the provisional
    council,", "Its new chairman,") stand just before ``ns``, with a comma?"""
    before = text[max(ua, ns - 100):ns].rstrip()
    if not before.endswith(","):
        return False
    m = _ROLE_PHRASE_END_RE.search(before[:-1].rstrip())
    return bool(m) and m.group("r").lower() in cues.roles and m.group("r").lower() not in cues.title_only_roles


#: "The head of the … council", "Its new chairman": a determiner opening a sentence or clause, up to
#: two words, a role word and what it heads ("of …", "at …", "for …"), with no comma
_ROLE_PHRASE_END_RE = re.compile(r"(?:^|[.;:]\s+|—|–)(?:The|Its|His|Her|Their|the|its|his|her|their)\s+"
                                 r"(?:[\w’'-]+\s+){0,2}?(?P<r>[a-z][a-z-]*)(?:\s+(?:of|at|for|to)\s+[^,;:.“”\"()]{1,70})?$")


_ONE_OF_ROLES_RE = re.compile(r"(?<![\w-])one\s+of\s+(?:its|his|her|their|the)\s+(?:[\w-]+\s+){0,2}?(?P<r>[a-z-]+)$")


@functools.lru_cache(maxsize=4)
def _plural_roles(cues: Cues) -> frozenset[str]:
    """The one-word person roles of the lexicon in the plural ("commanders", "deputies")."""
    out = set()
    for r in cues.roles:
        if " " not in r:
            out.add(r[:-1] + "ies" if r.endswith("y") and r[-2:-1] not in "aeiou" else r + ("es" if r.endswith(("s", "sh", "ch")) else "s"))
    return frozenset(out)


_INITIAL = re.compile(r"[A-Z]\.")    # a middle initial ("George W. Bush"), no acronym
_WORD2 = r"[A-Z](?:[a-z]|[^\x00-\x7F\W])[\w’'-]*"   # "Léocour": a letter with a diacritic counts
#: the list joint before or after a name: ", ", ", and ", " and "
_JOINT = r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)"
_NEXT_NAME_RE = re.compile(rf"{_JOINT}(?P<g>{_WORD2})[ \t]+{_WORD2}(?![\w’'-])")
_PREV_NAME_RE = re.compile(rf"(?<![\w’'-])(?P<g>{_WORD2})[ \t]+{_WORD2}{_JOINT}$")


#: a lower-case word, then names of two or three words joined as a list, up to the joint before a
#: name: "French citizens A B and ", "the hostages A B, C D and "
_LIST_AFTER_WORD_RE = re.compile(
    rf"(?<![\w-])(?P<r>[a-z][\w-]*)[ \t]+{_WORD2}(?:[ \t]+(?:{_PARTICLES}[ \t]+)?{_WORD2}){{1,2}}"
    rf"(?:{_JOINT}{_WORD2}(?:[ \t]+(?:{_PARTICLES}[ \t]+)?{_WORD2}){{1,2}})*{_JOINT}$")


def _after_plural_role_list(text: str, ns: int, ua: int, cues: Cues) -> bool:
    """Whether the name at ``ns`` is a later item of a list of names opened by a plural role word
    ("French citizens A B and C D", "the hostages A B, C D and E F")."""
    m = _LIST_AFTER_WORD_RE.search(text[max(ua, ns - 160):ns])
    return bool(m) and (m.group("r") in _plural_roles(cues) or (m.group("r") in cues.roles and m.group("r").endswith("s")))


def _beside_a_person(text: str, ns: int, ne: int, ua: int, ub: int, cues: Cues) -> bool:
    """Whether the name at [ns, ne) stands in a list next to a full name opened by a common given
    name ("Ryhor A and Artyom B", "Mikhail A, Garry B, and Alexei C")."""
    m = _NEXT_NAME_RE.match(text, ne, min(ub, ne + 60))
    if m and m.group("g") in cues.given_names:
        return True
    m = _PREV_NAME_RE.search(text, max(ua, ns - 60), ns)
    return bool(m and m.group("g") in cues.given_names)


#: a government or cabinet named after the person who heads it
_HEADS_RE = re.compile(r"[’']s[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:government|cabinet|administration)\b")


def _speaks_alone(text: str, word: str) -> bool:
    """Whether ``word`` stands alone as a reporting verb's subject somewhere: "Cai said", "said Cai"."""
    return word in _lone_speakers(text)


@functools.lru_cache(maxsize=4)
def _lone_speakers(text: str) -> frozenset[str]:
    """The capitalised words that stand alone right before a reporting verb or right after "said",
    "says", "added" or "asked" (one pass over the text, whatever the number of names)."""
    out = set()
    for m in re.finditer(r"(?<![\w’'-])([A-Z][\w’'-]*)(?![\w’'-])(?![ \t]+[A-Z])", text):
        if _report_after_re().match(text[m.end():m.end() + 40]) \
                or re.search(r"(?:said|says|added|asked)\s+$", text[max(0, m.start() - 8):m.start()]):
            out.add(m.group(1))
    return frozenset(out)


def _role_word(word: str, cues: Cues) -> bool:
    """A role word, also as the last part of a hyphenated rank ("Army-General", "Colonel-General")."""
    return word.lower() in cues.roles or ("-" in word and word.rsplit("-", 1)[1].lower() in cues.roles)


def _people(text, ua, ub, toks, words, located: bool, states: States, cues: Cues, lone) -> list[Cand]:
    """A person's name: the trailing words of the run that are neither state terms nor role
    words, with the evidence that it is a person's (a role word, an appositive, a reporting
    verb, the surname used alone elsewhere); a lone word without it may be a surname."""
    gaz = states.codes
    k = len(words)
    while k > 0 and words[k - 1] not in gaz and not _role_word(words[k - 1], cues) \
            and words[k - 1].lower() not in LEADING_STOP and words[k - 1] not in cues.org_suffixes \
            and words[k - 1] not in cues.people_adjectives:     # "the Karachai A B": a people's adjective
        k -= 1
    if (k == 0 and len(words) >= 2 and _GERUND.fullmatch(words[0]) and words[0] not in cues.given_names
            and words[0] not in gaz and _sentence_start(text, toks[0][0], ua)):
        k = 1                         # "Analyzing Lavrov’s statements …": a sentence opened by a gerund
    out = _organization_before_role(text, toks, words, k, cues)
    if 2 <= k < len(words) and words[k - 1] in cues.org_suffixes:
        # "(Chairman of the) Georgian Parliament Shalva Papuashvili": the body before the person's name
        out.append(Cand(toks[0][0], toks[k - 1][1], text[toks[0][0]:toks[k - 1][1]], "organization",
                        text[toks[0][0]:toks[k - 1][1]], "name", 2))
    cleric = len(words) - k == 1 and k >= 1 and cues.roles.get(words[k - 1].lower()) == "religious"
    if cleric:
        k -= 1                        # "Patriarch Kirill", "Pope Leo": a religious name keeps its title
    name_toks = toks[k:]
    if not name_toks or len(name_toks) > 6:
        return out
    ns, ne = name_toks[0][0], name_toks[-1][1]
    pname = text[ns:ne]
    pwords = words[k:]
    if any(w.isupper() and len(w) > 1 and not (i == len(pwords) - 1 and _ROMAN.fullmatch(w)) and not _INITIAL.fullmatch(w)
           for i, w in enumerate(pwords)) or any(w in cues.org_suffixes | cues.media_suffixes
                                                                  | cues.non_actor_suffixes for w in pwords):
        return out
    if k == 0 and _led_body(text, ua, ns, ne, cues):
        # "the chairman of the Supreme Soviet,", "the leader of the relief mission Proliska,": the body led
        return out + [Cand(ns, ne, pname, "organization", pname, "name", 2)]
    role = role_before(text, ua, ns, states, cues)
    appos = appositive(text, ne, ub, cues, states)
    # "officials in Wuhan stated": after a locative the verb's subject is the noun before it, not the place
    reports = bool(_report_after_re().match(text[ne:ne + 40])) and not (located and k == 0 and len(pwords) == 1)
    # the surname used alone elsewhere; for a two-word name also its first word, a family name
    # written first, when it is used alone as a speaker ("Cai Qi" … "Cai said", "said Cai")
    reused = len(pwords) >= 2 and (pwords[-1] in lone or (len(pwords) == 2 and pwords[0] in lone
                                                          and pwords[0] not in states.codes
                                                          and _speaks_alone(text, pwords[0])))
    set_off = len(pwords) >= 2 and ((text.startswith(",", ne) and (_apposition_head(text, ua, ns, cues)
                                                                   or (len(pwords) <= 3 and _after_role_phrase(text, ua, ns, cues))))
                                    or _one_of_roles(text, ua, ns, cues))
    at_start = _sentence_start(text, ns, ua) and k == 0 and len(pwords) == 1
    given = 2 <= len(pwords) <= 3 and pwords[0] in cues.given_names
    # rule 24: "Mao Zedong": a family name written first, then a given name of pinyin syllables
    family_first = (len(pwords) == 2 and pwords[0] in cues.family_names_first
                    and bool(_PINYIN_GIVEN_RE.fullmatch(pwords[1].lower())))
    # rule 24: "A B, 85, a former director …", "A B, who …": an age or "who" after a full name
    aged_or_who = 2 <= len(pwords) <= 3 and bool(_AGE_OR_WHO_RE.match(text, ne, min(ub, ne + 16)))
    # "A B’s centrist government collapsed": a full name whose government or cabinet it is heads it
    heads = 2 <= len(pwords) <= 3 and bool(_HEADS_RE.match(text, ne, min(len(text), ne + 60)))
    # "analysts, A B and Artyom C, said": a full name in one list with a person's full name
    listed = (2 <= len(pwords) <= 3 and not any(w.lower() in cues.roles for w in pwords)
              and not re.match(r"[ \t]+(?:for|of)[ \t]", text[ne:ne + 5])
              and (_beside_a_person(text, ns, ne, ua, ub, cues) or _after_plural_role_list(text, ns, ua, cues)))
    evidence = [label for label, found in (("role", role), ("appositive", appos), ("reporting verb", reports),
                                            ("surname used alone", reused), ("set off after 'one of them'", set_off),
                                            ("given name", given), ("family name first", family_first),
                                            ("age or 'who' after it", aged_or_who), ("religious title", cleric),
                                            ("heads a government", heads), ("listed with a person", listed))
                if found]
    if len(pwords) == 1 and not role and not reports:
        # a single word is a person only with a role word before it or a reporting verb after
        # (kept only if it is the surname of a full name found elsewhere)
        if located and k == 0:
            # "in Sochi", "in Gdynia": a place (unless it is the surname of a person found elsewhere)
            return [Cand(ns, ne, pname, "person?", pname, "alias", 4, {"at_start": at_start, "place": True})]
        return [Cand(ns, ne, pname, "person?", pname, "alias", 4, {"at_start": at_start})]
    if not evidence:
        if located and k == 0:
            out.append(Cand(ns, ne, pname, "place", pname, "name", 3))
        return out
    info = {"role": (role or appos or {}).get("role"), "family": (role or appos or {}).get("family"),
            "nationality": (role or {}).get("nationality") or (appos or {}).get("nationality"),
            "outlet": (appos or {}).get("outlet") or (role or {}).get("outlet"), "evidence": evidence}
    out.append(Cand(ns, ne, pname, "person", pname, "name", 2, info))
    return out


_ROLE_OF_THE_RE = re.compile(r"(?<![\w-])(?P<role>[a-z][a-z-]*)\s+of\s+the\s+(?:[a-z][\w-]*\s+){0,2}$")
#: what may follow the name of a body led: punctuation, a conjunction or a preposition, no noun it qualifies
_AFTER_BODY_RE = re.compile(r"\s*(?:[,.;:)]|and\b|or\b|in\b|at\b|from\b|since\b|until\b|$)")


def _led_body(text: str, ua: int, ns: int, ne: int, cues: Cues) -> bool:
    """Is the name at [ns, ne) the body a person's role is of ("the chairman of the Supreme Soviet,")?
    Not when a lower-case noun follows it ("the head of the Nordland dock union": Nordland qualifies
    the union)."""
    m = _ROLE_OF_THE_RE.search(text, max(ua, ns - 80), ns)
    return bool(m) and m.group("role") in cues.roles and bool(_AFTER_BODY_RE.match(text, ne))


def _organization_before_role(text, toks, words, k: int, cues: Cues) -> list[Cand]:
    """"European Commission President Ursula von der Leyen": the organization before the role word."""
    if 0 < k < len(words) and words[k - 1].lower() in cues.roles:
        j = k - 1
        while j > 0 and words[j - 1].lower() in cues.roles:
            j -= 1
        if j >= 2 and words[j - 1] in cues.org_suffixes:
            return [Cand(toks[0][0], toks[j - 1][1], text[toks[0][0]:toks[j - 1][1]], "organization",
                         text[toks[0][0]:toks[j - 1][1]], "name", 2)]
    return []


def resolve(cands: list[Cand]) -> list[Cand]:
    """The candidates that win: longest first, ties to the lower priority number, no overlaps.

    The characters already taken are marked in one byte array, so each candidate costs its own
    length (linear in the text, where a sorted list of spans costs a shift per insertion)."""
    if not cands:
        return []
    taken = bytearray(max(c.end for c in cands) + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.prio, c.start)):
        if c.end <= c.start or taken.find(1, c.start, c.end) != -1:
            if c.end > c.start:
                continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen
