"""The site build: execute each notebook once per article, cache it, render two editions.

``build_site()`` (``python -m helpers build``) runs every ``notebooks/NN_*.ipynb`` on one
article (papermill-style parameters, executed in-process by nbclient, several at once, each
in a fresh kernel forked from a process that has imported the heavy libraries once), then
renders a student and an instructor edition of each with nbconvert (while the others still
run), the lesson plans, student workbooks and an index.

Output: ``_build/html`` for the seed article, ``_build/html-<article id>`` for any other
(``--out`` chooses). Cache: ``_build/cache`` is content-addressed and shared by all
articles: an execution is keyed by the notebook's sources (not tags or metadata), the
parameters, the article and its sidecar, every file under ``data/`` and every ``.py`` file
of ``helpers``; a rendered page by its execution, its tags, the edition and the templates.
A rebuild with nothing changed executes and renders nothing; a tag-only change re-renders.
The site is built in a temporary folder and swapped in at the end, so a failed build
leaves the previous site untouched. Heavy imports happen only when something must run.
Cache entries that no build has used for 30 days are deleted.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from helpers.core import paths
from helpers.core.errors import CourseInputError
from helpers.core.fileio import atomic_write

#: Cache and site files: written atomically, without the fsync that student work gets.
_write_cache = functools.partial(atomic_write, durable=False)

EDITIONS = ("student", "instructor")
#: cells with these tags are removed from the student edition and the workbooks
HIDDEN_TAGS = frozenset({"solution", "instructor"})
#: cells whose input the student edition hides (their output stays)
INPUT_HIDDEN_TAGS = frozenset({"parameters", "injected-parameters"})
VEGALITE_MIMETYPES = tuple(f"application/vnd.vegalite.v{v}+json" for v in (6, 5, 4))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
_CACHE_FORMAT = "1"
_MANIFEST = ".close-reading-build.json"


class BuildError(Exception):
    """The build could not finish (a notebook failed); ``str()`` is one line."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


@dataclass
class BuildResult:
    """What a build did: ``executed`` maps notebook name -> reason; ``lines`` is what was reported."""

    index: Path
    out_dir: Path
    article_id: str
    executed: dict[str, str] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    up_to_date: bool = False
    lines: list[str] = field(default_factory=list)


# -- hashing ---------------------------------------------------------------------------------

def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _hash_files(files: list[tuple[str, Path]]) -> str:
    h = hashlib.sha256()
    for rel, path in sorted(files):
        h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _tree_files(root: Path, pattern: str = "*") -> list[tuple[str, Path]]:
    out = []
    if root.is_dir():
        for path in root.rglob(pattern):
            rel = path.relative_to(root)
            if path.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                out.append((rel.as_posix(), path))
    return out


def _cell_source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def notebook_exec_hash(nb: dict) -> str:
    """Hash of what execution depends on: cell types, sources and which cell holds parameters."""
    seen_params = False
    parts = []
    for cell in nb.get("cells", []):
        is_params = not seen_params and "parameters" in _tags(cell)
        seen_params = seen_params or is_params
        parts.append([cell.get("cell_type"), _cell_source(cell), is_params])
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name", "python3")
    return _sha(json.dumps([kernel, parts], ensure_ascii=False))


# -- reading inputs ----------------------------------------------------------------------------

def _read_notebook_json(path: Path) -> dict:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise CourseInputError(path, f"is not a readable notebook ({type(exc).__name__}: {getattr(exc, 'msg', exc)})",
                               "open and re-save it in JupyterLab", line=line) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise CourseInputError(path, "is not a notebook (no 'cells' list)", "give a .ipynb file saved by Jupyter")
    return nb


def _notebook_title(nb: dict, fallback: str) -> str:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in _cell_source(cell).splitlines():
                m = re.match(r"^#\s+(.+?)\s*#*\s*$", line)
                if m:
                    return m.group(1)
    return fallback




def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass
class _Notebook:
    name: str
    path: Path
    source: dict
    title: str
    components: dict[str, str]
    params: dict = field(default_factory=dict)
    key: str = ""
    executed: dict | None = None
    reason: str | None = None


