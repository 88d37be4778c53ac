"""Parenthetical citations in an article's body: find them, parse their sources and dates.

The genre cites in parentheses: ``(see EDM, July 19, 2016)``, ``(Regnum, October 3)``,
several sources separated by ``;`` each with its own dates and its own "see"/"see also",
and, where a link's text was stripped in copying, a lost source: ``(, September 16)``.
Each source of a parenthesis is its own ``Source``.

What counts as a citation (the rule, in order; the cue words are in
``data/lexicons/citation_cues.yaml``):

1. only body paragraphs are scanned (never the title or the image caption), and a
   parenthesis is closed within its paragraph, at most 500 characters long, with no
   parenthesis inside but an acronym's ("(Ministry of Foreign Affairs (MFA), May 5)": part of
   the name) — an unclosed "(" can never swallow the text after it;
2. link markers "[1]" left where links were ("(Outlet [1] [2], May 5)") are dropped; the
   inside is split at ";" into parts, and between two site addresses run together, their
   separator lost ("(Site.ruT.me/channel, May 5)": the first has no dates of its own, as if the
   lost separator was ";"); an empty part before another ("(;, May 5)") is a lost
   source without dates; each other part is ``[see cue] [lead-in] NAME, DATES`` where a see
   cue ("see", "see also", "cf.", after prose such as "for more on these cases,") sets ``see``
   (and "see Part One in EDM" names the outlet, the part being its ``work``; so does a part
   closing a source: "see EDM, July 28, Part One and Part Two"; a page reference, ", p.109-129",
   belongs to the source before it), a lead-in ("e.g.,") is dropped, and so is a medium in lower
   case before the outlet it was seen on ("see video on Outlet": the outlet), DATES is a
   whole date list (below), possibly opened by an access cue ("accessed May 5, 2023": the
   source's dates, ``accessed`` set) or the word "undated" ("(Outlet, undated)": a source
   with an empty date list), and NAME is empty (a lost source) or looks like a name
   (at most 8 words, has a capital letter or digit or is a site address such as "site.gov" or
   "t.me/s/channel", does not open with one of the lexicon's ``name_openers`` unless written as
   an acronym, "WHO"; a gloss in square
   brackets may close it, "Channel [PIK, Tbilisi]", and its commas separate nothing);
3. within a part, commas separate names that share the dates after them: "(Outlet A,
   Outlet B, May 5)" and "(,, May 5)" are two sources with May 5 each, "(, Outlet May 5,
   2023)" a lost source and Outlet; after a date list a new name starts a new source:
   "(A, July 2, B, July 9)". A comma just before a closing quotation mark is inside a title,
   not a separator, unless another quoted name opens after the mark ("(“Lantern,” “Beacon” June
   5)": two sources); a quoted title after a name is that source's ``work``: "(Surname, Novel
   ‘X,’ 1999)" is one source with year 1999, but a quoted name without that comma is a name
   ("(A, TV “Blue Channel”, B, May 5)": three sources);
4. the dates may follow a name without a comma when the name is capitalised word by word
   and holds no month itself: "(see EDM May 5)", "(see “Report,” May 2)"; "(a speech on
   May 9)" and "(September 30–October 3)" are no citations;
5. a part that is only dates ("…, May 30, 2018; June 5, 2019") adds to the source before
   it, and is no citation when nothing comes before it; a part without dates is accepted
   only beside a dated part in the same parenthesis, or as "see NAME" when NAME is in the
   outlet registry; a parenthesis with any other part (or with a name after its last dates)
   is not a citation; a whole web address with its scheme ("(https://site.example/page)") is one
   source without dates, its address the name and the link, and so is a site's address in lower
   case without it ("(www.mfa.gov.example)", "(site.example/news/12.html?)"). So asides, event dates "(September 30–October 3)", "(left)" and
   glosses "(NPR)" are never reported; a Markdown link on a name, "([Regnum](https://…),
   October 3)", counts as its text, and its target is kept as ``Source.url``;
6. the reference date for yearless dates: ``article.reference_basis()`` — the publication
   date if the metadata give one; else the latest date the issue number allows
   (``data/publications.yaml``: at least K issues a week) or 31 December of the volume's
   year, whichever is earlier — raised, when the article has no publication date, to the
   latest date it cites with its year inside that year (the article is never older than a
   date it cites). ``extract_citations`` returns a ``Citations`` list that records the date
   used (``reference_date``) and why (``reference_basis``);
7. what cannot be resolved is listed, never guessed: ``Citation.problems`` (and
   ``Citations.problems``, each line naming its citation) reports yearless dates kept as
   written because no year is known, and cited dates after the article's date.

Date lists (``helpers.analysis.dates``, with the month names of ``data/lexicons/dates.yaml``):
"September 17, 24, 25, 26, October 3" (the month carries forward), "January 25/26" (a
weekend issue: both days), "June 5-6" and "July 11–15" (a span of days in one month after a
source: its first and last day), "May 30, 2018 and June 5, 2019" (an explicit year applies to the dates before it that lack one), "14 March"
and "14, 15 March 2022" (day-month order; a bare day takes the next month), "2022" (year
only), "2021-05-05" (ISO). A date without a year resolves to the latest such date not after
the reference date of rule 6, so "(Herald, December 20)" in an issue out by mid-March is
December of the year before.
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

from helpers.analysis.dates import DateList, load_calendar, parse_date_list
from helpers.analysis.sources import Registry, default_registry_path, load_registry
from helpers.core.errors import CourseInputError
from helpers.model.lexicons import lexicon_path, load_lexicon_file

MAX_PAREN = 500
_PAREN_RE = re.compile(r"\(([^()]{0,%d})\)" % MAX_PAREN)
#: a comma, unless it closes inside quotation marks or stands inside square brackets ("Channel [PIK, Tbilisi]");
#: after a closing mark with the comma inside it, where another quoted name opens ("“Lantern,” “Beacon” May 5")
_SEG_SPLIT_RE = re.compile(r",(?![\u2019\u201d\"\u00bb'])(?![^\[\]]*\])"
                           r"|(?<=,[\u2019\u201d\"\u00bb'])(?=\s*[\u201c\u2018\"\u00ab])")
_QUOTED_COMMA_RE = re.compile(r",[\u2019\u201d\"\u00bb']\s*")  # '… ‘Title,’ 1999': dates may follow a title
_MARKER_RE = re.compile(r"[ \t\u00a0]*\[\d{1,3}\]")              # link markers "[1]" left where links were
_DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/[\w.~-]*)*$", re.IGNORECASE)
_OPEN_QUOTES = "\u201c\u2018\"\u00ab"
#: a whole web address with its scheme, "https://site.example/path": a citation by itself
_URL_RE = re.compile(r"https?://[\w.-]+\.[a-z]{2,}(?:[/?#][^\s()]*)?", re.IGNORECASE)
_BRACKET_GLOSS_RE = re.compile(r"\s*\[[^\[\]]{1,40}\]$")
#: a site's address in lower case without its scheme, "www.mfa.gov.zz", "site.zz/news/5328.html": a citation by itself
_BARE_SITE_RE = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s()]*)?")


# -- cue words -------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Cues:
    """The cue words of ``data/lexicons/citation_cues.yaml`` as patterns."""
    see_re: re.Pattern
    lead_re: re.Pattern
    access_re: re.Pattern
    name_openers: frozenset[str]
    work_in_re: re.Pattern = re.compile(r"(?!x)x")   # "Part One in EDM": a part of a work, then its outlet
    work_tail_re: re.Pattern = re.compile(r"(?!x)x")  # "…, Part One and Part Two" closing a source: its work
    medium_re: re.Pattern = re.compile(r"(?!x)x")     # "video on Outlet": what was seen there, then the outlet
    undated_re: re.Pattern = re.compile(r"(?!x)x")    # "…, undated" closing a source: it gives no date


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=4)
def load_citation_cues(path: str | None = None) -> Cues:
    """Read ``data/lexicons/citation_cues.yaml`` (or ``path``)."""
    p = lexicon_path("citation_cues.yaml", path)
    file = load_lexicon_file(p, what="citation cue lexicon")

    def words(key: str) -> list[str]:
        value = file.data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
            raise CourseInputError(p, f"'{key}' must be a list of words", f"write e.g. '{key}: [see, cf.]'",
                                   line=file.lines.key(key))
        return [" ".join(w.split()) for w in value]

    work = _alternatives(words("work_words"))
    part = r"(?:%s)\s+(?:[A-Z][a-z]+|\d+|[IVX]+)" % work
    see_lead = _alternatives(file.data.get("see_lead_ins") or ["for more"])
    return Cues(
        see_re=re.compile(r"^(?:(?:%s)(?:\s+(?:on|about)\s+[^,;()]{1,80})?,\s*)?(?:%s)(?:\s+|(?=,)|$)"
                          % (see_lead, _alternatives(words("see_cues"))), re.IGNORECASE),
        lead_re=re.compile(r"^(?:%s)(?!\w)\s*,?\s*" % _alternatives(words("lead_ins")), re.IGNORECASE),
        access_re=re.compile(r"^(?:%s)\s+" % _alternatives(words("access_cues")), re.IGNORECASE),
        name_openers=frozenset(w.lower() for w in words("name_openers")),
        work_in_re=re.compile(r"(?P<work>(?:%s)\s+\S+(?:\s+and\s+\S+)?)\s+in\s+(?P<outlet>\S.*)" % work),
        medium_re=re.compile(r"^(?:the\s+|a\s+)?(?:%s)\s+(?:%s)\s+(?=[A-Z0-9])"
                             % (_alternatives(words("medium_words") if "medium_words" in file.data else ["video"]),
                                _alternatives(words("medium_prepositions") if "medium_prepositions" in file.data else ["on"]))),
        work_tail_re=re.compile(r",\s*(?P<work>%s(?:\s*(?:,|and|&)\s*(?:%s|[A-Z][a-z]+|\d+|[IVX]+))*)\s*$" % (part, part)),
        undated_re=re.compile(r",\s*(?:%s)\s*$" % _alternatives(words("undated_words") if "undated_words" in file.data
                                                                else ["undated"]), re.IGNORECASE))


@functools.lru_cache(maxsize=4)
def _month_word_re(calendar) -> re.Pattern:
    forms = sorted(calendar.month_numbers, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:%s)\b" % "|".join(re.escape(f) for f in forms), re.IGNORECASE)


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
    work: str | None = None   # a quoted title after the name: "(Surname, Novel ‘X,’ 1999)"
    accessed: bool = False    # the dates say when the page was consulted ("accessed May 5, 2023")

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "dates": [d.isoformat() for d in self.dates], "see": self.see,
                "category": self.category, "years": list(self.years), "months": list(self.months),
                "unresolved": list(self.unresolved), "raw": self.raw, "url": self.url, "work": self.work,
                "accessed": self.accessed}


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
    problems: list[str] = field(default_factory=list)  # what could not be resolved (rule 7)

    @property
    def lost(self) -> bool:
        return any(s.name is None for s in self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "paragraph": self.paragraph, "sentence_id": self.sentence_id,
                "start": self.start, "end": self.end, "raw": self.raw,
                "sources": [s.to_dict() for s in self.sources], "sentence": self.sentence, "rule": self.rule,
                "problems": list(self.problems)}


class Citations(list):
    """The citations of one article (a list of ``Citation``) with the date they were resolved against.

    ``reference_date`` and ``reference_basis`` say against which date yearless dates were
    resolved and why; ``problems`` lists, per citation, what could not be resolved.
    """

    def __init__(self, items=(), reference_date: _dt.date | None = None, reference_basis: str = "",
                 problems: list[str] | None = None):
        super().__init__(items)
        self.reference_date = reference_date
        self.reference_basis = reference_basis
        self.problems = list(problems or [])


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
    work: str | None = None
    accessed: bool = False
    name_end: int = 0         # where the name ends within the content (for its link)
    notes: tuple[str, ...] = ()


_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


_OPENING_MARK = {"\u201d": "\u201c", "\u2019": "\u2018", "\u00bb": "\u00ab"}  # a closing mark's opening one


def _clean_name(name: str) -> str:
    """The name without the quotation marks and commas around it; a closing mark whose opening mark
    stands inside the name stays ("TV “Blue Channel”")."""
    name = name.strip().strip(", ")
    inner = name.lstrip(_QUOTE_CHARS)
    if inner and _OPENING_MARK.get(inner[-1], "\0") in inner:
        return inner.strip()
    return name.strip(_QUOTE_CHARS + ", ").strip()


def _looks_like_name(name: str, cues: Cues | None = None) -> bool:
    name = _BRACKET_GLOSS_RE.sub("", name)     # "Harbour Channel [HC, Eastport]": a gloss in square brackets
    words = name.split()
    if not words or len(words) > 8 or len(name) > 80:
        return False
    if not (any(c.isupper() or c.isdigit() for c in name) or _DOMAIN_RE.match(name) or _URL_RE.fullmatch(name)):
        return False
    openers = (cues or load_citation_cues()).name_openers
    first = words[0].strip(".,")
    acronym = len(first) >= 2 and first.isupper()   # "WHO", "IT": an acronym, not the function word
    if not acronym and (first.lower() in openers or words[0].lower() in openers):
        return False
    return not any(ch in name for ch in "()[]{}<>\n")


def _title_cased(name: str, cues: Cues) -> bool:
    """A name written without a comma before its dates: every word capitalised (or a number or a
    site address) except connecting words, and none of those last."""
    clean = _clean_name(name)
    words = clean.split()
    if not words or words[-1].lower() in cues.name_openers or clean[-1] in "-\u2013\u2014/":
        return False
    if _month_word_re(load_calendar()).search(clean):
        return False  # "(September 30–October 3)": a range of dates, not a name and a date
    return all(w[:1].isupper() or w[:1].isdigit() or _DOMAIN_RE.match(w) or w.lower() in cues.name_openers
               for w in words)


def _copy_dates(d: DateList) -> DateList:
    return DateList(dates=list(d.dates), years=list(d.years), months=list(d.months),
                    unresolved=list(d.unresolved), notes=list(d.notes), explicit=list(d.explicit))


def _date_run(text: str, a: int, segs: list[tuple[int, int]], i: int, reference_date, cues: Cues):
    """The longest date list starting at ``a`` (inside segment ``i``) and ending with a segment:
    (dates, index of its last segment, access date?) or None."""
    for j in range(len(segs) - 1, i - 1, -1):
        chunk = text[a:segs[j][1]].lstrip().lstrip(_QUOTE_CHARS)
        if chunk.startswith(","):
            return None  # an empty segment: a lost name, not the start of the dates
        accessed = False
        m = cues.access_re.match(chunk)
        if m:
            chunk, accessed = chunk[m.end():], True
        if not chunk or not any(c.isdigit() for c in chunk):
            continue
        dates = parse_date_list(chunk, reference_date)
        if dates is not None and dates.count:
            return dates, j, accessed
    return None


def _split_points(seg: str, calendar) -> list[int]:
    """Where dates may start inside one segment with no comma before them: at a month name
    ("EDM March 20") or after a title's closing mark ("Novel ‘X,’ 1999")."""
    points = [m.start() for m in _month_word_re(calendar).finditer(seg) if m.start() > 0 and seg[:m.start()].strip()]
    points += [m.end() for m in _QUOTED_COMMA_RE.finditer(seg)]
    return sorted(set(points))


