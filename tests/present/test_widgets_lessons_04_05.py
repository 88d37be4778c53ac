"""Exercises of lessons 04 and 05 (helpers.present.widgets): feedback for right and wrong answers (the
callbacks tested directly), files kept in the work folder and used on the next run, precision and
recall by hand, the conclusion's voice from the argument map, the map amendment validated with
messages that name the statement, the critique's checks, and the export button."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.present import widgets
from helpers.model.rubrics import critique_standards
from helpers.analysis.actors import Actor, extract_actors
from helpers.analysis.arguments import from_aif, from_argdown, load_argument_map
from helpers.model.article import load_article
from helpers.model.packs import load_pack
from helpers.model.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
SYNTHETIC = ROOT / "data" / "articles" / "synthetic-2021-northern-corridor.txt"


@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED)
    return article, extract_actors(article)


@pytest.fixture(scope="module")
def amap(seed):
    return load_argument_map(load_pack(seed[0]).root / "argument.yaml", article=seed[0])


# -- Exercise: correct the actor table ---------------------------------------------------------

def test_overrides_right_and_wrong(seed):
    article, machine = seed
    fix = widgets.overrides_exercise(article, machine)
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


def test_overrides_saved_in_work_folder_and_used_on_the_next_run(seed, tmp_path):
    article, machine = seed
    ws = open_workspace(article, tmp_path / "work")
    fix = widgets.overrides_exercise(article, machine)
    assert fix.apply(ws) is machine  # nothing saved yet
    box = fix.widget(ws)
    fix.control.value = "actors:\n  - {name: Heydar Aliyev, type: person, aliases: [his father]}\n"
    fix.button.click()
    saved = tmp_path / "work" / f"{article.id}.actors.yaml"
    assert saved.is_file() and "his father" in saved.read_text(encoding="utf-8")
    assert "Saved to" in fix.output.outputs[0]["data"]["text/markdown"]
    assert ws.answer("04_correct_actors") == {"file": saved.name}
    # "re-run": a new exercise object and a reopened workspace see the saved file
    again = widgets.overrides_exercise(article, machine)
    after = again.apply(open_workspace(article, tmp_path / "work"))
    assert after.actor("Heydar Aliyev") is not None
    assert widgets.actor_changes(machine, after) == ["added **Heydar Aliyev** (person): 1 mention(s) in p6.s2"]
    assert box is not None and not (ROOT / "data" / "annotations" / article.id / "actors.yaml").exists()


def test_merged_overrides_keep_the_pack_first():
    merged = widgets.merged_overrides({"actors": [{"name": "A", "type": "state"}], "ignore": ["x"]},
                                      {"actors": [{"name": "B", "type": "person", "aliases": ["b"]}]})
    assert [a["name"] for a in merged["actors"]] == ["A", "B"] and merged["ignore"] == ["x"]


# -- Exercise: precision and recall -------------------------------------------------------------

def test_actor_list_feedback(seed):
    article, machine = seed
    key = load_pack(article).key("actors")
    ex = widgets.ActorListExercise("04_actor_list", "Exercise 3", "List the actors.", machine, key, article)
    assert ex.check("").correct is False
    full = "\n".join(a["name"] for a in key["actors"])
    right = ex.check(full)
    assert right.correct is True and "recall** is 100%" in right.message and "finds 100%" in right.message
    wrong = ex.check("Russia\nSochi\n")
    assert wrong.correct is False and "not actors in this text: Sochi" in wrong.message and "you missed" in wrong.message
    no_key = widgets.ActorListExercise("x", "E", "Q", machine, None, article)
    fb = no_key.check("Russia")
    assert fb.correct is None and "precision" in fb.message and "compare with a partner" in no_key.intro()


# -- Exercise: whose conclusion ----------------------------------------------------------------

def test_conclusion_voice_comes_from_the_map(seed, amap):
    article, _ = seed
    ex = widgets.conclusion_voice_exercise(article, amap)
    conclusion = next(s for s in amap.statements if s.kind == "conclusion")
    right = ex.check(conclusion.voice)
    assert right.correct is True and conclusion.sentences[0] in right.message
    other = next(v for v in ("author", "reported", "contested") if v != conclusion.voice)
    wrong = ex.check(other)
    assert wrong.correct is False and "reporting cue" in wrong.message
    assert conclusion.sentences[0] in ex.question
    state = json.dumps(ex.widget(None).get_state(), default=str)
    assert (conclusion.note or "")[:40] not in state
    none = widgets.conclusion_voice_exercise(load_article(SYNTHETIC), None)
    assert not none.has_key and none.check("author").correct is None


# -- Exercise: amend the map --------------------------------------------------------------------

def test_amend_map_template_validates_and_broken_maps_are_named(seed, amap):
    import yaml

    article, _ = seed
    last = article.paragraphs[-1].number
    schemes = {r.scheme for r in amap.relations if r.scheme}
    ex = widgets.argument_map_exercise(article, amap, last, schemes)
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
    skeleton = widgets.argument_map_exercise(load_article(SYNTHETIC), None, 2)
    assert skeleton.check(skeleton.template).correct is True


def test_no_pack_reasons_in_widget_state(seed, amap, tmp_path):
    """The site stores widget state: the template and the choices must not carry the map's notes,
    which hold the reason behind Exercise 1's key."""
    import ipywidgets

    article, _ = seed
    ws = open_workspace(article, tmp_path)
    widgets.argument_map_exercise(article, amap, article.paragraphs[-1].number).widget(ws)
    widgets.conclusion_voice_exercise(article, amap).widget(ws)
    state = " ".join(json.dumps(ipywidgets.Widget.get_manager_state(), default=str).split())
    notes = [" ".join(s.note.split())[:40] for s in amap.statements if s.note] + \
        [" ".join(r.note.split())[:30] for r in amap.relations if r.note and len(r.note) > 30]
    assert notes and not [n for n in notes if n in state]


