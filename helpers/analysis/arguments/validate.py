"""Checking an argument map and loading the pack's ``argument.yaml``.

Every problem is one line naming the file, the line and the statement or relation: first the
JSON Schema (``helpers/schemas/argument.schema.json``), then unique ids, relation ends that
exist, no self-loops or duplicates, scheme instances that exist, and — against an article —
sentence ids that exist and quotes and citations copied exactly.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any, Iterable

from helpers.analysis.arguments.model import KINDS, RELATION_TYPES, VOICES, ArgumentMap, argument_map_from_dict
from helpers.core.errors import CourseInputError, problem_message, problems_error
from helpers.core.yamlio import YamlLines, load_yaml_file
from helpers.model.packs import load_pack, pack_file

CITATION_ID_RE = re.compile(r"^c[1-9][0-9]*$")
ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def schema_path() -> Path:
    """The JSON Schema of ``argument.yaml``."""
    return Path(__file__).resolve().parents[2] / "schemas" / "argument.schema.json"


# -- loading -------------------------------------------------------------------------------

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
    file = load_yaml_file(path, what="argument map")
    scheme_file = path.parent / "schemes.yaml"
    scheme_ids = None
    if scheme_file.is_file():
        sdata = load_yaml_file(scheme_file, what="scheme instances").data
        scheme_ids = [i.get("id") for i in sdata.get("instances") or [] if isinstance(i, dict)]
    problems = validate_argument_map(file.data, article, path=path, text=file.text, scheme_ids=scheme_ids)
    if problems:
        raise problems_error(path, problems, more="more problems")
    return argument_map_from_dict(file.data, path=path)


def pack_argument_map(article) -> ArgumentMap | None:
    """The article pack's argument map (``argument.yaml``), checked against the article, or ``None``."""
    path = load_pack(article).file("argument")
    return load_argument_map(path, article=article) if path is not None else None


def checked_argument_map(data: dict[str, Any], source: str | Path) -> ArgumentMap:
    """An ``ArgumentMap`` from plain data read from another format (Argdown, AIF), after checking
    it; the first problem raises ``CourseInputError`` naming ``source``."""
    problems = validate_argument_map(data, path=str(source))
    if problems:
        raise CourseInputError(source, problems[0].split(": ", 1)[-1], None)
    return argument_map_from_dict(data)


# -- checking ------------------------------------------------------------------------------

def validate_argument_map(map_dict: Any, article=None, *, path: str | Path | None = None,
                          text: str | None = None, scheme_ids: Iterable[str] | None = None) -> list[str]:
    """Every problem of an argument map as one-line messages naming the file and the statement.

    Checks the JSON Schema, then: unique ids, relation ends that exist, no self-loops or
    duplicates, and — when ``article`` is given — that sentence ids exist, quotes are copied
    exactly and citation strings occur in the statement's sentences. ``text`` (the YAML
    source) gives line numbers; ``scheme_ids`` the scheme instances relations may name.
    """
    where = path or "argument map"
    if not isinstance(map_dict, dict):
        return [problem_message(where, "an argument map must be a mapping with 'statements' and 'relations'",
                                "start the file with 'statements:'")]
    lines = YamlLines(text)
    problems = _schema_problems(map_dict, where, lines)
    statements = [s for s in (map_dict.get("statements") or []) if isinstance(s, dict)] \
        if isinstance(map_dict.get("statements"), list) else []
    relations = [r for r in (map_dict.get("relations") or []) if isinstance(r, dict)] \
        if isinstance(map_dict.get("relations"), list) else []
    seen: set[str] = set()
    for s in statements:
        sid = s.get("id")
        if isinstance(sid, str) and sid in seen:
            problems.append(problem_message(where, f"statement '{sid}': the id is used twice",
                                            "give every statement its own id", lines.id(sid)))
        if isinstance(sid, str):
            seen.add(sid)
    problems += _relation_problems(relations, seen, scheme_ids, where, lines)
    if article is not None:
        problems += _article_problems(map_dict, statements, article, where, lines)
    return problems


def _relation_line(lines: YamlLines, source: Any, target: Any) -> int | None:
    """The line of the relation ``from: <source>`` … ``to: <target>``."""
    return lines.item("relations", where={"from": source, "to": target}) if isinstance(source, str) else None


