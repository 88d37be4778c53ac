"""helpers.model.workspace: saving student work safely, reloading it in a new process, W3C export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.model import workspace as wsmod
from helpers.model.article import load_article
from helpers.core.errors import CourseInputError
from helpers.core.paths import SEED_ARTICLE_ID
from helpers.model.workspace import ANNO_CONTEXT, article_urn, open_workspace, work_dir

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("CLOSE_READING_WORK", raising=False)
    return tmp_path / "work"


def _run(code: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           **(env_extra or {})}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_nothing_is_written_on_open_of_an_empty_workspace(seed, folder):
    ws = open_workspace(seed, folder)
    assert ws.annotations == [] and ws.answers == {} and ws.messages == []
    assert ws.recoverable() == [] and "was not saved" not in repr(ws)
    assert not folder.exists()
    assert ws.answer("01_predict_question") is None
    assert ws.answer("01_predict_question", "none") == "none"


def test_work_dir_comes_from_argument_then_environment_then_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CLOSE_READING_WORK", raising=False)
    assert work_dir() == (tmp_path / "home" / "close-reading-work").resolve()
    assert work_dir("") == work_dir(None)
    monkeypatch.setenv("CLOSE_READING_WORK", str(tmp_path / "env"))
    assert work_dir() == (tmp_path / "env").resolve()
    assert work_dir(tmp_path / "arg") == (tmp_path / "arg").resolve()


def test_work_inside_data_is_refused(tmp_path, monkeypatch):
    with pytest.raises(CourseInputError, match="data folder"):
        work_dir(ROOT / "data")
    with pytest.raises(CourseInputError, match="data folder"):
        work_dir(ROOT / "data" / "annotations" / "mine")
    monkeypatch.setenv("CLOSE_READING_WORK", str(ROOT / "data" / "work"))
    with pytest.raises(CourseInputError, match="CLOSE_READING_WORK"):
        open_workspace(SEED_ARTICLE_ID)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(CourseInputError, match="is a file"):
        work_dir(a_file)


def test_annotations_and_answers_survive_a_new_process(seed, folder):
    ws = open_workspace(seed, folder)
    p1 = seed.paragraph(1)
    s = seed.sentence("p1.s3")
    anno = ws.annotate(seed, s.start, s.end, note="the question", tags=["frame", "voice"])
    ws.annotate(seed, p1.start, p1.start + 10)
    ws.save_answer("01_predict_question", "p1.s3", True)
    ws.save_answer("01_opening_voices", {"p1.s1": "a reported view"}, False)
    assert anno.exact == s.text
    code = (
        "import json; from helpers.model.workspace import open_workspace; "
        f"ws = open_workspace({SEED_ARTICLE_ID!r}, {str(folder)!r}); "
        "print(json.dumps({'answers': {k: v['answer'] for k, v in ws.answers.items()}, "
        "'annotations': [a.to_dict() for a in ws.annotations], 'messages': ws.messages}))"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    reloaded = json.loads(result.stdout)
    assert reloaded["messages"] == []
    assert reloaded["answers"] == {"01_predict_question": "p1.s3", "01_opening_voices": {"p1.s1": "a reported view"}}
    assert reloaded["annotations"] == [a.to_dict() for a in ws.annotations]
    assert reloaded["annotations"][0]["exact"] == s.text and reloaded["annotations"][0]["tags"] == ["frame", "voice"]


def test_a_failed_replace_leaves_the_previous_file_intact(seed, folder, monkeypatch):
    ws = open_workspace(seed, folder)
    ws.save_answer("01_predict_question", "p1.s1")
    before = ws.path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(wsmod.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        ws.save_answer("01_predict_question", "p1.s3")
    monkeypatch.undo()
    assert ws.path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == [ws.path.name]  # the temporary file was removed
    assert open_workspace(seed, folder).answer("01_predict_question") == "p1.s1"


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the folder with its bytes and modification time (to see that nothing was written)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


KILLED_SAVE = (
    "import os, signal; from helpers.model import workspace as w\n"
    "w.os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)\n"
    "ws = w.open_workspace({article!r}, {folder!r})\n"
    "ws.save_answer('01_this_author', 'my words, typed just now')\n"
)


def test_a_process_killed_mid_save_leaves_the_previous_file_and_its_words_are_offered_back(seed, folder):
    ws = open_workspace(seed, folder)
    ws.save_answer("01_predict_question", "p1.s1")
    before = ws.path.read_bytes()
    result = _run(KILLED_SAVE.format(article=SEED_ARTICLE_ID, folder=str(folder)))
    assert result.returncode != 0  # killed mid-save
    assert ws.path.read_bytes() == before
    leftovers = [p for p in folder.iterdir() if p != ws.path]
    assert len(leftovers) == 1 and leftovers[0].name.endswith(".tmp")  # complete, but never swapped in
    files = _snapshot(folder)
    again = open_workspace(seed, folder)
    assert _snapshot(folder) == files  # opening writes nothing, and deletes nothing
    assert again.answer("01_predict_question") == "p1.s1" and again.answer("01_this_author") is None
    [left] = again.recoverable()
    assert left.path == leftovers[0] and list(left.answers) == ["01_this_author"] and left.annotations == []
    typed_at = left.written.strftime("%H:%M")
    assert f"Your answer to 01_this_author you typed at {typed_at} was not saved: restore it?" in repr(again)
    assert _snapshot(folder) == files  # nor does asking
    assert again.restore() == [left]
    assert open_workspace(seed, folder).answer("01_this_author") == "my words, typed just now"
    assert open_workspace(seed, folder).answer("01_predict_question") == "p1.s1"
    assert [p.name for p in folder.iterdir()] == [ws.path.name] and again.recoverable() == []
    assert "was not saved" not in repr(again)


def test_a_killed_note_can_be_discarded_or_restored_by_name(seed, folder):
    ws = open_workspace(seed, folder)
    ws.save_answer("01_predict_question", "p1.s1")
    saved = json.loads(ws.path.read_text(encoding="utf-8"))
    # what a save killed between write and replace leaves: the whole new file under a temporary name
    note = {"id": "n-1", "start": 0, "end": 8, "exact": seed.text[:8], "note": "my note", "tags": [],
            "created": "2026-01-01T14:02:00+00:00", "prefix": "", "suffix": seed.text[8:40]}
    leftover = folder / f".{ws.path.name}.abc123.tmp"
    leftover.write_text(json.dumps({**saved, "annotations": [note]}), encoding="utf-8")
    stamp = dt.datetime(2026, 1, 1, 14, 2).timestamp()
    os.utime(leftover, (stamp, stamp))
    again = open_workspace(seed, folder)
    assert "A note you typed at 14:02 was not saved: restore it?" in again.summary()
    second = folder / f".{ws.path.name}.def456.tmp"
    second.write_text(json.dumps({**saved, "annotations": [dict(note, id="n-2", note="another")]}), encoding="utf-8")
    assert [x.path.name for x in again.recoverable()] == [leftover.name, second.name]
    assert again.discard(second.name)[0].path == second and not second.exists()
    with pytest.raises(KeyError, match="no unsaved work"):
        again.discard(second.name)
    again.restore(again.recoverable()[0])
    assert [a.note for a in open_workspace(seed, folder).annotations] == ["my note"] and not leftover.exists()


def test_an_interrupted_save_leaves_its_temporary_file_and_unreadable_leftovers_are_kept(seed, folder, monkeypatch):
    ws = open_workspace(seed, folder)
    ws.save_answer("01_predict_question", "p1.s1")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(wsmod.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ws.save_answer("01_predict_question", "p1.s3")
    monkeypatch.undo()
    [left] = open_workspace(seed, folder).recoverable()
    assert left.answers["01_predict_question"]["answer"] == "p1.s3"
    half = folder / f".{ws.path.name}.half.tmp"
    half.write_text('{"format": "close-reading-wo', encoding="utf-8")  # a save cut off while writing
    again = open_workspace(seed, folder)
    again.save_answer("02_voices", {"p2.s1": "a reported view"})
    assert half.exists() and left.path.exists()  # unreadable: kept; unsaved words: kept
    again.save_answer("01_predict_question", "p1.s2")  # the same answer saved later supersedes it
    assert not left.path.exists() and half.exists()


def test_progress_is_saved_kept_and_old_files_still_load(seed, folder):
    folder.mkdir(parents=True)
    old = {"format": "close-reading-work", "version": 1, "article": seed.id, "annotations": [],
           "answers": {"01_predict_question": {"answer": "p1.s2", "correct": False, "saved": "2026-01-01T10:00:00+00:00"}}}
    path = folder / f"{seed.id}.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    ws = open_workspace(seed, folder)
    assert ws.answer("01_predict_question") == "p1.s2" and ws.messages == []
    assert ws.progress("01_predict_question") == {"correct": False, "saved": "2026-01-01T10:00:00+00:00"}
    ws.save_answer("01_predict_question", "p1.s1", False, tries=2)
    ws.record_reveal("01_predict_question", 2)
    ws.record_reveal("01_predict_question", 5)  # the first reveal is the one recorded
    ws.save_answer("01_predict_question", "p1.s3", True, tries=3, right_at=3)
    entry = open_workspace(seed, folder).answers["01_predict_question"]
    assert (entry["answer"], entry["tries"], entry["right_at"], entry["revealed_after"]) == ("p1.s3", 3, 3, 2)
    ws.record_reveal("01_opening_voices", 0)  # revealed before any answer
    assert ws.answer("01_opening_voices") is None and ws.progress("01_opening_voices")["revealed_after"] == 0
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == wsmod.VERSION


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"format": "other"}', b"\xff\xfe broken",
                                     b'{"format": "close-reading-work", "article": "another-article"}',
                                     b'{"format": "close-reading-work", "article": "%s", "annotations": [{"x": 1}]}'
                                     % SEED_ARTICLE_ID.encode()])
def test_a_corrupted_save_file_is_reported_on_open_and_moved_aside_by_the_next_save(seed, folder, content):
    folder.mkdir(parents=True)
    path = folder / f"{seed.id}.json"
    path.write_bytes(content)
    ws = open_workspace(seed, folder)
    assert path.read_bytes() == content and [p.name for p in folder.iterdir()] == [path.name]  # opening writes nothing
    assert len(ws.messages) == 1 and "could not be read" in ws.messages[0] and "moved aside" in ws.messages[0]
    assert "could not be read" in repr(ws)
    assert ws.answers == {} and ws.annotations == []
    ws.save_answer("01_predict_question", "p1.s3")
    aside = [p for p in folder.iterdir() if p.name.startswith(f"{path.name}.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # moved, never overwritten
    assert aside[0].name in ws.messages[-1] and aside[0].name in repr(ws)
    ws.save_answer("01_opening_voices", {"p1.s1": "a reported view"})
    assert aside[0].read_bytes() == content  # still there, untouched
    assert open_workspace(seed, folder).answer("01_predict_question") == "p1.s3"


def test_bad_spans_and_foreign_articles_are_refused(seed, folder):
    ws = open_workspace(seed, folder)
    for start, end in ((5, 5), (-1, 4), (10, len(seed.text) + 1), (9, 3)):
        with pytest.raises(CourseInputError, match="not inside the article"):
            ws.annotate(seed, start, end)
    other = open_workspace("another-article", folder)
    with pytest.raises(CourseInputError, match="another-article"):
        other.annotate(seed, 0, 5)
    with pytest.raises(TypeError):
        ws.save_answer("x", object())
    assert not folder.exists()


def test_remove_annotation_and_stale_annotations(seed, folder):
    ws = open_workspace(seed, folder)
    a = ws.annotate(seed, 0, 8)
    b = ws.annotate(seed, 20, 30)
    ws.remove_annotation(a.id)
    assert [x.id for x in open_workspace(seed, folder).annotations] == [b.id]
    with pytest.raises(KeyError):
        ws.remove_annotation(a.id)
    assert ws.stale_annotations(seed) == []
    changed = dataclasses.replace(seed, text="X" * len(seed.text))
    assert ws.stale_annotations(changed) == [b]


def test_w3c_web_annotation_export(seed, folder):
    ws = open_workspace(seed, folder)
    s = seed.sentence("p1.s3")
    ws.annotate(seed, s.start, s.end, note="the question", tags=["frame"])
    ws.annotate(seed, 0, 12)
    ws.annotate(seed, len(seed.text) - 5, len(seed.text), tags=["ending"])
    path = ws.export()
    assert path.parent == folder and path.suffix == ".jsonld"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["@context"] == ANNO_CONTEXT == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    page = data["first"]
    assert page["type"] == "AnnotationPage"
    motivations = []
    for item, anno in zip(page["items"], ws.annotations):
        assert item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:")
        assert item["created"].endswith("+00:00")
        target = item["target"]
        assert target["source"] == article_urn(seed.id) == f"urn:close-reading:{seed.id}"
        selectors = {sel["type"]: sel for sel in target["selector"]}
        quote, pos = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        assert seed.text[pos["start"]:pos["end"]] == quote["exact"] == anno.exact
        assert seed.text[:pos["start"]].endswith(quote["prefix"])
        assert seed.text[pos["end"]:].startswith(quote["suffix"])
        assert len(quote["prefix"]) <= wsmod.CONTEXT_CHARS and len(quote["suffix"]) <= wsmod.CONTEXT_CHARS
        for body in item.get("body", []):
            assert body["type"] == "TextualBody" and body["purpose"] in ("commenting", "tagging")
        motivations.append(item["motivation"])
    assert motivations == ["commenting", "highlighting", "tagging"]
    assert page["items"][0]["body"][0]["value"] == "the question"
    assert page["items"][2]["target"]["selector"][0]["suffix"] == ""
    assert ws.to_web_annotations() == data


def test_two_open_workspaces_on_one_article_keep_each_others_work(seed, folder):
    lesson_01 = open_workspace(seed, folder)
    lesson_02 = open_workspace(seed, folder)  # opened before lesson 01 saved anything
    lesson_01.save_answer("01_predict_question", "p1.s3")
    lesson_02.save_answer("02_voices", {"p2.s1": "author_claim"})
    lesson_01.annotate(seed, 0, 10, note="title")
    assert lesson_02.answer("01_predict_question") == "p1.s3"  # refreshed on save
    final = open_workspace(seed, folder)
    assert set(final.answers) == {"01_predict_question", "02_voices"}
    assert [a.note for a in final.annotations] == ["title"]


def test_concurrent_processes_do_not_lose_answers(seed, folder):
    folder.mkdir(parents=True)
    code = (
        "import sys; from helpers.model.workspace import open_workspace\n"
        f"ws = open_workspace({SEED_ARTICLE_ID!r}, {str(folder)!r})\n"
        "for i in range(15):\n"
        "    ws.save_answer(f'{sys.argv[1]}-{i}', i)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    procs = [subprocess.Popen([sys.executable, "-c", code, name], cwd=ROOT, env=env) for name in "abcd"]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    answers = open_workspace(seed, folder).answers
    assert set(answers) == {f"{name}-{i}" for name in "abcd" for i in range(15)}
