"""A site you can trust in a classroom (issue 6), proved on real builds and in real Chromium.

The seed site is built once per session (``python -m helpers build`` as a subprocess, into a
tmp folder), a second time from a fresh cache with ``--force`` (reproducibility), and once on
the hostile article (tests/fixtures/hostile; in the background from the start). Every page
of the seed site is visited once in headless Chromium with the network blocked; the visit
records requests, errors, charts, widgets, axe-core results, headings and a keyboard walk,
and the tests below judge them.
Screenshots go to ``_build/screenshots/`` at the project root.

``SITE_TRUST_SITE=<folder>`` runs the page checks on an already built seed site instead of
the fresh build (to see a check fail on a deliberately broken copy). The hostile site is built
with a 200 kB paragraph (``SITE_TRUST_HUGE_BYTES`` sets it; the analysis always gets 2 MB):
the 2 MB site build takes about 15 minutes.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.site.editions import EDITIONS, notebook_editions
from site_support import chromium, local_files_only

HERE = Path(__file__).resolve().parents[1]  # tests/
REPO = HERE.parent
HOSTILE = HERE / "fixtures" / "hostile" / "hostile-article.md"
BROKEN = HERE / "fixtures" / "broken"
SCREENSHOTS = REPO / "_build" / "screenshots"
SEED = "edm-2019-16-138-moscow-baku-rapprochement"
#: the notebook the build reads first, whose parameters cell a bad parameter is reported against
FIRST_NOTEBOOK = sorted((HERE.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0].name
SEED_ARTICLE = REPO / "data" / "articles" / f"{SEED}.txt"
HUGE_BYTES = 2_000_000  # the hostile article's long paragraph, for the analysis
#: its length for the site build: the 2 MB build takes many minutes (thousands of widgets per
#: notebook), so the suite builds with 200 kB unless this variable asks for more
SITE_HUGE_BYTES = int(os.environ.get("SITE_TRUST_HUGE_BYTES", "200000"))
VEGALITE = tuple(f"application/vnd.vegalite.v{v}+json" for v in (6, 5, 4))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: an exercise's bundle with a self-check: its page shows the self-check form, not the widget
SELFCHECK = "application/vnd.close-reading.selfcheck+json"
# How long a page may take to draw its charts and widget views before the checks read it: it
# passes as soon as they are drawn; the limit only bounds a page that never gets there.
PAGE_READY_TIMEOUT_MS = 180_000
HIDDEN_TAGS = {"solution", "instructor"}
# the builds are shared by every test here: keep them on one worker under pytest-xdist --dist loadgroup
pytestmark = pytest.mark.xdist_group("site_trust")


# -- building ------------------------------------------------------------------------------------

def _run_helpers(args: list[str], env: dict | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """``python -m helpers …`` from the project root, as a person would run it."""
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def _build(out: Path, *extra: str, env: dict | None = None) -> Path:
    proc = _run_helpers(["build", "--out", str(out), "--quiet", *extra], env=env)
    assert proc.returncode == 0, f"build failed ({proc.returncode}): {proc.stderr[-3000:]}"
    return out


def hostile_article(folder: Path, size: int = HUGE_BYTES) -> Path:
    """The hostile fixture with its placeholder replaced by a paragraph of ``size`` bytes of the same payloads."""
    unit = ("Observers in Baku say \u201c<script>window.__pwned('huge-script')</script> the tilt is real\u201d "
            "(Regnum, October 3). <img src=x onerror=window.__pwned('huge-img')> An \"odd ' quote. ")
    huge = (unit * (size // len(unit.encode("utf-8")) + 1)).strip()
    text = HOSTILE.read_text(encoding="utf-8").replace("HUGE-PARAGRAPH-PLACEHOLDER", huge)
    path = folder / HOSTILE.name
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sites(tmp_path_factory, request):
    """The seed site (cache of the project) and the same built again from a fresh cache; the
    hostile site and its analysis start first, in the background, when a test needs them."""
    root = tmp_path_factory.mktemp("trust")
    # a fixed place, so that the project's build cache serves the next session (the slow build)
    article = hostile_article(REPO / "_build" / "test-articles", SITE_HUGE_BYTES)
    big = hostile_article(root / "big")
    background = []
    if any("hostile" in getattr(item, "fixturenames", ()) for item in request.session.items):
        background = [subprocess.Popen([sys.executable, "-m", "helpers", *args], cwd=REPO, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
                      for args in (["build", "--out", str(root / "hostile"), "--quiet", "--article", str(article)],
                                   ["analyze", str(big)])]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(lambda p=p: (p.communicate(timeout=1800), p.returncode)) for p in background]
        seed = _build(root / "seed", "--article", str(SEED_ARTICLE))
        override = os.environ.get("SITE_TRUST_SITE")
        yield {"seed": Path(override).resolve() if override else seed, "root": root,
               "hostile": root / "hostile", "hostile_article": article, "big_article": big,
               "background": futures}
        for proc in background:
            if proc.poll() is None:
                proc.kill()


@pytest.fixture(scope="session")
def fresh(sites):
    """The seed site built again, from an empty cache and with --force; and that build root."""
    root = sites["root"]
    _build(root / "fresh", "--article", str(SEED_ARTICLE), "--force", "--build-root", str(root / "fresh-root"))
    return {"site": root / "fresh", "build_root": root / "fresh-root"}


@pytest.fixture(scope="session")
def hostile(sites):
    """The hostile site, built, and the output of ``python -m helpers analyze`` on it."""
    (out, err), code = sites["background"][0].result()
    assert code == 0, f"the hostile article did not build ({code}): {err[-3000:]}"
    (a_out, a_err), a_code = sites["background"][1].result()
    return {**sites, "analysis": subprocess.CompletedProcess([], a_code, a_out, a_err)}


def _pages(site: Path) -> list[Path]:
    """Index, then both editions of every notebook, then the lesson plans."""
    return ([site / "index.html"] + sorted(site.glob("student/*.html")) + sorted(site.glob("instructor/*.html"))
            + sorted(site.glob("lessons/*.html")))


def _executed_notebooks(build_root: Path, article_id: str) -> dict[str, dict]:
    """The executed notebooks of the last build of ``article_id`` in ``build_root``, by notebook name.

    The build records each notebook's cache components in ``cache/last/<id>/<name>.json``; the
    executed notebook is ``cache/exec/<sha256 of those components>.ipynb``, with the source
    notebook's cell metadata copied over (as the build does).
    """
    cache = build_root / "cache"
    found = {}
    for source_path in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        components = json.loads((cache / "last" / article_id / f"{source_path.stem}.json").read_text(encoding="utf-8"))
        key = hashlib.sha256(json.dumps(components, sort_keys=True).encode("utf-8")).hexdigest()
        nb = json.loads((cache / "exec" / f"{key}.ipynb").read_text(encoding="utf-8"))
        source = json.loads(source_path.read_text(encoding="utf-8"))
        cells = [c for c in nb["cells"] if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
        assert len(cells) == len(source["cells"]), f"{source_path.name}: the executed notebook does not match"
        for cell, src in zip(cells, source["cells"]):
            cell["metadata"] = src.get("metadata", {})
        found[source_path.stem] = nb
    return found


def _edition_counts(executed: dict, edition: str) -> dict[str, int]:
    from helpers.site.build import edition_notebook

    nb = edition_notebook(executed, edition)
    outs = [o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", [])]
    return {"charts": sum(1 for d in outs if any(m in d for m in VEGALITE)),
            "widgets": sum(1 for d in outs if WIDGET_VIEW in d and SELFCHECK not in d),
            "selfchecks": sum(1 for d in outs if SELFCHECK in d)}


# -- the browser -----------------------------------------------------------------------------------

# module scope: see site_support
browser = pytest.fixture(scope="module", name="browser")(chromium)


TRAP = """
window.__ran = [];
window.__pwned = function (where) {  // where the article text ran: the payload, and the output holding it
  var s = document.currentScript, ev = window.event, el = s || (ev && ev.target) || null;
  var box = el && el.closest ? el.closest('.output_subarea, .widget-subarea, .jupyter-widgets, header, main') : null;
  window.__ran.push(String(where) + ' in ' + (box ? box.tagName.toLowerCase() + '.' + String(box.className).split(' ').join('.') : '?'));
};
"""

# what a page holds once drawn: charts, widget views, their text alternatives, headings
_PAGE_FACTS = """() => {
  const charts = [...document.querySelectorAll('.vega-chart')];
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  const alt = el => (el.getAttribute('aria-label') || '').trim() ||
                    ((el.closest('figure') || {querySelector: () => null}).querySelector('figcaption') || {}).textContent || '';
  return {
    charts: charts.length,
    drawn: charts.filter(el => el.querySelector('svg.marks, svg[role="graphics-document"], canvas')).length,
    chartsWithAlt: charts.filter(el => alt(el).trim().length > 10 && (el.getAttribute('role') === 'img' || el.closest('figure'))).length,
    chartsWithTable: charts.filter(el => { const cell = el.closest('.cell') || el.parentElement;
                                          return cell && cell.querySelector('table'); }).length,
    views: views.length,
    viewsRendered: views.filter(s => s.parentElement.querySelector('.jupyter-widgets, .widget-subarea > *')).length,
    placeholders: document.querySelectorAll('.widget-placeholder').length,
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
               .filter(h => h.getClientRects().length > 0).map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 80)]),
    handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
               .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60))),
    jsLinks: [...document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i], [action^="javascript:" i]')].length,
    frames: document.querySelectorAll('iframe, object, embed').length,
    ran: window.__ran || null,
  };
}"""

_FOCUS = """() => { const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {tag: el.tagName, cls: el.className && el.className.baseVal === undefined ? el.className : '',
          text: (el.textContent || '').trim().slice(0, 40), href: el.getAttribute('href'),
          inNav: !!el.closest('nav'), inMain: !!el.closest('main'), skip: el.classList.contains('skip-link'),
          path: (() => { let p = [], n = el; while (n && n.parentElement) { p.unshift([...n.parentElement.children].indexOf(n)); n = n.parentElement; } return p.join('.'); })()};
}"""


def _visit(context, path: Path, *, axe: bool, keyboard: bool, screenshot: Path | None) -> dict:
    """Load one page with the network blocked; record what the checks need."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    rec = {"errors": [], "failed": []}
    page.on("pageerror", lambda exc: rec["errors"].append(f"pageerror: {exc}"))
    page.on("console", lambda msg: rec["errors"].append(f"console.{msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.on("requestfailed", lambda req: rec["failed"].append(f"{req.url} ({req.failure})")
            if not req.url.startswith(("http:", "https:", "ws:", "wss:")) else None)
    page.goto(path.as_uri(), wait_until="load", timeout=120_000)
    try:  # every chart drawn and every widget view rendered; on a loaded machine this can be slow
        page.wait_for_function("""() => [...document.querySelectorAll('.vega-chart')].every(
              el => el.querySelector('svg.marks, svg[role="graphics-document"], canvas'))
            && [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')].every(
              s => s.parentElement.querySelector('.jupyter-widgets, .widget-subarea > *'))""",
                               timeout=PAGE_READY_TIMEOUT_MS, polling=100)
    except PlaywrightTimeout:  # the counts below name what is missing
        pass
    # two animation frames: what the views drew is laid out before the page is measured
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    rec["facts"] = page.evaluate(_PAGE_FACTS)
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        # the first screen of the page: a full-page capture of the long lessons (6,000 px) takes Chromium
        # minutes on this machine, and the navigation tests keep full pictures at 360 and 1280 px
        page.screenshot(path=str(screenshot), timeout=120_000)
    if keyboard:
        rec["focusable_in_main"] = page.evaluate("""() => [...document.querySelectorAll(
            'main a[href], main button, main input, main select, main textarea, main [tabindex]:not([tabindex="-1"])')]
            .filter(el => el.getClientRects().length > 0).length""")
        page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
        walk = []
        for _ in range(40):
            page.keyboard.press("Tab")
            walk.append(page.evaluate(_FOCUS))
        rec["tabs"] = walk
        page.keyboard.press("Shift+Tab")
        rec["back"] = page.evaluate(_FOCUS)
        page.evaluate("document.querySelector('.skip-link').focus()")
        page.keyboard.press("Enter")
        rec["after_skip"] = page.evaluate("() => { const a = document.activeElement; return a ? (a.id || a.tagName) : null; }")
    if axe:
        from axe_playwright_python.sync_playwright import Axe

        result = Axe().run(page, options={"preload": False, "resultTypes": ["violations"]})
        rec["axe"] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
                      for v in result.response["violations"]]
    page.close()
    return rec


