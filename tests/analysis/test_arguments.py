"""helpers.analysis.arguments: the seed's argument map and scheme instances against the article, every
kind of broken map, the layout, the drawing, and the Argdown and AIF round trips."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from helpers.analysis import arguments as A
from helpers.model.article import load_article, parse_article
from helpers.core.errors import CourseInputError

ROOT = Path(__file__).resolve().parents[2]
SEED_ID = "edm-2019-16-138-moscow-baku-rapprochement"
SEED = ROOT / "data" / "articles" / f"{SEED_ID}.txt"
PACK = ROOT / "data" / "annotations" / SEED_ID
MAP_FILE = PACK / "argument.yaml"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture(scope="module")
def amap(seed):
    return A.load_argument_map(PACK, article=seed)


@pytest.fixture(scope="module")
def raw_map():
    return yaml.safe_load(MAP_FILE.read_text(encoding="utf-8"))


def _citation_key():
    data = yaml.safe_load((PACK / "key" / "citations.yaml").read_text(encoding="utf-8"))
    return data["citations"]


# -- the seed map ------------------------------------------------------------------------

def test_seed_map_is_valid_against_the_article(seed, raw_map):
    assert A.validate_argument_map(raw_map, seed, path=MAP_FILE) == []


def test_seed_map_loads_from_every_kind_of_pack_reference(seed, amap):
    for ref in (SEED_ID, PACK, MAP_FILE, seed, None):
        other = A.load_argument_map(ref)
        assert other.ids == amap.ids
        assert [r.to_dict() for r in other.relations] == [r.to_dict() for r in amap.relations]


def test_seed_quotes_are_copied_exactly_from_their_sentences(seed, amap):
    # independent of validate_argument_map: plain substring search in the sentences' text
    quoted = [s for s in amap.statements if s.quote]
    assert len(quoted) == len(amap.statements)  # every seed statement quotes its anchor words
    for s in quoted:
        text = " ".join(seed.sentence(x).text for x in s.sentences)
        assert s.quote in text, s.id


def test_seed_citations_are_those_of_the_citation_key(amap):
    by_sentence: dict[str, set[str]] = {}
    for c in _citation_key():
        by_sentence.setdefault(c["sentence"], set()).add(c["raw"])
    cited = 0
    for s in amap.statements:
        allowed = set().union(*(by_sentence.get(x, set()) for x in s.sentences))
        assert set(s.citations) <= allowed, s.id
        cited += len(s.citations)
    assert cited >= 8


def test_seed_map_structure(seed, amap):
    question = [s for s in amap.statements if s.kind == "question"]
    assert [q.sentences for q in question] == [["p1.s3"]]
    assert question[0].quote.endswith("?") and question[0].quote in seed.sentence("p1.s3").text
    q = question[0].id
    into_q = {(r.source, r.type) for r in amap.relations if r.target == q}
    by_sentence = {x: s for s in amap.statements for x in s.sentences}
    # "On the one hand" (p4.s1) argues no; "On the other hand" (p5.s1) argues yes
    p4 = [s for s in amap.statements if s.sentences == ["p4.s1"]][0]
    assert seed.sentence("p4.s1").text.startswith("On the one hand")
    assert (p4.id, "attack") in into_q
    p5 = [s for s in amap.statements if "p5.s1" in s.sentences and s.voice == "reported"][0]
    assert seed.sentence("p5.s1").text.startswith("On the other hand")
    assert (p5.id, "support") in into_q
    assert any(r.source == p5.id and r.target == p4.id and r.type == "attack" for r in amap.relations)
    # the conclusion: "In short …" (p8.s2), contested, with a note
    conclusion = [s for s in amap.statements if s.kind == "conclusion"]
    assert len(conclusion) == 1 and conclusion[0].sentences == ["p8.s2"]
    assert seed.sentence("p8.s2").text.startswith("In short")
    assert conclusion[0].voice == "contested" and conclusion[0].note
    # the commentator's case, paragraphs 6-8, feeds the conclusion
    commentator = {s.id for s in amap.statements if s.speaker == "Kavkaz Omarov"}
    assert {int(x[1]) for s in amap.statements if s.id in commentator for x in s.sentences} >= {7, 8}
    g = amap.graph()
    import networkx as nx
    assert all(nx.has_path(g, c, conclusion[0].id) for c in commentator)
    # every statement is connected to the question
    assert all(nx.has_path(g, s, q) for s in amap.ids)
    assert by_sentence["p1.s3"].id == q


def test_reported_statements_name_a_speaker_the_article_mentions(seed, amap):
    for s in amap.statements:
        if s.voice == "reported":
            assert s.speaker
            assert s.speaker.split()[-1] in seed.text, s.id


# -- broken maps -------------------------------------------------------------------------

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


# -- tables ------------------------------------------------------------------------------

def test_tables(amap):
    st = A.statement_table(amap)
    assert list(st["id"]) == amap.ids
    supports = sum(len([x for x in v.split(", ") if x]) for v in st["supports"])
    attacks = sum(len([x for x in v.split(", ") if x]) for v in st["attacks"])
    assert (supports, attacks) == (sum(r.type == "support" for r in amap.relations),
                                   sum(r.type == "attack" for r in amap.relations))
    rt = A.relation_table(amap)
    assert list(rt.columns) == ["from", "to", "type", "scheme", "note"] and len(rt) == len(amap.relations)


# -- layout and drawing ------------------------------------------------------------------

def test_layout_is_layered_and_deterministic(amap):
    pos = A.layout(amap)
    assert pos == A.layout(amap)
    targets: dict[str, list[str]] = {i: [] for i in amap.ids}
    for r in amap.relations:
        targets[r.source].append(r.target)
    for sid, (layer, _) in pos.items():
        if not targets[sid]:
            assert layer == 0
        else:  # one below the nearest statement it supports or attacks
            assert layer == 1 + min(pos[t][0] for t in targets[sid]), sid
    for level in {p[0] for p in pos.values()}:
        xs = [x for (lay, x) in pos.values() if lay == level]
        assert len(xs) == len(set(xs))
        assert abs(sum(xs)) < 1e-9  # centred


def test_layout_survives_a_cycle_without_root():
    m = A.argument_map_from_dict({"statements": [
        {"id": "a", "text": "A", "kind": "claim", "voice": "author", "sentences": ["p1.s1"]},
        {"id": "b", "text": "B", "kind": "claim", "voice": "author", "sentences": ["p1.s2"]}],
        "relations": [{"from": "a", "to": "b", "type": "attack"}, {"from": "b", "to": "a", "type": "attack"}]})
    assert A.layout(m) == {"a": (0, 0.0), "b": (1, 0.0)}


def test_diagram_data_matches_the_layout(amap):
    nodes, edges = A.diagram_data(amap)
    assert list(nodes["id"]) == amap.ids and len(edges) == len(amap.relations)
    at = {r.id: (r.x, r.y) for r in nodes.itertuples()}
    for e in edges.to_dict("records"):
        assert (e["x"], e["y"]) == at[e["from"]] and (e["x2"], e["y2"]) == at[e["to"]]


# -- Argdown -----------------------------------------------------------------------------

def _same(a: A.ArgumentMap, b: A.ArgumentMap):
    assert [s.to_dict() for s in a.statements] == [s.to_dict() for s in b.statements]
    assert [r.to_dict() for r in a.relations] == [r.to_dict() for r in b.relations]


def test_argdown_round_trip_on_the_seed(amap):
    text = A.to_argdown(amap)
    back = A.from_argdown(text)
    _same(amap, back)
    assert back.article == amap.article and back.title == amap.title


def test_argdown_output_follows_the_syntax(amap):
    text = A.to_argdown(amap)
    lines = text.splitlines()
    assert lines[0] == "===" and "mode: loose" in text
    for s in amap.statements:
        assert sum(1 for ln in lines if ln.startswith(f"[{s.id}]: ")) == 1
    rel = [ln for ln in lines if ln.startswith("    ")]
    assert len(rel) == len(amap.relations)
    assert all(re.match(r"^    <[+-] \[[A-Za-z][\w-]*\]( // .*)?$", ln) for ln in rel)
    # every relation line sits under its target's reference line, in the map's order
    parent, seen = None, []
    for ln in lines:
        m = re.match(r"^\[([\w-]+)\]$", ln)
        if m:
            parent = m.group(1)
        elif ln.startswith("    "):
            sym, child = re.match(r"^    (<[+-]) \[([\w-]+)\]", ln).groups()
            seen.append((child, parent, "support" if sym == "<+" else "attack"))
    assert seen == [(r.source, r.target, r.type) for r in amap.relations]


def test_argdown_escapes_special_characters():
    m = A.argument_map_from_dict({"statements": [
        {"id": "s1", "text": "Brackets [ier], a #tag, *stars*, _under_, a // slash, @mention, {braces} <arg>",
         "kind": "claim", "voice": "author", "sentences": ["p1.s1"], "quote": "it is eas[ier]"},
        {"id": "s2", "text": "Back\\slash", "kind": "premise", "voice": "reported", "speaker": "X",
         "sentences": ["p1.s2"]}],
        "relations": [{"from": "s2", "to": "s1", "type": "support"}]})
    text = A.to_argdown(m)
    assert "\\[ier\\]" in text and "\\#tag" in text and "\\/\\/" in text
    _same(m, A.from_argdown(text))


def test_from_argdown_reads_handwritten_relations():
    text = """===
