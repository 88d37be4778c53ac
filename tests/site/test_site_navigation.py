"""A course site people expect (issue 13): navigation on every page, the course order, a table of
contents, page titles, the workbook to download or open on a JupyterHub, and a layout that reads at
360 px, in dark mode and on paper.

The seed site is built twice per module through the command line (the project's build cache, so
the executions are shared with the other site tests): both editions with ``--hub-url`` and
``--kit-repo``, and the student edition with ``--hub-url`` alone. The pages are parsed as HTML and
three of them (the index, a student lesson, an instructor lesson) are opened in headless Chromium
with the network blocked, measured, checked with axe-core in light and dark mode and at 360 px,
printed, and photographed into ``_build/screenshots/nav-*.png``.
"""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from helpers.site.editions import STUDENT_LESSONS, audience
from helpers.site.navigation import page_navigation, site_navigation
from helpers.site.notebook import notebook_title
from site_support import build_seed_site, chromium, local_files_only

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "_build" / "screenshots"
HUB = "https://hub.example.org/"
KIT_REPO = "https://git.example.org/seminar/close-reading-lab-kit.git"
SOURCES = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))}
FOR_ALL = [n for n, nb in SOURCES.items() if audience(nb) != "instructor"]
FOR_INSTRUCTORS = [n for n, nb in SOURCES.items() if audience(nb) == "instructor"]
LESSONS = sorted(p.stem for p in (REPO / "lessons").glob("*.md"))
#: the pages opened in Chromium: the index and one lesson of each edition
BROWSED = ["index.html", f"student/{FOR_ALL[0]}.html", f"instructor/{FOR_ALL[2]}.html"]
#: the axe-core rules about colour, run again in dark mode
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("navigation")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("navigation")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        both = pool.submit(build_seed_site, root / "both", "--hub-url", HUB, "--kit-repo", KIT_REPO)
        student = pool.submit(build_seed_site, root / "student", "--edition", "student", "--hub-url", HUB)
        return {"both": root / "both", "student": root / "student", "student_proc": student.result(),
                "both_proc": both.result()}


_SOUPS: dict[Path, object] = {}


