"""Presentation: self-check exercises as ipywidgets, saved through ``helpers.model.workspace``.

Three kinds: :class:`ChoiceExercise` (pick one option, e.g. a sentence), :class:`LabelExercise`
(label each sentence, e.g. by voice) and :class:`FreeTextExercise` (written answer, shown
with the model answer on request). ``check(answer)`` returns a :class:`Feedback` that says why.

The key and the model answer stay in Python: they are never put into any widget's state
(no hidden widgets, descriptions or tooltips), so a page that stores widget state cannot
leak them. Feedback is written into the ``Output`` widget only when the student checks.
Without a key, the exercise says so (``helpers.model.packs.MISSING_KEY``) and still saves the answer.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Sequence

from helpers.analysis.scoring import score_names
from helpers.core.fileio import atomic_write
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.model.rubrics import critique_standards


#: Sentences a labelling exercise offers when the article's pack has no key for it.
UNKEYED_SENTENCES = 12


@dataclass
class Feedback:
    correct: bool | None   # None: not scored automatically (free text, or no key)
    message: str           # Markdown; says why, pointing at sentence ids and text

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "message": self.message}


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sentence_options(sentences: Sequence[Any], limit: int = 160) -> list[tuple[str, str]]:
    """(label, sentence id) pairs for sentences of an article, e.g. ``article.paragraph(1).sentences``."""
    return [(f"{s.id}: {_clip(s.text, limit)}", s.id) for s in sentences]


class _Exercise:
    kind = "exercise"

    def __init__(self, exercise_id: str, title: str, question: str, key: dict[str, Any] | None,
                 article=None, missing_message: str = MISSING_KEY):
        self.id = exercise_id
        self.title = title
        self.question = question
        self._key = key or None
        self.article = article
        self.missing_message = missing_message
        self.output = None

    @property
    def has_key(self) -> bool:
        return self._key is not None

    def _where(self, sentence_id: str | None) -> str:
        if not sentence_id:
            return ""
        text = ""
        if self.article is not None:
            try:
                text = self.article.sentence(sentence_id).text
            except KeyError:
                text = ""
        return f"{sentence_id} (“{_clip(text, 320)}”)" if text else str(sentence_id)

    def _missing(self) -> Feedback:
        return Feedback(None, f"{self.title}: {self.missing_message}")

    def intro(self) -> str:
        """The Markdown shown above the widget: title, question, and the missing-key notice."""
        text = f"**{self.title}.** {self.question}"
        if not self.has_key:
            text += f"\n\n*{self.title}: {self.missing_message}.*"
        return text

    def _text_widget(self, workspace, *, placeholder: str, label: str, height: str, button: str):
        """A text box (filled with the saved answer), a button that checks and saves, and the feedback."""
        import ipywidgets as w

        saved = workspace.answer(self.id) if workspace is not None else None
        box = w.Textarea(value=saved if isinstance(saved, str) else "", placeholder=placeholder,
                         description=label, style={"description_width": "initial"},
                         layout=w.Layout(width="100%", height=height))
        btn = w.Button(description=button, button_style="primary")
        self.output = w.Output()

        def on_click(_):
            fb = self.check(box.value)
            if box.value.strip():
                self._save(workspace, box.value, fb)
            self._report(fb)

        btn.on_click(on_click)
        self.control, self.button = box, btn
        return w.VBox([box, btn, self.output])

    def _report(self, feedback: Feedback) -> None:
        if self.output is not None:
            self.output.outputs = ({"output_type": "display_data", "metadata": {},
                                    "data": {"text/markdown": feedback.message, "text/plain": feedback.message}},)

    def _save(self, workspace, answer, feedback: Feedback) -> None:
        if workspace is not None:
            workspace.save_answer(self.id, answer, feedback.correct)

    def show(self, workspace=None) -> None:
        """Display the question (with the missing-key notice if any) and the widget."""
        from IPython.display import display

        intro = self.intro()
        display({"text/markdown": intro, "text/plain": intro}, raw=True)
        display(self.widget(workspace))


class ChoiceExercise(_Exercise):
    """Pick one option. ``key``: ``{answer: value, why: text, sentence: id, feedback: {value: text}}``."""

    kind = "choice"

    def __init__(self, exercise_id: str, title: str, question: str, options: Sequence[str | tuple[str, str]],
                 key: dict[str, Any] | None = None, article=None, missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.options = [(o, o) if isinstance(o, str) else (str(o[0]), str(o[1])) for o in options]
        values = [v for _, v in self.options]
        if self._key is not None and str(self._key.get("answer")) not in values:
            # a key that does not fit this article's options is no key
            self._key = None
            self.missing_message = f"the answer key does not match this article's options, so {MISSING_KEY}"

    def check(self, answer: str | None) -> Feedback:
        if answer is None or str(answer) not in [v for _, v in self.options]:
            return Feedback(False, "Choose one of the options first.")
        if self._key is None:
            return self._missing()
        answer = str(answer)
        right = str(self._key["answer"])
        specific = (self._key.get("feedback") or {}).get(answer)
        if answer == right:
            why = self._key.get("why", "")
            where = self._where(self._key.get("sentence") or (right if self.article is not None else None))
            return Feedback(True, " ".join(x for x in (f"Yes: {where}." if where else "Yes.", why) if x))
        hint = specific or self._key.get("hint") or "Read the options again, asking what each sentence does."
        where = self._where(answer) if self.article is not None else answer
        return Feedback(False, f"Not this one: {where}. {hint}")

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = workspace.answer(self.id) if workspace is not None else None
        choice = w.RadioButtons(options=self.options, value=saved if saved in [v for _, v in self.options] else None,
                                description="Your answer:", style={"description_width": "initial"},
                                layout=w.Layout(width="auto"))
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            fb = self.check(choice.value)
            if choice.value is not None:
                self._save(workspace, choice.value, fb)
            self._report(fb)

        button.on_click(on_click)
        self.control, self.button = choice, button
        return w.VBox([choice, button, self.output])


class LabelExercise(_Exercise):
    """Label each item (e.g. sentence) with one of ``labels``. ``key``: ``{labels: {id: label}, why: {id: text}}``."""

    kind = "labels"

    def __init__(self, exercise_id: str, title: str, question: str, items: Sequence[tuple[str, str]],
                 labels: Sequence[str], key: dict[str, Any] | None = None, article=None,
                 missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.items = [(str(i), str(t)) for i, t in items]
        self.labels = [str(x) for x in labels]
        if self._key is not None:
            expected = self._key.get("labels") or {}
            ids = {i for i, _ in self.items}
            if not expected or set(map(str, expected)) - ids or set(map(str, expected.values())) - set(self.labels):
                self._key = None
                self.missing_message = f"the answer key does not match this article's sentences, so {MISSING_KEY}"

    @classmethod
    def over_sentences(cls, exercise_id: str, title: str, question: str, sentences, labels, key=None, article=None):
        return cls(exercise_id, title, question, [(s.id, s.text) for s in sentences], labels, key, article)

    def check(self, answer: dict[str, str | None]) -> Feedback:
        answer = {str(k): v for k, v in (answer or {}).items() if v}
        if not answer:
            return Feedback(False, "Label at least one sentence first.")
        if self._key is None:
            return self._missing()
        expected = {str(k): str(v) for k, v in self._key["labels"].items()}
        why = {str(k): str(v) for k, v in (self._key.get("why") or {}).items()}
        lines, right = [], 0
        for item_id, _ in self.items:
            if item_id not in expected:
                continue
            given = answer.get(item_id)
            if given == expected[item_id]:
                right += 1
                lines.append(f"- {item_id}: “{given}” — right. {why.get(item_id, '')}".rstrip())
            elif given is None:
                lines.append(f"- {item_id}: not labelled yet.")
            else:
                lines.append(f"- {item_id}: you said “{given}”, but look again: {why.get(item_id, 'who is speaking here?')}")
        total = len(expected)
        return Feedback(right == total, f"{right} of {total} right.\n\n" + "\n".join(lines))

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = (workspace.answer(self.id) if workspace is not None else None) or {}
        rows, self.controls = [], {}
        for item_id, text in self.items:
            value = saved.get(item_id) if saved.get(item_id) in self.labels else None
            dropdown = w.Dropdown(options=self.labels, value=value, description=item_id,
                                  style={"description_width": "initial"}, layout=w.Layout(width="20em"))
            self.controls[item_id] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(_clip(text, 400)))]))
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            answer = {k: d.value for k, d in self.controls.items() if d.value is not None}
            fb = self.check(answer)
            if answer:
                self._save(workspace, answer, fb)
            self._report(fb)

        button.on_click(on_click)
        self.button = button
        return w.VBox(rows + [button, self.output])


class FreeTextExercise(_Exercise):
    """A written answer. ``key``: ``{model_answer: text, look_for: [points]}``; not scored automatically."""

    kind = "text"

    def check(self, answer: str | None) -> Feedback:
        if not answer or not str(answer).strip():
            return Feedback(False, "Write your answer first.")
        if self._key is None:
            return self._missing()
        parts = ["Saved. Compare your answer with this model answer:", "", str(self._key.get("model_answer", "")).strip()]
        points = self._key.get("look_for") or []
        if points:
            parts += ["", "A good answer:"] + [f"- {p}" for p in points]
        return Feedback(None, "\n".join(parts).strip())

    def widget(self, workspace=None):
        return self._text_widget(workspace, placeholder="Write your answer here", label="Your answer:",
                                 height="6em", button="Save and compare")


def show_solution(exercise: _Exercise) -> None:
    """Display the key and discussion of an exercise (for cells tagged ``solution``)."""
    from IPython.display import display

    key = exercise._key
    if key is None:
        text = f"{exercise.title}: {exercise.missing_message}."
    else:
        lines = [f"**Solution — {exercise.title}.**"]
        if isinstance(exercise, ChoiceExercise):
            lines.append(f"Answer: {exercise._where(str(key['answer']))}. {key.get('why', '')}")
        elif isinstance(exercise, LabelExercise):
            why = key.get("why") or {}
            lines += [f"- {k}: {v}. {why.get(k, '')}" for k, v in key["labels"].items()]
        else:
            lines.append(str(key.get("model_answer", "")).strip())
            lines += [f"- {p}" for p in key.get("look_for") or []]
        if key.get("discussion"):
            lines += ["", str(key["discussion"]).strip()]
        text = "\n".join(lines)
    display({"text/markdown": text, "text/plain": text}, raw=True)


#: Labels for "whose voice is this sentence?" exercises.
VOICE_LABELS = ("the author's own voice", "a reported view")


class NoteTaker:
    """Highlight a sentence, or a phrase in it, with a note and tags, saved in the workspace."""

    def __init__(self, article, workspace, sentences=None):
        self.article = article
        self.workspace = workspace
        self.sentences = list(sentences) if sentences is not None else list(article.sentences)
        self.output = None

    def save(self, sentence_id: str, note: str = "", tags: str | Sequence[str] = "", phrase: str = ""):
        """Save an annotation on the sentence (or on the first ``phrase`` in it); returns it."""
        from helpers.core.errors import CourseInputError

        sentence = self.article.sentence(sentence_id)
        start, end = sentence.start, sentence.end
        phrase = (phrase or "").strip()
        if phrase:
            at = sentence.text.find(phrase)
            if at < 0:
                raise CourseInputError(None, f"“{phrase}” is not in {sentence_id}",
                                       "copy the phrase exactly from the sentence, or leave it empty to note the whole sentence")
            start, end = sentence.start + at, sentence.start + at + len(phrase)
        if isinstance(tags, str):
            tags = [t.strip() for t in tags.split(",") if t.strip()]
        return self.workspace.annotate(self.article, start, end, note=note.strip(), tags=list(tags))

    def widget(self):
        import ipywidgets as w

        from helpers.core.errors import CourseInputError

        style = {"description_width": "initial"}
        which = w.Dropdown(options=sentence_options(self.sentences, 90), value=None, description="Sentence:",
                           style=style, layout=w.Layout(width="100%"))
        phrase = w.Text(description="Phrase (optional):", placeholder="copy words from the sentence",
                        style=style, layout=w.Layout(width="100%"))
        note = w.Textarea(description="Note:", style=style, layout=w.Layout(width="100%", height="4em"))
        tags = w.Text(description="Tags:", placeholder="comma-separated, e.g. frame, evidence", style=style,
                      layout=w.Layout(width="100%"))
        button = w.Button(description="Save note", button_style="primary")
        self.output = w.Output()

        def say(text: str) -> None:
            self.output.outputs = ({"output_type": "display_data", "metadata": {},
                                    "data": {"text/markdown": text, "text/plain": text}},)

        def on_click(_):
            if which.value is None:
                say("Choose a sentence first.")
                return
            try:
                anno = self.save(which.value, note.value, tags.value, phrase.value)
            except CourseInputError as err:
                say(err.problem + ". " + (err.hint or ""))
                return
            note.value, phrase.value = "", ""
            say(f"Saved a note on {which.value}: “{_clip(anno.exact, 120)}”. "
                f"You have {len(self.workspace.annotations)} note(s) on this article.")

        button.on_click(on_click)
        self.controls = {"sentence": which, "phrase": phrase, "note": note, "tags": tags}
        self.button = button
        return w.VBox([which, phrase, note, tags, button, self.output])

    def show(self) -> None:
        from IPython.display import display

        display(self.widget())


# -- lessons 02 and 03 (appended by engineer N2) ------------------------------------------------

#: The voice labels of ``reading.yaml``'s ``voice_key`` and how the exercises show them.
VOICE_KEY_LABELS = {"author_claim": "the author's claim", "reported_view": "a reported view",
                    "statement_of_fact": "a statement of fact", "question": "a question"}


def _html_table(table, caption: str) -> str:
    if not len(table):
        return f"<p><em>{html.escape(caption)}: none.</em></p>"
    body = table.to_html(index=False, border=0, escape=True, classes="data-table")
    return body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)


def _html_output(output, markup: str, plain: str) -> None:
    if output is not None:
        output.outputs = ({"output_type": "display_data", "metadata": {},
                           "data": {"text/html": markup, "text/plain": plain}},)


class VoiceExercise(LabelExercise):
    """Whose voice is each sentence? Built from a pack's ``reading.yaml`` ``voice_key`` by
    :meth:`from_reading`. A contested sentence accepts each of its ``readings``; feedback
    names the cue of every sentence."""

    kind = "voices"

    def __init__(self, exercise_id, title, question, items, labels, key=None, article=None,
                 missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, items, labels, key, article, missing_message)

    @classmethod
    def from_reading(cls, exercise_id: str, title: str, question: str, article, reading: dict[str, Any] | None):
        """The exercise over the sentences of ``reading['voice_key']`` (the first ``UNKEYED_SENTENCES``
        body sentences without a key)."""
        entries = (reading or {}).get("voice_key") or []
        key, problem = _voice_key(article, entries)
        if key is None:  # no key: practise on the opening sentences (a long article would mean thousands of widgets)
            items = [(s.id, s.text) for s in article.sentences[:UNKEYED_SENTENCES]]
        else:
            items = [(sid, article.sentence(sid).text) for sid in key["labels"]]
        exercise = cls(exercise_id, title, question, items, list(VOICE_KEY_LABELS.values()), key, article)
        if problem:
            exercise.missing_message = f"{problem}, so {MISSING_KEY}"
        return exercise

    def check(self, answer: dict[str, str | None]) -> Feedback:
        answer = {str(k): v for k, v in (answer or {}).items() if v}
        if not answer:
            return Feedback(False, "Label at least one sentence first.")
        if self._key is None:
            return self._missing()
        lines, right = [], 0
        for item_id, _ in self.items:
            accepted = self._key["accept"][item_id]
            cue = self._key["cues"].get(item_id)
            look = f"look at “{cue}”" if cue else "look for a reporting cue"
            why = self._key["why"].get(item_id, "")
            given = answer.get(item_id)
            if given is None:
                lines.append(f"- {item_id}: not labelled yet.")
            elif given in accepted:
                right += 1
                contested = " This sentence is contested: " + self._key["readings"][item_id] if len(accepted) > 1 else ""
                lines.append(f"- {item_id}: “{given}” — right; the cue is “{cue}”. {why}{contested}".rstrip())
            else:
                lines.append(f"- {item_id}: you said “{given}”, but {look}: {why}".rstrip())
        total = len(self.items)
        return Feedback(right == total, f"{right} of {total} right.\n\n" + "\n".join(lines))


def _voice_key(article, entries) -> tuple[dict[str, Any] | None, str | None]:
    """``reading.yaml``'s voice_key as an exercise key, or (None, why it does not fit this article)."""
    if not entries:
        return None, None
    labels, accept, cues, why, readings, contested = {}, {}, {}, {}, {}, []
    for entry in entries:
        sid = str(entry.get("sentence", ""))
        try:
            sentence = article.sentence(sid)
        except KeyError:
            return None, f"the voice key names sentence {sid!r}, which this article does not have"
        start = " ".join(str(entry.get("starts_with", "")).split())
        if start and not " ".join(sentence.text.split()).startswith(start):
            return None, f"the voice key's sentence {sid} does not start with “{start}”"
        label = VOICE_KEY_LABELS.get(str(entry.get("label")))
        if label is None:
            return None, f"the voice key gives {sid} the unknown label {entry.get('label')!r}"
        labels[sid] = label
        cues[sid] = " ".join(str(entry.get("cue") or "").split())
        why[sid] = " ".join(str(entry.get("why") or "").split())
        others = [r for r in entry.get("readings") or [] if VOICE_KEY_LABELS.get(str(r.get("label")))]
        accept[sid] = [label] + [VOICE_KEY_LABELS[str(r["label"])] for r in others
                                 if VOICE_KEY_LABELS[str(r["label"])] != label]
        readings[sid] = " ".join(f"read as {VOICE_KEY_LABELS[str(r['label'])]}: {' '.join(str(r.get('why', '')).split())}"
                                 for r in others)
        if entry.get("contested") and others:
            contested.append(sid)
    discussion = ["**Contested sentences** (accept either reading if the student points at the words):"]
    discussion += [f"- {sid}: {readings[sid]}" for sid in contested]
    return ({"labels": labels, "accept": accept, "cues": cues, "why": {k: f"Cue: “{cues[k]}”. {v}" if cues[k] else v
                                                                        for k, v in why.items()},
             "readings": readings, "discussion": "\n".join(discussion) if contested else ""}, None)


