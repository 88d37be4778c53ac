"""Self-checks in the static site (helpers/present/exercises/selfcheck.py, templates/static/selfcheck.js),
proved on real builds in real Chromium with the network blocked.

The seed site and the hostile article's site (20 kB, with a small pack of its own whose keys and
reasons are payloads too) are built once for the module, in parallel, by ``python -m helpers
build``. On the student pages of 01, 02 and 05 the forms give the hint ladder of the kernel (the
same words, Python against JavaScript), keep the answers in localStorage across a reload, export
the W3C Web Annotations the Python exporter makes from the same answers, hold no answer in clear,
fold typographic marks as ``helpers.core.text.fold`` does, pass axe-core in light and dark mode,
fit a 360 px screen, and keep the hostile article's payloads inert.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_support import chromium
from test_site_trust import (SEED, SEED_ARTICLE, TRAP, _student_haystack, hostile_article)

from helpers.analysis.arguments import pack_argument_map
from helpers.core.text import fold
from helpers.model.article import load_article
from helpers.model.keys import matches, seal
from helpers.model.packs import load_pack
from helpers.present.exercises import schemes, selfcheck
from helpers.present.exercises.choice import ChoiceExercise, conclusion_voice_exercise, sentence_options
from helpers.present.exercises.labels import VOICE_LABELS, LabelExercise, VoiceExercise

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
#: the self-checks each student page has (every other exercise keeps its widget)
LIVE = {"01_source_article": ["01_predict_question", "01_opening_voices"], "02_close_reading": ["02_voices"],
        "03_citation_tracing": [], "04_actor_mapping": [], "05_argument_critique": ["05_conclusion_voice"]}
HOSTILE_PACK = """\
01_predict_question:
  answer: p1.s2
  why: "Because <script>window.__pwned('why-script')</script> it quotes </script><img src=x onerror=window.__pwned('why-img')>"
  hint: "Look for <b onmouseover=window.__pwned('hint')>the quote</b> **bold** *em*"
  feedback:
    p1.s1: "Not <script>window.__pwned('feedback')</script> this one"
  discussion: "<iframe srcdoc=\\"<script>parent.__pwned('discussion')</script>\\"></iframe> discussed"
01_opening_voices:
  labels:
    p1.s1: the author's own voice
    p1.s2: a reported view
  why:
    p1.s2: "Berg <script>window.__pwned('label-why')</script> speaks"
"""


# -- the builds ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The seed site and the hostile site (20 kB article, its own pack), built in parallel."""
    root = tmp_path_factory.mktemp("selfcheck")
    article = hostile_article(root / "articles", size=20_000)
    data = root / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    (data / "annotations" / "hostile-article").mkdir()
    (data / "annotations" / "hostile-article" / "exercises.yaml").write_text(HOSTILE_PACK, encoding="utf-8")
    notebooks = root / "notebooks"  # the hostile site: the lesson with both kinds of self-check
    notebooks.mkdir()
    shutil.copy(REPO / "notebooks" / "01_source_article.ipynb", notebooks)
    runs = {"seed": (["--article", str(SEED_ARTICLE)], {}),
            "hostile": (["--article", str(article), "--notebooks", str(notebooks)], {"CLOSE_READING_DATA": str(data)})}
    procs = {name: subprocess.Popen([sys.executable, "-m", "helpers", "build", "--out", str(root / name), "--quiet", *args],
                                    cwd=REPO, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True) for name, (args, env) in runs.items()}
    for name, proc in procs.items():
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, f"the {name} site did not build: {err[-3000:]}"
    return {"seed": root / "seed", "hostile": root / "hostile", "hostile_article": article, "hostile_data": data}


browser = pytest.fixture(scope="module", name="browser")(chromium)


@pytest.fixture
def context(browser):
    """A browser context with the network blocked (only file:, data: and blob: load) and the trap
    that records article text running as script."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:", "about:"))
              else r.abort())
    ctx.add_init_script(TRAP)
    yield ctx
    ctx.close()


def _open(context, path: Path):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    if page.locator("form.selfcheck").count():
        page.wait_for_selector("form.selfcheck.selfcheck-ready")
    page.errors = errors
    return page


def _bundles(html: str) -> list[dict]:
    """The self-check data of a page, as its script elements hold them."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return [json.loads(s.string) for s in soup.select("form.selfcheck script.selfcheck-data")]


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED_ARTICLE)


