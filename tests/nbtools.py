"""Small helpers shared by the notebook tests (imported by name: pytest puts tests/ on sys.path)."""

from __future__ import annotations


def texts(value) -> list[str]:
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


def shown(nb) -> str:
    """Everything a reader of an executed notebook can see or fetch: outputs and widget state, one line."""
    parts = [t for c in nb["cells"] for o in c.get("outputs", []) for t in texts(o.get("data", {}))]
    parts += texts(nb.get("metadata", {}).get("widgets", {}))
    return " ".join(" ".join(parts).split())
