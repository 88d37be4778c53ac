"""Site search (issue 13), on real builds in real Chromium: every page can be found, from
``file://`` and over HTTP; results are links to the right section, usable with the keyboard
alone, announced, axe-clean in light and dark and at 360 px; the hostile article's payloads
stay text in results; the student index holds no key text; two builds give the same index.

The seed site is built three times into a tmp folder (both editions; both editions again, to
compare the index files; the student edition alone), and a small hostile article (20 kB of the
payloads, ``hostile_article``) beside the first. The network is blocked in the
browser but for ``file:`` and the test's own HTTP server on 127.0.0.1. ``SITE_SEARCH_SITES=<folder>``
runs the checks on the sites an earlier run built there (``seed/``, ``again/``, ``student/``,
``hostile/``).
"""

from __future__ import annotations

import functools
import html as html_lib
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers.site import search
from site_support import chromium
from test_site_trust import (REPO, SEED, SEED_ARTICLE, TRAP, _distinctive_lines, _executed_notebooks, _norm, _soup, hostile_article)

pytestmark = pytest.mark.xdist_group("site_search")
HOSTILE_BYTES = 20_000
EDITIONS = ("student", "instructor")
#: the page each index is searched from (one with widgets: MiniSearch then loads through require.js)
SEARCH_FROM = {"student": "student/01_source_article.html", "instructor": "instructor/01_source_article.html"}
#: a word as MiniSearch splits text (at spaces and punctuation); letters only, long enough to be telling
WORD = re.compile(r"(?<!\w)[A-Za-z]{7,}(?!\w)")
#: what the search form may hold once results are shown (anything else came from the index as markup)
FORM_TAGS = {"LABEL", "INPUT", "P", "OL", "LI", "A", "SPAN", "MARK"}


# -- the builds --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    kept = os.environ.get("SITE_SEARCH_SITES")
    if kept:  # the sites of an earlier run (its tmp folder), to look at a failure again without building
        return {name: Path(kept) / name for name in ("seed", "again", "student", "hostile")}
    root = tmp_path_factory.mktemp("search")
    # the hostile article under a name of its own: its executions are recorded apart from test_site_trust's
    text = hostile_article(root / "fixture", HOSTILE_BYTES).read_text(encoding="utf-8")
    article = root / "hostile-search.md"
    article.write_text(text, encoding="utf-8")
    builds = {"seed": ["--article", str(SEED_ARTICLE)], "again": ["--article", str(SEED_ARTICLE)],
              "student": ["--article", str(SEED_ARTICLE), "--edition", "student"], "hostile": ["--article", str(article)]}
    procs = {}

    def start(name: str) -> None:
        procs[name] = subprocess.Popen([sys.executable, "-m", "helpers", "build", "--out", str(root / name), "--quiet",
                                        *builds[name]], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish(name: str) -> None:
        _, err = procs[name].communicate(timeout=900)
        assert procs[name].returncode == 0, f"the {name} site did not build ({procs[name].returncode}): {err[-3000:]}"

    try:
        # the hostile article beside the seed; then the seed's other two, which reuse its executions
        start("hostile"), start("seed")
        finish("seed")
        start("again"), start("student")
        for name in ("again", "student", "hostile"):
            finish(name)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    return {name: root / name for name in builds}


def _index(site: Path, edition: str) -> dict:
    text = (site / "_static" / f"search-index-{edition}.js").read_text(encoding="ascii")
    return json.loads(text.split(f'window.{search.GLOBAL}["{edition}"]=', 1)[1].rstrip().removesuffix(";"))


def _html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.name.startswith("."))


def _form(site: Path, rel: str):
    return _soup((site / rel).read_text(encoding="utf-8")).select_one("form.site-search")


# -- the browser -------------------------------------------------------------------------------------

browser = pytest.fixture(scope="module", name="browser")(chromium)


