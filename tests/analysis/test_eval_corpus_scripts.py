"""benchmarks/eval_corpus/: the scripts that build the evaluation texts from raw page copies and
check hand-made gold against them, run as a researcher runs them, on our own tiny corpus
(tests/fixtures/evaluation) and on invented raw files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "benchmarks" / "eval_corpus"
FIXTURE = ROOT / "tests" / "fixtures" / "evaluation"


def run(script: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPTS / script), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_the_fixture_gold_passes_the_check():
    done = run("check_gold.py", FIXTURE / "corpus.yaml", FIXTURE / "texts")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 articles checked, 0 problems" in done.stdout


def test_each_kind_of_slip_is_reported_with_its_article(tmp_path):
    corpus = tmp_path / "evaluation"
    shutil.copytree(FIXTURE, corpus)
    gold = corpus / "gold" / "test-2024-harbour-board"
    for name, old, new in (("citations.yaml", "(Verden Courier, March 4)", "(Verden Courier, March 9)"),
                           ("quotes.yaml", "words: 7", "words: 6"),
                           ("actors.yaml", "aliases: [Lena Osk]", "aliases: [Lena Oskar]")):
        text = (gold / name).read_text(encoding="utf-8")
        assert old in text, (name, old)
        (gold / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    done = run("check_gold.py", corpus / "corpus.yaml", corpus / "texts")
    assert done.returncode == 1
    out = done.stdout
    assert "test-2024-harbour-board citation" in out and "(Verden Courier, March 9)" in out
    assert "the parenthesis '(Verden Courier, March 4)' is neither a citation nor listed" in out
    assert "quote q1: 7 words, the gold says 6" in out
    assert "alias 'Lena Oskar' is not in the body" in out
    assert "speaker" not in out           # the speaker is still an actor's name


def test_an_index_without_gold_beside_it_is_told_where_the_gold_is_read(tmp_path):
    # an annotator's own index in another folder: the check says where it looked, not a traceback
    index = tmp_path / "my-index.yaml"
    shutil.copy(FIXTURE / "corpus.yaml", index)
    done = run("check_gold.py", index, FIXTURE / "texts")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"no gold folder {tmp_path / 'gold' / 'test-2024-harbour-board'}" in done.stdout
    assert "beside the index" in done.stdout


def test_the_builder_drops_the_incomplete_last_sentence_and_records_every_edit(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x-1.txt").write_text(
        "url: https://example.org/stored-copy\nnote: the By: line was dropped\n"
        "A Quay for Verden\n\nPublication: Test Monitor Volume: 2 Issue: 7\n\n"
        "The board met on Monday (Verden Courier, March 4). It voted for the quay.\n\n"
        "The council has not yet said whether it will pay for the\n", encoding="utf-8")
    index = tmp_path / "corpus.yaml"
    index.write_text(yaml.safe_dump({"articles": [{"id": "x-1", "title": "A Quay for Verden", "volume": 2, "issue": 7,
                                                    "url": "https://example.org/a-quay", "date_lower_bound": "2024-03-04",
                                                    "file": "edm/x-1.txt", "split": "report"}]}), encoding="utf-8")
    done = run("build_texts.py", index, tmp_path / "texts", raw)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "texts" / "edm" / "x-1.txt").read_text(encoding="utf-8")
    assert text.startswith("A Quay for Verden\n\nPublication: Test Monitor Volume: 2 Issue: 7\n\n")
    assert text.endswith("It voted for the quay.\n") and "whether" not in text and "url:" not in text
    meta = yaml.safe_load((tmp_path / "texts" / "edm" / "x-1.meta.yaml").read_text(encoding="utf-8"))
    assert meta["source_note"] == "stored copy of the page used: https://example.org/stored-copy"
    assert meta["losses"][0] == "the By: line was dropped"
    assert "incomplete final sentence" in meta["losses"][1] and "and with it the paragraph" in meta["losses"][1]
    assert meta["date_lower_bound"] == "2024-03-04"


def test_an_article_citing_no_date_gets_no_lower_bound(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x-2.txt").write_text("url: https://example.org/x-2\nA Quiet Quay\n\nPublication: Test Monitor Volume: 2 "
                                 "Issue: 8\n\nThe board met and voted for the quay.\n", encoding="utf-8")
    index = tmp_path / "corpus.yaml"
    index.write_text(yaml.safe_dump({"articles": [{"id": "x-2", "title": "A Quiet Quay", "volume": 2, "issue": 8,
                                                    "url": "https://example.org/x-2", "date_lower_bound": None,
                                                    "file": "edm/x-2.txt", "split": "report"}]}), encoding="utf-8")
    assert run("build_texts.py", index, tmp_path / "texts", raw).returncode == 0
    meta = yaml.safe_load((tmp_path / "texts" / "edm" / "x-2.meta.yaml").read_text(encoding="utf-8"))
    assert meta["date_lower_bound"] is None      # not the text 'None'


def test_the_builder_refuses_to_write_third_party_text_into_the_repository(tmp_path):
    done = run("build_texts.py", FIXTURE / "corpus.yaml", ROOT / "data" / "evaluation", tmp_path)
    assert done.returncode != 0 and "outside the repository" in done.stderr
