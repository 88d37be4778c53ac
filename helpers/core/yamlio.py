"""Reading YAML course files, with the line of every problem.

``load_yaml_file`` reads a file that must hold a mapping (optionally recording the line of
every mapping under :data:`LINE`) and ``load_yaml_mapping`` gives just the mapping; their errors
name the file and the line. :class:`YamlLines` says where a key, a list's items or an ``id``
stand in a YAML text, for the error messages of the readers that check what a file says
(packs, lexicons, registries, overrides, argument maps): the one way to find a line.
``item_lines``, ``key_line`` and ``id_line`` are its one-question forms.

PyYAML is imported on first use, not with this module. Its C parser (libyaml) is used where
PyYAML was built with it: the course's lexicons and packs parse about ten times faster, which a
notebook pays at every run.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from helpers.core.errors import CourseInputError
from helpers.core.fileio import read_text

#: The key under which ``load_yaml_file(..., lines=True)`` records each mapping's line (from 1).
LINE = "__line__"


@dataclass
class YamlFile:
    """A YAML file read by :func:`load_yaml_file`: its path, text and mapping."""

    path: Path
    text: str
    data: dict[str, Any]
    _lines: YamlLines | None = field(default=None, repr=False, compare=False)

    @property
    def lines(self) -> YamlLines:
        """Where things stand in the file's text (composed on first use)."""
        if self._lines is None:
            self._lines = YamlLines(self.text)
        return self._lines


def load_yaml_file(path: Path, *, what: str = "YAML file", lines: bool = False) -> YamlFile:
    """Read a YAML file that must hold a mapping; errors name the file and line.

    ``lines``: every mapping in the data records its line (from 1) under :data:`LINE`.
    """
    import yaml

    text = read_text(path, what=what)
    try:
        value = yaml.load(text, Loader=_line_loader() if lines else _safe_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CourseInputError(path, f"{what} is not valid YAML ({problem})",
                               "fix the YAML syntax at that line",
                               line=(mark.line + 1) if mark else None) from None
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise CourseInputError(path, f"{what} must be a mapping of keys to values, not a {type(value).__name__}",
                               "write it as 'key: value' lines")
    return YamlFile(path=path, text=text, data=value)


def load_yaml_mapping(path: Path, *, what: str = "YAML file") -> dict[str, Any]:
    """Read a YAML file that must hold a mapping; errors name the file and line."""
    return load_yaml_file(path, what=what).data


def _safe_loader():
    """PyYAML's safe loader, on the C parser when PyYAML has it (the same data, faster)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` on the fastest safe loader there is (raises ``yaml.YAMLError``)."""
    import yaml

    return yaml.load(text, Loader=_safe_loader())


@functools.lru_cache(maxsize=1)
def _line_loader():
    """A safe YAML loader that records the line (from 1) of every mapping under :data:`LINE`."""
    import yaml

    base = _safe_loader()

    class Loader(base):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = base.construct_mapping(loader, node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


class YamlLines:
    """Where things stand in one YAML text (a path or the text), as lines from 1.

    The text is composed once, at the first question. Every question has the answer ``None``
    (or ``{}``) when the text does not parse or holds no such thing: a line is only ever help
    for an error message.
    """

    _UNSET = object()

    def __init__(self, source: str | Path | None):
        import yaml

        self._yaml = yaml
        self._source = source
        self._node = self._UNSET
        self._ids: dict[str, int] | None = None

    @property
    def _root(self):
        if self._node is self._UNSET:
            text = self._source
            if isinstance(text, Path):
                try:
                    text = text.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    text = None
            try:
                self._node = self._yaml.compose(text, Loader=_safe_loader()) if text else None
            except self._yaml.YAMLError:
                self._node = None
        return self._node

    def _entry(self, keys: tuple[Any, ...]):
        """(key node, value node) at a path of mapping keys, or None."""
        node, found = self._root, None
        for key in keys:
            if not isinstance(node, self._yaml.MappingNode):
                return None
            found = next(((k, v) for k, v in node.value if getattr(k, "value", None) == str(key)), None)
            if found is None:
                return None
            node = found[1]
        return found

    def key(self, *keys: Any) -> int | None:
        """The line of the key at the end of ``keys``, a path of mapping keys from the top."""
        found = self._entry(keys)
        return found[0].start_mark.line + 1 if found else None

    def _items(self, keys: tuple[Any, ...]) -> list:
        found = self._entry(keys)
        return list(found[1].value) if found and isinstance(found[1], self._yaml.SequenceNode) else []

    def items(self, *keys: Any) -> dict[int, int]:
        """The line of each item of the list at ``keys``: ``{index: line}``."""
        return {i: item.start_mark.line + 1 for i, item in enumerate(self._items(keys))}

    def item(self, *keys: Any, where: Mapping[str, Any]) -> int | None:
        """The line of the first item of the list at ``keys`` whose fields named in ``where``
        hold those values (e.g. ``item("relations", where={"from": "a", "to": "b"})``)."""
        for item in self._items(keys):
            if not isinstance(item, self._yaml.MappingNode):
                continue
            fields = {k.value: v.value for k, v in item.value
                      if isinstance(k, self._yaml.ScalarNode) and isinstance(v, self._yaml.ScalarNode)}
            if all(name in fields and fields[name] == str(value) for name, value in where.items()):
                return item.start_mark.line + 1
        return None

    def id(self, item_id: Any) -> int | None:
        """The line of the first ``id: <item_id>`` anywhere in the text."""
        if item_id is None or item_id == "":
            return None
        if self._ids is None:
            self._ids = {}
            root = self._root
            stack = [root] if root is not None else []
            while stack:
                node = stack.pop()
                if isinstance(node, self._yaml.MappingNode):
                    for k, v in node.value:
                        if getattr(k, "value", None) == "id" and isinstance(v, self._yaml.ScalarNode):
                            line = k.start_mark.line + 1
                            self._ids[v.value] = min(line, self._ids.get(v.value, line))
                        stack.append(v)
                elif isinstance(node, self._yaml.SequenceNode):
                    stack.extend(node.value)
        return self._ids.get(str(item_id))


def item_lines(source: str | Path, key: str) -> dict[int, int]:
    """The line (from 1) of each item of the list under the top-level ``key`` of a YAML file
    (a path) or text: ``{index: line}``; empty when the text does not parse or has no such list."""
    return YamlLines(source).items(key)


def key_line(source: str | Path, *keys: str) -> int | None:
    """The line (from 1) of the key at the end of ``keys`` (a path of mapping keys from the top)
    of a YAML file (a path) or text, or ``None``."""
    return YamlLines(source).key(*keys)


def id_line(text: str | None, item_id: str | None) -> int | None:
    """The line (from 1) of the item whose ``id`` is ``item_id`` anywhere in a YAML text, or ``None``."""
    if not text or item_id is None:
        return None
    return YamlLines(text).id(item_id)
