"""The seed article pack's lesson content (glossary, reading key, trace key, lesson plans).

These files are written by hand; the tests hold them to the article they describe: every
sentence id exists, every quotation and cue occurs in the sentence it names, every glossary
entry is sourced, the keys cover what the lessons need, and the lesson plans add up to 90
minutes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers.model.article import load_article

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_ID = "edm-2019-16-138-moscow-baku-rapprochement"
ARTICLE_PATH = ROOT / "data" / "articles" / f"{ARTICLE_ID}.txt"
PACK = ROOT / "data" / "annotations" / ARTICLE_ID
LESSONS = ROOT / "lessons"

VOICE_LABELS = {"author_claim", "reported_view", "statement_of_fact", "question"}
CONFIDENCE = {"high", "medium", "low", "none"}
SENTENCE_ID = re.compile(r"^p(\d+)\.s(\d+)$")


@pytest.fixture(scope="module")
def article():
    return load_article(ARTICLE_PATH)


def _load(name: str) -> dict:
    path = PACK / f"{name}.yaml"
    assert path.is_file(), f"{path} is missing"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} must hold a mapping"
    return data


@pytest.fixture(scope="module")
def glossary():
    return _load("glossary")


@pytest.fixture(scope="module")
def reading():
    return _load("reading")


@pytest.fixture(scope="module")
def trace():
    return _load("trace")


def _located(node, where="") -> list[tuple[str, dict]]:
    """Every mapping in a YAML tree that names a sentence, with a path for messages."""
    found = []
    if isinstance(node, dict):
        if "sentence" in node:
            found.append((where, node))
        for key, value in node.items():
            found.extend(_located(value, f"{where}.{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_located(value, f"{where}[{i}]"))
    return found


def _sentence_text(article, sentence_id: str) -> str:
    if sentence_id == "caption":
        assert article.caption, "the article has no caption to quote"
        return article.caption
    assert SENTENCE_ID.match(sentence_id), f"'{sentence_id}' is not a sentence id like p3.s2"
    try:
        return article.sentence(sentence_id).text
    except KeyError:
        pytest.fail(f"sentence {sentence_id} does not exist in {ARTICLE_ID}")


# -- every file: ids exist and quoted text occurs where it is said to ---------------------------

@pytest.mark.parametrize("name", ["glossary", "reading", "trace"])
def test_every_sentence_id_exists_and_quoted_text_is_in_that_sentence(article, name):
    data = _load(name)
    assert data.get("article_id") == ARTICLE_ID
    located = _located(data)
    assert located, f"{name}.yaml names no sentences"
    for where, node in located:
        text = _sentence_text(article, node["sentence"])
        for field in ("quote", "cue", "raw"):
            if field in node:
                assert node[field] in text, f"{name}{where}: {field} {node[field]!r} not in {node['sentence']}: {text!r}"
        if "starts_with" in node:
            assert text.startswith(node["starts_with"]), f"{name}{where}: {node['sentence']} starts {text[:50]!r}"


# -- glossary ------------------------------------------------------------------------------------

def test_glossary_entries_are_sourced_flagged_and_quote_the_article(article, glossary):
    entries = glossary["entries"]
    assert len(entries) >= 6
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), "glossary ids must be unique"
    for e in entries:
        assert e.get("term") and e.get("definition"), e["id"]
        assert isinstance(e.get("outside_knowledge"), bool), f"{e['id']}: outside_knowledge must be true or false"
        assert e.get("article"), f"{e['id']}: say what the article says (quote and sentence id)"
        assert e.get("sources"), f"{e['id']}: at least one source"
        for src in e["sources"]:
            assert src.get("title"), f"{e['id']}: a source without a title"
            assert re.match(r"^https?://\S+$", str(src.get("url", ""))), f"{e['id']}: source url {src.get('url')!r}"
            assert src.get("accessed") or src.get("as_of"), f"{e['id']}: a source without accessed/as_of"


def test_glossary_covers_the_terms_the_lessons_need(glossary):
    terms = " | ".join(e["term"] for e in glossary["entries"]).lower()
    for needed in ("karabakh", "valdai", "steinmeier", "north–south", "sanctions", "revolution"):
        assert needed in terms, f"no glossary entry for {needed!r}"


def test_glossary_flags_where_the_article_departs_from_standard_usage(article, glossary):
    by_id = {e["id"]: e for e in glossary["entries"]}
    districts = by_id["karabakh-seven-districts"]
    assert any("oblasts" in q["quote"] for q in districts["article"])
    assert "rayon" in districts["usage_note"] and "district" in districts["usage_note"]
    spelled = [e for e in glossary["entries"] if e.get("spelling")]
    assert spelled, "the glossary should carry the spelling note for the commentator's name"
    for e in spelled:
        sp = e["spelling"]
        assert sp["article_form"] in article.text, f"{sp['article_form']!r} is not how the article spells it"
        assert sp["usual_form"] not in article.text and sp["usual_form"] != sp["article_form"]


# -- reading key ---------------------------------------------------------------------------------

def test_paragraph_roles_cover_every_body_paragraph_once(article, reading):
    roles = reading["paragraph_roles"]
    numbers = [r["paragraph"] for r in roles]
    assert numbers == list(range(1, len(article.paragraphs) + 1)) == list(range(1, 9))
    for r in roles:
        assert r.get("role") and r.get("why"), r
        assert article.sentence(r["cue"]["sentence"]).paragraph == r["paragraph"], \
            f"paragraph {r['paragraph']}: its cue is in another paragraph"


def test_paragraph_roles_use_the_on_the_one_hand_pair(article, reading):
    roles = {r["paragraph"]: r for r in reading["paragraph_roles"]}
    one = next(p.number for p in article.paragraphs if p.text.startswith("On the one hand"))
    other = next(p.number for p in article.paragraphs if p.text.startswith("On the other hand"))
    assert "first interpretation" in roles[one]["role"]
    assert "second interpretation" in roles[other]["role"]


def test_voice_key_labels_enough_sentences_with_valid_labels(article, reading):
    key = reading["voice_key"]
    assert len(key) >= 10
    ids = [k["sentence"] for k in key]
    assert len(ids) == len(set(ids)), "a sentence is labelled twice"
    labels = set()
    for k in key:
        assert k["label"] in VOICE_LABELS, f"{k['sentence']}: unknown label {k['label']!r}"
        assert k.get("why") and k.get("cue") and k.get("starts_with"), k["sentence"]
        labels.add(k["label"])
        if k.get("contested"):
            readings = k.get("readings") or []
            assert len(readings) >= 2, f"{k['sentence']}: a contested sentence needs both readings"
            seen = [r["label"] for r in readings]
            assert set(seen) <= VOICE_LABELS and len(set(seen)) == len(seen)
            assert k["label"] in seen
    assert {"author_claim", "reported_view"} <= labels


def test_voice_key_marks_the_in_short_sentence_contested(article, reading):
    in_short = [s.id for s in article.sentences if s.text.startswith("In short")]
    assert in_short, "the seed article should have its 'In short' sentence"
    by_id = {k["sentence"]: k for k in reading["voice_key"]}
    entry = by_id.get(in_short[0])
    assert entry and entry.get("contested") is True


def test_voice_key_reporting_cues_are_reported_views(article, reading):
    # a sentence whose cue is "<Name> observes/says/implies/writes" must not be labelled the author's own claim
    reporting = re.compile(r"\b(says|said|observes|notes|implies|writes|asserted|added|believe|in their view)\b")
    for k in reading["voice_key"]:
        if reporting.search(k["cue"]):
            assert k["label"] == "reported_view", f"{k['sentence']}: cue {k['cue']!r} is a reporting cue"


def test_concordance_counts_match_the_article(article, reading):
    conc = reading["concordance"]
    body = "\n".join(p.text for p in article.paragraphs)
    for item in [{"term": conc["suggested_term"], "occurrences": conc["occurrences"]}] + conc.get("compare", []):
        count = len(re.findall(rf"\b{re.escape(item['term'])}\b", body))
        assert count == item["occurrences"], f"{item['term']!r} occurs {count} times, the key says {item['occurrences']}"
    assert conc["occurrences"] == max(
        [conc["occurrences"]] + [c["occurrences"] for c in conc.get("compare", [])])


# -- trace key -----------------------------------------------------------------------------------

def test_trace_covers_every_citation_of_the_citation_key(trace):
    key_path = PACK / "key" / "citations.yaml"
    if not key_path.is_file():
        pytest.skip("no citation key in the pack")
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))["citations"]
    traced = {c["id"]: c for c in trace["citations"]}
    assert set(traced) == {c["id"] for c in key}
    for c in key:
        assert traced[c["id"]]["raw"] == c["raw"] and traced[c["id"]]["sentence"] == c["sentence"], c["id"]


def test_trace_entries_say_what_how_and_how_sure(trace):
    for c in trace["citations"]:
        assert c.get("supports") and c.get("found") and c.get("how"), c["id"]
        assert c["confidence"] in CONFIDENCE, f"{c['id']}: confidence {c['confidence']!r}"
    lost = [c for c in trace["citations"] if c["raw"].startswith("(,")]
    assert len(lost) == 4
    # a lost source may be named only with the evidence that names it
    for c in lost:
        if c["confidence"] == "high":
            assert "publisher" in c["how"]


def test_single_source_paragraphs_cite_nothing_else(article, trace):
    key_path = PACK / "key" / "citations.yaml"
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))["citations"] if key_path.is_file() else []
    single = [p for p in trace["paragraph_sources"] if p.get("single_source")]
    assert [p["paragraph"] for p in single] == [6, 7, 8]
    for p in single:
        assert article.sentence(p["evidence"]["sentence"]).paragraph == p["paragraph"]
        outlet = p["single_source"].split(",")[0]
        for c in key:
            if c["paragraph"] == p["paragraph"]:
                assert all(s["name"] == outlet for s in c["sources"]), f"paragraph {p['paragraph']} cites {c['raw']}"


def test_sift_moves_spell_sift_and_are_sourced(trace):
    moves = trace["sift"]["moves"]
    assert "".join(m["move"][0] for m in moves) == "SIFT"
    assert all(m.get("here") for m in moves)
    assert all(re.match(r"^https?://", s["url"]) for s in trace["sift"]["sources"])
    assert len(trace["recover_steps"]) >= 5


# -- lesson plans --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["02_close_reading.md", "03_citation_tracing.md"])
def test_lesson_plan_has_its_sections_and_a_90_minute_plan(name):
    text = (LESSONS / name).read_text(encoding="utf-8")
    headings = [h.strip().lower() for h in re.findall(r"^##\s+(.+)$", text, flags=re.M)]
    for needed in ("objectives", "preparation", "seminar plan", "discussion questions", "assessment rubric", "self-study"):
        assert any(h.startswith(needed) for h in headings), f"{name}: no '## {needed}…' section"
    # the plan table's first column is "start–end" in minutes: contiguous from 0 to 90
    spans = [(int(a), int(b)) for a, b in re.findall(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|", text, flags=re.M)]
    assert spans and spans[0][0] == 0 and spans[-1][1] == 90, f"{name}: the plan must run 0–90 minutes"
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert a < b == c, f"{name}: plan rows {a}–{b} and {c}… are not contiguous"


@pytest.mark.parametrize("name", ["02_close_reading.md", "03_citation_tracing.md"])
def test_lesson_plan_sentence_ids_exist(article, name):
    text = (LESSONS / name).read_text(encoding="utf-8")
    ids = set(re.findall(r"\bp\d+\.s\d+\b", text))
    assert ids, f"{name} should point students at sentences by id"
    known = {s.id for s in article.sentences}
    assert ids <= known, f"{name}: unknown sentence ids {sorted(ids - known)}"
