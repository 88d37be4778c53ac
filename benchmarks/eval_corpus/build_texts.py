"""Write the evaluation corpus's texts from the raw copies of their pages: every
``RAWDIR/<id>.txt`` -> ``CORPUS/<file>`` + its ``.meta.yaml`` sidecar, where ``<file>`` is the
entry's ``file`` (``edm/<id>.txt`` for the Eurasia Daily Monitor articles).

    .venv/bin/python benchmarks/eval_corpus/build_texts.py data/evaluation/corpus.yaml CORPUS RAWDIR [RAWDIR …]

A raw file (written by hand from the stored copy of a page, ``benchmarks/fetch_eval_corpus.md``
section 1) holds a first line ``url: <address of the copy used>``, optional ``note: …`` lines (an
edit made to the copy), then the page text in the seed's shape. The builder drops the stored
opening's incomplete final sentence (and its paragraph when nothing is left) and nothing else, and
records that and every note under ``losses`` in the sidecar. An entry's ``publication`` names its
publication (Eurasia Daily Monitor when absent); an article of a publication that
``data/publications.yaml`` does not list keeps the entry's ``year`` in its sidecar, since its
volume gives no year. The texts are third-party: CORPUS must
be a folder outside the repository.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
_SENTENCE_END = re.compile(r"[.!?][”’\")]*(?=\s)|[.!?][”’\")]*$")


EDM = "Eurasia Daily Monitor"


def build_one(raw: Path, entry: dict, corpus: Path) -> None:
    lines = raw.read_text(encoding="utf-8").split("\n")
    if not lines[0].startswith("url: "):
        sys.exit(f"{raw}:1: the first line must be 'url: <address of the stored copy used>'")
    url = lines[0].removeprefix("url: ").strip()
    notes = [line.removeprefix("note: ").strip() for line in lines[1:] if line.startswith("note: ")]
    body = [line for line in lines[1:] if not line.startswith("note: ")]
    paras = [p.strip() for p in "\n".join(body).strip().split("\n\n")]
    last = paras[-1]
    ends = [m.end() for m in _SENTENCE_END.finditer(last)]
    losses = list(notes)
    if not re.search(r"[.!?][”’\")]*\s*$", last):          # the opening stops in mid-sentence
        keep = last[: ends[-1]] if ends else ""
        losses.append(f"the stored opening stops in mid-sentence; the incomplete final sentence "
                      f"({len(last) - len(keep)} characters) was dropped" + ("" if keep else ", and with it the paragraph"))
        if keep:
            paras[-1] = keep.rstrip()
        else:
            paras.pop()
    aid = raw.stem
    text = corpus / entry.get("file", f"edm/{aid}.txt")
    text.parent.mkdir(parents=True, exist_ok=True)
    text.write_text("\n\n".join(p.rstrip() for p in paras) + "\n", encoding="utf-8")
    publication = entry.get("publication", EDM)
    meta = {"id": aid, "title": entry["title"], "publication": publication, "volume": entry["volume"],
            "issue": entry["issue"], **({} if publication == EDM else {"year": entry["year"]}), "date": None,
            "date_lower_bound": str(entry["date_lower_bound"]) if entry.get("date_lower_bound") else None,
            "author": None, "url": entry["url"], "partial": True, "source_note": f"stored copy of the page used: {url}",
            "losses": losses}
    text.with_suffix(".meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    index, corpus, rawdirs = Path(argv[0]), Path(argv[1]).resolve(), [Path(d) for d in argv[2:]]
    if corpus == ROOT or ROOT in corpus.parents:
        sys.exit(f"{corpus}: the texts are third-party; build them in a folder outside the repository")
    entries = {a["id"]: a for a in yaml.safe_load(index.read_text(encoding="utf-8"))["articles"]}
    n = 0
    for rawdir in rawdirs:
        for raw in sorted(rawdir.glob("*.txt")):
            if raw.stem not in entries:
                sys.exit(f"{raw}: no article '{raw.stem}' in {index}; add its entry first")
            build_one(raw, entries[raw.stem], corpus)
            n += 1
    print(f"wrote {n} texts and sidecars under {corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
