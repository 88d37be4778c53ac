"""helpers.present.exercises.files: files kept in the work folder and used on the next run — the
actor overrides (right and wrong corrections), the amended argument map (validated with messages
that name the statement), the export button and the annotation export."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from helpers.analysis.arguments import from_aif, from_argdown, to_aif, to_argdown
from helpers.model.article import load_article
from helpers.model.workspace import open_workspace
from helpers.present.exercises.files import (ExportButton, argument_map_exercise, export_annotations, json_text,
                                             merged_overrides, overrides_exercise)
from helpers.present.views.actors import actor_changes
from support import SYNTHETIC_ARTICLE

ROOT = Path(__file__).resolve().parents[2]


# -- correct the actor table ---------------------------------------------------------------------

def test_overrides_right_and_wrong(seed, seed_actors):
    article, machine = seed, seed_actors
    fix = overrides_exercise(article, machine)
    right = fix.check("actors:\n  - {name: Heydar Aliyev, type: person, aliases: [his father]}\n")
    assert right.correct is True and "added **Heydar Aliyev** (person): 1 mention(s) in p6.s2" in right.message
    wrong_alias = fix.check("actors:\n  - {name: Heydar Aliyev, type: person, aliases: [His Father]}\n")
    assert wrong_alias.correct is False and "No words of the text matched Heydar Aliyev" in wrong_alias.message
    wrong_type = fix.check("actors:\n  - {name: X, type: country, aliases: [his father]}\n")
    assert wrong_type.correct is False and "type 'country'" in wrong_type.message
    broken = fix.check("actors:\n  - name: X\n   type: person\n")
    assert broken.correct is False and "line 3" in broken.message and "not valid YAML" in broken.message
    assert fix.check(fix.template).correct is False  # the placeholder is not an answer
    unchanged = fix.check("actors: []\nignore: []\n")
    assert unchanged.correct is False and "unchanged" in unchanged.message


def test_overrides_saved_in_work_folder_and_used_on_the_next_run(seed, seed_actors, tmp_path):
    article, machine = seed, seed_actors
    ws = open_workspace(article, tmp_path / "work")
    fix = overrides_exercise(article, machine)
    assert fix.apply(ws) is machine  # nothing saved yet
    box = fix.widget(ws)
    fix.control.value = "actors:\n  - {name: Heydar Aliyev, type: person, aliases: [his father]}\n"
    fix.button.click()
    saved = tmp_path / "work" / f"{article.id}.actors.yaml"
    assert saved.is_file() and "his father" in saved.read_text(encoding="utf-8")
    assert "Saved to" in fix.output.outputs[0]["data"]["text/markdown"]
    assert ws.answer("04_correct_actors") == {"file": saved.name}
    # "re-run": a new exercise object and a reopened workspace see the saved file
    again = overrides_exercise(article, machine)
    after = again.apply(open_workspace(article, tmp_path / "work"))
    assert after.actor("Heydar Aliyev") is not None
    assert actor_changes(machine, after) == ["added **Heydar Aliyev** (person): 1 mention(s) in p6.s2"]
    assert box is not None and not (ROOT / "data" / "annotations" / article.id / "actors.yaml").exists()


def test_merged_overrides_keep_the_pack_first():
    merged = merged_overrides({"actors": [{"name": "A", "type": "state"}], "ignore": ["x"]},
                              {"actors": [{"name": "B", "type": "person", "aliases": ["b"]}]})
    assert [a["name"] for a in merged["actors"]] == ["A", "B"] and merged["ignore"] == ["x"]


# -- amend the map -------------------------------------------------------------------------------

def test_amend_map_template_validates_and_broken_maps_are_named(seed, seed_map):
    article, amap = seed, seed_map
    last = article.paragraphs[-1].number
    schemes = {r.scheme for r in amap.relations if r.scheme}
    ex = argument_map_exercise(article, amap, last, schemes)
    ok = ex.check(ex.template)
    assert ok.correct is True and "Valid" in ok.message and "not in the pack's map: none" in ok.message
    data = yaml.safe_load(ex.template)
    data["statements"][0].pop("voice")
    bad_id = data["statements"][0]["id"]
    data["statements"][1]["quote"] = "words that are not in the sentence"
    fb = ex.check(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert fb.correct is False and f"statement '{bad_id}': missing 'voice'" in fb.message
    assert f"statement '{data['statements'][1]['id']}': the quote is not copied exactly" in fb.message
    data = yaml.safe_load(ex.template)
    data["statements"].append({"id": "mine", "kind": "premise", "voice": "author", "text": "An extra premise.",
                               "sentences": [f"p{last}.s1"]})
    data["relations"].append({"from": "mine", "to": data["statements"][0]["id"], "type": "attack"})
    added = ex.check(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert added.correct is True and "statements not in the pack's map: mine" in added.message
    skeleton = argument_map_exercise(load_article(SYNTHETIC_ARTICLE), None, 2)
    assert skeleton.check(skeleton.template).correct is True


# -- exports -------------------------------------------------------------------------------------

def test_export_button_writes_argdown_and_aif_that_read_back(seed, seed_map, tmp_path):
    article, amap = seed, seed_map
    ws = open_workspace(article, tmp_path)
    button = ExportButton("Export", {"argument.argdown": lambda: to_argdown(amap),
                                     "argument.aif.json": lambda: json_text(to_aif(amap))}, ws)
    assert not any(tmp_path.iterdir())  # nothing before the click
    paths = button.export()
    assert [p.name for p in paths] == [f"{article.id}.argument.argdown", f"{article.id}.argument.aif.json"]
    back = from_argdown(paths[0].read_text(encoding="utf-8"))
    aif = from_aif(json.loads(paths[1].read_text(encoding="utf-8")))
    for other in (back, aif):
        assert sorted(s.id for s in other.statements) == sorted(amap.ids)
        assert sorted((r.source, r.target, r.type) for r in other.relations) == \
            sorted((r.source, r.target, r.type) for r in amap.relations)


def test_export_writes_only_when_there_is_something(seed, tmp_path):
    article = seed
    ws = open_workspace(article, tmp_path)
    assert export_annotations(ws) is None and not any(tmp_path.iterdir())
    ws.annotate(article, article.sentences[0].start, article.sentences[0].end, note="mine")
    target = export_annotations(ws)
    assert target.parent == tmp_path and "TextQuoteSelector" in target.read_text(encoding="utf-8")
