"""helpers.analysis.arguments.layout: the statement and relation tables, the layered layout, the
diagram data."""

from __future__ import annotations

from helpers.analysis import arguments as A


def test_tables(amap):
    st = A.statement_table(amap)
    assert list(st["id"]) == amap.ids
    supports = sum(len([x for x in v.split(", ") if x]) for v in st["supports"])
    attacks = sum(len([x for x in v.split(", ") if x]) for v in st["attacks"])
    assert (supports, attacks) == (sum(r.type == "support" for r in amap.relations),
                                   sum(r.type == "attack" for r in amap.relations))
    rt = A.relation_table(amap)
    assert list(rt.columns) == ["from", "to", "type", "scheme", "note"] and len(rt) == len(amap.relations)


def test_layout_is_layered_and_deterministic(amap):
    pos = A.layout(amap)
    assert pos == A.layout(amap)
    targets: dict[str, list[str]] = {i: [] for i in amap.ids}
    for r in amap.relations:
        targets[r.source].append(r.target)
    for sid, (layer, _) in pos.items():
        if not targets[sid]:
            assert layer == 0
        else:  # one below the nearest statement it supports or attacks
            assert layer == 1 + min(pos[t][0] for t in targets[sid]), sid
    for level in {p[0] for p in pos.values()}:
        xs = [x for (lay, x) in pos.values() if lay == level]
        assert len(xs) == len(set(xs))
        assert abs(sum(xs)) < 1e-9  # centred


def test_layout_survives_a_cycle_without_root():
    m = A.argument_map_from_dict({"statements": [
        {"id": "a", "text": "A", "kind": "claim", "voice": "author", "sentences": ["p1.s1"]},
        {"id": "b", "text": "B", "kind": "claim", "voice": "author", "sentences": ["p1.s2"]}],
        "relations": [{"from": "a", "to": "b", "type": "attack"}, {"from": "b", "to": "a", "type": "attack"}]})
    assert A.layout(m) == {"a": (0, 0.0), "b": (1, 0.0)}


def test_diagram_data_matches_the_layout(amap):
    nodes, edges = A.diagram_data(amap)
    assert list(nodes["id"]) == amap.ids and len(edges) == len(amap.relations)
    at = {r.id: (r.x, r.y) for r in nodes.itertuples()}
    for e in edges.to_dict("records"):
        assert (e["x"], e["y"]) == at[e["from"]] and (e["x2"], e["y2"]) == at[e["to"]]