#: a page reference inside a source: ", p. 12", ", pp.109-129"
_PAGES_RE = re.compile(r",[ \t]*pp?\.[ \t]*\d+(?:[ \t]*[-–][ \t]*\d+)?(?=[ \t]*(?:,|$))")


def _blank(s: str, a: int, b: int) -> str:
    """``s`` with s[a:b] made spaces: what is read there is gone, every offset stays."""
    return s[:a] + " " * (b - a) + s[b:]


def _parse_part(part: str, reference_date: _dt.date | None, cues: Cues | None = None) -> list[_Part] | None:
    """One ';'-separated piece as its sources (rules 2–5), or None when it is no source."""
    cues = cues or load_citation_cues()
    pages = _PAGES_RE.search(part)
    if pages:
        # "(, p.109-129, April 2018)": the pages of the source before them, no source of their own
        part = _blank(part, pages.start(), pages.end())
    w = cues.work_tail_re.search(part)
    if w is None or not part[:w.start()].strip():
        return _parse_source_part(part, reference_date, cues)
    found = _parse_source_part(_blank(part, w.start(), len(part)), reference_date, cues)
    if found is None or found[-1].name is None and found[-1].dates is None:
        return None
    found[-1].work = w.group("work")
    found[-1].notes += ("the part of the work cited after it: its work",)
    found[-1].raw = part.strip()
    return found


