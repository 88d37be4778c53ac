"""The exercises as a student meets them: the student kit opened in a real JupyterLab, each lesson
run with Run All in headless Chromium, and every exercise tried once the way a student who has
not found the answer yet would (first choice of each list, first option of each radio group, a
guess in each text box), then checked.

Run All is started on the page's notebook after making it the current one, and asked once more if no
cell has started and the kernel is idle after ``RUN_ALL_START_S`` (a page whose notebook tracker had
no current widget yet dropped the command: every prompt stayed "[ ]"). Each lesson opens in a
workspace of its own, reset, so that the notebooks of the earlier lessons are not restored beside
it. Requests leaving the server are recorded from the page's request events, not intercepted: a
route handler made every JupyterLab request wait on the test process, and the walk stalled between
lessons. ``LAB_WALK_LESSONS="04_actor_mapping"`` walks some lessons only (the summary assertion then
fails, by design).

What must hold: each try is counted and saved ("Saved: 1 try" under the exercise, the answer in
the work folder), the feedback after that first try is there and does not hold the model answer
(the kit's keys are sealed; a first try gets the first hint, never the answer), and nothing asks
the internet. A screenshot of every exercise after its first try is kept in
``_build/screenshots/lab/`` for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.model.article import load_article
from helpers.model.packs import load_pack
from test_kit import SEED_ARTICLE, _long_secrets, _shown_answers, flat

from site_support import CHROMIUM, CHROMIUM_ARGS, STATE_TIMEOUT_S, jupyterlab, need_chromium, wait_for

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "_build" / "screenshots" / "lab"
LESSONS = ("01_source_article", "02_close_reading", "03_citation_tracing", "04_actor_mapping",
           "05_argument_critique")
#: every exercise widget has this button (helpers.present.exercises.base.REVEAL_BUTTON)
REVEAL = "Show the answer"
VIEW = {"width": 1280, "height": 1400}
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("kit"), pytest.mark.timeout(1200)]

# The exercise boxes of the page: the VBox that holds the row of the check and reveal buttons.
_BOXES_JS = """() => {
  const rows = [...document.querySelectorAll('.jp-NotebookPanel .widget-hbox')]
    .filter(r => [...r.querySelectorAll('button')].some(b => b.textContent.trim() === %s));
  return rows.length;
}""" % json.dumps(REVEAL)

_TRY_JS = """(index) => {
  const rows = [...document.querySelectorAll('.jp-NotebookPanel .widget-hbox')]
    .filter(r => [...r.querySelectorAll('button')].some(b => b.textContent.trim() === %s));
  const box = rows[index].parentElement;
  box.scrollIntoView({block: 'center'});
  box.setAttribute('data-test-exercise', String(index));
  return true;
}""" % json.dumps(REVEAL)


_CELLS_JS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map((c, i) => [i, c.model.type,
  c.model.type === 'code' ? c.model.executionCount : null, c.model.type === 'code' ? c.model.outputs.length : null,
  (c.node.querySelector('.jp-InputPrompt') || {}).textContent || ''])"""


#: Run All, started and not awaited (the wait is bounded here, not by the command's promise), on the
#: notebook of the page made the current one first: the command acts on the notebook tracker's
#: current widget, and a page whose tracker had none yet dropped it (no cell ran, every prompt "[ ]").
_ACTIVATE_JS = """() => { const app = window.jupyterapp; const p = app.shell.currentWidget;
  app.shell.activateById(p.id); p.content.activate(); return app.commands.isEnabled('notebook:run-all-cells'); }"""
_RUN_ALL_JS = """() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }"""
_STARTED_JS = """() => { const p = window.jupyterapp.shell.currentWidget;
  return p.sessionContext?.session?.kernel?.status !== 'idle' || p.content.widgets.some(c => c.model.type === 'code'
  && ((c.model.executionCount || 0) > 0 || /\\*/.test((c.node.querySelector('.jp-InputPrompt') || {}).textContent || ''))); }"""
