"""``benchmarks/bench_analyze.py --long``, run as a command on two small lengths and two trees
(this one twice): the articles it writes have the lengths asked for, every run reports its
time and memory, and a tree that cannot run fails the command. Speed is not asserted here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "benchmarks" / "bench_analyze.py"
pytestmark = pytest.mark.slow


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600, cwd=REPO)


def test_long_reports_each_length_for_each_tree():
    done = _run("--long", "2000", "4000", "--rounds", "1", "--tree", str(REPO))
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if re.match(r"\S+\s+[\d,]+\s+\d+\.\d\d\s", line)]
    assert len(rows) == 4, done.stdout          # two lengths, two trees
    words = [int(r[1].replace(",", "")) for r in rows]
    assert words[0] >= 2000 and words[1] >= 4000 and words[0] == words[2] and words[1] == words[3]
    assert all(float(r[3]) > 0 and float(r[5]) > 0 for r in rows)     # median CPU s, peak RSS MB
    assert rows[1][-1].endswith("x") and "1 round(s)" in done.stdout


def test_a_tree_without_helpers_fails_with_its_error(tmp_path):
    done = _run("--long", "2000", "--rounds", "1", "--tree", str(tmp_path))
    assert done.returncode == 1 and f"{tmp_path}: long-2000.txt failed" in done.stderr
