"""What holds for every lesson notebook: committed clean, in the common shape, no seed knowledge
in a cell, keys shown only in solution cells; run with papermill (real kernel) on every bundled
article, saving nothing, showing each chart with its table, saying what the pack lacks and keeping
the keys out of widget state and the student edition; and compared with pytest-notebook
references on the seed. What each notebook shows is checked in test_notebook_contents.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

import regenerate_references as regen
from helpers.core.paths import ARTICLE_SUFFIXES, SEED_ARTICLE_ID
from helpers.model.article import load_article
from helpers.model.packs import MISSING_KEY, MISSING_NOTE, load_pack
from helpers.site import build
from helpers.site.editions import audience as _audience
from notebook_keys import flat, lesson_secrets, pack_secrets
from support import SEED_ARTICLE, shown, texts

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: the lessons (every notebook but those for instructors only, such as 00_prepare_article): the
#: rules about exercises, solutions, charts and the instructor's-view cell are theirs
LESSONS = [p for p in NOTEBOOKS if _audience(json.loads(p.read_text(encoding="utf-8"))) != "instructor"]
ARTICLES = sorted(p for p in (ROOT / "data" / "articles").iterdir() if p.suffix in ARTICLE_SUFFIXES)
REFERENCES = Path(__file__).resolve().parents[1] / "reference"
VEGALITE = "application/vnd.vegalite.v5+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

#: What displays an exercise key or the instructor's key: allowed only in cells tagged 'solution'
#: (or 'instructor'); both are left out of the student edition and the student kit.
KEY_DISPLAYS = ("show_solution", "show_trace_key", "actor_key_note")
HIDDEN = {"solution", "instructor"}
#: An exercise shown in a cell: ``name = exercises.<module>.<Class or factory>(…)`` … ``name.show(ws)``.
_SHOWN_EXERCISE = re.compile(r"^(\w+)\.show\(ws\)", re.MULTILINE)
#: What a generic lesson note says of itself (data/generic/notes.yaml): shown where a pack lacks a note.
GENERIC = "(A generic note"
#: The pack files a notebook reads, and what it must say when the article's pack lacks one.
PACK_PARTS = {
    "02_close_reading": {"reading": (MISSING_KEY,), "glossary": (MISSING_KEY,)},
    "03_citation_tracing": {"trace": (MISSING_KEY,)},
    "05_argument_critique": {"hindsight": (GENERIC,), "critique": (GENERIC, MISSING_KEY)},
}


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _outputs(nb):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            yield cell, out


def test_there_are_notebooks():
    assert any(p.name == "01_source_article.ipynb" for p in NOTEBOOKS)


# -- committed clean, in the common shape ---------------------------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean(path):
    nb = _read(path)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {i} has an execution count"
    assert "widgets" not in nb.metadata and "papermill" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_has_the_common_shape(path):
    nb = _read(path)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "starts with a title"
    intro = nb.cells[0].source.lower()
    for part in ("what it produces", "objectives", "time", "read first"):
        assert part in intro, f"the first cell lacks '{part}'"
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    params = nb.cells[tagged[0]]
    assert params.cell_type == "code"
    lines = [ln for ln in params.source.splitlines() if ln.strip()]
    assert lines and all(re.match(r"^\w+\s*(:[^=]+)?=.+#\s*\S", ln) for ln in lines), \
        "every parameters line assigns one name and documents itself in a comment"
    assert "article" in regen.parameter_names(nb)
    imports = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
               and re.search(r"^\s*(import|from)\s+\S+", c.source, flags=re.MULTILINE)]
    assert len(imports) == 1 and imports[0] < tagged[0], "one import cell, before the parameters"
    headings = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert any(h.lstrip().startswith("## Summary") for h in headings)
    assert any("## What comes next" in h for h in headings)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_code_cells_are_short(path):
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            n = len([ln for ln in cell.source.splitlines() if ln.strip()])
            assert n <= 5, f"cell {i} has {n} lines: move the logic into helpers"


def _tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_key_displays_are_in_solution_cells_only(path):
    nb = _read(path)
    solutions = [c for c in nb.cells if "solution" in _tags(c)]
    assert solutions, "the exercise key is in a cell tagged 'solution'"
    for cell in nb.cells:
        shows_key = any(name in cell.source for name in KEY_DISPLAYS)
        if cell in solutions:
            assert shows_key, f"cell {cell.id}: a 'solution' cell shows an exercise's key"
        elif shows_key:
            assert "instructor" in _tags(cell), f"cell {cell.id}: a key display belongs in a 'solution' cell"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_exercise_is_followed_by_its_solution_cell(path):
    nb = _read(path)
    shown = 0
    for i, cell in enumerate(nb.cells):
        for name in _SHOWN_EXERCISE.findall(cell.source) if "exercises." in cell.source else []:
            shown += 1
            after = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
            assert after is not None and "solution" in _tags(after), f"cell {cell.id}: the next cell is its solution"
            assert f"{name}.show_solution()" in after.source or any(k in after.source for k in KEY_DISPLAYS)
    assert shown >= 2, "at least two exercises in every lesson"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_the_instructor_view_says_what_it_is(path):
    cell = _read(path).cells[1]
    assert cell.cell_type == "markdown" and "instructor" in _tags(cell) and "Instructor's view" in cell.source
    assert "student kit" in cell.source


LEAKS = {  # what a student must not see before answering: only in 'solution' or 'instructor' cells
    "02_close_reading": ("show_guided_reading",),
    "03_citation_tracing": ("show_trace_key",),
    "04_actor_mapping": ("show_statements(piece, coded", "matrix_table(coded", "two_mode_network(coded)"),
    "05_argument_critique": ('"observations"', "trace_findings", "critical_question_status(", "show_argument_map(amap)"),
}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_what_gives_an_answer_away_is_for_instructors(path):
    nb = _read(path)
    for cell in nb.cells:
        for leak in LEAKS.get(path.stem, ()):
            if leak in cell.source:
                assert _tags(cell) & HIDDEN, f"cell {cell.id} shows {leak} to students"
    if path.stem == "01_source_article":  # the headline note comes after the prediction it would give away
        note = next(i for i, c in enumerate(nb.cells) if '"headline")' in c.source)
        thesis = next(i for i, c in enumerate(nb.cells) if "thesis.show(ws)" in c.source)
        assert note > thesis
    if path.stem == "02_close_reading":  # the roles exercise and the stance exercise come before the answers
        roles = next(i for i, c in enumerate(nb.cells) if "RoleExercise" in c.source)
        stance = next(i for i, c in enumerate(nb.cells) if "StanceExercise" in c.source)
        marks = next(i for i, c in enumerate(nb.cells) if "highlight_html" in c.source)
        assert roles < stance < marks


def test_the_workbook_has_no_solution_cells():
    for path in NOTEBOOKS:
        book = json.loads(build.workbook_json(json.loads(path.read_text(encoding="utf-8"))))
        assert not [c for c in book["cells"] if "solution" in c.get("metadata", {}).get("tags", [])]
        assert "show_solution" not in json.dumps(book)


# -- nothing about the seed written in a cell ---------------------------------------------------

def _seed_proper_names() -> set[str]:
    """Names the seed article uses that no other bundled article uses (people, places, outlets)."""
    seed = load_article(SEED_ARTICLE)
    lower = set(re.findall(r"\b[a-z]+\b", seed.text))
    others = " ".join(p.read_text(encoding="utf-8") for p in ARTICLES if p.stem.split(".")[0] != SEED_ARTICLE_ID)
    names = set()
    for s in seed.sentences:
        for m in re.finditer(r"\b([A-Z][a-z]{3,})\b", s.text):
            word = m.group(1)
            if m.start() > 0 and word.lower() not in lower and not re.search(rf"\b{word}\b", others):
                names.add(word)
    months = {"January", "February", "March", "April", "June", "July", "August", "September", "October",
              "November", "December"}
    return names - months


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_does_not_hard_code_the_seed(path):
    seed = load_article(SEED_ARTICLE)
    names = _seed_proper_names()
    assert len(names) > 5  # the check has teeth
    for i, cell in enumerate(_read(path).cells):
        src = cell.source
        found = sorted(n for n in names if re.search(rf"\b{n}\b", src))
        assert not found, f"cell {i} names what the seed article is about: {found}; take it from the pack"
        assert seed.title not in src and str(seed.metadata.get("publication")) not in src, f"cell {i}"
        for sentence in seed.sentences:
            assert sentence.text[:50] not in src, f"cell {i} copies {sentence.id}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_seed_pack_notes_in_cells(path):
    """Seed-specific observations come from the pack: no cell quotes the seed pack's notes."""
    seed_pack = load_pack(load_article(SEED_ARTICLE))
    notes = texts((seed_pack.get("critique") or {}).get("observations")) + texts(seed_pack.get("hindsight") or {})
    source = " ".join(flat(c.source) for c in _read(path).cells)
    assert not [n for n in notes if len(flat(n)) >= 30 and flat(n)[:40] in source]