@pytest.fixture(scope="module")
def server(sites):
    """The seed site over HTTP on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(sites["seed"]))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


#: what draws charts and widgets: a tab that only searches may get them empty (require.js stays, so
#: MiniSearch still loads as an AMD module on pages with widgets)
DRAWING = ("/_static/vega.js", "/_static/embed-amd.js")


class Tab:
    """A page in a context whose requests may go to ``file:`` and ``allowed`` only; records what
    went wrong (errors, failed or blocked requests, dialogs). ``drawing=False``: the chart and
    widget libraries are empty scripts (pages load faster; the search does not use them)."""

    def __init__(self, browser, allowed: str = "", drawing: bool = True, **context):
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
        self.problems: list[str] = []

        def route(r):
            url = r.request.url
            if not drawing and url.endswith(DRAWING):
                r.fulfill(status=200, content_type="text/javascript", body="")
            elif url.startswith(("file:", "data:", "about:")) or (allowed and url.startswith(allowed)):
                r.continue_()
            else:
                self.problems.append(f"blocked request {url}")
                r.abort()

        self.context.route("**/*", route)
        self.context.add_init_script(TRAP)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        self.page.on("console", lambda m: self.problems.append(f"console.error: {m.text}") if m.type == "error" else None)
        self.page.on("requestfailed", lambda req: self.problems.append(f"request failed: {req.url}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load", timeout=120_000)

    def query(self, text: str) -> list[dict]:
        """Type ``text`` into the search box (as ``fill`` does: one input event) and return the results."""
        page = self.page
        page.fill("#site-search-input", "")
        page.fill("#site-search-input", text)
        page.wait_for_function("""q => window.closeReadingSearch && window.closeReadingSearch.state === 'ready'
            && document.querySelector('#site-search-status').textContent.includes('\\u201c' + q + '\\u201d')""",
                               arg=text, timeout=30_000)
        return page.evaluate("""() => [...document.querySelectorAll('#site-search-results > li')].map(li => {
            const a = li.querySelector('a');
            return {href: a.href, raw: a.getAttribute('href'), text: a.textContent,
                    snippet: li.querySelector('.site-search-snippet').textContent,
                    marks: [...li.querySelectorAll('mark')].map(m => m.textContent)};
        })""")

    def close(self) -> None:
        self.context.close()


def _distinctive_words(index: dict, page_text: dict[str, str]) -> dict[str, str]:
    """For each page of ``index``: a word of its text that as few other pages of the index hold as
    possible (fewest pages, then most often on the page, then the longest, then alphabetical)."""
    pages_of: dict[str, set[str]] = {}
    counts: dict[str, dict[str, int]] = {}
    for doc in index["documents"]:
        for word in WORD.findall(f"{doc['heading']} {doc['text']}"):
            w = word.lower()
            pages_of.setdefault(w, set()).add(doc["page"])
            counts.setdefault(doc["page"], {}).setdefault(w, 0)
            counts[doc["page"]][w] += 1
    chosen = {}
    for rel in index["pages"]:
        visible = page_text[rel].lower()
        words = [w for w in counts.get(rel, {}) if w in visible]
        assert words, f"{rel}: no word of the index is in the page's text"
        chosen[rel] = min(words, key=lambda w: (len(pages_of[w]), -counts[rel][w], -len(w), w))
    return chosen


def _main_text(site: Path, rel: str) -> str:
    """The text of a page's ``<main>`` without its scripts (tags dropped: a word's letters are kept)."""
    html = (site / rel).read_text(encoding="utf-8")
    main = html[html.index("<main"):html.rindex("</main>")]
    return html_lib.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"<script\b.*?</script\s*>", " ", main, flags=re.S | re.I)))


@pytest.fixture(scope="module")
def words(sites):
    """{edition: {page: word}}: the pages each index is tested on (instructor: the pages only it holds)."""
    seed = sites["seed"]
    student, instructor = _index(seed, "student"), _index(seed, "instructor")
    text = {rel: _main_text(seed, rel) for rel in instructor["pages"]}
    found = {"student": _distinctive_words(student, text), "instructor": _distinctive_words(instructor, text)}
    found["instructor"] = {rel: w for rel, w in found["instructor"].items() if rel not in found["student"]}
    return found


def _page_of(href: str) -> str:
    return href.split("#", 1)[0]


def _find_everywhere(tab: Tab, base: str, words: dict[str, dict[str, str]], opened=None) -> list[str]:
    """Search each page's word from the page of its index; what did not lead to the page.
    ``opened(edition, rel, result)`` is called with the first result that leads to the page."""
    problems = []
    for edition, chosen in words.items():
        tab.open(base + SEARCH_FROM[edition])
        for rel, word in sorted(chosen.items()):
            results = tab.query(word)
            found = [r for r in results if _page_of(r["href"]) == base + rel]
            if not found:
                problems.append(f"{edition}: {word!r} (from {rel}) gave {[r['raw'] for r in results]}")
                continue
            if not any(word in m.lower() for r in results for m in r["marks"]) and \
                    not any(word in r["text"].lower() for r in results):
                problems.append(f"{edition}: {word!r}: no result shows it")
            if opened:
                problems += opened(edition, rel, found[0])
    return problems


# -- 1. every page can be found, from file:// and over HTTP ------------------------------------------

def test_every_page_is_found_by_a_word_of_its_own_from_file_urls_and_each_link_opens_its_section(
        sites, words, browser):
    seed = sites["seed"]
    assert set(words["student"]) | set(words["instructor"]) == set(_html_pages(seed))
    index = {e: {d["page"] + (f"#{d['anchor']}" if d["anchor"] else ""): d for d in _index(seed, e)["documents"]}
             for e in EDITIONS}
    tab, target = Tab(browser), Tab(browser, drawing=False)
    visited: set[str] = set()

    def opened(edition: str, rel: str, result: dict) -> list[str]:
        """The result's page has the section it names; one page of each kind is opened in Chromium."""
        doc = index[edition][result["raw"].removeprefix("../")]
        anchor = doc["anchor"]
        ids = {html_lib.unescape(i) for i in re.findall(r'\bid="([^"]*)"', (seed / rel).read_text(encoding="utf-8"))}
        if anchor and not anchor.startswith("search-section-") and anchor not in ids:
            return [f"{result['raw']}: {rel} has no element with that id"]
        if doc["kind"] in visited:
            return []
        visited.add(doc["kind"])
        target.page.goto(result["href"], wait_until="domcontentloaded", timeout=120_000)
        landed = target.page.evaluate("""anchor => {
            const el = anchor ? document.getElementById(anchor) : null;
            return {path: location.pathname, heading: el ? el.textContent.replace('\\u00b6', '').trim() : null};
        }""", doc["anchor"])
        problems = []
        if not landed["path"].endswith("/" + rel):
            problems.append(f"{result['raw']} opened {landed['path']}")
        if doc["anchor"] and landed["heading"] != (doc["heading"] or doc["title"]):
            problems.append(f"{result['raw']}: the section is {landed['heading']!r}, the result says "
                            f"{doc['heading'] or doc['title']!r}")
        return problems

    try:
        assert _find_everywhere(tab, seed.as_uri() + "/", words, opened) == []
        assert visited == {"Student edition", "Instructor edition", "Lesson plan", "Guide", "Contents"}
        assert tab.problems == [] and [p for p in target.problems if "pageerror" in p or "blocked" in p] == []
    finally:
        tab.close()
        target.close()


