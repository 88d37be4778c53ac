"""Counting what each paragraph rests on: the student says, paragraph by paragraph, whether it
cites no source, one source, one lost source or several, before the table that counts them is
shown (``helpers.present.views.citations.paragraph_support``).

* :class:`RestsOnExercise` — the key is the count from the citations, so it works on every
  article; sources are counted as the table counts them (a name cited twice is one source, every
  lost name a separate unknown one)

Hints point at the paragraph's citations, never at the count.
"""

from __future__ import annotations

import html
from typing import Any

from helpers.core.text import clip
from helpers.present.exercises.base import Exercise, Feedback, saved_answer
from helpers.present.views.citations import paragraph_support

#: What a paragraph can rest on, as the support table says it.
RESTS_ON = ("no citation", "one source", "one lost source", "several sources")


class RestsOnExercise(Exercise):
    """Say what each body paragraph rests on; compared with the count from its citations."""

    kind = "rests-on"

    def __init__(self, exercise_id: str, title: str, question: str, article, citations, features=None):
        table = paragraph_support(article, citations, features)
        counted = {int(r["paragraph"]): str(r["rests on"]) for r in table.to_dict("records")}
        super().__init__(exercise_id, title, question, {"labels": counted}, article)
        self.counted = counted
        self.cited = {p.number: [c for c in citations if c.paragraph == p.number] for p in article.paragraphs}

    def check(self, answer: dict[str, str] | None) -> Feedback:
        given = {int(k): str(v) for k, v in (answer or {}).items() if v and str(k).isdigit()}
        if not given:
            return Feedback(False, "Say what at least one paragraph rests on first.")
        lines, wrong = [], []
        for number, rests in self.counted.items():
            if number not in given:
                wrong.append(number)
                lines.append(f"- ¶{number}: not answered yet.")
            elif given[number] == rests:
                lines.append(f"- ¶{number}: “{given[number]}” — right.")
            else:
                wrong.append(number)
                lines.append(f"- ¶{number}: “{given[number]}” — not yet.")
        message = f"{len(self.counted) - len(wrong)} of {len(self.counted)} paragraphs right.\n\n" + "\n".join(lines)
        if not wrong:
            return Feedback(True, message + "\n\nThe table below counts the same way; read its notes on paragraphs "
                                            "without a citation.")
        where = ", ".join(f"¶{n}" for n in wrong)
        steps = [f"Look at the citations of {where} in the claims table above: count the distinct source names; a "
                 "name cited twice is one source, and every citation whose name is lost counts as a separate "
                 "unknown source.",
                 "\n".join(f"- ¶{n}: its citations are " + (", ".join(f"{c.id} {c.raw}" for c in self.cited[n])
                                                             if self.cited[n] else "none") + "."
                           for n in wrong)]
        return Feedback(False, message, hints=steps)

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id) or {}
        rows, self.controls = [], {}
        for p in self.article.paragraphs:
            value = saved.get(str(p.number)) if saved.get(str(p.number)) in RESTS_ON else None
            dropdown = w.Dropdown(options=list(RESTS_ON), value=value, description=f"¶{p.number}",
                                  style={"description_width": "initial"}, layout=w.Layout(width="16em"))
            self.controls[str(p.number)] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(clip(p.text, 140)))]))
        return self._assemble(workspace, rows,
                              lambda: {k: d.value for k, d in self.controls.items() if d.value is not None})

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        return [f"- ¶{n}: {rests}" + (f" ({', '.join(c.raw for c in self.cited[n])})" if self.cited[n] else "")
                for n, rests in self.counted.items()]
