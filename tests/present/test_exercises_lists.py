"""helpers.present.exercises.lists: the actor list scores the machine against the student's list
(precision and recall by hand) and the student's list against the pack's key."""

from __future__ import annotations

from helpers.model.packs import load_pack
from helpers.present.exercises.lists import ActorListExercise


def test_actor_list_feedback(seed, seed_actors):
    article, machine = seed, seed_actors
    key = load_pack(article).key("actors")
    ex = ActorListExercise("04_actor_list", "Exercise 3", "List the actors.", machine, key, article)
    assert ex.check("").correct is False
    full = "\n".join(a["name"] for a in key["actors"])
    right = ex.check(full)
    assert right.correct is True and "recall** is 100%" in right.message and "finds 100%" in right.message
    wrong = ex.check("Russia\nSochi\n")
    assert wrong.correct is False and "not actors in this text: Sochi" in wrong.message and "you missed" in wrong.message
    no_key = ActorListExercise("x", "E", "Q", machine, None, article)
    fb = no_key.check("Russia")
    assert fb.correct is None and "precision" in fb.message and "compare with a partner" in no_key.intro()
