"""helpers.analysis.citations: scored against every answer key, plus parentheses, registries, hostile input.
Date lists are tested in test_dates.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from helpers.model.article import load_article, parse_article
from helpers.analysis.citations import citations_table, extract_citations, parse_citation, scan_text
from helpers.analysis.sources import load_registry
from support import HOSTILE_TIMEOUT_S, article_for_key

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SEED = DATA / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"
KEYS = sorted((DATA / "annotations").glob("*/key/citations.yaml"))
D = dt.date



def _key_dates(values) -> tuple[list[str], list[int], list[str]]:
    """A key's dates: full ISO dates, year-only (2022) and month-only ("2022-03") entries."""
    dates, years, months = [], [], []
    for v in values or []:
        if isinstance(v, dt.date):
            dates.append(v.isoformat())
        elif isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit() and len(v.strip()) == 4):
            years.append(int(v))
        elif isinstance(v, str) and len(v.strip()) == 7:
            months.append(v.strip())
        else:
            dates.append(dt.date.fromisoformat(str(v)).isoformat())
    return dates, years, months


def _source_view(source) -> dict:
    return {"name": source.name, "see": source.see, "dates": [d.isoformat() for d in source.dates],
            "years": list(source.years), "months": list(source.months)}


def _key_source_view(entry: dict) -> dict:
    dates, years, months = _key_dates(entry.get("dates"))
    years += [int(y) for y in entry.get("years") or []]
    if entry.get("year") is not None:  # a key may write one year-only reference as `year: 2022`
        years.append(int(entry["year"]))
    name = entry.get("name")
    return {"name": None if name is None else " ".join(str(name).split()), "see": bool(entry.get("see", False)),
            "dates": dates, "years": years, "months": months}


def score(article, key_citations: list[dict]) -> dict:
    """Match found citations to the key by (paragraph, raw); count field disagreements."""
    found = extract_citations(article)
    unmatched = list(found)
    matched, problems = 0, []
    for entry in key_citations:
        hit = next((c for c in unmatched if c.paragraph == entry["paragraph"] and c.raw == entry["raw"]), None)
        if hit is None:
            problems.append(f"missed {entry.get('id')}: {entry['raw']!r} (paragraph {entry['paragraph']})")
            continue
        unmatched.remove(hit)
        matched += 1
        if entry.get("sentence") and hit.sentence_id != entry["sentence"]:
            problems.append(f"{entry.get('id')}: sentence {hit.sentence_id}, key says {entry['sentence']}")
        want = [_key_source_view(s) for s in entry.get("sources") or []]
        got = [_source_view(s) for s in hit.sources]
        if want != got:
            problems.append(f"{entry.get('id')} {entry['raw']!r}: got {got}, key says {want}")
    problems += [f"false citation {c.raw!r} (paragraph {c.paragraph})" for c in unmatched]
    precision = matched / len(found) if found else 1.0
    recall = matched / len(key_citations) if key_citations else 1.0
    return {"found": len(found), "key": len(key_citations), "matched": matched,
            "precision": precision, "recall": recall, "problems": problems}


@pytest.mark.parametrize("key", KEYS, ids=[k.parent.parent.name for k in KEYS])
def test_matches_answer_key(key: Path):
    data = yaml.safe_load(key.read_text(encoding="utf-8")) or {}
    entries = data.get("citations") or []
    article = load_article(article_for_key(key))
    for entry in entries:  # the key itself must quote the text exactly
        assert entry["raw"] in article.paragraph(entry["paragraph"]).text, f"{key}: {entry['raw']!r} not in its paragraph"
    result = score(article, entries)
    print(f"\n{article.id}: {result['matched']}/{result['key']} key citations found, {result['found']} reported; "
          f"precision {result['precision']:.3f}, recall {result['recall']:.3f}")
    for problem in result["problems"]:
        print("  -", problem)
    assert result["problems"] == []
    assert result["precision"] == 1.0 and result["recall"] == 1.0
    reported = {c.raw for c in extract_citations(article)}
    for entry in data.get("not_citations") or []:
        assert entry["raw"] not in reported, entry


def test_seed_key_is_the_hand_checked_one():
    key = yaml.safe_load((DATA / "annotations" / "edm-2019-16-138-moscow-baku-rapprochement" / "key"
                          / "citations.yaml").read_text(encoding="utf-8"))["citations"]
    assert len(key) == 11
    assert sum(1 for c in key if any(s["name"] is None for s in c["sources"])) == 4


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED)


@pytest.fixture(scope="module")
def seed_citations(seed):
    return extract_citations(seed)


def test_seed_non_citations_are_not_reported(seed, seed_citations):
    raws = [c.raw for c in seed_citations]
    for text in ("(left)", "(Source:", "(September 30", "(albeit"):
        assert not any(r.startswith(text) for r in raws), text
    # the caption is not scanned at all
    cap_start, cap_end = seed.caption_span
    assert all(not (cap_start <= c.start < cap_end) for c in seed_citations)


