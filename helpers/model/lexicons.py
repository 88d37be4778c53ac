"""The lexicons (``data/lexicons/``): where they are, how they are read, and that each names its sources.

This module is the only code that finds or reads a lexicon file; each analysis parses the
structure of its own file from what :func:`load_lexicon_file` gives (``reading`` the hedges,
boosters, attribution verbs and connectives; ``actors`` the actor and relation cues; the
reporting cues; the argumentation schemes; the calendar names of ``dates``). Every file must
name its sources: a top-level ``sources:`` mapping (one entry per source, as the reading
lexicons have) or ``source:`` (one text or mapping for the whole file). The format of each file
is in ``data/lexicons/README.md`` and in the file's own header. Where the files are stored is
decided here alone: :func:`lexicons_dir`, :func:`lexicon_path` and :func:`lexicon_stamp`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.paths import resources_dir
from helpers.core.yamlio import LINE, YamlFile, load_yaml_file


def lexicons_dir() -> Path:
    """The folder of the lexicon files."""
    return resources_dir() / "lexicons"


def lexicon_path(name: str, path: str | Path | None = None) -> Path:
    """The lexicon file ``name`` (e.g. ``"schemes.yaml"``) in the lexicon folder, or ``path`` when given."""
    return Path(path) if path else lexicons_dir() / name


def lexicon_stamp(path: str | Path, *, what: str = "lexicon",
                  hint: str = "restore it from the repository") -> tuple[str, int, int]:
    """What tells one version of a lexicon file from another (its absolute path, modification
    time and size), for the caches of compiled lexicons; a missing file raises ``CourseInputError``.
    The path is made absolute, not resolved: resolving costs a system call per folder of the path on
    every analysed article, and a file reached through two links is at worst compiled twice."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise CourseInputError(path, f"{what} not found", hint) from None
    return os.path.abspath(path), stat.st_mtime_ns, stat.st_size


def load_lexicon_file(path: str | Path, *, what: str = "lexicon", lines: bool = False,
                      hint: str = "restore it from the repository") -> YamlFile:
    """Read one lexicon file (UTF-8 YAML holding a mapping) and check that it names its sources.

    ``lines``: every mapping in the data records its line under ``helpers.core.yamlio.LINE``.
    A missing file, bad YAML or no sources raise ``CourseInputError`` naming the file (and line);
    ``hint`` is what the message of a missing file suggests.
    """
    path = Path(path)
    if not path.is_file():
        raise CourseInputError(path, f"{what} not found", hint)
    file = load_yaml_file(path, what=what, lines=lines)
    if not _names_sources(file.data):
        raise CourseInputError(path, f"the {what} names no sources",
                               "add 'sources:' (one entry per source) or 'source:' saying where its entries "
                               "come from; see data/lexicons/README.md", line=file.data.get(LINE, 1))
    return file


def _names_sources(data: dict[str, Any]) -> bool:
    sources = data.get("sources")
    if isinstance(sources, dict) and any(k != LINE for k in sources):
        return True
    source = data.get("source")
    if isinstance(source, str):
        return bool(source.strip())
    return isinstance(source, dict) and any(k != LINE for k in source)