def _parse_source_part(part: str, reference_date: _dt.date | None, cues: Cues) -> list[_Part] | None:
    """``_parse_part`` without a closing "…, Part Two" (rules 2–5)."""
    raw = part.strip()
    lead = len(part) - len(part.lstrip())
    if not raw:
        return [_Part(None, False, None, "")]  # "(;, May 5)": a lost source with no dates
    text = raw
    see = False
    m = cues.see_re.match(text)
    if m:
        see = True
        text = text[m.end():].strip()
    m = cues.lead_re.match(text)
    if m and m.end() < len(text):
        text = text[m.end():]
    m = cues.medium_re.match(text)
    if m:
        text = text[m.end():]     # "see video on Outlet, May 5": the outlet is the source
    skip = lead + (len(raw) - len(text))  # where ``text`` starts within ``part``
    u = cues.undated_re.search(text)
    if u and u.start() > 0:
        # "(Outlet, undated)": the source says it has no date; a source with an empty date list
        name = _clean_name(text[:u.start()])
        if _looks_like_name(name, cues):
            return [_Part(name, see, DateList(notes=["undated"]), raw, notes=("the source is undated",))]
        return None
    if not any(c.isdigit() for c in text):
        name = _clean_name(text)
        if _looks_like_name(name, cues):
            return [_Part(name, see, None, raw)]  # a name without dates: accepted only in company (rule 3)
        return None
    whole = None if text.startswith(",") else parse_date_list(text, reference_date)
    if whole is not None and whole.count:
        return [_Part(None, see, whole, raw, dates_only=True)]
    calendar = load_calendar()
    segs = [(m0, m1) for m0, m1 in _segments(text)]
    out: list[_Part] = []
    pending: list[tuple[int, int]] = []   # name spans waiting for their dates
    i = 0
    while i < len(segs):
        a, b = segs[i]
        run = _date_run(text, a, segs, i, reference_date, cues) if pending else None
        notes: list[str] = []
        if run is None:
            for p in _split_points(text[a:b], calendar):
                run = _date_run(text, a + p, segs, i, reference_date, cues)
                if run is not None and not (_title_cased(text[a:a + p], cues) or _QUOTED_COMMA_RE.search(text[a:a + p] + " ")):
                    run = None  # "(a speech on May 9)": words before a date, not a name
                if run is not None:
                    pending.append((a, a + p))
                    notes.append("no comma before the dates" if not _QUOTED_COMMA_RE.search(text[a:a + p] + " ")
                                 else "dates after a quoted title")
                    break
        if run is None:
            pending.append((a, b))
            i += 1
            continue
        dates, j, accessed = run
        if not pending:
            return None  # dates with no name before them inside one piece
        group = _group(text, pending, dates, segs[j][1], accessed, see, notes, cues)
        if group is None:
            return None
        out += group
        pending = []
        i = j + 1
    if pending:
        if out:
            return None  # a name after the last dates: not a source list
        name = _clean_name(text)
        if _looks_like_name(name, cues):
            return [_Part(name, see, None, raw)]
        return None
    for p in out:
        p.start += skip
        p.end += skip
        p.name_end += skip
    out[0].see = see
    if len(out) == 1:
        out[0].raw = raw
        out[0].start = lead
    return out


