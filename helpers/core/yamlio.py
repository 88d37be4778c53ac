"""Reading YAML course files, with the line of every problem.

``load_yaml_mapping`` reads a file that must hold a mapping; its errors name the file and the
line. ``item_lines`` and ``id_line`` give the line of an item for the error messages of the
readers that check what a file says (packs, lexicons, overrides): the one way to find a line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.fileio import read_text


def load_yaml_mapping(path: Path, *, what: str = "YAML file") -> dict[str, Any]:
    """Read a YAML file that must hold a mapping; errors name the file and line."""
    import yaml

    text = read_text(path, what=what)
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CourseInputError(path, f"{what} is not valid YAML ({problem})",
                               "fix the YAML syntax at that line",
                               line=(mark.line + 1) if mark else None) from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CourseInputError(path, f"{what} must be a mapping of keys to values, not a {type(value).__name__}",
                               "write it as 'key: value' lines")
    return value


def _compose(text: str):
    import yaml

    try:
        return yaml.compose(text)
    except yaml.YAMLError:
        return None


def item_lines(source: str | Path, key: str) -> dict[int, int]:
    """The line (from 1) of each item of the list under the top-level ``key`` of a YAML file
    (a path) or text: ``{index: line}``; empty when the text does not parse or has no such list."""
    import yaml

    if isinstance(source, Path):
        try:
            source = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return {}
    root = _compose(source)
    if not isinstance(root, yaml.MappingNode):
        return {}
    for k, v in root.value:
        if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode):
            return {i: item.start_mark.line + 1 for i, item in enumerate(v.value)}
    return {}


def key_line(source: str | Path, key: str) -> int | None:
    """The line (from 1) of the top-level ``key`` of a YAML file (a path) or text, or ``None``."""
    import yaml

    if isinstance(source, Path):
        try:
            source = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    root = _compose(source)
    if not isinstance(root, yaml.MappingNode):
        return None
    for k, _ in root.value:
        if getattr(k, "value", None) == key:
            return k.start_mark.line + 1
    return None


def id_line(text: str | None, item_id: str | None) -> int | None:
    """The line (from 1) of the item whose ``id`` is ``item_id`` anywhere in a YAML text, or ``None``."""
    import yaml

    if not text or item_id is None:
        return None
    root = _compose(text)
    if root is None:
        return None
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == "id" and isinstance(v, yaml.ScalarNode) and v.value == str(item_id):
                    found.append(k.start_mark.line + 1)
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return min(found) if found else None
