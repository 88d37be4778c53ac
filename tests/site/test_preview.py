"""The preview server (``python -m helpers preview``): a real server on 127.0.0.1 (a free port)
over a private copy of the fixture notebooks, real file edits, and HTTP checks that the pages
changed; one browser check that an open page reloads itself. Every test stops what it started.

The server of this module runs through the tests in order: each edits a file, waits for the
page to change and leaves the notebooks as it found them (or as the next test expects).
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers.site import preview

from edits import cell as _cell, edit_notebook as _edit_notebook, source as _source

HERE = Path(__file__).resolve().parents[1]  # tests/
REPO = HERE.parent
FIXTURES = HERE / "fixtures" / "build"
SEED = "edm-2019-16-138-moscow-baku-rapprochement"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: how long one rebuild may take here (a shared 2-core machine) before a test gives up
REBUILD_TIMEOUT = 120


def _get(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def _page_state(text: str) -> dict:
    """The reload script's state in a served page: its page, key and error."""
    return json.loads(re.search(r"var state = (\{.*?\}), banner", text).group(1))


class _Server:
    """``python -m helpers preview`` in a subprocess; its output lines are collected on a thread."""

    def __init__(self, ws: SimpleNamespace):
        env = {**os.environ, "CLOSE_READING_DATA": str(ws.data), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "helpers", "preview", "--port", "0", "--article", str(ws.article),
             "--notebooks", str(ws.notebooks), "--lessons", str(ws.lessons), "--build-root", str(ws.build_root),
             "--watch", str(ws.notebooks), "--watch", str(ws.lessons), "--watch", str(ws.data)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"Serving (http://127\.0\.0\.1:\d+/)", self.next_line(lambda l: "Serving" in l)).group(1)
        self.next_line(lambda line: line.startswith("first build:"))

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, match, timeout: float = REBUILD_TIMEOUT) -> str:
        """The next output line for which ``match`` is true (waits for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise AssertionError(f"the preview exited ({self.proc.returncode}): {self.seen[-5:]}")
                continue
            self.seen.append(line)
            if match(line):
                return line
        raise AssertionError(f"no such line within {timeout} s; last lines: {self.seen[-5:]}")

    def page(self, rel: str) -> str:
        return _get(self.url + rel)

    def wait_for_change(self, rel: str, state: dict, timeout: float = REBUILD_TIMEOUT) -> dict:
        """Long-poll as the page's script does until its key or error changes; returns the new state."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            query = urllib.parse.urlencode({"page": rel, "key": state["key"], "error": state["error"]})
            now = json.loads(_get(f"{self.url}_preview/wait?{query}", timeout=preview.WAIT_SECONDS + 10))
            if now["key"] != state["key"] or now["error"] != state["error"]:
                return now
        raise AssertionError(f"{rel} did not change within {timeout} s; last lines: {self.seen[-5:]}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode




@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(FIXTURES / "notebooks", root / "notebooks")
    shutil.copytree(FIXTURES / "lessons", root / "lessons")
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns(".*", "__pycache__"))
    return SimpleNamespace(root=root, notebooks=root / "notebooks", lessons=root / "lessons", data=root / "data",
                           build_root=root / "_build", article=root / "data" / "articles" / f"{SEED}.txt")


@pytest.fixture(scope="module")
def server(ws):
    import psutil

    srv = _Server(ws)
    srv.pids = {srv.proc.pid}
    try:
        yield srv
    finally:
        try:
            srv.pids |= {p.pid for p in psutil.Process(srv.proc.pid).children(recursive=True)}
        except psutil.Error:
            pass
        srv.stop()
        for pid in srv.pids:  # nothing left, whatever the tests did
            try:
                psutil.Process(pid).kill()
            except psutil.Error:
                pass


# -- serving -----------------------------------------------------------------------------------------

def test_pages_are_served_with_the_reload_script_and_the_built_files_have_none(server, ws):
    index = server.page("")
    assert "close-reading-preview" in index and "01_alpha" in index
    page = server.page("student/02_beta.html")
    state = _page_state(page)
    assert state["page"] == "student/02_beta.html" and len(state["key"]) == 64 and state["error"] == ""
    assert "Paragraphs: " in page
    served = server.page("_static/vega.js")  # other files as they are
    assert served == (ws.build_root / "preview" / "_static" / "vega.js").read_text()
    built = ws.build_root / "preview"
    pages = sorted(built.rglob("*.html"))
    assert len(pages) == 6 and not any("close-reading-preview" in p.read_text() for p in pages)


