"""What the site's browser tests share: headless Chromium (its path, its arguments, a module
fixture, a route that keeps a page off the network), a CLI build of the seed site, and a real
JupyterLab server on a free port of 127.0.0.1 with a token, its root a temporary folder.

Chromium's fixture is module-scoped on purpose: an open sync Playwright keeps an asyncio loop
running in its worker, which breaks later modules of the same worker that call ``asyncio.run()``
or start Playwright themselves. Use it as ``browser = pytest.fixture(scope="module", name="browser")(chromium)``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED_ARTICLE = REPO / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Generous limits for each state a test waits for: under the full suite's load (two xdist
# workers running papermill, site builds and Chromium) JupyterLab's first start is slow. A test
# passes as soon as each state is reached; the limits only bound a real failure.
SERVER_START_S = 180
STATE_TIMEOUT_S = 180


def need_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's 'chromium' (make browser)")
        pytest.skip(f"{CHROMIUM} is not installed (Debian package 'chromium'; 'make browser' installs it as root)")


def chromium():
    """Headless Chromium for one test module (a generator: wrap it in ``pytest.fixture``)."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def local_files_only(external: list[str]):
    """A Playwright route handler for pages read from disk: file, data, blob and about URLs go on,
    every other request is recorded in ``external`` and aborted."""
    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()
    return route


def build_seed_site(out: Path, *extra: str) -> subprocess.CompletedProcess:
    """``python -m helpers build`` of the seed article into ``out`` (``extra``: more options), as a
    user runs it: from the repository, the repository's data folder."""
    proc = subprocess.run([sys.executable, "-m", "helpers", "build", "--article", str(SEED_ARTICLE), "--out", str(out),
                           "--quiet", *extra], cwd=REPO, capture_output=True, text=True, timeout=900,
                          env={k: v for k, v in os.environ.items() if k != "CLOSE_READING_DATA"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root: Path, config: Path, *, env: dict[str, str] | None = None, unset: tuple[str, ...] = (),
               expose_app: bool = False, windowing: str | None = None):
    """Yield ``(base URL, token)`` of a JupyterLab serving ``root``; ``config`` is a scratch
    folder for its configuration and settings. ``expose_app`` makes ``window.jupyterapp``
    available to the page (to run commands such as Run All); ``windowing`` sets the notebook's
    windowing mode ('none' attaches every cell, so outputs far down the page exist)."""
    port, token = free_port(), "close-reading-test"
    settings = config / "settings"
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True, exist_ok=True)  # no "get notified about Jupyter news?" toast over the page
    news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    if windowing:
        tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
        tracker.parent.mkdir(parents=True, exist_ok=True)
        tracker.write_text(json.dumps({"windowingMode": windowing}), encoding="utf-8")
    child_env = {k: v for k, v in os.environ.items() if k not in unset}
    child_env.update({"JUPYTER_CONFIG_DIR": str(config / ".jupyter"), "JUPYTERLAB_SETTINGS_DIR": str(settings),
                      **(env or {})})
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
            "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"]
    if expose_app:
        args.append("--LabApp.expose_app_in_browser=True")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:  # poll the server's status until it answers, the process dies, or the deadline
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"JupyterLab exited with code {proc.returncode} before answering on {base}")
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer /api/status within {SERVER_START_S} s")
                time.sleep(0.25)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def wait_for(page, what: str, js: str, arg=None, timeout_s: float = STATE_TIMEOUT_S) -> None:
    """Wait until ``js`` is true in the page; fail naming the state that never came."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_s * 1000, polling=250)
    except PlaywrightTimeout:
        pytest.fail(f"JupyterLab: {what} did not happen within {timeout_s:.0f} s")


def only_this_machine(base: str, outside: list[str]):
    """A Playwright route handler: requests to ``base`` go on, every other is recorded and aborted."""
    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()
    return route


@contextlib.contextmanager
def shared_zygote_runtime(monkeypatch):
    """A short private runtime folder for the zygotes builds leave running (a Unix socket's path
    has at most 107 bytes); every zygote started in it is killed afterwards."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="crz-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
    try:
        yield folder
    finally:
        for pid_file in Path(folder).rglob("pid"):
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid_file.read_text()), 9)
        shutil.rmtree(folder, ignore_errors=True)
