"""Where things are, anchored to this package (never to the current working directory).

The course data lives beside the package in the repository (``data/``, ``notebooks/``,
``lessons/``). The environment variable ``CLOSE_READING_DATA`` points the course at
another data folder of the same layout.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from helpers.core.errors import CourseInputError

#: The id of the seed article, the course's default.
SEED_ARTICLE_ID = "edm-2019-16-138-moscow-baku-rapprochement"

#: File endings an article may have.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")


@functools.lru_cache(maxsize=1)
def project_root() -> Path:
    """The repository folder that holds ``helpers/``, ``data/`` and ``notebooks/`` (found once)."""
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    override = os.environ.get("CLOSE_READING_DATA")
    return Path(override).resolve() if override else project_root() / "data"


def resources_dir() -> Path:
    """Where the analyses' own data is: the lexicons, the outlet registry (``sources.yaml``),
    ``publications.yaml`` and ``rubrics/``.

    In the repository (and an editable install) that is the data folder itself
    (``CLOSE_READING_DATA`` or ``data/``); in an installed wheel, where there is no repository,
    the same files shipped as the package ``helpers.resources`` (``setup.py``), found through
    ``importlib.resources``.
    """
    if os.environ.get("CLOSE_READING_DATA") or (project_root() / "data" / "lexicons").is_dir():
        return data_dir()
    from importlib.resources import files

    # through the regular package helpers: helpers.resources has no __init__ (it is data/), and
    # files() of a namespace package is not a plain path
    return Path(str(files("helpers"))) / "resources"


def articles_dir() -> Path:
    return data_dir() / "articles"


def annotations_dir(article_id: str | None = None) -> Path:
    base = data_dir() / "annotations"
    return base / article_id if article_id else base


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def lessons_dir() -> Path:
    return project_root() / "lessons"


def build_dir() -> Path:
    return project_root() / "_build"


def default_article() -> Path:
    return articles_dir() / f"{SEED_ARTICLE_ID}.txt"


def article_id_for(path: str | Path) -> str:
    """The id of an article file: its name without the ending."""
    return Path(path).name.split(".")[0]


def resolve_article(ref: str | Path | None) -> Path:
    """Turn what a person typed (a path, or the id of an article in ``data/articles``) into a path.

    Relative paths are taken relative to the current folder first (that is what a person on
    the command line means), then to the project root. Raises ``CourseInputError`` when
    nothing matches.
    """
    if ref is None or str(ref).strip() == "":
        return default_article()
    raw = Path(str(ref)).expanduser()
    candidates = [raw] if raw.is_absolute() else [Path.cwd() / raw, project_root() / raw]
    for cand in candidates:
        if cand.exists():
            return cand.resolve()
    # an id of a bundled article
    for suffix in ARTICLE_SUFFIXES:
        cand = articles_dir() / f"{raw.name}{suffix}"
        if cand.exists():
            return cand
    known = ", ".join(sorted(p.name.split(".")[0] for p in articles_dir().glob("*")
                             if p.suffix in ARTICLE_SUFFIXES)) or "none"
    raise CourseInputError(
        ref, "no such article file",
        f"give the path of a .txt or .md article, or one of the bundled ids: {known}")
