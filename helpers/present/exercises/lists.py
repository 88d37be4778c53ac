"""List exercises: the student writes a list of names, one per line, and the machine's list is
scored against it with ``helpers.analysis.scoring.score_names`` (the one precision and recall of
the course).

* :class:`ActorListExercise` — your own list of the text's actors: the machine's precision and
  recall against it, and your list against the pack's answer key when there is one (how many
  key actors it misses, with hints to find them: never their names before "Show the answer")
"""

from __future__ import annotations

from typing import Any

from helpers.analysis.scoring import score_names
from helpers.core.text import fold
from helpers.present.exercises.base import DRAFT_KEY, WITHHELD_KEY, Exercise, Feedback


class ActorListExercise(Exercise):
    """Write your own list of the text's actors; feedback gives the machine's precision and
    recall against it (and against the pack's key, when there is one)."""

    kind = "list"
    generic_hints = ("look for actors the text names only once, states behind their capitals, and people "
                     "named only by a role or a relation.",)
    still_there = "your list is still in the box"

    def __init__(self, exercise_id: str, title: str, question: str, machine, key: dict[str, Any] | None = None,
                 article=None):
        super().__init__(exercise_id, title, question, key, article)
        self.machine = machine

    def intro(self) -> str:
        text = f"**{self.title}.** {self.question}"
        if self.drafted:
            text += f"\n\n*{self.title}: {DRAFT_KEY}.*"
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
        correct, hints = None, []
        if self._key is not None and not self.withheld:
            correct = self._against_key(names, lines, hints)
        elif self.withheld:
            lines.append(f"\nAgainst the answer key: {WITHHELD_KEY}.")
        return Feedback(correct, "\n".join(lines), hints)

    def _against_key(self, names: list[str], lines: list[str], hints: list[str]) -> bool:
        """Add the student's list scored against the key to ``lines`` (how many key actors it
        misses, never which) and the hint ladder to ``hints``; right when it finds every key actor
        and names no string the key says is not an actor."""
        actors = self._key.get("actors") or []
        mine = score_names(names, actors).to_dict()
        forbidden = {fold(x) for x in self._key.get("not_actors") or []}
        wrong = [n for n in names if fold(n) in forbidden]
        missed = len(mine["missed"])
        lines.append(f"\nAgainst the answer key ({len(actors)} actors): your list finds {mine['recall']:.0%} of them"
                     + (f"; {missed} {'is' if missed == 1 else 'are'} missing" if missed else "") + ".")
        if wrong:
            lines.append(f"- not actors in this text: {', '.join(wrong)} (a place, a region or an eponym?)")
        if missed:
            where = self._paragraphs_of([a for a in actors if isinstance(a, dict) and a.get("name") in mine["missed"]])
            hints += self._ladder(None, f"the actors you miss are mentioned in paragraph(s) {', '.join(map(str, where))}: "
                                        "read them again, name by name and pronoun by pronoun." if where else None)
        elif wrong:
            hints += ["a place, a region or a word that only borrows a name is not an actor: keep the states, "
                      "people, organizations and groups that act or speak."]
        return mine["recall"] == 1.0 and not wrong

    def _paragraphs_of(self, actors: list[dict[str, Any]]) -> list[int]:
        """The paragraphs where any name or alias of ``actors`` occurs (typographic marks folded)."""
        if self.article is None:
            return []
        forms = [fold(f) for a in actors for f in [a.get("name"), *(a.get("aliases") or [])] if f]
        return [p.number for p in self.article.paragraphs if any(f and f in fold(p.text) for f in forms)]

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        actors = [a for a in key.get("actors") or [] if isinstance(a, dict) and a.get("name")]
        lines = [f"The answer key's {len(actors)} actors:"] + [f"- {a['name']} ({a.get('type', 'actor')})" for a in actors]
        if key.get("not_actors"):
            lines += ["", "Not actors in this text: " + ", ".join(map(str, key["not_actors"])) + "."]
        return lines

    def widget(self, workspace=None):
        return self._text_widget(workspace, placeholder="One actor per line", label="Your list:",
                                 height="10em", button="Score the machine")