def _blocked_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    external: list[str] = []

    context.route("**/*", local_files_only(external))
    context.add_init_script(TRAP)
    return context, external


@pytest.fixture(scope="module")
def seed_visits(sites, browser):
    """Every page of the seed site, visited once (with axe, a keyboard walk and screenshots)."""
    site = sites["seed"]
    context, external = _blocked_context(browser)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):  # only this session's pictures
        old.unlink()
    visits = {}
    for path in _pages(site):
        rel = path.relative_to(site).as_posix()
        shot = None
        if rel == "index.html" or rel.startswith(("student/", "instructor/")):
            shot = SCREENSHOTS / (rel.replace("/", "-").removesuffix(".html") + ".png")
        visits[rel] = _visit(context, path, axe=True, keyboard=True, screenshot=shot)
    context.close()
    # for a person reading a failure: everything recorded, beside the screenshots
    (SCREENSHOTS / "visits.json").write_text(json.dumps(visits, indent=1, default=str), encoding="utf-8")
    return {"pages": visits, "external": external}


@pytest.fixture(scope="module")
def hostile_visits(hostile, browser):
    site = hostile["hostile"]
    context, external = _blocked_context(browser)
    visits = {p.relative_to(site).as_posix(): _visit(context, p, axe=False, keyboard=False, screenshot=None)
              for p in _pages(site)}
    context.close()
    return {"pages": visits, "external": external}


