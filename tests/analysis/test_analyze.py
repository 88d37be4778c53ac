"""The `analyze` command: JSON and CSV output, the schema, folders, and bad input."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SEED = ARTICLES / "edm-2019-16-138-moscow-baku-rapprochement.txt"
SCHEMA = ROOT / "helpers" / "schemas" / "analysis.schema.json"


@pytest.fixture(scope="module", autouse=True)
def analyses():
    """The analysis modules analyze depends on; a clear failure (not a fake) while one is missing."""
    missing = []
    for name in ("helpers.analysis.citations", "helpers.analysis.actors", "helpers.analysis.quotes", "helpers.analysis.reading"):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing.append(f"{name} ({exc})")
    if missing:
        pytest.fail("analyze needs modules that have not landed yet: " + "; ".join(missing), pytrace=False)


@pytest.fixture(scope="module")
def seed_result():
    from helpers.analysis.analyze import analyze_article

    return analyze_article(SEED)


def run_main(argv, capsys):
    from helpers.analysis.analyze import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def article_files(folder: Path = ARTICLES) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".txt" or p.suffix == ".md")


def copy_article(src: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, folder / src.name)
    meta = src.with_name(src.name.split(".")[0] + ".meta.yaml")
    if meta.exists():
        shutil.copy(meta, folder / meta.name)
    return folder / src.name


# -- the result of one article --------------------------------------------------------------

def test_seed_result_matches_the_schema(seed_result):
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(seed_result), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    # the schema really constrains: a broken feature is rejected
    broken = json.loads(json.dumps(seed_result))
    broken["features"][0]["category"] = "emoji"
    assert list(validator.iter_errors(broken))


@pytest.mark.parametrize("path", article_files(), ids=lambda p: p.name.split(".")[0])
def test_every_bundled_article_matches_the_schema(path):
    import jsonschema

    from helpers.analysis.analyze import analyze_article

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    result = json.loads(json.dumps(analyze_article(path)))
    errors = list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(result))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_seed_result_is_built_from_the_analyses(seed_result):
    from helpers.analysis.actors import extract_actors
    from helpers.model.article import load_article
    from helpers.analysis.citations import extract_citations
    from helpers.analysis.quotes import extract_quotes
    from helpers.analysis.reading import extract_features

    article = load_article(SEED)
    assert seed_result["article"]["id"] == SEED.name.split(".")[0]
    assert seed_result["article"]["title"] == article.title
    assert seed_result["article"]["paragraphs"] == len(article.paragraphs)
    assert seed_result["article"]["year"] == article.metadata["year"]
    assert seed_result["citations"] == [c.to_dict() for c in extract_citations(article)]
    assert seed_result["features"] == [f.to_dict() for f in extract_features(article)]
    actors = extract_actors(article)
    assert seed_result["actors"] == [a.to_dict() for a in actors.actors]
    assert seed_result["relations"] == [r.to_dict() for r in actors.relations]
    quotes = extract_quotes(article, actors)
    assert seed_result["quotes"] == [q.to_dict() for q in quotes.quotes]
    assert seed_result["attributions"] == [a.to_dict() for a in quotes.attributions]
    for key in ("citations", "quotes", "features", "actors"):
        assert seed_result[key], f"the seed has {key}"
    # every offset points into the text
    for item in seed_result["citations"] + seed_result["quotes"] + seed_result["features"]:
        assert 0 <= item["start"] < item["end"] <= len(article.text)
    json.dumps(seed_result)  # JSON-ready as it is


# -- the command line -----------------------------------------------------------------------

def test_json_on_stdout_for_one_article(capsys, seed_result):
    code, out, err = run_main([SEED], capsys)
    assert code == 0, err
    assert err == ""
    assert json.loads(out) == json.loads(json.dumps(seed_result))


def test_no_article_means_the_seed_and_an_id_is_enough(capsys):
    code, out, _ = run_main([], capsys)
    assert code == 0 and json.loads(out)["article"]["id"] == SEED.name.split(".")[0]
    code, out, _ = run_main([SEED.name.split(".")[0]], capsys)
    assert code == 0 and json.loads(out)["article"]["id"] == SEED.name.split(".")[0]


def test_a_folder_gives_one_result_per_article(capsys):
    files = article_files()
    code, out, err = run_main([ARTICLES], capsys)
    assert code == 0, err
    results = json.loads(out)
    assert isinstance(results, list)
    assert [r["article"]["id"] for r in results] == [p.name.split(".")[0] for p in files]


def test_json_files_in_out_dir(tmp_path, capsys):
    files = article_files()
    code, out, err = run_main([*files, "--out", tmp_path / "out"], capsys)
    assert code == 0, err
    assert out == ""
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(f"{p.name.split('.')[0]}.json" for p in files)
    data = json.loads((tmp_path / "out" / f"{SEED.name.split('.')[0]}.json").read_text(encoding="utf-8"))
    assert data["article"]["title"].startswith("Moscow-Baku")


def test_csv_one_file_per_table(tmp_path, capsys, seed_result):
    from helpers.analysis.analyze import TABLES

    code, _, err = run_main([SEED, "--format", "csv", "--out", tmp_path], capsys)
    assert code == 0, err
    aid = seed_result["article"]["id"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{aid}.{t}.csv" for t in TABLES)

    def read(table):
        with open(tmp_path / f"{aid}.{table}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    features = read("features")
    assert len(features) == len(seed_result["features"])
    assert features[0]["text"] == seed_result["features"][0]["text"]
    citations = read("citations")
    assert len(citations) == sum(len(c["sources"]) for c in seed_result["citations"])
    lost = [r for r in citations if r["lost"] == "True"]
    assert len(lost) == sum(1 for c in seed_result["citations"] for s in c["sources"] if s["name"] is None)
    actors = read("actors")
    assert [int(a["mentions"]) for a in actors] == [len(a["mentions"]) for a in seed_result["actors"]]
    assert len(read("mentions")) == sum(len(a["mentions"]) for a in seed_result["actors"])
    assert read("article")[0]["id"] == aid


def test_csv_one_table_on_stdout(capsys, seed_result):
    code, out, err = run_main([SEED, "--format", "csv", "--table", "features"], capsys)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(seed_result["features"])
    code, out, err = run_main([SEED, "--format", "csv"], capsys)
    assert code == 2 and "--out" in err and out == ""


# -- bad input ------------------------------------------------------------------------------

def test_one_bad_file_in_a_folder_does_not_stop_the_others(tmp_path, capsys):
    folder = tmp_path / "articles"
    copy_article(SEED, folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "notes.yaml").write_text("not: an article\n", encoding="utf-8")   # ignored: not an article file
    code, out, err = run_main([folder, "--out", tmp_path / "out"], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert any("broken.txt" in line and "binary" in line for line in lines)
    assert any("empty.md" in line and "empty" in line for line in lines)
    assert "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{SEED.name.split('.')[0]}.json"]


def test_missing_file_is_one_line_exit_2(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    code, out, err = run_main([missing, SEED], capsys)
    assert code == 2
    assert err.count("\n") == 1 and "nope.txt" in err
    assert json.loads(out)[0]["article"]["id"] == SEED.name.split(".")[0]   # the good one is still there


def test_out_must_be_a_folder(tmp_path, capsys):
    target = tmp_path / "file.json"
    target.write_text("{}", encoding="utf-8")
    code, _, err = run_main([SEED, "--out", target], capsys)
    assert code == 2 and "file.json" in err and "folder" in err


def test_broken_lexicon_stops_with_file_and_line(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "lexicons" / "hedges.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- {form: almost"))
    lines[idx] = "  - {form: almost, source: nowhere}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("CLOSE_READING_DATA", str(data))
    code, out, err = run_main([SEED], capsys)
    assert code == 2 and out == ""
    assert f"hedges.yaml:{idx + 1}:" in err and "nowhere" in err


def test_module_command_line_runs_without_traceback(tmp_path):
    """`python -m helpers.analysis.analyze`, as a researcher would run it (exit codes, stdout, stderr)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    ok = subprocess.run([sys.executable, "-m", "helpers.analysis.analyze", str(SEED), "--format", "csv", "--table", "citations"],
                        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("id,")
    bad = subprocess.run([sys.executable, "-m", "helpers.analysis.analyze", "no-such-article"],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "no-such-article" in bad.stderr and "Traceback" not in bad.stderr
    assert bad.stdout == ""


def test_helpers_cli_dispatches_analyze(tmp_path):
    """`python -m helpers analyze` (helpers/cli.py, engineer B) reaches this command."""
    if not (ROOT / "helpers" / "cli.py").exists():
        pytest.fail("helpers/cli.py has not landed yet: `python -m helpers analyze` cannot be tested", pytrace=False)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run([sys.executable, "-m", "helpers", "analyze", str(SEED), "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / f"{SEED.name.split('.')[0]}.json").exists()


def test_citation_problems_reach_the_top_level_problems():
    from helpers.analysis.analyze import analyze_article
    from helpers.model.article import parse_article

    text = ("A Test\n\nPublication: Test Monitor Volume: 1 Issue: 1\n\n"
            "The ministry spoke (Harbour Post, May 5). It spoke again later (Harbour Post, May 9, 2031).\n")
    article = parse_article(text, article_id="test", metadata={"date": "2030-06-01"})
    result = analyze_article(article)
    assert any(p.startswith("citations: ") and "2031" in p for p in result["problems"]), result["problems"]
