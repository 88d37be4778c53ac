"""Dates as articles write them: the calendar names, and whole date lists in citations.

The month names (with their abbreviations) and the weekday names are in
``data/lexicons/dates.yaml``, read once by :func:`load_calendar`; the citation analysis
parses date lists with them and the actor analysis knows a month or a weekday is no name.

Date lists: "September 17, 24, 25, 26, October 3" (the month carries forward), "January 25/26"
(a weekend issue's two days), "June 5-6" and "July 11–15" (a span of days in one month: its first and last
day, the issues a source is cited by; a span across months, "September 30–October 3", is no list), "May 30, 2018
and June 5, 2019" (an explicit year applies to the dates before it that lack one), "14 March"
and "14, 15 March 2022" (day-month order; a bare day takes the next month), "2022" (year
only), "2021-05-05" (ISO). A date without a year is resolved against a reference date: the
latest such date not after it. ``DateList.explicit`` keeps the full dates whose year the text
gives, so a caller can check a reference date against them (the citation analysis never
resolves against a date older than one the article cites with its year).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.model.lexicons import lexicon_path, load_lexicon_file


# -- the calendar names --------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Calendar:
    months: tuple[str, ...]          # the full names, January first
    month_numbers: dict[str, int]    # every form (lower case: "sept", "september") -> 1..12
    weekdays: tuple[str, ...]
    names: frozenset[str]            # the full month and weekday names ("March", "Monday")


@functools.lru_cache(maxsize=4)
def load_calendar(path: str | None = None) -> Calendar:
    """Read ``data/lexicons/dates.yaml`` (or ``path``)."""
    p = lexicon_path("dates.yaml", path)
    file = load_lexicon_file(p, what="calendar lexicon")
    months = file.data.get("months")
    if not isinstance(months, list) or len(months) != 12:
        raise CourseInputError(p, "'months' must list the twelve months in calendar order",
                               "write '- {name: January, abbreviations: [Jan]}' for each month",
                               line=file.lines.key("months"))
    names: list[str] = []
    numbers: dict[str, int] = {}
    lines = file.lines.items("months")
    for number, item in enumerate(months, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise CourseInputError(p, f"month {number} has no 'name'", "write '- {name: January, abbreviations: [Jan]}'",
                                   line=lines.get(number - 1))
        abbreviations = item.get("abbreviations") or []
        if not isinstance(abbreviations, list) or not all(isinstance(a, str) and a.strip() for a in abbreviations):
            raise CourseInputError(p, f"the abbreviations of {item['name']} must be a list of words",
                                   "write e.g. 'abbreviations: [Sep, Sept]'", line=lines.get(number - 1))
        names.append(item["name"].strip())
        for form in [*abbreviations, item["name"]]:
            numbers[form.strip().lower()] = number
    weekdays = file.data.get("weekdays")
    if not isinstance(weekdays, list) or len(weekdays) != 7 or not all(isinstance(w, str) for w in weekdays):
        raise CourseInputError(p, "'weekdays' must list the seven weekday names", "write 'weekdays: [Monday, …, Sunday]'",
                               line=file.lines.key("weekdays"))
    days = tuple(w.strip() for w in weekdays)
    return Calendar(months=tuple(names), month_numbers=numbers, weekdays=days, names=frozenset(names) | frozenset(days))


# -- date lists ----------------------------------------------------------------------------

@dataclass
class DateList:
    """A parsed date list: full dates, year-only and month-only references, unresolved ones."""
    dates: list[_dt.date] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    months: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    explicit: list[_dt.date] = field(default_factory=list)  # the full dates that carry their own year

    @property
    def count(self) -> int:
        return len(self.dates) + len(self.years) + len(self.months) + len(self.unresolved)


_TRAIL_RE = re.compile(r"[\s\u00a0]*$")


@functools.lru_cache(maxsize=4)
def _token_re(calendar: Calendar) -> re.Pattern:
    return re.compile(
        r"[\s\u00a0]*(?:"
        r"(?P<month>" + "|".join(sorted(calendar.month_numbers, key=len, reverse=True)) + r")\b\.?"
        r"|(?P<iso>(?:1[6-9]|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"
        r"|(?P<year>(?:1[6-9]|20)\d\d)(?![\d-])"
        r"|(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d\w])"
        r"|(?P<sep>,|and\b|&|[/\-\u2013](?=[0-3]?\d(?![\d/])))"
        r")", re.IGNORECASE)


def _tokens(text: str, token_re: re.Pattern) -> list[tuple[str, str, bool]] | None:
    """(kind, value, separated_from_previous) tokens, or None if anything is not part of a date list."""
    out: list[tuple[str, str, bool]] = []
    pos, n = 0, len(text)
    separated = True
    while pos < n:
        m = token_re.match(text, pos)
        if not m or m.end() == pos:
            if _TRAIL_RE.match(text, pos):
                break
            return None
        pos = m.end()
        kind = m.lastgroup
        if kind == "sep":
            separated = True
            continue
        out.append((kind, m.group(kind), separated))
        separated = False
    return out


def _latest_not_after(month: int, day: int, ref: _dt.date) -> _dt.date | None:
    for year in range(ref.year, ref.year - 9, -1):
        try:
            candidate = _dt.date(year, month, day)
        except ValueError:  # 29 February in a common year
            continue
        if candidate <= ref:
            return candidate
    return None


def parse_date_list(text: str, reference_date: _dt.date | None = None) -> DateList | None:
    """Parse a whole date list ("September 17, 24, October 3", "14 March 2022", "2022").

    Returns ``None`` when ``text`` is not entirely a date list (a span across months, words, an
    impossible date). Yearless dates resolve to the latest such date not after
    ``reference_date``; without one they are kept as written in ``unresolved``.
    """
    calendar = load_calendar()
    toks = _tokens(text, _token_re(calendar))
    if not toks:
        return None
    entries = _entries(toks, calendar.month_numbers)
    if entries is None:
        return None
    notes = _carry_months(entries)
    if notes is None:
        return None
    return _date_list(entries, notes, reference_date, calendar.months)


def _entries(toks: list[tuple[str, str, bool]], numbers: dict[str, int]) -> list[list[Any]] | None:
    """Tokens as entries ``[month, day, year, style]`` (style "md", "dm", "bare", "month", "year",
    "iso"); an explicit year goes to the entries before it that lack one. None for a bare month."""
    entries: list[list[Any]] = []
    since_year = 0  # index of the first entry not yet given a year by an explicit year
    i = 0
    while i < len(toks):
        kind, value, _sep = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        adjacent = nxt is not None and not nxt[2]
        if kind == "month":
            month = numbers[value.lower().rstrip(".")]
            if adjacent and nxt[0] == "day":
                entries.append([month, int(nxt[1]), None, "md"])
                i += 2
            elif adjacent and nxt[0] == "year":
                entries.append([month, None, int(nxt[1]), "month"])
                since_year = len(entries)
                i += 2
            else:
                return None  # a bare month name
        elif kind == "day":
            if adjacent and nxt[0] == "month":
                entries.append([numbers[nxt[1].lower().rstrip(".")], int(value), None, "dm"])
                i += 2
            else:
                entries.append([None, int(value), None, "bare"])
                i += 1
        elif kind == "iso":
            y, mo, d = (int(x) for x in value.split("-"))
            entries.append([mo, d, y, "iso"])
            i += 1
        else:  # year
            year = int(value)
            pending = [e for e in entries[since_year:] if e[2] is None]
            if pending:
                for e in pending:
                    e[2] = year
            else:
                entries.append([None, None, year, "year"])
            since_year = len(entries)
            i += 1
    return entries


def _carry_months(entries: list[list[Any]]) -> list[str] | None:
    """Give each bare day the month of the date after it (day-month order) or before it; the
    notes saying so, or None when a number has no month to take."""
    notes: list[str] = []
    day_month = any(e[3] == "dm" for e in entries)
    for k, e in enumerate(entries):
        if e[3] != "bare":
            continue
        if day_month:
            donor = next((x for x in entries[k + 1:] if x[0] is not None and x[1] is not None), None)
        else:
            donor = next((x for x in reversed(entries[:k]) if x[0] is not None and x[1] is not None), None)
        if donor is None:
            return None  # a number with no month: not a date list
        e[0] = donor[0]
        notes.append("month carried " + ("back from the next date" if day_month else "forward"))
    return notes


def _date_list(entries: list[list[Any]], notes: list[str], reference_date: _dt.date | None,
               month_names: tuple[str, ...]) -> DateList | None:
    """The entries as a ``DateList``, yearless dates resolved against ``reference_date``; None
    for an impossible date."""
    out = DateList(notes=sorted(set(notes)))
    explicit = resolved = 0
    for month, day, year, style in entries:
        if style == "year":
            out.years.append(year)
            continue
        if style == "month":
            out.months.append(f"{year:04d}-{month:02d}")
            continue
        if not 1 <= day <= 31:
            return None
        if year is not None:
            try:
                out.dates.append(_dt.date(year, month, day))
            except ValueError:
                return None
            out.explicit.append(out.dates[-1])
            explicit += 1
            continue
        try:
            _dt.date(2000, month, day)  # 2000 is a leap year: any possible month-day
        except ValueError:
            return None
        if reference_date is None:
            out.unresolved.append(f"{month_names[month - 1]} {day}")
            continue
        resolved_date = _latest_not_after(month, day, reference_date)
        if resolved_date is None:
            return None
        out.dates.append(resolved_date)
        resolved += 1
    if explicit:
        out.notes.append("explicit year")
    if resolved:
        out.notes.append(f"year resolved against {reference_date.isoformat()}")
    if out.unresolved:
        out.notes.append("year unknown (no publication date or year)")
    if out.years:
        out.notes.append("year only")
    if out.months:
        out.notes.append("month only")
    return out