# -- executed on every article ------------------------------------------------------------------

@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_every_article(path, article_path, executed_notebook):
    nb, work = executed_notebook(path.stem, article_path)
    nbformat.validate(nb)  # what the kernel wrote (e.g. chart bundles) is valid nbformat
    errors = [o for _, o in _outputs(nb) if o.get("output_type") == "error"]
    assert not errors
    assert not work.exists() or not any(work.iterdir()), "running the notebook must not save student work"

    # every chart is an offline Vega-Lite v5 bundle with a text alternative, followed by its captioned table
    charts = 0
    for cell in nb.cells:
        outs = cell.get("outputs", [])
        for j, o in enumerate(outs):
            spec = o.get("data", {}).get(VEGALITE)
            if spec is None:
                continue
            charts += 1
            assert spec["title"] and spec["description"] and o["data"]["text/plain"]
            assert "url" not in json.dumps(spec.get("data", {}))
            nxt = outs[j + 1]["data"].get("text/html", "") if j + 1 < len(outs) else ""
            assert "<caption>" in nxt, "a chart must be followed by its data table"
    lesson = path in LESSONS
    assert charts or not lesson, "every lesson draws at least one chart"
    has_widgets = any(WIDGET_VIEW in o.get("data", {}) for _, o in _outputs(nb))
    assert has_widgets, "every lesson has at least one exercise or tool"

    # the key never reaches the stored widget state
    state = json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    state = " ".join(state.split())
    article = load_article(article_path)
    secrets = pack_secrets(article)
    if article.id == SEED_ARTICLE_ID:
        assert secrets, "the seed pack's keys were found, so the check has teeth"
    leaked = [s for s in secrets if s in state]
    assert not leaked, f"answer key text in widget state: {leaked}"

    # without a pack, exercises say they have no key
    if lesson and not load_pack(article).get("exercises"):
        text = " ".join(str(o.get("data", {}).get("text/markdown", "")) for _, o in _outputs(nb))
        assert MISSING_KEY in text


