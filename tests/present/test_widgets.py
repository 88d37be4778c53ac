"""helpers.present.widgets: self-checks that explain why, save through the workspace, and never put the
key or model answer into widget state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.present import widgets as W
from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.core.paths import SEED_ARTICLE_ID
from helpers.model.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"
SECRET_WHY = "SECRET-WHY because the third sentence asks"
SECRET_HINT = "SECRET-HINT look for the question mark"
SECRET_FEEDBACK = "SECRET-FEEDBACK this one only reports"
SECRET_MODEL = "SECRET-MODEL the byline on the original page"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture
def ws(seed, tmp_path):
    return open_workspace(seed, tmp_path / "work")


def choice(seed, key="default"):
    if key == "default":
        key = {"answer": "p1.s3", "why": SECRET_WHY, "hint": SECRET_HINT, "feedback": {"p1.s1": SECRET_FEEDBACK}}
    return W.ChoiceExercise("01_predict_question", "Exercise 1a", "Which sentence asks the question?",
                            W.sentence_options(seed.paragraph(1).sentences), key, article=seed)


def labels(seed, key="default"):
    if key == "default":
        key = {"labels": {"p1.s1": "a reported view", "p1.s2": "a reported view", "p1.s3": "the author's own voice"},
               "why": {"p1.s1": SECRET_WHY, "p1.s2": SECRET_HINT, "p1.s3": SECRET_FEEDBACK}}
    return W.LabelExercise.over_sentences("01_opening_voices", "Exercise 2", "Whose voice?",
                                          seed.paragraph(1).sentences, W.VOICE_LABELS, key, seed)


def free(key="default"):
    if key == "default":
        key = {"model_answer": SECRET_MODEL, "look_for": [SECRET_HINT]}
    return W.FreeTextExercise("01_this_author", "Exercise 3", "Who is this author?", key)


def widget_state(box) -> str:
    """The state of the widget and everything it depends on, as a static page would store it."""
    from ipywidgets.embed import dependency_state

    return json.dumps(dependency_state(box, drop_defaults=False))


SECRETS = (SECRET_WHY, SECRET_HINT, SECRET_FEEDBACK, SECRET_MODEL, "SECRET")


@pytest.mark.parametrize("make", [choice, labels, lambda seed: free()], ids=["choice", "labels", "free"])
def test_key_and_model_answer_never_enter_widget_state(seed, ws, make):
    ex = make(seed)
    box = ex.widget(ws)
    state = widget_state(box)
    assert len(state) > 500  # the state really was collected
    assert not any(s in state for s in SECRETS)
    assert "p1.s1" in state or ex.kind == "text"  # the options themselves are there


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


def test_labels_score_each_sentence_with_reasons(seed, ws):
    ex = labels(seed)
    fb = ex.check({"p1.s1": "a reported view", "p1.s3": "a reported view"})
    assert fb.correct is False and fb.message.startswith("1 of 3 right.")
    assert "p1.s2: not labelled yet" in fb.message
    assert "p1.s3: you said “a reported view”" in fb.message and SECRET_FEEDBACK in fb.message
    full = ex.check({"p1.s1": "a reported view", "p1.s2": "a reported view", "p1.s3": "the author's own voice"})
    assert full.correct is True and full.message.startswith("3 of 3 right.")
    assert ex.check({}).correct is False
    ex.widget(ws)
    ex.controls["p1.s1"].value = "a reported view"
    ex.button.click()
    assert ws.answer("01_opening_voices") == {"p1.s1": "a reported view"}
    reloaded = labels(seed)
    reloaded.widget(ws)
    assert reloaded.controls["p1.s1"].value == "a reported view" and reloaded.controls["p1.s2"].value is None


def test_a_label_key_for_other_sentences_is_no_key(seed):
    ex = labels(seed, key={"labels": {"p5.s1": "a reported view"}})
    assert not ex.has_key and MISSING_KEY in ex.check({"p1.s1": "a reported view"}).message
    ex = labels(seed, key={"labels": {"p1.s1": "irony"}})
    assert not ex.has_key


def test_free_text_shows_model_answer_only_after_an_answer(seed, ws):
    ex = free()
    assert ex.check("  ").correct is False and SECRET_MODEL not in ex.check("").message
    fb = ex.check("I would read the byline.")
    assert fb.correct is None and SECRET_MODEL in fb.message and SECRET_HINT in fb.message
    ex.widget(ws)
    ex.control.value = "I would read the byline."
    ex.button.click()
    assert ws.answer("01_this_author") == "I would read the byline."
    assert free(key=None).check("x").message == f"Exercise 3: {MISSING_KEY}"


def test_show_displays_question_with_missing_notice(seed, ws, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False, **kw: shown.append(obj))
    free(key=None).show(ws)
    assert shown[0]["text/markdown"].startswith("**Exercise 3.** Who is this author?")
    assert f"Exercise 3: {MISSING_KEY}" in shown[0]["text/markdown"]
    W.show_solution(choice(seed))
    assert SECRET_WHY in shown[-1]["text/markdown"] and "p1.s3" in shown[-1]["text/markdown"]
    W.show_solution(free(key=None))
    assert MISSING_KEY in shown[-1]["text/markdown"]


def test_the_seed_pack_keys_work_with_the_widgets(seed):
    """The real keys in the seed's exercises.yaml fit the exercises notebook 01 builds."""
    pack = load_pack(seed)
    ex = W.ChoiceExercise("01_predict_question", "1a", "q", W.sentence_options(seed.paragraph(1).sentences),
                          pack.exercise("01_predict_question"), article=seed)
    assert ex.has_key and ex.check(pack.exercise("01_predict_question")["answer"]).correct is True
    lx = W.LabelExercise.over_sentences("01_opening_voices", "2", "q", seed.paragraph(1).sentences, W.VOICE_LABELS,
                                        pack.exercise("01_opening_voices"), seed)
    assert lx.has_key and lx.check(pack.exercise("01_opening_voices")["labels"]).correct is True
    for exercise_id in ("01_predict_question", "01_opening_voices"):
        key_text = json.dumps(pack.exercise(exercise_id), ensure_ascii=False)
        box = (ex if exercise_id == "01_predict_question" else lx).widget()
        state = widget_state(box)
        for reason in (pack.exercise(exercise_id).get("why"), pack.exercise(exercise_id).get("discussion")):
            texts = reason.values() if isinstance(reason, dict) else [reason]
            assert not any(t and t[:40] in state for t in texts), key_text[:80]


