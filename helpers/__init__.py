"""Close Reading Lab: shared helpers for the course notebooks, the command line and the build.

Importing this package has no side effects and loads nothing heavy; each module is one
concern (see README). Data flows one way:

    article (load, segment) -> analyses (citations, quotes, actors, reading, arguments)
    -> presentation (charts, widgets) -> build (papermill, nbconvert, the site).
"""

__version__ = "0.1.0"
