"""helpers.analysis.actors.extract: the analysis scored against every answer key, the seed's actors,
a pipeline of one's own, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers.analysis.actors import ActorAnalysis, extract_actors, score_actors
from helpers.model.article import load_article
from support import HOSTILE_TIMEOUT_S, article_for_key, make_article

DATA = Path(__file__).resolve().parents[2] / "data"
SEED_ID = "edm-2019-16-138-moscow-baku-rapprochement"
KEYS = sorted((DATA / "annotations").glob("*/key/actors.yaml"))

# thresholds (stated in the task): the seed's actor recall ≥ 95 %, every other article's ≥ 90 %
RECALL = {SEED_ID: 0.95}
DEFAULT_RECALL = 0.90


def test_keys_are_found():
    assert any(k.parent.parent.name == SEED_ID for k in KEYS), "the seed's key/actors.yaml is missing"


@pytest.mark.parametrize("key_path", KEYS, ids=[k.parent.parent.name for k in KEYS])
def test_against_answer_key(key_path: Path):
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    article = load_article(article_for_key(key_path))
    result = extract_actors(article)
    score = score_actors(result, key)
    print(f"\n{article.id}: actor recall {score['recall']:.0%}, precision {score['precision']:.0%}, "
          f"type accuracy {score['type_accuracy']:.0%}, alias recall {score['alias_recall']:.0%}; "
          f"missed {score['missed']}, unexpected {score['unexpected']}, wrong type {score['wrong_type']}")
    threshold = RECALL.get(article.id, DEFAULT_RECALL)
    assert score["recall"] >= threshold, f"recall {score['recall']:.0%} < {threshold:.0%}: missed {score['missed']}"
    assert not score["forbidden"], f"reported as actors but listed in not_actors: {score['forbidden']}"
    assert score["type_accuracy"] >= 0.9, score["wrong_type"]
    assert score["alias_recall"] >= 0.85
    # every mention points at its own text
    for a in result.actors:
        for m in a.mentions:
            assert article.text[m.start:m.end] == m.text
            assert m.how in ("name", "alias", "metonymy", "demonym", "role", "override")


def test_seed_resolves_capitals_roles_and_surnames():
    result = extract_actors(load_article(DATA / "articles" / f"{SEED_ID}.txt"))
    russia = result.actor("Russia")
    assert russia.type == "state"
    assert {"Moscow", "the Kremlin", "Russian"} <= set(russia.aliases)
    assert any(m.how == "metonymy" and m.text == "Moscow" for m in russia.mentions)
    omarov = result.actor("Kavkaz Omarov")
    assert {"Omarov", "The New Era editor", "The Azerbaijani author"} <= set(omarov.aliases)
    assert "the Azerbaijani president" in result.actor("Ilham Aliyev").aliases
    assert result.actor("New Era").type == "media"
    # "Baku-based" and "some in Baku" are places; "Sochi" and "Steinmeier" are no actors
    assert {"Baku-based", "Sochi", "Karabakh", "South Caucasus"} <= {p.text for p in result.places}
    assert not any(p.text.startswith(("January", "October")) for p in result.places)
    names = {x.lower() for a in result.actors for x in [a.name, *a.aliases]}
    assert not names & {"sochi", "steinmeier", "karabakh", "baku-based"}


def test_a_pipeline_of_ones_own_can_be_passed():
    import spacy

    art = make_article("Moscow and Baku signed a trade deal.")
    result = extract_actors(art, nlp=spacy.blank("en"))
    assert [a.name for a in result.actors] == ["Russia", "Azerbaijan"]
    assert result.relations[-1].kind == "cooperation"


def test_hostile_input():
    art = make_article('<script>alert("Moscow")</script> and <b>Baku</b> said “nothing.',
                   "President <img src=x onerror=alert(1)> Putin spoke.")
    result = extract_actors(art)
    assert isinstance(result, ActorAnalysis)
    assert not any("script" in a.name.lower() or "<" in a.name for a in result.actors)
    json.dumps(result.to_dict())


@pytest.mark.parametrize("body", ["The The The " * 20000, "Gulf of Paris of " * 20000 + "Rome said.",
                                  "Moscow-type " * 20000, "MOSCOW SAID " * 20000])
@pytest.mark.timeout(HOSTILE_TIMEOUT_S)
def test_pathological_capitalisation_is_not_fatal(body):
    art = make_article(body)
    result = extract_actors(art)
    assert all(len(a.name) < 100 for a in result.actors)


@pytest.mark.timeout(HOSTILE_TIMEOUT_S)
def test_two_megabyte_paragraph():
    seed = load_article(DATA / "articles" / f"{SEED_ID}.txt")
    body = " ".join(p.text for p in seed.paragraphs)
    para = (body + " ") * (2_000_000 // len(body) + 1)
    art = make_article(para[:2_000_000])
    result = extract_actors(art)
    assert result.actor("Russia") is not None