class Concordance:
    """Keyword in context for a term the student types (``lookup(term)`` does the work)."""

    def __init__(self, article, term: str = "", width: int = 40):
        self.article, self.term, self.width = article, term, width
        self.output = None

    def lookup(self, term: str):
        """(table, message): the KWIC lines of ``term`` and a one-line summary."""
        from helpers.core.errors import CourseInputError
        from helpers.analysis.reading import kwic

        try:
            table = kwic(self.article, term, self.width)
        except CourseInputError:
            return None, "Type a word or phrase to look up."
        n = len(table)
        where = ", ".join(dict.fromkeys(table["sentence_id"])) if n else ""
        message = (f"“{' '.join(str(term).split())}”: {n} occurrence(s)" + (f", in {where}." if n else
                   ". Try another form (singular, plural) or a shorter phrase."))
        return table, message

    def widget(self):
        import ipywidgets as w

        box = w.Text(value=self.term, placeholder="a word or phrase", description="Term:", continuous_update=False)
        button = w.Button(description="Look up", button_style="primary")
        self.output = w.Output()

        def run(_=None):
            table, message = self.lookup(box.value)
            markup = f"<p>{html.escape(message)}</p>" + (_html_table(table, message) if table is not None else "")
            _html_output(self.output, markup, message)

        button.on_click(run)
        box.observe(run, names="value")
        self.control, self.button = box, button
        return w.VBox([w.HBox([box, button]), self.output])

    def show(self) -> None:
        from IPython.display import display

        display(self.widget())


