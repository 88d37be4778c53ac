"""Parenthetical citations in an article's body: find them, parse their sources and dates.

The genre cites in parentheses: ``(see EDM, July 19, 2016)``, ``(Regnum, October 3)``,
several sources separated by ``;`` each with its own dates and its own "see"/"see also",
and, where a link's text was stripped in copying, a lost source: ``(, September 16)``.

What counts as a citation (the rule, in order):

1. only body paragraphs are scanned (never the title or the image caption), and a
   parenthesis is closed within its paragraph, at most 500 characters long, with no
   parenthesis inside — an unclosed "(" can never swallow the text after it;
2. the inside is split at ";" into parts; each part is ``[see|see also|cf.] NAME, DATES``
   where DATES is a whole date list (below) and NAME is empty (a lost source) or looks like a
   name (at most 8 words, has a capital letter or digit, does not open with a function word);
3. a part that is only dates ("…, May 30, 2018; June 5, 2019") adds to the source before
   it, and is no citation when nothing comes before it; a part without dates is accepted
   only beside a dated part in the same parenthesis, or as "see NAME" when NAME is in the
   outlet registry; a parenthesis with any other part is not a citation. So asides, event
   dates "(September 30–October 3)", "(left)" and glosses "(NPR)" are never reported;
4. a Markdown link on a name, "([Regnum](https://…), October 3)", counts as its text, and
   its target is kept as ``Source.url``.

Date lists (``helpers.analysis.dates``, with the month names of ``data/lexicons/dates.yaml``):
"September 17, 24, 25, 26, October 3" (the month carries forward), "May 30, 2018
and June 5, 2019" (an explicit year applies to the dates before it that lack one), "14 March"
and "14, 15 March 2022" (day-month order; a bare day takes the next month), "2022" (year
only), "2021-05-05" (ISO). A date without a year is resolved against ``article.reference_date()`` (the
publication date, else 31 December of its year): the latest such date not after it.
Full dates go to ``Source.dates``; year-only references to ``Source.years``; month-only
ones ("March 2022") to ``Source.months`` as "YYYY-MM"; dates that cannot be resolved (no
publication year known) stay as written in ``Source.unresolved``.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from helpers.analysis.dates import DateList, parse_date_list
from helpers.analysis.sources import Registry, default_registry_path, load_registry

MAX_PAREN = 500
_PAREN_RE = re.compile(r"\(([^()]{0,%d})\)" % MAX_PAREN)
_SEE_RE = re.compile(r"^(?:see\s+also|see|cf\.?|compare)(?:\s+|(?=,)|$)", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from if in into is it its of on or so than that this these those "
    "to was were which while who with albeit although because especially including like not "
    "only also even i.e. e.g. i.e e.g ie eg left right above below".split())


# -- data ----------------------------------------------------------------------------------

@dataclass
class Source:
    name: str | None          # None: the source was lost (empty name before the dates)
    dates: list[_dt.date]
    see: bool                 # introduced by "see", "see also", "cf."
    category: str             # the registry type; "unclassified" if unknown; "lost" if name is None
    years: list[int] = field(default_factory=list)       # year-only references ("2022")
    months: list[str] = field(default_factory=list)      # month-only references ("2022-03")
    unresolved: list[str] = field(default_factory=list)  # yearless dates with no publication year known
    raw: str = ""             # this source's part of the parenthesis (Markdown links shown as their text)
    url: str | None = None    # the target of a Markdown link on the source name, if any

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "dates": [d.isoformat() for d in self.dates], "see": self.see,
                "category": self.category, "years": list(self.years), "months": list(self.months),
                "unresolved": list(self.unresolved), "raw": self.raw, "url": self.url}


@dataclass
class Citation:
    id: str                   # "c1", "c2" … in text order
    paragraph: int            # 1-based body paragraph
    sentence_id: str          # "p3.s2"
    start: int                # offsets into article.text, covering the parentheses
    end: int
    raw: str
    sources: list[Source]
    sentence: str             # the sentence the citation supports
    rule: str = ""            # why this parenthesis was read as a citation, and how

    @property
    def lost(self) -> bool:
        return any(s.name is None for s in self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "paragraph": self.paragraph, "sentence_id": self.sentence_id,
                "start": self.start, "end": self.end, "raw": self.raw,
                "sources": [s.to_dict() for s in self.sources], "sentence": self.sentence, "rule": self.rule}


# -- one parenthesis -----------------------------------------------------------------------

@dataclass
class _Part:
    name: str | None
    see: bool
    dates: DateList | None
    raw: str
    dates_only: bool = False  # "…; June 5, 2019": more dates of the source before it
    url: str | None = None
    start: int = 0            # the part's span within the parenthesis' content
    end: int = 0


_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 8 or len(name) > 80:
        return False
    if not any(c.isupper() or c.isdigit() for c in name):
        return False
    if words[0].lower().strip(".,") in _FUNCTION_WORDS:
        return False
    return not any(ch in name for ch in "()[]{}<>\n")


def _parse_part(part: str, reference_date: _dt.date | None) -> _Part | None:
    raw = part.strip()
    text = raw
    see = False
    m = _SEE_RE.match(text)
    if m:
        see = True
        text = text[m.end():].strip()
    if text.startswith(","):
        dates = parse_date_list(text[1:], reference_date)
        if dates is None or not dates.count:
            return None
        return _Part(None, see, dates, raw)
    whole = parse_date_list(text, reference_date)
    if whole is not None and whole.count:
        return _Part(None, see, whole, raw, dates_only=True)
    # the first comma after which the rest is a whole date list splits name from dates
    pos = text.find(",")
    while pos != -1:
        dates = parse_date_list(text[pos + 1:].lstrip().lstrip(_QUOTE_CHARS), reference_date)
        if dates is not None and dates.count:
            name = text[:pos].strip().strip(_QUOTE_CHARS).strip()
            if not name:
                return _Part(None, see, dates, raw)  # '(“”, May 5)': the name is still lost
            return _Part(name, see, dates, raw) if _looks_like_name(name) else None
        pos = text.find(",", pos + 1)
    name = text.strip(_QUOTE_CHARS).strip()
    if _looks_like_name(name):
        return _Part(name, see, None, raw)  # a name without dates: accepted only in company (see below)
    return None


def parse_citation(content: str, reference_date: _dt.date | None = None,
                   registry: Registry | None = None, article_id: str | None = None) -> tuple[list[_Part], str] | None:
    """Parse the inside of one parenthesis: its sources and the rule that made it a citation, or None."""
    parts: list[_Part] = []
    notes: list[str] = []
    offset = 0
    for piece in content.split(";"):
        part = _parse_part(piece, reference_date)
        if part is None:
            return None
        lead = len(piece) - len(piece.lstrip())
        part.start, part.end = offset + lead, offset + len(piece.rstrip())
        offset += len(piece) + 1
        if part.dates_only:
            if not parts or parts[-1].dates is None:
                return None  # dates with no source before them: an event's dates, not a citation
            prev = parts[-1].dates
            prev.dates += part.dates.dates
            prev.years += part.dates.years
            prev.months += part.dates.months
            prev.unresolved += part.dates.unresolved
            prev.notes = sorted(set(prev.notes) | set(part.dates.notes))
            parts[-1].raw += "; " + part.raw
            parts[-1].end = part.end
            notes.append("dates after ';' belong to the source before them")
            continue
        parts.append(part)
    dated = [p for p in parts if p.dates is not None]
    if not dated:
        # "see NAME" alone is a citation only for an outlet the registry knows
        if len(parts) == 1 and parts[0].see and registry is not None and registry.classify(parts[0].name, article_id):
            return parts, "'see' + registered outlet, no dates"
        return None
    reasons = []
    for p in parts:
        bits = ["'see'"] if p.see else []
        if p.name is None:
            bits.append("lost source: empty name before dates")
        else:
            bits.append("source")
        if p.dates is not None:
            n = p.dates.count
            bits.append(f"date list ({n} date{'s' if n != 1 else ''}"
                        + (": " + ", ".join(p.dates.notes) if p.dates.notes else "") + ")")
        else:
            bits.append("no dates (beside a dated source)")
        reasons.append(" + ".join(bits))
    rule = "; ".join(reasons)
    if len(parts) > 1:
        rule = f"{len(parts)} sources separated by ';': " + rule
    if notes:
        rule += "; " + notes[0]
    return parts, rule


# -- the article ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=4)
def _cached_registry(path: str, mtime: float) -> Registry:
    return load_registry(path)


def _registry(registry: Registry | str | Path | None) -> Registry:
    if isinstance(registry, Registry):
        return registry
    path = Path(registry) if registry is not None else default_registry_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return load_registry(path)  # raises CourseInputError naming the file
    return _cached_registry(str(path), mtime)


def _category(name: str | None, registry: Registry, article_id: str | None = None) -> str:
    if name is None:
        return "lost"
    outlet = registry.classify(name, article_id)
    return outlet.type if outlet else "unclassified"


@dataclass
class Found:
    """A citation found in a piece of text by ``scan_text``: span relative to that text."""
    start: int
    end: int
    content: str
    parts: list
    rule: str


_MD_LINK_RE = re.compile(r"\[([^\[\]\n]{1,200})\]\(([^()\s]{1,1000})\)")


def _mask_links(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Markdown links ``[Regnum](https://…)`` reduced to their text, padded so offsets stay put."""
    if "](" not in text:
        return text, []
    links = []
    pieces = []
    pos = 0
    for m in _MD_LINK_RE.finditer(text):
        pieces.append(text[pos:m.start()])
        label = m.group(1)
        pieces.append(label + " " * (m.end() - m.start() - len(label)))
        links.append((m.start(), m.end(), m.group(2)))
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces), links