def _soup(path: Path):
    """The page parsed (once: the tests only read it)."""
    from bs4 import BeautifulSoup

    if path not in _SOUPS:
        _SOUPS[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return _SOUPS[path]


def _rel(page: Path, href: str, site: Path) -> str:
    """A link of ``page`` as a path in ``site``."""
    return (page.parent / urlsplit(href).path).resolve().relative_to(site.resolve()).as_posix()


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _side(rel: str, site: Path) -> str | None:
    """Which side of the course a page is on: student, instructor, or None (the index)."""
    if rel == "index.html":
        return None
    folder, _, name = rel.partition("/")
    if folder == "lessons":
        return "student" if Path(name).stem in STUDENT_LESSONS and (site / "student").is_dir() else "instructor"
    return folder


def _pager(page: Path, site: Path, rel_name: str) -> str | None:
    link = _soup(page).select_one(f'nav.pager a[rel="{rel_name}"]')
    return _rel(page, link["href"], site) if link else None


# -- the navigation as data ---------------------------------------------------------------------------

def test_the_navigation_data_follows_the_documented_course_order():
    nbs = [{"name": "00_prep", "title": "00 · Prep", "pages": ["instructor"], "workbook": False},
           {"name": "01_a", "title": "01 · A", "pages": ["student", "instructor"], "workbook": True},
           {"name": "02_b", "title": "02 · B", "pages": ["student", "instructor"], "workbook": True}]
    lessons = [{"stem": s, "title": s} for s in ("02_b", "01_a", "student_guide", "instructor_guide", "course_overview")]
    nav = site_navigation(nbs, lessons, ("student", "instructor"))
    assert nav["chains"]["student"] == ["lessons/course_overview.html", "lessons/student_guide.html",
                                        "student/01_a.html", "student/02_b.html"]
    assert nav["chains"]["instructor"] == ["lessons/instructor_guide.html", "instructor/00_prep.html",
                                           "lessons/01_a.html", "instructor/01_a.html",
                                           "lessons/02_b.html", "instructor/02_b.html"]
    student = page_navigation(nav, "student/01_a.html")
    links = [link["href"] for group in student["groups"] for link in group["links"]]
    assert links == ["student/01_a.html", "student/02_b.html", "lessons/course_overview.html",
                     "lessons/student_guide.html"]  # student pages only
    assert [link["current"] for group in student["groups"] for link in group["links"]] == [True, False, False, False]
    assert student["previous"]["href"] == "lessons/student_guide.html" and student["next"]["href"] == "student/02_b.html"
    assert page_navigation(nav, "lessons/course_overview.html")["previous"]["href"] == "index.html"
    assert page_navigation(nav, "index.html")["next"]["href"] == "lessons/course_overview.html"
    assert page_navigation(nav, "instructor/02_b.html")["next"] is None
    # a site of the instructor edition only: every guide is the instructor's, first in its chain
    only = site_navigation([{**nb, "pages": ["instructor"]} for nb in nbs], lessons, ("instructor",))
    assert only["chains"]["instructor"][:3] == ["lessons/course_overview.html", "lessons/student_guide.html",
                                                "lessons/instructor_guide.html"]
    assert "student" not in only["chains"]


# -- every page ----------------------------------------------------------------------------------------

def test_every_page_has_the_navigation_with_itself_marked_current(sites):
    for name in ("both", "student"):
        site = sites[name]
        pages = _pages(site)
        assert len(pages) >= 8
        for page in pages:
            rel = page.relative_to(site).as_posix()
            nav = _soup(page).select_one('nav.course-nav[aria-label="Course pages"]')
            assert nav is not None, rel
            current = nav.select('a[aria-current="page"]')
            assert [_rel(page, a["href"], site) for a in current] == [rel], rel
            hrefs = [_rel(page, a["href"], site) for a in nav.select("a[href]")]
            assert hrefs[0] == "index.html" and len(hrefs) == len(set(hrefs)), rel
            assert all((site / h).is_file() for h in hrefs), rel
            side = _side(rel, site)
            if side is not None:  # its side's five lessons, in order
                lessons = [h for h in hrefs if h.startswith(f"{side}/")]
                expected = FOR_ALL if side == "student" else sorted(FOR_ALL + FOR_INSTRUCTORS)
                assert lessons == [f"{side}/{n}.html" for n in expected], rel


def test_the_previous_and_next_links_walk_each_edition_in_course_order(sites):
    site = sites["both"]
    plans = [s for s in LESSONS if s in SOURCES]
    guides = [s for s in LESSONS if s not in SOURCES]
    expected = {
        "student": ([f"lessons/{g}.html" for g in ("course_overview", "student_guide") if g in guides]
                    + [f"student/{n}.html" for n in FOR_ALL]),
        "instructor": ([f"lessons/{g}.html" for g in guides if g not in STUDENT_LESSONS]
                       + [rel for n in sorted(SOURCES)
                          for rel in ([f"lessons/{n}.html"] if n in plans else []) + [f"instructor/{n}.html"]]),
    }
    assert len(expected["student"]) == len(FOR_ALL) + 2 and "lessons/03_citation_tracing.html" in expected["instructor"]
    for side, chain in expected.items():
        walked, rel = [], chain[0]
        assert _pager(site / rel, site, "prev") == "index.html"
        while rel is not None:
            walked.append(rel)
            assert len(walked) <= len(chain) + 1, walked
            following = _pager(site / rel, site, "next")
            if following is not None:  # and back again
                assert _pager(site / following, site, "prev") == rel
            rel = following
        assert walked == chain, side
    assert _pager(site / "index.html", site, "next") == expected["student"][0]
    # the student site: the same student chain, from its index
    student = sites["student"]
    assert _pager(student / "index.html", student, "next") == expected["student"][0]
    assert _pager(student / expected["student"][-1], student, "prev") == expected["student"][-2]


def test_student_pages_list_and_link_to_student_pages_only(sites):
    for name in ("both", "student"):
        site = sites[name]
        student_side = [p for p in _pages(site) if _side(p.relative_to(site).as_posix(), site) == "student"]
        assert len(student_side) >= len(FOR_ALL) + 1
        for page in student_side:
            rel = page.relative_to(site).as_posix()
            for a in _soup(page).select("a[href]"):
                href = a["href"]
                if urlsplit(href).scheme or href.startswith("#"):
                    continue
                target = _rel(page, href, site)
                assert _side(target, site) != "instructor", f"{rel} -> {target}"
                assert not any(n in target for n in FOR_INSTRUCTORS), f"{rel} -> {target}"
    # the instructor-only notebooks are in the instructor navigation (and only there)
    site = sites["both"]
    nav = _soup(site / "instructor" / f"{FOR_ALL[0]}.html").select_one("nav.course-nav")
    assert [n for n in FOR_INSTRUCTORS if nav.select_one(f'a[href="../instructor/{n}.html"]')] == FOR_INSTRUCTORS
    assert not (sites["student"] / "instructor").exists()


def test_the_table_of_contents_links_to_every_heading_on_the_page(sites):
    site = sites["both"]
    longest = 0
    for page in _pages(site):
        soup = _soup(page)
        rel = page.relative_to(site).as_posix()
        ids = {el["id"] for el in soup.select("[id]")}
        headings = [h for h in soup.select("main h1, main h2, main h3") if h.get("id")]
        assert len(headings) == len(soup.select("main h1, main h2, main h3")), f"{rel}: a heading without an id"
        top = soup.select('main > nav.page-toc-top[aria-label="On this page"] a[href]')  # a narrow screen's
        side = soup.select('main ~ nav.page-toc-side[aria-label="On this page"] a[href]')  # a wide screen's
        if len(headings) < 2:
            assert top == side == [], rel
            continue
        assert [str(a) for a in top] == [str(a) for a in side], rel
        toc = top
        targets = [a["href"][1:] for a in toc]
        assert all(a["href"].startswith("#") for a in toc), rel
        assert [t for t in targets if t not in ids and unquote(t) not in ids] == [], rel
        assert [unquote(t) if t not in ids else t for t in targets] == [h["id"] for h in headings], rel
        assert [a.get_text(" ", strip=True) for a in toc] == \
            [h.get_text(" ", strip=True).removesuffix("¶").strip() for h in headings], rel
        longest = max(longest, len(toc))
    assert longest >= 6


def test_page_titles_name_number_title_and_the_site(sites):
    site = sites["both"]
    title = lambda rel: _soup(site / rel).title.get_text()
    for name in FOR_ALL:
        nb_title = notebook_title(SOURCES[name], name)
        number, _, rest = nb_title.partition(" · ")
        assert number == name[:2] and rest  # "03 · Citation tracing"
        assert title(f"student/{name}.html") == f"{nb_title} — Close Reading Lab"
        assert title(f"instructor/{name}.html") == f"{nb_title} (instructor) — Close Reading Lab"
        if name in LESSONS:
            assert title(f"lessons/{name}.html") == f"{nb_title} (lesson plan) — Close Reading Lab"
    assert title("index.html") == "Contents — Close Reading Lab"
    assert title("lessons/student_guide.html") == "Student guide — Close Reading Lab"
    assert _soup(site / "student" / f"{FOR_ALL[0]}.html").select_one(".edition-badge").get_text() == "Student edition"
    for page in _pages(site):
        icon = _soup(page).select_one('link[rel="icon"]')
        assert icon is not None and (page.parent / icon["href"]).is_file()
        assert (page.parent / icon["href"]).read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_each_student_page_offers_its_workbook_near_the_top(sites):
    for name in ("both", "student"):
        site = sites[name]
        for nb in FOR_ALL:
            page = site / "student" / f"{nb}.html"
            soup = _soup(page)
            link = soup.select_one("main a[download]")
            assert link is not None, page
            target = site / _rel(page, link["href"], site)
            assert target == site / "workbooks" / f"{nb}.ipynb" and target.is_file()
            assert json.loads(target.read_text(encoding="utf-8"))["nbformat"] == 4
            first_h1 = soup.select_one("main h1")
            assert link in first_h1.find_all_previous("a"), f"{page}: the download link is not above the title"


def test_the_hub_link_opens_the_kit_notebook_through_nbgitpuller(sites):
    site = sites["both"]
    for nb in FOR_ALL:
        links = [a for a in _soup(site / "student" / f"{nb}.html").select("main a[href]")
                 if a.get_text(strip=True) == "Open in JupyterHub"]
        assert len(links) == 1, nb
        url = urlsplit(links[0]["href"])
        assert (url.scheme, url.netloc, url.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
        query = parse_qs(url.query, strict_parsing=True)
        assert query == {"repo": [KIT_REPO], "branch": ["main"], "targetpath": ["close-reading-lab"],
                         "urlpath": [f"lab/tree/close-reading-lab/notebooks/{nb}.ipynb"]}
        assert "%2F" in url.query  # the values are URL-encoded
        kit_name = f"notebooks/{nb}.ipynb"  # the kit holds the notebook under that name
        assert (REPO / kit_name).is_file()
    for page in (site / "instructor").glob("*.html"):
        assert "git-pull" not in page.read_text(encoding="utf-8"), page
    # --hub-url without --kit-repo: no link, and one line says why
    student = sites["student"]
    assert not [p for p in _pages(student) if "git-pull" in p.read_text(encoding="utf-8")]
    notes = [line for line in sites["student_proc"].stdout.splitlines() if "--kit-repo" in line]
    assert len(notes) == 1 and "--hub-url" in notes[0]
    assert "--kit-repo" not in sites["both_proc"].stdout


# -- in Chromium ---------------------------------------------------------------------------------------

browser = pytest.fixture(scope="module", name="browser")(chromium)


_READY = """() => [...document.querySelectorAll('.vega-chart')].every(
      el => el.querySelector('svg.marks, svg[role="graphics-document"], canvas'))
    && [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')].every(
      s => s.parentElement.querySelector('.jupyter-widgets, .widget-subarea > *'))"""

_WIDEST = """() => [...document.querySelectorAll('main *, header *, nav *')]
  .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5 && !el.closest('.vega-scroll, .table-scroll, pre'))
  .slice(0, 5).map(el => el.tagName + '.' + String(el.className).slice(0, 40) + ' ' + Math.round(el.getBoundingClientRect().right))"""


@pytest.fixture(scope="module")
def visits(sites, browser):
    """Each of BROWSED opened once and looked at in four ways: at 1280 px (axe, screenshot, then
    printed), in dark mode (axe's colour rules: the dark scheme changes colours, not structure), and
    at 360 px (width, axe, screenshot)."""
    from axe_playwright_python.sync_playwright import Axe

    site, axe, out, external = sites["both"], Axe(), {}, []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("nav-*.png"):  # only this module's pictures of this run
        old.unlink()

    def settle(page):  # what a change of size or colours does is laid out before the page is measured
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def check(page, rules=None):
        options = {"preload": False, "resultTypes": ["violations"]}
        if rules:
            options["runOnly"] = {"type": "rule", "values": rules}
        return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in
                axe.run(page, options=options).response["violations"]]

    def shoot(page, rel, width):
        height = min(page.evaluate("document.documentElement.scrollHeight"), 3000 if width > 1000 else 4000)
        page.screenshot(path=str(SCREENSHOTS / f"nav-{rel.replace('/', '-').removesuffix('.html')}-{width}.png"),
                        full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}, timeout=120_000)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.route("**/*", local_files_only(external))
    for rel in BROWSED:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((site / rel).as_uri(), wait_until="load", timeout=120_000)
        page.wait_for_function(_READY, timeout=180_000, polling=100)
        settle(page)
        rec = {"errors": errors, "axe": {"light": check(page)}}
        shoot(page, rel, 1280)
        page.emulate_media(media="print")
        rec["print"] = page.evaluate("""() => ({
          shown: ['.sidebar', '.course-nav', '.page-toc', '.pager', '.skip-link', '.page-actions', '[role="search"]']
            .filter(s => [...document.querySelectorAll(s)].some(el => el.getClientRects().length > 0)),
          charts: [...document.querySelectorAll('.vega-chart svg')].filter(el => el.getClientRects().length > 0).length,
          after: [...document.querySelectorAll('main a[href^="http"]')].filter(a => a.getClientRects().length > 0).slice(0, 3)
            .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content]),
        })""")
        page.emulate_media(media="screen", color_scheme="dark")
        settle(page)
        rec["dark_bg"] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        rec["axe"]["dark"] = check(page, COLOUR_RULES)
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 360, "height": 800})
        settle(page)
        rec["scroll"] = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        rec["widest"] = page.evaluate(_WIDEST)
        rec["axe"]["360 px"] = check(page)
        shoot(page, rel, 360)
        out[rel] = rec
        page.close()
    context.close()
    (SCREENSHOTS / "nav-visits.json").write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    return {"pages": out, "external": external}