class _Progress:
    """A simple progress display on stderr."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str) -> None:
        if self.enabled:
            print(text, file=sys.stderr, flush=True)


# -- the build -------------------------------------------------------------------------------

def default_out_dir(article_id: str, build_root: Path | None = None) -> Path:
    """``_build/html`` for the seed article, ``_build/html-<id>`` for any other."""
    root = build_root or paths.build_dir()
    return root / ("html" if article_id == paths.SEED_ARTICLE_ID else f"html-{article_id}")


def build_site(article: str | Path | None = None, *, notebooks_dir: Path | None = None,
               lessons_dir: Path | None = None, out_dir: Path | None = None,
               build_root: Path | None = None, jobs: int | None = None, force: bool = False,
               parameters: dict[str, Any] | None = None, helpers_dir: Path | None = None,
               progress: bool = True, echo: Callable[[str], None] | None = None) -> BuildResult:
    """Build the site for one article (default: the seed). See the module docstring.

    Raises ``CourseInputError`` for bad input (article, notebook, parameter) and
    ``BuildError`` when a cell fails. ``echo`` receives one line per notebook/step.
    """
    lines: list[str] = []

    def say(line: str) -> None:
        lines.append(line)
        if echo:
            echo(line)

    show = _Progress(progress)
    article_path = paths.resolve_article(article)
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else paths.notebooks_dir()
    lessons_dir = Path(lessons_dir) if lessons_dir else paths.lessons_dir()
    build_root = Path(build_root) if build_root else paths.build_dir()
    helpers_dir = Path(helpers_dir) if helpers_dir else Path(__file__).resolve().parents[1]
    cache = build_root / "cache"
    jobs = max(1, int(jobs or os.cpu_count() or 1))

    # 1. inputs, hashed (cheap: no heavy imports on this path)
    sidecar = article_path.with_name(f"{paths.article_id_for(article_path)}.meta.yaml")
    helpers_hash = _hash_files(_tree_files(helpers_dir, "*.py"))
    shared = {
        "article": _sha(article_path.read_bytes()) if article_path.is_file() else "missing",
        "sidecar": _sha(sidecar.read_bytes()) if sidecar.is_file() else "none",
        "data": _hash_files(_tree_files(paths.data_dir())),
        "helpers": helpers_hash,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
    }
    # a cold article (its summary not cached) means cold executions: start the kernels' zygote now,
    # so that its imports overlap the article's validation
    zygote = _start_zygote(build_root) if not _article_cached(article_path, shared, cache) else None
    try:
        summary = _validated_article(article_path, shared, cache)
        article_id = summary["id"]
        out_dir = Path(out_dir) if out_dir else default_out_dir(article_id, build_root)
        if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / _MANIFEST).exists())):
            raise CourseInputError(out_dir, "exists and is not a site built by this command, so it will not be replaced",
                                   "give --out an empty or new folder")
        params = {"article": str(article_path), **(parameters or {})}
        params_hash = _sha(json.dumps(params, sort_keys=True, default=str))

        notebooks: list[_Notebook] = []
        for path in sorted(notebooks_dir.glob(NOTEBOOK_GLOB)):
            nb = _read_notebook_json(path)
            _check_parameters(path, nb, params, cache)
            comps = {"format": _CACHE_FORMAT, "notebook": notebook_exec_hash(nb), "parameters": params_hash, **shared}
            item = _Notebook(name=path.stem, path=path, source=nb, title=_notebook_title(nb, path.stem),
                             components=comps, params=params)
            item.key = _sha(json.dumps(comps, sort_keys=True))
            notebooks.append(item)

        # 2. execution: cache hits (tags copied over) or runs
        to_run: list[_Notebook] = []
        for item in notebooks:
            cached = None if force else _read_json(cache / "exec" / f"{item.key}.ipynb")
            if cached is not None and _copy_cell_metadata(item.source, cached):
                item.executed = cached
                say(f"{item.name}: reused (cache hit)")
            else:
                item.reason = "--force" if force else _why(item, cache, article_id)
                to_run.append(item)

        widgets_ok = _widgets_available()
        if not widgets_ok:
            say("note: widget assets are not installed, so widgets appear as static placeholders "
                "(run 'python -m helpers.site.assets install')")
        render_hash = _hash_files(_tree_files(Path(__file__).resolve().parent / "templates")
                                  + [("build.py", Path(__file__).resolve())])
        site_ctx = {"article_id": article_id, "article_title": summary["title"]}

        def pages(item: _Notebook) -> dict[str, tuple[str, Callable[[], str]]]:
            """The two edition pages of an executed notebook: {rel: (content key, renderer)}."""
            out = {}
            tags_json = json.dumps([c.get("metadata", {}) for c in item.executed["cells"]], sort_keys=True)
            for edition in EDITIONS:
                key = _sha(json.dumps([item.key, tags_json, edition, render_hash, widgets_ok, site_ctx], sort_keys=True))
                out[f"{edition}/{item.name}.html"] = (key, _page_renderer(item, edition, key, site_ctx, widgets_ok,
                                                                          article_path, build_root))
            return out

        # rendering overlaps execution: a notebook's pages are rendered (one thread) while others run
        renderer = _PageRenderer(cache, force, show) if to_run else None

        def store(item: _Notebook) -> None:  # as soon as each notebook is done, even if another fails
            _copy_cell_metadata(item.source, item.executed)  # same metadata as a later cache hit
            _write_cache(cache / "exec" / f"{item.key}.ipynb", json.dumps(item.executed, sort_keys=True, ensure_ascii=False))
            _write_cache(cache / "last" / article_id / f"{item.name}.json", json.dumps(item.components, sort_keys=True))
            say(f"{item.name}: executed ({item.reason})")
            renderer.submit(pages(item))
    except BaseException:
        if zygote is not None:
            zygote.close()
        raise
    if zygote is not None and not to_run:
        zygote.close()

    if to_run:
        try:
            _execute_all(to_run, build_root, article_id, jobs, show, store, warm_up=renderer.warm_up,
                         zygote=zygote)
        except BaseException:
            renderer.close(raise_errors=False)  # the execution error is the one to report
            raise
        renderer.close()

    # 3. plan every output file by content key; render only what the page cache lacks
    plan: dict[str, tuple[str, Callable[[], str | bytes]]] = {}
    for item in notebooks:
        plan.update(pages(item))
        wb_key = _sha(json.dumps([item.source, render_hash], sort_keys=True))
        plan[f"workbooks/{item.name}.ipynb"] = (wb_key, lambda item=item: workbook_json(item.source))
    lessons = []
    for md in sorted(lessons_dir.glob("*.md")) if lessons_dir.is_dir() else []:
        text = md.read_text(encoding="utf-8")
        key = _sha(json.dumps([text, render_hash, site_ctx], sort_keys=True))
        title = next((m.group(1) for m in re.finditer(r"^#\s+(.+?)\s*$", text, re.M)), md.stem)
        lessons.append({"title": title, "href": f"lessons/{md.stem}.html"})
        plan[f"lessons/{md.stem}.html"] = (key, lambda text=text, title=title, key=key: _render_markdown_page(
            text, title, site_ctx, key))
    index_ctx = {"article": summary, "lessons": lessons, "notebooks": [
        {"name": i.name, "title": i.title, "student": f"student/{i.name}.html",
         "instructor": f"instructor/{i.name}.html", "workbook": f"workbooks/{i.name}.ipynb"} for i in notebooks]}
    index_key = _sha(json.dumps([index_ctx, render_hash], sort_keys=True, default=str))
    plan["index.html"] = (index_key, lambda: _render_index(index_ctx, site_ctx, index_key))
    static_key = _sha(json.dumps([render_hash, widgets_ok, _static_versions()], sort_keys=True))
    site_key = _sha(json.dumps([sorted((rel, k) for rel, (k, _) in plan.items()), static_key], sort_keys=True))

    result = BuildResult(index=(out_dir / "index.html").resolve(), out_dir=out_dir.resolve(), article_id=article_id,
                         executed={i.name: i.reason or "" for i in to_run},
                         reused=[i.name for i in notebooks if i not in to_run], lines=lines,
                         rendered=sorted(renderer.rendered) if renderer else [])
    _touch_and_prune(cache, {f"exec/{i.key}.ipynb" for i in notebooks} | {f"pages/{k}" for k, _ in plan.values()})
    manifest = _read_json(out_dir / _MANIFEST) or {}
    if not force and manifest.get("key") == site_key and all((out_dir / rel).exists() for rel in plan):
        result.up_to_date = True
        say(f"site: up to date ({out_dir})")
        return result

    # 4. assemble the site in a temporary folder, then swap it in (one build at a time per folder)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.new-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    with _locked(out_dir.parent / f".{out_dir.name}.lock"):
        _assemble(plan, cache, tmp, out_dir, force, widgets_ok, site_key, article_id, result, show)
    say(f"site: {len(result.rendered)} page(s) rendered, {len(plan) - len(result.rendered)} reused")
    return result


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock on ``path`` (POSIX); elsewhere no lock."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _assemble(plan, cache: Path, tmp: Path, out_dir: Path, force: bool, widgets_ok: bool, site_key: str,
              article_id: str, result: BuildResult, show: _Progress) -> None:
    try:
        for n, (rel, (key, render)) in enumerate(sorted(plan.items()), start=1):
            cached = cache / "pages" / key
            if rel not in result.rendered and (force or not cached.exists()):
                show(f"[render {n}/{len(plan)}] {rel}")
                _write_cache(cached, render())
                result.rendered.append(rel)
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
        _write_static(tmp / "_static", widgets_ok)
        _write_cache(tmp / _MANIFEST, json.dumps({"key": site_key, "article": article_id,
                                                    "files": {rel: k for rel, (k, _) in sorted(plan.items())}},
                                                   indent=1, sort_keys=True))
        old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


#: cache entries no build has used for this long are deleted
CACHE_MAX_AGE_DAYS = 30


def _touch_and_prune(cache: Path, used: set[str]) -> None:
    """Mark the cache entries this build uses as fresh; delete entries unused for CACHE_MAX_AGE_DAYS."""
    now = time.time()
    for rel in used:
        try:
            os.utime(cache / rel, (now, now))
        except OSError:
            pass  # rendered later in this build
    cutoff = now - CACHE_MAX_AGE_DAYS * 86400
    for sub in ("exec", "pages"):
        folder = cache / sub
        if folder.is_dir():
            for entry in os.scandir(folder):
                if f"{sub}/{entry.name}" not in used and entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)


def _validated_article(article_path: Path, shared: dict[str, str], cache: Path) -> dict[str, Any]:
    """Load the article once per content (fails fast with CourseInputError); later builds reuse the summary."""
    key = _sha(json.dumps([shared["article"], shared["sidecar"], shared["helpers"], str(article_path)]))
    record = cache / "articles" / f"{key}.json"  # the same path as _article_cached checks
    summary = _read_json(record)
    if summary is None:
        from helpers.model.article import load_article

        summary = load_article(article_path).summary()
        _write_cache(record, json.dumps(summary, sort_keys=True, default=str))
    return summary


def _article_cached(article_path: Path, shared: dict[str, str], cache: Path) -> bool:
    key = _sha(json.dumps([shared["article"], shared["sidecar"], shared["helpers"], str(article_path)]))
    return (cache / "articles" / f"{key}.json").is_file()


def _why(item: _Notebook, cache: Path, article_id: str) -> str:
    last = _read_json(cache / "last" / article_id / f"{item.name}.json")
    if not last:
        return "not in cache"
    changed = [name for name in ("notebook", "parameters", "article", "sidecar", "data", "helpers", "python", "format")
               if last.get(name) != item.components.get(name)]
    return (", ".join(changed) + " changed") if changed else "cache entry missing"


def _copy_cell_metadata(source: dict, executed: dict) -> bool:
    """Put the source notebook's cell metadata (tags …) on the cached executed cells.

    Cells must match one to one, by index and source (the injected-parameters cell aside);
    returns False when they do not (then the notebook is executed again).
    """
    cells = [c for c in executed.get("cells", []) if "injected-parameters" not in _tags(c)]
    if len(cells) != len(source.get("cells", [])):
        return False
    for src, ex in zip(source["cells"], cells):
        if src.get("cell_type") != ex.get("cell_type") or _cell_source(src) != _cell_source(ex):
            return False
    for src, ex in zip(source["cells"], cells):
        ex["metadata"] = copy.deepcopy(src.get("metadata", {}))
    return True


# -- parameters ------------------------------------------------------------------------------

_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
                                       "list": (list,), "dict": (dict,)}


def declared_parameters(path: Path, nb: dict, cache: Path | None = None) -> dict[str, str]:
    """``{name: type name}`` declared by the notebook's ``parameters`` cell.

    papermill's inspection first; names it cannot parse (e.g. a line whose comment holds an
    '=') are added from the cell's syntax tree, with their annotation as the type.
    """
    cell = next((c for c in nb.get("cells", []) if "parameters" in _tags(c)), None)
    if cell is None:
        return {}
    source = _cell_source(cell)
    record = cache / "params" / f"{_sha('v2:' + source)}.json" if cache else None
    found = _read_json(record) if record else None
    if found is None:
        import ast
        import logging

        from papermill.inspection import inspect_notebook

        logging.getLogger("papermill").setLevel(logging.ERROR)  # we parse what it cannot
        found = {name: str(p.get("inferred_type_name") or "None") for name, p in inspect_notebook(path).items()}
        try:
            tree = ast.parse(source)
        except SyntaxError as exc:
            raise CourseInputError(path, f"the parameters cell is not valid Python ({exc.msg})",
                                   "fix the parameters cell", line=exc.lineno) from None
        for node in tree.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                found.setdefault(node.target.id, ast.unparse(node.annotation))
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, "None")
        if record:
            _write_cache(record, json.dumps(found, sort_keys=True))
    return found


def _check_parameters(path: Path, nb: dict, params: dict[str, Any], cache: Path) -> None:
    declared = declared_parameters(path, nb, cache)
    if not any("parameters" in _tags(c) for c in nb.get("cells", [])):
        raise CourseInputError(path, "has no cell tagged 'parameters'",
                               "tag the cell that sets 'article' with 'parameters' in JupyterLab's property inspector")
    for name, value in params.items():
        if name not in declared:
            raise CourseInputError(path, f"has no parameter '{name}' (its parameters cell declares: "
                                   f"{', '.join(sorted(declared)) or 'nothing'})",
                                   f"remove '{name}' from the build parameters or declare it in the notebook's parameters cell")
        tname = declared[name]
        optional = tname.startswith("Optional[") or "None" in tname.split("|")[1:] or tname.endswith("| None")
        base = re.sub(r"^Optional\[(.*)\]$", r"\1", tname).split("|")[0].strip()
        allowed = _TYPES.get(base)
        if allowed is None or (value is None and optional):
            continue
        bad = not isinstance(value, allowed) or (base in ("int", "float") and isinstance(value, bool))
        if bad:
            raise CourseInputError(path, f"parameter '{name}' must be {base}, not {type(value).__name__} ({value!r})",
                                   f"give '{name}' a {base} value")


# -- execution -------------------------------------------------------------------------------

class _PageRenderer:
    """Renders pages into the page cache on one background thread, while kernels run.

    ``submit`` queues ``{rel: (key, render)}``; ``close`` waits and re-raises the first error.
    """

    def __init__(self, cache: Path, force: bool, show: _Progress):
        from concurrent.futures import ThreadPoolExecutor

        self.cache, self.force, self.show = cache, force, show
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")
        self.futures: list = []
        self.rendered: set[str] = set()

    def warm_up(self) -> None:
        """Import nbconvert and build the exporter while the first kernels start."""
        self.futures.append(self.pool.submit(_exporter))

    def submit(self, pages: dict[str, tuple[str, Callable[[], str]]]) -> None:
        for rel, (key, render) in sorted(pages.items()):
            self.futures.append(self.pool.submit(self._render, rel, key, render))

    def _render(self, rel: str, key: str, render: Callable[[], str]) -> None:
        cached = self.cache / "pages" / key
        if self.force or not cached.exists():
            self.show(f"[render] {rel}")
            _write_cache(cached, render())
            self.rendered.add(rel)

    def close(self, raise_errors: bool = True) -> None:
        self.pool.shutdown(wait=True, cancel_futures=not raise_errors)
        for future in self.futures:
            if raise_errors and not future.cancelled() and future.exception() is not None:
                raise future.exception()


def _execute_all(items: list[_Notebook], build_root: Path, article_id: str, jobs: int, show: _Progress,
                 store: Callable[[_Notebook], None], warm_up: Callable[[], None] | None = None,
                 zygote: _Zygote | None = None) -> None:
    """Run ``items`` with at most ``jobs`` executing at once; one more kernel starts ahead of its turn
    (a fresh kernel per notebook: nothing is shared between notebooks)."""
    import asyncio

    async def run_all() -> None:
        kernels = asyncio.Semaphore(jobs + 1)  # kernels alive: the running ones and one warming up
        running = asyncio.Semaphore(jobs)
        done = 0

        async def one(item: _Notebook) -> None:
            nonlocal done
            async with kernels:
                show(f"[execute] {item.name} …")
                t0 = time.perf_counter()
                item.executed = await _execute(item, build_root / "scratch" / article_id / item.name, running,
                                               manager_class)
                done += 1
                show(f"[execute {done}/{len(items)}] {item.name} done in {time.perf_counter() - t0:.1f} s")
                store(item)

        if warm_up:
            # import what the kernels need first: importing it on this thread while the warm-up
            # thread imports nbconvert (which shares jupyter_client) fails as a circular import
            import nbclient  # noqa: F401
            from papermill.parameterize import parameterize_notebook  # noqa: F401

            warm_up()
        manager_class = None
        if zygote is not None and await asyncio.to_thread(zygote.wait_ready):
            manager_class = zygote.manager_class()

        tasks = [asyncio.ensure_future(one(i)) for i in items]
        try:
            await asyncio.gather(*tasks)
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    zygote = zygote or _start_zygote(build_root)  # closed here either way
    scratch = build_root / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        # builds sharing this build folder run one at a time here: each clears its notebooks' scratch folders
        with _locked(scratch / f".{article_id}.lock"):
            asyncio.run(run_all())
    finally:
        if zygote is not None:
            zygote.close()


async def _execute(item: _Notebook, scratch: Path, running=None, manager_class=None) -> dict:
    """Execute one notebook in a fresh kernel; cells run only while holding ``running`` (a semaphore)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from papermill.parameterize import parameterize_notebook

    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    nb = nbformat.reads(json.dumps(item.source), as_version=4)
    nb.metadata.setdefault("papermill", {})
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])  # papermill reads .tags on every cell
    nb = parameterize_notebook(nb, dict(item.params), kernel_name=_kernel(nb), language="python")
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # deterministic (papermill makes a random one)
    nb.metadata.pop("papermill", None)
    client = NotebookClient(nb, kernel_name=_kernel(nb), timeout=600, store_widget_state=True,
                            record_timing=False, allow_errors=False,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # not the TCP-encryption warning
                            resources={"metadata": {"path": str(scratch)}},
                            **({"kernel_manager_class": manager_class} if manager_class else {}))
    index = -1
    # a fresh, empty student work folder: a person's saved answers never leak into the site
    env = {**os.environ, "PYTHONPATH": _kernel_pythonpath(), "CLOSE_READING_WORK": str(scratch / "work")}
    try:
        async with client.async_setup_kernel(env=env):
            try:
                info = await client.async_wait_for_reply(await _maybe_await(client.kc.kernel_info()))
                if info is not None and "language_info" in info["content"]:
                    nb.metadata["language_info"] = info["content"]["language_info"]
                async with running or contextlib.nullcontext():
                    for index, cell in enumerate(nb.cells):
                        await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except BaseException:
                # failed, or cancelled because another notebook failed: stop the kernel at once (asked
                # to shut down politely in the middle of a cell, it prints tracebacks on our stderr)
                client.shutdown_kernel = "immediate"
                raise
            client.set_widgets_metadata()
    except CellExecutionError as exc:
        hint = "" if exc.ename == "CourseInputError" else (  # that one says what to do itself
            " (open the notebook in JupyterLab, run it on this article to see the traceback, and fix that cell)")
        raise BuildError(f"{item.path.name}: cell {_source_cell_number(nb, index)} failed: "
                         f"{exc.ename}: {_one_line(exc.evalue)}{hint}") from None
    except (CellTimeoutError, DeadKernelError) as exc:
        raise BuildError(f"{item.path.name}: cell {_source_cell_number(nb, index)} failed: "
                         f"{type(exc).__name__}: {_one_line(str(exc))}") from None
    except RuntimeError as exc:  # e.g. "Kernel died before replying to kernel_info"
        raise BuildError(f"{item.path.name}: the kernel failed: {_one_line(str(exc))}") from None
    finally:
        await _forget_kernel(client)
    out = json.loads(nbformat.writes(nb))
    return _stable_widget_ids(out, item.key)


