"""The class's saved work in one table and one page: ``python -m helpers collect``.

``collect FOLDER`` reads a folder of submitted work, one entry per student: a subfolder
(``FOLDER/<student>/``, holding the student's work folder's files, or the work folder itself as
``FOLDER/<student>/close-reading-work/``) or one save file (``FOLDER/<student>.json``).
``collect --hub`` reads the work folders in the hub's home folders (``/home/<user>/close-reading-work``;
``--work-folder`` names another folder, relative to the home or absolute with ``{user}``), run as
root by the instructor; ``--roster`` (the hub's ``roster.csv``) limits it to the roster's students
and reports those with no saved work.

It writes ``class.csv`` and ``class.json`` (one row per student, article and exercise: student,
article, exercise, answer, correct, tries, right_at, revealed_after, saved_at; progress that an
older save file did not record is left empty) and ``class.html``, the seminar's class view
(static, no JavaScript, every value escaped):

* per exercise: how many answered, how many were right, tries and reveals, and how the class
  answered (each answer with how many gave it);
* a label exercise (an answer mapping sentence ids such as ``p3.s2``, or paragraphs, to labels):
  per sentence (or paragraph), how the class labelled it and the share of pairs of students who
  agree (Fleiss' P_i), and for the exercise Fleiss' kappa over the items every one of its students
  labelled;
* a critique (an answer with ``text``): each student's word count (:func:`prose_words`) and the
  mean of the students' own scores per standard; for the trace record (lesson 03), per citation
  who traced it, the sources found and how many said "not recovered".

Students are "student 1" … "student n" in the sorted order of their names, unless ``--names``.
A student whose file is missing or cannot be read is reported on stderr by name and left out;
the others are collected. Bad arguments raise :class:`CourseInputError` (one line, exit 2).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from helpers.core.errors import CourseInputError
from helpers.core.fileio import atomic_write
from helpers.model.workspace import FORMAT
from helpers.present.words import prose_words

#: The columns of the class table, in order.
COLUMNS = ("student", "article", "exercise", "answer", "correct", "tries", "right_at", "revealed_after", "saved_at")
#: The work folder's name in a home folder (``helpers.model.workspace.work_dir``'s default).
WORK_FOLDER = "close-reading-work"
ROLES = ("student", "instructor")
#: What a label exercise labels: sentences (``p3.s2``), paragraphs (``p3``) or paragraph numbers (``3``).
_ITEM_ID = re.compile(r"^(?:p(\d+)(?:\.s(\d+))?|(\d+))$")
_USERNAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


# -- Fleiss' kappa ------------------------------------------------------------------------------
def item_agreement(counts: Sequence[int]) -> float | None:
    """Fleiss' P_i of one item: the share of pairs of its raters who gave it the same category
    (``counts``: raters per category); ``None`` with fewer than two raters."""
    n = sum(counts)
    if n < 2:
        return None
    return (sum(c * c for c in counts) - n) / (n * (n - 1))


def fleiss_kappa(table: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' kappa of ``table`` (one row per item, one column per category, each cell the number
    of raters who put the item in the category; every row the same number of raters, at least two).

    ``None`` when it is undefined: no items, or every rating in one category (chance agreement 1).
    """
    rows = [list(map(int, row)) for row in table]
    if not rows:
        return None
    n = sum(rows[0])
    if n < 2 or any(sum(row) != n for row in rows) or len({len(row) for row in rows}) != 1:
        raise ValueError("every item needs the same number of raters, at least two, over the same categories")
    items = len(rows)
    p_bar = sum(item_agreement(row) for row in rows) / items
    shares = [sum(row[j] for row in rows) / (items * n) for j in range(len(rows[0]))]
    p_e = sum(p * p for p in shares)
    if p_e >= 1.0:
        return None
    return (p_bar - p_e) / (1 - p_e)


