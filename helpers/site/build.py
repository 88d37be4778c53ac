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
of ``helpers``; a rendered page by its execution, its tags, the edition and the site's code
and templates. A rebuild with nothing changed executes and renders nothing; a tag-only
change re-renders. The site is built in a temporary folder and swapped in at the end, so a
failed build leaves the previous site untouched. Heavy imports happen only when something
must run. Cache entries that no build has used for 30 days are deleted.

This module orchestrates; the steps live beside it: ``parameters`` (the parameters cell),
``cache`` (content keys and cache files), ``execution`` with ``forkserver`` (running the
notebooks), ``editions`` and ``widgetstate`` (what each edition keeps), ``render`` (the HTML)
and ``assets`` (the offline JavaScript).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from helpers.core import paths
from helpers.core.errors import CourseInputError
from helpers.site import assets, execution, render
from helpers.site.cache import (BuildCache, copy_cell_metadata, execution_components, hash_files, key_of, read_json,
                                sha, shared_components, tree_files, write)
from helpers.site.editions import EDITIONS, edition_notebook, workbook_json
from helpers.site.forkserver import Zygote
from helpers.site.notebook import NOTEBOOK_GLOB, Notebook, notebook_title, read_notebook
from helpers.site.parameters import check_parameters

#: marks a folder as a site built here (only such a folder is ever replaced) and holds its keys
_MANIFEST = ".close-reading-build.json"
#: the site's code and templates: what every rendered page's key includes
_SITE_DIR = Path(__file__).resolve().parent

#: a planned output file: its content key, and how to make it when the page cache lacks it
Planned = tuple[str, Callable[[], "str | bytes"]]


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


