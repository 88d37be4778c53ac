"""The article pack: ``data/annotations/<article id>/`` — lesson notes, exercises and answer keys.

A pack may be missing or partial; every reader here returns a default then, and notebooks
show :data:`MISSING_KEY` for an exercise without a key. Files:

* ``commentary.yaml`` — per-article lesson notes, by lesson: ``{lesson_01: {note name: text}}``
* ``exercises.yaml``  — per-article exercise settings and keys, by exercise id
* ``key/<name>.yaml`` — answer keys for the analyses (citations, quotes, actors)
* ``actors.yaml``     — run-time overrides for ``helpers.analysis.actors``
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.paths import annotations_dir, article_id_for

#: What a notebook shows when an exercise has no answer key for the article.
MISSING_KEY = "no answer key for this article: compare with a partner"
#: What a notebook shows when the pack has no lesson note of that name.
MISSING_NOTE = "no lesson notes for this article: read it yourself and discuss with a partner"


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
        from helpers.model.article import load_yaml_mapping

        if path not in self._cache:
            self._cache[path] = load_yaml_mapping(path, what="article pack file") if path.is_file() else None
        return self._cache[path]

    def get(self, name: str, default: Any = None) -> Any:
        """The mapping in ``<name>.yaml``, or ``default`` when the file is absent."""
        value = self._read(self.root / f"{_checked(name, self.root)}.yaml")
        return default if value is None else value

    def key(self, name: str, default: Any = None) -> Any:
        """The answer key ``key/<name>.yaml``, or ``default`` when absent."""
        value = self._read(self.root / "key" / f"{_checked(name, self.root)}.yaml")
        return default if value is None else value

    def missing(self, exercise: str) -> str:
        """The plain message shown for ``exercise`` when this article has no key for it."""
        return MISSING_KEY

    # -- lesson notes and exercises ------------------------------------------------------
    def note(self, lesson: str, name: str, default: str | None = MISSING_NOTE) -> Any:
        """A lesson note from ``commentary.yaml`` (``{lesson: {name: …}}``), else ``default``."""
        lesson_notes = self.get("commentary", {}).get(lesson) or {}
        if not isinstance(lesson_notes, dict):
            raise CourseInputError(self.root / "commentary.yaml", f"'{lesson}' must be a mapping of note names to text",
                                   "write it as 'lesson_01:' followed by indented 'name: text' lines")
        value = lesson_notes.get(name)
        return default if value in (None, "", []) else value

    def exercise(self, exercise_id: str) -> dict[str, Any] | None:
        """The settings and key of one exercise from ``exercises.yaml``, or ``None``."""
        value = self.get("exercises", {}).get(exercise_id)
        if value is not None and not isinstance(value, dict):
            raise CourseInputError(self.root / "exercises.yaml", f"exercise '{exercise_id}' must be a mapping",
                                   "give it indented 'prompt:', 'answer:', 'why:' lines")
        return value

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


def load_pack(article: Any) -> ArticlePack:
    """The pack of ``article`` (an ``Article``, an article path or an id); it may not exist."""
    if hasattr(article, "id"):
        article_id = article.id
    else:
        article_id = article_id_for(article)
    return ArticlePack(article_id=article_id, root=annotations_dir(article_id))
