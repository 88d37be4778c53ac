"""Self-check exercises as ipywidgets, one module per kind of exercise, saved through
``helpers.model.workspace``.

* ``base``    — :class:`~helpers.present.exercises.base.Feedback` and the exercise base class
* ``choice``  — pick one option (a sentence; whose view the conclusion is)
* ``labels``  — label each sentence (e.g. by voice)
* ``text``    — a written answer, compared with a model answer; the rubric-scored critique
* ``forms``   — several fields about one citation: the SIFT worksheet and the trace record
* ``lists``   — a list of names scored by precision and recall (the actor list)
* ``files``   — YAML files in the work folder (actor overrides, the argument map) and exports
* ``tools``   — reading tools without a key: the note taker and the concordance

``check(answer)`` returns a ``Feedback(correct, message)`` that says why, pointing at sentence
ids. The key and the model answer stay in Python and never enter widget state, so a page that
stores widget state cannot leak them; ``exercise.show_solution()`` shows them in a cell tagged
``solution``. Importing this package imports every module, so a notebook can write
``exercises.choice.ChoiceExercise(…)``.
"""

from helpers.present.exercises import base, choice, files, forms, labels, lists, text, tools

__all__ = ["base", "choice", "files", "forms", "labels", "lists", "text", "tools"]
