"""The site's search index (helpers/site/search.py): what text a page gives it, its sections and
their anchors, which pages each edition's index holds, and the same bytes from the same pages.

The index in a real build and in Chromium is tested in test_site_search.py."""

from __future__ import annotations

import json
import random

from helpers.site import search
from helpers.site.editions import STUDENT_LESSONS

HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} — Close Reading Lab</title></head><body>'
CHROME = ('<a class="skip-link" href="#content">Skip to main content</a><header class="site-header">'
          '<p class="site-name"><a href="../index.html">Close Reading Lab</a></p>'
          '<form class="site-search" role="search" hidden><label for="q">Search the course</label><input id="q"></form>'
          '</header><div class="sidebar"><nav aria-label="Course pages"><ul><li><a href="x.html">Navlink sidebar</a>'
          '</li></ul></nav></div>')
FOOT = '<footer class="site-footer"><p>Footertext built</p></footer><script src="../_static/search.js"></script></body></html>'


def page(body: str, title: str = "02 · Close reading") -> str:
    return HEAD.format(title=title) + CHROME + f'<main id="content" tabindex="-1">{body}</main>' + FOOT


NOTEBOOK = page(
    '<nav class="page-toc" aria-label="On this page"><ul><li><a href="#a">Tocentry</a></li></ul></nav>'
    '<div class="cell text_cell"><h1 id="02-%C2%B7-Close-reading">02 · Close reading<a class="anchor-link" '
    'href="#02-%C2%B7-Close-reading">¶</a></h1><p>Intro <em>emph</em>asised text &amp; more.</p></div>'
    '<div class="cell code_cell"><div class="input"><div class="input_area"><div class="highlight"><pre>'
    '<span class="n">show_codeword</span>()</pre></div></div></div><div class="output_area"><pre>Printed output</pre>'
    '<div class="output_subarea output_widget_view"><script type="application/vnd.jupyter.widget-view+json">'
    '{"model_id": "widgetviewid"}</script></div>'
    '<div class="widget-placeholder"><p>Interactive control placeholder</p></div></div></div>'
    '<h2 id="Stance">Stance, hedges</h2><p>Moscow<sup class="cr-tag" aria-label="hedge">H</sup> would say'
    '<span hidden>Hiddenword</span><span aria-hidden="true">Ariahiddenword</span></p>'
    '<svg><text>Svgtext</text></svg><style>.x { color: red }</style>'
    '<table><tr><td>cell one</td><td>cell two</td></tr></table>'
    '<h3 id="Empty">Empty heading</h3>'
    '<h2>No id here</h2><p>After the heading without id.</p>'
    '<script type="application/vnd.jupyter.widget-state+json">{"state": {"Widgetstatesecret": 1}}</script>'
    '<script>var scriptText = "Scriptword";</script>')


def test_text_is_read_from_main_only_without_scripts_code_widgets_navigation_or_hidden_parts():
    found = search.read_page(NOTEBOOK)
    assert found.title == "02 · Close reading"
    text = " ".join(f"{s.heading} {s.text}" for s in found.sections)
    for absent in ("Navlink", "Footertext", "Search the course", "Close Reading Lab", "Tocentry", "¶",
                   "show_codeword", "widgetviewid", "placeholder", "Hiddenword", "Ariahiddenword", "Svgtext",
                   "color: red", "Widgetstatesecret", "Scriptword", "Skip to main"):
        assert absent not in text, absent
    # inline elements do not split a word; blocks and marker tags do not glue words together
    assert "Intro emphasised text & more." in text
    assert "Moscow would say" in text
    assert "cell one cell two" in text and "Printed output" in text


def test_each_heading_starts_a_section_whose_anchor_is_its_id_or_its_place():
    found = search.read_page(NOTEBOOK)
    assert [(s.heading, s.anchor, s.level) for s in found.sections] == [
        ("02 · Close reading", "02-%C2%B7-Close-reading", 1), ("Stance, hedges", "Stance", 2),
        ("Empty heading", "Empty", 3), ("No id here", "search-section-4", 2)]
    assert found.sections[0].text == "Intro emphasised text & more. Printed output"
    assert found.sections[2].text == ""  # a heading with no text under it is still a place to go
    assert found.sections[3].text == "After the heading without id."
    # the page title's own section gives no heading of its own to the document
    docs = search.documents("student/02_close_reading.html", found)
    assert [d["heading"] for d in docs] == ["", "Stance, hedges", "Empty heading", "No id here"]
    assert {d["kind"] for d in docs} == {"Student edition"} and {d["title"] for d in docs} == {"02 · Close reading"}