def _python_exercise(article, data: dict):
    """The exercise a page's self-check describes, built as its notebook builds it."""
    pack, ex_id, title, question = load_pack(article), data["exercise"], data["title"], data["question"]
    first = article.paragraph(1).sentences
    if ex_id == "01_predict_question":
        return ChoiceExercise(ex_id, title, question, sentence_options(first), pack.exercise(ex_id), article=article)
    if ex_id == "01_opening_voices":
        return LabelExercise.over_sentences(ex_id, title, question, first, VOICE_LABELS, pack.exercise(ex_id), article)
    if ex_id == "02_voices":
        return VoiceExercise.from_reading(ex_id, title, question, article, pack.get("reading"))
    if ex_id == "05_conclusion_voice":  # lesson 05's own factory (it marks a drafted map's key), else the choice one
        return getattr(schemes, "conclusion_voice_exercise", conclusion_voice_exercise)(article, pack_argument_map(article), title)
    raise AssertionError(f"no Python twin for {ex_id}")


def _right(ex, data) -> dict[str, str]:
    """Each checked item's right answer (item "" for a choice), as Python's check finds it."""
    if data["kind"] == "choice":
        return {"": next(v for v in ex.values if ex.check(v).correct is True)}
    return {i["id"]: next(lab for lab in ex.labels if matches(i["key"], lab, ex.id, i["id"]))
            for i in selfcheck.bundle_items(data)}


def _page_data(site: Path, name: str) -> dict[str, dict]:
    return {d["exercise"]: d for d in _bundles((site / "student" / f"{name}.html").read_text(encoding="utf-8"))}


def _feedback(page, exercise: str) -> str:
    return page.locator(f"form[data-exercise='{exercise}'] .selfcheck-feedback").inner_text()


def _check(page, exercise: str) -> str:
    """Press Check and wait for the feedback to change; its text."""
    form = page.locator(f"form[data-exercise='{exercise}']")
    page.evaluate("f => { f.querySelector('.selfcheck-feedback').textContent = ''; }", form.element_handle())
    form.locator(".selfcheck-check").click()
    page.wait_for_function("f => f.querySelector('.selfcheck-feedback').textContent !== ''", arg=form.element_handle())
    return _feedback(page, exercise)


# -- what each page has ----------------------------------------------------------------------------

def test_the_choice_and_labelling_exercises_of_01_02_and_05_are_self_checks_described_as_python_does(sites, seed):
    for name, expected in LIVE.items():
        html = (sites["seed"] / "student" / f"{name}.html").read_text(encoding="utf-8")
        found = _bundles(html)
        assert [d["exercise"] for d in found] == expected, name
        for data in found:
            ex = _python_exercise(seed, data)
            assert ex.selfcheck() == data, data["exercise"]  # exactly what the kernel described
        assert ("_static/selfcheck.js" in html) and ("_static/selfcheck.css" in html)
    assert "selfcheck.js" not in (sites["seed"] / "index.html").read_text(encoding="utf-8")
    assert (sites["seed"] / "_static" / "selfcheck.js").is_file()


def test_no_answer_of_a_self_check_is_in_a_student_page_in_clear(sites, seed):
    article_text = " ".join(seed.text.split())
    checked = 0
    for name in LIVE:
        html = (sites["seed"] / "student" / f"{name}.html").read_text(encoding="utf-8")
        hay = _student_haystack(html)
        for data in _bundles(html):
            ex = _python_exercise(seed, data)
            rights = _right(ex, data)
            for item in selfcheck.bundle_items(data):  # the keys are sealed, and verify in Python
                assert matches(item["key"], rights[item["id"]], ex.id, item["id"])
                assert item["key"].startswith("sealed:") and all(a.startswith("sealed:") for a in item["accept"])
            # the solution "Show the answer" shows, its reasons, the key's feedback and discussion
            key = ex._key
            texts = [key.get("discussion"), *(key.get("feedback") or {}).values(), *(key.get("readings") or {}).values()]
            why = key.get("why")
            texts += list(why.values()) if isinstance(why, dict) else [why]
            texts = [" ".join(str(t).split()) for t in texts if t and len(str(t)) >= 30]
            texts = [t[:60] for t in texts if t[:60].strip("“”\"' ") not in article_text]
            assert texts, ex.id
            leaked = [t for t in texts if t in hay]
            answer_lines = [line for line in ex.solution().splitlines() if line.startswith(("Answer:", "- "))]
            leaked += [line[:80] for line in answer_lines if " ".join(line.split())[:80] in hay]
            assert leaked == [], ex.id
            checked += len(texts) + len(answer_lines)
    assert checked > 20


