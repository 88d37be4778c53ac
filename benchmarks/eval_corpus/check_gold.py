"""Check hand-made gold against its texts before any analysis rule is run on them.

    .venv/bin/python benchmarks/eval_corpus/check_gold.py data/evaluation/corpus.yaml CORPUS [SPLIT …]

Only ``helpers.model.article.load_article`` is used (for paragraphs and the caption); nothing of
``helpers.analysis``. For each article of the given splits (all when none is given) it checks that:
every citation's ``raw`` occurs in its paragraph (``paragraph: null`` = the caption); every
parenthesis of body and caption is a citation or a listed ``not_citations`` entry; the quotations of
the body are the gold's, in order, each in its paragraph, opening with its ``anchor`` (its first four
whitespace-separated tokens) and of its ``words`` length; every alias occurs in the body and every ``caption_alias`` in the
caption; every not-actor occurs in the body or the caption; every speaker is an actor; every date is a date.
It prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from helpers.model.article import load_article  # noqa: E402

_WORD = re.compile(r"\S+")
_QUOTE = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def words(text: str) -> list[str]:
    """Tokens holding a letter or digit ("…" and dashes are not words)."""
    return [w for w in _WORD.findall(text) if any(ch.isalnum() for ch in w)]


def parentheses(text: str) -> list[str]:
    """The outermost parentheses of ``text``, each with its brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start:i + 1])
    return out


def _dates(value, where: str, problems: list[str]) -> None:
    for d in value or []:
        if not isinstance(d, dt.date):
            try:
                dt.date.fromisoformat(str(d))
            except ValueError:
                problems.append(f"{where}: '{d}' is not an ISO date")


def check_article(aid: str, text_path: Path, gold: Path) -> list[str]:
    problems: list[str] = []
    art = load_article(text_path)
    paras = {p.number: art.text[p.start:p.end] for p in art.paragraphs}
    body = "\n\n".join(paras.values())
    caption = art.caption or ""

    def where(n):
        return caption if n is None else paras.get(n)

    def read(name):
        path = gold / name
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None

    cites = read("citations.yaml") or {}
    listed = []
    for c in cites.get("citations") or []:
        place = where(c.get("paragraph"))
        if place is None or c["raw"] not in place:
            problems.append(f"{aid} citation {c.get('id')}: '{c['raw']}' is not in paragraph {c.get('paragraph')}")
        listed.append((c.get("paragraph"), c["raw"]))
        for s in c.get("sources") or []:
            _dates(s.get("dates"), f"{aid} citation {c.get('id')}", problems)
    for n in cites.get("not_citations") or []:
        listed.append((n.get("paragraph"), n["raw"]))
    for n, place in [(None, caption), *paras.items()]:
        for p in parentheses(place):
            if not any(k == n and (raw == p or raw in p or p in raw) for k, raw in listed):
                problems.append(f"{aid} paragraph {n}: the parenthesis '{p[:60]}' is neither a citation nor listed")

    quotes = read("quotes.yaml") or {}
    gold_q = quotes.get("quotes") or []
    found = [(n, m.group(1) if m.group(1) is not None else m.group(2))
             for n, place in paras.items() for m in _QUOTE.finditer(place)]
    if len(found) != len(gold_q):
        problems.append(f"{aid}: the body holds {len(found)} quotations, the gold {len(gold_q)}")
    for q, (n, inner) in zip(gold_q, found):
        anchor = q.get("anchor", "")
        if q.get("paragraph") != n or not inner.lstrip().startswith(anchor):
            problems.append(f"{aid} quote {q.get('id')}: the quotation in paragraph {n} does not open with '{anchor}'")
        elif len(anchor.split()) != min(4, len(inner.split())) or len(words(inner)) != q.get("words"):
            problems.append(f"{aid} quote {q.get('id')}: {len(words(inner))} words, the gold says {q.get('words')}")

    actors = read("actors.yaml") or {}
    names = set()
    for a in actors.get("actors") or []:
        names.add(a["name"])
        for alias in a.get("aliases") or []:
            if alias not in body:
                problems.append(f"{aid} actor '{a['name']}': alias '{alias}' is not in the body")
        extra = a.get("caption_alias") or []
        for alias in extra if isinstance(extra, list) else [extra]:
            if alias not in caption:
                problems.append(f"{aid} actor '{a['name']}': caption alias '{alias}' is not in the caption")
    for name in actors.get("not_actors") or []:
        if name not in body and name not in caption:
            problems.append(f"{aid} not-actor '{name}' is not in the body or the caption")
    for q in gold_q:
        speaker = q.get("speaker")
        for s in speaker if isinstance(speaker, list) else [speaker]:
            if s not in (None, "unresolved") and s not in names:
                problems.append(f"{aid} quote {q.get('id')}: speaker '{s}' is not an actor")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    index, corpus, splits = Path(argv[0]), Path(argv[1]), set(argv[2:])
    entries = yaml.safe_load(index.read_text(encoding="utf-8"))["articles"]
    problems, n = [], 0
    for e in entries:
        if splits and e.get("split") not in splits:
            continue
        n += 1
        text = corpus / e["file"]
        if not text.is_file():
            problems.append(f"{e['id']}: no text at {text}")
            continue
        gold = index.parent / "gold" / e["id"]
        if not gold.is_dir():
            problems.append(f"{e['id']}: no gold folder {gold} (the gold is read from the folder 'gold' beside the "
                            f"index {index}: write it there, or link that folder to data/evaluation/gold)")
            continue
        problems.extend(check_article(e["id"], text, gold))
    for p in problems:
        print(p)
    print(f"{n} articles checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
