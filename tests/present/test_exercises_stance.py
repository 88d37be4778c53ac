"""helpers.present.exercises.stance: hedges and boosters marked by hand in sentences of the
student's choice, compared with the lexicons; hints name the kind of word, never the word; the
lexicon is the key, so an article without a pack works the same."""

from __future__ import annotations

from helpers.analysis.reading import extract_features
from helpers.model.article import load_article
from helpers.present.exercises.stance import StanceExercise, words_of
from present_examples import widget_state
from support import SYNTHETIC_ARTICLE, make_article


def article():
    return make_article("The harbour plan will perhaps open next year. Clearly the ferry costs too much.",
                        "Officials say the budget is fine. The mayor doubts it.")


def stance(a=None):
    a = a or article()
    return StanceExercise("02_stance", "Exercise 2", "Mark the hedges and boosters.", a, extract_features(a))


def test_words_are_split_at_commas_and_lines():
    assert words_of(" perhaps, “clearly”;\nin fact ") == ["perhaps", "clearly", "in fact"]


def test_right_partly_right_and_wrong():
    ex = stance()
    assert ex.check([]).correct is False
    right = ex.check([{"sentence": "p1.s1", "hedge": "Perhaps", "booster": ""},
                      {"sentence": "p1.s2", "hedge": "", "booster": "clearly"}])
    assert right.correct is True and "2 of 2 sentences" in right.message
    partly = ex.check([{"sentence": "p1.s1", "hedge": "perhaps", "booster": ""},
                       {"sentence": "p1.s2", "hedge": "", "booster": ""}])
    assert partly.correct is False and "1 of 2" in partly.message
    assert "booster lexicon finds 1 word" in partly.hints[0]
    assert all("clearly" not in h.lower() for h in partly.hints)  # the kind and the place, never the word
    assert "strengthens" in partly.hints[1] and "words" in partly.hints[2]
    misfiled = ex.check([{"sentence": "p1.s1", "hedge": "", "booster": "perhaps"},
                         {"sentence": "p1.s2", "hedge": "", "booster": "Clearly"}])
    assert misfiled.correct is False and "as another kind" in misfiled.message


def test_one_sentence_is_not_enough_and_unknown_words_are_a_reading():
    ex = stance()
    one = ex.check([{"sentence": "p1.s1", "hedge": "perhaps", "booster": ""}])
    assert one.correct is False and "1 more sentence" in one.hints[0]
    own = ex.check([{"sentence": "p1.s1", "hedge": "perhaps, next year", "booster": ""},
                    {"sentence": "p2.s2", "hedge": "doubts", "booster": ""}])
    assert own.correct is True and "not in the hedge lexicon" in own.message
    absent = ex.check([{"sentence": "p1.s1", "hedge": "perhaps, maybe", "booster": ""},
                       {"sentence": "p1.s2", "hedge": "", "booster": "clearly"}])
    assert absent.correct is False and "“maybe” is not in p1.s1" in absent.message
    assert ex.check([{"sentence": "p9.s9", "hedge": "x"}]).correct is False


def test_works_on_an_article_without_a_pack():
    other = load_article(SYNTHETIC_ARTICLE)
    ex = stance(other)
    assert ex.has_key
    fb = ex.check([{"sentence": s.id, "hedge": "", "booster": ""} for s in other.sentences[:2]])
    assert fb.correct in (True, False) and "sentences match the lexicons" in fb.message


def test_widget_saves_and_keeps_the_lexicon_out_of_its_state(ws, seed):
    ex = StanceExercise("02_stance", "Exercise 2", "q", seed, extract_features(seed))
    box = ex.widget(ws)
    state = widget_state(box)
    assert len(state) > 500 and "lexicon" not in state and "booster:" not in state
    ex.rows[0]["sentence"].value, ex.rows[0]["hedge"].value = "p4.s1", "likely"
    ex.button.click()
    assert ws.answer("02_stance")[0]["hedge"] == "likely"
    assert "Hint" in ex.output.outputs[0]["data"]["text/markdown"]  # one sentence of two: a hint, no answer
    assert "likely" in ex.solution() and "p4.s1" in ex.solution()
