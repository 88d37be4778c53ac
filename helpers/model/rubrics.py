"""Generic rubrics that apply to every article (``data/rubrics/``), for packs that have none."""

from __future__ import annotations

from helpers.core.errors import CourseInputError
from helpers.core.paths import resources_dir
from helpers.core.yamlio import key_line, load_yaml_mapping


def critique_standards() -> tuple[str, ...]:
    """The names of the critique's intellectual standards (``data/rubrics/critique_standards.yaml``)."""
    path = resources_dir() / "rubrics" / "critique_standards.yaml"
    data = load_yaml_mapping(path, what="rubric")
    names = data.get("standards")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise CourseInputError(path, "'standards' must be a non-empty list of names",
                               "write 'standards: [clarity, accuracy, …]'", line=key_line(path, "standards"))
    if not isinstance(data.get("source"), dict):
        raise CourseInputError(path, "the rubric names no 'source'", "add 'source:' with the 'work' the names come from")
    return tuple(n.strip() for n in names)
