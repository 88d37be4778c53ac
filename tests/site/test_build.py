"""The site build with real papermill parameters, nbclient kernels and nbconvert, in tmp folders.

One site is built per module from the fixture notebooks (tests/fixtures/build); each cache
test clones its folders and cache (the cache is content-addressed, so a clone of the same
inputs is a cache hit), changes one thing and rebuilds.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import cli
from helpers.site.build import BuildError, build_site, edition_notebook, workbook_json
from helpers.core.errors import CourseInputError

from edits import cell as _cell, edit_notebook as _edit_notebook, source as _source

HERE = Path(__file__).resolve().parents[1]  # tests/
REPO = HERE.parent
FIXTURES = HERE / "fixtures" / "build"
SEED = "edm-2019-16-138-moscow-baku-rapprochement"
_IGNORE = shutil.ignore_patterns(".*", "__pycache__")


def _build(ws, monkeypatch=None, **kw):
    if monkeypatch is not None:
        monkeypatch.setenv("CLOSE_READING_DATA", str(ws.data))
    kw.setdefault("article", ws.article)
    return build_site(kw.pop("article"), notebooks_dir=ws.notebooks, lessons_dir=ws.lessons,
                      build_root=ws.build_root, helpers_dir=ws.helpers, progress=False, **kw)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(FIXTURES / "notebooks", root / "notebooks")
    shutil.copytree(REPO / "data", root / "data", ignore=_IGNORE)
    shutil.copytree(REPO / "helpers", root / "helpers", ignore=shutil.ignore_patterns("__pycache__", "templates"))
    ws = SimpleNamespace(root=root, notebooks=root / "notebooks", lessons=FIXTURES / "lessons", data=root / "data",
                         helpers=root / "helpers", build_root=root / "_build",
                         article=root / "data" / "articles" / f"{SEED}.txt")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CLOSE_READING_DATA", str(ws.data))
        ws.result = _build(ws)
    ws.out = ws.result.out_dir
    return ws


@pytest.fixture
def clone(site, tmp_path):
    """A private copy of the module site's inputs and cache (same article path, so same keys)."""
    for name in ("notebooks", "data", "helpers"):
        shutil.copytree(getattr(site, name), tmp_path / name)
    shutil.copytree(site.build_root, tmp_path / "_build", ignore=shutil.ignore_patterns("scratch"))
    return SimpleNamespace(root=tmp_path, notebooks=tmp_path / "notebooks", lessons=site.lessons,
                           data=tmp_path / "data", helpers=tmp_path / "helpers",
                           build_root=tmp_path / "_build", article=site.article, out=tmp_path / "_build" / "html")




# -- what the site contains ----------------------------------------------------------------------

def test_cold_build_executes_every_notebook_and_writes_the_site(site):
    assert site.result.executed == {"01_alpha": "not in cache", "02_beta": "not in cache"}
    assert site.result.out_dir == (site.build_root / "html").resolve()
    for rel in ("index.html", "student/01_alpha.html", "instructor/01_alpha.html", "student/02_beta.html",
                "instructor/02_beta.html", "workbooks/01_alpha.ipynb", "lessons/01_alpha.html",
                "_static/vega.js", "_static/site.css"):
        assert (site.out / rel).is_file(), rel
    index = (site.out / "index.html").read_text()
    for href in ("student/01_alpha.html", "instructor/02_beta.html", "workbooks/02_beta.ipynb", "lessons/01_alpha.html"):
        assert f'href="{href}"' in index
    assert SEED in index and "Moscow-Baku Rapprochement" in index
    # the notebook really ran on the injected article
    assert "Title: Moscow-Baku Rapprochement Continues" in (site.out / "student/01_alpha.html").read_text()


def test_student_edition_removes_solutions_and_instructor_edition_marks_them(site):
    source = json.loads((site.notebooks / "01_alpha.ipynb").read_text())
    solution = _source(_cell(source, "alpha-solution"))
    student = (site.out / "student/01_alpha.html").read_text()
    instructor = (site.out / "instructor/01_alpha.html").read_text()
    as_text = lambda page: html.unescape(re.sub(r"<[^>]+>", "", page))
    lines = [line.strip() for line in solution.splitlines() if line.strip()]
    assert len(lines) == 3
    for line in lines:  # every line of the solution cell: gone for students, there for instructors
        assert line not in as_text(student)
        assert line in as_text(instructor)
    for marker in ("SOLUTION-OUTPUT", "SECRET-INSTRUCTOR-NOTE"):
        assert marker not in student
        assert marker in instructor
    assert "Instructor solution" in instructor and "Instructor solution" not in student
    # parameter cells: input hidden from students, shown to instructors
    assert "path of the article to read" not in student
    assert "path of the article to read" in instructor
    for page in (student, instructor):
        meta = re.search(r'<meta[^>]*name="close-reading:article"[^>]*>', page).group(0)
        assert f'content="{SEED}"' in meta


