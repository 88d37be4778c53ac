"""helpers.model.lexicons: the one place that finds and reads lexicon files, and refuses a file
that names no sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.analysis.reading import load_lexicons
from helpers.core.errors import CourseInputError
from helpers.core.yamlio import LINE
from helpers.model.lexicons import lexicon_path, lexicon_stamp, lexicons_dir, load_lexicon_file

DATA = Path(__file__).resolve().parents[2] / "data"
BUNDLED = sorted((DATA / "lexicons").glob("*.yaml"))


def test_the_folder_follows_the_data_folder(tmp_path: Path, monkeypatch):
    assert lexicons_dir() == DATA / "lexicons"
    assert lexicon_path("schemes.yaml") == DATA / "lexicons" / "schemes.yaml"
    assert lexicon_path("schemes.yaml", tmp_path / "mine.yaml") == tmp_path / "mine.yaml"
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))
    assert lexicons_dir() == tmp_path.resolve() / "lexicons"


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_lexicon_names_its_sources(path: Path):
    data = load_lexicon_file(path, what=path.stem).data
    assert data.get("sources") or str(data.get("source") or "").strip()


def test_lines_are_recorded_when_asked(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("source: test\nentries:\n  - {form: maybe}\n", encoding="utf-8")
    assert load_lexicon_file(path, lines=True).data["entries"][0][LINE] == 3
    assert LINE not in load_lexicon_file(path).data


@pytest.mark.parametrize("text, words, line", [
    ("entries: [maybe]\n", "names no sources", 1),
    ("# only a comment\n", "names no sources", 1),
    ("sources: {}\nsource: '  '\n", "names no sources", 1),
    ("source: test\nentries: [\n", "not valid YAML", 3),
])
def test_a_bad_lexicon_names_the_file_and_line(tmp_path: Path, text, words, line):
    path = tmp_path / "hedges.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_lexicon_file(path, what="hedge lexicon")
    assert str(path) in str(err.value) and words in str(err.value) and err.value.line == line


def test_a_lexicon_must_be_utf8_and_exist(tmp_path: Path):
    path = tmp_path / "hedges.yaml"
    path.write_bytes("source: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(CourseInputError, match="UTF-8") as err:
        load_lexicon_file(path)
    assert err.value.line == 1
    with pytest.raises(CourseInputError, match="calendar lexicon not found") as err:
        load_lexicon_file(tmp_path / "dates.yaml", what="calendar lexicon")
    assert "dates.yaml" in str(err.value)


def test_the_reading_lexicons_are_read_through_it(tmp_path: Path):
    folder = tmp_path / "lex"
    shutil.copytree(DATA / "lexicons", folder)
    path = folder / "hedges.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("sources:"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("entries:"))
    path.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_lexicons(folder)
    assert "hedges.yaml" in str(err.value) and "names no sources" in str(err.value)


def test_the_stamp_of_a_lexicon_changes_with_the_file(tmp_path: Path):
    path = tmp_path / "hedges.yaml"
    path.write_text("source: a\n", encoding="utf-8")
    first = lexicon_stamp(path)
    path.write_text("source: a longer text\n", encoding="utf-8")
    assert lexicon_stamp(path) != first and lexicon_stamp(path)[0] == str(path.resolve())
    with pytest.raises(CourseInputError, match="lexicon file not found"):
        lexicon_stamp(tmp_path / "boosters.yaml", what="lexicon file")
