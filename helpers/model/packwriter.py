"""Writing pack files: a drafted pack (``helpers.analysis.draft``) into ``data/annotations/<id>/``
or another folder, without ever overwriting work a person has checked.

A file is replaced only when it is absent or is itself a draft (its top-level ``status`` is
``draft``; an argument map, whose schema has no ``status``, when its ``notes`` begin with
:data:`DRAFT_NOTES`); a file a person wrote or reviewed stops the whole write with a ``CourseInputError``
naming it, before anything is written, unless ``force`` is given. Each file is written whole
(temporary file, then rename), with a header saying what it is and how to review it.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import Any, Mapping

import yaml

from helpers.core.errors import CourseInputError
from helpers.core.yamlio import load_yaml_mapping

HEADER = """# Drafted pack file: {name}.yaml for article {article_id}.
# Computed from the analyses by helpers.analysis.draft (its docstring numbers the rules). Every item
# says which rule produced it (`rule`) and how far to trust it (`confidence`, the rules' own
# ranking). Nothing outside the article was added: items with `look_up` say what to find and where.
# Review each item against the text: correct it, delete it, or keep it, and set `status: checked`.
"""

#: the header of a file that is not a draft any more (reviewed in notebook 00, or lesson notes)
REVIEWED_HEADER = """# Article pack file: {name}.yaml for article {article_id}.
# Reviewed by a person (helpers.present.review, notebook 00) or written by hand: items with
# `status: checked` were checked against the text. Edit it by hand or in notebook 00; the drafting
# tool will not overwrite it.
"""


#: how an argument map (whose schema has no ``status``) says it is a draft: its ``notes`` begin so
#: (``helpers.analysis.draft.DRAFT_MAP_NOTE``)
DRAFT_NOTES = "Drafted by the machine (status: draft)"


def _is_draft(path: Path) -> bool:
    return _says_draft(load_yaml_mapping(path, what="article pack file"))


def _says_draft(data: Any) -> bool:
    return isinstance(data, dict) and (data.get("status") == "draft"
                                       or str(data.get("notes") or "").startswith(DRAFT_NOTES))


def _dumps(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def write_pack_files(folder: str | Path, files: Mapping[str, Mapping[str, Any]], *, force: bool = False) -> list[Path]:
    """Write ``{name: mapping}`` as ``folder/<name>.yaml`` (a name may hold one sub-folder:
    ``key/citations``); the paths written, in order. ``CourseInputError`` when a file that is not
    a draft is in the way (nothing is written then) or the folder cannot be written."""
    folder = Path(folder)
    targets = [(folder / f"{name}.yaml", name, data) for name, data in files.items()]
    if not force:
        for path, _, _ in targets:
            if path.is_file() and not _is_draft(path):
                raise CourseInputError(path, "is not a draft (a person wrote or checked it), so the draft would overwrite it",
                                       "write the draft elsewhere with --out DIR, or pass --force to replace it")
    written = []
    for path, name, data in targets:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            drafted = _says_draft(data)
            header = (HEADER if drafted else REVIEWED_HEADER).format(name=name, article_id=data.get("article_id", "?"))
            when = f"# {'Drafted' if drafted else 'Written'} {_dt.date.today().isoformat()}.\n"
            text = header + when + _dumps(data)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except OSError as exc:
            raise CourseInputError(path, f"could not be written ({exc.strerror or exc})",
                                   "choose a folder you can write to with --out DIR") from None
        written.append(path)
    return written
