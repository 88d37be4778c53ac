"""Exercises and buttons that write files to the student's work folder (never inside ``data/``).

* :class:`YamlFileExercise` — edit a YAML file kept as ``<article id>.<filename>``, checked by a
  review function; saved whenever the student checks it, so no work is lost
* :func:`overrides_exercise` / :class:`OverridesExercise` — correct the actor table through an
  overrides file, re-running the actor analysis with it (:func:`merged_overrides`)
* :func:`argument_map_exercise` / :class:`ArgumentMapExercise` — amend the argument map of one
  paragraph, checked by ``helpers.analysis.arguments.validate_argument_map``; the untouched
  template and its placeholders are not an answer; :meth:`ArgumentMapExercise.current_map` is the
  map the student saved (when valid), which the next cells draw and export
* :class:`ExportButton` — write exports (e.g. Argdown and AIF) on a click; :func:`json_text`
* :func:`export_annotations` — write the W3C Web Annotation export of your notes

Running a notebook writes nothing: files are written only when the student presses a button.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from helpers.analysis.actors import extract_actors, load_overrides
from helpers.analysis.arguments import argument_map_from_dict, validate_argument_map
from helpers.core.errors import CourseInputError
from helpers.core.fileio import atomic_write
from helpers.model.packs import load_pack
from helpers.present.display import show_markdown
from helpers.present.exercises.base import Exercise, Feedback, not_saved, write_markdown
from helpers.present.views.actors import actor_changes


def parse_yaml_text(text: str, where: str) -> tuple[Any, str | None]:
    """``(data, None)`` for valid YAML, else ``(None, message naming the line and what to do)``."""
    try:
        return yaml.safe_load(text), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, (f"{where}{line}: this is not valid YAML ({problem}). Check the indentation (spaces, "
                      "not tabs) and that every 'key:' is followed by a space.")


class YamlFileExercise(Exercise):
    """Edit a YAML file kept in the student's work folder (``<article id>.<filename>``).

    ``review(data, text)`` returns the :class:`Feedback` for parsed data. The file is saved
    (atomically) whenever the student checks it, valid or not, so no work is lost; running the
    notebook only reads it (:meth:`load`).
    """

    kind = "yaml"

    def __init__(self, exercise_id: str, title: str, question: str, filename: str, template: str,
                 review, article=None, key: dict[str, Any] | None = None):
        super().__init__(exercise_id, title, question, key, article)
        self.filename = filename
        self.template = template
        self.review = review

    @property
    def has_key(self) -> bool:
        return True  # checked by ``review``; ``_key`` only holds the model answer for show_solution

    def path(self, workspace):
        return workspace.folder / f"{workspace.article_id}.{self.filename}"

    def saved_text(self, workspace) -> str | None:
        if workspace is None:
            return None
        p = self.path(workspace)
        return p.read_text(encoding="utf-8") if p.is_file() else None

    def load(self, workspace) -> Any:
        """The saved file's data if it exists and is valid, else ``None``."""
        text = self.saved_text(workspace)
        if text is None:
            return None
        data, problem = parse_yaml_text(text, self.filename)
        return None if problem else data

    def check(self, text: str | None) -> Feedback:
        if not text or not str(text).strip():
            return Feedback(False, "The file is empty: start from the template.")
        data, problem = parse_yaml_text(str(text), self.filename)
        if problem:
            return Feedback(False, problem)
        return self.review(data, str(text))

    def save(self, workspace, text: str, feedback: Feedback):
        """Write the file to the work folder and record it (with the exercise's progress) as the answer."""
        path = self.path(workspace)
        atomic_write(path, str(text))
        workspace.save_answer(self.id, {"file": path.name}, feedback.correct, tries=self.tries or None,
                              right_at=self.right_at, revealed_after=self.revealed_after)
        return path

    def _save(self, workspace, answer, feedback: Feedback) -> str | None:
        """Each try writes the file (valid or not, so no work is lost); the "not saved" line if it failed."""
        self._written = None
        if workspace is None:
            return None
        try:
            self._written = self.save(workspace, answer, feedback)
        except OSError as err:
            return not_saved(err, "your text is still in the box")
        self._saved = True
        return None

    def usable(self, text: str | None) -> dict[str, Any] | None:
        """The data the notebook's next run takes from this text: a YAML mapping that
        :meth:`accepts`; else ``None`` (the file is kept, and the course's version is used)."""
        data, problem = parse_yaml_text(str(text or ""), self.filename)
        return data if not problem and isinstance(data, dict) and self.accepts(data, str(text)) else None

    def accepts(self, data: dict[str, Any], text: str) -> bool:
        """Whether the next run uses this parsed mapping (every mapping here)."""
        return True

    def _attempt(self, answer: Any, present: bool) -> Feedback:
        fb = super()._attempt(answer, present)
        if present and getattr(self, "_written", None) is not None and self.output is not None:
            shown = self.output.outputs[0]["data"]["text/markdown"] if self.output.outputs else fb.message
            after = ("Run the notebook again to use it." if self.usable(answer) is not None else
                     "Your text is kept, but the next run does not use it until it passes the check: "
                     "the cells below keep showing the course's version.")
            write_markdown(self.output, f"{shown}\n\nSaved to `{self._written}`. {after}")
        return fb

    def widget(self, workspace=None):
        import ipywidgets as w

        box = w.Textarea(value=self.saved_text(workspace) or self.template, description=f"{self.filename}:",
                         style={"description_width": "initial"}, layout=w.Layout(width="100%", height="16em"))
        self.control = box
        return self._assemble(workspace, [box], lambda: box.value)