def test_headings_inside_templates_are_not_counted_and_text_before_the_first_heading_is_kept():
    html = page('<p>Before any heading.</p><template><h2>In a template</h2></template>'
                '<noscript><h2>Without script</h2></noscript><h2>First</h2><p>x</p><h3>Second</h3><p>y</p>')
    found = search.read_page(html)
    assert [(s.heading, s.anchor, s.text) for s in found.sections] == [
        ("", "", "Before any heading."), ("First", "search-section-1", "x"), ("Second", "search-section-2", "y")]


def test_hostile_text_stays_text_in_the_index():
    body = ('<h1 id="t">Trap &lt;script&gt;window.__pwned(&#x27;heading&#x27;)&lt;/script&gt;</h1>'
            '<p>Said “&lt;img src=x onerror=window.__pwned(&#x27;quote&#x27;)&gt; the deal &lt;/script&gt;” '
            '\u2028line\u2029</p>')
    data = search.index_data("student", {"student/01_a.html": search.read_page(page(body, "Trap"))})
    script = search.index_script(data)
    assert script.isascii()  # U+2028 and U+2029 too are escaped: the file is plain JavaScript in any reading
    payload = json.loads(script.split("=", 2)[2].rstrip().removesuffix(";"))
    doc = payload["documents"][0]
    assert doc["heading"] == "Trap <script>window.__pwned('heading')</script>"
    assert "<img src=x onerror=window.__pwned('quote')> the deal </script>" in doc["text"]


def test_the_student_index_holds_student_pages_the_index_and_the_students_guides_only(tmp_path):
    rels = ["index.html", "student/01_a.html", "instructor/01_a.html", "instructor/00_prep.html",
            "lessons/01_a.html", "lessons/instructor_guide.html", *(f"lessons/{s}.html" for s in sorted(STUDENT_LESSONS)),
            "workbooks/01_a.ipynb", "_static/site.css"]
    for rel in rels:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(page(f"<h1>{rel}</h1><p>Text of {rel}.</p>", rel), encoding="utf-8")
    both = search.indexes(tmp_path, rels, ("student", "instructor"))
    student = ["index.html", *(f"lessons/{s}.html" for s in sorted(STUDENT_LESSONS)), "student/01_a.html"]
    assert both["student"]["pages"] == sorted(student)
    assert both["instructor"]["pages"] == sorted(r for r in rels if r.endswith(".html"))
    assert {d["page"] for d in both["student"]["documents"]} == set(student)
    assert search.indexes(tmp_path, student, ("student",)).keys() == {"student"}
    assert search.indexes(tmp_path, rels, ("instructor",)).keys() == {"instructor"}
    assert both["student"]["engine"] is False  # no _static/minisearch.js in this folder
    (tmp_path / "_static" / "minisearch.js").write_text("/* the engine */")
    assert search.indexes(tmp_path, rels, ("student",))["student"]["engine"] is True
    written = search.write_indexes(tmp_path, rels, ("student", "instructor"))
    assert sorted(p.name for p in written) == ["search-index-instructor.js", "search-index-student.js"]
    assert (tmp_path / "_static" / "search-index-student.js").read_text(encoding="ascii").startswith(
        "window.closeReadingSearchIndex=window.closeReadingSearchIndex||{};\n"
        'window.closeReadingSearchIndex["student"]={')


def test_the_same_pages_give_the_same_bytes_in_any_order_and_a_plan_reads_each_content_once(tmp_path):
    rels = [f"student/0{n}_x.html" for n in range(1, 6)] + ["index.html"]
    for n, rel in enumerate(rels):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(page(f"<h1>Page {n}</h1><p>Words {n} ünïcode “quoted”.</p><h2>S</h2><p>z</p>"))
    first = search.index_script(search.indexes(tmp_path, rels, ("student",))["student"])
    shuffled = rels[:]
    random.Random(4).shuffle(shuffled)
    assert search.index_script(search.indexes(tmp_path, shuffled, ("student",))["student"]) == first
    plan = {rel: (f"key-{rel}", None) for rel in shuffled}
    assert search.index_script(search.indexes(tmp_path, plan, ("student",))["student"]) == first
    data = json.loads(first.split("=", 2)[2].rstrip().removesuffix(";"))
    assert [d["id"] for d in data["documents"]] == list(range(len(data["documents"])))
    assert [d["page"] for d in data["documents"]] == sorted(d["page"] for d in data["documents"])
    # a page of the plan is read once per content key
    before = search._read_keyed.cache_info().hits
    search.indexes(tmp_path, plan, ("student",))
    assert search._read_keyed.cache_info().hits - before == len(rels)


