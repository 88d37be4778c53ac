"""Views of discourse statements (``helpers.analysis.discourse``): who says what about which
concept, agreeing or not, in the style of Discourse Network Analysis.

* :func:`statement_rows` / :func:`show_statements` — the statements with the sentence each rests on
* :func:`matrix_table` — the actor × concept matrix of summed agreement
* :func:`two_mode_table` / :func:`two_mode_network` — actors linked to concepts (a two-column network;
  the drawn network leaves out the sentences, which are the key of lesson 04's coding exercise)
"""

from __future__ import annotations

from helpers.analysis.discourse import statement_matrix, two_mode_graph
from helpers.analysis.outline import sentence_text
from helpers.model.packs import MISSING_NOTE
from helpers.present.display import CHART_WIDTH, make_table, show_note, show_table


def statement_rows(article, statements):
    """Discourse statements with the sentence each rests on: actor, concept, agreement, quote, citation."""
    rows = [{"id": s.id, "actor": s.actor, "concept": s.concept, "agreement": f"{s.agreement:+d}" if s.agreement else "0",
             "sentence": s.sentence_id, "quote": s.quote or "", "citation": s.citation or "",
             "sentence text": sentence_text(article, s.sentence_id, 160), "origin": s.origin}
            for s in statements]
    return make_table(rows, ["id", "actor", "concept", "agreement", "sentence", "quote", "citation", "sentence text",
                             "origin"])


def show_statements(article, statements, caption: str, missing: str | None = None) -> None:
    """Display discourse statements as a table, or the pack's missing message when there are none."""
    if statements:
        show_table(statement_rows(article, statements), caption)
    else:
        show_note(missing or MISSING_NOTE, heading=caption)


def matrix_table(statements):
    """The actor x concept matrix of summed agreement (``helpers.analysis.discourse.statement_matrix``) as a
    plain table; empty when there are no statements."""
    statements = list(statements)
    if not statements:
        return make_table([], ["actor"])
    table = statement_matrix(statements).reset_index()
    table.columns.name = None  # no unlabelled header cell in the HTML table
    return table


def two_mode_table(statements):
    """Actor-concept ties of coded statements: summed agreement, count, statement and sentence ids."""
    g = two_mode_graph(statements)
    rows = []
    for a, b, d in g.edges(data=True):
        actor, concept = (a, b) if g.nodes[a]["kind"] == "actor" else (b, a)
        rows.append({"actor": actor, "concept": concept, "agreement": int(d["agreement"]), "statements": int(d["count"]),
                     "ids": ", ".join(d["statements"]), "sentences": ", ".join(d["sentences"])})
    rows.sort(key=lambda r: (r["actor"], r["concept"]))
    return make_table(rows, ["actor", "concept", "agreement", "statements", "ids", "sentences"])


def _column_positions(items) -> dict[str, float]:
    """Vertical positions that centre ``items`` on 0, the first at the top."""
    n = len(items)
    return {x: (n - 1) / 2 - i for i, x in enumerate(items)}


def two_mode_network(statements, title: str = "Who says what: the actor-concept network"):
    """The two-mode network of discourse statements: actors on the left, concepts on the right,
    a line for each actor-concept pair coloured by summed agreement. Returns ``(chart, table)``."""
    import altair as alt

    # the sentence of each tie is the key of lesson 04's coding exercise (actor and sentence): the
    # network shows who speaks on what, not where
    table = two_mode_table(statements).drop(columns=["sentences"])
    actors = sorted(set(table["actor"])) if len(table) else []
    concepts = sorted(set(table["concept"])) if len(table) else []
    ya, yc = _column_positions(actors), _column_positions(concepts)
    nodes = [{"node": a, "kind": "actor", "x": 0.0, "y": ya[a], "align": "right"} for a in actors] + \
        [{"node": c, "kind": "concept", "x": 1.0, "y": yc[c], "align": "left"} for c in concepts]
    edges = []
    for r in table.to_dict("records"):
        sign = "agrees" if r["agreement"] > 0 else "disagrees" if r["agreement"] < 0 else "neutral or mixed"
        edges.append({**r, "position": sign, "x": 0.0, "y": ya[r["actor"]], "x2": 1.0, "y2": yc[r["concept"]]})
    if len(table):
        description = (f"Two-mode network of {len(table)} actor-concept ties from {int(table['statements'].sum())} "
                       f"coded statements: {len(actors)} actors on the left, {len(concepts)} concepts on the right; "
                       "green lines agree, red lines disagree, grey lines are neutral or mixed.")
    else:
        description = "No coded statements, so the network is empty."
    scale = alt.Scale(domain=["agrees", "disagrees", "neutral or mixed"], range=["#1b7837", "#b2182b", "#8c8c8c"])
    x_enc = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.9, 1.9]))
    y_enc = alt.Y("y:Q", axis=None)
    lines = alt.Chart(alt.Data(values=edges)).mark_rule(strokeWidth=2, opacity=0.7).encode(
        x=x_enc, y=y_enc, x2="x2:Q", y2="y2:Q", color=alt.Color("position:N", title="Position", scale=scale),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("concept:N", title="Concept"),
                 alt.Tooltip("agreement:Q", title="Agreement (sum)"), alt.Tooltip("ids:N", title="Statements")])
    base = alt.Chart(alt.Data(values=nodes))
    dots = base.mark_point(filled=True, size=120).encode(x=x_enc, y=y_enc,
                                                         shape=alt.Shape("kind:N", title="Node"),
                                                         tooltip=[alt.Tooltip("node:N", title="Node"),
                                                                  alt.Tooltip("kind:N", title="Kind")])
    left = base.transform_filter("datum.kind == 'actor'").mark_text(align="right", dx=-10).encode(
        x=x_enc, y=y_enc, text="node:N")
    right = base.transform_filter("datum.kind == 'concept'").mark_text(align="left", dx=10).encode(
        x=x_enc, y=y_enc, text="node:N")
    chart = alt.layer(lines, dots, left, right).properties(
        title=title, description=description, width=CHART_WIDTH,
        height=max(160, 28 * max(len(actors), len(concepts), 1)))
    return chart, table
