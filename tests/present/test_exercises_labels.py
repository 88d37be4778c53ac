"""helpers.present.exercises.labels: labels scored sentence by sentence with reasons; the voice
exercise from reading.yaml names each cue, accepts both readings of a contested sentence, saves
and reloads, and says so when the key is missing or does not fit the article."""

from __future__ import annotations

import pytest

from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.workspace import open_workspace
from helpers.model.keys import seal
from helpers.present.exercises.base import WITHHELD_KEY
from helpers.present.exercises.labels import UNKEYED_SENTENCES, VOICE_KEY_LABELS, LabelExercise, VoiceExercise
from present_examples import SECRET_FEEDBACK, SECRET_HINT, SECRET_WHY, labels, shown
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
    assert "- 1 sentence not labelled yet: p1.s2." in fb.message
    assert "p1.s1: “a reported view”, right. " + SECRET_WHY in fb.message  # the reason of a right item
    # a wrong item: which one, and a hint; not its right label nor its reason
    assert "- p1.s3: you said “a reported view”: not this label." in fb.message
    assert SECRET_FEEDBACK not in fb.message + "".join(fb.hints)
    assert "the author's own voice" not in fb.message + "".join(fb.hints)
    assert fb.hints and all(h.startswith("- p1.s3: ") for h in fb.hints)
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
        cue = " ".join(e["cue"].split())
        assert f"“{cue}”" in line and "right" in line
        assert line.count(f"“{cue}”") == 1, "the cue is named once"


def test_voice_exercise_wrong_answer_points_at_the_cue(seed, reading):
    ex = voices(seed, reading)
    entry = next(e for e in reading["voice_key"] if not e.get("contested"))
    accepted = {VOICE_KEY_LABELS[entry["label"]]}
    wrong = next(label for label in VOICE_KEY_LABELS.values() if label not in accepted)
    fb = ex.check({entry["sentence"]: wrong})
    assert fb.correct is False and fb.message.startswith("0 of")
    line = next(ln for ln in fb.message.splitlines() if ln.startswith(f"- {entry['sentence']}:"))
    cue = " ".join(entry["cue"].split())
    assert f"you said “{wrong}”" in line and cue not in line
    assert fb.hints[0].startswith(f"- {entry['sentence']}: look at “{cue}”")  # the cue is the first step
    assert cue not in fb.hints[1]  # the stronger step does not repeat it
    assert " ".join(entry["why"].split())[:30] not in fb.message + "".join(fb.hints)


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


def test_label_ladder_wrong_partly_right_then_right(seed, ws):
    ex = labels(seed)
    ex.widget(ws)
    for item in ("p1.s1", "p1.s2", "p1.s3"):
        ex.controls[item].value = "the author's own voice"
    ex.button.click()  # two wrong, one right
    first = shown(ex)
    assert first.startswith("1 of 3 right.") and "**Hint 1 of 2:**" in first
    assert "- p1.s1: " + LabelExercise.generic_hints[0] in first and "- p1.s2: " in first
    assert LabelExercise.generic_hints[1] not in first and SECRET_WHY not in first and SECRET_HINT not in first
    assert SECRET_FEEDBACK in first  # the reason of p1.s3, which is right
    ex.controls["p1.s1"].value = "a reported view"
    ex.button.click()  # partly right: one wrong left, the stronger step
    second = shown(ex)
    assert second.startswith("2 of 3 right.") and "**Hint 2 of 2:**" in second
    assert "- p1.s2: " + LabelExercise.generic_hints[1] in second and "- p1.s1: " + LabelExercise.generic_hints[1] not in second
    assert SECRET_HINT not in second  # p1.s2's reason is not shown while it is wrong
    ex.controls["p1.s2"].value = "a reported view"
    ex.button.click()
    third = shown(ex)
    assert third.startswith("3 of 3 right.") and "Hint" not in third and SECRET_HINT in third
    assert ws.answers["01_opening_voices"]["right_at"] == 3


def test_a_key_s_own_hints_come_first(seed):
    key = {"labels": {"p1.s1": "a reported view"}, "hint": {"p1.s1": "look at who pointed something out"}}
    fb = labels(seed, key=key).check({"p1.s1": "the author's own voice"})
    assert fb.hints[0] == "- p1.s1: look at who pointed something out"
    assert fb.hints[1] == "- p1.s1: " + LabelExercise.generic_hints[1]


def test_sealed_labels_give_the_same_verdicts(seed):
    clear = labels(seed)
    key = {"labels": {k: seal(v, "01_opening_voices", k) for k, v in clear._key["labels"].items()},
           "why": clear._key["why"]}
    sealed = labels(seed, key=key)
    assert sealed.has_key
    for answer in ({"p1.s1": "a reported view"}, {"p1.s1": "the author's own voice", "p1.s3": "a reported view"},
                   {"p1.s1": "a reported view", "p1.s2": "a reported view", "p1.s3": "the author's own voice"}):
        a, b = clear.check(answer), sealed.check(answer)
        assert (a.correct, a.message, a.hints) == (b.correct, b.message, b.hints)
    assert "sealed:" not in sealed.solution() and WITHHELD_KEY in sealed.solution()
    # a label sealed for another sentence, or a label the exercise does not offer, does not fit
    assert not labels(seed, key={"labels": {"p1.s1": seal("a reported view", "01_opening_voices", "p1.s2")}}).has_key
    assert not labels(seed, key={"labels": {"p1.s1": seal("irony", "01_opening_voices", "p1.s1")}}).has_key