def test_a_kept_reading_serves_the_next_build_and_only_the_reader_that_made_it(tmp_path, monkeypatch):
    site, store = tmp_path / "site", tmp_path / "cache" / "search"
    rels = ["index.html", "student/01_x.html"]
    for n, rel in enumerate(rels):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(page(f"<h1>Page {n}</h1><p>Keptword{n} text.</p><h2 id='s'>S</h2><p>more</p>"))
    plan = {rel: (f"kept-{n}-{tmp_path.name}", None) for n, rel in enumerate(rels)}
    first = search.index_script(search.indexes(site, plan, ("student",), store)["student"])
    assert sorted(p.name for p in store.iterdir()) == sorted(f"{key}.json" for key, _ in plan.values())
    # another build (another process: nothing in memory) reads the kept readings, not the HTML
    search._read_keyed.cache_clear()
    for rel in rels:
        (site / rel).write_text(page("<h1>Changed</h1><p>Not read.</p>"))
    assert search.index_script(search.indexes(site, plan, ("student",), store)["student"]) == first
    # a reading kept by another version of the reader is not used
    search._read_keyed.cache_clear()
    monkeypatch.setattr(search, "_reader_version", lambda: "another reader")
    again = search.indexes(site, plan, ("student",), store)["student"]
    assert "Not read." in json.dumps(again) and "Keptword0" not in json.dumps(again)
    # an unreadable kept file is read again from the page
    search._read_keyed.cache_clear()
    (store / f"{plan['index.html'][0]}.json").write_text("{not json")
    assert search.indexes(site, {"index.html": plan["index.html"]}, ("student",), store)["student"]["documents"]


def test_page_kinds_name_each_part_of_the_site():
    assert [search.page_kind(r) for r in ("student/a.html", "instructor/a.html", "lessons/student_guide.html",
                                          "lessons/01_a.html", "index.html")] == [
        "Student edition", "Instructor edition", "Guide", "Lesson plan", "Contents"]


def test_a_very_long_section_is_indexed_up_to_its_cap_at_a_word_boundary():
    words = " ".join(f"w{n}" for n in range(20_000))  # about 120,000 characters in one section
    data = search.index_data("student", {"student/01_a.html": search.read_page(page(f'<h1 id="t">T</h1><p>{words}</p>'))})
    text = data["documents"][0]["text"]
    assert len(text) <= search.SECTION_CHARS and text.startswith("w0 w1 ")
    assert text.split()[-1] in words.split()  # the last word indexed is whole
    short = search.index_data("student", {"student/01_a.html": search.read_page(page('<h1 id="t">T</h1><p>a b c</p>'))})
    assert short["documents"][0]["text"] == "a b c"


def test_the_page_renderer_keeps_each_pages_reading_so_writing_the_index_reads_no_html(tmp_path, monkeypatch):
    from helpers.site.cache import BuildCache
    from helpers.site.render import PageRenderer

    cache = BuildCache(tmp_path / "cache")
    renderer = PageRenderer(cache, force=False, show=lambda line: None)
    renderer.submit({"student/02_close_reading.html": ("key-02", lambda: NOTEBOOK)})
    renderer.close()
    assert (cache.search_folder / "key-02.json").is_file()
    site = tmp_path / "site"
    (site / "student").mkdir(parents=True)
    (site / "student" / "02_close_reading.html").write_text("<html>not this</html>", encoding="utf-8")
    search._read_keyed.cache_clear()
    monkeypatch.setattr(search, "read_page", lambda html: (_ for _ in ()).throw(AssertionError("HTML read")))
    data = search.indexes(site, {"student/02_close_reading.html": ("key-02",)}, ["student"], store=cache.search_folder)
    assert "Intro" in json.dumps(data["student"]), data