async def _forget_kernel(client) -> None:
    """Kill a kernel whose start was interrupted (e.g. cancelled because another notebook failed) and
    drop the exit handler nbclient leaves registered then (it would fail with a traceback at exit)."""
    import atexit

    atexit.unregister(client._cleanup_kernel)
    km = client.km
    if km is not None and km.has_kernel:
        with contextlib.suppress(Exception):
            await _maybe_await(km.shutdown_kernel(now=True))


async def _maybe_await(value):
    import inspect

    return await value if inspect.isawaitable(value) else value


def _kernel(nb) -> str:
    return (nb.metadata.get("kernelspec") or {}).get("name") or "python3"


def _source_cell_number(nb, index: int) -> int:
    """1-based number of an executed cell in the notebook as written (the injected cell not counted)."""
    injected = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
    return index + 1 - sum(1 for i in injected if i < index)


def _one_line(text: str) -> str:
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(text)).split())


def _stable_widget_ids(nb: dict, seed: str) -> dict:
    """Rename the kernel's random widget model ids to ids derived from the execution key.

    Models are numbered in a deterministic order: views in output order, then the models they
    reference (by attribute name), then any others by their content.
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return nb
    order: dict[str, int] = {}  # model id -> its number (a dict: linear in the number of models)
    queue = [o.get("data", {}).get(WIDGET_VIEW, {}).get("model_id") for c in nb.get("cells", [])
             for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    queue = [m for m in queue if m in state]

    def visit(todo: list[str]) -> None:
        todo = collections.deque(todo)
        while todo:
            model_id = todo.popleft()
            if model_id in order:
                continue
            order[model_id] = len(order)
            refs = re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[model_id], sort_keys=True))
            todo.extend(m for m in refs if m in state and m not in order)

    visit(queue)
    masked = lambda m: re.sub(r"IPY_MODEL_[0-9a-f]+", "IPY_MODEL_", json.dumps(state[m], sort_keys=True))
    for model_id in sorted((m for m in state if m not in order), key=masked):
        visit([model_id])
    new_ids = {model_id: _sha(f"{seed}:{n}")[:32] for model_id, n in order.items()}
    text = json.dumps(nb, ensure_ascii=False)  # one pass over the text, not one per model
    text = re.sub(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", lambda m: new_ids.get(m.group(0), m.group(0)), text)
    return json.loads(text)


# -- forked kernels ----------------------------------------------------------------------------
# Starting a kernel and importing altair, pandas and spaCy costs every notebook about 1.5 s of
# CPU. A "zygote" process (one per build) imports these libraries once and forks a fresh kernel
# for each notebook: each kernel is a new process that has run no notebook code, so nothing
# passes from one notebook to another (the zygote never imports helpers or runs user code).
# A tiny launcher process stands in for the kernel towards jupyter_client (signals are forwarded,
# its exit status is the kernel's; killing it kills the kernel). Off with CLOSE_READING_FORK_KERNELS=0.

#: libraries the zygote imports before forking (what the notebooks' helpers import when they run)
FORK_PRELOAD = ("IPython", "ipykernel.ipkernel", "comm", "numpy", "pandas", "altair", "jsonschema",
                "spacy", "spacy.lang.en", "networkx", "pycountry", "yaml")

_ZYGOTE = r'''
import json, os, selectors, signal, socket, sys, traceback
if sys.path and sys.path[0] == "":
    del sys.path[0]  # as ipykernel_launcher does; the kernel adds it back
path, preload = sys.argv[1], [m for m in sys.argv[2].split(",") if m]
import ipykernel.kernelapp
for name in preload:
    try:
        __import__(name)
    except Exception:
        pass
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(64)
sel = selectors.DefaultSelector()
sel.register(srv, selectors.EVENT_READ)
sel.register(0, selectors.EVENT_READ)  # the build closes our stdin when it is done
kernels = {}  # pid -> connection to its launcher
sys.stdout.write("ready\n")
sys.stdout.flush()

def read_request(conn):
    head, fds, _, _ = socket.recv_fds(conn, 8, 3)
    size, data = int(head), b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return json.loads(data), fds

def child(req, fds):
    sel.close()
    srv.close()
    for c in kernels.values():
        c.close()
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(req["cwd"])
    os.environ.clear()
    os.environ.update(req["env"])
    for entry in reversed([p for p in req["env"].get("PYTHONPATH", "").split(os.pathsep) if p]):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # the kernel watches its parent, the zygote, as a launched kernel watches JPY_PARENT_PID
    argv = [*req["argv"], "--IPKernelApp.parent_handle=%d" % os.getppid()]
    sys.argv = [ipykernel.kernelapp.__file__, *argv]
    code = 0
    try:
        ipykernel.kernelapp.IPKernelApp.launch_instance(argv=argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)

while True:
    for key, _ in sel.select(timeout=0.05):
        if key.fileobj is srv:
            conn, _ = srv.accept()
            try:
                req, fds = read_request(conn)
            except Exception:
                conn.close()
                continue
            pid = os.fork()
            if pid == 0:
                conn.close()
                child(req, fds)
            for fd in fds:
                os.close(fd)
            try:
                conn.sendall(b"%d\n" % pid)
            except OSError:  # its launcher is gone already
                os.kill(pid, signal.SIGKILL)
                conn.close()
                continue
            kernels[pid] = conn
            sel.register(conn, selectors.EVENT_READ, pid)
        elif key.fileobj == 0:
            if not os.read(0, 4096):
                for pid in kernels:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                os._exit(0)
        else:  # a launcher went away: its kernel goes too
            try:
                gone = not key.fileobj.recv(4096)
            except OSError:
                gone = True
            if gone:
                try:
                    os.kill(key.data, signal.SIGKILL)
                except OSError:
                    pass
    while kernels:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        conn = kernels.pop(pid, None)
        if conn is not None:
            sel.unregister(conn)
            try:
                conn.sendall(b"exit %d\n" % os.waitstatus_to_exitcode(status))
            except OSError:
                pass
            conn.close()
'''

_LAUNCHER = r'''
import json, os, signal, socket, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)  # until there is a kernel to pass it on to
try:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(sys.argv[1])
    data = json.dumps({"argv": sys.argv[2:], "env": dict(os.environ), "cwd": os.getcwd()}).encode()
    socket.send_fds(conn, [b"%08d" % len(data)], [0, 1, 2])
    conn.sendall(data)
    replies = conn.makefile("rb")
    pid = int(replies.readline())
except (OSError, ValueError, KeyboardInterrupt):  # the zygote is gone (the build is stopping): no kernel
    sys.exit(1)
def forward(signum, frame):
    try:
        os.kill(pid, signum)
    except OSError:
        pass
for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
    signal.signal(signum, forward)
try:
    line = replies.readline()
except OSError:
    line = b""
code = int(line.split()[1]) if line.startswith(b"exit ") else 1
sys.exit(code if code >= 0 else 128 - code)
'''


class _Zygote:
    """The process that forks kernels (see above); ``manager_class`` launches kernels through it."""

    def __init__(self, env: dict[str, str], folder: Path):
        import subprocess
        import tempfile

        self.dir = Path(tempfile.mkdtemp(prefix="cr-zygote-"))  # short path: AF_UNIX names are short
        self.socket = str(self.dir / "s")
        self.proc = subprocess.Popen([sys.executable, "-c", _ZYGOTE, self.socket, ",".join(FORK_PRELOAD)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=str(folder),
                                     start_new_session=True)

    ready = False

    def wait_ready(self) -> bool:
        self.ready = self.proc.stdout.readline().strip() == b"ready"
        return self.ready

    def manager_class(self):
        from jupyter_client.manager import AsyncKernelManager

        socket_path = self.socket

        class ForkedKernelManager(AsyncKernelManager):
            def format_kernel_cmd(self, extra_arguments=None):
                cmd = super().format_kernel_cmd(extra_arguments)
                if cmd[:3] == [sys.executable, "-m", "ipykernel_launcher"]:
                    return [sys.executable, "-I", "-S", "-c", _LAUNCHER, socket_path, *cmd[3:]]
                return cmd  # another kernel: started as usual

        return ForkedKernelManager

    def close(self) -> None:
        try:
            self.proc.stdin.close()  # it kills its kernels and exits
            if not self.ready:  # still importing: nothing to wait for
                self.proc.kill()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _fork_kernels_enabled() -> bool:
    import socket

    # Linux only: macOS does not support fork() without exec() once system frameworks are loaded
    return (sys.platform.startswith("linux") and hasattr(socket, "send_fds")
            and os.environ.get("CLOSE_READING_FORK_KERNELS", "1") not in ("0", "no", "false"))


def _start_zygote(build_root: Path) -> _Zygote | None:
    """A started zygote, or None when kernels are not forked here."""
    if not _fork_kernels_enabled():
        return None
    build_root.mkdir(parents=True, exist_ok=True)
    return _Zygote({**os.environ, "PYTHONPATH": _kernel_pythonpath()}, build_root)


def _kernel_pythonpath() -> str:
    """The kernel imports the helpers of the checkout being built (the ones the cache key hashed)."""
    return os.pathsep.join(p for p in (str(paths.project_root()), os.environ.get("PYTHONPATH", "")) if p)


# -- editions and rendering ------------------------------------------------------------------

def edition_notebook(executed: dict, edition: str) -> dict:
    """A copy of an executed notebook for one edition (student: solution/instructor cells removed,
    parameter inputs hidden, widget state reduced to what the remaining outputs use)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    nb = copy.deepcopy(executed)
    if edition == "student":
        nb["cells"] = [c for c in nb["cells"] if not (HIDDEN_TAGS & set(_tags(c)))]
        for cell in nb["cells"]:
            if INPUT_HIDDEN_TAGS & set(_tags(cell)):
                cell.setdefault("metadata", {}).setdefault("transient", {})["remove_source"] = True
    _prune_widget_state(nb)
    return nb