#: how long a Run All may take to start (a cell queued or run, or the kernel busy) before it is asked
#: once more; a second Run All while the first is still coming would run every cell twice and
#: replace the exercises under the pointer, so the wait is long and the retry only for a dropped one
RUN_ALL_START_S, RUN_ALL_TRIES = 90, 2


def _run_all(page, name: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    wait_for(page, f"{name}: Run All being enabled on the notebook", _ACTIVATE_JS)
    for attempt in range(1, RUN_ALL_TRIES + 1):
        page.evaluate(_RUN_ALL_JS)
        print(f"{name}: Run All (try {attempt})", file=sys.stderr, flush=True)
        try:
            page.wait_for_function(_STARTED_JS, timeout=RUN_ALL_START_S * 1000, polling=250)
            break
        except PlaywrightTimeout:
            continue
    _wait_for_run_all(page, name)


def _wait_for_run_all(page, name: str) -> None:
    js = ("() => { const p = window.jupyterapp.shell.currentWidget; const cells = p.content.widgets;"
          " if (p.sessionContext?.session?.kernel?.status !== 'idle') return false;"
          " return cells.some(c => c.model.type === 'code' && c.model.outputs.toJSON()"
          ".some(o => o.output_type === 'error')) || cells.every(c => c.model.type !== 'code'"
          " || (c.model.executionCount !== null && c.model.executionCount > 0)); }")
    try:
        page.wait_for_function(js, timeout=STATE_TIMEOUT_S * 1000, polling=250)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-run-all-stalled.png"))
        cells = page.evaluate(_CELLS_JS)
        pytest.fail(f"{name}: Run All did not finish within {STATE_TIMEOUT_S} s; cells (index, type, count, "
                    f"outputs, prompt): {cells}")


def _kit(out: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "helpers", "kit", "--out", str(out), "--salt", "lab-test"], cwd=REPO,
                          capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "CLOSE_READING_DATA"})
    assert proc.returncode == 0, proc.stderr
    return out


def _first_try(page, box) -> None:
    """What a student who has not found the answer yet does: first real choice of every list,
    the first option of every radio group, a guess in every text box; then the check button."""
    for select in box.locator("select:visible").all():
        options = select.locator("option").all()
        if len(options) > 1:
            select.select_option(index=1)
    for radio in box.locator(".widget-radio-box").all():
        first = radio.locator("input[type=radio]").first
        if first.count():
            first.evaluate("e => e.click()")
    for field in box.locator("textarea:visible, input[type=text]:visible").all():
        field.fill("p1.s1 my first reading")
        field.press("Tab")  # ipywidgets syncs a Text's value on blur
    box.locator(":scope > .widget-hbox button").first.click()


def _status(box) -> str:
    return " ".join(t.strip() for t in box.locator(":scope > .widget-html").all_inner_texts())