# -- 1. offline ------------------------------------------------------------------------------------

def test_every_page_loads_offline_and_draws_every_chart_and_widget(sites, fresh, seed_visits):
    site = sites["seed"]
    executed = _executed_notebooks(fresh["build_root"], SEED)
    pages = seed_visits["pages"]
    problems = [f"request left the machine: {url}" for url in seed_visits["external"]]
    expected_pages = 1 + sum(len(notebook_editions(nb, EDITIONS)) for nb in executed.values()) \
        + len(list((REPO / "lessons").glob("*.md")))
    if len(pages) != expected_pages:
        problems.append(f"{len(pages)} pages, expected {expected_pages}")
    for rel, rec in pages.items():
        facts = rec["facts"]
        problems += [f"{rel}: {e}" for e in rec["errors"] + rec["failed"]]
        edition, _, name = rel.partition("/")
        expected = (_edition_counts(executed[name.removesuffix(".html")], edition)
                    if edition in ("student", "instructor") else {"charts": 0, "widgets": 0})
        if facts["charts"] != expected["charts"] or facts["drawn"] != expected["charts"]:
            problems.append(f"{rel}: {expected['charts']} chart(s) in the notebook, {facts['charts']} on the page, "
                            f"{facts['drawn']} drawn")
        views = facts["views"] or facts["placeholders"]
        if views != expected["widgets"] or facts["viewsRendered"] != facts["views"]:
            problems.append(f"{rel}: {expected['widgets']} widget view(s) in the notebook, {facts['views']} on the "
                            f"page ({facts['placeholders']} placeholders), {facts['viewsRendered']} rendered")
    assert "\n".join(problems) == ""
    # the counts are not vacuous: the course has charts and widgets in both editions
    assert sum(r["facts"]["drawn"] for r in pages.values()) > 0
    assert sum(r["facts"]["views"] or r["facts"]["placeholders"] for r in pages.values()) > 0
    assert not [p for p in site.rglob("*.html") if re.search(
        r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", p.read_text(encoding="utf-8"), re.I)]


# -- 2. no leaks -----------------------------------------------------------------------------------

def _soup(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _strings(value) -> list[str]:
    """Every string inside a JSON value (keys too)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _cell_texts(cell: dict) -> list[str]:
    """The source of a cell and every text its outputs carry."""
    texts = ["".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]]
    for out in cell.get("outputs", []):
        texts += _strings(out.get("text", ""))
        for mime, data in out.get("data", {}).items():
            if mime.startswith("text/") or mime.endswith("json"):
                texts += _strings(data)
    return texts


def _distinctive_lines(executed: dict, instructor_html: str) -> set[str]:
    """Lines (>= 12 characters) of solution/instructor cells that no other cell shows.

    From the executed notebook (sources and outputs, as written) and from the instructor page
    (the text of its instructor-only blocks, as rendered).
    """
    hidden, shown = [], []
    for cell in executed["cells"]:
        (hidden if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])) else shown).extend(_cell_texts(cell))
    # the widgets' own words (labels, options) are on every student page by design; keys never are
    # (tests/notebooks checks the widget state for every key text)
    shown += _strings(executed.get("metadata", {}).get("widgets", {}))
    soup = _soup(instructor_html)
    blocks = soup.select(".instructor-only")
    hidden += [s for b in blocks for s in b.stripped_strings]
    rendered_hidden = [s for b in blocks for s in b.stripped_strings]
    for b in blocks:
        b.decompose()
    shown += list(soup.stripped_strings)
    shown_text = _norm("\n".join(shown))
    lines = {_norm(line) for text in hidden for line in text.splitlines()}
    return {line for line in lines if len(line) >= 12 and line not in shown_text}, rendered_hidden


def _student_haystack(html: str) -> str:
    """Everything a student can read in a page: its text, its markup, and every JSON string in it."""
    soup = _soup(html)
    parts = [html, "\n".join(soup.stripped_strings)]
    for script in soup.find_all("script"):
        try:
            parts += _strings(json.loads(script.string or ""))
        except ValueError:
            parts.append(script.string or "")
    return _norm("\n".join(parts))


def _check_no_leaks(site: Path, executed: dict[str, dict], article_text: str = "") -> int:
    """No distinctive line of a hidden cell in a student page or workbook; a line that is the
    article's own text (a quotation in a key's table) is public and not looked for."""
    leaks, checked = [], 0
    public = _norm(article_text)
    for name, nb in sorted(executed.items()):
        if not any(HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", [])) for c in nb["cells"]):
            continue
        instructor = (site / "instructor" / f"{name}.html").read_text(encoding="utf-8")
        lines, rendered = _distinctive_lines(nb, instructor)
        lines = {line for line in lines if line.strip("“”\"'() .,;:") not in public}
        assert lines, f"{name}: its solution cells have no distinctive text to look for"
        instructor_text = _student_haystack(instructor)
        assert [line for line in rendered if _norm(line) not in instructor_text] == []
        workbook_text = (site / "workbooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        haystacks = {
            f"student/{name}.html": _student_haystack((site / "student" / f"{name}.html").read_text(encoding="utf-8")),
            f"workbooks/{name}.ipynb": _norm("\n".join([workbook_text, *_strings(json.loads(workbook_text))])),
        }
        for rel, hay in haystacks.items():
            leaks += [f"{rel}: {line[:100]}" for line in sorted(lines) if line in hay]
        # the instructor edition shows what the student edition hides: every hidden cell, its code
        hidden = [c for c in nb["cells"] if HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
        assert len(_soup(instructor).select(".instructor-only")) == len(hidden), name
        squash = lambda text: re.sub(r"\s+", "", text)  # highlighted code is split into many spans
        code = {squash(line) for c in hidden if c.get("cell_type") == "code"  # Markdown is checked as rendered, above
                for line in _cell_texts(c)[0].splitlines() if len(line.strip()) >= 12}
        page_text = squash(_soup(instructor).get_text(""))
        assert [line for line in sorted(code) if line not in page_text] == [], name
        checked += len(lines)
    assert leaks == []
    return checked


def test_no_solution_text_reaches_the_student_edition_or_workbooks(sites, fresh):
    checked = _check_no_leaks(sites["seed"], _executed_notebooks(fresh["build_root"], SEED),
                              SEED_ARTICLE.read_text(encoding="utf-8"))
    assert checked >= 5


# -- 3. hostile text -------------------------------------------------------------------------------

def test_hostile_article_builds_renders_inert_and_still_analyses(hostile, hostile_visits):
    site, article = hostile["hostile"], hostile["hostile_article"]
    assert article.stat().st_size > SITE_HUGE_BYTES and hostile["big_article"].stat().st_size > HUGE_BYTES
    pages = hostile_visits["pages"]
    assert len(pages) == len(_pages(hostile["seed"])) and hostile_visits["external"] == []
    problems = []
    for rel, rec in pages.items():
        facts = rec["facts"]
        if facts["ran"] != []:
            problems.append(f"{rel}: article text ran as script: {facts['ran'][:5]}")
        problems += [f"{rel}: handler attribute {h}" for h in facts["handlers"] if "pwned" in h]
        if facts["jsLinks"] or facts["frames"]:
            problems.append(f"{rel}: {facts['jsLinks']} javascript: link(s), {facts['frames']} frame(s)")
        problems += [f"{rel}: {e}" for e in rec["errors"] if "pwned" in e or "pageerror" in e]
    assert problems == []
    # inert, but there: the payloads are shown as text
    index = _soup((site / "index.html").read_text(encoding="utf-8"))
    assert "<script>window.__pwned('title-script')</script>" in index.get_text()
    page = (site / "student" / "01_source_article.html").read_text(encoding="utf-8")
    assert "window.__pwned(&#x27;paragraph-script&#x27;)" in page or "window.__pwned(&#39;paragraph-script&#39;)" in page \
        or "&lt;script&gt;window.__pwned('paragraph-script')" in page
    # the analysis still returns
    analysis = hostile["analysis"]
    assert analysis.returncode == 0, analysis.stderr[-2000:]
    data = json.loads(analysis.stdout)
    record = data[0] if isinstance(data, list) else data
    assert record["article"]["id"] == "hostile-article"
    assert "<script>" in record["article"]["title"]


def test_no_solution_text_reaches_the_student_edition_of_the_hostile_article(hostile):
    _check_no_leaks(hostile["hostile"], _executed_notebooks(REPO / "_build", "hostile-article"),
                    hostile["hostile_article"].read_text(encoding="utf-8"))


# -- 4. bad input, end to end ---------------------------------------------------------------------

def _tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


_ACTIONS = re.compile(r"\b(give|add|fix|save|re-save|check|remove|put|use|open|run|declare|start|write|choose|"
                      r"install|split|tag|restore|rename|separate|correct)\b", re.I)


def test_bad_input_gives_one_line_exit_2_and_touches_nothing(sites, tmp_path):
    from helpers.model.workspace import open_workspace

    out = tmp_path / "site"
    shutil.copytree(sites["seed"], out)
    work = tmp_path / "work"
    ws = open_workspace(SEED, work)
    ws.save_answer("1a", "p1.s3", correct=True)
    saved = _tree_hash(work)
    assert saved, "the student's work was not saved"
    before = _tree_hash(out)

    def data_copy(name: str, change) -> Path:
        data = tmp_path / name
        shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        change(data)
        return data

    broken_pack = data_copy("data-broken-pack", lambda d: shutil.copy(
        BROKEN / "broken-pack.yaml", d / "annotations" / SEED / "exercises.yaml"))
    no_lexicon = data_copy("data-no-lexicon", lambda d: (d / "lexicons" / "hedges.yaml").unlink())
    cases = {  # name: (arguments, environment, the file the message must name)
        "missing article": (["--article", str(tmp_path / "no-such-article.txt")], {}, "no-such-article.txt"),
        "wrong extension": (["--article", str(BROKEN / "article.pdf")], {}, "article.pdf"),
        "empty file": (["--article", str(BROKEN / "empty.txt")], {}, "empty.txt"),
        "binary file": (["--article", str(BROKEN / "binary.txt")], {}, "binary.txt"),
        "not UTF-8": (["--article", str(BROKEN / "latin1.txt")], {}, "latin1.txt"),
        "only a title": (["--article", str(BROKEN / "title-only.txt")], {}, "title-only.txt"),
        "front matter does not parse": (["--article", str(BROKEN / "bad-front-matter.md")], {}, "bad-front-matter.md"),
        "front matter not closed": (["--article", str(BROKEN / "unclosed-front-matter.md")], {}, "unclosed-front-matter.md"),
        "date not a date": (["--article", str(BROKEN / "bad-date.md")], {}, "bad-date.md"),
        "broken sidecar": (["--article", str(BROKEN / "bad-sidecar" / "sidecar-article.txt")], {},
                           "sidecar-article.meta.yaml"),
        "unknown parameter": (["-p", "colour=red"], {}, FIRST_NOTEBOOK),
        "parameter of the wrong type": (["-p", "work_dir=5"], {}, FIRST_NOTEBOOK),
        "broken pack file": ([], {"CLOSE_READING_DATA": str(broken_pack)}, "exercises.yaml"),
        "missing lexicon": ([], {"CLOSE_READING_DATA": str(no_lexicon)}, "hedges.yaml"),
        "notebook not JSON": (["--notebooks", str(BROKEN / "not-json")], {}, "01_broken.ipynb"),
        "notebook raises": (["--notebooks", str(BROKEN / "raises")], {}, "01_raises.ipynb"),
    }

    def run(case):
        args, env, _ = cases[case]
        return _run_helpers(["build", "--out", str(out), "--quiet", "--build-root", str(tmp_path / "cache"), *args],
                            env={"CLOSE_READING_WORK": str(work), **env})

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(cases, pool.map(run, cases)))
    problems = []
    for case, proc in results.items():
        lines = proc.stderr.strip().splitlines()
        line = next((x for x in reversed(lines) if x.startswith("error:")), lines[-1] if lines else "")
        if proc.returncode != 2:
            problems.append(f"{case}: exit status {proc.returncode}")
        if len(lines) != 1 or "Traceback" in proc.stderr + proc.stdout:
            problems.append(f"{case}: {len(lines)} lines on stderr: {proc.stderr[-500:]!r}")
        if cases[case][2] not in line:
            problems.append(f"{case}: the message does not name {cases[case][2]}: {line!r}")
        if not _ACTIONS.search(line.split(cases[case][2], 1)[-1]):
            problems.append(f"{case}: the message does not say what to do: {line!r}")
    assert "\n".join(problems) == ""
    assert _tree_hash(out) == before, "a failed build changed the built site"
    assert _tree_hash(work) == saved, "a failed build changed the student's saved work"


# -- 5. accessibility ------------------------------------------------------------------------------

def test_no_serious_or_critical_axe_violations_on_any_page(seed_visits):
    found = {rel: [v for v in rec["axe"] if v[1] in ("serious", "critical")]
             for rel, rec in seed_visits["pages"].items()}
    assert {rel: v for rel, v in found.items() if v} == {}


def test_headings_are_in_order_with_one_h1(seed_visits):
    problems = []
    for rel, rec in seed_visits["pages"].items():
        levels = [level for level, _ in rec["facts"]["headings"]]
        if levels.count(1) != 1 or not levels or levels[0] != 1:
            problems.append(f"{rel}: {levels.count(1)} h1, first heading h{levels[0] if levels else '-'}")
        for (a, text_a), (b, text_b) in zip(rec["facts"]["headings"], rec["facts"]["headings"][1:]):
            if b > a + 1:
                problems.append(f"{rel}: h{a} '{text_a[:40]}' is followed by h{b} '{text_b[:40]}'")
    assert problems == []


def test_every_chart_has_a_text_alternative_and_a_data_table(seed_visits):
    problems = []
    for rel, rec in seed_visits["pages"].items():
        f = rec["facts"]
        if f["chartsWithAlt"] != f["charts"] or f["chartsWithTable"] != f["charts"]:
            problems.append(f"{rel}: {f['charts']} charts, {f['chartsWithAlt']} with a text alternative, "
                            f"{f['chartsWithTable']} with a data table")
    assert problems == []
    assert sum(r["facts"]["charts"] for r in seed_visits["pages"].values()) > 0


def test_the_keyboard_reaches_skip_link_navigation_and_content_without_a_trap(seed_visits):
    problems = []
    for rel, rec in seed_visits["pages"].items():
        tabs = [t for t in rec["tabs"] if t]
        if not tabs or not tabs[0]["skip"]:
            problems.append(f"{rel}: the first Tab does not reach the skip link ({tabs[:1]})")
        nav = [t["href"] for t in tabs if t["inNav"]]
        if not nav:
            problems.append(f"{rel}: Tab never reaches the site navigation")
        if rec["focusable_in_main"] and not any(t["inMain"] for t in tabs):
            problems.append(f"{rel}: Tab never reaches the main content")
        if rec["after_skip"] != "content":
            problems.append(f"{rel}: the skip link moves focus to {rec['after_skip']!r}, not the main content")
        # no trap: focus moves on at every Tab until it leaves the page, and Shift+Tab moves back
        paths = [t["path"] if t else None for t in rec["tabs"]]
        stuck = [i for i in range(1, len(paths)) if paths[i] is not None and paths[i] == paths[i - 1]]
        if stuck:
            problems.append(f"{rel}: focus stays on {rec['tabs'][stuck[0]]} after Tab")
        if rec["back"] is not None and rec["tabs"][-1] is not None and rec["back"]["path"] == rec["tabs"][-1]["path"]:
            problems.append(f"{rel}: Shift+Tab does not move focus back from {rec['tabs'][-1]}")
    assert problems == []


# -- 6. reproducible -------------------------------------------------------------------------------

def _meta(html: str, name: str) -> str | None:
    tag = _soup(html).find("meta", attrs={"name": name})
    return tag.get("content") if tag else None


def test_two_builds_are_byte_identical_and_pages_name_their_inputs(sites, fresh):
    seed, fresh = sites["seed"], fresh["site"]
    first, second = _tree_hash(seed), _tree_hash(fresh)
    assert sorted(first) == sorted(second)
    assert [rel for rel in first if first[rel] != second[rel]] == []
    assert any(rel.startswith("workbooks/") for rel in first) and any(rel.startswith("student/") for rel in first)
    roots = {str(REPO), str(sites["root"]), str(Path.home()), "/tmp/"}
    for rel in first:
        if not rel.endswith((".html", ".ipynb")):
            continue
        text = (seed / rel).read_text(encoding="utf-8")
        assert not [r for r in roots if r in text], f"{rel} holds an absolute path"
        assert not re.search(r"\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d:\d\d", text), f"{rel} holds a timestamp"
        if rel.endswith(".html"):
            assert _meta(text, "close-reading:article") == SEED, rel
            assert re.fullmatch(r"[0-9a-f]{64}", _meta(text, "close-reading:inputs") or ""), rel


def test_another_article_gives_every_page_its_id_and_another_input_hash(sites, hostile):
    for path in _pages(sites["seed"]):
        rel = path.relative_to(sites["seed"])
        mine, theirs = path.read_text(encoding="utf-8"), (hostile["hostile"] / rel).read_text(encoding="utf-8")
        assert _meta(theirs, "close-reading:article") == "hostile-article", rel
        assert _meta(theirs, "close-reading:inputs") != _meta(mine, "close-reading:inputs"), rel


def test_changing_one_input_changes_only_its_pages_hash(tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(REPO / "lessons", lessons)
    before = _build(tmp_path / "before", "--article", str(SEED_ARTICLE), "--lessons", str(lessons))
    changed = sorted(lessons.glob("*.md"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence for the test.\n", encoding="utf-8")
    after = _build(tmp_path / "after", "--article", str(SEED_ARTICLE), "--lessons", str(lessons))
    differ = sorted(rel for rel in _tree_hash(before) if rel.endswith(".html") and
                    _meta((before / rel).read_text(encoding="utf-8"), "close-reading:inputs")
                    != _meta((after / rel).read_text(encoding="utf-8"), "close-reading:inputs"))
    assert differ == [f"lessons/{changed.stem}.html"]


# -- 7. screenshots ----------------------------------------------------------------------------------

def test_screenshots_of_index_and_both_editions_are_saved(sites, seed_visits):
    names = ["index"] + [f"{ed}-{p.stem}" for p in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
                         for ed in notebook_editions(json.loads(p.read_text(encoding="utf-8")), EDITIONS)]
    for name in names:
        shot = SCREENSHOTS / f"{name}.png"
        assert shot.is_file(), shot
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, shot
