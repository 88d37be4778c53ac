"""The ipywidgets state an executed notebook carries: model ids made stable, and the state cut
down to the models an edition's outputs still use."""

from __future__ import annotations

import collections
import json
import re

from helpers.site.cache import sha

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def view_model_ids(nb: dict) -> list:
    """The model id of every widget view output, in output order (None where a view names none)."""
    return [o.get("data", {}).get(WIDGET_VIEW, {}).get("model_id") for c in nb.get("cells", [])
            for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]


def _references(model: dict) -> list[str]:
    """The ids of the models a model refers to, in the order they appear."""
    return re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(model, sort_keys=True))


def stable_widget_ids(nb: dict, seed: str) -> dict:
    """Rename the kernel's random widget model ids to ids derived from the execution key.

    Models are numbered in a deterministic order: views in output order, then the models they
    reference (by attribute name), then any others by their content.
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return nb
    order: dict[str, int] = {}  # model id -> its number (a dict: linear in the number of models)

    def visit(todo: list[str]) -> None:
        todo = collections.deque(todo)
        while todo:
            model_id = todo.popleft()
            if model_id in order:
                continue
            order[model_id] = len(order)
            todo.extend(m for m in _references(state[model_id]) if m in state and m not in order)

    visit([m for m in view_model_ids(nb) if m in state])
    masked = lambda m: re.sub(r"IPY_MODEL_[0-9a-f]+", "IPY_MODEL_", json.dumps(state[m], sort_keys=True))
    for model_id in sorted((m for m in state if m not in order), key=masked):
        visit([model_id])
    new_ids = {model_id: sha(f"{seed}:{n}")[:32] for model_id, n in order.items()}
    text = json.dumps(nb, ensure_ascii=False)  # one pass over the text, not one per model
    text = re.sub(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", lambda m: new_ids.get(m.group(0), m.group(0)), text)
    return json.loads(text)


def prune_widget_state(nb: dict) -> None:
    """Keep only the widget models referenced (directly or through other models) by remaining outputs."""
    widgets = nb.get("metadata", {}).get("widgets", {})
    state = widgets.get(WIDGET_STATE, {}).get("state", {})
    keep: set[str] = set()
    todo = [r for r in view_model_ids(nb) if r in state]
    while todo:
        model_id = todo.pop()
        if model_id in keep:
            continue
        keep.add(model_id)
        todo += [m for m in _references(state[model_id]) if m in state]
    if keep:
        widgets[WIDGET_STATE]["state"] = {k: state[k] for k in sorted(keep)}
    else:
        nb.get("metadata", {}).pop("widgets", None)
