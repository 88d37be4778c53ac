"""helpers.present.exercises.base: what every exercise does — the key and the model answer never
enter widget state, the question shows the missing-key notice, the solution shows the key; the
hint ladder by try, "Show the answer" (confirmed before any try, recorded), the saved state after
a re-run, and a failed save that keeps the answer."""

from __future__ import annotations

import json

import pytest

from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.workspace import open_workspace
from helpers.present.exercises.base import REVEAL_CONFIRM, Exercise, Feedback
from helpers.present.exercises.choice import ChoiceExercise, conclusion_voice_exercise, sentence_options
from helpers.present.exercises.files import argument_map_exercise
from helpers.present.exercises.labels import VOICE_LABELS, LabelExercise
from present_examples import SECRET_WHY, SECRETS, choice, free, labels, shown, state_without_outputs, widget_state


@pytest.mark.parametrize("make", [choice, labels, lambda seed: free()], ids=["choice", "labels", "free"])
def test_key_and_model_answer_never_enter_widget_state(seed, ws, make):
    ex = make(seed)
    box = ex.widget(ws)
    state = widget_state(box)
    assert len(state) > 500  # the state really was collected
    assert not any(s in state for s in SECRETS)
    assert "p1.s1" in state or ex.kind == "text"  # the options themselves are there


def test_show_displays_question_with_missing_notice(seed, ws, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False, **kw: shown.append(obj))
    free(key=None).show(ws)
    assert shown[0]["text/markdown"].startswith("**Exercise 3.** Who is this author?")
    assert f"Exercise 3: {MISSING_KEY}" in shown[0]["text/markdown"]
    choice(seed).show_solution()
    assert SECRET_WHY in shown[-1]["text/markdown"] and "p1.s3" in shown[-1]["text/markdown"]
    free(key=None).show_solution()
    assert MISSING_KEY in shown[-1]["text/markdown"]


def test_the_seed_pack_keys_work_with_the_widgets(seed):
    """The real keys in the seed's exercises.yaml fit the exercises notebook 01 builds."""
    pack = load_pack(seed)
    ex = ChoiceExercise("01_predict_question", "1a", "q", sentence_options(seed.paragraph(1).sentences),
                        pack.exercise("01_predict_question"), article=seed)
    assert ex.has_key and ex.check(pack.exercise("01_predict_question")["answer"]).correct is True
    lx = LabelExercise.over_sentences("01_opening_voices", "2", "q", seed.paragraph(1).sentences, VOICE_LABELS,
                                      pack.exercise("01_opening_voices"), seed)
    assert lx.has_key and lx.check(pack.exercise("01_opening_voices")["labels"]).correct is True
    for exercise_id in ("01_predict_question", "01_opening_voices"):
        key_text = json.dumps(pack.exercise(exercise_id), ensure_ascii=False)
        box = (ex if exercise_id == "01_predict_question" else lx).widget()
        state = widget_state(box)
        for reason in (pack.exercise(exercise_id).get("why"), pack.exercise(exercise_id).get("discussion")):
            texts = reason.values() if isinstance(reason, dict) else [reason]
            assert not any(t and t[:40] in state for t in texts), key_text[:80]


def test_no_pack_reasons_in_widget_state(seed, seed_map, tmp_path):
    """The site stores widget state: the template and the choices must not carry the map's notes,
    which hold the reason behind Exercise 1's key."""
    import ipywidgets

    amap = seed_map
    ws = open_workspace(seed, tmp_path)
    argument_map_exercise(seed, amap, seed.paragraphs[-1].number).widget(ws)
    conclusion_voice_exercise(seed, amap).widget(ws)
    state = " ".join(json.dumps(ipywidgets.Widget.get_manager_state(), default=str).split())
    notes = [" ".join(s.note.split())[:40] for s in amap.statements if s.note] + \
        [" ".join(r.note.split())[:30] for r in amap.relations if r.note and len(r.note) > 30]
    assert notes and not [n for n in notes if n in state]