def scan_text(text: str, reference_date: _dt.date | None = None, registry: Registry | None = None,
              article_id: str | None = None) -> list[Found]:
    """Every citation parenthesis in one paragraph's text (linear time, no nested parentheses).

    A Markdown link on a source name, ``([Regnum](https://…), October 3)``, counts as its
    text; the link target is kept as the source's ``url``.
    """
    masked, links = _mask_links(text)
    found = []
    for m in _PAREN_RE.finditer(masked):
        parsed = parse_citation(m.group(1), reference_date, registry, article_id)
        if parsed is None:
            continue
        parts, rule = parsed
        if links:
            base = m.start(1)
            for part in parts:
                a, b = base + part.start, base + part.end
                inside = [(e, url) for s, e, url in links if a <= s < b]
                if inside:
                    b = max(b, max(e for e, _ in inside))
                    part.url = inside[0][1]
                part.raw = text[a:b]  # as written, link and all
        found.append(Found(m.start(), m.end(), m.group(1), parts, rule))
    return found


def extract_citations(article, registry: Registry | str | Path | None = None) -> list[Citation]:
    """Every parenthetical citation in the article's body paragraphs, in text order.

    ``registry`` is a ``Registry``, the path of a registry file, or ``None`` for
    ``data/sources.yaml``. Each source is classified with it ("unclassified" if unknown,
    "lost" if its name was stripped); invented outlets of the registry's
    synthetic section count only for the articles they belong to.
    """
    reg = _registry(registry)
    ref = article.reference_date()
    text = article.text
    out: list[Citation] = []
    for para in article.paragraphs:
        sentences = para.sentences
        starts = [s.start for s in sentences]
        for f in scan_text(para.text, ref, reg, article.id):
            start, end = para.start + f.start, para.start + f.end
            sentence = _sentence_for(sentences, starts, start, end, text)
            sources = [Source(name=p.name, dates=list(p.dates.dates) if p.dates else [], see=p.see,
                              category=_category(p.name, reg, article.id),
                              years=list(p.dates.years) if p.dates else [],
                              months=list(p.dates.months) if p.dates else [],
                              unresolved=list(p.dates.unresolved) if p.dates else [], raw=p.raw,
                              url=p.url)
                       for p in f.parts]
            out.append(Citation(id=f"c{len(out) + 1}", paragraph=para.number,
                                sentence_id=sentence.id if sentence else f"p{para.number}.s1",
                                start=start, end=end, raw=text[start:end], sources=sources,
                                sentence=sentence.text if sentence else para.text, rule=f.rule))
    return out


