"""A course notebook as the build reads it: the ``.ipynb`` file, its cells' sources and tags, its
title, and the record the build keeps of each notebook (``Notebook``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError

#: the notebooks a build runs: notebooks/NN_*.ipynb, in the order of their names
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: the tag of the cell that declares the parameters, and of the cell papermill injects after it
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


@dataclass
class Notebook:
    """One notebook of a build: its source, the components of its execution key, its executed copy."""

    name: str
    path: Path
    source: dict
    title: str
    components: dict[str, str]
    params: dict = field(default_factory=dict)
    key: str = ""
    executed: dict | None = None
    reason: str | None = None
    error: str | None = None  # why its execution failed, when the build keeps going (its pages say so)


def read_notebook(path: Path) -> dict:
    """The notebook's JSON; ``CourseInputError`` when it is not a readable notebook."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise CourseInputError(path, f"is not a readable notebook ({type(exc).__name__}: {getattr(exc, 'msg', exc)})",
                               "open and re-save it in JupyterLab", line=line) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise CourseInputError(path, "is not a notebook (no 'cells' list)", "give a .ipynb file saved by Jupyter")
    return nb


def cell_source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def notebook_title(nb: dict, fallback: str) -> str:
    """The text of the first level-1 Markdown heading, else ``fallback``."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in cell_source(cell).splitlines():
                m = re.match(r"^#\s+(.+?)\s*#*\s*$", line)
                if m:
                    return m.group(1)
    return fallback


def kernel_name(nb: Any) -> str:
    """The kernel a notebook (JSON or NotebookNode) asks for; python3 when it names none."""
    return (nb.get("metadata", {}).get("kernelspec") or {}).get("name") or "python3"


def one_line(text: str) -> str:
    """Output text (an error value, a chart title) on one line, without terminal colour codes."""
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(text)).split())
