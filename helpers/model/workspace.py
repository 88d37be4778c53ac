"""Student work: annotations and exercise answers, saved as one JSON file per article.

The file lives in the student's own work folder (``$CLOSE_READING_WORK``, default
``~/close-reading-work``), never inside the course's ``data/``. Rules:

1. Opening a workspace (and running a notebook) writes nothing: the folder is touched only when
   a change is saved (a button pressed, :meth:`Workspace.annotate`, :meth:`Workspace.save_answer` …).
2. Every change re-reads the file under a lock on the folder (so two open notebooks do not
   overwrite each other) and is written at once and atomically: a temporary file in the same
   folder (``.<name>.<random>.tmp``), flush + fsync, ``os.replace``, fsync of the folder. A crash
   mid-save leaves the previous file intact.
3. A save that fails with ``OSError`` removes its temporary file and raises (the exercise says
   "not saved" and keeps the student's text in its box). A save interrupted (``KeyboardInterrupt``)
   or killed leaves its temporary file.
4. On the next open, a leftover temporary file holding words the save file lacks (an answer saved
   later, an annotation it does not have) is offered back: :meth:`Workspace.recoverable` lists
   them, the summary says "a note you typed at 14:02 was not saved: restore it?", and
   :meth:`Workspace.restore` or :meth:`Workspace.discard` settles it. Nothing is deleted silently:
   the next save removes only a leftover whose words are all saved, or superseded by a later save
   of the same answer; a leftover that cannot be read is kept.
5. A save file that cannot be read is reported on open and moved aside
   (``<name>.corrupt-<timestamp>``) by the next save, never overwritten.
6. Each answer records its progress: ``tries`` (checks with an answer), ``right_at`` (the try
   that was first right) and ``revealed_after`` (how many tries before the answer was shown).
   Files written without them (older versions) load unchanged.

Annotations export as W3C Web Annotation JSON-LD.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.fileio import atomic_write
from helpers.core.paths import data_dir, project_root

FORMAT = "close-reading-work"
VERSION = 1
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix/suffix length in TextQuoteSelector
#: The progress an answer records besides the answer itself (rule 6).
PROGRESS = ("tries", "right_at", "revealed_after")


def article_urn(article_id: str) -> str:
    """The stable identifier of an article used as the annotation target's ``source``."""
    return f"urn:close-reading:{article_id}"


def _now(precise: bool = False) -> str:
    now = _dt.datetime.now(_dt.timezone.utc)
    return (now if precise else now.replace(microsecond=0)).isoformat()


def _saved_at(entry: dict[str, Any] | None) -> _dt.datetime:
    """When an answer entry was saved (the earliest time for an entry without a readable one)."""
    try:
        stamp = _dt.datetime.fromisoformat(str((entry or {}).get("saved", "")))
    except ValueError:
        return _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=_dt.timezone.utc)


def work_dir(path: str | os.PathLike | None = None) -> Path:
    """The student's work folder: ``path``, else ``$CLOSE_READING_WORK``, else ``~/close-reading-work``.

    Refuses (``CourseInputError``) a folder inside the course's ``data/``.
    """
    raw = str(path).strip() if path is not None else ""
    raw = raw or os.environ.get("CLOSE_READING_WORK", "").strip() or "~/close-reading-work"
    folder = Path(raw).expanduser().resolve()
    for data in {data_dir().resolve(), (project_root() / "data").resolve()}:
        if folder == data or data in folder.parents:
            raise CourseInputError(folder, "is inside the course's data folder, where student work must never go",
                                   "choose a folder of your own, e.g. ~/close-reading-work, or set CLOSE_READING_WORK")
    if folder.exists() and not folder.is_dir():
        raise CourseInputError(folder, "is a file, not a folder", "give a folder for your saved work")
    return folder


