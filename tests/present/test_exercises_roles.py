"""helpers.present.exercises.roles: the student gives each paragraph its job before any role is
shown; wrong, partly right and right answers, hints that never name a role, no key, a sealed key,
a withheld key, and the seed pack's key."""

from __future__ import annotations

from helpers.model.keys import seal
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.present.exercises.base import WITHHELD_KEY
from helpers.present.exercises.roles import PARAGRAPH_ROLES, RoleExercise
from present_examples import widget_state
from support import make_article

SECRET_POINTER = "SECRET-POINTER read the opening clause of the second paragraph"


def article():
    return make_article("Will the new bridge ever be finished? The question returns every spring.",
                        "Work began in 2010 and has stopped twice since then.",
                        "In short, the bridge waits for money, not for engineers.")


def key(**extra):
    return {"labels": {1: "frame", 2: "background", 3: "conclusion"}, "also": {3: ["interpretation"]},
            "hint": {2: SECRET_POINTER}, **extra}


def roles(k="default", reading=None):
    return RoleExercise("02_paragraph_roles", "Exercise 1", "Give each paragraph its job.", article(),
                        key() if k == "default" else k, reading)


def test_wrong_partly_right_and_right():
    ex = roles()
    assert ex.check({}).correct is False
    wrong = ex.check({"1": "conclusion", "2": "frame", "3": "a source's case"})
    assert wrong.correct is False and "0 of 3 paragraphs right" in wrong.message and "not yet" in wrong.message
    assert len(wrong.hints) >= 2 and SECRET_POINTER in wrong.hints[1]
    partly = ex.check({"1": "frame", "2": "frame"})
    assert partly.correct is False and "1 of 3" in partly.message and "¶3: no role yet" in partly.message
    # neither the message nor a hint of a wrong try names the role expected
    for fb in (wrong, partly):
        shown = fb.message.replace("“frame”", "") + " ".join(fb.hints)
        assert "“background”" not in shown and "“conclusion”" not in fb.hints[0]
    right = ex.check({"1": "frame", "2": "background", "3": "interpretation"})  # an "also" role is accepted
    assert right.correct is True and "3 of 3" in right.message


def test_without_a_key_the_roles_are_saved_and_not_scored():
    ex = roles(None)
    assert MISSING_KEY in ex.intro()
    fb = ex.check({"1": "frame"})
    assert fb.correct is None and MISSING_KEY in fb.message


def test_a_key_for_another_article_or_other_roles_is_no_key():
    assert not roles({"labels": {9: "frame"}}).has_key
    assert not roles({"labels": {1: "prologue"}}).has_key


def test_a_sealed_key_gives_the_same_verdicts():
    sealed = {"labels": {n: seal(r, "02_paragraph_roles", str(n)) for n, r in key()["labels"].items()},
              "also": {3: [seal("interpretation", "02_paragraph_roles", "3")]}}
    ex = roles(sealed)
    assert ex.has_key
    for answer in ({"1": "frame", "2": "background", "3": "conclusion"}, {"1": "frame", "2": "frame"},
                   {"1": "frame", "2": "background", "3": "interpretation"}):
        assert ex.check(answer).correct == roles().check(answer).correct
    assert "sealed" in ex.solution() and "background" not in ex.solution()


def test_a_withheld_key_checks_nothing_but_gives_hints():
    fb = roles({"withheld": True, "hint": {2: SECRET_POINTER}}).check({"1": "frame"})
    assert fb.correct is None and WITHHELD_KEY in fb.message and fb.hints


def test_the_solution_shows_roles_and_the_reading_notes():
    reading = {"paragraph_roles": [{"paragraph": 2, "role": "background",
                                    "cue": {"sentence": "p2.s1", "quote": "Work began in 2010"},
                                    "why": "SECRET-WHY dates and events, no reading of them"}]}
    ex = roles(reading=reading)
    text = ex.solution()
    assert "**background**" in text and "SECRET-WHY" in text and "Work began in 2010" in text
    assert "p2.s1" in ex.check({"1": "frame", "2": "frame"}).hints[-1]  # the last hint: where the cue is


def test_the_key_never_enters_widget_state(ws, seed):
    pack = load_pack(seed)
    ex = RoleExercise("02_paragraph_roles", "Exercise 1", "q", seed, pack.exercise("02_paragraph_roles"),
                      pack.get("reading"))
    state = widget_state(ex.widget(ws))
    assert len(state) > 500 and all(r in state for r in PARAGRAPH_ROLES)  # the options are there
    for text in [*pack.exercise("02_paragraph_roles")["hint"].values(),
                 *(r["why"] for r in pack.get("reading")["paragraph_roles"])]:
        assert " ".join(text.split())[:40] not in state


def test_the_seed_pack_key_fits(seed):
    pack = load_pack(seed)
    key = pack.exercise("02_paragraph_roles")
    ex = RoleExercise("02_paragraph_roles", "Exercise 1", "q", seed, key, pack.get("reading"))
    assert ex.has_key and ex.check({str(k): v for k, v in key["labels"].items()}).correct is True
    assert set(key["labels"]) == {p.number for p in seed.paragraphs}
