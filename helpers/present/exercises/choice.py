"""Choice exercises: pick one option (often a sentence of the article) and learn why it is, or is
not, the answer.

* :class:`ChoiceExercise` — ``key``: ``{answer: value, why: text, sentence: id, hint: text,
  feedback: {value: text}}``, the answer clear or sealed; a key whose answer is not among the
  options is no key. Hint step 1 is ``hint``, step 2 the option's ``feedback``
* :func:`sentence_options` — the sentences of a paragraph as options
* :func:`conclusion_voice_exercise` — whose view is the conclusion? (keyed by the argument map)
"""

from __future__ import annotations

from typing import Any, Sequence

from helpers.core.text import clip
from helpers.model.keys import is_sealed, matches
from helpers.model.packs import MISSING_KEY
from helpers.present.exercises.base import WITHHELD_KEY, Exercise, Feedback, saved_answer
from helpers.present.exercises.selfcheck import choice_bundle


def sentence_options(sentences: Sequence[Any], limit: int = 160) -> list[tuple[str, str]]:
    """(label, sentence id) pairs for sentences of an article, e.g. ``article.paragraph(1).sentences``."""
    return [(f"{s.id}: {clip(s.text, limit)}", s.id) for s in sentences]


class ChoiceExercise(Exercise):
    """Pick one option. ``key``: ``{answer: value, why: text, sentence: id, hint: text, feedback: {value: text}}``.

    The answer may be sealed (``helpers.model.keys.seal(value, exercise_id, "")``). A wrong try
    names the option by its label and gives the hint ladder: step 1 the key's ``hint`` (or
    :attr:`generic_hints`), step 2 the key's ``feedback`` for that option (which may name the
    answer); never the right option or ``why``, which a right answer and "Show the answer" give.
    """

    kind = "choice"
    generic_hints = ("Read the options again, asking what each one does: report someone, claim, or ask.",
                     "Only one option does what the question asks: rule out the others one by one, "
                     "pointing at the words that decide.")
    still_there = "your choice is still selected"

    def __init__(self, exercise_id: str, title: str, question: str, options: Sequence[str | tuple[str, str]],
                 key: dict[str, Any] | None = None, article=None, missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.options = [(o, o) if isinstance(o, str) else (str(o[0]), str(o[1])) for o in options]
        if self._key is not None and not self._key_fits():
            # a key that does not fit this article's options is no key
            self._key = None
            self.missing_message = f"the answer key does not match this article's options, so {MISSING_KEY}"

    def _key_fits(self) -> bool:
        """Whether the key's answer (clear or sealed) is one of the options; a withheld key
        without an answer fits."""
        answer = self._key.get("answer")
        if answer is None:
            return self.withheld
        return any(matches(answer, v, self.id, "") for v in self.values)

    @property
    def values(self) -> list[str]:
        return [v for _, v in self.options]

    def label(self, value: str) -> str:
        """How the student sees an option: a sentence with its text, else the option's label."""
        if self.article is not None:
            where = self._where(value)
            if where != str(value):
                return where
        return next((lab for lab, v in self.options if v == str(value)), str(value))

    def check(self, answer: str | None) -> Feedback:
        if answer is None or str(answer) not in self.values:
            return Feedback(False, "Choose one of the options first.")
        if self._key is None:
            return self._missing()
        answer = str(answer)
        feedback = self._key.get("feedback") or {}
        hints = self._ladder(self._key.get("hint"), feedback.get(answer))
        if self._key.get("answer") is None:
            return self._withheld(hints, saved=True)
        if matches(self._key["answer"], answer, self.id, ""):
            why = str(self._key.get("why") or "").strip()
            sentence = self._key.get("sentence")
            said = f"Yes: {self.label(answer)}."
            if sentence and sentence != answer:
                said += f" The sentence: {self._where(sentence)}."
            return Feedback(True, " ".join(x for x in (said, why) if x))
        return Feedback(False, f"Not this one: {self.label(answer)}.", hints)

    def selfcheck(self) -> dict[str, Any] | None:
        """What a static page needs to check this exercise (``exercises.selfcheck``), or ``None``."""
        return choice_bundle(self)

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id)
        choice = w.RadioButtons(options=self.options, value=saved if saved in self.values else None,
                                description="Your answer:", style={"description_width": "initial"},
                                layout=w.Layout(width="auto"))
        self.control = choice
        return self._assemble(workspace, [choice], lambda: choice.value)

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        answer = key.get("answer")
        why = str(key.get("why") or "").strip()
        if answer is None or is_sealed(answer):
            return [f"Your copy checks the answer without showing it: {WITHHELD_KEY}." + (f" {why}" if why else "")]
        return [f"Answer: {self.label(str(answer))}. {why}".rstrip()]


#: The options of :func:`conclusion_voice_exercise`, by the voices of ``helpers.analysis.arguments``.
CONCLUSION_VOICES = (("the author's own view", "author"), ("someone else's view, reported by the author", "reported"),
                     ("the text does not settle it: both readings can be defended", "contested"))


def conclusion_voice_exercise(article, amap, title: str = "Exercise",
                              exercise_id: str = "05_conclusion_voice") -> ChoiceExercise:
    """Whose view is the conclusion? The key is the voice the pack's argument map gives its
    conclusion (author, reported or contested) with the map's note as the reason; a machine
    draft when the map is one (``helpers.analysis.draft.map_is_draft``). In the student kit the
    voice is sealed (``seal(voice, exercise id, "")``): the check works, the reason is the
    instructor's."""
    from helpers.analysis.draft import map_is_draft

    conclusion = next((s for s in (amap.statements if amap is not None else []) if s.kind == "conclusion"), None)
    key = None
    hint = ("Look for a reporting cue (says, writes, implies, in their view) in the sentence and in the "
            "sentences just before and after it.")
    if conclusion is not None and is_sealed(conclusion.voice):
        key = {"answer": conclusion.voice, "sentence": conclusion.sentences[0] if conclusion.sentences else None,
               "hint": hint}
    elif conclusion is not None:
        note = " ".join((conclusion.note or "").split())
        who = f" ({conclusion.speaker})" if conclusion.speaker else ""
        label = dict((v, lab) for lab, v in CONCLUSION_VOICES).get(conclusion.voice, conclusion.voice)
        # the map's note explains the answer: the stronger step 2, never step 1
        key = {"answer": conclusion.voice, "sentence": conclusion.sentences[0] if conclusion.sentences else None,
               "why": f"The argument map reads it as {label}{who}. {note}".strip(), "hint": hint,
               "feedback": {v: note for _, v in CONCLUSION_VOICES if v != conclusion.voice and note}}
    if key is not None and map_is_draft(amap):
        key["status"] = "draft"
    where = f" ({', '.join(conclusion.sentences)})" if conclusion is not None else ""
    return ChoiceExercise(exercise_id, title, f"Read the conclusion{where}. Whose view is it?",
                          list(CONCLUSION_VOICES), key, article)
