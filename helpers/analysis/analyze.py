"""The ``analyze`` command: every analysis of one or more articles, as JSON or CSV.

    python -m helpers analyze ARTICLE... [--format json|csv] [--out DIR]

An ARTICLE is a file, a folder of articles, or the id of a bundled article (no ARTICLE: the
seed). The JSON of one article is described in ``helpers/schemas/analysis.schema.json``.
Bad input gives a one-line error naming the file and exit code 2; the other articles are
still analysed and written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterable

from helpers.analysis.actors import extract_actors
from helpers.analysis.citations import extract_citations
from helpers.analysis.quotes import extract_quotes
from helpers.analysis.reading import extract_features, load_lexicons
from helpers.core.errors import CourseInputError
from helpers.core.fileio import atomic_write
from helpers.core.paths import ARTICLE_SUFFIXES, resolve_article
from helpers.model.article import load_article
from helpers.model.nlp import get_nlp

#: The tables of ``--format csv``, in the order they are written.
TABLES = ("article", "citations", "quotes", "attributions", "actors", "mentions", "relations", "features", "problems")
ARTICLE_KEYS = ("id", "title", "publication", "volume", "issue", "year", "date", "author", "paragraphs",
                "sentences", "words")


def analyze_article(article, *, lexicons=None, registry=None, nlp=None) -> dict[str, Any]:
    """All analyses of one article (an ``Article`` or a path) as JSON-ready plain data.

    ``nlp``: a spaCy ``Language`` or the name/path of a pipeline (default: blank English).
    """
    if not hasattr(article, "paragraphs"):
        article = load_article(article, nlp=nlp)
    if isinstance(nlp, (str, Path)):
        nlp = get_nlp(str(nlp))
    summary = article.summary()
    actors = extract_actors(article, nlp=nlp)
    quotes = extract_quotes(article, actors, nlp=nlp)
    citations = extract_citations(article, registry)
    features = extract_features(article, lexicons)
    problems = ([f"article: {w}" for w in article.warnings] + [f"citations: {p}" for p in citations.problems]
                + [str(p) for p in quotes.problems])
    return {
        "article": {k: summary.get(k) for k in ARTICLE_KEYS},
        "citations": [c.to_dict() for c in citations],
        "quotes": [q.to_dict() for q in quotes.quotes],
        "attributions": [a.to_dict() for a in quotes.attributions],
        "actors": [a.to_dict() for a in actors.actors],
        "relations": [r.to_dict() for r in actors.relations],
        "features": [f.to_dict() for f in features],
        "problems": problems,
    }


# -- tables ---------------------------------------------------------------------------------

def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return "; ".join("" if v is None else str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def tables(result: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The analysis of one article as flat tables (lists of rows), one per name in ``TABLES``.

    Citations have one row per (citation, source); actors one row per actor with a mention
    count, and their mentions a table of their own.
    """
    out: dict[str, list[dict[str, Any]]] = {"article": [{k: _cell(v) for k, v in result["article"].items()}]}
    rows = []
    for c in result["citations"]:
        head = {k: _cell(v) for k, v in c.items() if k not in ("sources", "sentence", "rule", "raw")}
        tail = {k: _cell(c.get(k)) for k in ("raw", "sentence", "rule") if k in c}
        for s in c.get("sources") or [{}]:
            row = dict(head)
            row["source"] = _cell(s.get("name"))
            row.update({("source_raw" if k == "raw" else k): _cell(v) for k, v in s.items() if k != "name"})
            row["lost"] = "name" in s and s["name"] is None
            row.update(tail)
            rows.append(row)
    out["citations"] = rows
    out["quotes"] = [{k: _cell(v) for k, v in q.items()} for q in result["quotes"]]
    out["attributions"] = [{k: _cell(v) for k, v in a.items()} for a in result["attributions"]]
    out["actors"] = [{**{k: _cell(v) for k, v in a.items() if k != "mentions"}, "mentions": len(a.get("mentions", []))}
                     for a in result["actors"]]
    out["mentions"] = [{"actor": a["name"], **{k: _cell(v) for k, v in m.items()}}
                       for a in result["actors"] for m in a.get("mentions", [])]
    out["relations"] = [{k: _cell(v) for k, v in r.items()} for r in result["relations"]]
    out["features"] = [{k: _cell(v) for k, v in f.items()} for f in result["features"]]
    out["problems"] = [{"problem": p} for p in result["problems"]]
    return out


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text (columns in first-seen order; a header even when there are no rows)."""
    columns: list[str] = []
    for row in rows:
        for k in row:
            if k not in columns:
                columns.append(k)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns or ["(none)"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


# -- command line ---------------------------------------------------------------------------

def configure_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the ``analyze`` arguments to ``parser`` (a sub-command parser or a fresh one)."""
    parser.description = ("Run every analysis (citations, quotations, actors, reading features) "
                          "on articles and write the results as JSON or CSV.")
    parser.add_argument("articles", nargs="*", metavar="ARTICLE",
                        help="article file, folder of articles, or bundled article id (default: the seed article)")
    parser.add_argument("--format", choices=("json", "csv"), default="json",
                        help="json: one object per article; csv: one file per table (default: json)")
    parser.add_argument("--out", metavar="DIR",
                        help="write <id>.json or <id>.<table>.csv files here instead of printing")
    parser.add_argument("--table", choices=TABLES,
                        help="with --format csv and no --out: print this one table to standard output")
    parser.add_argument("--model", metavar="NAME_OR_PATH",
                        help="a spaCy pipeline (installed name or saved folder) to tokenise and split sentences "
                             "(default: spaCy's blank English pipeline; no model is needed)")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    return parser


