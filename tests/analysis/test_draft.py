"""helpers.analysis.draft and helpers.model.packwriter: a draft pack from the analyses, written
without overwriting checked work, valid for the lessons' readers, and scored against the
hand-made keys of the bundled synthetic articles."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.analysis import draft as drafting
from helpers.analysis import evaluate
from helpers.analysis.discourse import load_statements
from helpers.core.errors import CourseInputError
from helpers.core.paths import annotations_dir, articles_dir
from helpers.model.article import load_article, parse_article
from helpers.model.packwriter import write_pack_files

SYNTHETIC = ("synthetic-2021-northern-corridor", "synthetic-2023-harbour-accord")


def _article(article_id: str):
    path = next(p for p in articles_dir().glob(f"{article_id}.*") if p.suffix in (".txt", ".md"))
    return load_article(path)


@pytest.fixture(scope="module")
def drafts():
    return {aid: (_article(aid), drafting.draft_pack(_article(aid))) for aid in SYNTHETIC}


def _items(draft):
    for name, data in draft.items():
        for key, value in data.items():
            if isinstance(value, list):
                for item in value:
                    yield name, key, item
            elif isinstance(value, dict) and "status" in value:
                yield name, key, value


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_every_drafted_item_says_it_is_a_draft_with_its_rule_and_confidence(drafts, article_id):
    _, draft = drafts[article_id]
    assert set(draft) == set(drafting.FILES)
    items = [(name, key, item) for name, key, item in _items(draft) if isinstance(item, dict) and key != "sources"]
    assert len(items) > 30
    for name, key, item in items:
        if name == "exercises" or key in ("not_actors",):
            continue
        assert item["status"] == "draft" and item["rule"], (name, key, item)
        assert 0 < item["confidence"] <= 1, (name, key, item)
    for name, data in draft.items():
        assert data["status"] == "draft" and data["article_id"] == article_id


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_the_draft_invents_nothing_outside_the_article(drafts, article_id):
    article, draft = drafts[article_id]
    for entry in draft["glossary"]["entries"]:
        assert entry["definition"] == "" and entry["sources"] == [] and entry["look_up"]
        for use in entry["article"]:
            assert use["quote"] in article.sentence(use["sentence"]).text
    for c in draft["key/citations"]["citations"]:
        assert c["raw"] in article.sentence(c["sentence"]).text
    for q in draft["key/quotes"]["quotes"]:
        assert q["text"] in article.paragraph(q["paragraph"]).text
    text = article.text
    for a in draft["key/actors"]["actors"]:
        assert all(alias in text for alias in a["aliases"]), a


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_the_drafted_reading_key_fits_the_article(drafts, article_id):
    article, draft = drafts[article_id]
    reading = draft["reading"]
    assert [r["paragraph"] for r in reading["paragraph_roles"]] == [p.number for p in article.paragraphs]
    assert [v["sentence"] for v in reading["voice_key"]] == [s.id for s in article.sentences]
    for v in reading["voice_key"]:
        sentence = article.sentence(v["sentence"]).text
        assert sentence.startswith(v["starts_with"])
        assert v["label"] in ("question", "reported_view", "author_claim", "statement_of_fact")
        assert v["cue"] is None or v["cue"] in sentence
    term = reading["concordance"]["suggested_term"]
    assert term in text_of(article) and term not in ("January", "February", "March")


def text_of(article):
    return " ".join(p.text for p in article.paragraphs)


def test_voice_and_role_rules_on_a_case_of_our_own():
    text = ("# A Test of Voices\n\nWill the council agree? The mayor said that the plan was sound. "
            "The budget is likely too small.\n\n"
            "On the one hand, the plan is cheap. The river is long.\n\n"
            "In short, the council will probably wait.\n")
    article = parse_article(text, source="voices.md", article_id="test-voices")
    reading = drafting.draft_pack(article)["reading"]
    labels = {v["sentence"]: v["label"] for v in reading["voice_key"]}
    assert labels["p1.s1"] == "question"
    assert labels["p1.s3"] == "author_claim"          # "likely": a hedge, no reporting cue
    assert labels["p2.s2"] == "statement_of_fact"
    roles = {r["paragraph"]: r["role"] for r in reading["paragraph_roles"]}
    assert roles == {1: "frame", 2: "first interpretation", 3: "conclusion"}
    exercises = drafting.draft_pack(article)["exercises"]
    assert exercises["01_predict_question"]["answer"] == "p1.s1"
    assert "phrase" not in exercises["01_this_author"] and "byline" in exercises["01_this_author"]["look_up"]


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_a_written_draft_reloads_through_the_lessons_readers(drafts, article_id, tmp_path):
    article, draft = drafts[article_id]
    written = write_pack_files(tmp_path / article_id, draft)
    assert sorted(p.relative_to(tmp_path / article_id).as_posix() for p in written) == sorted(
        f"{n}.yaml" for n in drafting.FILES)
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Drafted pack file") and yaml.safe_load(text)["status"] == "draft"
    statements = load_statements(tmp_path / article_id / "statements.yaml", article=article)
    assert len(statements) == len(draft["statements"]["statements"]) > 0
    gold = evaluate.load_gold(tmp_path / article_id / "key")[0]  # the drafted key read as a gold would be
    assert gold.id == article_id and len(gold.citations) == len(draft["key/citations"]["citations"])


def test_the_writer_never_overwrites_a_checked_file(tmp_path):
    checked = tmp_path / "reading.yaml"
    checked.write_text("status: checked\nvoice_key: []\n", encoding="utf-8")
    files = {"key/actors": {"article_id": "x", "status": "draft", "actors": []},
             "reading": {"article_id": "x", "status": "draft", "voice_key": []}}
    with pytest.raises(CourseInputError) as info:
        write_pack_files(tmp_path, files)
    assert "reading.yaml" in str(info.value) and "--force" in str(info.value)
    assert not (tmp_path / "key").exists()  # nothing written when one file is in the way
    assert checked.read_text(encoding="utf-8").startswith("status: checked")
    written = write_pack_files(tmp_path, files, force=True)
    assert yaml.safe_load(checked.read_text(encoding="utf-8"))["status"] == "draft" and len(written) == 2
    write_pack_files(tmp_path, files)  # a draft may replace a draft
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_drafted_keys_score_as_the_rules_do_against_the_hand_made_keys(drafts, article_id, capsys):
    article, draft = drafts[article_id]
    gold = evaluate.load_gold(annotations_dir() / article_id / "key")[0]
    drafted = drafting.score_draft(draft, gold)
    rules = evaluate.evaluate_article(gold).tasks
    with capsys.disabled():
        print(f"\n{article_id}: " + ", ".join(f"{task} F1 {counts.f1:.2f} (rules {rules[task].f1:.2f})"
                                             for task, counts in drafted.items()))
    assert set(drafted) == set(rules) == {"citations", "speakers", "actors"}
    for task, counts in drafted.items():
        assert abs(counts.f1 - rules[task].f1) < 1e-9, task  # the draft loses nothing the rules found
    assert drafted["citations"].f1 >= 0.9
