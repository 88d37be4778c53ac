"""helpers.present.views.discourse: the two-mode network and the actor × concept matrix of coded
statements, checked against hand-computed results."""

from __future__ import annotations

from helpers.analysis.discourse import DiscourseStatement
from helpers.present.display import chart_spec
from helpers.present.views import discourse as views


def test_two_mode_table_matches_hand_computed():
    s = [DiscourseStatement("d1", "A", "x", 1, "p1.s1", 1), DiscourseStatement("d2", "A", "x", 1, "p1.s2", 1),
         DiscourseStatement("d3", "B", "x", -1, "p2.s1", 2), DiscourseStatement("d4", "B", "y", 0, "p2.s2", 2)]
    table = views.two_mode_table(s)
    got = {(r["actor"], r["concept"]): (r["agreement"], r["statements"], r["ids"]) for r in table.to_dict("records")}
    assert got == {("A", "x"): (2, 2, "d1, d2"), ("B", "x"): (-1, 1, "d3"), ("B", "y"): (0, 1, "d4")}
    spec = chart_spec(views.two_mode_network(s)[0])
    positions = {e["position"] for e in spec["layer"][0]["data"]["values"]}
    assert positions == {"agrees", "disagrees", "neutral or mixed"}
    assert views.matrix_table(s).set_index("actor").loc["B", "x"] == -1
    assert len(views.matrix_table([])) == 0