def export_annotations(workspace, path=None):
    """Write the W3C Web Annotation export of your saved annotations (nothing to write: nothing written)."""
    from IPython.display import display

    if not workspace.annotations:
        text = "Nothing to export yet: save a highlight or a note first, then run this cell again."
        target = None
    else:
        target = workspace.export(path)
        text = (f"Exported {len(workspace.annotations)} annotation(s) as W3C Web Annotations (JSON-LD) to "
                f"{target} in your work folder: any tool that reads Web Annotations can open it.")
    display({"text/markdown": text, "text/plain": text}, raw=True)
    return target


#: The four SIFT moves (Mike Caulfield, "SIFT (The Four Moves)", CC BY 4.0) as worksheet prompts.
SIFT_MOVES = (
    ("stop", "Stop", "What do you know about this source already? What do you need it for?"),
    ("investigate", "Investigate the source", "Who is behind it? What expertise and interests do they have?"),
    ("find", "Find better coverage", "Who else reported this claim? Do they agree?"),
    ("trace", "Trace the claim", "Where did the claim, quote or date first appear, and is it represented fairly here?"),
)
CONFIDENCE_LEVELS = ("high", "medium", "low", "none")


def citation_options(citations) -> list[tuple[str, str]]:
    """(label, citation id) pairs: id, sentence and the citation as written."""
    return [(f"{c.id} · {c.sentence_id} · {_clip(c.raw, 70)}", c.id) for c in citations]