def _sentence_for(sentences, starts: list[int], start: int, end: int, text: str):
    """The sentence holding the citation; if the citation stands alone after a full stop, the one before."""
    if not sentences:
        return None
    k = max(bisect.bisect_right(starts, start) - 1, 0)
    sent = sentences[k]
    rest = (text[sent.start:start] + text[end:sent.end]).strip(" \t\n.,;:\u00a0")
    if not rest and k > 0:
        return sentences[k - 1]
    return sent


# -- tables ----------------------------------------------------------------------------------

TABLE_COLUMNS = ["id", "paragraph", "sentence_id", "source", "category", "see", "dates",
                 "earliest", "latest", "lost", "years", "raw", "rule"]


def citations_table(citations: Iterable[Citation]):
    """One row per (citation, source): id, paragraph, sentence_id, source, category, see,
    dates ("; "-joined ISO dates), earliest, latest (datetimes, empty if no full date), lost,
    years (year-only references), raw, rule."""
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    rows = []
    for c in citations:
        for s in c.sources:
            rows.append({
                "id": c.id, "paragraph": c.paragraph, "sentence_id": c.sentence_id,
                "source": s.name, "category": s.category, "see": s.see,
                "dates": "; ".join(d.isoformat() for d in s.dates),
                "earliest": min(s.dates) if s.dates else None,
                "latest": max(s.dates) if s.dates else None,
                "lost": s.name is None,
                "years": "; ".join(str(y) for y in s.years),
                "raw": c.raw, "rule": c.rule,
            })
    df = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    df["source"] = pd.Series([r["source"] for r in rows], index=df.index, dtype=object)  # lost: None, not NaN
    df["earliest"] = pd.to_datetime(df["earliest"])
    df["latest"] = pd.to_datetime(df["latest"])
    return df