def _expand(refs: Iterable[str]) -> tuple[list[Path], list[CourseInputError], bool]:
    """Article files for what was typed; errors for what cannot be found; whether it was one file."""
    refs = list(refs) or [None]
    files: list[Path] = []
    errors: list[CourseInputError] = []
    for ref in refs:
        try:
            path = resolve_article(ref)
        except CourseInputError as exc:
            errors.append(exc)
            continue
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                errors.append(CourseInputError(path, "folder holds no article files",
                                               f"put articles ending in {', '.join(ARTICLE_SUFFIXES)} in it"))
            files.extend(found)
        else:
            files.append(path)
    single = len(refs) == 1 and len(files) == 1 and not files[0].is_dir() and not (
        refs[0] is not None and Path(str(refs[0])).is_dir())
    return files, errors, single


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``analyze`` with parsed arguments; returns the exit code (0 ok, 2 bad input, 1 a bug)."""
    err = sys.stderr
    fmt = getattr(args, "format", "json")
    out_dir = Path(args.out) if getattr(args, "out", None) else None
    table = getattr(args, "table", None)
    if fmt == "csv" and out_dir is None and table is None:
        print("analyze: --format csv writes one file per table: give --out DIR, or --table NAME to print one table",
              file=err)
        return 2
    if out_dir is not None and not _make_out_dir(out_dir, err):
        return 2
    files, errors, single = _expand(getattr(args, "articles", None) or [])
    status = 2 if errors else 0
    for exc in errors:
        print(exc, file=err)
    try:
        lexicons = load_lexicons()
    except CourseInputError as exc:
        print(exc, file=err)
        return 2
    results: list[dict[str, Any]] = []
    csv_rows: list[dict[str, Any]] = []
    written: dict[str, Path] = {}
    n_ok = 0
    for path in files:
        result, code = _analyse(path, args, lexicons, out_dir, written, err)
        if result is None:
            status = 2 if code == 2 else (status or 1)
            continue
        n_ok += 1
        aid = result["article"]["id"]
        if out_dir is not None:
            written[aid] = path
            if not _write(result, aid, fmt, table, out_dir, err):
                status = 2
        elif fmt == "json":
            results.append(result)
        else:
            rows = tables(result)[table]
            csv_rows.extend(rows if single else [{"article": aid, **r} for r in rows])
    if out_dir is None:
        text = ""
        if fmt == "json" and results:   # nothing at all on standard output when every article failed
            text = _dumps(results[0] if single else results)
        elif fmt == "csv" and n_ok:
            text = to_csv(csv_rows)
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:   # e.g. piped into `head`: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


def _make_out_dir(out_dir: Path, err) -> bool:
    """Create the ``--out`` folder; False (the problem printed) when it cannot be."""
    if out_dir.exists() and not out_dir.is_dir():
        print(CourseInputError(out_dir, "--out must be a folder, but this is a file", "give a folder path"), file=err)
        return False
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(CourseInputError(out_dir, f"cannot create the --out folder ({exc.strerror or exc})",
                               "give a folder you may write to"), file=err)
        return False
    return True


def _analyse(path: Path, args, lexicons, out_dir: Path | None, written: dict[str, Path], err) -> tuple[dict | None, int]:
    """(the analysis, 0); or (None, 2) for bad input, (None, 1) for a bug, the problem printed."""
    try:
        model = getattr(args, "model", None)
        result = analyze_article(load_article(path, nlp=model), lexicons=lexicons, nlp=model)
        aid = result["article"]["id"]
        if out_dir is not None and aid in written:
            raise CourseInputError(path, f"has the same id '{aid}' as {written[aid]}, so its results would overwrite them",
                                   "rename one of the files")
    except CourseInputError as exc:
        print(exc, file=err)
        return None, 2
    except Exception as exc:  # a bug, not bad input: say so, go on with the others
        if getattr(args, "debug", False):
            raise
        print(f"{path}: the analysis failed unexpectedly ({type(exc).__name__}: {exc}). "
              "This is a bug in helpers; rerun with --debug and report it with the file.", file=err)
        return None, 1
    return result, 0


def _write(result: dict[str, Any], aid: str, fmt: str, table: str | None, out_dir: Path, err) -> bool:
    """Write one article's ``<id>.json`` or ``<id>.<table>.csv`` files; False (printed) on failure."""
    outputs = ({f"{aid}.json": _dumps(result)} if fmt == "json" else
               {f"{aid}.{name}.csv": to_csv(rows) for name, rows in tables(result).items()
                if table is None or name == table})
    for name, text in outputs.items():
        try:
            atomic_write(out_dir / name, text)
        except OSError as exc:
            print(CourseInputError(out_dir / name, f"cannot write the result ({exc.strerror or exc})",
                                   "check the --out folder's permissions and free space"), file=err)
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: ``python -m helpers.analysis.analyze …``."""
    parser = configure_parser(argparse.ArgumentParser(prog="analyze"))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
