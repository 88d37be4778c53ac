"""What each edition of a notebook keeps: the student and instructor editions of an executed
notebook, and the student workbook (the clean notebook to run yourself)."""

from __future__ import annotations

import copy
import json

from helpers.site.notebook import INJECTED_TAG, PARAMETERS_TAG, tags
from helpers.site.widgetstate import prune_widget_state

EDITIONS = ("student", "instructor")
#: cells with these tags are removed from the student edition and the workbooks
HIDDEN_TAGS = frozenset({"solution", "instructor"})
#: cells whose input the student edition hides (their output stays)
INPUT_HIDDEN_TAGS = frozenset({PARAMETERS_TAG, INJECTED_TAG})


def edition_notebook(executed: dict, edition: str) -> dict:
    """An executed notebook for one edition (student: solution/instructor cells removed, parameter
    inputs hidden, widget state reduced to what the remaining outputs use).

    ``executed`` is not changed; the result shares with it what it does not change (cells'
    outputs): treat it as read-only."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    metadata = dict(executed.get("metadata", {}))
    if isinstance(metadata.get("widgets"), dict):  # prune_widget_state replaces the state it holds
        metadata["widgets"] = {k: dict(v) if isinstance(v, dict) else v for k, v in metadata["widgets"].items()}
    nb = {**executed, "metadata": metadata}
    if edition == "student":
        cells = []
        for cell in executed["cells"]:
            if HIDDEN_TAGS & set(tags(cell)):
                continue
            if INPUT_HIDDEN_TAGS & set(tags(cell)):
                cell_md = dict(cell.get("metadata", {}))
                cell_md["transient"] = {**cell_md.get("transient", {}), "remove_source": True}
                cell = {**cell, "metadata": cell_md}
            cells.append(cell)
        nb["cells"] = cells
    prune_widget_state(nb)
    return nb


def workbook_json(source: dict) -> str:
    """The student workbook: the clean notebook without solution/instructor cells, outputs or widget state."""
    nb = copy.deepcopy(source)
    nb["cells"] = [c for c in nb["cells"] if not (HIDDEN_TAGS & set(tags(c)))]
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)
    nb.get("metadata", {}).pop("papermill", None)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
