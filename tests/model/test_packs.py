"""helpers.model.packs: the article pack loader, missing and broken packs, and the seed pack's facts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers.model.article import load_article
from helpers.core.errors import CourseInputError
from helpers.model.packs import MISSING_KEY, MISSING_NOTE, load_pack
from helpers.core.paths import ARTICLE_SUFFIXES, SEED_ARTICLE_ID

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SEED = ARTICLES / f"{SEED_ARTICLE_ID}.txt"
SEED_PACK = ROOT / "data" / "annotations" / SEED_ARTICLE_ID
ALL_ARTICLES = sorted(p for p in ARTICLES.iterdir() if p.suffix in ARTICLE_SUFFIXES)


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ (articles only), used through CLOSE_READING_DATA."""
    data = tmp_path / "data"
    shutil.copytree(ARTICLES, data / "articles")
    (data / "annotations").mkdir()
    monkeypatch.setenv("CLOSE_READING_DATA", str(data))
    return data


def test_seed_pack_is_found_by_article_path_id_or_object(seed):
    for ref in (seed, SEED, SEED_ARTICLE_ID):
        pack = load_pack(ref)
        assert pack.article_id == SEED_ARTICLE_ID
        assert pack.root == SEED_PACK
        assert pack.exists


def test_seed_pack_exercises_and_notes_are_read(seed):
    pack = load_pack(seed)
    exercises = pack.get("exercises")
    assert exercises == pack.get("exercises")  # cached, same content
    for exercise_id in exercises:
        assert pack.exercise(exercise_id) == exercises[exercise_id]
    assert pack.exercise("no-such-exercise") is None
    note = pack.note("lesson_01", "kind_of_text")
    assert isinstance(note, str) and note != MISSING_NOTE
    assert pack.note("lesson_01", "no-such-note") == MISSING_NOTE
    assert pack.note("lesson_99", "kind_of_text", default=None) is None


def test_missing_message_is_the_plain_sentence(seed):
    assert load_pack(seed).missing() == "no answer key for this article: compare with a partner"
    assert MISSING_KEY == "no answer key for this article: compare with a partner"


def test_an_article_without_a_pack_gets_defaults(data_copy):
    pack = load_pack(data_copy / "articles" / f"{SEED_ARTICLE_ID}.txt")
    assert not pack.exists
    assert pack.get("exercises") is None
    assert pack.get("exercises", {}) == {}
    assert pack.key("citations") is None
    assert pack.exercise("01_predict_question") is None
    assert pack.note("lesson_01", "headline") == MISSING_NOTE
    assert pack.losses({}) == []


def test_a_partial_pack_reads_what_is_there(data_copy):
    root = data_copy / "annotations" / SEED_ARTICLE_ID
    (root / "key").mkdir(parents=True)
    (root / "key" / "quotes.yaml").write_text("quotes:\n  - {text: x, kind: term, speaker: null, paragraph: 1}\n")
    pack = load_pack(SEED_ARTICLE_ID)
    assert pack.key("quotes")["quotes"][0]["kind"] == "term"
    assert pack.key("citations", default="none") == "none"
    assert pack.get("commentary") is None


def test_broken_yaml_names_the_file_and_line(data_copy):
    root = data_copy / "annotations" / SEED_ARTICLE_ID
    root.mkdir(parents=True)
    (root / "exercises.yaml").write_text("ok: 1\nbroken: [unclosed\nnext: 2\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as info:
        load_pack(SEED_ARTICLE_ID).exercise("ok")
    err = info.value
    assert err.path.endswith("exercises.yaml")
    assert err.line is not None and err.line >= 2
    assert "exercises.yaml:" in str(err) and "\n" not in str(err)


def test_wrong_shapes_are_explained(data_copy):
    root = data_copy / "annotations" / SEED_ARTICLE_ID
    root.mkdir(parents=True)
    (root / "exercises.yaml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="mapping"):
        load_pack(SEED_ARTICLE_ID).get("exercises")
    (root / "commentary.yaml").write_text("lesson_01: just text\nlosses: [oops]\n", encoding="utf-8")
    pack = load_pack(SEED_ARTICLE_ID)
    with pytest.raises(CourseInputError, match="lesson_01"):
        pack.note("lesson_01", "headline")
    with pytest.raises(CourseInputError, match="losses"):
        pack.losses({})
    with pytest.raises(CourseInputError, match="not a pack file name"):
        pack.get("../exercises")


def test_losses_combine_metadata_then_pack(seed):
    rows = load_pack(seed).losses(seed.metadata)
    recorded = [r["recorded in"] for r in rows]
    assert recorded[: len(seed.metadata["losses"])] == ["metadata sidecar"] * len(seed.metadata["losses"])
    assert [r["what"] for r in rows[: len(seed.metadata["losses"])]] == [x["what"] for x in seed.metadata["losses"]]
    assert all(set(r) == {"what", "where", "detail", "recorded in"} for r in rows)


@pytest.mark.parametrize("article_path", ALL_ARTICLES, ids=lambda p: p.name)
def test_every_bundled_article_pack_parses(article_path):
    article = load_article(article_path)
    pack = load_pack(article)
    for name in ("commentary", "exercises"):
        assert isinstance(pack.get(name, {}), dict)
    assert isinstance(pack.losses(article.metadata), list)


# -- the seed pack's content: verbatim quotations, real sentence ids, no invented author --------

def _strings(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["commentary", "exercises"])
def test_seed_pack_quotations_are_verbatim(seed, name):
    """Every passage in curly quotes in the pack occurs, word for word, in the article."""
    body = _norm(seed.text)
    quoted = [q for s in _strings(load_pack(seed).get(name)) for q in re.findall(r"“(.+?)”", _norm(s))]
    assert quoted, f"{name}.yaml quotes nothing from the article"
    missing = [q for q in quoted if _norm(q) not in body]
    assert not missing, f"not verbatim in the article: {missing}"


def test_seed_pack_sentence_ids_exist(seed):
    ids = {s.id for s in seed.sentences}
    mentioned = {m for s in _strings(load_pack(seed).get("exercises")) for m in re.findall(r"\bp\d+\.s\d+\b", s)}
    assert mentioned and mentioned <= ids


def test_seed_pack_does_not_name_the_author(seed):
    """The author is unknown to the text and the metadata; the pack must not supply a name."""
    assert seed.metadata.get("author") is None
    key = load_pack(seed).exercise("01_this_author")
    answer = key["model_answer"]
    assert "byline" in answer and "check" in answer.lower()
    # every capitalised name in the model answer is one the article itself uses (or the series)
    names = set(re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b", answer))
    assert all(n in seed.text or n in str(seed.metadata.get("publication")) for n in names), names


def test_the_critique_standards_come_from_data(tmp_path, monkeypatch):
    from helpers.core.errors import CourseInputError
    from helpers.model.rubrics import critique_standards

    assert critique_standards()[:3] == ("clarity", "accuracy", "precision") and len(critique_standards()) == 9
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "critique_standards.yaml").write_text("source: {work: x}\nstandards: []\n", encoding="utf-8")
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))
    with pytest.raises(CourseInputError, match="critique_standards.yaml:2: 'standards' must be a non-empty list"):
        critique_standards()
