"""helpers.present.exercises.tools: the note taker saves sentence and phrase notes through the
workspace; the concordance looks a term up in context."""

from __future__ import annotations

import pytest

from helpers.core.errors import CourseInputError
from helpers.model.workspace import open_workspace
from helpers.present.exercises.tools import Concordance, NoteTaker


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
