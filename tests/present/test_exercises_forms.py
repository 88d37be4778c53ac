"""helpers.present.exercises.forms: the SIFT worksheet saves as an annotation and survives a
restart; the trace exercise checks for a complete record and compares it with the instructor's."""

from __future__ import annotations

from helpers.analysis.citations import extract_citations
from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.workspace import open_workspace
from helpers.present.exercises.base import WITHHELD_KEY
from helpers.present.exercises.forms import SiftWorksheet, TraceExercise
from present_examples import ports_article, shown
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


def test_a_failed_sift_save_keeps_the_earlier_worksheet_and_the_boxes(seed, tmp_path, monkeypatch):
    cites = extract_citations(seed)
    ws = open_workspace(seed, tmp_path)
    sheet = SiftWorksheet(seed, cites, ws)
    sheet.widget()
    sheet.controls["citation"].value = cites[0].id
    sheet.controls["stop"].value = "first thoughts"
    sheet.button.click()
    from helpers.model import workspace as wsmod

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wsmod.Workspace, "save", full)
    sheet.controls["stop"].value = "second thoughts"
    sheet.button.click()
    assert "**Not saved:** No space left on device — your worksheet is still in the boxes" in \
        sheet.output.outputs[0]["data"]["text/markdown"]
    assert sheet.controls["stop"].value == "second thoughts"
    monkeypatch.undo()
    notes = [a.note for a in open_workspace(seed, tmp_path).annotations if "sift" in a.tags]
    assert notes == ["Stop: first thoughts"]


def test_sift_worksheet_keeps_unsaved_words_when_the_citation_changes_and_shows_what_is_saved(seed, tmp_path):
    cites = extract_citations(seed)
    ws = open_workspace(seed, tmp_path)
    sheet = SiftWorksheet(seed, cites, ws)
    sheet.widget()
    first, second = cites[0].id, cites[1].id
    sheet.controls["citation"].value = first
    sheet.controls["stop"].value = "typed, not saved yet"
    sheet.controls["citation"].value = second  # looking at another citation
    assert sheet.controls["stop"].value == ""
    sheet.controls["find"].value = "other coverage"
    sheet.button.click()
    assert sheet.status.value == f"Saved: the worksheet for {second}, 1 of 4 moves"
    sheet.controls["citation"].value = first
    assert sheet.controls["stop"].value == "typed, not saved yet" and sheet.status.value == ""
    assert not list(tmp_path.glob("*.tmp")) and ws.answer(f"03_sift_{first}") is None
    again = SiftWorksheet(seed, cites, open_workspace(seed, tmp_path))
    again.widget()
    again.controls["citation"].value = second
    assert again.controls["find"].value == "other coverage" and "1 of 4 moves" in again.status.value


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
    assert "instructor's trace of" not in wrong.message + "".join(wrong.hints)  # no key before a right record
    assert len(wrong.hints) == 2 and entry["confidence"] in wrong.hints[1]
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


SECRET_FOUND = "SECRET-FOUND the harbour's own bulletin"


def test_trace_ladder_wrong_then_right_and_the_record_on_reveal(tmp_path):
    article = ports_article()
    key = {"citations": [{"raw": "(Harbour  Daily, March 1)",  # spaced otherwise than the article: still found
                          "sentence": "p1.s1", "found": SECRET_FOUND, "how": "the paper’s archive",
                          "confidence": "medium"}]}
    ex = trace_exercise(article, key)
    ws = open_workspace(article, tmp_path)
    ex.widget(ws)
    ex.controls["citation"].value = "c1"
    ex.controls["found"].value, ex.controls["how"].value = "the bulletin", "search"
    ex.controls["confidence"].value = "high"  # one level above the trace is allowed
    ex.button.click()
    assert ex.check({"citation": "c1", "found": "x", "how": "y", "confidence": "high"}).correct is True
    assert SECRET_FOUND in shown(ex)  # a right record is confirmed with the instructor's trace
    low = trace_exercise(article, {"citations": [dict(key["citations"][0], confidence="none")]})
    ws = open_workspace(article, tmp_path / "other")
    low.widget(ws)
    low.controls["citation"].value = "c1"
    low.controls["found"].value, low.controls["how"].value, low.controls["confidence"].value = "x", "y", "high"
    low.button.click()
    first = shown(low)
    assert "check your confidence" in first and "**Hint 1 of 2:**" in first and SECRET_FOUND not in first
    low.button.click()
    assert "**Hint 2 of 2:**" in shown(low) and "“none”" in shown(low) and SECRET_FOUND not in shown(low)
    low.reveal_button.click()
    assert SECRET_FOUND in shown(low)
    assert open_workspace(article, tmp_path / "other").answers["03_trace"]["revealed_after"] == 2


def test_trace_with_a_withheld_key():
    article = ports_article()
    ex = trace_exercise(article, {"withheld": True})
    fb = ex.check({"citation": "c1", "found": "not recovered", "how": "archive", "confidence": "none"})
    assert fb.correct is None and WITHHELD_KEY in fb.message