def test_every_kit_exercise_counts_and_saves_a_first_try_and_shows_no_answer(tmp_path):
    need_chromium()
    from playwright.sync_api import sync_playwright

    kit = _kit(tmp_path / "student-kit")
    work = tmp_path / "work"
    SHOTS.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list[dict]] = {}
    outside: list[str] = []
    with jupyterlab(kit, tmp_path / "lab", env={"PYTHONPATH": str(kit), "CLOSE_READING_WORK": str(work)},
                    unset=("CLOSE_READING_DATA",), expose_app=True, windowing="none") as (base, token), \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for name in os.environ.get("LAB_WALK_LESSONS", " ".join(LESSONS)).split():
                page = browser.new_page(viewport=VIEW)
                page.set_default_timeout(STATE_TIMEOUT_S * 1000)
                # recorded, not intercepted: a route handler makes every JupyterLab request wait on this
                # process, and the sync API served them only while it was itself inside a Playwright call
                page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url))
                print(f"{name}: opening", file=sys.stderr, flush=True)
                # a workspace of its own, reset: JupyterLab otherwise restores the notebooks the earlier
                # lessons opened, and one of them, not this lesson, could be the notebook Run All acts on
                page.goto(f"{base}/lab/workspaces/walk-{name}/tree/notebooks/{name}.ipynb?reset&token={token}",
                          timeout=STATE_TIMEOUT_S * 1000)
                wait_for(page, f"{name}: the notebook opening", "(n) => !!window.jupyterapp && "
                         "!!document.querySelector('.jp-NotebookPanel .jp-Notebook .jp-Cell') && "
                         "window.jupyterapp.shell.currentWidget?.context?.path === `notebooks/${n}.ipynb`", arg=name)
                wait_for(page, f"{name}: the kernel being ready",
                         "() => { const p = window.jupyterapp.shell.currentWidget; "
                         "return !!p && p.sessionContext?.session?.kernel?.status === 'idle'; }")
                _run_all(page, name)
                errors = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets"
                                       ".filter(c => c.model.type === 'code').flatMap(c => c.model.outputs.toJSON())"
                                       ".filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)")
                assert errors == [], f"{name}: a cell failed in JupyterLab: {errors}"
                count = page.evaluate(_BOXES_JS)
                print(f"{name}: {count} exercises", file=sys.stderr, flush=True)
                results = []
                for index in range(count):
                    page.evaluate(_TRY_JS, index)
                    box = page.locator(f"[data-test-exercise='{index}']")
                    output = box.locator(":scope > .widget-output")
                    print(f"{name}: exercise {index + 1}", file=sys.stderr, flush=True)
                    _first_try(page, box)
                    wait_for(page, f"{name}: exercise {index + 1} answering its check",
                             "(i) => { const b = document.querySelector(`[data-test-exercise='${i}']`);"
                             " const s = [...b.children].filter(c => c.classList.contains('widget-html'))"
                             ".map(c => c.textContent).join(' '); return /Saved/.test(s); }", arg=index)
                    # the screen with the exercise's feedback in view (an element picture of a tall box in
                    # JupyterLab's scrolling area is slow and garbled)
                    output.scroll_into_view_if_needed()
                    page.screenshot(path=str(SHOTS / f"{name}-exercise-{index + 1}.png"))
                    results.append({"status": _status(box), "feedback": " ".join(output.all_inner_texts())})
                seen[name] = results
                print(f"{name}: closing", file=sys.stderr, flush=True)
                page.close()
        finally:
            browser.close()

    summary = {name: len(r) for name, r in seen.items()}
    print(f"exercises tried per lesson: {summary}; screenshots in {SHOTS}")
    assert all(summary[name] >= 2 for name in LESSONS), summary
    for name, results in seen.items():
        for n, r in enumerate(results, start=1):
            assert re.search(r"Saved: (1 try|right at try 1)", r["status"]), (name, n, r)
            assert r["feedback"].strip(), (name, n, "no feedback after a try")
            assert "answer shown" not in r["status"], (name, n, r)
    article = load_article(SEED_ARTICLE)
    # a right guess is confirmed ("p1.s1: “…”, right"): that is the student's own answer, not a key shown;
    # every other form of a shown answer, and every long key text, must be absent
    secrets = _long_secrets(article) + [flat(s) for s in _shown_answers(load_pack(article))
                                        if not s.endswith((", right", "— right"))]
    assert len(secrets) > 40
    shown = flat(" ".join(r["feedback"] for results in seen.values() for r in results))
    leaked = [s for s in secrets if s in shown]
    assert leaked == [], f"a first try showed key text: {leaked}"
    saved = "\n".join(p.read_text(encoding="utf-8") for p in work.rglob("*.json"))
    assert saved, f"nothing saved under {work}"
    assert outside == [], f"JupyterLab asked the internet for {outside[:3]}"
