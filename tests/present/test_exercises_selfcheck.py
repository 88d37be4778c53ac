"""helpers.present.exercises.selfcheck: what a static page gets to check a choice or labelling
exercise without a kernel — its shape, no key in clear, sealed keys that keys.matches verifies,
boxes that open only for their own option to the kernel's own feedback, a reproducible
description — and an exercise shown in a kernel still displays the same working widget."""

from __future__ import annotations

import json

import pytest
from ipywidgets.widgets.widget import _instances

from helpers.analysis.arguments import pack_argument_map
from helpers.model.keys import matches, seal
from helpers.model.packs import load_pack
from helpers.model.workspace import Workspace
from helpers.present.exercises import selfcheck
from helpers.present.exercises.choice import ChoiceExercise, conclusion_voice_exercise, sentence_options
from helpers.present.exercises.labels import VOICE_LABELS, LabelExercise, VoiceExercise
from helpers.present.exercises.selfcheck import MIME, box_key, open_text, solution_key
from present_examples import SECRETS, choice, labels, widget_state

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def pack(seed):
    return load_pack(seed)


def _pack_exercises(seed, pack):
    """The self-checkable exercises of notebooks 01, 02 and 05, built as the notebooks build them."""
    return [
        ChoiceExercise("01_predict_question", "Exercise 1a", "Which sentence of the first paragraph asks the question?",
                       sentence_options(seed.paragraph(1).sentences), pack.exercise("01_predict_question"), article=seed),
        LabelExercise.over_sentences("01_opening_voices", "Exercise 2", "Whose voice is each sentence?",
                                     seed.paragraph(1).sentences, VOICE_LABELS, pack.exercise("01_opening_voices"), seed),
        VoiceExercise.from_reading("02_voices", "Exercise 3", "Whose voice is each sentence?", seed, pack.get("reading")),
        conclusion_voice_exercise(seed, pack_argument_map(seed), "Exercise 1"),
    ]


def _right_answers(ex, data):
    """Each checked item's right answer, found as the exercise's own check finds it."""
    if data["kind"] == "choice":
        return {"": next(v for v in ex.values if ex.check(v).correct is True)}
    return {i["id"]: next(lab for lab in ex.labels if ex._item_line(i["id"], lab)[0] and
                          matches(i["key"], lab, ex.id, i["id"])) for i in selfcheck.bundle_items(data)}


def test_the_description_has_the_shape_the_page_reads(seed):
    data = choice(seed).selfcheck()
    assert set(data) == {"version", "kind", "exercise", "title", "question", "drafted", "salt", "options", "items",
                         "strings", "solution"}
    assert data["kind"] == "choice" and data["exercise"] == "01_predict_question" and data["version"] == 1
    assert [o["value"] for o in data["options"]] == ["p1.s1", "p1.s2", "p1.s3"]
    assert data["options"][0]["label"].startswith("p1.s1: More than 20 years ago")  # what the student sees
    assert data["options"][2]["target"]["exact"] == seed.sentence("p1.s3").text
    (item,) = data["items"]
    assert item["id"] == "" and len(item["boxes"]) == 3 and item["accept"] == [item["key"]]
    assert data["strings"]["reveal"] == "Show the answer" and data["strings"]["empty"] == "Choose one of the options first."
    lab = labels(seed).selfcheck()
    assert lab["kind"] == "labels" and [o["label"] for o in lab["options"]] == list(VOICE_LABELS)
    assert [i["id"] for i in lab["items"]] == ["p1.s1", "p1.s2", "p1.s3"]
    assert all(len(i["boxes"]) == len(VOICE_LABELS) for i in lab["items"])
    json.dumps(data), json.dumps(lab)  # JSON-ready


def test_no_answer_reason_or_hint_of_the_key_is_in_the_description_in_clear(seed, pack):
    for data in (choice(seed).selfcheck(), labels(seed).selfcheck()):
        text = json.dumps(data, ensure_ascii=False)
        assert not [s for s in SECRETS if s in text]
        assert '"answer"' not in text and '"why"' not in text
        for item in data["items"]:  # an item says nothing of its answer but sealed values
            assert set(item) == {"id", "text", "target", "key", "accept", "boxes"}
            assert all(v.startswith("sealed:") for v in [item["key"], *item["accept"]])
    # the real keys: no reason, per-option feedback, discussion or solution text of the pack
    for ex in _pack_exercises(seed, pack):
        text = " ".join(json.dumps(ex.selfcheck(), ensure_ascii=False).split())
        key = ex._key
        secrets = [key.get("discussion"), *(key.get("feedback") or {}).values()]
        why = key.get("why")
        secrets += list(why.values()) if isinstance(why, dict) else [why]
        secrets += list((key.get("readings") or {}).values())
        secrets = [" ".join(str(s).split()) for s in secrets if s and len(str(s)) >= 30]
        assert secrets, ex.id
        assert [s[:60] for s in secrets if s[:60] in text] == [], ex.id
        solution = " ".join(ex.solution().split())
        assert solution[40:100] not in text, ex.id