def test_note_taker_saves_sentence_and_phrase_notes(seed, ws, tmp_path):
    from helpers.core.errors import CourseInputError

    taker = W.NoteTaker(seed, ws, seed.paragraph(1).sentences)
    whole = taker.save("p1.s3", "the question", "frame, question")
    assert whole.exact == seed.sentence("p1.s3").text and whole.tags == ["frame", "question"]
    part = taker.save("p1.s1", "the formula", phrase="Azerbaijan is the prize")
    assert seed.text[part.start:part.end] == "Azerbaijan is the prize"
    with pytest.raises(CourseInputError, match="not in p1.s2"):
        taker.save("p1.s2", "x", phrase="not in this sentence")
    table = open_workspace(seed, tmp_path / "work").annotations_table(seed)
    assert list(table["sentence"]) == ["p1.s3", "p1.s1"]
    assert list(table["note"]) == ["the question", "the formula"]
    box = taker.widget()
    taker.controls["sentence"].value = "p1.s2"
    taker.controls["phrase"].value = "he added"
    taker.controls["note"].value = "reporting cue"
    taker.button.click()
    assert ws.annotations[-1].exact == "he added" and ws.annotations[-1].note == "reporting cue"
    assert "Saved a note on p1.s2" in taker.output.outputs[0]["data"]["text/markdown"]
    assert taker.controls["note"].value == ""  # ready for the next note
    taker.controls["phrase"].value = "no such words"
    taker.button.click()
    assert "is not in p1.s2" in taker.output.outputs[0]["data"]["text/markdown"]
    assert len(ws.annotations) == 3
    assert box is not None
