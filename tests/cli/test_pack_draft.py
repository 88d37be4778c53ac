"""`python -m helpers pack draft ARTICLE` (and `make pack`): a draft pack written where asked,
never over checked files, with one-line errors."""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SEED = "edm-2019-16-138-moscow-baku-rapprochement"


def _run(*args):
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, cwd=REPO,
                          env=dict(os.environ), timeout=300)


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pack_draft_writes_every_file_as_a_draft(tmp_path):
    out = tmp_path / "pack"
    proc = _run("pack", "draft", "data/articles/synthetic-2023-harbour-accord.md", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    written = [Path(line) for line in proc.stdout.split()]
    assert {p.relative_to(out).as_posix() for p in written} == {
        "key/citations.yaml", "key/quotes.yaml", "key/actors.yaml", "reading.yaml", "statements.yaml",
        "glossary.yaml", "argument.yaml", "schemes.yaml", "critique.yaml", "exercises.yaml"}
    for p in written:  # the argument map's schema has no status: its notes say it is a draft
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        assert data.get("status") == "draft" or data["notes"].startswith("Drafted by the machine (status: draft)")
    assert "drafted items" in proc.stderr and "00_prepare_article" in proc.stderr
    again = _run("pack", "draft", "synthetic-2023-harbour-accord", "--out", str(out))  # a draft replaces a draft
    assert again.returncode == 0, again.stderr


def test_pack_draft_never_overwrites_a_checked_pack():
    pack = REPO / "data" / "annotations" / SEED
    before = _tree(pack)
    proc = _run("pack", "draft", SEED)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "--force" in lines[0] and "--out" in lines[0]
    assert _tree(pack) == before


def test_pack_draft_of_a_missing_article_is_one_line():
    proc = _run("pack", "draft", "no-such-article.txt")
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and "no-such-article.txt" in lines[0]


def test_make_pack_needs_an_article():
    proc = subprocess.run(["make", "-s", "pack", "ARTICLE="], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode != 0 and "make pack ARTICLE=" in proc.stdout + proc.stderr


#: the lessons, and what an exercise's intro says when it cannot check anything
LESSONS = ("01_source_article", "02_close_reading", "03_citation_tracing", "04_actor_mapping", "05_argument_critique")
NOTICES = {"no answer key": "no check", "this key was drafted by the machine": "drafted key",
           "the check tests only the form": "form checked", "the rubric is the course's generic one": "generic rubric"}


def exercise_checks(page: str) -> dict[str, str]:
    """Each exercise of a built lesson page (its intro, "**Exercise 2.** …") and what its intro says
    about its check: "no check" (the missing-key notice), "drafted key", "form checked", "generic
    rubric", or "checked" (no notice: a checked key, or a check that needs none)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    found: dict[str, str] = {}
    for m in re.finditer(r"(Exercise \d+[a-z]?)\. ", text):
        title = m.group(1)
        if title in found:
            continue
        intro = text[m.end(): m.end() + 2500]
        notice = re.search(re.escape(title) + ": (" + "|".join(re.escape(n) for n in NOTICES) + ")", intro)
        found[title] = NOTICES[notice.group(1)] if notice else "checked"
    return found


def empty_tables(page: str) -> list[str]:
    """The captions of the tables with no rows on a built page."""
    return [html.unescape(m.group(1)) for m in
            re.finditer(r"<caption>(.*?)</caption>\s*<thead>.*?</thead>\s*<tbody>\s*</tbody>", page, re.S)]


def _build(article: Path, site: Path, build_root: Path, env: dict) -> dict[str, str]:
    built = subprocess.run([sys.executable, "-m", "helpers", "build", "--article", str(article), "--out", str(site),
                            "--build-root", str(build_root), "--quiet"], capture_output=True, text=True,
                           cwd=REPO, env=env, timeout=1200)
    assert built.returncode == 0, built.stderr[-3000:]
    return {lesson: (site / "instructor" / f"{lesson}.html").read_text(encoding="utf-8") for lesson in LESSONS}


@pytest.mark.slow
@pytest.mark.parametrize("bundled", ["synthetic-2023-harbour-accord", "synthetic-2021-northern-corridor"])
def test_the_course_builds_on_a_new_article_with_its_drafted_pack(tmp_path, bundled, capsys):
    """The two commands on an article the project has not seen (a bundled synthetic article under a
    new id, so it has no pack): built first without a pack, then `pack draft`, then built again.
    With the draft every lesson has at least two exercises with a check and 10 or more have one
    overall (counted on the built pages); drafted keys say they are drafts; no lesson page says
    'no lesson notes' or shows an empty table under a question about the article."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    source = next(p for p in (REPO / "data" / "articles").glob(f"{bundled}.*") if p.suffix in (".md", ".txt"))
    article = tmp_path / "articles" / f"fresh-{bundled.split('-', 2)[2]}{source.suffix}"
    article.parent.mkdir()
    shutil.copy(source, article)
    env = {**os.environ, "CLOSE_READING_DATA": str(data)}
    before = _build(article, tmp_path / "site-before", tmp_path / "build", env)  # no pack at all
    drafted = subprocess.run([sys.executable, "-m", "helpers", "pack", "draft", str(article)], capture_output=True,
                             text=True, cwd=REPO, env=env, timeout=300)
    assert drafted.returncode == 0, drafted.stderr
    assert (data / "annotations" / article.stem / "argument.yaml").is_file()
    after = _build(article, tmp_path / "site", tmp_path / "build", env)
    counts = {}
    for lesson in LESSONS:
        was, now = exercise_checks(before[lesson]), exercise_checks(after[lesson])
        assert set(was) == set(now) and len(now) >= 2, lesson
        counts[lesson] = (sum(v != "no check" for v in was.values()), sum(v != "no check" for v in now.values()),
                          len(now), now)
    with capsys.disabled():
        print(f"\n{article.stem}: exercises with a check per lesson, without a pack -> with the drafted pack")
        for lesson, (was, now, total, kinds) in counts.items():
            print(f"  {lesson}: {was}/{total} -> {now}/{total}  {kinds}")
        print(f"  all lessons: {sum(c[0] for c in counts.values())}/{sum(c[2] for c in counts.values())} -> "
              f"{sum(c[1] for c in counts.values())}/{sum(c[2] for c in counts.values())}")
    for lesson, (_, now, total, kinds) in counts.items():
        assert now >= 2, (lesson, kinds)
    assert sum(c[1] for c in counts.values()) >= 10
    assert sum(c[1] for c in counts.values()) > sum(c[0] for c in counts.values())
    assert all(k != "no check" for c in counts.values() for k in c[3].values()), counts
    assert counts["02_close_reading"][3]["Exercise 3"] == "drafted key"  # the voices, from the drafted voice_key
    assert counts["04_actor_mapping"][3]["Exercise 4"] == "drafted key"  # the actor list, against the drafted key
    for name, pages in (("without a pack", before), ("with the drafted pack", after)):
        for lesson, page in pages.items():
            assert not [c for c in empty_tables(page) if "Where the text says" in c], (name, lesson)
    for name, pages in (("without a pack", before), ("with the drafted pack", after)):
        for lesson, page in pages.items():  # every note falls back to a generic one, in both editions' pages
            assert "no lesson notes for this article" not in page, (name, lesson)
    assert "No statements have been coded by hand" in before["04_actor_mapping"]
    assert "(A generic note.)" in before["02_close_reading"]
    student = (tmp_path / "site" / "student" / "01_source_article.html").read_text(encoding="utf-8")
    assert "drafted by the machine" in student and "A generic note" in student
    assert "No reference to the writer in the text" in student or "Where the text says" in student
    critique = (tmp_path / "site" / "student" / "05_argument_critique.html").read_text(encoding="utf-8")
    assert "A drafted map" in critique and "criticalthinking.org" in critique
