"""helpers.analysis.arguments.validate: the seed's map is valid and loads from every kind of reference;
every kind of broken map is named with its file, line and statement."""

from __future__ import annotations

import copy

import pytest
import yaml

from argument_maps import MAP_FILE, PACK, SEED_ID
from helpers.analysis import arguments as A
from helpers.core.errors import CourseInputError
from helpers.model.article import parse_article


def test_seed_map_is_valid_against_the_article(seed, raw_map):
    assert A.validate_argument_map(raw_map, seed, path=MAP_FILE) == []


def test_seed_map_loads_from_every_kind_of_pack_reference(seed, amap):
    for ref in (SEED_ID, PACK, MAP_FILE, seed, None):
        other = A.load_argument_map(ref)
        assert other.ids == amap.ids
        assert [r.to_dict() for r in other.relations] == [r.to_dict() for r in amap.relations]


def _broken(raw_map, change):
    data = copy.deepcopy(raw_map)
    change(data)
    return data


def test_missing_text_is_named_with_the_statement(raw_map):
    data = _broken(raw_map, lambda d: d["statements"][2].pop("text"))
    sid = raw_map["statements"][2]["id"]
    problems = A.validate_argument_map(data, path=MAP_FILE, text=MAP_FILE.read_text(encoding="utf-8"))
    assert len(problems) == 1
    assert f"statement '{sid}'" in problems[0] and "missing 'text'" in problems[0]
    assert problems[0].startswith(str(MAP_FILE) + ":")           # file and line
    line = int(problems[0][len(str(MAP_FILE)) + 1:].split(":")[0])
    assert f"id: {sid}" in MAP_FILE.read_text(encoding="utf-8").splitlines()[line - 1]
    assert "\n" not in problems[0]


def test_relation_to_unknown_id_and_bad_type(raw_map):
    def change(d):
        d["relations"][0]["to"] = "no-such-statement"
        d["relations"][1]["type"] = "undercut"
    problems = A.validate_argument_map(_broken(raw_map, change), path="argument.yaml")
    assert len(problems) == 2
    assert any("unknown statement 'no-such-statement'" in p and f"({raw_map['relations'][0]['from']} ->" in p
               for p in problems)
    assert any("'type' is 'undercut'" in p and "support, attack" in p for p in problems)
    assert all(p.startswith("argument.yaml: ") for p in problems)


def test_relation_problems_point_at_the_relation_line(tmp_path, raw_map):
    data = _broken(raw_map, lambda d: d["relations"][3].__setitem__("to", "nowhere"))
    path = tmp_path / "argument.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CourseInputError, match="unknown statement 'nowhere'") as err:
        A.load_argument_map(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert f"from: {raw_map['relations'][3]['from']}" in lines[err.value.line - 1]
    assert any("to: nowhere" in ln for ln in lines[err.value.line - 1:err.value.line + 3])


def test_every_problem_is_collected(raw_map, seed):
    def change(d):
        d["statements"][0]["kind"] = "opinion"
        d["statements"][1].pop("speaker")                    # reported without a speaker
        d["statements"].append(dict(d["statements"][3]))     # duplicate id
        d["statements"][4]["sentences"] = ["p99.s1"]
        d["statements"][5]["quote"] = "words the article never prints"
        d["relations"].append({"from": "prize", "to": "prize", "type": "support"})
        d["relations"].append(dict(d["relations"][0]))       # listed twice
    problems = A.validate_argument_map(_broken(raw_map, change), seed, path="argument.yaml")
    text = "\n".join(problems)
    s = raw_map["statements"]
    assert f"statement '{s[0]['id']}': 'kind' is 'opinion'" in text
    assert f"statement '{s[1]['id']}': voice 'reported' needs a 'speaker'" in text
    assert f"statement '{s[3]['id']}': the id is used twice" in text
    assert f"statement '{s[4]['id']}': sentence 'p99.s1' is not in article" in text
    assert f"statement '{s[5]['id']}': the quote is not copied exactly" in text
    assert "statement 'prize' cannot support or attack itself" in text
    assert f"relation {len(raw_map['relations']) + 2} ({raw_map['relations'][0]['from']} -> " in text
    assert "the relation is listed twice" in text
    assert len(problems) == 7


def test_contested_voice_needs_a_note_and_ids_must_be_well_formed(raw_map):
    def change(d):
        d["statements"][0]["voice"] = "contested"
        d["statements"][1]["sentences"] = ["paragraph 1"]
        d["statements"][2]["id"] = "2 bad id"
    problems = A.validate_argument_map(_broken(raw_map, change))
    text = "\n".join(problems)
    assert f"statement '{raw_map['statements'][0]['id']}': voice 'contested' needs a 'note'" in text
    assert "sentence id 'paragraph 1' is not of the form 'p3.s2'" in text
    assert "'id' '2 bad id' is not a valid id" in text


def test_not_a_mapping():
    assert "must be a mapping" in A.validate_argument_map(["a", "list"])[0]


def test_load_raises_one_line_error_naming_file_line_and_statement(tmp_path, raw_map):
    data = _broken(raw_map, lambda d: d["statements"][3].pop("text"))
    sid = raw_map["statements"][3]["id"]
    path = tmp_path / "argument.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        A.load_argument_map(path)
    msg = str(err.value)
    assert "\n" not in msg and str(path) in msg and f"statement '{sid}'" in msg and "missing 'text'" in msg
    assert err.value.line is not None
    assert f"id: {sid}" in path.read_text(encoding="utf-8").splitlines()[err.value.line - 1]


def test_missing_map_and_bad_yaml(tmp_path):
    with pytest.raises(CourseInputError, match="no argument map"):
        A.load_argument_map(tmp_path)
    (tmp_path / "argument.yaml").write_text("statements: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="not valid YAML"):
        A.load_argument_map(tmp_path)


def test_relation_naming_an_unknown_scheme_instance(tmp_path, raw_map):
    data = _broken(raw_map, lambda d: d["relations"][0].__setitem__("scheme", "no-such-instance"))
    (tmp_path / "argument.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "schemes.yaml").write_text("instances: []\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="scheme instance 'no-such-instance'"):
        A.load_argument_map(tmp_path)


def test_map_of_another_article_is_refused(raw_map):
    other = parse_article("T\n\nPublication: X Volume: 1 Issue: 1\n\nOne sentence here. Two.\n", article_id="other")
    problems = A.validate_argument_map(raw_map, other)
    assert any("the map is for article" in p for p in problems)
    assert any("sentence 'p8.s2' is not in article 'other'" in p for p in problems)
