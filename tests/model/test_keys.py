"""helpers.model.keys: a sealed answer checks like the clear one and does not show it."""

from __future__ import annotations

import pytest

from helpers.model import keys


def test_a_sealed_answer_matches_the_answer_and_nothing_else():
    sealed = keys.seal("p2.s1", "ex_question", salt="0123abcd")
    assert keys.is_sealed(sealed) and "p2.s1" not in sealed
    assert keys.matches(sealed, "p2.s1", "ex_question")
    assert not keys.matches(sealed, "p2.s2", "ex_question")
    assert not keys.matches(sealed, None, "ex_question")


def test_a_sealed_answer_belongs_to_one_exercise_and_one_item():
    sealed = keys.seal("a reported view", "ex_voices", "p1.s2", salt="feed")
    assert keys.matches(sealed, "a reported view", "ex_voices", "p1.s2")
    assert not keys.matches(sealed, "a reported view", "ex_voices", "p1.s3")
    assert not keys.matches(sealed, "a reported view", "other_exercise", "p1.s2")


def test_sealed_and_clear_keys_fold_alike():
    for key in ("The council’s view", keys.seal("The council’s view", "ex", "i")):
        assert keys.matches(key, "the council's  view", "ex", "i")
        assert not keys.matches(key, "the councils view", "ex", "i")


def test_one_answer_sealed_twice_gives_two_values_and_both_check():
    one, two = keys.seal("yes", "ex"), keys.seal("yes", "ex")
    assert one != two  # a fresh salt each time: equal answers do not show as equal values
    assert keys.matches(one, "yes", "ex") and keys.matches(two, "yes", "ex")


@pytest.mark.parametrize("broken", ["sealed:", "sealed:salt", "sealed::abc"])
def test_a_malformed_sealed_value_matches_nothing(broken):
    assert not keys.matches(broken, "", "ex")
    assert not keys.matches(broken, "anything", "ex")
