"""Argument maps of one article: load, check, lay out, and exchange as Argdown or AIF.

A map lives in the article pack as ``argument.yaml`` (format: ``helpers/schemas/argument.schema.json``):

* ``statements``: ``id``, ``text`` (a paraphrase), ``kind`` (claim | premise | question |
  conclusion), ``voice`` (author | reported, with ``speaker`` | contested, with ``note``),
  ``sentences`` (ids such as ``p5.s1``), optional ``quote`` (words copied exactly from those
  sentences), ``citations`` (raw strings such as ``"(Regnum, October 6)"`` or citation ids ``c3``)
  and ``note``;
* ``relations``: ``from``, ``to``, ``type`` (support | attack), optional ``scheme`` (the id of a
  scheme instance in the pack's ``schemes.yaml``) and ``note``. A relation to a question argues
  for "yes" (support) or "no" (attack).

Argumentation schemes and their critical questions are in ``data/lexicons/schemes.yaml``; an
article's scheme instances, with the status and evidence of each critical question, in the
pack's ``schemes.yaml``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from helpers.core.errors import CourseInputError
from helpers.core.paths import lexicons_dir
from helpers.model.packs import load_pack, pack_file

KINDS = ("claim", "premise", "question", "conclusion")
VOICES = ("author", "reported", "contested")
RELATION_TYPES = ("support", "attack")
CQ_STATUSES = ("open", "answered", "failed")
_CITATION_ID_RE = re.compile(r"^c[1-9][0-9]*$")
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def schema_path() -> Path:
    """The JSON Schema of ``argument.yaml``."""
    return Path(__file__).resolve().parents[1] / "schemas" / "argument.schema.json"


# -- the model ---------------------------------------------------------------------------

@dataclass
class Statement:
    id: str
    text: str
    kind: str
    voice: str
    sentences: list[str]
    speaker: str | None = None
    quote: str | None = None
    citations: list[str] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Relation:
    source: str          # "from" in the YAML
    target: str          # "to" in the YAML
    type: str            # "support" | "attack"
    scheme: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "type": self.type,
                "scheme": self.scheme, "note": self.note}


@dataclass
class ArgumentMap:
    article: str | None
    title: str | None
    statements: list[Statement]
    relations: list[Relation]
    notes: str | None = None
    path: Path | None = None

    def statement(self, statement_id: str) -> Statement:
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.statements]

    def graph(self):
        """A ``networkx.DiGraph``: statements as nodes, relations as edges (premise -> target)."""
        import networkx as nx

        g = nx.DiGraph()
        for s in self.statements:
            g.add_node(s.id, **{k: v for k, v in s.to_dict().items() if k != "id"})
        for r in self.relations:
            g.add_edge(r.source, r.target, type=r.type, scheme=r.scheme, note=r.note)
        return g

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the shape of ``argument.yaml`` (empty optional fields left out)."""
        out: dict[str, Any] = {}
        for key in ("article", "title", "notes"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["statements"] = [{k: v for k, v in s.to_dict().items() if v not in (None, [])}
                             for s in self.statements]
        out["relations"] = [{k: v for k, v in r.to_dict().items() if v is not None}
                            for r in self.relations]
        return out


# -- finding pack files ------------------------------------------------------------------

def _read_yaml(path: Path, what: str) -> tuple[dict[str, Any], str]:
    from helpers.core.fileio import read_text
    from helpers.core.yamlio import load_yaml_mapping

    return load_yaml_mapping(path, what=what), read_text(path, what=what)


def _line_of(text: str | None, item_id: str | None) -> int | None:
    """The line of ``id: <item_id>`` in a YAML text, for error messages."""
    if not text or not item_id:
        return None
    pat = re.compile(r"^\s*(?:-\s*)?id:\s*['\"]?" + re.escape(str(item_id)) + r"['\"]?\s*(?:#.*)?$")
    for number, line in enumerate(text.splitlines(), start=1):
        if pat.match(line):
            return number
    return None


def _relation_line(text: str | None, source: Any, target: Any) -> int | None:
    """The line of a relation ``from: <source>`` … ``to: <target>`` in a YAML text."""
    if not text or not isinstance(source, str):
        return None
    lines = text.splitlines()
    pat_from = re.compile(r"\bfrom:\s*['\"]?" + re.escape(source) + r"['\"]?\s*(?:[,}#]|$)")
    pat_to = re.compile(r"\bto:\s*['\"]?" + re.escape(str(target)) + r"['\"]?\s*(?:[,}#]|$)")
    for number, line in enumerate(lines, start=1):
        if pat_from.search(line) and any(pat_to.search(ln) for ln in lines[number - 1:number + 3]):
            return number
    return None


def _msg(path, problem: str, hint: str | None = None, line: int | None = None) -> str:
    return CourseInputError(path or "argument map", problem, hint, line=line).message


# -- checking ----------------------------------------------------------------------------

def _schema_problem(err, data: dict[str, Any]) -> tuple[str, str, str | None, Any]:
    """(who, problem, hint, item id) for one jsonschema error."""
    path = list(err.absolute_path)
    who, item_id = "argument map", None
    if len(path) >= 2 and path[0] in ("statements", "relations") and isinstance(path[1], int):
        items = data.get(path[0]) or []
        item = items[path[1]] if path[1] < len(items) else None
        if path[0] == "statements":
            item_id = item.get("id") if isinstance(item, dict) else None
            who = f"statement '{item_id}'" if isinstance(item_id, str) and item_id else f"statement number {path[1] + 1}"
        else:
            if isinstance(item, dict):
                who = f"relation {path[1] + 1} ({item.get('from')} -> {item.get('to')})"
            else:
                who = f"relation {path[1] + 1}"
            item_id = ("relation", item.get("from"), item.get("to")) if isinstance(item, dict) else None
    field_name = next((str(p) for p in reversed(path) if isinstance(p, str)), None)
    v, hint = err.validator, None
    if v == "required":
        m = re.search(r"'([^']+)' is a required property", err.message)
        missing = m.group(1) if m else err.message
        if missing == "speaker":
            problem, hint = "voice 'reported' needs a 'speaker'", "name who says it, e.g. 'speaker: Kavkaz Omarov'"
        elif missing == "note":
            problem, hint = "voice 'contested' needs a 'note'", "say in a note why the voice is unclear"
        else:
            problem = f"missing '{missing}'"
            hint = {"text": "give the statement's text", "id": "give it an id such as 'S1'",
                    "sentences": "list the sentence ids it comes from, e.g. [p5.s1]",
                    "kind": "one of: " + ", ".join(KINDS), "voice": "one of: " + ", ".join(VOICES),
                    "from": "name the supporting or attacking statement's id",
                    "to": "name the target statement's id",
                    "type": "one of: " + ", ".join(RELATION_TYPES)}.get(missing)
    elif v == "enum":
        problem = f"'{field_name}' is {err.instance!r}, which is not allowed"
        hint = "use one of: " + ", ".join(map(str, err.validator_value))
    elif v == "additionalProperties":
        problem = f"unknown field ({err.message.split('(')[-1].rstrip(')')})"
        hint = "check the spelling; the allowed fields are in helpers/schemas/argument.schema.json"
    elif v == "pattern":
        if field_name == "sentences":
            problem, hint = f"sentence id {err.instance!r} is not of the form 'p3.s2'", "write paragraph and sentence numbers, e.g. p3.s2"
        else:
            problem, hint = f"'{field_name}' {err.instance!r} is not a valid id", "use letters, digits, '-' or '_', starting with a letter"
    elif v in ("minLength", "minItems"):
        problem = f"'{field_name}' is empty"
    elif v == "type":
        problem = f"'{field_name or 'the map'}' must be {err.validator_value}, not {type(err.instance).__name__}"
    else:
        problem = err.message
    return who, problem, hint, item_id


def validate_argument_map(map_dict: Any, article=None, *, path: str | Path | None = None,
                          text: str | None = None, scheme_ids: Iterable[str] | None = None) -> list[str]:
    """Every problem of an argument map as one-line messages naming the file and the statement.

    Checks the JSON Schema, then: unique ids, relation ends that exist, no self-loops or
    duplicates, and — when ``article`` is given — that sentence ids exist, quotes are copied
    exactly and citation strings occur in the statement's sentences. ``text`` (the YAML
    source) gives line numbers; ``scheme_ids`` the scheme instances relations may name.
    """
    import jsonschema

    problems: list[str] = []
    if not isinstance(map_dict, dict):
        return [_msg(path, "an argument map must be a mapping with 'statements' and 'relations'",
                     "start the file with 'statements:'")]
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for err in sorted(validator.iter_errors(map_dict), key=lambda e: [str(p) for p in e.absolute_path]):
        who, problem, hint, item_id = _schema_problem(err, map_dict)
        line = _relation_line(text, *item_id[1:]) if isinstance(item_id, tuple) else _line_of(text, item_id)
        problems.append(_msg(path, f"{who}: {problem}", hint, line))

    statements = [s for s in (map_dict.get("statements") or []) if isinstance(s, dict)] \
        if isinstance(map_dict.get("statements"), list) else []
    relations = [r for r in (map_dict.get("relations") or []) if isinstance(r, dict)] \
        if isinstance(map_dict.get("relations"), list) else []
    seen: set[str] = set()
    for s in statements:
        sid = s.get("id")
        if isinstance(sid, str) and sid in seen:
            problems.append(_msg(path, f"statement '{sid}': the id is used twice", "give every statement its own id",
                                 _line_of(text, sid)))
        if isinstance(sid, str):
            seen.add(sid)
    pairs: dict[tuple[str, str], str] = {}
    scheme_set = set(scheme_ids) if scheme_ids is not None else None
    for n, r in enumerate(relations, start=1):
        a, b, t = r.get("from"), r.get("to"), r.get("type")
        who = f"relation {n} ({a} -> {b})"
        rline = _relation_line(text, a, b)
        for end, value in (("from", a), ("to", b)):
            if isinstance(value, str) and value not in seen:
                problems.append(_msg(path, f"{who}: '{end}' names unknown statement '{value}'",
                                     "use the id of a statement listed under 'statements'", rline))
        if a is not None and a == b:
            problems.append(_msg(path, f"{who}: statement '{a}' cannot support or attack itself",
                                 "point the relation at another statement", rline))
        if isinstance(a, str) and isinstance(b, str):
            if (a, b) in pairs:
                what = ("the relation is listed twice" if pairs[(a, b)] == t
                        else f"statement '{a}' both supports and attacks '{b}'")
                problems.append(_msg(path, f"{who}: {what}", "keep one relation per pair", rline))
            pairs[(a, b)] = t
        sch = r.get("scheme")
        if scheme_set is not None and isinstance(sch, str) and sch not in scheme_set:
            problems.append(_msg(path, f"{who}: scheme instance '{sch}' is not in the pack's schemes.yaml",
                                 "add it there or remove 'scheme'", rline))

    if article is not None:
        aid = map_dict.get("article")
        if isinstance(aid, str) and aid != getattr(article, "id", aid):
            problems.append(_msg(path, f"the map is for article '{aid}', not '{article.id}'",
                                 "load the map of this article's pack"))
        known = {s.id: s for s in article.sentences}
        for s in statements:
            sid = s.get("id")
            line = _line_of(text, sid)
            sents = [x for x in (s.get("sentences") or []) if isinstance(x, str)]
            for x in sents:
                if re.match(r"^p\d+\.s\d+$", x) and x not in known:
                    problems.append(_msg(path, f"statement '{sid}': sentence '{x}' is not in article '{article.id}'",
                                         "check the sentence ids with load_article(...).sentences", line))
            span = " ".join(known[x].text for x in sents if x in known)
            quote = s.get("quote")
            if isinstance(quote, str) and span and quote not in span:
                problems.append(_msg(path, f"statement '{sid}': the quote is not copied exactly from {', '.join(sents)}",
                                     "copy the words from the sentence character for character (curly quotes too)", line))
            for c in s.get("citations") or []:
                if isinstance(c, str) and not _CITATION_ID_RE.match(c) and span and c not in span:
                    problems.append(_msg(path, f"statement '{sid}': citation {c!r} is not in {', '.join(sents)}",
                                         "copy the citation's parentheses exactly, or give its id (c1, c2 ...)", line))
    return problems


def argument_map_from_dict(data: dict[str, Any], *, path: Path | None = None) -> ArgumentMap:
    """Build an ``ArgumentMap`` from plain data already checked by :func:`validate_argument_map`."""
    statements = [Statement(id=s["id"], text=" ".join(str(s["text"]).split()), kind=s["kind"], voice=s["voice"],
                            sentences=list(s["sentences"]), speaker=s.get("speaker"), quote=s.get("quote"),
                            citations=list(s.get("citations") or []),
                            note=" ".join(s["note"].split()) if s.get("note") else None)
                  for s in data["statements"]]
    relations = [Relation(source=r["from"], target=r["to"], type=r["type"], scheme=r.get("scheme"),
                          note=" ".join(r["note"].split()) if r.get("note") else None)
                 for r in data.get("relations") or []]
    return ArgumentMap(article=data.get("article"), title=data.get("title"), statements=statements,
                       relations=relations, notes=" ".join(data["notes"].split()) if data.get("notes") else None,
                       path=path)


def load_argument_map(path_or_pack: Any = None, *, article=None) -> ArgumentMap:
    """Load and check ``argument.yaml`` of a pack (an id, folder, ArticlePack, Article or file path).

    Raises ``CourseInputError`` listing every problem (see :func:`validate_argument_map`).
    """
    path = pack_file(path_or_pack, "argument.yaml")
    if article is None and hasattr(path_or_pack, "paragraphs"):
        article = path_or_pack
    if not path.is_file():
        raise CourseInputError(path, "this article has no argument map",
                               "write argument.yaml in the article pack (see helpers/schemas/argument.schema.json)")
    data, text = _read_yaml(path, "argument map")
    scheme_file = path.parent / "schemes.yaml"
    scheme_ids = None
    if scheme_file.is_file():
        sdata, _ = _read_yaml(scheme_file, "scheme instances")
        scheme_ids = [i.get("id") for i in sdata.get("instances") or [] if isinstance(i, dict)]
    problems = validate_argument_map(data, article, path=path, text=text, scheme_ids=scheme_ids)
    if problems:
        first = problems[0].split(": ", 1)[1] if ": " in problems[0] else problems[0]
        more = f" (and {len(problems) - 1} more problems: {' | '.join(p.split(': ', 1)[-1] for p in problems[1:])})" \
            if len(problems) > 1 else ""
        raise CourseInputError(path, first.rstrip(".") + more, None,
                               line=_line_from_message(problems[0]))
    return argument_map_from_dict(data, path=path)


def _line_from_message(message: str) -> int | None:
    m = re.match(r"^[^:]*?:(\d+):", message)
    return int(m.group(1)) if m else None


# -- tables --------------------------------------------------------------------------------

def statement_table(amap: ArgumentMap):
    """One row per statement, with the ids it supports and attacks."""
    import pandas as pd

    rows = []
    for s in amap.statements:
        rows.append({**{k: v for k, v in s.to_dict().items() if k not in ("sentences", "citations")},
                     "sentences": ", ".join(s.sentences), "citations": "; ".join(s.citations),
                     "supports": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "support"),
                     "attacks": ", ".join(r.target for r in amap.relations if r.source == s.id and r.type == "attack")})
    return pd.DataFrame(rows, columns=["id", "kind", "voice", "speaker", "text", "quote", "sentences", "citations",
                                       "supports", "attacks", "note"])