def test_every_page_is_found_over_http(server, words, browser):
    tab = Tab(browser, allowed=server, drawing=False)
    try:
        assert _find_everywhere(tab, server, words) == []
        assert tab.problems == []
    finally:
        tab.close()


# -- 2. the keyboard, announcements, accessibility ---------------------------------------------------

def test_the_keyboard_alone_reaches_the_box_moves_through_results_opens_one_and_escape_clears(sites, words, browser):
    seed = sites["seed"]
    rel = "lessons/student_guide.html"  # a page without require.js: MiniSearch loads as a plain script
    tab = Tab(browser)
    page = tab.page
    try:
        tab.open((seed / rel).as_uri())
        page.evaluate("document.activeElement && document.activeElement.blur()")
        for presses in range(1, 16):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "site-search-input":
                break
        else:
            pytest.fail("Tab never reaches the search box")
        assert presses <= 4, f"{presses} Tabs to the search box"
        assert page.evaluate("document.querySelector('label[for=site-search-input]').textContent") == "Search the course"
        page.keyboard.type("lesson")
        # the box searches as the letters arrive: wait for the whole word's results, not those of "le"
        page.wait_for_function("document.querySelector('#site-search-status').textContent.includes('“lesson”')"
                               " && document.querySelectorAll('#site-search-results a').length > 2", timeout=30_000)
        status = page.evaluate("document.querySelector('#site-search-status').textContent")
        shown = page.evaluate("document.querySelectorAll('#site-search-results a').length")
        assert re.match(r"\d+ results? for “lesson”", status) and str(shown) in status
        assert page.evaluate("""() => { const s = document.querySelector('#site-search-status');
            return s.getAttribute('role') === 'status' && s.getAttribute('aria-live') === 'polite'; }""")
        assert page.evaluate("[...document.querySelectorAll('#site-search-results > li')].every(li => li.querySelector('a[href]'))")

        def focused():
            return page.evaluate("""() => { const a = document.activeElement;
                return a.id === 'site-search-input' ? 'input'
                     : [...document.querySelectorAll('#site-search-results a')].indexOf(a); }""")

        moves = []
        for key in ("ArrowDown", "ArrowDown", "ArrowUp", "ArrowUp", "ArrowDown", "End", "ArrowDown", "Home"):
            page.keyboard.press(key)
            moves.append(focused())
        assert moves == [0, 1, 0, "input", 0, shown - 1, shown - 1, 0]
        page.keyboard.press("Escape")  # from a result: the search is cleared and the box has focus
        assert focused() == "input"
        assert page.evaluate("""() => [document.querySelector('#site-search-input').value,
            document.querySelector('#site-search-results').hidden, document.querySelector('#site-search-results').children.length,
            document.querySelector('#site-search-status').textContent]""") == ["", True, 0, ""]
        page.keyboard.type("lesson")
        page.wait_for_function("document.querySelector('#site-search-status').textContent.includes('“lesson”')"
                               " && document.querySelectorAll('#site-search-results a').length > 0", timeout=30_000)
        page.keyboard.press("Escape")  # in the box: the same
        assert page.evaluate("document.querySelector('#site-search-input').value") == ""
        assert page.evaluate("document.querySelector('#site-search-results').hidden")
        # Enter opens the first result, at its section
        word = words["student"]["lessons/course_overview.html"]
        page.keyboard.type(word)
        page.wait_for_function("q => document.querySelector('#site-search-status').textContent.includes(q)", arg=word)
        first = page.evaluate("document.querySelector('#site-search-results a').href")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == first
        if "#" in first:
            top = page.evaluate("""() => document.getElementById(decodeURIComponent(location.hash.slice(1)))
                                        .getBoundingClientRect().top""")
            assert 0 <= top < 900, f"the section is at {top}px"
        assert tab.problems == []
    finally:
        tab.close()


