"""Examples shared by the tests of helpers.present (imported by name): a small article whose
citations and stance are counted by hand, exercises on the seed's first paragraph whose keys are
marked SECRET, and a look at the widget state a static page would store."""

from __future__ import annotations

import datetime as dt
import json

from helpers.model.article import parse_article
from helpers.present.exercises.choice import ChoiceExercise, sentence_options
from helpers.present.exercises.labels import VOICE_LABELS, LabelExercise
from helpers.present.exercises.text import FreeTextExercise

#: Five body paragraphs: two sources in p1, one in p2, attribution cues in p3 continuing it, nothing
#: in p4, a lost source in p5; published 2021-03-09.
PORTS_TEXT = """Ports And Plans

Publication: Test Monitor Volume: 3 Issue: 7

The port grew fast (Harbour Daily, March 1). Officials agreed (see TM, February 2, 2021).

Critics doubt the figures (Harbour Daily, March 3).

The analyst says the plan is weak. She notes the costs.

Nothing more happened.

Trade rose anyway (, February 11).
"""


def ports_article():
    return parse_article(PORTS_TEXT, article_id="small", metadata={"date": dt.date(2021, 3, 9)})


SECRET_WHY = "SECRET-WHY because the third sentence asks"
SECRET_HINT = "SECRET-HINT look for the question mark"
SECRET_FEEDBACK = "SECRET-FEEDBACK this one only reports"
SECRET_MODEL = "SECRET-MODEL the byline on the original page"
SECRETS = (SECRET_WHY, SECRET_HINT, SECRET_FEEDBACK, SECRET_MODEL, "SECRET")


def choice(seed, key="default"):
    if key == "default":
        key = {"answer": "p1.s3", "why": SECRET_WHY, "hint": SECRET_HINT, "feedback": {"p1.s1": SECRET_FEEDBACK}}
    return ChoiceExercise("01_predict_question", "Exercise 1a", "Which sentence asks the question?",
                          sentence_options(seed.paragraph(1).sentences), key, article=seed)


def labels(seed, key="default"):
    if key == "default":
        key = {"labels": {"p1.s1": "a reported view", "p1.s2": "a reported view", "p1.s3": "the author's own voice"},
               "why": {"p1.s1": SECRET_WHY, "p1.s2": SECRET_HINT, "p1.s3": SECRET_FEEDBACK}}
    return LabelExercise.over_sentences("01_opening_voices", "Exercise 2", "Whose voice?",
                                        seed.paragraph(1).sentences, VOICE_LABELS, key, seed)


def free(key="default"):
    if key == "default":
        key = {"model_answer": SECRET_MODEL, "look_for": [SECRET_HINT]}
    return FreeTextExercise("01_this_author", "Exercise 3", "Who is this author?", key)


def widget_state(box) -> str:
    """The state of the widget and everything it depends on, as a static page would store it."""
    from ipywidgets.embed import dependency_state

    return json.dumps(dependency_state(box, drop_defaults=False))


#: A short article in the course's own words with typographic apostrophes and quotation marks.
QUAY_TEXT = """The Quay’s Long Winter

Publication: Test Monitor Volume: 4 Issue: 2

The harbour’s new crane arrived late. The mayor said the delay was “nobody’s fault”.

Workers doubt it. They’ve seen three winters of promises, the union notes.
"""


def quay_article():
    return parse_article(QUAY_TEXT, article_id="quay", metadata={"date": dt.date(2022, 1, 4)})


def shown(exercise) -> str:
    """The Markdown an exercise's feedback ``Output`` shows now ("" when it shows nothing)."""
    outputs = exercise.output.outputs
    return outputs[0]["data"]["text/markdown"] if outputs else ""


def state_without_outputs(box) -> str:
    """The stored widget state of ``box`` without the ``Output`` widgets, which hold what the
    student asked to see (feedback, the answer once revealed)."""
    from ipywidgets.embed import dependency_state

    state = dependency_state(box, drop_defaults=False)
    return json.dumps({k: v for k, v in state.items() if v.get("model_name") != "OutputModel"})
