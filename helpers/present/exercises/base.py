"""What every exercise shares: its :class:`Feedback`, the :class:`Exercise` base class, and how a
widget shows feedback and saves an answer through ``helpers.model.workspace``.

The key and the model answer stay in Python: they are never put into any widget's state (no
hidden widgets, descriptions or tooltips), so a page that stores widget state cannot leak them.
Feedback is written into the ``Output`` widget only when the student checks. Without a key, an
exercise says so (``helpers.model.packs.MISSING_KEY``) and still saves the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpers.core.text import clip
from helpers.model.packs import MISSING_KEY
from helpers.present.display import show_markdown


@dataclass
class Feedback:
    correct: bool | None   # None: not scored automatically (free text, or no key)
    message: str           # Markdown; says why, pointing at sentence ids and text

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "message": self.message}


def write_markdown(output, text: str) -> None:
    """Replace what an ``Output`` widget shows with Markdown ``text`` (nothing when there is no widget)."""
    write_output(output, {"text/markdown": text, "text/plain": text})


def write_output(output, data: dict[str, str]) -> None:
    """Replace what an ``Output`` widget shows with one display of the mimebundle ``data``."""
    if output is not None:
        output.outputs = ({"output_type": "display_data", "metadata": {}, "data": data},)


def saved_answer(workspace, exercise_id: str) -> Any:
    """The answer saved in ``workspace`` for an exercise (``None`` without a workspace or an answer)."""
    return workspace.answer(exercise_id) if workspace is not None else None


class Exercise:
    """An exercise with an id (its key in the workspace), a title, a question and a key.

    Subclasses give ``check(answer) -> Feedback`` and ``widget(workspace)``; the widget's button
    checks, saves (:meth:`_save`) and reports (:meth:`_report`).
    """

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
        """A sentence id with its text (when the exercise has the article), for feedback."""
        if not sentence_id:
            return ""
        text = ""
        if self.article is not None:
            try:
                text = self.article.sentence(sentence_id).text
            except KeyError:
                text = ""
        return f"{sentence_id} (“{clip(text, 320)}”)" if text else str(sentence_id)

    def _missing(self) -> Feedback:
        return Feedback(None, f"{self.title}: {self.missing_message}")

    def intro(self) -> str:
        """The Markdown shown above the widget: title, question, and the missing-key notice."""
        text = f"**{self.title}.** {self.question}"
        if not self.has_key:
            text += f"\n\n*{self.title}: {self.missing_message}.*"
        return text

    def _text_widget(self, workspace, *, placeholder: str, label: str, height: str, button: str):
        """A text box (filled with the saved answer), a button that checks and saves, and the feedback."""
        import ipywidgets as w

        saved = saved_answer(workspace, self.id)
        box = w.Textarea(value=saved if isinstance(saved, str) else "", placeholder=placeholder,
                         description=label, style={"description_width": "initial"},
                         layout=w.Layout(width="100%", height=height))
        btn = w.Button(description=button, button_style="primary")
        self.output = w.Output()

        def on_click(_):
            fb = self.check(box.value)
            if box.value.strip():
                self._save(workspace, box.value, fb)
            self._report(fb)

        btn.on_click(on_click)
        self.control, self.button = box, btn
        return w.VBox([box, btn, self.output])

    def _report(self, feedback: Feedback) -> None:
        write_markdown(self.output, feedback.message)

    def _save(self, workspace, answer, feedback: Feedback) -> None:
        if workspace is not None:
            workspace.save_answer(self.id, answer, feedback.correct)

    def show(self, workspace=None) -> None:
        """Display the question (with the missing-key notice if any) and the widget."""
        from IPython.display import display

        show_markdown(self.intro())
        display(self.widget(workspace))

    # -- the solution, for cells tagged ``solution`` ----------------------------------------------
    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        """The key as Markdown lines: the model answer and what a good answer does."""
        return [str(key.get("model_answer", "")).strip()] + [f"- {p}" for p in key.get("look_for") or []]

    def solution(self) -> str:
        """The key and its discussion as Markdown (or the missing-key notice)."""
        key = self._key
        if key is None:
            return f"{self.title}: {self.missing_message}."
        lines = [f"**Solution — {self.title}.**", *self._solution_lines(key)]
        if key.get("discussion"):
            lines += ["", str(key["discussion"]).strip()]
        return "\n".join(lines)

    def show_solution(self) -> None:
        """Display the key and discussion of the exercise (for cells tagged ``solution``)."""
        show_markdown(self.solution())