@pytest.mark.parametrize("look", ["light", "dark", "360px"])
def test_results_are_axe_clean_in_light_and_dark_and_at_360px(sites, words, browser, look):
    from axe_playwright_python.sync_playwright import Axe

    options = {"color_scheme": "dark" if look == "dark" else "light"}
    if look == "360px":
        options["viewport"] = {"width": 360, "height": 740}
    tab = Tab(browser, drawing=False, **options)
    try:
        problems = []
        for rel in ("lessons/student_guide.html", "lessons/02_close_reading.html"):  # the student index, the whole site
            tab.open((sites["seed"] / rel).as_uri())
            assert tab.query("moscow"), rel
            result = Axe().run(tab.page, context="form.site-search", options={"preload": False, "resultTypes": ["violations"]})
            problems += [f"{rel}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                         for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
            box = tab.page.evaluate("""() => { const f = document.querySelector('form.site-search');
                const r = f.getBoundingClientRect();
                return {right: r.right, width: innerWidth, overflow: f.scrollWidth - f.clientWidth,
                        bg: getComputedStyle(document.querySelector('#site-search-results')).backgroundColor}; }""")
            if box["right"] > box["width"] or box["overflow"] > 0:
                problems.append(f"{rel}: the search box is wider than the window ({box})")
            if look == "dark" and box["bg"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"):
                problems.append(f"{rel}: the results are not on the dark background ({box['bg']})")
        tab.page.emulate_media(media="print")
        assert tab.page.evaluate("getComputedStyle(document.querySelector('form.site-search')).display") == "none"
        assert problems == []
        assert tab.problems == []
    finally:
        tab.close()


# -- 3. editions and keys ----------------------------------------------------------------------------

def test_student_pages_load_the_student_index_and_instructor_pages_the_whole_site(sites, browser):
    seed, student_site = sites["seed"], sites["student"]
    student, instructor = _index(seed, "student"), _index(seed, "instructor")
    pages = _html_pages(seed)
    assert instructor["pages"] == pages
    assert student["pages"] == [r for r in pages if search.is_student_page(r)]
    assert not [r for r in student["pages"] if r.startswith("instructor/")]
    assert {"lessons/student_guide.html", "index.html"} <= set(student["pages"])
    # the index each page names, in both builds
    expected = {rel: ("student" if search.is_student_page(rel) else "instructor") for rel in pages}
    assert {rel: _form(seed, rel)["data-index"] for rel in pages} == expected
    assert {rel: _form(student_site, rel)["data-index"] for rel in _html_pages(student_site)} == {
        rel: "student" for rel in _html_pages(student_site)}
    assert sorted(p.name for p in (student_site / "_static").glob("search-index-*.js")) == ["search-index-student.js"]
    assert _index(student_site, "student")["pages"] == _html_pages(student_site)
    # in the browser: the index a page loads, and only that one
    tab = Tab(browser, drawing=False)
    try:
        loaded = {}
        for rel in ("student/01_source_article.html", "index.html", "lessons/student_guide.html",
                    "lessons/01_source_article.html", "instructor/01_source_article.html"):
            tab.open((seed / rel).as_uri())
            tab.query("baku")
            loaded[rel] = tab.page.evaluate(f"Object.keys(window.{search.GLOBAL}).sort()")
        assert loaded == {"student/01_source_article.html": ["student"], "index.html": ["student"],
                          "lessons/student_guide.html": ["student"], "lessons/01_source_article.html": ["instructor"],
                          "instructor/01_source_article.html": ["instructor"]}
        assert tab.problems == []
    finally:
        tab.close()


def test_the_student_index_holds_no_key_or_solution_text(sites):
    seed = sites["seed"]
    executed = _executed_notebooks(REPO / "_build", SEED)
    # public: the article, and what any student page shows (a key's line may be another page's text)
    pages = [(seed / rel).read_text(encoding="utf-8") for rel in _index(seed, "student")["pages"]]
    public = _norm("\n".join([SEED_ARTICLE.read_text(encoding="utf-8"), *pages, *map(html_lib.unescape, pages),
                               *(html_lib.unescape(re.sub(r"<[^>]*>", " ", page)) for page in pages)]))

    def haystack(edition: str) -> str:
        data = _index(seed, edition)
        raw = (seed / "_static" / f"search-index-{edition}.js").read_text(encoding="ascii")
        return _norm("\n".join([raw, *(f"{d['title']}\n{d['heading']}\n{d['text']}" for d in data["documents"])]))

    student, instructor = haystack("student"), haystack("instructor")
    leaks, checked, in_instructor = [], 0, 0
    for name, nb in sorted(executed.items()):
        if not (seed / "instructor" / f"{name}.html").exists():
            continue
        lines, _ = _distinctive_lines(nb, (seed / "instructor" / f"{name}.html").read_text(encoding="utf-8"))
        lines = {line for line in lines if line.strip("“”\"'() .,;:") not in public}
        leaks += [f"{name}: {line[:100]}" for line in sorted(lines) if line in student]
        in_instructor += sum(1 for line in lines if line in instructor)
        checked += len(lines)
    assert leaks == []
    assert checked >= 5 and in_instructor >= 5  # the lines are there to find: in the instructor index


def test_two_builds_give_the_same_index_files(sites):
    for edition in EDITIONS:
        name = f"_static/search-index-{edition}.js"
        first, second = (sites["seed"] / name).read_bytes(), (sites["again"] / name).read_bytes()
        assert first == second, name
        assert first.isascii() and len(first) > 10_000
        data = _index(sites["seed"], edition)
        assert json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":")) in first.decode("ascii")


