"""The site's HTML: each edition of a notebook through nbconvert, the lesson plans and the index
through the site's Jinja templates, and the stylesheet.

Templates (``templates/``): ``site/`` holds the page chrome (header, navigation, footer), the
page of a lesson plan or the index, and the index's body. They are rendered by the site's Jinja
environment, which autoescapes; ``| safe`` marks the one place where HTML made here is
inserted (a page's body: the index's, or a lesson plan's from Markdown). ``close_reading/`` is
the nbconvert template of a notebook page: nbconvert renders it in its own environment, which
does not autoescape (its templates insert the HTML its filters make), so that template escapes
text itself with ``| e``; the chrome reaches it already rendered, in ``resources.close_reading``
(``page_resources``).

Every page gets its navigation (``helpers.site.navigation``: the sidebar, previous and next, its
``<title>``) from ``site_ctx["navigation"]``; once rendered, its table of contents is filled in
from its headings (``with_toc``) and each table is put in a box that scrolls sideways
(``scroll_tables``), so that a narrow screen never scrolls the page itself.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any, Callable

from helpers.site import navigation, search
from helpers.site.cache import BuildCache, write
from helpers.site.notebook import one_line
from helpers.site.widgetstate import WIDGET_VIEW, view_model_ids

TEMPLATES = Path(__file__).resolve().parent / "templates"
VEGALITE_MIMETYPES = tuple(f"application/vnd.vegalite.v{v}+json" for v in (6, 5, 4))
#: the outputs a page shows, best first; no application/javascript: pages run no output JS
#: (first: a self-check, helpers.present.exercises.selfcheck.MIME, the form a page checks without a kernel)
DISPLAY_PRIORITY = ["application/vnd.close-reading.selfcheck+json", *VEGALITE_MIMETYPES, WIDGET_VIEW, "text/html",
                    "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/plain"]


class PageRenderer:
    """Renders pages into the page cache on one background thread, while kernels run, and reads
    each for the search index (``search.read_kept``), which the site's assembly then finds kept.

    ``submit`` queues ``{rel: (key, render)}``; ``close`` waits and re-raises the first error.
    """

    def __init__(self, cache: BuildCache, force: bool, show: Callable[[str], None]):
        # lazy: concurrent.futures imports logging; only a build that executes notebooks needs a thread pool
        from concurrent.futures import ThreadPoolExecutor

        self.cache, self.force, self.show = cache, force, show
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render")
        self.futures: list = []
        self.rendered: set[str] = set()

    def warm_up(self) -> None:
        """Import nbconvert, build the exporter and compile what a page's first rendering compiles
        (Pygments' Python lexer, the Markdown parser) while the first kernels start."""
        self.futures.append(self.pool.submit(warm_up))

    def submit(self, pages: dict[str, tuple[str, Callable[[], str]]]) -> None:
        for rel, (key, render) in sorted(pages.items()):
            self.futures.append(self.pool.submit(self._render, rel, key, render))

    def _render(self, rel: str, key: str, render: Callable[[], str]) -> None:
        cached = self.cache.page(key)
        if self.force or not cached.exists():
            self.show(f"[render] {rel}")
            write(cached, render())
            self.rendered.add(rel)
        if rel.endswith(".html"):      # the search index's reading of the page, kept for the site's index
            search.read_kept(key, cached, self.cache.search_folder)

    def close(self, raise_errors: bool = True) -> None:
        self.pool.shutdown(wait=True, cancel_futures=not raise_errors)
        for future in self.futures:
            if raise_errors and not future.cancelled() and future.exception() is not None:
                raise future.exception()


# -- notebook pages ----------------------------------------------------------------------------

def notebook_page(nb: dict, *, name: str, title: str, edition: str, key: str, site_ctx: dict,
                  widgets_ok: bool, local_roots: list[Path], error: str | None = None) -> str:
    """The page of one edition of a notebook (``nb``: that edition, from ``edition_notebook``).

    ``key`` is the page's content key (shown as its inputs); absolute paths under
    ``local_roots`` are made relative. ``error``: why the notebook did not run to its end (shown
    at the top of the page; ``nb`` is then what ran, the failing cell's traceback included).
    """
    node = notebook_node(nb)
    charts = _label_charts(node)
    has_views = bool(view_model_ids(nb))
    other = "instructor" if edition == "student" else "student"
    rel = f"{edition}/{name}.html"
    nav = site_ctx.get("navigation")
    page_nav = navigation.page_navigation(nav, rel)
    in_kit = bool(page_nav and page_nav["workbook"])
    page = {**site_ctx, "title": title, "kind": f"{edition} edition", "edition": edition, "inputs": key,
            "root": "../", "charts": charts > 0,
            "widgets": bool(widgets_ok and has_views and nb.get("metadata", {}).get("widgets")),
            "other_edition": other.capitalize(), "other_edition_href": f"../{other}/{name}.html", "error": error,
            "doc_title": navigation.document_title(nav, rel, title), "nav": page_nav,
            "hub_href": navigation.hub_link(site_ctx.get("hub"), name) if edition == "student" and in_kit else None}
    page.pop("navigation", None)
    html, _ = exporter().from_notebook_node(node, resources=page_resources(page))
    return relativize(with_toc(scroll_tables(html)), local_roots)


def _label_charts(nb: dict) -> int:
    """Give each Vega-Lite output an element id and a label (for the template); returns how many."""
    charts = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            vl = next((m for m in VEGALITE_MIMETYPES if m in data), None)
            if vl:
                charts += 1
                out.setdefault("metadata", {})["close-reading"] = {"id": f"chart-{charts}", "label": chart_label(data[vl])}
    return charts


def chart_label(spec: dict) -> str:
    """A chart's accessible name: its description, else its title, else "Chart"."""
    desc = spec.get("description") if isinstance(spec, dict) else None
    title = spec.get("title") if isinstance(spec, dict) else None
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return one_line(desc or title or "Chart")


def page_resources(page: dict) -> dict[str, Any]:
    """The nbconvert resources of a notebook page: ``page`` and its rendered chrome."""
    chrome = _environment().get_template("site/chrome.html.j2").module
    return {"close_reading": {**page, "top": chrome.page_top(page), "bottom": chrome.page_bottom(page)}}


def notebook_node(nb_dict: dict):
    """The notebook as nbformat reads it from a file (a NotebookNode of its own: ``nb_dict`` is not
    changed), without validating it again (the build wrote it). It is made for one page, so the
    exporter may change it in place: its deep copy is the node itself (nbconvert copies the whole
    notebook before preprocessing, a tenth of a page's rendering time)."""
    # lazy (heavy): nbformat imports jsonschema; only rendering a notebook page needs it
    from nbformat.v4 import to_notebook_json

    return _page_node_class()(to_notebook_json(nb_dict))


@functools.lru_cache(maxsize=1)
def _page_node_class():
    from nbformat import NotebookNode

    class PageNotebookNode(NotebookNode):
        """A notebook made for one page: copying it gives itself."""

        def __deepcopy__(self, memo):
            return self

    return PageNotebookNode


#: where the chrome puts the page's table of contents (at the top of the content, and after it),
#: filled in once the page's headings are known
TOC_PLACEHOLDERS = {"top": "<!-- close-reading:toc top -->", "side": "<!-- close-reading:toc side -->"}
_MAIN_START = '<main id="content" tabindex="-1">'


def with_toc(html: str) -> str:
    """``html`` (a whole page) with its table of contents: the h1–h3 inside ``<main>`` that have an
    id (none when there are fewer than two)."""
    start, end = html.find(_MAIN_START), html.rfind("</main>")
    found = navigation.headings(html[start:end]) if 0 <= start < end else []
    chrome = _environment().get_template("site/chrome.html.j2").module
    for where, placeholder in TOC_PLACEHOLDERS.items():
        html = html.replace(placeholder, str(chrome.page_toc(found, where)) if len(found) > 1 else "", 1)
    return html


def export_html(nb_dict: dict, page: dict) -> str:
    body, _ = exporter().from_notebook_node(notebook_node(nb_dict), resources=page_resources(page))
    return body


def relativize(html: str, roots: list[Path]) -> str:
    """Replace absolute paths of this machine (article folder, scratch, repository) by relative ones."""
    for root in roots:
        root_s = str(root.resolve())
        if root_s in ("/", ""):
            continue
        html = html.replace(root_s + "/", "").replace(root_s, ".")
    return html


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False).replace("</", "<\\/")
            .replace("<!--", "<\\!--").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@functools.lru_cache(maxsize=1)
