"""``helpers.site.imports``, rule by rule: which names a notebook's code cells import, and which
modules of a small ``helpers`` package written here importing them runs (the build's execution
key holds the digest of those files; ``test_build.py`` checks the re-executions it gives)."""

from __future__ import annotations

from pathlib import Path

from helpers.site.imports import ImportGraph, cell_python, notebook_imports


def _nb(*sources: str, markdown: str = "") -> dict:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": markdown}] if markdown else []
    cells += [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s}
              for s in sources]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_import_and_from_import_give_the_module_and_its_candidates():
    found = notebook_imports(_nb("import helpers.model.article\n", "from helpers.present import tables, charts\n"))
    assert {"helpers.model.article", "helpers.present", "helpers.present.tables", "helpers.present.charts"} <= found


def test_a_cell_without_the_word_import_imports_nothing_even_if_it_does_not_parse():
    assert notebook_imports(_nb("x = 1\n", "print(x\n")) == set()


def test_a_cell_that_imports_and_does_not_parse_means_all_modules():
    assert notebook_imports(_nb("import helpers.model\nprint(\n")) is None


def test_run_magic_means_all_modules_and_other_magics_are_blanked():
    assert notebook_imports(_nb("%run other.py\n")) is None
    assert cell_python("%matplotlib inline\n!ls\nimport helpers.core\n") == "\n\nimport helpers.core"
    # a cell in another language imports no Python module, whatever it says
    assert notebook_imports(_nb("%%bash\nimport helpers.core\n")) == set()


def test_a_literal_import_module_counts_and_a_computed_one_means_all():
    assert "helpers.core.paths" in notebook_imports(_nb("import importlib\nimportlib.import_module('helpers.core.paths')\n"))
    assert notebook_imports(_nb("import importlib\nname = 'helpers.core'\nimportlib.import_module(name)\n")) is None


def test_markdown_is_never_read_for_imports():
    assert notebook_imports(_nb("x = 1\n", markdown="import helpers.core  (an example in prose)")) == set()


def _package(root: Path, files: dict[str, str]) -> Path:
    pkg = root / "helpers"
    for rel, text in {"__init__.py": "", **files}.items():
        path = pkg / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return pkg


def test_the_closure_follows_relative_imports_packages_and_cycles(tmp_path):
    pkg = _package(tmp_path, {
        "core/__init__.py": "",
        "core/a.py": "from . import b\n",
        "core/b.py": "def f():\n    from helpers.core import a  # a cycle, inside a function\n",
        "model/__init__.py": "",
        "model/c.py": "import json\n",
    })
    graph = ImportGraph(pkg)
    assert graph.closure({"helpers.core.a"}) == {"helpers", "helpers.core", "helpers.core.a", "helpers.core.b"}
    assert graph.closure({"helpers.model.c"}) == {"helpers", "helpers.model", "helpers.model.c"}


def test_a_module_importing_a_computed_name_makes_the_closure_unknown(tmp_path):
    pkg = _package(tmp_path, {"x.py": "import importlib\nimportlib.import_module(__name__ + '.y')\n"})
    assert ImportGraph(pkg).closure({"helpers.x"}) is None


def test_an_edited_module_is_read_again_and_its_new_import_followed(tmp_path):
    pkg = _package(tmp_path, {"a.py": "", "b.py": ""})
    graph = ImportGraph(pkg)
    before = graph.digest(graph.closure({"helpers.a"}))
    assert graph.closure({"helpers.a"}) == {"helpers", "helpers.a"}
    (pkg / "a.py").write_text("from helpers import b  # now it does\n", encoding="utf-8")
    graph.refresh()
    assert graph.closure({"helpers.a"}) == {"helpers", "helpers.a", "helpers.b"}
    assert graph.digest(graph.closure({"helpers.a"})) != before


def test_what_was_parsed_is_reused_by_content_without_parsing_again(tmp_path):
    pkg = _package(tmp_path, {"a.py": "from helpers import b\n", "b.py": ""})
    first = ImportGraph(pkg)
    first.closure({"helpers.a"})
    assert first.changed
    again = ImportGraph(pkg, known=first.parsed)
    assert again.closure({"helpers.a"}) == {"helpers", "helpers.a", "helpers.b"}
    assert not again.changed  # every module's imports came from the saved records
