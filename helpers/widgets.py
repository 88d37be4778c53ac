"""Presentation: self-check exercises as ipywidgets, saved through ``helpers.workspace``.

Three kinds: :class:`ChoiceExercise` (pick one option, e.g. a sentence), :class:`LabelExercise`
(label each sentence, e.g. by voice) and :class:`FreeTextExercise` (written answer, shown
with the model answer on request). ``check(answer)`` returns a :class:`Feedback` that says why.

The key and the model answer stay in Python: they are never put into any widget's state
(no hidden widgets, descriptions or tooltips), so a page that stores widget state cannot
leak them. Feedback is written into the ``Output`` widget only when the student checks.
Without a key, the exercise says so (``helpers.packs.MISSING_KEY``) and still saves the answer.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Sequence

from .packs import MISSING_KEY


@dataclass
class Feedback:
    correct: bool | None   # None: not scored automatically (free text, or no key)
    message: str           # Markdown; says why, pointing at sentence ids and text

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "message": self.message}


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sentence_options(sentences: Sequence[Any], limit: int = 160) -> list[tuple[str, str]]:
    """(label, sentence id) pairs for sentences of an article, e.g. ``article.paragraph(1).sentences``."""
    return [(f"{s.id}: {_clip(s.text, limit)}", s.id) for s in sentences]


class _Exercise:
    kind = "exercise"

    def __init__(self, exercise_id: str, title: str, question: str, key: dict[str, Any] | None,
                 article=None, missing_message: str = MISSING_KEY):
        self.id = exercise_id
        self.title = title
        self.question = question
        self._key = key or None
        self.article = article
        self.missing_message = missing_message
        self.output = None

    @property
    def has_key(self) -> bool:
        return self._key is not None

    def _where(self, sentence_id: str | None) -> str:
        if not sentence_id:
            return ""
        text = ""
        if self.article is not None:
            try:
                text = self.article.sentence(sentence_id).text
            except KeyError:
                text = ""
        return f"{sentence_id} (“{_clip(text, 320)}”)" if text else str(sentence_id)

    def _missing(self) -> Feedback:
        return Feedback(None, f"{self.title}: {self.missing_message}")

    def intro(self) -> str:
        """The Markdown shown above the widget: title, question, and the missing-key notice."""
        text = f"**{self.title}.** {self.question}"
        if not self.has_key:
            text += f"\n\n*{self.title}: {self.missing_message}.*"
        return text

    def _report(self, feedback: Feedback) -> None:
        if self.output is not None:
            self.output.outputs = ({"output_type": "display_data", "metadata": {},
                                    "data": {"text/markdown": feedback.message, "text/plain": feedback.message}},)

    def _save(self, workspace, answer, feedback: Feedback) -> None:
        if workspace is not None:
            workspace.save_answer(self.id, answer, feedback.correct)

    def show(self, workspace=None) -> None:
        """Display the question (with the missing-key notice if any) and the widget."""
        from IPython.display import display

        intro = self.intro()
        display({"text/markdown": intro, "text/plain": intro}, raw=True)
        display(self.widget(workspace))


class ChoiceExercise(_Exercise):
    """Pick one option. ``key``: ``{answer: value, why: text, sentence: id, feedback: {value: text}}``."""

    kind = "choice"

    def __init__(self, exercise_id: str, title: str, question: str, options: Sequence[str | tuple[str, str]],
                 key: dict[str, Any] | None = None, article=None, missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.options = [(o, o) if isinstance(o, str) else (str(o[0]), str(o[1])) for o in options]
        values = [v for _, v in self.options]
        if self._key is not None and str(self._key.get("answer")) not in values:
            # a key that does not fit this article's options is no key
            self._key = None
            self.missing_message = f"the answer key does not match this article's options, so {MISSING_KEY}"

    def check(self, answer: str | None) -> Feedback:
        if answer is None or str(answer) not in [v for _, v in self.options]:
            return Feedback(False, "Choose one of the options first.")
        if self._key is None:
            return self._missing()
        answer = str(answer)
        right = str(self._key["answer"])
        specific = (self._key.get("feedback") or {}).get(answer)
        if answer == right:
            why = self._key.get("why", "")
            where = self._where(self._key.get("sentence") or (right if self.article is not None else None))
            return Feedback(True, " ".join(x for x in (f"Yes: {where}." if where else "Yes.", why) if x))
        hint = specific or self._key.get("hint") or "Read the options again, asking what each sentence does."
        where = self._where(answer) if self.article is not None else answer
        return Feedback(False, f"Not this one: {where}. {hint}")

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = workspace.answer(self.id) if workspace is not None else None
        choice = w.RadioButtons(options=self.options, value=saved if saved in [v for _, v in self.options] else None,
                                description="Your answer:", style={"description_width": "initial"},
                                layout=w.Layout(width="auto"))
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            fb = self.check(choice.value)
            if choice.value is not None:
                self._save(workspace, choice.value, fb)
            self._report(fb)

        button.on_click(on_click)
        self.control, self.button = choice, button
        return w.VBox([choice, button, self.output])


class LabelExercise(_Exercise):
    """Label each item (e.g. sentence) with one of ``labels``. ``key``: ``{labels: {id: label}, why: {id: text}}``."""

    kind = "labels"

    def __init__(self, exercise_id: str, title: str, question: str, items: Sequence[tuple[str, str]],
                 labels: Sequence[str], key: dict[str, Any] | None = None, article=None,
                 missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.items = [(str(i), str(t)) for i, t in items]
        self.labels = [str(x) for x in labels]
        if self._key is not None:
            expected = self._key.get("labels") or {}
            ids = {i for i, _ in self.items}
            if not expected or set(map(str, expected)) - ids or set(map(str, expected.values())) - set(self.labels):
                self._key = None
                self.missing_message = f"the answer key does not match this article's sentences, so {MISSING_KEY}"

    @classmethod
    def over_sentences(cls, exercise_id: str, title: str, question: str, sentences, labels, key=None, article=None):
        return cls(exercise_id, title, question, [(s.id, s.text) for s in sentences], labels, key, article)

    def check(self, answer: dict[str, str | None]) -> Feedback:
        answer = {str(k): v for k, v in (answer or {}).items() if v}
        if not answer:
            return Feedback(False, "Label at least one sentence first.")
        if self._key is None:
            return self._missing()
        expected = {str(k): str(v) for k, v in self._key["labels"].items()}
        why = {str(k): str(v) for k, v in (self._key.get("why") or {}).items()}
        lines, right = [], 0
        for item_id, _ in self.items:
            if item_id not in expected:
                continue
            given = answer.get(item_id)
            if given == expected[item_id]:
                right += 1
                lines.append(f"- {item_id}: “{given}” — right. {why.get(item_id, '')}".rstrip())
            elif given is None:
                lines.append(f"- {item_id}: not labelled yet.")
            else:
                lines.append(f"- {item_id}: you said “{given}”, but look again: {why.get(item_id, 'who is speaking here?')}")
        total = len(expected)
        return Feedback(right == total, f"{right} of {total} right.\n\n" + "\n".join(lines))

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = (workspace.answer(self.id) if workspace is not None else None) or {}
        rows, self.controls = [], {}
        for item_id, text in self.items:
            value = saved.get(item_id) if saved.get(item_id) in self.labels else None
            dropdown = w.Dropdown(options=self.labels, value=value, description=item_id,
                                  style={"description_width": "initial"}, layout=w.Layout(width="20em"))
            self.controls[item_id] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(_clip(text, 400)))]))
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            answer = {k: d.value for k, d in self.controls.items() if d.value is not None}
            fb = self.check(answer)
            if answer:
                self._save(workspace, answer, fb)
            self._report(fb)

        button.on_click(on_click)
        self.button = button
        return w.VBox(rows + [button, self.output])


class FreeTextExercise(_Exercise):
    """A written answer. ``key``: ``{model_answer: text, look_for: [points]}``; not scored automatically."""

    kind = "text"

    def check(self, answer: str | None) -> Feedback:
        if not answer or not str(answer).strip():
            return Feedback(False, "Write your answer first.")
        if self._key is None:
            return self._missing()
        parts = ["Saved. Compare your answer with this model answer:", "", str(self._key.get("model_answer", "")).strip()]
        points = self._key.get("look_for") or []
        if points:
            parts += ["", "A good answer:"] + [f"- {p}" for p in points]
        return Feedback(None, "\n".join(parts).strip())

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = workspace.answer(self.id) if workspace is not None else None
        box = w.Textarea(value=saved if isinstance(saved, str) else "", placeholder="Write your answer here",
                         description="Your answer:", style={"description_width": "initial"},
                         layout=w.Layout(width="100%", height="6em"))
        button = w.Button(description="Save and compare", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            fb = self.check(box.value)
            if box.value.strip():
                self._save(workspace, box.value, fb)
            self._report(fb)

        button.on_click(on_click)
        self.control, self.button = box, button
        return w.VBox([box, button, self.output])


def show_solution(exercise: _Exercise) -> None:
    """Display the key and discussion of an exercise (for cells tagged ``solution``)."""
    from IPython.display import display

    key = exercise._key
    if key is None:
        text = f"{exercise.title}: {exercise.missing_message}."
    else:
        lines = [f"**Solution — {exercise.title}.**"]
        if isinstance(exercise, ChoiceExercise):
            lines.append(f"Answer: {exercise._where(str(key['answer']))}. {key.get('why', '')}")
        elif isinstance(exercise, LabelExercise):
            why = key.get("why") or {}
            lines += [f"- {k}: {v}. {why.get(k, '')}" for k, v in key["labels"].items()]
        else:
            lines.append(str(key.get("model_answer", "")).strip())
            lines += [f"- {p}" for p in key.get("look_for") or []]
        if key.get("discussion"):
            lines += ["", str(key["discussion"]).strip()]
        text = "\n".join(lines)
    display({"text/markdown": text, "text/plain": text}, raw=True)


#: Labels for "whose voice is this sentence?" exercises.
VOICE_LABELS = ("the author's own voice", "a reported view")


class NoteTaker:
    """Highlight a sentence, or a phrase in it, with a note and tags, saved in the workspace."""

    def __init__(self, article, workspace, sentences=None):
        self.article = article
        self.workspace = workspace
        self.sentences = list(sentences) if sentences is not None else list(article.sentences)
        self.output = None

    def save(self, sentence_id: str, note: str = "", tags: str | Sequence[str] = "", phrase: str = ""):
        """Save an annotation on the sentence (or on the first ``phrase`` in it); returns it."""
        from .errors import CourseInputError

        sentence = self.article.sentence(sentence_id)
        start, end = sentence.start, sentence.end
        phrase = (phrase or "").strip()
        if phrase:
            at = sentence.text.find(phrase)
            if at < 0:
                raise CourseInputError(None, f"“{phrase}” is not in {sentence_id}",
                                       "copy the phrase exactly from the sentence, or leave it empty to note the whole sentence")
            start, end = sentence.start + at, sentence.start + at + len(phrase)
        if isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        return self.workspace.annotate(self.article, start, end, note=note.strip(), tags=list(tags))

    def widget(self):
        import ipywidgets as w

        from .errors import CourseInputError

        style = {"description_width": "initial"}
        which = w.Dropdown(options=sentence_options(self.sentences, 90), value=None, description="Sentence:",
                           style=style, layout=w.Layout(width="100%"))
        phrase = w.Text(description="Phrase (optional):", placeholder="copy words from the sentence",
                        style=style, layout=w.Layout(width="100%"))
        note = w.Textarea(description="Note:", style=style, layout=w.Layout(width="100%", height="4em"))
        tags = w.Text(description="Tags:", placeholder="comma-separated, e.g. frame, evidence", style=style,
                      layout=w.Layout(width="100%"))
        button = w.Button(description="Save note", button_style="primary")
        self.output = w.Output()

        def say(text: str) -> None:
            self.output.outputs = ({"output_type": "display_data", "metadata": {},
                                    "data": {"text/markdown": text, "text/plain": text}},)

        def on_click(_):
            if which.value is None:
                say("Choose a sentence first.")
                return
            try:
                anno = self.save(which.value, note.value, tags.value, phrase.value)
            except CourseInputError as err:
                say(err.problem + ". " + (err.hint or ""))
                return
            note.value, phrase.value = "", ""
            say(f"Saved a note on {which.value}: “{_clip(anno.exact, 120)}”. "
                f"You have {len(self.workspace.annotations)} note(s) on this article.")

        button.on_click(on_click)
        self.controls = {"sentence": which, "phrase": phrase, "note": note, "tags": tags}
        self.button = button
        return w.VBox([which, phrase, note, tags, button, self.output])

    def show(self) -> None:
        from IPython.display import display

        display(self.widget())
