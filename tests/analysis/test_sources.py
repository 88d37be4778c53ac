"""helpers.analysis.sources and data/sources.yaml: classification, evidence, and errors on bad registries."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from helpers.core.errors import CourseInputError
from helpers.analysis.sources import Registry, load_registry, normalise_name

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "data" / "sources.yaml"
ARTICLES = ROOT / "data" / "articles"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REGISTRY)


def test_default_path_is_the_course_registry(registry):
    assert [o.name for o in load_registry()] == [o.name for o in registry]


@pytest.mark.parametrize("cited, name, kind", [
    ("EDM", "Eurasia Daily Monitor", "publisher-self"),
    ("Eurasia Daily Monitor", "Eurasia Daily Monitor", "publisher-self"),
    ("  edm ", "Eurasia Daily Monitor", "publisher-self"),
    ("Regnum", "Regnum", "news-agency"),
    ("REGNUM", "Regnum", "news-agency"),
    ("New Era", "New Era", "online-portal"),
    ("the New  Era", "New Era", "online-portal"),
])
def test_classify_known(registry, cited, name, kind):
    outlet = registry.classify(cited)
    assert outlet is not None and outlet.name == name and outlet.type == kind


@pytest.mark.parametrize("cited", ["Kommersant", "Era", "New", "", None, "Regnum News", "EDM Online"])
def test_unknown_names_are_not_guessed(registry, cited):
    assert registry.classify(cited) is None


def test_synthetic_outlets_only_classify_their_own_articles(registry):
    synthetic = [o for o in registry if o.synthetic]
    assert synthetic, "the registry's synthetic section is empty"
    for outlet in synthetic:
        assert outlet.articles
        assert registry.classify(outlet.name) is None  # never in a real (or unnamed) article
        for article_id in outlet.articles:
            assert registry.classify(outlet.name, article_id) is outlet
            for alias in outlet.aliases:
                assert registry.classify(alias, article_id) is outlet
        assert registry.classify(outlet.name, "edm-2019-16-138-moscow-baku-rapprochement") is None


def test_every_entry_has_dated_evidence(registry):
    for outlet in registry:
        assert outlet.type and re.fullmatch(r"[a-z][a-z-]*", outlet.type), outlet
        assert isinstance(outlet.as_of, dt.date)
        assert outlet.evidence.startswith(("Article:", "Article (synthetic):", "Outside knowledge:")), outlet.name
        assert outlet.to_dict()["as_of"] == outlet.as_of.isoformat()


def _all_article_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*")) if p.suffix in (".txt", ".md"))


def test_quotations_in_evidence_occur_in_the_articles(registry):
    """Every quotation an evidence note takes from an article occurs there verbatim."""
    text = " ".join(_all_article_text().split())
    for outlet in registry:
        if not outlet.evidence.startswith("Article"):
            continue
        quotes = re.findall(r'"([^"]+)"', outlet.evidence)
        assert quotes, outlet.name
        for quote in quotes:
            assert " ".join(quote.split()) in text, (outlet.name, quote)
    # outside knowledge names its source
    for outlet in registry:
        if outlet.evidence.startswith("Outside knowledge:"):
            assert re.search(r"\(.+\)", outlet.evidence), outlet.name


def test_registry_file_has_a_header():
    head = REGISTRY.read_text(encoding="utf-8").splitlines()[:12]
    assert all(line.startswith("#") for line in head[:3])
    assert any("As of" in line or "as of" in line for line in head)


def test_normalise_name():
    assert normalise_name("  The \u201cNew\u201d  Era. ") == '"new" era'


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "  - name: A\n    type: newspaper\n    evidence: x\n    as_of: 2026-01-01\n"


@pytest.mark.parametrize("text, words, line", [
    ("outlets: [\n", "not valid YAML", None),
    ("- a\n- b\n", "mapping", None),
    ("outlets: 3\n", "must be a list", 1),
    ("outlets:\n  - name: A\n    type: newspaper\n", "has no evidence, as_of", 2),
    ("outlets:\n" + GOOD + "  - just a string\n", "must be a mapping", 6),
    ("outlets:\n" + GOOD + "  - name: B\n    aliases: [a]\n    type: x\n    evidence: y\n    as_of: 2026-01-01\n",
     "given to both", 6),
    ("outlets:\n  - name: A\n    type: x\n    evidence: y\n    as_of: soon\n", "ISO date", 2),
    ("outlets:\n" + GOOD + "synthetic:\n  - name: Z\n    type: x\n    evidence: y\n    as_of: 2026-01-01\n",
     "lists no articles", 7),
    ("outlets:\n" + GOOD + "extra: 1\n", "unknown top-level", None),
])
def test_bad_registries_name_file_and_line(tmp_path, text, words, line):
    path = _write(tmp_path, text)
    with pytest.raises(CourseInputError) as info:
        load_registry(path)
    err = info.value
    assert words in str(err) and str(path) in str(err) and "\n" not in str(err)
    if line is not None:
        assert err.line == line


def test_missing_registry_file(tmp_path):
    with pytest.raises(CourseInputError, match="not found"):
        load_registry(tmp_path / "nope.yaml")


def test_synthetic_name_may_repeat_across_articles(tmp_path):
    text = ("outlets:\n" + GOOD + "synthetic:\n"
            "  - name: Z\n    type: x\n    evidence: y\n    articles: [one]\n    as_of: 2026-01-01\n"
            "  - name: Zed\n    aliases: [Z]\n    type: w\n    evidence: y\n    articles: [two]\n    as_of: 2026-01-01\n")
    reg = load_registry(_write(tmp_path, text))
    assert reg.classify("Z", "one").name == "Z" and reg.classify("Z", "two").name == "Zed"
    assert reg.classify("Z") is None and reg.classify("a").name == "A"
