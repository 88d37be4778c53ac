"""helpers.analysis.arguments.schemes: the generic schemes, the seed's scheme instances against the map,
the table for lesson 05, and broken instance and scheme files."""

from __future__ import annotations

import pytest
import yaml

from argument_maps import MAP_FILE, PACK, ROOT, citation_key
from helpers.analysis import arguments as A
from helpers.core.errors import CourseInputError


def test_scheme_list_is_generic_and_complete(seed):
    schemes = A.load_schemes()
    assert set(schemes) >= {"expert_opinion", "position_to_know", "sign", "cause_to_effect", "negative_consequences"}
    for s in schemes.values():
        assert s.premises and s.conclusion and len(s.critical_questions) >= 2 and s.source
    assert [q.id for q in schemes["expert_opinion"].critical_questions] == [
        "expertise", "field", "opinion", "trustworthiness", "consistency", "backup_evidence"]
    text = (ROOT / "data" / "lexicons" / "schemes.yaml").read_text(encoding="utf-8")
    for word in ("Moscow", "Baku", "Aliyev", "Omarov", "Armenia"):  # nothing about one article
        assert word not in text


def test_seed_scheme_instances_match_the_map(seed, amap):
    instances = A.load_scheme_instances(PACK, article=seed)
    assert {i.scheme for i in instances} == {"expert_opinion", "position_to_know", "sign", "cause_to_effect",
                                              "negative_consequences"}
    rel = {(r.source, r.target): r.scheme for r in amap.relations}
    for inst in instances:
        for p in inst.premises:
            assert rel.get((p, inst.conclusion)) == inst.id, (inst.id, p)
    named = {r.scheme for r in amap.relations if r.scheme}
    assert named == {i.id for i in instances}


def test_scheme_instances_table_carries_evidence_for_lesson_05(seed):
    df = A.scheme_instances(PACK, article=seed)
    schemes = A.load_schemes()
    instances = A.load_scheme_instances(PACK, article=seed)
    assert len(df) == sum(len(schemes[i.scheme].critical_questions) for i in instances)
    assert set(df["status"]) <= {"open", "answered", "failed"}
    key = {c["raw"]: c for c in citation_key()}
    cited = {c for cs in df["citations"] for c in cs}
    assert cited <= set(key)                       # raw strings exactly as the citation key has them
    lost = {raw for raw, c in key.items() if any(s["name"] is None for s in c["sources"])}
    assert cited & lost                            # lost sources are part of the evidence
    for row in df.itertuples():
        for sid in row.sentences:
            seed.sentence(sid)                     # raises KeyError if not in the article
        if row.status != "open":
            assert row.note and (row.sentences or row.citations)


def test_broken_scheme_instances_are_named(tmp_path, seed):
    (tmp_path / "argument.yaml").write_text(MAP_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "schemes.yaml").write_text(yaml.safe_dump({"instances": [
        {"id": "si-a", "scheme": "expert_opinion", "premises": ["prize"], "conclusion": "turn-on-armenia",
         "critical_questions": [{"id": "expertise", "status": "maybe"}, {"id": "nonsense"},
                                {"id": "field", "sentences": ["p42.s1"], "citations": ["(Nowhere, May 1)"]},
                                {"id": "opinion", "verdict": "fine"}]},
        {"id": "si-b", "scheme": "argument_from_magic", "premises": ["prize"], "conclusion": "question"},
        {"id": "si-c", "scheme": "sign", "premises": ["ghost"], "conclusion": "question"}]}), encoding="utf-8")
    # the argument map names the seed's instance ids, absent here: check the instances alone
    amap = A.argument_map_from_dict(yaml.safe_load(MAP_FILE.read_text(encoding="utf-8")))
    with pytest.raises(CourseInputError) as err:
        A.load_scheme_instances(tmp_path, article=seed, amap=amap)
    msg = str(err.value)
    assert "\n" not in msg and "schemes.yaml" in msg
    for part in ("scheme instance 'si-a': critical question 'expertise' has status 'maybe'",
                 "critical question 'nonsense' is not one of scheme 'expert_opinion'",
                 "sentence 'p42.s1', not in the article", "'(Nowhere, May 1)', not in the article",
                 "critical question 'opinion' has unknown field(s) verdict",
                 "scheme instance 'si-b': unknown scheme 'argument_from_magic'",
                 "scheme instance 'si-c': statement 'ghost' is not in argument.yaml"):
        assert part in msg, part


def test_unlisted_critical_questions_count_as_open(tmp_path, seed):
    amap = A.argument_map_from_dict(yaml.safe_load(MAP_FILE.read_text(encoding="utf-8")))
    (tmp_path / "schemes.yaml").write_text(yaml.safe_dump({"instances": [
        {"id": "only", "scheme": "sign", "premises": ["valdai-signs"], "conclusion": "more-than-immediate",
         "critical_questions": [{"id": "alternatives", "status": "answered",
                                 "evidence": {"sentences": ["p4.s1"], "citations": ["(Regnum, October 6)"]}}]}]}),
        encoding="utf-8")
    (inst,) = A.load_scheme_instances(tmp_path, article=seed, amap=amap)
    assert [(q.id, q.status, q.sentences, q.citations) for q in inst.critical_questions] == [
        ("correlation", "open", [], []), ("alternatives", "answered", ["p4.s1"], ["(Regnum, October 6)"])]


def test_schemes_file_errors(tmp_path):
    bad = tmp_path / "schemes.yaml"
    bad.write_text("schemes:\n  odd:\n    name: Odd\n    premises: [x]\nsource: test\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="scheme 'odd' is missing conclusion, critical_questions") as err:
        A.load_schemes(bad)
    assert err.value.line == 2
