"""helpers.model.publications: the year a volume gives comes from data/publications.yaml, which
says where that fact comes from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from helpers.core.errors import CourseInputError
from helpers.model.article import parse_article
from helpers.model.publications import publication_for, publications_path

DATA = Path(__file__).resolve().parents[2] / "data"


def _article(publication: str, volume: int):
    return parse_article(f"T\n\nPublication: {publication} Volume: {volume} Issue: 1\n\nBody text.\n")


def test_the_bundled_file_gives_eurasia_daily_monitor_its_years():
    assert publications_path() == DATA / "publications.yaml"
    entry = yaml.safe_load((DATA / "publications.yaml").read_text(encoding="utf-8"))["publications"][0]
    assert entry["name"] == "Eurasia Daily Monitor" and entry["first_year"] == 2004
    assert "meta.yaml" in entry["source"] and "jamestown.org" in entry["source"]
    edm = publication_for("Eurasia Daily Monitor")
    assert edm.year_of_volume(16) == 2019 and publication_for("the eurasia daily monitor weekly") is edm
    art = _article("Eurasia Daily Monitor", 16)
    assert art.year == 2019 and art.metadata["year_source"] == "Eurasia Daily Monitor volume (volume N is year 2003 + N)"
    assert _article("Northern Policy Review", 7).year is None
    assert publication_for(None) is None and publication_for("") is None


def test_another_data_folder_lists_its_own_publications(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))
    assert _article("Eurasia Daily Monitor", 16).year is None          # no publications.yaml: no year from a volume
    (tmp_path / "publications.yaml").write_text(
        "publications:\n  - {name: Baltic Sea Brief, first_year: 2021, source: the test}\n", encoding="utf-8")
    art = _article("Baltic Sea Brief", 3)
    assert art.year == 2023 and art.metadata["year_source"] == "Baltic Sea Brief volume (volume N is year 2020 + N)"


@pytest.mark.parametrize("text, words, line", [
    ("publications: {}\n", "has no 'publications' list", 1),
    ("publications:\n  - {first_year: 2004, source: x}\n", "publication 1 has no 'name'", 2),
    ("publications:\n  - {name: A, first_year: 2004, source: x}\n  - {name: B, first_year: soon, source: x}\n",
     "'B' needs 'first_year'", 3),
    ("publications:\n  - {name: A, first_year: 2004}\n", "'A' names no 'source'", 2),
    ("publications: [\n", "not valid YAML", 2),
])
def test_a_bad_publication_list_names_the_file_and_line(tmp_path: Path, monkeypatch, text, words, line):
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))
    (tmp_path / "publications.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        _article("Eurasia Daily Monitor", 16)
    assert "publications.yaml" in str(err.value) and words in str(err.value) and err.value.line == line


def test_the_pace_of_issues_bounds_the_date_of_an_issue():
    edm = publication_for("Eurasia Daily Monitor")
    assert edm.issues_per_week_at_least == 2 and "tune articles" in edm.issues_source
    assert edm.latest_date_of_issue(20, 1) == dt.date(2023, 1, 7)      # week 1
    assert edm.latest_date_of_issue(20, 21) == dt.date(2023, 3, 18)    # week 11
    assert edm.latest_date_of_issue(16, 138) == dt.date(2019, 12, 31)  # beyond the year: its last day
    assert edm.latest_date_of_issue(20, 0) is None
    # volume 1 began during its year: its issues have no bound (data/publications.yaml, pace_from_volume)
    assert edm.pace_from_volume == 2 and edm.latest_date_of_issue(1, 28) is None
    assert edm.latest_date_of_issue(2, 28) == dt.date(2005, 4, 8)


def test_a_pace_slower_than_one_issue_a_week_is_a_fraction(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))
    (tmp_path / "publications.yaml").write_text(
        "publications:\n  - {name: Baltic Sea Brief, first_year: 2021, source: the test, issues_per_week_at_least: 0.25,"
        " issues_source: the test}\n", encoding="utf-8")
    brief = publication_for("Baltic Sea Brief")
    assert brief.latest_date_of_issue(1, 1) == dt.date(2021, 1, 28)    # one issue in 4 weeks: issue 1 by week 4
    assert brief.latest_date_of_issue(1, 10) == dt.date(2021, 10, 7)   # week 40
    assert brief.latest_date_of_issue(1, 14) == dt.date(2021, 12, 31)  # week 56: the year's last day
    assert brief.pace_words == "at least one issue every 4 weeks"
    # a yearless date of a January issue is of the year before (issue 1 is out by January 28)
    article = parse_article("Brief\n\nPublication: Baltic Sea Brief Volume: 1 Issue: 1\n\n"
                            "The port reopened (Harbour Post, November 28).\n")
    assert article.reference_date() == dt.date(2021, 1, 28)
    assert "one issue every 4 weeks" in article.reference_basis()[1]


def test_the_china_brief_and_terrorism_monitor_volumes_give_their_years():
    cb, tm = publication_for("China Brief"), publication_for("Terrorism Monitor")
    assert cb.year_of_volume(20) == 2020 and tm.year_of_volume(14) == 2016
    assert cb.latest_date_of_issue(20, 1) == dt.date(2020, 1, 28) and "PDF covers" in cb.source


def test_a_pace_needs_its_source(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))
    (tmp_path / "publications.yaml").write_text(
        "publications:\n  - {name: Baltic Sea Brief, first_year: 2021, source: the test, issues_per_week_at_least: 3}\n",
        encoding="utf-8")
    with pytest.raises(CourseInputError, match="issues_source"):
        publication_for("Baltic Sea Brief")
    (tmp_path / "publications.yaml").write_text(
        "publications:\n  - {name: Baltic Sea Brief, first_year: 2021, source: the test, issues_per_week_at_least: 0,"
        " issues_source: the test}\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="a number above 0"):
        publication_for("Baltic Sea Brief")
    (tmp_path / "publications.yaml").write_text(
        "publications:\n  - {name: Baltic Sea Brief, first_year: 2021, source: the test, issues_per_week_at_least: 2,"
        " issues_source: the test, pace_from_volume: 0}\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="pace_from_volume"):
        publication_for("Baltic Sea Brief")
