"""Benchmark of the analyses on hostile inputs, side by side with ordinary text of the same size.

    .venv/bin/python benchmarks/bench_hostile.py [--repeat 3]

The tests only check that these inputs give the right result and finish (a runaway scan is
stopped by pytest-timeout); how long they take is measured here. Each row times one analysis
on a hostile input and on the bundled articles' paragraphs repeated to the same length (the
baseline), in this process's CPU seconds (best of ``--repeat``). A ratio far above 1 means the
hostile shape costs more than its length: a sign of backtracking or a quadratic step. Not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def ordinary_text(size: int) -> str:
    """The bundled articles' body paragraphs joined and repeated to ``size`` characters."""
    from helpers.model.article import load_article
    from helpers.core.paths import ARTICLE_SUFFIXES, articles_dir

    body = " ".join(p.text for path in sorted(articles_dir().iterdir()) if path.suffix in ARTICLE_SUFFIXES
                    for p in load_article(path).paragraphs)
    return ((body + " ") * (size // len(body) + 1))[:size]


def article(paragraph: str):
    from helpers.model.article import parse_article

    head = "A Benchmark Article\n\nPublication: Test Monitor Volume: 1 Issue: 1\n\n"
    return parse_article(head + paragraph + "\n", article_id="bench")


def cases():
    """(name, analysis, hostile input builder): the same shapes as the hostile unit tests."""
    import datetime as dt

    from helpers.analysis.actors import extract_actors
    from helpers.analysis.citations import extract_citations, scan_text
    from helpers.analysis.quotes import extract_quotes

    ref = dt.date(2019, 10, 15)
    chunk = "(" * 1000 + " text (Regnum, May 5) " + "(" * 1000 + "a" * 400 + ")"
    return [
        ("citations: 2 MB of nested parentheses", lambda t: scan_text(t, ref),
         lambda: chunk * (2_000_000 // len(chunk) + 1)),
        ("citations: 2 MB of open parentheses", lambda t: scan_text(t, ref), lambda: "(" * 2_000_000),
        ("citations: 1.5 MB of brackets", lambda t: scan_text(t, ref),
         lambda: ("[" * 3000 + "](" + "x" * 900 + " (Regnum, May 5) ") * 500),
        ("citations: article, 20 paragraphs of parentheses", lambda t: extract_citations(article(t)),
         lambda: ("(" * 5000 + " Moscow (Regnum, May 5) and ") * 20),
        ("quotes: 2 MB paragraph, one quote left open", lambda t: extract_quotes(article(t)),
         lambda: ordinary_text(2_000_000) + " \u201cunclosed"),
        ("quotes: 2,500 unbalanced quotation marks", lambda t: extract_quotes(article(t)),
         lambda: '"x" ' * 1000 + '"' + "\n\n" + "\u201c" * 1500 + "x" + "\u201d" * 1000),
        ("actors: 'The The The ...' (240 kB)", lambda t: extract_actors(article(t)), lambda: "The The The " * 20000),
        ("actors: 'MOSCOW SAID ...' (240 kB)", lambda t: extract_actors(article(t)), lambda: "MOSCOW SAID " * 20000),
        ("actors: 2 MB paragraph of article text", lambda t: extract_actors(article(t)),
         lambda: ordinary_text(2_000_000)),
    ]


def best_cpu(fn, arg, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn(arg)
        times.append(time.process_time() - t)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f}; CPU seconds, best of {args.repeat}")
    print(f"{'input':<50} {'chars':>10} {'hostile':>9} {'ordinary':>9} {'ratio':>7}")
    for name, fn, build in cases():
        text = build()
        hostile = best_cpu(fn, text, args.repeat)
        ordinary = best_cpu(fn, ordinary_text(len(text)), args.repeat)
        ratio = hostile / ordinary if ordinary else float("inf")
        print(f"{name:<50} {len(text):>10,} {hostile:>9.2f} {ordinary:>9.2f} {ratio:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
