"""helpers.present.exercises.labels: labels scored sentence by sentence with reasons; the voice
exercise from reading.yaml names each cue, accepts both readings of a contested sentence, saves
and reloads, and says so when the key is missing or does not fit the article."""

from __future__ import annotations

import pytest

from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.workspace import open_workspace
from helpers.present.exercises.labels import UNKEYED_SENTENCES, VOICE_KEY_LABELS, VoiceExercise
from present_examples import SECRET_FEEDBACK, labels
from support import SYNTHETIC_ARTICLE


@pytest.fixture(scope="module")
def reading(seed):
    return load_pack(seed).get("reading")


def voices(article, reading):
    return VoiceExercise.from_reading("02_voices", "Exercise 1", "Whose voice?", article, reading)


# -- labels --------------------------------------------------------------------------------------

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


# -- voices from reading.yaml ----------------------------------------------------------------------

def test_voice_exercise_covers_at_least_ten_keyed_sentences(seed, reading):
    ex = voices(seed, reading)
    assert ex.has_key and len(ex.items) >= 10
    assert [i for i, _ in ex.items] == [e["sentence"] for e in reading["voice_key"]]


def test_voice_exercise_right_answer_names_each_cue(seed, reading):
    ex = voices(seed, reading)
    right = {e["sentence"]: VOICE_KEY_LABELS[e["label"]] for e in reading["voice_key"]}
    fb = ex.check(right)
    assert fb.correct is True and fb.message.startswith(f"{len(right)} of {len(right)} right")
    for e in reading["voice_key"]:
        line = next(ln for ln in fb.message.splitlines() if ln.startswith(f"- {e['sentence']}:"))
        assert " ".join(e["cue"].split()) in line and "right" in line


def test_voice_exercise_wrong_answer_points_at_the_cue(seed, reading):
    ex = voices(seed, reading)
    entry = next(e for e in reading["voice_key"] if not e.get("contested"))
    accepted = {VOICE_KEY_LABELS[entry["label"]]}
    wrong = next(label for label in VOICE_KEY_LABELS.values() if label not in accepted)
    fb = ex.check({entry["sentence"]: wrong})
    assert fb.correct is False and fb.message.startswith("0 of")
    line = next(ln for ln in fb.message.splitlines() if ln.startswith(f"- {entry['sentence']}:"))
    assert f"you said “{wrong}”" in line and f"look at “{' '.join(entry['cue'].split())}”" in line


def test_voice_exercise_accepts_both_readings_of_a_contested_sentence(seed, reading):
    ex = voices(seed, reading)
    entry = next(e for e in reading["voice_key"] if e.get("contested") and e.get("readings"))
    other = next(VOICE_KEY_LABELS[r["label"]] for r in entry["readings"] if r["label"] != entry["label"])
    fb = ex.check({entry["sentence"]: other})
    line = next(ln for ln in fb.message.splitlines() if ln.startswith(f"- {entry['sentence']}:"))
    assert "right" in line and "contested" in line


def test_voice_exercise_saves_and_reloads(seed, reading, tmp_path):
    ex = voices(seed, reading)
    ws = open_workspace(seed, tmp_path)
    box = ex.widget(ws)
    first = ex.items[0][0]
    ex.controls[first].value = VOICE_KEY_LABELS[reading["voice_key"][0]["label"]]
    ex.button.click()
    again = open_workspace(seed, tmp_path)  # a new kernel reading the save file
    assert again.answer("02_voices") == {first: ex.controls[first].value}
    assert box is not None


def test_voice_exercise_without_key_or_with_a_stale_key(reading, seed):
    other = load_article(SYNTHETIC_ARTICLE)
    ex = voices(other, None)
    assert not ex.has_key and len(other.sentences) > UNKEYED_SENTENCES
    assert [i for i, _ in ex.items] == [s.id for s in other.sentences[:UNKEYED_SENTENCES]]
    assert ex.check({ex.items[0][0]: "a question"}).message.endswith(MISSING_KEY)
    stale = voices(other, reading)  # the seed's key does not fit another article's sentences
    assert not stale.has_key and MISSING_KEY in stale.missing_message
