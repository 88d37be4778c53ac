"""The outlet registry (``data/sources.yaml``): what kind of outlet a cited source is.

``load_registry()`` reads the registry; ``Registry.classify(name)`` returns the ``Outlet``
whose name or alias matches a cited source name (ignoring case, spacing, quote style and a
leading "the"), or ``None`` — callers report that as "unclassified", never guessed.

Outlets in the registry's ``synthetic`` section were invented for the course's synthetic
articles; each lists the ``articles`` (ids) it belongs to and matches only when
``classify`` is told it is reading one of them, so an invented outlet can never classify a
citation in a real article.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.fileio import read_text
from helpers.core.paths import resources_dir
from helpers.core.yamlio import YamlLines, safe_load

_REQUIRED = ("name", "type", "evidence", "as_of")
_SPACE_RE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def normalise_name(name: str) -> str:
    """The form names are compared in: case-folded, single-spaced, straight quotes, no leading 'the'."""
    text = _SPACE_RE.sub(" ", str(name).translate(_QUOTES)).strip().strip(".,;:").strip()
    text = text.casefold()
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    type: str
    evidence: str
    as_of: _dt.date
    synthetic: bool = False  # an outlet invented for a synthetic practice article
    articles: tuple[str, ...] = ()  # synthetic outlets: the ids of the articles they belong to

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases), "type": self.type,
                "evidence": self.evidence, "as_of": self.as_of.isoformat(), "synthetic": self.synthetic,
                "articles": list(self.articles)}


@dataclass
class Registry:
    outlets: list[Outlet]
    path: Path | None = None
    _index: dict[str, list[Outlet]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self._index:
            for outlet in self.outlets:
                for key in {normalise_name(k) for k in (outlet.name, *outlet.aliases)}:
                    self._index.setdefault(key, []).append(outlet)

    def classify(self, name: str | None, article: Any = None) -> Outlet | None:
        """The outlet a cited name refers to, or ``None`` when the registry does not know it.

        ``article`` (an ``Article`` or its id) lets the synthetic outlets of that article match.
        """
        if not name or not str(name).strip():
            return None
        article_id = getattr(article, "id", article)
        for outlet in self._index.get(normalise_name(name), ()):
            if not outlet.synthetic or (article_id is not None and article_id in outlet.articles):
                return outlet
        return None

    def __len__(self) -> int:
        return len(self.outlets)

    def __iter__(self):
        return iter(self.outlets)

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path) if self.path else None, "outlets": [o.to_dict() for o in self.outlets]}


def default_registry_path() -> Path:
    return resources_dir() / "sources.yaml"


def load_registry(path: str | Path | None = None) -> Registry:
    """Read an outlet registry (default ``data/sources.yaml``); bad entries raise ``CourseInputError``."""
    import yaml

    path = Path(path) if path is not None else default_registry_path()
    text = read_text(path, what="source registry")
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "syntax error"
        raise CourseInputError(path, f"source registry is not valid YAML ({problem})", "fix the YAML at that line",
                               line=(mark.line + 1) if mark else None) from None
    if not isinstance(data, dict):
        raise CourseInputError(path, "source registry must be a mapping with an 'outlets:' list",
                               "start the file with 'outlets:' and list the outlets under it")
    unknown = sorted(set(data) - {"outlets", "synthetic"})
    if unknown:
        raise CourseInputError(path, f"unknown top-level key(s): {', '.join(unknown)}",
                               "use only 'outlets:' (real outlets) and 'synthetic:' (invented ones)")
    outlets: list[Outlet] = []
    seen: dict[tuple[str, str], str] = {}
    lines = YamlLines(text)
    for section in ("outlets", "synthetic"):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise CourseInputError(path, f"'{section}' must be a list of outlets", "write each outlet as '- name: …'",
                                   line=lines.key(section))
        item_lines = lines.items(section)
        for i, entry in enumerate(entries):
            line = item_lines.get(i)
            outlet = _outlet(entry, path, line, synthetic=(section == "synthetic"))
            for key in (outlet.name, *outlet.aliases):
                # a name belongs to one real outlet, and to one invented outlet per article
                scopes = outlet.articles if outlet.synthetic else ("",)
                for scope in scopes:
                    norm = (normalise_name(key), scope)
                    if norm in seen and seen[norm] != outlet.name:
                        raise CourseInputError(path, f"the name '{key}' is given to both '{seen[norm]}' and '{outlet.name}'",
                                               "a name or alias may belong to one outlet only", line=line)
                    seen[norm] = outlet.name
            outlets.append(outlet)
    return Registry(outlets=outlets, path=path)


def _outlet(entry: Any, path: Path, line: int | None, *, synthetic: bool) -> Outlet:
    if not isinstance(entry, dict):
        raise CourseInputError(path, "an outlet must be a mapping (name, aliases, type, evidence, as_of)",
                               "write it as '- name: …' with the other fields indented under it", line=line)
    missing = [k for k in _REQUIRED if entry.get(k) in (None, "")]
    if missing:
        what = entry.get("name") or "an outlet"
        raise CourseInputError(path, f"{what} has no {', '.join(missing)}",
                               "give every outlet a name, type, one-line evidence note and as_of date", line=line)
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
        raise CourseInputError(path, f"aliases of {entry['name']} must be a list of names",
                               "write e.g. 'aliases: [EDM]'", line=line)
    articles = entry.get("articles") or []
    if isinstance(articles, str):
        articles = [articles]
    if synthetic and not articles:
        raise CourseInputError(path, f"the invented outlet {entry['name']} lists no articles",
                               "give 'articles: [<article id>]': the synthetic articles it appears in", line=line)
    if not synthetic and articles:
        raise CourseInputError(path, f"{entry['name']} is a real outlet but lists articles",
                               "only outlets in the 'synthetic:' section are tied to articles", line=line)
    as_of = entry["as_of"]
    if not isinstance(as_of, _dt.date):
        try:
            as_of = _dt.date.fromisoformat(str(as_of))
        except ValueError:
            raise CourseInputError(path, f"as_of of {entry['name']} must be an ISO date, not {as_of!r}",
                                   "write e.g. 'as_of: 2026-11-25'", line=line) from None
    return Outlet(name=str(entry["name"]).strip(), aliases=tuple(str(a).strip() for a in aliases),
                  type=str(entry["type"]).strip(), evidence=" ".join(str(entry["evidence"]).split()),
                  as_of=as_of, synthetic=synthetic, articles=tuple(str(a) for a in articles))
