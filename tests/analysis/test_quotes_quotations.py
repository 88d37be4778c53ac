"""helpers.analysis.quotes.quotations: scored against every answer key, plus each rule, unbalanced
marks and hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers.analysis.actors import extract_actors
from helpers.analysis.quotes import QuoteAnalysis, extract_quotes, score_quotes
from helpers.model.article import load_article
from support import HOSTILE_TIMEOUT_S, article_for_key, make_article

DATA = Path(__file__).resolve().parents[2] / "data"
SEED_ID = "edm-2019-16-138-moscow-baku-rapprochement"
KEYS = sorted((DATA / "annotations").glob("*/key/quotes.yaml"))

# thresholds, the same for every article: all quotations found and kinded, every speaker right,
# three in four vague attributions found
THRESHOLDS = {"recall": 1.0, "kind_accuracy": 1.0, "speaker_accuracy": 1.0, "vague_recall": 0.75}


def test_keys_are_found():
    assert any(k.parent.parent.name == SEED_ID for k in KEYS), "the seed's key/quotes.yaml is missing"


@pytest.mark.parametrize("key_path", KEYS, ids=[k.parent.parent.name for k in KEYS])
def test_against_answer_key(key_path: Path):
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    article = load_article(article_for_key(key_path))
    result = extract_quotes(article)
    score = score_quotes(result, key)
    print(f"\n{article.id}: quotation recall {score['recall']:.0%}, precision {score['precision']:.0%}, "
          f"kind accuracy {score['kind_accuracy']:.0%}, speaker accuracy {score['speaker_accuracy']:.0%}, "
          f"vague attributions recall {score['vague_recall']:.0%} precision {score['vague_precision']:.0%}; "
          f"missed {score['missed']}, wrong kind {score['wrong_kind']}, wrong speaker {score['wrong_speaker']}")
    for name, threshold in THRESHOLDS.items():
        assert score[name] >= threshold, f"{name} {score[name]:.0%} < {threshold:.0%}: {score}"
    for q in result.quotes:
        assert q.rule and q.kind in ("speech", "title", "term")
        assert article.text[q.start] in "“\"" and article.text[q.end - 1] in "”\""
        assert article.text[q.start + 1:q.end - 1].strip() == q.text
    assert not result.problems, result.problems


def test_seed_speakers_come_from_role_phrases():
    article = load_article(DATA / "articles" / f"{SEED_ID}.txt")
    result = extract_quotes(article)
    by_speaker = {}
    for q in result.quotes:
        by_speaker.setdefault(q.speaker, []).append(q)
    assert [q.cue for q in by_speaker["Kavkaz Omarov"]] == ["notes", "writes"]
    assert "the Azerbaijani president" in next(q.rule for q in result.quotes if q.cue == "asserted")
    kinds = [q.kind for q in result.quotes]
    assert kinds.count("speech") == 5 and kinds.count("title") == 2
    vague = {(a.source, a.paragraph) for a in result.attributions if a.vague}
    assert {("some in Baku", 3), ("such observers", 5)} <= vague
    named = {(a.source, a.cue) for a in result.attributions if not a.vague}
    assert {("Kavkaz Omarov", "says"), ("Kavkaz Omarov", "implies"), ("Wafa Galuzade", "added")} <= named
    json.dumps(result.to_dict())


def test_kinds_and_continuation():
    art = make_article(
        'Karl Weber, a German economist, wrote a report titled "Rails and Roads" last year.',
        "“We will wait,” Weber said, “and then we will see.” The so-called “green lane” closed.",
        "The theme of the forum was “Open Ports,” and a “reset” was in the air.")
    qs = extract_quotes(art).quotes
    assert [(q.text.rstrip(","), q.kind) for q in qs] == [
        ("Rails and Roads", "title"), ("We will wait", "speech"), ("and then we will see.", "speech"),
        ("green lane", "term"), ("Open Ports", "title"), ("reset", "term")]
    assert qs[1].speaker == qs[2].speaker == "Karl Weber"
    assert qs[0].speaker is None and qs[3].speaker is None
    art = make_article("“The talks are over,” Weber said. “We go home tomorrow.” A “pause” followed.")
    qs = extract_quotes(art).quotes
    assert [(q.kind, q.speaker) for q in qs] == [("speech", "Weber"), ("speech", "Weber"), ("term", None)]
    assert "continues q1" in qs[1].rule


def test_speaker_from_a_generic_role_phrase():
    art = make_article(
        "Dutch Prime Minister Anna de Vries met Jan Kowalski, a Polish columnist, in Warsaw.",
        "“The border stays open,” the Dutch prime minister said. The Polish columnist writes, "
        "“Nobody believes that.”")
    qs = extract_quotes(art).quotes
    assert [q.speaker for q in qs] == ["Anna de Vries", "Jan Kowalski"]
    assert "the Dutch prime minister" in qs[0].rule and "The Polish columnist" in qs[1].rule
    actors = extract_actors(art)
    assert actors.actor("Nobody") is None               # the first word of a quotation


def test_a_long_subject_after_the_quotation():
    art = make_article("“We will not be blackmailed,” European Commission President Ursula von der Leyen said.")
    result = extract_quotes(art)
    assert result.quotes[0].speaker == "Ursula von der Leyen"
    actors = extract_actors(art)
    assert actors.actor("European Commission").type == "organization"
    assert actors.actor("Ursula von der Leyen").type == "person"


def test_unbalanced_quotation_marks_are_problems_not_crashes():
    art = make_article("He said “this never closes. Another sentence.",
                   "A stray ” mark, and a straight \" one.", "“Fine,” she said.")
    result = extract_quotes(art)
    assert isinstance(result, QuoteAnalysis)
    assert len(result.problems) == 3
    assert any("paragraph 1" in p and "never closed" in p for p in result.problems)
    assert any("paragraph 2" in p and "no opening" in p for p in result.problems)
    assert [q.text for q in result.quotes] == ["Fine,"]


def test_hostile_markup():
    art = make_article('<script>alert("x")</script> The minister said: “<b>bold</b> words.”')
    result = extract_quotes(art)
    assert [q.text for q in result.quotes] == ["x", "<b>bold</b> words."]
    json.dumps(result.to_dict())


@pytest.mark.timeout(HOSTILE_TIMEOUT_S)
def test_two_megabyte_paragraph_with_an_open_quote():
    seed = load_article(DATA / "articles" / f"{SEED_ID}.txt")
    body = " ".join(p.text for p in seed.paragraphs)
    para = ((body + " ") * (2_000_000 // len(body) + 1))[:2_000_000] + " “unclosed"
    art = make_article(para)
    result = extract_quotes(art)
    assert result.problems and len(result.quotes) > 1000


@pytest.mark.timeout(HOSTILE_TIMEOUT_S)
def test_thousands_of_quotation_marks():
    art = make_article('"x" ' * 1000 + '"', "“" * 1500 + "x" + "”" * 1000, '"" “”')
    result = extract_quotes(art)
    assert len(result.quotes) == 1000 + 1            # empty quotation marks quote nothing
    assert any("never closed" in p for p in result.problems)
