"""helpers.present.exercises.text: the model answer appears only after an answer; the critique's
checks (length, exact quotations, sentence ids, self-assessment), its word counter and saving."""

from __future__ import annotations

from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.rubrics import critique_standards
from helpers.model.workspace import open_workspace
from helpers.model.article import parse_article
from helpers.present.exercises.base import REVEAL_CONFIRM, WITHHELD_KEY
from helpers.present.exercises.text import CritiqueExercise, FreeTextExercise
from present_examples import QUAY_TEXT, SECRET_HINT, SECRET_MODEL, free, quay_article, shown
from support import SYNTHETIC_ARTICLE


def test_free_text_check_never_shows_the_model_answer(ws):
    ex = free()
    assert ex.check("  ").correct is False and SECRET_MODEL not in ex.check("").message
    fb = ex.check("I would read the byline.")
    assert fb.correct is None and SECRET_MODEL not in fb.message + "".join(fb.hints)
    assert fb.hints == [f"- {SECRET_HINT}"]  # the look_for points are the ladder
    assert SECRET_MODEL in ex.solution()
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


POINTS = ["names the crane", "says who is blamed", "quotes the mayor exactly"]


def checklist():
    return FreeTextExercise("x_quay", "Exercise 4", "What does the first paragraph report?",
                            {"model_answer": SECRET_MODEL, "look_for": POINTS})


def test_free_text_ladder_one_more_point_each_try_and_the_model_answer_only_on_reveal(tmp_path):
    ws = open_workspace("quay", tmp_path)
    ex = checklist()
    ex.widget(ws)
    ex.reveal_button.click()
    assert shown(ex) == REVEAL_CONFIRM  # commit before reveal
    answers = ["The weather.",                                         # wrong
               "The crane came late.",                                  # partly right
               "The crane came late; the mayor said it was “nobody’s fault”."]  # right
    for n, answer in enumerate(answers, start=1):
        ex.control.value = answer
        ex.button.click()
        text = shown(ex)
        assert SECRET_MODEL not in text and "Saved." in text
        assert f"**Hint {n} of 3:**" in text
        assert all(p in text for p in POINTS[:n]) and not any(p in text for p in POINTS[n:])
    ex.control.value = "One more revision."
    ex.button.click()  # past the last step: the whole checklist again
    assert "**Hint 3 of 3:**" in shown(ex) and all(p in shown(ex) for p in POINTS)
    ex.reveal_button.click()
    assert SECRET_MODEL in shown(ex)
    entry = open_workspace("quay", tmp_path).answers["x_quay"]
    assert entry["tries"] == 4 and entry["revealed_after"] == 4 and entry["correct"] is None
    assert entry["answer"] == "One more revision."


def test_a_withheld_free_text_key_keeps_its_checklist(tmp_path):
    ws = open_workspace("quay", tmp_path)
    ex = FreeTextExercise("x_quay", "Exercise 4", "Q?", {"withheld": True, "look_for": POINTS})
    assert f"Exercise 4: {WITHHELD_KEY}" in ex.intro()
    fb = ex.check("my answer")
    assert fb.correct is None and WITHHELD_KEY in fb.message and fb.hints[0] == f"- {POINTS[0]}"
    ex.widget(ws)
    ex.control.value = "my answer"
    ex.button.click()
    assert ws.answer("x_quay") == "my answer" and WITHHELD_KEY in shown(ex) and POINTS[0] in shown(ex)
    ex.reveal_button.click()
    assert WITHHELD_KEY in shown(ex) and all(p in shown(ex) for p in POINTS)


def test_critique_quotations_match_typographic_marks():
    article = quay_article()
    ex = CritiqueExercise("x_critique", "E", "Q", {"target_words": 20}, article)
    typed = 'The mayor calls the delay "nobody\'s fault" and "The harbour\'s new crane arrived late" opens it, ' \
            "which is fair enough as a start for a short piece."
    fb = ex.check(typed)
    assert "accuracy: all 2 quotation(s) are copied exactly" in fb.message
    curly = typed.replace('"nobody\'s fault"', "“nobody’s fault”")
    assert "copied exactly" in ex.check(curly).message and "not copied" not in ex.check(curly).message
    wrong = ex.check(typed.replace("nobody\'s", "anybody\'s"))
    assert "not copied exactly from the article: “anybody's fault”" in wrong.message
    assert "’" in QUAY_TEXT and parse_article(QUAY_TEXT, article_id="quay").text.count("’") >= 3


# -- who wrote it: lesson 01's author exercise asks only about what the article has ---------------

def _displayed(fn, monkeypatch) -> str:
    """What ``fn`` shows through ``helpers.present.display``: notes, and tables as "TABLE caption rows"."""
    from helpers.present import display

    seen: list[str] = []
    monkeypatch.setattr(display, "show_note", lambda text, heading=None: seen.append(f"NOTE {heading}: {text}"))
    monkeypatch.setattr(display, "show_table", lambda table, caption: seen.append(
        f"TABLE {caption}: {len(table)} rows {' '.join(table.astype(str).values.ravel())}"))
    fn()
    return "\n".join(seen)


def test_without_a_reference_to_its_writer_the_author_exercise_asks_how_to_find_out(monkeypatch):
    from helpers.analysis.draft import draft_pack
    from helpers.present.views.article import author_question, show_author_references

    article = quay_article()  # no "this author", no byline
    key = draft_pack(article)["exercises"]["01_this_author"]
    assert "phrase" not in key and key["look_for"] and "byline" in key["model_answer"]
    question = author_question(article, key)
    assert "How would you find out who wrote it" in question and "'" not in question.split("?")[0]
    page = _displayed(lambda: show_author_references(article, key), monkeypatch)
    assert key["look_up"] in page and "TABLE" not in page  # the prompt, never an empty table
    ex = FreeTextExercise("01_this_author", "Exercise 3", question, key)
    assert ex.drafted and ex.check("I would read the byline on the outlet's page.").hints[0].startswith("- ")


def test_with_a_reference_to_its_writer_the_author_exercise_shows_where(seed, monkeypatch):
    from helpers.present.views.article import author_question, show_author_references

    key = load_pack(seed).exercise("01_this_author")
    assert author_question(seed, key) == "Who is 'this author'? Say how you would check your answer."
    page = _displayed(lambda: show_author_references(seed, key), monkeypatch)
    assert "TABLE Where the text says 'this author': 1 rows" in page and "p1.s1" in page and "NOTE" not in page
    assert "Where the text says 'this author'" in _displayed(lambda: show_author_references(seed, None), monkeypatch)
    named = parse_article("# A Test\n\nThe council met.\n", source="t.md", article_id="t", metadata={"author": "A. Writer"})
    assert "only the metadata names an author (A. Writer)" in author_question(named, None)
