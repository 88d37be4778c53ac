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

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VEGALITE = "application/vnd.vegalite.v5+json"


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
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start within 30 s")
        yield base, token, tmp_path
    finally:
        proc.terminate()
        proc.wait(timeout=20)


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
            page.goto(f"{base}/lab/tree/executed.ipynb?token={token}")
            # JupyterLab virtualises long notebooks: scroll so that every output is attached
            drawn = 0
            for _ in range(80):
                drawn = max(drawn, page.locator(".vega-embed svg, .vega-embed canvas").count())
                if drawn >= charts:
                    break
                page.mouse.wheel(0, 1200)
                page.wait_for_timeout(250)
        finally:
            browser.close()
    assert drawn >= min(charts, 2), f"{drawn} of {charts} charts drawn in JupyterLab"
    assert outside == [], f"JupyterLab asked the internet for {outside[:3]}"
