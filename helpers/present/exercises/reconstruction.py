"""Reconstructing an argument in standard form: numbered premises, one of them the premise the
text leaves unstated, and a conclusion, each stated premise tied to its sentence.

* :class:`ReconstructionExercise` — ``key`` (the pack's ``critique.yaml``, ``exercises:
  05_reconstruct``): ``{prompt: which argument, answer: the conclusion's sentence id (may be
  sealed: ``helpers.model.keys.seal(id, exercise id)``), premises: [sentence ids], model_answer,
  look_for, hint: [hints, weakest first]}``; without ``answer`` (the student kit's copy) only the
  structure is checked, and without a key too (the exercise says so: ``packs.GENERIC_CHECK``)
* :func:`parse_standard_form` — ``P1: … (p8.s1)``, ``P2 (unstated): …``, ``C: … (p8.s2)``

The check tests the structure (at least two premises, one marked unstated, one conclusion,
sentence ids that exist, the stated lines tied to the text) and, with a key, that the conclusion
and a premise rest on the key's sentences; the key's hints come after the structural ones.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.model.keys import is_sealed, matches
from helpers.model.packs import GENERIC_CHECK, MISSING_KEY
from helpers.present.exercises.base import Exercise, Feedback

_LINE = re.compile(r"^\s*[-*]?\s*(P\s*\d*|C)\s*(\*|\((?:unstated|implicit|implied)\))?\s*[:.)]\s*(.*)$", re.I)
_UNSTATED = re.compile(r"\b(unstated|implicit|implied)\b", re.I)
_SENTENCE_ID = re.compile(r"\bp\d+\.s\d+\b")
TEMPLATE = "P1: \nP2 (unstated): \nC: "


def parse_standard_form(text: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """(lines, lines that could not be read): each line has ``kind`` (premise or conclusion),
    ``unstated``, ``text`` and ``sentences``."""
    lines, unread = [], []
    for raw in str(text or "").splitlines():
        if not raw.strip():
            continue
        m = _LINE.match(raw)
        if not m:
            unread.append(raw.strip())
            continue
        body = m.group(3).strip()
        lines.append({"kind": "conclusion" if m.group(1).upper() == "C" else "premise",
                      "unstated": bool(m.group(2)) or bool(_UNSTATED.match(body)),
                      "text": body, "sentences": _SENTENCE_ID.findall(body)})
    return lines, unread


class ReconstructionExercise(Exercise):
    """Reconstruct one argument in standard form, with one unstated premise."""

    kind = "reconstruction"

    def __init__(self, exercise_id: str, title: str, question: str, article, key: dict[str, Any] | None = None,
                 missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        if self._key is not None and not self._key_fits():
            self._key = None
            self.missing_message = f"the answer key names sentences this article does not have, so {MISSING_KEY}"
        elif self._key is None and missing_message == MISSING_KEY:
            # without a key the structure is still checked: say so, and what the instructor adds
            self.missing_message = GENERIC_CHECK.format(what="premises, one unstated, a conclusion, sentence ids that "
                                                             "exist", where="`05_reconstruct` in critique.yaml: the "
                                                                            "conclusion's sentence and its premises")

    def _ids(self) -> set[str]:
        return {s.id for s in self.article.sentences}

    def _key_fits(self) -> bool:
        named = [x for x in [self._key.get("answer"), *(self._key.get("premises") or [])] if x and not is_sealed(x)]
        return all(str(x) in self._ids() for x in named)

    def _hints_of_key(self) -> list[str]:
        hints = self._key.get("hint") or []
        return [" ".join(str(h).split()) for h in ([hints] if isinstance(hints, str) else hints)]

    def intro(self) -> str:
        text = super().intro()
        if self._key is not None and self._key.get("prompt"):
            text += f"\n\n*The argument:* {' '.join(str(self._key['prompt']).split())}"
        return text + ("\n\nOne line per step: `P1: … (p8.s1)`, `P2 (unstated): …`, `C: … (p8.s2)`. Stated steps end "
                       "with the sentence id they come from; the unstated premise is the one the text needs but does "
                       "not say.")

    def check(self, answer: str | None) -> Feedback:
        lines, unread = parse_standard_form(answer)
        if not lines:
            return Feedback(False, "Write the argument first, one line per step (P1:, P2 (unstated):, C:).")
        premises = [x for x in lines if x["kind"] == "premise"]
        conclusions = [x for x in lines if x["kind"] == "conclusion"]
        unstated = [x for x in premises if x["unstated"]]
        stated = [x for x in lines if not x["unstated"]]
        hints, problems = [], []
        if unread:
            problems.append(f"{len(unread)} line(s) not in the form `P1: …` or `C: …`")
            hints.append("Begin every line with P1:, P2:, … or C:; mark the unstated premise `P2 (unstated):`.")
        if len(premises) < 2:
            problems.append("at least two premises")
            hints.append("An argument in standard form has two or more premises that together lead to the conclusion.")
        if len(conclusions) != 1:
            problems.append("exactly one conclusion (C:)")
            hints.append("Write one conclusion, on a line that begins `C:`.")
        if not unstated:
            problems.append("one premise marked unstated")
            hints.append("Ask what must also be true for the conclusion to follow from the stated premises: that is the "
                         "unstated premise. Mark it `(unstated)`.")
        short = [x for x in lines if len(x["text"].split()) < 3]
        if short:
            problems.append("every step in a sentence of its own")
            hints.append("Write each step as a full claim, not a word or two.")
        untied = [x for x in stated if not x["sentences"]]
        if untied:
            problems.append("a sentence id for every stated step")
            hints.append("End each stated premise and the conclusion with the sentence id it comes from, e.g. (p3.s2).")
        bad = sorted({i for x in lines for i in x["sentences"] if i not in self._ids()})
        if bad:
            problems.append(f"sentence ids that exist ({', '.join(bad)} do not)")
        if problems:
            return Feedback(False, "Not in standard form yet. Still to do: " + "; ".join(problems) + ".", hints=hints)
        summary = (f"Standard form: {len(premises)} premises ({len(unstated)} unstated) and a conclusion, tied to "
                   f"{', '.join(sorted({i for x in stated for i in x['sentences']}))}.")
        if self._key is None:
            return Feedback(None, f"{summary} {self.title}: {self.missing_message}.")
        if self.withheld or self._key.get("answer") is None:
            return self._withheld(self._hints_of_key(), saved=True)
        return self._against_key(summary, premises, conclusions[0])

    def _against_key(self, summary: str, premises: list[dict[str, Any]], conclusion: dict[str, Any]) -> Feedback:
        key_hints = self._hints_of_key()
        wrong = []
        if not any(matches(self._key["answer"], sid, self.id) for sid in conclusion["sentences"]):
            wrong.append("the conclusion is not the one the key reconstructs")
        wanted = {str(x) for x in self._key.get("premises") or []}
        if wanted and not wanted & {i for x in premises if not x["unstated"] for i in x["sentences"]}:
            wrong.append("no stated premise rests on the sentences the key's premises come from")
        if wrong:
            return Feedback(False, f"{summary} But " + "; ".join(wrong) + ".", hints=key_hints or
                            ["Read the argument named above again: where is its conclusion, and what is given for it?"])
        return Feedback(True, f"{summary} Its conclusion and a premise rest on the same sentences as the key's. Compare "
                              "your unstated premise with the model answer.")

    def widget(self, workspace=None):
        return self._text_widget(workspace, placeholder=TEMPLATE, label="Standard form:", height="10em",
                                 button="Check and save")