def warm_up() -> None:
    """Render a small notebook once: the exporter is built and the regular expressions its filters
    use are compiled (once per process; about a third of a second taken off the first page)."""
    cells = [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Title\n\nSome *text*, a [link](x.html)."},
             {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": 1, "source": "import x\nprint(x.y(1))",
              "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\n"}]}]
    nb = {"cells": cells, "metadata": {"language_info": {"name": "python", "pygments_lexer": "ipython3"}},
          "nbformat": 4, "nbformat_minor": 5}
    export_html(nb, {"title": "", "kind": "", "edition": None, "inputs": "", "root": "", "charts": False,
                     "widgets": False, "article_id": "", "article_title": ""})


@functools.lru_cache(maxsize=1)
def exporter():
    """One HTMLExporter per process (building its template environment is the slow part)."""
    # lazy (heavy): nbconvert imports jupyter_core, mistune, bleach and pygments
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.HTMLExporter.template_name = "close_reading"
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.NbConvertBase.display_data_priority = DISPLAY_PRIORITY
    # its output (nbconvert's notebook CSS, in resources) goes into a header block our template replaces
    config.CSSHTMLHeaderPreprocessor.enabled = False
    # the notebook is validated once, after all preprocessors, not after each of them (the build wrote
    # it; each validation is a pass over every cell)
    config.HTMLExporter.optimistic_validation = True
    exporter = _fast_exporter_class(HTMLExporter)(config=config)
    exporter.register_filter("script_json", script_json)
    return exporter


