"""Notebooks 02 (close reading) and 03 (citation tracing): run with papermill on every bundled
article, show what their packs hold (or the missing-key message), tag their solution cells, and
keep the keys of reading.yaml and trace.yaml out of the student edition."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from helpers.site import build
from support import shown as _shown
from helpers.model.article import load_article
from helpers.analysis.citations import extract_citations
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.core.paths import ARTICLE_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = {name: ROOT / "notebooks" / f"{name}.ipynb" for name in ("02_close_reading", "03_citation_tracing")}
ARTICLES = sorted(p for p in (ROOT / "data" / "articles").iterdir() if p.suffix in ARTICLE_SUFFIXES)
VEGALITE = "application/vnd.vegalite.v5+json"







def _secrets(article) -> list[str]:
    """Opening words of the long key texts: voice reasons and readings, the trace's findings and notes."""
    pack = load_pack(article)
    out = []
    for entry in (pack.get("reading") or {}).get("voice_key") or []:
        out.append(entry.get("why"))
        out += [r.get("why") for r in entry.get("readings") or []]
    trace = pack.get("trace") or {}
    for entry in trace.get("citations") or []:
        out += [entry.get("found"), entry.get("note")]
    out += list((trace.get("publisher_copy") or {}).get("findings") or [])
    out.append(trace.get("single_source_summary"))
    text = " ".join(article.text.split())
    fragments = [" ".join(str(s).split())[:50] for s in out if s and len(" ".join(str(s).split())) >= 30]
    return [f for f in fragments if f.strip('"“”') not in text]  # a reason that opens by quoting the text is no leak


def _tagged(nb, tag: str):
    return [c for c in nb.cells if tag in c.metadata.get("tags", [])]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_solution_cells_are_tagged_and_show_keys_only_there(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    solutions = _tagged(nb, "solution")
    assert solutions, "the exercise key is in a cell tagged 'solution'"
    for cell in nb.cells:
        shows_key = "show_solution" in cell.source or "show_trace_key" in cell.source
        assert shows_key == (cell in solutions), f"cell {cell.id}: key display and the 'solution' tag go together"


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_on_every_article_and_saves_nothing(name, article_path, executed_notebook):
    nb, work = executed_notebook(name, article_path)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert not work.exists() or not any(work.iterdir()), "running the notebook must not write student work"
    charts = [o for c in nb.cells for o in c.get("outputs", []) if VEGALITE in o.get("data", {})]
    assert charts and all(o["data"][VEGALITE]["description"] for o in charts)
    pack = load_pack(load_article(article_path))
    text = _shown(nb)
    missing = [part for part, present in (("reading", pack.get("reading")), ("glossary", pack.get("glossary")),
                                           ("trace", pack.get("trace"))) if not present]
    relevant = {"02_close_reading": {"reading", "glossary"}, "03_citation_tracing": {"trace"}}[name]
    if set(missing) & relevant:
        assert MISSING_KEY in text, f"a pack without {missing} must say so"


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
def test_close_reading_shows_stance_concordance_and_glossary(article_path, executed_notebook):
    nb, _ = executed_notebook("02_close_reading", article_path)
    article = load_article(article_path)
    html_out = " ".join(o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
                        if "text/html" in o.get("data", {}))
    assert 'class="cr-legend"' in html_out and "<script" not in html_out
    assert len(set(html_out.split('<p id="cr-p')[1:])) == len(article.paragraphs), "every paragraph highlighted"
    pack = load_pack(article)
    term = ((pack.get("reading") or {}).get("concordance") or {}).get("suggested_term")
    if term:
        assert f"Every “{term}” in the body" in html_out
    for entry in (pack.get("glossary") or {}).get("entries") or []:
        assert " ".join(entry["term"].split()) in _shown(nb)


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
def test_citation_tracing_lists_every_citation(article_path, executed_notebook):
    nb, _ = executed_notebook("03_citation_tracing", article_path)
    cites = extract_citations(load_article(article_path))
    text = _shown(nb)
    assert f"The {len(cites)} citations of the article" in text
    key = load_pack(load_article(article_path)).key("citations") or {}
    for entry in key.get("citations") or []:
        assert entry["raw"] in text, f"{entry['id']} missing from the notebook"


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_student_edition_has_no_key_text(name, article_path, executed_notebook):
    nb, _ = executed_notebook(name, article_path)
    raw = json.loads(nbformat.writes(nb))
    secrets = _secrets(load_article(article_path))
    student = _shown(build.edition_notebook(raw, "student"))
    assert not [s for s in secrets if s in student]
    if secrets:  # the check has teeth: the instructor edition shows this notebook's part of the key
        instructor = _shown(build.edition_notebook(raw, "instructor"))
        assert any(s in instructor for s in secrets)
