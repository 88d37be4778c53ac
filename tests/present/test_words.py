"""helpers.present.words: the two word counts, each counting what its name says."""

from __future__ import annotations

from helpers.present.words import printed_words, prose_words


def test_prose_words_count_words_as_a_writer_does():
    assert prose_words("It’s a well-known fact: [ier] 3 words") == 7
    assert prose_words(None) == 0 and prose_words("— , ;") == 0


def test_printed_words_count_a_quotation_as_printed():
    assert printed_words("we agree here") + printed_words("one two") == 5
    assert printed_words("a - b [sic]") == 4 and prose_words("a - b [sic]") == 3
