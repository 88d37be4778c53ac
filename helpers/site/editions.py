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
    """A copy of an executed notebook for one edition (student: solution/instructor cells removed,
    parameter inputs hidden, widget state reduced to what the remaining outputs use)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    nb = copy.deepcopy(executed)
    if edition == "student":
        nb["cells"] = [c for c in nb["cells"] if not (HIDDEN_TAGS & set(tags(c)))]
        for cell in nb["cells"]:
            if INPUT_HIDDEN_TAGS & set(tags(cell)):
                cell.setdefault("metadata", {}).setdefault("transient", {})["remove_source"] = True
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
