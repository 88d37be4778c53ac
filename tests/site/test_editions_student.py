"""Editions of the site: a student page never links to an instructor page, and ``python -m helpers
build --edition student`` builds a site with no instructor page and no link to one (every href of
every HTML file parsed). Real builds of the seed article, through the command line, with the
project's build cache (the executions are shared with the other site tests)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers.site.editions import STUDENT_LESSONS, audience, editions_for, may_link, site_lessons
from site_support import build_seed_site

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")
                   if audience(json.loads(p.read_text(encoding="utf-8"))) != "instructor")  # what students get
FOR_INSTRUCTORS = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")
                         if audience(json.loads(p.read_text(encoding="utf-8"))) == "instructor")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("editions")]


def _links(page: Path, site: Path) -> list[str]:
    """Every href and src of ``page`` that stays in the site, as a path relative to the site."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    out = []
    for tag in soup.find_all(True):
        for attr in ("href", "src", "action", "data"):
            value = tag.get(attr)
            if not value or urlsplit(value).scheme or value.startswith(("#", "//")):
                continue
            target = (page.parent / urlsplit(value).path).resolve()
            out.append(target.relative_to(site.resolve()).as_posix() if target.is_relative_to(site.resolve())
                       else str(target))
    return out


def _is_instructor(rel: str) -> bool:
    return rel.startswith("instructor/") or (rel.startswith("lessons/") and Path(rel).stem not in STUDENT_LESSONS)


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("editions") / "both"
    build_seed_site(out)
    return out


@pytest.fixture(scope="module")
def student(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("editions") / "student"
    proc = build_seed_site(out, "--edition", "student")
    assert proc.stdout.strip().splitlines()[-1] == str((out / "index.html").resolve())
    return out


def test_what_each_edition_builds_and_which_way_links_go():
    assert editions_for("both") == ("student", "instructor") and editions_for("student") == ("student",)
    with pytest.raises(ValueError):
        editions_for("teacher")
    assert may_link("instructor", "student") and not may_link("student", "instructor")
    assert site_lessons(["01_source_article", "student_guide"], ("student",)) == ["student_guide"]
    assert site_lessons(["01_source_article", "student_guide"], ("student", "instructor")) == \
        ["01_source_article", "student_guide"]


def test_the_default_build_keeps_both_editions_and_student_pages_never_link_to_instructor_pages(both):
    assert sorted(p.stem for p in (both / "student").glob("*.html")) == NOTEBOOKS
    assert sorted(p.stem for p in (both / "instructor").glob("*.html")) == sorted(NOTEBOOKS + FOR_INSTRUCTORS)
    assert FOR_INSTRUCTORS and not [n for n in FOR_INSTRUCTORS if (both / "workbooks" / f"{n}.ipynb").exists()]
    problems = []
    for page in sorted((both / "student").glob("*.html")):
        links = _links(page, both)
        assert "index.html" in links  # the check has teeth: the page's links are read
        problems += [f"student/{page.name} -> {rel}" for rel in links if rel.startswith("instructor/")]
        assert "Instructor edition" not in page.read_text(encoding="utf-8")
    assert problems == []
    # an instructor page still links to the student edition of its notebook
    for name in NOTEBOOKS:
        assert f"student/{name}.html" in _links(both / "instructor" / f"{name}.html", both)


def test_a_student_build_has_no_instructor_page_and_no_link_to_one(student):
    files = sorted(p.relative_to(student).as_posix() for p in student.rglob("*") if p.is_file())
    assert not (student / "instructor").exists()
    assert not [f for f in files if any(n in f for n in FOR_INSTRUCTORS)]  # no page, workbook or link of them
    assert [f for f in files if _is_instructor(f)] == []
    assert sorted(p.stem for p in (student / "student").glob("*.html")) == NOTEBOOKS
    assert sorted(p.stem for p in (student / "workbooks").glob("*.ipynb")) == NOTEBOOKS
    lessons = sorted(p.stem for p in (student / "lessons").glob("*.html"))
    assert lessons == sorted(s for s in STUDENT_LESSONS if (REPO / "lessons" / f"{s}.md").is_file())
    problems, pages = [], 0
    for page in sorted(student.rglob("*.html")):
        pages += 1
        rel = page.relative_to(student).as_posix()
        for link in _links(page, student):
            if _is_instructor(link) or "instructor" in link:
                problems.append(f"{rel} -> {link}")
            elif not link.startswith("/") and not (student / link).exists():
                problems.append(f"{rel} -> {link} (missing)")
        text = page.read_text(encoding="utf-8")
        if "instructor edition of this notebook" in text.lower() or ("Instructor edition" in text and rel == "index.html"):
            problems.append(f"{rel} offers the instructor edition")
    assert problems == []
    assert pages == 1 + len(NOTEBOOKS) + len(lessons)
    index = (student / "index.html").read_text(encoding="utf-8")
    assert "student edition" in index and "Instructor edition" not in index
