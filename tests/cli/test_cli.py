"""The command line: `python -m helpers build|analyze`, exit codes and one-line errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import cli

HERE = Path(__file__).resolve().parents[1]  # tests/
REPO = HERE.parent
FIXTURES = HERE / "fixtures" / "build"


def _run(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture
def beta_only(tmp_path):
    """One fixture notebook, a private data copy and build folder."""
    (tmp_path / "nb").mkdir()
    shutil.copy(FIXTURES / "notebooks" / "02_beta.ipynb", tmp_path / "nb")
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".*"))
    (tmp_path / "lessons").mkdir()
    return tmp_path


def _build_args(ws: Path, *extra: str) -> list[str]:
    return ["build", "--notebooks", str(ws / "nb"), "--lessons", str(ws / "lessons"),
            "--build-root", str(ws / "_build"), "--article", str(ws / "data" / "articles" /
                                                                  "edm-2019-16-138-moscow-baku-rapprochement.txt"),
            *extra]


def test_help_lists_both_commands():
    proc = _run("--help")
    assert proc.returncode == 0
    assert "build" in proc.stdout and "analyze" in proc.stdout


def test_bad_article_is_one_line_and_exit_2(tmp_path):
    proc = _run("build", "--article", str(tmp_path / "missing.txt"), "--build-root", str(tmp_path / "b"))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "missing.txt" in lines[0] and "no such article" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert not (tmp_path / "b" / "html").exists()


# Runs the command line in a fresh interpreter; the helpers are hashed from a private copy so
# that people editing helpers/ while the tests run do not turn the no-op into a rebuild.
_PROBE = """
import functools, sys
from pathlib import Path
import helpers.site.build
helpers.site.build.build_site = functools.partial(helpers.site.build.build_site, helpers_dir=Path(sys.argv[1]))
from helpers import cli
code = cli.main(sys.argv[2:])
heavy = sorted(m for m in ('nbclient', 'papermill', 'nbconvert', 'altair', 'spacy', 'pandas') if m in sys.modules)
print('HEAVY', heavy)
raise SystemExit(code)
"""


def test_build_prints_index_last_and_a_noop_rebuild_imports_nothing_heavy(beta_only):
    shutil.copytree(REPO / "helpers", beta_only / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "CLOSE_READING_DATA": str(beta_only / "data")}

    def run(*extra):
        return subprocess.run([sys.executable, "-c", _PROBE, str(beta_only / "helpers"), *_build_args(beta_only, *extra)],
                              capture_output=True, text=True, cwd=REPO, env=env, timeout=300)

    first = run()
    assert first.returncode == 0, first.stderr
    out = first.stdout.strip().splitlines()
    # a cold build imports the execution machinery, but not spaCy: the article's first check runs in a child
    assert out[-1] == "HEAVY " + repr(["nbclient", "nbconvert", "papermill"])
    index = Path(out[-2])
    assert index.is_absolute() and index.is_file() and index == (beta_only / "_build" / "html" / "index.html")
    assert "02_beta: executed (not in cache)" in out
    assert "[execute" in first.stderr  # the progress display
    again = run("--quiet")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["02_beta: reused (cache hit)", f"site: up to date ({index.parent})",
                                         str(index), "HEAVY []"]


def test_unknown_parameter_exits_2_with_one_line(beta_only, capsys, monkeypatch):
    monkeypatch.setenv("CLOSE_READING_DATA", str(beta_only / "data"))
    code = cli.main(_build_args(beta_only, "-p", "colour=red", "--quiet"))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "02_beta.ipynb" in err[0] and "'colour'" in err[0]


def test_parameter_values_are_read_as_yaml_and_malformed_ones_rejected(beta_only, capsys, monkeypatch):
    monkeypatch.setenv("CLOSE_READING_DATA", str(beta_only / "data"))
    assert cli.main(_build_args(beta_only, "-p", "repeat=many", "--quiet")) == 2
    assert "'repeat' must be int, not str" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        cli.main(_build_args(beta_only, "-p", "repeat"))
    assert exc.value.code == 2


def test_analyze_is_dispatched_to_helpers_analyze_or_reported_missing(monkeypatch, capsys):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    if real_find_spec("helpers.analysis.analyze") is not None:
        with pytest.raises(SystemExit) as exc:
            cli.main(["analyze", "--help"])
        assert exc.value.code == 0
        assert "usage:" in capsys.readouterr().out
    monkeypatch.setattr(cli.importlib.util, "find_spec",
                        lambda name, *a: None if name == "helpers.analysis.analyze" else real_find_spec(name, *a))
    assert cli.main(["analyze", "anything"]) == 2
    assert capsys.readouterr().err.strip() == "analyze is not available yet"
