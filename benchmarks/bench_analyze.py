"""Benchmark of ``analyze``: the seed article (warm, median ms) and a generated 1,000-article corpus
(words per second per stage), side by side with spaCy's bare tokenizer on the same text.

    .venv/bin/python benchmarks/bench_analyze.py [--articles 1000] [--repeat 30] [--seed 0]
    .venv/bin/python benchmarks/bench_analyze.py --long 145000 290000 580000 [--rounds 3] [--tree DIR …]

The corpus is generated in memory and deterministically (``--seed``): each article recombines
sentences of the bundled articles into new paragraphs. One process, one core. Not a test.

Times are this process's CPU seconds (``time.process_time``: one thread, so one core's work),
not wall-clock seconds: on a shared machine the wall clock mostly measures the other processes.
The wall-clock time of the corpus run and the load average are printed beside them.

``--long`` checks that ``analyze`` stays linear in length instead: one article of each given
number of words (bundled sentences, five to a paragraph), each loaded and analysed in a fresh
process, ``--rounds`` times, whose CPU seconds (min, median, max) and peak RSS are printed, with
the cost of each step in length (one run of a 580,000-word file varies by ±20 % on a shared
machine: read the medians).
``--tree DIR`` (repeatable) runs the same files on the ``helpers`` of another checkout (a ``git
worktree`` of a baseline commit), interleaved with this tree's.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_WORDS_PER_SECOND = 100_000
STAGES = (("citations", "helpers.analysis.citations", "extract_citations"),
          ("actors", "helpers.analysis.actors", "extract_actors"),
          ("quotes", "helpers.analysis.quotes", "extract_quotes"),
          ("reading", "helpers.analysis.reading", "extract_features"))


def bundled_articles():
    from helpers.model.article import load_article
    from helpers.core.paths import ARTICLE_SUFFIXES, articles_dir

    return [load_article(p) for p in sorted(articles_dir().iterdir()) if p.suffix in ARTICLE_SUFFIXES]


def generate_corpus(articles, n: int, seed: int) -> list[str]:
    """``n`` article texts in the seed's plain-text shape, recombined from the bundled sentences."""
    rng = random.Random(seed)
    sentences = [s.text.replace("\n", " ") for a in articles for s in a.sentences]
    lengths = [len(a.paragraphs) for a in articles]
    per_paragraph = [len(p.sentences) for a in articles for p in a.paragraphs]
    texts = []
    for k in range(n):
        paragraphs = []
        for _ in range(rng.choice(lengths)):
            paragraphs.append(" ".join(rng.choice(sentences) for _ in range(rng.choice(per_paragraph))))
        texts.append(f"Generated Article {k + 1}\n\nPublication: Eurasia Daily Monitor Volume: 16 Issue: {k % 200 + 1}\n\n"
                     + "\n\n".join(paragraphs) + "\n")
    return texts


def long_article(articles, words: int, seed: int) -> str:
    """One article of about ``words`` words: bundled sentences drawn at random, five to a paragraph."""
    rng = random.Random(seed)
    sentences = [s.text.replace("\n", " ") for a in articles for s in a.sentences]
    paragraphs, n = [], 0
    while n < words:
        p = " ".join(rng.choice(sentences) for _ in range(5))
        paragraphs.append(p)
        n += len(p.split())
    return "Long Article\n\nPublication: Eurasia Daily Monitor Volume: 16 Issue: 1\n\n" + "\n\n".join(paragraphs) + "\n"


#: what the fresh process of ``--long`` runs: load and analyse one file, print CPU s, peak RSS, words
_LONG_CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import helpers
if not Path(helpers.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()):
    sys.exit(f"{sys.argv[1]} holds no helpers package (the one imported: {helpers.__file__})")
