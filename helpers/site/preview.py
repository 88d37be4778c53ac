"""Live preview: ``python -m helpers preview`` (``make preview``) builds the site, serves it on
127.0.0.1, watches the course's files and rebuilds what each saved change touches.

- **Warm.** One ``build.Session`` lives as long as the server: its zygote (the process kernels
  are forked from, with the notebooks' libraries imported) starts before the first build and
  stays, and this process keeps nbclient, nbconvert and its exporter loaded, so a rebuild pays
  for the notebook and its two pages, not for start-up.
- **Only what changed.** A rebuild is an ordinary build with the cache: a notebook runs again
  only when its execution key changes (its code cells, parameters, ``data/``, or the helpers
  modules it imports: ``helpers.site.imports``); a Markdown or tag edit re-renders its pages.
- **Pages reload themselves.** Every HTML page this server sends carries a small script (added
  as the page is sent: the files on disk are the build's, and ``make html`` never has it). The
  script asks ``/_preview/wait`` whether its page's content key (from the site's manifest)
  has changed; the server answers when it has, or after ``WAIT_SECONDS``, and the page
  reloads. A build that fails on its input (a notebook that is not JSON, a bad parameter)
  shows its message in a banner on every open page; a failing cell shows its error in its
  notebook's pages (``Session.keep_going``) and the other notebooks are built as usual.
- **The build's own code.** A change to ``helpers/site`` (or another module this process has
  imported) cannot take effect in a running process: run as the program, the server restarts
  itself in place (same process id, same port); called from Python, it says so and goes on.
- **Stopping.** Ctrl-C (or SIGTERM) stops the watcher, the HTTP server, the zygote and any kernel.

The site is written to ``_build/preview`` (``_build/preview-<article id>`` for another article),
beside the ``_build/html`` of ``make html``, and shares its cache.
"""

from __future__ import annotations

import html
import json
import os
import queue
import signal
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, unquote, urlsplit

from helpers.core import paths
from helpers.core.errors import CourseInputError
from helpers.site.build import BuildError, BuildResult, Session, build_site

#: what a long poll waits at most before it answers "unchanged"
WAIT_SECONDS = 20.0
#: the manifest a built site carries (``helpers.site.build``): its "files" map each page to its content key
_MANIFEST = ".close-reading-build.json"
#: files and folders whose changes are not the course's
_IGNORED_DIRS = {".ipynb_checkpoints", "_build", "__pycache__", ".git", ".venv", "node_modules"}
_IGNORED_SUFFIXES = (".pyc", ".pyo", ".swp", ".swx", ".tmp", "~")

#: the script added to each page sent (``%(config)s``: the page, its key and the build error shown)
RELOAD_SCRIPT = """<script id="close-reading-preview">
(function () {
  var state = %(config)s, banner = null;
  function show(message) {
    if (!message) { if (banner) { banner.remove(); banner = null; } return; }
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:1000;padding:.5rem 1rem;" +
        "background:#fff0f0;color:#a40000;border-bottom:2px solid #a40000;font:14px/1.4 system-ui,sans-serif";
      document.body.appendChild(banner);
    }
    banner.textContent = "The preview could not rebuild the site: " + message;
  }
  function poll() {
    var url = "/_preview/wait?page=" + encodeURIComponent(state.page) + "&key=" + encodeURIComponent(state.key) +
      "&error=" + encodeURIComponent(state.error);
    fetch(url, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (now) {
      if (now.key !== state.key) { window.location.reload(); return; }
      state.error = now.error; show(now.error); poll();
    }, function () { setTimeout(poll, 300); });  /* the server is restarting or stopped: try again */
  }
  show(state.error);
  poll();
})();
</script>
"""