# -- Exercise: the critique ----------------------------------------------------------------------

def test_critique_checks(seed):
    article, _ = seed
    rubric = load_pack(article).get("critique")["rubric"]
    ex = widgets.CritiqueExercise("05_critique", "Exercise 3", "Write.", rubric, article)
    quote = article.sentences[0].text.split(",")[0]
    body = f"The article asks a question in p1.s3 and opens with “{quote}”. " + "word " * 280
    scores = {s["name"]: 2 for s in rubric["standards"]}
    scores["fairness"] = 1
    right = ex.check({"text": body, "scores": scores})
    assert right.correct is True and "within 270–330" in right.message and "copied exactly" in right.message
    assert "17 of 27" in right.message and "Revise first for: fairness" in right.message
    misquote = ex.check({"text": body.replace(quote, quote + " surely"), "scores": {}})
    assert misquote.correct is False and "not copied exactly" in misquote.message
    short = ex.check("Too short, see p99.s1.")
    assert short.correct is False and "too short" in short.message and "p99.s1" in short.message
    assert widgets.count_words("It’s a well-known fact: [ier] 3 words") == 7


def test_critique_widget_counts_and_saves(seed, tmp_path):
    article, _ = seed
    ws = open_workspace(article, tmp_path)
    ex = widgets.CritiqueExercise("05_critique", "E", "Q", None, article)
    assert ex.standards == list(critique_standards())
    ex.widget(ws)
    ex.control.value = "one two three"
    assert ex.counter.value.startswith("3 / 300")
    ex.scores["clarity"].value = 2
    ex.button.click()
    assert ws.answer("05_critique") == {"text": "one two three", "scores": {"clarity": 2}}
    again = widgets.CritiqueExercise("05_critique", "E", "Q", None, article)
    again.widget(open_workspace(article, tmp_path))
    assert again.control.value == "one two three" and again.scores["clarity"].value == 2


# -- export --------------------------------------------------------------------------------------

def test_export_button_writes_argdown_and_aif_that_read_back(seed, amap, tmp_path):
    from helpers.analysis.arguments import to_aif, to_argdown

    article, _ = seed
    ws = open_workspace(article, tmp_path)
    button = widgets.ExportButton("Export", {"argument.argdown": lambda: to_argdown(amap),
                                             "argument.aif.json": lambda: widgets.json_text(to_aif(amap))}, ws)
    assert not any(tmp_path.iterdir())  # nothing before the click
    paths = button.export()
    assert [p.name for p in paths] == [f"{article.id}.argument.argdown", f"{article.id}.argument.aif.json"]
    back = from_argdown(paths[0].read_text(encoding="utf-8"))
    aif = from_aif(json.loads(paths[1].read_text(encoding="utf-8")))
    for other in (back, aif):
        assert sorted(s.id for s in other.statements) == sorted(amap.ids)
        assert sorted((r.source, r.target, r.type) for r in other.relations) == \
            sorted((r.source, r.target, r.type) for r in amap.relations)


def test_pack_key_reads_the_exercises_of_a_pack_file(seed):
    pack = load_pack(seed[0])
    assert pack.exercise("04_voices", file="critique")["model_answer"]
    assert pack.exercise("nope", file="critique") is None
    assert load_pack(load_article(SYNTHETIC)).exercise("04_voices", file="critique") is None
