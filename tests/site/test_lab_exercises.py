"""The exercises as a student meets them: the student kit opened in a real JupyterLab, each lesson
run with Run All in headless Chromium, and every exercise tried once the way a student who has
not found the answer yet would (first choice of each list, first option of each radio group, a
guess in each text box), then checked.

NOT COLLECTED by ``make test`` (the file name does not start with ``test_``): under load it does
not finish. In the full suite it stalled in lesson 02 for 15 minutes; run alone beside another
test run, lessons 01–03 passed and lesson 04's Run All did not finish within 180 s. Run it by
path while that is found out: ``.venv/bin/python -m pytest -s tests/site/lab_exercises_walk.py``.

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

from site_support import CHROMIUM, CHROMIUM_ARGS, STATE_TIMEOUT_S, jupyterlab, need_chromium, only_this_machine, wait_for

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "_build" / "screenshots" / "lab"
LESSONS = ("01_source_article", "02_close_reading", "03_citation_tracing", "04_actor_mapping",
           "05_argument_critique")
#: every exercise widget has this button (helpers.present.exercises.base.REVEAL_BUTTON)
REVEAL = "Show the answer"
VIEW = {"width": 1280, "height": 1400}
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("kit")]

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
            for name in LESSONS:
                page = browser.new_page(viewport=VIEW)
                page.set_default_timeout(STATE_TIMEOUT_S * 1000)
                page.route("**/*", only_this_machine(base, outside))
                page.goto(f"{base}/lab/tree/notebooks/{name}.ipynb?token={token}", timeout=STATE_TIMEOUT_S * 1000)
                wait_for(page, f"{name}: the notebook opening", "() => !!window.jupyterapp && "
                         "!!document.querySelector('.jp-NotebookPanel .jp-Notebook .jp-Cell')")
                wait_for(page, f"{name}: the kernel being ready",
                         "() => { const p = window.jupyterapp.shell.currentWidget; "
                         "return !!p && p.sessionContext?.session?.kernel?.status === 'idle'; }")
                page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
                wait_for(page, f"{name}: every cell having run (or one failing)",
                         "() => { const p = window.jupyterapp.shell.currentWidget; const cells = p.content.widgets;"
                         " if (p.sessionContext?.session?.kernel?.status !== 'idle') return false;"
                         " return cells.some(c => c.model.type === 'code' && c.model.outputs.toJSON()"
                         ".some(o => o.output_type === 'error')) || cells.every(c => c.model.type !== 'code'"
                         " || (c.model.executionCount !== null && c.model.executionCount > 0)); }")
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
    secrets = _long_secrets(article) + [flat(s) for s in _shown_answers(load_pack(article))]
    assert len(secrets) > 40
    shown = flat(" ".join(r["feedback"] for results in seen.values() for r in results))
    assert [s for s in secrets if s in shown] == [], "a first try showed key text"
    saved = "\n".join(p.read_text(encoding="utf-8") for p in work.rglob("*.json"))
    assert saved, f"nothing saved under {work}"
    assert outside == [], f"JupyterLab asked the internet for {outside[:3]}"
