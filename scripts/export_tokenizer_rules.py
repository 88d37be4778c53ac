"""Write ``data/lexicons/tokenizer_en.json``: the rules of spaCy's blank English tokenizer and
sentencizer, as data, for ``helpers.model.tokens`` (which reads them without importing spaCy).

    .venv/bin/python scripts/export_tokenizer_rules.py

What is written: the prefix, suffix, infix and URL patterns (``Tokenizer.prefix_search`` …, as
regular-expression text), the special cases (``Tokenizer.rules``: a string and the token texts it
becomes) and the sentencizer's punctuation (``Sentencizer.punct_chars``). spaCy is MIT-licensed;
its version is recorded in the file. Run it again after upgrading spaCy, then run the tests:
``tests/model/test_tokens.py`` compares the two tokenizers on every bundled article.
"""

from __future__ import annotations

import json
from pathlib import Path

import spacy

OUT = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "tokenizer_en.json"


def main() -> None:
    nlp = spacy.blank("en")
    tok = nlp.tokenizer
    if tok.token_match is not None:
        raise SystemExit("this spaCy version has a token_match pattern, which helpers.model.tokens does not read")
    rules = {key: [t[65] for t in value] for key, value in sorted(tok.rules.items()) if not key.isspace()}  # 65: ORTH
    changed = [key for key, value in rules.items() if "".join(value) != key]
    if changed:   # helpers.model.tokens takes a special case's tokens for pieces of its text, in order
        raise SystemExit(f"special cases whose tokens are not their text: {changed[:5]}")
    data = {
        "source": (f"spaCy {spacy.__version__} (MIT license), spacy.blank('en'): its tokenizer's prefix, suffix, "
                   f"infix and URL patterns and special cases, and the sentencizer's punctuation; written by "
                   f"scripts/export_tokenizer_rules.py"),
        "spacy_version": spacy.__version__,
        "prefix": tok.prefix_search.__self__.pattern,
        "suffix": tok.suffix_search.__self__.pattern,
        "infix": tok.infix_finditer.__self__.pattern,
        "url": tok.url_match.__self__.pattern,
        "specials": rules,
        "sentence_punct": sorted(nlp.add_pipe("sentencizer").punct_chars),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rules)} special cases)")


if __name__ == "__main__":
    main()
