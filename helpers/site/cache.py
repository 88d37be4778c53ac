"""The build cache, ``_build/cache``: content keys, what is reused and why, the cache files.

The cache is content-addressed and shared by all articles:

- ``exec/<key>.ipynb``: an executed notebook. Its key hashes the notebook's code cells (their
  sources, in order, and which one holds the parameters: not Markdown, tags or metadata), the
  parameters, the article and its sidecar, every file under ``data/``, the files of ``helpers``
  the notebook runs (the modules it imports, followed through helpers' import graph, and the
  package's data files: ``helpers.site.imports``) and the Python version
  (``execution_components``). A reused execution takes the notebook's current Markdown and
  metadata (``merge_executed``), so that a Markdown edit only re-renders.
- ``pages/<key>``: a rendered page or workbook, keyed by what it is made of (its execution, its
  cells' metadata, the edition, the site's code and templates; see ``helpers.site.build``).
- ``last/<article id>/<notebook>.json``: the key components of a notebook's last execution, to
  say why it runs again.
- ``articles/<key>.json``: an article's validated summary; ``params/<key>.json``: what a
  parameters cell declares; ``imports.json``: what each module file of ``helpers`` imports, by
  the file's content (``helpers.site.imports``).

Files are written atomically, without the fsync that student work gets. Entries that no build
has used for ``CACHE_MAX_AGE_DAYS`` are deleted.
"""

from __future__ import annotations

import copy
import fnmatch
import functools
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from helpers.core import paths
from helpers.core.fileio import atomic_write
from helpers.site.notebook import INJECTED_TAG, PARAMETERS_TAG, Notebook, cell_source, tags

#: part of every execution key: raise it when executed notebooks must not be reused any more
CACHE_FORMAT = "1"
#: cache entries no build has used for this long are deleted
CACHE_MAX_AGE_DAYS = 30
#: the components of an execution key, in the order a changed one is reported
_COMPONENTS = ("notebook", "parameters", "article", "sidecar", "data", "helpers", "python", "format")

#: Cache and site files: written atomically, without the fsync that student work gets.
write = functools.partial(atomic_write, durable=False)


# -- content keys ------------------------------------------------------------------------------

def sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def hash_files(files: list[tuple[str, Path]]) -> str:
    """One hash of ``(relative name, path)`` pairs: their names and contents, in name order."""
    h = hashlib.sha256()
    for rel, path in sorted(files):
        h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def tree_files(root: Path, pattern: str = "*") -> list[tuple[str, Path]]:
    """The files under ``root`` matching ``pattern``, without hidden ones and ``__pycache__``."""
    out = []
    # os.walk, not Path.rglob: this runs on every build, no-op ones included, and rglob is several
    # times slower on a tree of a few hundred files
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
        rel_dir = os.path.relpath(dirpath, root)
        for name in filenames:
            if name.startswith(".") or not fnmatch.fnmatchcase(name, pattern):
                continue
            path = os.path.join(dirpath, name)
            if os.path.isfile(path):
                rel = name if rel_dir == "." else f"{rel_dir.replace(os.sep, '/')}/{name}"
                out.append((rel, Path(path)))
    return out


def notebook_exec_hash(nb: dict) -> str:
    """Hash of what execution depends on: the code cells' sources in order, which one holds the
    parameters (papermill injects its cell after it), and the kernel. Markdown and raw cells run
    nothing, so they are not part of it."""
    seen_params = False
    parts = []
    for cell in nb.get("cells", []):
        is_params = not seen_params and PARAMETERS_TAG in tags(cell)
        seen_params = seen_params or is_params
        if cell.get("cell_type") == "code":
            parts.append([cell_source(cell), is_params])
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name", "python3")
    return sha(json.dumps([kernel, parts], ensure_ascii=False))


def shared_components(article_path: Path) -> dict[str, str]:
    """The key components every notebook of a build shares (cheap: no heavy imports).

    The whole ``data/`` tree counts: which files a notebook reads (lexicons, the article's pack,
    rubrics …) is decided by the helpers at run time, from the article and the pack's contents."""
    sidecar = article_path.with_name(f"{paths.article_id_for(article_path)}.meta.yaml")
    return {
        "article": sha(article_path.read_bytes()) if article_path.is_file() else "missing",
        "sidecar": sha(sidecar.read_bytes()) if sidecar.is_file() else "none",
        "data": hash_files(tree_files(paths.data_dir())),
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
    }


def execution_components(nb: dict, params: dict[str, Any], shared: dict[str, str], helpers: str) -> dict[str, str]:
    """What one notebook's execution depends on; ``key_of`` them is its cache key. ``helpers`` is the
    hash of the helpers files the notebook runs (``ImportGraph.digest``)."""
    params_hash = sha(json.dumps(params, sort_keys=True, default=str))
    return {"format": CACHE_FORMAT, "notebook": notebook_exec_hash(nb), "parameters": params_hash, **shared,
            "helpers": helpers}


def key_of(value: Any) -> str:
    """The content key of a JSON value (dicts in key order)."""
    return sha(json.dumps(value, sort_keys=True))


# -- reuse -------------------------------------------------------------------------------------