# -- correcting the actor table ------------------------------------------------------------------

def merged_overrides(pack_overrides: Any, mine: Any) -> dict[str, Any]:
    """The pack's actor overrides (a path, dict or None) with a student's added after them."""
    base = load_overrides(pack_overrides)
    extra = load_overrides(mine) if mine else {"actors": [], "ignore": []}
    return {"actors": base["actors"] + extra["actors"], "ignore": base["ignore"] + extra["ignore"]}


class OverridesExercise(YamlFileExercise):
    """:class:`YamlFileExercise` for actor overrides; :meth:`apply` re-runs the actor analysis with them."""

    def accepts(self, data: dict[str, Any], text: str) -> bool:
        """Whether :meth:`apply` can use this mapping: the overrides loader takes it."""
        try:
            load_overrides(data)
        except Exception:  # the loader's own message is the check's feedback
            return False
        return True

    def apply(self, workspace):
        """The actor analysis with the pack's overrides and your saved ones (the machine's when you have none)."""
        mine = self.load(workspace)
        if not isinstance(mine, dict):
            return self.base
        try:
            return extract_actors(self.article, overrides=merged_overrides(self.pack_overrides, mine))
        except Exception:  # a saved file that no longer validates: keep the machine's table
            return self.base


_OVERRIDES_PLACEHOLDER = "Full name of the actor"
_OVERRIDES_TEMPLATE = ("# Your corrections to the actor table (kept in your work folder, never in data/).\n"
                       "# Add an actor the machine missed, with the words that refer to it in the text,\n"
                       "# or list strings that are not actors under 'ignore'.\n"
                       "actors:\n"
                       f"  - name: {_OVERRIDES_PLACEHOLDER}\n"
                       "    type: person        # state, person, organization, media or group\n"
                       "    aliases: [words in the text that refer to it]\n"
                       "ignore: []\n")


def _overrides_review(article, base, pack_overrides):
    """The review of an overrides file: valid, no placeholder, every alias found, and a change."""

    def review(data, text):
        if not isinstance(data, dict):
            return Feedback(False, "Write a mapping with 'actors:' and 'ignore:' (see the template).")
        try:
            merged = merged_overrides(pack_overrides, data)
        except CourseInputError as exc:
            return Feedback(False, f"{exc.problem}. {exc.hint or ''}".strip())
        if [a["name"] for a in merged["actors"] if a["name"] == _OVERRIDES_PLACEHOLDER]:
            return Feedback(False, "Replace the template's 'Full name of the actor' with a real actor.")
        after = extract_actors(article, overrides=merged)
        lines = actor_changes(base, after)
        unmatched = [a["name"] for a in (data.get("actors") or []) if isinstance(a, dict)
                     and not any(x.name == a.get("name") and x.mentions for x in after.actors)]
        if unmatched:
            return Feedback(False, f"No words of the text matched {', '.join(map(str, unmatched))}: check that each alias "
                                   "is written exactly as in the article (case, apostrophes).")
        if not lines:
            return Feedback(False, "The file is valid, but the actor table is unchanged: add an actor the machine "
                                   "missed or a string to ignore.")
        return Feedback(True, "Your corrections change the actor table:\n\n" + "\n".join(f"- {x}" for x in lines))

    return review