def _prune_widget_state(nb: dict) -> None:
    """Keep only the widget models referenced (directly or through other models) by remaining outputs."""
    widgets = nb.get("metadata", {}).get("widgets", {})
    state = widgets.get(WIDGET_STATE, {}).get("state", {})
    roots = [o.get("data", {}).get(WIDGET_VIEW, {}).get("model_id")
             for c in nb["cells"] for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    keep: set[str] = set()
    todo = [r for r in roots if r in state]
    while todo:
        model_id = todo.pop()
        if model_id in keep:
            continue
        keep.add(model_id)
        todo += [m for m in re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[model_id])) if m in state]
    if keep:
        widgets[WIDGET_STATE]["state"] = {k: state[k] for k in sorted(keep)}
    else:
        nb.get("metadata", {}).pop("widgets", None)


def workbook_json(source: dict) -> str:
    """The student workbook: the clean notebook without solution/instructor cells, outputs or widget state."""
    nb = copy.deepcopy(source)
    nb["cells"] = [c for c in nb["cells"] if not (HIDDEN_TAGS & set(_tags(c)))]
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)
    nb.get("metadata", {}).pop("papermill", None)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False).replace("</", "<\\/")
            .replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _chart_label(spec: dict) -> str:
    desc = spec.get("description") if isinstance(spec, dict) else None
    title = spec.get("title") if isinstance(spec, dict) else None
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return _one_line(desc or title or "Chart")


