"""helpers.analysis.dates: the calendar names of data/lexicons/dates.yaml, and whole date lists
(carried months, explicit and resolved years, day-month order, year-only and month-only ones)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers.analysis.citations import parse_date_list
from helpers.analysis.dates import load_calendar
from helpers.core.errors import CourseInputError

D = dt.date
DATA = Path(__file__).resolve().parents[2] / "data"


# -- the calendar --------------------------------------------------------------------------

def test_the_calendar_comes_from_the_lexicon():
    calendar = load_calendar()
    assert calendar.months[0] == "January" and calendar.months[8] == "September" and len(calendar.months) == 12
    assert calendar.month_numbers["sept"] == calendar.month_numbers["sep"] == calendar.month_numbers["september"] == 9
    assert calendar.month_numbers["may"] == 5
    assert {"Monday", "Sunday", "March"} <= calendar.names
    text = (DATA / "lexicons" / "dates.yaml").read_text(encoding="utf-8")
    assert "source:" in text and "CLDR" in text


@pytest.mark.parametrize("body, line, words", [
    ("months: [January]\nweekdays: []\n", 2, "twelve months"),
    ("months:\n" + "  - {name: M}\n" * 11 + "  - {abbreviations: [x]}\nweekdays: []\n", 14, "month 12 has no 'name'"),
    ("months:\n" + "  - {name: M}\n" * 12 + "weekdays: [Monday]\n", 15, "seven weekday"),
    ("months: [\n", None, "not valid YAML"),
])
def test_a_broken_calendar_names_the_file_and_line(tmp_path, body, line, words):
    path = tmp_path / "dates.yaml"
    path.write_text("source: test\n" + body, encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_calendar(str(path))
    assert str(path) in str(err.value) and words in str(err.value)
    if line is not None:
        assert err.value.line == line


def test_a_calendar_without_sources_is_refused(tmp_path):
    path = tmp_path / "dates.yaml"
    path.write_text("months: []\nweekdays: []\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="names no sources"):
        load_calendar(str(path))


# -- date lists ----------------------------------------------------------------------------

REF = D(2019, 12, 31)


@pytest.mark.parametrize("text, ref, dates", [
    ("September 17, 24, 25, 26, October 3", REF,
     [D(2019, 9, 17), D(2019, 9, 24), D(2019, 9, 25), D(2019, 9, 26), D(2019, 10, 3)]),
    ("May 30, 2018 and June 5, 2019", REF, [D(2018, 5, 30), D(2019, 6, 5)]),
    ("July 19, 2016", REF, [D(2016, 7, 19)]),
    ("September 17, 24, 2018", REF, [D(2018, 9, 17), D(2018, 9, 24)]),   # a year applies backwards
    ("May 30 and June 5, 2017", REF, [D(2017, 5, 30), D(2017, 6, 5)]),
    ("December 23", D(2021, 1, 15), [D(2020, 12, 23)]),                 # after publication: year before
    ("December 23", D(2021, 12, 31), [D(2021, 12, 23)]),
    ("March 9", D(2021, 3, 9), [D(2021, 3, 9)]),                         # the publication day itself
    ("February 29", D(2021, 3, 9), [D(2020, 2, 29)]),                    # latest leap year
    ("14 March", D(2023, 6, 1), [D(2023, 3, 14)]),
    ("14 March 2022", D(2023, 6, 1), [D(2022, 3, 14)]),
    ("14, 15 March 2022", D(2023, 6, 1), [D(2022, 3, 14), D(2022, 3, 15)]),
    ("2 and 9 February, 1 March", D(2023, 6, 1), [D(2023, 2, 2), D(2023, 2, 9), D(2023, 3, 1)]),
    ("Sept. 3, Oct. 4", REF, [D(2019, 9, 3), D(2019, 10, 4)]),
    ("March 1st and 2nd", REF, [D(2019, 3, 1), D(2019, 3, 2)]),
])
def test_date_lists(text, ref, dates):
    parsed = parse_date_list(text, ref)
    assert parsed is not None and parsed.dates == dates


def test_year_and_month_only():
    parsed = parse_date_list("2022", D(2023, 5, 1))
    assert parsed.dates == [] and parsed.years == [2022]
    assert parse_date_list("2021, 2022").years == [2021, 2022]
    assert parse_date_list("March 2022").months == ["2022-03"]


def test_unresolved_without_reference_date():
    parsed = parse_date_list("September 16, October 2, 2018", None)
    assert parsed.dates == [D(2018, 9, 16), D(2018, 10, 2)]
    parsed = parse_date_list("September 16", None)
    assert parsed.dates == [] and parsed.unresolved == ["September 16"]


def test_a_span_of_days_in_one_month_is_its_first_and_last_day():
    assert parse_date_list("June 5-6", REF).dates == [D(2019, 6, 5), D(2019, 6, 6)]
    assert parse_date_list("July 11–15, 2018", REF).dates == [D(2018, 7, 11), D(2018, 7, 15)]


@pytest.mark.parametrize("text", ["September 30–October 3", "March 4–", "left", "NPR", "albeit in ways",
                                  "February 30, 2019", "September 31", "24, 25", "March", "",
                                  "2019–2020", "May 5 and the day after", "05/06/2022", "2022/23", "May 5/"])
def test_not_date_lists(text):
    assert parse_date_list(text, REF) is None


def test_explicit_dates_are_kept_apart():
    from helpers.analysis.dates import parse_date_list
    dl = parse_date_list("March 3, June 4, 2023, January 20", D(2024, 2, 18))
    assert dl.dates == [D(2023, 3, 3), D(2023, 6, 4), D(2024, 1, 20)]
    assert dl.explicit == [D(2023, 3, 3), D(2023, 6, 4)]
