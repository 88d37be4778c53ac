"""What the course knows about publications (``data/publications.yaml``): the year a volume number
gives, and the latest date an issue number allows.

An article whose text and sidecar give neither a year nor a date, but whose publication line
names a publication listed here with its volume, takes the year of that volume
(``helpers.model.article``). A publication that lists ``issues_per_week_at_least`` also bounds
the date of an issue: with at least K issues each week of the volume's year, issue N is out by
the end of week ceil(N / K), counted from 1 January (never later than 31 December); K may be a
fraction (0.25: one issue every four weeks). The file is
optional: without it no year is derived from a volume. Its format is in its header.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.core.errors import CourseInputError
from helpers.core.paths import resources_dir
from helpers.core.yamlio import load_yaml_file


@dataclass(frozen=True)
class Publication:
    name: str              # as the publication line names it; found anywhere in it, case ignored
    first_year: int        # the year of volume 1: volume N is year first_year - 1 + N
    source: str            # where that fact comes from
    pattern: re.Pattern
    issues_per_week_at_least: float | None = None  # the slowest pace of issues (None: not known; 0.25: one in 4 weeks)
    issues_source: str = ""                      # where that pace comes from
    pace_from_volume: int = 1                    # the first volume the pace holds for (a series begun mid-year)

    def year_of_volume(self, volume: int) -> int:
        return self.first_year - 1 + int(volume)

    def latest_date_of_issue(self, volume: int, issue: int) -> _dt.date | None:
        """The latest date issue ``issue`` of ``volume`` can have appeared, or ``None`` (pace not known).

        With at least K issues a week, issue N is out by the last day of week ceil(N / K) of the
        volume's year; never later than 31 December of that year. No bound for a volume before
        ``pace_from_volume`` (a first volume that began during its year).
        """
        if not self.issues_per_week_at_least or not issue or int(issue) < 1 or int(volume) < self.pace_from_volume:
            return None
        year = self.year_of_volume(volume)
        weeks = math.ceil(int(issue) / self.issues_per_week_at_least)
        end = _dt.date(year, 12, 31)
        if weeks * 7 > 366:
            return end
        return min(end, _dt.date(year, 1, 1) + _dt.timedelta(days=weeks * 7 - 1))

    @property
    def pace_words(self) -> str:
        """The slowest pace of issues in words: "at least 2 issues a week", "at least one issue every 4 weeks"."""
        k = self.issues_per_week_at_least
        if k is None:
            return "pace of issues not known"
        return f"at least {k:g} issues a week" if k >= 1 else f"at least one issue every {1 / k:g} weeks"

    @property
    def year_source(self) -> str:
        """How an article's year was found, as its metadata records it (``year_source``)."""
        return f"{self.name} volume (volume N is year {self.first_year - 1} + N)"


def publications_path() -> Path:
    return resources_dir() / "publications.yaml"


def publication_for(name: str | None) -> Publication | None:
    """The listed publication that a publication line names, or ``None``."""
    if not name:
        return None
    path = publications_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None  # no publications listed
    return next((p for p in _load(str(path), mtime) if p.pattern.search(str(name))), None)


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: int) -> tuple[Publication, ...]:
    file = load_yaml_file(Path(path), what="publication list")
    items = file.data.get("publications")
    if not isinstance(items, list):
        raise CourseInputError(path, "has no 'publications' list", "write 'publications:' followed by '- name: …' entries",
                               line=file.lines.key("publications"))
    lines = file.lines.items("publications")
    out = []
    for i, item in enumerate(items):
        line = lines.get(i)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise CourseInputError(path, f"publication {i + 1} has no 'name'",
                                   "write '- name: …' as the publication line names it", line=line)
        name = " ".join(item["name"].split())
        year = item.get("first_year")
        if isinstance(year, bool) or not isinstance(year, int):
            raise CourseInputError(path, f"'{name}' needs 'first_year', the year of its volume 1, as a whole number",
                                   "write e.g. 'first_year: 2004'", line=line)
        source = item.get("source")
        if not isinstance(source, str) or not source.strip():
            raise CourseInputError(path, f"'{name}' names no 'source' for its first year",
                                   "say where the year of volume 1 comes from", line=line)
        pace = item.get("issues_per_week_at_least")
        if pace is not None and (isinstance(pace, bool) or not isinstance(pace, (int, float)) or not pace > 0):
            raise CourseInputError(path, f"'{name}': 'issues_per_week_at_least' must be a number above 0",
                                   "write e.g. 'issues_per_week_at_least: 2', or 0.25 for one issue every 4 weeks, "
                                   "or leave it out", line=line)
        pace_source = item.get("issues_source")
        if pace is not None and (not isinstance(pace_source, str) or not pace_source.strip()):
            raise CourseInputError(path, f"'{name}' names no 'issues_source' for its pace of issues",
                                   "say where 'issues_per_week_at_least' comes from", line=line)
        start = item.get("pace_from_volume", 1)
        if isinstance(start, bool) or not isinstance(start, int) or start < 1:
            raise CourseInputError(path, f"'{name}': 'pace_from_volume' must be a volume number (at least 1)",
                                   "write e.g. 'pace_from_volume: 2', or leave it out", line=line)
        out.append(Publication(name=name, first_year=year, source=" ".join(source.split()),
                               pattern=re.compile(re.escape(name), re.IGNORECASE),
                               issues_per_week_at_least=pace,
                               issues_source=" ".join(pace_source.split()) if pace is not None else "",
                               pace_from_volume=start))
    return tuple(out)
