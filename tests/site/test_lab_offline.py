"""Charts show in a live JupyterLab with no internet: JupyterLab's own Vega-Lite renderer draws
the chart outputs the helpers emit (application/vnd.vegalite.v5+json), with every request that
leaves the machine blocked."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VEGALITE = "application/vnd.vegalite.v5+json"
VEGA_VIEWS = ".vega-embed svg, .vega-embed canvas"
# Generous limits for each state the test waits for: under the full suite's load (two xdist
# workers running papermill, site builds and Chromium) JupyterLab's first start is slow. The test
# passes as soon as each state is reached; the limits only bound a real failure.
SERVER_START_S = 180
STATE_TIMEOUT_S = 180


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def lab(tmp_path):
    port, token = _free_port(), "close-reading-test"
    proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
                             f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
                             f"--ServerApp.root_dir={tmp_path}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / ".jupyter")})
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
        yield base, token, tmp_path
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _wait(page, what: str, js: str, arg=None, timeout_s: float = STATE_TIMEOUT_S) -> None:
    """Wait until ``js`` is true in the page; fail naming the state that never came."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_s * 1000, polling=250)
    except PlaywrightTimeout:
        pytest.fail(f"JupyterLab: {what} did not happen within {timeout_s:.0f} s")


def _scroll_until_drawn(page, charts: int, timeout_s: float = STATE_TIMEOUT_S) -> int:
    """JupyterLab virtualises long notebooks: scroll the notebook until every chart output has
    been attached and drawn, stopping as soon as they all are; return the most seen at once."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    drawn = 0
    deadline = time.monotonic() + timeout_s
    box = page.locator(".jp-NotebookPanel-notebook").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 400))
    while time.monotonic() < deadline:
        drawn = max(drawn, page.locator(VEGA_VIEWS).count())
        if drawn >= charts:
            break
        page.mouse.wheel(0, 600)
        try:  # a newly attached output: wait for its view, or scroll on
            page.wait_for_function(f"n => document.querySelectorAll({VEGA_VIEWS!r}).length > n",
                                   arg=drawn, timeout=1500, polling=100)
        except PlaywrightTimeout:  # nothing new in view yet: keep scrolling
            pass
    return drawn


def test_charts_draw_in_jupyterlab_offline(lab, executed_notebook):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's 'chromium' (make browser)")
        pytest.skip(f"{CHROMIUM} is not installed (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    base, token, folder = lab
    nb, _ = executed_notebook("01_source_article", SEED)
    charts = sum(VEGALITE in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert charts >= 2
    nbformat.write(nb, folder / "executed.ipynb")
    outside = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})

            def only_this_machine(route):
                if route.request.url.startswith(base):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", only_this_machine)
            page.goto(f"{base}/lab/tree/executed.ipynb?token={token}", timeout=STATE_TIMEOUT_S * 1000)
            _wait(page, "the JupyterLab shell loading", "() => !!document.querySelector('#jp-main-dock-panel')")
            _wait(page, "the notebook panel opening",
                  "() => !!document.querySelector('.jp-NotebookPanel .jp-Notebook .jp-Cell')")
            _wait(page, "the notebook's outputs being attached",
                  "() => document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output').length > 0")
            drawn = _scroll_until_drawn(page, charts)
        finally:
            browser.close()
    assert drawn >= min(charts, 2), f"{drawn} of {charts} charts drawn in JupyterLab"
    assert outside == [], f"JupyterLab asked the internet for {outside[:3]}"
