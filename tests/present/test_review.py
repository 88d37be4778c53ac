"""helpers.present.review: a drafted pack reviewed item by item (accept, correct, delete), checked
as a hand-edited file is, saved, and reloaded — through its methods and through its widget."""

from __future__ import annotations

import yaml
import pytest

from helpers.analysis.draft import check_pack_file, draft_pack
from helpers.core.errors import CourseInputError
from helpers.core.paths import articles_dir
from helpers.model.article import load_article
from helpers.model.packwriter import write_pack_files
from helpers.present.review import OTHER_STAGE, STAGES, PackReview

ARTICLE = "synthetic-2021-northern-corridor"


@pytest.fixture
def drafted(tmp_path):
    article = load_article(articles_dir() / f"{ARTICLE}.txt")
    folder = tmp_path / ARTICLE
    write_pack_files(folder, draft_pack(article))
    return article, folder


def test_accept_correct_and_delete_then_save_and_reload(drafted):
    article, folder = drafted
    review = PackReview(article, folder, reviewer="A. Reviewer")
    before = review.pending()
    review.accept("key/citations", "citations", 0)
    quotes = len(review.items("key/quotes", "quotes"))
    review.delete("key/quotes", "quotes", 0)
    voice = dict(review.items("reading", "voice_key")[1], label="question")
    assert review.correct("reading", "voice_key", 1, yaml.safe_dump(voice)) == []
    assert review.pending() == before - 3
    review.save()

    again = PackReview(article, folder)
    first = again.items("key/citations", "citations")[0]
    assert first["status"] == "checked" and first["checked_by"] == "A. Reviewer" and first["checked_on"]
    assert len(again.items("key/quotes", "quotes")) == quotes - 1
    assert again.items("reading", "voice_key")[1]["label"] == "question"
    assert yaml.safe_load((folder / "reading.yaml").read_text(encoding="utf-8"))["status"] == "draft"  # items left


def test_a_wrong_correction_names_the_file_and_item_and_changes_nothing(drafted):
    article, folder = drafted
    review = PackReview(article, folder)
    item = review.items("reading", "voice_key")[2]
    wrong = dict(item, label="an opinion", sentence="p99.s1")
    problems = review.correct("reading", "voice_key", 2, yaml.safe_dump(wrong))
    assert problems and all("reading.yaml" in p and "voice_key item 3" in p for p in problems)
    assert "p99.s1" in problems[0] and review.items("reading", "voice_key")[2] == item
    assert "not valid YAML" in review.correct("reading", "voice_key", 2, "label: [unclosed")[0]


def test_a_hand_edited_file_gets_the_same_check_with_its_line(drafted):
    from helpers.core.yamlio import YamlLines

    article, folder = drafted
    path = folder / "key" / "quotes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["quotes"][1]["text"] = "words the article never uses"
    text = yaml.safe_dump(data, sort_keys=False)
    problems = check_pack_file("key/quotes", data, article, path=path, text=text)
    line = YamlLines(text).items("quotes")[1]
    assert len(problems) == 1 and f"quotes.yaml:{line}: quotes item 2 (q2)" in problems[0], problems
    assert "not in the article" in problems[0]


