"""Load an article and segment it into numbered paragraphs and sentences with stable ids.

Two input shapes are read:

* plain text in the shape of the seed article: a title line, a ``Publication: … Volume: …
  Issue: …`` line, an optional image caption, then body paragraphs separated by blank lines;
* Markdown with YAML front matter (``title``, ``publication``, ``volume``, ``issue``, ``year``,
  ``date``, ``caption`` …), then body paragraphs separated by blank lines.

A metadata sidecar ``<id>.meta.yaml`` beside the article adds to (and overrides) what the
text itself says; an article with neither a year nor a date takes the year of its volume when
``data/publications.yaml`` lists its publication (``helpers.model.publications``), and
``reference_date()`` is the latest date it can have appeared: its date, else the latest date its
issue number allows when that publication lists its pace of issues, else 31 December of its
year. Every offset is a character offset into ``Article.text``, the file's text
exactly as decoded, so ``article.text[s.start:s.end] == s.text`` for every sentence.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from helpers.core.errors import CourseInputError
from helpers.core.fileio import MAX_BYTES, read_text
from helpers.core.paths import ARTICLE_SUFFIXES, article_id_for
from helpers.core.yamlio import load_yaml_mapping
from helpers.model.nlp import get_nlp
from helpers.model.publications import publication_for

_PUBLICATION_RE = re.compile(
    r"^Publication:\s*(?P<publication>.+?)\s+Volume:\s*(?P<volume>\d+)\s+Issue:\s*(?P<issue>\d+)\s*$")
_CAPTION_CUE_RE = re.compile(r"\((?:Source|Photo|Image|Credit|Picture)s?\b|^(?:Photo|Image|Source):",
                             re.IGNORECASE)
_BLOCK_SEP_RE = re.compile(r"\r?\n[ \t]*\r?\n(?:[ \t]*\r?\n)*")


@dataclass(frozen=True)
class Sentence:
    id: str            # "p3.s2": paragraph 3, sentence 2 (both from 1)
    paragraph: int
    index: int
    text: str
    start: int         # offsets into Article.text
    end: int


@dataclass(frozen=True)
class Paragraph:
    number: int        # body paragraphs are numbered from 1
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Article:
    id: str
    path: Path | None
    text: str
    title: str
    metadata: dict[str, Any]
    caption: str | None
    caption_span: tuple[int, int] | None
    paragraphs: tuple[Paragraph, ...]
    title_span: tuple[int, int] | None = None
    warnings: tuple[str, ...] = field(default=())

    # -- convenience -------------------------------------------------------------------
    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def iter_sentences(self) -> Iterator[Sentence]:
        for p in self.paragraphs:
            yield from p.sentences

    def sentence(self, sentence_id: str) -> Sentence:
        for s in self.iter_sentences():
            if s.id == sentence_id:
                return s
        raise KeyError(sentence_id)

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose span contains the character offset, if any."""
        for s in self.iter_sentences():
            if s.start <= offset < s.end:
                return s
        return None

    @property
    def word_count(self) -> int:
        return sum(p.word_count for p in self.paragraphs)

    @property
    def year(self) -> int | None:
        return self.metadata.get("year")

    @property
    def publication_date(self) -> _dt.date | None:
        """The exact publication date, when the metadata gives one."""
        value = self.metadata.get("date")
        if isinstance(value, _dt.date):
            return value
        return None

    def reference_date(self) -> _dt.date | None:
        """The latest date the article can have been published, as the metadata give it.

        Its publication date; else, when its publication line names a publication of
        ``data/publications.yaml`` that knows its pace of issues and the year is the volume's,
        the latest date its issue can have appeared; else 31 December of its year. The citation
        analysis raises this to the latest fully dated citation if that is later (an article is
        never older than a date it cites with its year).
        """
        return self.reference_basis()[0]

    def reference_basis(self) -> tuple[_dt.date | None, str]:
        """``reference_date()`` and how it was found, in words."""
        if self.publication_date:
            return self.publication_date, "publication date"
        if not self.year:
            return None, "no publication date or year known"
        end = _dt.date(int(self.year), 12, 31)
        volume, issue = self.metadata.get("volume"), self.metadata.get("issue")
        publication = publication_for(str(self.metadata.get("publication") or "")) if volume and issue else None
        if publication and publication.year_of_volume(volume) == int(self.year):
            bound = publication.latest_date_of_issue(volume, issue)
            if bound is not None and bound < end:
                return bound, (f"issue {issue} of {publication.name} volume {volume} is out by {bound.isoformat()} "
                               f"({publication.pace_words})")
        return end, f"end of the year {self.year}"

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "publication": self.metadata.get("publication"),
            "volume": self.metadata.get("volume"),
            "issue": self.metadata.get("issue"),
            "year": self.metadata.get("year"),
            "date": self.publication_date.isoformat() if self.publication_date else None,
            "author": self.metadata.get("author"),
            "paragraphs": len(self.paragraphs),
            "sentences": len(self.sentences),
            "words": self.word_count,
        }


