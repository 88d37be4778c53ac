"""Self-check exercises as ipywidgets, one module per kind of exercise, saved through
``helpers.model.workspace``.

* ``base``    — :class:`~helpers.present.exercises.base.Feedback` and the exercise base class
* ``choice``  — pick one option (a sentence; whose view the conclusion is)
* ``labels``  — label each sentence (e.g. by voice)
* ``text``    — a written answer, checked against what a good answer does; the rubric-scored critique
* ``forms``   — several fields about one citation: the SIFT worksheet and the trace exercise
* ``lists``   — a list of names scored by precision and recall (the actor list)
* ``files``   — YAML files in the work folder (actor overrides, the argument map) and exports
* ``tools``   — reading tools without a key: the note taker and the concordance
* ``roles``, ``stance``, ``trace``, ``statements``, ``reconstruction``, ``schemes`` — paragraph
  roles, stance marked by hand, the trace record, discourse statements coded by hand, an argument
  in standard form, argumentation schemes and their critical questions

``check(answer)`` returns a ``Feedback(correct, message, hints)`` that says why, pointing at
sentence ids; the base class (``base``, whose docstring states the contract) turns it into the hint
ladder: each try shows the message and the next hint, never the answer, which only "Show the
answer" shows (recorded in the saved work). Answers are compared with keys through
``helpers.model.keys.matches``, so sealed keys give the same verdicts. The key and the model
answer stay in Python and never enter widget state, so a page that stores widget state cannot
leak them; ``exercise.show_solution()`` shows them in a cell tagged ``solution``. Importing this
package imports every module, so a notebook can write ``exercises.choice.ChoiceExercise(…)``.
"""

from helpers.present.exercises import (base, choice, files, forms, labels, lists, reconstruction, roles, schemes, stance,
                                       statements, text, tools, trace)

__all__ = ["base", "choice", "files", "forms", "labels", "lists", "reconstruction", "roles", "schemes", "stance",
           "statements", "text", "tools", "trace"]
from helpers.present.exercises import support  # noqa: E402  (what each paragraph rests on, lesson 03)

__all__ += ["support"]
