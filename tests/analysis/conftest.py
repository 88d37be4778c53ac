"""Fixtures of the argument-map tests (tests/analysis/test_arguments_*.py): the seed article, its
argument map as loaded and as plain YAML data. A test module's own fixture of the same name wins."""

from __future__ import annotations

import pytest
import yaml

from argument_maps import MAP_FILE, PACK, SEED
from helpers.analysis import arguments as A
from helpers.model.article import load_article


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture(scope="module")
def amap(seed):
    return A.load_argument_map(PACK, article=seed)


@pytest.fixture(scope="module")
def raw_map():
    return yaml.safe_load(MAP_FILE.read_text(encoding="utf-8"))
