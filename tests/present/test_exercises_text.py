"""helpers.present.exercises.text: the model answer appears only after an answer; the critique's
checks (length, exact quotations, sentence ids, self-assessment), its word counter and saving."""

from __future__ import annotations

from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.rubrics import critique_standards
from helpers.model.workspace import open_workspace
from helpers.present.exercises.text import CritiqueExercise
from present_examples import SECRET_HINT, SECRET_MODEL, free
from support import SYNTHETIC_ARTICLE


def test_free_text_shows_model_answer_only_after_an_answer(ws):
    ex = free()
    assert ex.check("  ").correct is False and SECRET_MODEL not in ex.check("").message
    fb = ex.check("I would read the byline.")
    assert fb.correct is None and SECRET_MODEL in fb.message and SECRET_HINT in fb.message
    ex.widget(ws)
    ex.control.value = "I would read the byline."
    ex.button.click()
    assert ws.answer("01_this_author") == "I would read the byline."
    assert free(key=None).check("x").message == f"Exercise 3: {MISSING_KEY}"


def test_critique_checks(seed):
    rubric = load_pack(seed).get("critique")["rubric"]
    ex = CritiqueExercise("05_critique", "Exercise 3", "Write.", rubric, seed)
    quote = seed.sentences[0].text.split(",")[0]
    body = f"The article asks a question in p1.s3 and opens with “{quote}”. " + "word " * 280
    scores = {s["name"]: 2 for s in rubric["standards"]}
    scores["fairness"] = 1
    right = ex.check({"text": body, "scores": scores})
    assert right.correct is True and "within 270–330" in right.message and "copied exactly" in right.message
    assert "17 of 27" in right.message and "Revise first for: fairness" in right.message
    misquote = ex.check({"text": body.replace(quote, quote + " surely"), "scores": {}})
    assert misquote.correct is False and "not copied exactly" in misquote.message
    short = ex.check("Too short, see p99.s1.")
    assert short.correct is False and "too short" in short.message and "p99.s1" in short.message


def test_critique_widget_counts_and_saves(seed, tmp_path):
    ws = open_workspace(seed, tmp_path)
    ex = CritiqueExercise("05_critique", "E", "Q", None, seed)
    assert ex.standards == list(critique_standards())
    ex.widget(ws)
    ex.control.value = "one two three"
    assert ex.counter.value.startswith("3 / 300")
    ex.scores["clarity"].value = 2
    ex.button.click()
    assert ws.answer("05_critique") == {"text": "one two three", "scores": {"clarity": 2}}
    again = CritiqueExercise("05_critique", "E", "Q", None, seed)
    again.widget(open_workspace(seed, tmp_path))
    assert again.control.value == "one two three" and again.scores["clarity"].value == 2


def test_pack_key_reads_the_exercises_of_a_pack_file(seed):
    pack = load_pack(seed)
    assert pack.exercise("04_voices", file="critique")["model_answer"]
    assert pack.exercise("nope", file="critique") is None
    assert load_pack(load_article(SYNTHETIC_ARTICLE)).exercise("04_voices", file="critique") is None