class SiftWorksheet:
    """A SIFT worksheet per citation, saved as an annotation on the citation (tags ``sift`` and its id),
    so it reloads with your work and exports with your annotations."""

    def __init__(self, article, citations, workspace):
        self.article, self.workspace = article, workspace
        self.citations = {c.id: c for c in citations}
        self.output = None

    def saved(self, citation_id: str) -> dict[str, str]:
        """The worksheet saved for a citation: {move: text, 'confidence': …} (empty if none)."""
        value = self.workspace.answer(f"03_sift_{citation_id}") if self.workspace is not None else None
        return dict(value) if isinstance(value, dict) else {}

    def save(self, citation_id: str, answers: dict[str, str]) -> Feedback:
        """Save the worksheet of one citation (replacing an earlier one); say what is still empty."""
        cite = self.citations.get(citation_id)
        if cite is None:
            return Feedback(False, "Choose a citation first.")
        clean = {k: " ".join(str(answers.get(k) or "").split()) for k, _, _ in SIFT_MOVES}
        confidence = str(answers.get("confidence") or "")
        if not any(clean.values()):
            return Feedback(False, "Write at least one move of the worksheet first.")
        clean["confidence"] = confidence if confidence in CONFIDENCE_LEVELS else ""
        for old in [a for a in self.workspace.annotations if "sift" in a.tags and citation_id in a.tags]:
            self.workspace.remove_annotation(old.id)
        note = "\n".join(f"{label}: {clean[k]}" for k, label, _ in SIFT_MOVES if clean[k])
        if clean["confidence"]:
            note += f"\nConfidence: {clean['confidence']}"
        self.workspace.annotate(self.article, cite.start, cite.end, note=note, tags=["sift", citation_id])
        empty = [label for k, label, _ in SIFT_MOVES if not clean[k]]
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
                               style={"description_width": "12em"}) for k, label, prompt in SIFT_MOVES}
        confidence = w.Dropdown(options=[("(how sure are you?)", "")] + [(c, c) for c in CONFIDENCE_LEVELS],
                                description="Confidence:")
        button = w.Button(description="Save worksheet", button_style="primary")
        self.output = w.Output()

        def load(_=None):
            saved = self.saved(chooser.value) if chooser.value else {}
            for k, box in boxes.items():
                box.value = saved.get(k, "")
            confidence.value = saved.get("confidence", "") if saved.get("confidence", "") in CONFIDENCE_LEVELS else ""

        def on_click(_):
            fb = self.save(chooser.value, {**{k: b.value for k, b in boxes.items()}, "confidence": confidence.value})
            self._report(fb)

        chooser.observe(load, names="value")
        button.on_click(on_click)
        load()
        self.controls = {"citation": chooser, "confidence": confidence, **boxes}
        self.button = button
        return w.VBox([chooser, *boxes.values(), confidence, button, self.output])

    def _report(self, feedback: Feedback) -> None:
        if self.output is not None:
            self.output.outputs = ({"output_type": "display_data", "metadata": {},
                                    "data": {"text/markdown": feedback.message, "text/plain": feedback.message}},)

    def show(self) -> None:
        from IPython.display import display

        display(self.widget())


