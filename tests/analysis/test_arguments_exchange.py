"""helpers.analysis.arguments.argdown and .aif: the Argdown and AIF round trips, and what each reader
refuses."""

from __future__ import annotations

import json
import re

import pytest

from helpers.analysis import arguments as A
from helpers.core.errors import CourseInputError


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