# -- the ladder, as in JupyterLab --------------------------------------------------------------------

def _answers_to_try(ex, data) -> list:
    if data["kind"] == "choice":
        return [None, *ex.values]
    right = _right(ex, data)
    ids = [i["id"] for i in selfcheck.bundle_items(data)]
    wrong = {i: next(lab for lab in ex.labels if not ex._item_line(i, lab)[0]) for i in ids}
    return [{}, dict(right), wrong, {ids[0]: wrong[ids[0]]}, {**right, ids[-1]: wrong[ids[-1]]},
            {i: right[i] for i in ids[: len(ids) // 2]}]


def test_the_page_says_what_the_kernel_says_at_every_step(sites, seed, context):
    for name in ("01_source_article", "02_close_reading", "05_argument_critique"):
        page = _open(context, sites["seed"] / "student" / f"{name}.html")
        for ex_id, data in _page_data(sites["seed"], name).items():
            ex = _python_exercise(seed, data)
            for answer in _answers_to_try(ex, data):
                fb = ex.check(answer)
                for step in (1, 2, 3):
                    js = page.evaluate("a => CloseReadingSelfcheck.feedback(a[0], a[1], a[2])", [ex_id, answer, step])
                    assert js == ex.feedback_text(fb, step), (ex_id, answer, step)
            assert page.evaluate("id => CloseReadingSelfcheck.solution(id)", ex_id) == ex.solution()
        assert page.errors == []
        page.close()


def test_wrong_gives_the_first_hint_then_the_stronger_one_and_right_is_accepted(sites, seed, context):
    page = _open(context, sites["seed"] / "student" / "01_source_article.html")
    data = _page_data(sites["seed"], "01_source_article")
    ex = _python_exercise(seed, data["01_predict_question"])
    form = page.locator("form[data-exercise='01_predict_question']")
    form.locator("input[value='p1.s1']").check()
    first = _check(page, "01_predict_question")
    weak = ex.check("p1.s1").hints[0]  # the key's hint (what to look for), else the kind's generic one
    assert first.startswith("Not this one: p1.s1") and "Hint 1 of 2:" in first and weak in first
    form.locator("input[value='p1.s2']").check()
    second = _check(page, "01_predict_question")
    stronger = " ".join(ex._key["feedback"]["p1.s2"].split())  # the option's own feedback
    assert ex.check("p1.s2").hints[1] == stronger
    assert "Hint 2 of 2:" in second and stronger in second and "Try again, or press “Show the answer”." in second
    assert weak not in second
    assert form.locator(".selfcheck-saved").inner_text() == "Saved in this browser: 2 tries"
    form.locator("input[value='p1.s3']").check()
    right = _check(page, "01_predict_question")
    assert right.startswith("Yes: p1.s3") and "Hint" not in right
    assert form.locator(".selfcheck-saved").inner_text() == "Saved in this browser: right at try 3"
    # the labelling exercise: wrong, wrong again (the stronger hint), then right
    voices = ex_labels = _python_exercise(seed, data["01_opening_voices"])  # noqa: F841
    lform = page.locator("form[data-exercise='01_opening_voices']")
    selects = lform.locator("select")
    rights = _right(ex_labels, data["01_opening_voices"])
    for n, item in enumerate(["p1.s1", "p1.s2", "p1.s3"]):
        wrong = next(lab for lab in voices.labels if lab != rights[item])
        selects.nth(n).select_option(wrong)
    ladder = voices.check({i: selects.nth(n).input_value() for n, i in enumerate(["p1.s1", "p1.s2", "p1.s3"])}).hints
    text = _check(page, "01_opening_voices")
    assert text.startswith("0 of 3 right.") and "Hint 1 of 2:" in text
    assert ladder[0].splitlines()[0].removeprefix("- ") in text
    text = _check(page, "01_opening_voices")
    assert "Hint 2 of 2:" in text and ladder[1].splitlines()[0].removeprefix("- ") in text
    for n, item in enumerate(["p1.s1", "p1.s2", "p1.s3"]):
        selects.nth(n).select_option(rights[item])
    assert _check(page, "01_opening_voices").startswith("3 of 3 right.")
    assert page.errors == []


def test_the_ladder_on_02_and_05_and_show_the_answer(sites, seed, context):
    page = _open(context, sites["seed"] / "student" / "05_argument_critique.html")
    data = _page_data(sites["seed"], "05_argument_critique")["05_conclusion_voice"]
    ex = _python_exercise(seed, data)
    form = page.locator("form[data-exercise='05_conclusion_voice']")
    form.locator(".selfcheck-reveal").click()
    page.wait_for_function("f => f.querySelector('.selfcheck-feedback').textContent.includes('Try first')",
                           arg=form.element_handle())
    right = _right(ex, data)[""]
    wrong = [v for v in ex.values if v != right]
    form.locator(f"input[value='{wrong[0]}']").check()
    assert "Hint 1 of 2:" in _check(page, "05_conclusion_voice")
    form.locator(f"input[value='{wrong[1]}']").check()
    assert "Hint 2 of 2:" in _check(page, "05_conclusion_voice")
    form.locator(".selfcheck-reveal").click()
    page.wait_for_function("f => f.querySelector('.selfcheck-feedback').textContent.startsWith('Solution')",
                           arg=form.element_handle())
    shown = _feedback(page, "05_conclusion_voice")
    assert f"Answer: {ex.label(right)}" in shown
    assert form.locator(".selfcheck-saved").inner_text() == "Saved in this browser: 2 tries, answer shown after 2 tries"
    form.locator(f"input[value='{right}']").check()
    assert _check(page, "05_conclusion_voice").startswith("Yes: ")
    page.close()

    page = _open(context, sites["seed"] / "student" / "02_close_reading.html")
    data = _page_data(sites["seed"], "02_close_reading")["02_voices"]
    ex = _python_exercise(seed, data)
    rights = _right(ex, data)
    first = data["items"][0]["id"]
    wrong = next(lab for lab in ex.labels if not ex._item_line(first, lab)[0])
    form = page.locator("form[data-exercise='02_voices']")
    form.locator(f"select[data-item='{first}']").select_option(wrong)
    text = _check(page, "02_voices")
    cue = ex._key["cues"][first]
    assert f"{first}: you said “{wrong}”: not this label." in text and "Hint 1 of 2:" in text and cue in text
    assert "not labelled yet" in text
    assert "Hint 2 of 2:" in _check(page, "02_voices")
    for item, label in rights.items():
        form.locator(f"select[data-item='{item}']").select_option(label)
    assert _check(page, "02_voices").startswith(f"{len(rights)} of {len(rights)} right.")
    assert page.errors == []
    page.close()


# -- saved in the browser, exported as the notebooks export ------------------------------------------

def test_answers_and_tries_survive_a_reload_and_the_export_matches_the_python_exporter(sites, seed, context):
    path = sites["seed"] / "student" / "01_source_article.html"
    page = _open(context, path)
    form = page.locator("form[data-exercise='01_predict_question']")
    form.locator("input[value='p1.s1']").check()
    assert "Hint 1 of 2" in _check(page, "01_predict_question")
    lform = page.locator("form[data-exercise='01_opening_voices']")
    lform.locator("select[data-item='p1.s2']").select_option("a reported view")
    _check(page, "01_opening_voices")
    page.reload(wait_until="load")
    page.wait_for_selector("form.selfcheck.selfcheck-ready")
    assert page.locator("form[data-exercise='01_predict_question'] input[value='p1.s1']").is_checked()
    assert form.locator(".selfcheck-saved").inner_text() == "Saved in this browser: 1 try"
    assert lform.locator("select[data-item='p1.s2']").input_value() == "a reported view"
    assert lform.locator("select[data-item='p1.s1']").input_value() == ""
    # the tries go on where they were: the second wrong try gives the stronger hint
    form.locator("input[value='p1.s2']").check()
    assert "Hint 2 of 2" in _check(page, "01_predict_question")
    key = page.evaluate("CloseReadingSelfcheck.storageKey('01_predict_question')")
    assert key == f"close-reading:selfcheck:{SEED}:01_source_article:01_predict_question"
    entries = page.evaluate("""() => Object.fromEntries(['01_predict_question', '01_opening_voices'].map(
        id => [id, JSON.parse(localStorage.getItem(CloseReadingSelfcheck.storageKey(id)))]))""")
    assert entries["01_predict_question"]["answer"] == "p1.s2" and entries["01_predict_question"]["tries"] == 2
    assert set(entries["01_predict_question"]) == {"answer", "correct", "saved", "tries"}
    assert entries["01_opening_voices"]["answer"] == {"p1.s2": "a reported view"}
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my answers").click()
    download = info.value
    assert download.suggested_filename == f"{SEED}.01_source_article.annotations.jsonld"
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    expected = selfcheck.export_answers(SEED, _bundles(path.read_text(encoding="utf-8")), entries)

    def without_ids(collection):
        items = [{k: v for k, v in a.items() if k != "id"} for a in collection["first"]["items"]]
        return {**collection, "first": {**collection["first"], "items": items}}

    assert without_ids(exported) == without_ids(expected)
    assert exported["total"] == 2 and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", a["id"])
                                          for a in exported["first"]["items"])
    assert page.errors == []


# -- fold and SHA-256: Python and JavaScript agree ---------------------------------------------------

FOLD_CASES = ["Russia\u2019s", "the author\u2019s own voice", "  The  Kremlin ", "\u201cnobody\u2019s fault\u201d",
              "\u00abQuoted\u00bb \u201equote\u201f", "a\u00a0b\u2009c\u202fd", "\u2018single\u2019 \u201a \u201b \u2032 \u2033",
              "well\u2013known \u2014 dash \u2212 1", "STRASSE Stra\u00dfe \u1e9e", "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3",
              "\u03c2 \u017f \u00b5 \ufb01ne \ufb02y \ufb00 \ufb03 \ufb04 \ufb05 \ufb06", "tab\tnew\nline\r\x0bv\x0cf\x1c\x1d\x1e\x1f",
              "\x85next\u2028line\u2029para\u3000ideo\u205fmath\u1680ogham\u2000\u200a", "\u0130stanbul \u0049",
              "A\u0308 \u00c9cole \u00c6ther \u0152uvre", "\ufeffbom stays", "\u0149 \u01f0 \u0390 \u03b0 \u0587 \u1e96 \u1e9a \u1e9b",
              "\u03d0 \u03d1 \u03d5 \u03d6 \u03f0 \u03f1 \u03f5", "a reported view", "", "   "]


def test_fold_seal_and_sha256_agree_between_python_and_javascript(sites, context):
    page = _open(context, sites["seed"] / "student" / "01_source_article.html")
    js = page.evaluate("cases => cases.map(c => CloseReadingSelfcheck.fold(c))", FOLD_CASES)
    assert js == [fold(c) for c in FOLD_CASES]
    import hashlib

    for fallback in (False, True):  # crypto.subtle (file:// is a secure context), then the script's own SHA-256
        page.evaluate("f => { CloseReadingSelfcheck.useFallback = f; }", fallback)
        texts = ["", "abc", "x" * 55, "y" * 56, "z" * 64, "\u00e9\u4e2d\U0001f600" * 40, *FOLD_CASES]
        hexes = page.evaluate("ts => Promise.all(ts.map(t => CloseReadingSelfcheck.sha256hex(t)))", texts)
        assert hexes == [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts], fallback
        sealed = [seal(c.replace("\u2019", "'"), "ex", "p1.s1", "salt") for c in FOLD_CASES]
        verdicts = page.evaluate("a => Promise.all(a[0].map((s, i) => CloseReadingSelfcheck.matches(s, a[1][i], 'ex', 'p1.s1')))",
                                 [sealed, FOLD_CASES])
        assert verdicts == [matches(s, c, "ex", "p1.s1") for s, c in zip(sealed, FOLD_CASES)] == [True] * len(FOLD_CASES)
        assert page.evaluate("s => CloseReadingSelfcheck.matches(s, 'other', 'ex', 'p1.s1')", sealed[0]) is False
        # the whole ladder works on the fallback too
        if fallback:
            assert page.evaluate("CloseReadingSelfcheck.feedback('01_predict_question', 'p1.s3', 1)").startswith("Yes: p1.s3")
    assert page.errors == []


# -- accessible, in light and dark mode, and on a small screen --------------------------------------

def test_pages_with_self_checks_pass_axe_in_light_and_dark_mode_and_fit_360_px(sites, browser):
    """axe-core on the self-checks (the rest of each page is test_site_trust's), with feedback shown,
    in light mode at 1280 px and in dark mode at 360 px; nothing of them wider than the screen."""
    from axe_playwright_python.sync_playwright import Axe

    problems = []
    for scheme, width in (("light", 1280), ("dark", 360)):
        ctx = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:")) else r.abort())
        for name in ("01_source_article", "02_close_reading"):
            page = _open(ctx, sites["seed"] / "student" / f"{name}.html")
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") is (scheme == "dark")
            for ex_id in LIVE[name]:  # with feedback shown: a wrong try, its hint and the saved line
                form = page.locator(f"form[data-exercise='{ex_id}']")
                if form.locator("input[type=radio]").count():
                    form.locator("input[type=radio]").first.check()
                else:
                    form.locator("select").first.select_option(index=1)
                _check(page, ex_id)
            result = Axe().run(page, context={"include": [["form.selfcheck"], [".selfcheck-export"]]},
                               options={"preload": False, "resultTypes": ["violations", "passes"]})
            assert any(v["id"] == "color-contrast" for v in result.response["passes"]), "axe looked at the forms"
            bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]
                   if v["impact"] in ("serious", "critical")]
            problems += [f"{name} {scheme} {width}px: {b}" for b in bad]
            wide = page.evaluate("""() => [...document.querySelectorAll('form.selfcheck, form.selfcheck *, .selfcheck-export')]
                .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .map(el => el.tagName + '.' + el.className).slice(0, 5)""")
            problems += [f"{name} {scheme} {width}px: wider than the screen: {w}" for w in wide]
            problems += [f"{name}: {e}" for e in page.errors]
            page.close()
        ctx.close()
    assert problems == []