def _segments(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _SEG_SPLIT_RE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _group(text: str, names: list[tuple[int, int]], dates: DateList, end: int, accessed: bool, see: bool,
           notes: list[str], cues: Cues) -> list[_Part] | None:
    """The sources of names that share one date list; a quoted title after a name is its work (a title
    closes with the comma inside its mark, "Novel ‘X,’ 1999"; a quoted name without one, "TV “Blue”", is a name)."""
    parts: list[_Part] = []
    for a, b in names:
        written = text[a:b].strip()
        name = _clean_name(written)
        if parts and parts[-1].name is not None and _QUOTED_COMMA_RE.search(written + " "):
            parts[-1].work = written.strip(", ").rstrip(",")
            parts[-1].notes += ("a quoted title after the name is its work",)
            continue
        if name and not _looks_like_name(name, cues):
            return None
        a0 = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        parts.append(_Part(name or None, False, _copy_dates(dates), text[a0:end].strip(), start=a0, end=end,
                           accessed=accessed, name_end=b, notes=tuple(notes)))
    for p in parts:
        if accessed:
            p.notes += ("an access date",)
        if len(parts) > 1:
            p.notes += ("names separated by ',' share the dates after them",)
    return parts or None


#: a site address run into the next one, the separator between them lost: "Site.ruT.me/channel"
_GLUED_SITE_RE = re.compile(r"(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?=[A-Z][\w-]*\.[a-z]{2,6}(?![a-z]))")


def _pieces(content: str) -> tuple[list[str], list[int]]:
    """The parts of a parenthesis and where each starts: split at ";", and between two site
    addresses run together (the first has no dates of its own, as if the lost separator was ";")."""
    pieces, starts, offset = [], [], 0
    for piece in content.split(";"):
        cut = 0
        for m in _GLUED_SITE_RE.finditer(piece):
            pieces.append(piece[cut:m.end()])
            starts.append(offset + cut)
            cut = m.end()
        pieces.append(piece[cut:])
        starts.append(offset + cut)
        offset += len(piece) + 1
    return pieces, starts


def parse_citation(content: str, reference_date: _dt.date | None = None,
                   registry: Registry | None = None, article_id: str | None = None) -> tuple[list[_Part], str] | None:
    """Parse the inside of one parenthesis: its sources and the rule that made it a citation, or None."""
    parts: list[_Part] = []
    notes: list[str] = []
    if "[" in content:
        masked = _MARKER_RE.sub(lambda m: " " * len(m.group()), content)
        if masked != content:
            notes.append("link markers '[1]' dropped")
            content = masked
    pieces, starts = _pieces(content)
    if len(pieces) > 1 and not pieces[-1].strip():
        pieces = pieces[:-1]  # a trailing ';' adds no source
    glued = len(starts) > len(content.split(";"))
    if glued:
        notes.append("two site addresses run together: the separator between them was lost")
    cues = load_citation_cues()
    semicolons = 0
    for piece, offset in zip(pieces, starts):
        found = _parse_part(piece, reference_date, cues)
        if found is None:
            return None
        lead = len(piece) - len(piece.lstrip())
        for part in found:
            if part.dates_only or len(found) == 1:
                part.start, part.end = offset + lead, offset + len(piece.rstrip())
                part.name_end = part.end
            else:
                part.start, part.end, part.name_end = offset + part.start, offset + part.end, offset + part.name_end
        if not piece.strip():
            part = found[0]
            part.start = part.end = part.name_end = offset
        part = found[0]
        if part.dates_only:
            if not parts or parts[-1].dates is None:
                return None  # dates with no source before them: an event's dates, not a citation
            prev = parts[-1].dates
            prev.dates += part.dates.dates
            prev.years += part.dates.years
            prev.months += part.dates.months
            prev.unresolved += part.dates.unresolved
            prev.explicit += part.dates.explicit
            prev.notes = sorted(set(prev.notes) | set(part.dates.notes))
            parts[-1].raw += "; " + part.raw
            parts[-1].end = part.end
            notes.append("dates after ';' belong to the source before them")
            continue
        semicolons += 1
        parts += found
    for p in parts:
        m = cues.work_in_re.fullmatch(p.name) if p.see and p.name else None
        if m and _looks_like_name(m.group("outlet"), cues):
            # "see Part One in EDM": the outlet is the source, the part its work
            p.name, p.work = m.group("outlet"), m.group("work")
            p.notes += ("a part of a work in an outlet: the outlet",)
    dated = [p for p in parts if p.dates is not None]
    if not dated:
        if len(parts) == 1 and parts[0].name and _URL_RE.fullmatch(parts[0].name):
            parts[0].url = parts[0].name
            return parts, "a web address as the whole citation, no dates"
        if len(parts) == 1 and parts[0].name and _BARE_SITE_RE.fullmatch(parts[0].name):
            return parts, "a site's address in lower case as the whole citation, no dates"
        # "see NAME" alone is a citation only for an outlet the registry knows
        if len(parts) == 1 and parts[0].see and registry is not None and registry.classify(parts[0].name, article_id):
            return parts, "'see' + registered outlet, no dates"
        return None
    reasons = []
    for p in parts:
        bits = ["'see'"] if p.see else []
        if p.name is None:
            bits.append("lost source: empty name before dates" if p.dates is not None else "lost source, no dates")
        else:
            bits.append("source")
        if p.dates is not None:
            n = p.dates.count
            bits.append(f"date list ({n} date{'s' if n != 1 else ''}"
                        + (": " + ", ".join(p.dates.notes) if p.dates.notes else "") + ")")
        elif p.name is not None:
            bits.append("no dates (beside a dated source)")
        bits += list(dict.fromkeys(p.notes))
        reasons.append(" + ".join(bits))
    rule = "; ".join(reasons)
    if len(parts) > 1:
        rule = (f"{len(parts)} sources separated by ';': " if semicolons == len(parts) and not glued else f"{len(parts)} sources: ") + rule
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


#: an acronym in parentheses inside an open parenthesis: "(Ministry of Foreign Affairs (MFA), May 5)"
_INNER_GLOSS_RE = re.compile(r"(?<=[\w.])[ \t]?\(([A-Z][A-Za-z0-9&.-]{1,11})\)(?=[^()]*\))")


def _mask_glosses(text: str) -> tuple[str, list[int]]:
    """Acronym glosses nested in a parenthesis blanked (offsets kept), so that the parenthesis
    around them can be read as a citation; returns the text and where each gloss was."""
    if text.count("(") < 2:
        return text, []
    out, where = text, []
    for m in _INNER_GLOSS_RE.finditer(text):
        if text.rfind("(", 0, m.start()) > text.rfind(")", 0, m.start()):   # inside a parenthesis still open
            out = _blank(out, m.start(), m.end())
            where.append(m.start())
    return out, where


def scan_text(text: str, reference_date: _dt.date | None = None, registry: Registry | None = None,
              article_id: str | None = None) -> list[Found]:
    """Every citation parenthesis in one paragraph's text (linear time, no nested parentheses).

    A Markdown link on a source name, ``([Regnum](https://…), October 3)``, counts as its
    text; the link target is kept as the source's ``url``.
    """
    masked, links = _mask_links(text)
    masked, glosses = _mask_glosses(masked)
    found = []
    for m in _PAREN_RE.finditer(masked):
        parsed = parse_citation(m.group(1), reference_date, registry, article_id)
        if parsed is None:
            continue
        parts, rule = parsed
        if glosses and any(m.start() < g < m.end() for g in glosses):
            rule += "; an acronym in parentheses inside it is part of its source's name"
            for part in parts:
                part.raw = text[m.start(1) + part.start:m.start(1) + part.end]  # as written, the acronym too
        if links:
            base = m.start(1)
            for part in parts:
                a, b = base + part.start, base + part.end
                name_end = base + max(part.name_end, part.start)
                inside = [(e, url) for s, e, url in links if a <= s < max(name_end, a + 1)]
                if inside:
                    b = max(b, max(e for e, _ in inside))
                    part.url = inside[0][1]
                part.raw = text[a:b]  # as written, link and all
        found.append(Found(m.start(), m.end(), m.group(1), parts, rule))
    return found


def extract_citations(article, registry: Registry | str | Path | None = None) -> Citations:
    """Every parenthetical citation in the article's body paragraphs, in text order.

    ``registry`` is a ``Registry``, the path of a registry file, or ``None`` for
    ``data/sources.yaml``. Each source is classified with it ("unclassified" if unknown,
    "lost" if its name was stripped); invented outlets of the registry's
    synthetic section count only for the articles they belong to. Yearless dates are resolved
    against the reference date of rule 6; the result (a ``Citations`` list) records it, and
    ``problems`` lists what could not be resolved (rule 7).
    """
    reg = _registry(registry)
    ref, basis = article.reference_basis()
    found = _scan_article(article, ref, reg)
    year_end = _dt.date(int(article.year), 12, 31) if article.year else None
    if ref is not None and not article.publication_date:
        # rule 6: never older than a date cited with its year (within the volume's year)
        explicit = [d for _, f in found for p in f.parts if p.dates for d in p.dates.explicit
                    if year_end is None or d <= year_end]
        latest = max(explicit, default=None)
        if latest is not None and latest > ref:
            ref, basis = latest, f"{basis}, raised to the latest date cited with its year ({latest.isoformat()})"
            found = _scan_article(article, ref, reg)
    text = article.text
    out = Citations(reference_date=ref, reference_basis=basis)
    for para, f in found:
        sentences = para.sentences
        starts = [s.start for s in sentences]
        start, end = para.start + f.start, para.start + f.end
        sentence = _sentence_for(sentences, starts, start, end, text)
        sources = [Source(name=p.name, dates=list(p.dates.dates) if p.dates else [], see=p.see,
                          category=_category(p.name, reg, article.id),
                          years=list(p.dates.years) if p.dates else [],
                          months=list(p.dates.months) if p.dates else [],
                          unresolved=list(p.dates.unresolved) if p.dates else [], raw=p.raw,
                          url=p.url, work=p.work, accessed=p.accessed)
                   for p in f.parts]
        cid = f"c{len(out) + 1}"
        problems = _problems(sources, ref, article)
        out.append(Citation(id=cid, paragraph=para.number,
                            sentence_id=sentence.id if sentence else f"p{para.number}.s1",
                            start=start, end=end, raw=text[start:end], sources=sources,
                            sentence=sentence.text if sentence else para.text, rule=f.rule, problems=problems))
        out.problems += [f"citation {cid} {text[start:end]} (paragraph {para.number}): {p}" for p in problems]
    return out


def _scan_article(article, ref: _dt.date | None, reg: Registry) -> list[tuple[Any, Found]]:
    return [(para, f) for para in article.paragraphs for f in scan_text(para.text, ref, reg, article.id)]


def _problems(sources: list[Source], ref: _dt.date | None, article) -> list[str]:
    """Rule 7: what a citation leaves unresolved, in words."""
    out = []
    for s in sources:
        label = s.name or "a lost source"
        if s.unresolved:
            out.append(f"{label}: the year of {', '.join(s.unresolved)} is unknown (no publication date, year or "
                       "volume rule): kept as written")
        late = [d for d in s.dates if ref is not None and d > ref]
        if late:
            what = "publication date" if article.publication_date else f"year {article.year}"
            out.append(f"{label}: {', '.join(d.isoformat() for d in late)} is after the article's {what}: "
                       "the metadata or the citation is wrong")
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
