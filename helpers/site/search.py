"""The site's search index: the text of every built page, cut into sections, for MiniSearch.

After the pages are in place, :func:`write_indexes` reads each built page's HTML and writes
``_static/search-index-student.js`` (the pages every student may read: the student edition, the
index, the guides a student-only site keeps, :data:`helpers.site.editions.STUDENT_LESSONS`) and
``_static/search-index-instructor.js`` (every page of the site), each for the editions the site
has; an index says whether the site has the engine (``_static/minisearch.js``, which
:mod:`helpers.site.assets` places before the index is written). A page loads its index with a ``<script src>`` element (``templates/static/search.js``), which
works from ``file://`` as well as over HTTP; the browser builds the MiniSearch index from the
documents when the search box is first used.

One document per section: a heading inside ``<main>`` and the text up to the next heading, with
the heading's ``id`` as the link's anchor. A heading without an ``id`` (Markdown lesson plans) gets
``search-section-<n>``, ``n`` counting every heading of ``<main>`` in document order; ``search.js``
gives the page's headings the same ids. What is read: the visible text of ``<main>``; not
scripts, styles, SVG, templates, code input cells, the ``¶`` links of headings, marker tags,
widget placeholders, hidden elements, or anything outside ``<main>`` (header, navigation,
footer). A section's text is indexed up to :data:`SECTION_CHARS` characters. The JSON is sorted
and ASCII, so two builds of the same pages give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Mapping

from helpers.core.fileio import atomic_write
from helpers.site.editions import STUDENT_LESSONS

#: the global the index files fill: ``window[GLOBAL][edition] = {...}``
GLOBAL = "closeReadingSearchIndex"
INDEX_FILE = "search-index-{}.js"
#: the search engine in ``_static`` (helpers.site.assets puts it there)
ENGINE_FILE = "minisearch.js"
FORMAT = 1
#: the id a heading without one gets (search.js gives the same)
SECTION_ID = "search-section-{}"
#: the characters of a section's text that are indexed: every section of the course's own pages is
#: shorter (the longest, a whole article shown in a lesson, is about 18,000), and a very long
#: article (the 2 MB trust test) must not give an index of tens of megabytes that every page loads
SECTION_CHARS = 20_000
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: elements whose content is never text to read
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
                        "nav", "button", "select", "textarea"})
#: classes whose element is skipped: code input cells, heading links, marker tags, widget placeholders
_SKIP_CLASSES = frozenset({"input_area", "jp-InputArea", "anchor-link", "cr-tag", "widget-placeholder", "prompt"})
#: elements whose content a browser does not make into elements of the page (their headings are not counted)
_INERT = frozenset({"template", "noscript"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
#: elements that separate words (the rest, such as ``em`` or ``a``, are inside a word's run)
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
                     "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                     "hr", "li", "main", "ol", "p", "pre", "section", "sub", "summary", "sup", "table", "tbody",
                     "td", "tfoot", "th", "thead", "tr", "ul", "img", "label", "output"})
_SPACE = re.compile(r"\s+")
#: the site's name after a page's title (`` — Close Reading Lab``, `` · <kind> · Close Reading Lab``)
_TITLE_SUFFIX = re.compile(r"(?:\s+·\s+(?:student edition|instructor edition|lesson plan|index))?\s+[—·|-]\s+"
                           r"Close Reading Lab$")


@dataclass
class Section:
    """One searchable part of a page: the text under ``heading`` (``anchor`` is its id)."""

    heading: str
    anchor: str
    text: str
    level: int


@dataclass
class Page:
    """What a built page gives the index: its title and its sections in document order."""

    title: str
    sections: list[Section]


class _Reader(HTMLParser):
    """The title, and the sections of ``<main>``, of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, skipped)
        self.skipping = 0  # open elements that skip their content
        self.inert = 0  # open elements whose content is not part of the page's document
        self.in_main = 0
        self.in_title = False
        self.title: list[str] = []
        self.headings = 0  # headings of <main> so far (skipped ones too): the n of SECTION_ID
        self.heading: list[str] | None = None  # the text of the heading being read
        self.sections: list[Section] = []
        self.text: list[str] = []  # the text of the current section

    # -- elements
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "title" and not self.in_main:
            self.in_title = True
        if tag == "main":
            self.in_main += 1
        if tag in _BLOCKS:
            self._space()
        if self.in_main and tag in HEADINGS and not self.inert:
            self.headings += 1
            if not self.skipping:
                self._close_section()
                anchor = attr.get("id") or SECTION_ID.format(self.headings)
                self.sections.append(Section("", anchor, "", int(tag[1])))
                self.heading = []
        if tag in _VOID:
            return
        skip = (tag in _SKIP_TAGS or "hidden" in attr or (attr.get("aria-hidden") or "").lower() == "true"
                or bool(_SKIP_CLASSES & set((attr.get("class") or "").split())))
        self.stack.append((tag, skip))
        self.skipping += skip
        self.inert += tag in _INERT

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._space()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _BLOCKS:
            self._space()
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, skip = self.stack.pop()
            self.skipping -= skip
            self.inert -= open_tag in _INERT
            if open_tag in HEADINGS and self.heading is not None and not self.skipping:
                self._end_heading()
            if open_tag == "main":
                self.in_main -= 1
                self._close_section()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.in_main or self.skipping:
            return
        (self.heading if self.heading is not None else self.text).append(data)

    # -- text
    def _space(self) -> None:
        target = self.heading if self.heading is not None else self.text
        if target and target[-1] != " ":
            target.append(" ")

    def _end_heading(self) -> None:
        self.sections[-1].heading = _clean("".join(self.heading or []))
        self.heading = None

    def _close_section(self) -> None:
        if self.heading is not None:
            self._end_heading()
        text = _clean("".join(self.text))
        self.text = []
        if not text:
            return
        if not self.sections:  # text before the first heading
            self.sections.append(Section("", "", "", 0))
        self.sections[-1].text = _clean(self.sections[-1].text + " " + text)

    def close(self) -> None:
        super().close()
        self._close_section()


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def read_page(html: str) -> Page:
    """The title (the ``<title>`` without the site's name, else the first heading) and the
    sections of one built page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    title = _TITLE_SUFFIX.sub("", _clean("".join(reader.title)))
    sections = [s for s in reader.sections if s.heading or s.text]
    if not title:
        title = next((s.heading for s in sections if s.heading), "")
    return Page(title=title, sections=sections)


def page_kind(rel: str) -> str:
    """What a page is, as a result names it."""
    if rel.startswith("student/"):
        return "Student edition"
    if rel.startswith("instructor/"):
        return "Instructor edition"
    if rel.startswith("lessons/"):
        stem = Path(rel).stem
        return "Guide" if stem in STUDENT_LESSONS or stem.endswith("guide") else "Lesson plan"
    return "Contents" if rel == "index.html" else "Page"


def is_student_page(rel: str) -> bool:
    """Whether every student may read the page ``rel``: the student edition, the index, the
    guides written for students (never an instructor page or a lesson plan)."""
    if rel.startswith("student/"):
        return True
    if rel.startswith("lessons/"):
        return Path(rel).stem in STUDENT_LESSONS
    return rel == "index.html"


def documents(rel: str, page: Page) -> list[dict]:
    """The MiniSearch documents of one page (without ids): one per section."""
    docs = []
    for section in page.sections:
        heading = section.heading if section.heading != page.title else ""
        text = section.text
        if len(text) > SECTION_CHARS:  # cut at a space, so no half word is indexed
            text = text[:SECTION_CHARS].rsplit(" ", 1)[0]
        docs.append({"page": rel, "anchor": section.anchor, "title": page.title, "heading": heading,
                     "kind": page_kind(rel), "text": text})
    return docs


def index_data(edition: str, pages: dict[str, Page], engine: bool = True) -> dict:
    """The index of ``edition``: the pages it covers and their documents, sorted, ids numbered;
    ``engine``: whether the site has MiniSearch (``_static/minisearch.js``)."""
    docs = []
    for rel in sorted(pages):
        docs += documents(rel, pages[rel])
    for n, doc in enumerate(docs):
        doc["id"] = n
    return {"format": FORMAT, "edition": edition, "engine": engine, "pages": sorted(pages), "documents": docs}


def index_script(data: dict) -> str:
    """The index as a script: it sets ``window.closeReadingSearchIndex[edition]`` (ASCII JSON, sorted)."""
    payload = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return (f"window.{GLOBAL}=window.{GLOBAL}||{{}};\n"
            f"window.{GLOBAL}[{json.dumps(data['edition'])}]={payload};\n")


@functools.lru_cache(maxsize=1)
def _reader_version() -> str:
    """This module's source, hashed: a kept reading is used only by the reader that made it."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@functools.lru_cache(maxsize=512)
