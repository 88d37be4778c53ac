"""helpers.present.exercises.reconstruction: an argument in standard form (premises, one unstated,
a conclusion, sentence ids that exist), compared with a key's sentences; no key, a sealed
conclusion, a withheld key, and the seed pack's key."""

from __future__ import annotations

from helpers.model.keys import seal
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.present.exercises.base import WITHHELD_KEY
from helpers.present.exercises.reconstruction import ReconstructionExercise, parse_standard_form
from support import make_article

KEY = {"prompt": "The argument of the last paragraph.", "answer": "p2.s2", "premises": ["p2.s1"],
       "hint": ["SECRET-HINT-1 start from the conclusion", "SECRET-HINT-2 what must also be true?"],
       "model_answer": "SECRET-MODEL the town values its river"}
RIGHT = ("P1: Floods have damaged the old road every winter (p2.s1)\n"
         "P2 (unstated): The town should not keep paying for the same repair\n"
         "C: The road should be moved away from the river (p2.s2)")


def article():
    return make_article("The road by the river is old.",
                        "Floods have damaged the old road every winter. So the road should move uphill.")


def rebuild(key=KEY):
    return ReconstructionExercise("05_reconstruct", "Exercise 3", "Reconstruct the argument.", article(), key)


def test_parse_standard_form():
    lines, unread = parse_standard_form("P1: a b c (p1.s1)\nP2*: d e f\nC. g h i (p2.s1)\nnothing")
    assert [x["kind"] for x in lines] == ["premise", "premise", "conclusion"] and unread == ["nothing"]
    assert [x["unstated"] for x in lines] == [False, True, False] and lines[2]["sentences"] == ["p2.s1"]


def test_structure_wrong_partly_right_and_right():
    ex = rebuild()
    assert ex.check("").correct is False
    flat = ex.check("P1: Floods damage the road (p2.s1)\nC: The road should move (p2.s2)")
    assert flat.correct is False and "at least two premises" in flat.message and "unstated" in flat.message
    assert "SECRET-MODEL" not in flat.message + " ".join(flat.hints)
    untied = ex.check(RIGHT.replace(" (p2.s1)", "").replace("(p2.s2)", "(p9.s1)"))
    assert untied.correct is False and "a sentence id for every stated step" in untied.message
    assert "p9.s1 do not" in untied.message
    other = ex.check(RIGHT.replace("(p2.s2)", "(p1.s1)"))
    assert other.correct is False and other.hints == KEY["hint"]
    right = ex.check(RIGHT)
    assert right.correct is True and "2 premises (1 unstated)" in right.message
    assert "SECRET-MODEL" in ex.solution()


def test_without_a_key_only_the_structure_is_checked():
    ex = rebuild(None)
    # it says what it still checks and what the instructor adds, not "no answer key"
    assert MISSING_KEY not in ex.intro() and "the check tests only the form" in ex.intro()
    assert "05_reconstruct" in ex.intro() and "critique.yaml" in ex.intro()
    fb = ex.check(RIGHT.replace("(p2.s2)", "(p1.s1)"))
    assert fb.correct is None and "Standard form: 2 premises (1 unstated)" in fb.message
    assert "the check tests only the form" in fb.message
    bad = ex.check("P1: only one premise here (p1.s1)\nC: and a conclusion (p2.s2)")
    assert bad.correct is False and "one premise marked unstated" in bad.message


def test_a_sealed_conclusion_and_a_withheld_key():
    sealed = rebuild({**KEY, "answer": seal("p2.s2", "05_reconstruct")})
    for text in (RIGHT, RIGHT.replace("(p2.s2)", "(p1.s1)")):
        assert sealed.check(text).correct == rebuild().check(text).correct
    withheld = rebuild({"withheld": True, "hint": KEY["hint"]}).check(RIGHT)
    assert withheld.correct is None and WITHHELD_KEY in withheld.message and withheld.hints == KEY["hint"]


def test_the_seed_pack_key(seed, ws):
    key = load_pack(seed).exercise("05_reconstruct", file="critique")
    ex = ReconstructionExercise("05_reconstruct", "Exercise 3", "q", seed, key)
    assert ex.has_key and key["prompt"].split()[0] in ex.intro()
    mine = ("P1: If the Kremlin blocks a settlement, Baku turns elsewhere (p8.s1)\n"
            "P2 (unstated): Moscow wants to keep its place in the region\n"
            "C: Moscow must do more for Baku now (p8.s2)")
    assert ex.check(mine).correct is True
    ex.widget(ws)
    ex.control.value = mine
    ex.button.click()
    assert ws.answer("05_reconstruct") == mine
