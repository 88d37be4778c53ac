"""Reading tools: widgets without a key, for working on the text rather than answering a question.

* :class:`NoteTaker` — highlight a sentence, or a phrase in it, with a note and tags, saved in
  the workspace as an annotation (exported with ``files.export_annotations``); its table of your
  notes refreshes after each save
* :class:`Concordance` — keyword in context (``helpers.analysis.reading.kwic``) for a term the
  student types
"""

from __future__ import annotations

import html
from typing import Sequence

from helpers.analysis.reading import kwic
from helpers.core.errors import CourseInputError
from helpers.core.text import clip, plain
from helpers.present.display import table_html
from helpers.present.exercises.base import not_saved, write_markdown, write_output
from helpers.present.exercises.choice import sentence_options


class NoteTaker:
    """Highlight a sentence, or a phrase in it, with a note and tags, saved in the workspace."""

    def __init__(self, article, workspace, sentences=None):
        self.article = article
        self.workspace = workspace
        self.sentences = list(sentences) if sentences is not None else list(article.sentences)
        self.output = None
        self.notes = None

    def save(self, sentence_id: str, note: str = "", tags: str | Sequence[str] = "", phrase: str = ""):
        """Save an annotation on the sentence (or on the first ``phrase`` in it); returns it."""
        sentence = self.article.sentence(sentence_id)
        start, end = sentence.start, sentence.end
        phrase = (phrase or "").strip()
        if phrase:
            # typed straight marks find the article's typographic ones (plain() keeps every offset)
            at = plain(sentence.text).find(plain(phrase))
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
        self.notes = w.Output()
        self.refresh()

        def on_click(_):
            if which.value is None:
                write_markdown(self.output, "Choose a sentence first.")
                return
            try:
                anno = self.save(which.value, note.value, tags.value, phrase.value)
            except CourseInputError as err:
                write_markdown(self.output, err.problem + ". " + (err.hint or ""))
                return
            except OSError as err:
                write_markdown(self.output, not_saved(err, "your note is still in the box"))
                return
            note.value, phrase.value = "", ""
            write_markdown(self.output, f"Saved a note on {which.value}: “{clip(anno.exact, 120)}”. "
                                        f"You have {len(self.workspace.annotations)} note(s) on this article.")
            self.refresh()

        button.on_click(on_click)
        self.controls = {"sentence": which, "phrase": phrase, "note": note, "tags": tags}
        self.button = button
        return w.VBox([which, phrase, note, tags, button, self.output, *self._unsaved_offer(), self.notes])

    def _unsaved_offer(self) -> list:
        """A line and a button offering back notes an interrupted save left unsaved (nothing when none)."""
        import ipywidgets as w

        leftovers = [x for x in self.workspace.recoverable() if x.annotations]
        self.restore_button = None
        if not leftovers:
            return []
        count = sum(len(x.annotations) for x in leftovers)
        when = leftovers[-1].written
        line = w.HTML(html.escape(f"{'A note' if count == 1 else f'{count} notes'} you typed at {when:%H:%M} "
                                  "was not saved: restore it?"))
        button = w.Button(description="Restore my unsaved notes")

        def on_restore(_):
            try:
                for left in leftovers:
                    self.workspace.restore(left)
            except (OSError, KeyError) as err:
                line.value = html.escape(f"Not restored: {err}; try again.")
                return
            line.value = "Restored and saved."
            button.disabled = True
            self.refresh()

        button.on_click(on_restore)
        self.restore_button = button
        return [w.HBox([line, button])]

    def refresh(self) -> None:
        """Show the saved notes on this article in the notes table (read from the workspace; writes nothing)."""
        if getattr(self, "notes", None) is None:
            return
        table = self.workspace.annotations_table(self.article)
        caption = f"Your notes on this article ({len(table)})"
        if not len(table):
            write_output(self.notes, {"text/html": f"<p><em>{html.escape(caption)}: none yet.</em></p>",
                                      "text/plain": f"{caption}: none yet."})
            return
        shown = table[["sentence", "text", "note", "tags"]].assign(text=[clip(t, 90) for t in table["text"]])
        write_output(self.notes, {"text/html": table_html(shown, caption),
                                  "text/plain": f"{caption}\n{shown.to_string(index=False)}"})

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
