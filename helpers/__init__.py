"""Close Reading Lab: shared helpers for the course notebooks, the command line and the build.

Importing this package has no side effects and loads nothing heavy. Its subpackages are its
layers, and data flows one way, lower to higher (checked by import-linter, ``make test``):

    core      errors, paths, files
    model     article, packs, lexicons, workspace
    analysis  citations, sources, quotes, actors, reading, discourse, arguments (plain data)
    present   tables, charts, exercises
    site      parameters, execution, cache, rendering, assets
    cli       ``python -m helpers`` / ``close-reading``
"""

__version__ = "0.1.0"
