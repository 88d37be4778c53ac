"""How often the analyses are right: precision, recall and F1 against hand-made gold.

``python -m helpers evaluate GOLD [--corpus DIR] [--split NAME] [--format text|json]``

GOLD is one of:

* an evaluation corpus: a ``corpus.yaml`` (or the folder holding it) listing articles (``id``,
  ``file`` relative to the corpus folder, ``split``), with the gold of each article in
  ``gold/<id>/{citations,quotes,actors}.yaml`` beside it (``data/evaluation/``). The article
  texts live outside the repository: ``--corpus DIR``, else ``$CLOSE_READING_EVAL_CORPUS``.
* an article pack's key folder ``data/annotations/<id>/key/`` (the article is the bundled one
  with that id), or a folder of packs (``data/annotations``): every pack with a ``key/``.

The tasks, each scored by counting units found by the rules against units in the gold:

1. **citations** — one unit per cited source: (paragraph, source name folded or "lost", dates).
   A parenthesis with two sources is two units; a wrong date is a false positive and a miss.
2. **speakers** — over the gold's speech quotations. A quotation is located by paragraph and
   text (bundled keys: ``text``; corpus gold: its first four words, ``anchor``). Each is
   *right* (same speaker; a gold ``unresolved`` is right when the rules name nobody), *wrong*
   (the rules name another speaker), *unresolved* (the rules name nobody) or *missed* (no such
   quotation found). Precision = right / (right + wrong): how far a named speaker can be
   trusted; recall = right / gold speech quotations. A speaker named by another name of the same
   actor (a proper name the analysis's actor and the gold's share, as in task 3) is right.
3. **actors** — the gold's actors by canonical name or alias (``helpers.analysis.scoring``:
   outlets that match nothing are not counted); gold actors marked ``cited_only`` (outlets
   named only as citation sources) are neither required nor counted against precision.
4. **non-actors** — names the gold lists under ``not_actors`` that the rules report as (an
   alias of) an actor; the fewer the better (reported as a count, no F1).

Scores are per article and overall (counts summed over articles, then divided). The misses of
each task are listed so that a researcher can see what the rules do not handle.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.analysis.actors import extract_actors
from helpers.analysis.citations import extract_citations
from helpers.analysis.quotes import extract_quotes
from helpers.analysis.scoring import score_names
from helpers.core.errors import CourseInputError
from helpers.core.paths import ARTICLE_SUFFIXES, annotations_dir, articles_dir
from helpers.core.text import fold
from helpers.core.yamlio import load_yaml_mapping
from helpers.model.article import load_article

TASKS = ("citations", "speakers", "actors")
CORPUS_ENV = "CLOSE_READING_EVAL_CORPUS"


@dataclass
class Counts:
    """True positives, false positives and false negatives of one task, with what went wrong.

    ``tp`` counts found units that are right (precision's side), ``tp_gold`` gold units that
    were found (recall's side); they differ only where one found unit can find several gold
    units (one actor found by two of its names)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_gold: int | None = None
    misses: list[str] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def found_gold(self) -> int:
        return self.tp if self.tp_gold is None else self.tp_gold

    def add(self, other: "Counts") -> None:
        gold_side = self.found_gold + other.found_gold
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.tp_gold = gold_side if (self.tp_gold is not None or other.tp_gold is not None) else None
        for k, v in other.extra.items():
            self.extra[k] = self.extra.get(k, 0) + v

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found_gold / (self.found_gold + self.fn) if self.found_gold + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self, misses: bool = True) -> dict[str, Any]:
        out = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
               "recall": round(self.recall, 4), "f1": round(self.f1, 4), **self.extra}
        if misses:
            out["misses"] = list(self.misses)
        return out


@dataclass
class GoldArticle:
    """One article of the gold: where its text is and its gold files (any may be missing)."""

    id: str
    path: Path
    split: str
    citations: list[dict] | None
    quotes: dict | None
    actors: dict | None
    metadata: dict[str, Any] = field(default_factory=dict)


# -- reading the gold --------------------------------------------------------------------------

def _read(path: Path) -> dict | None:
    return load_yaml_mapping(path, what="gold file") if path.is_file() else None