def relation_table(amap: ArgumentMap):
    """One row per relation: from, to, type, scheme, note."""
    import pandas as pd

    return pd.DataFrame([r.to_dict() for r in amap.relations], columns=["from", "to", "type", "scheme", "note"])


# -- layout and drawing ------------------------------------------------------------------

def _order_key(amap: ArgumentMap) -> dict[str, tuple]:
    key = {}
    for i, s in enumerate(amap.statements):
        m = re.match(r"^p(\d+)\.s(\d+)$", s.sentences[0]) if s.sentences else None
        key[s.id] = (int(m.group(1)), int(m.group(2)), i) if m else (10**6, 0, i)
    return key


def layout(amap: ArgumentMap) -> dict[str, tuple[int, float]]:
    """A layered layout, the same every time: ``{id: (layer, x)}``.

    Layer 0 holds the statements that support or attack nothing (questions, main claims);
    a statement sits one layer below the nearest statement it supports or attacks. Within a
    layer, statements are ordered by the mean position of their targets, then by text order.
    """
    order = _order_key(amap)
    ids = sorted(amap.ids, key=order.get)
    out: dict[str, list[str]] = {i: [] for i in ids}
    inc: dict[str, list[str]] = {i: [] for i in ids}
    for r in amap.relations:
        if r.source in out and r.target in out:
            out[r.source].append(r.target)
            inc[r.target].append(r.source)
    layer: dict[str, int] = {}
    frontier = [i for i in ids if not out[i]]
    while len(layer) < len(ids):
        if not frontier:  # only cycles left: start from the earliest statement in the text
            frontier = [next(i for i in ids if i not in layer)]
            layer[frontier[0]] = min((layer[t] + 1 for t in out[frontier[0]] if t in layer), default=0)
        for i in frontier:
            layer.setdefault(i, 0)
        while frontier:
            nxt = []
            for i in frontier:
                for j in sorted(inc[i], key=order.get):
                    if j not in layer:
                        layer[j] = layer[i] + 1
                        nxt.append(j)
            frontier = nxt
    x: dict[str, float] = {}
    for level in range(max(layer.values()) + 1 if layer else 0):
        members = [i for i in ids if layer[i] == level]

        def bary(i: str) -> float:
            xs = [x[t] for t in out[i] if t in x]
            return sum(xs) / len(xs) if xs else float("inf")

        members.sort(key=lambda i: (bary(i), order[i]))
        n = len(members)
        for k, i in enumerate(members):
            x[i] = k - (n - 1) / 2
    return {i: (layer[i], x[i]) for i in ids}