#: how many Markdown renderings the exporter keeps (a long preview session renders many)
MARKDOWN_MEMO = 4096


def _fast_exporter_class(base):
    """``base`` (nbconvert's HTMLExporter) without its BeautifulSoup pass when that pass has nothing to do.

    The pass (more than half of a page's rendering time) only adds alt text to ``<img>`` tags that
    lack it and ``tabindex`` to cells inside ``.jp-Notebook``; our template emits neither, so a page
    without ``<img`` or ``jp-Notebook`` skips it, and any other page goes through the full pass.
    Skipping it means doing what ``HTMLExporter.from_notebook_node`` does before the pass, with
    public API: register its two per-notebook filters, then render with the template exporter
    (tests/site/test_build.py checks that both ways give the same document).
    """
    # lazy (heavy): nbconvert, as in exporter()
    from jinja2 import pass_context
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class FastHTMLExporter(base):
        @pass_context
        def markdown2html(self, context, source):
            # the same Markdown in the same cell (a student and an instructor page share most of theirs) is
            # the same HTML: the exporter's settings are fixed, and the cell's attachments and the
            # page's folder are in the key
            cell = context.get("cell", {})
            key = (source, json.dumps(cell.get("attachments") or {}, sort_keys=True),
                   context.get("resources", {}).get("metadata", {}).get("path", ""))
            html = markdown_html.get(key)
            if html is None:
                if len(markdown_html) >= MARKDOWN_MEMO:
                    markdown_html.clear()
                html = markdown_html[key] = base.markdown2html(self, context, source)
            return html

        def from_notebook_node(self, nb, resources=None, **kw):
            pristine = copy.deepcopy(resources)
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            # the widget views to show are those whose model is in the notebook's widget state
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata={"": nb.metadata}, parent=self))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            if "<img" in html or "jp-Notebook" in html:
                return super().from_notebook_node(nb, pristine, **kw)
            return html, resources

    markdown_html: dict[tuple, str] = {}
    return FastHTMLExporter


