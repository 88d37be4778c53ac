"""Marking stance by hand: the student picks sentences and types the words they read as hedges
and as boosters, then compares with what the course's lexicons find there
(``helpers.analysis.reading.extract_features``).

* :class:`StanceExercise` — the key is the lexicon, so it works on every article; words the
  lexicon marks *check* (often used in another sense) may be left out, words the lexicon does not
  know are reported as a reading to justify, not as errors

A word is the lexicon's when it is the text as it stands or the lexicon headword, folded
(``helpers.core.text.fold``: case, spaces, typographic apostrophes). Hints name the kind of
word and where to look, never the word.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.core.text import clip, fold
from helpers.present.exercises.base import Exercise, Feedback, saved_answer
from helpers.present.exercises.choice import sentence_options

#: The stance kinds of the exercise and what a word of each kind does (for hints).
STANCE_KINDS = {"hedge": "softens the claim: it says the writer is less than certain (how likely, how far, "
                         "how it appears)",
                "booster": "strengthens the claim: it says the writer is certain (that it must be so, that it "
                           "is obvious, that it always holds)"}
_SPLIT = re.compile(r"[,;\n]+")


def words_of(text: Any) -> list[str]:
    """The words or phrases a student typed, split at commas, semicolons and line ends."""
    return [w.strip(" .\"'“”‘’") for w in _SPLIT.split(str(text or "")) if w.strip(" .\"'“”‘’")]


class StanceExercise(Exercise):
    """Mark the hedges and boosters of ``count`` sentences of your choice; compared with the lexicon
    features of each sentence. Answer: ``[{sentence: id, hedge: "words", booster: "words"}, …]``."""

    kind = "stance"

    def __init__(self, exercise_id: str, title: str, question: str, article, features, count: int = 2):
        by_sentence: dict[str, list] = {}
        for f in features:
            if f.category in STANCE_KINDS:
                by_sentence.setdefault(f.sentence_id, []).append(f)
        super().__init__(exercise_id, title, question, {"lexicon": by_sentence}, article)
        self.count = count
        self.by_sentence = by_sentence

    def _sentence(self, sentence_id: str):
        try:
            return self.article.sentence(sentence_id)
        except KeyError:
            return None

    def check(self, answer: list[dict[str, str]] | None) -> Feedback:
        rows = [r for r in (answer or []) if isinstance(r, dict) and r.get("sentence")]
        ids = list(dict.fromkeys(str(r["sentence"]) for r in rows))
        if not ids:
            return Feedback(False, f"Choose {self.count} sentences first, and type the words you read as hedges and "
                                   "as boosters (commas between them; leave a box empty if there are none).")
        unknown = [i for i in ids if self._sentence(i) is None]
        if unknown:
            return Feedback(False, f"There is no sentence {', '.join(unknown)} in this article: choose from the list.")
        lines, hints, done = [], [[], [], []], 0
        for sid in ids:
            row = next(r for r in rows if str(r["sentence"]) == sid)
            ok = self._check_sentence(sid, row, lines, hints)
            done += ok
        if len(ids) < self.count:
            hints[0].insert(0, f"Choose {self.count - len(ids)} more sentence(s): the exercise asks for {self.count}.")
        message = f"{done} of {self.count} sentences match the lexicons.\n\n" + "\n".join(lines)
        if done >= self.count and len(ids) >= self.count:
            return Feedback(True, message + "\n\nA lexicon finds forms, not meanings: compare your reading with the "
                                            "highlighted text below.")
        return Feedback(False, message, hints=["\n".join(h) for h in hints if h])

    def _check_sentence(self, sid: str, row: dict[str, str], lines: list[str], hints: list[list[str]]) -> bool:
        """Add the feedback lines and hints for one sentence; whether it matches the lexicons."""
        sentence = self._sentence(sid)
        found = self.by_sentence.get(sid, [])
        text = fold(sentence.text)
        ok, parts = True, []
        for kind, does in STANCE_KINDS.items():
            mine = words_of(row.get(kind))
            theirs = [f for f in found if f.category == kind]
            other = [f for f in found if f.category != kind]
            hit = [f for f in theirs if any(fold(w) in (fold(f.text), fold(f.form)) for w in mine)]
            missed = [f for f in theirs if f not in hit and not f.needs_review]
            optional = [f for f in theirs if f not in hit and f.needs_review]
            misfiled = [w for w in mine if any(fold(w) in (fold(f.text), fold(f.form)) for f in other)]
            absent = [w for w in mine if fold(w) not in text]
            unlisted = [w for w in mine if w not in misfiled and w not in absent
                        and not any(fold(w) in (fold(f.text), fold(f.form)) for f in theirs)]
            part = f"{kind}s: {len(hit)} of {len(hit) + len(missed)} found"
            if misfiled:
                part += f"; the lexicons file {', '.join(f'“{w}”' for w in misfiled)} as another kind"
            if absent:
                part += f"; {', '.join(f'“{w}”' for w in absent)} is not in {sid}"
            if unlisted:
                part += (f"; {', '.join(f'“{w}”' for w in unlisted)} is not in the {kind} lexicon (a reading of "
                         "your own: note why)")
            if optional:
                part += (f"; the lexicon also marks {len(optional)} word(s) flagged *check*: decide whether they "
                         "work as a " + kind + " here")
            parts.append(part)
            if missed or misfiled or absent:
                ok = False
            if missed:
                hints[0].append(f"- {sid}: the {kind} lexicon finds {len(missed)} word(s) you did not mark.")
                hints[1].append(f"- {sid}: a {kind} {does}. Read the sentence for such a word.")
                hints[2].append(f"- {sid}: " + "; ".join(self._position(sentence, f) for f in missed) + ".")
            if misfiled:
                hints[0].append(f"- {sid}: ask of {', '.join(f'“{w}”' for w in misfiled)} whether it softens or "
                                "strengthens the claim.")
            if absent:
                hints[0].append(f"- {sid}: copy the words exactly from the sentence.")
        lines.append(f"- {sid} (“{clip(sentence.text, 90)}”): " + "; ".join(parts) + (" — matches." if ok else "."))
        return ok

    @staticmethod
    def _position(sentence, feature) -> str:
        """Where in the sentence a missed word is, by word number (the word itself is not named)."""
        before = len(sentence.text[: max(0, feature.start - sentence.start)].split())
        low = max(1, before - 2)
        return f"a {feature.category} among words {low}–{before + 3}"

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = [r for r in (saved_answer(workspace, self.id) or []) if isinstance(r, dict)]
        options = sentence_options(self.article.sentences, 90)
        values = {v for _, v in options}
        self.rows = []
        boxes = []
        style = {"description_width": "initial"}
        for i in range(self.count):
            old = saved[i] if i < len(saved) else {}
            which = w.Dropdown(options=options, value=old.get("sentence") if old.get("sentence") in values else None,
                               description=f"Sentence {i + 1}:", style=style, layout=w.Layout(width="100%"))
            hedge = w.Text(value=str(old.get("hedge", "")), description="Hedges:", placeholder="words, commas between",
                           style=style, layout=w.Layout(width="48%"))
            booster = w.Text(value=str(old.get("booster", "")), description="Boosters:",
                             placeholder="words, commas between", style=style, layout=w.Layout(width="48%"))
            self.rows.append({"sentence": which, "hedge": hedge, "booster": booster})
            boxes += [which, w.HBox([hedge, booster])]
        return self._assemble(workspace, boxes, lambda: [{k: c.value for k, c in row.items()} for row in self.rows
                                                         if row["sentence"].value])

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        lines = ["What the lexicons mark, sentence by sentence (*check*: often used in another sense):"]
        for s in self.article.sentences:
            found = self.by_sentence.get(s.id)
            if found:
                lines.append(f"- {s.id}: " + "; ".join(f"{f.category} “{f.text}”" + (" (check)" if f.needs_review else "")
                                                       for f in found))
        return lines
