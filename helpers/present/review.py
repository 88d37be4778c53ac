"""Reviewing a drafted article pack (notebook 00): item by item, accept, correct or delete what
``helpers.analysis.draft`` proposed, then save the reviewed pack.

:class:`PackReview` holds the pack files of one folder in memory; its methods change items
(``accept``, ``correct``, ``delete``), ``problems`` checks a file with the same checker a file
edited by hand gets (``helpers.analysis.draft.check_pack_file``: file, line and item named), and
``save`` writes through ``helpers.model.packwriter``. An accepted or corrected item becomes
``status: checked`` with ``checked_by``/``checked_on`` when a reviewer is given; a file whose items
are all checked becomes ``status: checked`` itself, and the drafting tool will not overwrite it.
``widget()`` is the same in ipywidgets: choose a file and an item, read it as YAML, press a button.
"""

from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path
from typing import Any

import yaml

from helpers.analysis.draft import FILES, ITEM_LISTS, check_pack_file
from helpers.core.errors import CourseInputError
from helpers.core.yamlio import load_yaml_mapping
from helpers.model.packwriter import write_pack_files

#: item lists that are reviewed besides the ones of ``ITEM_LISTS`` (file: list key)
EXTRA_LISTS = {"reading": ("paragraph_roles",), "key/quotes": ("attributions",)}
#: files whose schema allows no top-level ``status`` (the argument map: reviewed by editing the file)
UNSTAMPED = ("argument",)
#: the lesson whose exercises and notes each item list feeds, in the order notebook 00 reviews them
#: (``{stage: ((file, list key), …)}``); a list named nowhere here is reviewed under "Other files"
STAGES = {
    "01 · The source article": (("glossary", "entries"),),
    "02 · Close reading": (("reading", "paragraph_roles"), ("reading", "voice_key")),
    "03 · Citation tracing": (("key/citations", "citations"),),
    "04 · Actor mapping": (("key/actors", "actors"), ("key/quotes", "quotes"), ("key/quotes", "attributions"),
                           ("statements", "statements")),
    "05 · Argument critique": (("schemes", "instances"),),
}
OTHER_STAGE = "Other files"
#: pack files of lesson notes (not drafted; edited with :meth:`PackReview.set_note`, saved as they are)
NOTE_FILES = ("commentary", "hindsight")