class TraceExercise(_Exercise):
    """Trace one citation: what you found, how, and how sure you are. ``key``: a pack's ``trace.yaml``
    (its ``citations`` list: id, raw, found, how, confidence, note). Checked for a complete record,
    then compared with the instructor's trace of the same citation."""

    kind = "trace"

    def __init__(self, exercise_id: str, title: str, question: str, citations, key: dict[str, Any] | None = None,
                 article=None, missing_message: str = MISSING_KEY):
        entries = (key or {}).get("citations") or []
        super().__init__(exercise_id, title, question, {"citations": entries} if entries else None, article,
                         missing_message)
        self.citations = {c.id: c for c in citations}
        self.discussion = (key or {}).get("single_source_summary")

    def _entry(self, citation_id: str) -> dict[str, Any] | None:
        cite = self.citations[citation_id]
        for e in self._key["citations"]:
            if str(e.get("raw")) == cite.raw and str(e.get("sentence", cite.sentence_id)) == cite.sentence_id:
                return e
        return None

    def check(self, answer: dict[str, str] | None) -> Feedback:
        answer = answer or {}
        cid = answer.get("citation")
        if cid not in self.citations:
            return Feedback(False, "Choose the citation you traced first.")
        found, how = str(answer.get("found") or "").strip(), str(answer.get("how") or "").strip()
        confidence = answer.get("confidence")
        if not found:
            return Feedback(False, "Write what you found. “Not recovered” is a valid result; a guessed name is not.")
        if not how:
            return Feedback(False, "Say how you looked (the route: publisher's page, web archive, reprint, phrase "
                                   "search, primary source) and when: a finding without its route cannot be checked.")
        if confidence not in CONFIDENCE_LEVELS:
            return Feedback(False, "Say how sure you are: high (seen in the source itself), medium, low or none.")
        if self._key is None:
            return Feedback(None, f"Saved. {self.title}: {self.missing_message}.")
        entry = self._entry(cid)
        if entry is None:
            return Feedback(None, f"Saved. The instructor's trace has no entry for {cid}: compare with a partner.")
        theirs = str(entry.get("confidence", "none"))
        report = (f"The instructor's trace of {cid} {self.citations[cid].raw}: found: "
                  f"{' '.join(str(entry.get('found', '')).split())}; how: {entry.get('how', '')}; "
                  f"confidence: {theirs}.")
        rank = {c: i for i, c in enumerate(reversed(CONFIDENCE_LEVELS))}
        if rank[confidence] > rank.get(theirs, 0) + 1:
            return Feedback(False, f"Saved, but check your confidence: you say {confidence}, the instructor's trace "
                                   f"reached only {theirs}. What did you see that it did not? Name the page and the "
                                   f"date you looked. {report}")
        return Feedback(True, f"Saved. A complete record (finding, route, confidence). {report}")

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = (workspace.answer(self.id) if workspace is not None else None) or {}
        chooser = w.Dropdown(options=citation_options(self.citations.values()), description="Citation:",
                             value=saved.get("citation") if saved.get("citation") in self.citations else None,
                             layout=w.Layout(width="100%"))
        found = w.Textarea(value=str(saved.get("found", "")), placeholder="what you found (or: not recovered)",
                           description="Found:", layout=w.Layout(width="100%"))
        how = w.Textarea(value=str(saved.get("how", "")), placeholder="how and when you looked",
                         description="How:", layout=w.Layout(width="100%"))
        confidence = w.Dropdown(options=list(CONFIDENCE_LEVELS), description="Confidence:",
                                value=saved.get("confidence") if saved.get("confidence") in CONFIDENCE_LEVELS else None)
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            answer = {"citation": chooser.value, "found": found.value, "how": how.value,
                      "confidence": confidence.value}
            fb = self.check(answer)
            if chooser.value and (found.value.strip() or how.value.strip()):
                self._save(workspace, answer, fb)
            self._report(fb)

        button.on_click(on_click)
        self.controls = {"citation": chooser, "found": found, "how": how, "confidence": confidence}
        self.button = button
        return w.VBox([chooser, found, how, confidence, button, self.output])


# -- lessons 04 and 05: files in the work folder, actor lists, the critique (engineer N3) ----

def _fold(text: Any) -> str:
    return " ".join(str(text).split()).casefold()




def parse_yaml_text(text: str, where: str) -> tuple[Any, str | None]:
    """``(data, None)`` for valid YAML, else ``(None, message naming the line and what to do)``."""
    import yaml

    try:
        return yaml.safe_load(text), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, (f"{where}{line}: this is not valid YAML ({problem}). Check the indentation (spaces, "
                      "not tabs) and that every 'key:' is followed by a space.")