# -- reading the class's work ---------------------------------------------------------------------
@dataclass
class Entry:
    """One student's saved answer to one exercise."""

    student: str
    article: str
    exercise: str
    answer: Any
    correct: bool | None
    tries: int | None
    right_at: int | None
    revealed_after: int | None
    saved_at: str


@dataclass
class Collection:
    """What ``collect`` read: the entries, the students who had work, and the problems by name."""

    entries: list[Entry] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _is_save_file(path: Path) -> bool:
    """A save file is ``<article id>.json``: ids have no dots, so exports such as
    ``<id>.argument.aif.json`` and leftovers (``.<id>.json.<random>.tmp``) are not."""
    return path.is_file() and path.suffix == ".json" and "." not in path.stem and not path.name.startswith(".")


def read_save_file(path: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    """(article id, answers) of a save file; ``ValueError`` saying why when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"it is not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"it is not a {FORMAT} save file")
    article = data.get("article")
    answers = data.get("answers", {})
    if not isinstance(article, str) or not article:
        raise ValueError("it names no article")
    if not isinstance(answers, dict) or not all(isinstance(v, dict) for v in answers.values()):
        raise ValueError("its 'answers' is not a mapping of answers")
    return article, answers


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _entries(student: str, article: str, answers: dict[str, dict[str, Any]]) -> list[Entry]:
    out = []
    for exercise_id in sorted(answers):
        raw = answers[exercise_id]
        correct = raw.get("correct")
        out.append(Entry(student, article, str(exercise_id), raw.get("answer"),
                         correct if isinstance(correct, bool) else None, _int_or_none(raw.get("tries")),
                         _int_or_none(raw.get("right_at")), _int_or_none(raw.get("revealed_after")),
                         str(raw.get("saved") or "")))
    return out


def _read_student(collection: Collection, student: str, files: list[Path], article: str | None) -> None:
    """Add one student's save files; a file that cannot be read is reported and skipped."""
    found = False
    for path in files:
        try:
            article_id, answers = read_save_file(path)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            collection.problems.append(f"{student}: {path} could not be read ({reason}); skipped")
            continue
        if article and article_id != article:
            continue
        found = True
        collection.entries.extend(_entries(student, article_id, answers))
    if found:
        collection.students.append(student)
    elif not any(p.startswith(f"{student}: ") for p in collection.problems):
        what = f"on {article}" if article else ""
        collection.problems.append(f"{student}: no saved work {what}".rstrip() + "; skipped")


def _save_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if _is_save_file(p))


def collect_folder(folder: Path, article: str | None = None) -> Collection:
    """The work in a folder of submissions: ``<student>/`` (its save files, or those of its
    ``close-reading-work/``) or ``<student>.json``, one entry per student."""
    collection = Collection()
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            inner = entry / WORK_FOLDER
            files = _save_files(inner if inner.is_dir() and not _save_files(entry) else entry)
            _read_student(collection, entry.name, files, article)
        elif entry.suffix == ".json":
            _read_student(collection, entry.stem, [entry], article)
    return collection


def read_roster(path: Path) -> dict[str, str]:
    """``{username: role}`` of a hub roster (``username,role`` lines, ``deploy/hub/roster.csv``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CourseInputError(path, f"the roster cannot be read ({exc.strerror or exc})",
                               "give the hub's roster.csv (username,role lines)") from None
    people: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in next(csv.reader([line]))]
        if [x.lower() for x in cells] == ["username", "role"]:
            continue
        if len(cells) != 2 or not _USERNAME.match(cells[0]) or cells[1] not in ROLES:
            raise CourseInputError(path, f"expected 'username,role' (role {' or '.join(ROLES)}), got {line.strip()!r}",
                                   "fix the line as in deploy/hub/roster.csv", line=number)
        people[cells[0]] = cells[1]
    return people


def _home_folders(home_root: Path) -> dict[str, Path]:
    """``{user: home}`` for the folders of ``home_root`` (named for their users), and for the
    system's users whose home is in ``home_root`` under another name."""
    homes = {p.name: p for p in sorted(home_root.iterdir()) if p.is_dir()} if home_root.is_dir() else {}
    try:
        import pwd

        for entry in pwd.getpwall():
            if entry.pw_name not in homes and Path(entry.pw_dir).parent == home_root:
                homes[entry.pw_name] = Path(entry.pw_dir)
    except ImportError:  # not a POSIX system: the folder names are the users
        pass
    return homes


