"""Forms about one chosen citation: several fields a student fills in while tracing a source.

* :class:`SiftWorksheet` — the four SIFT moves (Mike Caulfield; ``data/generic/rubrics.yaml``
  ``sift``, read by ``helpers.model.rubrics.sift_moves``, with its source) and a confidence per
  citation, saved as an annotation on the citation (so it reloads with your work and exports with
  your notes)
* :class:`TraceExercise` — one citation traced: what you found, how, and how sure you are,
  checked for a complete record and compared with the instructor's trace (``trace.yaml``)
* :func:`citation_options` — the citations as options
"""

from __future__ import annotations

import html
from typing import Any

from helpers.core.text import clip, fold
from helpers.model.packs import MISSING_KEY
from helpers.model.rubrics import sift_moves
from helpers.present.exercises.base import Exercise, Feedback, not_saved, saved_answer, write_markdown

CONFIDENCE_LEVELS = ("high", "medium", "low", "none")


def citation_options(citations) -> list[tuple[str, str]]:
    """(label, citation id) pairs: id, sentence and the citation as written."""
    return [(f"{c.id} · {c.sentence_id} · {clip(c.raw, 70)}", c.id) for c in citations]


class SiftWorksheet:
    """A SIFT worksheet per citation, saved as an annotation on the citation (tags ``sift`` and its id),
    so it reloads with your work and exports with your annotations."""

    def __init__(self, article, citations, workspace):
        self.article, self.workspace = article, workspace
        self.citations = {c.id: c for c in citations}
        self.output = None
        self.moves, self.source = sift_moves()

    def saved(self, citation_id: str) -> dict[str, str]:
        """The worksheet saved for a citation: {move: text, 'confidence': …} (empty if none)."""
        value = saved_answer(self.workspace, f"03_sift_{citation_id}")
        return dict(value) if isinstance(value, dict) else {}

    def save(self, citation_id: str, answers: dict[str, str]) -> Feedback:
        """Save the worksheet of one citation (replacing an earlier one); say what is still empty."""
        cite = self.citations.get(citation_id)
        if cite is None:
            return Feedback(False, "Choose a citation first.")
        clean = {k: " ".join(str(answers.get(k) or "").split()) for k, _, _ in self.moves}
        confidence = str(answers.get("confidence") or "")
        if not any(clean.values()):
            return Feedback(False, "Write at least one move of the worksheet first.")
        clean["confidence"] = confidence if confidence in CONFIDENCE_LEVELS else ""
        earlier = [a.id for a in self.workspace.annotations if "sift" in a.tags and citation_id in a.tags]
        note = "\n".join(f"{label}: {clean[k]}" for k, label, _ in self.moves if clean[k])
        if clean["confidence"]:
            note += f"\nConfidence: {clean['confidence']}"
        # the new worksheet replaces the earlier one in one save: a failed save keeps the earlier one
        self.workspace.annotate(self.article, cite.start, cite.end, note=note, tags=["sift", citation_id],
                                replace=earlier)
        empty = [label for k, label, _ in self.moves if not clean[k]]
        self.workspace.save_answer(f"03_sift_{citation_id}", clean, None if empty else True)
        rest = f" Still empty: {', '.join(empty)}." if empty else " All four moves written."
        if not clean["confidence"]:
            rest += " Say how sure you are (high, medium, low, none)."
        return Feedback(None if empty else True, f"Saved the worksheet for {citation_id} {cite.raw}.{rest}")

    def widget(self):
        import ipywidgets as w

        chooser = w.Dropdown(options=citation_options(self.citations.values()), description="Citation:",
                             layout=w.Layout(width="100%"))
        boxes = {k: w.Textarea(placeholder=prompt, description=label, layout=w.Layout(width="100%"),
                               style={"description_width": "12em"}) for k, label, prompt in self.moves}
        confidence = w.Dropdown(options=[("(how sure are you?)", "")] + [(c, c) for c in CONFIDENCE_LEVELS],
                                description="Confidence:")
        button = w.Button(description="Save worksheet", button_style="primary")
        self.output = w.Output()
        self.status = w.HTML("")
        drafts: dict[str, dict[str, str]] = {}  # unsaved words of other citations, kept while the notebook runs

        def current() -> dict[str, str]:
            return {**{k: b.value for k, b in boxes.items()}, "confidence": confidence.value}

        def show_status(cid) -> None:
            saved = self.saved(cid) if cid else {}
            written = sum(1 for k, _, _ in self.moves if saved.get(k))
            self.status.value = html.escape(f"Saved: the worksheet for {cid}, {written} of {len(self.moves)} moves"
                                            + (f", confidence {saved['confidence']}" if saved.get("confidence") else "")
                                            ) if saved else ""

        def load(change=None):
            old = change["old"] if change else None
            if old:
                typed, saved = current(), {k: "" for k in current()} | self.saved(old)
                if typed != saved:
                    drafts[old] = typed
            cid = chooser.value
            values = drafts.pop(cid, None) or (self.saved(cid) if cid else {})
            for k, box in boxes.items():
                box.value = values.get(k, "")
            confidence.value = values.get("confidence", "") if values.get("confidence", "") in CONFIDENCE_LEVELS else ""
            show_status(cid)

        def on_click(_):
            try:
                fb = self.save(chooser.value, current())
            except OSError as err:
                write_markdown(self.output, not_saved(err, "your worksheet is still in the boxes"))
                return
            write_markdown(self.output, fb.message)
            show_status(chooser.value)

        chooser.observe(load, names="value")
        button.on_click(on_click)
        load()
        self.controls = {"citation": chooser, "confidence": confidence, **boxes}
        self.button = button
        credit = w.HTML(html.escape(f"The moves: {self.source.get('work')}, {self.source.get('url')} (a method from "
                                    "outside the article)."))
        return w.VBox([credit, chooser, *boxes.values(), confidence, button, self.status, self.output])

    def show(self) -> None:
        from IPython.display import display

        display(self.widget())