def test_workbook_has_no_solution_outputs_or_widget_state(site):
    text = (site.out / "workbooks/01_alpha.ipynb").read_text()
    nb = json.loads(text)
    assert "SOLUTION" not in text and "SECRET-INSTRUCTOR-NOTE" not in text
    assert "widgets" not in nb["metadata"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert not any("injected-parameters" in c.get("metadata", {}).get("tags", []) for c in nb["cells"])


def test_pages_are_offline_accessible_and_free_of_local_paths(site):
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) == 6
    remote = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)
    for page in pages:
        html = page.read_text()
        assert not remote.search(html), page
        assert "mathjax" not in html.lower(), page
        assert '<html lang="en">' in html and "<main" in html and "<nav" in html and "skip-link" in html
        assert str(site.root) not in html and str(REPO) not in html, page
        assert "close-reading:inputs" in html
    chart_page = (site.out / "student/01_alpha.html").read_text()
    assert re.search(r'<div[^>]*aria-label="Bar chart of words per paragraph"[^>]*role="img"|'
                     r'<div[^>]*role="img"[^>]*aria-label="Bar chart of words per paragraph"', chart_page)
    assert "vegaEmbed(el, spec, {actions: false, renderer: \"svg\"})" in chart_page
    assert 'src="../_static/vega.js"' in chart_page
    assert "</script>" not in chart_page.split('var spec = ', 1)[1].split(";\n", 1)[0]
    # no prompts
    assert "In&nbsp;[" not in chart_page and "Out[" not in chart_page


def test_widget_pages_load_the_local_manager_or_show_placeholders(site):
    from helpers.site import assets

    html = (site.out / "student/01_alpha.html").read_text()
    if assets.widget_files() is not None:
        assert 'src="../_static/embed-amd.js"' in html and 'src="../_static/require.js"' in html
        assert 'type="application/vnd.jupyter.widget-state+json"' in html
        assert (site.out / "_static/embed-amd.js").is_file()
    else:
        assert "widget-placeholder" in html and "embed-amd.js" not in html


def test_student_widget_state_keeps_only_models_of_remaining_outputs():
    def view(model):
        return {"output_type": "display_data", "metadata": {},
                "data": {"application/vnd.jupyter.widget-view+json": {"model_id": model}, "text/plain": model}}
    a, la, b, lb, orphan = ("a" * 32, "1" * 32, "b" * 32, "2" * 32, "c" * 32)
    state = {a: {"state": {"layout": f"IPY_MODEL_{la}"}}, la: {"state": {}},
             b: {"state": {"layout": f"IPY_MODEL_{lb}"}}, lb: {"state": {}}, orphan: {"state": {}}}
    nb = {"metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": state}}}, "cells": [
        {"cell_type": "code", "metadata": {"tags": ["solution"]}, "source": "w", "outputs": [view(a)]},
        {"cell_type": "code", "metadata": {}, "source": "v", "outputs": [view(b)]}]}
    kept = lambda ed: set(edition_notebook(nb, ed)["metadata"]["widgets"][
        "application/vnd.jupyter.widget-state+json"]["state"])
    assert kept("student") == {b, lb}
    assert kept("instructor") == {a, la, b, lb}
    assert set(nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]) == set(state)
    assert "solution" not in workbook_json(nb) and '"widgets"' not in workbook_json(nb)


# -- the cache -------------------------------------------------------------------------------

def test_noop_rebuild_executes_and_renders_nothing(clone, monkeypatch):
    before = {p: p.read_bytes() for p in clone.out.rglob("*") if p.is_file()}
    result = _build(clone, monkeypatch)
    assert result.executed == {} and result.rendered == [] and result.up_to_date
    assert result.reused == ["01_alpha", "02_beta"]
    assert result.lines == ["01_alpha: reused (cache hit)", "02_beta: reused (cache hit)",
                            f"site: up to date ({clone.out})"]
    assert {p: p.read_bytes() for p in clone.out.rglob("*") if p.is_file()} == before


