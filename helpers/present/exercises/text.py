"""Written exercises: an answer in the student's own words, compared with a model answer or checked
for what a machine can check.

* :class:`FreeTextExercise` — ``key``: ``{model_answer: text, look_for: [points]}``; a check
  shows the ``look_for`` points as a checklist, one more each try; the model answer only on
  "Show the answer"; never scored automatically
* :class:`CritiqueExercise` — a critique scored with a rubric: the widget counts words as the
  student types (:func:`helpers.present.words.prose_words`), the student scores each standard,
  and the check tests length, quotations copied exactly (typed straight marks match the
  article's typographic ones) and sentence ids that exist; with the generic rubric
  (``helpers.model.rubrics.critique_rubric``, ``generic: true``) and with a drafted key it says so
"""

from __future__ import annotations

import re
from typing import Any

from helpers.core.text import plain
from helpers.model.rubrics import critique_standards
from helpers.present.exercises.base import DRAFT_KEY, REVEAL_BUTTON, WITHHELD_KEY, Exercise, Feedback, saved_answer
from helpers.present.words import prose_words

#: A quotation in a critique, after :func:`helpers.core.text.plain` made its marks straight.
_QUOTED = re.compile(r'"([^"]{3,})"')
_SENTENCE_ID = re.compile(r"\bp\d+\.s\d+\b")


class FreeTextExercise(Exercise):
    """A written answer. ``key``: ``{model_answer: text, look_for: [points]}``; not scored automatically.

    A check never shows the model answer: try *n* shows the first *n* points of ``look_for`` as a
    checklist (the hint ladder); "Show the answer" shows the model answer. A ``withheld`` key (the
    student kit left the model answer out) says :data:`~helpers.present.exercises.base.WITHHELD_KEY`
    and still shows the checklist.
    """

    kind = "text"
    generic_hints = ("Does your answer point at the text: a sentence id (p3.s2) or words quoted exactly?",
                     "Read the question again: does your answer do each thing it asks, and say how you know?")
    still_there = "your text is still in the box"

    def check(self, answer: str | None) -> Feedback:
        if not answer or not str(answer).strip():
            return Feedback(False, "Write your answer first.")
        if self._key is None:
            return self._missing()
        points = [" ".join(str(p).split()) for p in self._key.get("look_for") or [] if str(p).strip()]
        hints = ["\n".join(f"- {p}" for p in points[:n]) for n in range(1, len(points) + 1)] or self._ladder()
        if self.withheld or not str(self._key.get("model_answer") or "").strip():
            return Feedback(None, f"Saved. Check your answer against what a good answer does. "
                                  f"The model answer is not in your copy: {WITHHELD_KEY}.", hints)
        return Feedback(None, "Saved. Check your answer against what a good answer does, revise it, and check "
                              f"again; “{REVEAL_BUTTON}” compares it with a model answer.", hints)

    def widget(self, workspace=None):
        return self._text_widget(workspace, placeholder="Write your answer here", label="Your answer:",
                                 height="6em", button="Check and save")


