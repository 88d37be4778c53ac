"""helpers.analysis.actors.overrides: per-article corrections, given or read from the article pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.analysis.actors import extract_actors, load_overrides
from helpers.core.errors import CourseInputError
from support import make_article

DATA = Path(__file__).resolve().parents[2] / "data"


def test_overrides_add_and_ignore(tmp_path: Path):
    art = make_article("The Harbour Board met the Kremlin. Sochi hosted it.")
    result = extract_actors(art, overrides={"actors": [{"name": "Port Council", "type": "organization",
                                                         "aliases": ["Harbour Board"]}],
                                             "ignore": ["the Kremlin", "Kremlin"]})
    council = result.actor("Port Council")
    assert council is not None and council.mentions[0].how == "override"
    assert result.actor("Russia") is None
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  - {name: A, type: state}\n  - {type: state}\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        extract_actors(art, overrides=bad)
    assert "actors.yaml:3:" in str(err.value) and "name" in str(err.value)
    bad.write_text("actors: [\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_overrides(bad)
    assert "actors.yaml" in str(err.value)
    with pytest.raises(CourseInputError):
        load_overrides(["not", "a", "mapping"])


def test_the_article_pack_overrides_are_read_by_default(tmp_path: Path, monkeypatch):
    (tmp_path / "annotations" / "test").mkdir(parents=True)
    (tmp_path / "annotations" / "test" / "actors.yaml").write_text(
        "actors:\n  - {name: Harbour Board, type: organization, aliases: [the board]}\nignore: [Moscow]\n",
        encoding="utf-8")
    shutil.copytree(DATA / "lexicons", tmp_path / "lexicons")
    shutil.copy(DATA / "sources.yaml", tmp_path / "sources.yaml")
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))  # the pack is found where the data folder is
    result = extract_actors(make_article("Moscow agreed, and the board met in Oslo."))
    assert [a.name for a in result.actors] == ["Harbour Board"]
    assert result.actors[0].mentions[0].how == "override"
