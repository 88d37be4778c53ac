"""A trace record judged as a record: the citation traced, the source named or an honest "not
recovered", the route, the date looked, and a confidence with its justification.

* :class:`TraceRecordExercise` — ``key``: a pack's ``trace.yaml`` (its ``citations``: id, raw,
  sentence, found, how, confidence, and a ``hint`` for a student who stops short of what the trace
  recovered); a confidence may be sealed (``helpers.model.keys.seal(level, exercise id, citation
  id)``); a ``withheld`` trace (the student kit's) checks the record only
* :func:`record_problems` — what a record still lacks, one entry per element, each with its hint

Each missing element gives one hint (weakest first, in the order of the record). Without the
instructor's trace the record is still checked, and says so (``packs.GENERIC_CHECK``). A complete
record is compared with the instructor's trace of the same citation: a confidence above what the
trace reached, or "not recovered" where the trace recovered the source, is partly right, with a
hint and never the instructor's finding; a right record shows the instructor's trace.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from helpers.core.text import clip, fold
from helpers.model.keys import is_sealed, matches
from helpers.model.packs import GENERIC_CHECK, MISSING_KEY
from helpers.present.exercises.base import WITHHELD_KEY, Exercise, Feedback, saved_answer

#: Confidence levels, surest first.
CONFIDENCE_LEVELS = ("high", "medium", "low", "none")
#: The fields of a record, in order, with their labels.
RECORD_FIELDS = (("found", "Source found"), ("route", "Route"), ("looked", "Date looked"),
                 ("confidence", "Confidence"), ("why", "Why that confidence"))
_NOT_RECOVERED = ("not recovered", "not found", "not traced")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _words(text: Any) -> int:
    return len(str(text or "").split())


def not_recovered(found: Any) -> bool:
    """Whether a finding is the honest "not recovered" (or "not found", "not traced")."""
    return fold(found).startswith(_NOT_RECOVERED)


def record_problems(record: dict[str, Any], today: dt.date | None = None) -> list[tuple[str, str]]:
    """(what is missing, its hint) for each element a trace record lacks, in record order."""
    found, route = " ".join(str(record.get("found") or "").split()), str(record.get("route") or "").strip()
    looked, confidence = str(record.get("looked") or "").strip(), str(record.get("confidence") or "")
    why = str(record.get("why") or "").strip()
    out = []
    if not found:
        out.append(("the source", "Name the source you found (outlet, author, title, date), or write “not recovered”: "
                                  "an honest gap is a result, a guessed name is not."))
    if _words(route) < 3:
        out.append(("the route", "Say how you searched, step by step: the publisher's page, an archived copy, a "
                                 "reprint, a phrase search, the primary source. A finding without its route cannot "
                                 "be checked."))
    iso = _ISO.search(looked)
    if not _YEAR.search(looked):
        out.append(("the date looked", "Give the date you looked (for example 2026-12-02): pages change, so a trace "
                                       "is true of a day."))
    elif iso and today is not None:
        try:
            if dt.date(*map(int, iso.groups())) > today:
                out.append(("the date looked", "The date you looked is in the future: give the day you searched."))
        except ValueError:
            out.append(("the date looked", "That date does not exist: write it as year-month-day."))
    if confidence not in CONFIDENCE_LEVELS:
        out.append(("the confidence", "Say how sure you are: high (seen in the source itself or the publisher's "
                                      "page), medium (strong indirect evidence), low (a candidate), none."))
    elif found and not_recovered(found) and confidence in ("high", "medium"):
        out.append(("a consistent confidence", "You write “not recovered” but say you are fairly sure: sure of what? "
                                               "Lower the confidence, or name what you found."))
    elif found and not not_recovered(found) and confidence == "none":
        out.append(("a consistent confidence", "You name a source but give confidence none: if you did not see it, "
                                               "write “not recovered”; if you did, say how sure you are."))
    if _words(why) < 5:
        out.append(("the justification", "Justify the confidence in a sentence: what did you see, and where (the "
                                         "page, the archive copy, the speech itself)?"))
    return out


class TraceRecordExercise(Exercise):
    """Trace one citation and keep a complete record; checked element by element, then compared
    with the instructor's trace (``trace.yaml``) of the same citation."""

    kind = "trace-record"

    def __init__(self, exercise_id: str, title: str, question: str, citations, key: dict[str, Any] | None = None,
                 article=None, missing_message: str = MISSING_KEY, today: dt.date | None = None):
        entries = [e for e in (key or {}).get("citations") or [] if isinstance(e, dict)]
        withheld = bool((key or {}).get("withheld"))
        super().__init__(exercise_id, title, question,
                         {"citations": entries, "withheld": withheld} if entries or withheld else None, article,
                         missing_message)
        self.citations = {c.id: c for c in citations}
        self.today = today or dt.date.today()
        if self._key is None and missing_message == MISSING_KEY:
            # without the instructor's trace the record is still checked, element by element
            self.missing_message = GENERIC_CHECK.format(what="a complete record: source or “not recovered”, route, "
                                                             "date looked, confidence and why",
                                                        where="their own trace of the citations in trace.yaml")

    def _entry(self, citation_id: str) -> dict[str, Any] | None:
        cite = self.citations[citation_id]
        for e in self._key["citations"]:
            if str(e.get("raw")) == cite.raw and str(e.get("sentence", cite.sentence_id)) == cite.sentence_id:
                return e
        return None

    def _level(self, entry: dict[str, Any], citation_id: str) -> str | None:
        """The instructor's confidence for a citation, clear or sealed."""
        value = entry.get("confidence")
        return next((lvl for lvl in CONFIDENCE_LEVELS if matches(value, lvl, self.id, citation_id)), None)

    def check(self, answer: dict[str, str] | None) -> Feedback:
        answer = answer or {}
        cid = answer.get("citation")
        if cid not in self.citations:
            return Feedback(False, "Choose the citation you traced first.")
        problems = record_problems(answer, self.today)
        if problems:
            missing = ", ".join(p for p, _ in problems)
            return Feedback(False, f"Your record of {cid} {self.citations[cid].raw} is not complete yet. Still "
                                   f"missing: {missing}.", hints=[h for _, h in problems])
        if self._key is None:
            return Feedback(None, f"A complete record: source, route, date, confidence and why. {self.title}: "
                                  f"{self.missing_message}.")
        if self.withheld:
            return self._withheld(saved=True)
        entry = self._entry(cid)
        if entry is None:
            return Feedback(None, f"A complete record. The instructor's trace has no entry for {cid}: compare with a "
                                  "partner.")
        theirs = self._level(entry, cid)
        mine = str(answer.get("confidence"))
        rank = {c: i for i, c in enumerate(reversed(CONFIDENCE_LEVELS))}
        if theirs is not None and rank[mine] > rank[theirs] + 1:
            return Feedback(False, f"A complete record, but your confidence ({mine}) is well above what the "
                                   "instructor's trace of this citation reached.",
                            hints=["What did you see that makes you that sure? Name the page and what it shows.",
                                   "High confidence needs the source itself or the publisher's own page; a candidate "
                                   "found by searching is low."])
        if theirs in ("high", "medium") and not_recovered(answer.get("found")):
            first = " ".join(str(entry.get("hint") or "").split()) or \
                "Try another route from section 5, in its order: which one did you skip?"
            return Feedback(False, "A complete and honest record, but the instructor's trace got further: this "
                                   "source can be recovered.",
                            hints=[first, f"The route that worked: {' '.join(str(entry.get('how', '')).split())}."])
        return Feedback(True, "A complete record: source, route, date, confidence and why.\n\n" + self._report_line(cid, entry))

    def _report_line(self, cid: str, entry: dict[str, Any]) -> str:
        confidence = entry.get("confidence")
        shown = "(sealed)" if is_sealed(confidence) else confidence
        return (f"The instructor's trace of {cid} {self.citations[cid].raw}: found: "
                f"{' '.join(str(entry.get('found', '')).split())}; how: {' '.join(str(entry.get('how', '')).split())}; "
                f"confidence: {shown}.")

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id) or {}
        options = [(f"{c.id} · {c.sentence_id} · {clip(c.raw, 70)}", c.id) for c in self.citations.values()]
        style, wide = {"description_width": "12em"}, w.Layout(width="100%")
        self.controls = {"citation": w.Dropdown(options=options, description="Citation:", style=style, layout=wide,
                                                value=saved.get("citation") if saved.get("citation") in self.citations
                                                else None)}
        prompts = {"found": "the source you found, or: not recovered", "route": "how you searched, step by step",
                   "looked": "the date you looked, e.g. 2026-12-02", "why": "what you saw that justifies it"}
        if "route" not in saved and saved.get("how"):  # a record saved before the route had its own name
            saved = {**saved, "route": saved["how"]}
        for key, label in RECORD_FIELDS:
            if key == "confidence":
                value = saved.get(key) if saved.get(key) in CONFIDENCE_LEVELS else None
                self.controls[key] = w.Dropdown(options=list(CONFIDENCE_LEVELS), value=value, description=f"{label}:",
                                                style=style)
            else:
                self.controls[key] = w.Textarea(value=str(saved.get(key, "")), placeholder=prompts[key],
                                                description=f"{label}:", style=style, layout=wide)
        return self._assemble(workspace, list(self.controls.values()),
                              lambda: {k: c.value for k, c in self.controls.items()},
                              present=lambda a: bool(a["citation"]) and any(str(a.get(k) or "").strip()
                                                                            for k, _ in RECORD_FIELDS if k != "confidence"))

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        lines = ["A complete record names the source (or says “not recovered”), the route, the date looked, and a "
                 "confidence with what justifies it. The instructor's trace, citation by citation:"]
        if self.withheld:
            return lines[:1] + [f"The instructor's trace is not in your copy: {WITHHELD_KEY}."]
        for cid, cite in self.citations.items():
            entry = self._entry(cid)
            if entry is not None:
                lines.append(f"- {self._report_line(cid, entry)}")
        return lines