def test_sealed_keys_verify_with_keys_matches_and_boxes_open_to_the_kernels_feedback(seed, pack):
    for ex in _pack_exercises(seed, pack):
        data = ex.selfcheck()
        assert data is not None, ex.id
        rights = _right_answers(ex, data)
        values = [o["value"] for o in data["options"]]
        for item in selfcheck.bundle_items(data):
            right = rights[item["id"]]
            assert matches(item["key"], right, ex.id, item["id"])
            assert [v for v in values if matches(item["key"], v, ex.id, item["id"])] == [right]
            # typographic marks fold: a label typed with a curly apostrophe matches too
            assert matches(item["key"], right.replace("'", "\u2019").upper(), ex.id, item["id"])
            for value, box in zip(values, item["boxes"]):
                opened = open_text(box, box_key(data["salt"], ex.id, item["id"], value))
                if data["kind"] == "choice":
                    fb = ex.check(value)
                    assert opened == {"correct": fb.correct, "message": fb.message, "hints": fb.hints}
                else:
                    correct, line = ex._item_line(item["id"], value)
                    assert opened["correct"] == correct and opened["line"] == line
                    assert opened["hints"] == ([] if correct else ex._ladder(*ex._item_hints(item["id"])))
                    assert correct == any(matches(s, value, ex.id, item["id"]) for s in item["accept"])
                other = next(v for v in values if v != value)
                with pytest.raises(ValueError):  # a box does not open with another option's key
                    open_text(box, box_key(data["salt"], ex.id, item["id"], other))
        ordered = [rights[i["id"]] for i in selfcheck.bundle_items(data)]
        assert open_text(data["solution"], solution_key(data["salt"], ex.id, ordered)) == ex.solution()


def test_a_contested_sentence_accepts_each_of_its_readings(seed, pack):
    ex = VoiceExercise.from_reading("02_voices", "Exercise 3", "Whose voice?", seed, pack.get("reading"))
    data = ex.selfcheck()
    contested = [i for i in data["items"] if len(i["accept"]) > 1]
    assert contested, "the seed's voice key has contested sentences"
    for item in contested:
        accepted = [lab for lab in ex.labels if any(matches(s, lab, ex.id, item["id"]) for s in item["accept"])]
        assert len(accepted) == len(item["accept"]) and all(ex._item_line(item["id"], lab)[0] for lab in accepted)


def test_the_description_is_reproducible_and_its_salt_is_the_exercises_own(seed):
    assert choice(seed).selfcheck() == choice(seed).selfcheck()
    assert labels(seed).selfcheck() == labels(seed).selfcheck()
    other = ChoiceExercise("01_other", "Exercise", "Which?", sentence_options(seed.paragraph(1).sentences),
                           {"answer": "p1.s3"}, article=seed).selfcheck()
    assert other["salt"] != choice(seed).selfcheck()["salt"]


def test_a_sealed_key_gives_the_same_description_as_a_clear_one(seed):
    clear = choice(seed).selfcheck()
    sealed_key = {"answer": seal("p1.s3", "01_predict_question", "", "abc"), "hint": "look for the question mark"}
    sealed = choice(seed, key=sealed_key).selfcheck()
    assert sealed["items"][0]["key"] == clear["items"][0]["key"]
    kit_labels = {k: seal(v, "01_opening_voices", k, "s1") for k, v in
                  {"p1.s1": "a reported view", "p1.s2": "a reported view", "p1.s3": "the author's own voice"}.items()}
    assert [i["key"] for i in labels(seed, key={"labels": kit_labels}).selfcheck()["items"]] == \
        [i["key"] for i in labels(seed).selfcheck()["items"]]


def test_an_exercise_a_page_cannot_check_has_no_description(seed):
    assert choice(seed, key=None).selfcheck() is None
    assert choice(seed, key={"withheld": True, "hint": "h"}).selfcheck() is None
    assert labels(seed, key=None).selfcheck() is None
    assert labels(seed, key={"withheld": True}).selfcheck() is None


