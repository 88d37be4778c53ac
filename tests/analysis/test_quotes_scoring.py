"""helpers.analysis.quotes.scoring: quotations and vague attributions scored against a key."""

from __future__ import annotations

from helpers.analysis.quotes import Attribution, Quote, QuoteAnalysis, score_quotes


def _quote(qid, text, speaker, kind="speech"):
    return Quote(id=qid, text=text, kind=kind, speaker=speaker, cue=None, rule="", paragraph=1,
                 sentence_id="p1.s1", start=0, end=len(text))


def test_speakers_compare_folded_and_a_missing_speaker_matches_a_missing_one():
    analysis = QuoteAnalysis(quotes=[_quote("q1", "We will pay,", "Aino  Virtanen"), _quote("q2", "No.", None)],
                             attributions=[], problems=[])
    key = {"quotes": [{"text": "We will pay", "kind": "speech", "speaker": "aino virtanen", "paragraph": 1},
                      {"text": "No.", "kind": "speech", "paragraph": 1}]}
    score = score_quotes(analysis, key)
    assert score["recall"] == 1.0 and score["speaker_accuracy"] == 1.0 and score["wrong_speaker"] == []
    key["quotes"][1]["speaker"] = "Pavel Sorokin"
    assert score_quotes(analysis, key)["wrong_speaker"] == ["q2: None (key: Pavel Sorokin)"]


def test_vague_attributions_match_on_paragraph_and_source():
    got = Attribution(id="a1", source="Some in Baku", vague=True, cue="talking about", content="x", paragraph=3,
                      sentence_id="p3.s2", start=0, end=1, rule="")
    analysis = QuoteAnalysis(quotes=[], attributions=[got], problems=[])
    score = score_quotes(analysis, {"attributions": [{"source": "some in  baku", "paragraph": 3}]})
    assert score["vague_recall"] == 1.0 and score["vague_precision"] == 1.0
    assert score_quotes(analysis, {"attributions": [{"source": "some in Baku", "paragraph": 4}]})["vague_recall"] == 0.0