def test_the_controls_are_labelled_and_the_feedback_is_announced(sites, context):
    page = _open(context, sites["seed"] / "student" / "01_source_article.html")
    facts = page.evaluate("""() => [...document.querySelectorAll('form.selfcheck')].map(f => ({
        legend: f.querySelector('fieldset > legend').textContent,
        unlabelled: [...f.querySelectorAll('input, select')].filter(c => !(c.labels && c.labels.length)).length,
        live: f.querySelector('.selfcheck-feedback').getAttribute('aria-live'),
        buttons: [...f.querySelectorAll('button')].map(b => b.textContent + (b.disabled ? ' (disabled)' : ''))}))""")
    assert [f["legend"].split(":")[0] for f in facts] == ["Exercise 1a", "Exercise 2"]
    assert all(f["unlabelled"] == 0 and f["live"] == "polite" for f in facts)
    assert all(f["buttons"] == ["Check", "Show the answer"] for f in facts)
    page.close()


# -- hostile text stays text -------------------------------------------------------------------------

def test_the_hostile_articles_payloads_stay_inert_inside_the_self_checks(sites, context):
    site = sites["hostile"]
    page = _open(context, site / "student" / "01_source_article.html")
    data = _page_data(site, "01_source_article")
    assert sorted(data) == ["01_opening_voices", "01_predict_question"], "the hostile pack gives two self-checks"
    form = page.locator("form[data-exercise='01_predict_question']")
    assert "<script>window.__pwned('paragraph-script')</script>" in form.inner_text()  # shown, as text
    form.locator("input[value='p1.s1']").check()
    text = _check(page, "01_predict_question")
    assert "<b onmouseover=window.__pwned('hint')>the quote</b>" in text
    form.locator("input[value='p1.s1']").check()
    assert "<script>window.__pwned('feedback')</script>" in _check(page, "01_predict_question")
    form.locator("input[value='p1.s2']").check()
    assert "<script>window.__pwned('why-script')</script>" in _check(page, "01_predict_question")
    form.locator(".selfcheck-reveal").click()
    page.wait_for_function("f => f.querySelector('.selfcheck-feedback').textContent.startsWith('Solution')",
                           arg=form.element_handle())
    assert "parent.__pwned('discussion')" in _feedback(page, "01_predict_question")
    lform = page.locator("form[data-exercise='01_opening_voices']")
    lform.locator("select[data-item='p1.s1']").select_option("the author's own voice")
    lform.locator("select[data-item='p1.s2']").select_option("a reported view")
    assert "<script>window.__pwned('label-why')</script>" in _check(page, "01_opening_voices")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my answers").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["total"] == 3 and "__pwned" in json.dumps(exported)  # the payloads are data in the export
    facts = page.evaluate("""() => ({ran: window.__ran,
        handlers: [...document.querySelectorAll('form.selfcheck *')].flatMap(el => [...el.attributes]
                   .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name)),
        injected: document.querySelectorAll('form.selfcheck script:not(.selfcheck-data), form.selfcheck img, '
                                            + 'form.selfcheck iframe, form.selfcheck b, form.selfcheck svg').length})""")
    assert facts == {"ran": [], "handlers": [], "injected": 0}
    assert page.errors == []
    # every student page of the hostile site loads without running its text
    for path in sorted((site / "student").glob("*.html")):
        other = _open(context, path)
        assert other.evaluate("window.__ran") == [] and other.errors == [], path.name
        other.close()
