"""Words and sentences without a language model: spaCy's blank English tokenizer and sentencizer,
re-done in Python from their rules, so that no analysis on the default path imports spaCy (about
60 MB and half a second in every process that loads an article).

The rules are data: ``data/lexicons/tokenizer_en.json``, written from spaCy by
``scripts/export_tokenizer_rules.py`` (prefix, suffix, infix and URL patterns, special cases such as
"Mr." or "don't", the sentencizer's punctuation), read from the repository's ``data/`` or, installed,
from ``helpers.resources`` (not from ``CLOSE_READING_DATA``: they are no course data to edit). The
algorithm is spaCy's:

1. the text is split at white space; a chunk that is a special case is its tokens;
2. otherwise prefixes and suffixes are stripped one at a time (a special case met on the way stops
   the stripping), what remains is a special case, a URL, or is split at its infixes;
3. a sentence starts at the first token after one of the sentencizer's punctuation marks (".", "!",
   "?" …) that is neither such a mark nor punctuation itself (Unicode category P), so closing quotes
   and brackets stay with the sentence they close.

One difference, known and harmless here: spaCy also merges special cases made of punctuation that
the affix rules split ("):" after a bracket, ";)"); this tokenizer leaves them as two tokens, which
changes no sentence and no name. ``tests/model/test_tokens.py`` compares both on every bundled
article and on invented cases.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_RULES_NAME = "tokenizer_en.json"


def _rules_path() -> Path:
    repo = Path(__file__).resolve().parents[2] / "data" / "lexicons" / _RULES_NAME
    if repo.is_file():
        return repo
    from importlib.resources import files

    return Path(str(files("helpers.resources") / "lexicons" / _RULES_NAME))


@dataclass(frozen=True, eq=False)
class _Rules:
    prefix: re.Pattern
    suffix: re.Pattern
    infix: re.Pattern
    url: re.Pattern
    specials: dict
    sentence_punct: frozenset


@functools.lru_cache(maxsize=1)
def rules() -> _Rules:
    data = json.loads(_rules_path().read_text(encoding="utf-8"))
    return _Rules(prefix=re.compile(data["prefix"]), suffix=re.compile(data["suffix"]),
                  infix=re.compile(data["infix"]), url=re.compile(data["url"]),
                  specials={k: tuple(v) for k, v in data["specials"].items()},
                  sentence_punct=frozenset(data["sentence_punct"]))


def _split_affixes(string: str, r: _Rules) -> tuple[str, list[str], list[str]]:
    specials = r.specials
    prefixes: list[str] = []
    suffixes: list[str] = []
    last = -1
    while string and len(string) != last:
        if string in specials:
            break
        last = len(string)
        pre_len = suf_len = 0
        pre = suf = minus_pre = minus_suf = ""
        m = r.prefix.search(string)
        if m:
            pre_len = m.end() - m.start()
            pre, minus_pre = string[:pre_len], string[pre_len:]
            if minus_pre and minus_pre in specials:
                string = minus_pre
                prefixes.append(pre)
                break
        m = r.suffix.search(string[pre_len:])
        if m:
            suf_len = m.end() - m.start()
            suf, minus_suf = string[len(string) - suf_len:], string[:len(string) - suf_len]
            if minus_suf and minus_suf in specials:
                string = minus_suf
                suffixes.append(suf)
                break
        if pre_len and suf_len and pre_len + suf_len <= len(string):
            string = string[pre_len:len(string) - suf_len]
            prefixes.append(pre)
            suffixes.append(suf)
        elif pre_len:
            string = minus_pre
            prefixes.append(pre)
        elif suf_len:
            string = minus_suf
            suffixes.append(suf)
        if string and string in specials:
            break
    return string, prefixes, suffixes


def _chunk_tokens(chunk: str, r: _Rules) -> tuple[str, ...]:
    if chunk in r.specials:
        return r.specials[chunk]
    core, prefixes, suffixes = _split_affixes(chunk, r)
    out: list[str] = []
    for p in prefixes:
        out.extend(r.specials.get(p, (p,)))
    if core:
        if core in r.specials:
            out.extend(r.specials[core])
        elif r.url.match(core):
            out.append(core)
        else:
            start = 0
            for m in r.infix.finditer(core):
                if m.start() == 0 and m.end() == 0:
                    continue
                if m.start() > start:
                    out.append(core[start:m.start()])
                if m.end() > m.start():
                    out.append(core[m.start():m.end()])
                start = m.end()
            if start < len(core):
                out.append(core[start:])
    for s in reversed(suffixes):
        out.extend(r.specials.get(s, (s,)))
    return tuple(out)


_CHUNKS: dict[str, tuple[str, ...]] = {}   # a chunk's tokens, as spaCy caches them (words repeat)
_SPACE_RE = re.compile(r"\S+")


def tokenize(text: str) -> list[tuple[str, int]]:
    """The tokens of ``text`` as (text, offset) pairs; white space is no token."""
    r = rules()
    out: list[tuple[str, int]] = []
    for m in _SPACE_RE.finditer(text):
        chunk = m.group()
        toks = _CHUNKS.get(chunk)
        if toks is None:
            toks = _CHUNKS[chunk] = _chunk_tokens(chunk, r)
            if len(_CHUNKS) > 200_000:
                _CHUNKS.clear()
        pos = m.start()
        for t in toks:        # a chunk's tokens are its pieces in order (a special case's too)
            out.append((t, pos))
            pos += len(t)
    return out


@functools.lru_cache(maxsize=4096)
def is_punct(token: str) -> bool:
    """spaCy's ``Token.is_punct``: every character is punctuation (Unicode category P)."""
    return all(unicodedata.category(c).startswith("P") for c in token)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of ``text``, as spaCy's sentencizer splits them."""
    toks = tokenize(text)
    if not toks:
        return []
    punct = rules().sentence_punct
    spans: list[tuple[int, int]] = []
    start = 0
    seen_period = False
    for i, (t, _) in enumerate(toks):
        in_punct = t in punct
        if seen_period and not in_punct and not is_punct(t):
            spans.append((start, i))
            start = i
            seen_period = False
        elif in_punct:
            seen_period = True
    spans.append((start, len(toks)))
    return [(toks[a][1], toks[b - 1][1] + len(toks[b - 1][0])) for a, b in spans]


class TokenMatcher:
    """spaCy's ``PhraseMatcher`` on token texts: every run of tokens equal to a phrase's tokens,
    as (key, first token, end token), in the order of their first token, shorter runs first."""

    def __init__(self) -> None:
        self._trie: dict = {}

    def add(self, key: str, phrases) -> None:
        for phrase in phrases:
            words = [t for t, _ in tokenize(phrase)]
            if not words:
                continue
            node = self._trie
            for w in words:
                node = node.setdefault(w, {})
            keys = node.setdefault(None, [])
            if key not in keys:
                keys.append(key)

    def __call__(self, tokens: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        trie = self._trie
        n = len(tokens)
        for i in range(n):
            node = trie.get(tokens[i][0])
            j = i
            while node is not None:
                j += 1
                for key in node.get(None, ()):
                    out.append((key, i, j))
                if j >= n:
                    break
                node = node.get(tokens[j][0])
        return out
