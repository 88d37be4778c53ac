"""The argument map drawn: a Vega-Lite specification of ``helpers.analysis.arguments``'
``diagram_data`` (statements as points in layers, supports and attacks as lines)."""

from __future__ import annotations

from typing import Any

from helpers.analysis.arguments import VOICES, ArgumentMap, diagram_data


def to_vega_lite(amap: ArgumentMap, *, width: int = 720) -> dict[str, Any]:
    """A Vega-Lite specification (plain dict, data inline) of the map; no network needed to draw it."""
    nodes, edges = diagram_data(amap)
    layers = int(nodes["layer"].max()) + 1 if len(nodes) else 1
    title = amap.title or f"Argument map of {amap.article or 'the article'}"
    scale_x = {"field": "x", "type": "quantitative", "axis": None, "scale": {"zero": False, "nice": False}}
    scale_y = {"field": "y", "type": "quantitative", "axis": None, "scale": {"reverse": True, "zero": False}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "description": (f"Argument map with {len(nodes)} statements and {len(edges)} relations "
                        f"({(edges['type'] == 'support').sum()} supports, {(edges['type'] == 'attack').sum()} attacks); "
                        "questions and main claims at the top, their supports and attacks below."),
        "width": width, "height": 110 * layers,
        "layer": [
            {"data": {"values": edges.to_dict("records")},
             "mark": {"type": "rule", "strokeWidth": 2},
             "encoding": {"x": scale_x, "y": scale_y,
                          "x2": {"field": "x2"}, "y2": {"field": "y2"},
                          "color": {"field": "type", "type": "nominal", "title": "relation",
                                    "scale": {"domain": ["support", "attack"], "range": ["#1b7837", "#b2182b"]}},
                          "strokeDash": {"field": "type", "type": "nominal", "title": "relation",
                                         "scale": {"domain": ["support", "attack"], "range": [[1, 0], [6, 4]]}},
                          "tooltip": [{"field": "from"}, {"field": "type"}, {"field": "to"}, {"field": "scheme"}]}},
            {"data": {"values": nodes.to_dict("records")},
             "mark": {"type": "point", "filled": True, "size": 260},
             "encoding": {"x": scale_x, "y": scale_y,
                          "shape": {"field": "kind", "type": "nominal", "title": "kind"},
                          "color": {"field": "voice", "type": "nominal", "title": "voice",
                                    "scale": {"domain": list(VOICES), "range": ["#2166ac", "#7f7f7f", "#e08214"]}},
                          "tooltip": [{"field": "id"}, {"field": "kind"}, {"field": "voice"}, {"field": "speaker"},
                                      {"field": "text"}, {"field": "sentences"}, {"field": "citations"}]}},
            {"data": {"values": nodes.to_dict("records")},
             "mark": {"type": "text", "dy": -16, "fontSize": 11},
             "encoding": {"x": scale_x, "y": scale_y, "text": {"field": "id"}}},
        ],
    }
