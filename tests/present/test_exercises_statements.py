"""helpers.present.exercises.statements: three coded statements compared with a key on actor and
sentence, then agreement and concept; the agreement figure and the disagreements; no key, a sealed
key, and the seed pack's statements.yaml."""

from __future__ import annotations

from helpers.model.keys import seal
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.present.exercises.statements import StatementCodingExercise
from present_examples import widget_state
from support import make_article

KEY = {"concepts": {"more-buses": "The town needs more buses.", "lower-fares": "Fares should fall."},
       "statements": [{"id": "d1", "actor": "the mayor", "concept": "more-buses", "agreement": 1, "sentence": "p1.s1"},
                      {"id": "d2", "actor": "Unions", "concept": "lower-fares", "agreement": -1, "sentence": "p1.s2"},
                      {"id": "d3", "actor": "the author", "concept": "more-buses", "agreement": 1, "sentence": "p2.s1"}],
       "exercises": {"04_code_statements": {"hint": "SECRET-HINT code only positions someone takes"}}}


def article():
    return make_article("The mayor says the town needs more buses. Unions reject lower fares.",
                        "More buses are plainly overdue.")


def coding(key=KEY):
    return StatementCodingExercise("04_code_statements", "Exercise 2", "Code three statements.", article(), key)


def row(actor, concept, agreement, sentence):
    return {"actor": actor, "concept": concept, "agreement": agreement, "sentence": sentence}


RIGHT = [row("Mayor", "more-buses", 1, "p1.s1"), row("unions", "lower-fares", -1, "p1.s2"),
         row("The author", "more-buses", 1, "p2.s1")]


def test_right_partly_right_and_wrong():
    ex = coding()
    assert ex.check([]).correct is False
    right = ex.check(RIGHT)
    assert right.correct is True and "3 of 3 statements match on actor and sentence (100%)" in right.message
    partly = ex.check([RIGHT[0], row("Unions", "lower-fares", 1, "p1.s2"), row("the mayor", "more-buses", 1, "p2.s1")])
    assert partly.correct is False and "2 of 3" in partly.message and "1 have the same agreement sign" in partly.message
    assert "the agreement differs" in partly.message and "no statement by this actor" in partly.message
    assert partly.hints[0] == "SECRET-HINT code only positions someone takes"
    hints = " ".join(partly.hints)
    assert "the author" not in hints.lower()  # where to look, never the key's actor
    wrong = ex.check([row("Drivers", "more-buses", 1, "p1.s1")])
    assert wrong.correct is False and "0 of 1" in wrong.message and "2 more statement" in " ".join(wrong.hints)


def test_incomplete_rows_and_unknown_sentences_are_named():
    fb = coding().check([row("the mayor", "", None, "p7.s1")])
    assert fb.correct is False and "concept" in fb.hints[0] and "agreement" in fb.hints[0] and "p7.s1" in fb.hints[0]


def test_without_a_key():
    ex = coding(None)
    assert MISSING_KEY in ex.intro() and "your own" in ex.intro()
    fb = ex.check(RIGHT)
    assert fb.correct is None and MISSING_KEY in fb.message


def test_a_sealed_key_gives_the_same_verdicts():
    sealed = {**KEY, "statements": [{**s, "actor": seal(s["actor"], "04_code_statements", f"{s['id']}.actor"),
                                     "agreement": seal(s["agreement"], "04_code_statements", f"{s['id']}.agreement")}
                                    for s in KEY["statements"]]}
    exact = [row("the mayor", "more-buses", 1, "p1.s1"), row("Unions", "lower-fares", -1, "p1.s2"),
             row("the author", "more-buses", 1, "p2.s1")]
    for answer in (exact, [exact[0], row("Unions", "lower-fares", 1, "p1.s2"), exact[2]]):
        assert coding(sealed).check(answer).correct == coding().check(answer).correct
    assert "(sealed)" in coding(sealed).solution()


def test_the_seed_pack_and_the_widget(seed, ws):
    data = load_pack(seed).get("statements")
    ex = StatementCodingExercise("04_code_statements", "Exercise 2", "q", seed, data)
    first = [row(s["actor"], s["concept"], s["agreement"], s["sentence"]) for s in data["statements"][:3]]
    assert ex.check(first).correct is True
    state = widget_state(ex.widget(ws))
    assert len(state) > 500 and not [s for s in data["statements"] if s.get("note") and s["note"][:30] in state]
    ex.rows[0]["actor"].value, ex.rows[0]["sentence"].value = "some in Baku", "p3.s2"
    ex.button.click()
    assert ws.answer("04_code_statements")[0]["actor"] == "some in Baku"
    assert all(s["id"] in ex.solution() for s in data["statements"])


def test_the_network_drawn_after_the_exercise_does_not_say_where(seed):
    import json

    from helpers.analysis.discourse import pack_statements
    from helpers.present.display import chart_spec
    from helpers.present.views.discourse import two_mode_network

    chart, table = two_mode_network(pack_statements(seed))
    assert "sentences" not in table.columns and '"sentences"' not in json.dumps(chart_spec(chart))