def test_make_html_output_has_no_reload_script(tmp_path, monkeypatch):
    from helpers.site.build import build_site

    monkeypatch.setenv("CLOSE_READING_DATA", str(REPO / "data"))
    only = tmp_path / "nb"
    only.mkdir()
    shutil.copy(FIXTURES / "notebooks" / "02_beta.ipynb", only)
    result = build_site(SEED, notebooks_dir=only, lessons_dir=FIXTURES / "lessons", build_root=tmp_path / "_build",
                        progress=False)
    pages = list(result.out_dir.rglob("*.html"))
    assert pages
    for path in pages:
        text = path.read_text()
        assert "close-reading-preview" not in text and "_preview/wait" not in text, path


def test_page_with_reload_puts_the_script_before_the_body_ends():
    out = preview.page_with_reload("<html><body><p>x</p></body></html>", "a.html", "k", "</script><b>")
    assert out.index("close-reading-preview") < out.index("</body>")
    assert "<\\/script><b>" in out  # the error cannot close the script early
    assert preview.page_with_reload("<p>no body</p>", "a.html", "k", None).startswith("<p>no body</p><script")


# -- rebuilding what a change touches ----------------------------------------------------------------

def test_a_code_cell_edit_reexecutes_that_notebook_and_its_page_changes(server, ws):
    state = _page_state(server.page("student/02_beta.html"))
    _edit_notebook(ws.notebooks / "02_beta.ipynb", lambda nb: _cell(nb, "beta-count").update(
        source=_source(_cell(nb, "beta-count")).replace("'Paragraphs:'", "'Paragraphs counted:'")))
    now = server.wait_for_change("student/02_beta.html", state)
    assert now["key"] != state["key"] and now["error"] == ""
    line = server.next_line(lambda l: "02_beta.ipynb changed" in l)
    assert "executed 02_beta" in line and "01_alpha" not in line
    assert "Paragraphs counted: " in server.page("student/02_beta.html")
    assert _page_state(server.page("student/01_alpha.html"))["key"]  # the other notebook is still served


def test_a_markdown_edit_rerenders_without_executing(server, ws):
    state = _page_state(server.page("instructor/02_beta.html"))
    _edit_notebook(ws.notebooks / "02_beta.ipynb", lambda nb: _cell(nb, "beta-title").update(
        source="# Beta fixture, seen in the preview"))
    server.wait_for_change("instructor/02_beta.html", state)
    line = server.next_line(lambda l: "02_beta.ipynb changed" in l)
    assert "executed" not in line and "page(s) rendered" in line
    page = server.page("instructor/02_beta.html")
    assert "Beta fixture, seen in the preview" in page and "Paragraphs counted: " in page


def test_a_lesson_plan_edit_reloads_its_page(server, ws):
    state = _page_state(server.page("lessons/01_alpha.html"))
    lesson = ws.lessons / "01_alpha.md"
    lesson.write_text(lesson.read_text() + "\nOne more line from the preview test.\n")
    server.wait_for_change("lessons/01_alpha.html", state)
    assert "One more line from the preview test." in server.page("lessons/01_alpha.html")
    assert "executed" not in server.next_line(lambda l: "01_alpha.md changed" in l)


# -- failures ------------------------------------------------------------------------------------------

def test_a_failing_cell_shows_its_error_in_the_page_and_the_server_goes_on(server, ws):
    state = _page_state(server.page("student/02_beta.html"))
    _edit_notebook(ws.notebooks / "02_beta.ipynb", lambda nb: nb["cells"].append(
        {"cell_type": "code", "execution_count": None, "id": "boom", "metadata": {}, "outputs": [],
         "source": "raise ValueError('no such paragraph')"}))
    server.wait_for_change("student/02_beta.html", state)
    assert "failed 02_beta" in server.next_line(lambda l: "02_beta.ipynb changed" in l)
    page = server.page("student/02_beta.html")
    assert 'class="build-error"' in page and "cell 4 failed: ValueError: no such paragraph" in page
    assert "Traceback" in page and "Paragraphs counted: " in page  # the cells that ran, and the traceback
    assert 'class="build-error"' not in server.page("student/01_alpha.html")
    # fixed: the page is whole again
    state = _page_state(page)
    _edit_notebook(ws.notebooks / "02_beta.ipynb", lambda nb: nb["cells"].pop())
    server.wait_for_change("student/02_beta.html", state)
    assert 'class="build-error"' not in server.page("student/02_beta.html")


