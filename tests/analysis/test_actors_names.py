"""helpers.analysis.actors.names and .places: the longest candidate wins; eponyms, places and gulfs
are no actors."""

from __future__ import annotations

from helpers.analysis.actors import extract_actors
from support import make_article


def test_longest_match_wins_for_outlets_fleets_and_portals():
    art = make_article("The Kyiv Post reported that the Black Sea Fleet left Sevastopol. "
                   "Kyiv protested, and the online portal New Era agreed.")
    result = extract_actors(art)
    assert result.actor("Kyiv Post").type == "media"
    assert result.actor("Black Sea Fleet").type == "organization"
    assert result.actor("New Era").type == "media"
    ukraine = result.actor("Ukraine")
    assert ukraine is not None and [m.text for m in ukraine.mentions] == ["Kyiv"]


def test_eponyms_places_and_gulfs_are_not_actors():
    art = make_article("A Steinmeier-type arrangement was floated in Moscow. The Gulf of Finland froze, "
                   "and a Tallinn-based analyst, Marten Kask, said Estonia would wait.")
    result = extract_actors(art)
    names = {a.name for a in result.actors}
    assert "Steinmeier" not in names
    assert "Finland" not in names                       # only "Gulf of Finland"
    assert {"Marten Kask", "Estonia"} <= names
    assert [p.text for p in result.places] == ["Moscow", "Tallinn-based"]
    assert result.actor("Marten Kask").type == "person"
