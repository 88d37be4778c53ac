"""Installable as a researcher installs it: a wheel built from the repository, installed into a
fresh virtual environment, runs ``close-reading analyze`` and ``evaluate`` from another folder,
reading its lexicons, outlet registry and publications from the package (helpers.resources)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "evaluation"

pytestmark = pytest.mark.slow


def _run(cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel installed. The wheel is built and installed without its
    dependencies (no network in tests); they are taken from the project's environment through a
    .pth line, which adds that folder to sys.path without running its editable-install hooks, so
    `helpers` itself can only come from the wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp / "dist", ROOT])
    assert built.returncode == 0, built.stderr
    [wheel] = list((tmp / "dist").glob("close_reading_lab-*.whl"))
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (site / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    inst = _run([py, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel])
    assert inst.returncode == 0, inst.stderr
    work = tmp / "elsewhere"
    work.mkdir()
    shutil.copy(ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt", work / "article.txt")
    return env_dir, work


def test_helpers_come_from_the_wheel(installed):
    env_dir, work = installed
    where = _run([env_dir / "bin" / "python", "-c",
                  "import helpers, helpers.core.paths as p; print(helpers.__file__); print(p.resources_dir())"], cwd=work)
    assert where.returncode == 0, where.stderr
    module, resources = where.stdout.split()
    assert str(env_dir) in module and str(ROOT) not in module
    assert resources.startswith(str(env_dir)) and (Path(resources) / "lexicons" / "hedges.yaml").is_file()


def test_analyze_runs_from_another_folder(installed):
    env_dir, work = installed
    out = _run([env_dir / "bin" / "close-reading", "analyze", "article.txt"], cwd=work)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert len(result["citations"]) == 11 and result["actors"] and result["features"]


def test_evaluate_runs_from_another_folder(installed):
    env_dir, work = installed
    out = _run([env_dir / "bin" / "close-reading", "evaluate", FIXTURE, "--corpus", FIXTURE / "texts", "--format", "json"],
               cwd=work)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["articles"][0]["tasks"]["citations"]["f1"] == 1.0
