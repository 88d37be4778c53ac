"""collect: a folder of submitted work (or the hub's home folders) into the class table and the class view."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from helpers.model.workspace import Workspace
from helpers.site import collect

ARTICLE = "edm-2019-16-138-moscow-baku-rapprochement"

# Fleiss (1971) as worked on Wikipedia's "Fleiss' kappa" page: 10 items, 14 raters, 5 categories.
FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def save(folder: Path, answers: dict, article: str = ARTICLE) -> Path:
    """A save file written by the course's own Workspace: {exercise: (answer, correct, tries)}."""
    ws = Workspace(article, folder)
    for exercise, (answer, correct, tries) in answers.items():
        ws.save_answer(exercise, answer, correct, tries=tries)
    return ws.path


@pytest.fixture()
def submissions(tmp_path):
    """Three students' folders (one a whole work folder) and one file per student, an old save
    file without progress, and a corrupted one."""
    root = tmp_path / "submitted"
    save(root / "zoe", {"01_this_author": ("Dana Reyes", True, 1),
                        "02_voices": ({"p1.s1": "a reported view", "p1.s2": "the author's claim"}, False, 2),
                        "05_critique": ({"text": "A fair piece, I think: it quotes both sides.",
                                         "scores": {"accuracy": 2}}, True, 1)})
    save(root / "amir" / "close-reading-work", {
        "01_this_author": ("Lee Moreau", False, 3),
        "02_voices": ({"p1.s1": "a reported view", "p1.s2": "a reported view"}, False, 1),
        "05_critique": ({"text": "Too short.", "scores": {"accuracy": 1}}, False, 1)})
    kim = save(root, {"01_this_author": ("<script>alert(1)</script>", None, None),
                      "02_voices": ({"p1.s1": "a reported view", "p1.s2": "the author's claim"}, True, 1)})
    kim.rename(root / "kim.json")
    (root / "lena").mkdir()
    (root / "lena" / f"{ARTICLE}.json").write_text(json.dumps({
        "format": "close-reading-work", "version": 1, "article": ARTICLE, "annotations": [],
        "answers": {"01_this_author": {"answer": "Dana Reyes", "correct": True,
                                       "saved": "2024-03-01T10:00:00+00:00"}}}))
    (root / "omar").mkdir()
    (root / "omar" / f"{ARTICLE}.json").write_text('{"format": "close-reading-work", "answers": ')
    return root


def test_fleiss_kappa_of_the_worked_example():
    assert collect.fleiss_kappa(FLEISS_TABLE) == pytest.approx(0.210, abs=5e-4)
    # the example's own intermediate figures: P_2 = 0.253, P_bar = 0.378
    assert collect.item_agreement(FLEISS_TABLE[1]) == pytest.approx(0.253, abs=5e-4)
    assert collect.item_agreement(FLEISS_TABLE[0]) == 1.0


def test_fleiss_kappa_limits():
    assert collect.fleiss_kappa([[3, 0], [0, 3]]) == pytest.approx(1.0)
    assert collect.fleiss_kappa([[3, 0], [3, 0]]) is None  # one category only: chance agreement is 1
    assert collect.fleiss_kappa([]) is None
    with pytest.raises(ValueError):
        collect.fleiss_kappa([[2, 1], [1, 1]])  # different numbers of raters