def test_seed_citation_fields(seed, seed_citations):
    ids = [c.id for c in seed_citations]
    assert ids == [f"c{i}" for i in range(1, len(ids) + 1)]
    assert [c.start for c in seed_citations] == sorted(c.start for c in seed_citations)
    for c in seed_citations:
        assert seed.text[c.start:c.end] == c.raw and c.raw.startswith("(") and c.raw.endswith(")")
        sentence = seed.sentence(c.sentence_id)
        assert sentence.text == c.sentence and sentence.start <= c.start < sentence.end
        assert c.rule
    five = next(c for c in seed_citations if "September 17, 24" in c.raw)
    assert "month carried forward" in five.rule
    lost = [c for c in seed_citations if c.sources[0].name is None]
    assert all(s.category == "lost" and "lost source" in c.rule for c in lost for s in c.sources)
    assert {s.category for c in seed_citations for s in c.sources if s.name == "EDM"} == {"publisher-self"}
    json.dumps([c.to_dict() for c in seed_citations])  # JSON-ready
    first = seed_citations[0].to_dict()
    assert first["sources"][0]["dates"] == ["2016-07-19"]


def test_table_has_one_row_per_source(seed_citations):
    table = citations_table(seed_citations)
    for col in ("id", "paragraph", "sentence_id", "source", "category", "see", "dates", "earliest", "latest", "lost"):
        assert col in table.columns
    assert len(table) == sum(len(c.sources) for c in seed_citations)
    row = table[table["id"] == next(c.id for c in seed_citations if "September 17, 24" in c.raw)].iloc[0]
    assert row["earliest"].date() == D(2019, 9, 17) and row["latest"].date() == D(2019, 10, 3)
    assert len(row["dates"].split("; ")) == 5
    assert int(table["lost"].sum()) == sum(1 for c in seed_citations for s in c.sources if s.name is None)
    empty = citations_table([])
    assert list(empty.columns) == list(table.columns) and len(empty) == 0


REF = D(2019, 12, 31)


def test_parse_citation_parts():
    parts, rule = parse_citation("see EDM, May 5; see also Regnum, June 1, 2018; TASS, 2017", REF)
    assert [(p.name, p.see) for p in parts] == [("EDM", True), ("Regnum", True), ("TASS", False)]
    assert parts[1].dates.dates == [D(2018, 6, 1)] and parts[2].dates.years == [2017]
    assert "3 sources" in rule
    parts, rule = parse_citation(", September 16", REF)
    assert parts[0].name is None and "lost source" in rule
    for aside in ("albeit in ways that underline the manner, 2019", "left", "NPR", "September 30–October 3",
                  "March 4–6", "a few hundred kilometers of upgraded track and two new ferry berths",
                  "see below", "in power since May 2003"):
        assert parse_citation(aside, REF) is None, aside


def test_see_with_registered_outlet_but_no_dates():
    registry = load_registry()
    assert parse_citation("see EDM", REF, registry) is not None
    assert parse_citation("see Figure 2", REF, registry) is None
    assert parse_citation("EDM", REF, registry) is None


# -- articles built in the test --------------------------------------------------------------

def _article(body: str, **meta):
    text = "A Title\n\nPublication: Eurasia Daily Monitor Volume: 18 Issue: 140\n\n" + body
    return parse_article(text, metadata=meta or None)


def test_unclosed_parenthesis_never_swallows_text():
    art = _article("An open aside (see this and never close it. Later (Regnum, May 5) says more.\n\n"
                   "Next paragraph (TASS, May 6) closes) here.")
    cites = extract_citations(art)
    assert [c.raw for c in cites] == ["(Regnum, May 5)", "(TASS, May 6)"]
    assert [c.paragraph for c in cites] == [1, 2]
    assert cites[0].sources[0].dates == [D(2021, 5, 5)]  # volume 18 of EDM is 2021


def test_parenthesis_does_not_cross_paragraphs():
    art = _article("Opening (Regnum,\n\nMay 5) closing.")
    assert extract_citations(art) == []


def test_unknown_outlets_are_unclassified_not_guessed():
    art = _article("Text (Kommersant, May 5; see Some Blog, 2020).")
    [c] = extract_citations(art)
    assert [s.category for s in c.sources] == ["unclassified", "unclassified"]
    assert c.sources[1].years == [2020] and c.sources[1].see


def test_custom_registry(tmp_path):
    reg = tmp_path / "sources.yaml"
    reg.write_text("outlets:\n  - name: Kommersant\n    type: newspaper\n    evidence: test\n    as_of: 2026-01-01\n",
                   encoding="utf-8")
    art = _article("Text (Kommersant, May 5).")
    assert extract_citations(art, registry=reg)[0].sources[0].category == "newspaper"
    assert extract_citations(art, registry=load_registry(reg))[0].sources[0].category == "newspaper"


def test_citation_after_full_stop_supports_previous_sentence():
    art = _article("Moscow warmed to Baku. (Regnum, May 5) Then talks began.")
    [c] = extract_citations(art)
    assert c.sentence.startswith("Moscow warmed")


