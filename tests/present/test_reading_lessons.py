"""helpers.analysis.reading for lesson 02: the stance highlighting (static, escaped HTML with a legend)
and the concordance term."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.model.article import load_article, parse_article
from helpers.core.errors import CourseInputError
from helpers.core.paths import SEED_ARTICLE_ID
from helpers.analysis.reading import Feature, extract_features, suggested_term
from helpers.present.highlight import HIGHLIGHT_STYLES, highlight_html

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / f"{SEED_ARTICLE_ID}.txt"

TEXT = """A Test Title

Publication: Test Monitor Volume: 3 Issue: 7

It is likely that <Tom> & Ann will agree. Critics clearly believe it.

Nothing else is said here.
"""


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
    article = parse_article(TEXT, article_id="t")
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
    article = parse_article(TEXT, article_id="t")
    s = article.text.index("believe")
    both = [Feature("booster", "believe", "believe", s, s + 7, "p1.s2", 1, True, "x"),
            Feature("attribution", "believe", "believe", s, s + 7, "p1.s2", 1, True, "x")]
    markup = highlight_html(article, both).data
    assert '<mark class="cr-booster cr-attribution"' in markup
    assert re.search(r'aria-label="booster, attribution">BA</sup>', markup)


def test_only_chosen_categories_and_paragraphs():
    article = parse_article(TEXT, article_id="t")
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


def test_seed_highlight_covers_every_paragraph():
    seed = load_article(SEED)
    markup = highlight_html(seed, extract_features(seed)).data
    assert markup.count('<p id="cr-p') == len(seed.paragraphs)


def test_suggested_term():
    article = parse_article(TEXT + "\nWe met Ann and then Ann left, as Ann said.\n", article_id="t")
    assert suggested_term(article, "  my  term ") == "my term"
    assert suggested_term(article, "", "Pack") == "Pack"
    assert suggested_term(article) == "Ann"
