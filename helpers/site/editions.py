"""What each edition of a notebook keeps: the student and instructor editions of an executed
notebook, and the student workbook (the clean notebook to run yourself); and what a site of one
edition holds (``python -m helpers build --edition student|instructor|both``).

Links between editions go one way: an instructor page may link to the student edition of its
notebook, a student page never links to an instructor page (:func:`may_link`). A student-only
site holds the student pages, the workbooks and the guides written for students
(:data:`STUDENT_LESSONS`); the lesson plans and the instructor guide hold answers and are the
instructor's."""

from __future__ import annotations

import copy
import json

from helpers.site.notebook import INJECTED_TAG, PARAMETERS_TAG, tags
from helpers.site.widgetstate import prune_widget_state

EDITIONS = ("student", "instructor")
#: what ``--edition`` may ask for, and the editions of notebook pages each builds
EDITION_CHOICES = {"both": EDITIONS, "student": ("student",), "instructor": ("instructor",)}
#: the pages of lessons/ a student-only site keeps (by file stem): the guides written for students
STUDENT_LESSONS = frozenset({"student_guide", "course_overview"})
#: cells with these tags are removed from the student edition and the workbooks
HIDDEN_TAGS = frozenset({"solution", "instructor"})
#: cells whose input the student edition hides (their output stays)
INPUT_HIDDEN_TAGS = frozenset({PARAMETERS_TAG, INJECTED_TAG})


def editions_for(choice: str) -> tuple[str, ...]:
    """The editions a build of ``choice`` (``both``, ``student`` or ``instructor``) renders."""
    try:
        return EDITION_CHOICES[choice]
    except KeyError:
        raise ValueError(f"unknown edition {choice!r}: choose one of {', '.join(EDITION_CHOICES)}") from None


#: notebook metadata ``{"close_reading": {"audience": "instructor"}}`` marks a notebook for
#: instructors only (preparing an article's pack): no student page, workbook or kit copy
AUDIENCE_KEY = "close_reading"


def audience(nb: dict) -> str:
    """``instructor`` for a notebook for instructors only, else ``all``."""
    meta = (nb.get("metadata") or {}).get(AUDIENCE_KEY) or {}
    return "instructor" if isinstance(meta, dict) and meta.get("audience") == "instructor" else "all"


def notebook_editions(nb: dict, editions: tuple[str, ...]) -> tuple[str, ...]:
    """The editions of ``editions`` a notebook has pages in (an instructor-only notebook: only
    the instructor edition; none in a student-only site)."""
    return tuple(e for e in editions if e == "instructor") if audience(nb) == "instructor" else tuple(editions)


def may_link(edition: str, other: str) -> bool:
    """Whether a page of ``edition`` may link to the same notebook's page of ``other``: only an
    instructor page links across (to the student edition); a student page never does."""
    return edition == "instructor" and other == "student"


def site_lessons(stems: list[str], editions: tuple[str, ...]) -> list[str]:
    """The lesson pages a site of ``editions`` holds: all of them with the instructor edition,
    only :data:`STUDENT_LESSONS` in a student-only site."""
    return list(stems) if "instructor" in editions else [s for s in stems if s in STUDENT_LESSONS]


def edition_notebook(executed: dict, edition: str) -> dict:
    """An executed notebook for one edition (student: solution/instructor cells removed, parameter
    inputs hidden, widget state reduced to what the remaining outputs use).

    ``executed`` is not changed; the result shares with it what it does not change (cells'
    outputs): treat it as read-only."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    metadata = dict(executed.get("metadata", {}))
    if isinstance(metadata.get("widgets"), dict):  # prune_widget_state replaces the state it holds
        metadata["widgets"] = {k: dict(v) if isinstance(v, dict) else v for k, v in metadata["widgets"].items()}
    nb = {**executed, "metadata": metadata}
    if edition == "student":
        cells = []
        for cell in executed["cells"]:
            if HIDDEN_TAGS & set(tags(cell)):
                continue
            if INPUT_HIDDEN_TAGS & set(tags(cell)):
                cell_md = dict(cell.get("metadata", {}))
                cell_md["transient"] = {**cell_md.get("transient", {}), "remove_source": True}
                cell = {**cell, "metadata": cell_md}
            cells.append(cell)
        nb["cells"] = cells
    prune_widget_state(nb)
    return nb


def workbook_json(source: dict) -> str:
    """The student workbook: the clean notebook without solution/instructor cells, outputs or widget state."""
    nb = copy.deepcopy(source)
    nb["cells"] = [c for c in nb["cells"] if not (HIDDEN_TAGS & set(tags(c)))]
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)
    nb.get("metadata", {}).pop("papermill", None)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
