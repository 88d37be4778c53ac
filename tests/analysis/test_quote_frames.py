"""helpers.analysis.quotes: the reporting frames that give a quotation its speaker, one invented
sentence each (names and places are made up)."""

from __future__ import annotations

import pytest

from helpers.analysis.quotes import extract_quotes
from support import make_article


def speeches(*paragraphs: str):
    """(speaker, rule) of every speech quotation."""
    return [(q.speaker, q.rule) for q in extract_quotes(make_article(*paragraphs)).quotes if q.kind == "speech"]


@pytest.mark.parametrize("paragraph, speaker, rule_part", [
    # Q4 with an object before "that"
    ("Anton Vask met his guest in Kadra. Vask assured the visiting leader that “our friendship will survive any storm.”",
     "Anton Vask", "'assured' before"),
    # S1: a relative clause between subject and verb
    ("Mira Tolland, who chairs the port authority’s board, said that “the cranes will arrive in spring.”",
     "Mira Tolland", "'said' before"),
    # S1: a prepositional aside naming another actor
    ("Olaf Brenn, in an interview with the Northern Herald, warned that “the border will stay closed until May.”",
     "Olaf Brenn", "'warned' before"),
    # S3: the name after a role appositive, before the verb's comma
    ("The board met on Monday. Its chair, Lena Osk, said that “the quay will be built this year.”",
     "Lena Osk", "'said' before"),
    # S7 and the lexicon forms "put it", "was quoted as saying"
    ("The plan, as Olaf Brenn put it, is “a bridge to nowhere for the whole region.”", "Olaf Brenn", "'put it'"),
    ("Olaf Brenn was quoted as saying that “the border will stay closed until May.”",
     "Olaf Brenn", "'was quoted as saying'"),
    # Q4 "told Y that"
    ("Olaf Brenn told reporters in Kadra that “the border will stay closed until May.”", "Olaf Brenn", "'told'"),
    # S5: an outlet's document as the subject
    ("An editorial in the pro-government Daily Lantern argued that the protests were staged and that "
     "“foreign money paid for every banner.”", "Daily Lantern", "editorial of Daily Lantern"),
    # Q3: inversion with a name after the verb
    ("“We will never sign this treaty,” said Aino Virtanen.", "Aino Virtanen", "'said' after"),
])
def test_frames_name_the_subject(paragraph, speaker, rule_part):
    (got, rule), = speeches(paragraph)
    assert got == speaker and rule_part in rule, rule


def test_an_outlet_named_in_quotation_marks_after_according_to():
    q = extract_quotes(make_article("According to reporting by the Telegram channel “Grey Fox,” "
                                    "“the battalion lost half of its tanks.”")).quotes
    assert [(x.kind, x.speaker) for x in q] == [("term", None), ("speech", "Grey Fox")]
    assert "opened by 'According to" in q[1].rule


def test_a_short_quotation_in_a_sentence_opened_by_according_to_is_the_sources_speech():
    q = extract_quotes(make_article("According to Albanian authorities, one of the men sprayed a “toxic” liquid "
                                    "at a guard near the gate.")).quotes
    assert [(x.kind, x.speaker) for x in q] == [("speech", "Albania")]


def test_continuation_in_the_next_sentence_and_a_pronoun_tag():
    assert [s for s, _ in speeches(
        "Energy Minister Karel Dunn spoke on Monday. Dunn added that “prices will fall before the winter.” "
        "“We have enough gas stored for two winters,” he went on.")] == ["Karel Dunn", "Karel Dunn"]


def test_a_second_quotation_with_no_cue_keeps_the_speaker():
    got = speeches("Karel Dunn said that “prices will fall before the winter.” Storage is full. "
                   "“Nobody should panic about the coming months.”")
    assert [s for s, _ in got] == ["Karel Dunn", "Karel Dunn"]
    assert "continues q1 in the same paragraph" in got[1][1]


def test_no_continuation_across_another_person():
    got = speeches("Karel Dunn said that “prices will fall before the winter.” Vera Lind said little. "
                   "“Nobody should panic about the coming months.”")
    assert got[1][0] is None


def test_a_role_noun_resolved_by_the_actor_table():
    (got, rule), = speeches("Foreign Minister Aino Virtanen visited Kadra. “We will never sign this treaty,” "
                            "the minister said.")
    assert got == "Aino Virtanen" and "the minister" in rule


def test_a_document_speaks_for_the_author_named_before_it():
    (got, rule), = speeches("Foreign Minister Karel Dunn published a statement on Friday. The statement reads: "
                            "“The ministry rejects every accusation made by the opposition.”")
    assert got == "Karel Dunn" and "statement of Karel Dunn" in rule


@pytest.mark.parametrize("paragraph, reason", [
    ("The envoys left early. “We will not return to these talks again,” they said.", "'they' is plural"),
    ("“We will not return to these talks again,” the delegate said.", "'the delegate' is not resolved"),
])
def test_unresolved_speakers_say_why(paragraph, reason):
    (got, rule), = speeches(paragraph)
    assert got is None and "speaker unresolved" in rule and reason in rule, rule
