"""helpers.site.articlecheck: the build's article check runs in a child process, gives the summary the
article loader gives, raises the loader's CourseInputError as it is, and leaves spaCy out of the
process that asks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.core.errors import CourseInputError
from helpers.core.paths import SEED_ARTICLE_ID, articles_dir
from helpers.model.article import load_article
from helpers.site import articlecheck

REPO = Path(__file__).resolve().parents[2]
SEED = next(p for p in articles_dir().iterdir() if p.stem == SEED_ARTICLE_ID and p.suffix == ".txt")


def test_the_summary_is_the_loaders():
    assert articlecheck.summary_apart(SEED) == json.loads(json.dumps(load_article(SEED).summary(), default=str))


def test_a_bad_article_raises_the_loaders_error_with_its_file(tmp_path):
    empty = tmp_path / "empty-article.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        articlecheck.summary_apart(empty)
    with pytest.raises(CourseInputError) as direct:
        load_article(empty)
    assert str(err.value) == str(direct.value) and str(empty) in str(err.value)


def test_a_child_that_fails_otherwise_says_so(monkeypatch):
    monkeypatch.setattr(articlecheck.sys, "executable", "false")   # a child that dies without a word
    with pytest.raises(RuntimeError, match=r"checking the article failed \(exit 1\)"):
        articlecheck.summary_apart(SEED)


def test_the_process_that_asks_never_imports_spacy():
    code = ("import json, sys; from pathlib import Path; from helpers.site import articlecheck; "
            "s = articlecheck.summary_apart(Path(sys.argv[1])); "
            "print(json.dumps({'spacy': 'spacy' in sys.modules, 'id': s['id']}))")
    proc = subprocess.run([sys.executable, "-c", code, str(SEED)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"spacy": False, "id": SEED_ARTICLE_ID}