# -- 4. hostile text ---------------------------------------------------------------------------------

def test_hostile_payloads_stay_text_in_results_and_snippets(sites, browser):
    site = sites["hostile"]
    tab = Tab(browser, drawing=False)
    page = tab.page
    try:
        problems = []
        for rel in ("student/01_source_article.html", "instructor/02_close_reading.html"):  # each index
            tab.open((site / rel).as_uri())
            for word in ("pwned", "script", "onerror", "iframe", "svg", "trap"):
                results = tab.query(word)
                if not results:
                    problems.append(f"{rel}: nothing found for {word!r}")
                facts = page.evaluate("""() => {
                    const form = document.querySelector('form.site-search');
                    return {tags: [...new Set([...form.querySelectorAll('*')].map(e => e.tagName))],
                            handlers: [...form.querySelectorAll('*')].flatMap(e => [...e.attributes]
                                        .filter(a => a.name.startsWith('on')).map(a => a.name)),
                            links: [...form.querySelectorAll('a')].map(a => a.getAttribute('href'))
                                        .filter(h => !/^(\\.\\.\\/)?[\\w./-]+\\.html(#.*)?$/.test(h)),
                            ran: window.__ran, images: document.querySelectorAll('img[src="x"]').length};
                }""")
                if set(facts["tags"]) - FORM_TAGS or facts["handlers"] or facts["links"] or facts["ran"] or facts["images"]:
                    problems.append(f"{rel}, {word!r}: {facts}")
            # the payloads are there, shown as text
            snippets = " ".join(r["snippet"] + r["text"] for r in tab.query("pwned"))
            if "window.__pwned(" not in snippets or "<" not in snippets:
                problems.append(f"{rel}: the payload text is not shown: {snippets[:200]!r}")
        assert problems == []
        assert page.evaluate("window.__ran") == []
        assert tab.problems == []
    finally:
        tab.close()


