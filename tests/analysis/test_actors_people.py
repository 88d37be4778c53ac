"""helpers.analysis.actors.people: bare surnames and acronyms are aliases of the names introduced
before."""

from __future__ import annotations

from helpers.analysis.actors import extract_actors
from support import make_article


def test_a_bare_surname_is_the_full_name_mentioned_last():
    art = make_article("President Ilham Aliyev praised his father, former President Heydar Aliyev. Aliyev died "
                   "in 2003. Then Ilham Aliyev spoke, and Aliyev smiled.")
    result = extract_actors(art)
    assert [m.text for m in result.actor("Heydar Aliyev").mentions] == ["Heydar Aliyev", "Aliyev"]
    assert [m.text for m in result.actor("Ilham Aliyev").mentions] == ["Ilham Aliyev", "Ilham Aliyev", "Aliyev"]


def test_an_acronym_introduced_in_parentheses_is_an_alias():
    art = make_article("Jonas Berg, an analyst at the Nordic Freight Institute (NFI), spoke. The NFI agreed.")
    nfi = extract_actors(art).actor("Nordic Freight Institute")
    assert nfi.type == "organization"
    assert [m.text for m in nfi.mentions] == ["Nordic Freight Institute", "NFI", "NFI"]