def _templates_dir() -> Path:
    return Path(__file__).resolve().parent / "templates"


def _page_renderer(item: _Notebook, edition: str, key: str, site_ctx: dict, widgets_ok: bool,
                   article_path: Path, build_root: Path) -> Callable[[], str]:
    def render() -> str:
        nb = edition_notebook(item.executed, edition)
        charts = 0
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                vl = next((m for m in VEGALITE_MIMETYPES if m in data), None)
                if vl:
                    charts += 1
                    out.setdefault("metadata", {})["close-reading"] = {
                        "id": f"chart-{charts}", "label": _chart_label(data[vl])}
        has_views = any(WIDGET_VIEW in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", []))
        widgets = bool(widgets_ok and has_views and nb.get("metadata", {}).get("widgets"))
        other = "instructor" if edition == "student" else "student"
        page = {**site_ctx, "title": item.title, "kind": f"{edition} edition", "edition": edition,
                "inputs": key, "root": "../", "charts": charts > 0, "widgets": widgets,
                "other_edition": other.capitalize(), "other_edition_href": f"../{other}/{item.name}.html"}
        html = _export_html(nb, page)
        return _relativize(html, [build_root / "scratch", paths.project_root(), article_path.parent])
    return render


def _export_html(nb_dict: dict, page: dict) -> str:
    import nbformat

    nb = nbformat.reads(json.dumps(nb_dict), as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"close_reading": page})
    return body


