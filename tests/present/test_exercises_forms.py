"""helpers.present.exercises.forms: the SIFT worksheet saves as an annotation and survives a
restart; the trace exercise checks for a complete record and compares it with the instructor's."""

from __future__ import annotations

from helpers.analysis.citations import extract_citations
from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.workspace import open_workspace
from helpers.present.exercises.forms import SiftWorksheet, TraceExercise
from support import SYNTHETIC_ARTICLE


def test_sift_worksheet_saves_as_annotation_and_survives_restart(seed, tmp_path):
    cites = extract_citations(seed)
    ws = open_workspace(seed, tmp_path)
    sheet = SiftWorksheet(seed, cites, ws)
    assert sheet.save(cites[0].id, {}).correct is False
    fb = sheet.save(cites[0].id, {"stop": "who publishes this?", "trace": "publisher's page", "confidence": "low"})
    assert fb.correct is None and "Investigate the source" in fb.message
    full = {"stop": "a", "investigate": "b", "find": "c", "trace": "d", "confidence": "medium"}
    assert sheet.save(cites[0].id, full).correct is True
    restarted = open_workspace(seed, tmp_path)
    annos = [a for a in restarted.annotations if "sift" in a.tags]
    assert len(annos) == 1, "saving again replaces the worksheet"
    assert annos[0].exact == cites[0].raw and annos[0].start == cites[0].start
    assert SiftWorksheet(seed, cites, restarted).saved(cites[0].id)["confidence"] == "medium"
    exported = restarted.to_web_annotations()["first"]["items"][0]
    assert {s["type"] for s in exported["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}


def trace_exercise(article, key):
    return TraceExercise("03_trace", "Exercise 1", "Trace one citation.", extract_citations(article), key, article)


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
    other = load_article(SYNTHETIC_ARTICLE)
    ex = trace_exercise(other, None)
    cid = extract_citations(other)[0].id
    fb = ex.check({"citation": cid, "found": "not recovered", "how": "archive", "confidence": "none"})
    assert fb.correct is None and MISSING_KEY in fb.message