def _home_of(user: str, homes: dict[str, Path]) -> Path | None:
    """A roster user's home: in the home folders, else where the system says it is."""
    if user in homes:
        return homes[user]
    try:
        import pwd

        return Path(pwd.getpwnam(user).pw_dir)
    except (ImportError, KeyError):
        return None


def _work_folder_of(user: str, home: Path | None, work_folder: str) -> Path | None:
    if "{user}" in work_folder:
        return Path(work_folder.replace("{user}", user))
    if Path(work_folder).is_absolute():
        raise CourseInputError(None, f"--work-folder {work_folder} is absolute but has no {{user}}",
                               "give a folder relative to each home (close-reading-work) or one with {user}")
    return home / work_folder if home is not None else None


def collect_hub(home_root: Path, work_folder: str = WORK_FOLDER, roster: dict[str, str] | None = None,
                article: str | None = None) -> Collection:
    """The work in the hub's work folders: every home folder of ``home_root`` that has one, or
    with ``roster`` every student on it (a student with no work folder is reported)."""
    homes = _home_folders(home_root)
    collection = Collection()
    if roster is None:
        users = [u for u in sorted(homes)
                 if (f := _work_folder_of(u, homes[u], work_folder)) is not None and f.is_dir()]
    else:
        users = sorted(name for name, role in roster.items() if role == "student")
    for user in users:
        folder = _work_folder_of(user, _home_of(user, homes) if roster is not None else homes.get(user), work_folder)
        if folder is None or not folder.is_dir():
            collection.problems.append(f"{user}: no work folder{f' ({folder})' if folder else ''}; skipped")
            continue
        try:
            files = _save_files(folder)
        except OSError as exc:
            collection.problems.append(f"{user}: {folder} cannot be read ({exc.strerror}); skipped")
            continue
        _read_student(collection, user, files, article)
    return collection


# -- pseudonyms -----------------------------------------------------------------------------------
def pseudonyms(students: Iterable[str]) -> dict[str, str]:
    """``{name: "student k"}``, k counting from 1 in the sorted order of the names."""
    return {name: f"student {k}" for k, name in enumerate(sorted(set(students)), 1)}


def _renamed(collection: Collection, names: bool) -> list[Entry]:
    if names:
        return list(collection.entries)
    alias = pseudonyms(collection.students)
    return [Entry(**{**e.__dict__, "student": alias[e.student]}) for e in collection.entries]


# -- the table ------------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def table_rows(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    return [{name: getattr(e, name) for name in COLUMNS} for e in entries]