# -- the hint ladder, commit before reveal --------------------------------------------------------

def test_feedback_hint_steps_repeat_the_last():
    fb = Feedback(False, "Not yet.", ["weak", "strong"])
    assert [fb.hint(n) for n in (1, 2, 3, 9)] == ["weak", "strong", "strong", "strong"]
    assert Feedback(True, "Yes.").hint(1) == "" and Feedback(True, "Yes.").hints == []
    assert fb.to_dict() == {"correct": False, "message": "Not yet.", "hints": ["weak", "strong"]}


class _Spelling(Exercise):
    """An exercise kind defined outside the package's modules, as another module would: it only
    returns Feedback with hints and a solution."""

    kind = "spelling"

    def check(self, answer):
        if answer.strip() == "harbour":
            return Feedback(True, "Yes: British spelling.")
        if answer.strip() == "harbor":
            return Feedback(False, "Close: that is one spelling.", ["look at the publication line", "the word has a u"])
        return Feedback(False, "Not the word of the first sentence.", ["look at the publication line", "the word has a u"])

    def widget(self, workspace=None):
        return self._text_widget(workspace, placeholder="", label="Word:", height="2em", button="Check")


def test_a_kind_from_another_module_gets_the_ladder_by_returning_hints(seed, ws):
    ex = _Spelling("x_spelling", "Spelling", "How does the article spell it?", {"model_answer": "SECRET-MODEL harbour"})
    ex.widget(ws)
    ex.control.value = "port"
    ex.button.click()
    first = shown(ex)
    assert first.startswith("Not the word of the first sentence.") and "**Hint 1 of 2:** look at the publication line" in first
    assert "a u" not in first and "SECRET" not in first
    ex.control.value = "harbor"  # partly right
    ex.button.click()
    second = shown(ex)
    assert second.startswith("Close") and "**Hint 2 of 2:** the word has a u" in second and "SECRET" not in second
    assert "Show the answer" in second  # the last step says where the answer is
    ex.control.value = "harbour"
    ex.button.click()
    assert shown(ex) == "Yes: British spelling."  # a right answer shows no hint
    entry = ws.answers["x_spelling"]
    assert entry["tries"] == 3 and entry["right_at"] == 3 and entry["correct"] is True
    assert ex.status.value == "<em>Saved: right at try 3</em>"


def test_an_empty_answer_is_no_try(seed, ws):
    ex = free()
    ex.widget(ws)
    ex.button.click()
    assert shown(ex) == "Write your answer first." and ex.tries == 0
    assert "01_this_author" not in ws.answers and not ws.path.exists()


def test_show_the_answer_asks_once_before_any_try_then_records(seed, ws, tmp_path):
    ex = choice(seed)
    ex.widget(ws)
    assert ex.reveal_button.description == "Show the answer"
    ex.reveal_button.click()
    assert shown(ex) == REVEAL_CONFIRM == "Try first? Press again to see the answer."
    assert SECRET_WHY not in shown(ex) and not ws.path.exists()  # nothing recorded yet
    ex.reveal_button.click()
    assert SECRET_WHY in shown(ex) and "p1.s3" in shown(ex)
    assert ws.answers["01_predict_question"]["revealed_after"] == 0
    assert ex.status.value == "<em>Saved: answer shown before any try</em>"
    again = choice(seed)
    again.widget(open_workspace(seed, tmp_path / "work"))
    assert again.status.value == "<em>Saved: answer shown before any try</em>"
    again.reveal_button.click()  # already revealed: no second confirmation
    assert SECRET_WHY in shown(again)


