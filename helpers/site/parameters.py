"""Notebook parameters: what a notebook's ``parameters`` cell declares, checking a build's
parameters against it before anything runs, and injecting them (papermill's
``injected-parameters`` cell, with a fixed id)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.core.errors import CourseInputError
from helpers.site.notebook import INJECTED_TAG, PARAMETERS_TAG, cell_source, kernel_name, tags

if TYPE_CHECKING:
    from helpers.site.cache import BuildCache

#: the annotations a parameter value is checked against (others are not checked)
_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
                                       "list": (list,), "dict": (dict,)}


def declared_parameters(path: Path, nb: dict, cache: BuildCache | None = None) -> dict[str, str]:
    """``{name: type name}`` declared by the notebook's ``parameters`` cell.

    papermill's inspection first; names it cannot parse (e.g. a line whose comment holds an
    '=') are added from the cell's syntax tree, with their annotation as the type.
    """
    cell = next((c for c in nb.get("cells", []) if PARAMETERS_TAG in tags(c)), None)
    if cell is None:
        return {}
    source = cell_source(cell)
    found = cache.declared_parameters(source) if cache else None
    if found is None:
        found = _inspected(path)
        for name, type_name in _assigned_names(path, source).items():
            found.setdefault(name, type_name)
        if cache:
            cache.store_declared_parameters(source, found)
    return found


def _inspected(path: Path) -> dict[str, str]:
    """What papermill's inspection finds in the notebook file: ``{name: inferred type name}``."""
    # lazy (heavy): papermill imports nbclient and jupyter_client; only a new parameters cell needs it
    from papermill.inspection import inspect_notebook
    from papermill.log import logger

    logger.setLevel("ERROR")  # we parse what it cannot
    return {name: str(p.get("inferred_type_name") or "None") for name, p in inspect_notebook(path).items()}


def _assigned_names(path: Path, source: str) -> dict[str, str]:
    """The names the parameters cell assigns, by its syntax tree: ``{name: annotation or 'None'}``."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise CourseInputError(path, f"the parameters cell is not valid Python ({exc.msg})",
                               "fix the parameters cell", line=exc.lineno) from None
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.setdefault(node.target.id, ast.unparse(node.annotation))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, "None")
    return found


def check_parameters(path: Path, nb: dict, params: dict[str, Any], cache: BuildCache | None = None) -> None:
    """``CourseInputError`` (one line, naming the notebook and the parameter) unless every
    parameter is declared by the notebook's parameters cell with a matching type."""
    declared = declared_parameters(path, nb, cache)
    if not any(PARAMETERS_TAG in tags(c) for c in nb.get("cells", [])):
        raise CourseInputError(path, "has no cell tagged 'parameters'",
                               "tag the cell that sets 'article' with 'parameters' in JupyterLab's property inspector")
    for name, value in params.items():
        if name not in declared:
            raise CourseInputError(path, f"has no parameter '{name}' (its parameters cell declares: "
                                   f"{', '.join(sorted(declared)) or 'nothing'})",
                                   f"remove '{name}' from the build parameters or declare it in the notebook's parameters cell")
        tname = declared[name]
        optional = tname.startswith("Optional[") or "None" in tname.split("|")[1:] or tname.endswith("| None")
        base = re.sub(r"^Optional\[(.*)\]$", r"\1", tname).split("|")[0].strip()
        allowed = _TYPES.get(base)
        if allowed is None or (value is None and optional):
            continue
        bad = not isinstance(value, allowed) or (base in ("int", "float") and isinstance(value, bool))
        if bad:
            raise CourseInputError(path, f"parameter '{name}' must be {base}, not {type(value).__name__} ({value!r})",
                                   f"give '{name}' a {base} value")


def inject_parameters(nb, params: dict[str, Any]):
    """``nb`` (a NotebookNode) with papermill's ``injected-parameters`` cell after its parameters cell.

    The injected cell's id is fixed (papermill makes a random one), so that two executions of
    the same inputs are the same notebook; papermill's own notebook metadata is left out.
    """
    # lazy (heavy): papermill imports nbclient and jupyter_client; only an execution needs it
    from papermill.parameterize import parameterize_notebook

    nb.metadata.setdefault("papermill", {})
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])  # papermill reads .tags on every cell
    nb = parameterize_notebook(nb, dict(params), kernel_name=kernel_name(nb), language="python")
    for cell in nb.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell.id = INJECTED_TAG  # deterministic (papermill makes a random one)
    nb.metadata.pop("papermill", None)
    return nb


def source_cell_number(nb, index: int) -> int:
    """1-based number of an executed cell in the notebook as written (the injected cell not counted)."""
    injected = [i for i, c in enumerate(nb.cells) if INJECTED_TAG in c.metadata.get("tags", [])]
    return index + 1 - sum(1 for i in injected if i < index)
