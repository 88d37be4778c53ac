"""What every exercise shares: its :class:`Feedback`, the :class:`Exercise` base class with its hint
ladder and its "Show the answer" button, and how a widget shows feedback and saves an answer
through ``helpers.model.workspace``.

The contract of an exercise kind (a subclass, in this package or another module):

* ``check(answer) -> Feedback(correct, message, hints)``: ``correct`` is ``True`` (right),
  ``False`` (wrong or partly right) or ``None`` (not scored: free text, no key, a withheld key);
  ``message`` says what is right or wrong, in the student's words (option labels, never internal
  values; one line per problem); ``hints`` are the hint ladder, weakest first: step 1 says what to
  look for (the cue, the paragraph, the kind of evidence), step 2 a stronger hint (a key's
  per-option ``feedback`` text that names the answer belongs here, never in step 1). Neither the
  message nor a hint of a wrong answer holds the model answer, the right option or the key's
  ``why``: those are for a right answer and for :meth:`Exercise.solution`.
* ``solution() -> str`` (or ``_solution_lines(key)``): the answer, shown by "Show the answer".
* ``widget(workspace)``: the controls, built with :meth:`Exercise._assemble` (or
  :meth:`Exercise._text_widget` for one text box), which adds the buttons, the saved-state line
  and the feedback ``Output``.

What the base does with it (the ladder, commit before reveal):

1. Each press of the check button with an answer (non-empty) is a try; try *n* shows the message
   plus hint step *n* (later tries repeat the last step). A right answer shows the message alone.
2. "Show the answer", pressed before any try, asks once: "Try first? Press again to see the
   answer"; then (or after a try) it writes :meth:`Exercise.solution` into the ``Output`` and
   records how many tries came first (``revealed_after``).
3. Every try saves the answer with its progress (``tries``, ``right_at``, ``revealed_after``);
   a save that fails says "not saved" in the widget, keeps the answer in its control, and raises
   nothing. After a re-run the widget shows the saved answer and a line such as "Saved: 2 tries,
   answer shown after 2 tries" or "Saved: right at try 1".

Keys: the key and the model answer stay in Python; they are never put into any widget's state (no
hidden widgets, descriptions or tooltips), so a page that stores widget state cannot leak them.
They are written into the ``Output`` widget only when the student checks or reveals. A student's
answer is compared with a key's answer only through ``helpers.model.keys.matches``, so a key
sealed by the student kit gives the verdict a clear key gives. Without a key, an exercise says so
(``helpers.model.packs.MISSING_KEY``); with a key marked ``withheld: true`` (the kit removed what
the check needs) it says :data:`WITHHELD_KEY`; both still save the answer and show any hints.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Callable

from helpers.core.text import clip
from helpers.model.packs import MISSING_KEY
from helpers.present.display import show_markdown

#: What an exercise says when the student's copy of the key lacks what the check needs.
WITHHELD_KEY = "your instructor has the key"
#: What "Show the answer" says when pressed before any try (pressing again shows the answer).
REVEAL_CONFIRM = "Try first? Press again to see the answer."
#: The label of the reveal button.
REVEAL_BUTTON = "Show the answer"
#: What an exercise adds to its intro and its feedback when its key is a machine draft
#: (``status: draft``, from ``python -m helpers pack draft``) no one has checked yet.
DRAFT_KEY = ("this key was drafted by the machine and not yet checked by your instructor: where you "
             "disagree, you may be right — say why")


@dataclass
class Feedback:
    correct: bool | None   # None: not scored automatically (free text, or no key)
    message: str           # Markdown; says why, pointing at sentence ids and text
    hints: list[str] = field(default_factory=list)  # the hint ladder, weakest first

    def hint(self, step: int) -> str:
        """Hint step ``step`` (1 = the first); steps past the last repeat the last ("" without hints)."""
        if not self.hints:
            return ""
        return self.hints[min(max(int(step), 1), len(self.hints)) - 1]

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "message": self.message, "hints": list(self.hints)}


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


def save_problem(err: OSError) -> str:
    """An ``OSError`` of a save in a few words ("No space left on device: /home/me/work")."""
    what = err.strerror or str(err) or type(err).__name__
    where = err.filename or ""
    return f"{what}: {where}" if where else what


def not_saved(err: OSError, still: str = "your text is still in the box") -> str:
    """The Markdown line a widget shows when a save failed: the answer is kept in the control."""
    return f"**Not saved:** {save_problem(err)} — {still}; try again."


def _tries(n: int) -> str:
    return f"{n} {'try' if n == 1 else 'tries'}"


def progress_line(tries: int, correct: bool | None, right_at: int | None, revealed_after: int | None,
                  saved: bool = True) -> str:
    """The saved state of an exercise in one line: "Saved: 2 tries, answer shown after 2 tries",
    "Saved: right at try 1" ("" when nothing is saved)."""
    if not saved and not tries and revealed_after is None:
        return ""
    parts = []
    if right_at and correct is True:
        parts.append(f"right at try {right_at}")
    elif tries:
        parts.append(_tries(tries) + (f" (right at try {right_at})" if right_at else ""))
    if revealed_after is not None:
        parts.append("answer shown before any try" if revealed_after == 0 else f"answer shown after {_tries(revealed_after)}")
    return "Saved: " + ", ".join(parts) if parts else "Saved."


class Exercise:
    """An exercise with an id (its key in the workspace), a title, a question and a key.

    Subclasses give ``check(answer) -> Feedback`` and ``widget(workspace)`` (see the module's
    contract); the widget's buttons check, save and report through :meth:`_attempt` and reveal
    through :meth:`_reveal`.
    """

    kind = "exercise"
    #: The ladder a kind falls back on when a key has no hint of its own (weakest first).
    generic_hints: tuple[str, ...] = ("Read the question again, then point at the words of the text that answer it.",)
    #: Where the student's answer is when a save fails (ends "…; try again").
    still_there = "your answer is still there"

    def __init__(self, exercise_id: str, title: str, question: str, key: dict[str, Any] | None,
                 article=None, missing_message: str = MISSING_KEY):
        self.id = exercise_id
        self.title = title
        self.question = question
        self._key = key or None
        self.article = article
        self.missing_message = missing_message
        self.output = None
        self.status = None
        self.workspace = None
        self.tries = 0                             # checks with an answer, saved ones included
        self.right_at: int | None = None           # the try that was first right
        self.revealed_after: int | None = None     # tries before "Show the answer" showed it
        self._unsaved = False
        self._asked_to_confirm = False

    @property
    def has_key(self) -> bool:
        return self._key is not None

    @property
    def withheld(self) -> bool:
        """Whether the key says the student's copy lacks what the check needs (``withheld: true``)."""
        return self._key is not None and bool(self._key.get("withheld"))

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

    def _withheld(self, hints: list[str] | None = None, saved: bool = False) -> Feedback:
        """The feedback of a check the key cannot do in this copy: it says so and keeps the hints."""
        return Feedback(None, f"{'Saved. ' if saved else ''}{self.title}: {WITHHELD_KEY}.", list(hints or []))

    def _ladder(self, step1: str | None = None, step2: str | None = None) -> list[str]:
        """The hint ladder from a key's own hints, each step falling back on :attr:`generic_hints`."""
        generic = list(self.generic_hints)
        first = (step1 or "").strip() or (generic[0] if generic else "")
        second = (step2 or "").strip() or (generic[1] if len(generic) > 1 else "")
        return [h for h in (first, second) if h]

    @property
    def drafted(self) -> bool:
        """Whether the key is a machine draft not yet checked (``status: draft``)."""
        return isinstance(self._key, dict) and self._key.get("status") == "draft"

    def intro(self) -> str:
        """The Markdown shown above the widget: title, question, and the missing-key notice."""
        text = f"**{self.title}.** {self.question}"
        if self.drafted:
            text += f"\n\n*{self.title}: {DRAFT_KEY}.*"
        if not self.has_key:
            text += f"\n\n*{self.title}: {self.missing_message}.*"
        elif self.withheld:
            text += f"\n\n*{self.title}: {WITHHELD_KEY}; your answer is still saved, and you still get hints.*"
        return text

    # -- the ladder --------------------------------------------------------------------------------
    def feedback_text(self, feedback: Feedback, step: int) -> str:
        """What try ``step`` shows: the message, and unless it is right, hint step ``step``."""
        text = feedback.message
        if self.drafted and feedback.correct is not None:
            text += f"\n\n*Note: {DRAFT_KEY}.*"
        if feedback.correct is True:
            return text
        hint = feedback.hint(step)
        if hint:
            n, total = min(max(step, 1), len(feedback.hints)), len(feedback.hints)
            label = f"Hint {n} of {total}" if total > 1 else "Hint"
            sep = "\n\n" if hint.lstrip().startswith("- ") else " "
            text += f"\n\n**{label}:**{sep}{hint}"
        if feedback.correct is False and self.has_key and feedback.hints and step >= len(feedback.hints):
            text += f"\n\n*Try again, or press “{REVEAL_BUTTON}”.*"
        return text

    def _attempt(self, answer: Any, present: bool) -> Feedback:
        """One press of the check button: check, count the try (when there is an answer), save,
        show the message with its hint step, and update the saved-state line."""
        fb = self.check(answer)
        if present:
            self.tries += 1
            if fb.correct is True and self.right_at is None:
                self.right_at = self.tries
        text = self.feedback_text(fb, max(self.tries, 1))
        if present:
            problem = self._save(self.workspace, answer, fb)
            self._unsaved = bool(problem)
            if problem:
                text += f"\n\n{problem}"
        write_markdown(self.output, text)
        self._show_status()
        return fb

    def _reveal(self) -> None:
        """One press of "Show the answer": before any try, ask once; then show the solution and
        record (once) how many tries came first."""
        if self.tries == 0 and self.revealed_after is None and not self._asked_to_confirm:
            self._asked_to_confirm = True
            write_markdown(self.output, REVEAL_CONFIRM)
            return
        self._asked_to_confirm = False
        text = self.solution()
        if self.revealed_after is None and self.has_key:
            self.revealed_after = self.tries
            if self.workspace is not None:
                try:
                    self.workspace.record_reveal(self.id, self.tries)
                except OSError as err:
                    text += "\n\n" + not_saved(err, "the answer is shown")
        write_markdown(self.output, text)
        self._show_status()

    def _restore_progress(self, workspace) -> None:
        """Take up the tries and reveal saved for this exercise (a re-run continues the count)."""
        self.workspace = workspace
        saved = self._progress()
        self.tries = int(saved.get("tries") or 0)
        self.right_at = saved.get("right_at")
        self.revealed_after = saved.get("revealed_after")
        self._unsaved = False
        self._asked_to_confirm = False

    def _progress(self) -> dict[str, Any]:
        ws = self.workspace
        return ws.progress(self.id) if ws is not None and hasattr(ws, "progress") else {}

    def status_text(self) -> str:
        """The saved state, as the work folder has it: "Saved: 2 tries, answer shown after 2 tries",
        "Saved: right at try 1" ("" before anything is saved, and without a workspace)."""
        if self.workspace is None:
            return ""
        p = self._progress()
        line = progress_line(int(p.get("tries") or 0), p.get("correct"), p.get("right_at"), p.get("revealed_after"),
                             saved=bool(p))
        if getattr(self, "_unsaved", False):
            line = (f"{line} — " if line else "") + "your last try is not saved"
        return line

    def _show_status(self) -> None:
        if self.status is not None:
            text = self.status_text()
            self.status.value = f"<em>{html.escape(text)}</em>" if text else ""

    def _assemble(self, workspace, controls: list, get_answer: Callable[[], Any], *,
                  present: Callable[[Any], bool] | None = None, button: str = "Check and save"):
        """The widget of an exercise: ``controls``, the check and "Show the answer" buttons, the
        saved-state line and the feedback ``Output``. ``get_answer()`` reads the controls;
        ``present(answer)`` says whether it is an answer (a try); default: non-empty."""
        import ipywidgets as w

        self._restore_progress(workspace)
        present = present or _non_empty
        check = w.Button(description=button, button_style="primary")
        reveal = w.Button(description=REVEAL_BUTTON)
        self.status = w.HTML("")
        self.output = w.Output()
        self._show_status()

        def on_check(_):
            answer = get_answer()
            self._attempt(answer, present(answer))

        check.on_click(on_check)
        reveal.on_click(lambda _: self._reveal())
        self.button, self.reveal_button = check, reveal
        return w.VBox([*controls, w.HBox([check, reveal]), *self._unsaved_offer(), self.status, self.output])

    def _unsaved_offer(self) -> list:
        """A line and a button offering back an answer to this exercise that an interrupted save
        left unsaved (``helpers.model.workspace`` rule 4); nothing when there is none."""
        import ipywidgets as w

        ws = self.workspace
        leftovers = [x for x in (ws.recoverable() if ws is not None and hasattr(ws, "recoverable") else [])
                     if self.id in x.answers]
        self.restore_button = None
        if not leftovers:
            return []
        left = leftovers[-1]
        line = w.HTML(html.escape(f"An answer you typed at {left.written:%H:%M} was not saved: restore it?"))
        button = w.Button(description="Restore my unsaved answer")

        def on_restore(_):
            try:
                ws.restore(left)
            except (OSError, KeyError) as err:
                line.value = html.escape(f"Not restored: {err}. It is kept in {left.path.name}; try again.")
                return
            line.value = html.escape("Restored and saved: run this cell again to see it in the box.")
            button.disabled = True
            self._show_status()

        button.on_click(on_restore)
        self.restore_button = button
        return [w.HBox([line, button])]

    def _text_widget(self, workspace, *, placeholder: str, label: str, height: str, button: str):
        """A text box (filled with the saved answer), a button that checks and saves, "Show the
        answer", the saved-state line and the feedback."""
        import ipywidgets as w

        saved = saved_answer(workspace, self.id)
        box = w.Textarea(value=saved if isinstance(saved, str) else "", placeholder=placeholder,
                         description=label, style={"description_width": "initial"},
                         layout=w.Layout(width="100%", height=height))
        self.control = box
        self.still_there = "your text is still in the box"
        return self._assemble(workspace, [box], lambda: box.value, button=button)

    def _report(self, feedback: Feedback) -> None:
        """Show ``feedback`` with the hint step of the current try (for widgets built without :meth:`_assemble`)."""
        write_markdown(self.output, self.feedback_text(feedback, max(self.tries, 1)))

    def _save(self, workspace, answer, feedback: Feedback) -> str | None:
        """Save the answer and its progress; ``None``, or the "not saved" line when the save failed."""
        if workspace is None:
            return None
        try:
            workspace.save_answer(self.id, answer, feedback.correct, tries=self.tries or None,
                                  right_at=self.right_at, revealed_after=self.revealed_after)
        except OSError as err:
            return not_saved(err, self.still_there)
        return None

    def selfcheck(self) -> dict[str, Any] | None:
        """What a static page needs to check this exercise without a kernel
        (``helpers.present.exercises.selfcheck``), or ``None`` when a page cannot check it."""
        return None

    def show(self, workspace=None) -> None:
        """Display the question (with the missing-key notice if any) and the widget; an exercise a
        static page can check displays one bundle: the widget's view and its self-check
        (``helpers.present.exercises.selfcheck``)."""
        from IPython.display import display

        show_markdown(self.intro())
        widget = self.widget(workspace)
        check = self.selfcheck()
        if check is None:
            display(widget)
            return
        from helpers.present.exercises.selfcheck import MIME

        display({**widget._repr_mimebundle_(), MIME: check}, raw=True)

    # -- the solution, for "Show the answer" and cells tagged ``solution`` --------------------------
    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        """The key as Markdown lines: the model answer and what a good answer does."""
        model = str(key.get("model_answer") or "").strip()
        lines = [model] if model else [f"The model answer is not in your copy: {WITHHELD_KEY}."]
        points = key.get("look_for") or []
        if points:
            lines += ["", "A good answer:"] + [f"- {p}" for p in points]
        return lines

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


def _non_empty(answer: Any) -> bool:
    if isinstance(answer, str):
        return bool(answer.strip())
    if isinstance(answer, dict):
        return any(_non_empty(v) for v in answer.values())
    return answer is not None and answer != [] and answer != ()