def test_editing_a_code_cell_reexecutes_only_that_notebook(clone, monkeypatch):
    _edit_notebook(clone.notebooks / "02_beta.ipynb", lambda nb: _cell(nb, "beta-count").update(
        source=_source(_cell(nb, "beta-count")).replace("'Paragraphs:'", "'Paragraphs counted:'")))
    result = _build(clone, monkeypatch)
    assert result.executed == {"02_beta": "notebook changed"}
    assert result.reused == ["01_alpha"]
    assert sorted(result.rendered) == ["instructor/02_beta.html", "student/02_beta.html", "workbooks/02_beta.ipynb"]
    assert "Paragraphs counted:" in (clone.out / "student/02_beta.html").read_text()


def test_a_markdown_edit_rerenders_without_executing(clone, monkeypatch):
    _edit_notebook(clone.notebooks / "02_beta.ipynb", lambda nb: nb["cells"].append(
        {"cell_type": "markdown", "id": "beta-more", "metadata": {}, "source": "A new paragraph."}))
    result = _build(clone, monkeypatch)
    assert result.executed == {} and result.reused == ["01_alpha", "02_beta"]
    assert sorted(result.rendered) == ["instructor/02_beta.html", "student/02_beta.html", "workbooks/02_beta.ipynb"]
    # a new title is in every page's navigation (and the index): every page is rendered again
    _edit_notebook(clone.notebooks / "02_beta.ipynb", lambda nb: _cell(nb, "beta-title").update(
        source="# Beta fixture, edited"))
    result = _build(clone, monkeypatch)
    assert result.executed == {}
    assert sorted(result.rendered) == sorted(p.relative_to(clone.out).as_posix() for p in clone.out.rglob("*.html")) \
        + ["workbooks/02_beta.ipynb"]
    assert "Beta fixture, edited" in (clone.out / "student/01_alpha.html").read_text()  # in its navigation
    page = (clone.out / "student/02_beta.html").read_text()
    assert "Beta fixture, edited" in page and "A new paragraph." in page
    assert "Paragraphs: " in page  # the outputs of the cached execution
    # the same pages as a fresh execution of the edited notebook
    fresh = _build(clone, monkeypatch, force=True, out_dir=clone.root / "fresh")
    for rel in ("student/02_beta.html", "instructor/02_beta.html"):
        assert (fresh.out_dir / rel).read_bytes() == (clone.out / rel).read_bytes(), rel


def test_moving_the_parameters_tag_reexecutes(clone, monkeypatch):
    def move(nb):  # the same sources, but papermill would inject its cell elsewhere
        _cell(nb, "beta-params")["metadata"]["tags"] = []
        _cell(nb, "beta-count")["metadata"]["tags"] = ["parameters"]
    _edit_notebook(clone.notebooks / "02_beta.ipynb", move)
    with pytest.raises(CourseInputError):  # the new parameters cell does not declare 'article'
        _build(clone, monkeypatch)


def test_changing_a_data_file_reexecutes(clone, monkeypatch):
    assert _build(clone, monkeypatch).executed == {}  # the copied data hashes the same
    lexicon = next(p for p in sorted((clone.data).rglob("*")) if p.is_file() and "articles" not in p.parts)
    lexicon.write_text(lexicon.read_text() + "\n# changed by a test\n")
    result = _build(clone, monkeypatch)
    assert result.executed == {"01_alpha": "data changed", "02_beta": "data changed"}


# -- which helpers files a notebook's execution depends on (helpers.site.imports) ------------------

def _touch(module: Path) -> None:
    module.write_text(module.read_text() + "\n# changed by a test\n")


def test_a_helpers_module_a_notebook_imports_directly_reexecutes_it(clone, monkeypatch):
    _touch(clone.helpers / "model" / "article.py")  # both fixtures: from helpers.model.article import load_article
    result = _build(clone, monkeypatch)
    assert result.executed == {"01_alpha": "helpers changed", "02_beta": "helpers changed"}


def test_a_helpers_module_imported_transitively_reexecutes(clone, monkeypatch):
    _touch(clone.helpers / "core" / "yamlio.py")  # model.article imports it (through core and model.publications)
    assert _build(clone, monkeypatch).executed == {"01_alpha": "helpers changed", "02_beta": "helpers changed"}
    _touch(clone.helpers / "model" / "__init__.py")  # a package's __init__ runs before its modules
    assert set(_build(clone, monkeypatch).executed) == {"01_alpha", "02_beta"}


