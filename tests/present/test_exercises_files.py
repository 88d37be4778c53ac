"""helpers.present.exercises.files: files kept in the work folder and used on the next run — the
actor overrides (right and wrong corrections), the amended argument map (validated with messages
that name the statement; the untouched template and its placeholders are no answer; the saved map
is the one drawn and exported), the export button and the annotation export."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from helpers.analysis.arguments import from_aif, from_argdown, to_aif, to_argdown
from helpers.model.article import load_article
from helpers.model.workspace import open_workspace
from helpers.present.exercises.files import (MAP_PLACEHOLDERS, ExportButton, argument_map_exercise, export_annotations,
                                             json_text, merged_overrides, overrides_exercise)
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
    said = fix.output.outputs[0]["data"]["text/markdown"]
    assert "Saved to" in said and "Run the notebook again to use it." in said
    assert ws.answer("04_correct_actors") == {"file": saved.name}
    # "re-run": a new exercise object and a reopened workspace see the saved file
    again = overrides_exercise(article, machine)
    after = again.apply(open_workspace(article, tmp_path / "work"))
    assert after.actor("Heydar Aliyev") is not None
    assert actor_changes(machine, after) == ["added **Heydar Aliyev** (person): 1 mention(s) in p6.s2"]
    assert box is not None and not (ROOT / "data" / "annotations" / article.id / "actors.yaml").exists()


def test_a_saved_file_the_next_run_cannot_use_says_so_instead_of_asking_for_a_run(seed, seed_actors, tmp_path):
    article, machine = seed, seed_actors
    ws = open_workspace(article, tmp_path / "work")
    fix = overrides_exercise(article, machine)
    fix.widget(ws)
    for text in ("just a line of my own words", "actors:\n  - name: X\n   type: person\n",
                 "actors:\n  - {name: X, type: country, aliases: [his father]}\n"):
        fix.control.value = text
        fix.button.click()
        said = fix.output.outputs[0]["data"]["text/markdown"]
        assert "Saved to" in said and "does not use it until it passes the check" in said, text
        assert "Run the notebook again to use it" not in said, text
        assert (tmp_path / "work" / f"{article.id}.actors.yaml").read_text(encoding="utf-8") == text  # kept
        assert overrides_exercise(article, machine).apply(open_workspace(article, tmp_path / "work")) is machine


def test_merged_overrides_keep_the_pack_first():
    merged = merged_overrides({"actors": [{"name": "A", "type": "state"}], "ignore": ["x"]},
                              {"actors": [{"name": "B", "type": "person", "aliases": ["b"]}]})
    assert [a["name"] for a in merged["actors"]] == ["A", "B"] and merged["ignore"] == ["x"]


# -- amend the map -------------------------------------------------------------------------------

def _filled(template: str) -> dict:
    """The template's data with every placeholder replaced by words of one's own."""
    data = yaml.safe_load(template)
    for s in data["statements"]:
        if s.get("voice") in MAP_PLACEHOLDERS:  # the conclusion's voice: read as the pack's map reads it
            s["voice"], s["note"] = "contested", "No reporting cue, between two sentences that report a writer."
        if s.get("note") in MAP_PLACEHOLDERS:
            s["note"] = "No reporting cue here, but the sentence before reports another writer."
        if s.get("text") in MAP_PLACEHOLDERS:
            s["text"] = "The paragraph claims something in its own words."
    return data


def test_the_template_leaves_the_conclusions_voice_to_the_student(seed, seed_map):
    article, amap = seed, seed_map
    conclusion = next(s for s in amap.statements if s.kind == "conclusion")
    paragraph = int(conclusion.sentences[0].split(".")[0][1:])
    ex = argument_map_exercise(article, amap, paragraph, {r.scheme for r in amap.relations if r.scheme})
    given = next(s for s in yaml.safe_load(ex.template)["statements"] if s["id"] == conclusion.id)
    assert given["voice"] == MAP_PLACEHOLDERS[2] and "speaker" not in given and "note" not in given
    assert f"voice: {conclusion.voice}\n  sentences:\n  - {conclusion.sentences[0]}" not in ex.template
    data = yaml.safe_load(ex.template)
    data["relations"] = data["relations"][:-1]
    left = ex.check(_dump(data))  # changed elsewhere, the conclusion's voice still open
    assert left.correct is False and conclusion.id in left.message and "placeholder" in left.message


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_amend_map_rejects_the_untouched_template_and_names_broken_statements(seed, seed_map):
    article, amap = seed, seed_map
    last = article.paragraphs[-1].number
    ex = argument_map_exercise(article, amap, last, {r.scheme for r in amap.relations if r.scheme})
    untouched = ex.check(ex.template)
    assert untouched.correct is False and "nothing is amended" in untouched.message and untouched.hints
    assert "Valid" not in untouched.message
    changed = yaml.safe_load(ex.template)
    changed["relations"] = changed["relations"][:-1]  # changed, but the placeholder notes are left
    left = ex.check(_dump(changed))
    assert left.correct is False and "placeholder" in left.message
    notes_only = ex.check(_dump(_filled(ex.template)))
    assert notes_only.correct is True and "Valid" in notes_only.message
    assert "not in the pack's map: none" in notes_only.message
    data = _filled(ex.template)
    data["statements"][0].pop("voice")
    bad_id = data["statements"][0]["id"]
    data["statements"][1]["quote"] = "words that are not in the sentence"
    fb = ex.check(_dump(data))
    assert fb.correct is False and f"statement '{bad_id}': missing 'voice'" in fb.message and fb.hints
    assert f"statement '{data['statements'][1]['id']}': the quote is not copied exactly" in fb.message
    data = _filled(ex.template)
    data["statements"].append({"id": "mine", "kind": "premise", "voice": "author", "text": "An extra premise.",
                               "sentences": [f"p{last}.s1"]})
    data["relations"].append({"from": "mine", "to": data["statements"][0]["id"], "type": "attack"})
    added = ex.check(_dump(data))
    assert added.correct is True and "statements not in the pack's map: mine" in added.message


def test_amend_map_skeleton_without_a_pack_map():
    skeleton = argument_map_exercise(load_article(SYNTHETIC_ARTICLE), None, 2)
    assert skeleton.check(skeleton.template).correct is False
    mine = skeleton.check(_dump(_filled(skeleton.template)))
    assert mine.correct is True and "Valid" in mine.message


def test_the_saved_map_is_the_one_drawn_and_exported(seed, seed_map, tmp_path):
    article, amap = seed, seed_map
    last = article.paragraphs[-1].number
    schemes = {r.scheme for r in amap.relations if r.scheme}
    ws = open_workspace(article, tmp_path / "work")
    ex = argument_map_exercise(article, amap, last, schemes)
    assert ex.current_map(ws) is amap  # nothing saved: the pack's map
    ex.widget(ws)
    ex.control.value = ex.template  # the untouched template is saved (no work is lost) but not used
    ex.button.click()
    assert "does not use it until it passes the check" in ex.output.outputs[0]["data"]["text/markdown"]
    assert (tmp_path / "work" / f"{article.id}.argument-p{last}.yaml").is_file()
    assert ex.current_map(ws) is amap
    data = _filled(ex.template)
    data["statements"].append({"id": "mine", "kind": "premise", "voice": "author", "text": "An extra premise.",
                               "sentences": [f"p{last}.s1"]})
    ex.control.value = _dump(data)
    ex.button.click()
    assert "Saved to" in ex.output.outputs[0]["data"]["text/markdown"]
    assert "Run the notebook again to use it." in ex.output.outputs[0]["data"]["text/markdown"]
    again = argument_map_exercise(article, amap, last, schemes)
    drawn = again.current_map(open_workspace(article, tmp_path / "work"))
    assert drawn is not amap and "mine" in drawn.ids and len(drawn.statements) == len(data["statements"])
    assert "mine" in to_argdown(drawn) and "mine" in json_text(to_aif(drawn))


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


def test_export_in_a_notebook_is_a_button_and_writes_only_when_pressed(seed, tmp_path, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    article = seed
    ws = open_workspace(article, tmp_path)
    ws.annotate(article, article.sentences[0].start, article.sentences[0].end, note="mine")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert export_annotations(ws) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # running the cell writes nothing
    button = shown[-1].children[0]
    button.click()
    target = tmp_path / f"{article.id}.annotations.jsonld"
    assert "TextQuoteSelector" in target.read_text(encoding="utf-8")
    # from Python, a path writes at once
    direct = export_annotations(ws, tmp_path / "mine.jsonld")
    assert direct == tmp_path / "mine.jsonld" and "TextQuoteSelector" in direct.read_text(encoding="utf-8")