class _Progress:
    """A simple progress display on stderr."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str) -> None:
        if self.enabled:
            print(text, file=sys.stderr, flush=True)


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
    build_root = Path(build_root) if build_root else paths.build_dir()
    build = _Build(article_path=paths.resolve_article(article),
                   notebooks_dir=Path(notebooks_dir) if notebooks_dir else paths.notebooks_dir(),
                   lessons_dir=Path(lessons_dir) if lessons_dir else paths.lessons_dir(),
                   build_root=build_root, helpers_dir=Path(helpers_dir) if helpers_dir else _SITE_DIR.parent,
                   cache=BuildCache(build_root / "cache"), jobs=max(1, int(jobs or os.cpu_count() or 1)),
                   force=force, parameters=parameters or {}, show=_Progress(progress), echo=echo)
    return build.run(Path(out_dir) if out_dir else None)


@dataclass
class _Build:
    """One build: its inputs, then (as the steps learn them) the article and what to render."""

    article_path: Path
    notebooks_dir: Path
    lessons_dir: Path
    build_root: Path
    helpers_dir: Path
    cache: BuildCache
    jobs: int
    force: bool
    parameters: dict[str, Any]
    show: _Progress
    echo: Callable[[str], None] | None
    lines: list[str] = field(default_factory=list)
    article_id: str = ""
    out_dir: Path = Path()
    widgets_ok: bool = False
    render_hash: str = ""
    site_ctx: dict[str, str] = field(default_factory=dict)

    def say(self, line: str) -> None:
        self.lines.append(line)
        if self.echo:
            self.echo(line)

    def run(self, out_dir: Path | None) -> BuildResult:
        # 1. inputs, hashed (cheap: no heavy imports on this path)
        shared = shared_components(self.article_path, self.helpers_dir)
        # a cold article (its summary not cached) means cold executions: start the kernels' zygote now,
        # so that its imports overlap the article's validation
        cold = not self.cache.has_article_summary(self.article_path, shared)
        zygote = execution.start_zygote(self.build_root) if cold else None
        try:
            summary = self._validated_article(shared)
            self.article_id = summary["id"]
            self.out_dir = self._checked_out_dir(out_dir)
            notebooks = self._read_notebooks(shared)
            # 2. execution: cache hits (tags copied over) or runs
            to_run = self._reuse_cached(notebooks)
            self._prepare_rendering(summary)
        except BaseException:
            if zygote is not None:
                zygote.close()
            raise
        rendered: set[str] = set()
        if to_run:
            rendered = self._execute(to_run, zygote)
        elif zygote is not None:
            zygote.close()
        # 3. plan every output file by content key; render only what the page cache lacks
        return self._write_site(notebooks, to_run, summary, rendered)

    def _validated_article(self, shared: dict[str, str]) -> dict[str, Any]:
        """Load the article once per content (fails fast with CourseInputError); later builds reuse the summary."""
        summary = self.cache.article_summary(self.article_path, shared)
        if summary is None:
            # lazy (heavy): loading an article imports spaCy; a known article needs neither
            from helpers.model.article import load_article

            summary = load_article(self.article_path).summary()
            self.cache.store_article_summary(self.article_path, shared, summary)
        return summary

    def _checked_out_dir(self, out_dir: Path | None) -> Path:
        out_dir = out_dir or default_out_dir(self.article_id, self.build_root)
        if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / _MANIFEST).exists())):
            raise CourseInputError(out_dir, "exists and is not a site built by this command, so it will not be replaced",
                                   "give --out an empty or new folder")
        return out_dir

    def _read_notebooks(self, shared: dict[str, str]) -> list[Notebook]:
        """Every notebook, its parameters checked, with its execution key."""
        params = {"article": str(self.article_path), **self.parameters}
        notebooks = []
        for path in sorted(self.notebooks_dir.glob(NOTEBOOK_GLOB)):
            nb = read_notebook(path)
            check_parameters(path, nb, params, self.cache)
            components = execution_components(nb, params, shared)
            notebooks.append(Notebook(name=path.stem, path=path, source=nb, title=notebook_title(nb, path.stem),
                                      components=components, params=params, key=key_of(components)))
        return notebooks

    def _reuse_cached(self, notebooks: list[Notebook]) -> list[Notebook]:
        """Take each notebook's execution from the cache when it is there; returns the others."""
        to_run: list[Notebook] = []
        for item in notebooks:
            cached = None if self.force else self.cache.executed(item.key)
            if cached is not None and copy_cell_metadata(item.source, cached):
                item.executed = cached
                self.say(f"{item.name}: reused (cache hit)")
            else:
                item.reason = "--force" if self.force else self.cache.reason(item, self.article_id)
                to_run.append(item)
        return to_run

    def _prepare_rendering(self, summary: dict[str, Any]) -> None:
        self.widgets_ok = assets.widget_files() is not None
        if not self.widgets_ok:
            self.say("note: widget assets are not installed, so widgets appear as static placeholders "
                     "(run 'python -m helpers.site.assets install')")
        self.render_hash = hash_files(tree_files(_SITE_DIR))
        self.site_ctx = {"article_id": self.article_id, "article_title": summary["title"]}

    def _execute(self, to_run: list[Notebook], zygote: Zygote | None) -> set[str]:
        """Run ``to_run``; a notebook's pages are rendered (one thread) while others run.

        Closes ``zygote``; returns the pages rendered.
        """
        renderer = render.PageRenderer(self.cache, self.force, self.show)

        def store(item: Notebook) -> None:  # as soon as each notebook is done, even if another fails
            copy_cell_metadata(item.source, item.executed)  # same metadata as a later cache hit
            self.cache.store_executed(item, self.article_id)
            self.say(f"{item.name}: executed ({item.reason})")
            renderer.submit(self._edition_pages(item))

        try:
            zygote = zygote or execution.start_zygote(self.build_root)
            scratch = self.build_root / "scratch"
            scratch.mkdir(parents=True, exist_ok=True)
            try:
                # builds sharing this build folder run one at a time here: each clears its notebooks' scratch folders
                with _locked(scratch / f".{self.article_id}.lock"):
                    execution.execute_all(to_run, scratch / self.article_id, self.jobs, self.show, store,
                                          warm_up=renderer.warm_up, zygote=zygote)
            finally:
                if zygote is not None:
                    zygote.close()
        except BaseException as exc:
            renderer.close(raise_errors=False)  # the execution error is the one to report
            if isinstance(exc, execution.ExecutionError):
                raise BuildError(str(exc)) from None
            raise
        renderer.close()
        return renderer.rendered

    def _edition_pages(self, item: Notebook) -> dict[str, Planned]:
        """The two edition pages of an executed notebook: {rel: (content key, renderer)}."""
        out = {}
        tags_json = json.dumps([c.get("metadata", {}) for c in item.executed["cells"]], sort_keys=True)
        for edition in EDITIONS:
            key = sha(json.dumps([item.key, tags_json, edition, self.render_hash, self.widgets_ok, self.site_ctx],
                                 sort_keys=True))
            out[f"{edition}/{item.name}.html"] = (key, functools.partial(self._notebook_page, item, edition, key))
        return out

    def _notebook_page(self, item: Notebook, edition: str, key: str) -> str:
        return render.notebook_page(edition_notebook(item.executed, edition), name=item.name, title=item.title,
                                    edition=edition, key=key, site_ctx=self.site_ctx, widgets_ok=self.widgets_ok,
                                    local_roots=[self.build_root / "scratch", paths.project_root(),
                                                 self.article_path.parent])

    def _plan(self, notebooks: list[Notebook], summary: dict[str, Any]) -> dict[str, Planned]:
        """Every file of the site but ``_static``: {rel: (content key, renderer)}."""
        plan: dict[str, Planned] = {}
        for item in notebooks:
            plan.update(self._edition_pages(item))
            wb_key = sha(json.dumps([item.source, self.render_hash], sort_keys=True))
            plan[f"workbooks/{item.name}.ipynb"] = (wb_key, functools.partial(workbook_json, item.source))
        lessons = []
        for md in sorted(self.lessons_dir.glob("*.md")) if self.lessons_dir.is_dir() else []:
            text = md.read_text(encoding="utf-8")
            key = sha(json.dumps([text, self.render_hash, self.site_ctx], sort_keys=True))
            title = next((m.group(1) for m in re.finditer(r"^#\s+(.+?)\s*$", text, re.M)), md.stem)
            lessons.append({"title": title, "href": f"lessons/{md.stem}.html"})
            plan[f"lessons/{md.stem}.html"] = (key, functools.partial(render.lesson_page, text, title, self.site_ctx, key))
        index_ctx = {"article": summary, "lessons": lessons, "notebooks": [
            {"name": i.name, "title": i.title, "student": f"student/{i.name}.html",
             "instructor": f"instructor/{i.name}.html", "workbook": f"workbooks/{i.name}.ipynb"} for i in notebooks]}
        index_key = sha(json.dumps([index_ctx, self.render_hash], sort_keys=True, default=str))
        plan["index.html"] = (index_key, functools.partial(render.index_page, index_ctx, self.site_ctx, index_key))
        return plan

    def _write_site(self, notebooks: list[Notebook], to_run: list[Notebook], summary: dict[str, Any],
                    rendered: set[str]) -> BuildResult:
        """Plan the site; unless the built one is up to date, assemble it and swap it in."""
        plan = self._plan(notebooks, summary)
        static_key = sha(json.dumps([self.render_hash, self.widgets_ok, assets.installed_versions()], sort_keys=True))
        site_key = sha(json.dumps([sorted((rel, k) for rel, (k, _) in plan.items()), static_key], sort_keys=True))
        out_dir = self.out_dir
        result = BuildResult(index=(out_dir / "index.html").resolve(), out_dir=out_dir.resolve(),
                             article_id=self.article_id, executed={i.name: i.reason or "" for i in to_run},
                             reused=[i.name for i in notebooks if i not in to_run], lines=self.lines,
                             rendered=sorted(rendered))
        self.cache.keep({i.key for i in notebooks}, {k for k, _ in plan.values()})
        manifest = read_json(out_dir / _MANIFEST) or {}
        if not self.force and manifest.get("key") == site_key and all((out_dir / rel).exists() for rel in plan):
            result.up_to_date = True
            self.say(f"site: up to date ({out_dir})")
            return result

        # 4. assemble the site in a temporary folder, then swap it in (one build at a time per folder)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = out_dir.parent / f".{out_dir.name}.new-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        with _locked(out_dir.parent / f".{out_dir.name}.lock"):
            self._assemble(plan, tmp, site_key, result)
        self.say(f"site: {len(result.rendered)} page(s) rendered, {len(plan) - len(result.rendered)} reused")
        return result

    def _assemble(self, plan: dict[str, Planned], tmp: Path, site_key: str, result: BuildResult) -> None:
        """Render what the page cache lacks, copy every file into ``tmp``, then swap ``tmp`` in."""
        try:
            for n, (rel, (key, make)) in enumerate(sorted(plan.items()), start=1):
                cached = self.cache.page(key)
                if rel not in result.rendered and (self.force or not cached.exists()):
                    self.show(f"[render {n}/{len(plan)}] {rel}")
                    write(cached, make())
                    result.rendered.append(rel)
                target = tmp / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cached, target)
            assets.write_static(tmp / "_static", widgets=self.widgets_ok)
            render.write_stylesheet(tmp / "_static")
            write(tmp / _MANIFEST, json.dumps({"key": site_key, "article": self.article_id,
                                               "files": {rel: k for rel, (k, _) in sorted(plan.items())}},
                                              indent=1, sort_keys=True))
            old = self.out_dir.parent / f".{self.out_dir.name}.old-{os.getpid()}"
            if self.out_dir.exists():
                os.replace(self.out_dir, old)
            os.replace(tmp, self.out_dir)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


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
