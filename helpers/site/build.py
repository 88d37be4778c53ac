"""The site build: execute each notebook once per article, cache it, render two editions.

``build_site()`` (``python -m helpers build``) runs every ``notebooks/NN_*.ipynb`` on one
article (papermill-style parameters, executed in-process by nbclient, several at once, each
in a fresh kernel forked from a process that has imported the heavy libraries once), then
renders a student and an instructor edition of each with nbconvert (while the others still
run), the lesson plans, student workbooks and an index. ``edition="student"`` (``--edition
student``) builds the student site only: the student pages, the workbooks, the guides written for
students and an index, with no instructor page and no link to one (``helpers.site.editions``);
``edition="instructor"`` the instructor pages, the lesson plans and the workbooks. Every page has
the site's navigation (``helpers.site.navigation``: the pages of its side of the course, previous
and next in course order, its table of contents); ``hub_url`` with ``kit_repo`` adds an "Open in
JupyterHub" link (nbgitpuller) to each student page.

Output: ``_build/html`` for the seed article, ``_build/html-<article id>`` for any other
(``--out`` chooses); a build of one edition adds ``-student`` or ``-instructor``. Cache: ``_build/cache`` is content-addressed and shared by all
articles: an execution is keyed by the notebook's code cells (not Markdown, tags or
metadata), the parameters, the article and its sidecar, every file under ``data/`` and the
files of ``helpers`` the notebook runs (``helpers.site.imports``); a rendered page by its
execution, the notebook as written, the edition and the site's code and templates. A rebuild
with nothing changed executes and renders nothing; a Markdown or tag change re-renders. The
site is built in a temporary folder and swapped in at the end, so a failed build leaves the
previous site untouched. Heavy imports happen only when something must run. Cache entries that
no build has used for 30 days are deleted. A ``Session`` keeps the execution machinery warm
between builds, and lets a build go on past a failing notebook (``helpers.site.preview``); without
one, a build's kernels come from a zygote that stays for the next build a few minutes
(``forkserver.SharedZygote``; ``CLOSE_READING_ZYGOTE_LINGER=0``: one zygote per build).

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
from helpers.site import assets, execution, navigation, render, search
from helpers.site.cache import (BuildCache, execution_components, hash_files, key_of, merge_executed, read_json, sha,
                                shared_components, tree_files, write)
from helpers.site.editions import (EDITIONS, edition_notebook, editions_for, notebook_editions, site_lessons,
                                   workbook_json)
from helpers.site.forkserver import SharedZygote, Zygote
from helpers.site.imports import ImportGraph
from helpers.site.notebook import NOTEBOOK_GLOB, Notebook, cell_source, notebook_title, read_notebook
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
    failed: dict[str, str] = field(default_factory=dict)  # notebook name -> the error (``Session.keep_going`` only)
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


def default_out_dir(article_id: str, build_root: Path | None = None, edition: str = "both") -> Path:
    """``_build/html`` for the seed article, ``_build/html-<id>`` for any other; ``-student`` or
    ``-instructor`` after it for a site of one edition."""
    root = build_root or paths.build_dir()
    name = "html" if article_id == paths.SEED_ARTICLE_ID else f"html-{article_id}"
    return root / (name if edition == "both" else f"{name}-{edition}")


def default_jobs(cores: int | None = None, available: int | None = None) -> int:
    """Notebooks executed at once by default: the cores, fewer when memory is short.

    Each kernel at work needs about ``KERNEL_MEMORY`` bytes; the kernel starting ahead of its turn
    and the build itself are counted in ``_RESERVED``. ``available``: bytes of memory free for
    new work (default: the system's ``MemAvailable``).
    """
    cores = cores or os.cpu_count() or 1
    available = _available_memory() if available is None else available
    if available is None:
        return cores
    return max(1, min(cores, (available - _RESERVED) // KERNEL_MEMORY))


#: memory one running kernel takes at its peak (measured: about 200 MB for the course's notebooks)
KERNEL_MEMORY = 300 * 2**20
#: memory kept out of the automatic limit: the build process, the zygote and a kernel starting ahead
_RESERVED = 600 * 2**20


def _available_memory() -> int | None:
    """``MemAvailable`` of /proc/meminfo in bytes (Linux); None elsewhere."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


@dataclass
class Session:
    """What a series of builds keeps between them (the preview server): a started zygote, so that
    kernels fork at once; the helpers' import graph, read again only where files changed; and,
    with ``keep_going``, the notebooks that failed, whose pages then show the error (a failing
    cell does not fail the build, and the notebook runs again only when its inputs change).

    ``close()`` stops the zygote (and any kernel it forked).
    """

    keep_going: bool = True
    zygote: Zygote | None = None
    graphs: dict[Path, ImportGraph] = field(default_factory=dict)
    failures: dict[str, tuple[dict, str]] = field(default_factory=dict)  # execution key -> (executed, error)
    preloaded: tuple[tuple[str, ...], str] = ((), "")   # the helpers modules the zygote imported, their digest

    def graph(self, folder: Path, cache: BuildCache) -> ImportGraph:
        graph = self.graphs.get(folder)
        if graph is None:
            graph = self.graphs[folder] = ImportGraph(folder, known=cache.import_records())
        else:
            graph.refresh()
        return graph

    def start(self, build_root: Path, preload: tuple[tuple[str, ...], str] = ((), "")) -> Zygote | None:
        """The session's zygote, started now if it is not running or imported other helpers than
        ``preload`` (the modules, their digest) names (None where kernels are not forked)."""
        if self.zygote is not None and (self.zygote.proc.poll() is not None or self.preloaded != preload):
            self.zygote.close()  # it died, or its helpers are not the ones the notebooks import now
            self.zygote = None
        if self.zygote is None:
            self.zygote = execution.start_zygote(build_root, helpers_modules=preload[0], helpers_digest=preload[1])
            self.preloaded = preload
        return self.zygote

    def close(self) -> None:
        if self.zygote is not None:
            self.zygote.close()
            self.zygote = None


def build_site(article: str | Path | None = None, *, notebooks_dir: Path | None = None,
               lessons_dir: Path | None = None, out_dir: Path | None = None,
               build_root: Path | None = None, jobs: int | None = None, force: bool = False,
               parameters: dict[str, Any] | None = None, helpers_dir: Path | None = None,
               progress: bool = True, echo: Callable[[str], None] | None = None,
               session: Session | None = None, edition: str = "both", hub_url: str | None = None,
               kit_repo: str | None = None, kit_branch: str = "main",
               kit_folder: str = navigation.KIT_FOLDER) -> BuildResult:
    """Build the site for one article (default: the seed). See the module docstring.

    Raises ``CourseInputError`` for bad input (article, notebook, parameter) and
    ``BuildError`` when a cell fails (unless ``session.keep_going``). ``echo`` receives one line
    per notebook/step. ``session`` keeps the execution machinery between builds (``Session``).
    ``jobs``: notebooks executed at once (default: ``default_jobs()``). ``edition``: ``both``
    (default), ``student`` (no instructor page and no link to one) or ``instructor``.
    ``hub_url`` with ``kit_repo`` (the student kit published as a git repository; ``kit_branch``,
    ``kit_folder``: nbgitpuller's branch and target folder) gives each student page an "Open in
    JupyterHub" link (``helpers.site.navigation.hub_link``); ``hub_url`` alone gives none, and says so.
    """
    build_root = Path(build_root) if build_root else paths.build_dir()
    build = _Build(article_path=paths.resolve_article(article),
                   notebooks_dir=Path(notebooks_dir) if notebooks_dir else paths.notebooks_dir(),
                   lessons_dir=Path(lessons_dir) if lessons_dir else paths.lessons_dir(),
                   build_root=build_root, helpers_dir=Path(helpers_dir) if helpers_dir else _SITE_DIR.parent,
                   cache=BuildCache(build_root / "cache"), jobs=max(1, int(jobs or default_jobs())),
                   force=force, parameters=parameters or {}, show=_Progress(progress), echo=echo, session=session,
                   edition=edition, editions=editions_for(edition),
                   hub=navigation.hub_settings(hub_url, kit_repo, kit_branch, kit_folder))
    if hub_url and not kit_repo:
        build.say("note: --hub-url without --kit-repo: the pages get no 'Open in JupyterHub' link "
                  "(give the student kit's git repository with --kit-repo)")
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
    session: Session | None = None
    edition: str = "both"
    editions: tuple[str, ...] = ("student", "instructor")
    hub: dict[str, str] | None = None
    lines: list[str] = field(default_factory=list)
    article_id: str = ""
    out_dir: Path = Path()
    widgets_ok: bool = False
    render_hash: str = ""
    site_ctx: dict[str, Any] = field(default_factory=dict)
    lessons: list[tuple[str, str, str]] = field(default_factory=list)  # (stem, Markdown, title) of each lesson page
    graph: ImportGraph | None = None   # helpers' import graph (the zygote imports what the notebooks import)

    def say(self, line: str) -> None:
        self.lines.append(line)
        if self.echo:
            self.echo(line)

    def run(self, out_dir: Path | None) -> BuildResult:
        # 1. inputs, hashed (cheap: no heavy imports on this path)
        graph = (self.session.graph(self.helpers_dir, self.cache) if self.session
                 else ImportGraph(self.helpers_dir, known=self.cache.import_records()))
        shared = shared_components(self.article_path)
        loader = graph.digest(graph.closure({"helpers.model.article"}))  # what validating the article runs
        # a cold article (its summary not cached) means cold executions: start the kernels' zygote now,
        # so that its imports overlap the article's validation
        cold = not self.cache.has_article_summary(self.article_path, {**shared, "loader": loader})
        self.graph = graph
        zygote = self._zygote() if cold else None
        try:
            summary = self._validated_article({**shared, "loader": loader})
            self.article_id = summary["id"]
            self.out_dir = self._checked_out_dir(out_dir)
            notebooks = self._read_notebooks(shared, graph)
            if graph.changed:
                self.cache.store_import_records(graph.parsed)
                graph.changed = False
            if zygote is None and (self.force or not all(self.cache.has_executed(i.key) for i in notebooks)):
                zygote = self._zygote()  # something will run: the zygote's imports overlap the cache reads
            # 2. execution: cache hits (the notebook's Markdown and tags merged in) or runs
            to_run = self._reuse_cached(notebooks)
            self._prepare_rendering(summary, notebooks)
        except BaseException:
            self._release(zygote)
            raise
        rendered: set[str] = set()
        unexecuted = self._unexecuted_pages(notebooks, summary)  # planned once: rendered early, then placed
        if to_run:
            rendered = self._execute(to_run, zygote, unexecuted)
        else:
            self._release(zygote)
        # 3. plan every output file by content key; render only what the page cache lacks
        return self._write_site(notebooks, to_run, unexecuted, rendered)

    def _helpers_preload(self) -> tuple[tuple[str, ...], str]:
        """The helpers modules the notebooks import (and those they import), for the zygote to import
        once for every kernel, with their digest; none when a notebook's imports cannot be told.
        Read only when a zygote starts (a build that runs nothing reads no notebook twice)."""
        graph = self.graph
        if graph is None:
            return (), ""
        modules: set[str] = set()
        for path in sorted(self.notebooks_dir.glob(NOTEBOOK_GLOB)):
            try:
                found = graph.notebook_modules(read_notebook(path))
            except CourseInputError:
                return (), ""       # the build reports the notebook; the kernels import what they need
            if found is None:
                return (), ""
            modules |= found
        names = tuple(sorted(m for m in modules if m == "helpers" or m.startswith("helpers.")))
        return names, graph.digest(set(names)) if names else ""

    def _zygote(self) -> Zygote | None:
        """A started zygote: the session's (kept), else one for this build."""
        modules, digest = self._helpers_preload()
        if self.session:
            return self.session.start(self.build_root, (modules, digest))
        zygote = execution.start_zygote(self.build_root, shared=True, helpers_modules=modules, helpers_digest=digest)
        if isinstance(zygote, SharedZygote):
            self.say(f"kernels: forked from the zygote an earlier build left running (it stays {zygote.linger:.0f} s "
                     f"after the last build)" if zygote.reused else
                     f"kernels: forked from a zygote that stays {zygote.linger:.0f} s after this build for the next one "
                     f"(CLOSE_READING_ZYGOTE_LINGER=0 turns this off)")
        return zygote

    def _release(self, zygote: Zygote | None) -> None:
        if zygote is not None and not (self.session and zygote is self.session.zygote):
            zygote.close()

    def _validated_article(self, shared: dict[str, str]) -> dict[str, Any]:
        """Load the article once per content (fails fast with CourseInputError); later builds reuse the summary."""
        summary = self.cache.article_summary(self.article_path, shared)
        if summary is None:
            # in this process (about 7 MB and 0.07 s: the segmenter is helpers.model.tokens, no
            # spaCy), while the zygote starts; a known article is not loaded again
            from helpers.model.article import load_article

            summary = json.loads(json.dumps(load_article(self.article_path).summary(), sort_keys=True, default=str))
            self.cache.store_article_summary(self.article_path, shared, summary)
        return summary

    def _checked_out_dir(self, out_dir: Path | None) -> Path:
        out_dir = out_dir or default_out_dir(self.article_id, self.build_root, self.edition)
        if out_dir.exists() and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / _MANIFEST).exists())):
            raise CourseInputError(out_dir, "exists and is not a site built by this command, so it will not be replaced",
                                   "give --out an empty or new folder")
        return out_dir

    def _read_notebooks(self, shared: dict[str, str], graph: ImportGraph) -> list[Notebook]:
        """Every notebook, its parameters checked, with its execution key."""
        params = {"article": str(self.article_path), **self.parameters}
        notebooks = []
        for path in sorted(self.notebooks_dir.glob(NOTEBOOK_GLOB)):
            nb = read_notebook(path)
            if not notebook_editions(nb, self.editions):  # an instructor-only notebook in a student-only site
                continue
            check_parameters(path, nb, params, self.cache)
            components = execution_components(nb, params, shared, graph.digest(graph.notebook_modules(nb)))
            notebooks.append(Notebook(name=path.stem, path=path, source=nb, title=notebook_title(nb, path.stem),
                                      components=components, params=params, key=key_of(components)))
        return notebooks

    def _reuse_cached(self, notebooks: list[Notebook]) -> list[Notebook]:
        """Take each notebook's execution from the cache when it is there; returns the others."""
        to_run: list[Notebook] = []
        failures = self.session.failures if self.session and self.session.keep_going else {}
        for item in notebooks:
            cached = None if self.force else self.cache.executed(item.key)
            merged = merge_executed(item.source, cached) if cached is not None else None
            failed = failures.get(item.key) if merged is None and not self.force else None
            if merged is not None:
                item.executed = merged
                self.say(f"{item.name}: reused (cache hit)")
            elif failed is not None and (merged := merge_executed(item.source, failed[0])) is not None:
                item.executed, item.error = merged, failed[1]
                self.say(f"{item.name}: failed, unchanged since ({item.error})")
            else:
                item.reason = "--force" if self.force else self.cache.reason(item, self.article_id)
                to_run.append(item)
        return to_run

    def _prepare_rendering(self, summary: dict[str, Any], notebooks: list[Notebook]) -> None:
        self.widgets_ok = assets.widget_files() is not None
        if not self.widgets_ok:
            self.say("note: widget assets are not installed, so widgets appear as static placeholders "
                     "(run 'python -m helpers.site.assets install')")
        self.render_hash = hash_files(tree_files(_SITE_DIR))
        self.lessons = self._read_lessons()
        # every page's key holds site_ctx: a page added, removed or renamed re-renders the pages listing it
        self.site_ctx = {"article_id": self.article_id, "article_title": summary["title"],
                         "navigation": navigation.site_navigation(
                             [{"name": i.name, "title": i.title, "pages": list(notebook_editions(i.source, self.editions)),
                               "workbook": "student" in notebook_editions(i.source, EDITIONS)} for i in notebooks],
                             [{"stem": stem, "title": title} for stem, _, title in self.lessons], self.editions)}
        if self.edition != "both":  # what a page may link to
            self.site_ctx["editions"] = list(self.editions)
        if self.hub:
            self.site_ctx["hub"] = self.hub

    def _read_lessons(self) -> list[tuple[str, str, str]]:
        """The pages of lessons/ this site holds: (stem, Markdown, title from its first heading)."""
        found = sorted(self.lessons_dir.glob("*.md")) if self.lessons_dir.is_dir() else []
        kept = set(site_lessons([md.stem for md in found], self.editions))
        out = []
        for md in (md for md in found if md.stem in kept):
            text = md.read_text(encoding="utf-8")
            title = next((m.group(1) for m in re.finditer(r"^#\s+(.+?)\s*$", text, re.M)), md.stem)
            out.append((md.stem, text, title))
        return out


    def _execute(self, to_run: list[Notebook], zygote: Zygote | None,
                 early: dict[str, Planned] | None = None) -> set[str]:
        """Run ``to_run``; a notebook's pages are rendered (one thread) while others run, and so are
        the ``early`` pages, which no execution changes, while the first kernels start.

        Releases ``zygote`` (closes it unless the session keeps it); returns the pages rendered.
        """
        renderer = render.PageRenderer(self.cache, self.force, self.show)

        def warm_up() -> None:
            renderer.warm_up()
            if early:
                renderer.submit(early)

        def store(item: Notebook) -> None:  # as soon as each notebook is done, even if another fails
            item.executed = merge_executed(item.source, item.executed)  # the same notebook as a later cache hit
            self.cache.store_executed(item, self.article_id)
            self.say(f"{item.name}: executed ({item.reason})")
            renderer.submit(self._edition_pages(item))

        def failed(item: Notebook, error: execution.ExecutionError) -> None:  # Session.keep_going: pages show it
            item.executed = merge_executed(item.source, error.partial) if error.partial else None
            if item.executed is None:  # the kernel failed before any cell: the notebook as written
                item.executed = merge_executed(item.source, _unexecuted(item.source))
            item.error = str(error)
            self.session.failures[item.key] = (item.executed, item.error)
            self.say(f"{item.name}: failed ({item.error})")
            renderer.submit(self._edition_pages(item))

        keep_going = bool(self.session and self.session.keep_going)
        try:
            zygote = zygote or self._zygote()
            scratch = self.build_root / "scratch"
            scratch.mkdir(parents=True, exist_ok=True)
            try:
                # builds sharing this build folder run one at a time here: each clears its notebooks' scratch folders
                with _locked(scratch / f".{self.article_id}.lock"):
                    execution.execute_all(to_run, scratch / self.article_id, self.jobs, self.show, store,
                                          warm_up=warm_up, zygote=zygote,
                                          on_failure=failed if keep_going else None)
            finally:
                self._release(zygote)
        except BaseException as exc:
            renderer.close(raise_errors=False)  # the execution error is the one to report
            if isinstance(exc, execution.ExecutionError):
                raise BuildError(str(exc)) from None
            raise
        renderer.close()
        return renderer.rendered

    def _edition_pages(self, item: Notebook) -> dict[str, Planned]:
        """The edition pages of an executed notebook (those this build makes): {rel: (content key, renderer)}.

        The key: the execution's, the notebook as written (its Markdown, tags and metadata, which
        a reused execution takes from it), an error shown in the page, the edition and the site."""
        out = {}
        written = sha(json.dumps([[[c.get("cell_type"), cell_source(c), c.get("metadata", {})]
                                   for c in item.source.get("cells", [])], item.source.get("metadata", {})],
                                 sort_keys=True, ensure_ascii=False))
        for edition in notebook_editions(item.source, self.editions):
            key = sha(json.dumps([item.key, written, item.error, edition, self.render_hash, self.widgets_ok,
                                  self.site_ctx], sort_keys=True))
            out[f"{edition}/{item.name}.html"] = (key, functools.partial(self._notebook_page, item, edition, key))
        return out

    def _notebook_page(self, item: Notebook, edition: str, key: str) -> str:
        return render.notebook_page(edition_notebook(item.executed, edition), name=item.name, title=item.title,
                                    edition=edition, key=key, site_ctx=self.site_ctx, widgets_ok=self.widgets_ok,
                                    local_roots=[self.build_root / "scratch", paths.project_root(),
                                                 self.article_path.parent], error=item.error)

    def _plan(self, notebooks: list[Notebook], unexecuted: dict[str, Planned]) -> dict[str, Planned]:
        """Every file of the site but ``_static``: {rel: (content key, renderer)}: the notebooks' edition
        pages (whose keys hold what their execution gave) and the ``unexecuted`` pages."""
        plan: dict[str, Planned] = {}
        for item in notebooks:
            plan.update(self._edition_pages(item))
        plan.update(unexecuted)
        return plan

    def _unexecuted_pages(self, notebooks: list[Notebook], summary: dict[str, Any]) -> dict[str, Planned]:
        """The pages no execution changes (workbooks, lessons, the index): {rel: (content key, renderer)}."""
        plan: dict[str, Planned] = {}
        for item in notebooks:
            if "student" in notebook_editions(item.source, EDITIONS):  # no workbook of an instructor-only notebook
                wb_key = sha(json.dumps([item.source, self.render_hash], sort_keys=True))
                plan[f"workbooks/{item.name}.ipynb"] = (wb_key, functools.partial(workbook_json, item.source))
        lessons = []
        for stem, text, title in self.lessons:
            rel = f"lessons/{stem}.html"
            key = sha(json.dumps([text, self.render_hash, self.site_ctx], sort_keys=True))
            lessons.append({"title": title, "href": rel})
            plan[rel] = (key, functools.partial(render.lesson_page, text, title, self.site_ctx, key, rel=rel))
        index_ctx = {"article": summary, "lessons": lessons, "notebooks": [
            {"name": i.name, "title": i.title,
             "student": f"student/{i.name}.html" if "student" in notebook_editions(i.source, self.editions) else None,
             "instructor": f"instructor/{i.name}.html" if "instructor" in self.editions else None,
             "workbook": f"workbooks/{i.name}.ipynb" if "student" in notebook_editions(i.source, EDITIONS) else None}
            for i in notebooks]}
        if "instructor" not in self.editions:
            index_ctx["lessons_heading"] = "Guides"
        index_key = sha(json.dumps([index_ctx, self.render_hash, self.site_ctx], sort_keys=True, default=str))
        plan["index.html"] = (index_key, functools.partial(render.index_page, index_ctx, self.site_ctx, index_key))
        return plan

    def _write_site(self, notebooks: list[Notebook], to_run: list[Notebook], unexecuted: dict[str, Planned],
                    rendered: set[str]) -> BuildResult:
        """Plan the site; unless the built one is up to date, assemble it and swap it in."""
        plan = self._plan(notebooks, unexecuted)
        static_key = sha(json.dumps([self.render_hash, self.widgets_ok, assets.installed_versions()], sort_keys=True))
        site_key = sha(json.dumps([sorted((rel, k) for rel, (k, _) in plan.items()), static_key], sort_keys=True))
        out_dir = self.out_dir
        result = BuildResult(index=(out_dir / "index.html").resolve(), out_dir=out_dir.resolve(),
                             article_id=self.article_id,
                             executed={i.name: i.reason or "" for i in to_run if i.error is None},
                             failed={i.name: i.error for i in notebooks if i.error is not None},
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
                assets.place(cached, target)
            assets.write_static(tmp / "_static", widgets=self.widgets_ok)
            render.write_static_files(tmp / "_static")
            search.write_indexes(tmp, plan, self.editions, store=self.cache.search_folder)
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


def _unexecuted(nb: dict) -> dict:
    """The notebook with no outputs: what a page shows of a notebook whose kernel failed at its start."""
    cells = [{**c, "outputs": [], "execution_count": None} if c.get("cell_type") == "code" else c
             for c in nb.get("cells", [])]
    return {**nb, "cells": cells}


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