def test_a_withheld_label_key_says_the_instructor_has_it(seed, ws):
    ex = labels(seed, key={"withheld": True})
    assert ex.has_key
    fb = ex.check({"p1.s1": "a reported view"})
    assert fb.correct is None and WITHHELD_KEY in fb.message and fb.hints
    ex.widget(ws)
    ex.controls["p1.s1"].value = "a reported view"
    ex.button.click()
    assert ws.answer("01_opening_voices") == {"p1.s1": "a reported view"} and WITHHELD_KEY in shown(ex)


def test_voice_exercise_sums_up_what_is_not_labelled_yet(seed, reading):
    ex = voices(seed, reading)
    first = ex.items[0][0]
    fb = ex.check({first: VOICE_KEY_LABELS[reading["voice_key"][0]["label"]]})
    rest = [i for i, _ in ex.items][1:]
    lines = [ln for ln in fb.message.splitlines() if "not labelled yet" in ln]
    assert lines == [f"- {len(rest)} sentences not labelled yet: {', '.join(rest[:6])}, …"]


def test_voice_exercise_with_sealed_labels_gives_the_same_verdicts(seed, reading):
    clear = voices(seed, reading)
    entries = [dict(e, label=seal(e["label"], "02_voices", e["sentence"]),
                    readings=[dict(r, label=seal(r["label"], "02_voices", e["sentence"])) for r in e.get("readings") or []])
               for e in reading["voice_key"]]
    sealed = voices(seed, {"voice_key": entries})
    assert sealed.has_key
    right = {e["sentence"]: VOICE_KEY_LABELS[e["label"]] for e in reading["voice_key"]}
    wrong = {sid: next(x for x in VOICE_KEY_LABELS.values() if x not in clear._key["accept"][sid]) for sid in right}
    for answer in (right, wrong, dict(list(right.items())[:3] + list(wrong.items())[3:])):
        a, b = clear.check(answer), sealed.check(answer)
        assert a.correct is b.correct and a.message.splitlines()[0] == b.message.splitlines()[0]
        assert a.hints == b.hints


def test_voice_exercise_from_a_kit_shaped_key(seed, reading):
    """The student kit keeps sentence, starts_with, cue and contested, seals the labels as the pack
    writes them, and leaves every reason out: the verdicts stay, the cue is still the first hint."""
    clear = voices(seed, reading)
    kit = [{**{k: e[k] for k in ("sentence", "starts_with", "cue", "contested") if k in e},
            "label": seal(e["label"], "02_voices", e["sentence"]),
            **({"readings": [{"label": seal(r["label"], "02_voices", e["sentence"])} for r in e["readings"]]}
               if e.get("readings") else {})} for e in reading["voice_key"]]
    sealed = voices(seed, {"voice_key": kit})
    assert sealed.has_key
    right = {e["sentence"]: VOICE_KEY_LABELS[e["label"]] for e in reading["voice_key"]}
    fb = sealed.check(right)
    assert fb.correct is True and clear.check(right).correct is True
    assert "sealed:" not in fb.message
    contested = next(e for e in reading["voice_key"] if e.get("contested") and e.get("readings"))
    other = next(VOICE_KEY_LABELS[r["label"]] for r in contested["readings"] if r["label"] != contested["label"])
    line = next(ln for ln in sealed.check({contested["sentence"]: other}).message.splitlines()
                if ln.startswith(f"- {contested['sentence']}:"))
    assert "right" in line and "another reading is accepted." in line
    entry = next(e for e in reading["voice_key"] if not e.get("contested"))
    wrong = next(x for x in VOICE_KEY_LABELS.values() if x != VOICE_KEY_LABELS[entry["label"]])
    assert sealed.check({entry["sentence"]: wrong}).hints == clear.check({entry["sentence"]: wrong}).hints


def test_labels_accept_the_also_labels_of_a_key_clear_or_sealed(seed):
    key = {"labels": {"p1.s1": "a reported view"}, "also": {"p1.s1": ["the author's own voice"]}}
    assert labels(seed, key=key).check({"p1.s1": "the author's own voice"}).correct is True
    sealed = {"labels": {"p1.s1": seal("a reported view", "01_opening_voices", "p1.s1")},
              "also": {"p1.s1": [seal("the author's own voice", "01_opening_voices", "p1.s1")]}}
    assert labels(seed, key=sealed).check({"p1.s1": "the author's own voice"}).correct is True
    assert labels(seed, key={"labels": key["labels"]}).check({"p1.s1": "the author's own voice"}).correct is False


def test_a_voice_key_with_a_machine_drafted_label_says_it_is_a_draft(seed, reading):
    checked = voices(seed, reading)
    assert not checked.drafted and "drafted by the machine" not in checked.intro()
    entries = [dict(e) for e in reading["voice_key"]]
    entries[0]["status"] = "draft"
    drafted = voices(seed, {**reading, "voice_key": entries})
    assert drafted.drafted and "drafted by the machine" in drafted.intro()
    first = entries[0]
    fb = drafted.check({str(first["sentence"]): VOICE_KEY_LABELS[str(first["label"])]})
    assert "drafted by the machine" in drafted.feedback_text(fb, 1)
