"""helpers.present.exercises.choice: a choice says why, points at the sentence, saves through the
workspace and reloads; a key that does not fit is no key; the conclusion's voice comes from the map."""

from __future__ import annotations

import json

from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY
from helpers.model.workspace import open_workspace
from helpers.present.exercises.choice import conclusion_voice_exercise
from present_examples import SECRET_FEEDBACK, SECRET_HINT, SECRET_WHY, choice
from support import SYNTHETIC_ARTICLE


def test_choice_check_says_why_and_points_at_the_sentence(seed):
    ex = choice(seed)
    right = ex.check("p1.s3")
    assert right.correct is True
    assert "p1.s3" in right.message and seed.sentence("p1.s3").text[:60] in right.message
    assert SECRET_WHY in right.message
    wrong = ex.check("p1.s1")
    assert wrong.correct is False and "p1.s1" in wrong.message and SECRET_FEEDBACK in wrong.message
    assert SECRET_WHY not in wrong.message  # a wrong answer does not reveal the right one
    other = ex.check("p1.s2")
    assert other.correct is False and SECRET_HINT in other.message
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
    other = next(v for v in ("author", "reported", "contested") if v != conclusion.voice)
    wrong = ex.check(other)
    assert wrong.correct is False and "reporting cue" in wrong.message
    assert conclusion.sentences[0] in ex.question
    state = json.dumps(ex.widget(None).get_state(), default=str)
    assert (conclusion.note or "")[:40] not in state
    none = conclusion_voice_exercise(load_article(SYNTHETIC_ARTICLE), None)
    assert not none.has_key and none.check("author").correct is None