# -- reading -------------------------------------------------------------------------------

def load_article(path: str | Path, *, nlp=None, metadata: dict[str, Any] | None = None) -> Article:
    """Load an article file (``.txt`` in the seed's shape, or ``.md`` with front matter).

    ``nlp`` is a spaCy ``Language`` or the name/path of a pipeline; by default spaCy's blank
    English pipeline with a sentencizer. Raises ``CourseInputError`` for bad input.
    """
    path = Path(path)
    if path.suffix.lower() not in ARTICLE_SUFFIXES and path.exists() and not path.is_dir():
        raise CourseInputError(path, f"has the ending '{path.suffix or '(none)'}', which is not an article format",
                               "give a .txt article in the seed's shape or a .md article with YAML front matter")
    text = read_text(path)
    meta = dict(_load_sidecar(path))
    if metadata:
        meta.update(metadata)
    return parse_article(text, source=path, article_id=article_id_for(path), metadata=meta, nlp=nlp)


def _load_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(f"{article_id_for(path)}.meta.yaml")
    if not sidecar.exists():
        return {}
    return load_yaml_mapping(sidecar, what="metadata sidecar")


def parse_article(text: str, *, source: str | Path = "<string>", article_id: str | None = None,
                  metadata: dict[str, Any] | None = None, nlp=None) -> Article:
    """Parse article text already in memory (see ``load_article``)."""
    if not text.strip():
        raise CourseInputError(source, "article is empty", "put the article's title and paragraphs in it")
    if text.lstrip("\ufeff").startswith("---"):
        parsed = _parse_markdown(text, source)
    else:
        parsed = _parse_plain(text, source)
    meta: dict[str, Any] = parsed["metadata"]
    if metadata:
        meta.update(metadata)
    title = str(meta.pop("title", None) or parsed["title"] or "").strip()
    caption = meta.pop("caption", None) if parsed["caption"] is None else parsed["caption"]
    _normalise_metadata(meta, source)
    blocks: list[tuple[int, int]] = parsed["body"]
    if not blocks:
        raise CourseInputError(source, "has no body paragraphs after the title and publication line",
                               "separate the article's paragraphs from the heading lines with blank lines")
    paragraphs = _segment(text, blocks, nlp)
    aid = article_id or (article_id_for(source) if source != "<string>" else "article")
    return Article(id=aid, path=Path(source) if source != "<string>" else None, text=text, title=title,
                   metadata=meta, caption=caption, caption_span=parsed["caption_span"],
                   paragraphs=tuple(paragraphs), title_span=parsed["title_span"],
                   warnings=tuple(parsed["warnings"]))