class YamlFileExercise(_Exercise):
    """Edit a YAML file kept in the student's work folder (``<article id>.<filename>``).

    ``review(data, text)`` returns the :class:`Feedback` for parsed data. The file is saved
    (atomically) whenever the student checks it, valid or not, so no work is lost; running the
    notebook only reads it (:meth:`load`).
    """

    kind = "yaml"

    def __init__(self, exercise_id: str, title: str, question: str, filename: str, template: str,
                 review, article=None, key: dict[str, Any] | None = None):
        super().__init__(exercise_id, title, question, key, article)
        self.filename = filename
        self.template = template
        self.review = review

    @property
    def has_key(self) -> bool:
        return True  # checked by ``review``; ``_key`` only holds the model answer for show_solution

    def path(self, workspace):
        return workspace.folder / f"{workspace.article_id}.{self.filename}"

    def saved_text(self, workspace) -> str | None:
        if workspace is None:
            return None
        p = self.path(workspace)
        return p.read_text(encoding="utf-8") if p.is_file() else None

    def load(self, workspace) -> Any:
        """The saved file's data if it exists and is valid, else ``None``."""
        text = self.saved_text(workspace)
        if text is None:
            return None
        data, problem = parse_yaml_text(text, self.filename)
        return None if problem else data

    def check(self, text: str | None) -> Feedback:
        if not text or not str(text).strip():
            return Feedback(False, "The file is empty: start from the template.")
        data, problem = parse_yaml_text(str(text), self.filename)
        if problem:
            return Feedback(False, problem)
        return self.review(data, str(text))

    def save(self, workspace, text: str, feedback: Feedback):
        path = self.path(workspace)
        atomic_write(path, str(text))
        workspace.save_answer(self.id, {"file": path.name}, feedback.correct)
        return path

    def widget(self, workspace=None):
        import ipywidgets as w

        box = w.Textarea(value=self.saved_text(workspace) or self.template, description=f"{self.filename}:",
                         style={"description_width": "initial"}, layout=w.Layout(width="100%", height="16em"))
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            fb = self.check(box.value)
            if workspace is not None and box.value.strip():
                where = self.save(workspace, box.value, fb)
                fb = Feedback(fb.correct, f"{fb.message}\n\nSaved to `{where}`. Run the notebook again to use it.")
            self._report(fb)

        button.on_click(on_click)
        self.control, self.button = box, button
        return w.VBox([box, button, self.output])


def merged_overrides(pack_overrides: Any, mine: Any) -> dict[str, Any]:
    """The pack's actor overrides (a path, dict or None) with a student's added after them."""
    from helpers.analysis.actors import load_overrides

    base = load_overrides(pack_overrides)
    extra = load_overrides(mine) if mine else {"actors": [], "ignore": []}
    return {"actors": base["actors"] + extra["actors"], "ignore": base["ignore"] + extra["ignore"]}


def actor_changes(before, after) -> list[str]:
    """What changed between two actor analyses, one line per actor added, dropped or re-counted."""
    old = {a.name: a for a in before.actors}
    new = {a.name: a for a in after.actors}
    lines = []
    for name, a in new.items():
        where = ", ".join(dict.fromkeys(m.sentence_id for m in a.mentions)) or "no mention found"
        if name not in old:
            lines.append(f"added **{name}** ({a.type}): {len(a.mentions)} mention(s) in {where}")
        elif len(a.mentions) != len(old[name].mentions) or a.type != old[name].type:
            lines.append(f"changed **{name}**: {len(old[name].mentions)} → {len(a.mentions)} mention(s), "
                         f"type {old[name].type} → {a.type}")
    lines += [f"dropped **{name}**" for name in old if name not in new]
    return lines


class OverridesExercise(YamlFileExercise):
    """:class:`YamlFileExercise` for actor overrides; :meth:`apply` re-runs the actor analysis with them."""

    def apply(self, workspace):
        """The actor analysis with the pack's overrides and your saved ones (the machine's when you have none)."""
        from helpers.analysis.actors import extract_actors

        mine = self.load(workspace)
        if not isinstance(mine, dict):
            return self.base
        try:
            return extract_actors(self.article, overrides=merged_overrides(self.pack_overrides, mine))
        except Exception:  # a saved file that no longer validates: keep the machine's table
            return self.base


def overrides_exercise(article, base, key: dict[str, Any] | None = None, title: str = "Exercise",
                       exercise_id: str = "04_correct_actors") -> OverridesExercise:
    """Correct the actor table through an overrides file in the work folder.

    ``base`` is the machine's :class:`~helpers.analysis.actors.ActorAnalysis`; the review re-runs
    ``extract_actors`` with the pack's and the student's overrides and reports the change.
    """
    from helpers.analysis.actors import extract_actors
    from helpers.core.errors import CourseInputError

    pack_overrides = load_pack(article).overrides_path()

    template = ("# Your corrections to the actor table (kept in your work folder, never in data/).\n"
                "# Add an actor the machine missed, with the words that refer to it in the text,\n"
                "# or list strings that are not actors under 'ignore'.\n"
                "actors:\n"
                "  - name: Full name of the actor\n"
                "    type: person        # state, person, organization, media or group\n"
                "    aliases: [words in the text that refer to it]\n"
                "ignore: []\n")

    def review(data, text):
        if not isinstance(data, dict):
            return Feedback(False, "Write a mapping with 'actors:' and 'ignore:' (see the template).")
        try:
            merged = merged_overrides(pack_overrides, data)
        except CourseInputError as exc:
            return Feedback(False, f"{exc.problem}. {exc.hint or ''}".strip())
        placeholder = [a["name"] for a in merged["actors"] if a["name"] == "Full name of the actor"]
        if placeholder:
            return Feedback(False, "Replace the template's 'Full name of the actor' with a real actor.")
        after = extract_actors(article, overrides=merged)
        lines = actor_changes(base, after)
        unmatched = [a["name"] for a in (data.get("actors") or []) if isinstance(a, dict)
                     and not any(x.name == a.get("name") and x.mentions for x in after.actors)]
        if unmatched:
            return Feedback(False, f"No words of the text matched {', '.join(map(str, unmatched))}: check that each alias "
                                   "is written exactly as in the article (case, apostrophes).")
        if not lines:
            return Feedback(False, "The file is valid, but the actor table is unchanged: add an actor the machine "
                                   "missed or a string to ignore.")
        return Feedback(True, "Your corrections change the actor table:\n\n" + "\n".join(f"- {x}" for x in lines))

    exercise = OverridesExercise(exercise_id, title,
                                 "Correct the machine's actor table: add an actor it missed (for example a person the "
                                 "text refers to only by a relation or a role), or tell it to ignore a string that is "
                                 "not an actor. Check and save, then run the notebook again and watch the table and the "
                                 "map change.", "actors.yaml", template, review, article, key)
    exercise.base, exercise.pack_overrides = base, pack_overrides
    return exercise