def _label(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def diagram_data(amap: ArgumentMap):
    """``(nodes, edges)`` DataFrames for drawing the map; ``y`` grows downwards from 0."""
    import pandas as pd

    pos = layout(amap)
    nodes = pd.DataFrame([{
        "id": s.id, "kind": s.kind, "voice": s.voice, "speaker": s.speaker or "",
        "label": f"{s.id}: {_label(s.text)}", "text": s.text, "sentences": ", ".join(s.sentences),
        "citations": "; ".join(s.citations), "layer": pos[s.id][0], "x": pos[s.id][1], "y": float(pos[s.id][0]),
    } for s in amap.statements], columns=["id", "kind", "voice", "speaker", "label", "text", "sentences",
                                          "citations", "layer", "x", "y"])
    edges = pd.DataFrame([{
        "from": r.source, "to": r.target, "type": r.type, "scheme": r.scheme or "",
        "x": pos[r.source][1], "y": float(pos[r.source][0]), "x2": pos[r.target][1], "y2": float(pos[r.target][0]),
    } for r in amap.relations if r.source in pos and r.target in pos],
        columns=["from", "to", "type", "scheme", "x", "y", "x2", "y2"])
    return nodes, edges


def pack_argument_map(article) -> ArgumentMap | None:
    """The article pack's argument map (``argument.yaml``), checked against the article, or ``None``."""
    path = load_pack(article).file("argument")
    return load_argument_map(path, article=article) if path is not None else None


# -- Argdown -----------------------------------------------------------------------------

_ARGDOWN_SPECIAL = set("\\[]<>#*_@{}/")


def _ad_escape(text: str) -> str:
    return "".join("\\" + ch if ch in _ARGDOWN_SPECIAL else ch for ch in " ".join(text.split()))


def _ad_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def to_argdown(amap: ArgumentMap) -> str:
    """The map in Argdown (loose mode): one titled statement per id, with its data in ``{…}``,
    then relation trees ``[target]`` / ``<+ [premise]`` (support) / ``<- [premise]`` (attack).
    A relation's scheme and note follow it as a comment (``// scheme: … | note: …``), which
    Argdown ignores and :func:`from_argdown` reads back."""
    import yaml

    front = {"title": amap.title or f"Argument map of {amap.article or 'an article'}",
             "article": amap.article, "model": {"mode": "loose"}}
    if amap.notes:
        front["notes"] = amap.notes
    lines = ["===", yaml.safe_dump({k: v for k, v in front.items() if v is not None}, allow_unicode=True,
                                   sort_keys=False, width=10**6).rstrip(), "===", "",
             "// Statements: [id]: paraphrase, then {data}: kind, voice, speaker, sentence ids, quote, citations.", ""]
    for s in amap.statements:
        data = {k: v for k, v in s.to_dict().items() if k not in ("id", "text") and v not in (None, [])}
        lines += [f"[{s.id}]: {_ad_escape(s.text)} #{s.kind}",
                  json.dumps(data, ensure_ascii=False), ""]
    lines += ["// Relations: '<+' the statement below supports the one above, '<-' attacks it.", ""]
    prev = None
    for r in amap.relations:
        if r.target != prev:
            if prev is not None:
                lines.append("")
            lines.append(f"[{r.target}]")
            prev = r.target
        parts = [f"{k}: {' '.join(v.split())}" for k, v in (("scheme", r.scheme), ("note", r.note)) if v]
        extra = f" // {' | '.join(parts)}" if parts else ""
        lines.append(f"    {'<+' if r.type == 'support' else '<-'} [{r.source}]{extra}")
    return "\n".join(lines).rstrip() + "\n"


_AD_DEF_RE = re.compile(r"^\[(?P<title>[^\]\\]+)\]:\s*(?P<text>.*)$")
_AD_REF_RE = re.compile(r"^\[(?P<title>[^\]\\]+)\]\s*(?://.*)?$")
_AD_REL_RE = re.compile(r"^(?P<indent>\s+)(?P<sym><\+|<-|\+>|->|\+|-)\s*\[(?P<title>[^\]\\]+)\]\s*(?://\s*(?P<comment>.*))?$")


def from_argdown(text: str, *, source: str | Path = "<argdown>") -> ArgumentMap:
    """Read the Argdown subset :func:`to_argdown` writes (titled statements with ``{…}`` data,
    relation trees with ``+``/``<+``/``-``/``<-``/``+>``/``->``); anything else is an error."""
    import yaml

    lines = text.splitlines()
    i, front = 0, {}
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].strip() == "===":
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "==="), None)
        if end is None:
            raise CourseInputError(source, "the front matter is not closed", "end it with a line '==='", line=i + 1)
        front = yaml.safe_load("\n".join(lines[i + 1:end])) or {}
        i = end + 1
    statements: dict[str, dict[str, Any]] = {}
    relations: list[Relation] = []
    n = i
    while n < len(lines):
        line = lines[n]
        if not line.strip() or line.lstrip().startswith("//"):
            n += 1
            continue
        block_start = n
        block = []
        while n < len(lines) and lines[n].strip():
            if not lines[n].lstrip().startswith("//"):
                block.append((n + 1, lines[n]))
            n += 1
        if not block:
            continue
        first_no, first = block[0]
        m = _AD_DEF_RE.match(first)
        if m:
            body = [first_no]
            text_parts = [m.group("text")]
            data: dict[str, Any] = {}
            for no, ln in block[1:]:
                if ln.lstrip().startswith("{"):
                    try:
                        data = json.loads(ln.strip())
                    except json.JSONDecodeError:
                        try:
                            data = yaml.safe_load(ln.strip()) or {}
                        except yaml.YAMLError:
                            raise CourseInputError(source, f"statement [{m.group('title')}]: its {{data}} does not parse",
                                                   "write the data as JSON on one line", line=no) from None
                else:
                    text_parts.append(ln.strip())
                body.append(no)
            stext = " ".join(" ".join(text_parts).split())
            stext = re.sub(r"\s#(?:claim|premise|question|conclusion)\s*$", "", " " + stext).strip()
            title = m.group("title").strip()
            if title in statements:
                raise CourseInputError(source, f"statement [{title}] is defined twice",
                                       "give each statement one definition", line=first_no)
            statements[title] = {"id": title, "text": _ad_unescape(stext), **data}
            continue
        m = _AD_REF_RE.match(first)
        if m and len(block) > 1:
            parent = m.group("title").strip()
            for no, ln in block[1:]:
                r = _AD_REL_RE.match(ln)
                if not r:
                    raise CourseInputError(source, f"cannot read the relation line {ln.strip()!r}",
                                           "write '<+ [id]' (support) or '<- [id]' (attack) under the target", line=no)
                sym, child = r.group("sym"), r.group("title").strip()
                meta = {}
                for part in (r.group("comment") or "").split(" | "):
                    key, _, value = part.partition(":")
                    if key.strip() in ("scheme", "note") and value.strip():
                        meta[key.strip()] = value.strip()
                rtype = "support" if "+" in sym else "attack"
                ends = (parent, child) if sym in ("+>", "->") else (child, parent)
                relations.append(Relation(*ends, rtype, meta.get("scheme"), meta.get("note")))
            continue
        raise CourseInputError(source, f"cannot read the block {first.strip()[:60]!r}",
                               "this reader takes titled statements '[id]: text' and relation trees",
                               line=block_start + 1)
    data = {"article": front.get("article"), "title": front.get("title"), "notes": front.get("notes"),
            "statements": list(statements.values()),
            "relations": [{k: v for k, v in r.to_dict().items() if v is not None} for r in relations]}
    data = {k: v for k, v in data.items() if v is not None}
    problems = validate_argument_map(data, path=str(source))
    if problems:
        raise CourseInputError(source, problems[0].split(": ", 1)[-1], None)
    return argument_map_from_dict(data)