def test_a_helpers_module_no_notebook_imports_reexecutes_nothing(clone, monkeypatch):
    for rel in ("site/render.py", "cli.py", "analysis/citations.py", "present/display.py"):
        _touch(clone.helpers / rel)
    result = _build(clone, monkeypatch)
    assert result.executed == {} and result.reused == ["01_alpha", "02_beta"]


def test_only_the_notebook_that_imports_a_module_reexecutes(clone, monkeypatch):
    _edit_notebook(clone.notebooks / "02_beta.ipynb", lambda nb: _cell(nb, "beta-count").update(
        source="from helpers.analysis import citations  # noqa\n" + _source(_cell(nb, "beta-count"))))
    assert _build(clone, monkeypatch).executed == {"02_beta": "notebook, helpers changed"}  # more modules now
    _touch(clone.helpers / "analysis" / "citations.py")
    assert _build(clone, monkeypatch).executed == {"02_beta": "helpers changed"}


def test_a_new_import_inside_a_function_counts(clone, monkeypatch):
    extra = clone.helpers / "core" / "extra_for_test.py"
    extra.write_text("VALUE = 1\n")
    assert _build(clone, monkeypatch).executed == {}  # nobody imports it yet
    paths_py = clone.helpers / "core" / "paths.py"
    paths_py.write_text(paths_py.read_text() + "\n\ndef _for_test():\n    from helpers.core import extra_for_test\n"
                        "    return extra_for_test.VALUE\n")
    assert set(_build(clone, monkeypatch).executed) == {"01_alpha", "02_beta"}
    _touch(extra)  # now imported (inside a function) by a module the notebooks run
    assert set(_build(clone, monkeypatch).executed) == {"01_alpha", "02_beta"}


def test_an_import_cycle_in_helpers_is_followed_once(clone, monkeypatch):
    (clone.helpers / "core" / "cycle_a.py").write_text("from helpers.core import cycle_b  # noqa\n")
    (clone.helpers / "core" / "cycle_b.py").write_text("import helpers.core.cycle_a  # noqa\nimport helpers.core.errors\n")
    errors = clone.helpers / "core" / "errors.py"
    errors.write_text(errors.read_text() + "\nfrom helpers.core import cycle_a  # noqa: E402\n")
    assert set(_build(clone, monkeypatch).executed) == {"01_alpha", "02_beta"}
    _touch(clone.helpers / "core" / "cycle_b.py")
    assert set(_build(clone, monkeypatch).executed) == {"01_alpha", "02_beta"}
    assert _build(clone, monkeypatch).executed == {}


def test_tag_only_change_rerenders_without_executing(clone, monkeypatch):
    def tag(nb):
        _cell(nb, "beta-count").setdefault("metadata", {})["tags"] = ["solution"]
    _edit_notebook(clone.notebooks / "02_beta.ipynb", tag)
    result = _build(clone, monkeypatch)
    assert result.executed == {}
    assert result.reused == ["01_alpha", "02_beta"]
    assert sorted(result.rendered) == ["instructor/02_beta.html", "student/02_beta.html", "workbooks/02_beta.ipynb"]
    assert "Paragraphs:" not in (clone.out / "student/02_beta.html").read_text()
    instructor = (clone.out / "instructor/02_beta.html").read_text()
    assert "Paragraphs:" in instructor and "Instructor solution" in instructor


