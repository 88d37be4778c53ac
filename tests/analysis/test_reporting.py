"""helpers.analysis.reporting: the reporting cue lexicon and what its readers take from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.analysis import discourse
from helpers.analysis.quotes import load_reporting_cues
from helpers.analysis.reporting import ReportingCues
from helpers.core.errors import CourseInputError


def test_bad_lexicon_names_the_file(tmp_path: Path):
    p = tmp_path / "reporting_cues.yaml"
    p.write_text("source: test\nverbs:\n  - {forms: [said]}\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_reporting_cues(str(p))
    assert "reporting_cues.yaml" in str(err.value)
    p.write_text("source: test\nverbs: [{form: say}]\nvague_sources: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(CourseInputError):
        load_reporting_cues(str(p))


def test_one_reader_serves_quotes_actors_and_discourse():
    cues = load_reporting_cues()
    assert isinstance(cues, ReportingCues) and cues.verb_re.search("she said so")
    assert {"said", "says", "told", "argues", "insisted"} <= set(cues.after_name) <= set(cues.verb_forms)
    assert "saying" not in cues.after_name                      # only the forms listed for names
    assert {"denied", "rejects", "criticised", "doubt"} <= set(cues.disagreement)
    assert discourse.NEGATIVE_CUES == cues.disagreement


def test_an_after_name_form_must_be_one_of_the_verbs_forms(tmp_path: Path):
    p = tmp_path / "reporting_cues.yaml"
    p.write_text("source: test\nverbs:\n  - {form: say, forms: [say, says], after_name: [said]}\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_reporting_cues(str(p))
    assert "reporting_cues.yaml" in str(err.value) and "'said' is not one of its forms" in str(err.value)


def test_a_reporting_lexicon_without_sources_is_refused(tmp_path: Path):
    p = tmp_path / "reporting_cues.yaml"
    p.write_text("verbs: [{form: say}]\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="names no sources"):
        load_reporting_cues(str(p))


def test_frame_nouns_and_multiword_verbs():
    cues = load_reporting_cues()
    assert cues.verb_re.search("Brenn was quoted as saying that").group(0) == "was quoted as saying"
    assert cues.verb_forms["assured"]["object"] and cues.verb_forms["went on"]["form"] == "go on"
    assert cues.document_re.search("an editorial in the Lantern") and cues.outlet_noun_re.search("the Telegram channel")
    assert cues.source_noun_re.match("reporting by") and "The" in cues.not_names
