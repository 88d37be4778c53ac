"""List exercises: the student writes a list of names, one per line, and the machine's list is
scored against it with ``helpers.analysis.scoring.score_names`` (the one precision and recall of
the course).

* :class:`ActorListExercise` — your own list of the text's actors: the machine's precision and
  recall against it, and your list against the pack's answer key when there is one
"""

from __future__ import annotations

from typing import Any

from helpers.analysis.scoring import score_names
from helpers.core.text import fold
from helpers.present.exercises.base import Exercise, Feedback


class ActorListExercise(Exercise):
    """Write your own list of the text's actors; feedback gives the machine's precision and
    recall against it (and against the pack's key, when there is one)."""

    kind = "list"

    def __init__(self, exercise_id: str, title: str, question: str, machine, key: dict[str, Any] | None = None,
                 article=None):
        super().__init__(exercise_id, title, question, key, article)
        self.machine = machine

    def intro(self) -> str:
        text = f"**{self.title}.** {self.question}"
        if not self.has_key:
            text += f"\n\n*{self.title}: {self.missing_message}; you still get the machine's scores against your list.*"
        return text

    @staticmethod
    def names(text: str | None) -> list[str]:
        """The names of a list written one per line (bullets and ``#`` comment lines left out)."""
        return [ln.strip(" -*\t") for ln in str(text or "").splitlines() if ln.strip(" -*\t") and not ln.lstrip().startswith("#")]

    def check(self, answer: str | None) -> Feedback:
        names = self.names(answer)
        if not names:
            return Feedback(False, "Write your list first: one actor per line.")
        s = score_names(self.machine.actors, names).to_dict()
        lines = [f"Against your list of {len(names)}: the machine's **precision** is {s['precision']:.0%} "
                 f"({len(s['true_positives'])} of its {len(self.machine.actors)} actors are on your list) and its "
                 f"**recall** is {s['recall']:.0%} ({len(names) - len(s['missed'])} of your {len(names)} found)."]
        if s["false_positives"]:
            lines.append(f"- on the machine's list, not yours: {', '.join(s['false_positives'])} (an error, or one you missed?)")
        if s["missed"]:
            lines.append(f"- on your list, not the machine's: {', '.join(s['missed'])} (add them with the overrides file)")
        correct = None
        if self._key is not None:
            correct = self._against_key(names, lines)
        return Feedback(correct, "\n".join(lines))

    def _against_key(self, names: list[str], lines: list[str]) -> bool:
        """Add the student's list scored against the key to ``lines``; right when it finds every key
        actor and names no string the key says is not an actor."""
        wanted = [a["name"] for a in self._key.get("actors") or []]
        mine = score_names(names, self._key.get("actors") or []).to_dict()
        forbidden = {fold(x) for x in self._key.get("not_actors") or []}
        wrong = [n for n in names if fold(n) in forbidden]
        lines.append(f"\nAgainst the answer key ({len(wanted)} actors): your list finds {mine['recall']:.0%} of them"
                     + (f"; you missed {', '.join(mine['missed'])}" if mine["missed"] else "") + ".")
        if wrong:
            lines.append(f"- not actors in this text: {', '.join(wrong)} (a place, a region or an eponym?)")
        return mine["recall"] == 1.0 and not wrong

    def widget(self, workspace=None):
        return self._text_widget(workspace, placeholder="One actor per line", label="Your list:",
                                 height="10em", button="Score the machine")
