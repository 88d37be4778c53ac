"""Choice exercises: pick one option (often a sentence of the article) and learn why it is, or is
not, the answer.

* :class:`ChoiceExercise` — ``key``: ``{answer: value, why: text, sentence: id, hint: text,
  feedback: {value: text}}``; a key whose answer is not among the options is no key
* :func:`sentence_options` — the sentences of a paragraph as options
* :func:`conclusion_voice_exercise` — whose view is the conclusion? (keyed by the argument map)
"""

from __future__ import annotations

from typing import Any, Sequence

from helpers.core.text import clip
from helpers.model.packs import MISSING_KEY
from helpers.present.exercises.base import Exercise, Feedback, saved_answer


def sentence_options(sentences: Sequence[Any], limit: int = 160) -> list[tuple[str, str]]:
    """(label, sentence id) pairs for sentences of an article, e.g. ``article.paragraph(1).sentences``."""
    return [(f"{s.id}: {clip(s.text, limit)}", s.id) for s in sentences]


class ChoiceExercise(Exercise):
    """Pick one option. ``key``: ``{answer: value, why: text, sentence: id, feedback: {value: text}}``."""

    kind = "choice"

    def __init__(self, exercise_id: str, title: str, question: str, options: Sequence[str | tuple[str, str]],
                 key: dict[str, Any] | None = None, article=None, missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.options = [(o, o) if isinstance(o, str) else (str(o[0]), str(o[1])) for o in options]
        if self._key is not None and str(self._key.get("answer")) not in self.values:
            # a key that does not fit this article's options is no key
            self._key = None
            self.missing_message = f"the answer key does not match this article's options, so {MISSING_KEY}"

    @property
    def values(self) -> list[str]:
        return [v for _, v in self.options]

    def check(self, answer: str | None) -> Feedback:
        if answer is None or str(answer) not in self.values:
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

        saved = saved_answer(workspace, self.id)
        choice = w.RadioButtons(options=self.options, value=saved if saved in self.values else None,
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

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        return [f"Answer: {self._where(str(key['answer']))}. {key.get('why', '')}"]


#: The options of :func:`conclusion_voice_exercise`, by the voices of ``helpers.analysis.arguments``.
CONCLUSION_VOICES = (("the author's own view", "author"), ("someone else's view, reported by the author", "reported"),
                     ("the text does not settle it: both readings can be defended", "contested"))


def conclusion_voice_exercise(article, amap, title: str = "Exercise",
                              exercise_id: str = "05_conclusion_voice") -> ChoiceExercise:
    """Whose view is the conclusion? The key is the voice the pack's argument map gives its
    conclusion (author, reported or contested) with the map's note as the reason."""
    conclusion = next((s for s in (amap.statements if amap is not None else []) if s.kind == "conclusion"), None)
    key = None
    if conclusion is not None:
        note = " ".join((conclusion.note or "").split())
        who = f" ({conclusion.speaker})" if conclusion.speaker else ""
        key = {"answer": conclusion.voice, "sentence": conclusion.sentences[0] if conclusion.sentences else None,
               "why": f"The argument map codes it as voice '{conclusion.voice}'{who}. {note}".strip(),
               "hint": "Look for a reporting cue (says, writes, implies, in their view) in the sentence and in the "
                       "sentences just before and after it. " + note}
    where = f" ({', '.join(conclusion.sentences)})" if conclusion is not None else ""
    return ChoiceExercise(exercise_id, title, f"Read the conclusion{where}. Whose view is it?",
                          list(CONCLUSION_VOICES), key, article)
