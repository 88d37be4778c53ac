"""Notebook parameters (helpers/site/parameters.py): what a parameters cell declares, the checks
a build makes before anything runs, and the injected cell."""

from __future__ import annotations

import json

import nbformat
import pytest

from helpers.core.errors import CourseInputError
from helpers.site.cache import BuildCache
from helpers.site.parameters import check_parameters, declared_parameters, inject_parameters, source_cell_number

PARAMETERS = '''article: str = ""  # path of the article (a=b in a comment)
repeat: int = 2
ratio: float = 0.5
limit: Optional[int] = None
label = "x"'''


def _notebook(tmp_path, parameters: str | None = PARAMETERS):
    cells = [nbformat.v4.new_markdown_cell("# Title", id="title")]
    if parameters is not None:
        cells.append(nbformat.v4.new_code_cell(parameters, id="params", metadata={"tags": ["parameters"]}))
    cells.append(nbformat.v4.new_code_cell("print(article)", id="body"))
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                        "display_name": "Python 3"}})
    path = tmp_path / "01_test.ipynb"
    nbformat.write(nb, path)
    return path, json.loads(path.read_text())


def test_declared_parameters_have_their_annotations_as_types(tmp_path):
    path, nb = _notebook(tmp_path)
    declared = declared_parameters(path, nb)
    assert declared["article"] == "str" and declared["repeat"] == "int" and declared["ratio"] == "float"
    assert declared["limit"].startswith("Optional") and "label" in declared


def test_declared_parameters_are_read_once_per_cell_source(tmp_path, monkeypatch):
    path, nb = _notebook(tmp_path)
    cache = BuildCache(tmp_path / "cache")
    first = declared_parameters(path, nb, cache)
    import papermill.inspection

    monkeypatch.setattr(papermill.inspection, "inspect_notebook", lambda *a: pytest.fail("inspected again"))
    assert declared_parameters(path, nb, cache) == first


@pytest.mark.parametrize("params", [{"article": "a.txt"}, {"repeat": 3, "ratio": 1}, {"limit": None},
                                    {"limit": 5, "label": ["anything"]}])
def test_matching_parameters_pass(tmp_path, params):
    path, nb = _notebook(tmp_path)
    check_parameters(path, nb, params)


@pytest.mark.parametrize("params, message", [
    ({"colour": "red"}, "has no parameter 'colour' (its parameters cell declares: article, label, limit, ratio, repeat)"),
    ({"repeat": "many"}, "parameter 'repeat' must be int, not str ('many')"),
    ({"repeat": True}, "parameter 'repeat' must be int, not bool (True)"),
    ({"ratio": "half"}, "parameter 'ratio' must be float, not str ('half')"),
    ({"article": None}, "parameter 'article' must be str, not NoneType (None)"),
])
def test_a_wrong_parameter_is_a_one_line_error_naming_notebook_and_parameter(tmp_path, params, message):
    path, nb = _notebook(tmp_path)
    with pytest.raises(CourseInputError) as err:
        check_parameters(path, nb, params)
    assert message in str(err.value) and "01_test.ipynb" in str(err.value) and "\n" not in str(err.value)


def test_a_notebook_without_a_parameters_cell_or_with_a_broken_one_is_bad_input(tmp_path):
    path, nb = _notebook(tmp_path, parameters=None)
    with pytest.raises(CourseInputError, match="has no cell tagged 'parameters'"):
        check_parameters(path, nb, {"article": "a.txt"})
    path, nb = _notebook(tmp_path, parameters="article: str = (")
    with pytest.raises(CourseInputError, match="the parameters cell is not valid Python"):
        check_parameters(path, nb, {"article": "a.txt"})


def test_injected_parameters_follow_the_parameters_cell_with_a_fixed_id(tmp_path):
    path, nb = _notebook(tmp_path)
    node = inject_parameters(nbformat.reads(json.dumps(nb), as_version=4), {"article": "a.txt", "repeat": 3})
    assert [c.id for c in node.cells] == ["title", "params", "injected-parameters", "body"]
    injected = node.cells[2]
    assert "injected-parameters" in injected.metadata.tags
    assert "article = \"a.txt\"" in injected.source and "repeat = 3" in injected.source
    assert "papermill" not in node.metadata
    # cells are numbered as written: the injected one does not count
    assert [source_cell_number(node, i) for i in (0, 1, 3)] == [1, 2, 3]
