"""Generic rubrics and cues that apply to every article, for packs that have none of their own.

* :func:`critique_standards` — the names of the critique's intellectual standards
  (``data/rubrics/critique_standards.yaml``)
* :func:`critique_rubric` — lesson 05's rubric: the pack's (``critique.yaml`` ``rubric``) when it
  has standards, else the generic one of ``data/generic/rubrics.yaml`` (Paul and Elder's nine
  standards, marked ``generic: true`` and as outside knowledge, with its source)
* :func:`sift_moves` — the four SIFT moves (Mike Caulfield) with the worksheet's questions
  (``data/generic/rubrics.yaml`` ``sift``), with their source
* :func:`argument_cues` — the generic cues the drafting rules of ``helpers.analysis.draft`` read
  (``data/generic/argument_cues.yaml``)
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.paths import resources_dir
from helpers.core.yamlio import key_line, load_yaml_mapping


def critique_standards() -> tuple[str, ...]:
    """The names of the critique's intellectual standards (``data/rubrics/critique_standards.yaml``)."""
    path = resources_dir() / "rubrics" / "critique_standards.yaml"
    data = load_yaml_mapping(path, what="rubric")
    names = data.get("standards")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise CourseInputError(path, "'standards' must be a non-empty list of names",
                               "write 'standards: [clarity, accuracy, …]'", line=key_line(path, "standards"))
    if not isinstance(data.get("source"), dict):
        raise CourseInputError(path, "the rubric names no 'source'", "add 'source:' with the 'work' the names come from")
    return tuple(n.strip() for n in names)


def _generic(name: str, what: str) -> dict[str, Any]:
    path = resources_dir() / "generic" / name
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise CourseInputError(path, f"the {what} file is missing", "restore it from the course repository") from None
    return _read(path, stamp, what)


@functools.lru_cache(maxsize=8)
def _read(path: Path, stamp: int, what: str) -> dict[str, Any]:
    return load_yaml_mapping(path, what=what)


def _sourced(data: Any, path_name: str, part: str) -> dict[str, Any]:
    path = resources_dir() / "generic" / path_name
    if not isinstance(data, dict):
        raise CourseInputError(path, f"'{part}' must be a mapping", f"write '{part}:' followed by indented fields")
    source = data.get("source")
    if not isinstance(source, dict) or not source.get("work") or not source.get("url"):
        raise CourseInputError(path, f"'{part}' names no source with a work and a URL",
                               "give 'source:' with 'work:', 'url:' and 'outside_knowledge: true'",
                               line=key_line(path, part))
    return data


def critique_rubric(pack: Any = None) -> dict[str, Any]:
    """Lesson 05's critique rubric: the pack's ``critique.yaml`` ``rubric`` when it names standards,
    else the generic rubric (``data/generic/rubrics.yaml`` ``critique``, with ``generic: true``)."""
    own = ((pack.get("critique", {}) or {}).get("rubric") if pack is not None else None) or {}
    if isinstance(own, dict) and own.get("standards"):
        return own
    rubric = _sourced(_generic("rubrics.yaml", "generic rubrics").get("critique"), "rubrics.yaml", "critique")
    names = [s.get("name") for s in rubric.get("standards") or [] if isinstance(s, dict)]
    if names != list(critique_standards()):
        raise CourseInputError(resources_dir() / "generic" / "rubrics.yaml",
                               "the generic critique rubric's standards differ from data/rubrics/critique_standards.yaml",
                               "list the same nine standards, in the same order")
    return {**rubric, "generic": True}


def sift_moves() -> tuple[list[tuple[str, str, str]], dict[str, Any]]:
    """The SIFT moves as ``(id, name, question)`` and their source (``data/generic/rubrics.yaml`` ``sift``)."""
    sift = _sourced(_generic("rubrics.yaml", "generic rubrics").get("sift"), "rubrics.yaml", "sift")
    moves = [(str(m["id"]), str(m["name"]), " ".join(str(m.get("ask", "")).split()))
             for m in sift.get("moves") or [] if isinstance(m, dict) and m.get("id") and m.get("name")]
    if len(moves) != 4:
        raise CourseInputError(resources_dir() / "generic" / "rubrics.yaml", "'sift' must list the four moves",
                               "give id, name and ask for stop, investigate, find and trace")
    return moves, dict(sift["source"])


def argument_cues() -> dict[str, Any]:
    """The generic cues of the argument-drafting rules (``data/generic/argument_cues.yaml``)."""
    data = _generic("argument_cues.yaml", "argument cues")
    for key in ("conclusion_markers", "conditionals", "modals", "sign_cues"):
        if not isinstance(data.get(key), list):
            raise CourseInputError(resources_dir() / "generic" / "argument_cues.yaml", f"'{key}' must be a list",
                                   f"write '{key}: [word, …]'")
    return data
