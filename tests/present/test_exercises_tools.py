"""helpers.present.exercises.tools: the note taker saves sentence and phrase notes through the
workspace; the concordance looks a term up in context."""

from __future__ import annotations

import pytest

from helpers.core.errors import CourseInputError
from helpers.model.workspace import open_workspace
from helpers.present.exercises.tools import Concordance, NoteTaker
from present_examples import quay_article


def test_note_taker_saves_sentence_and_phrase_notes(seed, ws, tmp_path):
    taker = NoteTaker(seed, ws, seed.paragraph(1).sentences)
    whole = taker.save("p1.s3", "the question", "frame, question")
    assert whole.exact == seed.sentence("p1.s3").text and whole.tags == ["frame", "question"]
    part = taker.save("p1.s1", "the formula", phrase="Azerbaijan is the prize")
    assert seed.text[part.start:part.end] == "Azerbaijan is the prize"
    with pytest.raises(CourseInputError, match="not in p1.s2"):
        taker.save("p1.s2", "x", phrase="not in this sentence")
    table = open_workspace(seed, tmp_path / "work").annotations_table(seed)
    assert list(table["sentence"]) == ["p1.s3", "p1.s1"]
    assert list(table["note"]) == ["the question", "the formula"]
    box = taker.widget()
    taker.controls["sentence"].value = "p1.s2"
    taker.controls["phrase"].value = "he added"
    taker.controls["note"].value = "reporting cue"
    taker.button.click()
    assert ws.annotations[-1].exact == "he added" and ws.annotations[-1].note == "reporting cue"
    assert "Saved a note on p1.s2" in taker.output.outputs[0]["data"]["text/markdown"]
    assert taker.controls["note"].value == ""  # ready for the next note
    taker.controls["phrase"].value = "no such words"
    taker.button.click()
    assert "is not in p1.s2" in taker.output.outputs[0]["data"]["text/markdown"]
    assert len(ws.annotations) == 3
    assert box is not None


def notes_html(taker) -> str:
    return taker.notes.outputs[0]["data"]["text/html"]


def test_note_taker_table_refreshes_after_a_save_and_phrases_match_typographic_marks(tmp_path):
    article = quay_article()
    ws = open_workspace(article, tmp_path)
    taker = NoteTaker(article, ws)
    taker.widget()
    assert "none yet" in notes_html(taker) and not tmp_path.joinpath(f"{article.id}.json").exists()
    taker.controls["sentence"].value = "p1.s1"
    taker.controls["phrase"].value = "harbour's new crane"  # typed with a straight apostrophe
    taker.controls["note"].value = "what arrived"
    taker.button.click()
    anno = ws.annotations[-1]
    assert anno.exact == "harbour’s new crane"  # the article's own words
    assert "Your notes on this article (1)" in notes_html(taker) and "what arrived" in notes_html(taker)
    taker.controls["sentence"].value = "p2.s2"
    taker.controls["note"].value = "whose view?"
    taker.button.click()
    assert "(2)" in notes_html(taker) and "whose view?" in notes_html(taker)
    again = NoteTaker(article, open_workspace(article, tmp_path))
    again.widget()  # after a re-run the table shows the saved notes
    assert "(2)" in notes_html(again) and "what arrived" in notes_html(again)


def test_note_taker_says_when_a_save_fails_and_keeps_the_note(tmp_path, monkeypatch):
    article = quay_article()
    ws = open_workspace(article, tmp_path)
    taker = NoteTaker(article, ws)
    taker.widget()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ws, "annotate", full)
    taker.controls["sentence"].value = "p2.s1"
    taker.controls["note"].value = "doubt"
    taker.button.click()
    text = taker.output.outputs[0]["data"]["text/markdown"]
    assert "**Not saved:** No space left on device — your note is still in the box; try again." == text
    assert taker.controls["note"].value == "doubt" and "none yet" in notes_html(taker)


def test_concordance_lookup(seed):
    tool = Concordance(seed)
    word = seed.paragraph(1).sentences[0].text.split()[0]
    table, message = tool.lookup(word)
    assert len(table) >= 1 and message.startswith(f"“{word}”: {len(table)} occurrence")
    table, message = tool.lookup("   ")
    assert table is None and "Type a word" in message
    tool.widget()
    tool.control.value = word
    assert tool.output.outputs and word in tool.output.outputs[0]["data"]["text/html"]


def test_note_taker_offers_back_a_note_an_interrupted_save_left(tmp_path):
    import json

    article = quay_article()
    ws = open_workspace(article, tmp_path)
    ws.annotate(article, 0, 3, note="saved one")
    note = {"id": "n-2", "start": 4, "end": 11, "exact": article.text[4:11], "note": "the one I lost", "tags": [],
            "created": "2026-01-01T14:02:00+00:00", "prefix": "", "suffix": ""}
    data = ws.to_dict()
    (tmp_path / f".{ws.path.name}.x1.tmp").write_text(json.dumps({**data, "annotations": data["annotations"] + [note]}),
                                                     encoding="utf-8")
    taker = NoteTaker(article, open_workspace(article, tmp_path))
    taker.widget()
    assert taker.restore_button is not None and "(1)" in notes_html(taker)
    taker.restore_button.click()
    assert "(2)" in notes_html(taker) and "the one I lost" in notes_html(taker)
    assert [a.note for a in open_workspace(article, tmp_path).annotations] == ["saved one", "the one I lost"]
    again = NoteTaker(article, open_workspace(article, tmp_path))
    again.widget()
    assert again.restore_button is None and list(tmp_path.iterdir()) == [ws.path]  # nothing left to offer