def test_reveal_after_tries_is_recorded_and_shown_after_a_rerun(seed, ws, tmp_path):
    ex = choice(seed)
    ex.widget(ws)
    for wrong in ("p1.s1", "p1.s2"):
        ex.control.value = wrong
        ex.button.click()
        assert SECRET_WHY not in shown(ex)
    ex.reveal_button.click()  # after a try: no confirmation
    assert SECRET_WHY in shown(ex)
    assert ws.answers["01_predict_question"]["revealed_after"] == 2
    rerun = choice(seed)
    rerun.widget(open_workspace(seed, tmp_path / "work"))
    assert rerun.control.value == "p1.s2"  # the last answer is back in the control
    assert rerun.status.value == "<em>Saved: 2 tries, answer shown after 2 tries</em>"
    assert rerun.output.outputs == ()  # and nothing of the key is shown before the student asks
    rerun.control.value = "p1.s3"
    rerun.button.click()  # the count goes on from the saved tries
    entry = open_workspace(seed, tmp_path / "work").answers["01_predict_question"]
    assert (entry["tries"], entry["right_at"], entry["revealed_after"]) == (3, 3, 2)
    assert rerun.status.value == "<em>Saved: right at try 3, answer shown after 2 tries</em>"


def test_right_at_the_first_try_is_saved_and_shown(seed, ws, tmp_path):
    ex = labels(seed)
    ex.widget(ws)
    for item, label in {"p1.s1": "a reported view", "p1.s2": "a reported view", "p1.s3": "the author's own voice"}.items():
        ex.controls[item].value = label
    ex.button.click()
    rerun = labels(seed)
    rerun.widget(open_workspace(seed, tmp_path / "work"))
    assert rerun.status.value == "<em>Saved: right at try 1</em>"


def test_a_failed_save_says_so_and_keeps_the_answer(seed, ws, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(ws.path))

    ex = free()
    ex.widget(ws)
    monkeypatch.setattr(ws, "save_answer", full)
    ex.control.value = "My own answer."
    ex.button.click()  # no traceback
    text = shown(ex)
    assert "**Not saved:** No space left on device" in text and "your text is still in the box; try again" in text
    assert ex.control.value == "My own answer." and ex.status.value == "<em>your last try is not saved</em>"
    monkeypatch.undo()
    ex.button.click()  # try again: saved
    assert ws.answer("01_this_author") == "My own answer." and "Not saved" not in shown(ex)
    assert ws.answers["01_this_author"]["tries"] == 2


def test_no_key_text_in_widget_state_after_tries_and_a_reveal(seed, ws):
    for make in (choice, labels, lambda s: free()):
        ex = make(seed)
        box = ex.widget(ws)
        if ex.kind == "choice":
            ex.control.value = "p1.s1"
        elif ex.kind == "labels":
            ex.controls["p1.s1"].value = "the author's own voice"
        else:
            ex.control.value = "my answer"
        ex.button.click()
        ex.reveal_button.click()
        state = state_without_outputs(box)
        assert len(state) > 500 and not any(s in state for s in SECRETS), ex.kind


def test_a_machine_drafted_key_says_so_in_the_intro_and_the_feedback():
    from helpers.present.exercises.base import DRAFT_KEY
    from helpers.present.exercises.choice import ChoiceExercise

    options = [("the first sentence", "p1.s1"), ("the second sentence", "p1.s2")]
    drafted = ChoiceExercise("ex_draft", "Exercise", "Which sentence asks?", options,
                             {"answer": "p1.s2", "hint": "Look for a question mark.", "status": "draft",
                              "rule": "a question mark", "confidence": 0.8})
    checked = ChoiceExercise("ex_checked", "Exercise", "Which sentence asks?", options,
                             {"answer": "p1.s2", "hint": "Look for a question mark.", "status": "checked"})
    assert DRAFT_KEY in drafted.intro() and DRAFT_KEY not in checked.intro()
    wrong = drafted.check("p1.s1")
    assert DRAFT_KEY in drafted.feedback_text(wrong, 1) and "Look for a question mark" in drafted.feedback_text(wrong, 1)
    assert DRAFT_KEY not in checked.feedback_text(checked.check("p1.s1"), 1)
    assert DRAFT_KEY in drafted.feedback_text(drafted.check("p1.s2"), 1)