class ActorListExercise(_Exercise):
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
            wanted = [a["name"] for a in self._key.get("actors") or []]
            mine = score_names(names, self._key.get("actors") or []).to_dict()
            forbidden = {_fold(x) for x in self._key.get("not_actors") or []}
            wrong = [n for n in names if _fold(n) in forbidden]
            correct = mine["recall"] == 1.0 and not wrong
            lines.append(f"\nAgainst the answer key ({len(wanted)} actors): your list finds {mine['recall']:.0%} of them"
                         + (f"; you missed {', '.join(mine['missed'])}" if mine["missed"] else "") + ".")
            if wrong:
                lines.append(f"- not actors in this text: {', '.join(wrong)} (a place, a region or an eponym?)")
        return Feedback(correct, "\n".join(lines))

    def widget(self, workspace=None):
        return self._text_widget(workspace, placeholder="One actor per line", label="Your list:",
                                 height="10em", button="Score the machine")


def conclusion_voice_exercise(article, amap, title: str = "Exercise",
                              exercise_id: str = "05_conclusion_voice") -> ChoiceExercise:
    """Whose view is the conclusion? The key is the voice the pack's argument map gives its
    conclusion (author, reported or contested) with the map's note as the reason."""
    options = [("the author's own view", "author"), ("someone else's view, reported by the author", "reported"),
               ("the text does not settle it: both readings can be defended", "contested")]
    conclusion = next((s for s in (amap.statements if amap is not None else []) if s.kind == "conclusion"), None)
    key = None
    if conclusion is not None:
        note = " ".join((conclusion.note or "").split())
        who = f" ({conclusion.speaker})" if conclusion.speaker else ""
        key = {"answer": conclusion.voice, "sentence": conclusion.sentences[0] if conclusion.sentences else None,
               "why": f"The argument map codes it as voice '{conclusion.voice}'{who}. {note}".strip(),
               "hint": "Look for a reporting cue (says, writes, implies, in their view) in the sentence and in the "
                       "sentences just before and after it. " + note}
    where = f" ({', '.join(conclusion.sentences)})" if conclusion is not None else ""
    return ChoiceExercise(exercise_id, title, f"Read the conclusion{where}. Whose view is it?", options, key, article)


def count_words(text: str | None) -> int:
    import re

    return len(re.findall(r"[^\W_]+(?:[’'\-][^\W_]+)*", str(text or "")))


class CritiqueExercise(_Exercise):
    """A written critique scored with a rubric (``critique.yaml``: ``rubric`` with ``standards``,
    ``target_words``, ``levels``). The widget counts words as you type; you score yourself on each
    standard; the check tests what a machine can: length, quotations copied exactly from the
    article, sentence ids that exist."""

    kind = "critique"

    def __init__(self, exercise_id: str, title: str, question: str, rubric: dict[str, Any] | None, article=None,
                 key: dict[str, Any] | None = None):
        super().__init__(exercise_id, title, question, key, article)
        self.rubric = rubric or {}
        self.target = int(self.rubric.get("target_words") or 300)
        self.standards = [str(s.get("name")) for s in self.rubric.get("standards") or [] if s.get("name")] \
            or list(critique_standards())
        self.levels = [int(x) for x in sorted((self.rubric.get("levels") or {0: "", 1: "", 2: "", 3: ""}).keys())]

    def intro(self) -> str:
        return f"**{self.title}.** {self.question}"

    def check(self, answer: Any) -> Feedback:
        import re

        text = answer.get("text", "") if isinstance(answer, dict) else str(answer or "")
        scores = answer.get("scores", {}) if isinstance(answer, dict) else {}
        words = count_words(text)
        if not words:
            return Feedback(False, "Write your critique first.")
        low, high = round(self.target * 0.9), round(self.target * 1.1)
        problems, good = [], []
        if words < low:
            problems.append(f"{words} words: too short for a {self.target}-word critique (aim for {low}–{high}); "
                            "use the standards you scored lowest to say more.")
        elif words > high:
            problems.append(f"{words} words: too long (aim for {low}–{high}); cut what is least significant.")
        else:
            good.append(f"{words} words: within {low}–{high}.")
        quotes = [q for q in re.findall(r"[“\"]([^”\"]{3,})[”\"]", text)]
        if self.article is not None:
            flat = " ".join(self.article.text.split())
            wrong = [q for q in quotes if " ".join(q.split()) not in flat]
            if wrong:
                problems.append("accuracy: not copied exactly from the article: " + "; ".join(f"“{q}”" for q in wrong))
            elif quotes:
                good.append(f"accuracy: all {len(quotes)} quotation(s) are copied exactly from the article.")
            ids = re.findall(r"\bp\d+\.s\d+\b", text)
            known = {s.id for s in self.article.sentences}
            bad = [i for i in ids if i not in known]
            if bad:
                problems.append(f"precision: these sentence ids are not in the article: {', '.join(bad)}")
            elif ids:
                good.append(f"precision: you point at {len(set(ids))} sentence(s) by id.")
            elif not quotes:
                problems.append("precision: point at the text: quote it exactly or give sentence ids such as p3.s2.")
        scored = {k: int(v) for k, v in (scores or {}).items() if k in self.standards and v is not None}
        lines = [f"- {x}" for x in good + problems]
        if self.standards:
            total = sum(scored.values())
            top = max(self.levels) * len(self.standards)
            lines.append(f"\nYour self-assessment: {total} of {top} "
                         f"({len(scored)} of {len(self.standards)} standards scored).")
            weak = [k for k, v in scored.items() if v == min(scored.values())] if scored else []
            if weak and len(scored) == len(self.standards):
                lines.append(f"Revise first for: {', '.join(weak)}.")
        return Feedback(not problems, "\n".join(lines).strip())

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = (workspace.answer(self.id) if workspace is not None else None) or {}
        text = saved.get("text", "") if isinstance(saved, dict) else ""
        box = w.Textarea(value=text, placeholder=f"Your critique, about {self.target} words", description="Your critique:",
                         style={"description_width": "initial"}, layout=w.Layout(width="100%", height="18em"))
        counter = w.HTML(f"{count_words(text)} / {self.target} words")
        box.observe(lambda change: setattr(counter, "value", f"{count_words(change['new'])} / {self.target} words"),
                    names="value")
        saved_scores = saved.get("scores", {}) if isinstance(saved, dict) else {}
        self.scores = {}
        rows = []
        for name in self.standards:
            value = saved_scores.get(name) if saved_scores.get(name) in self.levels else None
            dd = w.Dropdown(options=[("not scored", None)] + [(str(x), x) for x in self.levels], value=value,
                            description=f"{name}:", style={"description_width": "8em"}, layout=w.Layout(width="18em"))
            self.scores[name] = dd
            rows.append(dd)
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            answer = {"text": box.value, "scores": {k: d.value for k, d in self.scores.items() if d.value is not None}}
            fb = self.check(answer)
            if box.value.strip():
                self._save(workspace, answer, fb)
            self._report(fb)

        button.on_click(on_click)
        self.control, self.button, self.counter = box, button, counter
        return w.VBox([box, counter, w.HTML("<b>Score yourself on each standard</b>")] + rows + [button, self.output])


