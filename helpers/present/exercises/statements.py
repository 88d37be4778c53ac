"""Coding discourse statements by hand: the student codes a few statements (actor, concept,
agreement, sentence id) and compares them with the statements coded in the pack
(``statements.yaml``, read through ``helpers.analysis.discourse``).

* :class:`StatementCodingExercise` — ``key``: a pack's ``statements.yaml`` mapping
  (``concepts`` and ``statements``: id, actor, concept, agreement, sentence); an actor or an
  agreement may be sealed (``helpers.model.keys.seal(value, exercise id, "<statement id>.actor")``,
  ``"<statement id>.agreement"``)

The check gives an agreement figure: the share of the student's statements that match a key
statement on actor and sentence, and of those the share with the same agreement sign (and the
same concept); the disagreements are listed. The key's statements are shown only in the
solution.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.core.text import fold
from helpers.model.keys import is_sealed, matches
from helpers.model.packs import MISSING_KEY
from helpers.present.exercises.base import Exercise, Feedback, saved_answer
from helpers.present.exercises.choice import sentence_options

#: The agreement values of a statement, as the widget offers them.
AGREEMENT_OPTIONS = (("+1 agrees", 1), ("0 neutral or mixed", 0), ("−1 disagrees", -1))
_SENTENCE = re.compile(r"^p\d+\.s\d+$")


def _sign(value: Any) -> int | None:
    try:
        number = int(str(value).replace("−", "-").replace("+", ""))
    except (TypeError, ValueError):
        return None
    return (number > 0) - (number < 0)


class StatementCodingExercise(Exercise):
    """Code ``count`` discourse statements; compared with the pack's coded statements on actor and
    sentence, then agreement and concept."""

    kind = "statements"

    def __init__(self, exercise_id: str, title: str, question: str, article, key: dict[str, Any] | None = None,
                 count: int = 3, missing_message: str = MISSING_KEY):
        entries = [s for s in (key or {}).get("statements") or [] if isinstance(s, dict)]
        super().__init__(exercise_id, title, question, {**(key or {}), "statements": entries} if entries else None,
                         article, missing_message)
        self.count = count
        self.concepts = {str(k): " ".join(str(v).split()) for k, v in ((key or {}).get("concepts") or {}).items()}

    # -- matching ------------------------------------------------------------------------------
    def _same_actor(self, entry: dict[str, Any], given: str) -> bool:
        value = entry.get("actor")
        if matches(value, given, self.id, f"{entry.get('id')}.actor"):
            return True
        if is_sealed(value):
            return False
        mine, theirs = set(fold(given).split()) - {"the"}, set(fold(value).split()) - {"the"}
        return bool(mine) and (mine <= theirs or theirs <= mine)

    def _match(self, row: dict[str, Any], used: set[str]) -> dict[str, Any] | None:
        """The key statement on the row's actor and sentence (one not matched yet, the same concept first)."""
        same = [e for e in self._key["statements"] if str(e.get("id")) not in used
                and str(e.get("sentence")) == row["sentence"] and self._same_actor(e, row["actor"])]
        same.sort(key=lambda e: not matches(e.get("concept"), row["concept"], self.id, f"{e.get('id')}.concept"))
        return same[0] if same else None

    def _same_sign(self, entry: dict[str, Any], given: int | None) -> bool:
        value = entry.get("agreement")
        if is_sealed(value):
            return given is not None and matches(value, str(given), self.id, f"{entry.get('id')}.agreement")
        return given is not None and _sign(value) == given

    # -- checking ------------------------------------------------------------------------------
    def _clean(self, answer) -> tuple[list[dict[str, Any]], list[str]]:
        """The rows the student filled in, cleaned, and what the incomplete ones lack."""
        rows, lacking = [], []
        for n, raw in enumerate(answer or [], 1):
            if not isinstance(raw, dict) or not any(str(raw.get(k) or "").strip() for k in ("actor", "concept", "sentence")):
                continue
            row = {"n": n, "actor": " ".join(str(raw.get("actor") or "").split()),
                   "concept": " ".join(str(raw.get("concept") or "").split()),
                   "agreement": _sign(raw.get("agreement")), "sentence": str(raw.get("sentence") or "").strip()}
            gaps = [k for k in ("actor", "concept", "sentence") if not row[k]] + \
                (["agreement"] if row["agreement"] is None else [])
            if row["sentence"] and not self._exists(row["sentence"]):
                gaps.append(f"a sentence id that exists (not {row['sentence']})")
            if gaps:
                lacking.append(f"statement {n}: give {', '.join(gaps)}")
            else:
                rows.append(row)
        return rows, lacking

    def _exists(self, sentence_id: str) -> bool:
        if not _SENTENCE.match(sentence_id):
            return False
        try:
            self.article.sentence(sentence_id)
        except KeyError:
            return False
        return True

    def check(self, answer: list[dict[str, Any]] | None) -> Feedback:
        rows, lacking = self._clean(answer)
        if not rows and not lacking:
            return Feedback(False, f"Code {self.count} statements first: who (actor) takes what position (concept), "
                                   "agreeing or not, in which sentence.")
        if lacking:
            return Feedback(False, "Some statements are not complete yet.", hints=["\n".join(f"- {x}" for x in lacking)])
        if self._key is None:
            return Feedback(None, f"Saved {len(rows)} statement(s). {self.title}: {self.missing_message}.")
        lines, hints = [], [[], [], []]
        same_place = same_sign = same_concept = 0
        used: set[str] = set()
        for row in rows:
            entry = self._match(row, used)
            label = f"statement {row['n']} ({row['actor']}, {row['sentence']}, {row['agreement']:+d})"
            if entry is None:
                lines.append(f"- {label}: the key codes no statement by this actor in this sentence.")
                self._place_hints(row, hints)
                continue
            same_place += 1
            used.add(str(entry.get("id")))
            sign_ok = self._same_sign(entry, row["agreement"])
            concept_ok = matches(entry.get("concept"), row["concept"], self.id, f"{entry.get('id')}.concept")
            same_sign += sign_ok
            same_concept += concept_ok
            if sign_ok and concept_ok:
                lines.append(f"- {label}: matches a key statement (actor, sentence, concept, agreement).")
                continue
            lines.append(f"- {label}: same actor and sentence as a key statement, but "
                         + " and ".join(x for x, bad in (("the agreement differs", not sign_ok),
                                                         ("the concept differs", not concept_ok)) if bad) + ".")
            if not sign_ok:
                hints[0].append(f"- statement {row['n']}: read the verb again: does the actor endorse the position, "
                                "reject it, or only mention it?")
            if not concept_ok:
                hints[1].append(f"- statement {row['n']}: which of the listed concepts states the position taken in "
                                f"{row['sentence']}?")
        n = len(rows)
        figure = (f"Agreement with the key: {same_place} of {n} statements match on actor and sentence "
                  f"({same_place / n:.0%}); of those, {same_sign} have the same agreement sign and {same_concept} "
                  "the same concept.")
        if n < self.count:
            hints[0].insert(0, f"- code {self.count - n} more statement(s): the exercise asks for {self.count}.")
        general = " ".join(str(((self._key.get("exercises") or {}).get(self.id) or {}).get("hint") or "").split())
        if general and not (same_place == same_sign == same_concept == n):
            hints.insert(0, [general])
        message = figure + "\n\n" + "\n".join(lines)
        if n >= self.count and same_place == same_sign == same_concept == n:
            return Feedback(True, message)
        return Feedback(False, message, hints=["\n".join(h) for h in hints if h])

    def _place_hints(self, row: dict[str, Any], hints: list[list[str]]) -> None:
        """Hints for a statement the key does not have: how many the key codes nearby, then where."""
        paragraph = row["sentence"].split(".")[0]
        here = [e for e in self._key["statements"] if str(e.get("sentence", "")).split(".")[0] == paragraph]
        same = [e for e in here if str(e.get("sentence")) == row["sentence"]]
        if same:
            hints[0].append(f"- statement {row['n']}: the key codes {len(same)} statement(s) in {row['sentence']}, "
                            "by another actor: who holds the position there (look for the reporting cue)?")
        else:
            hints[0].append(f"- statement {row['n']}: the key codes {len(here)} statement(s) in paragraph "
                            f"{paragraph[1:]} and none in {row['sentence']}: is a position taken there, or only "
                            "described?")
        if here:
            hints[2].append(f"- statement {row['n']}: sentences of paragraph {paragraph[1:]} with a coded statement: "
                            + ", ".join(dict.fromkeys(str(e.get("sentence")) for e in here)) + ".")

    # -- the widget ----------------------------------------------------------------------------
    def widget(self, workspace=None):
        import ipywidgets as w

        saved = [r for r in (saved_answer(workspace, self.id) or []) if isinstance(r, dict)]
        options = sentence_options(self.article.sentences, 80)
        values = {v for _, v in options}
        style = {"description_width": "initial"}
        self.rows, boxes = [], []
        for i in range(self.count):
            old = saved[i] if i < len(saved) else {}
            actor = w.Text(value=str(old.get("actor", "")), description=f"{i + 1}. Actor:", placeholder="who takes the position",
                           style=style, layout=w.Layout(width="40%"))
            if self.concepts:
                concept = w.Dropdown(options=list(self.concepts), description="Concept:", style=style,
                                     value=old.get("concept") if old.get("concept") in self.concepts else None)
            else:
                concept = w.Text(value=str(old.get("concept", "")), description="Concept:",
                                 placeholder="the position, in a few words", style=style)
            agreement = w.Dropdown(options=list(AGREEMENT_OPTIONS), description="Agreement:", style=style,
                                   value=old.get("agreement") if old.get("agreement") in (1, 0, -1) else None)
            sentence = w.Dropdown(options=options, description="Sentence:", style=style, layout=w.Layout(width="100%"),
                                  value=old.get("sentence") if old.get("sentence") in values else None)
            self.rows.append({"actor": actor, "concept": concept, "agreement": agreement, "sentence": sentence})
            boxes += [w.HBox([actor, concept, agreement]), sentence]
        return self._assemble(workspace, boxes, lambda: [{k: c.value for k, c in row.items()} for row in self.rows],
                              present=lambda rows: any(r["actor"] or r["sentence"] for r in rows))

    def concepts_markdown(self) -> str:
        """The concepts a student codes with (the pack's list), or how to name one without a pack."""
        if not self.concepts:
            return "*No concept list for this article: name each position in a few words of your own.*"
        return "\n".join(f"- **{k}**: {v}" for k, v in self.concepts.items())

    def intro(self) -> str:
        return super().intro() + "\n\nConcepts to code with:\n\n" + self.concepts_markdown()

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        lines = ["The statements coded in the article pack:"]
        for e in key["statements"]:
            actor = "(sealed)" if is_sealed(e.get("actor")) else e.get("actor")
            sign = "(sealed)" if is_sealed(e.get("agreement")) else f"{int(e.get('agreement', 0)):+d}"
            quote = f": “{' '.join(str(e['quote']).split())}”" if e.get("quote") else ""
            note = f" ({' '.join(str(e['note']).split())})" if e.get("note") else ""
            lines.append(f"- {e.get('id')} · {e.get('sentence')} · {actor} — {e.get('concept')} ({sign}){quote}{note}")
        return lines
