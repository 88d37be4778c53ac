"""`python -m helpers pack draft ARTICLE` (and `make pack`): a draft pack written where asked,
never over checked files, with one-line errors."""

from __future__ import annotations

import hashlib
import os
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
        "glossary.yaml", "exercises.yaml"}
    assert all(yaml.safe_load(p.read_text(encoding="utf-8"))["status"] == "draft" for p in written)
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


@pytest.mark.slow
def test_the_course_builds_on_a_new_article_with_its_drafted_pack(tmp_path):
    """The two commands on an article the project has not seen: a draft pack, then the site; the
    drafted keys say they are drafts, and lesson 01 shows generic notes, not 'no lesson notes'."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    article = tmp_path / "articles" / "fresh-harbour-article.md"
    article.parent.mkdir()
    shutil.copy(REPO / "data" / "articles" / "synthetic-2023-harbour-accord.md", article)
    env = {**os.environ, "CLOSE_READING_DATA": str(data)}
    drafted = subprocess.run([sys.executable, "-m", "helpers", "pack", "draft", str(article)], capture_output=True,
                             text=True, cwd=REPO, env=env, timeout=300)
    assert drafted.returncode == 0, drafted.stderr
    assert (data / "annotations" / "fresh-harbour-article" / "reading.yaml").is_file()
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "helpers", "build", "--article", str(article), "--out", str(site),
                            "--build-root", str(tmp_path / "build"), "--quiet"], capture_output=True, text=True,
                           cwd=REPO, env=env, timeout=1200)
    assert built.returncode == 0, built.stderr[-3000:]
    lesson = (site / "student" / "01_source_article.html").read_text(encoding="utf-8")
    assert "drafted by the machine" in lesson and "A generic note" in lesson
    assert "no lesson notes for this article" not in lesson
