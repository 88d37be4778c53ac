"""What each lesson notebook shows, run with papermill on every bundled article: 02 the stance, the
concordance and the glossary; 03 every citation; 04 actors, resolutions and statements; 05 the
map, the questions and hindsight; the method's exercises in 02 to 05, their solutions kept out of
the student edition; 04 and 05's instructor cells and built student pages; and the
seed pack's critique.yaml and hindsight.yaml, which lessons 04 and 05 quote, hold to the article.
What holds for every notebook is in test_notebooks.py."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers.analysis.actors import extract_actors
from helpers.analysis.citations import extract_citations
from helpers.core.paths import ARTICLE_SUFFIXES
from helpers.model.article import load_article
from helpers.model.packs import MISSING_NOTE, load_pack
from helpers.model.rubrics import critique_standards
from helpers.site import build
from notebook_keys import critique_secrets, flat
from support import SEED_ARTICLE, shown, texts

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted(p for p in (ROOT / "data" / "articles").iterdir() if p.suffix in ARTICLE_SUFFIXES)
VEGALITE = "application/vnd.vegalite.v5+json"
LESSONS_04_05 = {name: ROOT / "notebooks" / f"{name}.ipynb" for name in ("04_actor_mapping", "05_argument_critique")}


# -- 02 and 03 ----------------------------------------------------------------------------------

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
        assert " ".join(entry["term"].split()) in shown(nb)


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
def test_citation_tracing_lists_every_citation(article_path, executed_notebook):
    nb, _ = executed_notebook("03_citation_tracing", article_path)
    cites = extract_citations(load_article(article_path))
    text = shown(nb)
    assert f"The {len(cites)} citations of the article" in text
    key = load_pack(load_article(article_path)).key("citations") or {}
    for entry in key.get("citations") or []:
        assert entry["raw"] in text, f"{entry['id']} missing from the notebook"


#: The exercises where the student does the method, by lesson: what each one's question shows.
METHOD_EXERCISES = {
    "02_close_reading": ("**Exercise 1.** Give each paragraph its job", "**Exercise 2.** Mark the hedges and boosters"),
    "03_citation_tracing": ("**Exercise 1.** What does each paragraph rest on?", "**Exercise 2.** Trace one citation"),
    "04_actor_mapping": ("**Exercise 2.** Code three statements",),
    "05_argument_critique": ("**Exercise 2.** Name the scheme", "**Argument A", "**Exercise 3.** Reconstruct"),
}


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", METHOD_EXERCISES)
def test_the_method_exercises_are_shown_and_their_keys_wait(name, article_path, executed_notebook):
    """Every article shows the exercises; the student edition shows the question and never the solution."""
    nb, _ = executed_notebook(name, article_path)
    text = shown(nb)
    for intro in METHOD_EXERCISES[name]:
        assert intro in text
    student = shown(build.edition_notebook(json.loads(nbformat.writes(nb)), "student"))
    for intro in METHOD_EXERCISES[name]:
        assert intro in student
    assert "**Solution — " not in student
    if load_pack(load_article(article_path)).get("exercises"):  # the check has teeth where there are keys
        assert "**Solution — " in text


# -- 04 and 05 ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", LESSONS_04_05)
def test_lessons_04_05_keep_the_trace_key_for_instructors(name):
    nb = nbformat.read(LESSONS_04_05[name], as_version=4)
    assert len([c for c in nb.cells if "solution" in c.metadata.get("tags", [])]) >= 2
    for cell in nb.cells:
        if "trace_findings" in cell.source or 'pack.get("trace")' in cell.source:
            assert "instructor" in cell.metadata.get("tags", []), "the trace key is for instructors only"


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
def test_actor_mapping_shows_actors_resolutions_and_statements(article_path, executed_notebook):
    nb, _ = executed_notebook("04_actor_mapping", article_path)
    article = load_article(article_path)
    text = shown(nb)
    analysis = extract_actors(article)
    for actor in analysis.actors:
        assert actor.name in text
    for m in (m for a in analysis.actors for m in a.mentions if m.how == "metonymy"):
        assert m.text in text
    charts = [o["data"][VEGALITE]["title"] for c in nb.cells for o in c.get("outputs", []) if VEGALITE in o.get("data", {})]
    titles = " ".join(t if isinstance(t, str) else t.get("text", "") for t in charts)
    for part in ("mentions per paragraph", "views", "Cooperation and conflict", "actor-concept"):
        assert part in titles
    pack = load_pack(article)
    if (pack.root / "statements.yaml").is_file():
        for s in pack.get("statements")["statements"]:
            assert s["id"] in text and s["concept"] in text
    else:  # the generic note on coding statements, not 'no lesson notes'
        assert pack.note("lesson_04", "coded_statements") in text and MISSING_NOTE not in text


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
def test_argument_critique_shows_map_questions_and_hindsight(article_path, executed_notebook):
    nb, _ = executed_notebook("05_argument_critique", article_path)
    pack = load_pack(load_article(article_path))
    text = shown(nb)
    if pack.get("argument"):
        amap = pack.get("argument")
        for s in amap["statements"]:
            assert s["id"] in text
        assert "come back unchanged" in text and "do NOT survive" not in text
        assert "valid: every sentence id" in text
    else:  # what to do without a map, not 'no lesson notes'
        assert MISSING_NOTE not in text and "has no argument map (argument.yaml) yet. Map it yourself" in text
    for event in (pack.get("hindsight") or {}).get("events") or []:
        for source in event["sources"]:
            assert source["url"] in text


def _words(text: str) -> str:
    """Letters and digits only, lower case, one space between words: survives HTML entities,
    JSON and YAML escapes and line wrapping (so a key quoted in widget state is still found)."""
    text = html.unescape(text).replace("\\n", " ").replace("''", "'")
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) + " "


def test_built_student_pages_carry_no_key_text(tmp_path):
    """The site stores widget state in the page: build lessons 04 and 05 on the seed and look
    for the keys in the student pages' source (they must be in the instructor pages)."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for path in LESSONS_04_05.values():
        shutil.copy(path, notebooks / path.name)
    result = build.build_site(SEED_ARTICLE, notebooks_dir=notebooks, lessons_dir=tmp_path / "no-lessons",
                              out_dir=tmp_path / "site", build_root=tmp_path / "build", progress=False)
    site = result.out_dir
    secrets = [" " + " ".join(_words(s).split()[:-1]) + " " for s in critique_secrets(load_article(SEED_ARTICLE))]  # last word may be cut
    assert secrets
    seen_in_instructor = set()
    for name in LESSONS_04_05:
        student = _words((site / "student" / f"{name}.html").read_text(encoding="utf-8"))
        instructor = _words((site / "instructor" / f"{name}.html").read_text(encoding="utf-8"))
        leaked = [s for s in secrets if s in student]
        assert not leaked, f"{name}: key text in the student page: {leaked}"
        seen_in_instructor |= {s for s in secrets if s in instructor}
    assert seen_in_instructor, "the check has teeth: the instructor pages show the keys"


