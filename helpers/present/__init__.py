"""Layer 4, present: what a notebook shows — tables, charts, highlighted text and exercises.
Imports core, model and analysis; never the site or the command line."""