# -- scoring against an answer key -------------------------------------------------------

def _key_source(entry: dict) -> dict[str, Any]:
    dates, years, months = [], [], []
    for v in entry.get("dates") or []:
        if isinstance(v, _dt.date):
            dates.append(v.isoformat())
        elif isinstance(v, int) or (isinstance(v, str) and re.fullmatch(r"\s*\d{4}\s*", v)):
            years.append(int(v))
        elif isinstance(v, str) and re.fullmatch(r"\s*\d{4}-\d\d\s*", v):
            months.append(v.strip())
        else:
            dates.append(str(v).strip())
    years += [int(y) for y in entry.get("years") or []]
    if entry.get("year") is not None:
        years.append(int(entry["year"]))
    name = entry.get("name")
    return {"name": None if name is None else " ".join(str(name).split()), "see": bool(entry.get("see", False)),
            "dates": dates, "years": years, "months": months}


def score_citations(citations: list[Citation], key: list[dict]) -> dict[str, Any]:
    """Compare found citations with an answer key (``key/citations.yaml``'s ``citations`` list).

    A key citation is found when a citation has the same paragraph and raw text; a found one
    is then exact when its sentence id, source names, "see" flags and dates agree too.
    Returns found, key, matched, exact, precision, recall and one line per problem.
    """
    unmatched = list(citations)
    matched = exact = 0
    problems: list[str] = []
    for entry in key:
        label = entry.get("id") or entry.get("raw")
        hit = next((c for c in unmatched if c.paragraph == entry.get("paragraph") and c.raw == entry.get("raw")), None)
        if hit is None:
            problems.append(f"missed {label}: {entry.get('raw')!r} (paragraph {entry.get('paragraph')})")
            continue
        unmatched.remove(hit)
        matched += 1
        ok = True
        if entry.get("sentence") and hit.sentence_id != entry["sentence"]:
            problems.append(f"{label}: sentence {hit.sentence_id}, the key says {entry['sentence']}")
            ok = False
        want = [_key_source(s) for s in entry.get("sources") or []]
        got = [{"name": s.name, "see": s.see, "dates": [d.isoformat() for d in s.dates],
                "years": list(s.years), "months": list(s.months)} for s in hit.sources]
        if want != got:
            problems.append(f"{label} {entry.get('raw')!r}: found {got}, the key says {want}")
            ok = False
        exact += ok
    problems += [f"not in the key: {c.raw!r} (paragraph {c.paragraph})" for c in unmatched]
    return {"found": len(citations), "key": len(key), "matched": matched, "exact": exact,
            "precision": matched / len(citations) if citations else 1.0,
            "recall": matched / len(key) if key else 1.0, "problems": problems}
