"""Reading tools: widgets without a key, for working on the text rather than answering a question.

* :class:`NoteTaker` — highlight a sentence, or a phrase in it, with a note and tags, saved in
  the workspace as an annotation (exported with ``files.export_annotations``)
* :class:`Concordance` — keyword in context (``helpers.analysis.reading.kwic``) for a term the
  student types
"""

from __future__ import annotations

import html
from typing import Sequence

from helpers.analysis.reading import kwic
from helpers.core.errors import CourseInputError
from helpers.core.text import clip
from helpers.present.display import table_html
from helpers.present.exercises.base import write_markdown, write_output
from helpers.present.exercises.choice import sentence_options


class NoteTaker:
    """Highlight a sentence, or a phrase in it, with a note and tags, saved in the workspace."""

    def __init__(self, article, workspace, sentences=None):
        self.article = article
        self.workspace = workspace
        self.sentences = list(sentences) if sentences is not None else list(article.sentences)
        self.output = None

    def save(self, sentence_id: str, note: str = "", tags: str | Sequence[str] = "", phrase: str = ""):
        """Save an annotation on the sentence (or on the first ``phrase`` in it); returns it."""
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

        def on_click(_):
            if which.value is None:
                write_markdown(self.output, "Choose a sentence first.")
                return
            try:
                anno = self.save(which.value, note.value, tags.value, phrase.value)
            except CourseInputError as err:
                write_markdown(self.output, err.problem + ". " + (err.hint or ""))
                return
            note.value, phrase.value = "", ""
            write_markdown(self.output, f"Saved a note on {which.value}: “{clip(anno.exact, 120)}”. "
                                        f"You have {len(self.workspace.annotations)} note(s) on this article.")

        button.on_click(on_click)
        self.controls = {"sentence": which, "phrase": phrase, "note": note, "tags": tags}
        self.button = button
        return w.VBox([which, phrase, note, tags, button, self.output])

    def show(self) -> None:
        from IPython.display import display

        display(self.widget())


class Concordance:
    """Keyword in context for a term the student types (``lookup(term)`` does the work)."""

    def __init__(self, article, term: str = "", width: int = 40):
        self.article, self.term, self.width = article, term, width
        self.output = None

    def lookup(self, term: str):
        """(table, message): the KWIC lines of ``term`` and a one-line summary."""
        try:
            table = kwic(self.article, term, self.width)
        except CourseInputError:
            return None, "Type a word or phrase to look up."
        n = len(table)
        where = ", ".join(dict.fromkeys(table["sentence_id"])) if n else ""
        message = (f"“{' '.join(str(term).split())}”: {n} occurrence(s)" + (f", in {where}." if n else
                   ". Try another form (singular, plural) or a shorter phrase."))
        return table, message

    @staticmethod
    def _table_html(table, caption: str) -> str:
        if not len(table):
            return f"<p><em>{html.escape(caption)}: none.</em></p>"
        return table_html(table, caption)

    def widget(self):
        import ipywidgets as w

        box = w.Text(value=self.term, placeholder="a word or phrase", description="Term:", continuous_update=False)
        button = w.Button(description="Look up", button_style="primary")
        self.output = w.Output()

        def run(_=None):
            table, message = self.lookup(box.value)
            markup = f"<p>{html.escape(message)}</p>" + (self._table_html(table, message) if table is not None else "")
            write_output(self.output, {"text/html": markup, "text/plain": message})

        button.on_click(run)
        box.observe(run, names="value")
        self.control, self.button = box, button
        return w.VBox([w.HBox([box, button]), self.output])

    def show(self) -> None:
        from IPython.display import display

        display(self.widget())
