"""helpers.analysis.discourse: a hand-computed matrix and networks, the seed's coded statements against
the article and the citation key, broken statement files, and candidates from quotations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
import yaml

from helpers.analysis import discourse as D
from helpers.model.article import load_article, parse_article
from helpers.core.errors import CourseInputError

ROOT = Path(__file__).resolve().parents[2]
SEED_ID = "edm-2019-16-138-moscow-baku-rapprochement"
SEED = ROOT / "data" / "articles" / f"{SEED_ID}.txt"
PACK = ROOT / "data" / "annotations" / SEED_ID


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


def _st(n, actor, concept, agreement, sentence="p1.s1"):
    return D.DiscourseStatement(id=f"t{n}", actor=actor, concept=concept, agreement=agreement,
                                sentence_id=sentence, paragraph=int(sentence[1:].split(".")[0]))


# A small example, its matrix and networks worked out by hand (see the comments).
#   A: c1 +1, c2 -1          B: c1 +1, c2 +1
#   C: c1 -1, c3 0           D: c3 0, c1 +1, c1 -1 (ambivalent on c1)
EXAMPLE = [_st(1, "A", "c1", 1), _st(2, "A", "c2", -1), _st(3, "B", "c1", 1), _st(4, "B", "c2", 1),
           _st(5, "C", "c1", -1), _st(6, "C", "c3", 0), _st(7, "D", "c3", 0), _st(8, "D", "c1", 1),
           _st(9, "D", "c1", -1)]
SUM = {"A": {"c1": 1, "c2": -1, "c3": 0},
       "B": {"c1": 1, "c2": 1, "c3": 0},
       "C": {"c1": -1, "c2": 0, "c3": 0},
       "D": {"c1": 0, "c2": 0, "c3": 0}}       # D: +1 - 1 on c1; 0 on c3
COUNT = {"A": {"c1": 1, "c2": 1, "c3": 0},
         "B": {"c1": 1, "c2": 1, "c3": 0},
         "C": {"c1": 1, "c2": 0, "c3": 1},
         "D": {"c1": 2, "c2": 0, "c3": 1}}
# congruence: same agreement value on the same concept
#   A-B c1 (+1/+1); A-D c1 (+1 in D's {+1,-1}); B-D c1; C-D c1 (-1) and c3 (0/0) = 2
CONGRUENCE = {("A", "B"): (1, ["c1"]), ("A", "D"): (1, ["c1"]), ("B", "D"): (1, ["c1"]),
              ("C", "D"): (2, ["c1", "c3"])}
# conflict: +1 against -1 on the same concept
#   A-B c2; A-C c1; A-D c1 (A +1 vs D -1); B-C c1; B-D c1; C-D c1 (C -1 vs D +1)
CONFLICT = {("A", "B"): (1, ["c2"]), ("A", "C"): (1, ["c1"]), ("A", "D"): (1, ["c1"]),
            ("B", "C"): (1, ["c1"]), ("B", "D"): (1, ["c1"]), ("C", "D"): (1, ["c1"])}


def _edges(g):
    return {tuple(sorted((a, b))): (d["weight"], d["concepts"]) for a, b, d in g.edges(data=True)}


def test_matrix_matches_the_hand_computed_one():
    m = D.statement_matrix(EXAMPLE)
    assert list(m.index) == ["A", "B", "C", "D"] and list(m.columns) == ["c1", "c2", "c3"]
    assert {a: {c: int(m.loc[a, c]) for c in m.columns} for a in m.index} == SUM
    n = D.statement_matrix(EXAMPLE, aggregate="count")
    assert {a: {c: int(n.loc[a, c]) for c in n.columns} for a in n.index} == COUNT
    mean = D.statement_matrix(EXAMPLE, aggregate="mean")
    assert mean.loc["D", "c1"] == 0 and mean.loc["A", "c2"] == -1 and mean.isna().loc["A", "c3"]
    with pytest.raises(ValueError):
        D.statement_matrix(EXAMPLE, aggregate="median")


def test_congruence_and_conflict_networks_match_the_hand_computed_ones():
    cong = D.congruence_network(EXAMPLE)
    conf = D.conflict_network(EXAMPLE)
    assert set(cong.nodes) == set(conf.nodes) == {"A", "B", "C", "D"}
    assert _edges(cong) == CONGRUENCE
    assert _edges(conf) == CONFLICT
    table = D.network_table(cong)
    assert list(table.columns) == ["actor_a", "actor_b", "weight", "concepts"]
    assert table[(table.actor_a == "C") & (table.actor_b == "D")].iloc[0]["concepts"] == "c1, c3"
    with pytest.raises(ValueError):
        D.one_mode_network(EXAMPLE, "cooperation")


def test_two_mode_graph():
    g = D.two_mode_graph(EXAMPLE)
    assert nx.is_bipartite(g)
    assert {n for n, d in g.nodes(data=True) if d["bipartite"] == 0} == {"A", "B", "C", "D"}
    assert {n for n, d in g.nodes(data=True) if d["kind"] == "concept"} == {"c1", "c2", "c3"}
    assert g.number_of_edges() == 8   # 9 statements, D-c1 twice
    e = g.edges["D", "c1"]
    assert (e["agreement"], e["count"], e["statements"]) == (0, 2, ["t8", "t9"])
    with pytest.raises(CourseInputError, match="both an actor and a concept"):
        D.two_mode_graph([_st(1, "X", "Y", 1), _st(2, "Y", "Z", 1)])


# -- the seed's coded statements ---------------------------------------------------------

def test_seed_statements_load_and_rest_on_their_sentences(seed):
    statements = D.load_statements(PACK, article=seed)
    assert len(statements) >= 10
    assert D.load_statements(SEED_ID)[0].to_dict() == statements[0].to_dict()
    for s in statements:
        sentence = seed.sentence(s.sentence_id)       # KeyError if the id is wrong
        assert s.paragraph == sentence.paragraph
        assert s.quote and s.quote in sentence.text, s.id
        assert s.agreement in (-1, 0, 1)
        if s.actor != "the author":
            assert s.actor.split()[-1] in seed.text, s.actor


def test_seed_citations_are_those_of_the_citation_key(seed):
    key = yaml.safe_load((PACK / "key" / "citations.yaml").read_text(encoding="utf-8"))["citations"]
    raws = {(c["sentence"], c["raw"]) for c in key}
    cited = [s for s in D.load_statements(PACK) if s.citation]
    assert cited
    assert all((s.sentence_id, s.citation) in raws for s in cited)


def test_seed_networks_follow_from_the_matrix(seed):
    statements = D.load_statements(PACK, article=seed)
    m = D.statement_matrix(statements)
    cong, conf = D.congruence_network(statements), D.conflict_network(statements)
    # in this coding each actor takes one side per concept, so the networks follow from signs
    for a, b, d in conf.edges(data=True):
        assert all(m.loc[a, c] * m.loc[b, c] < 0 for c in d["concepts"])
    for a, b, d in cong.edges(data=True):
        assert all(m.loc[a, c] * m.loc[b, c] > 0 for c in d["concepts"])
    expected_conflicts = sum(1 for i, a in enumerate(m.index) for b in m.index[i + 1:]
                             if any(m.loc[a, c] * m.loc[b, c] < 0 for c in m.columns))
    assert conf.number_of_edges() == expected_conflicts > 0


# -- broken statement files --------------------------------------------------------------

def _write(tmp_path, data) -> Path:
    path = tmp_path / "statements.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_broken_statements_are_named(tmp_path, seed):
    data = yaml.safe_load((PACK / "statements.yaml").read_text(encoding="utf-8"))
    s = data["statements"]
    s[0]["agreement"] = 2
    s[1]["concept"] = "not-a-listed-concept"
    s[2].pop("actor")
    s[3]["sentence"] = "p40.s1"
    s[4]["quote"] = "words never printed"
    s[5]["citation"] = "(Nowhere, May 1)"
    s[6]["sentence"] = "seven"
    s[7]["stance"] = "pro"
    s.append(dict(s[8]))
    path = _write(tmp_path, data)
    problems = D.validate_statements(data, seed, path=path, text=path.read_text(encoding="utf-8"))
    text = "\n".join(problems)
    for part in (f"statement '{s[0]['id']}': agreement is 2",
                 f"statement '{s[1]['id']}': concept 'not-a-listed-concept' is not listed",
                 f"statement '{s[2]['id']}': missing 'actor'",
                 f"statement '{s[3]['id']}': sentence 'p40.s1' is not in article",
                 f"statement '{s[4]['id']}': the quote is not copied exactly",
                 f"statement '{s[5]['id']}': the citation is not copied exactly",
                 f"statement '{s[6]['id']}': sentence 'seven' is not of the form",
                 f"statement '{s[7]['id']}': unknown field(s) stance",
                 f"statement '{s[8]['id']}': the id is used twice"):
        assert part in text, part
    assert len(problems) == 9 and all(p.startswith(str(path) + ":") for p in problems)
    with pytest.raises(CourseInputError) as err:
        D.load_statements(path, article=seed)
    assert "\n" not in str(err.value) and err.value.line is not None


def test_missing_or_shapeless_statement_files(tmp_path):
    with pytest.raises(CourseInputError, match="no coded discourse statements"):
        D.load_statements(tmp_path)
    assert "needs a 'statements' list" in D.validate_statements({"statement": []})[0]
    assert "agreement is True" in D.validate_statements(
        {"statements": [{"id": "d1", "actor": "X", "concept": "y", "agreement": True, "sentence": "p1.s1"}]})[0]


# -- proposing statements from quotations ------------------------------------------------

@dataclass
class FakeQuote:          # the fields of helpers.analysis.quotes.Quote that propose_statements reads
    id: str
    text: str
    kind: str
    speaker: str | None
    cue: str | None
    paragraph: int
    sentence_id: str
    start: int
    end: int


@dataclass
class FakeAttribution:    # the fields of helpers.analysis.quotes.Attribution
    id: str
    source: str
    vague: bool
    cue: str
    content: str
    paragraph: int
    sentence_id: str
    start: int
    end: int


@dataclass
class FakeActor:
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class FakeCitation:
    sentence_id: str
    raw: str
    start: int


def _span(article, words):
    start = article.text.index(words)
    sentence = article.sentence_at(start)
    return start, start + len(words), sentence


def test_propose_statements_from_hand_made_quotes(seed):
    words = "the chief strategic partner of Yerevan"
    s, e, sent = _span(seed, words)
    quote = FakeQuote("q1", words, "speech", "Pashinyan", "told", sent.paragraph, sent.id, s, e)
    title = "The Dawn of the East"
    ts, te, tsent = _span(seed, title)
    title_q = FakeQuote("q2", title, "title", None, "entitled", tsent.paragraph, tsent.id, ts, te)
    # an attribution over the same words by the same speaker is not proposed twice
    outer = "Moscow is “the chief strategic partner of Yerevan”"
    os_, oe, _ = _span(seed, outer)
    dup = FakeAttribution("a1", "Pashinyan", False, "told", outer, sent.paragraph, sent.id, os_, oe)
    content = "a Russian tilt toward Baku"
    cs, ce, csent = _span(seed, content)
    vague = FakeAttribution("a2", "some in Baku", True, "have been talking about", content,
                            csent.paragraph, csent.id, cs, ce)
    citations = [FakeCitation(sent.id, raw, seed.text.index(raw)) for raw in ("(, September 13)", "(, September 26)")]
    citations.append(FakeCitation(csent.id, "(, September 6)", seed.text.index("(, September 6)")))
    actors = [FakeActor("Nikol Pashinyan", ["Nikol Pashinyan", "Pashinyan"])]

    out = D.propose_statements(seed, [quote, title_q, dup, vague], actors, citations=citations)
    assert [(x.id, x.actor, x.sentence_id, x.agreement, x.origin) for x in out] == [
        ("x1", "some in Baku", csent.id, 1, "attribution"),
        ("x2", "Nikol Pashinyan", sent.id, 1, "quote")]
    assert out[1].quote == words and out[1].concept == words
    assert out[1].citation == "(, September 26)"     # the first after the words, not "(, September 13)"
    assert out[0].citation == "(, September 6)" and out[0].quote is None
    assert "vague source" in out[0].note and "a2" in out[0].note


def test_a_disagreeing_cue_gives_minus_one():
    text = ("Title\n\nPublication: Test Monitor Volume: 1 Issue: 1\n\n"
            "The minister denied that the border would close. Analysts said it would stay open.\n")
    art = parse_article(text, article_id="test")
    s1, s2 = art.sentences
    a = FakeAttribution("a1", "the minister", False, "denied", "the border would close", 1, s1.id,
                        text.index("the border"), text.index("close") + 5)
    b = FakeAttribution("a2", "Analysts", True, "said", "it would stay open", 1, s2.id,
                        text.index("it would"), text.index("open") + 4)

    class Analysis:       # duck-typed QuoteAnalysis
        quotes: list = []
        attributions = [b, a]

    out = D.propose_statements(art, Analysis(), None)
    assert [(x.actor, x.agreement, x.sentence_id) for x in out] == [("the minister", -1, s1.id),
                                                                   ("Analysts", 1, s2.id)]


def test_propose_statements_on_the_real_quote_analysis(seed):
    quotes_mod = pytest.importorskip("helpers.analysis.quotes")
    actors_mod = pytest.importorskip("helpers.analysis.actors")
    actors = actors_mod.extract_actors(seed)
    analysis = quotes_mod.extract_quotes(seed, actors)
    out = D.propose_statements(seed, analysis, actors)
    speech = [q for q in analysis.quotes if q.kind == "speech" and q.speaker]
    assert len(out) >= len(speech) > 0
    for s in out:
        sentence = seed.sentence(s.sentence_id)
        if s.quote:
            assert " ".join(s.quote.split()) in " ".join(sentence.text.split())
    assert {q.speaker for q in speech} <= {s.actor for s in out}
