"""helpers.analysis.evaluate: the scorers counted by hand, the gold readers, and the command on a
tiny corpus of our own (tests/fixtures/evaluation) and on the bundled answer keys."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from helpers.analysis import evaluate as E
from helpers.core.errors import CourseInputError

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "evaluation"
TEXTS = FIXTURE / "texts"


def _cite(paragraph, *sources):
    return NS(paragraph=paragraph, sources=[NS(name=n, dates=[dt.date.fromisoformat(d) for d in ds]) for n, ds in sources])


def test_citations_are_scored_per_source_with_paragraph_and_dates():
    gold = [{"paragraph": 1, "sources": [{"name": "TASS", "dates": ["2024-03-04"]}, {"name": None, "dates": ["2024-03-05"]}]},
            {"paragraph": 2, "sources": [{"name": "Kommersant", "dates": ["2024-02-28"]}]}]
    found = [_cite(1, ("tass", ["2024-03-04"]), (None, ["2024-03-05"])),   # case folded: right; lost: right
             _cite(2, ("Kommersant", ["2023-02-28"])),                        # wrong year: a miss and an extra
             _cite(3, ("Reuters", []))]                                       # not in the gold
    c = E.score_citations_units(found, gold)
    assert (c.tp, c.fp, c.fn) == (2, 2, 1)
    assert c.precision == pytest.approx(0.5) and c.recall == pytest.approx(2 / 3) and c.f1 == pytest.approx(4 / 7)
    assert "missed ¶2 kommersant ['2024-02-28']" in c.misses and "not in the gold ¶3 reuters []" in c.misses


def _quote(qid, paragraph, text, speaker):
    return NS(id=qid, paragraph=paragraph, text=text, speaker=speaker)


def test_speakers_right_wrong_unresolved_and_missed():
    gold = {"quotes": [
        {"id": "q1", "paragraph": 1, "kind": "speech", "speaker": "Lena Osk", "anchor": "the quay will be"},
        {"id": "q2", "paragraph": 1, "kind": "speech", "speaker": "Piet Maru", "anchor": "nobody has seen the"},
        {"id": "q3", "paragraph": 2, "kind": "speech", "speaker": "Piet Maru", "text": "We will wait."},
        {"id": "q4", "paragraph": 2, "kind": "speech", "speaker": "unresolved", "anchor": "too large by"},
        {"id": "q5", "paragraph": 3, "kind": "speech", "speaker": ["Ann A", "Bo B"], "anchor": "both of us"},
        {"id": "q6", "paragraph": 3, "kind": "speech", "speaker": "Lena Osk", "anchor": "never said that"},
        {"id": "t1", "paragraph": 1, "kind": "title", "speaker": None, "anchor": "New Quay"}]}
    found = [_quote("a", 1, "The quay will be built this year,", "the chair"),   # an alias of Lena Osk: right
             _quote("b", 1, "nobody has seen the budget", "Lena Osk"),         # wrong named speaker
             _quote("c", 2, "We will wait", None),                             # unresolved
             _quote("d", 2, "too large by half", None),                        # gold unresolved, none named: right
             _quote("e", 3, "both of us agree", "Bo B")]                       # one of the joint authors: right
    actors = [{"name": "Lena Osk", "aliases": ["Lena Osk", "the chair"]}, {"name": "Piet Maru", "aliases": []}]
    c = E.score_speakers(found, gold, actors)
    assert c.extra == {"right": 3, "wrong": 1, "unresolved": 1, "missed_quote": 1}
    assert (c.tp, c.fp, c.fn) == (3, 1, 3)
    assert c.precision == pytest.approx(3 / 4) and c.recall == pytest.approx(3 / 6)
    assert any("named 'Lena Osk', the gold says Piet Maru" in m for m in c.misses)
    assert any("quotation not found" in m and "q6" in m for m in c.misses)


def test_a_speaker_named_by_another_name_of_the_same_actor_is_right():
    gold = {"quotes": [{"id": "q1", "paragraph": 1, "kind": "speech", "speaker": "Republic of Kadra",
                        "anchor": "the quay will be"},
                       {"id": "q2", "paragraph": 1, "kind": "speech", "speaker": "Piet Maru", "anchor": "nobody has seen the"}]}
    found = [_quote("a", 1, "The quay will be built this year,", "Kadra"),
             _quote("b", 1, "nobody has seen the budget", "Lena Osk")]
    gold_actors = [{"name": "Republic of Kadra", "aliases": ["Republic of Kadra", "Kadra City"]},
                   {"name": "Piet Maru", "aliases": ["Piet Maru", "the chair"]}]
    ours = [NS(name="Kadra", aliases=["Kadrian", "Republic of Kadra"]), NS(name="Lena Osk", aliases=["Lena Osk", "the chair"])]
    c = E.score_speakers(found, gold, gold_actors, ours)
    # the shared proper name makes q1 right; a shared role phrase does not make q2 right
    assert c.extra["right"] == 1 and c.extra["wrong"] == 1, c.misses
    assert E.score_speakers(found, gold, gold_actors).extra["right"] == 0


def test_actors_leave_cited_only_outlets_open_and_count_non_actors():
    gold = {"actors": [{"name": "Russia", "aliases": ["Russia", "Moscow"]}, {"name": "Lena Osk", "aliases": ["Osk"]},
                       {"name": "TASS", "aliases": ["TASS"], "cited_only": True}],
            "not_actors": ["Sochi"]}
    found = [NS(name="Russia", aliases=["Russia", "Moscow"], type="state"), NS(name="TASS", aliases=["TASS"], type="media"),
             NS(name="Sochi", aliases=["Sochi"], type="state"), NS(name="Kyiv", aliases=["Kyiv"], type="state")]
    c, forbidden = E.score_actor_list(found, gold)
    assert (c.tp, c.fp, c.fn, c.found_gold) == (1, 2, 1, 1)      # TASS neither required nor counted
    assert c.recall == pytest.approx(0.5) and c.precision == pytest.approx(1 / 3)
    assert forbidden == ["Sochi"] and "missed Lena Osk" in c.misses


def test_one_actor_found_by_two_gold_names_counts_once_for_precision():
    gold = {"actors": [{"name": "Russia", "aliases": ["Russia"]}, {"name": "the Kremlin", "aliases": ["the Kremlin"]}]}
    found = [NS(name="Russia", aliases=["Russia", "the Kremlin"], type="state")]
    c, _ = E.score_actor_list(found, gold)
    assert c.precision == 1.0 and c.recall == 1.0 and (c.tp, c.found_gold) == (1, 2)
    total = E.Counts()
    total.add(c)
    total.add(E.Counts(tp=1, fn=1))
    assert total.found_gold == 3 and total.recall == pytest.approx(3 / 4)


def test_the_tiny_corpus_end_to_end():
    result = E.evaluate(FIXTURE, corpus=TEXTS)
    [art] = result["articles"]
    assert art["id"] == "test-2024-harbour-board" and art["split"] == "report"
    assert set(art["tasks"]) == {"citations", "speakers", "actors"}
    assert art["tasks"]["citations"]["tp"] + art["tasks"]["citations"]["fn"] == 3     # three cited sources in the gold
    sp = art["tasks"]["speakers"]
    assert sp["right"] + sp["wrong"] + sp["unresolved"] + sp["missed_quote"] == 2
    assert result["overall"]["citations"] == {k: v for k, v in art["tasks"]["citations"].items() if k != "misses"}
    with pytest.raises(E.CourseInputError, match="no article of split 'tune'"):
        E.evaluate(FIXTURE, corpus=TEXTS, split="tune")
    json.dumps(result)


def test_the_bundled_keys_score_full_marks():
    result = E.evaluate(ROOT / "data" / "annotations")
    assert {a["id"] for a in result["articles"]} >= {"edm-2019-16-138-moscow-baku-rapprochement"}
    for task in ("citations", "speakers"):
        assert result["overall"][task]["f1"] == 1.0, result["overall"][task]
    assert result["overall"]["actors"]["recall"] == 1.0 and result["non_actors_reported"] == 0
    one = E.evaluate(ROOT / "data" / "annotations" / "synthetic-2021-northern-corridor" / "key")
    assert [a["id"] for a in one["articles"]] == ["synthetic-2021-northern-corridor"]


def test_bad_gold_says_what_to_do(tmp_path):
    with pytest.raises(CourseInputError, match="is not an evaluation corpus"):
        E.load_gold(tmp_path)
    (tmp_path / "corpus.yaml").write_text("articles: []\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="has no 'articles' list"):
        E.load_gold(tmp_path)
    (tmp_path / "corpus.yaml").write_text("articles:\n  - {id: a, file: a.txt}\n", encoding="utf-8")
    with pytest.raises(CourseInputError, match="--corpus DIR"):
        E.load_gold(tmp_path, corpus=None) if not E.os.environ.get(E.CORPUS_ENV) else pytest.skip("corpus env set")


def test_a_missing_text_is_skipped_with_its_name(tmp_path):
    (tmp_path / "corpus.yaml").write_text("articles:\n  - {id: gone, file: gone.txt, split: report}\n", encoding="utf-8")
    result = E.evaluate(tmp_path, corpus=tmp_path)
    assert result["articles"] == [] and "gone.txt" in result["skipped"][0]


def test_the_command_prints_text_and_json():
    run = lambda *a: subprocess.run([sys.executable, "-m", "helpers", "evaluate", *a],  # noqa: E731
                                    capture_output=True, text=True, cwd=ROOT, timeout=300)
    text = run(str(FIXTURE), "--corpus", str(TEXTS))
    assert text.returncode == 0, text.stderr
    assert "## overall" in text.stdout and "speech quotations" in text.stdout
    js = run(str(FIXTURE), "--corpus", str(TEXTS), "--format", "json")
    assert json.loads(js.stdout)["articles"][0]["id"] == "test-2024-harbour-board"
    bad = run(str(ROOT / "no-such-gold"))
    assert bad.returncode == 2 and "no-such-gold" in bad.stderr and "Traceback" not in bad.stderr


def test_any_split_name_of_the_corpus_can_be_chosen(tmp_path):
    # a split the corpus defines (here "heldout", as data/evaluation/ has) is scored alone
    (tmp_path / "texts").mkdir()
    src = (TEXTS / "test-2024-harbour-board.txt")
    (tmp_path / "texts" / "a.txt").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "corpus.yaml").write_text("articles:\n  - {id: a, file: a.txt, split: heldout}\n", encoding="utf-8")
    args = E.build_parser().parse_args([str(tmp_path / "corpus.yaml"), "--corpus", str(tmp_path / "texts"),
                                        "--split", "heldout"])
    assert args.split == "heldout"
    got = E.evaluate(args.gold, args.corpus, args.split)
    assert [a["id"] for a in got["articles"]] == ["a"] and got["split"] == "heldout"
    # a split the corpus does not define is refused with the splits it does (a typo would score nothing)
    with pytest.raises(E.CourseInputError, match=r"no article of split 'tune' \(its splits: heldout\)"):
        E.evaluate(args.gold, args.corpus, "tune")
