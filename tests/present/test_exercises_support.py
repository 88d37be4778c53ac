"""helpers.present.exercises.support: what each paragraph rests on, said by the student before
the table counts it; wrong, partly right and right; hints point at the citations, not the count;
the count is the key, so an article without a pack works the same."""

from __future__ import annotations

from helpers.analysis.citations import extract_citations
from helpers.model.article import load_article
from helpers.present.exercises.support import RESTS_ON, RestsOnExercise
from present_examples import ports_article, widget_state
from support import SYNTHETIC_ARTICLE


def rests(article):
    return RestsOnExercise("03_rests_on", "Exercise 1", "What does each paragraph rest on?", article,
                           extract_citations(article))


RIGHT = {"1": "several sources", "2": "one source", "3": "no citation", "4": "no citation", "5": "one lost source"}


def test_wrong_partly_right_and_right():
    ex = rests(ports_article())
    assert ex.check({}).correct is False
    assert ex.check(RIGHT).correct is True
    partly = ex.check({**RIGHT, "1": "one source"})
    assert partly.correct is False and "4 of 5" in partly.message and "¶1: “one source” — not yet" in partly.message
    assert "several" not in " ".join(partly.hints)  # the hints point at the citations, never the count
    assert "(Harbour Daily, March 1)" in partly.hints[1]
    wrong = ex.check({"5": "no citation"})
    assert wrong.correct is False and "0 of 5" in wrong.message and "not answered yet" in wrong.message


def test_works_without_a_pack_and_keeps_the_count_out_of_widget_state(ws):
    other = load_article(SYNTHETIC_ARTICLE)
    ex = rests(other)
    assert ex.has_key and all(v in RESTS_ON for v in ex.counted.values())
    assert ex.check({str(k): v for k, v in ex.counted.items()}).correct is True
    box = rests(ports_article()).widget(None)
    assert len(widget_state(box)) > 500
    assert "¶1: several sources" in rests(ports_article()).solution()
