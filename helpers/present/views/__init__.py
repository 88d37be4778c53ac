"""What the lessons show about each subject, one module per subject: Vega-Lite charts (each with
a title, axis titles, a screen-reader description and its data table) and tables.

* ``article``   — the article as a document: card, headline, paragraph map, dating, losses
* ``reading``   — close reading: guided reading, stance highlighted and counted, glossary, spelling
* ``citations`` — the evidence: citation inventory, timelines, source mix, support, the trace key
* ``actors``    — who acts and speaks: actors, resolutions, places, mentions, voices, ties
* ``discourse`` — discourse statements: table, actor × concept matrix, two-mode network
* ``arguments`` — the argument: outline, map diagram, schemes, critical questions, hindsight, rubric

Chart builders return ``(chart, table)`` for ``helpers.present.display.show``. Importing this
package imports every view module, so a notebook can write ``views.article.paragraph_map(piece)``.
"""

from helpers.present.views import actors, arguments, article, citations, discourse, reading

__all__ = ["actors", "arguments", "article", "citations", "discourse", "reading"]
