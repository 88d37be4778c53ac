"""Widgets of lessons 02 and 03: the voice exercise from reading.yaml, the concordance, the SIFT
worksheet and the trace exercise give the right feedback for right and wrong answers, save through
the workspace, and survive a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.present import widgets as W
from helpers.model.article import load_article
from helpers.analysis.citations import extract_citations
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.core.paths import SEED_ARTICLE_ID
from helpers.model.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"
SYNTHETIC = ROOT / "data" / "articles" / "synthetic-2021-northern-corridor.txt"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture(scope="module")
def reading(seed):
    return load_pack(seed).get("reading")


def voices(article, reading):
    return W.VoiceExercise.from_reading("02_voices", "Exercise 1", "Whose voice?", article, reading)


def test_voice_exercise_covers_at_least_ten_keyed_sentences(seed, reading):
    ex = voices(seed, reading)
    assert ex.has_key and len(ex.items) >= 10
    assert [i for i, _ in ex.items] == [e["sentence"] for e in reading["voice_key"]]


def test_voice_exercise_right_answer_names_each_cue(seed, reading):
    ex = voices(seed, reading)
    right = {e["sentence"]: W.VOICE_KEY_LABELS[e["label"]] for e in reading["voice_key"]}
    fb = ex.check(right)
    assert fb.correct is True and fb.message.startswith(f"{len(right)} of {len(right)} right")
    for e in reading["voice_key"]:
        line = next(ln for ln in fb.message.splitlines() if ln.startswith(f"- {e['sentence']}:"))
        assert " ".join(e["cue"].split()) in line and "right" in line


def test_voice_exercise_wrong_answer_points_at_the_cue(seed, reading):
    ex = voices(seed, reading)
    entry = next(e for e in reading["voice_key"] if not e.get("contested"))
    accepted = {W.VOICE_KEY_LABELS[entry["label"]]}
    wrong = next(label for label in W.VOICE_KEY_LABELS.values() if label not in accepted)
    fb = ex.check({entry["sentence"]: wrong})
    assert fb.correct is False and fb.message.startswith("0 of")
    line = next(ln for ln in fb.message.splitlines() if ln.startswith(f"- {entry['sentence']}:"))
    assert f"you said “{wrong}”" in line and f"look at “{' '.join(entry['cue'].split())}”" in line


def test_voice_exercise_accepts_both_readings_of_a_contested_sentence(seed, reading):
    ex = voices(seed, reading)
    entry = next(e for e in reading["voice_key"] if e.get("contested") and e.get("readings"))
    other = next(W.VOICE_KEY_LABELS[r["label"]] for r in entry["readings"] if r["label"] != entry["label"])
    fb = ex.check({entry["sentence"]: other})
    line = next(ln for ln in fb.message.splitlines() if ln.startswith(f"- {entry['sentence']}:"))
    assert "right" in line and "contested" in line


def test_voice_exercise_saves_and_reloads(seed, reading, tmp_path):
    ex = voices(seed, reading)
    ws = open_workspace(seed, tmp_path)
    box = ex.widget(ws)
    first = ex.items[0][0]
    ex.controls[first].value = W.VOICE_KEY_LABELS[reading["voice_key"][0]["label"]]
    ex.button.click()
    again = open_workspace(seed, tmp_path)  # a new kernel reading the save file
    assert again.answer("02_voices") == {first: ex.controls[first].value}
    assert box is not None


def test_voice_exercise_without_key_or_with_a_stale_key(reading, seed):
    other = load_article(SYNTHETIC)
    ex = voices(other, None)
    assert not ex.has_key and len(other.sentences) > W.UNKEYED_SENTENCES
    assert [i for i, _ in ex.items] == [s.id for s in other.sentences[:W.UNKEYED_SENTENCES]]
    assert ex.check({ex.items[0][0]: "a question"}).message.endswith(MISSING_KEY)
    stale = voices(other, reading)  # the seed's key does not fit another article's sentences
    assert not stale.has_key and MISSING_KEY in stale.missing_message


def test_concordance_lookup(seed):
    tool = W.Concordance(seed)
    word = seed.paragraph(1).sentences[0].text.split()[0]
    table, message = tool.lookup(word)
    assert len(table) >= 1 and message.startswith(f"“{word}”: {len(table)} occurrence")
    table, message = tool.lookup("   ")
    assert table is None and "Type a word" in message
    tool.widget()
    tool.control.value = word
    assert tool.output.outputs and word in tool.output.outputs[0]["data"]["text/html"]


def test_sift_worksheet_saves_as_annotation_and_survives_restart(seed, tmp_path):
    cites = extract_citations(seed)
    ws = open_workspace(seed, tmp_path)
    sheet = W.SiftWorksheet(seed, cites, ws)
    assert sheet.save(cites[0].id, {}).correct is False
    fb = sheet.save(cites[0].id, {"stop": "who publishes this?", "trace": "publisher's page", "confidence": "low"})
    assert fb.correct is None and "Investigate the source" in fb.message
    full = {"stop": "a", "investigate": "b", "find": "c", "trace": "d", "confidence": "medium"}
    assert sheet.save(cites[0].id, full).correct is True
    restarted = open_workspace(seed, tmp_path)
    annos = [a for a in restarted.annotations if "sift" in a.tags]
    assert len(annos) == 1, "saving again replaces the worksheet"
    assert annos[0].exact == cites[0].raw and annos[0].start == cites[0].start
    assert W.SiftWorksheet(seed, cites, restarted).saved(cites[0].id)["confidence"] == "medium"
    exported = restarted.to_web_annotations()["first"]["items"][0]
    assert {s["type"] for s in exported["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}


def trace_exercise(article, key):
    return W.TraceExercise("03_trace", "Exercise 1", "Trace one citation.", extract_citations(article), key, article)


def test_trace_exercise_feedback(seed, tmp_path):
    trace = load_pack(seed).get("trace")
    ex = trace_exercise(seed, trace)
    entry = next(e for e in trace["citations"] if e.get("confidence") == "none")
    cid = next(c.id for c in extract_citations(seed) if c.raw == entry["raw"] and c.sentence_id == entry["sentence"])
    assert ex.check({"citation": cid, "found": "", "how": "x", "confidence": "low"}).correct is False
    assert "route" in ex.check({"citation": cid, "found": "not recovered", "how": "", "confidence": "none"}).message
    right = ex.check({"citation": cid, "found": "not recovered", "how": "publisher's page, today", "confidence": "none"})
    assert right.correct is True and f"confidence: {entry['confidence']}" in right.message
    wrong = ex.check({"citation": cid, "found": "some outlet", "how": "a guess", "confidence": "high"})
    assert wrong.correct is False and "check your confidence" in wrong.message
    ws = open_workspace(seed, tmp_path)
    ex.widget(ws)
    ex.controls["citation"].value = cid
    ex.controls["found"].value, ex.controls["how"].value, ex.controls["confidence"].value = "not recovered", "archive", "none"
    ex.button.click()
    assert open_workspace(seed, tmp_path).answer("03_trace")["citation"] == cid


def test_trace_exercise_without_key():
    other = load_article(SYNTHETIC)
    ex = trace_exercise(other, None)
    cid = extract_citations(other)[0].id
    fb = ex.check({"citation": cid, "found": "not recovered", "how": "archive", "confidence": "none"})
    assert fb.correct is None and MISSING_KEY in fb.message


def test_export_writes_only_when_there_is_something(seed, tmp_path):
    ws = open_workspace(seed, tmp_path)
    assert W.export_annotations(ws) is None and not any(tmp_path.iterdir())
    ws.annotate(seed, seed.sentences[0].start, seed.sentences[0].end, note="mine")
    target = W.export_annotations(ws)
    assert target.parent == tmp_path and "TextQuoteSelector" in target.read_text(encoding="utf-8")
