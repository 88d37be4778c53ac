"""Per-article corrections of the actor analysis: ``data/annotations/<article id>/actors.yaml``
(``{actors: [{name, type, aliases}], ignore: [strings]}``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.analysis.actors.model import ACTOR_TYPES
from helpers.core.errors import CourseInputError
from helpers.core.yamlio import load_yaml_file


def load_overrides(source: dict | str | Path | None) -> dict[str, Any]:
    """Normalise per-article overrides ``{actors: [{name, type, aliases}], ignore: [strings]}``."""
    path: Path | str = "<overrides>"
    lines: dict[int, int] = {}
    if source is None:
        return {"actors": [], "ignore": []}
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise CourseInputError(path, "actor overrides not found", "restore it from the repository")
        file = load_yaml_file(path, what="actor overrides")
        data, lines = file.data, file.lines.items("actors")
    elif isinstance(source, dict):
        data = source
    else:
        raise CourseInputError(None, f"overrides must be a mapping or a path, not {type(source).__name__}",
                               "pass {'actors': [...], 'ignore': [...]} or the path of an actors.yaml")
    actors = []
    items = data.get("actors") or []
    if not isinstance(items, list):
        raise CourseInputError(path, "'actors' must be a list", "write 'actors:' and then '- {name: …}' lines")
    for i, a in enumerate(items, start=1):
        line = lines.get(i - 1)
        if not isinstance(a, dict) or not a.get("name"):
            raise CourseInputError(path, f"actor {i} has no 'name'", "write '- {name: …, type: …, aliases: […]}'",
                                   line=line)
        typ = a.get("type", "organization")
        if typ not in ACTOR_TYPES:
            raise CourseInputError(path, f"actor '{a['name']}' has type '{typ}'",
                                   f"use one of {', '.join(ACTOR_TYPES)}", line=line)
        aliases = a.get("aliases") or [a["name"]]
        if not isinstance(aliases, list):
            raise CourseInputError(path, f"aliases of '{a['name']}' must be a list", "write 'aliases: [a, b]'",
                                   line=line)
        actors.append({"name": str(a["name"]), "type": typ, "aliases": [str(x) for x in aliases]})
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list):
        raise CourseInputError(path, "'ignore' must be a list of strings", "write 'ignore: [Sochi]'")
    return {"actors": actors, "ignore": [str(x) for x in ignore]}
