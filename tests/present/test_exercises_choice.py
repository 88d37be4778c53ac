"""helpers.present.exercises.choice: a choice says why, points at the sentence, saves through the
workspace and reloads; a key that does not fit is no key; the conclusion's voice comes from the map."""

from __future__ import annotations

import json

from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY
from helpers.model.workspace import open_workspace
from helpers.model.keys import seal
from helpers.present.exercises.base import WITHHELD_KEY
from helpers.present.exercises.choice import CONCLUSION_VOICES, ChoiceExercise, conclusion_voice_exercise
from present_examples import SECRET_FEEDBACK, SECRET_HINT, SECRET_WHY, choice, shown
from support import SYNTHETIC_ARTICLE


def test_choice_check_says_why_and_points_at_the_sentence(seed):
    ex = choice(seed)
    right = ex.check("p1.s3")
    assert right.correct is True
    assert "p1.s3" in right.message and seed.sentence("p1.s3").text[:60] in right.message
    assert SECRET_WHY in right.message
    wrong = ex.check("p1.s1")
    assert wrong.correct is False and wrong.message.startswith("Not this one: p1.s1 (")
    # step 1 is the key's hint, step 2 the option's own feedback (which may name the answer)
    assert wrong.hints == [SECRET_HINT, SECRET_FEEDBACK]
    assert SECRET_WHY not in wrong.message + "".join(wrong.hints)  # a wrong answer does not reveal the right one
    assert "p1.s3" not in wrong.message + "".join(wrong.hints)
    other = ex.check("p1.s2")
    assert other.correct is False and other.hints[0] == SECRET_HINT and SECRET_FEEDBACK not in other.hints
    assert other.hints[1] == ChoiceExercise.generic_hints[1]
    assert ex.check(None).correct is False and ex.check("p9.s9").correct is False


def test_choice_without_key_says_so_and_still_saves(seed, ws):
    ex = choice(seed, key=None)
    fb = ex.check("p1.s2")
    assert fb.correct is None and fb.message == f"Exercise 1a: {MISSING_KEY}"
    assert MISSING_KEY in ex.intro()
    box = ex.widget(ws)
    ex.control.value = "p1.s2"
    ex.button.click()
    assert ws.answer("01_predict_question") == "p1.s2"
    assert MISSING_KEY in ex.output.outputs[0]["data"]["text/markdown"]
    assert box is not None


def test_a_key_that_does_not_fit_the_options_is_no_key(seed):
    ex = choice(seed, key={"answer": "p7.s1", "why": SECRET_WHY})
    assert not ex.has_key
    assert MISSING_KEY in ex.check("p1.s1").message and SECRET_WHY not in ex.check("p1.s1").message


def test_clicking_checks_saves_and_shows_feedback_then_reloads(seed, ws, tmp_path):
    ex = choice(seed)
    ex.widget(ws)
    assert ex.output.outputs == ()  # nothing shown before the student asks
    ex.control.value = "p1.s3"
    ex.button.click()
    assert SECRET_WHY in ex.output.outputs[0]["data"]["text/markdown"]
    again = open_workspace(seed, tmp_path / "work")
    assert again.answers["01_predict_question"]["answer"] == "p1.s3"
    assert again.answers["01_predict_question"]["correct"] is True
    fresh = choice(seed)
    fresh.widget(again)
    assert fresh.control.value == "p1.s3"  # the saved answer comes back


def test_conclusion_voice_comes_from_the_map(seed, seed_map):
    amap = seed_map
    ex = conclusion_voice_exercise(seed, amap)
    conclusion = next(s for s in amap.statements if s.kind == "conclusion")
    right = ex.check(conclusion.voice)
    assert right.correct is True and conclusion.sentences[0] in right.message
    label = dict((v, lab) for lab, v in CONCLUSION_VOICES)
    assert right.message.startswith(f"Yes: {label[conclusion.voice]}.")
    other = next(v for v in ("author", "reported", "contested") if v != conclusion.voice)
    wrong = ex.check(other)
    # the option's label, never its internal value
    assert wrong.correct is False and wrong.message == f"Not this one: {label[other]}."
    assert "reporting cue" in wrong.hints[0]
    note = " ".join((conclusion.note or "").split())
    assert note and note[:40] not in wrong.hints[0] and wrong.hints[1] == note  # the map's reason is step 2
    assert conclusion.sentences[0] in ex.question
    state = json.dumps(ex.widget(None).get_state(), default=str)
    assert (conclusion.note or "")[:40] not in state
    none = conclusion_voice_exercise(load_article(SYNTHETIC_ARTICLE), None)
    assert not none.has_key and none.check("author").correct is None


def test_choice_ladder_wrong_wrong_again_then_right(seed, ws):
    ex = choice(seed)
    ex.widget(ws)
    ex.control.value = "p1.s1"
    ex.button.click()
    first = shown(ex)
    assert first.startswith("Not this one: p1.s1") and f"**Hint 1 of 2:** {SECRET_HINT}" in first
    assert SECRET_FEEDBACK not in first and SECRET_WHY not in first
    ex.button.click()  # the same wrong answer, a second try: the stronger step
    second = shown(ex)
    assert f"**Hint 2 of 2:** {SECRET_FEEDBACK}" in second and SECRET_HINT not in second and SECRET_WHY not in second
    ex.control.value = "p1.s2"
    ex.button.click()  # later tries repeat the last step
    third = shown(ex)
    assert "**Hint 2 of 2:**" in third and SECRET_WHY not in third and "Yes" not in third
    ex.control.value = "p1.s3"
    ex.button.click()
    right = shown(ex)
    assert right.startswith("Yes: p1.s3") and SECRET_WHY in right and "Hint" not in right
    assert ws.answers["01_predict_question"]["right_at"] == 4


def test_a_sealed_answer_gives_the_same_verdicts(seed):
    clear = choice(seed)
    sealed = choice(seed, key={"answer": seal("p1.s3", "01_predict_question"), "hint": SECRET_HINT,
                               "feedback": {"p1.s1": SECRET_FEEDBACK}})
    assert sealed.has_key
    for value in ("p1.s1", "p1.s2", "p1.s3"):
        assert sealed.check(value).correct is clear.check(value).correct
        assert sealed.check(value).hints == clear.check(value).hints
    assert "sealed:" not in sealed.solution() and WITHHELD_KEY in sealed.solution()
    sealed_for_another_exercise = choice(seed, key={"answer": seal("p1.s3", "02_other")})
    assert not sealed_for_another_exercise.has_key  # it fits no option of this one
    voice = ChoiceExercise("05_conclusion_voice", "E", "Whose view?", list(CONCLUSION_VOICES),
                           {"answer": seal("Reported ", "05_conclusion_voice")}, seed)
    assert voice.check("reported").correct is True and voice.check("author").correct is False


def test_a_withheld_choice_key_says_the_instructor_has_it_and_still_saves(seed, ws):
    ex = choice(seed, key={"withheld": True, "hint": SECRET_HINT})
    assert ex.has_key and ex.withheld
    fb = ex.check("p1.s2")
    assert fb.correct is None and WITHHELD_KEY in fb.message and fb.hints[0] == SECRET_HINT
    ex.widget(ws)
    ex.control.value = "p1.s2"
    ex.button.click()
    assert ws.answer("01_predict_question") == "p1.s2"
    assert WITHHELD_KEY in shown(ex) and SECRET_HINT in shown(ex)
    ex.reveal_button.click()
    assert WITHHELD_KEY in shown(ex)