def _from_key_folder(key: Path, split: str) -> GoldArticle:
    article_id = key.parent.name
    text = next((articles_dir() / f"{article_id}{s}" for s in ARTICLE_SUFFIXES
                 if (articles_dir() / f"{article_id}{s}").is_file()), None)
    if text is None:
        raise CourseInputError(key, f"no article data/articles/{article_id}.txt or .md for this key",
                               "put the article beside the other bundled articles, or evaluate a corpus.yaml")
    cites = _read(key / "citations.yaml")
    return GoldArticle(article_id, text, split, (cites or {}).get("citations") if cites else None,
                       _read(key / "quotes.yaml"), _read(key / "actors.yaml"))


def _corpus_dir(index: Path, data: dict, corpus: str | Path | None) -> Path:
    for candidate in (corpus, os.environ.get(CORPUS_ENV), data.get("corpus_dir_hint")):
        if candidate:
            return Path(candidate).expanduser()
    raise CourseInputError(index, "no folder with the corpus texts was given",
                           f"pass --corpus DIR or set {CORPUS_ENV} (the texts are kept outside the repository)")


def load_gold(gold: str | Path, corpus: str | Path | None = None) -> list[GoldArticle]:
    """The gold articles named by ``gold`` (see the module docstring)."""
    gold = Path(gold).expanduser()
    if gold.is_dir() and (gold / "corpus.yaml").is_file():
        gold = gold / "corpus.yaml"
    if gold.is_file():
        data = load_yaml_mapping(gold, what="evaluation corpus")
        entries = data.get("articles")
        if not isinstance(entries, list) or not entries:
            raise CourseInputError(gold, "has no 'articles' list", "list each article with 'id', 'file' and 'split'")
        texts = _corpus_dir(gold, data, corpus)
        out = []
        for n, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("file"):
                raise CourseInputError(gold, f"article {n} needs 'id' and 'file'", "give both for every article")
            folder = gold.parent / "gold" / str(entry["id"])
            cites = _read(folder / "citations.yaml")
            out.append(GoldArticle(str(entry["id"]), texts / str(entry["file"]), str(entry.get("split") or "all"),
                                   (cites or {}).get("citations") if cites else None,
                                   _read(folder / "quotes.yaml"), _read(folder / "actors.yaml")))
        return out
    if gold.is_dir() and gold.name == "key":
        return [_from_key_folder(gold, "bundled")]
    if gold.is_dir() and any((p / "key").is_dir() for p in gold.iterdir() if p.is_dir()):
        return [_from_key_folder(p / "key", "bundled") for p in sorted(gold.iterdir()) if (p / "key").is_dir()]
    raise CourseInputError(gold, "is not an evaluation corpus, a key folder or a folder of article packs",
                           f"give data/evaluation/corpus.yaml, {annotations_dir()}/<id>/key or {annotations_dir()}")


# -- scoring one article -----------------------------------------------------------------------

def _citation_units(entries) -> list[tuple]:
    units = []
    for c in entries:
        for s in c["sources"]:
            name = s.get("name") if isinstance(s, dict) else s.name
            dates = s.get("dates") if isinstance(s, dict) else [d.isoformat() for d in s.dates]
            units.append((int(c["paragraph"] if isinstance(c, dict) else c.paragraph),
                          fold(name) if name else "lost", tuple(str(d) for d in dates or [])))
    return units


def score_citations_units(found, gold: list[dict]) -> Counts:
    """Task 1: cited sources by (paragraph, source, dates)."""
    want = _citation_units(gold)
    got = _citation_units([{"paragraph": c.paragraph, "sources": c.sources} for c in found])
    counts = Counts()
    left = list(got)
    for unit in want:
        if unit in left:
            left.remove(unit)
            counts.tp += 1
        else:
            counts.fn += 1
            counts.misses.append(f"missed ¶{unit[0]} {unit[1]} {list(unit[2])}")
    counts.fp = len(left)
    counts.misses += [f"not in the gold ¶{u[0]} {u[1]} {list(u[2])}" for u in left]
    return counts


def _words(text: str) -> list[str]:
    return [fold(w) for w in re.findall(r"[^\W_]+(?:[’'\-][^\W_]+)*", text.replace("\u2019", "'"))]


def _locate(quote: dict, found, taken: set[str]):
    """The found quotation that is the gold's ``quote`` (same paragraph, same text or opening words)."""
    para = quote.get("paragraph")
    if quote.get("text") is not None:
        want = _words(str(quote["text"]))
        test = lambda q: _words(q.text) == want  # noqa: E731
    else:
        want = _words(str(quote.get("anchor", "")))[:4]
        test = lambda q: _words(q.text)[: len(want)] == want  # noqa: E731
    return next((q for q in found if q.id not in taken and (para is None or q.paragraph == para) and test(q)), None)


