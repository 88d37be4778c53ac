"""helpers.analysis.actors: scored against every answer key, plus the rules one by one, overrides,
relations and the graph, hostile input and speed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from helpers.analysis.actors import (ActorAnalysis, extract_actors, load_actor_cues, load_overrides,
                            load_relation_cues, load_states, score_actors)
from helpers.model.article import load_article
from helpers.core.errors import CourseInputError
from support import HOSTILE_TIMEOUT_S, article_for_key, make_article

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
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


def test_longest_match_wins_for_outlets_fleets_and_portals():
    art = make_article("The Kyiv Post reported that the Black Sea Fleet left Sevastopol. "
                   "Kyiv protested, and the online portal New Era agreed.")
    result = extract_actors(art)
    assert result.actor("Kyiv Post").type == "media"
    assert result.actor("Black Sea Fleet").type == "organization"
    assert result.actor("New Era").type == "media"
    ukraine = result.actor("Ukraine")
    assert ukraine is not None and [m.text for m in ukraine.mentions] == ["Kyiv"]


def test_eponyms_places_and_gulfs_are_not_actors():
    art = make_article("A Steinmeier-type arrangement was floated in Moscow. The Gulf of Finland froze, "
                   "and a Tallinn-based analyst, Marten Kask, said Estonia would wait.")
    result = extract_actors(art)
    names = {a.name for a in result.actors}
    assert "Steinmeier" not in names
    assert "Finland" not in names                       # only "Gulf of Finland"
    assert {"Marten Kask", "Estonia"} <= names
    assert [p.text for p in result.places] == ["Moscow", "Tallinn-based"]
    assert result.actor("Marten Kask").type == "person"


def test_role_phrases_resolve_to_the_latest_compatible_person():
    art = make_article(
        "Norwegian Trade Minister Ola Nordmann met Jana Novak, a Czech economist, in Oslo.",
        "The Czech economist said the plan was late. The minister disagreed, and Nordmann left.")
    result = extract_actors(art)
    novak = result.actor("Jana Novak")
    nordmann = result.actor("Ola Nordmann")
    assert "The Czech economist" in novak.aliases
    assert {"The minister", "Nordmann"} <= set(nordmann.aliases)
    assert result.actor("Czech Republic") is None or "The Czech economist" not in result.actor("Czech Republic").aliases


def test_a_bare_surname_is_the_full_name_mentioned_last():
    art = make_article("President Ilham Aliyev praised his father, former President Heydar Aliyev. Aliyev died "
                   "in 2003. Then Ilham Aliyev spoke, and Aliyev smiled.")
    result = extract_actors(art)
    assert [m.text for m in result.actor("Heydar Aliyev").mentions] == ["Heydar Aliyev", "Aliyev"]
    assert [m.text for m in result.actor("Ilham Aliyev").mentions] == ["Ilham Aliyev", "Ilham Aliyev", "Aliyev"]


def test_an_acronym_introduced_in_parentheses_is_an_alias():
    art = make_article("Jonas Berg, an analyst at the Nordic Freight Institute (NFI), spoke. The NFI agreed.")
    nfi = extract_actors(art).actor("Nordic Freight Institute")
    assert nfi.type == "organization"
    assert [m.text for m in nfi.mentions] == ["Nordic Freight Institute", "NFI", "NFI"]


def test_a_possessive_state_gives_the_nationality():
    art = make_article("Russia’s Foreign Minister Sergei Lavrov met Iran’s Foreign Minister Hossein Amir-Abdollahian. "
                   "Later the Russian minister spoke.")
    result = extract_actors(art)
    assert "the Russian minister" in result.actor("Sergei Lavrov").aliases      # not the minister named last
    assert result.actor("Hossein Amir-Abdollahian").type == "person"


def test_overrides_add_and_ignore(tmp_path: Path):
    art = make_article("The Harbour Board met the Kremlin. Sochi hosted it.")
    result = extract_actors(art, overrides={"actors": [{"name": "Port Council", "type": "organization",
                                                         "aliases": ["Harbour Board"]}],
                                             "ignore": ["the Kremlin", "Kremlin"]})
    council = result.actor("Port Council")
    assert council is not None and council.mentions[0].how == "override"
    assert result.actor("Russia") is None
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  - {name: A, type: state}\n  - {type: state}\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        extract_actors(art, overrides=bad)
    assert "actors.yaml:3:" in str(err.value) and "name" in str(err.value)
    bad.write_text("actors: [\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_overrides(bad)
    assert "actors.yaml" in str(err.value)
    with pytest.raises(CourseInputError):
        load_overrides(["not", "a", "mapping"])


def test_the_article_pack_overrides_are_read_by_default(tmp_path: Path, monkeypatch):
    (tmp_path / "annotations" / "test").mkdir(parents=True)
    (tmp_path / "annotations" / "test" / "actors.yaml").write_text(
        "actors:\n  - {name: Harbour Board, type: organization, aliases: [the board]}\nignore: [Moscow]\n",
        encoding="utf-8")
    shutil.copytree(DATA / "lexicons", tmp_path / "lexicons")
    shutil.copy(DATA / "sources.yaml", tmp_path / "sources.yaml")
    monkeypatch.setenv("CLOSE_READING_DATA", str(tmp_path))  # the pack is found where the data folder is
    result = extract_actors(make_article("Moscow agreed, and the board met in Oslo."))
    assert [a.name for a in result.actors] == ["Harbour Board"]
    assert result.actors[0].mentions[0].how == "override"


def test_relations_and_graph():
    art = make_article("Relations between Moscow and Yerevan have been rocky. "
                   "Russia and Azerbaijan are now cooperating in trade. Georgia watched.")
    result = extract_actors(art)
    kinds = {(r.source, r.target, r.kind) for r in result.relations}
    assert ("Russia", "Armenia", "conflict") in kinds
    assert ("Russia", "Azerbaijan", "cooperation") in kinds
    assert ("Russia", "Armenia", "co-mention") in kinds
    assert not any("Georgia" in (r.source, r.target) for r in result.relations)
    g = result.graph()
    assert g.edges["Russia", "Armenia"]["kind"] == "conflict"
    assert g.edges["Russia", "Azerbaijan"]["kind"] == "cooperation"
    assert g.edges["Russia", "Armenia"]["weight"] == 1
    assert g.edges["Russia", "Armenia"]["sentence_ids"] == ["p1.s1"]
    assert g.nodes["Georgia"]["type"] == "state"
    json.dumps(result.to_dict())


def test_relations_pick_the_pair_the_cue_is_about():
    art = make_article("Problems between Moscow and Yerevan grew, and so did the rapprochement between "
                   "Moscow and Baku (see EDM, July 19, 2016).")
    result = extract_actors(art)
    signed = {(r.cue, r.source, r.target, r.kind) for r in result.relations if r.kind != "co-mention"}
    assert ("Problems", "Russia", "Armenia", "conflict") in signed
    assert ("rapprochement", "Russia", "Azerbaijan", "cooperation") in signed
    assert result.actor("EDM").type == "media"              # an outlet named in a citation …
    assert not any("EDM" in (r.source, r.target) for r in result.relations)   # … is no party to a tie


def test_relation_cue_lexicon_documents_every_entry():
    data = yaml.safe_load((DATA / "lexicons" / "relation_cues.yaml").read_text(encoding="utf-8"))
    assert {c["kind"] for c in data["cues"]} == {"cooperation", "conflict"}
    assert all(c.get("note") for c in data["cues"])
    rx, forms = load_relation_cues()
    for word in ("warmed", "cooperating", "rapprochement", "partner", "tensions", "turn on", "sanctions", "rocky"):
        assert word in forms and rx.search(f"they {word} x")


def test_bad_relation_lexicon_names_the_file(tmp_path: Path):
    p = tmp_path / "relation_cues.yaml"
    p.write_text("cues:\n  - {form: warmed}\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_relation_cues(str(p))
    assert "relation_cues.yaml" in str(err.value)


def test_a_pipeline_of_ones_own_can_be_passed():
    import spacy

    art = make_article("Moscow and Baku signed a trade deal.")
    result = extract_actors(art, nlp=spacy.blank("en"))
    assert [a.name for a in result.actors] == ["Russia", "Azerbaijan"]
    assert result.relations[-1].kind == "cooperation"


def test_states_come_from_the_packages():
    states = load_states()
    assert states.codes["Baku"] == "AZ" and states.codes["Moscow"] == "RU"
    assert states.demonyms["Armenian"] == "AM"
    assert states.names["RU"] == "Russia"
    assert "Kremlin" in load_actor_cues().seats


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
