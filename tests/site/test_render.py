"""The site's HTML (helpers/site/render.py): text is escaped everywhere, and the HTML made here
(page bodies, the chrome of notebook pages) is inserted as it is."""

from __future__ import annotations

import re

from helpers.site import navigation, render

HOSTILE = '<script>alert("x")</script> & Co'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co"
SITE = {"article_id": "an-article", "article_title": HOSTILE}
#: a site whose notebook, lesson plan and guide have hostile titles
NAV_SITE = {**SITE, "navigation": navigation.site_navigation(
    [{"name": "01_a", "title": HOSTILE, "pages": ["student", "instructor"], "workbook": True}],
    [{"stem": "01_a", "title": "Lesson 01"}, {"stem": "student_guide", "title": HOSTILE}], ("student", "instructor"))}


def _no_hostile_markup(html: str) -> None:
    assert "<script>alert" not in html
    assert html.count(ESCAPED) >= 1


def test_the_index_escapes_article_and_notebook_text_and_keeps_its_own_markup():
    ctx = {"article": {"id": "an-article", "title": HOSTILE, "publication": HOSTILE, "volume": "<16>"},
           "lessons": [{"title": HOSTILE, "href": "lessons/a.html"}],
           "notebooks": [{"name": "01_a", "title": HOSTILE, "student": "student/01_a.html",
                          "instructor": "instructor/01_a.html", "workbook": "workbooks/01_a.ipynb"}]}
    html = render.index_page(ctx, SITE, "k" * 64)
    _no_hostile_markup(html)
    assert html.count(ESCAPED) == 7  # header, title, publication, lesson, notebook (three times)
    assert "<title>Contents — Close Reading Lab</title>" in html
    assert "volume &lt;16&gt;" in html
    assert '<table class="pages">' in html and '<a href="student/01_a.html">' in html  # the body is markup
    assert re.search(r'<meta name="close-reading:inputs" content="k{64}">', html)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


def test_a_lesson_plan_shows_html_in_its_markdown_as_text():
    text = f"# {HOSTILE}\n\nSome *emphasis* and <b>bold</b>.\n\n## Second {HOSTILE}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    html = render.lesson_page(text, HOSTILE, SITE, "k" * 64)
    assert "<em>emphasis</em>" in html  # Markdown's own HTML is inserted
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold" not in html
    assert f"<title>{ESCAPED} — Close Reading Lab</title>" in html  # a page outside the navigation
    assert "<script>alert" not in html
    assert re.search(r'<h2 id="second-script-alert-x-script-co">Second ', html)  # headings get ids
    assert '<div class="table-scroll" tabindex="0" role="group"' in html  # a table scrolls in its own box
    # in the navigation: the lesson plan's title names its notebook, its table of contents links to
    # its headings (escaped); the hostile guide is escaped
    plan = render.lesson_page(text, "Lesson 01", NAV_SITE, "k" * 64, rel="lessons/01_a.html")
    assert f'<a href="#second-script-alert-x-script-co">Second {ESCAPED}</a>' in plan
    assert f"<title>{ESCAPED} (lesson plan) — Close Reading Lab</title>" in plan
    assert 'aria-current="page">' + ESCAPED + "</a>" in plan and "<script>alert" not in plan
    guide = render.lesson_page(f"# {HOSTILE}\n", HOSTILE, NAV_SITE, "k" * 64, rel="lessons/student_guide.html")
    assert f"<title>{ESCAPED} — Close Reading Lab</title>" in guide and "<script>alert" not in guide


def test_notebook_pages_get_their_chrome_rendered_and_escaped_by_the_site_templates():
    page = {**SITE, "title": HOSTILE, "kind": "student edition", "edition": "student", "inputs": "k" * 64,
            "root": "../", "charts": True, "widgets": False, "other_edition": "Instructor",
            "other_edition_href": "../instructor/01_a.html"}
    chrome = render.page_resources(page)["close_reading"]
    assert chrome["title"] == HOSTILE  # the page itself, for the nbconvert template
    top, bottom = chrome["top"], chrome["bottom"]
    assert f"<title>{ESCAPED} — Close Reading Lab</title>" in top
    assert '<link rel="icon" href="../_static/favicon.svg" type="image/svg+xml">' in top
    assert '<script src="../_static/vega.js"></script>' in top and 'class="student-edition"' in top
    assert top.rstrip().endswith('<main id="content" tabindex="-1">')
    assert bottom.startswith("</main>") and bottom.endswith("</html>\n") and "require.js" not in bottom


def test_a_notebook_page_escapes_outputs_chart_labels_and_titles():
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}}, "cells": [
        {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": "x",
         "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                      "data": {"text/plain": HOSTILE}},
                     {"output_type": "display_data", "metadata": {},
                      "data": {"application/vnd.vegalite.v5+json": {"description": HOSTILE, "mark": "bar"},
                               "text/plain": "chart"}}]}]}
    html = render.notebook_page(nb, name="01_a", title=HOSTILE, edition="instructor", key="k" * 64,
                                site_ctx=SITE, widgets_ok=False, local_roots=[])
    _no_hostile_markup(html.split("var spec = ")[0])  # the chart spec is JSON for the script, not text
    assert f'role="img" aria-label="{ESCAPED}"' in html
    assert '<a href="../student/01_a.html">Student edition of this notebook</a>' in html
    assert "<title>" + ESCAPED + " — Close Reading Lab</title>" in html  # a page outside the navigation
    for edition, suffix in (("student", ""), ("instructor", " (instructor)")):
        page = render.notebook_page(nb, name="01_a", title=HOSTILE, edition=edition, key="k" * 64,
                                    site_ctx=NAV_SITE, widgets_ok=False, local_roots=[])
        _no_hostile_markup(page.split("var spec = ")[0])
        assert f"<title>{ESCAPED}{suffix} — Close Reading Lab</title>" in page
        assert f'<a href="../{edition}/01_a.html" aria-current="page">{ESCAPED}</a>' in page
        assert '<a href="../workbooks/01_a.ipynb" download>' in page
    assert "<\\/script>" in html.split("var spec = ")[1].split(";\n")[0]  # safe inside <script>


def _markdown_page(cells: list[dict]) -> str:
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}}, "cells": cells}
    return render.notebook_page(nb, name="01_a", title="t", edition="student", key="k" * 64, site_ctx=SITE,
                                widgets_ok=False, local_roots=[])


def test_a_markdown_cell_rendered_again_from_memory_is_what_nbconvert_renders():
    from nbconvert import HTMLExporter

    source = "## A heading\n\nSome *emphasis*, `code` and $x^2$, a [link](x.html)."
    cell = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": source}
    first, again = _markdown_page([cell]), _markdown_page([cell])
    assert first == again
    plain = HTMLExporter().markdown2html({"cell": cell, "resources": {}}, source)
    assert plain in first


def test_the_same_markdown_with_other_attachments_is_rendered_again():
    # a picture attached to the cell is part of its HTML: the memory's key holds the attachments
    pixel = {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="}
    source = "![dot](attachment:dot.png)"
    cells = [{"cell_type": "markdown", "id": f"m{i}", "metadata": {}, "source": source,
              "attachments": {"dot.png": att}} for i, att in enumerate((pixel, {"image/png": pixel["image/png"][:-4] + "AAAA"}))]
    html = _markdown_page(cells)
    assert html.count("data:image/png;base64,") == 2
    assert pixel["image/png"] in html and pixel["image/png"][:-4] + "AAAA" in html