def test_a_fully_reviewed_file_is_checked_and_the_draft_will_not_overwrite_it(drafted):
    article, folder = drafted
    review = PackReview(article, folder)
    for index in range(len(review.items("key/actors", "actors"))):
        review.accept("key/actors", "actors", index)
    review.save()
    text = (folder / "key" / "actors.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["status"] == "checked"
    assert text.startswith("# Article pack file: key/actors.yaml") and "# Written 20" in text and "Drafted" not in text
    assert (folder / "key" / "quotes.yaml").read_text(encoding="utf-8").startswith("# Drafted pack file")  # still drafts
    with pytest.raises(CourseInputError) as info:
        write_pack_files(folder, draft_pack(article))
    assert "actors.yaml" in str(info.value)


def test_the_widget_buttons_accept_correct_delete_and_save(drafted):
    article, folder = drafted
    review = PackReview(article, folder, reviewer="R")
    review.widget()
    c = review.controls
    accept, correct, delete, save = c["buttons"]
    c["file"].value = ("key/actors", "actors")
    c["item"].value = 0
    accept.click()
    assert review.items("key/actors", "actors")[0]["status"] == "checked"
    assert "[checked]" in c["item"].options[0][0]
    c["item"].value = 1
    c["text"].value = c["text"].value.replace("type: person", "type: group").replace("type: state", "type: group")
    correct.click()
    assert review.items("key/actors", "actors")[1]["type"] == "group"
    count = len(review.items("key/actors", "actors"))
    c["item"].value = 2
    delete.click()
    assert len(review.items("key/actors", "actors")) == count - 1
    save.click()
    text = review.output.outputs[0]["data"]["text/plain"]
    assert text.startswith("Saved") and "items still drafts" in text
    assert PackReview(article, folder).items("key/actors", "actors")[0]["checked_by"] == "R"


def test_an_empty_folder_says_how_to_draft_a_pack(tmp_path):
    article = load_article(articles_dir() / f"{ARTICLE}.txt")
    with pytest.raises(CourseInputError) as info:
        PackReview(article, tmp_path)
    assert "pack draft" in str(info.value)


def test_the_drafted_argument_map_is_saved_without_a_status_and_reloads(drafted):
    """The map's schema has no status: saving the review leaves the map as drafted (its notes say
    so), the drafted scheme instances are reviewed item by item, and both reload."""
    from helpers.analysis.arguments import load_argument_map, load_scheme_instances
    from helpers.analysis.draft import map_is_draft

    article, folder = drafted
    review = PackReview(article, folder, reviewer="A. Reviewer")
    assert "argument" in review.files and review.lists("schemes") == ["instances"]
    first = review.items("schemes", "instances")[0]["id"]
    review.accept("schemes", "instances", 0)
    review.save()
    data = yaml.safe_load((folder / "argument.yaml").read_text(encoding="utf-8"))
    assert "status" not in data and map_is_draft(data)
    amap = load_argument_map(folder / "argument.yaml", article=article)
    instances = load_scheme_instances(folder, article=article, amap=amap)
    assert instances[0].id == first
    saved = yaml.safe_load((folder / "schemes.yaml").read_text(encoding="utf-8"))
    assert saved["instances"][0]["status"] == "checked" and saved["instances"][0]["checked_by"] == "A. Reviewer"


def test_a_pack_without_item_lists_gets_a_note_in_place_of_the_review_widget(tmp_path):
    """A pack folder holding only exercise keys (no list of items to accept) is reviewed by hand:
    the widget says so, naming the folder and its files, instead of failing."""
    article = load_article(articles_dir() / f"{ARTICLE}.txt")
    (tmp_path / "exercises.yaml").write_text("01_predict_question:\n  answer: p1.s1\n", encoding="utf-8")
    widget = PackReview(article, tmp_path).widget()
    assert type(widget).__name__ == "HTML"
    assert "exercises.yaml" in widget.value and str(tmp_path) in widget.value and "pack draft" in widget.value


def test_the_review_goes_lesson_by_lesson_and_each_stage_offers_only_its_own_lists(drafted):
    article, folder = drafted
    review = PackReview(article, folder, reviewer="R")
    every = review.stage_lists()
    by_stage = {stage: review.stage_lists(stage) for stage in [*STAGES, OTHER_STAGE]}
    # every item list of a drafted pack belongs to exactly one lesson, and no lesson is left empty
    assert sorted(p for pairs in by_stage.values() for p in pairs) == sorted(every)
    assert by_stage[OTHER_STAGE] == [] and all(by_stage[stage] for stage in STAGES), by_stage
    assert ("reading", "voice_key") in by_stage["02 · Close reading"]
    review.widget("04 · Actor mapping")
    c = review.controls
    assert [v for _, v in c["file"].options] == by_stage["04 · Actor mapping"]
    c["file"].value = ("statements", "statements")
    c["item"].value = 0
    c["buttons"][0].click()  # accepting in one stage's widget changes the one pack
    assert review.items("statements", "statements")[0]["status"] == "checked"
    table, _ = review.summary()
    assert list(table["lesson"]) == sorted(table["lesson"], key=[*STAGES, OTHER_STAGE].index)
    row = table[(table["file"] == "statements.yaml")].iloc[0]
    assert row["lesson"] == "04 · Actor mapping" and row["checked"] == 1
    empty = review.widget(OTHER_STAGE)
    assert "Nothing to review for Other files" in empty.value
    with pytest.raises(CourseInputError, match="no review stage"):
        review.stage_lists("06 · No such lesson")


def test_each_lesson_stage_edits_the_lesson_notes_its_lesson_reads_and_save_keeps_them(drafted):
    from helpers.model.packs import ArticlePack, generic_notes

    article, folder = drafted
    review = PackReview(article, folder, reviewer="R")
    slots = review.note_slots("01 · The source article")
    generic = generic_notes()["commentary"]["lesson_01"]
    assert [keys[-1] for _, keys in slots] == list(generic)  # every note lesson 01 falls back on
    assert ("critique", ("observations", "voices")) in review.note_slots("05 · Argument critique")
    assert ("hindsight", ("readings",)) in review.note_slots("05 · Argument critique")
    assert review.note_slots("03 · Citation tracing") == []
    assert "reads no lesson notes" in review.notes_widget("03 · Citation tracing").value
    mine, fallback = review.note("commentary", ("lesson_01", "headline"))
    assert mine is None and fallback == generic["headline"]
    # through the widget: choose the note, read the generic one, write the pack's
    review.notes_widget("01 · The source article")
    c = review.note_controls
    c["note"].value = ("commentary", ("lesson_01", "headline"))
    assert "generic note" in c["generic"].value and c["text"].value == ""
    c["text"].value = "The headline promises a test; find the paragraph that names it."
    c["button"].click()
    review.set_note("commentary", ("lesson_02", "concordance"), "Read the verbs that follow the term.")
    review.set_note("hindsight", ("readings",), "Nothing recorded yet; date and source each event.")
    written = review.save()
    assert folder / "commentary.yaml" in written and folder / "hindsight.yaml" in written
    lesson = ArticlePack(article.id, folder)  # what the lessons read from the saved pack
    assert lesson.note("lesson_01", "headline").startswith("The headline promises a test")
    assert lesson.section("hindsight", "readings").startswith("Nothing recorded yet")
    data = yaml.safe_load((folder / "commentary.yaml").read_text(encoding="utf-8"))
    assert data["lesson_01"]["headline"].startswith("The headline promises a test")
    assert "status" not in data  # a notes file is written as it is, with no review status
    assert (folder / "commentary.yaml").read_text(encoding="utf-8").startswith("# Article pack file: commentary.yaml")
    again = PackReview(article, folder)  # the notes are read back, and an empty text removes one
    assert again.note("commentary", ("lesson_02", "concordance"))[0] == "Read the verbs that follow the term."
    again.set_note("commentary", ("lesson_02", "concordance"), "  ")
    again.save()
    assert "lesson_02" not in yaml.safe_load((folder / "commentary.yaml").read_text(encoding="utf-8")) or \
        "concordance" not in yaml.safe_load((folder / "commentary.yaml").read_text(encoding="utf-8"))["lesson_02"]
    with pytest.raises(CourseInputError, match="holds no lesson notes"):
        review.set_note("glossary", ("entries",), "x")