def test_folder_mode_reads_every_kind_of_submission_and_skips_the_corrupted_file_by_name(submissions, capsys):
    out = submissions.parent / "out"
    assert collect.main([str(submissions), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "omar" in err and "could not be read" in err and "not JSON" in err
    assert [line for line in err.splitlines() if line.startswith("warning:")] == [next(
        line for line in err.splitlines() if "omar" in line)]
    rows = list(csv.DictReader((out / "class.csv").open(encoding="utf-8")))
    assert list(rows[0]) == list(collect.COLUMNS)
    # amir, kim, lena, zoe (omar skipped) in sorted order: student 1 … 4
    assert sorted({r["student"] for r in rows}) == ["student 1", "student 2", "student 3", "student 4"]
    by = {(r["student"], r["exercise"]): r for r in rows}
    assert by[("student 4", "01_this_author")]["answer"] == "Dana Reyes"        # zoe
    assert by[("student 4", "01_this_author")]["correct"] == "true"
    assert by[("student 1", "01_this_author")]["tries"] == "3"                     # amir
    assert json.loads(by[("student 1", "02_voices")]["answer"]) == {"p1.s1": "a reported view",
                                                                   "p1.s2": "a reported view"}
    old = by[("student 3", "01_this_author")]                                      # lena's old file
    assert (old["tries"], old["right_at"], old["revealed_after"]) == ("", "", "")
    assert old["saved_at"] == "2024-03-01T10:00:00+00:00"
    assert by[("student 2", "01_this_author")]["correct"] == ""                    # kim: not checked
    data = json.loads((out / "class.json").read_text(encoding="utf-8"))
    assert data["students"] == 4 and data["skipped"] == 1
    assert len(data["rows"]) == len(rows) == 9
    text = (out / "class.html").read_text(encoding="utf-8") + (out / "class.csv").read_text() + json.dumps(data)
    for name in ("zoe", "amir", "kim", "lena", "omar"):
        assert name not in text


def test_names_are_shown_only_when_asked(submissions, tmp_path):
    assert collect.main([str(submissions), "--out", str(tmp_path / "named"), "--names"]) == 0
    rows = list(csv.DictReader((tmp_path / "named" / "class.csv").open(encoding="utf-8")))
    assert {r["student"] for r in rows} == {"amir", "kim", "lena", "zoe"}


def test_pseudonyms_are_stable_in_sorted_order():
    assert collect.pseudonyms(["zoe", "amir", "kim", "amir"]) == {"amir": "student 1", "kim": "student 2",
                                                                  "zoe": "student 3"}


def test_class_view_labels_agreement_critique_words_and_escaping(submissions, tmp_path):
    collection = collect.collect_folder(submissions)
    summaries = {s["exercise"]: s for s in collect.exercise_summaries(collection.entries)}
    voices = summaries["02_voices"]
    assert voices["kind"] == "labels"
    lab = voices["labels"]
    assert lab["students"] == 3 and lab["kappa_sentences"] == 2
    first, second = lab["sentences"]
    assert first["sentence"] == "p1.s1" and first["counts"]["a reported view"] == 3 and first["agreement"] == 1.0
    assert second["counts"] == {"a reported view": 1, "the author's claim": 2}
    assert second["agreement"] == pytest.approx(1 / 3)
    # by hand: P_bar = (1 + 1/3) / 2 = 2/3; shares 4/6 and 2/6, P_e = 5/9; kappa = (2/3 - 5/9) / (4/9) = 1/4
    assert lab["kappa"] == pytest.approx(0.25)
    critique = summaries["05_critique"]
    assert critique["kind"] == "critique"
    assert critique["critique"]["words"] == {"amir": 2, "zoe": 9}
    assert critique["critique"]["mean_scores"] == {"accuracy": 1.5}
    author = summaries["01_this_author"]
    assert author["kind"] == "answers" and author["answered"] == 4 and author["right"] == 2
    assert author["answers"][0] == {"answer": "Dana Reyes", "students": ["lena", "zoe"], "right": 2}

    page = collect.class_view(collect._renamed(collection, False), len(collection.students), collection.problems,
                              "Class view")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "0.25" in page and "p1.s2" in page


def test_paragraph_labels_are_label_exercises_too(tmp_path):
    for name, roles in {"a": {"2": "a turn", "10": "the question"}, "b": {"2": "a turn", "10": "a turn"}}.items():
        save(tmp_path / "s" / name, {"02_roles": (roles, None, 1)})
    (summary,) = collect.exercise_summaries(collect.collect_folder(tmp_path / "s").entries)
    assert summary["kind"] == "labels"
    assert [row["sentence"] for row in summary["labels"]["sentences"]] == ["2", "10"]  # in paragraph order
    assert summary["labels"]["kappa"] == pytest.approx(-1 / 3)


def test_exports_and_leftovers_are_not_save_files(tmp_path):
    folder = tmp_path / "s" / "ana"
    save(folder, {"01_this_author": ("x", None, None)})
    (folder / f"{ARTICLE}.argument.aif.json").write_text("{}")
    (folder / f".{ARTICLE}.json.abc.tmp").write_text("{}")
    collection = collect.collect_folder(tmp_path / "s")
    assert collection.problems == [] and len(collection.entries) == 1


def test_article_filter_and_a_student_with_nothing_on_it(submissions):
    save(submissions / "zoe", {"01_x": ("y", None, None)}, article="another-article")
    collection = collect.collect_folder(submissions, article="another-article")
    assert collection.students == ["zoe"]
    assert {e.exercise for e in collection.entries} == {"01_x"}
    assert any(p.startswith("amir: no saved work on another-article") for p in collection.problems)


def test_hub_mode_with_a_roster_reports_students_without_work(tmp_path, capsys):
    homes = tmp_path / "home"
    save(homes / "crl-a" / "close-reading-work", {"01_this_author": ("Dana Reyes", True, 1)})
    save(homes / "crl-teacher" / "close-reading-work", {"01_this_author": ("key", True, 1)})
    (homes / "crl-b").mkdir(parents=True)
    roster = tmp_path / "roster.csv"
    roster.write_text("username,role\ncrl-teacher,instructor\ncrl-a,student\ncrl-b,student\n")
    out = tmp_path / "out"
    assert collect.main(["--hub", "--home-root", str(homes), "--roster", str(roster), "--out", str(out)]) == 0
    assert "crl-b: no work folder" in capsys.readouterr().err
    rows = list(csv.DictReader((out / "class.csv").open(encoding="utf-8")))
    assert [(r["student"], r["answer"]) for r in rows] == [("student 1", "Dana Reyes")]  # not the instructor
    # without a roster: every home with a work folder
    collection = collect.collect_hub(homes)
    assert collection.students == ["crl-a", "crl-teacher"]
    # an absolute work folder with {user}
    save(tmp_path / "srv" / "crl-b", {"01_this_author": ("Lee Moreau", False, 2)})
    collection = collect.collect_hub(homes, str(tmp_path / "srv" / "{user}"), {"crl-b": "student"})
    assert [e.answer for e in collection.entries] == ["Lee Moreau"]


@pytest.mark.parametrize("argv, says", [
    ([], "either a FOLDER"),
    (["x", "--hub"], "either a FOLDER"),
    (["no/such/folder"], "is not a folder of submitted work"),
    (["--roster", "r.csv", "somewhere"], "--roster goes with --hub"),
    (["--hub", "--home-root", "no/such/home"], "is not a folder"),
])
def test_bad_arguments_give_one_error_line_and_exit_2(argv, says, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "somewhere").mkdir()
    assert collect.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and says in err[0]


def test_a_bad_roster_line_is_named(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("username,role\nAlice Smith,student\n")
    (tmp_path / "home").mkdir()
    assert collect.main(["--hub", "--home-root", str(tmp_path / "home"), "--roster", str(roster)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {roster}:2: expected 'username,role'")


def test_the_command_line_runs_collect(submissions, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "class"
    proc = subprocess.run([sys.executable, "-m", "helpers", "collect", str(submissions), "--out", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader((out / "class.csv").open(encoding="utf-8")))
    assert {r["student"] for r in rows} >= {"student 1", "student 2"} and (out / "class.html").is_file()
    assert "omar" in proc.stderr  # the corrupted file is named and skipped, not fatal


def test_the_class_view_shows_which_citations_were_traced_and_what_was_found(tmp_path):
    root = tmp_path / "submitted"
    records = {"ann": {"citation": "c3", "found": "The Harbour Gazette, 3 March", "route": "searched the archive",
                       "date": "2026-01-10", "confidence": "high", "why": "the headline matches"},
               "ben": {"citation": "c3", "found": "not recovered", "route": "two searches", "date": "2026-01-10",
                       "confidence": "low", "why": "nothing matched"},
               "cas": {"citation": "c5", "found": "The Harbour Gazette, 3 March", "route": "a lateral search",
                       "date": "2026-01-11", "confidence": "medium", "why": "one match"}}
    for student, record in records.items():
        save(root / student, {"03_trace": (record, None, 1)})
    entries = collect.collect_folder(root).entries
    summary = next(s for s in collect.exercise_summaries(entries) if s["exercise"] == "03_trace")
    assert summary["kind"] == "trace"
    by_citation = {row["citation"]: row for row in summary["trace"]}
    assert sorted(by_citation) == ["c3", "c5"]
    assert by_citation["c3"]["students"] == ["ann", "ben"] and by_citation["c3"]["not_recovered"] == 1
    assert by_citation["c3"]["found"] == {"The Harbour Gazette, 3 March": 1}
    page = collect.class_view(entries, 3, [], "Class view")
    assert "sources found" in page and "The Harbour Gazette, 3 March (1)" in page and "<script" not in page
