"""helpers.analysis.reading: lexicons, feature extraction, density and KWIC on real and made-up text."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from helpers.model.article import load_article
from helpers.core.errors import CourseInputError
from helpers.analysis.reading import (CATEGORIES, LEXICON_FILES, density_table, extract_features, kwic, load_lexicon,
                             load_lexicons)
from support import make_article

ROOT = Path(__file__).resolve().parents[2]
LEXICONS = ROOT / "data" / "lexicons"
SEED = ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture(scope="module")
def seed_features(seed):
    return extract_features(seed)



def write_lexicon(folder: Path, name: str, category: str, entries: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(f"""\
        lexicon: {path.stem}
        category: {category}
        sources:
          test:
            cite: "test list"
            reference: "A list made for this test."
        entries:
        """) + textwrap.indent(textwrap.dedent(entries), "  "), encoding="utf-8")
    return path


# -- the bundled lexicons -------------------------------------------------------------------

def test_bundled_lexicons_load_with_a_source_for_every_entry():
    lexicons = load_lexicons()
    assert set(lexicons) == set(CATEGORIES)
    for category, lexicon in lexicons.items():
        assert lexicon.category == category
        assert lexicon.path == LEXICONS / LEXICON_FILES[category]
        assert lexicon.entries
        cites = {e.source for e in lexicon.entries}
        assert cites <= {"Hyland 2005, Appendix", "course-curated"}
        for entry in lexicon.entries:
            assert entry.forms and entry.line and entry.line > 1
    # the full references are there, and Hyland's book is cited exactly
    hedges = lexicons["hedge"]
    assert any("Hyland, K. (2005). Metadiscourse: Exploring Interaction in Writing" in r for r in hedges.sources.values())
    assert lexicons["attribution"].entries and all(e.source == "course-curated" for e in lexicons["attribution"].entries)


@pytest.mark.parametrize("category,form", [("hedge", "could"), ("hedge", "would"), ("hedge", "may"),
                                           ("hedge", "about"), ("connective", "since")])
def test_misleading_forms_are_flagged_for_review(category, form):
    entry = load_lexicons()[category].entry_for(form)
    assert entry.needs_review is True
    assert entry.note, "a flagged entry says why it needs review"


def test_readme_describes_every_lexicon_file_in_the_folder():
    readme = (LEXICONS / "README.md").read_text(encoding="utf-8")
    for path in LEXICONS.glob("*.yaml"):
        assert f"`{path.name}`" in readme, f"{path.name} is not described in data/lexicons/README.md"


# -- features on the seed -------------------------------------------------------------------

def test_features_point_at_their_text_and_sentence(seed, seed_features):
    assert seed_features
    for f in seed_features:
        assert seed.text[f.start:f.end] == f.text
        sentence = seed.sentence(f.sentence_id)
        assert sentence.start <= f.start and f.end <= sentence.end
        assert sentence.paragraph == f.paragraph
        assert f.category in CATEGORIES
        d = f.to_dict()
        assert set(d) == {"category", "form", "text", "start", "end", "sentence_id", "paragraph", "needs_review", "source"}
    starts = [f.start for f in seed_features]
    assert starts == sorted(starts)


def test_features_never_come_from_title_or_caption(seed, seed_features):
    body = [(p.start, p.end) for p in seed.paragraphs]
    for f in seed_features:
        assert any(a <= f.start and f.end <= b for a, b in body)


def test_seed_multiword_forms_and_flags(seed, seed_features):
    by_text = {(f.category, f.text.lower()): f for f in seed_features}
    # multiword forms, found whole (the article's own words; see paragraphs 4, 5 and 8)
    for category, phrase in [("connective", "on the one hand"), ("connective", "on the other hand"),
                             ("connective", "in short"), ("booster", "sooner or later")]:
        assert phrase in seed.text.lower()
        assert (category, phrase) in by_text, phrase
    # "On the other hand" is one feature, not also a shorter one inside it
    other = by_text[("connective", "on the other hand")]
    assert not [f for f in seed_features if f.category == "connective" and other.start < f.start < other.end]
    # the temporal "Since the revolution …" is found and flagged, as is "would"
    since = [f for f in seed_features if f.form == "since"]
    assert since and all(f.needs_review for f in since)
    assert all(f.needs_review for f in seed_features if f.form in {"would", "could", "may", "about"})


def test_month_may_in_a_citation_is_not_a_hedge(seed, seed_features):
    assert "May 30, 2018" in seed.text
    assert not [f for f in seed_features if f.text == "May"]


def test_word_boundaries_and_case(tmp_path):
    folder = tmp_path / "lex"
    shutil.copytree(LEXICONS, folder)
    write_lexicon(folder, "hedges.yaml", "hedge", """\
        - form: believe
          forms: [believe, believes, believed]
          source: test
        - {form: so, source: test}
        - {form: hand, source: test}
        - {form: on the other hand, source: test}
        """)
    art = make_article("She BELIEVES it; they believed it; believers do not count. The so-called plan was so odd.",
                       "On the\nother   hand, a hand.")
    feats = [f for f in extract_features(art, folder) if f.category == "hedge"]
    texts = [f.text for f in feats]
    assert texts == ["BELIEVES", "believed", "so", "On the\nother   hand", "hand"]
    assert {f.form for f in feats[:2]} == {"believe"}
    assert all(f.source == "test list" for f in feats)
    # a letter whose lower case is longer ("İ" is two characters in lower case) shifts no offset:
    # such a text is scanned case-blind, with the same results
    dotted = make_article("İstanbul officials BELIEVE it; On the other hand, so.")
    found = [(f.text, dotted.text[f.start:f.end]) for f in extract_features(dotted, folder) if f.category == "hedge"]
    assert found == [("BELIEVE", "BELIEVE"), ("On the other hand", "On the other hand"), ("so", "so")]


# -- density and KWIC -----------------------------------------------------------------------

def test_density_table_counts_every_paragraph_and_category(seed, seed_features):
    table = density_table(seed, seed_features)
    assert list(table.columns) == ["paragraph", "category", "count", "words", "per_1000"]
    assert len(table) == len(seed.paragraphs) * len(CATEGORIES)
    assert table["count"].sum() == len(seed_features)
    for row in table.itertuples():
        p = seed.paragraph(row.paragraph)
        assert row.words == len(p.text.split())
        expected = sum(1 for f in seed_features if f.paragraph == row.paragraph and f.category == row.category)
        assert row.count == expected
        assert row.per_1000 == pytest.approx(1000 * expected / row.words, abs=0.01)
    assert (table["count"] == 0).any(), "zero counts are rows too"


def test_kwic_whole_words_case_insensitive_multiword(seed):
    table = kwic(seed, "russia", width=25)
    assert list(table.columns) == ["sentence_id", "left", "match", "right"]
    expected = len(re.findall(r"\bRussia\b(?!n)", "\n".join(p.text for p in seed.paragraphs)))
    assert len(table) == expected > 0
    assert set(table["match"]) == {"Russia"}          # "Russian" is another word
    assert (table["left"].str.len() <= 25).all() and (table["right"].str.len() <= 25).all()
    for row in table.itertuples():
        assert row.match in seed.sentence(row.sentence_id).text
        assert (row.left + row.match + row.right) in " ".join(seed.paragraph(int(row.sentence_id[1:].split(".")[0])).text.split("\n"))
    multi = kwic(seed, "SOONER  or later")
    assert len(multi) == 1 and multi.iloc[0]["match"] == "sooner or later"
    assert kwic(seed, "zyzzyva").empty


def test_kwic_rejects_an_empty_term(seed):
    with pytest.raises(CourseInputError, match="empty"):
        kwic(seed, "   ")


# -- bad lexicons ---------------------------------------------------------------------------

def test_missing_lexicon_file_is_named(tmp_path):
    folder = tmp_path / "lex"
    shutil.copytree(LEXICONS, folder)
    (folder / "boosters.yaml").unlink()
    with pytest.raises(CourseInputError) as err:
        load_lexicons(folder)
    assert "boosters.yaml" in str(err.value) and "not found" in str(err.value)


@pytest.mark.parametrize("entries,line,words", [
    ("- {form: may, source: test\n- {form: might, source: test}\n", None, "not valid YAML"),
    ("- {form: may, source: test}\n- {form: might}\n", 9, "not one of the lexicon's sources"),
    ("- {form: may, source: test}\n- {source: test}\n", 9, "no 'form'"),
    ("- {form: may, source: test}\n- {form: yes, source: test}\n", 9, "quotes"),
    ("- {form: may, source: test}\n- {form: might, source: test, needs_reveiw: true}\n", 9, "unknown key"),
    ("- {form: may, source: test}\n- {form: May, source: test}\n", 9, "listed twice"),
    ("- {form: may, source: test, not_followed_by: '(('}\n", 8, "regular expression"),
])
def test_broken_lexicon_names_file_and_line(tmp_path, entries, line, words):
    path = write_lexicon(tmp_path, "hedges.yaml", "hedge", entries)
    with pytest.raises(CourseInputError) as err:
        load_lexicon(path)
    message = str(err.value)
    assert str(path) in message and words in message
    assert "\n" not in message
    if line is not None:
        assert err.value.line == line
        assert path.read_text().splitlines()[line - 1].lstrip().startswith("- {")
    else:
        assert err.value.line is not None


def test_wrong_category_in_a_lexicon_folder(tmp_path):
    folder = tmp_path / "lex"
    shutil.copytree(LEXICONS, folder)
    write_lexicon(folder, "hedges.yaml", "booster", "- {form: may, source: test}\n")
    with pytest.raises(CourseInputError, match="category"):
        load_lexicons(folder)


def test_an_edited_lexicon_is_read_again(tmp_path):
    path = write_lexicon(tmp_path, "hedges.yaml", "hedge", "- {form: maybe, source: test}\n")
    assert [e.form for e in load_lexicon(path).entries] == ["maybe"]
    write_lexicon(tmp_path, "hedges.yaml", "hedge", "- {form: perhaps, source: test}\n- {form: maybe, source: test}\n")
    assert [e.form for e in load_lexicon(path).entries] == ["perhaps", "maybe"]


# -- repetition -----------------------------------------------------------------------------
# (speed is measured by benchmarks/bench_analyze.py, not asserted in tests)

def test_features_scale_with_repeated_paragraphs(seed):
    paragraphs = [p.text for p in seed.paragraphs] * 12
    art = make_article(*paragraphs)
    lexicons = load_lexicons()
    extract_features(art, lexicons)                  # compile once
    feats = extract_features(art, lexicons)
    assert len(feats) == 12 * len(extract_features(seed, lexicons))
