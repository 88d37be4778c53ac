"""helpers.present.views.reading: the stance highlighting (static, escaped HTML with a legend), the
stance counted per paragraph and per sentence, the guided reading, the glossary and the spelling
table, on small hand-made articles whose answers are counted by hand and on the seed pack."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from helpers.analysis.reading import Feature, extract_features, suggested_term
from helpers.core.errors import CourseInputError
from helpers.model.article import parse_article
from helpers.model.packs import MISSING_KEY, load_pack
from helpers.present.display import chart_spec
from helpers.present.views import reading as views
from helpers.present.views.reading import HIGHLIGHT_STYLES, highlight_html
from present_examples import ports_article

#: Stance for the highlighting: a hedge, a booster, attribution and text that must be escaped.
STANCE_TEXT = """A Test Title

Publication: Test Monitor Volume: 3 Issue: 7

It is likely that <Tom> & Ann will agree. Critics clearly believe it.

Nothing else is said here.
"""


@pytest.fixture(scope="module")
def small():
    return ports_article()


# -- highlighting --------------------------------------------------------------------------------

class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks, self._open, self.text, self.tags, self._sup = [], None, [], set(), False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self._sup = self._sup or tag == "sup"
        if tag == "mark" and dict(attrs).get("class", "").startswith("cr-") and "cr-legend" not in str(attrs):
            self._open = [dict(attrs)["class"], ""]

    def handle_endtag(self, tag):
        self._sup = self._sup and tag != "sup"
        if tag == "mark" and self._open:
            self.marks.append(tuple(self._open))
            self._open = None

    def handle_data(self, data):
        if not self._sup:  # the category letters after each mark are not the article's text
            self.text.append(data)
        if self._open:
            self._open[1] += data


def _parse(markup: str) -> _Marks:
    p = _Marks()
    p.feed(markup)
    return p


def test_highlight_marks_each_feature_and_escapes_the_text():
    article = parse_article(STANCE_TEXT, article_id="t")
    features = extract_features(article)
    markup = highlight_html(article, features).data
    assert "<script" not in markup and "&lt;Tom&gt; &amp; Ann" in markup
    parsed = _parse(markup)
    # the legend has one mark per category, then one mark per highlighted span of the body
    body = parsed.marks[3:]
    order = ("hedge", "booster", "attribution")
    spans: dict = {}
    for f in features:
        if f.category in order:
            spans.setdefault((f.start, f.end, f.text), []).append(f.category)
    wanted = [(" ".join(f"cr-{c}" for c in sorted(cats, key=order.index)), text) for (_, _, text), cats in spans.items()]
    assert len(wanted) >= 3 and sorted(body) == sorted(wanted)
    assert markup.count('<p id="cr-p') == len(article.paragraphs)
    shown = "".join(parsed.text)
    for paragraph in article.paragraphs:
        assert f"¶{paragraph.number} {paragraph.text}" in shown


def test_overlapping_features_share_one_mark_with_both_letters():
    article = parse_article(STANCE_TEXT, article_id="t")
    s = article.text.index("believe")
    both = [Feature("booster", "believe", "believe", s, s + 7, "p1.s2", 1, True, "x"),
            Feature("attribution", "believe", "believe", s, s + 7, "p1.s2", 1, True, "x")]
    markup = highlight_html(article, both).data
    assert '<mark class="cr-booster cr-attribution"' in markup
    assert re.search(r'aria-label="booster, attribution">BA</sup>', markup)


def test_only_chosen_categories_and_paragraphs():
    article = parse_article(STANCE_TEXT, article_id="t")
    markup = highlight_html(article, extract_features(article), categories=["hedge"], paragraphs=[2]).data
    assert markup.count('<p id="cr-p') == 1 and 'id="cr-p2"' in markup
    with pytest.raises(CourseInputError):
        highlight_html(article, [], categories=["sarcasm"])


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("category", list(HIGHLIGHT_STYLES))
def test_highlight_colours_meet_wcag_aa(category):
    bg = _luminance(HIGHLIGHT_STYLES[category]["background"])
    assert (bg + 0.05) / (0 + 0.05) >= 4.5  # black text on the mark
    border = _luminance(HIGHLIGHT_STYLES[category]["border"])
    assert (1 + 0.05) / (border + 0.05) >= 3  # the underline against white (non-text contrast)


def test_seed_highlight_covers_every_paragraph(seed):
    markup = highlight_html(seed, extract_features(seed)).data
    assert markup.count('<p id="cr-p') == len(seed.paragraphs)


def test_suggested_term():
    """The concordance term of notebook 02 (``helpers.analysis.reading.suggested_term``)."""
    article = parse_article(STANCE_TEXT + "\nWe met Ann and then Ann left, as Ann said.\n", article_id="t")
    assert suggested_term(article, "  my  term ") == "my term"
    assert suggested_term(article, "", "Pack") == "Pack"
    assert suggested_term(article) == "Ann"


# -- stance counted ------------------------------------------------------------------------------

def test_stance_density_table_and_chart(small):
    features = extract_features(small)
    chart, table = views.stance_density(small, features)
    assert set(table["category"]) == {"hedge", "booster", "attribution"}
    p3 = table[(table["paragraph"] == 3) & (table["category"] == "attribution")].iloc[0]
    assert p3["count"] == 2 and p3["per_1000"] == round(2000 / small.paragraph(3).word_count, 2)
    spec = chart_spec(chart)
    assert spec["encoding"]["y"]["title"] and spec["encoding"]["x"]["title"]


def test_stance_chart_counts_the_conclusion(seed):
    features = extract_features(seed)
    last = seed.paragraphs[-1].number
    chart, table = views.stance_chart(seed, features, [last])
    expected = [f for f in features if f.paragraph == last and f.category in ("hedge", "booster", "attribution")]
    assert len(table) == len(expected)
    assert sum(v["count"] for v in chart_spec(chart)["data"]["values"]) == len(expected)


# -- guided reading and glossary -----------------------------------------------------------------

def test_guided_reading_from_roles_and_without(small):
    reading = {"paragraph_roles": [{"paragraph": 2, "role": "objection", "cue": {"sentence": "p2.s1", "quote": "Critics"},
                                    "why": "It  raises a doubt.", "alternative_role": "evidence"}]}
    table = views.guided_reading_table(small, reading)
    assert list(table["role"]) == ["—", "objection", "—", "—", "—"]
    assert table.loc[1, "cue"] == "p2.s1: “Critics”" and table.loc[1, "why"].startswith("It raises a doubt.")
    assert "evidence" in table.loc[1, "why"]
    assert (views.guided_reading_table(small, None)["role"] == "—").all()


def test_glossary_marks_outside_knowledge_and_sources():
    glossary = {"entries": [
        {"term": "Port", "article": [{"sentence": "p1.s1", "quote": "The port"}], "definition": "A harbour.",
         "outside_knowledge": True, "sources": [{"title": "T", "publisher": "P", "url": "https://example.org/x"}],
         "spelling": {"article_form": "Prt", "usual_form": "Port", "native_form": "Port", "note": "n"}},
        {"term": "Plan", "definition": "In the text.", "outside_knowledge": False}]}
    text = views.glossary_markdown(glossary, MISSING_KEY)
    first, second = text.split("\n\n### ")
    assert "**Outside knowledge**" in first and "https://example.org/x" in first and "p1.s1: “The port”" in first
    assert "**From the article**" in second and "none given" in second
    assert MISSING_KEY in views.glossary_markdown(None, MISSING_KEY)
    spelling = views.spelling_table(glossary)
    assert spelling.to_dict("records")[0]["usual form"] == "Port" and len(spelling) == 1


def test_seed_glossary_every_entry_sourced_and_the_spelling_note(seed):
    glossary = load_pack(seed).get("glossary")
    text = views.glossary_markdown(glossary, MISSING_KEY)
    assert text.count("### ") == len(glossary["entries"]) and "none given" not in text
    spelled = [e for e in glossary["entries"] if e.get("spelling")]
    table = views.spelling_table(glossary)
    assert len(table) == len(spelled) >= 1
    assert list(table["in the article"]) == [e["spelling"]["article_form"] for e in spelled]