class CritiqueExercise(Exercise):
    """A written critique scored with a rubric (``critique.yaml``: ``rubric`` with ``standards``,
    ``target_words``, ``levels``). The widget counts words as you type; you score yourself on each
    standard; the check tests what a machine can: length, quotations copied exactly from the
    article, sentence ids that exist."""

    kind = "critique"

    def __init__(self, exercise_id: str, title: str, question: str, rubric: dict[str, Any] | None, article=None,
                 key: dict[str, Any] | None = None):
        super().__init__(exercise_id, title, question, key, article)
        self.rubric = rubric or {}
        self.target = int(self.rubric.get("target_words") or 300)
        self.standards = [str(s.get("name")) for s in self.rubric.get("standards") or [] if s.get("name")] \
            or list(critique_standards())
        self.levels = [int(x) for x in sorted((self.rubric.get("levels") or {0: "", 1: "", 2: "", 3: ""}).keys())]

    def intro(self) -> str:
        text = f"**{self.title}.** {self.question}"
        if self.rubric.get("generic"):
            text += (f"\n\n*{self.title}: the rubric is the course's generic one (this article's pack has none of "
                     "its own); the check tests length, exact quotations and sentence ids.*")
        if self.drafted:
            text += f"\n\n*{self.title}: {DRAFT_KEY}.*"
        return text

    def check(self, answer: Any) -> Feedback:
        text = answer.get("text", "") if isinstance(answer, dict) else str(answer or "")
        scores = answer.get("scores", {}) if isinstance(answer, dict) else {}
        words = prose_words(text)
        if not words:
            return Feedback(False, "Write your critique first.")
        problems, good = self._length_check(words)
        if self.article is not None:
            self._text_checks(text, problems, good)
        lines = [f"- {x}" for x in good + problems] + self._self_assessment(scores)
        return Feedback(not problems, "\n".join(lines).strip())

    def _length_check(self, words: int) -> tuple[list[str], list[str]]:
        """(problems, good points) about the length: within 10 % of the target is good."""
        low, high = round(self.target * 0.9), round(self.target * 1.1)
        if words < low:
            return [f"{words} words: too short for a {self.target}-word critique (aim for {low}–{high}); "
                    "use the standards you scored lowest to say more."], []
        if words > high:
            return [f"{words} words: too long (aim for {low}–{high}); cut what is least significant."], []
        return [], [f"{words} words: within {low}–{high}."]

    def _text_checks(self, text: str, problems: list[str], good: list[str]) -> None:
        """Accuracy (quotations copied exactly from the article) and precision (sentence ids that exist)."""
        quotes = _QUOTED.findall(plain(text))  # typed straight marks match the article's typographic ones
        flat = plain(" ".join(self.article.text.split()))
        wrong = [q for q in quotes if " ".join(q.split()) not in flat]
        if wrong:
            problems.append("accuracy: not copied exactly from the article: " + "; ".join(f"“{q}”" for q in wrong))
        elif quotes:
            good.append(f"accuracy: all {len(quotes)} quotation(s) are copied exactly from the article.")
        ids = _SENTENCE_ID.findall(text)
        known = {s.id for s in self.article.sentences}
        bad = [i for i in ids if i not in known]
        if bad:
            problems.append(f"precision: these sentence ids are not in the article: {', '.join(bad)}")
        elif ids:
            good.append(f"precision: you point at {len(set(ids))} sentence(s) by id.")
        elif not quotes:
            problems.append("precision: point at the text: quote it exactly or give sentence ids such as p3.s2.")

    def _self_assessment(self, scores: dict[str, Any] | None) -> list[str]:
        """The student's own scores summed, and the standards to revise first once all are scored."""
        if not self.standards:
            return []
        scored = {k: int(v) for k, v in (scores or {}).items() if k in self.standards and v is not None}
        total = sum(scored.values())
        top = max(self.levels) * len(self.standards)
        lines = [f"\nYour self-assessment: {total} of {top} "
                 f"({len(scored)} of {len(self.standards)} standards scored)."]
        weak = [k for k, v in scored.items() if v == min(scored.values())] if scored else []
        if weak and len(scored) == len(self.standards):
            lines.append(f"Revise first for: {', '.join(weak)}.")
        return lines

    def _counter_text(self, text: str) -> str:
        return f"{prose_words(text)} / {self.target} words"

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id) or {}
        text = saved.get("text", "") if isinstance(saved, dict) else ""
        box = w.Textarea(value=text, placeholder=f"Your critique, about {self.target} words", description="Your critique:",
                         style={"description_width": "initial"}, layout=w.Layout(width="100%", height="18em"))
        counter = w.HTML(self._counter_text(text))
        box.observe(lambda change: setattr(counter, "value", self._counter_text(change["new"])), names="value")
        saved_scores = saved.get("scores", {}) if isinstance(saved, dict) else {}
        self.scores = {}
        for name in self.standards:
            value = saved_scores.get(name) if saved_scores.get(name) in self.levels else None
            self.scores[name] = w.Dropdown(options=[("not scored", None)] + [(str(x), x) for x in self.levels],
                                           value=value, description=f"{name}:", style={"description_width": "8em"},
                                           layout=w.Layout(width="18em"))
        self.control, self.counter = box, counter
        self.still_there = "your text is still in the box"
        return self._assemble(workspace, [box, counter, w.HTML("<b>Score yourself on each standard</b>"),
                                          *self.scores.values()],
                              lambda: {"text": box.value,
                                       "scores": {k: d.value for k, d in self.scores.items() if d.value is not None}},
                              present=lambda answer: bool(answer["text"].strip()))