def overrides_exercise(article, base, key: dict[str, Any] | None = None, title: str = "Exercise",
                       exercise_id: str = "04_correct_actors") -> OverridesExercise:
    """Correct the actor table through an overrides file in the work folder.

    ``base`` is the machine's :class:`~helpers.analysis.actors.ActorAnalysis`; the review re-runs
    ``extract_actors`` with the pack's and the student's overrides and reports the change.
    """
    pack_overrides = load_pack(article).overrides_path()
    exercise = OverridesExercise(exercise_id, title,
                                 "Correct the machine's actor table: add an actor it missed (for example a person the "
                                 "text refers to only by a relation or a role), or tell it to ignore a string that is "
                                 "not an actor. Check and save, then run the notebook again and watch the table and the "
                                 "map change.", "actors.yaml", _OVERRIDES_TEMPLATE,
                                 _overrides_review(article, base, pack_overrides), article, key)
    exercise.base, exercise.pack_overrides = base, pack_overrides
    return exercise


# -- amending the argument map -------------------------------------------------------------------

#: What the template asks the student to replace: a statement text, a contested statement's note,
#: and the conclusion's voice (whose conclusion it is, is the answer of lesson 05's first exercise).
MAP_PLACEHOLDERS = ("Say in your own words what it claims.", "write why the voice is unclear",
                    "your reading: author, reported or contested")


