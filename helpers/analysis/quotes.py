"""Quotations in an article, what kind each is (speech, title, term), who speaks, and
indirect attributions ("Omarov says this is …", "such observers believe …").

Rules only; the reporting cues are in ``data/lexicons/reporting_cues.yaml``. Speakers are
resolved through the actor table of ``helpers.analysis.actors`` (names, bare surnames and role
phrases such as "the Azerbaijani president"), from a reporting cue after the quotation
("…,” the Azerbaijani president asserted), before it in the same sentence ("X writes, “…”",
"X told … that Moscow is “…”"), a colon after a clause whose subject is a person, or the
quotation before it (a quotation continued after its speaker tag). Kinds: title after
"entitled"/"titled" or a named work or theme ("the theme … was “…”"); term for short
quotations with no cue ("so-called “…”"); speech otherwise. Every quotation and attribution
says which rule fired. Unbalanced quotation marks are reported in ``QuoteAnalysis.problems``.
Offsets are into ``Article.text``; a quotation's span covers its quotation marks.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError
from helpers.core.paths import lexicons_dir

KINDS = ("speech", "title", "term")


@dataclass
class Quote:
    id: str
    text: str                 # exactly what stands between the quotation marks
    kind: str                 # speech | title | term
    speaker: str | None       # canonical actor name (a vague source: its phrase, "critics in Moscow")
    cue: str | None           # the reporting cue or role phrase that gave the speaker
    rule: str                 # why it was classified so
    paragraph: int
    sentence_id: str
    start: int                # offsets into Article.text, covering the quotation marks
    end: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Attribution:
    id: str
    source: str               # canonical actor name, or the phrase ("some in Baku")
    vague: bool
    cue: str
    content: str
    paragraph: int
    sentence_id: str
    start: int
    end: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class QuoteAnalysis:
    quotes: list[Quote]
    attributions: list[Attribution]
    problems: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"quotes": [q.to_dict() for q in self.quotes],
                "attributions": [a.to_dict() for a in self.attributions],
                "problems": list(self.problems)}


# -- the lexicon -------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ReportingCues:
    verb_re: re.Pattern            # any reporting verb form
    verb_forms: dict[str, dict]    # form -> {"form": headword, "that": bool, "object": bool}
    after_re: re.Pattern           # "according to" …
    title_verb_re: re.Pattern
    title_noun_re: re.Pattern
    vague_re: re.Pattern           # anchored at the end of a text


def _alt(forms) -> str:
    from helpers.analysis.actors import trie_pattern

    return trie_pattern([f.lower() for f in forms])


@functools.lru_cache(maxsize=4)
def load_reporting_cues(path: str | None = None) -> ReportingCues:
    """Read ``data/lexicons/reporting_cues.yaml`` (or ``path``)."""
    from helpers.core.yamlio import load_yaml_mapping

    p = Path(path) if path else lexicons_dir() / "reporting_cues.yaml"
    if not p.exists():
        raise CourseInputError(p, "reporting cue lexicon not found", "restore it from the repository")
    d = load_yaml_mapping(p, what="reporting cue lexicon")
    forms: dict[str, dict] = {}
    for i, v in enumerate(d.get("verbs") or [], start=1):
        if not isinstance(v, dict) or "form" not in v:
            raise CourseInputError(p, f"verb {i} has no 'form'", "write '- {form: say, forms: [say, says, said]}'")
        for f in v.get("forms") or [v["form"]]:
            forms[str(f).lower()] = {"form": str(v["form"]), "that": bool(v.get("that")),
                                     "object": bool(v.get("object"))}
    if not forms:
        raise CourseInputError(p, "lists no reporting verbs", "add entries under 'verbs:'")
    phrases = [str(x["form"]) for x in d.get("phrases") or [] if x.get("speaker_after")]
    tc = d.get("title_cues") or {}
    vague = d.get("vague_sources") or []
    try:
        vague_re = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{v})" for v in vague) + r")$") \
            if vague else re.compile(r"(?!x)x")
    except re.error as exc:
        raise CourseInputError(p, f"a vague_sources pattern is not a valid regular expression ({exc})",
                               "fix the pattern") from None
    return ReportingCues(
        verb_re=re.compile(rf"(?<![\w-])(?:{_alt(forms)})(?![\w-])", re.IGNORECASE),
        verb_forms=forms,
        after_re=re.compile(rf"(?<![\w-])(?:{_alt(phrases)})(?![\w-])", re.IGNORECASE) if phrases else re.compile(r"(?!x)x"),
        title_verb_re=re.compile(rf"(?<![\w-])(?P<cue>{_alt(tc.get('verbs') or ['entitled'])})\s*[,:]?\s*$", re.IGNORECASE),
        title_noun_re=re.compile(
            rf"(?<![\w-])(?P<cue>{_alt(tc.get('nouns') or ['theme'])})\b(?:[^“”\".;]{{0,80}}?\b(?:was|is|were|are|as|of))?\s*[,:]?\s*$",
            re.IGNORECASE),
        vague_re=vague_re,
    )


# -- finding quotation marks -------------------------------------------------------------------

def _pairs(text: str, a: int, b: int, pnum: int, problems: list[str]) -> list[tuple[int, int]]:
    """Balanced quotation spans (start of the opening mark, end of the closing mark) in text[a:b]."""
    spans = []
    open_curly = None
    open_straight = None
    for m in re.finditer(r"[“”\"]", text[a:b]):
        ch, i = m.group(0), a + m.start()
        if ch == "“":
            if open_curly is not None:
                problems.append(f"paragraph {pnum}: an opening “ at character {open_curly} is not closed "
                                f"before the next “ at character {i}")
            open_curly = i
        elif ch == "”":
            if open_curly is None:
                problems.append(f"paragraph {pnum}: a closing ” at character {i} has no opening “")
            else:
                spans.append((open_curly, i + 1))
                open_curly = None
        else:
            if open_straight is None:
                open_straight = i
            else:
                spans.append((open_straight, i + 1))
                open_straight = None
    if open_curly is not None:
        problems.append(f"paragraph {pnum}: an opening “ at character {open_curly} is never closed")
    if open_straight is not None:
        problems.append(f'paragraph {pnum}: a straight " at character {open_straight} is never closed')
    spans.sort()
    # a span inside another (nested straight quotes in curly ones) is part of the outer one
    out = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


_GAP = (r"(?:\s*,[^,“”\"]{1,40},)?(?:\s+(?:\w+ly|further|also|then|again|even|now|later|still|too|have|has|had|"
        r"been|is|are|was|were|will|would|to|did|does|do|not|never|once|first|in\s+turn))*\s*")
_GAP_END_RE = re.compile(_GAP + r"$")
# a reported clause without "that": "believe the project is …", "says this is …", "expect Russia to answer"
_CLAUSE_RE = re.compile(
    r"\s+(?:(?:he|she|they|it|this|these|there|we|I)\s+\w|"
    r"(?!(?:to|in|of|about|for|with|on|at|by|from|into|over|reporters|journalists)\b)"
    r"(?:[\w’'-]+\s+){1,6}?(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|"
    r"does|did|do|to\s+[a-z]+|(?:[a-z]+[^s\W]s|[a-z]+ed)(?=\s+[\w“\"]))\b(?!\s+(?:of|and|or)\b))")
_APPOSITIVE_END_RE = re.compile(r",\s+(?:a|an|the)\s+[^,;“”\"]{1,120},\s*$")
_VIEW_RE = re.compile(r"(?<![\w-])[Ii]n\s+(?P<who>their|his|her)\s+(?:view|opinion|words|reading|eyes)\b")
_PRONOUN_END_RE = re.compile(r"(?<![\w-])(?P<p>[Hh]e|[Ss]he)$")


class _Speakers:
    """Finds who is the subject of a reporting verb, through the actor mentions."""

    def __init__(self, text: str, actors, cues: ReportingCues):
        self.text = text
        self.cues = cues
        ms = []
        for a in actors.actors:
            for m in a.mentions:
                ms.append((m.start, m.end, a.name, a.type, m.text, m.how))
        ms.sort()
        self.ms = ms
        self.ends = {}
        self.starts = {}
        for x in ms:
            self.ends.setdefault(x[1], x)
            self.starts.setdefault(x[0], x)
        self.person_starts = [x[0] for x in ms if x[3] == "person"]
        self.persons = [x for x in ms if x[3] == "person"]

    def last_person_before(self, offset: int):
        i = bisect.bisect_left(self.person_starts, offset) - 1
        return self.persons[i] if i >= 0 else None

    def subject_ending(self, end: int, lo: int) -> dict | None:
        """The subject (mention, vague phrase or pronoun) that ends right before ``end``."""
        pre = self.text[max(lo, end - 160):end]
        g = _GAP_END_RE.search(pre)
        cut = end - (len(g.group(0)) if g else 0)
        cuts = [cut, end]
        ap = _APPOSITIVE_END_RE.search(self.text, max(lo, cut - 160), cut)
        if ap:                        # "Jonas Berg, a shipping analyst at the NFI (NFI), estimates"
            cuts.insert(0, ap.start())
        for c in cuts:
            x = self.ends.get(c)
            if x is None and self.text[max(0, c - 2):c] in ("’s", "'s"):
                x = None
            if x is not None and x[0] >= lo:
                return {"name": x[2], "phrase": x[4], "vague": False, "how": x[5], "start": x[0]}
            head = self.text[max(lo, c - 80):c]
            v = self.cues.vague_re.search(head)
            if v:
                return {"name": v.group(0), "phrase": v.group(0), "vague": True, "how": "vague",
                        "start": c - len(head) + v.start()}
            pm = _PRONOUN_END_RE.search(head)
            if pm:
                p = self.last_person_before(c - len(head) + pm.start())
                if p:
                    return {"name": p[2], "phrase": pm.group("p"), "vague": False, "how": "pronoun",
                            "start": c - len(head) + pm.start()}
        return None

    def first_mention(self, lo: int, hi: int, prefer: str = "person") -> dict | None:
        inside = [x for x in self.ms if lo <= x[0] and x[1] <= hi]
        pick = [x for x in inside if x[3] == prefer] or inside
        if not pick:
            return None
        x = pick[0]
        return {"name": x[2], "phrase": x[4], "vague": False, "how": x[5], "end": x[1], "start": x[0]}

    def subject_starting(self, start: int, hi: int) -> dict | None:
        x = self.starts.get(start)
        if x is not None and x[1] <= hi:
            return {"name": x[2], "phrase": x[4], "vague": False, "how": x[5], "end": x[1], "start": x[0]}
        m = re.match(r"(?P<p>he|she)\b", self.text[start:hi])
        if m:
            p = self.last_person_before(start)
            if p:
                return {"name": p[2], "phrase": m.group("p"), "vague": False, "how": "pronoun",
                        "end": start + m.end(), "start": start}
        return None


def extract_quotes(article, actors=None, *, nlp=None) -> QuoteAnalysis:
    """All quotations of ``article`` with kind, speaker and rule, indirect attributions, and problems.

    ``actors`` is an ``ActorAnalysis`` (computed here when not given).
    """
    from helpers.analysis.actors import extract_actors

    if actors is None:
        actors = extract_actors(article, nlp=nlp)
    cues = load_reporting_cues()
    text = article.text
    problems: list[str] = []
    sp = _Speakers(text, actors, cues)
    quotes: list[Quote] = []
    spans_all: list[tuple[int, int]] = []
    for p in article.paragraphs:
        spans = _pairs(text, p.start, p.end, p.number, problems)
        spans_all.extend(spans)
        prev: Quote | None = None
        prev_end = p.start
        starts = [x.start for x in p.sentences]
        for s, e in spans:
            if not text[s + 1:e - 1].strip():
                continue              # "" with nothing inside quotes nothing
            sent = _sentence(p, s, starts)
            q = _classify(text, s, e, sent, p, prev, prev_end, sp, cues)
            q.id = f"q{len(quotes) + 1}"
            quotes.append(q)
            if q.kind == "speech" and q.speaker is None:
                problems.append(f"{q.id} (paragraph {p.number}): a quotation with no speaker found")
            prev, prev_end = q, e
    attributions = _attributions(article, sp, cues, spans_all)
    return QuoteAnalysis(quotes=quotes, attributions=attributions, problems=problems)


def _sentence(p, offset: int, starts: list[int]):
    if not p.sentences:
        return None
    i = bisect.bisect_right(starts, offset) - 1
    return p.sentences[max(i, 0)]


def _clean(inner: str) -> str:
    return inner.strip()


def _words(s: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][\w’'\[\]-]*", s)


def _title_case(s: str) -> bool:
    words = [w for w in _words(s) if len(w) > 3]
    return len(words) >= 1 and sum(w[0].isupper() for w in words) / len(words) >= 0.6 and s[:1].isupper()


def _classify(text, s, e, sent, p, prev, prev_end, sp: _Speakers, cues: ReportingCues) -> Quote:
    inner = _clean(text[s + 1:e - 1])
    sid = sent.id if sent else f"p{p.number}.s1"
    lo = max(sent.start if sent else p.start, prev_end)
    hi = sent.end if sent else p.end
    before = text[lo:s]
    base = dict(id="", text=inner, paragraph=p.number, sentence_id=sid, start=s, end=e)
    nwords = len(_words(inner))

    if re.search(r"(?<![\w-])so-called\s*$", before, re.IGNORECASE):
        return Quote(kind="term", speaker=None, cue="so-called", rule="term: after 'so-called'", **base)
    # titles: "a piece entitled “…”", "the theme … was “…”"
    tv = cues.title_verb_re.search(before)
    if tv:
        kind = "title" if (tv.group("cue").lower() in ("entitled", "titled", "headlined") or _title_case(inner)) else "term"
        return Quote(kind=kind, speaker=None, cue=tv.group("cue"),
                     rule=f"{kind}: after '{tv.group('cue')}'", **base)
    tn = cues.title_noun_re.search(before[-120:])
    if tn and (_title_case(inner) or nwords <= 8):
        return Quote(kind="title", speaker=None, cue=tn.group("cue"),
                     rule=f"title: names a {tn.group('cue').lower()} ('{' '.join(tn.group(0).split())}')", **base)

    # speech: a reporting cue after the quotation ("…,” the Azerbaijani president asserted)
    found = _cue_after(text, e, hi, sp, cues)
    if found:
        who, cue = found
        return Quote(kind="speech", speaker=who["name"], cue=cue,
                     rule=f"speech: '{cue}' after the quotation, speaker from '{who['phrase']}' ({who['how']})", **base)
    # … or before it in the same sentence ("X writes, “…”", "X told … that Moscow is “…”")
    found = _cue_before(text, lo, s, sp, cues)
    if found:
        who, cue, dist = found
        if nwords <= 3 and dist > 40 and not _title_case(inner):
            return Quote(kind="term", speaker=None, cue=None,
                         rule=f"term: {nwords} word(s), the reporting cue '{cue}' is not next to it", **base)
        return Quote(kind="speech", speaker=who["name"], cue=cue,
                     rule=f"speech: '{cue}' before the quotation, speaker from '{who['phrase']}' ({who['how']})", **base)
    # "X put it plainly: “…”": a colon after a clause whose subject is a person
    if before.rstrip().endswith(":"):
        who = sp.first_mention(lo, s, prefer="person")
        if who:
            return Quote(kind="speech", speaker=who["name"], cue=":",
                         rule=f"speech: after a colon, speaker the subject '{who['phrase']}' ({who['how']})", **base)
    # a quotation that continues the one before it keeps its speaker
    if prev is not None and prev.kind == "speech" and prev.speaker:
        between = text[prev_end:s]
        if not between.strip(" \t\n,.;:—–"):
            return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                         rule=f"speech: continues {prev.id} (same speaker)", **base)
        # “…,” she said. “…” — only the previous quotation's own tag stands between
        others = {x[2] for x in sp.ms if prev_end <= x[0] and x[1] <= s} - {prev.speaker}
        if len(between) <= 80 and not others and prev.cue and prev.cue in between and nwords >= 3:
            return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                         rule=f"speech: continues {prev.id} after its speaker tag (same speaker)", **base)
    if nwords <= 4:
        return Quote(kind="term", speaker=None, cue=None,
                     rule=f"term: {nwords} word(s) in quotation marks with no reporting cue", **base)
    if _title_case(inner):
        return Quote(kind="title", speaker=None, cue=None, rule="title: capitalised like a title, no reporting cue", **base)
    return Quote(kind="speech", speaker=None, cue=None,
                 rule="speech: a quoted statement, but no reporting cue or speaker found", **base)


def _cue_after(text, e, hi, sp: _Speakers, cues: ReportingCues):
    m = re.match(r"[\s,.!?—–]*", text[e:hi])
    pos = e + m.end()
    # "… ,” the Azerbaijani president asserted" / "…,” he said"
    who = sp.subject_starting(pos, hi)
    if who is None:
        v = re.match(r"(?:(?:some|many|such|other|most)\s+)?[a-z]+s\b", text[pos:hi])
        if v and cues.vague_re.search(v.group(0)):
            who = {"name": v.group(0), "phrase": v.group(0), "vague": True, "how": "vague", "end": pos + v.end()}
    if who is not None:
        vm = re.match(_GAP + r"(?P<verb>" + cues.verb_re.pattern + ")", text[who["end"]:hi], re.IGNORECASE)
        if vm:
            return who, vm.group("verb")
    # a longer subject phrase: "…,” European Commission President Ursula von der Leyen said
    lm = re.match(r"[^,.;:!?“”\"()]{1,100}?\s(?=(?:\w+ly\s+)?(?:" + cues.verb_re.pattern + r"))", text[pos:hi],
                  re.IGNORECASE)
    if lm:
        vpos = pos + lm.end()
        who = sp.subject_ending(vpos, pos)
        vm = re.match(r"(?:\w+ly\s+)?(?P<verb>" + cues.verb_re.pattern + ")", text[vpos:hi], re.IGNORECASE)
        if who and vm:
            return who, vm.group("verb")
    # inverted: "…,” said Aliyev / said Foreign Minister Aino Virtanen
    vm = re.match(r"(?P<verb>" + cues.verb_re.pattern + r")\s+", text[pos:hi], re.IGNORECASE)
    if vm:
        q = pos + vm.end()
        for k in range(q, min(hi, q + 60)):
            who = sp.subject_starting(k, hi)
            if who and re.fullmatch(r"(?:(?:[Tt]he|[A-Z][\w.-]*|[a-z]+)\s+)*", text[q:k]):
                return who, vm.group("verb")
    am = re.match(r"(?P<cue>" + cues.after_re.pattern + r")\s+", text[pos:hi], re.IGNORECASE)
    if am:
        who = sp.subject_starting(pos + am.end(), hi)
        if who:
            return who, am.group("cue")
    return None


def _cue_before(text, lo, s, sp: _Speakers, cues: ReportingCues):
    best = None
    for vm in cues.verb_re.finditer(text, lo, s):
        who = sp.subject_ending(vm.start(), lo)
        if who is None:
            continue
        between = text[vm.end():s]
        if re.search(r"[.!?]\s", between):
            continue
        best = (who, vm.group(0), len(between.strip()))
    for am in cues.after_re.finditer(text, lo, s):
        pos = am.end() + len(text[am.end():s]) - len(text[am.end():s].lstrip())
        who = sp.subject_starting(pos, s)
        if who:
            best = (who, am.group(0), len(text[who["end"]:s].strip()))
    return best


# -- indirect attribution ----------------------------------------------------------------------

def _attributions(article, sp: _Speakers, cues: ReportingCues, quote_spans) -> list[Attribution]:
    text = article.text
    out: list[Attribution] = []
    seen: set[int] = set()
    qstarts = sorted(s for s, _ in quote_spans)

    def in_quote(i: int) -> bool:
        k = bisect.bisect_right(qstarts, i) - 1
        return k >= 0 and quote_spans_sorted[k][0] <= i < quote_spans_sorted[k][1]

    quote_spans_sorted = sorted(quote_spans)
    for sent in article.iter_sentences():
        a, b = sent.start, sent.end
        # "in their view, …": the claim belongs to the source of the attribution before
        for vm in _VIEW_RE.finditer(text, a, b):
            if in_quote(vm.start()):
                continue
            earlier = [x for x in out[-3:] if x.start < vm.start() and sent.paragraph - x.paragraph <= 1]
            if vm.group("who").lower() in ("his", "her"):
                p = sp.last_person_before(vm.start())
                src = {"name": p[2], "vague": False} if p else None
            else:
                src = {"name": earlier[-1].source, "vague": earlier[-1].vague} if earlier else None
            if src is None:
                continue
            content = (text[a:vm.start()].rstrip(" ,") + " " + text[vm.end():b].lstrip(" ,")).strip()
            out.append(Attribution(id=f"a{len(out) + 1}", source=src["name"], vague=src["vague"],
                                   cue=" ".join(vm.group(0).split()), content=content, paragraph=sent.paragraph,
                                   sentence_id=sent.id, start=vm.start(), end=b,
                                   rule=f"'{vm.group(0)}' refers back to '{src['name']}'"))
        # "According to Peskov, …" / "…, according to some observers."
        for am in cues.after_re.finditer(text, a, b):
            if in_quote(am.start()):
                continue
            pos = am.end() + len(text[am.end():b]) - len(text[am.end():b].lstrip())
            who = sp.subject_starting(pos, b)
            if who is None:
                phrase = re.match(r"[^,.;:()“”\"]{1,80}", text[pos:b])
                v = cues.vague_re.search(phrase.group(0).rstrip()) if phrase else None
                if v and v.start() == 0:
                    who = {"name": v.group(0), "phrase": v.group(0), "vague": True, "how": "vague",
                           "end": pos + v.end()}
            if who is None:
                continue
            head, tail = text[a:am.start()].rstrip(" ,"), text[who["end"]:b].lstrip(" ,")
            content = (head + ("" if tail[:1] in ".;:!?" else " ") + tail).strip()
            if not content or content[:1] in "“\"":
                continue
            out.append(Attribution(id=f"a{len(out) + 1}", source=who["name"], vague=bool(who["vague"]),
                                   cue=" ".join(am.group(0).split()), content=content, paragraph=sent.paragraph,
                                   sentence_id=sent.id, start=am.start(), end=b,
                                   rule=f"'{' '.join(am.group(0).split())} {who['phrase']}'"))
        for vm in cues.verb_re.finditer(text, a, b):
            if in_quote(vm.start()) or vm.start() in seen:
                continue
            verb = vm.group(0)
            info = cues.verb_forms.get(" ".join(verb.lower().split()), {})
            rest = text[vm.end():b]
            # parenthetical tag: "…, the Azerbaijani leader said, because …" / "…, Omarov implies, all …"
            who = sp.subject_ending(vm.start(), a)
            if who is None:
                continue
            subj_start = who.get("start", vm.start())
            tag = re.match(r"\s*,", rest)
            pre_comma = text[a:subj_start].rstrip().endswith(",")
            content = None
            rule = None
            if tag and pre_comma:
                head = text[a:subj_start].rstrip().rstrip(",")
                tail = rest[tag.end():].strip()
                content = (head + (", " if head and tail else "") + tail).strip()
                rule = f"parenthetical tag ', {who['phrase']} {verb},'"
            else:
                m = re.match(r"(?P<obj>\s+(?!that\b)[^,.;:“”\"]{1,80}?)?\s+that\b\s*,?\s*", rest)
                if m and (m.group("obj") is None or info.get("object") or info.get("that")):
                    content = rest[m.end():].strip()
                    rule = f"'{verb} … that' after '{who['phrase']}'"
                elif info.get("that") and _CLAUSE_RE.match(rest) and not re.match(r"\s*[,:]?\s*[“\"]", rest):
                    content = rest.strip()
                    rule = f"'{verb}' + reported clause after '{who['phrase']}'"
                elif not info.get("that") and re.match(r"\s+\w", rest) and who["vague"]:
                    content = rest.strip()
                    rule = f"'{verb}' after a vague source '{who['phrase']}'"
            if not content or content[:1] in "“\"":
                continue
            seen.add(vm.start())
            start = min(subj_start, vm.start())
            out.append(Attribution(id=f"a{len(out) + 1}", source=who["name"], vague=bool(who["vague"]), cue=verb,
                                   content=content.rstrip(), paragraph=sent.paragraph, sentence_id=sent.id,
                                   start=start, end=b, rule=rule))
    return out


# -- scoring against an answer key -------------------------------------------------------------

def _norm_quote(s: str) -> str:
    return " ".join(str(s).split()).strip().rstrip(",.;:").strip().casefold()


def score_quotes(analysis: QuoteAnalysis, key: dict) -> dict[str, Any]:
    """Compare with an answer key (``key/quotes.yaml`` as a dict).

    Quotations match on paragraph and text (white space and a trailing ``,.;:`` ignored).
    ``speaker_accuracy`` is over the key's speech quotations (a missed one counts as wrong);
    vague attributions match on paragraph and source (case ignored).
    """
    wanted = key.get("quotes") or []
    taken: set[str] = set()
    matched, missed, wrong_kind, wrong_speaker = 0, [], [], []
    speech = [k for k in wanted if k.get("kind") == "speech"]
    speech_ok = 0
    for k in wanted:
        q = next((q for q in analysis.quotes if q.id not in taken and q.paragraph == k.get("paragraph", q.paragraph)
                  and _norm_quote(q.text) == _norm_quote(k["text"])), None)
        if q is None:
            missed.append(k.get("id") or k["text"][:40])
            continue
        taken.add(q.id)
        matched += 1
        if q.kind != k.get("kind"):
            wrong_kind.append(f"{q.id}: {q.kind} (key: {k.get('kind')})")
        if k.get("kind") == "speech":
            if _fold_name(q.speaker) == _fold_name(k.get("speaker")):
                speech_ok += 1
            else:
                wrong_speaker.append(f"{q.id}: {q.speaker} (key: {k.get('speaker')})")
    vague_key = [a for a in key.get("attributions") or [] if a.get("vague", True)]
    vague_got = [a for a in analysis.attributions if a.vague]
    used: set[str] = set()
    vague_hits = 0
    for k in vague_key:
        a = next((a for a in vague_got if a.id not in used and a.paragraph == k.get("paragraph", a.paragraph)
                  and _fold_name(a.source) == _fold_name(k.get("source"))), None)
        if a is not None:
            used.add(a.id)
            vague_hits += 1
    n = len(wanted)
    return {
        "recall": matched / n if n else 1.0,
        "precision": matched / len(analysis.quotes) if analysis.quotes else 1.0,
        "kind_accuracy": (matched - len(wrong_kind)) / matched if matched else 1.0,
        "speaker_accuracy": speech_ok / len(speech) if speech else 1.0,
        "vague_recall": vague_hits / len(vague_key) if vague_key else 1.0,
        "vague_precision": vague_hits / len(vague_got) if vague_got else 1.0,
        "missed": missed, "wrong_kind": wrong_kind, "wrong_speaker": wrong_speaker,
    }


def _fold_name(s) -> str | None:
    return None if s is None else " ".join(str(s).split()).casefold()
