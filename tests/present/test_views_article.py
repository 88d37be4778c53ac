"""helpers.present.views.article: the article card (where each fact comes from), the headline split,
the paragraph map, the dating evidence and the losses table."""

from __future__ import annotations

import pytest

from helpers.analysis.citations import extract_citations
from helpers.model.article import parse_article
from helpers.model.packs import load_pack
from helpers.present.display import chart_spec
from helpers.present.views import article as views
from helpers.present.views.citations import citation_timeline


def test_paragraph_map_counts_what_the_article_holds(seed):
    _, table = views.paragraph_map(seed)
    assert list(table["paragraph"]) == [p.number for p in seed.paragraphs]
    assert list(table["words"]) == [len(p.text.split()) for p in seed.paragraphs]
    assert list(table["sentences"]) == [len(p.sentences) for p in seed.paragraphs]
    longest = max(seed.paragraphs, key=lambda p: p.word_count)
    spec = chart_spec(views.paragraph_map(seed)[0])
    assert f"Paragraph {longest.number} is the longest ({longest.word_count} words)" in spec["description"]


def test_citation_timeline_and_dating_use_the_cited_dates(seed, seed_cites):
    cites = seed_cites
    dates = sorted(d for c in cites for s in c.sources for d in s.dates)
    chart, table = citation_timeline(seed, cites)
    assert len(table) == len(dates) and list(table["date"]) == [d.isoformat() for d in dates]
    assert dates[-1].isoformat() in chart_spec(chart)["description"]
    window = views.date_window(seed, cites)
    assert window == {"not_before": dates[-1].isoformat(), "not_after": seed.reference_date().isoformat()}
    dating = views.dating_table(seed, cites).set_index("evidence")
    assert dating.loc["latest date cited", "says"] == dates[-1].isoformat()
    assert dating.loc["year", "says"] == str(seed.year)
    assert "conflict" not in dating.index


def test_dating_flags_a_citation_later_than_the_publication_date():
    text = "Title\n\nBody cites a report (Daily News, May 3, 2020).\n"
    article = parse_article(text, metadata={"date": "2020-04-01"})
    cites = extract_citations(article)
    table = views.dating_table(article, cites).set_index("evidence")
    assert "conflict" in table.index and table.loc["conflict", "kind"] == "problem"


def test_an_article_with_no_citations_still_charts():
    article = parse_article("Title only\n\nOne paragraph without any citation.\n")
    chart, table = citation_timeline(article, [])
    assert len(table) == 0
    assert "cites no dated sources" in chart_spec(chart)["description"]
    assert views.dating_table(article, []).iloc[0]["kind"] == "problem"


@pytest.mark.parametrize("title, claim, qualification", [
    ("Moscow-Baku Rapprochement Continues—But With Tests Ahead", "Moscow-Baku Rapprochement Continues",
     "But With Tests Ahead"),
    ("Trade Grows: Risks Remain", "Trade Grows", "Risks Remain"),
    ("Talks Resume but Doubts Linger", "Talks Resume", "but Doubts Linger"),
    ("A Corridor – With Conditions", "A Corridor", "With Conditions"),
    ("Baku-Moscow Ties Deepen", "Baku-Moscow Ties Deepen", ""),
])
def test_headline_parts(title, claim, qualification):
    assert views.headline_parts(title) == {"claim": claim, "qualification": qualification}


def test_article_card_marks_where_each_fact_comes_from(seed):
    card = views.article_card(seed).set_index("field")
    assert card.loc["title", "value"] == seed.title
    assert card.loc["volume", "value"] == str(seed.metadata["volume"])
    assert card.loc["year", "from"] == seed.metadata["year_source"]
    assert card.loc["author", "value"] == "not named"
    assert card.loc["volume", "from"] == card.loc["publication", "from"] == "the text (publication line)"
    assert card.loc["body", "value"].startswith(f"{len(seed.paragraphs)} paragraphs")
    md = parse_article("---\ntitle: T\npublication: Brief\nvolume: 3\n---\n\nBody text here.\n",
                       metadata={"issue": 9})
    other = views.article_card(md).set_index("field")
    assert other.loc["volume", "from"] == "the file's front matter"
    assert other.loc["issue", "from"] == "metadata (outside the text)"


def test_losses_table_columns(seed):
    table = views.losses_table(load_pack(seed).losses(seed.metadata))
    assert list(table.columns) == ["what", "where", "detail", "recorded in"]
    assert len(table) >= len(seed.metadata["losses"])
    assert "recorded in" in views.losses_table([]).columns
