"""Notebooks 04 (actor mapping) and 05 (argument critique): run with papermill on every bundled
article (temporary working folder, CLOSE_READING_WORK in a temporary folder), show what their
packs hold or the missing message, tag their solution cells, keep the keys of critique.yaml out
of the student edition, and the seed pack's critique.yaml and hindsight.yaml hold to the article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.site import build
from support import shown as _shown, texts as _texts
from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, MISSING_NOTE, load_pack
from helpers.core.paths import ARTICLE_SUFFIXES, SEED_ARTICLE_ID

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = {name: ROOT / "notebooks" / f"{name}.ipynb" for name in ("04_actor_mapping", "05_argument_critique")}
ARTICLES = sorted(p for p in (ROOT / "data" / "articles").iterdir() if p.suffix in ARTICLE_SUFFIXES)
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"
VEGALITE = "application/vnd.vegalite.v5+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"







def _flat(text: str) -> str:
    return " ".join(str(text).split())


def _secrets(article) -> list[str]:
    """Opening words of the long key texts of lessons 04 and 05 (critique.yaml's exercises and the
    argument map's reason for the conclusion's voice)."""
    pack = load_pack(article)
    out = [t for ex in ((pack.get("critique") or {}).get("exercises") or {}).values()
           for t in _texts({k: v for k, v in ex.items() if k in ("model_answer", "look_for", "discussion")})]
    for s in (pack.get("argument") or {}).get("statements") or []:
        if s.get("kind") == "conclusion" and s.get("note"):
            out.append(s["note"])
    for entry in (pack.get("trace") or {}).get("citations") or []:   # shown only to instructors in 05
        out += [entry.get("found"), entry.get("note")]
    return [_flat(s)[:50] for s in out if s and len(_flat(s)) >= 30]


# -- shape --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NOTEBOOKS)
def test_solution_cells_are_tagged_and_show_keys_only_there(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 2
    for cell in nb.cells:
        shows_key = "show_solution" in cell.source or "actor_key_note" in cell.source
        assert shows_key == (cell in solutions), f"cell {cell.id}: key display and the 'solution' tag go together"
        if "trace_findings" in cell.source or 'pack.get("trace")' in cell.source:
            assert "instructor" in cell.metadata.get("tags", []), "the trace key is for instructors only"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_seed_knowledge_in_cells(name):
    """Seed-specific observations come from the pack: no cell quotes the seed pack's notes."""
    seed_pack = load_pack(load_article(SEED))
    notes = _texts((seed_pack.get("critique") or {}).get("observations")) + _texts(seed_pack.get("hindsight") or {})
    source = " ".join(_flat(c.source) for c in nbformat.read(NOTEBOOKS[name], as_version=4).cells)
    assert not [n for n in notes if len(_flat(n)) >= 30 and _flat(n)[:40] in source]


# -- run on every article ---------------------------------------------------------------------

