"""Close-reading features: hedges, boosters, attribution verbs and connectives, from lexicons.

Each lexicon in ``data/lexicons/`` (format: ``data/lexicons/README.md``) is compiled into one
case-insensitive regular expression (whole words, longest form first, any white space inside
multiword forms; shared prefixes factored out as a trie), so finding every feature of an
article is one pass per lexicon.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from helpers.core.errors import CourseInputError
from helpers.core.yamlio import LINE
from helpers.model.lexicons import lexicon_stamp, lexicons_dir, load_lexicon_file

#: The reading lexicons: category -> file name in the lexicon folder.
LEXICON_FILES = {
    "hedge": "hedges.yaml",
    "booster": "boosters.yaml",
    "attribution": "attribution_verbs.yaml",
    "connective": "connectives.yaml",
}
CATEGORIES = tuple(LEXICON_FILES)

_ENTRY_KEYS = {"form", "forms", "source", "needs_review", "note", "function", "not_followed_by", "outline"}
# a word character, or a hyphen/apostrophe joined to one, must not touch a match on either side
_LEFT = r"(?<![\w\-\u2019'])"
_RIGHT = r"(?!\w|-\w)"


@dataclass
class Feature:
    category: str        # "hedge" | "booster" | "attribution" | "connective"
    form: str            # the lexicon headword, e.g. "believe"
    text: str            # the text as it stands, e.g. "Believed"
    start: int           # offsets into Article.text
    end: int
    sentence_id: str
    paragraph: int
    needs_review: bool
    source: str          # the entry's source, e.g. "Hyland 2005, Appendix" or "course-curated"

    def to_dict(self) -> dict[str, Any]:
        # explicit, not dataclasses.asdict: that deep-copies and costs ~10x more per feature
        return {"category": self.category, "form": self.form, "text": self.text, "start": self.start,
                "end": self.end, "sentence_id": self.sentence_id, "paragraph": self.paragraph,
                "needs_review": self.needs_review, "source": self.source}


@dataclass
class LexiconEntry:
    form: str
    forms: tuple[str, ...]
    source: str                 # short citation, e.g. "Hyland 2005, Appendix"
    needs_review: bool = False
    note: str | None = None
    function: str | None = None
    not_followed_by: str | None = None
    outline: str | None = None  # the part of an argued text a connective marks ("conclusion")
    line: int | None = None     # line of the entry in its file


@dataclass
class Lexicon:
    name: str
    category: str
    path: Path | None
    entries: list[LexiconEntry]
    sources: dict[str, str] = field(default_factory=dict)   # key -> full reference
    description: str = ""
    _pattern: re.Pattern | None = field(default=None, repr=False, compare=False)
    _lower_pattern: re.Pattern | None = field(default=None, repr=False, compare=False)
    _lookup: dict[str, LexiconEntry] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pattern(self) -> re.Pattern:
        """The whole lexicon as one regular expression (built on first use)."""
        if self._pattern is None:
            self._compile()
        return self._pattern

    def entry_for(self, text: str) -> LexiconEntry:
        """The entry whose form matched ``text`` (case and spacing ignored)."""
        if self._pattern is None:
            self._compile()
        return self._lookup[_normalise(text)]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """(entry, match) for every whole-word match in ``text[pos:endpos]``.

        The forms are found in the lower-cased text by a pattern without IGNORECASE (about twice
        as fast), and each match is then taken on ``text`` itself by the case-blind pattern at the
        same place; a text whose lower case has another length ("İ") is scanned case-blind."""
        pattern = self.pattern
        lookup = self._lookup
        end = len(text) if endpos is None else endpos
        low = _lowered(text)
        if low is not None:
            for lm in self._lower_pattern.finditer(low, pos, end):
                m = pattern.match(text, lm.start(), end)
                if m is None or m.end() != lm.end():
                    break                 # cannot happen for lower-case forms; scan case-blind instead
                yield lookup[_normalise(m.group())], m
            else:
                return
            pos = lm.start()
        for m in pattern.finditer(text, pos, end):
            yield lookup[_normalise(m.group())], m

    def _compile(self) -> None:
        lookup: dict[str, LexiconEntry] = {}
        trie: dict = {}
        for entry in self.entries:
            for form in entry.forms:
                key = _normalise(form)
                if key in lookup:
                    other = lookup[key]
                    raise CourseInputError(self.path, f"the form '{form}' is listed twice (also at line {other.line})",
                                           "keep one entry for each form", line=entry.line)
                lookup[key] = entry
                node = trie
                for ch in key:
                    node = node.setdefault(ch, {})
                node[_END] = f"(?!{entry.not_followed_by})" if entry.not_followed_by else ""
        body = _trie_regex(trie) if trie else "(?!x)x"
        self._pattern = re.compile(_LEFT + body + _RIGHT, re.IGNORECASE)
        self._lower_pattern = re.compile(_LEFT + body + _RIGHT)   # for the lower-cased text (forms are lower case)
        self._lookup = lookup


_END = ""   # key of a trie node's end-of-form marker (no form character is empty)


def _trie_regex(node: dict) -> str:
    """A regular expression for the forms of a character trie: shared prefixes are matched once
    and, at each branch, longer continuations are tried before a form ends (longest match wins)."""
    branches = []
    for ch in sorted(k for k in node if k != _END):
        atom = r"\s+" if ch == " " else ("['\u2019]" if ch == "'" else re.escape(ch))
        branches.append(atom + _trie_regex(node[ch]))
    if _END in node:
        branches.append(node[_END])
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@functools.lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """``text`` in lower case when that keeps every offset (one article's text is read several times)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


# -- loading --------------------------------------------------------------------------------

_CACHE: dict[tuple[str, int, int], Lexicon] = {}


def load_lexicon(path: str | Path, category: str | None = None) -> Lexicon:
    """Read and check one lexicon file. Errors name the file and line and say what to fix."""
    path = Path(path)
    key = lexicon_stamp(path, what="lexicon file",
                        hint=f"restore it from the repository, or give a folder that has {', '.join(LEXICON_FILES.values())}")
    if key in _CACHE and (category is None or _CACHE[key].category == category):
        return _CACHE[key]
    data = load_lexicon_file(path, what="lexicon", lines=True).data
    cat = data.get("category")
    if not isinstance(cat, str) or not cat.strip():
        raise CourseInputError(path, "the lexicon has no 'category'", "add e.g. 'category: hedge'", line=data[LINE])
    if category is not None and cat != category:
        raise CourseInputError(path, f"the lexicon's category is '{cat}', but this file must hold '{category}'",
                               f"write 'category: {category}'", line=data[LINE])
    cites, references = _sources(path, data)
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise CourseInputError(path, "the lexicon has no 'entries' list", "add 'entries:' with one '- form: …' item per entry",
                               line=data[LINE])
    entries = [_entry(path, raw, cites, data[LINE]) for raw in raw_entries]
    lexicon = Lexicon(name=str(data.get("lexicon") or path.stem), category=cat.strip(), path=path, entries=entries,
                      sources=references, description=" ".join(str(data.get("description") or "").split()))
    lexicon._compile()   # duplicate forms and bad patterns are reported now, with their line
    _CACHE[key] = lexicon
    return lexicon


def _sources(path: Path, data: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The lexicon's sources: key -> short citation, and key -> full reference."""
    sources_raw = data.get("sources")
    if not isinstance(sources_raw, dict) or len(sources_raw) <= 1:
        raise CourseInputError(path, "the lexicon has no 'sources' mapping",
                               "add 'sources:' with one key per source, each with 'cite' and 'reference'",
                               line=data[LINE])
    cites: dict[str, str] = {}
    references: dict[str, str] = {}
    for skey, sval in sources_raw.items():
        if skey == LINE:
            continue
        if not isinstance(sval, dict) or not isinstance(sval.get("cite"), str) or not isinstance(sval.get("reference"), str):
            raise CourseInputError(path, f"source '{skey}' needs a 'cite' (short) and a 'reference' (full) text",
                                   "write them as 'cite: …' and 'reference: …' under the source",
                                   line=sval.get(LINE) if isinstance(sval, dict) else sources_raw[LINE])
        cites[skey] = sval["cite"].strip()
        references[skey] = " ".join(sval["reference"].split())
    return cites, references


def _entry(path: Path, raw: Any, cites: dict[str, str], parent_line: int) -> LexiconEntry:
    if not isinstance(raw, dict):
        raise CourseInputError(path, f"an entry must be a mapping with 'form' and 'source', not {raw!r}",
                               "write it as '- {form: …, source: …}'", line=parent_line)
    line = raw[LINE]
    unknown = set(raw) - _ENTRY_KEYS - {LINE}
    if unknown:
        raise CourseInputError(path, f"unknown key(s) {', '.join(sorted(map(str, unknown)))} in an entry",
                               f"use only {', '.join(sorted(_ENTRY_KEYS))}", line=line)
    form = raw.get("form")
    if not isinstance(form, str) or not form.strip():
        if form is not None and not isinstance(form, (list, dict)):
            raise CourseInputError(path, f"the form {form!r} is read by YAML as a {type(form).__name__}, not as text",
                                   f"put it in quotes: form: \"{str(form).lower()}\"", line=line)
        raise CourseInputError(path, "an entry has no 'form'", "give the headword as 'form: …'", line=line)
    forms = raw.get("forms", [form])
    if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        raise CourseInputError(path, f"'forms' of '{form}' must be a list of words or phrases (quote words YAML "
                               "reads as something else, like \"true\" or \"no\")",
                               "write e.g. 'forms: [believe, believes, believed]'", line=line)
    source = raw.get("source")
    if source not in cites:
        raise CourseInputError(path, f"the entry '{form}' has source {source!r}, which is not one of the lexicon's sources",
                               f"use one of: {', '.join(cites)}", line=line)
    review = raw.get("needs_review", False)
    if not isinstance(review, bool):
        raise CourseInputError(path, f"'needs_review' of '{form}' must be true or false", "write 'needs_review: true'", line=line)
    nfb = raw.get("not_followed_by")
    if nfb is not None:
        try:
            re.compile(str(nfb))
        except re.error as exc:
            raise CourseInputError(path, f"'not_followed_by' of '{form}' is not a valid regular expression ({exc})",
                                   "fix the pattern", line=line) from None
    return LexiconEntry(form=form.strip(), forms=tuple(" ".join(f.split()) for f in forms), source=cites[source],
                        needs_review=review, note=raw.get("note"), function=raw.get("function"),
                        not_followed_by=str(nfb) if nfb is not None else None,
                        outline=str(raw["outline"]) if raw.get("outline") else None, line=line)


def load_lexicons(directory: str | Path | None = None) -> dict[str, Lexicon]:
    """The four reading lexicons, keyed by category ("hedge", "booster", "attribution", "connective")."""
    folder = Path(directory) if directory is not None else lexicons_dir()
    if directory is not None and not folder.is_dir():
        raise CourseInputError(folder, "lexicon folder not found", "give a folder holding " + ", ".join(LEXICON_FILES.values()))
    return {cat: load_lexicon(folder / name, category=cat) for cat, name in LEXICON_FILES.items()}


def outline_markers(lexicons: Mapping[str, Lexicon] | None = None) -> dict[str, str]:
    """The connectives that mark a part of an argued text, from the connective lexicon's
    ``outline`` fields: ``{headword: part}`` ("in short" -> "conclusion")."""
    lexicons = lexicons if lexicons is not None else load_lexicons()
    connective = lexicons.get("connective")
    return {e.form.lower(): e.outline for e in (connective.entries if connective else []) if e.outline}


# -- analysis -------------------------------------------------------------------------------

def extract_features(article, lexicons: Mapping[str, Lexicon] | str | Path | None = None) -> list[Feature]:
    """Every lexicon match in the article's body paragraphs, in text order.

    A span may carry two features when a form is in two lexicons (e.g. "believe" is a booster
    and an attribution verb); both are then marked ``needs_review``.
    """
    if lexicons is None or isinstance(lexicons, (str, Path)):
        lexicons = load_lexicons(lexicons)
    text = article.text
    sentences = [s for p in article.paragraphs for s in p.sentences]
    starts = [s.start for s in sentences]
    features: list[Feature] = []
    for category, lexicon in lexicons.items():
        for paragraph in article.paragraphs:
            for entry, m in lexicon.finditer(text, paragraph.start, paragraph.end):
                i = bisect.bisect_right(starts, m.start()) - 1
                sentence = sentences[i] if i >= 0 else paragraph.sentences[0]
                features.append(Feature(category=lexicon.category, form=entry.form, text=m.group(),
                                        start=m.start(), end=m.end(), sentence_id=sentence.id,
                                        paragraph=paragraph.number, needs_review=entry.needs_review,
                                        source=entry.source))
    order = {c: i for i, c in enumerate(CATEGORIES)}
    features.sort(key=lambda f: (f.start, order.get(f.category, len(order)), f.end))
    return features


def density_table(article, features: list[Feature]):
    """Features per paragraph and category: count, words in the paragraph, and count per 1,000 words.

    Every (paragraph, category) pair has a row, zero counts included.
    """
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    categories = list(CATEGORIES) + sorted({f.category for f in features} - set(CATEGORIES))
    counts: dict[tuple[int, str], int] = {}
    for f in features:
        counts[(f.paragraph, f.category)] = counts.get((f.paragraph, f.category), 0) + 1
    rows = []
    for p in article.paragraphs:
        words = p.word_count
        for c in categories:
            n = counts.get((p.number, c), 0)
            rows.append({"paragraph": p.number, "category": c, "count": n, "words": words,
                         "per_1000": round(1000.0 * n / words, 2) if words else 0.0})
    return pd.DataFrame(rows, columns=["paragraph", "category", "count", "words", "per_1000"])


def kwic(article, term: str, width: int = 40):
    """Keyword in context: every whole-word, case-insensitive occurrence of ``term`` in the body.

    ``term`` may be several words (any white space between them matches). ``left`` and
    ``right`` hold up to ``width`` characters of the same paragraph, on one line.
    """
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    columns = ["sentence_id", "left", "match", "right"]
    words = str(term).split() if term is not None else []
    if not words:
        raise CourseInputError(None, "the search term is empty", "give a word or phrase to look up, e.g. kwic(article, 'Moscow')")
    if not isinstance(width, int) or width < 0:
        raise CourseInputError(None, f"width must be a whole number of characters, not {width!r}", "use e.g. width=40")
    pattern = re.compile(_LEFT + r"\s+".join(re.escape(w) for w in words) + _RIGHT, re.IGNORECASE)
    text = article.text
    rows = []
    for p in article.paragraphs:
        for m in pattern.finditer(text, p.start, p.end):
            sentence = article.sentence_at(m.start())
            left = " ".join(text[max(p.start, m.start() - width): m.start()].split("\n"))
            right = " ".join(text[m.end(): min(p.end, m.end() + width)].split("\n"))
            rows.append({"sentence_id": sentence.id if sentence else f"p{p.number}",
                         "left": left, "match": m.group(), "right": right})
    return pd.DataFrame(rows, columns=columns)


#: The categories of stance markers (the others are connectives).
STANCE_CATEGORIES = ("hedge", "booster", "attribution")


def suggested_term(article, term: str | None = None, suggestion: str | None = None) -> str:
    """The concordance term: ``term`` if given, else ``suggestion`` (e.g. from the pack), else the
    capitalised word used most often in the body other than at the start of a sentence."""
    for value in (term, suggestion):
        if value is not None and str(value).strip():
            return " ".join(str(value).split())
    counts: dict[str, int] = {}
    for s in article.sentences:
        for m in re.finditer(r"(?<=\s)([A-Z][a-z]{2,})\b", s.text):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    if not counts:
        raise CourseInputError(getattr(article, "path", None), "the article has no capitalised name to suggest",
                               "give a term of your own, e.g. term = 'government'")
    return max(sorted(counts), key=counts.get)
