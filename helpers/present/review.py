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

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> list[Path]:
        """Write every file (problems first: a file with a problem stops the save, naming it)."""
        for name in self.files:
            problems = self.problems(name)
            if problems:
                raise CourseInputError(self.folder / f"{name}.yaml", problems[0].split(": ", 1)[-1],
                                       "correct that item and save again")
        for name, data in self.files.items():
            if name in UNSTAMPED:
                continue  # its schema has no status: it says it is a draft in its notes, which a person rewrites
            drafts = any(isinstance(i, dict) and i.get("status") == "draft"
                         for key in self.lists(name) for i in self.items(name, key))
            data["status"] = "draft" if drafts else "checked"
        written = write_pack_files(self.folder, self.files, force=not self.in_memory)
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
        from IPython.display import display

        display(self.widget(stage))


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
