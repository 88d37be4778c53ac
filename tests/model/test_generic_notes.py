"""Generic lesson notes (data/generic/notes.yaml): a lesson on an article whose pack lacks a note
shows the generic note for that section, never only 'discuss with a partner'."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.model.article import parse_article
from helpers.model.packs import MISSING_NOTE, ArticlePack, generic_notes, load_pack

REPO = Path(__file__).resolve().parents[2]
ARTICLE = parse_article("# A Plain Test\n\nThe council met. It agreed on nothing.\n", source="plain.md",
                        article_id="test-no-pack")


def _notebook_note_calls() -> tuple[set[tuple[str, str]], set[tuple[str, ...]]]:
    text = "".join(p.read_text(encoding="utf-8") for p in (REPO / "notebooks").glob("*.ipynb"))
    notes = set(re.findall(r'pack\.note\(\\"(\w+)\\", \\"(\w+)\\"', text))
    sections = {tuple(re.findall(r'\\"(\w+)\\"', m)) for m in re.findall(r'pack\.section\(([^)]*)\)', text)}
    return notes, sections


def test_every_note_a_notebook_asks_for_has_a_generic_note():
    notes, sections = _notebook_note_calls()
    assert notes and sections
    generic = generic_notes()
    for lesson, name in notes:
        assert generic["commentary"][lesson][name].strip(), (lesson, name)
    for keys in sections:
        if keys[-1] == "rubric":  # rubrics are not notes
            continue
        value = generic
        for key in keys:
            value = value[key]
        assert isinstance(value, str) and value.strip(), keys


def test_a_pack_without_notes_shows_the_generic_note_and_says_it_is_generic():
    pack = load_pack(ARTICLE)
    assert not pack.exists
    note = pack.note("lesson_01", "headline")
    assert note != MISSING_NOTE and "generic note" in note
    assert "generic note" in pack.section("critique", "observations", "voices")
    assert pack.note("lesson_01", "no_such_note") == MISSING_NOTE  # nothing generic to fall back to
    assert pack.section("critique", "rubric", default={}) == {}


def test_a_pack_note_of_its_own_comes_before_the_generic_one(tmp_path):
    (tmp_path / "commentary.yaml").write_text("lesson_01:\n  headline: Our own note on this headline.\n",
                                              encoding="utf-8")
    pack = ArticlePack("test-no-pack", tmp_path)
    assert pack.note("lesson_01", "headline") == "Our own note on this headline."
    assert "generic note" in pack.note("lesson_01", "dating")


# -- generic rubrics (data/generic/rubrics.yaml) and the drafting cues -------------------------------

def test_the_generic_critique_rubric_is_paul_and_elders_standards_with_its_source(tmp_path):
    from helpers.model.rubrics import critique_rubric, critique_standards

    rubric = critique_rubric(ArticlePack("test-no-pack", tmp_path / "none"))
    names = [s["name"] for s in rubric["standards"]]
    assert rubric["generic"] is True and names == list(critique_standards()) and len(names) == 9
    assert names == ["clarity", "accuracy", "precision", "relevance", "depth", "breadth", "logic", "significance",
                     "fairness"]
    assert all(s["ask"].strip().endswith("?") for s in rubric["standards"])
    source = rubric["source"]
    assert source["outside_knowledge"] is True and "Paul" in source["work"] and "Elder" in source["work"]
    assert source["url"].startswith("https://www.criticalthinking.org/")
    assert sorted(rubric["levels"]) == [0, 1, 2, 3] and rubric["target_words"] == 300


def test_a_pack_rubric_of_its_own_comes_before_the_generic_one(tmp_path):
    from helpers.core.paths import SEED_ARTICLE_ID
    from helpers.model.rubrics import critique_rubric

    seed = critique_rubric(load_pack(SEED_ARTICLE_ID))
    assert not seed.get("generic") and seed["standards"][0]["name"] == "clarity"
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "critique.yaml").write_text("exercises: {}\n", encoding="utf-8")  # a critique file without a rubric
    assert critique_rubric(ArticlePack("x", folder))["generic"] is True


def test_the_sift_record_names_caulfields_four_moves_and_its_source():
    from helpers.model.rubrics import sift_moves

    moves, source = sift_moves()
    assert [m[1] for m in moves] == ["Stop", "Investigate the source", "Find better coverage",
                                     "Trace claims to the original context"]
    assert [m[0] for m in moves] == ["stop", "investigate", "find", "trace"] and all(m[2] for m in moves)
    assert "Caulfield" in source["work"] and source["url"].startswith("https://hapgood.us/")
    assert source["outside_knowledge"] is True


def test_the_argument_cues_are_lists_with_a_source():
    from helpers.model.rubrics import argument_cues

    cues = argument_cues()
    assert "ultimately" in cues["conclusion_markers"] and "if" in cues["conditionals"]
    assert cues["modals"] and cues["sign_cues"] and cues["source"]["work"]
