"""helpers.model.tokens: spaCy's blank English tokenizer and sentencizer without spaCy.

spaCy itself is the reference here (it stays installed for pipelines of a user's own): on every
bundled article and on invented sentences of each construction the rules handle, the tokens and
the sentences must be spaCy's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.core.paths import ARTICLE_SUFFIXES, articles_dir
from helpers.model import tokens
from helpers.model.nlp import get_nlp

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    "The U.S. and the U.K. met at 9 a.m. on Monday. Then they left.",           # abbreviations
    "He said: “We will not sign.” The minister left early!",                    # a quote closing a sentence
    "Is it over?! No. It is not (see EDM, May 5). Next came the vote.",         # "?!", a citation after
    "Growth was 3.5 percent in 2023... Prices rose. Mr. Brenn and Dr. Osk agreed.",
    "See https://www.example.org/page?id=5. Also site.gov/news, e.g., the report.",
    "The pro-Kremlin outlet (Harbour-Post) wrote that Estonia’s “Nordic” path—so it said—was over.",
    "A. B. Smith wrote, and J.R.R. Tolkien too; the Ruritania-based firm didn't reply.",
    "The vote (March 16) failed.  Two spaces here. And a\nline break inside.",
]


def _spacy():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _bundled_paragraphs() -> list[str]:
    out = []
    for path in sorted(articles_dir().iterdir()):
        if path.suffix in ARTICLE_SUFFIXES:
            out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return out


def _stripped(text: str, spans) -> list[tuple[int, int]]:
    """Sentence spans without the white space at their edges (spaCy may open one on a space token)."""
    out = []
    for s, e in spans:
        chunk = text[s:e]
        if chunk.strip():
            out.append((s + len(chunk) - len(chunk.lstrip()), e - (len(chunk) - len(chunk.rstrip()))))
    return out


@pytest.mark.parametrize("text", CASES + _bundled_paragraphs())
def test_tokens_and_sentences_are_spacys(text):
    nlp = _spacy()
    doc = nlp(text)
    assert tokens.tokenize(text) == [(t.text, t.idx) for t in doc if not t.is_space]
    assert _stripped(text, tokens.sentence_spans(text)) == _stripped(text, [(s.start_char, s.end_char)
                                                                             for s in doc.sents])


def test_the_rules_file_names_its_source_and_version():
    data = json.loads((ROOT / "data" / "lexicons" / "tokenizer_en.json").read_text(encoding="utf-8"))
    assert data["source"].startswith("spaCy ") and "MIT" in data["source"] and data["spacy_version"]
    assert "Mr." in data["specials"] and "a.m." in data["specials"] and "." in data["sentence_punct"]
    # the tokens of a special case are pieces of its text, in order (tokenize counts offsets so)
    assert all("".join(toks) == key for key, toks in data["specials"].items())


def test_the_known_difference_changes_no_sentence():
    # spaCy merges a punctuation special case the affixes split ("):"); these rules keep two tokens
    nlp = _spacy()
    text = "The vote (March 16): it failed. Then came another."
    assert [t for t, _ in tokens.tokenize(text)][5:8] == [")", ":", "it"]
    assert [t.text for t in nlp(text)][5:7] == ["):", "it"]
    assert _stripped(text, tokens.sentence_spans(text)) == _stripped(text, [(s.start_char, s.end_char)
                                                                             for s in nlp(text).sents])


def test_the_phrase_matcher_finds_every_run_in_order_shorter_first():
    m = tokens.TokenMatcher()
    m.add("S|EE", ["Estonia"])
    m.add("S|EE2", ["Republic of Estonia"])
    m.add("O|x", ["Republic"])
    toks = tokens.tokenize("The Republic of Estonia’s envoy met Estonia-based firms.")
    found = [(k, " ".join(t for t, _ in toks[s:e])) for k, s, e in m(toks)]
    assert found == [("O|x", "Republic"), ("S|EE2", "Republic of Estonia"), ("S|EE", "Estonia"),
                     ("S|EE", "Estonia")]


def test_the_blank_pipeline_is_the_default_and_needs_no_spacy():
    assert get_nlp() is get_nlp("blank:en") and [(s.start_char, s.end_char) for s in
                                                 next(get_nlp().pipe(["One. Two."])).sents] == [(0, 4), (5, 9)]
    code = ("import sys; from helpers.model.article import load_article; from helpers.analysis.analyze import "
            "analyze_article; from helpers.core.paths import default_article; "
            "analyze_article(load_article(default_article())); print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"
