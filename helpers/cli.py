"""The command line: ``python -m helpers build|analyze|evaluate …`` (also installed as ``close-reading``).

Bad input (``CourseInputError``) and a failed build (``BuildError``) print one line on
stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import Any, Sequence

from helpers.core.errors import CourseInputError


def _param(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` with VALUE read as YAML (``3`` is an int, ``true`` a bool, ``x`` a string)."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    import yaml

    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return name.strip(), value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers",
                                     description="Close Reading Lab: build the course site, analyse an article, "
                                                 "or measure the analyses against gold.")
    sub = parser.add_subparsers(dest="command", metavar="{build,analyze,evaluate}")
    sub.required = True
    b = sub.add_parser("build", help="execute the notebooks on an article and build the site",
                       description="Execute notebooks/NN_*.ipynb on one article (cached) and build the "
                                   "student and instructor site. Prints the path of index.html last.")
    b.add_argument("--article", metavar="PATH_OR_ID", help="article file or bundled id (default: the seed article)")
    b.add_argument("--jobs", "-j", type=_positive, metavar="N", help="notebooks executed at once (default: CPU count)")
    b.add_argument("--out", metavar="DIR", help="output folder (default: _build/html, or _build/html-<id> for another article)")
    b.add_argument("--force", action="store_true", help="execute and render everything again, ignoring the cache")
    b.add_argument("-p", "--param", dest="params", action="append", type=_param, default=[], metavar="NAME=VALUE",
                   help="an extra notebook parameter (VALUE is read as YAML); may be repeated")
    b.add_argument("--notebooks", metavar="DIR", help=argparse.SUPPRESS)  # for tests and benchmarks
    b.add_argument("--lessons", metavar="DIR", help=argparse.SUPPRESS)
    b.add_argument("--build-root", metavar="DIR", help=argparse.SUPPRESS)
    b.add_argument("--quiet", "-q", action="store_true", help="no progress display on stderr")
    b.set_defaults(func=_run_build)
    a = sub.add_parser("analyze", help="all analyses of one article as JSON/CSV")
    if importlib.util.find_spec("helpers.analysis.analyze") is not None:
        from helpers.analysis import analyze

        analyze.configure_parser(a)
        a.set_defaults(func=analyze.run)
    else:
        a.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        a.set_defaults(func=_analyze_missing)
    e = sub.add_parser("evaluate", help="precision, recall and F1 of the analyses against hand-made gold",
                       description="Run every analysis on every article of a gold (an evaluation corpus.yaml, an "
                                   "article pack's key/ folder, or data/annotations) and print precision, recall "
                                   "and F1 per task, per article and overall, with the misses.")
    from helpers.analysis import evaluate

    evaluate.build_parser(e)
    e.set_defaults(func=evaluate.run)
    return parser


def _analyze_missing(args: argparse.Namespace) -> int:
    print("analyze is not available yet", file=sys.stderr)
    return 2


def _run_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpers.site.build import build_site

    params = dict(args.params)
    if "article" in params:
        raise CourseInputError(None, "the 'article' parameter is set by --article", "use --article PATH_OR_ID")
    result = build_site(args.article, notebooks_dir=Path(args.notebooks) if args.notebooks else None,
                        lessons_dir=Path(args.lessons) if args.lessons else None,
                        build_root=Path(args.build_root) if args.build_root else None,
                        out_dir=Path(args.out) if args.out else None, jobs=args.jobs, force=args.force,
                        parameters=params, progress=not args.quiet, echo=print)
    print(result.index)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from helpers.site.build import BuildError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (CourseInputError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
