"""helpers.analysis.draft and helpers.model.packwriter: a draft pack from the analyses, written
without overwriting checked work, valid for the lessons' readers, and scored against the
hand-made keys of the bundled synthetic articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers.analysis import draft as drafting
from helpers.analysis import evaluate
from helpers.analysis.discourse import load_statements
from helpers.core.errors import CourseInputError
from helpers.core.paths import annotations_dir, articles_dir
from helpers.model.article import load_article, parse_article
from helpers.model.packwriter import write_pack_files

SYNTHETIC = ("synthetic-2021-northern-corridor", "synthetic-2023-harbour-accord")


def _article(article_id: str):
    path = next(p for p in articles_dir().glob(f"{article_id}.*") if p.suffix in (".txt", ".md"))
    return load_article(path)


@pytest.fixture(scope="module")
def drafts():
    return {aid: (_article(aid), drafting.draft_pack(_article(aid))) for aid in SYNTHETIC}


def _items(draft):
    for name, data in draft.items():
        for key, value in data.items():
            if isinstance(value, list):
                for item in value:
                    yield name, key, item
            elif isinstance(value, dict) and "status" in value:
                yield name, key, value


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_every_drafted_item_says_it_is_a_draft_with_its_rule_and_confidence(drafts, article_id):
    _, draft = drafts[article_id]
    assert set(draft) == set(drafting.FILES)
    items = [(name, key, item) for name, key, item in _items(draft) if isinstance(item, dict) and key != "sources"]
    assert len(items) > 30
    for name, key, item in items:
        if name in ("exercises", "argument") or key in ("not_actors",):
            continue
        assert item["status"] == "draft" and item["rule"], (name, key, item)
        assert 0 < item["confidence"] <= 1, (name, key, item)
    for name, data in draft.items():
        if name == "argument":  # the map's schema has no status: its notes say it is a draft
            assert drafting.map_is_draft(data) and data["article"] == article_id
            assert all(re.match(r"Drafted \(A\d: .*; confidence 0\.\d\)", st["note"]) for st in data["statements"])
            continue
        assert data["status"] == "draft" and data["article_id"] == article_id
    for key in [*draft["exercises"].values(), *draft["critique"]["exercises"].values()]:
        if isinstance(key, dict):
            assert key["status"] == "draft" and key["rule"] and 0 < key["confidence"] <= 1, key


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_the_draft_invents_nothing_outside_the_article(drafts, article_id):
    article, draft = drafts[article_id]
    for entry in draft["glossary"]["entries"]:
        assert entry["definition"] == "" and entry["sources"] == [] and entry["look_up"]
        for use in entry["article"]:
            assert use["quote"] in article.sentence(use["sentence"]).text
    for c in draft["key/citations"]["citations"]:
        assert c["raw"] in article.sentence(c["sentence"]).text
    for q in draft["key/quotes"]["quotes"]:
        assert q["text"] in article.paragraph(q["paragraph"]).text
    text = article.text
    for a in draft["key/actors"]["actors"]:
        assert all(alias in text for alias in a["aliases"]), a


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_the_drafted_reading_key_fits_the_article(drafts, article_id):
    article, draft = drafts[article_id]
    reading = draft["reading"]
    assert [r["paragraph"] for r in reading["paragraph_roles"]] == [p.number for p in article.paragraphs]
    assert [v["sentence"] for v in reading["voice_key"]] == [s.id for s in article.sentences]
    for v in reading["voice_key"]:
        sentence = article.sentence(v["sentence"]).text
        assert sentence.startswith(v["starts_with"])
        assert v["label"] in ("question", "reported_view", "author_claim", "statement_of_fact")
        assert v["cue"] is None or v["cue"] in sentence
    term = reading["concordance"]["suggested_term"]
    assert term in text_of(article) and term not in ("January", "February", "March")


def text_of(article):
    return " ".join(p.text for p in article.paragraphs)


def test_voice_and_role_rules_on_a_case_of_our_own():
    text = ("# A Test of Voices\n\nWill the council agree? The mayor said that the plan was sound. "
            "The budget is likely too small.\n\n"
            "On the one hand, the plan is cheap. The river is long.\n\n"
            "In short, the council will probably wait.\n")
    article = parse_article(text, source="voices.md", article_id="test-voices")
    reading = drafting.draft_pack(article)["reading"]
    labels = {v["sentence"]: v["label"] for v in reading["voice_key"]}
    assert labels["p1.s1"] == "question"
    assert labels["p1.s3"] == "author_claim"          # "likely": a hedge, no reporting cue
    assert labels["p2.s2"] == "statement_of_fact"
    roles = {r["paragraph"]: r["role"] for r in reading["paragraph_roles"]}
    assert roles == {1: "frame", 2: "first interpretation", 3: "conclusion"}
    exercises = drafting.draft_pack(article)["exercises"]
    assert exercises["01_predict_question"]["answer"] == "p1.s1"
    assert "phrase" not in exercises["01_this_author"] and "byline" in exercises["01_this_author"]["look_up"]


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_a_written_draft_reloads_through_the_lessons_readers(drafts, article_id, tmp_path):
    article, draft = drafts[article_id]
    written = write_pack_files(tmp_path / article_id, draft)
    assert sorted(p.relative_to(tmp_path / article_id).as_posix() for p in written) == sorted(
        f"{n}.yaml" for n in drafting.FILES)
    for path in written:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        assert text.startswith("# Drafted pack file") and (data.get("status") == "draft" or drafting.map_is_draft(data))
    statements = load_statements(tmp_path / article_id / "statements.yaml", article=article)
    assert len(statements) == len(draft["statements"]["statements"]) > 0
    gold = evaluate.load_gold(tmp_path / article_id / "key")[0]  # the drafted key read as a gold would be
    assert gold.id == article_id and len(gold.citations) == len(draft["key/citations"]["citations"])


def test_the_writer_never_overwrites_a_checked_file(tmp_path):
    checked = tmp_path / "reading.yaml"
    checked.write_text("status: checked\nvoice_key: []\n", encoding="utf-8")
    files = {"key/actors": {"article_id": "x", "status": "draft", "actors": []},
             "reading": {"article_id": "x", "status": "draft", "voice_key": []}}
    with pytest.raises(CourseInputError) as info:
        write_pack_files(tmp_path, files)
    assert "reading.yaml" in str(info.value) and "--force" in str(info.value)
    assert not (tmp_path / "key").exists()  # nothing written when one file is in the way
    assert checked.read_text(encoding="utf-8").startswith("status: checked")
    written = write_pack_files(tmp_path, files, force=True)
    assert yaml.safe_load(checked.read_text(encoding="utf-8"))["status"] == "draft" and len(written) == 2
    write_pack_files(tmp_path, files)  # a draft may replace a draft
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_drafted_keys_score_as_the_rules_do_against_the_hand_made_keys(drafts, article_id, capsys):
    article, draft = drafts[article_id]
    gold = evaluate.load_gold(annotations_dir() / article_id / "key")[0]
    drafted = drafting.score_draft(draft, gold)
    rules = evaluate.evaluate_article(gold).tasks
    with capsys.disabled():
        print(f"\n{article_id}: " + ", ".join(f"{task} F1 {counts.f1:.2f} (rules {rules[task].f1:.2f})"
                                             for task, counts in drafted.items()))
    assert set(drafted) == set(rules) == {"citations", "speakers", "actors"}
    for task, counts in drafted.items():
        assert abs(counts.f1 - rules[task].f1) < 1e-9, task  # the draft loses nothing the rules found
    assert drafted["citations"].f1 >= 0.9


# -- the argument, its schemes and the lesson keys ------------------------------------------------

@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_the_drafted_argument_and_schemes_load_through_the_lessons_readers(drafts, article_id, tmp_path):
    from helpers.analysis.arguments import load_argument_map, load_scheme_instances, load_schemes
    from helpers.model.packwriter import DRAFT_NOTES

    article, draft = drafts[article_id]
    folder = tmp_path / article_id
    write_pack_files(folder, draft)
    amap = load_argument_map(folder / "argument.yaml", article=article)  # schema, ids, quotes, citations checked
    assert drafting.map_is_draft(amap) and amap.notes.startswith(DRAFT_NOTES)
    kinds = [s.kind for s in amap.statements]
    assert kinds.count("conclusion") == 1 and kinds.count("question") == 1 and kinds.count("premise") >= 2
    for s in amap.statements:
        assert s.quote in article.sentence(s.sentences[0]).text and (s.voice != "reported" or s.speaker)
    instances = load_scheme_instances(folder, article=article, amap=amap)
    schemes = load_schemes()
    assert 2 <= len(instances) <= drafting.MAX_INSTANCES
    for inst in instances:
        assert re.fullmatch(r"argument-\d+", inst.id)  # neutral: the id never names the scheme
        assert [q.id for q in inst.critical_questions] == [q.id for q in schemes[inst.scheme].critical_questions]
        assert all(q.status == "open" and q.sentences for q in inst.critical_questions)
    for name in drafting.FILES:
        text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
        assert drafting.check_pack_file(name, yaml.safe_load(text), article, text=text) == [], name
    assert write_pack_files(folder, draft)  # a drafted map counts as a draft: a new draft may replace it


def test_argument_and_scheme_rules_on_a_case_of_our_own():
    text = ("# Ports and Promises\n\nWill the new port pay for itself? The council voted for it last spring.\n\n"
            "The harbour master said that ships would come. Traffic rose because fees fell. "
            "The queues at the gate are a sign that demand is real.\n\n"
            "If the fees rise again, the ships will leave. Ultimately, the port will pay for itself only slowly.\n")
    article = parse_article(text, source="ports.md", article_id="test-ports")
    draft = drafting.draft_pack(article)
    statements = {s["sentences"][0]: s for s in draft["argument"]["statements"]}
    assert statements["p1.s1"]["kind"] == "question"
    assert statements["p3.s2"]["kind"] == "conclusion" and "Ultimately" in statements["p3.s2"]["note"]
    assert statements["p3.s1"]["kind"] == "premise"
    by_premise = {i["premises"][0]: i["scheme"] for i in draft["schemes"]["instances"]}
    assert by_premise["p3-s1"] == "negative_consequences"          # "If … will"
    assert by_premise["p2-s2"] == "cause_to_effect"                # "because"
    assert by_premise["p2-s3"] == "sign"                           # "a sign that"
    relations = {(r["from"], r["to"]) for r in draft["argument"]["relations"]}
    assert ("p3-s1", "p3-s2") in relations and ("p3-s2", "p1-s1") in relations
    key = draft["critique"]["exercises"]["05_reconstruct"]
    assert key["answer"] == "p3.s2" and key["premises"] == ["p3.s1"] and "(unstated)" in key["model_answer"]


def test_an_analogy_cue_drafts_an_argument_from_analogy_and_a_contrast_does_not():
    from helpers.analysis.arguments import load_schemes

    assert "analogy" in load_schemes()  # the catalogue has the scheme the rule names
    text = ("# Two Bridges\n\nWill the river bridge be finished on time? Work began in March.\n\n"
            "Just as the rail bridge ran two years late, the river bridge will run late. "
            "Unlike in the past, the crews now work at night.\n\n"
            "In short, the opening will slip.\n")
    article = parse_article(text, source="bridges.md", article_id="test-bridges")
    draft = drafting.draft_pack(article)
    by_premise = {i["premises"][0]: i for i in draft["schemes"]["instances"]}
    assert by_premise["p2-s1"]["scheme"] == "analogy" and by_premise["p2-s1"]["rule"].startswith("S5: “Just as”")
    assert {q["id"] for q in by_premise["p2-s1"]["critical_questions"]} == {"differences", "base_case", "counter_case"}
    assert "p2-s2" not in by_premise or by_premise["p2-s2"]["scheme"] != "analogy"  # "unlike": a contrast


def test_the_drafted_labels_are_the_lessons_labels():
    from helpers.present.exercises.labels import VOICE_LABELS
    from helpers.present.exercises.roles import PARAGRAPH_ROLES

    assert set(drafting.OPENING_LABELS.values()) == set(VOICE_LABELS)
    assert set(drafting.ROLE_LABELS.values()) <= set(PARAGRAPH_ROLES)


@pytest.mark.parametrize("article_id", SYNTHETIC)
def test_the_drafted_lesson_keys_fit_the_lessons_exercises(drafts, article_id, tmp_path):
    """Each drafted key, given to the exercise its lesson builds, is a key (not refused as not
    fitting the article), says it is a draft, and checks an answer."""
    from helpers.analysis.arguments import load_argument_map, load_scheme_instances, load_schemes
    from helpers.model.rubrics import critique_rubric
    from helpers.present.exercises import choice, labels, reconstruction, roles, schemes, text
    from helpers.present.exercises.base import DRAFT_KEY

    article, draft = drafts[article_id]
    folder = tmp_path / article_id
    write_pack_files(folder, draft)
    keys, crit = draft["exercises"], draft["critique"]["exercises"]
    amap = load_argument_map(folder / "argument.yaml", article=article)
    built = [
        roles.RoleExercise("02_paragraph_roles", "Exercise 1", "q", article, keys["02_paragraph_roles"], draft["reading"]),
        labels.LabelExercise.over_sentences("01_opening_voices", "Exercise 2", "q", article.paragraph(1).sentences,
                                            labels.VOICE_LABELS, keys["01_opening_voices"], article),
        schemes.SchemeExercise("05_schemes", "Exercise 2", "q", article, load_schemes(), keys["05_schemes"],
                               load_scheme_instances(folder, article=article, amap=amap), amap),
        reconstruction.ReconstructionExercise("05_reconstruct", "Exercise 3", "q", article, crit["05_reconstruct"]),
        choice.conclusion_voice_exercise(article, amap, "Exercise 1"),
        text.FreeTextExercise("01_predict_thesis", "Exercise 1b", "q", keys["01_predict_thesis"]),
        text.FreeTextExercise("01_this_author", "Exercise 3", "q", keys["01_this_author"]),
        text.FreeTextExercise("04_voices", "Exercise 1", "q", crit["04_voices"]),
        text.CritiqueExercise("05_critique", "Exercise 5", "q", critique_rubric(None), article, crit["05_critique"]),
    ]
    for ex in built:
        assert ex.has_key and ex.drafted and DRAFT_KEY in ex.intro(), ex.id
    roles_ex, voices_ex, schemes_ex, rec_ex, whose = built[:5]
    right = {str(n): role for n, role in keys["02_paragraph_roles"]["labels"].items()}
    assert roles_ex.check(right).correct is True
    assert voices_ex.check(dict(keys["01_opening_voices"]["labels"])).correct is True
    assert len(schemes_ex.slots) == 2 and all(schemes_ex._argument(s) for s in schemes_ex.slots)
    conclusion = crit["05_reconstruct"]["answer"]
    premise = crit["05_reconstruct"]["premises"][0]
    standard = f"P1: the first reason the text gives ({premise})\nP2 (unstated): what must also hold\nC: the verdict ({conclusion})"
    assert rec_ex.check(standard).correct is True
    voice = next(s.voice for s in amap.statements if s.kind == "conclusion")
    assert whose.check(voice).correct is True and DRAFT_KEY in whose.feedback_text(whose.check(voice), 1)
    assert built[5].check("Sweden and Poland will share one border check.").hints  # the look_for checklist


def test_drafted_lesson_keys_against_the_seed_pack(capsys):
    """The seed is the one bundled article with a hand-made lesson pack: its draft is scored against it."""
    from helpers.core.paths import SEED_ARTICLE_ID
    from helpers.model.packs import load_pack

    article = _article(SEED_ARTICLE_ID)
    scores = drafting.score_lesson_keys(drafting.draft_pack(article), load_pack(article))
    with capsys.disabled():
        print(f"\n{SEED_ARTICLE_ID} drafted lesson keys against the hand-made ones: "
              + ", ".join(f"{k} {r}/{n}" for k, (r, n) in scores.items()))
    assert {"02_paragraph_roles", "01_opening_voices", "voice_key", "01_predict_question", "argument question",
            "argument conclusion", "05_reconstruct conclusion", "05_reconstruct premises",
            "scheme instances"} <= set(scores)
    for name in ("argument question", "argument conclusion", "05_reconstruct conclusion", "01_predict_question"):
        assert scores[name] == (1, 1), name
    assert scores["02_paragraph_roles"][0] / scores["02_paragraph_roles"][1] >= 0.5
    assert scores["voice_key"][0] / scores["voice_key"][1] >= 0.6
    assert scores["scheme instances"][0] >= 2


def test_check_pack_file_names_a_bad_statement_and_an_unknown_scheme(drafts):
    article, draft = drafts["synthetic-2023-harbour-accord"]
    amap = {**draft["argument"], "statements": [dict(s) for s in draft["argument"]["statements"]]}
    amap["statements"][0]["quote"] = "words that are not in the article"
    problems = drafting.check_pack_file("argument", amap, article)
    assert problems and amap["statements"][0]["id"] in problems[0] and "argument.yaml" in problems[0]
    instances = [dict(i) for i in draft["schemes"]["instances"]]
    instances[0]["scheme"] = "from_the_stars"
    problems = drafting.check_pack_file("schemes", {**draft["schemes"], "instances": instances}, article)
    assert problems and "from_the_stars" in problems[0] and "argument-1" in problems[0]
