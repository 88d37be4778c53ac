"""helpers.present.exercises.schemes: the scheme of two arguments and their critical questions
answered with evidence; the key's statuses; no key (the student names the sentences), a sealed
scheme, and the seed pack's key."""

from __future__ import annotations

from helpers.analysis.arguments import load_scheme_instances, load_schemes
from helpers.model.article import load_article
from helpers.model.keys import seal
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.present.exercises.schemes import SchemeExercise, parse_answers, scheme_exercise
from present_examples import widget_state
from support import SYNTHETIC_ARTICLE

A_RIGHT = "expertise: open — p1.s1 names no credentials\nopinion: open — p1.s1, p1.s2 recalled, not recorded"
B_RIGHT = "correlation: open — p5.s1 (Regnum, October 6) only public gestures\nalternatives: open — p4.s1"


def test_parse_answers():
    answers, unread = parse_answers("expertise: open — p1.s1 (Some Outlet, May 2)\n- field = answered p2.s1\nno form")
    assert [a["question"] for a in answers] == ["expertise", "field"] and unread == ["no form"]
    assert answers[0]["sentences"] == ["p1.s1"] and answers[0]["citations"] == ["(Some Outlet, May 2)"]


def test_right_partly_right_and_wrong(seed, seed_map):
    ex = scheme_exercise(seed, seed_map, "Exercise 2")
    assert ex.has_key and ex.slots == ["A", "B"]
    assert "sign" not in ex.intro().lower().replace("design", "")  # the arguments are shown, not their schemes
    assert ex.check({}).correct is False
    right = ex.check({"A": {"scheme": "expert_opinion", "answers": A_RIGHT}, "B": {"scheme": "sign", "answers": B_RIGHT}})
    assert right.correct is True and "2 of 2" in right.message
    also = ex.check({"A": {"scheme": "position_to_know", "answers": "position: open — p1.s1\nhonesty: open — p1.s1"},
                     "B": {"scheme": "sign", "answers": B_RIGHT}})
    assert also.correct is True  # a defensible second scheme
    status = ex.check({"A": {"scheme": "expert_opinion", "answers": A_RIGHT.replace("opinion: open", "opinion: answered")},
                       "B": {"scheme": "sign", "answers": B_RIGHT}})
    assert status.correct is False and "look again at opinion" in status.message and "p1.s2" in status.hints[-1]
    wrong = ex.check({"A": {"scheme": "expert_opinion", "answers": A_RIGHT},
                      "B": {"scheme": "cause_to_effect", "answers": "strength: open — p5.s1\nevidence: open — p5.s2"}})
    assert wrong.correct is False and "not yet" in wrong.message and "Argument from sign" not in " ".join(wrong.hints)
    bad = ex.check({"A": {"scheme": "expert_opinion", "answers": "expertise: open — p9.s9\nfield: open (Nowhere, May 1)"},
                    "B": {"scheme": "sign", "answers": B_RIGHT}})
    assert bad.correct is False and "p9.s9 do not" in bad.message and "evidence (a sentence id) for field" in bad.message


def test_without_a_key_the_student_names_the_arguments():
    other = load_article(SYNTHETIC_ARTICLE)
    ex = scheme_exercise(other, None, "Exercise 2")
    # no key: it checks what a machine can, and says so (not "no answer key")
    assert not ex.has_key and MISSING_KEY not in ex.intro() and "the check tests only the form" in ex.intro()
    assert "05_schemes" in ex.intro()
    done = {"scheme": "sign", "sentences": "p2.s1", "answers": "correlation: open — p2.s1\nalternatives: open — p2.s2"}
    fb = ex.check({"A": done, "B": done})
    assert fb.correct is None and "the answers are complete" in fb.message and "the check tests only" in fb.message
    half = ex.check({"A": {**done, "sentences": ""}, "B": done})
    assert half.correct is False and "sentence ids of the argument" in " ".join(half.hints)


def test_a_sealed_scheme_gives_the_same_verdicts(seed, seed_map):
    pack = load_pack(seed)
    key = pack.exercise("05_schemes")
    sealed = {"arguments": [{**a, "scheme": seal(a["scheme"], "05_schemes", a["id"]),
                             "accept": [seal(x, "05_schemes", a["id"]) for x in a.get("accept") or []]}
                            for a in key["arguments"]]}
    instances = load_scheme_instances(seed, article=seed)
    clear = SchemeExercise("05_schemes", "2", "q", seed, load_schemes(), key, instances, seed_map)
    hidden = SchemeExercise("05_schemes", "2", "q", seed, load_schemes(), sealed, instances, seed_map)
    for answer in ({"A": {"scheme": "expert_opinion", "answers": A_RIGHT}, "B": {"scheme": "sign", "answers": B_RIGHT}},
                   {"A": {"scheme": "sign", "answers": B_RIGHT}, "B": {"scheme": "sign", "answers": B_RIGHT}}):
        assert hidden.check(answer).correct == clear.check(answer).correct
    assert "(sealed)" in hidden.solution()


def test_widget_state_holds_no_key(seed, seed_map, ws):
    ex = scheme_exercise(seed, seed_map, "Exercise 2")
    state = widget_state(ex.widget(ws))
    key = load_pack(seed).exercise("05_schemes")
    assert len(state) > 500 and not [a for a in key["arguments"] if a["hint"][:30] in state]
    assert "expert-galuzade" not in state
    ex.controls["A"]["scheme"].value = "expert_opinion"
    ex.button.click()
    assert ws.answer("05_schemes")["A"]["scheme"] == "expert_opinion"
    assert "Argument from expert opinion" in ex.solution()


def test_the_argument_map_drawn_before_the_exercise_does_not_name_the_schemes(seed_map):
    import json

    from helpers.present.views.arguments import to_vega_lite

    spec = json.dumps(to_vega_lite(seed_map))
    instances = {r.scheme for r in seed_map.relations if r.scheme}
    assert instances and not [i for i in instances if i in spec]