_BUILDING_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Close Reading Lab preview</title></head>
<body><main><h1>Close Reading Lab preview</h1><p>%(message)s</p></main></body></html>
"""


def preview_out_dir(article_id: str, build_root: Path | None = None) -> Path:
    """``_build/preview`` for the seed article, ``_build/preview-<id>`` for any other."""
    root = build_root or paths.build_dir()
    return root / ("preview" if article_id == paths.SEED_ARTICLE_ID else f"preview-{article_id}")


def page_with_reload(page_html: str, rel: str, key: str, error: str | None) -> str:
    """``page_html`` with the reload script before its ``</body>`` (at its end when it has none)."""
    config = json.dumps({"page": rel, "key": key, "error": error or ""}).replace("</", "<\\/")
    script = RELOAD_SCRIPT % {"config": config}
    at = page_html.rfind("</body>")
    return page_html + script if at < 0 else page_html[:at] + script + page_html[at:]


class PreviewState:
    """What the HTTP handlers read and the rebuilds change: the site folder, each page's content
    key, the build error to show; ``wait`` blocks until a page's key or the error changes."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.out_dir: Path | None = None
        self.keys: dict[str, str] = {}
        self.error: str | None = None
        self.stopping = False

    def update(self, *, out_dir: Path | None = None, keys: dict[str, str] | None = None,
               error: str | None = None) -> None:
        with self.cond:
            if out_dir is not None:
                self.out_dir = out_dir
            if keys is not None:
                self.keys = keys
            self.error = error
            self.cond.notify_all()

    def wait(self, page: str, key: str, error: str, timeout: float = WAIT_SECONDS) -> dict[str, str]:
        with self.cond:
            self.cond.wait_for(lambda: self.stopping or self.keys.get(page, "") != key
                               or (self.error or "") != error, timeout=timeout)
            return {"key": self.keys.get(page, ""), "error": self.error or ""}

    def stop(self) -> None:
        with self.cond:
            self.stopping = True
            self.cond.notify_all()


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site folder of ``state``, each HTML page with the reload script, and ``/_preview/wait``."""

    state: PreviewState  # set on the subclass made by ``make_server``
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass  # quiet: the console shows rebuilds, not requests

    def translate_path(self, path: str) -> str:
        out_dir = self.state.out_dir
        if out_dir is None:
            return "/nonexistent"
        rel = unquote(urlsplit(path).path).lstrip("/")
        target = (out_dir / rel).resolve()
        base = out_dir.resolve()
        return str(target) if target == base or base in target.parents else "/nonexistent"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 (the base class's name)
        url = urlsplit(self.path)
        if url.path == "/_preview/wait":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            self._send(200, "application/json",
                       json.dumps(self.state.wait(query.get("page", ""), query.get("key", ""), query.get("error", ""))))
            return
        rel = unquote(url.path).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if not rel.endswith(".html"):
            super().do_GET()
            return
        local = Path(self.translate_path("/" + rel))
        try:
            text = local.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            status, text = 404, _BUILDING_PAGE % {"message": html.escape(
                "Building the site …" if self.state.out_dir is None or not self.state.keys else "No such page.")}
        else:
            status = 200
        self._send(status, "text/html; charset=utf-8",
                   page_with_reload(text, rel, self.state.keys.get(rel, ""), self.state.error))

    def _send(self, status: int, content_type: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(HTTPStatus(status))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def make_server(state: PreviewState, port: int) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1:``port`` (0: a free port) for ``state``; serve it with ``serve_forever``."""
    handler = type("PreviewHandler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def manifest_keys(out_dir: Path) -> dict[str, str]:
    """Each file of a built site and its content key (from its manifest); empty when there is none."""
    try:
        return dict(json.loads((out_dir / _MANIFEST).read_text(encoding="utf-8")).get("files", {}))
    except (OSError, ValueError, AttributeError):
        return {}


class _Watched:
    """Which changed paths matter and what they call for."""

    def __init__(self, folders: list[Path], helpers_dir: Path):
        self.folders = [f.resolve() for f in folders]
        self.helpers_dir = helpers_dir.resolve()

    def __call__(self, change: Any, path: str) -> bool:  # a watchfiles filter
        p = Path(path)
        return not (_IGNORED_DIRS & set(p.parts) or p.name.startswith(".") or p.name.endswith(_IGNORED_SUFFIXES))

    def needs_restart(self, changed: set[Path]) -> list[Path]:
        """The changed files that are this process's own code: ``helpers/site`` (code and templates)
        and any module it has imported."""
        loaded = {Path(m.__file__).resolve() for m in list(sys.modules.values())
                  if getattr(m, "__file__", None)}
        site_dir = self.helpers_dir / "site"
        return sorted(p for p in changed if p in loaded or site_dir in p.parents)


def serve(article: str | Path | None = None, *, port: int = 8000, jobs: int | None = None,
          parameters: dict[str, Any] | None = None, notebooks_dir: Path | None = None,
          lessons_dir: Path | None = None, build_root: Path | None = None, out_dir: Path | None = None,
          helpers_dir: Path | None = None, watch: list[Path] | None = None, restart: bool = False,
          echo: Callable[[str], None] | None = None, ready: Callable[[str], None] | None = None,
          stop: threading.Event | None = None) -> int:
    """Build, serve and rebuild until Ctrl-C (or ``stop`` is set); returns the exit status.

    ``watch``: the folders watched (default: notebooks, lessons, data and helpers). ``restart``:
    restart the process in place when the build's own code changes (the command line does, when
    run as the program). ``ready`` receives the URL once the first build is served.
    """
    # lazy: watchfiles is needed only by the preview
    try:
        from watchfiles import watch as watch_changes
    except ImportError:
        raise CourseInputError(None, "the preview needs the 'watchfiles' package",
                               "install it: .venv/bin/pip install watchfiles") from None

    say = echo or (lambda line: print(line, flush=True))
    article_path = paths.resolve_article(article)
    build_root = Path(build_root) if build_root else paths.build_dir()
    helpers_dir = Path(helpers_dir) if helpers_dir else Path(__file__).resolve().parents[1]
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else paths.notebooks_dir()
    lessons_dir = Path(lessons_dir) if lessons_dir else paths.lessons_dir()
    folders = [Path(w) for w in watch] if watch else [notebooks_dir, lessons_dir, paths.data_dir(), helpers_dir]
    folders = [f for f in folders if f.is_dir()]
    out_dir = Path(out_dir) if out_dir else preview_out_dir(paths.article_id_for(article_path), build_root)
    port = int(os.environ.pop("CLOSE_READING_PREVIEW_PORT", port))  # set by a restart: the same port again
    watched = _Watched(folders, helpers_dir)
    stop = stop or threading.Event()

    state = PreviewState()
    session = Session(keep_going=True)
    server = make_server(state, port)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    server_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                     name="preview-http", daemon=True)
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        # KeyboardInterrupt wherever this thread is, also inside a build's event loop (asyncio.run
        # leaves a handler of ours in place): the build's tasks are cancelled and their kernels killed
        interrupted = threading.Event()

        def interrupt(signum: int, frame: Any) -> None:
            interrupted.set()  # what the build's clean-up makes of the KeyboardInterrupt, this stays
            raise KeyboardInterrupt

        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, interrupt)
    else:
        interrupted = threading.Event()
        interrupt = None

    def rebuild(why: str) -> BuildResult | None:
        t0 = time.perf_counter()
        lines: list[str] = []
        try:
            try:
                result = build_site(article_path, notebooks_dir=notebooks_dir, lessons_dir=lessons_dir,
                                    out_dir=out_dir, build_root=build_root, jobs=jobs, parameters=parameters,
                                    helpers_dir=helpers_dir, progress=False, echo=lines.append, session=session)
            finally:
                for signum in previous:  # nbclient leaves Python's own handlers after a notebook has run
                    signal.signal(signum, interrupt)
                if interrupted.is_set():  # stopped in the middle: nothing of this build counts
                    raise KeyboardInterrupt
        except (CourseInputError, BuildError) as exc:
            state.update(error=str(exc))
            say(f"{why}: error: {exc} (the pages show it; fix it and save again)")
            return None
        before = state.keys
        keys = manifest_keys(result.out_dir)
        state.update(out_dir=result.out_dir, keys=keys, error=None)
        reloaded = sorted(rel for rel, key in keys.items() if rel.endswith(".html") and before.get(rel) != key)
        what = [f"executed {', '.join(result.executed)}" if result.executed else "",
                f"failed {', '.join(result.failed)}" if result.failed else "",
                f"{len(result.rendered)} page(s) rendered" if result.rendered else ""]
        done = "; ".join(w for w in what if w) or "nothing to do"
        say(f"{why}: {done}; {len(reloaded)} page(s) changed in {time.perf_counter() - t0:.2f} s")
        for name, error in result.failed.items():
            say(f"  {name}: {error}")
        return result

    # the watcher runs on its own thread from the start (a change saved during a build is not
    # lost); builds run on this one, which also gets Ctrl-C
    changes: queue.Queue[set[Path]] = queue.Queue()
    watching = threading.Event()

    def watch_loop() -> None:
        try:
            for batch in watch_changes(*folders, watch_filter=watched, debounce=1600, step=50, stop_event=stop,
                                       yield_on_timeout=True, rust_timeout=200, raise_interrupt=False):
                watching.set()
                if batch:
                    changes.put({Path(path).resolve() for _, path in batch})
        finally:
            watching.set()
            changes.put(set())  # wakes the builds' thread when the watcher stops

    watcher = threading.Thread(target=watch_loop, name="preview-watch", daemon=True)
    restart_now = False
    try:
        session.start(build_root)  # the zygote imports while the first build reads and hashes
        watcher.start()
        server_thread.start()
        watching.wait(timeout=5)
        say(f"Serving {url} (Ctrl-C to stop); watching {', '.join(str(f) for f in folders)}")
        rebuild("first build")
        if ready:
            ready(url)
        while not (stop.is_set() or interrupted.is_set()):
            try:
                changed = changes.get(timeout=0.2)
            except queue.Empty:
                continue
            while not changes.empty():  # everything saved meanwhile: one rebuild
                changed |= changes.get_nowait()
            if not changed:
                if not watcher.is_alive():
                    break
                continue
            own = watched.needs_restart(changed)
            if own:
                names = ", ".join(str(p.relative_to(watched.helpers_dir.parent)) if watched.helpers_dir.parent in p.parents
                                  else str(p) for p in own)
                if restart:
                    say(f"{names} changed: the build's own code; restarting the preview")
                    restart_now = True
                    break
                say(f"{names} changed: the build's own code; restart the preview to use it")
                changed -= set(own)
                if not changed:
                    continue
            rebuild(_describe(changed, folders))
    except KeyboardInterrupt:
        say("stopping the preview")
    finally:
        stop.set()
        state.stop()
        server.shutdown()
        server.server_close()
        session.close()
        watcher.join(timeout=5)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if restart_now:
        sys.stdout.flush()
        sys.stderr.flush()
        os.environ["CLOSE_READING_PREVIEW_PORT"] = str(server.server_address[1])
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
    return 0


def _describe(changed: set[Path], folders: list[Path]) -> str:
    """``notebooks/02_x.ipynb changed`` (or ``3 files changed``), relative to the watched folders."""
    if len(changed) != 1:
        return f"{len(changed)} files changed"
    path = next(iter(changed))
    for folder in folders:
        if folder.resolve() in path.parents:
            return f"{folder.name}/{path.relative_to(folder.resolve())} changed"
    return f"{path} changed"