def table_csv(entries: Sequence[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in table_rows(entries):
        writer.writerow([_cell(row[name]) for name in COLUMNS])
    return out.getvalue()


# -- the class view -------------------------------------------------------------------------------
def _is_labels(answers: list[Any]) -> bool:
    dicts = [a for a in answers if a is not None]
    return bool(dicts) and all(isinstance(a, dict) and a and all(_ITEM_ID.match(str(k)) for k in a)
                               and all(isinstance(v, str) or v is None for v in a.values()) for a in dicts)


def _is_critique(answers: list[Any]) -> bool:
    given = [a for a in answers if a is not None]
    return bool(given) and all(isinstance(a, dict) and isinstance(a.get("text"), str) for a in given)


def _item_key(item_id: str) -> tuple[int, int]:
    m = _ITEM_ID.match(item_id)
    return int(m.group(1) or m.group(3)), int(m.group(2) or 0)


def label_summary(answers: dict[str, dict[str, str]]) -> dict[str, Any]:
    """How the class labelled each sentence (``answers``: student -> {sentence id: label}):
    ``sentences`` (id, counts per label, raters, agreement P_i), ``labels``, and ``kappa`` over the
    sentences every one of these students labelled (``kappa_sentences`` of them, ``None`` when
    undefined or fewer than two students)."""
    given = {s: {k: v for k, v in a.items() if v} for s, a in answers.items()}
    labels = sorted({v for a in given.values() for v in a.values()})
    ids = sorted({k for a in given.values() for k in a}, key=_item_key)
    sentences = []
    for sid in ids:
        counts = {label: sum(1 for a in given.values() if a.get(sid) == label) for label in labels}
        sentences.append({"sentence": sid, "counts": counts, "raters": sum(counts.values()),
                          "agreement": item_agreement(list(counts.values()))})
    raters = len(given)
    complete = [s for s in sentences if s["raters"] == raters]
    kappa = fleiss_kappa([list(s["counts"].values()) for s in complete]) if raters >= 2 and complete else None
    return {"labels": labels, "sentences": sentences, "students": raters, "kappa": kappa,
            "kappa_sentences": len(complete) if raters >= 2 else 0}


def critique_summary(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Word counts per student and the mean of the students' own scores per standard."""
    words = {s: prose_words(a.get("text")) for s, a in answers.items()}
    scores: dict[str, list[float]] = {}
    for a in answers.values():
        for name, value in (a.get("scores") or {}).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                scores.setdefault(str(name), []).append(float(value))
    return {"words": words, "mean_scores": {k: sum(v) / len(v) for k, v in sorted(scores.items())},
            "scored_by": {k: len(v) for k, v in sorted(scores.items())}}


def _is_trace(answers: list[Any]) -> bool:
    given = [a for a in answers if a is not None]
    return bool(given) and all(isinstance(a, dict) and "citation" in a and "found" in a for a in given)


def trace_summary(answers: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Which citations the class traced (lesson 03's trace record) and what each student found:
    per citation, the students, the sources named (how many named each), how many said "not
    recovered", and the confidences given."""
    rows: dict[str, dict[str, Any]] = {}
    for student, a in sorted(answers.items()):
        cid = str(a.get("citation") or "—")
        row = rows.setdefault(cid, {"citation": cid, "students": [], "found": {}, "not_recovered": 0,
                                    "confidence": {}})
        row["students"].append(student)
        found = " ".join(str(a.get("found") or "").split())
        if not found or "not recovered" in found.casefold():
            row["not_recovered"] += 1
        else:
            row["found"][found] = row["found"].get(found, 0) + 1
        level = " ".join(str(a.get("confidence") or "").split()) or "—"
        row["confidence"][level] = row["confidence"].get(level, 0) + 1
    return [rows[k] for k in sorted(rows)]


def answer_tally(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Each distinct answer with who gave it and how many of them were right, most given first."""
    tally: dict[str, dict[str, Any]] = {}
    for e in entries:
        key = _cell(e.answer)
        row = tally.setdefault(key, {"answer": key, "students": [], "right": 0})
        row["students"].append(e.student)
        row["right"] += e.correct is True
    return sorted(tally.values(), key=lambda r: (-len(r["students"]), r["answer"]))


def exercise_summaries(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """One summary per (article, exercise), in order: counts, and the view its kind calls for."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        groups.setdefault((e.article, e.exercise), []).append(e)
    out = []
    for (article, exercise), group in sorted(groups.items()):
        answered = [e for e in group if e.answer is not None]
        tries = [e.tries for e in group if e.tries is not None]
        summary: dict[str, Any] = {
            "article": article, "exercise": exercise, "answered": len(answered),
            "right": sum(e.correct is True for e in group), "checked": sum(e.correct is not None for e in group),
            "mean_tries": (sum(tries) / len(tries)) if tries else None,
            "revealed": sum(e.revealed_after is not None for e in group)}
        values = [e.answer for e in answered]
        if _is_labels(values):
            summary["kind"] = "labels"
            summary["labels"] = label_summary({e.student: e.answer for e in answered})
        elif _is_critique(values):
            summary["kind"] = "critique"
            summary["critique"] = critique_summary({e.student: e.answer for e in answered})
        elif _is_trace(values):
            summary["kind"] = "trace"
            summary["trace"] = trace_summary({e.student: e.answer for e in answered})
        else:
            summary["kind"] = "answers"
            summary["answers"] = answer_tally(answered)
        out.append(summary)
    return out


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.45;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}section{border-top:2px solid #ddd;margin-top:1.5rem}
.answer{white-space:pre-wrap;max-width:36rem}.note{color:#555}
"""


def class_view(entries: Sequence[Entry], students: int, problems: Sequence[str], title: str) -> str:
    """The seminar's class view: a static page, every value escaped, no script."""
    e = html.escape
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{e(title)}</h1>",
             f"<p>{students} student(s), {len(entries)} saved answer(s).</p>"]
    if problems:
        parts.append(f"<p class=\"note\">{len(problems)} student(s) left out: their work could not be read "
                     "(the instructor's terminal names them).</p>")
    for s in exercise_summaries(entries):
        parts.append(f"<section><h2>{e(s['exercise'])} <small class=\"note\">({e(s['article'])})</small></h2>")
        checked = f", {s['right']} of {s['checked']} checked right" if s["checked"] else ""
        parts.append(f"<p>{s['answered']} answered{checked}; mean tries {_fmt(s['mean_tries'], 1)}; "
                     f"answer shown to {s['revealed']}.</p>")
        if s["kind"] == "labels":
            lab = s["labels"]
            parts.append(f"<p>Fleiss' kappa {_fmt(lab['kappa'])} over {lab['kappa_sentences']} sentence(s) labelled "
                         f"by all {lab['students']} student(s); agreement per sentence is the share of pairs of "
                         "students who gave it the same label.</p>")
            head = "".join(f"<th>{e(x)}</th>" for x in lab["labels"])
            parts.append(f"<table><tr><th>sentence or paragraph</th>{head}<th>agreement</th></tr>")
            for row in lab["sentences"]:
                cells = "".join(f"<td class=\"n\">{row['counts'][x]}</td>" for x in lab["labels"])
                parts.append(f"<tr><td>{e(row['sentence'])}</td>{cells}"
                             f"<td class=\"n\">{_fmt(row['agreement'])}</td></tr>")
            parts.append("</table>")
        elif s["kind"] == "critique":
            crit = s["critique"]
            parts.append("<table><tr><th>student</th><th>words</th></tr>")
            for name, words in sorted(crit["words"].items()):
                parts.append(f"<tr><td>{e(name)}</td><td class=\"n\">{words}</td></tr>")
            parts.append("</table>")
            if crit["mean_scores"]:
                parts.append("<table><tr><th>standard</th><th>mean self-score</th><th>scored by</th></tr>")
                for name, mean in crit["mean_scores"].items():
                    parts.append(f"<tr><td>{e(name)}</td><td class=\"n\">{mean:.1f}</td>"
                                 f"<td class=\"n\">{crit['scored_by'][name]}</td></tr>")
                parts.append("</table>")
        elif s["kind"] == "trace":
            parts.append("<table><tr><th>citation</th><th>traced by</th><th>sources found (how many named each)</th>"
                         "<th>not recovered</th><th>confidence given</th></tr>")
            for row in s["trace"]:
                found = "; ".join(f"{name} ({n})" for name, n in sorted(row["found"].items())) or "—"
                levels = "; ".join(f"{name} ({n})" for name, n in sorted(row["confidence"].items()))
                parts.append(f"<tr><td>{e(row['citation'])}</td><td>{len(row['students'])}: "
                             f"{e(', '.join(row['students']))}</td><td class=\"answer\">{e(found)}</td>"
                             f"<td class=\"n\">{row['not_recovered']}</td><td>{e(levels)}</td></tr>")
            parts.append("</table>")
        else:
            parts.append("<table><tr><th>answer</th><th>given by</th><th>right</th></tr>")
            for row in s["answers"]:
                who = ", ".join(row["students"])
                parts.append(f"<tr><td class=\"answer\">{e(row['answer'])}</td>"
                             f"<td>{len(row['students'])}: {e(who)}</td>"
                             f"<td class=\"n\">{row['right']}</td></tr>")
            parts.append("</table>")
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


# -- the command ----------------------------------------------------------------------------------
def configure_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("folder", nargs="?", metavar="FOLDER",
                        help="a folder of submitted work: one subfolder (or <student>.json) per student")
    parser.add_argument("--hub", action="store_true",
                        help="read the hub's home folders instead (run as root): <home>/close-reading-work of "
                             "each user")
    parser.add_argument("--roster", metavar="CSV", help="with --hub: only the students of this roster (the hub's "
                                                        "roster.csv); those without saved work are reported")
    parser.add_argument("--home-root", metavar="DIR", default="/home", help="with --hub: where the home folders are "
                                                                           "(default: /home)")
    parser.add_argument("--work-folder", metavar="PATH", default=WORK_FOLDER,
                        help="with --hub: the work folder, relative to each home (default: close-reading-work) or "
                             "absolute with {user}, e.g. /srv/work/{user}")
    parser.add_argument("--article", metavar="ID", help="only the work on this article (default: every article)")
    parser.add_argument("--out", metavar="DIR", default="class-view",
                        help="where class.csv, class.json and class.html go (default: ./class-view)")
    parser.add_argument("--names", action="store_true",
                        help="show the students' names (default: student 1 … n, in the sorted order of the names)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    return configure_parser(argparse.ArgumentParser(
        prog="python -m helpers collect",
        description="Collect the class's saved work (a folder of submissions, or the hub's home folders) "
                    "into class.csv, class.json and a class-view page for the seminar."))


def run(args: argparse.Namespace) -> int:
    if args.hub == bool(args.folder):
        raise CourseInputError(None, "give either a FOLDER of submitted work or --hub, not both and not neither",
                               "e.g. python -m helpers collect submissions/ or python -m helpers collect --hub")
    if args.roster and not args.hub:
        raise CourseInputError(args.roster, "--roster goes with --hub", "add --hub, or leave --roster out")
    if args.hub:
        home_root = Path(args.home_root)
        if not home_root.is_dir():
            raise CourseInputError(home_root, "is not a folder", "give the folder of the home folders with --home-root")
        roster = read_roster(Path(args.roster)) if args.roster else None
        collection = collect_hub(home_root, args.work_folder, roster, args.article)
        source = f"the hub's home folders in {home_root}"
    else:
        folder = Path(args.folder)
        if not folder.is_dir():
            raise CourseInputError(folder, "is not a folder of submitted work",
                                   "give a folder with one subfolder (or <student>.json) per student")
        collection = collect_folder(folder, args.article)
        source = str(folder)
    for problem in collection.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not collection.students:
        print(f"warning: no saved work found in {source}", file=sys.stderr)
    entries = _renamed(collection, args.names)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    title = f"Class view{f' — {args.article}' if args.article else ''}"
    data = {"source": source, "students": len(collection.students), "skipped": len(collection.problems),
            "columns": list(COLUMNS), "rows": table_rows(entries), "exercises": exercise_summaries(entries)}
    written = [atomic_write(out / "class.csv", table_csv(entries)),
               atomic_write(out / "class.json", json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"),
               atomic_write(out / "class.html",
                            class_view(entries, len(collection.students), collection.problems, title))]
    for path in written:
        print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        return run(args)
    except CourseInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
