"""Fixtures of the helpers.present tests: the seed article and what the analyses find in it (once
per test module), and a workspace in a temporary work folder."""

from __future__ import annotations

import pytest

from helpers.analysis.actors import extract_actors
from helpers.analysis.arguments import load_argument_map
from helpers.analysis.citations import extract_citations
from helpers.model.article import load_article
from helpers.model.packs import load_pack
from helpers.model.workspace import open_workspace


@pytest.fixture(scope="module")
def seed(seed_article_path):
    """The seed article, loaded."""
    return load_article(seed_article_path)


@pytest.fixture(scope="module")
def seed_cites(seed):
    """The seed's citations."""
    return extract_citations(seed)


@pytest.fixture(scope="module")
def seed_actors(seed):
    """The machine's actor analysis of the seed (no overrides of a student)."""
    return extract_actors(seed)


@pytest.fixture(scope="module")
def seed_map(seed):
    """The seed pack's argument map."""
    return load_argument_map(load_pack(seed).root / "argument.yaml", article=seed)


@pytest.fixture
def ws(seed, tmp_path):
    """A workspace for the seed in ``tmp_path / "work"``."""
    return open_workspace(seed, tmp_path / "work")