def _speaker_names(value) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {fold(v) for v in values if v}


def score_speakers(found, gold: dict, actors: list | None = None, found_actors: list | None = None) -> Counts:
    """Task 2: speakers of the gold's speech quotations (right / wrong / unresolved / missed).

    ``actors``: the gold's actors (a speaker may be named by an alias); ``found_actors``: the
    analysis's, so that a speaker named by its canonical name is the gold's when the two share a
    proper name, as actors are matched ("China" with the alias "People’s Republic of China" is the
    gold's "People’s Republic of China"; role phrases such as "the minister" do not count)."""
    aliases: dict[str, set[str]] = {}
    for a in actors or []:
        forms = {fold(a["name"])} | {fold(x) for x in a.get("aliases") or []}
        aliases[fold(a["name"])] = forms
    ours: dict[str, set[str]] = {}
    for a in found_actors or []:
        ours[fold(a.name)] = {fold(x) for x in [a.name, *a.aliases] if x[:1].isupper()}
    counts = Counts(extra={"right": 0, "wrong": 0, "unresolved": 0, "missed_quote": 0})
    taken: set[str] = set()
    for k in gold.get("quotes") or []:
        if k.get("kind") != "speech":
            continue
        q = _locate(k, found, taken)
        label = f"¶{k.get('paragraph')} {k.get('id', '')} ({k.get('frame') or 'speech'})"
        if q is None:
            counts.fn += 1
            counts.extra["missed_quote"] += 1
            counts.misses.append(f"quotation not found: {label}")
            continue
        taken.add(q.id)
        gold_speaker = k.get("speaker")
        if gold_speaker in (None, "unresolved"):
            verdict = "right" if q.speaker is None else "wrong"
            why = f"named {q.speaker!r}, the text does not settle a speaker"
        elif q.speaker is None:
            verdict, why = "unresolved", f"unresolved, the gold says {gold_speaker}"
        else:
            want, got = _speaker_names(gold_speaker), fold(q.speaker)
            right = (got in want or any(got in aliases.get(w, {w}) for w in want)
                     or any(ours.get(got, set()) & aliases.get(w, {w}) for w in want))
            verdict, why = ("right" if right else "wrong"), f"named {q.speaker!r}, the gold says {gold_speaker}"
        counts.extra[verdict] += 1
        counts.tp += verdict == "right"
        counts.fp += verdict == "wrong"
        counts.fn += verdict != "right"
        if verdict != "right":
            counts.misses.append(f"{label}: {why}")
    return counts


def score_actor_list(found, gold: dict) -> tuple[Counts, list[str]]:
    """Task 3 (actors) and task 4 (non-actors reported)."""
    wanted = [a for a in gold.get("actors") or [] if not a.get("cited_only")]
    open_ = [a for a in gold.get("actors") or [] if a.get("cited_only")]
    open_forms = {fold(x) for a in open_ for x in [a["name"], *(a.get("aliases") or [])]}
    counted = [a for a in found if not ({fold(a.name)} | {fold(x) for x in a.aliases}) & open_forms
               or any(fold(a.name) == fold(w["name"]) for w in wanted)]
    score = score_names(counted, wanted)
    counts = Counts(tp=len(score.true_positives), fp=len(score.false_positives), fn=len(score.missed),
                    tp_gold=len(score.found))
    counts.misses = [f"missed {m}" for m in score.missed] + [f"not in the gold {n}" for n in score.false_positives]
    forbidden_words = {fold(x) for x in gold.get("not_actors") or []}
    forbidden = sorted({x for a in found for x in [a.name, *a.aliases] if fold(x) in forbidden_words})
    return counts, forbidden


@dataclass
class ArticleScore:
    id: str
    split: str
    tasks: dict[str, Counts]
    non_actors: list[str]
    problems: list[str] = field(default_factory=list)

    def to_dict(self, misses: bool = True) -> dict[str, Any]:
        return {"id": self.id, "split": self.split, "tasks": {k: v.to_dict(misses) for k, v in self.tasks.items()},
                "non_actors_reported": self.non_actors, "problems": self.problems}


