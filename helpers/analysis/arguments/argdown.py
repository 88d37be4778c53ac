"""The argument map in Argdown (https://argdown.org): written in loose mode, read back in the
subset it is written in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from helpers.analysis.arguments.model import ArgumentMap, Relation
from helpers.analysis.arguments.validate import checked_argument_map
from helpers.core.errors import CourseInputError

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
    import yaml  # imported on first use, as in helpers.core.yamlio

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
    lines = text.splitlines()
    front, start = _front_matter(lines, source)
    statements: dict[str, dict[str, Any]] = {}
    relations: list[Relation] = []
    for block_start, block in _blocks(lines, start):
        first_no, first = block[0]
        m = _AD_DEF_RE.match(first)
        if m:
            title, statement = _statement(m, block, source)
            if title in statements:
                raise CourseInputError(source, f"statement [{title}] is defined twice",
                                       "give each statement one definition", line=first_no)
            statements[title] = statement
            continue
        m = _AD_REF_RE.match(first)
        if m and len(block) > 1:
            relations.extend(_relation_tree(m.group("title").strip(), block[1:], source))
            continue
        raise CourseInputError(source, f"cannot read the block {first.strip()[:60]!r}",
                               "this reader takes titled statements '[id]: text' and relation trees",
                               line=block_start + 1)
    data = {"article": front.get("article"), "title": front.get("title"), "notes": front.get("notes"),
            "statements": list(statements.values()),
            "relations": [{k: v for k, v in r.to_dict().items() if v is not None} for r in relations]}
    data = {k: v for k, v in data.items() if v is not None}
    return checked_argument_map(data, source)


def _front_matter(lines: list[str], source) -> tuple[dict[str, Any], int]:
    """The YAML front matter between '===' lines (or {}), and the index of the line after it."""
    import yaml  # imported on first use, as in helpers.core.yamlio

    i, front = 0, {}
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].strip() == "===":
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "==="), None)
        if end is None:
            raise CourseInputError(source, "the front matter is not closed", "end it with a line '==='", line=i + 1)
        front = yaml.safe_load("\n".join(lines[i + 1:end])) or {}
        i = end + 1
    return front, i


def _blocks(lines: list[str], start: int):
    """(index of the first line, [(line number, line)]) of each block of non-blank lines,
    comments ('//') left out."""
    n = start
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
        if block:
            yield block_start, block


def _statement(m: re.Match, block, source) -> tuple[str, dict[str, Any]]:
    """(title, statement data) of a titled statement '[id]: text' with its '{…}' data line."""
    import yaml  # imported on first use, as in helpers.core.yamlio

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
    stext = " ".join(" ".join(text_parts).split())
    stext = re.sub(r"\s#(?:claim|premise|question|conclusion)\s*$", "", " " + stext).strip()
    title = m.group("title").strip()
    return title, {"id": title, "text": _ad_unescape(stext), **data}


def _relation_tree(parent: str, block, source) -> list[Relation]:
    """The relations under a target '[id]': '<+ [id]' supports it, '<- [id]' attacks it ('+>', '->'
    the other way round)."""
    relations = []
    for no, ln in block:
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
    return relations