# -- 5. the ids search.js gives headings are the index's ---------------------------------------------

def test_headings_without_ids_get_the_ids_the_index_links_to(tmp_path, browser):
    from helpers.site.render import TEMPLATES

    body = ('<h1>Title</h1><p>a</p><template><h2>Not a heading of the page</h2></template><h2 id="kept">Kept</h2>'
            '<div><h3>Nested</h3></div><noscript><h2>No script</h2></noscript><h2>Last</h2><p>b</p>')
    html = (f'<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><header></header>'
            f'<main id="content">{body}</main><script src="_static/search.js"></script></body></html>')
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "search.js").write_bytes((TEMPLATES / "static" / "search.js").read_bytes())
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    anchors = [(s.heading, s.anchor) for s in search.read_page(html).sections]
    tab = Tab(browser)
    try:
        tab.open((tmp_path / "page.html").as_uri() + "#search-section-4")
        in_page = tab.page.evaluate("""() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')]
            .map(h => [h.textContent, h.id])""")
        assert [tuple(x) for x in in_page] == anchors == [("Title", "search-section-1"), ("Kept", "kept"),
                                                          ("Nested", "search-section-3"), ("Last", "search-section-4")]
        assert tab.problems == []
    finally:
        tab.close()


# -- 6. a site without the engine says so --------------------------------------------------------------

def test_a_site_without_minisearch_says_search_is_not_available_and_requests_nothing_missing(sites, tmp_path, browser):
    import shutil

    rel = "lessons/student_guide.html"
    (tmp_path / "lessons").mkdir()
    shutil.copyfile(sites["seed"] / rel, tmp_path / rel)
    shutil.copytree(sites["seed"] / "_static", tmp_path / "_static",
                    ignore=shutil.ignore_patterns("minisearch.js", "search-index-*", "embed-amd.js", "vega.js"))
    search.write_indexes(tmp_path, [rel], ("student",))
    assert _index(tmp_path, "student")["engine"] is False and _index(sites["seed"], "student")["engine"] is True
    tab = Tab(browser)
    try:
        tab.open((tmp_path / rel).as_uri())
        tab.page.fill("#site-search-input", "lesson")
        tab.page.wait_for_function("window.closeReadingSearch.state === 'unavailable'", timeout=30_000)
        assert tab.page.evaluate("document.querySelector('#site-search-status').textContent").startswith(
            "Search is not available")
        assert tab.page.evaluate("document.querySelector('#site-search-results').hidden")
        # typing after the failure (focus had started the load) keeps the message, not "Loading …"
        tab.page.fill("#site-search-input", "lessons")
        assert tab.page.evaluate("document.querySelector('#site-search-status').textContent").startswith(
            "Search is not available")
        assert tab.problems == []
    finally:
        tab.close()
