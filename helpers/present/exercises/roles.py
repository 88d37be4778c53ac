"""Paragraph roles: the student gives each paragraph its job in the argument before any role is
shown, then compares with the pack's key.

* :data:`PARAGRAPH_ROLES` — the roles lesson 02 names (frame, background, reported hopes or
  claims, interpretation, a source's case, conclusion)
* :class:`RoleExercise` — ``key`` (``exercises.yaml``, ``02_paragraph_roles``):
  ``{labels: {paragraph number: role}, also: {paragraph number: [other defensible roles]},
  hint: {paragraph number: where to look}}``; a role may be sealed
  (``helpers.model.keys.seal(role, exercise id, str(paragraph number))``, as the student kit
  seals ``labels``); a key marked ``withheld`` checks nothing and still gives hints. The pack's
  ``reading.yaml`` ``paragraph_roles`` (cue and reason) is shown only in the solution.

Feedback names the paragraphs that are right; for the others it says "not yet" and gives hints,
weakest first: what to read, then the key's pointer, then the sentence that holds the cue.
"""

from __future__ import annotations

import html
from typing import Any

from helpers.core.text import clip
from helpers.model.keys import is_sealed, matches
from helpers.model.packs import MISSING_KEY
from helpers.present.exercises.base import WITHHELD_KEY, Exercise, Feedback, saved_answer

#: The jobs a paragraph of an argued text can do, as lesson 02 names them.
PARAGRAPH_ROLES = ("frame", "background", "reported hopes or claims", "interpretation", "a source's case",
                   "conclusion")


def _one_line(value: Any) -> str:
    return " ".join(str(value or "").split())


class RoleExercise(Exercise):
    """Give each paragraph of ``article`` one of ``roles``; checked against the key's roles
    (a paragraph with ``also`` roles accepts each of them)."""

    kind = "roles"

    def __init__(self, exercise_id: str, title: str, question: str, article, key: dict[str, Any] | None = None,
                 reading: dict[str, Any] | None = None, roles=PARAGRAPH_ROLES, missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.roles = [str(r) for r in roles]
        self.paragraphs = [p.number for p in article.paragraphs]
        self.reading = {int(r["paragraph"]): r for r in (reading or {}).get("paragraph_roles") or []
                        if isinstance(r, dict) and "paragraph" in r}
        if self._key is not None:
            problem = self._key_problem()
            if problem:
                self._key = None
                self.missing_message = f"{problem}, so {MISSING_KEY}"

    # -- the key -------------------------------------------------------------------------------
    def _expected(self) -> dict[int, str]:
        return {int(k): v for k, v in (self._key.get("labels") or {}).items()}

    def _also(self, number: int) -> list[str]:
        also = (self._key.get("also") or {}).get(number, (self._key.get("also") or {}).get(str(number))) or []
        return [also] if isinstance(also, str) else list(also)

    def _key_problem(self) -> str | None:
        """Why the key does not fit this article and these roles (``None`` if it fits)."""
        if self.withheld:
            return None
        expected = self._expected() if isinstance(self._key.get("labels"), dict) else {}
        if not expected:
            return "the answer key gives no paragraph roles"
        extra = sorted(set(expected) - set(self.paragraphs))
        if extra:
            return f"the answer key names paragraph {extra[0]}, which this article does not have"
        unknown = [v for v in expected.values() if not is_sealed(v) and str(v) not in self.roles]
        if unknown:
            return f"the answer key uses the role {unknown[0]!r}, which is not in this lesson's list"
        return None

    def _right(self, number: int, given: str | None) -> bool:
        if not given:
            return False
        accepted = [self._expected()[number], *self._also(number)]
        return any(matches(value, given, self.id, str(number)) for value in accepted)

    # -- checking ------------------------------------------------------------------------------
    def check(self, answer: dict[str, str | None] | None) -> Feedback:
        given = {int(k): str(v) for k, v in (answer or {}).items() if v and str(k).isdigit()}
        if not given:
            return Feedback(False, "Give at least one paragraph a role first.")
        if self._key is None:
            return Feedback(None, f"Saved your roles for {len(given)} paragraph(s). {self.title}: {self.missing_message}.")
        if self.withheld:
            return self._withheld(self._hints([n for n in self.paragraphs]), saved=True)
        expected = self._expected()
        lines, wrong, empty = [], [], []
        for number in self.paragraphs:
            if number not in expected:
                continue
            if number not in given:
                empty.append(number)
                lines.append(f"- ¶{number}: no role yet.")
            elif self._right(number, given[number]):
                lines.append(f"- ¶{number}: “{given[number]}” — right.")
            else:
                wrong.append(number)
                lines.append(f"- ¶{number}: “{given[number]}” — not yet.")
        right = len(expected) - len(wrong) - len(empty)
        message = f"{right} of {len(expected)} paragraphs right.\n\n" + "\n".join(lines)
        if not wrong and not empty:
            return Feedback(True, message + "\n\nCompare your reasons with the notes in the solution.")
        return Feedback(False, message, hints=self._hints(wrong + empty))

    def _hints(self, numbers: list[int]) -> list[str]:
        """Hints for the paragraphs still to do, weakest first; none of them names a role."""
        where = ", ".join(f"¶{n}" for n in numbers)
        hints = [f"Read the first sentence of {where} again and look for a cue word (since, meanwhile, on the one "
                 "hand, on the other hand, in short) or a reporting verb: does the paragraph set up a question, give "
                 "the situation, report what others hope, weigh a reading, relay one source, or sum up?"]
        given = self._key.get("hint") if isinstance(self._key.get("hint"), dict) else {}
        pointers = {n: _one_line(given.get(n, given.get(str(n)))) for n in numbers}
        if any(pointers.values()):
            hints.append("\n".join(f"- ¶{n}: {p}" for n, p in pointers.items() if p))
        cues = [f"¶{n}: {(self.reading.get(n) or {}).get('cue', {}).get('sentence')}" for n in numbers
                if (self.reading.get(n) or {}).get("cue", {}).get("sentence")]
        if cues:
            hints.append("The words that decide it are in these sentences: " + "; ".join(cues) + ".")
        return hints

    # -- the widget ----------------------------------------------------------------------------
    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id) or {}
        rows, self.controls = [], {}
        for p in self.article.paragraphs:
            value = saved.get(str(p.number)) if saved.get(str(p.number)) in self.roles else None
            dropdown = w.Dropdown(options=self.roles, value=value, description=f"¶{p.number}",
                                  style={"description_width": "initial"}, layout=w.Layout(width="18em"))
            self.controls[str(p.number)] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(clip(p.text, 160)))]))
        return self._assemble(workspace, rows,
                              lambda: {k: d.value for k, d in self.controls.items() if d.value is not None})

    # -- the solution --------------------------------------------------------------------------
    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        if self.withheld:
            return [f"The roles are not in your copy: {WITHHELD_KEY}."]
        lines = []
        for number, role in sorted(self._expected().items()):
            shown = "(sealed: the instructor has the key)" if is_sealed(role) else f"**{role}**"
            also = [a for a in self._also(number) if not is_sealed(a)]
            line = f"- ¶{number}: {shown}" + (f" (also defensible: {', '.join(also)})" if also else "")
            note = self.reading.get(number) or {}
            cue = note.get("cue") or {}
            if cue.get("quote"):
                line += f" — cue in {cue.get('sentence')}: “{_one_line(cue['quote'])}”"
            if note.get("why"):
                line += f". {_one_line(note['why'])}"
            lines.append(line)
        return lines