def _shown(monkeypatch, ex, ws=None):
    import IPython.display

    calls = []
    monkeypatch.setattr(IPython.display, "display", lambda *a, **kw: calls.append((a, kw)))
    ex.show(ws)
    return calls


def test_show_displays_one_bundle_the_widget_view_and_the_selfcheck(seed, ws, monkeypatch):
    ex = choice(seed)
    calls = _shown(monkeypatch, ex, ws)
    assert len(calls) == 2  # the question, then one bundle
    (intro,), kw = calls[0]
    assert kw == {"raw": True} and intro["text/markdown"].startswith("**Exercise 1a.**")
    (bundle,), kw = calls[1]
    assert kw == {"raw": True} and set(bundle) == {"text/plain", WIDGET_VIEW, MIME}
    assert bundle[MIME] == ex.selfcheck()
    # the view is the exercise's own widget, which works as before in a kernel
    box = _instances[bundle[WIDGET_VIEW]["model_id"]]
    assert ex.control in box.children and not [s for s in SECRETS if s in widget_state(box)]
    ex.control.value = "p1.s1"
    ex.button.click()
    text = ex.output.outputs[0]["data"]["text/markdown"]
    assert text.startswith("Not this one: p1.s1") and "SECRET-HINT" in text
    ex.control.value = "p1.s3"
    ex.button.click()
    assert ws.progress("01_predict_question")["right_at"] == 2
    assert "SECRET-WHY" in ex.output.outputs[0]["data"]["text/markdown"]


def test_show_of_an_exercise_a_page_cannot_check_displays_the_widget_alone(seed, monkeypatch):
    import ipywidgets

    ex = labels(seed, key=None)
    calls = _shown(monkeypatch, ex)
    (widget,), kw = calls[1]
    assert isinstance(widget, ipywidgets.Widget) and kw == {}


def test_the_widget_view_of_a_labelling_exercise_is_its_own_widget(seed, monkeypatch):
    ex = labels(seed)
    calls = _shown(monkeypatch, ex)
    (bundle,), _ = calls[1]
    assert bundle[MIME]["exercise"] == "01_opening_voices"
    box = _instances[bundle[WIDGET_VIEW]["model_id"]]
    rows = [row for row in box.children if getattr(row, "children", None)]
    assert ex.controls["p1.s1"] in rows[0].children
    assert not [s for s in SECRETS if s in widget_state(box)]


def test_export_answers_is_the_workspace_export_of_one_annotation_per_answer(seed):
    ch, lab = choice(seed), labels(seed)
    bundles = [ch.selfcheck(), lab.selfcheck()]
    answers = {"01_predict_question": {"answer": "p1.s3", "correct": True, "saved": "2026-12-01T10:00:00.000000+00:00",
                                       "tries": 2, "right_at": 2},
               "01_opening_voices": {"answer": {"p1.s1": "a reported view", "p1.s3": "a reported view"},
                                     "correct": False, "saved": "2026-12-01T10:01:00.000000+00:00", "tries": 1}}
    out = selfcheck.export_answers(seed.id, bundles, answers)
    empty = Workspace(seed.id, seed.path.parent).to_web_annotations()
    assert {k: v for k, v in out.items() if k not in ("total", "first")} == \
        {k: v for k, v in empty.items() if k not in ("total", "first")}
    items = out["first"]["items"]
    assert out["total"] == 3 and len(items) == 3
    first = items[0]
    assert set(first) == {"id", "type", "motivation", "created", "target", "body"}
    assert first["created"] == "2026-12-01T10:00:00.000000+00:00" and first["motivation"] == "commenting"
    quote, position = first["target"]["selector"]
    assert quote["exact"] == seed.sentence("p1.s3").text and position == {"type": "TextPositionSelector",
                                                                         "start": seed.sentence("p1.s3").start,
                                                                         "end": seed.sentence("p1.s3").end}
    assert first["body"][0]["value"] == f"Exercise 1a (01_predict_question): {ch.options[2][0]}; right at try 2."
    assert [b["value"] for b in items[1]["body"]] == ["Exercise 2 (01_opening_voices), p1.s1: a reported view; 1 try.",
                                                      "a reported view"]
    assert items[2]["target"]["selector"][0]["exact"] == seed.sentence("p1.s3").text