def test_a_notebook_that_is_not_json_shows_a_banner_on_open_pages_until_it_is_fixed(server, ws):
    state = _page_state(server.page("index.html"))
    bad = ws.notebooks / "03_broken.ipynb"
    bad.write_text('{"cells": [')
    now = server.wait_for_change("index.html", state)
    assert "03_broken.ipynb" in now["error"] and "not a readable notebook" in now["error"]
    assert server.proc.poll() is None
    page = server.page("index.html")
    assert "03_broken.ipynb" in _page_state(page)["error"]  # a page opened now shows it too
    bad.unlink()
    assert server.wait_for_change("index.html", now)["error"] == ""


# -- stopping --------------------------------------------------------------------------------------

def test_ctrl_c_stops_the_server_the_zygote_and_every_kernel(ws, tmp_path):
    import psutil

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ws.notebooks / "02_beta.ipynb", notebooks)
    other = SimpleNamespace(**{**vars(ws), "notebooks": notebooks, "build_root": tmp_path / "_build"})
    srv = _Server(other)
    try:
        # a notebook that is running when Ctrl-C comes
        slow = tmp_path / "slow"
        (notebooks / "09_slow.ipynb").write_text(json.dumps({
            "cells": [{"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
                       "outputs": [], "source": 'article: str = ""'},
                      {"cell_type": "code", "execution_count": None, "id": "s", "metadata": {}, "outputs": [],
                       "source": f"open({str(slow)!r}, 'w').close()\nimport time\ntime.sleep(60)"}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}))
        deadline = time.monotonic() + REBUILD_TIMEOUT
        while not slow.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert slow.exists(), srv.seen[-5:]
        # the server, the zygote, a launcher and the kernel (forked by the zygote: its child)
        family = {srv.proc.pid} | {p.pid for p in psutil.Process(srv.proc.pid).children(recursive=True)}
        assert len(family) >= 4
        code = srv.stop()
        output = srv.seen + [srv.lines.get() for _ in range(srv.lines.qsize())]
        assert code == 0, "\n".join(output)
        # no traceback of the server's (a kernel stopped in the middle of a cell may log its own)
        assert "stopping the preview" in output and "helpers/site/" not in "\n".join(output)
        deadline = time.monotonic() + 15

        def alive():
            out = []
            for pid in family:
                try:
                    if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                        out.append(pid)
                except psutil.Error:
                    pass
            return out

        while alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert alive() == []
    finally:
        srv.stop()


# -- in a browser ----------------------------------------------------------------------------------

def test_an_open_page_reloads_itself_in_a_browser(server, ws):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(server.url + "student/02_beta.html")
            page.wait_for_function("() => document.body.innerText.includes('Paragraphs counted:')")
            _edit_notebook(ws.notebooks / "02_beta.ipynb", lambda nb: _cell(nb, "beta-count").update(
                source=_source(_cell(nb, "beta-count")).replace("'Paragraphs counted:'", "'Paragraphs in the browser:'")))
            page.wait_for_function("() => document.body.innerText.includes('Paragraphs in the browser:')",
                                   timeout=REBUILD_TIMEOUT * 1000)
            # a broken notebook: the open page shows the banner, then loses it when fixed
            bad = ws.notebooks / "03_broken.ipynb"
            bad.write_text("not json")
            page.wait_for_selector("[role=alert] >> text=not a readable notebook", timeout=REBUILD_TIMEOUT * 1000)
            bad.unlink()
            page.wait_for_function("() => !document.body.innerText.includes('could not rebuild')",
                                   timeout=REBUILD_TIMEOUT * 1000)
        finally:
            browser.close()