def evaluate_article(item: GoldArticle) -> ArticleScore:
    """Run the analyses on one gold article and score every task its gold has."""
    article = load_article(item.path)
    tasks: dict[str, Counts] = {}
    non_actors: list[str] = []
    actors = extract_actors(article)
    if item.citations is not None:
        tasks["citations"] = score_citations_units(extract_citations(article), item.citations)
    if item.quotes is not None:
        tasks["speakers"] = score_speakers(extract_quotes(article).quotes, item.quotes,
                                           (item.actors or {}).get("actors"), actors.actors)
    if item.actors is not None:
        tasks["actors"], non_actors = score_actor_list(actors.actors, item.actors)
    return ArticleScore(item.id, item.split, tasks, non_actors)


def evaluate(gold: str | Path, corpus: str | Path | None = None, split: str | None = None) -> dict[str, Any]:
    """Score every article of ``gold`` (optionally one ``split``); plain data for JSON."""
    every = load_gold(gold, corpus)
    items = [g for g in every if split in (None, "all") or g.split == split]
    if every and not items:
        splits = ", ".join(sorted({str(g.split) for g in every}))
        raise CourseInputError(gold, f"no article of split '{split}' (its splits: {splits})",
                               "give one of those to --split, or leave it out to score every article")
    scores, skipped = [], []
    for item in items:
        try:
            scores.append(evaluate_article(item))
        except CourseInputError as exc:
            skipped.append(str(exc))
    overall: dict[str, Counts] = {}
    for s in scores:
        for task, c in s.tasks.items():
            overall.setdefault(task, Counts(extra={k: 0 for k in c.extra})).add(c)
    return {"gold": str(gold), "split": split or "all", "articles": [s.to_dict() for s in scores],
            "overall": {k: v.to_dict(misses=False) for k, v in overall.items()},
            "non_actors_reported": sum(len(s.non_actors) for s in scores), "skipped": skipped}


# -- the command -------------------------------------------------------------------------------

def format_text(result: dict[str, Any]) -> str:
    lines = [f"evaluation of {result['gold']} (split: {result['split']}, {len(result['articles'])} articles)"]
    header = f"{'task':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"
    for art in result["articles"]:
        lines += ["", f"## {art['id']} ({art['split']})", header]
        for task, c in art["tasks"].items():
            lines.append(f"{task:<10} {c['precision']:>6.2f} {c['recall']:>6.2f} {c['f1']:>6.2f} "
                         f"{c['tp']:>5} {c['fp']:>5} {c['fn']:>5}")
        if art["non_actors_reported"]:
            lines.append(f"non-actors reported as actors: {', '.join(art['non_actors_reported'])}")
        for task, c in art["tasks"].items():
            lines += [f"  {task}: {m}" for m in c.get("misses", [])]
    lines += ["", "## overall", header]
    for task, c in result["overall"].items():
        lines.append(f"{task:<10} {c['precision']:>6.2f} {c['recall']:>6.2f} {c['f1']:>6.2f} "
                     f"{c['tp']:>5} {c['fp']:>5} {c['fn']:>5}")
    sp = result["overall"].get("speakers")
    if sp:
        n = sp["right"] + sp["wrong"] + sp["unresolved"] + sp["missed_quote"]
        lines.append(f"speakers of {n} speech quotations: {sp['right']} right, {sp['wrong']} wrong named speaker, "
                     f"{sp['unresolved']} unresolved, {sp['missed_quote']} quotation not found")
    lines.append(f"non-actors reported as actors: {result['non_actors_reported']}")
    lines += [f"skipped: {s}" for s in result["skipped"]]
    return "\n".join(lines) + "\n"


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="python -m helpers evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="data/evaluation/corpus.yaml, data/annotations/<id>/key, or data/annotations")
    parser.add_argument("--corpus", help=f"folder with the corpus texts (default: ${CORPUS_ENV})")
    parser.add_argument("--split", default="all",
                        help="score only the articles of this split, as corpus.yaml names it (data/evaluation/corpus.yaml: "
                             "tune, report, heldout, unseen, unseen2, …; an unknown split is refused; default: all)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def run(args: argparse.Namespace) -> int:
    result = evaluate(args.gold, args.corpus, args.split)
    if args.format == "json":
        sys.stdout.write(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(build_parser().parse_args(argv))
    except CourseInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
