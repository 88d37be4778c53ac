"""helpers.analysis.scoring: one precision and recall for every list of names, counted by hand."""

from __future__ import annotations

import pytest

from helpers.analysis.actors import Actor
from helpers.analysis.scoring import score_names


def test_the_machines_actors_against_a_students_list():
    found = [Actor("Russia", "state", ["Russia", "Moscow"], []), Actor("Georgia", "state", ["Georgia"], []),
             Actor("Regnum", "media", ["Regnum"], []), Actor("Sochi", "state", ["Sochi"], [])]
    s = score_names(found, ["moscow", "Georgia", "Iran", "Georgia", "Russia"])
    # 'moscow' and 'Russia' are both found by the actor Russia; 'Georgia' counts once
    assert s.found == ["moscow", "Georgia", "Russia"] and s.missed == ["Iran"]
    assert s.recall == pytest.approx(3 / 4)
    # the outlet that matches nothing is left open; Sochi (a state here) is a false positive
    assert s.uncounted == ["Regnum"] and s.false_positives == ["Sochi"]
    assert s.true_positives == ["Russia", "Georgia"] and s.precision == pytest.approx(2 / 3)


def test_an_outlet_on_the_reference_counts():
    found = [Actor("Regnum", "media", ["Regnum"], []), Actor("TASS", "media", ["TASS"], [])]
    s = score_names(found, [{"name": "Regnum", "aliases": ["Regnum"]}])
    assert s.precision == 1.0 and s.recall == 1.0 and s.uncounted == ["TASS"]
    assert score_names(found, [], open_types=()).precision == 0.0


def test_a_key_entry_is_found_by_an_alias_and_a_name_first():
    key = [{"name": "Ilham Aliyev", "aliases": ["Aliyev", "the president"]}, {"name": "Azerbaijan", "aliases": ["Baku"]}]
    s = score_names(["the President", "  baku "], key)
    assert s.found == ["Ilham Aliyev", "Azerbaijan"] and s.precision == 1.0 and s.recall == 1.0
    named = score_names(["Aliyev", "Ilham Aliyev"], [{"name": "Ilham Aliyev", "aliases": ["Aliyev"]}])
    assert named.matches == {"Ilham Aliyev": "Ilham Aliyev"}          # the same name wins over an alias
    assert named.false_positives == ["Aliyev"] and named.precision == 0.5


def test_empty_lists_score_one():
    s = score_names([], [])
    assert (s.precision, s.recall) == (1.0, 1.0)
    assert s.to_dict() == {"precision": 1.0, "recall": 1.0, "true_positives": [], "false_positives": [],
                           "uncounted": [], "found": [], "missed": []}