from helpers.model.article import load_article
from helpers.analysis.analyze import analyze_article
from helpers.analysis.reading import load_lexicons
from helpers.core.paths import default_article
lexicons = load_lexicons()
analyze_article(load_article(default_article()), lexicons=lexicons)  # the model and lexicons loaded first
t0 = time.process_time()
article = load_article(sys.argv[2])
analyze_article(article, lexicons=lexicons)
cpu = time.process_time() - t0
print(json.dumps({"cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "words": article.word_count}))
"""


def run_long(lengths: list[int], trees: list[Path], seed: int, rounds: int) -> int:
    """The ``--long`` table: each length on each tree, ``rounds`` times, in fresh processes,
    interleaved (round by round, length by length, tree by tree); medians, with min and max."""
    articles = bundled_articles()
    runs: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        files = []
        for words in lengths:
            path = Path(tmp) / f"long-{words}.txt"
            path.write_text(long_article(articles, words, seed), encoding="utf-8")
            files.append(path)
        for _ in range(rounds):
            for words, path in zip(lengths, files):
                for tree in trees:
                    done = subprocess.run([sys.executable, "-c", _LONG_CHILD, str(tree), str(path)],
                                          capture_output=True, text=True, cwd=tmp)
                    if done.returncode != 0:
                        print(f"{tree}: {path.name} failed:\n{done.stderr[-2000:]}", file=sys.stderr)
                        return 1
                    runs.setdefault((str(tree), words), []).append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{'tree':<32}{'words':>10}{'CPU s min':>11}{'median':>9}{'max':>8}{'peak RSS MB':>13}{'× previous':>12}")
    for tree in trees:
        prev = None
        for words in lengths:
            r = runs[(str(tree), words)]
            cpu = sorted(x["cpu"] for x in r)
            med = statistics.median(cpu)
            step = f"{med / prev:>11.2f}x" if prev else f"{'':>12}"
            print(f"{str(tree)[-32:]:<32}{r[0]['words']:>10,}{cpu[0]:>11.2f}{med:>9.2f}{cpu[-1]:>8.2f}"
                  f"{max(x['rss_mb'] for x in r):>13.0f}{step}")
            prev = med
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"(CPU seconds of loading and analysing one file, each in a fresh process that has analysed the seed "
          f"first, {rounds} round(s); × previous: median against the previous length's; load average {load})")
    return 0


def stage_functions():
    """(name, function or the reason it is unavailable) for each analysis."""
    out = []
    for name, module, func in STAGES:
        try:
            out.append((name, getattr(importlib.import_module(module), func)))
        except (ImportError, AttributeError) as exc:
            out.append((name, f"unavailable ({exc})"))
    return out


def time_stage(name, fn, items, lexicons, stages) -> float:
    """Seconds for one analysis alone over ``items``: reading gets the loaded lexicons; quotes
    gets the actors, computed beforehand outside the timing (as analyze_article passes them)."""
    if name == "reading":
        return timed(lambda a: fn(a, lexicons), items)[0]
    actors_fn = dict(stages).get("actors")
    if name == "quotes" and callable(actors_fn):
        pairs = [(a, actors_fn(a)) for a in items]
        return timed(lambda pair: fn(*pair), pairs)[0]
    return timed(fn, items)[0]


def time_to_dict(items, lexicons, stages) -> float:
    """Seconds spent turning every analysis result into plain data (the ``to_dict`` calls)."""
    fns = dict(stages)
    done = []
    for a in items:
        actors = fns["actors"](a)
        quotes = fns["quotes"](a, actors)
        done.append(fns["citations"](a) + quotes.quotes + quotes.attributions + actors.actors
                    + actors.relations + fns["reading"](a, lexicons))
    return timed(lambda objs: [o.to_dict() for o in objs], done)[0]


WALL = {"s": 0.0}  # wall-clock seconds spent inside timed(), for the report


def timed(fn, items):
    """(CPU seconds of this process, results) for ``fn`` over ``items``."""
    w0, t0 = time.perf_counter(), time.process_time()
    results = [fn(x) for x in items]
    WALL["s"] += time.perf_counter() - w0
    return time.process_time() - t0, results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the generated corpus")
    parser.add_argument("--repeat", type=int, default=30, help="runs on the seed (median reported)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the generated corpus")
    parser.add_argument("--long", type=int, nargs="+", metavar="WORDS",
                        help="instead: one article of each length, analysed in a fresh process (linearity)")
    parser.add_argument("--rounds", type=int, default=3, help="with --long: runs of each file (median reported)")
    parser.add_argument("--tree", type=Path, action="append", default=[], metavar="DIR",
                        help="with --long: also run on the helpers of this checkout (repeatable)")
    args = parser.parse_args(argv)
    if args.long:
        return run_long(args.long, [ROOT, *args.tree], args.seed, args.rounds)
    if args.tree:
        parser.error("--tree goes with --long")

    import spacy

    from helpers.model.article import load_article, parse_article
    from helpers.model.nlp import get_nlp
    from helpers.core.paths import default_article
    from helpers.analysis.reading import load_lexicons

    stages = stage_functions()
    missing = [f"{name}: {fn}" for name, fn in stages if isinstance(fn, str)]
    available = all(not isinstance(fn, str) for _, fn in stages)
    lexicons = load_lexicons()

    # -- the seed, warm ------------------------------------------------------------------------
    seed_path = default_article()
    seed = load_article(seed_path)
    print(f"Seed: {seed.id} ({seed.word_count} words, {len(seed.paragraphs)} paragraphs)")
    rows = []
    for _ in range(3):
        load_article(seed_path)
    load_ms = [1000 * timed(lambda p: load_article(p), [seed_path])[0] for _ in range(args.repeat)]
    rows.append(("load + segment", statistics.median(load_ms)))
    if available:
        from helpers.analysis.analyze import analyze_article

        for _ in range(3):
            analyze_article(seed, lexicons=lexicons)
        ms = [1000 * timed(lambda a: analyze_article(a, lexicons=lexicons), [seed])[0] for _ in range(args.repeat)]
        rows.append(("analyze_article (all analyses)", statistics.median(ms)))
    for name, fn in stages:
        if isinstance(fn, str):
            continue
        time_stage(name, fn, [seed], lexicons, stages)
        rows.append((f"  {name}", statistics.median(1000 * time_stage(name, fn, [seed], lexicons, stages)
                                                    for _ in range(args.repeat))))
    print(f"\n{'stage (seed, warm, median of ' + str(args.repeat) + ')':<44}{'ms':>10}{'words/s':>14}")
    for name, ms in rows:
        print(f"{name:<44}{ms:>10.2f}{seed.word_count / (ms / 1000):>14,.0f}")

    # -- the generated corpus ------------------------------------------------------------------
    texts = generate_corpus(bundled_articles(), args.articles, args.seed)
    nlp = get_nlp()
    tokenizer = spacy.blank("en").tokenizer
    parse_s, corpus = timed(lambda t: parse_article(t, article_id="generated", nlp=nlp), texts)
    words = sum(a.word_count for a in corpus)
    tok_s, docs = timed(tokenizer, texts)
    tokens = sum(len(d) for d in docs)
    table = [("spaCy blank('en').tokenizer (reference)", tok_s), ("load + segment (parse_article)", parse_s)]
    per_stage = {}
    for name, fn in stages:
        if isinstance(fn, str):
            continue
        per_stage[name] = time_stage(name, fn, corpus, lexicons, stages)
    if available:
        per_stage["to_dict (JSON-ready data)"] = time_to_dict(corpus, lexicons, stages)
    if available:
        wall0 = WALL["s"]
        analyze_s = timed(lambda a: analyze_article(a, lexicons=lexicons), corpus)[0]
        analyze_wall = WALL["s"] - wall0
        table.append(("analyze_article (all analyses)", analyze_s))
        table.append(("load + segment + analyze", parse_s + analyze_s))
    table += [(f"  {name}", s) for name, s in per_stage.items()]
    print(f"\nGenerated corpus: {len(corpus)} articles, {words:,} words ({tokens:,} spaCy tokens), seed {args.seed}")
    print(f"{'stage (one core, CPU time)':<44}{'seconds':>10}{'words/s':>14}{'ms/article':>12}{'vs tokenizer':>14}")
    for name, s in table:
        print(f"{name:<44}{s:>10.3f}{words / s:>14,.0f}{1000 * s / len(corpus):>12.2f}{s / tok_s:>13.1f}x")
    if missing:
        print("\nNot measured (module missing): " + "; ".join(missing))
    print("(quotes alone: given the actors computed beforehand, as analyze_article does)")
    if available:
        rate = words / analyze_s
        verdict = "meets" if rate >= TARGET_WORDS_PER_SECOND else "is BELOW"
        print(f"\nanalyze_article: {rate:,.0f} words/s {verdict} the target of {TARGET_WORDS_PER_SECOND:,} words/s "
              f"(with load + segment: {words / (parse_s + analyze_s):,.0f} words/s).")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
        print(f"Wall clock for the same run: {analyze_wall:.1f} s ({words / analyze_wall:,.0f} words/s); "
              f"load average {load} on {os.cpu_count()} core(s).")
        if per_stage:
            slowest = max(per_stage, key=per_stage.get)
            print(f"Largest share: {slowest} ({100 * per_stage[slowest] / sum(per_stage.values()):.0f}% of the analyses' time).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