def test_at_360_px_the_page_never_scrolls_sideways(visits):
    problems = [f"{rel}: {rec['scroll'][0]} px wide in a {rec['scroll'][1]} px window; {rec['widest']}"
                for rel, rec in visits["pages"].items() if rec["scroll"][0] > rec["scroll"][1]]
    assert problems == []
    assert set(visits["pages"]) == set(BROWSED) and all(rec["scroll"][1] == 360 for rec in visits["pages"].values())
    assert visits["external"] == []
    assert [e for rec in visits["pages"].values() for e in rec["errors"]] == []


def test_no_serious_or_critical_axe_violations_light_dark_and_narrow(visits):
    found = {f"{rel} ({mode})": [v for v in violations if v[1] in ("serious", "critical")]
             for rel, rec in visits["pages"].items() for mode, violations in rec["axe"].items()}
    assert {key: v for key, v in found.items() if v} == {}
    assert len(found) == 3 * len(BROWSED)
    # dark mode really was on: the page's background is dark
    for rec in visits["pages"].values():
        red, green, blue = (int(c) for c in rec["dark_bg"].removeprefix("rgb(").rstrip(")").split(",")[:3])
        assert max(red, green, blue) < 64, rec["dark_bg"]


def test_print_shows_the_content_and_charts_without_navigation(visits):
    printed = {rel: rec["print"] for rel, rec in visits["pages"].items()}
    assert set(printed) == set(BROWSED)
    for rel, facts in printed.items():
        assert facts["shown"] == [], rel
        for href, after in facts["after"]:
            assert href in after, rel
    assert sum(f["charts"] for f in printed.values()) > 0
    assert any(f["after"] for f in printed.values())  # some page links out, and prints the address


def test_screenshots_at_360_and_1280_px_are_saved(visits):
    for rel in BROWSED:
        for width in (360, 1280):
            shot = SCREENSHOTS / f"nav-{rel.replace('/', '-').removesuffix('.html')}-{width}.png"
            data = shot.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, shot