class TraceExercise(Exercise):
    """Trace one citation: what you found, how, and how sure you are. ``key``: a pack's ``trace.yaml``
    (its ``citations`` list: id, raw, found, how, confidence, note). Checked for a complete record,
    then compared with the instructor's trace of the same citation."""

    kind = "trace"

    def __init__(self, exercise_id: str, title: str, question: str, citations, key: dict[str, Any] | None = None,
                 article=None, missing_message: str = MISSING_KEY):
        entries = (key or {}).get("citations") or []
        withheld = bool((key or {}).get("withheld"))
        super().__init__(exercise_id, title, question,
                         {"citations": entries, "withheld": withheld} if entries or withheld else None,
                         article, missing_message)
        self.citations = {c.id: c for c in citations}
        self.discussion = (key or {}).get("single_source_summary")

    def _entry(self, citation_id: str) -> dict[str, Any] | None:
        cite = self.citations[citation_id]
        for e in self._key["citations"]:
            if fold(e.get("raw")) == fold(cite.raw) and str(e.get("sentence", cite.sentence_id)) == cite.sentence_id:
                return e
        return None

    @staticmethod
    def _incomplete(found: str, how: str, confidence: Any) -> Feedback | None:
        """What a record without a finding, a route or a confidence still needs (``None`` if complete)."""
        if not found:
            return Feedback(False, "Write what you found. “Not recovered” is a valid result; a guessed name is not.")
        if not how:
            return Feedback(False, "Say how you looked (the route: publisher's page, web archive, reprint, phrase "
                                   "search, primary source) and when: a finding without its route cannot be checked.")
        if confidence not in CONFIDENCE_LEVELS:
            return Feedback(False, "Say how sure you are: high (seen in the source itself), medium, low or none.")
        return None

    def check(self, answer: dict[str, str] | None) -> Feedback:
        answer = answer or {}
        cid = answer.get("citation")
        if cid not in self.citations:
            return Feedback(False, "Choose the citation you traced first.")
        confidence = answer.get("confidence")
        incomplete = self._incomplete(str(answer.get("found") or "").strip(), str(answer.get("how") or "").strip(),
                                      confidence)
        if incomplete is not None:
            return incomplete
        if self._key is None:
            return Feedback(None, f"Saved. {self.title}: {self.missing_message}.")
        if self.withheld and not self._key["citations"]:
            return self._withheld(saved=True)
        entry = self._entry(cid)
        if entry is None:
            return Feedback(None, f"Saved. The instructor's trace has no entry for {cid}: compare with a partner.")
        theirs = str(entry.get("confidence", "none"))
        report = (f"The instructor's trace of {cid} {self.citations[cid].raw}: found: "
                  f"{' '.join(str(entry.get('found', '')).split())}; how: {entry.get('how', '')}; "
                  f"confidence: {theirs}.")
        rank = {c: i for i, c in enumerate(reversed(CONFIDENCE_LEVELS))}
        if rank[confidence] > rank.get(theirs, 0) + 1:
            return Feedback(False, f"Saved, but check your confidence: you say {confidence}, higher than the "
                                   "instructor's trace could reach.",
                            ["What did you see in the source itself? Name the page and the date you looked: "
                             "“high” means you read the claim in the original.",
                             f"The instructor's trace reached only “{theirs}”: what did you see that it did not?"])
        return Feedback(True, f"Saved. A complete record (finding, route, confidence). {report}")

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id) or {}
        chooser = w.Dropdown(options=citation_options(self.citations.values()), description="Citation:",
                             value=saved.get("citation") if saved.get("citation") in self.citations else None,
                             layout=w.Layout(width="100%"))
        found = w.Textarea(value=str(saved.get("found", "")), placeholder="what you found (or: not recovered)",
                           description="Found:", layout=w.Layout(width="100%"))
        how = w.Textarea(value=str(saved.get("how", "")), placeholder="how and when you looked",
                         description="How:", layout=w.Layout(width="100%"))
        confidence = w.Dropdown(options=list(CONFIDENCE_LEVELS), description="Confidence:",
                                value=saved.get("confidence") if saved.get("confidence") in CONFIDENCE_LEVELS else None)
        self.controls = {"citation": chooser, "found": found, "how": how, "confidence": confidence}
        self.still_there = "your record is still in the boxes"
        return self._assemble(workspace, [chooser, found, how, confidence],
                              lambda: {"citation": chooser.value, "found": found.value, "how": how.value,
                                       "confidence": confidence.value},
                              present=lambda a: bool(a["citation"] and (a["found"].strip() or a["how"].strip())))

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        lines = ["The instructor's trace:"]
        for e in key.get("citations") or []:
            lines.append(f"- {e.get('raw', '')} ({e.get('sentence', '')}): found: {' '.join(str(e.get('found', '')).split())}; "
                         f"how: {e.get('how', '')}; confidence: {e.get('confidence', 'none')}.")
        if self.discussion:
            lines += ["", " ".join(str(self.discussion).split())]
        return lines
