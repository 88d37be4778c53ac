"""helpers.present.argument_diagram: the seed's argument map drawn offline as Vega-Lite."""

from __future__ import annotations

import json

import pytest

from helpers.analysis import arguments as A
from helpers.core.paths import default_article
from helpers.model.article import load_article
from helpers.model.packs import pack_file
from helpers.present.argument_diagram import to_vega_lite


@pytest.fixture(scope="module")
def amap():
    article = load_article(default_article())
    return A.load_argument_map(pack_file(article, "argument.yaml"), article=article)


def test_vega_lite_spec_renders_offline(amap):
    import vl_convert as vlc

    spec = to_vega_lite(amap)
    json.dumps(spec)  # plain data
    svg = vlc.vegalite_to_svg(spec)
    assert svg.startswith("<svg") and "in-short" in svg and "question" in svg
    assert f"{len(amap.statements)} statements" in spec["description"]