def test_two_builds_are_byte_identical(site, clone, monkeypatch):
    result = _build(clone, monkeypatch, force=True, out_dir=clone.root / "again")
    assert set(result.executed) == {"01_alpha", "02_beta"}  # really executed a second time
    first = {p.relative_to(site.out): p.read_bytes() for p in site.out.rglob("*") if p.is_file()}
    second = {p.relative_to(result.out_dir): p.read_bytes() for p in result.out_dir.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [str(k) for k in first if first[k] != second[k]] == []


# -- failures ------------------------------------------------------------------------------------

def test_a_failing_cell_fails_the_build_and_keeps_the_old_site(clone, monkeypatch, capsys):
    def boom(nb):
        nb["cells"].append({"cell_type": "code", "id": "boom", "metadata": {}, "outputs": [],
                            "execution_count": None, "source": "x = 1\nraise ValueError('no such paragraph')"})
    _edit_notebook(clone.notebooks / "02_beta.ipynb", boom)
    index_before = (clone.out / "index.html").read_bytes()
    with pytest.raises(BuildError) as err:
        _build(clone, monkeypatch)
    message = str(err.value)
    hint = " (open the notebook in JupyterLab, run it on this article to see the traceback, and fix that cell)"
    assert message == "02_beta.ipynb: cell 4 failed: ValueError: no such paragraph" + hint
    assert (clone.out / "index.html").read_bytes() == index_before
    assert not (clone.out / "student/02_beta.html").read_text().count("no such paragraph")
    # the command line: one line on stderr, exit status 2
    only = clone.root / "only"
    only.mkdir()
    shutil.copy(clone.notebooks / "02_beta.ipynb", only)
    code = cli.main(["build", "--notebooks", str(only), "--build-root", str(clone.root / "b2"), "--quiet",
                     "--article", str(clone.article)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.strip().splitlines() == ["error: 02_beta.ipynb: cell 4 failed: ValueError: no such paragraph" + hint]
    assert "Traceback" not in captured.err + captured.out


def test_unknown_parameter_is_a_one_line_error_naming_notebook_and_parameter(clone, monkeypatch):
    with pytest.raises(CourseInputError) as err:
        _build(clone, monkeypatch, parameters={"colour": "red"})
    message = str(err.value)
    assert "\n" not in message
    assert "01_alpha.ipynb" in message and "'colour'" in message and "article" in message


def test_wrong_parameter_type_is_a_one_line_error(clone, monkeypatch):
    (clone.notebooks / "01_alpha.ipynb").unlink()  # only 02_beta declares 'repeat: int'
    with pytest.raises(CourseInputError) as err:
        _build(clone, monkeypatch, parameters={"repeat": "many"})
    message = str(err.value)
    assert "\n" not in message
    assert "02_beta.ipynb" in message and "'repeat'" in message and "int" in message and "str" in message
    with pytest.raises(CourseInputError, match="'repeat' must be int, not bool"):
        _build(clone, monkeypatch, parameters={"repeat": True})


def test_bad_article_fails_fast_and_leaves_the_site(clone, monkeypatch, tmp_path):
    empty = tmp_path / "empty-article.txt"
    empty.write_text("   \n")
    index_before = (clone.out / "index.html").read_bytes()
    with pytest.raises(CourseInputError, match="empty"):
        _build(clone, monkeypatch, article=empty, out_dir=clone.out)
    assert (clone.out / "index.html").read_bytes() == index_before


def test_another_article_gets_its_own_site(clone, monkeypatch, tmp_path):
    other = tmp_path / "copy-of-seed.txt"
    other.write_bytes(clone.article.read_bytes())
    result = _build(clone, monkeypatch, article=other)
    assert result.article_id == "copy-of-seed"
    assert result.out_dir == (clone.build_root / "html-copy-of-seed").resolve()
    assert set(result.executed) == {"01_alpha", "02_beta"}
    index = (result.out_dir / "index.html").read_text()
    assert "copy-of-seed" in index
    assert 'content="copy-of-seed"' in (result.out_dir / "student/02_beta.html").read_text()


# -- offline assets --------------------------------------------------------------------------

def test_without_widget_assets_pages_get_static_placeholders(clone, monkeypatch, tmp_path):
    monkeypatch.setenv("CLOSE_READING_ASSETS", str(tmp_path / "no-assets"))  # nothing installed there
    result = _build(clone, monkeypatch)
    assert result.executed == {}  # only re-rendered
    html = (clone.out / "student/01_alpha.html").read_text()
    assert "widget-placeholder" in html and "IntSlider" in html
    assert "embed-amd.js" not in html and "widget-state+json" not in html
    assert not (clone.out / "_static/embed-amd.js").exists() and (clone.out / "_static/vega.js").is_file()


def test_assets_install_warns_without_npm_and_is_idempotent_when_installed(monkeypatch, tmp_path, capsys):
    from helpers.site import assets

    monkeypatch.setattr(assets.shutil, "which", lambda name: None)
    assert assets.install(tmp_path / "js") is False
    assert "npm is not installed" in capsys.readouterr().err
    assert (tmp_path / "js" / "vega.js").stat().st_size > 100_000  # the Vega bundle needs no npm
    if assets.widget_files() is not None:  # installed (make install): a second install runs nothing
        monkeypatch.setattr(assets.subprocess, "run", lambda *a, **k: pytest.fail("npm ran again"))
        assert assets.install() is True


def test_a_folder_not_built_by_us_is_never_replaced(clone, monkeypatch, tmp_path):
    precious = tmp_path / "my-notes"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(CourseInputError, match="not a site built by this command"):
        _build(clone, monkeypatch, out_dir=precious)
    assert (precious / "thesis.txt").read_text() == "years of work"
    assert _build(clone, monkeypatch, out_dir=tmp_path / "new-site").index.is_file()


def test_cache_entries_unused_for_a_month_are_pruned_and_used_ones_kept(clone, monkeypatch):
    import os
    import time

    old = time.time() - 40 * 86400
    stale = clone.build_root / "cache" / "pages" / ("0" * 64)
    stale.write_text("a page no build uses any more")
    for entry in (clone.build_root / "cache").rglob("*"):
        if entry.is_file():
            os.utime(entry, (old, old))  # everything looks a month old
    result = _build(clone, monkeypatch)
    assert result.executed == {} and result.up_to_date
    assert not stale.exists()
    assert len(list((clone.build_root / "cache" / "exec").iterdir())) == 2  # the ones this build used


# -- forked kernels and overlapped rendering -------------------------------------------------------

_PROBE = """import os, sys
import altair, pandas
print("LEAK", getattr(altair, "_close_reading_probe", None), getattr(pandas, "_close_reading_probe", None),
      "helpers" in sys.modules, "work_answers" in globals())
altair._close_reading_probe = pandas._close_reading_probe = work_answers = NAME
print("PID", os.getpid(), "PARENT", os.getppid(), "WORK", os.environ["CLOSE_READING_WORK"])"""


def _probe_notebook(name: str) -> dict:
    cells = [{"cell_type": "code", "execution_count": None, "id": f"{name}-p", "metadata": {"tags": ["parameters"]},
              "outputs": [], "source": 'article: str = ""  # path of the article'},
             {"cell_type": "code", "execution_count": None, "id": f"{name}-probe", "metadata": {}, "outputs": [],
              "source": _PROBE.replace("NAME", repr(name))}]
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                        "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}


def _probe_lines(ws, name: str) -> dict[str, list[str]]:
    """The probe cell's printed lines, from the executed notebook in the cache."""
    for entry in (ws.build_root / "cache" / "exec").iterdir():
        cells = json.loads(entry.read_text())["cells"]
        probe = next((c for c in cells if c.get("id") == f"{name}-probe"), None)
        if probe is not None:
            text = "".join("".join(o.get("text", "")) for o in probe["outputs"])
            return {line.split()[0]: line.split()[1:] for line in text.splitlines()}
    raise AssertionError(f"{name} was not executed")


@pytest.mark.parametrize("fork", ["1", "0"])
def test_every_notebook_gets_a_fresh_kernel_that_shares_nothing(clone, monkeypatch, fork):
    import os

    from helpers.site import forkserver

    monkeypatch.setenv("CLOSE_READING_FORK_KERNELS", fork)
    if fork == "1" and not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    for old in clone.notebooks.glob("*.ipynb"):
        old.unlink()
    names = ["01_first", "02_second", "03_third"]
    for name in names:
        (clone.notebooks / f"{name}.ipynb").write_text(json.dumps(_probe_notebook(name)))
    result = _build(clone, monkeypatch, jobs=1)  # one after another: any leak would show in the next one
    assert sorted(result.executed) == names
    probes = [_probe_lines(clone, name) for name in names]
    for probe in probes:  # nothing set by an earlier notebook, helpers not preloaded into the kernel
        assert probe["LEAK"] == ["None", "None", "False", "False"]
    pids = [p["PID"][0] for p in probes]
    works = [p["PID"][4] for p in probes]
    assert len(set(pids)) == 3 and len(set(works)) == 3  # three processes, three empty work folders
    parents = {p["PID"][2] for p in probes}
    if fork == "1":  # forked by one zygote, not started by the build itself
        assert len(parents) == 1 and parents != {str(os.getpid())}
    else:
        assert parents == {str(os.getpid())}


def test_forked_kernels_give_the_same_executed_notebooks_as_started_ones(site, clone, monkeypatch):
    monkeypatch.setenv("CLOSE_READING_FORK_KERNELS", "0")
    result = _build(clone, monkeypatch, force=True)
    assert sorted(result.executed) == ["01_alpha", "02_beta"]
    for entry in (site.build_root / "cache" / "exec").iterdir():  # the module site ran in forked kernels
        assert (clone.build_root / "cache" / "exec" / entry.name).read_bytes() == entry.read_bytes(), entry.name


def test_pages_are_rendered_while_execution_runs_and_a_failure_keeps_them_cached(clone, monkeypatch):
    import time

    _edit_notebook(clone.notebooks / "02_beta.ipynb", lambda nb: nb["cells"].append(
        {"cell_type": "code", "execution_count": None, "id": "slow-fail", "metadata": {}, "outputs": [],
         "source": "import time\ntime.sleep(3)\nraise RuntimeError('beta breaks')"}))
    _edit_notebook(clone.notebooks / "01_alpha.ipynb", lambda nb: nb["cells"].append(
        {"cell_type": "code", "execution_count": None, "id": "more", "metadata": {}, "outputs": [],
         "source": "print('One more line.')"}))
    pages = clone.build_root / "cache" / "pages"
    before = set(pages.iterdir())
    t0 = time.time()
    with pytest.raises(BuildError, match="02_beta.ipynb: cell .* RuntimeError: beta breaks"):
        _build(clone, monkeypatch, jobs=2)
    new = [p for p in set(pages.iterdir()) - before]
    # alpha's two editions were rendered (and cached) although beta failed after it; so were the two
    # changed workbooks, which no execution changes, while the kernels ran
    html_pages = [p for p in new if p.read_text().lstrip().startswith("<")]
    assert len(html_pages) == 2 and all("One more line." in p.read_text() for p in html_pages)
    assert len(new) == 4 and all(p.stat().st_mtime >= t0 for p in new)


def test_pages_skip_nbconverts_soup_pass_only_when_it_would_change_nothing(site):
    import nbformat
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from helpers.site import render
    from helpers.site.editions import EDITIONS

    fast = render.exporter()
    full = HTMLExporter(config=fast.config)
    full.register_filter("script_json", render.script_json)
    page = {"article_id": SEED, "article_title": "T", "title": "T", "kind": "student edition", "edition": "student",
            "inputs": "k", "root": "../", "charts": True, "widgets": True, "other_edition": "Instructor",
            "other_edition_href": "x.html"}
    executed = [json.loads(p.read_text()) for p in sorted((site.build_root / "cache" / "exec").iterdir())]
    with_image = copy.deepcopy(executed[0])
    with_image["cells"].append({"cell_type": "markdown", "id": "img", "metadata": {}, "source": "![](figure.png)"})
    for nb_dict in [*executed, with_image]:
        for edition in EDITIONS:
            nb = nbformat.reads(json.dumps(edition_notebook(nb_dict, edition)), as_version=4)
            page["widgets"] = "widgets" in nb.metadata
            ours = fast.from_notebook_node(nb, resources=render.page_resources(page))[0]
            theirs = full.from_notebook_node(nb, resources=render.page_resources(page))[0]
            assert str(BeautifulSoup(ours, features="html.parser")) == theirs  # the same document
    assert re.search(r"<img [^>]*alt=[^>]*src=\"figure.png\"", ours)  # the page with an image went through the pass


def test_a_kernel_that_dies_fails_the_build_in_one_line_and_leaves_no_process(clone, monkeypatch):
    import psutil

    _edit_notebook(clone.notebooks / "02_beta.ipynb", lambda nb: nb["cells"].append(
        {"cell_type": "code", "execution_count": None, "id": "die", "metadata": {}, "outputs": [],
         "source": "import os\nos._exit(3)"}))
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with pytest.raises(BuildError, match=r"02_beta.ipynb: cell \d+ failed: DeadKernelError"):
        _build(clone, monkeypatch)
    assert {p.pid for p in psutil.Process().children(recursive=True)} <= before  # zygote and kernels gone


def test_a_build_leaves_its_zygote_to_the_next_one_when_asked(clone, monkeypatch):
    from helpers.site import forkserver
    from site_support import shared_zygote_runtime

    if not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    monkeypatch.setenv("CLOSE_READING_ZYGOTE_LINGER", "20")
    with shared_zygote_runtime(monkeypatch):
        for n, said in ((1, "forked from a zygote that stays 20 s after this build"),
                        (2, "forked from the zygote an earlier build left running (it stays 20 s after the last")):
            if n == 2:   # what the reusing build asks for does not change how long that zygote stays
                monkeypatch.setenv("CLOSE_READING_ZYGOTE_LINGER", "40")
            _edit_notebook(clone.notebooks / "02_beta.ipynb", lambda nb: _cell(nb, "beta-count").update(
                source=_source(_cell(nb, "beta-count")) + f"\nprint('edit {n}')"))
            result = _build(clone, monkeypatch)
            assert result.executed == {"02_beta": "notebook changed"}
            assert any(said in line for line in result.lines), result.lines
            assert f"edit {n}" in (clone.out / "student/02_beta.html").read_text()


def test_a_bad_article_stops_the_build_with_the_loaders_error_and_no_spacy(clone, monkeypatch, tmp_path):
    # the article is checked in the build process (helpers.model.tokens: spaCy is never imported there)
    empty = tmp_path / "empty-article.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        _build(clone, monkeypatch, article=empty)
    assert str(empty) in str(err.value)
    code = ("import sys; from helpers.site.build import build_site; from helpers.model.article import load_article; "
            "from helpers.core.paths import default_article; load_article(default_article()); "
            "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"


def _probe_project(root: Path) -> Path:
    """A copy of the project whose one notebook prints a value of a helpers module of its own, and
    whether that module was already imported when the notebook's code started (by the zygote)."""
    shutil.copytree(REPO / "helpers", root / "helpers", ignore=_IGNORE)
    shutil.copytree(REPO / "data", root / "data", ignore=_IGNORE)
    (root / "lessons").mkdir()
    (root / "helpers" / "core" / "probe.py").write_text('VALUE = "one"\n', encoding="utf-8")
    nb = {"cells": [
        {"cell_type": "markdown", "id": "t", "metadata": {}, "source": "# Probe"},
        {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]}, "outputs": [],
         "source": 'article: str = ""  # path of the article to read (the build injects it)'},
        {"cell_type": "code", "execution_count": None, "id": "c", "metadata": {}, "outputs": [],
         "source": "import sys\nloaded = 'helpers.core.probe' in sys.modules\nfrom helpers.core import probe\n"
                   "print('PROBE', probe.VALUE, 'PRELOADED', loaded)"}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    (root / "notebooks").mkdir()
    (root / "notebooks" / "01_probe.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return root


def test_the_zygote_imports_the_notebooks_helpers_and_a_kept_one_is_not_reused_after_they_change(tmp_path, monkeypatch):
    from helpers.site import forkserver
    from site_support import shared_zygote_runtime

    if not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    root = _probe_project(tmp_path / "project")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CLOSE_READING_DATA")}
    with shared_zygote_runtime(monkeypatch) as runtime:
        env.update(CLOSE_READING_ZYGOTE_LINGER="30", XDG_RUNTIME_DIR=runtime)

        def build() -> str:
            done = subprocess.run([sys.executable, "-m", "helpers", "build", "--build-root", str(root / "_build"),
                                   "--notebooks", str(root / "notebooks"), "--lessons", str(root / "lessons")],
                                  cwd=root, env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr[-3000:]
            page = (root / "_build" / "html" / "student" / "01_probe.html").read_text(encoding="utf-8")
            return re.search(r"PROBE \w+ PRELOADED \w+", page).group(0)

        assert build() == "PROBE one PRELOADED True"     # the zygote imported it; the kernel inherited it
        (root / "helpers" / "core" / "probe.py").write_text('VALUE = "two"\n', encoding="utf-8")
        assert build() == "PROBE two PRELOADED True"     # the kept zygote of the old module was not used


def test_pages_no_execution_changes_are_planned_apart_from_the_notebooks_pages(site):
    from helpers.site import build as site_build

    seen = {}
    original = site_build._Build._unexecuted_pages

    def spy(self, notebooks, summary):
        seen.update(original(self, notebooks, summary))
        return seen

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(site_build._Build, "_unexecuted_pages", spy)
        mp.setenv("CLOSE_READING_DATA", str(site.data))
        _build(site, force=True)
    assert "index.html" in seen and "lessons/01_alpha.html" in seen and "workbooks/01_alpha.ipynb" in seen, seen
    assert not any(rel.startswith(("student/", "instructor/")) for rel in seen), seen


def test_a_sessions_zygote_starts_again_when_the_helpers_it_imported_change(tmp_path):
    # the preview server's session: a zygote of older helpers would give its kernels the old code
    from helpers.site import forkserver
    from helpers.site.build import Session

    if not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    session = Session()
    try:
        first = session.start(tmp_path, (("helpers.core.errors",), "digest-1"))
        assert session.start(tmp_path, (("helpers.core.errors",), "digest-1")) is first
        second = session.start(tmp_path, (("helpers.core.errors",), "digest-2"))
        assert second is not first and first.proc.poll() is not None
        assert second.wait_ready()
    finally:
        session.close()
