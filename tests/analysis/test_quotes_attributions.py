"""helpers.analysis.quotes.attributions: vague and named indirect attributions."""

from __future__ import annotations

from helpers.analysis.quotes import extract_quotes
from support import make_article


def test_vague_and_named_attributions():
    art = make_article("Some observers believe that Moscow will wait. Many in Moscow say the deal is dead. "
                   "Marta Lind, an analyst at the Baltic Policy Institute (BPI), argues that the deal is alive. "
                   "The BPI also notes that nothing is signed. Critics in Moscow say the deal favors Tallinn. "
                   "Some officials promised quick decisions; nothing followed.")
    atts = extract_quotes(art).attributions
    got = [(a.source, a.vague, a.cue) for a in atts]
    assert ("Some observers", True, "believe") in got
    assert ("Many in Moscow", True, "say") in got
    assert ("Marta Lind", False, "argues") in got          # not the institute inside her appositive
    assert ("Baltic Policy Institute", False, "notes") in got
    assert ("Critics in Moscow", True, "say") in got      # a clause without "that"
    assert not any(a.cue == "promised" for a in atts)     # an object, not a clause
    art = make_article("Marta Lind, an analyst, spoke. According to Lind, the talks will resume. "
                   "The deal is dead, according to some observers.")
    got = [(a.source, a.vague, a.content) for a in extract_quotes(art).attributions if a.cue.lower() == "according to"]
    assert got == [("Marta Lind", False, "the talks will resume."), ("some observers", True, "The deal is dead.")]
    assert all(a.rule for a in atts)