@pytest.mark.parametrize("name, part, article_path", [
    pytest.param(name, part, a, id=f"{name}-{part}-{a.stem}") for name, parts in PACK_PARTS.items() for part in parts
    for a in ARTICLES if not load_pack(a).get(part)])
def test_notebook_says_what_its_pack_lacks(name, part, article_path, executed_notebook):
    nb, _ = executed_notebook(name, article_path)
    text = shown(nb)
    for message in PACK_PARTS[name][part]:
        assert message in text, f"a pack without {part}.yaml must say so"


@pytest.mark.parametrize("article_path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_student_edition_has_no_key_text(path, article_path, executed_notebook):
    nb, _ = executed_notebook(path.stem, article_path)
    raw = json.loads(nbformat.writes(nb))
    secrets = lesson_secrets(path.stem, load_article(article_path))
    student = shown(build.edition_notebook(raw, "student"))
    assert not [s for s in secrets if s in student]
    if secrets:  # the check has teeth: the instructor edition shows this notebook's part of the key
        instructor = shown(build.edition_notebook(raw, "instructor"))
        assert [s for s in secrets if s in instructor]


# -- pytest-notebook regression against the seed references ----------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_matches_its_reference(path, tmp_path, monkeypatch):
    from pytest_notebook import execution
    from pytest_notebook.nb_regression import NBRegressionFixture

    # its kernel on IPC sockets, as every notebook run of the tests (regenerate_references.ipc_kernel_manager)
    monkeypatch.setattr(execution.CoverageNotebookClient, "kernel_manager_class",
                        regen.ipc_kernel_manager(tmp_path / "ipc"))

    reference = REFERENCES / path.name
    assert reference.exists(), f"no reference for {path.name}: run python tests/regenerate_references.py"
    current = [(c.cell_type, c.source) for c in _read(path).cells]
    stored = [(c.cell_type, c.source) for c in _read(reference).cells]
    assert current == stored, f"{path.name} changed since its reference: run python tests/regenerate_references.py"
    fixture = NBRegressionFixture(
        exec_timeout=300,
        exec_cwd=str(tmp_path),
        exec_env=regen.kernel_env(tmp_path / "work"),
        diff_replace=regen.DIFF_REPLACE,
        diff_ignore=regen.DIFF_IGNORE,
        diff_use_color=False,
    )
    result = fixture.check(str(reference))
    assert result.diff_filtered == []
    assert any(o for _, o in _outputs(result.nb_final))  # it really ran


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_itself_reads_every_parameter(path):
    """`papermill --help-notebook` is the notebook's public interface: it must list every parameter."""
    import papermill

    declared = set(papermill.inspect_notebook(str(path)))
    assert declared == set(regen.parameter_names(_read(path))) and "article" in declared
