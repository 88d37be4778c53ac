"""Editing a fixture notebook in a test: the file changed as JupyterLab would save it."""

from __future__ import annotations

import json
from pathlib import Path


def edit_notebook(path: Path, change) -> None:
    """Apply ``change`` to the notebook's JSON and save it."""
    nb = json.loads(path.read_text())
    change(nb)
    path.write_text(json.dumps(nb, indent=1))


def cell(nb: dict, cell_id: str) -> dict:
    return next(c for c in nb["cells"] if c.get("id") == cell_id)


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
