"""Shared fixtures (keep this small: ask before adding)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository folder (holds helpers/, data/, notebooks/)."""
    return REPO


@pytest.fixture(scope="session")
def seed_article_path() -> Path:
    """The seed article shipped in data/articles."""
    return REPO / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