def _read_keyed(key: str, path: Path, store: Path | None = None) -> Page:
    """A page read once per content key (a preview session rebuilds the index after every change);
    with ``store`` (the build cache's ``search/`` folder), its reading is kept there as JSON, so a
    later build reads the pages it did not render again from that instead of their HTML."""
    kept = store / f"{key}.json" if store is not None else None
    if kept is not None:
        try:
            data = json.loads(kept.read_text(encoding="utf-8"))
            if data.get("reader") == _reader_version():
                return Page(data["title"], [Section(**section) for section in data["sections"]])
        except (OSError, ValueError, KeyError, TypeError):
            pass  # not kept yet, or unreadable: read the HTML
    page = read_page(path.read_text(encoding="utf-8"))
    if kept is not None:              # a cache file, as the build writes its others
        atomic_write(kept, json.dumps({"reader": _reader_version(), "title": page.title,
                                       "sections": [vars(section) for section in page.sections]}), durable=False)
    return page


def read_kept(key: str, path: Path, store: Path) -> None:
    """Read the page at ``path`` (content key ``key``) and keep its reading in ``store``, unless it
    is kept there already: the page renderer calls it after each page, so that writing the
    indexes at the end of a build reads no HTML."""
    if not (store / f"{key}.json").is_file():
        _read_keyed(key, path, store)


