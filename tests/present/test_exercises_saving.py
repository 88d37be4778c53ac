"""Saving never loses a student's words: building and showing every exercise and tool writes
nothing to the work folder until a button is pressed; every exercise shows its saved answer and
its saved state after a re-run; a save killed in another process is offered back on the next open."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.analysis.citations import extract_citations
from helpers.model.packs import load_pack
from helpers.model.workspace import open_workspace
from helpers.present.exercises.forms import SiftWorksheet, TraceExercise
from helpers.present.exercises.labels import VoiceExercise
from helpers.present.exercises.lists import ActorListExercise
from helpers.present.exercises.text import CritiqueExercise
from helpers.present.exercises.tools import Concordance, NoteTaker
from present_examples import choice, free, labels, shown

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())} if folder.exists() else {}


def every_widget(seed, ws, seed_actors):
    cites = extract_citations(seed)
    pack = load_pack(seed)
    exercises = [choice(seed), labels(seed), free(),
                 CritiqueExercise("05_critique", "E", "Q", None, seed),
                 TraceExercise("03_trace", "E", "Q", cites, pack.get("trace"), seed),
                 ActorListExercise("04_actor_list", "E", "Q", seed_actors, pack.key("actors"), seed),
                 VoiceExercise.from_reading("02_voices", "E", "Q", seed, pack.get("reading"))]
    tools = [SiftWorksheet(seed, cites, ws), NoteTaker(seed, ws, seed.paragraph(1).sentences), Concordance(seed, "Baku")]
    return exercises, tools


@pytest.mark.parametrize("before", ["nothing", "saved work and a leftover"])
def test_opening_and_running_every_widget_writes_nothing_until_a_button_is_pressed(seed, seed_actors, tmp_path,
                                                                                   monkeypatch, before):
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: None)
    folder = tmp_path / "work"
    if before != "nothing":
        first = open_workspace(seed, folder)
        first.save_answer("01_predict_question", "p1.s1", False, tries=1)
        (folder / f".{first.path.name}.left.tmp").write_text(
            json.dumps({**first.to_dict(), "answers": {"01_this_author": {"answer": "words", "saved": "2030-01-01T00:00:00+00:00"}}}),
            encoding="utf-8")
    files = snapshot(folder)
    ws = open_workspace(seed, folder)
    repr(ws), ws.recoverable()
    exercises, tools = every_widget(seed, ws, seed_actors)
    for ex in exercises:
        ex.show(ws)
    for tool in tools:
        tool.show()
    assert snapshot(folder) == files, "running the notebook's cells wrote to the work folder"
    exercises[2].control.value = "my answer"
    exercises[2].button.click()
    assert snapshot(folder) != files and open_workspace(seed, folder).answer("01_this_author") == "my answer"


def test_every_exercise_shows_its_saved_answer_and_state_after_a_rerun(seed, seed_actors, tmp_path):
    folder = tmp_path / "work"
    ws = open_workspace(seed, folder)
    exercises, _ = every_widget(seed, ws, seed_actors)
    answers = {}
    for ex in exercises:
        ex.widget(ws)
        if hasattr(ex, "controls") and ex.kind in ("labels", "voices"):
            first = ex.items[0][0]
            ex.controls[first].value = ex.labels[0]
            answers[ex.id] = ("controls", first, ex.labels[0])
        elif ex.kind == "trace":
            cid = next(iter(ex.citations))
            ex.controls["citation"].value = cid
            ex.controls["found"].value, ex.controls["how"].value = "not recovered", "archive"
            ex.controls["confidence"].value = "none"
            answers[ex.id] = ("controls", "found", "not recovered")
        elif ex.kind == "choice":
            ex.control.value = "p1.s2"
            answers[ex.id] = ("control", "p1.s2")
        else:
            ex.control.value = "Russia\nBaku" if ex.kind == "list" else "one two three"
            answers[ex.id] = ("control", ex.control.value)
        ex.button.click()
        ex.button.click()
    rerun, _ = every_widget(seed, open_workspace(seed, folder), seed_actors)
    for ex in rerun:
        ex.widget(open_workspace(seed, folder))
        how = answers[ex.id]
        if how[0] == "controls":
            assert ex.controls[how[1]].value == how[2], ex.id
        else:
            assert ex.control.value == how[1], ex.id
        assert ex.status.value.startswith("<em>Saved: "), ex.id
        assert "2 tries" in ex.status.value or "right at try 1" in ex.status.value, (ex.id, ex.status.value)
        assert ex.output.outputs == ()


def test_a_save_killed_in_another_process_is_offered_back_to_the_notebook(seed, tmp_path):
    folder = tmp_path / "work"
    ws = open_workspace(seed, folder)
    ws.save_answer("01_predict_question", "p1.s1")
    code = (
        "import os, signal\n"
        "from helpers.model import workspace as w\n"
        "w.os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from present_examples import free\n"
        f"ws = w.open_workspace({seed.id!r}, {str(folder)!r})\n"
        "ex = free()\n"
        "ex.widget(ws)\n"
        "ex.control.value = 'the words I typed before the kernel died'\n"
        "ex.button.click()\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "present")])}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr
    reopened = open_workspace(seed, folder)
    assert reopened.answer("01_this_author") is None
    assert "Your answer to 01_this_author you typed at" in repr(reopened) and "restore it?" in repr(reopened)
    ex = free()
    ex.widget(reopened)  # the exercise itself offers it back
    assert ex.control.value == ""
    assert ex.restore_button is not None and ex.restore_button.description == "Restore my unsaved answer"
    ex.restore_button.click()
    assert reopened.recoverable() == [] and ex.status.value == "<em>Saved: 1 try</em>"
    rerun = free()
    rerun.widget(open_workspace(seed, folder))
    assert rerun.control.value == "the words I typed before the kernel died" and rerun.restore_button is None
    assert rerun.status.value == "<em>Saved: 1 try</em>"
    assert [p.name for p in folder.iterdir()] == [f"{seed.id}.json"]
