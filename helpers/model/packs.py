"""The article pack: ``data/annotations/<article id>/`` — lesson notes, exercises and answer keys.

This module is the only code that finds or reads pack files: the analyses and the lessons ask
an :class:`ArticlePack` (``load_pack``) or :func:`pack_file` for a path and parse what they
get. A pack may be missing or partial; every reader here returns a default then, and notebooks
show :data:`MISSING_KEY` for an exercise without a key (or :data:`GENERIC_CHECK` for one whose
check needs no key: it tests the form of the answer). Files:

* ``commentary.yaml`` — per-article lesson notes, by lesson: ``{lesson_01: {note name: text}}``
* ``exercises.yaml``  — per-article exercise settings and keys, by exercise id; other files
  (``critique.yaml``) keep the keys of their own exercises under ``exercises:`` the same way
* ``key/<name>.yaml`` — answer keys for the analyses (citations, quotes, actors)
* ``actors.yaml``     — run-time overrides for ``helpers.analysis.actors``
* ``argument.yaml``, ``schemes.yaml``, ``statements.yaml``, ``reading.yaml``, ``trace.yaml``,
  ``glossary.yaml``, ``critique.yaml``, ``hindsight.yaml`` — read by the analyses and lessons
  named in each file's header

In a student kit (``helpers.site.kit``) the same files hold the short answers sealed
(``helpers.model.keys``: ``sealed:…`` values that ``keys.matches`` tests) and no reasons or model
answers; an exercise key (or a whole file, ``trace.yaml``) that says ``withheld: true`` is one whose
check needs what the kit left out. This module reads both alike.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.paths import SEED_ARTICLE_ID, annotations_dir, article_id_for, resources_dir
from helpers.core.yamlio import load_yaml_mapping

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")

#: What a notebook shows when an exercise has no answer key for the article.
MISSING_KEY = "no answer key for this article: compare with a partner"
#: What an exercise without a key says when it still checks what any article allows (the form of
#: the answer): ``GENERIC_CHECK.format(what=…, where=…)``.
GENERIC_CHECK = "the check tests only the form of your answer here ({what}); your instructor can add a key ({where})"
#: What a notebook shows when the pack has no lesson note of that name and there is no generic one.
MISSING_NOTE = "no lesson notes for this article: read it yourself and discuss with a partner"


def generic_notes() -> dict[str, Any]:
    """The generic lesson notes (``data/generic/notes.yaml``): what a lesson says where a pack has
    no note of its own, by pack file (``commentary``, ``critique``, ``hindsight``) as in a pack.
    Read once per version of the file (a lesson asks for a dozen notes)."""
    path = resources_dir() / "generic" / "notes.yaml"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _generic_notes(path, stamp)


@functools.lru_cache(maxsize=4)
def _generic_notes(path: Path, stamp: int) -> dict[str, Any]:
    return load_yaml_mapping(path, what="generic lesson notes")


def value_at(value: Any, keys: tuple[str, ...]) -> Any:
    """The value under ``keys`` (a path of keys) in nested mappings, or ``None``."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