def _blocks(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of the non-blank blocks of ``text[start:]``, trimmed of surrounding white space."""
    spans = []
    pos = start
    for m in _BLOCK_SEP_RE.finditer(text, start):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        out.append((a + lead, b - trail))
    return out


def _parse_plain(text: str, source) -> dict[str, Any]:
    blocks = _blocks(text)
    warnings: list[str] = []
    meta: dict[str, Any] = {}
    title_span = blocks[0]
    title = text[slice(*title_span)]
    if "\n" in title.strip():
        # a title block of several lines: the first line is the title, the rest is body
        first_end = title_span[0] + title.index("\n")
        rest_start = first_end + 1
        blocks = [(title_span[0], first_end)] + _blocks(text[: title_span[1]], rest_start) + blocks[1:]
        title_span = blocks[0]
        title = text[slice(*title_span)].strip()
    idx = 1
    if idx < len(blocks):
        m = _PUBLICATION_RE.match(text[slice(*blocks[idx])].strip())
        if m:
            meta["publication"] = m.group("publication").strip()
            meta["volume"] = int(m.group("volume"))
            meta["issue"] = int(m.group("issue"))
            idx += 1
        else:
            warnings.append("no 'Publication: … Volume: … Issue: …' line after the title")
    caption = None
    caption_span = None
    if idx < len(blocks) and _CAPTION_CUE_RE.search(text[slice(*blocks[idx])]):
        caption_span = blocks[idx]
        caption = text[slice(*caption_span)]
        idx += 1
    return {"title": title, "title_span": title_span, "metadata": meta, "caption": caption,
            "caption_span": caption_span, "body": blocks[idx:], "warnings": warnings}


def _parse_markdown(text: str, source) -> dict[str, Any]:
    import yaml

    offset = 1 if text.startswith("\ufeff") else 0
    lines = text[offset:].split("\n")
    if lines[0].strip() != "---":
        raise CourseInputError(source, "front matter must start with a line '---'", "start the file with '---'", line=1)
    end_line = None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            end_line = i
            break
    if end_line is None:
        raise CourseInputError(source, "front matter is not closed", "add a line '---' after the metadata", line=1)
    fm_text = "\n".join(lines[1:end_line])
    try:
        fm = yaml.safe_load(fm_text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "syntax error"
        raise CourseInputError(source, f"front matter does not parse as YAML ({problem})",
                               "fix the YAML between the '---' lines",
                               line=(mark.line + 2) if mark else 2) from None
    if not isinstance(fm, dict):
        raise CourseInputError(source, "front matter must be a mapping (key: value lines)",
                               "write the metadata as 'title: …' lines", line=2)
    body_start = offset + sum(len(line) + 1 for line in lines[: end_line + 1])
    blocks = _blocks(text, min(body_start, len(text)))
    title = fm.get("title")
    title_span = None
    if blocks and text[blocks[0][0]] == "#" and text[blocks[0][0]: blocks[0][1]].startswith("# "):
        heading = text[slice(*blocks[0])]
        title_span = (blocks[0][0] + 2, blocks[0][1])
        title = title or heading[2:].strip()
        blocks = blocks[1:]
    # a standalone image line ![caption](...) before the body is the caption
    caption = fm.get("caption")
    caption_span = None
    if caption is None and blocks and text[blocks[0][0]: blocks[0][0] + 2] == "![":
        caption_span = blocks[0]
        caption = text[slice(*caption_span)]
        blocks = blocks[1:]
    # headings inside the body are not paragraphs
    body = [b for b in blocks if not text[b[0]:b[1]].startswith("#")]
    meta = {k: v for k, v in fm.items() if k not in ("title", "caption")}
    if caption is not None:
        meta["caption"] = caption
    if not title:
        raise CourseInputError(source, "has no title", "add 'title: …' to the front matter or a '# Title' line")
    return {"title": str(title), "title_span": title_span, "metadata": meta, "caption": caption,
            "caption_span": caption_span, "body": body, "warnings": []}


def _normalise_metadata(meta: dict[str, Any], source) -> None:
    for key in ("volume", "issue", "year"):
        if key in meta and meta[key] is not None:
            try:
                meta[key] = int(meta[key])
            except (TypeError, ValueError):
                raise CourseInputError(source, f"metadata '{key}' must be a whole number, not {meta[key]!r}",
                                       f"write e.g. '{key}: 16'") from None
    if "date" in meta and meta["date"] is not None and not isinstance(meta["date"], _dt.date):
        try:
            meta["date"] = _dt.date.fromisoformat(str(meta["date"]))
        except ValueError:
            raise CourseInputError(source, f"metadata 'date' must be an ISO date (YYYY-MM-DD), not {meta['date']!r}",
                                   "write e.g. 'date: 2019-10-08' or leave it out") from None
    if isinstance(meta.get("date"), _dt.datetime):
        meta["date"] = meta["date"].date()
    if meta.get("year") is None:
        if isinstance(meta.get("date"), _dt.date):
            meta["year"] = meta["date"].year
            meta.setdefault("year_source", "date")
        elif meta.get("volume") and (publication := publication_for(str(meta.get("publication", "")))):
            # a listed publication whose volume gives the year (data/publications.yaml)
            meta["year"] = publication.year_of_volume(meta["volume"])
            meta.setdefault("year_source", publication.year_source)
        else:
            meta["year"] = None


def _segment(text: str, blocks: list[tuple[int, int]], nlp) -> list[Paragraph]:
    if nlp is None or isinstance(nlp, (str, Path)):
        nlp = get_nlp(None if nlp is None else str(nlp))
    paragraphs = []
    texts = [text[a:b] for a, b in blocks]
    for number, ((a, b), doc) in enumerate(zip(blocks, nlp.pipe(texts)), start=1):
        spans = _merge_quoted([(s.start_char, s.end_char) for s in doc.sents], texts[number - 1])
        sentences = []
        for i, (s, e) in enumerate(spans, start=1):
            chunk = texts[number - 1][s:e]
            e -= len(chunk) - len(chunk.rstrip())
            s += len(chunk) - len(chunk.lstrip())
            sentences.append(Sentence(id=f"p{number}.s{i}", paragraph=number, index=i,
                                      text=text[a + s: a + e], start=a + s, end=a + e))
        paragraphs.append(Paragraph(number=number, text=text[a:b], start=a, end=b, sentences=tuple(sentences)))
    return paragraphs


def _move_opening_quotes(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Give an opening quotation mark that the sentencizer left at the end of a sentence to the next one.

    spaCy attaches the '"' of 'He left. "Next …' to the first sentence.
    """
    out = list(spans)
    for i in range(len(out) - 1):
        s, e = out[i]
        chunk = text[s:e].rstrip()
        end = s + len(chunk)
        if chunk.endswith("\u201c") or (chunk.endswith('"') and end - 2 >= s and text[end - 2].isspace()):
            out[i] = (s, end - 1)
            out[i + 1] = (end - 1, out[i + 1][1])
    return out


def _merge_quoted(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Merge sentence spans that split inside an open quotation or parenthesis.

    spaCy's sentencizer splits at every '!' or '?' — also inside a quoted title such as
    “We Have Been Moving in This Direction for 27 Years! The Strategy …”.
    """
    spans = _move_opening_quotes(spans, text)
    merged: list[tuple[int, int]] = []
    # running balance of the last merged span: open curly quotes, straight quotes, parentheses
    curly = straight = paren = 0
    for s, e in spans:
        chunk = text[s:e]
        if not chunk.strip():
            continue
        c, q, p = chunk.count("\u201c") - chunk.count("\u201d"), chunk.count('"'), chunk.count("(") - chunk.count(")")
        if merged:
            nxt = chunk.lstrip()
            open_curly = curly > 0
            open_straight = straight % 2 == 1
            open_paren = paren > 0 and ")" in chunk
            lower_start = bool(nxt) and nxt[0].islower()
            if open_curly or open_straight or open_paren or lower_start:
                merged[-1] = (merged[-1][0], e)
                curly, straight, paren = curly + c, straight + q, paren + p
                continue
        merged.append((s, e))
        curly, straight, paren = c, q, p
    return merged