# -- AIF ---------------------------------------------------------------------------------

def to_aif(amap: ArgumentMap, *, scheme_names: dict[str, str] | None = None) -> dict[str, Any]:
    """The map in AIF JSON as AIFdb/OVA read it: I-nodes for statements, an RA (inference) or
    CA (conflict) node per relation, edges premise -> RA/CA -> target.

    Each I-node keeps the statement's course data (kind, voice …) under ``"closeReading"``;
    AIF tools ignore it. ``scheme_names`` maps scheme instance ids to the RA node's text.
    """
    names = scheme_names or {}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for s in amap.statements:
        extra = {k: v for k, v in s.to_dict().items() if k not in ("id", "text") and v not in (None, [])}
        nodes.append({"nodeID": s.id, "text": s.text, "type": "I", "closeReading": extra})
    counters = {"RA": 0, "CA": 0}
    for r in amap.relations:
        kind = "RA" if r.type == "support" else "CA"
        counters[kind] += 1
        node_id = f"{kind.lower()}{counters[kind]}"
        text = names.get(r.scheme or "", "Default Inference") if kind == "RA" else "Default Conflict"
        node = {"nodeID": node_id, "text": text, "type": kind}
        if r.scheme or r.note:
            node["closeReading"] = {k: v for k, v in (("scheme", r.scheme), ("note", r.note)) if v}
        nodes.append(node)
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": r.source, "toID": node_id})
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": node_id, "toID": r.target})
    return {"nodes": nodes, "edges": edges, "locutions": []}


