"""Small helpers shared by the tests (imported by name: pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.paths import ARTICLE_SUFFIXES, SEED_ARTICLE_ID
from helpers.model.article import parse_article

DATA = Path(__file__).resolve().parent.parent / "data"
#: The seed article, the course's default (the ``seed_article_path`` fixture).
SEED_ARTICLE = DATA / "articles" / f"{SEED_ARTICLE_ID}.txt"
#: A bundled article whose pack has no argument map, no reading or trace key: lessons on it say so.
SYNTHETIC_ARTICLE = DATA / "articles" / "synthetic-2021-northern-corridor.txt"

# Hostile inputs (megabytes of brackets, capitals or quotation marks) must finish: a test that
# runs longer than this is stopped and fails (pytest-timeout). Linear scans take seconds even on
# a loaded machine; catastrophic backtracking takes hours. How fast they are is measured by
# benchmarks/bench_hostile.py, not asserted here.
HOSTILE_TIMEOUT_S = 600


def article_for_key(key: Path) -> Path:
    """The bundled article that an answer key ``data/annotations/<id>/key/<name>.yaml`` belongs to."""
    article_id = key.parent.parent.name
    for suffix in ARTICLE_SUFFIXES:
        path = DATA / "articles" / f"{article_id}{suffix}"
        if path.exists():
            return path
    pytest.fail(f"{key}: no article data/articles/{article_id}.(txt|md) for this key")


def make_article(*paragraphs: str, caption: str | None = None):
    """A small article in the seed's shape from body paragraphs (and an optional caption)."""
    head = "A Test Article\n\nPublication: Test Monitor Volume: 1 Issue: 1\n\n"
    if caption:
        head += caption + "\n\n"
    return parse_article(head + "\n\n".join(paragraphs) + "\n", article_id="test")


def texts(value) -> list[str]:
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def shown(nb) -> str:
    """Everything a reader of an executed notebook can see or fetch: outputs and widget state, one line."""
    parts = [t for c in nb["cells"] for o in c.get("outputs", []) for t in texts(o.get("data", {}))]
    parts += texts(nb.get("metadata", {}).get("widgets", {}))
    return " ".join(" ".join(parts).split())