# -- lesson plans, index, stylesheet -----------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _environment():
    """The Jinja environment of the site's own templates (autoescaped)."""
    # lazy: Jinja is needed only when a page is rendered (it would slow a no-op rebuild's start)
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                              autoescape=jinja2.select_autoescape(("html", "j2")), keep_trailing_newline=True)


def _site_page(page: dict, body: str, rel: str | None) -> str:
    """A lesson plan or the index: ``body`` (HTML made here) inside the page chrome; ``rel``: the
    page's path in the site (its place in the navigation)."""
    nav = page.pop("navigation", None)
    page = {**page, "charts": False, "widgets": False, "nav": navigation.page_navigation(nav, rel or ""),
            "doc_title": navigation.document_title(nav, rel or "", page["title"])}
    body = scroll_tables(navigation.with_heading_ids(body))
    return with_toc(_environment().get_template("site/page.html.j2").render(page=page, body=body))


def lesson_page(text: str, title: str, site_ctx: dict, key: str, rel: str | None = None) -> str:
    """A lesson plan's page from its Markdown (HTML in the Markdown is shown as text)."""
    # lazy: markdown-it is needed only when a lesson plan is rendered (it would slow a no-op rebuild's start)
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    return _site_page({**site_ctx, "title": title, "kind": "lesson plan", "edition": None, "inputs": key,
                       "root": "../"}, body, rel)


_SCRIPT = re.compile(r"(<script\b.*?</script\s*>)", re.S | re.I)
_TABLE = re.compile(r"<table\b.*?</table\s*>", re.S | re.I)
_SCROLL_BOX = '<div class="table-scroll" tabindex="0" role="group" aria-label="Table (scrolls sideways when wider than the page)">'


def scroll_tables(html: str) -> str:
    """Every table of ``html`` (outside scripts) in a box of its own that scrolls sideways on a
    narrow screen, so that the page itself does not; the box is focusable, so that the keyboard can
    scroll it."""
    parts = _SCRIPT.split(html)  # odd items: the scripts, left as they are
    return "".join(part if i % 2 else _TABLE.sub(lambda m: _SCROLL_BOX + m.group(0) + "</div>", part)
                   for i, part in enumerate(parts))


def index_page(ctx: dict, site_ctx: dict, key: str) -> str:
    """The index: the article, every notebook's pages and workbook, the lesson plans (``ctx``)."""
    body = _environment().get_template("site/index_body.html.j2").render(**ctx)
    return _site_page({**site_ctx, "title": "Contents", "kind": "index", "edition": None, "inputs": key,
                       "root": ""}, body, navigation.INDEX)


def write_static_files(dest: Path) -> None:
    """Every file of ``templates/static/`` into ``dest`` (the site's ``_static/``); ``site.css``
    gets Pygments' code colours before the site's own rules (which win)."""
    # lazy: pygments' formatters are needed only when a site is written
    from pygments.formatters import HtmlFormatter

    dest.mkdir(parents=True, exist_ok=True)
    for source in sorted((TEMPLATES / "static").iterdir()):
        if not source.is_file():
            continue
        data = source.read_bytes()
        if source.name == "site.css":
            data = ("/* Pygments (style: default) */\n" + HtmlFormatter(style="default").get_style_defs(".highlight")
                    + "\n\n").encode("utf-8") + data  # after: its overrides win
        (dest / source.name).write_bytes(data)
