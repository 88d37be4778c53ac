"""helpers.model.article: the seed's facts, both input shapes, and every kind of bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers.model.article import load_article, parse_article
from helpers.core.errors import CourseInputError
from helpers.core.paths import SEED_ARTICLE_ID, default_article, resolve_article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_29df46782bb1d729.txt"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


def test_seed_is_the_given_file_byte_for_byte(seed):
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert digest == seed.metadata["sha256"]
    if SHARED_SEED.exists():  # present on developer machines and in CI
        assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_metadata(seed):
    assert seed.id == SEED_ARTICLE_ID
    assert seed.title == "Moscow-Baku Rapprochement Continues—But With Tests Ahead"
    assert seed.metadata["publication"] == "Eurasia Daily Monitor"
    assert (seed.metadata["volume"], seed.metadata["issue"]) == (16, 138)
    assert seed.year == 2019
    assert seed.metadata["author"] is None
    assert {loss["what"] for loss in seed.metadata["losses"]} == {"image credit", "citation source names"}


def test_year_is_derived_from_the_edm_volume_without_sidecar(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("Volume: 16", "Volume: 18")
    f = tmp_path / "copy.txt"
    f.write_text(text, encoding="utf-8")
    art = load_article(f)
    assert art.year == 2021 and art.metadata["volume"] == 18


def test_seed_structure(seed):
    assert len(seed.paragraphs) == 8
    assert [p.number for p in seed.paragraphs] == list(range(1, 9))
    assert seed.caption.startswith("President of Azerbaijan Ilham Aliyev (left)")
    assert seed.caption.endswith("(Source:")
    # the unclosed "(Source:" does not swallow the body
    assert seed.paragraphs[0].text.startswith("More than 20 years ago")
    assert seed.paragraphs[-1].text.endswith("Nothing Armenia might offer could compare with that.")


def test_sentence_ids_and_offsets(seed):
    ids = [s.id for s in seed.sentences]
    assert len(ids) == len(set(ids))
    assert ids[:3] == ["p1.s1", "p1.s2", "p1.s3"]
    for s in seed.sentences:
        assert seed.text[s.start:s.end] == s.text
        assert s.id == f"p{s.paragraph}.s{s.index}"
    for p in seed.paragraphs:
        assert seed.text[p.start:p.end] == p.text
    assert seed.sentence("p1.s3").text.endswith("has that day finally arrived?")
    # a '!' inside a quoted title does not end the sentence
    title_sentence = seed.sentence("p5.s4")
    assert "27 Years! The Strategy of Azerbaijan" in title_sentence.text
    assert title_sentence.text.endswith("(New Era, October 7).")


def test_sentence_ids_are_stable_across_loads(seed):
    again = load_article(SEED)
    assert [(s.id, s.start, s.end) for s in again.sentences] == [(s.id, s.start, s.end) for s in seed.sentences]


def test_markdown_with_front_matter(tmp_path):
    f = tmp_path / "piece.md"
    f.write_text("---\ntitle: A Test Piece\npublication: Eurasia Daily Monitor\nvolume: 17\nissue: 2\n"
                 "caption: 'A harbour at dawn (Source: Example)'\n---\n\nFirst paragraph. It has two sentences.\n\n"
                 "Second paragraph here.\n", encoding="utf-8")
    art = load_article(f)
    assert art.title == "A Test Piece"
    assert art.year == 2020
    assert art.caption == "A harbour at dawn (Source: Example)"
    assert [len(p.sentences) for p in art.paragraphs] == [2, 1]
    for s in art.sentences:
        assert art.text[s.start:s.end] == s.text


def test_crlf_text_keeps_offsets(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    art = load_article(f)
    assert len(art.paragraphs) == 8
    for s in art.sentences:
        assert art.text[s.start:s.end] == s.text and "\r" not in s.text


def test_resolve_article_by_id_and_default():
    assert resolve_article(None) == default_article()
    assert resolve_article(SEED_ARTICLE_ID) == SEED


@pytest.mark.parametrize("name,content,expect", [
    ("missing.txt", None, "not found"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("latin1.txt", "Title\n\nPublication: X Volume: 1 Issue: 2\n\nCaf\xe9 society.\n".encode("latin-1"), "UTF-8"),
    ("only-title.txt", b"Just a title\n", "no body paragraphs"),
    ("heading-only.txt", b"Title\n\nPublication: Eurasia Daily Monitor Volume: 16 Issue: 1\n", "no body paragraphs"),
    ("bad-front.md", b"---\ntitle: [unclosed\n---\n\nBody.\n", "front matter"),
    ("unclosed-front.md", b"---\ntitle: X\n\nBody.\n", "not closed"),
    ("article.pdf", b"%PDF-1.4 fake", "not an article format"),
])
def test_bad_input_raises_one_error_type_naming_the_file(tmp_path, name, content, expect):
    f = tmp_path / name
    if content is not None:
        f.write_bytes(content)
    with pytest.raises(CourseInputError) as info:
        load_article(f)
    message = str(info.value)
    assert name in message
    assert expect.lower() in message.lower()
    assert "\n" not in message


def test_bad_front_matter_names_the_line(tmp_path):
    f = tmp_path / "bad.md"
    f.write_text("---\ntitle: ok\nvolume: [1,\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as info:
        load_article(f)
    assert info.value.line is not None and info.value.line >= 3


def test_bad_sidecar_names_the_sidecar(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "a.meta.yaml").write_text("title: [oops\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as info:
        load_article(tmp_path / "a.txt")
    assert "a.meta.yaml" in str(info.value)


def test_parse_article_from_string_and_non_integer_volume():
    art = parse_article("T\n\nPublication: Eurasia Daily Monitor Volume: 3 Issue: 4\n\nBody text.\n")
    assert art.year == 2006 and art.id == "article"
    with pytest.raises(CourseInputError, match="whole number"):
        parse_article("---\ntitle: T\nvolume: sixteen\n---\n\nBody.\n")


def test_a_sentence_that_opens_with_a_quote_is_its_own_sentence():
    art = parse_article('T\n\nPublication: Eurasia Daily Monitor Volume: 16 Issue: 1\n\n'
                        'He left early. "We will stay," she said. “Then go,” he replied.\n')
    texts = [s.text for s in art.sentences]
    assert texts == ['He left early.', '"We will stay," she said.', '“Then go,” he replied.']


def test_a_two_megabyte_paragraph_is_segmented(tmp_path):
    big = ("Moscow <script>alert(1)</script> said (see EDM, May 1) that “things " * 30000)
    assert len(big) > 2_000_000
    f = tmp_path / "big.txt"
    f.write_text("Title\n\nPublication: Eurasia Daily Monitor Volume: 16 Issue: 1\n\n" + big + "\n", encoding="utf-8")
    art = load_article(f)
    assert len(art.paragraphs) == 1 and art.paragraphs[0].text == big.strip()


def test_reference_date_and_its_basis():
    import datetime as dt

    def art(head: str, **meta):
        return parse_article(f"T\n\n{head}\n\nBody text.\n", metadata=meta or None)

    early = art("Publication: Eurasia Daily Monitor Volume: 20 Issue: 20")
    assert early.reference_basis() == (dt.date(2023, 3, 11),
                                       "issue 20 of Eurasia Daily Monitor volume 20 is out by 2023-03-11 "
                                       "(at least 2 issues a week)")
    assert early.reference_date() == dt.date(2023, 3, 11)
    late = art("Publication: Eurasia Daily Monitor Volume: 20 Issue: 190")
    assert late.reference_basis() == (dt.date(2023, 12, 31), "end of the year 2023")
    dated = art("Publication: Eurasia Daily Monitor Volume: 20 Issue: 20", date="2023-02-01")
    assert dated.reference_basis() == (dt.date(2023, 2, 1), "publication date")
    other = art("Publication: Eurasia Daily Monitor Volume: 20 Issue: 20", year=2021)  # the year is not the volume's
    assert other.reference_date() == dt.date(2021, 12, 31)
    assert art("Publication: Northern Policy Review Volume: 7 Issue: 4").reference_basis() == (
        None, "no publication date or year known")