def test_script_in_text_is_plain_data():
    art = _article('Text <script>alert("x")</script> (see <script>evil()</script>, May 5) and (Regnum, May 6).')
    cites = extract_citations(art)
    assert [c.raw for c in cites] == ["(Regnum, May 6)"]
    assert "<script>" in cites[0].sentence  # kept verbatim: escaping is the presentation's job


@pytest.mark.timeout(HOSTILE_TIMEOUT_S)
def test_hostile_two_megabytes_of_parentheses():
    chunk = "(" * 1000 + " text (Regnum, May 5) " + "(" * 1000 + "a" * 400 + ")"
    text = chunk * (2_000_000 // len(chunk) + 1)
    assert len(text) >= 2_000_000
    found = scan_text(text, REF)
    assert len(found) == text.count("(Regnum, May 5)")
    assert scan_text("(" * 2_000_000, REF) == [] and scan_text("(" + "x, May 5 " * 250_000, REF) == []


@pytest.mark.timeout(HOSTILE_TIMEOUT_S)
def test_hostile_paragraph_in_an_article():
    body = ("(" * 5000 + " Moscow (Regnum, May 5) and ") * 20
    art = _article(body)
    cites = extract_citations(art)
    assert len(cites) == 20 and all(c.raw == "(Regnum, May 5)" for c in cites)



def test_markdown_link_on_a_source_name_keeps_its_target():
    art = _article("Text ([Regnum](https://regnum.example/news/1), October 3; see [EDM](https://edm.example/a), May 5).")
    [c] = extract_citations(art)
    assert [(s.name, s.url, s.category) for s in c.sources] == [
        ("Regnum", "https://regnum.example/news/1", "news-agency"),
        ("EDM", "https://edm.example/a", "publisher-self")]
    assert c.raw == art.text[c.start:c.end] and "https://regnum.example/news/1" in c.raw
    assert c.sources[1].raw == "see [EDM](https://edm.example/a), May 5"


def test_more_forms():
    parts, rule = parse_citation("see EDM, May 30, 2018; June 5, 2019", REF)
    assert len(parts) == 1 and parts[0].dates.dates == [D(2018, 5, 30), D(2019, 6, 5)]
    assert "belong to the source before" in rule
    assert parse_citation("May 5; June 6", REF) is None          # dates alone: an event's
    assert parse_citation("Reuters, 2021-05-05", REF)[0][0].dates.dates == [D(2021, 5, 5)]
    parts, _ = parse_citation("\u201cKommersant,\u201d May 5", REF)
    assert parts[0].name == "Kommersant"
    parts, _ = parse_citation("Regnum, May 5; , May 6", REF)
    assert [p.name for p in parts] == ["Regnum", None]


@pytest.mark.timeout(HOSTILE_TIMEOUT_S)
def test_hostile_brackets():
    text = ("[" * 3000 + "](" + "x" * 900 + " (Regnum, May 5) ") * 500
    found = scan_text(text, REF)
    assert len(found) == 500


def test_score_citations_agrees_with_the_tests_scorer_and_catches_errors(seed, seed_citations):
    from helpers.analysis.citations import score_citations

    key = yaml.safe_load((DATA / "annotations" / "edm-2019-16-138-moscow-baku-rapprochement" / "key"
                          / "citations.yaml").read_text(encoding="utf-8"))["citations"]
    good = score_citations(seed_citations, key)
    ours = score(seed, key)
    assert (good["precision"], good["recall"], good["problems"]) == (ours["precision"], ours["recall"], [])
    assert good["exact"] == 11
    damaged = [dict(e) for e in key[1:]]                               # one citation missing from the key
    damaged[0] = {**damaged[0], "sentence": "p2.s2"}                   # and a wrong sentence
    damaged[1] = {**damaged[1], "sources": [{"name": "EDM", "see": False, "dates": ["2019-09-16"]}]}
    result = score_citations(seed_citations, damaged)
    assert result["matched"] == 10 and result["exact"] == 8
    assert result["precision"] == pytest.approx(10 / 11) and result["recall"] == 1.0
    assert len(result["problems"]) == 3 and any("not in the key" in p for p in result["problems"])


def test_article_without_a_year_keeps_dates_unresolved():
    text = "---\ntitle: Undated\n---\n\nA claim (Regnum, October 3) and another (TASS, May 5, 2018).\n"
    art = parse_article(text)
    assert art.reference_date() is None
    first, second = extract_citations(art)
    assert first.sources[0].dates == [] and first.sources[0].unresolved == ["October 3"]
    assert "year unknown" in first.rule
    assert second.sources[0].dates == [D(2018, 5, 5)]
    table = citations_table([first, second])
    assert table["earliest"].isna().tolist() == [True, False]
    lost = citations_table(extract_citations(parse_article(text.replace("Regnum", ""))))
    assert lost.loc[0, "source"] is None and bool(lost.loc[0, "lost"])
