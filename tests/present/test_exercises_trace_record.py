"""helpers.present.exercises.trace: a trace record judged element by element (source or "not
recovered", route, date, confidence, justification), each missing element a hint; then compared
with the instructor's trace: overconfident or stopping short is partly right, with a hint and never
the finding; without a key, with a sealed confidence, and with the kit's withheld trace."""

from __future__ import annotations

import datetime as dt

from helpers.analysis.citations import extract_citations
from helpers.model.article import load_article
from helpers.model.keys import seal
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.present.exercises.base import WITHHELD_KEY
from helpers.present.exercises.trace import TraceRecordExercise, not_recovered, record_problems
from present_examples import widget_state
from support import SYNTHETIC_ARTICLE

TODAY = dt.date(2026, 12, 2)
GOOD = {"route": "publisher's page, then an archived copy of it, then a phrase search",
        "looked": "2026-12-01", "why": "the page itself shows the name beside the date"}


def record(cid, found, confidence, **extra):
    return {"citation": cid, "found": found, "confidence": confidence, **GOOD, **extra}


def exercise(article, key):
    return TraceRecordExercise("03_trace", "Exercise 1", "Trace one citation.", extract_citations(article), key,
                               article, today=TODAY)


def _id(article, raw):
    return next(c.id for c in extract_citations(article) if c.raw == raw)


def test_each_missing_element_is_a_hint():
    assert [p for p, _ in record_problems({})] == ["the source", "the route", "the date looked", "the confidence",
                                                   "the justification"]
    assert [p for p, _ in record_problems(record("c1", "not recovered", "high"))] == ["a consistent confidence"]
    assert [p for p, _ in record_problems(record("c1", "Some Outlet, May 2", "none"))] == ["a consistent confidence"]
    future = record_problems(record("c1", "not recovered", "none", looked="2031-01-01"), TODAY)
    assert [p for p, _ in future] == ["the date looked"] and "future" in future[0][1]
    assert not record_problems(record("c1", "not recovered", "none"), TODAY)
    assert not_recovered("Not recovered (no name on the page)") and not not_recovered("Daily Post, March 3")


def test_incomplete_wrong_partly_right_and_right(seed):
    trace = load_pack(seed).get("trace")
    ex = exercise(seed, trace)
    lost = _id(seed, "(, September 13)")       # the trace did not recover it (confidence none)
    named = _id(seed, "(, September 16)")      # the trace recovered its name (confidence high)
    assert ex.check({}).correct is False
    empty = ex.check({"citation": lost})
    assert empty.correct is False and len(empty.hints) == 5 and "the route" in empty.message
    right = ex.check(record(lost, "not recovered", "none"))
    assert right.correct is True and "instructor's trace" in right.message
    over = ex.check(record(lost, "Some Outlet, September 13", "high"))
    assert over.correct is False and over.hints and "instructor's trace" in over.message
    short = ex.check(record(named, "not recovered", "none"))
    entry = next(e for e in trace["citations"] if e["raw"] == "(, September 16)")
    assert short.correct is False and short.hints[0] == " ".join(entry["hint"].split())
    assert "Aze" not in short.message + " ".join(short.hints)  # the finding is not given away


def test_without_a_key_and_with_a_withheld_key():
    other = load_article(SYNTHETIC_ARTICLE)
    cid = extract_citations(other)[0].id
    ex = exercise(other, None)
    fb = ex.check(record(cid, "not recovered", "none"))
    # without the instructor's trace the record is still checked, and the exercise says so
    assert fb.correct is None and "A complete record" in fb.message and MISSING_KEY not in fb.message
    assert "the check tests only the form" in ex.intro() and "trace.yaml" in ex.intro()
    assert exercise(other, None).check({"citation": cid}).correct is False
    withheld = exercise(other, {"withheld": True}).check(record(cid, "not recovered", "none"))
    assert withheld.correct is None and WITHHELD_KEY in withheld.message
    assert exercise(other, {"withheld": True}).check({"citation": cid}).correct is False  # still judged as a record


def test_a_sealed_confidence_gives_the_same_verdicts(seed):
    trace = load_pack(seed).get("trace")
    sealed = {"citations": [{**e, "confidence": seal(e["confidence"], "03_trace", _id(seed, e["raw"]))}
                            if e["raw"] in ("(, September 13)", "(, September 16)") else e for e in trace["citations"]]}
    clear, hidden = exercise(seed, trace), exercise(seed, sealed)
    for r in (record(_id(seed, "(, September 13)"), "not recovered", "none"),
              record(_id(seed, "(, September 13)"), "Some Outlet", "high"),
              record(_id(seed, "(, September 16)"), "not recovered", "none")):
        assert hidden.check(r).correct == clear.check(r).correct


def test_widget_saves_the_record_and_keeps_the_trace_out_of_its_state(seed, ws):
    trace = load_pack(seed).get("trace")
    ex = exercise(seed, trace)
    state = widget_state(ex.widget(ws))
    assert len(state) > 500
    assert not [e for e in trace["citations"] if " ".join(str(e.get("found")).split())[:30] in state
                and len(str(e.get("found"))) > 30]
    lost = _id(seed, "(, September 13)")
    ex.controls["citation"].value = lost
    ex.controls["found"].value = "not recovered"
    ex.button.click()
    assert ws.answer("03_trace")["citation"] == lost
    assert "Hint" in ex.output.outputs[0]["data"]["text/markdown"]
    assert "c1" in ex.solution() and "confidence" in ex.solution()
