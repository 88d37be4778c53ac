"""helpers.analysis.actors.cues and .gazetteer: the cue lexicons and the states from the packages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.analysis.actors import extract_actors, load_actor_cues, load_relation_cues, load_states
from helpers.core.errors import CourseInputError
from support import make_article

DATA = Path(__file__).resolve().parents[2] / "data"


def test_relation_cue_lexicon_documents_every_entry():
    data = yaml.safe_load((DATA / "lexicons" / "relation_cues.yaml").read_text(encoding="utf-8"))
    assert {c["kind"] for c in data["cues"]} == {"cooperation", "conflict"}
    assert all(c.get("note") for c in data["cues"])
    rx, forms = load_relation_cues()
    for word in ("warmed", "cooperating", "rapprochement", "partner", "tensions", "turn on", "sanctions", "rocky"):
        assert word in forms and rx.search(f"they {word} x")


def test_bad_relation_lexicon_names_the_file(tmp_path: Path):
    p = tmp_path / "relation_cues.yaml"
    p.write_text("source: test\ncues:\n  - {form: warmed}\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_relation_cues(str(p))
    assert "relation_cues.yaml" in str(err.value)


def test_states_come_from_the_packages():
    states = load_states()
    assert states.codes["Baku"] == "AZ" and states.codes["Moscow"] == "RU"
    assert states.demonyms["Armenian"] == "AM"
    assert states.names["RU"] == "Russia"
    assert "Kremlin" in load_actor_cues().seats


def test_the_actor_lexicons_name_their_sources():
    for name in ("actor_cues.yaml", "relation_cues.yaml"):
        assert yaml.safe_load((DATA / "lexicons" / name).read_text(encoding="utf-8"))["source"].strip()


def test_a_lexicon_without_sources_is_refused(tmp_path: Path):
    p = tmp_path / "relation_cues.yaml"
    p.write_text("cues:\n  - {form: warmed, kind: cooperation}\n", encoding="utf-8")
    with pytest.raises(CourseInputError) as err:
        load_relation_cues(str(p))
    assert "relation_cues.yaml:1:" in str(err.value) and "names no sources" in str(err.value)


def test_a_reporting_verb_after_a_name_makes_it_a_person():
    # the verb forms are the ``after_name`` forms of reporting_cues.yaml; case matters
    assert extract_actors(make_article("Lindqvist said the plan was late.")).actor("Lindqvist").type == "person"
    assert extract_actors(make_article("Lindqvist, the strait, stayed calm.")).actor("Lindqvist") is None
