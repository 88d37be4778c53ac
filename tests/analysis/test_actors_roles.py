"""helpers.analysis.actors.roles: role phrases resolve to the person they fit; a possessive state
gives a nationality."""

from __future__ import annotations

from helpers.analysis.actors import extract_actors
from support import make_article


def test_role_phrases_resolve_to_the_latest_compatible_person():
    art = make_article(
        "Norwegian Trade Minister Ola Nordmann met Jana Novak, a Czech economist, in Oslo.",
        "The Czech economist said the plan was late. The minister disagreed, and Nordmann left.")
    result = extract_actors(art)
    novak = result.actor("Jana Novak")
    nordmann = result.actor("Ola Nordmann")
    assert "The Czech economist" in novak.aliases
    assert {"The minister", "Nordmann"} <= set(nordmann.aliases)
    assert result.actor("Czech Republic") is None or "The Czech economist" not in result.actor("Czech Republic").aliases


def test_a_possessive_state_gives_the_nationality():
    art = make_article("Russia’s Foreign Minister Sergei Lavrov met Iran’s Foreign Minister Hossein Amir-Abdollahian. "
                   "Later the Russian minister spoke.")
    result = extract_actors(art)
    assert "the Russian minister" in result.actor("Sergei Lavrov").aliases      # not the minister named last
    assert result.actor("Hossein Amir-Abdollahian").type == "person"