# -- the seed pack's files for lessons 04 and 05 ----------------------------------------------

@pytest.fixture(scope="module")
def seed(seed_article_path):
    return load_article(seed_article_path)


def _quoted(text: str) -> list[str]:
    return re.findall(r"“([^”]+)”", text)


@pytest.mark.parametrize("name", ["critique", "hindsight"])
def test_seed_pack_quotes_and_sentence_ids_hold(seed, name):
    pack = load_pack(seed)
    data = pack.get(name)
    assert data, f"{name}.yaml is in the seed pack"
    whole = flat(seed.text)
    ids = {s.id for s in seed.sentences}
    strings = texts(data)
    quotes = [q for s in strings for q in _quoted(s)]
    assert len(quotes) >= 5
    assert not [q for q in quotes if flat(q) not in whole], "every curly-quoted passage is verbatim"
    cited = [i for s in strings for i in re.findall(r"\bp\d+\.s\d+\b", s)]
    assert cited and not [i for i in cited if i not in ids]


def test_hindsight_is_marked_and_sourced(seed):
    data = load_pack(seed).get("hindsight")
    assert data["events"]
    for event in data["events"]:
        assert event["date"] and event["event"]
        assert event["sources"], f"{event['id']} has sources"
        for s in event["sources"]:
            assert s["title"] and s["url"].startswith("https://") and s["accessed"] and s["note"]
    # the dates the brief gives for the war and the ceasefire
    text = " ".join(flat(e["event"]) + " " + flat(e["date"]) for e in data["events"])
    for fact in ("27 September 2020", "9 November 2020", "10 November 2020"):
        assert fact in text
    for reading in data["readings"].values():
        assert reading  # interpretations are kept apart from the events


def test_critique_rubric_has_the_nine_standards(seed):
    rubric = load_pack(seed).get("critique")["rubric"]
    assert [s["name"] for s in rubric["standards"]] == list(critique_standards())
    assert all(s["ask"].rstrip().endswith("?") for s in rubric["standards"])
    assert rubric["target_words"] == 300
    assert all(link["url"].startswith("https://") for link in rubric["source"]["links"])