class PackReview:
    """The pack files of ``folder`` (those named in ``helpers.analysis.draft.FILES`` that exist)."""

    def __init__(self, article, folder: str | Path, reviewer: str = "",
                 files: dict[str, dict[str, Any]] | None = None):
        self.article, self.folder, self.reviewer = article, Path(folder), reviewer.strip()
        self.files: dict[str, dict[str, Any]] = dict(files or {})
        self.in_memory = files is not None  # a draft not yet written: the first save writes it
        for name in FILES if files is None else ():
            path = self.folder / f"{name}.yaml"
            if path.is_file():
                self.files[name] = load_yaml_mapping(path, what="article pack file")
        if not self.files:
            raise CourseInputError(self.folder, "holds no pack files to review",
                                   "draft one first: python -m helpers pack draft ARTICLE")
        for name in NOTE_FILES:  # the lesson notes a person wrote are read as they are, draft or not
            path = self.folder / f"{name}.yaml"
            if name not in self.files and path.is_file():
                self.files[name] = load_yaml_mapping(path, what="article pack file")
        self.output = None

    @classmethod
    def for_article(cls, article, folder: str | Path, reviewer: str = "") -> "PackReview":
        """The pack files in ``folder``; where it holds none, the article's draft
        (``helpers.analysis.draft.draft_pack``), kept in memory until :meth:`save` writes it."""
        folder = Path(folder)
        if any((folder / f"{name}.yaml").is_file() for name in FILES):
            return cls(article, folder, reviewer)
        from helpers.analysis.draft import draft_pack

        return cls(article, folder, reviewer, files=draft_pack(article))

    def summary(self):
        """A table: each file's items by status (what is left to review)."""
        from helpers.present.display import make_table

        rows = []
        for name in self.files:
            for key in self.lists(name):
                statuses = [i.get("status", "—") if isinstance(i, dict) else "—" for i in self.items(name, key)]
                rows.append({"lesson": self.stage_of(name, key), "file": f"{name}.yaml", "items": key,
                             "draft": statuses.count("draft"),
                             "checked": statuses.count("checked"),
                             "other": len(statuses) - statuses.count("draft") - statuses.count("checked")})
        where = "a draft in memory, not written yet" if self.in_memory else f"in {_shown_path(self.folder)}"
        order = [*STAGES, OTHER_STAGE]
        rows.sort(key=lambda r: order.index(r["lesson"]))
        return make_table(rows, columns=["lesson", "file", "items", "draft", "checked", "other"]), \
            f"The pack under review ({where}): items by status"

    # -- the items -------------------------------------------------------------------------
    def lists(self, name: str) -> list[str]:
        """The item lists of one file, in the order they are reviewed."""
        keys = [ITEM_LISTS[name][0]] if name in ITEM_LISTS else []
        keys += list(EXTRA_LISTS.get(name, ()))
        return [k for k in keys if isinstance(self.files[name].get(k), list)]

    def stage_lists(self, stage: str | None = None) -> list[tuple[str, str]]:
        """The ``(file, list key)`` pairs of one stage of :data:`STAGES` that this pack has (every
        pair when ``stage`` is ``None``; ``OTHER_STAGE``: those no stage names)."""
        present = [(name, key) for name in self.files for key in self.lists(name)]
        if stage is None:
            return present
        if stage == OTHER_STAGE:
            named = {pair for pairs in STAGES.values() for pair in pairs}
            return [pair for pair in present if pair not in named]
        if stage not in STAGES:
            raise CourseInputError(self.folder, f"has no review stage {stage!r}",
                                   "use one of: " + ", ".join([*STAGES, OTHER_STAGE]))
        return [pair for pair in STAGES[stage] if pair in present]

    def stage_of(self, name: str, list_key: str) -> str:
        return next((stage for stage, pairs in STAGES.items() if (name, list_key) in pairs), OTHER_STAGE)

    def items(self, name: str, list_key: str) -> list[dict[str, Any]]:
        return self.files[name][list_key]

    def pending(self) -> int:
        """How many items are still drafts, over every file."""
        return sum(1 for name in self.files for key in self.lists(name) for item in self.items(name, key)
                   if isinstance(item, dict) and item.get("status") == "draft")

    def _stamp(self, item: dict[str, Any]) -> None:
        item["status"] = "checked"
        if self.reviewer:
            item["checked_by"] = self.reviewer
            item["checked_on"] = _dt.date.today()

    def accept(self, name: str, list_key: str, index: int) -> dict[str, Any]:
        item = self.items(name, list_key)[index]
        self._stamp(item)
        return item

    def delete(self, name: str, list_key: str, index: int) -> dict[str, Any]:
        return self.items(name, list_key).pop(index)

    def correct(self, name: str, list_key: str, index: int, text: str) -> list[str]:
        """Replace an item with the mapping in the YAML ``text``; the problems of the file with it
        (none: the correction is kept and the item checked; some: nothing changes)."""
        try:
            new = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" at line {mark.line + 1}" if mark is not None else ""
            return [f"the correction is not valid YAML{at}: {getattr(exc, 'problem', exc)}; "
                    "fix the indentation or quote the text"]
        if not isinstance(new, dict):
            return ["the correction must be a mapping ('field: value' lines), as the item was"]
        items = self.items(name, list_key)
        old = items[index]
        items[index] = new
        problems = self.problems(name)
        if problems:
            items[index] = old
            return problems
        self._stamp(new)
        return []

    def problems(self, name: str) -> list[str]:
        return check_pack_file(name, self.files[name], self.article, path=self.folder / f"{name}.yaml")

    def look_ups(self):
        """A table: every item that asks for something outside the article (``look_up``), with its file."""
        from helpers.present.display import make_table

        rows = []
        for name, data in self.files.items():
            lists = [(key, self.items(name, key)) for key in self.lists(name)]
            lists += [("", [v]) for v in data.values() if isinstance(v, dict) and v.get("look_up")]
            for key, items in lists:
                for item in items:
                    if isinstance(item, dict) and item.get("look_up"):
                        rows.append({"file": f"{name}.yaml", "item": _label(item) or key,
                                     "status": item.get("status", ""), "look up": item["look_up"]})
        return make_table(rows, columns=["file", "item", "status", "look up"]), \
            "What to look up outside the article (record each source you use)"

    # -- lesson notes ----------------------------------------------------------------------
    def note_slots(self, stage: str) -> list[tuple[str, tuple[str, ...]]]:
        """The lesson notes of one stage, as ``(file, keys)``: every note the generic notes
        (``data/generic/notes.yaml``) have for that lesson, then the pack's own others. Lesson
        ``NN``'s ``commentary`` notes belong to stage ``NN``; ``critique`` and ``hindsight`` to 05."""
        from helpers.model.packs import generic_notes

        number = stage.split(" ", 1)[0]
        slots: list[tuple[str, tuple[str, ...]]] = []

        def leaves(file: str, value: Any, keys: tuple[str, ...]) -> None:
            if isinstance(value, dict):
                for k, v in value.items():
                    if k not in ("status", "article_id", "as_of", "events", "source", "exercises", "rubric"):
                        leaves(file, v, keys + (str(k),))
            elif isinstance(value, str) and keys and (file, keys) not in slots:
                slots.append((file, keys))

        for source in (generic_notes(), {n: self.files[n] for n in ("commentary", "critique", "hindsight")
                                         if n in self.files}):
            for file, value in (source or {}).items():
                if file == "commentary":
                    leaves(file, (value or {}).get(f"lesson_{number}"), (f"lesson_{number}",))
                elif file in ("critique", "hindsight") and number == "05":
                    leaves(file, value, ())
        return slots

    def note(self, file: str, keys: tuple[str, ...]) -> tuple[str | None, str | None]:
        """(the pack's text of one note or ``None``, the generic note the lesson shows without it)."""
        from helpers.model.packs import generic_notes, value_at

        def text(value: Any) -> str | None:
            return value if isinstance(value, str) and value.strip() else None

        return text(value_at(self.files.get(file), keys)), text(value_at(generic_notes().get(file), keys))

    def set_note(self, file: str, keys: tuple[str, ...], text: str) -> None:
        """Write one lesson note into the pack in memory (empty ``text``: remove it, so the lesson
        shows the generic note again); :meth:`save` writes it."""
        if file not in NOTE_FILES + ("critique",) or not keys:
            raise CourseInputError(self.folder / f"{file}.yaml", "holds no lesson notes",
                                   "choose a note of commentary.yaml, critique.yaml or hindsight.yaml")
        data = self.files.setdefault(file, {"article_id": self.article.id})
        for key in keys[:-1]:
            data = data.setdefault(key, {})
            if not isinstance(data, dict):
                raise CourseInputError(self.folder / f"{file}.yaml", f"'{key}' is not a mapping of notes",
                                       "write it as indented 'name: text' lines")
        text = (text or "").strip()
        if text:
            data[keys[-1]] = text
        else:
            data.pop(keys[-1], None)

    def notes_widget(self, stage: str):
        """Choose a note of this stage, read the generic one the lesson shows without it, write the pack's."""
        import ipywidgets as w

        from helpers.present.exercises.base import write_markdown

        slots = self.note_slots(stage)
        if not slots:
            return w.HTML(html.escape(f"{stage}: this lesson reads no lesson notes from the pack."))
        which = w.Dropdown(options=[(f"{file}: {'.'.join(keys)}", (file, keys)) for file, keys in slots],
                           description="Note:", style={"description_width": "initial"})
        generic = w.HTML()
        text = w.Textarea(layout=w.Layout(width="100%", height="8em"),
                          placeholder="Your note for this article (empty: the lesson shows the generic note above)")
        button = w.Button(description="Keep note")
        output = w.Output()

        def show(*_):
            mine, fallback = self.note(*which.value)
            generic.value = "<em>Without a note of yours the lesson shows:</em> " + html.escape(fallback or "(nothing)")
            text.value = mine or ""

        def keep(_):
            self.set_note(*which.value, text.value)
            write_markdown(output, f"Kept {'.'.join(which.value[1])} in {which.value[0]}.yaml; press **Save pack** "
                                   "to write it.")

        which.observe(show, names="value")
        button.on_click(keep)
        show()
        self.note_controls = {"note": which, "generic": generic, "text": text, "button": button, "output": output}
        return w.VBox([which, generic, text, button, output])

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> list[Path]:
        """Write every file (problems first: a file with a problem stops the save, naming it)."""
        for name in self.files:
            problems = self.problems(name)
            if problems:
                raise CourseInputError(self.folder / f"{name}.yaml", problems[0].split(": ", 1)[-1],
                                       "correct that item and save again")
        for name, data in self.files.items():
            if name in UNSTAMPED or name in NOTE_FILES:
                continue  # no status: the map says it is a draft in its notes; lesson notes are never drafts
            drafts = any(isinstance(i, dict) and i.get("status") == "draft"
                         for key in self.lists(name) for i in self.items(name, key))
            data["status"] = "draft" if drafts else "checked"
        drafted = {n: d for n, d in self.files.items() if n not in NOTE_FILES}
        written = write_pack_files(self.folder, drafted, force=not self.in_memory)
        notes = {n: d for n, d in self.files.items() if n in NOTE_FILES}  # read from this folder, or new here
        written += write_pack_files(self.folder, notes, force=True) if notes else []
        self.in_memory = False
        return written

    # -- the widget ------------------------------------------------------------------------
    def widget(self, stage: str | None = None):
        """The review widget over every item list, or over those of one lesson ``stage`` (:data:`STAGES`)."""
        import ipywidgets as w

        from helpers.present.exercises.base import write_markdown

        choices = [(f"{name}: {key}", (name, key)) for name, key in self.stage_lists(stage)]
        if not choices and stage is not None:
            return w.HTML(html.escape(f"Nothing to review for {stage}: this pack has no item list that feeds it."))
        if not choices:  # e.g. a pack of exercise keys only: nothing here is a list of items to accept
            files = ", ".join(f"{name}.yaml" for name in self.files) or "none"
            return w.HTML(html.escape(f"No file of {self.folder} holds a list of items to review (files: {files}). "
                                      "Edit those files by hand, or draft the missing ones with "
                                      "'python -m helpers pack draft ARTICLE --out DIR' and copy what you want."))
        which = w.Dropdown(options=choices, description="File:", style={"description_width": "initial"})
        item = w.Dropdown(description="Item:", style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        text = w.Textarea(layout=w.Layout(width="100%", height="14em"))
        buttons = [w.Button(description=d, button_style=s) for d, s in
                   (("Accept", "primary"), ("Save correction", ""), ("Delete", ""), ("Save pack", ""))]
        self.output = w.Output()

        def refresh_items(*_):
            name, key = which.value
            item.options = [(f"{i + 1}. [{x.get('status', '?')}] {_label(x)}", i)
                            for i, x in enumerate(self.items(name, key))]
            show_item()

        def show_item(*_):
            name, key = which.value
            if item.value is None or item.value >= len(self.items(name, key)):
                text.value = ""
                return
            text.value = yaml.safe_dump(self.items(name, key)[item.value], sort_keys=False, allow_unicode=True)

        def act(button):
            name, key = which.value
            index = item.value
            try:
                if button is buttons[3]:
                    written = self.save()
                    write_markdown(self.output, f"Saved {len(written)} files; {self.pending()} items still drafts.")
                    return
                if index is None:
                    write_markdown(self.output, "Choose an item first.")
                    return
                if button is buttons[0]:
                    self.accept(name, key, index)
                    message = f"Accepted item {index + 1}."
                elif button is buttons[1]:
                    problems = self.correct(name, key, index, text.value)
                    message = "Corrected and checked." if not problems else "Not changed:\n\n" + "\n".join(
                        f"- {p}" for p in problems)
                else:
                    self.delete(name, key, index)
                    message = f"Deleted item {index + 1}."
            except CourseInputError as exc:
                message = f"Not saved: {exc}"
            refresh_items()
            write_markdown(self.output, f"{message} {self.pending()} items still drafts.")

        which.observe(refresh_items, names="value")
        item.observe(show_item, names="value")
        for b in buttons:
            b.on_click(act)
        refresh_items()
        self.controls = {"file": which, "item": item, "text": text, "buttons": buttons}
        return w.VBox([which, item, text, w.HBox(buttons), self.output])

    def show(self, stage: str | None = None) -> None:
        """The review widget (of one stage); for a lesson stage, its lesson-notes editor under it."""
        from IPython.display import display

        display(self.widget(stage))
        if stage in STAGES:
            display(self.notes_widget(stage))


def _label(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)[:80]
    first = next((str(item[k]) for k in ("name", "term", "raw", "text", "starts_with", "role", "concept", "source")
                  if item.get(k)), "")
    return " ".join(first.split())[:80]


def _shown_path(folder: Path) -> str:
    """``folder`` relative to the course repository when it is inside it (``data/annotations/<id>``)."""
    from helpers.core.paths import project_root

    try:
        return folder.resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return str(folder)
