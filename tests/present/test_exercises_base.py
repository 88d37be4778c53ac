"""helpers.present.exercises.base: what every exercise does — the key and the model answer never
enter widget state, the question shows the missing-key notice, the solution shows the key."""

from __future__ import annotations

import json

import pytest

from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.workspace import open_workspace
from helpers.present.exercises.choice import ChoiceExercise, conclusion_voice_exercise, sentence_options
from helpers.present.exercises.files import argument_map_exercise
from helpers.present.exercises.labels import VOICE_LABELS, LabelExercise
from present_examples import SECRET_WHY, SECRETS, choice, free, labels, widget_state


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
