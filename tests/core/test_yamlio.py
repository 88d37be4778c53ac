"""helpers.core.yamlio: reading YAML files with their lines, and where a key, a list's items or an
id stand in a YAML text."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.core.errors import CourseInputError
from helpers.core.yamlio import LINE, YamlLines, id_line, item_lines, key_line, load_yaml_file, load_yaml_mapping

TEXT = """\
# a comment
title: A map
schemes:
  expert_opinion:
    name: Argument from expert opinion
  sign: {name: Argument from sign}
statements:
  - id: S1
    text: first
  - {id: S2, text: second}
relations:
  - {from: S1, to: S2, type: support}
  - from: S2
    to: S1
    type: attack
"""


def test_load_yaml_file_records_every_mappings_line(tmp_path: Path):
    path = tmp_path / "map.yaml"
    path.write_text(TEXT, encoding="utf-8")
    plain = load_yaml_file(path, what="argument map")
    assert plain.text == TEXT and plain.data == load_yaml_mapping(path) and LINE not in plain.data
    lined = load_yaml_file(path, what="argument map", lines=True).data
    assert lined[LINE] == 2
    assert lined["schemes"]["sign"][LINE] == 6
    assert [s[LINE] for s in lined["statements"]] == [8, 10]
    assert [r[LINE] for r in lined["relations"]] == [12, 13]


@pytest.mark.parametrize("text, words, line", [
    ("a: [\n", "not valid YAML", 2),
    ("- a\n- b\n", "must be a mapping", None),
])
def test_bad_files_name_the_file_and_line(tmp_path: Path, text, words, line):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    for lines in (False, True):
        with pytest.raises(CourseInputError) as err:
            load_yaml_file(path, what="pack file", lines=lines)
        assert str(path) in str(err.value) and words in str(err.value) and err.value.line == line


def test_an_empty_mapping_file_is_an_empty_mapping(tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load_yaml_file(path, lines=True).data == {}


def test_yaml_lines_finds_keys_items_and_ids(tmp_path: Path):
    lines = YamlLines(TEXT)
    assert lines.key("title") == 2 and lines.key("schemes", "sign") == 6 and lines.key("schemes", "nope") is None
    assert lines.items("statements") == {0: 8, 1: 10} and lines.items("schemes") == {}
    assert lines.item("relations", where={"from": "S2", "to": "S1"}) == 13
    assert lines.item("relations", where={"from": "S1", "to": "S1"}) is None
    assert lines.id("S2") == 10 and lines.id("S9") is None and lines.id(None) is None and lines.id("") is None
    path = tmp_path / "map.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert item_lines(path, "relations") == {0: 12, 1: 13} and key_line(path, "schemes", "expert_opinion") == 4
    assert id_line(TEXT, "S1") == 8 and id_line(None, "S1") is None


def test_a_text_that_does_not_parse_has_no_lines(tmp_path: Path):
    for source in ("a: [\n", "", None, tmp_path / "missing.yaml"):
        lines = YamlLines(source)
        assert lines.key("a") is None and lines.items("a") == {} and lines.id("x") is None
