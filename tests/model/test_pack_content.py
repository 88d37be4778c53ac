"""The seed article pack's lesson content (glossary, reading key, trace key, argument map,
hindsight, outlet registry, lesson plans and rubrics).

These files are written by hand; the tests hold them to the article they describe: every
sentence id exists, every quotation and cue occurs in the sentence it names, every glossary
entry is sourced, the keys cover what the lessons need and agree with each other (one truth
per sentence), dated facts are in order, every later event is dated, sourced and marked as
outside knowledge, the lesson plans add up to 90 minutes and give each lesson one timing, and
every rubric uses the course's one 0–3 scale with an exemplar per level.
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

LESSON_PLANS = ["01_source_article.md", "02_close_reading.md", "03_citation_tracing.md",
                "04_actor_mapping.md", "05_argument_critique.md"]


@pytest.mark.parametrize("name", LESSON_PLANS)
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


@pytest.mark.parametrize("name", LESSON_PLANS)
def test_lesson_plan_sentence_ids_exist(article, name):
    text = (LESSONS / name).read_text(encoding="utf-8")
    ids = set(re.findall(r"\bp\d+\.s\d+\b", text))
    assert ids, f"{name} should point students at sentences by id"
    known = {s.id for s in article.sentences}
    assert ids <= known, f"{name}: unknown sentence ids {sorted(ids - known)}"


def test_sentence_counts_in_lesson_plans_match_the_segmenter(article):
    """"14 sentences (p1.s1–p5.s4)": the count must be the number of sentences in the range."""
    order = [s.id for s in article.sentences]
    found = 0
    for name in LESSON_PLANS:
        text = (LESSONS / name).read_text(encoding="utf-8")
        for count, first, last in re.findall(r"\b(\d+) sentences of [^(|]*?\((p\d+\.s\d+)[–-](p\d+\.s\d+)\)", text) + \
                re.findall(r"\b(\d+) sentences \((p\d+\.s\d+)[–-](p\d+\.s\d+)\)", text):
            found += 1
            span = order[order.index(first):order.index(last) + 1]
            assert int(count) == len(span), f"{name}: {first}–{last} holds {len(span)} sentences, not {count}"
    assert found, "lesson 02 should give the size of its labelling set"


# -- dated facts, sources and cross-file consistency --------------------------------------------

def _date_key(value: str) -> tuple[int, ...]:
    """An ISO date string ("1999", "1999-10", "1999-10-05" or the start of "a/b") as a sortable tuple."""
    first = str(value).split("/")[0]
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", first), f"{value!r} is not an ISO date"
    return tuple(int(x) for x in first.split("-"))


def test_guluzade_dates_are_in_order_and_the_discrepancies_are_flagged(glossary):
    entry = next(e for e in glossary["entries"] if e["id"] == "vafa-guluzade")
    dates = entry["dates"]
    born, left, key_west, died = (_date_key(dates[k]) for k in ("born", "left_office", "key_west_talks", "died"))
    assert born < left < key_west < died
    assert left[:2] == (1999, 10), "he resigned in October 1999"
    assert key_west[:2] == (2001, 4), "the Key West talks were in April 2001"
    # the entry must not put the resignation after Key West, nor date Key West to 1999 as a fact
    prose = " ".join(str(entry[k]) for k in ("definition", "usage_note"))
    assert "October 1999" in prose and "April 2001" in prose
    assert not re.search(r"resigned after the 1999 Key West", prose)
    # the birth date in the definition is the one in `dates`, and the disagreement is recorded
    assert "22 December 1940" in entry["definition"] and dates["born"] == "1940-12-22"
    checks = " ".join(c["finding"] for c in entry["checks"])
    for needed in ("22 December", "21 December", "Wikipedia", "APA", "Key West", "2001"):
        assert needed in checks, f"the checks should say {needed!r}"
    urls = " ".join(s["url"] for s in entry["sources"])
    assert "wikipedia" in urls and "menafocus" in urls and "azer.com" in urls


def test_steinmeier_entry_has_the_contact_groups_written_agreement(glossary):
    entry = next(e for e in glossary["entries"] if e["id"] == "steinmeier-formula")
    assert "1 October 2019" in entry["definition"] and "Trilateral Contact Group" in entry["definition"]
    assert "(Regnum, October 3)" in entry["usage_note"]
    assert any("auswaertiges-amt.de" in s["url"] for s in entry["sources"])


HINDSIGHT_NEEDED = {  # facts the hindsight must carry, each in an event's date or text
    "allied interaction": "22 February 2022",
    "strategic mistake": "3 September 2023",
    "offensive": "19–20 September 2023",
    "left Azerbaijani": "12 June 2024",
    "J2-8243": "25 December 2024",
}
MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December"], 1)}


def _first_date(text: str) -> tuple[int, int, int]:
    """The first (year, month, day) a hindsight date string gives ("27 September – 10 November 2020")."""
    year = int(re.search(r"\b(19|20)\d{2}\b", text).group(0))
    month = next((MONTHS[m] for m in re.findall(r"[A-Z][a-z]+", text) if m in MONTHS), 1)
    day = re.match(r"\s*(\d{1,2})\b", text)
    return year, month, int(day.group(1)) if day else 1


def test_every_hindsight_event_is_dated_sourced_marked_and_in_order():
    data = _load("hindsight")
    events = data["events"]
    assert len(events) >= 7
    keys = []
    for e in events:
        assert e.get("outside_knowledge") is True, f"{e['id']}: mark it as outside knowledge"
        assert re.search(r"\b(19|20)\d{2}\b", str(e["date"])), f"{e['id']}: a date with a year"
        assert e["event"] and e["sources"], e["id"]
        for src in e["sources"]:
            assert src["title"] and src["url"].startswith("https://") and src["accessed"] and src["note"], e["id"]
        keys.append(_first_date(str(e["date"])))
    assert keys == sorted(keys), "hindsight events must be in date order"
    text = " ".join(" ".join(str(e[k]) for k in ("date", "event")) for e in events)
    flat_text = " ".join(text.split())
    for phrase, date in HINDSIGHT_NEEDED.items():
        assert phrase.lower() in flat_text.lower() and date in flat_text, (phrase, date)
    caution = " ".join(data["readings"]["caution"].split())
    assert "outside knowledge" in caution and "could not know" in caution


def test_the_registry_classifies_the_recovered_outlet():
    from helpers.analysis.sources import load_registry
    outlet = load_registry().classify("Aze.az")
    assert outlet is not None and outlet.type == "online-portal"
    assert outlet.evidence.startswith("Outside knowledge:") and "trace.yaml" in outlet.evidence
    trace = _load("trace")
    assert any("Aze.az" in f for f in trace["publisher_copy"]["findings"])


# -- one truth per sentence ----------------------------------------------------------------------

#: The voice-key labels that agree with an argument-map voice.
VOICE_AGREES = {"author": {"author_claim", "question", "statement_of_fact"}, "reported": {"reported_view"}}


def _accepted(entry: dict) -> set[str]:
    return {entry["label"]} | {r["label"] for r in entry.get("readings") or []}


def test_reading_and_argument_map_agree_on_every_sentence(reading):
    amap = _load("argument")
    key = {k["sentence"]: k for k in reading["voice_key"]}
    for st in amap["statements"]:
        for sid in st["sentences"]:
            entry = key.get(sid)
            if entry is None:
                continue
            accepted = _accepted(entry)
            if st["voice"] == "contested":
                assert entry.get("contested") and {"author_claim", "reported_view"} <= accepted, \
                    f"{st['id']} ({sid}) is contested in argument.yaml: reading.yaml must accept both voices"
            else:
                assert accepted & VOICE_AGREES[st["voice"]], \
                    f"{st['id']} ({sid}): argument.yaml says {st['voice']}, reading.yaml accepts {sorted(accepted)}"


def test_a_question_in_the_authors_voice_accepts_both_labels(article, reading):
    from helpers.present.exercises.labels import VoiceExercise
    question = next(s.id for s in article.paragraphs[0].sentences if s.text.rstrip().endswith("?"))
    entry = next(k for k in reading["voice_key"] if k["sentence"] == question)
    assert {"question", "author_claim"} <= _accepted(entry) and entry.get("contested") is True
    exercise = VoiceExercise.from_reading("x", "x", "x", article, reading)
    assert {"a question", "the author's claim"} <= set(exercise._key["accept"][question])


def test_the_conclusions_answer_to_the_question_is_contested():
    amap = _load("argument")
    conclusion = next(s for s in amap["statements"] if s["kind"] == "conclusion")
    question = next(s for s in amap["statements"] if s["kind"] == "question")
    assert conclusion["voice"] == "contested"
    link = next(r for r in amap["relations"] if r["from"] == conclusion["id"] and r["to"] == question["id"])
    assert link["note"].startswith("contested")
    everything = " ".join(str(r.get("note", "")) for r in amap["relations"]) + " " + str(amap.get("notes", ""))
    assert "yes, the day has arrived" not in everything
    assert "contested" in amap["notes"]
    for name in LESSON_PLANS:
        assert "qualified yes" not in (LESSONS / name).read_text(encoding="utf-8"), name


# -- one timing per lesson -----------------------------------------------------------------------

NOTEBOOKS = ROOT / "notebooks"


def _notebook_minutes(stem: str) -> tuple[int, bool]:
    """(minutes on your own, whether the notebook adds "plus the critique") from its first cell."""
    import json
    cell = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"][0]
    text = " ".join("".join(cell["source"]).split())
    m = re.search(r"\*\*Time\.\*\* About (\d+) minutes on your own", text)
    assert m, f"{stem}: the first cell gives no time"
    return int(m.group(1)), "plus the critique" in text


def _overview_rows() -> dict[int, tuple[int, int, int, int]]:
    text = (LESSONS / "course_overview.md").read_text(encoding="utf-8")
    rows = {}
    for n, seminar, before, alone, extra in re.findall(
            r"^\|\s*(\d)\s*\|\s*(\d+) min\s*\|\s*(\d+) min\s*\|\s*(\d+) min(?:, plus about (\d+) min[^|]*)?\s*\|", text, flags=re.M):
        rows[int(n)] = (int(seminar), int(before), int(alone), int(extra or 0))
    return rows


@pytest.mark.parametrize("name", LESSON_PLANS)
def test_each_lesson_has_one_timing_everywhere(name):
    stem = name[:-3]
    number = int(name[:2])
    minutes, plus_critique = _notebook_minutes(stem)
    plan = (LESSONS / name).read_text(encoding="utf-8")
    overview = _overview_rows()
    assert number in overview, f"course_overview.md has no time row for lesson {number}"
    seminar, before, alone, extra = overview[number]
    assert seminar == 90 and "## Seminar plan (90 minutes)" in plan
    assert alone == minutes, f"lesson {number}: overview says {alone} min alone, the notebook {minutes}"
    assert bool(extra) == plus_critique
    m = re.search(r"\*\*Students \(before class, (\d+) minutes\)", plan)
    assert m and int(m.group(1)) == before, f"{name}: reading before class differs from the overview"
    study = plan[plan.index("## Self-study path"):]
    m = re.search(r"\(about (\d+) minutes", study)
    assert m and int(m.group(1)) == minutes, f"{name}: the self-study path must give the notebook's {minutes} minutes"
    steps = sum(int(x) for x in re.findall(r"\((\d+) min\)", study))
    assert steps == minutes + extra, f"{name}: the self-study steps add up to {steps}, not {minutes + extra}"
    if extra:
        assert re.search(rf"plus about {extra}\s+minutes", " ".join(study.split()))
    guide = " ".join((LESSONS / "student_guide.md").read_text(encoding="utf-8").split())
    assert f"about {overview[1][2]} minutes for lesson 01" in guide
    for n, (_, _, mins, _) in overview.items():
        assert re.search(rf"\b{mins}\b[^.]*\b0{n}\b|\b0{n}\b[^.]*\b{mins}\b", guide), f"student_guide.md: lesson 0{n}"


def test_lesson_04_gives_its_exercises_real_time():
    text = (LESSONS / "04_actor_mapping.md").read_text(encoding="utf-8")
    total = 0
    for a, b, activity in re.findall(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|([^|]*)\|", text, flags=re.M):
        if "Exercise" in activity:
            assert int(b) - int(a) >= 10, f"{a}–{b}: an exercise needs at least 10 minutes"
            total += int(b) - int(a)
    assert total >= 45, f"the exercises get {total} of 90 minutes"


# -- one marking scale ---------------------------------------------------------------------------

RUBRICS = ROOT / "data" / "rubrics"


def test_every_rubric_uses_the_one_scale_with_an_exemplar_per_level():
    scale = yaml.safe_load((RUBRICS / "scale.yaml").read_text(encoding="utf-8"))
    levels = sorted(scale["levels"], reverse=True)
    assert levels == [3, 2, 1, 0]
    critique = _load("critique")["rubric"]
    assert sorted(critique["levels"], reverse=True) == levels
    fallback = yaml.safe_load((RUBRICS / "critique_standards.yaml").read_text(encoding="utf-8"))
    assert sorted(fallback["levels"], reverse=True) == levels
    assert sorted(fallback["exemplars"]["by_level"], reverse=True) == levels
    article_text = " ".join(ARTICLE_PATH.read_text(encoding="utf-8").split())
    for exemplar in fallback["exemplars"]["by_level"].values():
        for quote in re.findall(r"“([^”]+)”", exemplar):
            assert " ".join(quote.split()) in article_text, f"exemplar quotes {quote!r}, which is not in the article"
    headings = [scale["column_headings"][n] for n in levels]
    for name in LESSON_PLANS:
        text = (LESSONS / name).read_text(encoding="utf-8")
        rubric = text[text.index("## Assessment rubric"):text.index("## Self-study path")]
        header = next(line for line in rubric.splitlines() if line.startswith("| Criterion") or line.startswith("| Component"))
        cells = [c.strip() for c in header.strip("|").split("|")]
        assert [c for c in cells if c in headings] == headings, f"{name}: rubric columns {cells}"
        assert not re.search(r"\b4 — |\(4\)|Excellent \(", rubric), f"{name}: a level outside the 0–3 scale"
        for heading in headings:
            assert f"- **{heading}.**" in rubric, f"{name}: no exemplar for level {heading!r}"
