"""helpers.analysis.arguments.model: the seed's argument map as data — its structure, its quotes and
citations, its speakers."""

from __future__ import annotations

from argument_maps import citation_key


def test_seed_quotes_are_copied_exactly_from_their_sentences(seed, amap):
    # independent of validate_argument_map: plain substring search in the sentences' text
    quoted = [s for s in amap.statements if s.quote]
    assert len(quoted) == len(amap.statements)  # every seed statement quotes its anchor words
    for s in quoted:
        text = " ".join(seed.sentence(x).text for x in s.sentences)
        assert s.quote in text, s.id


def test_seed_citations_are_those_of_the_citation_key(amap):
    by_sentence: dict[str, set[str]] = {}
    for c in citation_key():
        by_sentence.setdefault(c["sentence"], set()).add(c["raw"])
    cited = 0
    for s in amap.statements:
        allowed = set().union(*(by_sentence.get(x, set()) for x in s.sentences))
        assert set(s.citations) <= allowed, s.id
        cited += len(s.citations)
    assert cited >= 8


def test_seed_map_structure(seed, amap):
    question = [s for s in amap.statements if s.kind == "question"]
    assert [q.sentences for q in question] == [["p1.s3"]]
    assert question[0].quote.endswith("?") and question[0].quote in seed.sentence("p1.s3").text
    q = question[0].id
    into_q = {(r.source, r.type) for r in amap.relations if r.target == q}
    by_sentence = {x: s for s in amap.statements for x in s.sentences}
    # "On the one hand" (p4.s1) argues no; "On the other hand" (p5.s1) argues yes
    p4 = [s for s in amap.statements if s.sentences == ["p4.s1"]][0]
    assert seed.sentence("p4.s1").text.startswith("On the one hand")
    assert (p4.id, "attack") in into_q
    p5 = [s for s in amap.statements if "p5.s1" in s.sentences and s.voice == "reported"][0]
    assert seed.sentence("p5.s1").text.startswith("On the other hand")
    assert (p5.id, "support") in into_q
    assert any(r.source == p5.id and r.target == p4.id and r.type == "attack" for r in amap.relations)
    # the conclusion: "In short …" (p8.s2), contested, with a note
    conclusion = [s for s in amap.statements if s.kind == "conclusion"]
    assert len(conclusion) == 1 and conclusion[0].sentences == ["p8.s2"]
    assert seed.sentence("p8.s2").text.startswith("In short")
    assert conclusion[0].voice == "contested" and conclusion[0].note
    # the commentator's case, paragraphs 6-8, feeds the conclusion
    commentator = {s.id for s in amap.statements if s.speaker == "Kavkaz Omarov"}
    assert {int(x[1]) for s in amap.statements if s.id in commentator for x in s.sentences} >= {7, 8}
    g = amap.graph()
    import networkx as nx
    assert all(nx.has_path(g, c, conclusion[0].id) for c in commentator)
    # every statement is connected to the question
    assert all(nx.has_path(g, s, q) for s in amap.ids)
    assert by_sentence["p1.s3"].id == q


def test_reported_statements_name_a_speaker_the_article_mentions(seed, amap):
    for s in amap.statements:
        if s.voice == "reported":
            assert s.speaker
            assert s.speaker.split()[-1] in seed.text, s.id