title: A hand-written map
===

[a]: The main claim.
{"kind": "claim", "voice": "author", "sentences": ["p1.s1"]}

[b]: A reason. // a comment
{"kind": "premise", "voice": "author", "sentences": ["p1.s2"]}

[c]: An objection.
{"kind": "premise", "voice": "reported", "speaker": "Someone", "sentences": ["p2.s1"]}

[d]: A consequence.
{"kind": "claim", "voice": "author", "sentences": ["p3.s1"]}

[a]
    + [b]
    - [c]
    +> [d]

[b]
    -> [c]
"""
    m = A.from_argdown(text)
    assert m.title == "A hand-written map" and m.ids == ["a", "b", "c", "d"]
    assert [(r.source, r.target, r.type) for r in m.relations] == [
        ("b", "a", "support"), ("c", "a", "attack"), ("a", "d", "support"), ("b", "c", "attack")]


def test_from_argdown_rejects_what_it_cannot_read():
    with pytest.raises(CourseInputError, match="cannot read the block"):
        A.from_argdown("Just an untitled statement.\n")
    with pytest.raises(CourseInputError, match="cannot read the relation line") as err:
        A.from_argdown('[a]: x\n{"kind": "claim", "voice": "author", "sentences": ["p1.s1"]}\n\n[a]\n    >< [b]\n')
    assert err.value.line == 5
    with pytest.raises(CourseInputError, match="unknown statement 'ghost'"):
        A.from_argdown('[a]: x\n{"kind": "claim", "voice": "author", "sentences": ["p1.s1"]}\n\n[a]\n    <+ [ghost]\n')


# -- AIF ---------------------------------------------------------------------------------

def test_aif_round_trip_on_the_seed(amap):
    aif = A.to_aif(amap)
    json.dumps(aif)
    _same(amap, A.from_aif(json.loads(json.dumps(aif))))


def test_aif_structure(amap):
    aif = A.to_aif(amap)
    assert set(aif) == {"nodes", "edges", "locutions"}
    types = {n["nodeID"]: n["type"] for n in aif["nodes"]}
    assert len(types) == len(aif["nodes"])
    assert sum(t == "I" for t in types.values()) == len(amap.statements)
    assert sum(t == "RA" for t in types.values()) == sum(r.type == "support" for r in amap.relations)
    assert sum(t == "CA" for t in types.values()) == sum(r.type == "attack" for r in amap.relations)
    assert len({e["edgeID"] for e in aif["edges"]}) == len(aif["edges"])
    for nid, t in types.items():
        if t in ("RA", "CA"):
            ins = [e["fromID"] for e in aif["edges"] if e["toID"] == nid]
            outs = [e["toID"] for e in aif["edges"] if e["fromID"] == nid]
            assert len(ins) == 1 and len(outs) == 1 and types[ins[0]] == types[outs[0]] == "I"
    texts = {n["text"] for n in aif["nodes"] if n["type"] == "CA"}
    assert texts == {"Default Conflict"}


def test_from_aif_reads_plain_aifdb_json():
    plain = {"AIF": {"nodes": [
        {"nodeID": "101", "text": "Claim", "type": "I", "timestamp": "2019-10-08 10:00:00"},
        {"nodeID": "102", "text": "Reason", "type": "I"},
        {"nodeID": "103", "text": "Objection", "type": "I"},
        {"nodeID": "104", "text": "Default Inference", "type": "RA"},
        {"nodeID": "105", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "106", "text": "Speaker: Reason", "type": "L"}],
        "edges": [{"edgeID": "1", "fromID": "102", "toID": "104"}, {"edgeID": "2", "fromID": "104", "toID": "101"},
                  {"edgeID": "3", "fromID": "103", "toID": "105"}, {"edgeID": "4", "fromID": "105", "toID": "101"}],
        "locutions": []}}
    m = A.from_aif(plain)
    assert [(s.id, s.text, s.kind) for s in m.statements] == [("S101", "Claim", "claim"), ("S102", "Reason", "claim"),
                                                             ("S103", "Objection", "claim")]
    assert [(r.source, r.target, r.type) for r in m.relations] == [("S102", "S101", "support"),
                                                                    ("S103", "S101", "attack")]
    with pytest.raises(CourseInputError, match="'nodes' and 'edges'"):
        A.from_aif({"nodes": "none"})


# -- schemes -----------------------------------------------------------------------------

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
    key = {c["raw"]: c for c in _citation_key()}
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
    bad.write_text("schemes:\n  odd:\n    name: Odd\n    premises: [x]\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="scheme 'odd' is missing conclusion, critical_questions") as err:
        A.load_schemes(bad)
    assert err.value.line == 2


def test_map_of_another_article_is_refused(raw_map):
    other = parse_article("T\n\nPublication: X Volume: 1 Issue: 1\n\nOne sentence here. Two.\n", article_id="other")
    problems = A.validate_argument_map(raw_map, other)
    assert any("the map is for article" in p for p in problems)
    assert any("sentence 'p8.s2' is not in article 'other'" in p for p in problems)