def from_aif(aif: dict[str, Any], *, source: str | Path = "<AIF>") -> ArgumentMap:
    """Read AIF JSON (also xAIF ``{"AIF": {...}}``): I-nodes become statements, RA and CA nodes
    support and attack relations. Statements without course data are 'claim', voice 'author'
    and must be given sentence ids before they can be checked against an article."""
    if isinstance(aif, dict) and isinstance(aif.get("AIF"), dict):
        aif = aif["AIF"]
    if not isinstance(aif, dict) or not isinstance(aif.get("nodes"), list) or not isinstance(aif.get("edges"), list):
        raise CourseInputError(source, "AIF must be a mapping with 'nodes' and 'edges' lists",
                               "export the map from AIFdb or OVA as JSON")
    by_id = {str(n.get("nodeID")): n for n in aif["nodes"] if isinstance(n, dict)}
    ids: dict[str, str] = {}
    statements = []
    for n, node in enumerate((x for x in aif["nodes"] if isinstance(x, dict) and x.get("type") == "I"), start=1):
        raw = str(node.get("nodeID"))
        sid = raw if _ID_RE.match(raw) else f"S{raw}" if raw.isdigit() else f"S{n}"
        ids[raw] = sid
        extra = dict(node.get("closeReading") or {})
        statements.append({"id": sid, "text": str(node.get("text", "")), "kind": extra.pop("kind", "claim"),
                           "voice": extra.pop("voice", "author"), "sentences": extra.pop("sentences", ["p1.s1"]),
                           **extra})
    into: dict[str, list[str]] = {}
    outof: dict[str, list[str]] = {}
    for e in aif["edges"]:
        if not isinstance(e, dict):
            continue
        a, b = str(e.get("fromID")), str(e.get("toID"))
        outof.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    relations = []
    for node in aif["nodes"]:
        if not isinstance(node, dict) or node.get("type") not in ("RA", "CA"):
            continue
        nid = str(node.get("nodeID"))
        extra = node.get("closeReading") or {}
        premises = [p for p in into.get(nid, []) if by_id.get(p, {}).get("type") == "I"]
        targets = [t for t in outof.get(nid, []) if by_id.get(t, {}).get("type") == "I"]
        for t in targets:
            for p in premises:
                rel = {"from": ids[p], "to": ids[t], "type": "support" if node["type"] == "RA" else "attack"}
                rel.update({k: v for k, v in extra.items() if k in ("scheme", "note")})
                relations.append(rel)
    data = {"statements": statements, "relations": relations}
    problems = validate_argument_map(data, path=str(source))
    if problems:
        raise CourseInputError(source, problems[0].split(": ", 1)[-1], None)
    return argument_map_from_dict(data)