@dataclass
class ArticlePack:
    """The pack of one article; ``root`` need not exist."""

    article_id: str
    root: Path
    _cache: dict[Path, dict[str, Any] | None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def exists(self) -> bool:
        return self.root.is_dir()

    def _read(self, path: Path) -> dict[str, Any] | None:
        if path not in self._cache:
            self._cache[path] = load_yaml_mapping(path, what="article pack file") if path.is_file() else None
        return self._cache[path]

    def file(self, name: str) -> Path | None:
        """The path of the pack file ``<name>.yaml`` if it exists, else ``None``."""
        path = self.root / f"{_checked(name, self.root)}.yaml"
        return path if path.is_file() else None

    def get(self, name: str, default: Any = None) -> Any:
        """The mapping in ``<name>.yaml``, or ``default`` when the file is absent."""
        value = self._read(self.root / f"{_checked(name, self.root)}.yaml")
        return default if value is None else value

    def key(self, name: str, default: Any = None) -> Any:
        """The answer key ``key/<name>.yaml``, or ``default`` when absent."""
        value = self._read(self.root / "key" / f"{_checked(name, self.root)}.yaml")
        return default if value is None else value

    def section(self, name: str, *keys: str, default: Any = None) -> Any:
        """The value under ``keys`` (a path of keys) in ``<name>.yaml``, e.g.
        ``pack.section("critique", "observations", "voices")``; else the generic note at those keys
        (:func:`generic_notes`); else ``default`` (the 'no lesson notes' message when not given)."""
        value = value_at(self.get(name, {}) or {}, keys)
        if value in (None, "", [], {}):
            value = value_at(generic_notes().get(name) or {}, keys)  # the generic note, where there is one
        return (MISSING_NOTE if default is None else default) if value in (None, "", [], {}) else value

    def missing(self) -> str:
        """The plain message shown for an exercise this article's pack has no key for."""
        return MISSING_KEY

    # -- lesson notes and exercises ------------------------------------------------------
    def note(self, lesson: str, name: str, default: str | None = MISSING_NOTE) -> Any:
        """A lesson note from ``commentary.yaml`` (``{lesson: {name: …}}``), else the generic note of
        that name (:func:`generic_notes`), else ``default``."""
        lesson_notes = self.get("commentary", {}).get(lesson) or {}
        if not isinstance(lesson_notes, dict):
            raise CourseInputError(self.root / "commentary.yaml", f"'{lesson}' must be a mapping of note names to text",
                                   "write it as 'lesson_01:' followed by indented 'name: text' lines")
        value = lesson_notes.get(name)
        if value in (None, "", []):
            value = value_at(generic_notes(), ("commentary", lesson, name))  # the generic note, where there is one
        return default if value in (None, "", []) else value

    def exercise(self, exercise_id: str, file: str = "exercises") -> dict[str, Any] | None:
        """The settings and key of one exercise, or ``None``: from ``exercises.yaml`` (where the
        exercise ids are the top-level keys), or from another pack file's ``exercises:`` mapping
        (``pack.exercise("05_critique", file="critique")``)."""
        data = self.get(file, {}) or {}
        value = (data if file == "exercises" else (data.get("exercises") or {})).get(exercise_id)
        if value is not None and not isinstance(value, dict):
            if file != "exercises":  # keys inside other files were always optional mappings
                return None
            raise CourseInputError(self.root / "exercises.yaml", f"exercise '{exercise_id}' must be a mapping",
                                   "give it indented 'prompt:', 'answer:', 'why:' lines")
        return value

    def overrides_path(self) -> Path | None:
        """The pack's run-time actor overrides (``actors.yaml``) if it exists, else ``None``."""
        return self.file("actors")

    def losses(self, metadata: dict[str, Any] | None = None) -> list[dict[str, str]]:
        """What this copy of the article lost: the metadata sidecar's ``losses``, then the pack's."""
        rows: list[dict[str, str]] = []
        for origin, items in (("metadata sidecar", (metadata or {}).get("losses")),
                              ("article pack", self.get("commentary", {}).get("losses"))):
            for item in items or []:
                if not isinstance(item, dict):
                    raise CourseInputError(self.root if origin == "article pack" else None,
                                           f"each entry of 'losses' in the {origin} must be a mapping",
                                           "give 'what:', 'where:' and 'detail:' for each loss")
                rows.append({"what": str(item.get("what", "")), "where": str(item.get("where", "")),
                             "detail": " ".join(str(item.get("detail", "")).split()), "recorded in": origin})
        return rows


def _checked(name: str, root: Path) -> str:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise CourseInputError(root, f"'{name}' is not a pack file name", "give a bare name such as 'exercises'")
    return name


def pack_root(pack: Any) -> Path:
    """The pack folder for ``pack``: None (the seed), an id, a folder, an ArticlePack or an Article."""
    if pack is None:
        return annotations_dir(SEED_ARTICLE_ID)
    if isinstance(getattr(pack, "root", None), Path):
        return pack.root
    if hasattr(pack, "id") and hasattr(pack, "paragraphs"):
        return annotations_dir(pack.id)
    p = Path(str(pack)).expanduser()
    if p.is_dir():
        return p
    if p.is_file():
        return p.parent
    if _ID_RE.match(str(pack)) and annotations_dir(str(pack)).is_dir():
        return annotations_dir(str(pack))
    raise CourseInputError(pack, "no such article pack or file",
                           "give an article id, an Article, or the folder data/annotations/<article id>")


def pack_file(pack: Any, name: str) -> Path:
    """The file ``name`` (e.g. ``"argument.yaml"``) of the pack ``pack`` (see :func:`pack_root`);
    a path to a file is taken as that file itself. The file need not exist."""
    if pack is not None and not hasattr(pack, "root") and not hasattr(pack, "paragraphs"):
        p = Path(str(pack)).expanduser()
        if p.is_file():
            return p
    return pack_root(pack) / name


def load_pack(article: Any) -> ArticlePack:
    """The pack of ``article`` (an ``Article``, an article path or an id); it may not exist."""
    if hasattr(article, "id"):
        article_id = article.id
    else:
        article_id = article_id_for(article)
    return ArticlePack(article_id=article_id, root=annotations_dir(article_id))
