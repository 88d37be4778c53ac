"""Charts show in a live JupyterLab with no internet: JupyterLab's own Vega-Lite renderer draws
the chart outputs the helpers emit (application/vnd.vegalite.v5+json), with every request that
leaves the machine blocked."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from site_support import CHROMIUM, CHROMIUM_ARGS, STATE_TIMEOUT_S, jupyterlab, need_chromium, only_this_machine, wait_for

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
VEGALITE = "application/vnd.vegalite.v5+json"
VEGA_VIEWS = ".vega-embed svg, .vega-embed canvas"


@pytest.fixture()
def lab(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    with jupyterlab(root, tmp_path) as (base, token):
        yield base, token, root


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
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, token, folder = lab
    nb, _ = executed_notebook("01_source_article", SEED)
    charts = sum(VEGALITE in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert charts >= 2
    nbformat.write(nb, folder / "executed.ipynb")
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.route("**/*", only_this_machine(base, outside))
            page.goto(f"{base}/lab/tree/executed.ipynb?token={token}", timeout=STATE_TIMEOUT_S * 1000)
            wait_for(page, "the JupyterLab shell loading", "() => !!document.querySelector('#jp-main-dock-panel')")
            wait_for(page, "the notebook panel opening",
                     "() => !!document.querySelector('.jp-NotebookPanel .jp-Notebook .jp-Cell')")
            wait_for(page, "the notebook's outputs being attached",
                     "() => document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output').length > 0")
            drawn = _scroll_until_drawn(page, charts)
        finally:
            browser.close()
    assert drawn >= min(charts, 2), f"{drawn} of {charts} charts drawn in JupyterLab"
    assert outside == [], f"JupyterLab asked the internet for {outside[:3]}"