def _schema_problems(map_dict: dict[str, Any], where, lines: YamlLines) -> list[str]:
    import jsonschema  # heavy: imported on first use, to keep imports fast

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for err in sorted(validator.iter_errors(map_dict), key=lambda e: [str(p) for p in e.absolute_path]):
        who, item_id = _schema_subject(err, map_dict)
        problem, hint = _schema_message(err)
        line = _relation_line(lines, *item_id[1:]) if isinstance(item_id, tuple) else lines.id(item_id)
        problems.append(problem_message(where, f"{who}: {problem}", hint, line))
    return problems


def _schema_subject(err, data: dict[str, Any]) -> tuple[str, Any]:
    """(who, item id) of one jsonschema error: the statement or relation it is about."""
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
    return who, item_id


def _schema_message(err) -> tuple[str, str | None]:
    """(problem, hint) of one jsonschema error, in the course's words."""
    field_name = next((str(p) for p in reversed(list(err.absolute_path)) if isinstance(p, str)), None)
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
    elif v == "anyOf" and field_name == "voice":
        problem = f"'voice' is {err.instance!r}, which is not allowed"
        hint = "use one of: " + ", ".join(VOICES)
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
    return problem, hint


def _relation_problems(relations: list[dict], seen: set[str], scheme_ids, where, lines: YamlLines) -> list[str]:
    """Relation ends that exist, no self-loops, one relation per pair, scheme instances that exist."""
    problems = []
    pairs: dict[tuple[str, str], str] = {}
    scheme_set = set(scheme_ids) if scheme_ids is not None else None
    for n, r in enumerate(relations, start=1):
        a, b, t = r.get("from"), r.get("to"), r.get("type")
        who = f"relation {n} ({a} -> {b})"
        rline = _relation_line(lines, a, b)
        for end, value in (("from", a), ("to", b)):
            if isinstance(value, str) and value not in seen:
                problems.append(problem_message(where, f"{who}: '{end}' names unknown statement '{value}'",
                                                "use the id of a statement listed under 'statements'", rline))
        if a is not None and a == b:
            problems.append(problem_message(where, f"{who}: statement '{a}' cannot support or attack itself",
                                            "point the relation at another statement", rline))
        if isinstance(a, str) and isinstance(b, str):
            if (a, b) in pairs:
                what = ("the relation is listed twice" if pairs[(a, b)] == t
                        else f"statement '{a}' both supports and attacks '{b}'")
                problems.append(problem_message(where, f"{who}: {what}", "keep one relation per pair", rline))
            pairs[(a, b)] = t
        sch = r.get("scheme")
        if scheme_set is not None and isinstance(sch, str) and sch not in scheme_set:
            problems.append(problem_message(where, f"{who}: scheme instance '{sch}' is not in the pack's schemes.yaml",
                                            "add it there or remove 'scheme'", rline))
    return problems


def _article_problems(map_dict: dict[str, Any], statements: list[dict], article, where, lines: YamlLines) -> list[str]:
    """The map is the article's; its sentence ids exist; quotes and citations are copied exactly."""
    problem = functools.partial(problem_message, where)
    problems = []
    aid = map_dict.get("article")
    if isinstance(aid, str) and aid != getattr(article, "id", aid):
        problems.append(problem(f"the map is for article '{aid}', not '{article.id}'",
                                "load the map of this article's pack"))
    known = {s.id: s for s in article.sentences}
    for s in statements:
        sid = s.get("id")
        line = lines.id(sid)
        sents = [x for x in (s.get("sentences") or []) if isinstance(x, str)]
        for x in sents:
            if re.match(r"^p\d+\.s\d+$", x) and x not in known:
                problems.append(problem(f"statement '{sid}': sentence '{x}' is not in article '{article.id}'",
                                        "check the sentence ids with load_article(...).sentences", line))
        span = " ".join(known[x].text for x in sents if x in known)
        quote = s.get("quote")
        if isinstance(quote, str) and span and quote not in span:
            problems.append(problem(f"statement '{sid}': the quote is not copied exactly from {', '.join(sents)}",
                                    "copy the words from the sentence character for character (curly quotes too)", line))
        for c in s.get("citations") or []:
            if isinstance(c, str) and not CITATION_ID_RE.match(c) and span and c not in span:
                problems.append(problem(f"statement '{sid}': citation {c!r} is not in {', '.join(sents)}",
                                        "copy the citation's parentheses exactly, or give its id (c1, c2 ...)", line))
    return problems