def argument_map_exercise(article, amap, paragraph: int, scheme_ids=None, key: dict[str, Any] | None = None,
                          title: str = "Exercise", exercise_id: str = "05_amend_map") -> YamlFileExercise:
    """Build or amend the argument map of one paragraph as YAML in the work folder, checked by
    ``helpers.analysis.arguments.validate_argument_map`` (messages name the statement and the problem).

    The template holds the pack map's statements from that paragraph and the relations between
    them (without the pack's notes), or a one-statement skeleton when the pack has no map.
    """
    import yaml

    from helpers.analysis.arguments import validate_argument_map

    prefix = f"p{paragraph}."
    if amap is not None:
        chosen = [s for s in amap.statements if any(x.startswith(prefix) for x in s.sentences)]
        ids = {s.id for s in chosen}
        # the pack's notes are its reasons (some are exercise keys): the student writes their own
        data = {"statements": [{**{k: v for k, v in s.to_dict().items() if v not in (None, []) and k != "note"},
                                **({"note": "write why the voice is unclear"} if s.voice == "contested" else {})}
                               for s in chosen],
                "relations": [{k: v for k, v in r.to_dict().items() if v is not None and k != "note"}
                              for r in amap.relations if r.source in ids and r.target in ids]}
    else:
        chosen, data = [], {}
    if not chosen:
        first = article.paragraph(paragraph).sentences[0].id if article.paragraphs else "p1.s1"
        data = {"statements": [{"id": "S1", "kind": "claim", "voice": "author", "text": "Say in your own words what it claims.",
                                "sentences": [first]}], "relations": []}
    template = (f"# The argument map of paragraph {paragraph}: amend it or build your own.\n"
                "# kind: claim | premise | question | conclusion; voice: author | reported (+ speaker) | contested (+ note)\n"
                "# relations: {from: id, to: id, type: support | attack}\n"
                + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    pack_ids = set(amap.ids) if amap is not None else set()
    pack_pairs = {(r.source, r.target, r.type) for r in amap.relations} if amap is not None else set()
    filename = f"argument-p{paragraph}.yaml"

    def review(data, text):
        problems = validate_argument_map(data, article, path=filename, text=text, scheme_ids=scheme_ids)
        if problems:
            return Feedback(False, f"{len(problems)} problem(s) to fix:\n\n" + "\n".join(f"- {p}" for p in problems))
        statements = data.get("statements") or []
        relations = data.get("relations") or []
        new = [s["id"] for s in statements if s["id"] not in pack_ids]
        changed = [f"{r['from']} → {r['to']} ({r['type']})" for r in relations
                   if (r["from"], r["to"], r["type"]) not in pack_pairs]
        lines = [f"Valid: {len(statements)} statement(s), {len(relations)} relation(s), every sentence id, quote and "
                 "citation checked against the article."]
        if amap is not None:
            lines.append(f"- statements not in the pack's map: {', '.join(new) if new else 'none'}")
            lines.append(f"- relations not in the pack's map: {', '.join(changed) if changed else 'none'}")
            lines.append("Where you differ from the pack, say why in a `note:`: a map is a reading, not a fact.")
        return Feedback(True, "\n".join(lines))

    return YamlFileExercise(exercise_id, title,
                            f"Amend the argument map of paragraph {paragraph} (or build your own): add a premise the "
                            "map leaves out, change a voice you read differently, or add a support or attack. "
                            "Check and save: the validator names any statement with a problem.",
                            filename, template, review, article, key)


class ExportButton:
    """A button that writes files to the student's work folder (nothing is written before the click)."""

    def __init__(self, label: str, files: dict[str, Any], workspace):
        self.label = label
        self.files = files            # file name -> callable returning the text
        self.workspace = workspace
        self.output = None

    def export(self) -> list:
        paths = []
        for name, make in self.files.items():
            path = self.workspace.folder / f"{self.workspace.article_id}.{name}"
            atomic_write(path, make())
            paths.append(path)
        return paths

    def show(self) -> None:
        import ipywidgets as w
        from IPython.display import display

        button = w.Button(description=self.label, button_style="primary", layout=w.Layout(width="auto"))
        self.output = w.Output()

        def on_click(_):
            paths = self.export()
            message = "Written to your work folder:\n\n" + "\n".join(f"- `{p}`" for p in paths)
            self.output.outputs = ({"output_type": "display_data", "metadata": {},
                                    "data": {"text/markdown": message, "text/plain": message}},)

        button.on_click(on_click)
        self.button = button
        display(w.VBox([button, self.output]))


def json_text(data: Any) -> str:
    """``data`` as indented JSON text (for files a student exports)."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
