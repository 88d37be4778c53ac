"""Shared fixtures (keep this small: ask before adding)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import SEED_ARTICLE

REPO = Path(__file__).resolve().parent.parent

# every build a test runs starts and stops its own zygote: none stays behind a test (the tests of
# the shared zygote set their own value)
os.environ.setdefault("CLOSE_READING_ZYGOTE_LINGER", "0")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository folder (holds helpers/, data/, notebooks/)."""
    return REPO


@pytest.fixture(scope="session")
def seed_article_path() -> Path:
    """The seed article shipped in data/articles."""
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def executed_notebook(tmp_path_factory):
    """Run a lesson notebook on an article with papermill (real kernel, temporary working and work
    folders), once per test session: ``run(name, article_path) -> (executed notebook, work folder)``.

    Several test files check the same executions; each (notebook, article) pair runs once.
    """
    import copy

    import nbformat
    import regenerate_references as regen

    cache: dict = {}

    def run(name: str, article_path: Path):
        key = (name, Path(article_path).stem)
        if key not in cache:
            tmp = tmp_path_factory.mktemp(f"{name}-{Path(article_path).stem}")
            out = tmp / "out.ipynb"
            regen.execute(REPO / "notebooks" / f"{name}.ipynb", out, cwd=tmp, work=tmp / "work",
                          article=str(article_path))
            cache[key] = (nbformat.read(out, as_version=4), tmp / "work")
        nb, work = cache[key]
        return copy.deepcopy(nb), work

    return run


# Test tiers. The slow tier runs real notebooks, site builds, JupyterLab or Chromium: every test
# under tests/site/ and tests/notebooks/, and any other test that asks for an executed notebook.
# `make test` runs both tiers; `make test-fast` only the unit tier (`-m "not slow"`).
_SLOW_FOLDERS = {"site", "notebooks"}
_SLOW_FIXTURES = {"executed_notebook"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in _SLOW_FOLDERS or _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
