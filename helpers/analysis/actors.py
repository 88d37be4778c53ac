"""Actors in an article: states, people, organizations, outlets and groups, with their
mentions, and the ties between them (co-mention per sentence, cooperation or conflict).

Rules only, no trained model. States, their names, capitals and demonyms come from pycountry
and pycountryinfo; what no package has (role words, seats of government such as "the
Kremlin", name endings such as "Fleet" or "Post") is in ``data/lexicons/actor_cues.yaml``;
relation cues are in ``data/lexicons/relation_cues.yaml``; per-article corrections in
``data/annotations/<article id>/actors.yaml``. The longest match wins: "Kyiv Post" is an
outlet, not Ukraine. A capital is its state ("Moscow" is Russia) except as a place ("Baku-based",
"some in Baku": ``ActorAnalysis.places``). People are capitalised names with a role word before
("President", "commentator"), an appositive after ("X, a …"), a reporting verb after, or a
surname used alone elsewhere; bare surnames and role phrases ("the Azerbaijani president": role
word + nationality or outlet → the latest person it fits) link back to them. Outlets are the
names cited in parentheses, after "the online portal …", or ending in "Post", "Times" ….
The caption, when the article has one, is read too: its mentions have ``paragraph`` 0 and
``sentence_id`` "caption".
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.analysis.scoring import score_names
from helpers.core.errors import CourseInputError
from helpers.core.text import fold
from helpers.model.packs import load_pack
from helpers.core.paths import lexicons_dir

ACTOR_TYPES = ("state", "person", "organization", "media", "group")
HOWS = ("name", "alias", "metonymy", "demonym", "role", "override")
CAPTION_SENTENCE = "caption"


# -- results -----------------------------------------------------------------------------------

@dataclass
class Mention:
    text: str
    start: int          # offsets into Article.text
    end: int
    sentence_id: str
    paragraph: int
    how: str            # name | alias | metonymy | demonym | role | override

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "sentence_id": self.sentence_id,
                "paragraph": self.paragraph, "how": self.how}


@dataclass
class Actor:
    name: str
    type: str
    aliases: list[str]
    mentions: list[Mention]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "aliases": list(self.aliases),
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass
class Relation:
    source: str
    target: str
    kind: str           # co-mention | cooperation | conflict
    sentence_id: str
    cue: str | None
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "kind": self.kind,
                "sentence_id": self.sentence_id, "cue": self.cue, "sentence": self.sentence}


@dataclass
class ActorAnalysis:
    actors: list[Actor]
    relations: list[Relation]
    places: list[Mention]

    def actor(self, name: str) -> Actor | None:
        """The actor with this canonical name or alias (case ignored), if any."""
        low = name.lower()
        for a in self.actors:
            if a.name.lower() == low or low in (x.lower() for x in a.aliases):
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"actors": [a.to_dict() for a in self.actors],
                "relations": [r.to_dict() for r in self.relations],
                "places": [p.to_dict() for p in self.places]}

    def graph(self):
        """A ``networkx.Graph``: a node per actor (``type``, ``mentions``), an edge per tied pair.

        Edge attributes: ``kind`` (co-mention, cooperation, conflict, or "mixed" when both
        signed kinds occur), ``weight`` (sentences with both), ``sentence_ids``,
        ``cooperation`` and ``conflict`` (counts of signed ties) and ``cues``.
        """
        import networkx as nx

        g = nx.Graph()
        for a in self.actors:
            g.add_node(a.name, type=a.type, mentions=len(a.mentions))
        for r in self.relations:
            if not g.has_edge(r.source, r.target):
                g.add_edge(r.source, r.target, kind="co-mention", weight=0, sentence_ids=[],
                           cooperation=0, conflict=0, cues=[])
            e = g.edges[r.source, r.target]
            if r.sentence_id not in e["sentence_ids"]:
                e["sentence_ids"].append(r.sentence_id)
            if r.kind == "co-mention":
                e["weight"] += 1
            else:
                e[r.kind] += 1
                if r.cue and r.cue not in e["cues"]:
                    e["cues"].append(r.cue)
        for _, _, e in g.edges(data=True):
            if e["cooperation"] and e["conflict"]:
                e["kind"] = "mixed"
            elif e["cooperation"]:
                e["kind"] = "cooperation"
            elif e["conflict"]:
                e["kind"] = "conflict"
            e["weight"] = max(e["weight"], 1)
        return g


# -- lexicons ----------------------------------------------------------------------------------

def trie_pattern(forms) -> str:
    """One regular expression for many literal forms, factored by common prefixes (fast to scan).

    A space in a form matches any white space; the longest form wins at each position.
    """
    trie: dict = {}
    for form in set(forms):
        node = trie
        for unit in re.split(r"(\s+)", form.strip()):
            if not unit:
                continue
            for part in ([r"\s+"] if unit.isspace() else [re.escape(ch) for ch in unit]):
                node = node.setdefault(part, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [k + build(v) for k, v in sorted(node.items(), key=lambda kv: kv[0], reverse=True) if k != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return build(trie) or r"(?!x)x"


def _load_yaml(path: Path, what: str) -> dict[str, Any]:
    from helpers.core.yamlio import load_yaml_mapping

    if not path.exists():
        raise CourseInputError(path, f"{what} not found", "restore it from the repository")
    return load_yaml_mapping(path, what=what)


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


@functools.lru_cache(maxsize=4)
def load_actor_cues(path: str | None = None) -> Cues:
    """Read ``data/lexicons/actor_cues.yaml`` (or ``path``)."""
    p = Path(path) if path else lexicons_dir() / "actor_cues.yaml"
    d = _load_yaml(p, "actor cue lexicon")
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
    )


@functools.lru_cache(maxsize=4)
def load_relation_cues(path: str | None = None) -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """Read ``data/lexicons/relation_cues.yaml``: one regex, and each matched form -> (headword, kind)."""
    p = Path(path) if path else lexicons_dir() / "relation_cues.yaml"
    d = _load_yaml(p, "relation cue lexicon")
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


# -- states from the packages ------------------------------------------------------------------

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


@functools.lru_cache(maxsize=1)
def load_states() -> States:
    """States with names (pycountry, pycountryinfo), capitals and demonyms (pycountryinfo)."""
    import importlib.resources as res

    import pycountry

    data = json.loads(res.files("pycountryinfo").joinpath("data/countries.json").read_text("utf-8"))
    cues = load_actor_cues()
    info = {}
    for e in data:
        try:
            codes = eval_literal(e.get("iso_codes"))
            info[codes["alpha_2"]] = e
        except Exception:
            continue
    names: dict[str, str] = {}
    weight: dict[str, float] = {}
    term_map: dict[tuple[str, str], tuple[float, str]] = {}

    def add(term: str, code: str, how: str):
        term = term.strip()
        if term.lower().startswith("the "):
            term = term[4:]
        if not term or not _ascii_name(term):
            return
        w = weight.get(code, 0.0)
        key = (term, how)
        if key not in term_map or term_map[key][0] < w:
            term_map[key] = (w, code)

    for c in pycountry.countries:
        code = c.alpha_2
        e = info.get(code, {})
        try:
            pop = float(e.get("population") or 0)
        except ValueError:
            pop = 0.0
        weight[code] = pop * (10 if str(e.get("independent")) == "True" else 1)
        common = e.get("common_name") or getattr(c, "common_name", None) or c.name
        names[code] = common
    for c in pycountry.countries:
        code = c.alpha_2
        e = info.get(code, {})
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                  e.get("common_name"), e.get("official_name")):
            if n:
                add(n, code, "name")
        try:
            alts = eval_literal(e.get("alt_spellings")) or []
        except Exception:
            alts = []
        for a in alts:
            # ISO codes are not names ("AZ"), but other abbreviations in use are ("UK", "USA")
            if a in (c.alpha_2, c.alpha_3) or len(a) < 2 or (len(a) < 3 and not a.isupper()):
                continue
            add(a, code, "name")
        for part in str(e.get("capital") or "").split(","):
            part = part.strip()
            if part and part != names[code] and part != "D.C." and part.count(" ") <= 2:
                add(part, code, "metonymy")
        for dem in str(e.get("nationality") or "").split(","):
            dem = dem.strip()
            if dem:
                add(dem, code, "demonym")
                if dem[-1] in "ni":
                    add(dem + "s", code, "demonym")
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


def eval_literal(value):
    """pycountryinfo stores lists and dicts as Python literals in strings."""
    import ast

    if value is None or isinstance(value, (list, dict)):
        return value
    return ast.literal_eval(value)


# -- overrides ---------------------------------------------------------------------------------

def load_overrides(source: dict | str | Path | None) -> dict[str, Any]:
    """Normalise per-article overrides ``{actors: [{name, type, aliases}], ignore: [strings]}``."""
    path: Path | str = "<overrides>"
    if source is None:
        return {"actors": [], "ignore": []}
    if isinstance(source, (str, Path)):
        path = Path(source)
        data = _load_yaml(path, "actor overrides")
    elif isinstance(source, dict):
        data = source
    else:
        raise CourseInputError(None, f"overrides must be a mapping or a path, not {type(source).__name__}",
                               "pass {'actors': [...], 'ignore': [...]} or the path of an actors.yaml")
    lines = _item_lines(path, "actors") if isinstance(path, Path) else {}
    actors = []
    items = data.get("actors") or []
    if not isinstance(items, list):
        raise CourseInputError(path, "'actors' must be a list", "write 'actors:' and then '- {name: …}' lines")
    for i, a in enumerate(items, start=1):
        line = lines.get(i - 1)
        if not isinstance(a, dict) or not a.get("name"):
            raise CourseInputError(path, f"actor {i} has no 'name'", "write '- {name: …, type: …, aliases: […]}'",
                                   line=line)
        typ = a.get("type", "organization")
        if typ not in ACTOR_TYPES:
            raise CourseInputError(path, f"actor '{a['name']}' has type '{typ}'",
                                   f"use one of {', '.join(ACTOR_TYPES)}", line=line)
        aliases = a.get("aliases") or [a["name"]]
        if not isinstance(aliases, list):
            raise CourseInputError(path, f"aliases of '{a['name']}' must be a list", "write 'aliases: [a, b]'",
                                   line=line)
        actors.append({"name": str(a["name"]), "type": typ, "aliases": [str(x) for x in aliases]})
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list):
        raise CourseInputError(path, "'ignore' must be a list of strings", "write 'ignore: [Sochi]'")
    return {"actors": actors, "ignore": [str(x) for x in ignore]}


def _item_lines(path: Path, key: str) -> dict[int, int]:
    """The line (from 1) of each item of the list under ``key`` in a YAML file."""
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    for k, v in root.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return {i: item.start_mark.line + 1 for i, item in enumerate(v.value)}
    return {}


# -- tokenising --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=8)
def _gazetteer_matcher(nlp):
    from spacy.matcher import PhraseMatcher

    states = load_states()
    cues = load_actor_cues()
    m = PhraseMatcher(nlp.vocab, attr="ORTH")
    groups: dict[str, list[str]] = {}
    for t in states.terms:
        groups.setdefault(f"S|{t.code}|{t.how}", []).append(t.term)
    for name, typ, aliases in cues.groups:
        groups.setdefault(f"G|{typ}|{name}", []).extend(
            list(aliases) + [a[0].upper() + a[1:] for a in aliases if a[:1].islower()])
    for name, aliases in cues.organizations:
        groups.setdefault(f"O|organization|{name}", []).extend(aliases)
    for key, terms in groups.items():
        m.add(key, list(nlp.tokenizer.pipe(sorted(set(terms)))))
    return m


# -- the analysis ------------------------------------------------------------------------------

_TOKEN = r"[A-Z][\w.]*(?<!\.)(?:-[A-Z][\w]*)*|[A-Z](?:\.[A-Z])+\."
#: lower-case name particles inside a person's name ("Anna de Vries", "Ludwig van Beethoven")
_PARTICLES = r"(?:de|van|von|der|den|da|di|du|la|le|al|bin|ibn|ter|zu|dos|das)"
_OF_RUN_RE = re.compile(
    rf"(?<![\w-])(?:{_TOKEN})(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|(?:{_PARTICLES}[ \t]+){{1,2}})?(?:{_TOKEN}))*")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_CITE_RE = re.compile(
    rf"\((?:see\s+(?:also\s+)?)?(?P<name>[A-Z][^(),;:]{{0,60}}?),\s+(?:(?:\d{{1,2}}\s+)?(?:{_MONTHS})\b|\d{{4}})"
    rf"|\((?:Photo|Source|Image|Credit|Picture)s?:\s*(?P<credit>[A-Z][^()]{{0,60}}?)\)")
_QUOTE_RE = re.compile(r"“([^“”]{1,600})”|\"([^\"\n]{1,600})\"")
_LEADING_STOP = {"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "for", "but",
                 "and", "or", "if", "when", "while", "since", "as", "yet", "so", "meanwhile", "indeed",
                 "perhaps", "rather", "moreover", "however", "nothing", "not", "for", "after", "before",
                 "with", "without", "by", "from", "to", "of", "his", "her", "its", "their", "our", "my",
                 "some", "many", "such", "all", "both", "each", "every", "no", "there", "here", "it",
                 "he", "she", "they", "we", "i", "you", "what", "who", "which", "where", "how", "why",
                 "then", "now", "also", "even", "still", "though", "although", "because", "unless",
                 "until", "once", "mr", "mrs", "ms", "dr", "noting", "according", "other", "others",
                 "nobody", "everybody", "somebody", "anyone", "everyone", "someone", "none", "few",
                 "most", "several", "one", "two", "three", "officials", "critics", "observers"}
_LEADING_STOP_TITLE = frozenset(w.capitalize() for w in _LEADING_STOP)
_REPORT_AFTER_RE = re.compile(
    r"^,?\s+(?:\w+ly\s+|further\s+|also\s+|then\s+)?(?:said|says|told|tells|writes|wrote|notes|noted|observes|observed|"
    r"asserted|asserts|argued|argues|added|adds|claimed|claims|warned|warns|believes|implies|stated|declared|insisted)\b")


@dataclass
class _Cand:
    start: int
    end: int
    text: str
    type: str        # an actor type, or "place" / "skip"
    key: str         # canonical name (for states) or the name as written
    how: str
    prio: int        # lower wins a tie in length
    info: dict = field(default_factory=dict)


def extract_actors(article, overrides=None, *, nlp=None) -> ActorAnalysis:
    """Find the actors of ``article`` with their mentions, the places, and the relations.

    ``overrides``: a dict or the path of an ``actors.yaml``; by default the article pack's
    ``data/annotations/<article.id>/actors.yaml`` when it exists.
    """
    from helpers.model.nlp import get_nlp

    nlp = nlp if nlp is not None and not isinstance(nlp, (str, Path)) else get_nlp(nlp)
    ov = load_overrides(overrides if overrides is not None else load_pack(article).overrides_path())
    states = load_states()
    cues = load_actor_cues()
    text = article.text
    ignore = {s.lower() for s in ov["ignore"]}

    # the units we read: body paragraphs, and the caption when its text is in the file
    units: list[tuple[int, int, int, list]] = []     # (paragraph, start, end, sentences)
    cap = _caption_span(article)
    if cap:
        units.append((0, cap[0], cap[1], [(CAPTION_SENTENCE, cap[0], cap[1])]))
    for p in article.paragraphs:
        units.append((p.number, p.start, p.end, [(s.id, s.start, s.end) for s in p.sentences]))
    docs = list(nlp.tokenizer.pipe(text[a:b] for _, a, b, _ in units))

    # outlets named in citations anywhere in the article
    outlets = set()
    cited: list[tuple[int, int]] = []
    for m in _CITE_RE.finditer(text):
        cited.append((m.start(), m.end()))
        name = (m.group("name") or m.group("credit") or "").strip()
        name = re.sub(r"\s+(?:Photos?|Images?|Pictures?)$", "", name)
        if name and not any(ch.isdigit() for ch in name):
            outlets.add(name)

    matcher = _gazetteer_matcher(nlp)
    extra = None
    if ov["actors"]:
        from spacy.matcher import PhraseMatcher
        extra = PhraseMatcher(nlp.vocab, attr="ORTH")
        for i, a in enumerate(ov["actors"]):
            extra.add(f"X|{i}", list(nlp.tokenizer.pipe(a["aliases"] + [a["name"]])))

    cands: list[_Cand] = []
    runs_all: list[tuple[int, int, int]] = []        # (unit index, start, end) of capitalised runs
    for ui, ((pnum, a, b, _), doc) in enumerate(zip(units, docs)):
        strings = nlp.vocab.strings
        for match_id, s, e in matcher(doc):
            kind, x, y = strings[match_id].split("|", 2)
            last = doc[e - 1]
            cs, ce = a + doc[s].idx, a + last.idx + len(last)
            mt = text[cs:ce]
            if kind == "S":
                cands.append(_Cand(cs, ce, mt, "state", states.names.get(x, x), y, 1, {"code": x}))
            elif kind == "G":
                cands.append(_Cand(cs, ce, mt, x, y, "name", 1))
            else:
                cands.append(_Cand(cs, ce, mt, "organization", y, "name", 1))
        if extra is not None:
            for match_id, s, e in extra(doc):
                i = int(nlp.vocab.strings[match_id].split("|")[1])
                act = ov["actors"][i]
                span = doc[s:e]
                cands.append(_Cand(a + span.start_char, a + span.end_char, span.text, act["type"],
                                   act["name"], "override", 0))
        for m in _OF_RUN_RE.finditer(text, a, b):
            runs_all.append((ui, m.start(), m.end()))

    title_quotes = _title_case_quotes(text, units)
    lone_tokens = {text[rs:re_] for _, rs, re_ in runs_all if " " not in text[rs:re_]}
    skip_single = states.codes.keys() | _LEADING_STOP_TITLE
    eponym = cues.eponym_following
    for ui, rs, re_ in runs_all:
        word = text[rs:re_]
        if word in skip_single and not text.startswith(eponym, re_):
            continue                  # fast path: a state term (the gazetteer has it) or a function word
        cands.extend(_classify_run(text, ui, rs, re_, units, states, cues, outlets, title_quotes, lone_tokens))

    # longest wins; ties go to the lower priority number
    cands = [c for c in cands if c.text.lower() not in ignore and c.key.lower() not in ignore]
    chosen = _resolve(cands)

    # sentence lookup
    sent_index: list[tuple[int, int, str, int]] = []
    for pnum, _, _, sents in units:
        for sid, s, e in sents:
            sent_index.append((s, e, sid, pnum))
    sent_index.sort()
    starts = [s for s, _, _, _ in sent_index]

    def where(offset: int) -> tuple[str, int]:
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and sent_index[i][0] <= offset < max(sent_index[i][1], sent_index[i][0] + 1):
            return sent_index[i][2], sent_index[i][3]
        if i >= 0:
            return sent_index[i][2], sent_index[i][3]
        return sent_index[0][2], sent_index[0][3]

    # places: literal uses of capitals, and names marked as places
    places: list[Mention] = []
    mentions: list[_Cand] = []
    for c in chosen:
        if c.type == "state" and c.how == "metonymy" and c.text in states.capitals:
            before = text[max(0, c.start - 30):c.start]
            after = text[c.end:c.end + 8]
            w = re.search(r"(\w+)\s+$", before)
            if after.startswith(cues.place_following) or (w and w.group(1).lower() in cues.locatives):
                c.type = "place"
        if c.type == "place":
            sid, pnum = where(c.start)
            places.append(Mention(c.text + _hyphen_tail(text, c.end, cues), c.start,
                                  c.end + len(_hyphen_tail(text, c.end, cues)), sid, pnum, "name"))
        elif c.type != "skip":
            mentions.append(c)

    # people: group full names and later bare surnames
    located: list[_Cand] = []
    actors = _assemble(mentions, text, states, cues, where, located)
    for c in located:
        sid, pnum = where(c.start)
        places.append(Mention(c.text, c.start, c.end, sid, pnum, "name"))
    _add_acronyms(actors, text, units, where, ignore)
    _add_role_mentions(actors, text, units, states, cues, where, ignore)
    for a in actors.values():
        a.mentions.sort(key=lambda m: m.start)
    result = [a for a in actors.values() if any(m.paragraph > 0 for m in a.mentions) or a.mentions]
    result.sort(key=lambda a: a.mentions[0].start)
    for a in result:
        seen = []
        for m in a.mentions:
            alias = m.text
            if alias not in seen:
                seen.append(alias)
        a.aliases = seen
    relations = _relations(result, units, text, cited)
    places.sort(key=lambda m: m.start)
    return ActorAnalysis(actors=result, relations=relations, places=places)


def _caption_span(article) -> tuple[int, int] | None:
    if article.caption_span:
        return tuple(article.caption_span)
    if article.caption:
        i = article.text.find(str(article.caption))
        if i >= 0:
            return (i, i + len(str(article.caption)))
    return None


def _hyphen_tail(text: str, end: int, cues: Cues) -> str:
    for f in cues.place_following:
        if text.startswith(f, end):
            return f
    return ""


def _title_case_quotes(text: str, units) -> list[tuple[int, int]]:
    """Spans of quotations whose words are mostly capitalised: titles, read as titles."""
    spans = []
    for _, a, b, _ in units:
        for m in _QUOTE_RE.finditer(text, a, b):
            inner = m.group(1) or m.group(2) or ""
            words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", inner) if len(w) > 3]
            if len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.6:
                spans.append((m.start(), m.end()))
    return spans


def _inside(spans, start, end) -> bool:
    """Is [start, end) inside one of the sorted, non-overlapping spans?"""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


_CALENDAR = frozenset("January February March April May June July August September October November December "
                      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


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
    return not before or before[-1] in ".!?:—\n"


def _split_tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _classify_run(text, ui, rs, re_, units, states: States, cues: Cues, outlets, title_quotes, lone):
    """Candidates from one capitalised run (organizations, outlets, polities, people, eponyms)."""
    pnum, ua, ub, _ = units[ui]
    if re_ - rs > 300:
        return []                     # a run of capitalised words this long is shouting or a heading, not a name
    toks = _split_tokens(text, rs, re_)
    # drop leading stop words and determiners ("The New Era", "In Gdynia")
    i = 0
    while i < len(toks) and text[toks[i][0]:toks[i][1]].lower() in _LEADING_STOP:
        i += 1
    j = len(toks)
    while j > i and text[toks[j - 1][0]:toks[j - 1][1]] in ("of", "the"):
        j -= 1
    toks = toks[i:j]
    if not toks:
        return []
    out: list[_Cand] = []
    s, e = toks[0][0], toks[-1][1]
    words = [text[a:b] for a, b in toks]
    name = text[s:e]
    after = text[e:e + 12]
    if after.startswith(cues.eponym_following):
        # "a Steinmeier-type arrangement": an eponym, never an actor
        return [_Cand(s, e + len(after.split()[0]) if after.split() else e, name, "skip", name, "name", -1)]
    if after.startswith(cues.place_following):
        return [_Cand(s, e, name, "place", name, "name", 2)]
    if len(words) == 1 and (words[0] in states.codes or words[0] in _LEADING_STOP_TITLE):
        return []                     # a state term (the gazetteer has it) or a function word
    in_title = _inside(title_quotes, s, e)
    # "of" joins only names of organizations ("Ministry of Defence"); otherwise split
    if "of" in words:
        i = words.index("of")
        head = words[i - 1] if i > 0 else ""
        if head in cues.non_actor_suffixes:
            # "Gulf of Finland": a sea, not Finland
            return [_Cand(s, e, name, "skip", name, "name", 3)]
        if head not in cues.org_suffixes and head not in cues.polity_suffixes:
            left = toks[:i]
            j = i + 1
            if j < len(toks) and words[j] == "the":
                j += 1
            right = toks[j:]
            res = []
            for part in (left, right):
                if part:
                    res.extend(_classify_run(text, ui, part[0][0], part[-1][1], units, states, cues,
                                             outlets, title_quotes, lone))
            return res
    last = words[-1]
    before = text[max(ua, s - 40):s]
    if name in outlets:
        return [_Cand(s, e, name, "media", name, "name", 1)]
    tail = before.split()[-2:]
    if (tail and (tail[-1].lower() in cues.media_cues or " ".join(tail).lower() in cues.media_cues)
            and before[-1:].isspace()) \
            or (last in cues.media_suffixes and len(words) >= 2):
        return [_Cand(s, e, name, "media", name, "name", 2)]
    if in_title:
        return []
    if last in cues.org_suffixes and len(words) >= 2:
        return [_Cand(s, e, name, "organization", name, "name", 2)]
    if last in cues.polity_suffixes and len(words) >= 2:
        return [_Cand(s, e, name, "state", name, "name", 2)]
    located = _after_locative(text, ua, s, cues) and not any(w in _CALENDAR for w in words)
    if last in cues.non_actor_suffixes or words[0] in cues.place_prefixes:
        if len(words) >= 2:
            return [_Cand(s, e, name, "place" if located else "skip", name, "name", 3)]
    # people: the trailing words that are neither state terms nor role words
    gaz = states.codes
    k = len(words)
    while k > 0 and words[k - 1] not in gaz and words[k - 1].lower() not in cues.roles \
            and words[k - 1].lower() not in _LEADING_STOP:
        k -= 1
    name_toks = toks[k:]
    # "European Commission President Ursula von der Leyen": the organization before the role word
    if 0 < k < len(words) and words[k - 1].lower() in cues.roles:
        j = k - 1
        while j > 0 and words[j - 1].lower() in cues.roles:
            j -= 1
        if j >= 2 and words[j - 1] in cues.org_suffixes:
            out.append(_Cand(toks[0][0], toks[j - 1][1], text[toks[0][0]:toks[j - 1][1]], "organization",
                             text[toks[0][0]:toks[j - 1][1]], "name", 2))
    if not name_toks or len(name_toks) > 6:
        return out
    ns, ne = name_toks[0][0], name_toks[-1][1]
    pname = text[ns:ne]
    pwords = words[k:]
    if any(w.isupper() and len(w) > 1 for w in pwords) or any(w in cues.org_suffixes | cues.media_suffixes
                                                                  | cues.non_actor_suffixes for w in pwords):
        return out
    role = _role_before(text, ua, ns, states, cues)
    appos = _appositive(text, ne, ub, cues)
    reports = bool(_REPORT_AFTER_RE.match(text[ne:ne + 40]))
    reused = len(pwords) >= 2 and pwords[-1] in lone
    at_start = _sentence_start(text, ns, ua) and k == 0 and len(pwords) == 1
    evidence = []
    if role:
        evidence.append("role")
    if appos:
        evidence.append("appositive")
    if reports:
        evidence.append("reporting verb")
    if reused:
        evidence.append("surname used alone")
    if len(pwords) == 1 and not role and not reports:
        # a single word is a person only with a role word before it or a reporting verb after
        # (kept only if it is the surname of a full name found elsewhere)
        if located and k == 0:
            # "in Sochi", "in Gdynia": a place (unless it is the surname of a person found elsewhere)
            return [_Cand(ns, ne, pname, "person?", pname, "alias", 4, {"at_start": at_start, "place": True})]
        return [_Cand(ns, ne, pname, "person?", pname, "alias", 4, {"at_start": at_start})]
    if not evidence:
        if located and k == 0:
            out.append(_Cand(ns, ne, pname, "place", pname, "name", 3))
        return out
    info = {"role": (role or appos or {}).get("role"), "family": (role or appos or {}).get("family"),
            "nationality": (role or {}).get("nationality") or (appos or {}).get("nationality"),
            "outlet": (appos or {}).get("outlet") or (role or {}).get("outlet"), "evidence": evidence}
    out.append(_Cand(ns, ne, pname, "person", pname, "name", 2, info))
    return out


def _role_regex(cues: Cues) -> str:
    return trie_pattern(cues.roles)


@functools.lru_cache(maxsize=4)
def _role_before_re(cues: Cues) -> re.Pattern:
    states = load_states()
    dem = trie_pattern(states.demonyms)
    return re.compile(
        rf"(?:(?P<dem>{dem})\s+|(?P<poss>[A-Z][\w]*)[’']s\s+)?(?:(?P<based>[A-Z][\w]*)-based\s+)?(?:[A-Za-z][\w-]*\s+){{0,2}}?"
        rf"(?P<role>{_role_regex(cues)}),?\s+(?:of\s+(?:the\s+)?(?P<of>[A-Z][\w]*(?:\s+[A-Z][\w]*)*)\s+)?$",
        re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _role_words(cues: Cues) -> frozenset[str]:
    return frozenset(r.split()[-1] for r in cues.roles)


def _role_before(text, lo, ns, states: States, cues: Cues) -> dict | None:
    before = text[max(lo, ns - 90):ns]
    # quick test: a role word among the last words ("President of Azerbaijan Ilham")
    tail = before.split()[-5:]
    words = _role_words(cues)
    if not any(w.strip(",;:()").lower() in words for w in tail):
        return None
    m = _role_before_re(cues).search(before)
    if not m:
        return None
    role = " ".join(m.group("role").lower().split())
    nat = None
    if m.group("dem") and m.group("dem")[0].isupper():
        nat = states.demonyms.get(m.group("dem"))
    if not nat and m.group("poss"):
        nat = _code_of(m.group("poss"), states)
    if not nat and m.group("based"):
        nat = _code_of(m.group("based"), states)
    if not nat and m.group("of"):
        nat = _code_of(m.group("of"), states)
    # the role word must be next to the name: not "the editor of the portal … X"
    return {"role": role, "family": cues.roles.get(role), "nationality": nat}


def _code_of(term: str, states: States) -> str | None:
    return states.codes.get(term)


@functools.lru_cache(maxsize=4)
def _appositive_re(cues: Cues) -> re.Pattern:
    return re.compile(rf"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?P<role>{_role_regex(cues)})\b"
                      r"(?P<rest>[^,;.()]{0,80})", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _media_name_re(cues: Cues) -> re.Pattern:
    return re.compile(r"(?:" + "|".join(map(re.escape, cues.media_cues)) + r")\s+((?:[A-Z][\w]*\s?)+)")


def _appositive(text, ne, ub, cues: Cues) -> dict | None:
    m = _appositive_re(cues).match(text[ne:min(ub, ne + 200)])
    if not m:
        return None
    role = " ".join(m.group("role").lower().split())
    rest = m.group("rest")
    outlet = None
    om = _media_name_re(cues).search(rest)
    if om:
        outlet = om.group(1).strip()
    return {"role": role, "family": cues.roles.get(role), "nationality": None, "outlet": outlet}


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    starts: list[int] = []          # sorted, non-overlapping accepted spans
    ends: list[int] = []
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.prio, c.start)):
        i = bisect.bisect_left(starts, c.start)
        if i < len(starts) and starts[i] < c.end:
            continue
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _assemble(mentions: list[_Cand], text, states: States, cues: Cues, where,
              places_out: list[_Cand]) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    people: dict[str, dict] = {}          # full name -> info
    for c in mentions:
        if c.type == "person":
            info = people.setdefault(c.key, {"role": None, "family": None, "nationality": None, "outlet": None})
            for k in ("role", "family", "nationality", "outlet"):
                if c.info.get(k) and not info.get(k):
                    info[k] = c.info[k]
    # nationality from the nearest state named just before the name in the same sentence
    prev = None
    for c in mentions:                  # in text order
        if c.type == "state":
            prev = c
        elif c.type.startswith("person"):
            if c.type == "person" and not people[c.key]["nationality"] and prev is not None \
                    and c.start - prev.end <= 25 and where(prev.start)[0] == where(c.start)[0]:
                people[c.key]["nationality"] = prev.info.get("code")
            prev = None
    surnames: dict[str, str] = {}
    for full in people:
        parts = full.split()
        if len(parts) >= 2:
            surnames.setdefault(parts[-1], full)
    last_full: dict[str, str] = {}
    for single in [k for k in people if k in surnames]:
        del people[single]
    # organizations that share a distinctive first word are one ("Valdai Conference", "Valdai Club")
    gaz = states.codes
    by_first: dict[str, set[str]] = {}
    for c in mentions:
        if c.type == "organization" and c.how != "override" and " " in c.key:
            first = c.key.split()[0]
            if not (first in gaz or first in cues.place_prefixes or first.lower() in _LEADING_STOP):
                by_first.setdefault(first, set()).add(c.key)
    org_canon: dict[str, str] = {}
    for same in by_first.values():
        canon = max(same, key=lambda x: (len(x.split()), x))
        for o in same:
            org_canon[o] = canon
    for c in mentions:
        typ, key, how = c.type, c.key, c.how
        if typ == "person" and c.key in people:
            last_full[c.key.split()[-1]] = c.key
        if typ == "person" and c.key in surnames:
            typ, key, how = "person", last_full.get(c.key, surnames[c.key]), "alias"
        elif typ == "person?":
            if c.info.get("place") and c.text not in surnames and c.text not in people:
                places_out.append(c)
                continue
            if c.text in surnames:
                # the full name with this surname mentioned last ("Heydar Aliyev" … "Aliyev")
                typ, key, how = "person", last_full.get(c.text, surnames[c.text]), "alias"
            elif c.text in people:
                typ, key, how = "person", c.text, "name"
            else:
                continue
        if typ == "organization" and how != "override":
            key = org_canon.get(key, key)
            if key != c.text:
                how = "alias"
        if typ == "state" and c.how == "name" and c.info.get("code") and c.text != key:
            how = "alias"
        sid, pnum = where(c.start)
        act = actors.get(key)
        if act is None:
            act = actors[key] = Actor(name=key, type=typ, aliases=[], mentions=[])
            if typ == "person":
                act._info = people.get(key, {})  # type: ignore[attr-defined]
        mtext = c.text
        if how == "metonymy" and text[max(0, c.start - 4):c.start].lower() == "the " and c.text in cues.seats:
            mtext = text[c.start - 4:c.end]
            act.mentions.append(Mention(mtext, c.start - 4, c.end, sid, pnum, how))
            continue
        act.mentions.append(Mention(mtext, c.start, c.end, sid, pnum, how))
    for act in actors.values():
        if act.type == "person" and not hasattr(act, "_info"):
            act._info = people.get(act.name, {})  # type: ignore[attr-defined]
    return actors


_ACRONYM_RE = re.compile(r"\s*\((?P<acr>[A-Z][A-Z&.-]{1,9})\)")


def _add_acronyms(actors: dict[str, Actor], text, units, where, ignore):
    """An organization introduced as "Nordic Freight Institute (NFI)" is "NFI" from then on."""
    taken = sorted((m.start, m.end) for a in actors.values() for m in a.mentions)
    for act in list(actors.values()):
        if act.type not in ("organization", "media", "group"):
            continue
        for m in list(act.mentions):
            am = _ACRONYM_RE.match(text, m.end)
            if not am or am.group("acr").lower() in ignore:
                continue
            acr = am.group("acr")
            rx = re.compile(rf"(?<![\w-]){re.escape(acr)}(?![\w-])")
            for _, a, b, _ in units:
                for x in rx.finditer(text, a, b):
                    if x.start() < am.start():
                        continue
                    i = bisect.bisect_right(taken, (x.start(), float("inf"))) - 1
                    if i >= 0 and taken[i][1] > x.start():
                        continue
                    sid, pn = where(x.start())
                    act.mentions.append(Mention(acr, x.start(), x.end(), sid, pn, "alias"))
                    bisect.insort(taken, (x.start(), x.end()))
            break


@functools.lru_cache(maxsize=4)
def _role_phrase_re(cues: Cues) -> re.Pattern:
    states = load_states()
    dem = trie_pattern(states.demonyms)
    return re.compile(
        r"\b(?P<det>[Tt]he)\s+(?:(?:new|former|current|then|incumbent|outgoing|late|same|latter|veteran)\s+)?"
        rf"(?:(?P<mod>{dem}|[A-Z][\w]*(?:\s+[A-Z][\w]*){{0,3}}|[A-Z][\w]*-based)\s+)?"
        rf"(?:(?P<adj>[a-z][\w-]*)\s+)?(?P<role>{_role_regex(cues)})\b(?!-)")


def _add_role_mentions(actors: dict[str, Actor], text, units, states: States, cues: Cues, where, ignore):
    """Role phrases ("the Azerbaijani president", "The New Era editor") resolved to a person
    mentioned before them with a compatible role family and nationality or outlet."""
    rx = _role_phrase_re(cues)
    people = [a for a in actors.values() if a.type == "person"]
    orgs = [a for a in actors.values() if a.type == "organization"]
    media_names = {a.name: a for a in actors.values() if a.type == "media"}
    starts_of = {p.name: sorted(m.start for m in p.mentions) for p in people}
    added: list[tuple[Actor, Mention, list]] = []
    for pnum, a, b, _ in units:
        for m in rx.finditer(text, a, b):
            role = " ".join(m.group("role").lower().split())
            if m.group("adj") and f"{m.group('adj')} {role}" in cues.roles:
                role = f"{m.group('adj')} {role}"
            family = cues.roles.get(role)
            mod = m.group("mod")
            nat = outlet = None
            if mod:
                if mod in states.demonyms:
                    nat = states.demonyms[mod]
                elif mod.endswith("-based"):
                    nat = _code_of(mod[:-6], states)
                elif mod in media_names:
                    outlet = mod
                else:
                    code = _code_of(mod, states)
                    if code:
                        nat = code
                    else:
                        continue        # "The Strategy editor": an unknown word, not a role phrase
            s, e = m.start(), m.end()
            # not a person's own introduction ("President Ilham Aliyev")
            if re.match(r"\s+[A-Z][a-z]", text[e:e + 3]) and not re.match(r"\s+(?:The|In|On)\b", text[e:e + 4]):
                nxt = re.match(r"\s+([A-Z]\w+)", text[e:e + 40])
                if nxt and any(nxt.group(1) in p.name.split() for p in people):
                    continue
            if m.group(0).lower() in ignore:
                continue
            best = None
            best_key = (-1, -1)
            for p in people:
                info = getattr(p, "_info", {})
                st = starts_of[p.name]
                i = bisect.bisect_left(st, s)
                if i == 0:
                    continue
                last_before = st[i - 1]
                pfam, pnat, pout = info.get("family"), info.get("nationality"), info.get("outlet")
                if outlet:
                    ok = pout == outlet
                else:
                    fam_ok = (pfam == family) if pfam else None
                    nat_ok = (pnat == nat) if (nat and pnat) else None
                    if fam_ok is False or nat_ok is False:
                        ok = False
                    elif fam_ok:
                        ok = True
                    else:
                        ok = bool(nat_ok)     # unknown role: only a matching nationality
                if not ok:
                    continue
                # the same role word ("minister" for a "foreign minister") beats the same family
                prole = info.get("role") or ""
                level = 2 if (prole == role or prole.endswith(" " + role)) else 1
                key = (level, last_before)
                if key > best_key:
                    best, best_key = p, key
            if best is None:
                continue
            sid, pn = where(s)
            mention = Mention(text[s:e], s, e, sid, pn, "role")
            best.mentions.append(mention)
            bisect.insort(starts_of[best.name], s)
            added.append((best, mention, [s, e]))
        # "the secretariat": an organization named before by its last word
        for o in orgs:
            word = o.name.split()[-1].lower()
            if len(o.name.split()) < 2:
                continue
            first = min(x.start for x in o.mentions)
            for m in re.finditer(rf"\b[Tt]he\s+{re.escape(word)}\b", text[a:b]):
                s, e = a + m.start(), a + m.end()
                if s <= first:
                    continue
                sid, pn = where(s)
                o.mentions.append(Mention(text[s:e], s, e, sid, pn, "role"))
                added.append((o, o.mentions[-1], [s, e]))
    # a role phrase is longer than the demonym inside it: drop those demonym mentions
    if added:
        spans = sorted((s, e) for _, _, (s, e) in added)
        ss = [s for s, _ in spans]
        keep = {id(m) for _, m, _ in added}

        def covered(x) -> bool:
            i = bisect.bisect_right(ss, x.start) - 1
            return i >= 0 and spans[i][0] <= x.start and x.end <= spans[i][1] and (x.end - x.start) < (spans[i][1] - spans[i][0])

        for act in actors.values():
            act.mentions = [x for x in act.mentions if id(x) in keep or not covered(x)]
    for k in [k for k, a in actors.items() if not a.mentions]:
        del actors[k]


def _relations(actors: list[Actor], units, text, cited: list[tuple[int, int]]) -> list[Relation]:
    """Co-mentions per sentence, and signed ties from the cue lexicon.

    Mentions inside a parenthetical citation ("(see EDM, July 19, 2016)") take no part. A cue
    ties "between A and B" when the sentence says so; otherwise the nearest actor before the
    cue and the nearest after it in the same clause (or, with none after, the two named just
    before it: "Russia and Azerbaijan are now cooperating").
    """
    rx, forms = load_relation_cues()
    by_sentence: dict[str, list[tuple[Mention, Actor]]] = {}
    for a in actors:
        for m in a.mentions:
            if cited and _inside(cited, m.start, m.end):
                continue
            by_sentence.setdefault(m.sentence_id, []).append((m, a))
    sentences = {sid: (s, e) for _, _, _, sents in units for sid, s, e in sents}
    out: list[Relation] = []
    for sid, ms in by_sentence.items():
        s, e = sentences.get(sid, (0, 0))
        stext = text[s:e]
        ms.sort(key=lambda x: x[0].start)
        names: list[str] = []
        for _, a in ms:
            if a.name not in names:
                names.append(a.name)
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                out.append(Relation(names[i], names[j], "co-mention", sid, None, stext))
        if len(names) < 2:
            continue
        for cm in rx.finditer(text, s, e):
            kind = forms[" ".join(cm.group(0).lower().split())][1]
            pair = _cue_pair(text, ms, cm.start(), cm.end())
            if pair:
                first, second = sorted(pair, key=names.index)
                out.append(Relation(first, second, kind, sid, cm.group(0), stext))
    order = {sid: i for i, (sid, _) in enumerate(sorted(sentences.items(), key=lambda kv: kv[1][0]))}
    out.sort(key=lambda r: (order.get(r.sentence_id, 0), r.kind != "co-mention"))
    return out


_CLAUSE_BREAK_RE = re.compile(r"[;:—–]|,\s+(?:but|while|whereas|although|though|yet)\b|\)")


def _cue_pair(text: str, ms, cs: int, ce: int) -> tuple[str, str] | None:
    """The two actors a relation cue at [cs, ce) ties, or None."""
    # "between A and B": the nearest such pair, preferring one after the cue
    between = []
    for i, (m, a) in enumerate(ms):
        if i + 1 < len(ms) and re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, m.start - 14):m.start]):
            m2, b = ms[i + 1]
            if a.name != b.name and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[m.end:m2.start]):
                dist = m.start - ce if m.start >= ce else (cs - m2.end) + 0.5
                if dist <= 120:
                    between.append((dist, a.name, b.name))
    if between:
        _, x, y = min(between)
        return x, y
    before = [(m, a) for m, a in ms if m.end <= cs and cs - m.end <= 120
              and not _CLAUSE_BREAK_RE.search(text, m.end, cs)]
    after = [(m, a) for m, a in ms if m.start >= ce and m.start - ce <= 120
             and not _CLAUSE_BREAK_RE.search(text, ce, m.start)]
    if before and after:
        a, b = before[-1][1].name, after[0][1].name
        if a != b:
            return a, b
        rest = [x[1].name for x in after if x[1].name != a] + [x[1].name for x in reversed(before) if x[1].name != a]
        return (a, rest[0]) if rest else None
    if len(before) >= 2:
        (m1, a1), (m2, a2) = before[-2], before[-1]
        if a1.name != a2.name and re.fullmatch(r"\s+(?:and|or|&)\s+(?:the\s+)?", text[m1.end:m2.start]):
            return a1.name, a2.name
    return None


# -- scoring against an answer key -------------------------------------------------------------

def score_actors(analysis: ActorAnalysis, key: dict) -> dict[str, Any]:
    """Compare with an answer key (``key/actors.yaml`` as a dict): recall, precision, types, aliases.

    Precision and recall follow the rules of ``helpers.analysis.scoring`` (a key actor is found
    when a reported actor has its name or shares an alias with it; reported outlets the key
    does not list are not counted). ``forbidden`` lists reported names or aliases that the
    key's ``not_actors`` forbids.
    """
    wanted = key.get("actors") or []
    score = score_names(analysis.actors, wanted)
    by_name = {a.name: a for a in analysis.actors}
    wrong_type, alias_hits, alias_total = [], 0, 0
    for k in wanted:
        aliases = [fold(x) for x in k.get("aliases") or []]
        alias_total += len(aliases)
        match = by_name.get(score.matches.get(" ".join(str(k["name"]).split())))
        if match is None:
            continue
        got = {fold(x) for x in match.aliases}
        alias_hits += sum(1 for x in aliases if x in got)
        if k.get("type") and k["type"] != match.type:
            wrong_type.append(f"{k['name']}: {match.type} (key: {k['type']})")
    found = score.found
    forbidden_words = {fold(x) for x in key.get("not_actors") or []}
    forbidden = sorted({x for a in analysis.actors for x in [a.name, *a.aliases] if fold(x) in forbidden_words})
    return {
        "recall": score.recall,
        "precision": score.precision,
        "type_accuracy": (len(found) - len(wrong_type)) / len(found) if found else 1.0,
        "alias_recall": alias_hits / alias_total if alias_total else 1.0,
        "missed": score.missed, "wrong_type": wrong_type,
        "unexpected": score.false_positives,
        "forbidden": forbidden,
    }
