"""Layer 4, present: what a notebook shows — tables, charts, highlighted text and exercises.
Imports core, model and analysis; never the site or the command line.

* ``display``   — showing things in a notebook: charts as raw Vega-Lite bundles with their data
  tables, captioned tables, notes and quotations (article text made inert)
* ``views``     — one module per subject (article, reading, citations, actors, discourse,
  arguments): its charts and tables
* ``exercises`` — one module per kind of exercise, on a shared base; keys stay in Python
* ``words``     — the two word counts the lessons show
"""
