"""Student work: annotations and exercise answers, saved as one JSON file per article.

The file lives in the student's own work folder (``$CLOSE_READING_WORK``, default
``~/close-reading-work``), never inside the course's ``data/``. Every change re-reads the file
under a lock on the folder (so two open notebooks do not overwrite each other) and is written
at once and atomically (temporary file in the same folder, flush + fsync, ``os.replace``), so
a crash mid-save leaves the previous file intact. A save file that cannot be read is moved
aside (``<name>.corrupt-<timestamp>``), never overwritten. Annotations export as W3C Web
Annotation JSON-LD.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
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


def article_urn(article_id: str) -> str:
    """The stable identifier of an article used as the annotation target's ``source``."""
    return f"urn:close-reading:{article_id}"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


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
    def _load(self) -> None:
        self.annotations, self.answers = [], {}
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            if data.get("article") != self.article_id:
                raise ValueError(f"it belongs to article {data.get('article')!r}")
            self.annotations = [Annotation(**a) for a in data.get("annotations", [])]
            answers = data.get("answers", {})
            if not isinstance(answers, dict):
                raise ValueError("'answers' is not a mapping")
            self.answers = answers
        except (ValueError, TypeError, UnicodeDecodeError) as exc:
            self.annotations, self.answers = [], {}
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

    def save(self) -> Path:
        """Write the whole workspace atomically; the previous file survives any failure."""
        return atomic_write(self.path, json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True))

    # -- changes -------------------------------------------------------------------------
    def annotate(self, article, start: int, end: int, note: str = "", tags: list[str] | tuple[str, ...] = ()) -> Annotation:
        """Highlight ``article.text[start:end]`` (with an optional note and tags) and save."""
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
        self._update(lambda: self.annotations.append(anno))
        return anno

    def remove_annotation(self, annotation_id: str) -> None:
        def change():
            before = len(self.annotations)
            self.annotations = [a for a in self.annotations if a.id != annotation_id]
            if len(self.annotations) == before:
                raise KeyError(annotation_id)

        self._update(change)

    def save_answer(self, exercise_id: str, answer: Any, correct: bool | None = None) -> None:
        """Record the answer to an exercise (JSON-ready value) and save."""
        json.dumps(answer)  # fail early on values that cannot be saved
        entry = {"answer": answer, "correct": correct, "saved": _now()}
        self._update(lambda: self.answers.__setitem__(exercise_id, entry))

    def _update(self, change) -> None:
        """Re-read the file under a lock, apply ``change``, save: two notebooks open on the same
        article (e.g. lessons 01 and 02) never overwrite each other's work."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with _folder_lock(self.folder):
            self._load()
            change()
            self.save()

    def answer(self, exercise_id: str, default: Any = None) -> Any:
        """The saved answer to an exercise, or ``default``."""
        entry = self.answers.get(exercise_id)
        return default if entry is None else entry.get("answer", default)

    def stale_annotations(self, article) -> list[Annotation]:
        """Annotations whose exact text is no longer at their offsets in ``article.text``."""
        return [a for a in self.annotations if article.text[a.start:a.end] != a.exact]

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
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(self.to_web_annotations(), ensure_ascii=False, indent=1), encoding="utf-8")
        return target

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
        return "\n".join(lines + self.messages)

    def __repr__(self) -> str:
        return self.summary()


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