def indexes(site: Path, pages: Iterable[str] | Mapping[str, tuple], editions: Iterable[str],
            store: Path | None = None) -> dict[str, dict]:
    """``{edition: index data}`` for the built pages of ``site``: ``student`` (the pages every
    student may read) when the site has the student edition, ``instructor`` (every page) when it
    has the instructor edition. ``pages``: the site's files (``rel`` paths), or the build's plan
    (``{rel: (content key, …)}``, whose keys let a page be read once per content, and kept in
    ``store`` for the next build)."""
    editions = tuple(editions)
    keys = {rel: value[0] for rel, value in pages.items()} if isinstance(pages, Mapping) else {}
    html = sorted(rel for rel in pages if rel.endswith(".html"))
    wanted = {"student": [rel for rel in html if is_student_page(rel)] if "student" in editions else None,
              "instructor": html if "instructor" in editions else None}
    read: dict[str, Page] = {}
    out = {}
    for edition, chosen in wanted.items():
        if chosen is None:
            continue
        for rel in chosen:
            if rel not in read:
                read[rel] = (_read_keyed(keys[rel], site / rel, store) if isinstance(keys.get(rel), str)
                             else read_page((site / rel).read_text(encoding="utf-8")))
        out[edition] = index_data(edition, {rel: read[rel] for rel in chosen},
                                  engine=(site / "_static" / ENGINE_FILE).is_file())
    return out


def write_indexes(site: Path, pages: Iterable[str] | Mapping[str, tuple], editions: Iterable[str],
                  store: Path | None = None) -> list[Path]:
    """Write ``_static/search-index-<edition>.js`` for each edition of the site (see :func:`indexes`)."""
    written = []
    for edition, data in indexes(site, pages, editions, store).items():
        path = site / "_static" / INDEX_FILE.format(edition)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(index_script(data), encoding="ascii")
        written.append(path)
    return written
