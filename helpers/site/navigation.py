"""The site's navigation as plain data: which pages a page lists, which page comes before and after
it, its document title, the table of contents of its headings, and the links to run its workbook.

``site_navigation`` describes the whole site once per build (it goes into every page's cache key,
so a page list that changes re-renders the pages); ``page_navigation`` cuts out what one page shows.

**Which pages a page lists.** A page has the navigation of its side of the course:

- a student page (a notebook's student edition, a guide written for students,
  :data:`helpers.site.editions.STUDENT_LESSONS`) lists the student pages only — the student
  edition of each lesson and the student guides — never an instructor page;
- an instructor page (a notebook's instructor edition, a lesson plan, the instructor guide; in a
  site without the student edition, every page) lists the instructor edition of each notebook
  (instructor-only notebooks such as ``00_prepare_article`` included), the lesson plans and every
  guide;
- the index lists every page of the site.

Every list starts with the index ("Contents").

**The course order** (previous / next links). Each side has one chain:

- student: the student guides (course overview, then the student guide), then the student edition
  of lessons 01 … 05;
- instructor: the instructor's guides, then, by number, each lesson's plan followed by the
  instructor edition of its notebook (``00_prepare_article``, which has no plan, first);
- the index comes before the first page of each chain; its own "next" is the first student page
  (the first instructor page in a site without the student edition).

A lesson plan is the page of ``lessons/`` whose name is a notebook's (``03_citation_tracing.md``
for ``03_citation_tracing.ipynb``); the other pages of ``lessons/`` are guides.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any, Iterable
from urllib.parse import quote, urlsplit

from helpers.core.errors import CourseInputError
from helpers.site.editions import STUDENT_LESSONS

SITE_NAME = "Close Reading Lab"
INDEX = "index.html"
#: the guides first in a chain, in this order; other guides follow by name
GUIDE_ORDER = ("course_overview", "student_guide", "instructor_guide")
#: the folder nbgitpuller pulls the student kit into (its ``targetpath``; the hub's
#: ``CLOSE_READING_HUB_COURSE_FOLDER`` must be the same, deploy/README.md)
KIT_FOLDER = "close-reading-lab"


def _short(title: str) -> str:
    """A guide's title without the site's name after it ("Course overview — Close Reading Lab")."""
    return re.sub(rf"\s+[—–-]\s+{re.escape(SITE_NAME)}\s*$", "", title).strip() or title


def site_navigation(notebooks: Iterable[dict[str, Any]], lessons: Iterable[dict[str, str]],
                    editions: tuple[str, ...]) -> dict[str, Any]:
    """The navigation of a whole site, as JSON-able data.

    ``notebooks``: ``{"name", "title", "pages": editions it has pages in, "workbook": bool}`` for
    every notebook of the site; ``lessons``: ``{"stem", "title"}`` for every page of ``lessons/``
    the site holds; ``editions``: the editions the site is built with.
    """
    notebooks = sorted(notebooks, key=lambda n: n["name"])
    lessons = sorted(lessons, key=lambda m: m["stem"])
    titles = {n["name"]: n["title"] for n in notebooks}
    pages: dict[str, dict[str, Any]] = {INDEX: {"title": "Contents", "side": None, "kind": "index"}}
    for nb in notebooks:
        for edition in nb["pages"]:
            pages[f"{edition}/{nb['name']}.html"] = {
                "title": nb["title"], "side": edition, "kind": edition, "name": nb["name"],
                "workbook": f"workbooks/{nb['name']}.ipynb" if nb["workbook"] else None}
    plans = [m for m in lessons if m["stem"] in titles]
    guide_rank = {stem: i for i, stem in enumerate(GUIDE_ORDER)}
    guides = sorted((m for m in lessons if m["stem"] not in titles),
                    key=lambda m: (guide_rank.get(m["stem"], len(GUIDE_ORDER)), m["stem"]))
    for m in plans:
        pages[f"lessons/{m['stem']}.html"] = {"title": titles[m["stem"]], "side": "instructor", "kind": "plan"}
    for m in guides:
        side = "student" if m["stem"] in STUDENT_LESSONS and "student" in editions else "instructor"
        pages[f"lessons/{m['stem']}.html"] = {"title": _short(m["title"]), "side": side, "kind": "guide"}

    def of(kind: str, side: str | None = None) -> list[str]:
        return [rel for rel, p in sorted(pages.items()) if p["kind"] == kind and (side is None or p["side"] == side)]

    def guide_list(side: str | None) -> list[str]:
        return [f"lessons/{m['stem']}.html" for m in guides
                if side is None or pages[f"lessons/{m['stem']}.html"]["side"] == side]

    all_guides = guide_list(None)
    groups = {
        "student": [("Lessons", of("student")), ("Guides", guide_list("student"))],
        "instructor": [("Instructor edition", of("instructor")), ("Lesson plans", of("plan")),
                       ("Guides", all_guides)],
        "index": [("Student edition", of("student")), ("Instructor edition", of("instructor")),
                  ("Lesson plans", of("plan")), ("Guides", all_guides)],
    }
    instructor_chain = guide_list("instructor")
    for name in sorted(titles):
        instructor_chain += [rel for rel in (f"lessons/{name}.html", f"instructor/{name}.html") if rel in pages]
    chains = {"student": guide_list("student") + of("student"), "instructor": instructor_chain}
    return {"pages": pages, "chains": {side: chain for side, chain in chains.items() if chain},
            "groups": {side: [{"label": label, "links": links} for label, links in items if links]
                       for side, items in groups.items()}}


def page_navigation(nav: dict[str, Any] | None, rel: str) -> dict[str, Any] | None:
    """What the page ``rel`` (``student/03_citation_tracing.html``) shows of the site's navigation:
    ``groups`` of links (each ``{"href", "title", "current"}``, hrefs relative to the site),
    ``previous`` and ``next`` (``{"href", "title"}`` or None), ``workbook``, ``side`` (``student``,
    ``instructor``, None for the index). None without ``nav``."""
    if not nav or rel not in nav["pages"]:
        return None
    pages = nav["pages"]
    me = pages[rel]
    side = me["side"] or "index"

    def link(target: str) -> dict[str, Any]:
        return {"href": target, "title": pages[target]["title"], "current": target == rel}

    groups = [{"label": g["label"], "links": [link(t) for t in g["links"]]} for g in nav["groups"].get(side, [])]
    previous = following = None
    if me["side"] is None:
        first = nav["chains"].get("student") or nav["chains"].get("instructor") or []
        following = link(first[0]) if first else None
    else:
        chain = nav["chains"].get(me["side"], [])
        if rel in chain:
            i = chain.index(rel)
            previous = link(chain[i - 1]) if i > 0 else link(INDEX)
            following = link(chain[i + 1]) if i + 1 < len(chain) else None
    return {"home": link(INDEX), "groups": groups, "previous": previous, "next": following,
            "workbook": me.get("workbook"), "side": me["side"]}


def document_title(nav: dict[str, Any] | None, rel: str, fallback: str) -> str:
    """The page's ``<title>``: "03 · Citation tracing — Close Reading Lab" (a notebook's student
    edition), "… (instructor) — …", "… (lesson plan) — …", "Student guide — …", "Contents — …"."""
    page = (nav or {}).get("pages", {}).get(rel)
    if page is None:
        return f"{fallback} — {SITE_NAME}"
    title = page["title"]
    if page["kind"] == "instructor" and "instructor" not in title.lower():
        title += " (instructor)"
    elif page["kind"] == "plan":
        title += " (lesson plan)"
    return f"{title} — {SITE_NAME}"


# -- headings: the table of contents -------------------------------------------------------------

_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)
_HEADING = re.compile(r"<h([1-3])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_ANCHOR = re.compile(r"<a\b[^>]*\bclass\s*=\s*[\"']anchor-link[\"'][^>]*>.*?</a\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def _text(inner: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub("", _ANCHOR.sub("", inner))).split())


def slug(text: str) -> str:
    """An id for a heading: its words, lower case, joined by hyphens."""
    return re.sub(r"[^\w]+", "-", text.lower(), flags=re.U).strip("-") or "section"


def with_heading_ids(body: str) -> str:
    """``body`` (HTML made here: a lesson plan's or the index's) with an id on every h1–h3 that lacks one."""
    taken = {m.group(1) or m.group(2) for m in _ID.finditer(body)}

    def add(m: re.Match) -> str:
        if _ID.search(m.group(2)):
            return m.group(0)
        base = new = slug(_text(m.group(3)))
        n = 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        taken.add(new)
        return f'<h{m.group(1)} id="{html_lib.escape(new)}"{m.group(2)}>{m.group(3)}</h{m.group(1)}>'

    return _HEADING.sub(add, body)


def headings(body: str) -> list[dict[str, Any]]:
    """The h1–h3 of ``body`` that have an id, in order: ``{"level", "id", "text"}`` (text unescaped).

    Scripts are left out (a chart's data may hold text that looks like a heading)."""
    out = []
    for m in _HEADING.finditer(_SCRIPT.sub("", body)):
        found = _ID.search(m.group(2))
        text = _text(m.group(3))
        if found and text:
            out.append({"level": int(m.group(1)), "id": html_lib.unescape(found.group(1) or found.group(2)),
                        "text": text})
    return out


# -- the workbook on a JupyterHub --------------------------------------------------------------------

def hub_settings(hub_url: str | None, kit_repo: str | None, kit_branch: str = "main",
                 kit_folder: str = KIT_FOLDER) -> dict[str, str] | None:
    """The hub and the kit's repository for "Open in JupyterHub" links, checked; None unless both are given."""
    if not hub_url or not kit_repo:
        return None
    parts = urlsplit(hub_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CourseInputError(None, f"--hub-url {hub_url!r} is not an http(s) address",
                               "give the hub's address, e.g. https://hub.example.org")
    hub = hub_url.rstrip("/")
    hub = hub[: -len("/hub")] if hub.endswith("/hub") else hub
    if not kit_branch.strip() or not re.fullmatch(r"[\w.-]+", kit_folder or ""):
        raise CourseInputError(None, "the kit's branch and folder must be given (the folder: letters, digits, . _ -)",
                               "check --kit-branch and --kit-folder")
    return {"url": hub, "repo": kit_repo, "branch": kit_branch.strip(), "folder": kit_folder}


def hub_link(hub: dict[str, str] | None, name: str) -> str | None:
    """The nbgitpuller link that pulls the kit and opens ``notebooks/<name>.ipynb`` in JupyterLab."""
    if not hub:
        return None
    q = lambda value: quote(value, safe="")
    urlpath = f"lab/tree/{hub['folder']}/notebooks/{name}.ipynb"
    return (f"{hub['url']}/hub/user-redirect/git-pull?repo={q(hub['repo'])}&branch={q(hub['branch'])}"
            f"&targetpath={q(hub['folder'])}&urlpath={q(urlpath)}")