def read_json(path: Path) -> Any:
    """The JSON in ``path``; None when it is missing or unreadable (a cache miss)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def merge_executed(source: dict, executed: dict) -> dict | None:
    """The executed notebook as the source notebook is now: the source's cells (Markdown, tags and
    metadata) with each code cell's outputs from ``executed``, papermill's injected cell kept after
    the parameters cell, and what execution added to the notebook's metadata (the kernel's
    language, the widget state).

    The code cells must match one to one, in order and by source; None when they do not (then
    the notebook is executed again). The result shares ``executed``'s outputs: neither is changed
    afterwards.
    """
    injected = [c for c in executed.get("cells", []) if INJECTED_TAG in tags(c)]
    ran = [c for c in executed.get("cells", []) if c.get("cell_type") == "code" and INJECTED_TAG not in tags(c)]
    code = [c for c in source.get("cells", []) if c.get("cell_type") == "code"]
    if len(ran) != len(code) or any(cell_source(s) != cell_source(e) for s, e in zip(code, ran)):
        return None
    outputs = iter(ran)
    cells = []
    for cell in source.get("cells", []):
        cell = {**cell, "metadata": copy.deepcopy(cell.get("metadata", {}))}
        if cell.get("cell_type") == "code":
            ex = next(outputs)
            cell["outputs"] = ex.get("outputs", [])
            cell["execution_count"] = ex.get("execution_count")
        cells.append(cell)
        if injected and PARAMETERS_TAG in tags(cell):
            cells.extend(injected)
            injected = []
    merged = {**executed, "cells": cells}
    metadata = copy.deepcopy(source.get("metadata", {}))
    for name in ("language_info", "widgets"):
        if name in executed.get("metadata", {}):
            metadata[name] = executed["metadata"][name]
        else:
            metadata.pop(name, None)
    merged["metadata"] = metadata
    return merged


class BuildCache:
    """The cache folder (see the module docstring)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def has_executed(self, key: str) -> bool:
        return (self.folder / "exec" / f"{key}.ipynb").is_file()

    def executed(self, key: str) -> dict | None:
        """The executed notebook cached under ``key``, or None."""
        return read_json(self.folder / "exec" / f"{key}.ipynb")

    def store_executed(self, item: Notebook, article_id: str) -> None:
        """Cache ``item.executed`` under its key, and its components as the article's last run of it."""
        write(self.folder / "exec" / f"{item.key}.ipynb", json.dumps(item.executed, sort_keys=True, ensure_ascii=False))
        write(self.folder / "last" / article_id / f"{item.name}.json", json.dumps(item.components, sort_keys=True))

    def reason(self, item: Notebook, article_id: str) -> str:
        """Why ``item`` must run: what changed since this article's last run of it."""
        last = read_json(self.folder / "last" / article_id / f"{item.name}.json")
        if not last:
            return "not in cache"
        changed = [name for name in _COMPONENTS if last.get(name) != item.components.get(name)]
        return (", ".join(changed) + " changed") if changed else "cache entry missing"

    @property
    def search_folder(self) -> Path:
        """Where the search index's reading of each page is kept, by the page's content key."""
        return self.folder / "search"

    def page(self, key: str) -> Path:
        """Where the page (or workbook) with content key ``key`` is cached."""
        return self.folder / "pages" / key

    def _article_record(self, article_path: Path, shared: dict[str, str]) -> Path:
        """Keyed by the article, its sidecar, the helpers files loading it runs (``shared["loader"]``) and its path."""
        key = sha(json.dumps([shared["article"], shared["sidecar"], shared["loader"], str(article_path)]))
        return self.folder / "articles" / f"{key}.json"

    def has_article_summary(self, article_path: Path, shared: dict[str, str]) -> bool:
        return self._article_record(article_path, shared).is_file()

    def article_summary(self, article_path: Path, shared: dict[str, str]) -> dict | None:
        return read_json(self._article_record(article_path, shared))

    def store_article_summary(self, article_path: Path, shared: dict[str, str], summary: dict) -> None:
        write(self._article_record(article_path, shared), json.dumps(summary, sort_keys=True, default=str))

    def _params_record(self, source: str) -> Path:
        return self.folder / "params" / f"{sha('v2:' + source)}.json"

    def declared_parameters(self, source: str) -> dict[str, str] | None:
        """What the parameters cell with this source declares, when it was read before."""
        return read_json(self._params_record(source))

    def store_declared_parameters(self, source: str, declared: dict[str, str]) -> None:
        write(self._params_record(source), json.dumps(declared, sort_keys=True))

    def import_records(self) -> dict[str, list]:
        """What each helpers module file imports, by content digest (``ImportGraph.known``)."""
        found = read_json(self.folder / "imports.json")
        return found if isinstance(found, dict) else {}

    def store_import_records(self, records: dict[str, list]) -> None:
        write(self.folder / "imports.json", json.dumps(records, sort_keys=True))

    def keep(self, executions: set[str], pages: set[str]) -> None:
        """Mark the entries a build uses (by key) as fresh; delete those unused for CACHE_MAX_AGE_DAYS."""
        used = ({f"exec/{key}.ipynb" for key in executions} | {f"pages/{key}" for key in pages}
                | {f"search/{key}.json" for key in pages})
        now = time.time()
        for rel in used:
            try:
                os.utime(self.folder / rel, (now, now))
            except OSError:
                pass  # rendered later in this build
        cutoff = now - CACHE_MAX_AGE_DAYS * 86400
        for sub in ("exec", "pages", "search"):
            folder = self.folder / sub
            if folder.is_dir():
                for entry in os.scandir(folder):
                    if f"{sub}/{entry.name}" not in used and entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