def _map_template(article, amap, paragraph: int) -> str:
    """The pack map's statements from ``paragraph`` and the relations between them, without the
    pack's notes (some are exercise keys), as YAML; a one-statement skeleton without a map."""
    prefix = f"p{paragraph}."
    if amap is not None:
        chosen = [s for s in amap.statements if any(x.startswith(prefix) for x in s.sentences)]
        ids = {s.id for s in chosen}
        # the pack's notes are its reasons (some are exercise keys): the student writes their own
        data = {"statements": [_template_statement(s) for s in chosen],
                "relations": [{k: v for k, v in r.to_dict().items() if v is not None and k != "note"}
                              for r in amap.relations if r.source in ids and r.target in ids]}
    else:
        chosen, data = [], {}
    if not chosen:
        first = article.paragraph(paragraph).sentences[0].id if article.paragraphs else "p1.s1"
        data = {"statements": [{"id": "S1", "kind": "claim", "voice": "author", "text": MAP_PLACEHOLDERS[0],
                                "sentences": [first]}], "relations": []}
    return (f"# The argument map of paragraph {paragraph}: amend it or build your own.\n"
            "# kind: claim | premise | question | conclusion; voice: author | reported (+ speaker) | contested (+ note)\n"
            "# relations: {from: id, to: id, type: support | attack}\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def _template_statement(statement) -> dict[str, Any]:
    """One statement of the pack's map as the template gives it: without its note (the pack's
    reasons); a contested one with a note to write; the conclusion without its voice and speaker,
    which the student decides (they are the key of lesson 05's first exercise)."""
    out = {k: v for k, v in statement.to_dict().items() if v not in (None, []) and k != "note"}
    if statement.kind == "conclusion":
        out.pop("speaker", None)
        out["voice"] = MAP_PLACEHOLDERS[2]
    elif statement.voice == "contested":
        out["note"] = MAP_PLACEHOLDERS[1]
    return out


def _placeholders_left(data) -> list[str]:
    """The statements whose text, note or voice is still a template placeholder."""
    return [str(s.get("id")) for s in data.get("statements") or [] if isinstance(s, dict)
            and any(" ".join(str(s.get(k) or "").split()) in MAP_PLACEHOLDERS for k in ("text", "note", "voice"))]


def _map_review(article, amap, filename: str, scheme_ids, template: str):
    """The review of an amended map: the validator's problems, the template left as it is, else
    what differs from the pack's map."""
    pack_ids = set(amap.ids) if amap is not None else set()
    pack_pairs = {(r.source, r.target, r.type) for r in amap.relations} if amap is not None else set()
    untouched = yaml.safe_load(template)

    def review(data, text):
        if data == untouched:
            return Feedback(False, "This is the template as it was given: nothing is amended yet.",
                            hints=["Change one thing you read differently: split a statement that bundles two claims, "
                                   "add a premise the map leaves out, change a voice, or add a support or an attack.",
                                   "Each change needs its sentence ids; a new statement needs an id, kind, voice, text "
                                   "and sentences, and a relation needs from, to and type."])
        left = _placeholders_left(data) if isinstance(data, dict) else []
        if left:
            return Feedback(False, f"Statement(s) {', '.join(left)} still hold the template's placeholder text.",
                            hints=["Replace the placeholder with your own words: what the statement claims, why "
                                   "its voice is unclear (the cue, or the missing cue, in its sentence), or whose "
                                   "voice the conclusion is in (author, reported with a speaker, or contested with "
                                   "a note)."])
        problems = validate_argument_map(data, article, path=filename, text=text, scheme_ids=scheme_ids)
        if problems:
            return Feedback(False, f"{len(problems)} problem(s) to fix:\n\n" + "\n".join(f"- {p}" for p in problems),
                            hints=["Fix the first problem listed, check again, and go down the list."])
        statements = data.get("statements") or []
        relations = data.get("relations") or []
        new = [s["id"] for s in statements if s["id"] not in pack_ids]
        changed = [f"{r['from']} → {r['to']} ({r['type']})" for r in relations
                   if (r["from"], r["to"], r["type"]) not in pack_pairs]
        lines = [f"Valid: {len(statements)} statement(s), {len(relations)} relation(s), every sentence id, quote and "
                 "citation checked against the article."]
        if amap is not None:
            lines.append(f"- statements not in the pack's map: {', '.join(new) if new else 'none'}")
            lines.append(f"- relations not in the pack's map: {', '.join(changed) if changed else 'none'}")
            lines.append("Where you differ from the pack, say why in a `note:`: a map is a reading, not a fact.")
        return Feedback(True, "\n".join(lines))

    return review


class ArgumentMapExercise(YamlFileExercise):
    """:class:`YamlFileExercise` for an argument map; :meth:`current_map` is the map to draw and export."""

    def accepts(self, data: dict[str, Any], text: str) -> bool:
        """Whether :meth:`current_map` draws this mapping: a valid, amended map (the check passes)."""
        return self.review(data, text).correct is True

    def current_map(self, workspace):
        """The map the student saved, when it is valid and amended; else the pack's map (``None`` without one)."""
        data = self.usable(self.saved_text(workspace))
        if data is None:
            return self.pack_map
        amended = argument_map_from_dict(data, path=self.path(workspace))
        if amended.title is None:
            amended.title = f"Your map of paragraph {self.paragraph}"
        return amended


def argument_map_exercise(article, amap, paragraph: int, scheme_ids=None, key: dict[str, Any] | None = None,
                          title: str = "Exercise", exercise_id: str = "05_amend_map") -> ArgumentMapExercise:
    """Build or amend the argument map of one paragraph as YAML in the work folder, checked by
    ``helpers.analysis.arguments.validate_argument_map`` (messages name the statement and the problem).

    The template holds the pack map's statements from that paragraph and the relations between
    them (without the pack's notes), or a one-statement skeleton when the pack has no map.
    """
    filename = f"argument-p{paragraph}.yaml"
    template = _map_template(article, amap, paragraph)
    exercise = ArgumentMapExercise(exercise_id, title,
                                   f"Amend the argument map of paragraph {paragraph} (or build your own): add a premise "
                                   "the map leaves out, change a voice you read differently, or add a support or "
                                   "attack. Check and save: the validator names any statement with a problem.",
                                   filename, template, _map_review(article, amap, filename, scheme_ids, template),
                                   article, key)
    exercise.pack_map, exercise.paragraph = amap, paragraph
    return exercise


# -- exports -------------------------------------------------------------------------------------

class ExportButton:
    """A button that writes files to the student's work folder (nothing is written before the click)."""

    def __init__(self, label: str, files: dict[str, Any], workspace):
        self.label = label
        self.files = files            # file name -> callable returning the text
        self.workspace = workspace
        self.output = None

    def export(self) -> list:
        paths = []
        for name, make in self.files.items():
            path = self.workspace.folder / f"{self.workspace.article_id}.{name}"
            atomic_write(path, make())
            paths.append(path)
        return paths

    def show(self) -> None:
        import ipywidgets as w
        from IPython.display import display

        button = w.Button(description=self.label, button_style="primary", layout=w.Layout(width="auto"))
        self.output = w.Output()

        def on_click(_):
            try:
                paths = self.export()
            except OSError as err:
                write_markdown(self.output, f"**Not written:** {err.strerror or err} — nothing was lost; try again.")
                return
            write_markdown(self.output, "Written to your work folder:\n\n" + "\n".join(f"- `{p}`" for p in paths))

        button.on_click(on_click)
        self.button = button
        display(w.VBox([button, self.output]))


def json_text(data: Any) -> str:
    """``data`` as indented JSON text (for files a student exports)."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export_annotations(workspace, path=None):
    """The W3C Web Annotation export of your saved annotations. With ``path`` (from Python) it is
    written there at once; in a notebook (no ``path``) a button writes it to your work folder
    (``<article id>.annotations.jsonld``) when pressed: running the notebook writes nothing."""
    if path is not None:
        return workspace.export(path)
    ExportButton("Export my notes (W3C Web Annotations, JSON-LD)",
                 {"annotations.jsonld": lambda: json_text(workspace.to_web_annotations())}, workspace).show()
    return None