@functools.lru_cache(maxsize=1)
def _exporter():
    """One HTMLExporter per process (building its template environment is the slow part)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.extra_template_basedirs = [str(_templates_dir())]
    config.HTMLExporter.extra_template_paths = [str(_templates_dir())]  # for site/chrome.html.j2
    config.HTMLExporter.template_name = "close_reading"
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.NbConvertBase.display_data_priority = [
        *VEGALITE_MIMETYPES, WIDGET_VIEW, "text/html", "text/markdown", "image/svg+xml",
        "image/png", "image/jpeg", "text/plain"]  # no application/javascript: pages run no output JS
    exporter = _fast_exporter_class(HTMLExporter)(config=config)
    exporter.register_filter("script_json", _script_json)
    return exporter


def _fast_exporter_class(base):
    """``base`` (nbconvert's HTMLExporter) without its BeautifulSoup pass when that pass has nothing to do.

    The pass (more than half of a page's rendering time) only adds alt text to ``<img>`` tags that
    lack it and ``tabindex`` to cells inside ``.jp-Notebook``; our template emits neither, so a page
    without ``<img`` or ``jp-Notebook`` skips it, and any other page goes through the full pass.
    """
    import copy as copy_module

    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class FastHTMLExporter(base):
        def from_notebook_node(self, nb, resources=None, **kw):
            pristine = copy_module.deepcopy(resources)
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            if "<img" in html or "jp-Notebook" in html:
                return super().from_notebook_node(nb, pristine, **kw)
            return html, resources

    return FastHTMLExporter


def _relativize(html: str, roots: list[Path]) -> str:
    """Replace absolute paths of this machine (article folder, scratch, repository) by relative ones."""
    for root in roots:
        root_s = str(root.resolve())
        if root_s in ("/", ""):
            continue
        html = html.replace(root_s + "/", "").replace(root_s, ".")
    return html


def _jinja_env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_templates_dir())), autoescape=False,
                              keep_trailing_newline=True)


def _render_markdown_page(text: str, title: str, site_ctx: dict, key: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    page = {**site_ctx, "title": title, "kind": "lesson plan", "edition": None, "inputs": key, "root": "../",
            "charts": False, "widgets": False}
    return _jinja_env().get_template("site/page.html.j2").render(page=page, body=body)


def _render_index(ctx: dict, site_ctx: dict, key: str) -> str:
    env = _jinja_env()
    env.autoescape = False
    body = env.get_template("site/index_body.html.j2").render(**ctx)
    page = {**site_ctx, "title": "Contents", "kind": "index", "edition": None, "inputs": key, "root": "",
            "charts": False, "widgets": False}
    return env.get_template("site/page.html.j2").render(page=page, body=body)


def _widgets_available() -> bool:
    from helpers.site import assets

    return assets.widget_files() is not None


def _static_versions() -> dict:
    from helpers.site import assets

    return assets._read_marker(assets.cache_dir())


def _write_static(dest: Path, widgets_ok: bool) -> None:
    from helpers.site import assets

    assets.write_static(dest, widgets=widgets_ok)
    from pygments.formatters import HtmlFormatter

    css = "/* Pygments (style: default) */\n" + HtmlFormatter(style="default").get_style_defs(".highlight") + "\n\n"
    css += (_templates_dir() / "site" / "site.css").read_text(encoding="utf-8")  # after: its overrides win
    (dest / "site.css").write_text(css, encoding="utf-8")