@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_on_every_article_and_saves_nothing(name, article_path, executed_notebook):
    nb, work = executed_notebook(name, article_path)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not work.exists() or not any(work.iterdir()), "running the notebook must not write student work"
    for cell in nb.cells:
        outs = cell.get("outputs", [])
        for j, o in enumerate(outs):
            spec = o.get("data", {}).get(VEGALITE)
            if spec is None:
                continue
            assert spec["title"] and spec["description"]
            assert "url" not in json.dumps(spec.get("data", {}))
            assert j + 1 < len(outs) and "<caption>" in outs[j + 1]["data"].get("text/html", "")
    assert any(WIDGET_VIEW in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
def test_actor_mapping_shows_actors_resolutions_and_statements(article_path, executed_notebook):
    from helpers.analysis.actors import extract_actors

    nb, _ = executed_notebook("04_actor_mapping", article_path)
    article = load_article(article_path)
    text = _shown(nb)
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
    else:
        assert MISSING_NOTE in text


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
def test_argument_critique_shows_map_questions_and_hindsight(article_path, executed_notebook):
    nb, _ = executed_notebook("05_argument_critique", article_path)
    article = load_article(article_path)
    pack = load_pack(article)
    text = _shown(nb)
    if pack.get("argument"):
        amap = pack.get("argument")
        for s in amap["statements"]:
            assert s["id"] in text
        assert "come back unchanged" in text and "do NOT survive" not in text
        assert "valid: every sentence id" in text
    else:
        assert MISSING_NOTE in text and "no argument map" in text
    for name in ("hindsight", "critique"):
        if not pack.get(name):
            assert MISSING_NOTE in text
    for event in (pack.get("hindsight") or {}).get("events") or []:
        for source in event["sources"]:
            assert source["url"] in text
    if not pack.get("critique"):
        assert MISSING_KEY in text


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_student_edition_has_no_key_text(name, article_path, executed_notebook):
    nb, _ = executed_notebook(name, article_path)
    raw = json.loads(nbformat.writes(nb))
    secrets = _secrets(load_article(article_path))
    student = _shown(build.edition_notebook(raw, "student"))
    assert not [s for s in secrets if s in student]
    if secrets:  # the check has teeth: the instructor edition shows the keys
        instructor = _shown(build.edition_notebook(raw, "instructor"))
        assert [s for s in secrets if s in instructor]


def test_the_workbook_has_no_solution_cells():
    for path in NOTEBOOKS.values():
        book = json.loads(build.workbook_json(json.loads(path.read_text(encoding="utf-8"))))
        assert not [c for c in book["cells"] if "solution" in c.get("metadata", {}).get("tags", [])]
        assert "show_solution" not in json.dumps(book)


# -- the seed pack's files for lessons 04 and 05 ----------------------------------------------

@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


def _quoted(text: str) -> list[str]:
    return re.findall(r"“([^”]+)”", text)


@pytest.mark.parametrize("name", ["critique", "hindsight"])
def test_seed_pack_quotes_and_sentence_ids_hold(seed, name):
    pack = load_pack(seed)
    data = pack.get(name)
    assert data, f"{name}.yaml is in the seed pack"
    flat = _flat(seed.text)
    ids = {s.id for s in seed.sentences}
    strings = _texts(data)
    quotes = [q for s in strings for q in _quoted(s)]
    assert len(quotes) >= 5
    assert not [q for q in quotes if _flat(q) not in flat], "every curly-quoted passage is verbatim"
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
    text = " ".join(_flat(e["event"]) + " " + _flat(e["date"]) for e in data["events"])
    for fact in ("27 September 2020", "9 November 2020", "10 November 2020"):
        assert fact in text
    for reading in data["readings"].values():
        assert reading  # interpretations are kept apart from the events


def test_critique_rubric_has_the_nine_standards(seed):
    from helpers.model.rubrics import critique_standards

    rubric = load_pack(seed).get("critique")["rubric"]
    assert [s["name"] for s in rubric["standards"]] == list(critique_standards())
    assert all(s["ask"].rstrip().endswith("?") for s in rubric["standards"])
    assert rubric["target_words"] == 300
    assert all(link["url"].startswith("https://") for link in rubric["source"]["links"])


def test_built_student_pages_carry_no_key_text(tmp_path):
    """The site stores widget state in the page: build lessons 04 and 05 on the seed and look
    for the keys in the student pages' source (they must be in the instructor pages)."""
    import shutil

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for path in NOTEBOOKS.values():
        shutil.copy(path, notebooks / path.name)
    result = build.build_site(SEED, notebooks_dir=notebooks, lessons_dir=tmp_path / "no-lessons",
                              out_dir=tmp_path / "site", build_root=tmp_path / "build", progress=False)
    site = result.out_dir
    secrets = [" " + " ".join(_words(s).split()[:-1]) + " " for s in _secrets(load_article(SEED))]  # last word may be cut
    assert secrets
    seen_in_instructor = set()
    for name in NOTEBOOKS:
        student = _words((site / "student" / f"{name}.html").read_text(encoding="utf-8"))
        instructor = _words((site / "instructor" / f"{name}.html").read_text(encoding="utf-8"))
        leaked = [s for s in secrets if s in student]
        assert not leaked, f"{name}: key text in the student page: {leaked}"
        seen_in_instructor |= {s for s in secrets if s in instructor}
    assert seen_in_instructor, "the check has teeth: the instructor pages show the keys"


def _words(text: str) -> str:
    """Letters and digits only, lower case, one space between words: survives HTML entities,
    JSON and YAML escapes and line wrapping (so a key quoted in widget state is still found)."""
    import html as _html

    text = _html.unescape(text).replace("\\n", " ").replace("''", "'")
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) + " "
