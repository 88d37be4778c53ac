"""helpers.core.text: one way to fold, to make typographic marks plain, and to shorten a string."""

from __future__ import annotations

from helpers.core.text import clip, fold, plain


def test_plain_turns_typographic_marks_into_the_ones_a_keyboard_types():
    assert plain("the council’s “firm” line – or not") == "the council's \"firm\" line - or not"
    assert plain("«quoted» ‘single’ a\u00a0b") == "\"quoted\" 'single' a b"
    assert plain("no marks here") == "no marks here"


def test_fold_compares_what_a_student_types_with_the_article():
    assert fold("  The  Harbour’s   Council ") == fold("the harbour's council")
    assert fold("“In short”") == fold('"in short"')
    assert fold("Harbour") != fold("Harbor")


def test_clip_keeps_short_text_and_cuts_long_text_with_an_ellipsis():
    assert clip("a  short\nline") == "a short line"
    cut = clip("word " * 100, 20)
    assert len(cut) <= 20 and cut.endswith("…")
