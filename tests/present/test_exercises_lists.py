"""helpers.present.exercises.lists: the actor list scores the machine against the student's list
(precision and recall by hand) and the student's list against the pack's key."""

from __future__ import annotations

from helpers.model.packs import load_pack
from helpers.present.exercises.base import WITHHELD_KEY
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
    assert wrong.correct is False and "not actors in this text: Sochi" in wrong.message
    missing = len(key["actors"]) - 1
    assert f"; {missing} are missing." in wrong.message
    # how many, never which: the names of the missed actors wait for "Show the answer" (the
    # machine's own list, above the key's part, is what the notebook shows anyway)
    told = wrong.message[wrong.message.index("Against the answer key"):] + "".join(wrong.hints)
    assert not [a["name"] for a in key["actors"][1:] if a["name"] in told]
    assert len(wrong.hints) == 2 and "paragraph(s) 1, " in wrong.hints[1]
    assert all(a["name"] in ex.solution() for a in key["actors"])
    no_key = ActorListExercise("x", "E", "Q", machine, None, article)
    fb = no_key.check("Russia")
    assert fb.correct is None and "precision" in fb.message and "compare with a partner" in no_key.intro()


def test_actor_list_folds_typographic_apostrophes_and_withheld_keys(seed, seed_actors):
    key = {"actors": [{"name": "Harbour’s Board", "type": "organization"}], "not_actors": ["The Quay’s Edge"]}
    ex = ActorListExercise("x_list", "E", "Q", seed_actors, key, seed)
    assert ex.check("Harbour's Board").correct is True
    typed = ex.check("Harbour's Board\nthe quay's edge")
    assert typed.correct is False and "not actors in this text: the quay's edge" in typed.message
    withheld = ActorListExercise("x_list", "E", "Q", seed_actors, {"withheld": True}, seed).check("Russia")
    assert withheld.correct is None and WITHHELD_KEY in withheld.message and "precision" in withheld.message


def test_a_machine_drafted_actor_key_says_so_in_the_intro_and_the_feedback(seed, seed_actors):
    key = dict(load_pack(seed).key("actors"))
    checked = ActorListExercise("04_actor_list", "Exercise 4", "List the actors.", seed_actors, key, seed)
    assert "drafted by the machine" not in checked.intro()
    drafted = ActorListExercise("04_actor_list", "Exercise 4", "List the actors.", seed_actors,
                                {**key, "status": "draft"}, seed)
    assert "Exercise 4: this key was drafted by the machine" in drafted.intro()
    fb = drafted.check("Ilham Aliyev\nVladimir Putin")
    assert "drafted by the machine" in drafted.feedback_text(fb, 1)