@dataclass
class Annotation:
    """A highlight (no note) or a note on ``article.text[start:end]``."""

    id: str
    start: int
    end: int
    exact: str
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created: str = ""
    prefix: str = ""
    suffix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_web_annotation(self, article_id: str) -> dict[str, Any]:
        """This annotation as a W3C Web Annotation (JSON-LD, without ``@context``)."""
        body: list[dict[str, Any]] = []
        if self.note:
            body.append({"type": "TextualBody", "value": self.note, "format": "text/plain",
                         "purpose": "commenting"})
        body.extend({"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in self.tags)
        anno: dict[str, Any] = {
            "id": f"urn:uuid:{self.id}",
            "type": "Annotation",
            "motivation": "commenting" if self.note else ("tagging" if self.tags else "highlighting"),
            "created": self.created,
            "target": {
                "source": article_urn(article_id),
                "selector": [
                    {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
                    {"type": "TextPositionSelector", "start": self.start, "end": self.end},
                ],
            },
        }
        if body:
            anno["body"] = body
        return anno


@dataclass
class Leftover:
    """A temporary save file left by a save that was interrupted or killed, holding words the save
    file lacks: answers saved later than (or missing from) the save file, and annotations it does not have."""

    path: Path
    written: _dt.datetime                              # when the interrupted save wrote it (local time)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)

    def what(self) -> str:
        """What the leftover holds, in the student's words ("a note", "your answer to 01_this_author")."""
        parts = []
        if self.annotations:
            parts.append("a note" if len(self.annotations) == 1 else f"{len(self.annotations)} notes")
        if self.answers:
            names = ", ".join(self.answers)
            parts.append(f"your answer to {names}" if len(self.answers) == 1 else f"your answers to {names}")
        return " and ".join(parts)

    def message(self) -> str:
        return (f"{self.what()[:1].upper()}{self.what()[1:]} you typed at {self.written:%H:%M} was not saved: "
                f"restore it? (ws.restore() puts it back in your work, ws.discard() throws it away; "
                f"it is kept in {self.path.name} until you choose)")


class Workspace:
    """The saved work on one article. Changes are saved at once; nothing is written until one is made."""

    def __init__(self, article_id: str, folder: Path):
        self.article_id = article_id
        self.folder = folder
        self.path = folder / f"{article_id}.json"
        self.annotations: list[Annotation] = []
        self.answers: dict[str, dict[str, Any]] = {}
        self.messages: list[str] = []

    # -- loading -------------------------------------------------------------------------
    def _read(self, path: Path) -> tuple[list[Annotation], dict[str, dict[str, Any]]]:
        """(annotations, answers) of a save file; ``ValueError``/``TypeError`` when it is not one of ours."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        if data.get("article") != self.article_id:
            raise ValueError(f"it belongs to article {data.get('article')!r}")
        annotations = [Annotation(**a) for a in data.get("annotations", [])]
        answers = data.get("answers", {})
        if not isinstance(answers, dict) or not all(isinstance(v, dict) for v in answers.values()):
            raise ValueError("'answers' is not a mapping of answers")
        return annotations, answers

    def _load(self, *, move_aside: bool = False) -> None:
        """Read the save file. One that cannot be read is reported, and moved aside when
        ``move_aside`` (a save is about to write the folder), never overwritten."""
        self.annotations, self.answers = [], {}
        if not self.path.exists():
            return
        try:
            self.annotations, self.answers = self._read(self.path)
        except (ValueError, TypeError, UnicodeDecodeError) as exc:
            self.annotations, self.answers = [], {}
            if not move_aside:
                self.messages.append(
                    f"Your saved work in {self.path} could not be read ({type(exc).__name__}: {exc}). "
                    f"It stays where it is until you save: then it is moved aside to {self.path.name}.corrupt-<time> "
                    "(nothing is deleted) and you start with an empty workspace. "
                    "Ask your instructor if you need to recover it.")
                return
            stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            os.replace(self.path, aside)
            self.messages.append(
                f"Your saved work in {self.path} could not be read ({type(exc).__name__}: {exc}). "
                f"It was moved aside to {aside.name} (nothing was deleted); you start with an empty workspace. "
                "Ask your instructor if you need to recover it.")

    # -- saving --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "article": self.article_id,
                "annotations": [a.to_dict() for a in self.annotations], "answers": self.answers}

    def _temp_files(self) -> list[Path]:
        """Temporary files of saves of this workspace still in the folder (oldest first)."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.glob(f".{self.path.name}.*.tmp") if p.is_file()]
        return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))

    def save(self) -> Path:
        """Write the whole workspace atomically (rule 2); the previous file survives any failure.
        An ``OSError`` removes the temporary file and is raised; an interruption leaves it (rule 3)."""
        data = json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.path)
        except Exception:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _fsync_folder(self.folder)
        return self.path

    # -- changes -------------------------------------------------------------------------
    def annotate(self, article, start: int, end: int, note: str = "", tags: list[str] | tuple[str, ...] = (),
                 replace: list[str] | tuple[str, ...] = ()) -> Annotation:
        """Highlight ``article.text[start:end]`` (with an optional note and tags) and save; the
        annotations whose ids are in ``replace`` are removed in the same save (a failed save
        keeps them)."""
        if article.id != self.article_id:
            raise CourseInputError(getattr(article, "path", None), f"this workspace is for article '{self.article_id}'",
                                   "open the workspace of this article with open_workspace(article)")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)):
            raise CourseInputError(getattr(article, "path", None),
                                   f"span {start}–{end} is not inside the article (0–{len(article.text)})",
                                   "give start < end, both character offsets into article.text")
        anno = Annotation(id=str(uuid.uuid4()), start=start, end=end, exact=article.text[start:end],
                          note=str(note), tags=[str(t) for t in tags], created=_now(),
                          prefix=article.text[max(0, start - CONTEXT_CHARS):start],
                          suffix=article.text[end:end + CONTEXT_CHARS])
        gone = set(replace)

        def change():
            self.annotations = [a for a in self.annotations if a.id not in gone] + [anno]

        self._update(change)
        return anno

    def remove_annotation(self, annotation_id: str) -> None:
        def change():
            before = len(self.annotations)
            self.annotations = [a for a in self.annotations if a.id != annotation_id]
            if len(self.annotations) == before:
                raise KeyError(annotation_id)

        self._update(change)

    def save_answer(self, exercise_id: str, answer: Any, correct: bool | None = None, *,
                    tries: int | None = None, right_at: int | None = None,
                    revealed_after: int | None = None) -> None:
        """Record the answer to an exercise (JSON-ready value) and its progress (rule 6), and save.
        Progress not given is kept from the answer saved before."""
        json.dumps(answer)  # fail early on values that cannot be saved
        given = {"tries": tries, "right_at": right_at, "revealed_after": revealed_after}

        def change():
            old = self.answers.get(exercise_id) or {}
            entry = {"answer": answer, "correct": correct, "saved": _now(precise=True)}
            for name in PROGRESS:
                value = given[name] if given[name] is not None else old.get(name)
                if value is not None:
                    entry[name] = int(value)
            self.answers[exercise_id] = entry

        self._update(change)

    def record_reveal(self, exercise_id: str, tries: int) -> None:
        """Record that the answer of an exercise was shown after ``tries`` tries (the first time only), and save."""
        def change():
            entry = self.answers.setdefault(exercise_id, {"answer": None, "correct": None, "saved": _now(precise=True)})
            if entry.get("revealed_after") is None:
                entry["revealed_after"] = int(tries)

        self._update(change)

    def _update(self, change) -> None:
        """Re-read the file under a lock, apply ``change``, save: two notebooks open on the same
        article (e.g. lessons 01 and 02) never overwrite each other's work. Leftovers of earlier
        saves that add nothing to the saved work are removed (rule 4)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with _folder_lock(self.folder):
            self._load(move_aside=True)
            change()
            spent = [p for p in self._temp_files() if self._leftover(p) is None and _readable(self, p)]
            try:
                self.save()
            except Exception:
                self._load()  # what is in memory is what is saved: the failed change is not
                raise
            for p in spent:
                try:
                    p.unlink()
                except OSError:
                    pass

    def answer(self, exercise_id: str, default: Any = None) -> Any:
        """The saved answer to an exercise, or ``default``."""
        entry = self.answers.get(exercise_id)
        return default if entry is None or entry.get("answer") is None else entry.get("answer", default)

    def progress(self, exercise_id: str) -> dict[str, Any]:
        """The saved entry of an exercise without its answer: correct, saved, tries, right_at,
        revealed_after (each present only when recorded; empty when nothing is saved)."""
        entry = self.answers.get(exercise_id) or {}
        return {k: v for k, v in entry.items() if k != "answer"}

    def stale_annotations(self, article) -> list[Annotation]:
        """Annotations whose exact text is no longer at their offsets in ``article.text``."""
        return [a for a in self.annotations if article.text[a.start:a.end] != a.exact]

    # -- recovering an interrupted save (rule 4) ------------------------------------------------
    def _leftover(self, path: Path) -> Leftover | None:
        """The words ``path`` (a temporary save file) holds that the loaded work lacks, or ``None``."""
        try:
            annotations, answers = self._read(path)
        except (OSError, ValueError, TypeError, UnicodeDecodeError):
            return None
        known = {a.id for a in self.annotations}
        new_answers = {k: v for k, v in answers.items()
                       if k not in self.answers or (v != self.answers[k] and _saved_at(v) >= _saved_at(self.answers[k]))}
        new_annotations = [a for a in annotations if a.id not in known]
        if not new_answers and not new_annotations:
            return None
        written = _dt.datetime.fromtimestamp(path.stat().st_mtime)
        return Leftover(path, written, new_answers, new_annotations)

    def recoverable(self) -> list[Leftover]:
        """Leftovers of interrupted or killed saves that hold words your saved work lacks (oldest first)."""
        return [x for x in (self._leftover(p) for p in self._temp_files()) if x is not None]

    def _chosen(self, which) -> list[Leftover]:
        found = self.recoverable()
        if which is None:
            return found
        names = {which.path.name if isinstance(which, Leftover) else Path(str(which)).name}
        chosen = [x for x in found if x.path.name in names]
        if not chosen:
            raise KeyError(f"no unsaved work in {', '.join(names)}: see ws.recoverable()")
        return chosen

    def restore(self, which=None) -> list[Leftover]:
        """Put the words of leftovers (all, or one :class:`Leftover` or file name) back into your
        work and save; the leftover file is removed once its words are saved. Returns what was restored."""
        chosen = self._chosen(which)

        def change():
            known = {a.id for a in self.annotations}
            for left in chosen:
                self.annotations.extend(a for a in left.annotations if a.id not in known)
                known |= {a.id for a in left.annotations}
                for exercise_id, entry in left.answers.items():
                    old = self.answers.get(exercise_id)
                    if old is None or _saved_at(entry) >= _saved_at(old):
                        self.answers[exercise_id] = entry

        if chosen:
            self._update(change)
            _remove(chosen)
        return chosen

    def discard(self, which=None) -> list[Leftover]:
        """Throw away leftovers (all, or one :class:`Leftover` or file name) you do not want back."""
        chosen = self._chosen(which)
        _remove(chosen)
        return chosen

    # -- export --------------------------------------------------------------------------
    def to_web_annotations(self) -> dict[str, Any]:
        """All annotations as a W3C ``AnnotationCollection`` (JSON-LD)."""
        items = [a.to_web_annotation(self.article_id) for a in self.annotations]
        return {"@context": ANNO_CONTEXT, "id": f"{article_urn(self.article_id)}:annotations",
                "type": "AnnotationCollection", "label": f"Annotations on {self.article_id}",
                "total": len(items),
                "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}}

    def export(self, path: str | os.PathLike | None = None) -> Path:
        """Write the W3C export (default: ``<article id>.annotations.jsonld`` beside the save file)."""
        target = Path(path) if path else self.folder / f"{self.article_id}.annotations.jsonld"
        return atomic_write(target, json.dumps(self.to_web_annotations(), ensure_ascii=False, indent=1))

    def annotations_table(self, article=None):
        """Your annotations as a table (with sentence ids when ``article`` is given)."""
        import pandas as pd  # heavy: imported on first use, to keep imports fast

        rows = []
        for a in self.annotations:
            sentence = article.sentence_at(a.start) if article is not None else None
            rows.append({"sentence": sentence.id if sentence else "", "text": a.exact, "note": a.note,
                         "tags": ", ".join(a.tags), "created": a.created})
        return pd.DataFrame(rows, columns=["sentence", "text", "note", "tags", "created"])

    def summary(self) -> str:
        lines = [f"Your work on {self.article_id}: {len(self.annotations)} annotation(s), "
                 f"{len(self.answers)} saved answer(s); saved in your work folder as {self.path.name}."]
        lines += [left.message() for left in self.recoverable()]
        return "\n".join(lines + self.messages)

    def __repr__(self) -> str:
        return self.summary()


def _readable(ws: Workspace, path: Path) -> bool:
    """Whether ``path`` is a save file of ``ws`` that can be read (an unreadable leftover is kept)."""
    try:
        ws._read(path)
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        return False
    return True


def _fsync_folder(folder: Path) -> None:
    """Flush the folder entry of a replaced file to disk (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _folder_lock:
    """An exclusive advisory lock on the work folder (POSIX ``flock``; a no-op where unavailable)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.fd: int | None = None

    def __enter__(self):
        try:
            import fcntl

            self.fd = os.open(self.folder, os.O_RDONLY)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (ImportError, OSError):
            if self.fd is not None:
                os.close(self.fd)
            self.fd = None
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
        return False


def open_workspace(article, folder: str | os.PathLike | None = None) -> Workspace:
    """The workspace of ``article`` (an ``Article`` or an id), reloaded from its save file if any."""
    article_id = article if isinstance(article, str) else article.id
    ws = Workspace(article_id, work_dir(folder))
    ws._load()
    return ws


def _remove(leftovers: list[Leftover]) -> None:
    """Delete the temporary files of ``leftovers`` (one already gone is no error)."""
    for left in leftovers:
        try:
            left.path.unlink()
        except FileNotFoundError:
            pass
