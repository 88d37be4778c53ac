"""Showing things in a notebook: charts, tables, notes and quotations as raw mimebundles.

* :func:`show` displays a chart (Altair, or a ready Vega-Lite spec in a :class:`SpecChart`) as a
  raw ``application/vnd.vegalite.v5+json`` bundle — rendered offline by JupyterLab and by the
  site build, never loading Vega from the network — followed by its data table.
* :func:`show_table` displays a table as HTML with a caption (:func:`table_html`).
* :func:`show_note` and :func:`show_markdown` display Markdown; :func:`show_quote` a passage of
  the article, made inert by :func:`md_text` (article text is untrusted input).
* :func:`make_table` is the one way the views build their small tables.

Every chart needs a title and a ``description`` for screen readers (:func:`chart_spec` refuses
one without) and carries its data inline.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
VEGALITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: The width of a full-width chart, in pixels.
CHART_WIDTH = 560


# -- charts ------------------------------------------------------------------------------------

class SpecChart:
    """A ready Vega-Lite specification (a dict) that :func:`show` displays like an Altair chart."""

    def __init__(self, spec: dict[str, Any]):
        self.spec = spec

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.spec, default=str))


def chart_spec(chart) -> dict[str, Any]:
    """The chart as plain, deterministic Vega-Lite JSON (sorted keys, inline data, v5 schema id)."""
    spec = chart.to_dict()
    spec["$schema"] = VEGALITE_SCHEMA
    if spec.get("config") == {"view": {"continuousWidth": 300, "continuousHeight": 300}}:
        del spec["config"]  # Altair's default, noise in the saved notebook
    _check_inline(spec)
    for key in ("title", "description"):
        if not spec.get(key):
            raise ValueError(f"chart has no {key}: every chart needs a title and a description")
    return json.loads(json.dumps(spec, sort_keys=True, default=str))


def _check_inline(spec: Any) -> None:
    if isinstance(spec, dict):
        if "url" in spec and isinstance(spec.get("url"), str):
            raise ValueError("chart data must be inline values, not a URL")
        for value in spec.values():
            _check_inline(value)
    elif isinstance(spec, list):
        for value in spec:
            _check_inline(value)


def chart_title(spec: dict[str, Any]) -> str:
    """The title text of a Vega-Lite spec (a plain title, or the ``text`` of a title with a subtitle)."""
    return spec["title"] if isinstance(spec["title"], str) else spec["title"].get("text", "")


def chart_bundle(chart) -> dict[str, Any]:
    """The raw mimebundle for a chart: Vega-Lite JSON plus a text alternative."""
    spec = chart_spec(chart)
    return {VEGALITE_MIME: spec, "text/plain": f"{chart_title(spec)}: {spec['description']}"}


def chart_values(table) -> list[dict[str, Any]]:
    """A table's rows as the inline ``values`` of a chart (plain JSON types)."""
    return json.loads(table.to_json(orient="records"))


def show(chart, table, caption: str | None = None) -> None:
    """Display a chart (raw Vega-Lite mimebundle) and, right after, its data table."""
    from IPython.display import display

    bundle = chart_bundle(chart)
    display(bundle, raw=True)
    show_table(table, caption or f"Data for the chart “{chart_title(bundle[VEGALITE_MIME])}”")


# -- tables ------------------------------------------------------------------------------------

def make_table(rows: list[dict[str, Any]], columns: list[str]):
    """A table (pandas ``DataFrame``) of ``rows`` with exactly ``columns``, in that order."""
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def table_html(table, caption: str) -> str:
    """A small HTML table (no index) with a caption."""
    body = table.to_html(index=False, border=0, na_rep="", escape=True, classes="data-table")
    return body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)


def show_table(table, caption: str) -> None:
    """Display a table as HTML with a caption (and plain text for other front ends)."""
    from IPython.display import display

    plain = f"{caption}\n{table.to_string(index=False)}" if len(table) else f"{caption}\n(no rows)"
    display({"text/html": table_html(table, caption), "text/plain": plain}, raw=True)


# -- notes and quotations ----------------------------------------------------------------------

def show_markdown(text: str) -> None:
    """Display Markdown text (the same text as the plain alternative)."""
    from IPython.display import display

    display({"text/markdown": text, "text/plain": text}, raw=True)


def show_note(text: Any, heading: str | None = None) -> None:
    """Display a lesson note (Markdown text, or a list of points) from the pack or the metadata."""
    if isinstance(text, (list, tuple)):
        body = "\n".join(f"- {item}" for item in text)
    elif isinstance(text, dict):
        body = "\n".join(f"- **{k}**: {v}" for k, v in text.items())
    else:
        body = str(text).strip()
    if heading:
        body = f"**{heading}**\n\n{body}"
    show_markdown(body)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def md_text(text: Any) -> str:
    """Article text made inert inside Markdown: HTML escaped, Markdown syntax backslash-escaped.

    Article text is untrusted input: a ``<script>`` or ``[x](javascript:…)`` in it must show as
    text in the built site, never run or link. Pack notes (course data) are Markdown on purpose
    and are not passed through this.
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def show_quote(text: str, where: str) -> None:
    """Display a passage of the article as a block quote, with where it is (e.g. 'p1')."""
    from IPython.display import display

    body = "\n".join(f"> {md_text(line)}" for line in text.splitlines()) + f"\n>\n> — {md_text(where)}"
    display({"text/markdown": body, "text/plain": f"{text}\n— {where}"}, raw=True)


def one_line(value: Any) -> str:
    """A value from a pack file as text on one line (``None`` and empty values as "")."""
    return " ".join(str(value or "").split())