# -- argumentation schemes ---------------------------------------------------------------

@dataclass
class CriticalQuestion:
    id: str
    question: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Scheme:
    id: str
    name: str
    premises: list[str]
    conclusion: str
    critical_questions: list[CriticalQuestion]
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CriticalQuestionStatus:
    id: str
    question: str
    status: str                    # "open" | "answered" | "failed"
    sentences: list[str]
    citations: list[str]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SchemeInstance:
    id: str
    scheme: str
    scheme_name: str
    summary: str
    premises: list[str]            # statement ids in argument.yaml
    conclusion: str
    critical_questions: list[CriticalQuestionStatus]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_schemes(path: str | Path | None = None) -> dict[str, Scheme]:
    """The argumentation schemes with their critical questions (``data/lexicons/schemes.yaml``)."""
    from helpers.core.yamlio import load_yaml_mapping

    path = Path(path) if path else lexicons_dir() / "schemes.yaml"
    data = load_yaml_mapping(path, what="scheme list")
    text = path.read_text(encoding="utf-8")
    schemes = data.get("schemes")
    if not isinstance(schemes, dict) or not schemes:
        raise CourseInputError(path, "has no 'schemes' mapping", "write 'schemes:' followed by one entry per scheme")
    out = {}
    default_source = data.get("source")
    for sid, entry in schemes.items():
        line = next((n for n, ln in enumerate(text.splitlines(), 1) if ln.strip() == f"{sid}:"), None)
        if not isinstance(entry, dict):
            raise CourseInputError(path, f"scheme '{sid}' must be a mapping", "give name, premises, conclusion, critical_questions", line=line)
        missing = [k for k in ("name", "premises", "conclusion", "critical_questions") if not entry.get(k)]
        if missing:
            raise CourseInputError(path, f"scheme '{sid}' is missing {', '.join(missing)}",
                                   "every scheme needs name, premises, conclusion and critical_questions", line=line)
        cqs = []
        for q in entry["critical_questions"]:
            if not isinstance(q, dict) or not q.get("id") or not q.get("question"):
                raise CourseInputError(path, f"scheme '{sid}': each critical question needs 'id' and 'question'",
                                       "write '- id: expertise' and 'question: …'", line=line)
            cqs.append(CriticalQuestion(str(q["id"]), " ".join(str(q["question"]).split())))
        if len({q.id for q in cqs}) != len(cqs):
            raise CourseInputError(path, f"scheme '{sid}': two critical questions share an id", "give each its own id", line=line)
        out[str(sid)] = Scheme(id=str(sid), name=str(entry["name"]),
                               premises=[" ".join(str(p).split()) for p in entry["premises"]],
                               conclusion=" ".join(str(entry["conclusion"]).split()),
                               critical_questions=cqs, source=entry.get("source", default_source))
    return out


