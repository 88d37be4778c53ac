"""Layer 3, analysis: citations, sources, quotations, actors, stance, discourse and arguments.
Every analysis returns plain data (dataclasses with ``to_dict()``, lists, DataFrames), never
anything drawn or displayed. Imports core and model."""
