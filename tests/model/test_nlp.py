"""A researcher's own spaCy pipeline, loaded by name or from disk, instead of the blank one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from helpers.analysis.analyze import analyze_article
from helpers.model.article import load_article
from helpers.core.errors import CourseInputError
from helpers.model.nlp import get_nlp

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "edm-2019-16-138-moscow-baku-rapprochement.txt"


@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory) -> Path:
    """A small pipeline saved to disk, standing for a trained one: tokenizer, a custom tokenizer
    rule (so we can tell it was used) and no sentence splitter of its own."""
    nlp = spacy.blank("en")
    nlp.tokenizer.add_special_case("Moscow-Baku", [{"ORTH": "Moscow-Baku"}])
    folder = tmp_path_factory.mktemp("pipeline") / "my_pipeline"
    nlp.to_disk(folder)
    return folder


def test_a_saved_pipeline_is_loaded_from_its_folder(saved_pipeline):
    nlp = get_nlp(str(saved_pipeline))
    assert nlp.has_pipe("sentencizer"), "a pipeline without a sentence splitter gets one"
    assert [t.text for t in nlp("Moscow-Baku talks")][0] == "Moscow-Baku"


def test_articles_segment_the_same_with_the_saved_pipeline(saved_pipeline):
    blank = load_article(SEED)
    own = load_article(SEED, nlp=str(saved_pipeline))
    assert [(s.id, s.start, s.end) for s in own.sentences] == [(s.id, s.start, s.end) for s in blank.sentences]


def test_analyze_with_the_saved_pipeline_gives_the_same_result(saved_pipeline):
    assert analyze_article(SEED, nlp=str(saved_pipeline)) == analyze_article(SEED)


def test_command_line_model_option(saved_pipeline):
    proc = subprocess.run([sys.executable, "-m", "helpers", "analyze", str(SEED), "--model", str(saved_pipeline)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["citations"]) == 11


def test_a_pipeline_that_cannot_be_loaded_is_a_clear_error(tmp_path):
    with pytest.raises(CourseInputError) as info:
        get_nlp(str(tmp_path / "no-such-pipeline"))
    assert "no-such-pipeline" in str(info.value) and "\n" not in str(info.value)
    proc = subprocess.run([sys.executable, "-m", "helpers", "analyze", str(SEED), "--model", "no_such_model_xyz"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2 and "no_such_model_xyz" in proc.stderr and "Traceback" not in proc.stderr