def load_scheme_instances(pack: Any = None, *, article=None, schemes: dict[str, Scheme] | None = None,
                          amap: ArgumentMap | None = None) -> list[SchemeInstance]:
    """The scheme instances of a pack (``schemes.yaml``), checked against the schemes, the
    argument map and (when given) the article. Critical questions not listed are 'open'."""
    path = pack_file(pack, "schemes.yaml")
    if path.name != "schemes.yaml":
        path = path.parent / "schemes.yaml"
    if article is None and hasattr(pack, "paragraphs"):
        article = pack
    if not path.is_file():
        return []
    data, text = _read_yaml(path, "scheme instances")
    schemes = schemes if schemes is not None else load_schemes()
    if amap is None and (path.parent / "argument.yaml").is_file():
        amap = load_argument_map(path.parent / "argument.yaml", article=article)
    known_statements = set(amap.ids) if amap else None
    known_sentences = {s.id for s in article.sentences} if article is not None else None
    items = data.get("instances")
    if not isinstance(items, list):
        raise CourseInputError(path, "has no 'instances' list", "write 'instances:' followed by '- id: …' entries")
    problems: list[str] = []
    out: list[SchemeInstance] = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        iid = item.get("id") if isinstance(item, dict) else None
        line = _line_of(text, iid)
        who = f"scheme instance '{iid}'" if iid else f"scheme instance number {n}"
        if not isinstance(item, dict) or not iid:
            problems.append(_msg(path, f"{who}: needs an 'id'", "start each entry with '- id: si1'", line))
            continue
        if iid in seen:
            problems.append(_msg(path, f"{who}: the id is used twice", "give each instance its own id", line))
        seen.add(iid)
        scheme = schemes.get(item.get("scheme"))
        if scheme is None:
            problems.append(_msg(path, f"{who}: unknown scheme {item.get('scheme')!r}",
                                 "use one of: " + ", ".join(schemes), line))
            continue
        premises = list(item.get("premises") or [])
        conclusion = item.get("conclusion")
        if not premises or not conclusion:
            problems.append(_msg(path, f"{who}: needs 'premises' and a 'conclusion'",
                                 "name statement ids from argument.yaml", line))
        if known_statements is not None:
            for sid in premises + ([conclusion] if conclusion else []):
                if sid not in known_statements:
                    problems.append(_msg(path, f"{who}: statement '{sid}' is not in argument.yaml",
                                         "use the ids of the argument map's statements", line))
        given = {}
        for q in item.get("critical_questions") or []:
            qid = q.get("id") if isinstance(q, dict) else None
            if qid not in {c.id for c in scheme.critical_questions}:
                problems.append(_msg(path, f"{who}: critical question {qid!r} is not one of scheme '{scheme.id}'",
                                     "use one of: " + ", ".join(c.id for c in scheme.critical_questions), line))
                continue
            if isinstance(q.get("evidence"), dict):  # also accepted: evidence: {sentences: …, citations: …}
                q = {**{k: v for k, v in q.items() if k != "evidence"}, **q["evidence"]}
            unknown = sorted(set(q) - {"id", "status", "sentences", "citations", "note"})
            if unknown:
                problems.append(_msg(path, f"{who}: critical question '{qid}' has unknown field(s) {', '.join(unknown)}",
                                     "give status, sentences, citations and note", line))
            status = q.get("status", "open")
            if status not in CQ_STATUSES:
                problems.append(_msg(path, f"{who}: critical question '{qid}' has status {status!r}",
                                     "use one of: " + ", ".join(CQ_STATUSES), line))
            for sid in q.get("sentences") or []:
                if known_sentences is not None and sid not in known_sentences:
                    problems.append(_msg(path, f"{who}: critical question '{qid}' cites sentence '{sid}', not in the article",
                                         "check the sentence ids", line))
            for c in q.get("citations") or []:
                if article is not None and not _CITATION_ID_RE.match(str(c)) and str(c) not in article.text:
                    problems.append(_msg(path, f"{who}: critical question '{qid}' cites {c!r}, not in the article",
                                         "copy the citation's parentheses exactly", line))
            given[qid] = q
        cqs = []
        for c in scheme.critical_questions:
            q = given.get(c.id, {})
            cqs.append(CriticalQuestionStatus(
                id=c.id, question=c.question, status=q.get("status", "open"),
                sentences=list(q.get("sentences") or []), citations=[str(x) for x in q.get("citations") or []],
                note=" ".join(str(q["note"]).split()) if q.get("note") else None))
        out.append(SchemeInstance(id=iid, scheme=scheme.id, scheme_name=scheme.name,
                                  summary=" ".join(str(item.get("summary", "")).split()),
                                  premises=premises, conclusion=conclusion, critical_questions=cqs))
    if problems:
        rest = f" (and {len(problems) - 1} more: {' | '.join(p.split(': ', 1)[-1] for p in problems[1:])})" \
            if len(problems) > 1 else ""
        raise CourseInputError(path, problems[0].split(": ", 1)[-1].rstrip(".") + rest, None)
    return out


def scheme_instances(pack: Any = None, *, article=None):
    """One row per (scheme instance, critical question): status and evidence (sentence ids,
    citation raw strings) for lesson 05 to join with the citation and source findings."""
    import pandas as pd

    rows = []
    for inst in load_scheme_instances(pack, article=article):
        for q in inst.critical_questions:
            rows.append({"instance": inst.id, "scheme": inst.scheme, "scheme_name": inst.scheme_name,
                         "summary": inst.summary, "premises": ", ".join(inst.premises),
                         "conclusion": inst.conclusion, "question_id": q.id, "question": q.question,
                         "status": q.status, "sentences": list(q.sentences), "citations": list(q.citations),
                         "note": q.note or ""})
    return pd.DataFrame(rows, columns=["instance", "scheme", "scheme_name", "summary", "premises", "conclusion",
                                       "question_id", "question", "status", "sentences", "citations", "note"])
