"""Quotation marks and what stands between them: balanced pairs, then each quotation's kind
(speech, title, term), speaker and the rule that decided."""

from __future__ import annotations

import bisect
import functools
import re

from helpers.analysis.actors import extract_actors
from helpers.analysis.actors.cues import load_actor_cues
from helpers.analysis.citations import parse_citation
from helpers.analysis.quotes.attributions import find_attributions
from helpers.analysis.quotes.model import Quote, QuoteAnalysis
from helpers.analysis.quotes.speakers import GAP, UNNAMED_PERSON, Speakers
from helpers.analysis.reporting import ReportingCues, load_reporting_cues


def extract_quotes(article, actors=None, *, nlp=None) -> QuoteAnalysis:
    """All quotations of ``article`` with kind, speaker and rule, indirect attributions, and problems.

    ``actors`` is an ``ActorAnalysis`` (computed here when not given).
    """
    if actors is None:
        actors = extract_actors(article, nlp=nlp)
    cues = load_reporting_cues()
    text = article.text
    problems: list[str] = []
    acues = load_actor_cues()
    sp = Speakers(text, actors, cues, roles={w for w in acues.roles if " " not in w},
                  feminine={a.name for a in actors.actors if a.type == "person" and _feminine(a.name, acues)},
                  state_bodies=acues.state_bodies)
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
    attributions = find_attributions(article, sp, cues, spans_all)
    return QuoteAnalysis(quotes=quotes, attributions=attributions, problems=problems)


def _feminine(name: str, acues) -> bool:
    """Whether a person's name is a woman's: a feminine given name, or a surname's feminine ending
    (``feminine_given_names`` and ``feminine_surname_endings`` of the actor cue lexicon)."""
    words = name.split()
    return (words[0] in acues.feminine_given_names
            or (len(words) >= 2 and words[-1].lower().endswith(acues.feminine_surname_endings)))


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


@functools.lru_cache(maxsize=8)
def _compiled(cues: ReportingCues) -> dict[str, re.Pattern]:
    """The patterns built from the cue lexicon, compiled once per lexicon."""
    verb, after, outlet = cues.verb_re.pattern, cues.after_re.pattern, cues.outlet_noun_re.pattern
    src = {"outlet_end": rf"(?:{outlet})\s*$", "lead": rf"\s*(?P<cue>{after})\s+",
           "subj_verb": rf"(?P<subj>[^,.;:!?“”\"()]{{1,60}}?)\s+(?:\w+ly\s+)?(?P<verb>{verb})",
           "gap_verb": GAP + rf"(?P<verb>{verb})",
           "long_subject": rf"[^,.;:!?“”\"()]{{1,100}}?\s(?=(?:\w+ly\s+)?(?:{verb}))",
           "adv_verb": rf"(?:\w+ly\s+)?(?P<verb>{verb})", "verb_space": rf"(?P<verb>{verb})\s+",
           "cue_space": rf"(?P<cue>{after})\s+"}
    return {k: re.compile(v, re.IGNORECASE) for k, v in src.items()}


def _rx(cues: ReportingCues, name: str) -> re.Pattern:
    return _compiled(cues)[name]


def _sentence(p, offset: int, starts: list[int]):
    if not p.sentences:
        return None
    i = bisect.bisect_right(starts, offset) - 1
    return p.sentences[max(i, 0)]


def verb_matches(text: str, lo: int, hi: int, cues: ReportingCues):
    """The reporting verbs in text[lo:hi], without the capitalised ones inside a sentence: "State"
    in "the US State Department" is part of a name, not the verb "state"."""
    for vm in cues.verb_re.finditer(text, lo, hi):
        if vm.group(0)[:1].isupper() and text[max(0, vm.start() - 3):vm.start()].strip(" \t“\"‘(")[-1:] not in ("", ".", "!", "?", ":", "\n"):
            continue
        yield vm


def _words(s: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][\w’'\[\]-]*", s)


def _title_case(s: str) -> bool:
    words = [w for w in _words(s) if len(w) > 3]
    return len(words) >= 1 and sum(w[0].isupper() for w in words) / len(words) >= 0.6 and s[:1].isupper()


# -- one quotation -----------------------------------------------------------------------------

def _classify(text, s, e, sent, p, prev, prev_end, sp: Speakers, cues: ReportingCues) -> Quote:
    inner = text[s + 1:e - 1].strip()
    sid = sent.id if sent else f"p{p.number}.s1"
    slo = sent.start if sent else p.start
    lo = max(slo, prev_end)
    hi = sent.end if sent else p.end
    before = text[lo:s]
    base = dict(id="", text=inner, paragraph=p.number, sentence_id=sid, start=s, end=e)
    nwords = len(_words(inner))
    return (_named_work(before, inner, nwords, cues, base)
            or _outlet_name(text, s, e, slo, sp, cues, base)
            or _spoken(text, s, e, slo, lo, hi, before, inner, nwords, prev, prev_end, sp, cues, base)
            or _according_scope(text, s, slo, hi, sp, cues, base)
            or _continued(text, s, inner, nwords, prev, prev_end, p, sp, base)
            or _after_according(text, s, inner, nwords, p, sent, sp, cues, base)
            or _unresolved(text, s, e, lo, hi, nwords, sp, cues, base)
            or _after_reported_clause(text, s, slo, inner, nwords, p, sent, sp, cues, base)
            or _cited_after(text, s, e, slo, hi, inner, nwords, sp, cues, base)
            or _sentence_subject(text, s, slo, sp, cues, base)
            or _unattributed(inner, nwords, base))


def _named_work(before: str, inner: str, nwords: int, cues: ReportingCues, base: dict) -> Quote | None:
    """Q1: a term after "so-called"; a title after "entitled", "titled" … or after a named work or
    theme ("a piece entitled “…”", "the theme … was “…”")."""
    if re.search(r"(?<![\w-])so-called\s*$", before, re.IGNORECASE):
        return Quote(kind="term", speaker=None, cue="so-called", rule="term: after 'so-called'", **base)
    tv = cues.title_verb_re.search(before)
    if tv:
        kind = "title" if (tv.group("cue").lower() in ("entitled", "titled", "headlined") or _title_case(inner)) else "term"
        return Quote(kind=kind, speaker=None, cue=tv.group("cue"),
                     rule=f"{kind}: after '{tv.group('cue')}'", **base)
    tn = cues.title_noun_re.search(before[-120:])
    if tn and (_title_case(inner) or nwords <= 8):
        return Quote(kind="title", speaker=None, cue=tn.group("cue"),
                     rule=f"title: names a {tn.group('cue').lower()} ('{' '.join(tn.group(0).split())}')", **base)
    return None


def _spoken(text, s, e, slo, lo, hi, before, inner, nwords, prev, prev_end, sp: Speakers, cues: ReportingCues,
            base: dict) -> Quote | None:
    """Speech with a speaker: a reporting cue after (Q3) or before it (Q4), a colon after a
    person's clause (Q5), or the speech it continues (Q7)."""
    # speech: a reporting cue after the quotation (Q3) ("…,” the Azerbaijani president asserted)
    found = _cue_after(text, e, hi, sp, cues)
    if found:
        who, cue = found
        return Quote(kind="speech", speaker=who["name"], cue=cue,
                     rule=f"speech: '{cue}' after the quotation, speaker from '{who['phrase']}' ({who['how']})", **base)
    # Q7d: a participle of a reporting verb after the previous quotation of the sentence ("…, adding
    # that …", "and arguing that …"): its subject is that quotation's speaker, whoever is named between
    if prev is not None and prev.kind == "speech" and prev.speaker and prev.sentence_id == base["sentence_id"]:
        part = _participle_between(text, prev_end, s, cues)
        if part:
            return Quote(kind="speech", speaker=prev.speaker, cue=part,
                         rule=f"speech: after '{part}', a participle that continues {prev.id} (same speaker)", **base)
    # Q4q: "X quotes Y as saying, “…”": Y speaks, not the writer who quotes
    qm = _QUOTES_AS_RE.search(text, lo, s)
    if qm:
        who = sp.last_mention(qm.start("obj"), qm.end("obj"))
        if who:
            return Quote(kind="speech", speaker=who["name"], cue=" ".join(qm.group("cue").split()),
                         rule=f"speech: '{' '.join(qm.group('cue').split())} … as saying' before it, speaker its "
                              f"object '{who['phrase']}' ({who['how']})", **base)
    # … or before it in the same sentence (Q4: "X writes, “…”", "X told … that Moscow is “…”")
    found = _cue_before(text, lo, s, sp, cues, slo)
    if found:
        who, cue, dist, scoped = found
        if scoped and who.get("vague"):       # "Sources have also stated that … “…”": nobody named (Q9)
            return Quote(kind="speech", speaker=None, cue=cue,
                         rule=f"speech: in the reported clause of '{cue}' before it, speaker unresolved: its "
                              f"subject '{who['phrase']}' is a vague source", **base)
        if scoped:   # inside the verb's reported clause, or what a naming verb calls its object
            return Quote(kind="speech", speaker=who["name"], cue=cue,
                         rule=f"speech: in the reported clause of '{cue}' before it, speaker from "
                              f"'{who['phrase']}' ({who['how']})", **base)
        if nwords <= 3 and dist > 40 and not _title_case(inner):
            scoped = _according_scope(text, s, slo, hi, sp, cues, base)
            if scoped:
                return scoped
            return Quote(kind="term", speaker=None, cue=None,
                         rule=f"term: {nwords} word(s), the reporting cue '{cue}' is not next to it", **base)
        return Quote(kind="speech", speaker=who["name"], cue=cue,
                     rule=f"speech: '{cue}' before the quotation, speaker from '{who['phrase']}' ({who['how']})", **base)
    # Q4p: a passive reporting verb before it ("has been described as “…”") says nothing of who
    # speaks; the source cited right after the quotation does ("“…” (Daily Wire, May 2)")
    passive = next((vm.group(0) for vm in verb_matches(text, lo, s, cues) if is_passive(text, vm.start(), lo)), None)
    if passive:
        src = _cited_source(text, e, hi, sp)
        if src:
            return Quote(kind="speech", speaker=src["name"], cue=passive,
                         rule=f"speech: passive '{passive}' before it, speaker the source cited after it "
                              f"('{src['phrase']}')", **base)
    # Q7e: a reporting participle opening the sentence's last clause ("X praised the old order,
    # dubbing it “…”"): its subject is the subject the sentence opens with
    part = _participle_before(text, lo, s, cues)
    if part:
        start = slo + len(text[slo:s]) - len(text[slo:s].lstrip(" \t“\"‘("))
        who = sp.subject_starting(start, s)
        if who is None:
            # a title before the name ("Prime Minister A B has …"): capitalised words only
            first = next(iter(sp.mentions_in(start, s)), None)
            if first is not None and re.fullmatch(r"(?:[A-Z][\w’'.-]*\s+){1,4}", text[start:first[0]]):
                who = sp.subject_starting(first[0], s)
        if who and not who.get("vague"):
            return Quote(kind="speech", speaker=who["name"], cue=part,
                         rule=f"speech: after the participle '{part}', speaker the subject the sentence opens with "
                              f"'{who['phrase']}' ({who['how']})", **base)
    # Q4h: "His emphasis on “…”": a possessive pronoun opening the sentence or a clause and a noun of
    # speech (the lexicon's speech_nouns): the nearest person named before it in the paragraph
    pm = cues.speech_noun_re.search(text[slo:s])
    if pm:
        owner = sp.ends.get(slo + pm.start("poss")) if pm.group("poss") else None
        person = owner if owner is not None else (
            sp.last_person_in_paragraph(slo + pm.start("p"), pm.group("p")) if pm.group("p") else None)
        if person is not None:
            return Quote(kind="speech", speaker=person[2], cue=pm.group("noun"),
                         rule=(f"speech: after '{person[4]}’s {pm.group('noun')}', speaker its owner" if owner is not None else
                      f"speech: after '{pm.group('p')} {pm.group('noun')}', speaker the nearest person before "
                      f"'{person[4]}'"), **base)
    # Q4h: "The latest instruction from X, who …, is that “…”": the person the noun of speech is from
    fm = cues.speech_from_re.search(text[slo:s])
    if fm:
        person = next((x for x in sp.mentions_in(slo + fm.start("who"), slo + fm.end("who")) if x[3] == "person"), None)
        if person is not None and person[0] == slo + fm.start("who"):
            return Quote(kind="speech", speaker=person[2], cue=fm.group("noun"),
                         rule=f"speech: after '{fm.group('noun')} from {person[4]} … is that', speaker that person",
                         **base)
    # Q5b: a quotation that opens its paragraph after one that ends in a reporting clause and a
    # colon ("He stated that:" ¶ "“We will …”"): a block quotation, the speaker that clause's subject
    block = _block_after_colon(text, s, sp, cues)
    if block is not None:
        who, cue = block
        return Quote(kind="speech", speaker=who["name"], cue=cue,
                     rule=f"speech: a block quotation after '{cue} …:' ending the paragraph before, speaker "
                          f"'{who['phrase']}' ({who['how']})", **base)
    # Q5 "X put it plainly: “…”": a colon after a clause whose subject is a person
    if before.rstrip().endswith(":"):
        who = sp.first_mention(lo, s, prefer="person")
        if who and who["type"] == "person":
            return Quote(kind="speech", speaker=who["name"], cue=":",
                         rule=f"speech: after a colon, speaker the subject '{who['phrase']}' ({who['how']})", **base)
    # a quotation that continues the one before it keeps its speaker (Q7)
    if prev is not None and prev.kind == "speech" and prev.speaker:
        between = text[prev_end:s]
        if not between.strip(" \t\n,.;:—–"):
            return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                         rule=f"speech: continues {prev.id} (same speaker)", **base)
        if re.fullmatch(r"\s*,?\s*(?:and|or|but)\s+(?:that\s+|also\s+)?", between):
            # "X said that “…” and that “…”": the second quotation is the same verb's
            return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                         rule=f"speech: joined to {prev.id} by '{between.strip()}' (same speaker)", **base)
        # Q7f: "X declared that A is “…” and that B is a “…”": a second reported clause of the same
        # verb, whatever actors it names, as long as no reporting verb of its own stands between
        if (prev.sentence_id == base["sentence_id"] and prev.cue
                and cues.verb_pattern(prev.cue).get("that")
                and _AND_THAT_RE.fullmatch(between) and next(verb_matches(text, prev_end, s, cues), None) is None):
            return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                         rule=f"speech: in a second 'that' clause of '{prev.cue}' after {prev.id} (same speaker)", **base)
        # “…,” she said. “…” — only the previous quotation's own tag stands between
        others = {x[2] for x in sp.ms if prev_end <= x[0] and x[1] <= s} - {prev.speaker}
        if len(between) <= 80 and not others and prev.cue and prev.cue in between and nwords >= 3:
            return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                         rule=f"speech: continues {prev.id} after its speaker tag (same speaker)", **base)
        # Q7c: later in the same sentence, with no other actor, vague source or "they"/"we" between:
        # "X found that the party was “…” and declared it “…”"
        if prev.sentence_id == base["sentence_id"] and not _other_source_between(text, prev_end, s, prev.speaker, sp):
            return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                         rule=f"speech: later in the sentence of {prev.id}, no other source between (same speaker)",
                         **base)
    return None


def _block_after_colon(text, s, sp: Speakers, cues: ReportingCues):
    """Q5b: ``(who, cue)`` when the quotation at ``s`` opens its paragraph and the paragraph before
    ends with a colon after a reporting verb with a named subject, else None."""
    start = text.rfind("\n", 0, s) + 1
    if text[start:s].strip():
        return None
    end = len(text[:start].rstrip())
    if end == 0 or text[end - 1] != ":":
        return None
    para = text.rfind("\n", 0, end) + 1
    ends = [m.end() for m in re.finditer(r"[.!?][”’\")]*\s", text[para:end - 1])]
    lo = para + (ends[-1] if ends else 0)
    found = _cue_before(text, lo, end - 1, sp, cues)
    if found is None or found[0].get("vague") or not found[0].get("name"):
        return None
    return found[0], found[1]


#: the second reported clause of one verb, up to its quotation: ", and that the ministry is pursuing a "
_AND_THAT_RE = re.compile(r"[^.;:!?“”\"()]{0,40}?\band\s+that\s+[^.;:!?“”\"()]{0,120}")
_QUOTES_AS_RE = re.compile(r"\b(?P<cue>quotes|quoted|cites|cited)\s+(?P<obj>[^.;:“”\"]{2,160}?),?\s+as\s+"
                           r"(?:saying|stating|writing|declaring)\s*[,:]?\s*$")
_PAREN_AFTER_RE = re.compile(r"[\s,]*\(([^()]{2,300})\)")


def _cited_source(text: str, e: int, hi: int, sp: Speakers) -> dict | None:
    """The first source of a citation right after the quotation ("…” (Daily Wire, May 2)"), as
    the citation parser reads it: the actor mentioned there, else its name as written."""
    m = _PAREN_AFTER_RE.match(text, e, min(len(text), hi + 2))
    parsed = parse_citation(m.group(1)) if m else None
    part = next((p for p in parsed[0] if p.name), None) if parsed else None
    if part is None:
        return None
    lo = m.start(1) + part.start
    inside = sp.mentions_in(lo, m.start(1) + max(part.name_end, part.start))
    if inside:
        return {"name": inside[0][2], "phrase": part.name}
    if not part.name[:1].isupper() or any(ch.isdigit() for ch in part.name):
        return None
    return {"name": part.name, "phrase": part.name}


_PARTICIPLE_RE = re.compile(r"(?:,|\band)\s+(?:\w+ly\s+)?(?P<verb>[a-z]+ing)\b(?P<rest>[^.;:!?“”\"]*)$")


def _participle_between(text: str, a: int, b: int, cues: ReportingCues) -> str | None:
    """The reporting participle opening the last clause of text[a:b] (", adding for good measure
    that …", "and arguing that …"), when it takes a reported clause that reaches ``b``."""
    m = _PARTICIPLE_RE.search(text, a, b)
    if not m or not cues.verb_forms.get(m.group("verb"), {}).get("that"):
        return None
    return m.group("verb") if re.search(r"\bthat\b", m.group("rest")) else None


_PARTICIPLE_TAIL_RE = re.compile(r",\s+(?:\w+ly\s+)?(?P<verb>[a-z]+ing)\b(?P<rest>[^.;:!?“”\",()]{0,80})$")


def _base_forms(participle: str) -> list[str]:
    """The forms a participle may come from: "saying" -> say, "describing" -> describe,
    "dubbing" -> dub."""
    stem = participle[:-3]
    out = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.append(stem[:-1])
    return out


def _participle_before(text: str, a: int, b: int, cues: ReportingCues) -> str | None:
    """The reporting participle of a clause that opens after a comma and runs to the quotation at
    ``b`` (", dubbing it", ", calling the plan", ", saying", ", warning that the"), or None."""
    m = _PARTICIPLE_TAIL_RE.search(text, a, b)
    if not m:
        return None
    info = next((cues.verb_forms[f] for f in _base_forms(m.group("verb")) if f in cues.verb_forms), None)
    if info is None or info.get("needs_that") and not re.search(r"\bthat\b", m.group("rest")):
        return None
    rest = m.group("rest").split()
    naming = info.get("object") or info.get("complement")
    if not rest or re.search(r"\bthat\b", m.group("rest")) or (naming and len(rest) <= 4):
        return m.group("verb")
    if naming and len(rest) <= 12 and rest[-1] in ("for", "as"):
        return m.group("verb")    # ", denouncing Moscow and its bishops for “…”": the charge after its object
    return None


_POSSESSED_RE = re.compile(r"[’']s\s+(?:[a-z][\w-]*\s+)?(?P<noun>[a-z][\w-]*)")


def _owns_a_thing(text: str, end: int, sp: Speakers) -> bool:
    """Whether the mention ending at ``end`` is a possessive before a noun that is no person's role
    ("X’s capacity", "X’s new plan"; not "X’s spokesman", "X’s foreign minister")."""
    m = _POSSESSED_RE.match(text, end)
    return bool(m) and m.group("noun") not in sp.roles and not any(
        w in sp.roles for w in text[end:m.end()].split()[1:])


def _other_source_between(text: str, a: int, b: int, speaker: str, sp: Speakers) -> bool:
    """Whether text[a:b] names another possible source: an actor other than ``speaker`` (not one
    that only owns a thing: "the navy’s capacity to …"; "the navy’s spokesman" is a source), a vague
    source, or "they"/"we"."""
    others = {x[2] for x in sp.mentions_in(a, b) if not _owns_a_thing(text, x[1], sp)} - {speaker}
    return bool(others or sp.cues.vague_re.search(text[a:b])
                or re.search(r"(?<![\w-])(?:[Tt]hey|[Ww]e)\b", text[a:b]))


def _outlet_name(text, s, e, slo, sp: Speakers, cues: ReportingCues, base: dict) -> Quote | None:
    """Q2: the name of an outlet in quotation marks after an outlet noun ("the Telegram channel “X,”")."""
    ahead = text[max(slo, s - 40):s]
    if _rx(cues, "outlet_end").search(ahead) and len(_words(base["text"])) <= 4:
        return Quote(kind="term", speaker=None, cue=None, rule="term: the name of an outlet after an outlet noun", **base)
    return None


#: what may follow the source of "According to X" before its comma: a few lower-case words, an
#: affiliation ("from the Siberian Institute of Geography"), a list of co-authors, a citation
_SOURCE_TAIL = (r"(?:\s+[a-z][\w-]*){0,3}(?:\s+(?:from|of|at|with)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*|of|the|and)"
                r"(?:\s+(?:[A-Z][\w’'.-]*|of|the|and))*)?(?:\s*,\s*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)*"
                r"(?:\s+and\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?(?:\s*\([^()]{1,80}\))?\s*,")


def _according_scope(text, s, slo, hi, sp: Speakers, cues: ReportingCues, base: dict) -> Quote | None:
    """Q6: a sentence opened by "According to X," gives X every quotation in it with no cue of its
    own, short ones too ("According to the Ruritanian authorities, … a “toxic” gas")."""
    lead = _rx(cues, "lead").match(text[slo:s])
    if not lead:
        return None
    pos = slo + lead.end()
    who = sp.according_subject(pos, hi)
    if who is None or who["end"] > s or not (re.match(_SOURCE_TAIL, text[who["end"]:hi])
                                             or text[who["end"] - 2:who["end"]] in (",”", ',"')):
        return None
    return Quote(kind="speech", speaker=who["name"], cue=lead.group("cue"),
                 rule=f"speech: in a sentence opened by '{lead.group('cue')} {who['phrase']}' ({who['how']})", **base)


def _continued(text, s, inner, nwords, prev, prev_end, p, sp: Speakers, base: dict) -> Quote | None:
    """Q8: a statement in quotation marks with no cue of its own, later in the paragraph of a speech
    quotation with a speaker, and no other person or vague source between: the same speaker. Not when
    a speaker tag follows it that names no one ("“…,” the security officer said"): that is its own cue."""
    if prev is None or prev.kind != "speech" or not prev.speaker or nwords < 5 or _title_case(inner):
        return None
    e = base["end"]
    tagged = text[max(0, e - 2):e] in (",”", ',"') or text[e:e + 1] == ","
    if tagged and _rx(sp.cues, "subj_verb").match(text, e + 1 if text[e:e + 1] == "," else e, p.end):
        return None
    others = {x[2] for x in sp.mentions_in(prev_end, s) if x[3] == "person"} - {prev.speaker}
    if others or sp.cues.vague_re.search(text[prev_end:s]) or re.search(r"(?<![\w-])(?:[Tt]hey|[Ww]e)\b", text[prev_end:s]):
        return None
    return Quote(kind="speech", speaker=prev.speaker, cue=prev.cue,
                 rule=f"speech: no cue of its own, continues {prev.id} in the same paragraph (same speaker)", **base)


def _after_according(text, s, inner, nwords, p, sent, sp: Speakers, cues: ReportingCues, base: dict) -> Quote | None:
    """Q8b: a statement in quotation marks with no cue of its own in the sentence right after one
    opened by "According to X," (X named): X's, when no other person, vague source or "they"/"we"
    stands between."""
    if nwords < 5 or _title_case(inner) or sent is None:
        return None
    before = _sentence_before(p, sent)
    if before is None:
        return None
    lead = _rx(cues, "lead").match(text[before.start:before.end])
    if not lead:
        return None
    who = sp.according_subject(before.start + lead.end(), before.end)
    tail = re.match(_SOURCE_TAIL, text[who["end"]:before.end]) if who is not None else None
    if tail is None:
        return None
    after_source = who["end"] + tail.end()        # co-authors and affiliation belong to the source
    between = text[after_source:s]
    others = {x[2] for x in sp.mentions_in(after_source, s) if x[3] == "person"} - {who["name"]}
    if others or "“" in between or cues.vague_re.search(between) or re.search(r"(?<![\w-])(?:[Tt]hey|[Ww]e)\b", between):
        return None
    return Quote(kind="speech", speaker=who["name"], cue=lead.group("cue"),
                 rule=f"speech: no cue of its own, in the sentence after one opened by "
                      f"'{lead.group('cue')} {who['phrase']}' ({who['how']})", **base)


def _unresolved(text, s, e, lo, hi, nwords, sp: Speakers, cues: ReportingCues, base: dict) -> Quote | None:
    """Q9: a reporting cue next to a statement whose subject names no one ("they said", "the
    minister said" with no minister named): speech, speaker left unresolved with the reason. A
    fragment of four words or fewer only in the reported clause of a verb whose subject is a pronoun
    for an unnamed person ("An officer told …. He confirmed that the service had “…”", S6e)."""
    short = nwords <= 4
    m = re.match(r"[\s,.!?—–]*", text[e:hi])
    after = None if short else _rx(cues, "subj_verb").match(text[e + m.end():hi])
    places = []
    if after:
        places.append((e + m.end() + after.start("verb"), e + m.end(), after.group("verb")))
    for vm in verb_matches(text, lo, s, cues):
        if not re.search(r"[.!?]\s", text[vm.end():s]):
            places.append((vm.start(), lo, vm.group(0)))
    for at, floor, verb in places:
        why = sp.why_unresolved(at, floor)
        if why and (not short or UNNAMED_PERSON in why):
            return Quote(kind="speech", speaker=None, cue=verb,
                         rule=f"speech: '{verb}' next to the quotation, speaker unresolved: {why}", **base)
    return None


def _sentence_before(p, sent):
    """The sentence before ``sent`` in its paragraph ``p``, or None when ``sent`` opens it."""
    i = next((k for k, x in enumerate(p.sentences) if x is sent), None)
    return p.sentences[i - 1] if i else None


def _attributes_before(text: str, slo: int, s: int, cues: ReportingCues) -> bool:
    """Whether the sentence up to the quotation at ``s`` attributes something: a reporting verb, a
    "that" clause, "according to" or a colon before it."""
    before = text[slo:s]
    return bool(before.rstrip().endswith(":") or re.search(r"(?<![\w-])that(?![\w-])", before, re.IGNORECASE)
                or cues.after_re.search(before) or next(verb_matches(text, slo, s, cues), None) is not None)


def _after_reported_clause(text, s, slo, inner, nwords, p, sent, sp: Speakers, cues: ReportingCues,
                           base: dict) -> Quote | None:
    """Q8c: a statement in quotation marks with no cue of its own, in the sentence right after one
    that reports a named person's words without quoting them ("X indicated that … . How …, “…”"):
    X's, when the sentence before holds no quotation mark and no other person is named from X's
    verb to the quotation, and the quotation's own sentence has no reporting verb, "that",
    "according to" or colon before it."""
    if nwords < 5 or _title_case(inner) or sent is None:
        return None
    prior = _sentence_before(p, sent)
    if (prior is None or "“" in text[prior.start:prior.end] or "\"" in text[prior.start:prior.end]
            or _attributes_before(text, slo, s, cues)):
        return None
    for vm in verb_matches(text, prior.start, prior.end, cues):
        if is_passive(text, vm.start(), prior.start):
            continue
        pattern = cues.verb_pattern(vm.group(0))
        if not (pattern.get("that") and re.match(r"(?:\s+[^,.;:!?“”\"()]{1,60}?)?\s+that\s", text[vm.end():prior.end])):
            continue
        who = sp.subject_ending(vm.start(), prior.start)
        if who is None or who.get("vague") or who.get("type") != "person":
            return None
        others = {x[2] for x in sp.mentions_in(vm.end(), s) if x[3] == "person"} - {who["name"]}
        if others:
            return None
        return Quote(kind="speech", speaker=who["name"], cue=vm.group(0),
                     rule=f"speech: no cue of its own, in the sentence after '{who['phrase']} {vm.group(0)} that …' "
                          f"({who['how']})", **base)
    return None


def _cited_after(text, s, e, slo, hi, inner, nwords, sp: Speakers, cues: ReportingCues, base: dict) -> Quote | None:
    """Q9b: a statement of five words or more in a sentence that attributes nothing before it (no
    reporting verb, no "that" clause, no "according to", no colon), the closing mark followed at
    once by a citation ("… and “sees enemies everywhere” (Lake Post, May 3)"): the source cited for
    it is its speaker; several sources in the citation: the first."""
    if nwords < 5 or _title_case(inner) or _attributes_before(text, slo, s, cues):
        return None
    if _person_opens(text, slo, s, sp):
        return None                   # "The mufti … called it the “…” (Outlet, May 2)": the person's words, not the outlet's
    src = _cited_source(text, e, hi, sp)
    if src is None:
        return None
    return Quote(kind="speech", speaker=src["name"], cue=None,
                 rule=f"speech: no reporting cue, speaker the source cited right after it ('{src['phrase']}')", **base)


#: a short adverbial opening a sentence before its subject: "On July 11, ", "In his speech, "
_OPENER_RE = re.compile(r"(?:On|In|At|During|After|Before|Last|This|Earlier|Later|Yesterday|Today)\b"
                        r"(?:[^,;:“”\"()]|\([^()]{0,60}\)){0,80},[ \t]+")
#: right after the subject a sentence opens with: its verb, in lower case ("Lavrov publicly praised")
_SUBJECT_VERB_RE = re.compile(r"[ \t]+(?:(?:[a-z]+ly|also|then|later|again|once)[ \t]+)?(?!and\b|or\b|who\b|which\b|of\b)"
                              r"[a-z][a-z-]+(?:ed|s)\b")
#: what may not stand between that verb and the quotation: another speaker's word, a pronoun, a new clause
_OTHER_VOICE_RE = re.compile(r"[:;]|\b(?:he|she|they|we|their|who|which|while|whereas|but|although|"
                             r"according|critics|observers|analysts|experts)\b", re.IGNORECASE)


_VOICES = ("person", "organization", "media")


#: a term the author glosses or builds on: "pro-“…”", "“…” (the …)", "“…,” the technique of"
_TERM_BEFORE_RE = re.compile(r"(?:pro|anti|non)[-–—]$", re.IGNORECASE)
_GLOSS_AFTER_RE = re.compile(r"[ \t]*\(|,?[ \t]+(?:the|a|an|i\.e\.)[ \t]")


#: up to two lower-case words after "the" before the name a sentence opens with ("the charismatic X")
_THE_MODIFIERS_RE = re.compile(r"[Tt]he[ \t]+(?:[a-z][\w-]*[ \t]+){1,2}")
#: a person the sentence opens with who has no name: a pronoun, or a role word after "the" and modifiers
_PRONOUN_START_RE = re.compile(r"(?:He|She)(?![\w-])")
_ROLE_START_RE = re.compile(r"The[ \t]+(?:[\w-]+[ \t]+){0,2}(?P<role>[a-z][\w-]*)(?![\w-])")


def _subject_start(text, s, slo, sp: Speakers) -> int:
    """Where the subject of the sentence that holds the quotation at ``s`` starts: after opening
    quotation marks and a short adverbial with no person in it ("On July 11, ", "In his speech, ")."""
    start = slo + len(text[slo:s]) - len(text[slo:s].lstrip(" \t“\"‘("))
    opener = _OPENER_RE.match(text, start, s)       # "On July 11, Zelenskyy …": a time or place first
    if opener and not any(y[3] == "person" for y in sp.mentions_in(start, opener.end())):
        start = opener.end()
    return start


def _opening_person(text, start, s, sp: Speakers):
    """The person's mention the sentence's subject is, at ``start`` or after "the" and one or two
    lower-case words ("the charismatic X"), or None."""
    x = sp.starts.get(start)
    if x is None:
        m = _THE_MODIFIERS_RE.match(text, start, s)
        x = sp.starts.get(m.end()) if m else None
    return x if x is not None and x[3] == "person" else None


def _person_opens(text, slo, s, sp: Speakers) -> bool:
    """Whether the sentence of the quotation at ``s`` opens with a person: a person's mention (as
    ``_opening_person``), "He"/"She", or "The" and a person's role word ("The Kadrian grand mufti")."""
    start = _subject_start(text, s, slo, sp)
    if _opening_person(text, start, s, sp) is not None or _PRONOUN_START_RE.match(text, start, s):
        return True
    m = _ROLE_START_RE.match(text, start, s)
    return bool(m and m.group("role") in sp.roles)


def _sentence_subject(text, s, slo, sp: Speakers, cues: ReportingCues, base: dict) -> Quote | None:
    """Q11: a quotation inside a sentence that opens with a person's name and its verb ("Lavrov
    publicly praised his host’s “…” stance"), with no other actor, pronoun or voice between that
    verb and the quotation: the words quoted are that person's (the sentence reports what they did
    and said). Not after a possessive ("Lavrov’s critics"), a second subject ("Lavrov and …"), a
    quoted title, or a sentence the author opens with anything else."""
    x = _opening_person(text, _subject_start(text, s, slo, sp), s, sp)
    if x is None or text.startswith(("’s", "'s"), x[1]):
        return None
    gloss = _GLOSS_AFTER_RE.match(text, base["end"])
    paren = _PAREN_AFTER_RE.match(text, base["end"]) if gloss and "(" in gloss.group(0) else None
    if paren and parse_citation(paren.group(1)):
        gloss = None                  # "“…” (Lake Post, May 3)": a citation, no gloss
    if _TERM_BEFORE_RE.search(text, max(slo, s - 5), s) or gloss:
        return None                   # the author's term, glossed or built on ("pro-“…” (…)")
    v = _SUBJECT_VERB_RE.match(text, x[1], s)
    if v is None:
        return None
    if next(verb_matches(text, x[1], s, cues), None) is not None:
        return None                   # a reporting verb there has had its say (Q4, Q9): "recalls the “…”" is no speech
    between = text[v.end():s]
    # a state or a group named between speaks no words of its own here; a person, a body or an outlet may
    if (any(y[2] != x[2] and y[3] in _VOICES for y in sp.mentions_in(x[1], s))
            or _OTHER_VOICE_RE.search(between)
            or "“" in between or '"' in between):
        return None
    return Quote(kind="speech", speaker=x[2], cue=None,
                 rule=f"speech: in a sentence opened by '{x[4]}' and its verb '{v.group(0).strip()}', no one else "
                      f"named before the quotation (the sentence's subject)", **base)


def _unattributed(inner: str, nwords: int, base: dict) -> Quote:
    """Q10: no cue and no speaker: a short term, a title capitalised as one, else speech without a speaker."""
    if nwords <= 4:
        return Quote(kind="term", speaker=None, cue=None,
                     rule=f"term: {nwords} word(s) in quotation marks with no reporting cue", **base)
    if _title_case(inner):
        return Quote(kind="title", speaker=None, cue=None, rule="title: capitalised like a title, no reporting cue", **base)
    return Quote(kind="speech", speaker=None, cue=None,
                 rule="speech: a quoted statement, but no reporting cue or speaker found", **base)


def _cue_after(text, e, hi, sp: Speakers, cues: ReportingCues):
    m = re.match(r"[\s,.!?—–]*", text[e:hi])
    pos = e + m.end()
    if _NEW_CLAUSE_RE.match(text, pos, hi):
        return None
    # "… ,” the Azerbaijani president asserted" / "…,” he said"
    who = sp.subject_starting(pos, hi)
    if who is None:
        v = re.match(r"(?:(?:some|many|such|other|most)\s+)?[a-z]+s\b", text[pos:hi])
        if v and cues.vague_re.search(v.group(0)):
            who = {"name": v.group(0), "phrase": v.group(0), "vague": True, "how": "vague", "end": pos + v.end()}
    if who is not None:
        vm = _rx(cues, "gap_verb").match(text[who["end"]:hi])
        if vm and not vm.group("verb")[:1].isupper():
            return who, vm.group("verb")
    # a longer subject phrase: "…,” European Commission President Ursula von der Leyen said
    lm = _rx(cues, "long_subject").match(text[pos:hi])
    if lm:
        vpos = pos + lm.end()
        who = sp.subject_ending(vpos, pos)
        vm = _rx(cues, "adv_verb").match(text[vpos:hi])
        if who and vm and not vm.group("verb")[:1].isupper():   # "… of Xi Jinping Thought": a name, no verb
            return who, vm.group("verb")
    # inverted: "…,” said Aliyev / said Foreign Minister Aino Virtanen
    vm = _rx(cues, "verb_space").match(text[pos:hi])
    if vm:
        q = pos + vm.end()
        for k in range(q, min(hi, q + 60)):
            who = sp.subject_starting(k, hi, names=True)
            if who and re.fullmatch(r"(?:(?:[Tt]he|[A-Z][\w.-]*|[a-z]+)\s+)*", text[q:k]):
                if who.get("type") not in (None, "person"):
                    # "said KSS Chief A B": the body's name opens the person's title; the person speaks
                    person = sp.first_mention(who["end"], min(hi, who["end"] + 60), prefer="person")
                    title = text[who["end"]:person["start"]] if person is not None else ""
                    if person is not None and person["type"] == "person" and \
                            re.fullmatch(r"\s+(?:[A-Z][\w.-]*\s+){1,3}", title) and title.split()[-1].lower() in sp.roles:
                        return person, vm.group("verb")
                return who, vm.group("verb")
    am = _rx(cues, "cue_space").match(text[pos:hi])
    if am:
        who = sp.according_subject(pos + am.end(), hi)
        if who:
            return who, am.group("cue")
    # a subject with an aside in parentheses and an appositive name: "…,” the Council’s (the upper
    # chamber) chair, A B, signaled": the first reporting verb of the clause, its subject across the asides
    tagged = text[max(0, e - 2):e] in (",”", ',"') or text[e:e + 1] == ","     # "…,” the …": a speaker tag follows
    vm = next(verb_matches(text, pos, min(hi, pos + 220), cues), None) if tagged else None
    if vm is not None and not re.search(r"[.!?;:“”\"]", text[pos:vm.start()]) and not is_passive(text, vm.start(), pos):
        who = sp.subject_ending(vm.start(), pos)
        if who is not None and not who.get("vague"):
            return who, vm.group(0)
    return None


#: a passive reporting verb: "has been described as", "was called" (its subject is not the speaker)
_PASSIVE_END_RE = re.compile(r"(?<![\w-])(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|also|further|often|"
                             r"widely|repeatedly|once|again|not|never|even)\s+){0,2}$", re.IGNORECASE)
#: the reported clause of a "that" verb reaches the quotation: "declared that the rules are “…”"; a
#: decimal point ("its $2.5 billion fund holds “…”") does not end it
_THAT_CLAUSE_RE = re.compile(r"(?:\s+[^,.;:!?“”\"()]{1,60}?)?\s+that\s(?:[^.;:!?“”\"()]|(?<=\d)\.(?=\d))*$",
                             re.IGNORECASE)
#: the object of a naming verb, then the quotation: "called the plan a “…”", "termed “…”"
_COMPLEMENT_RE = re.compile(r"(?:\s+[^,.;:!?“”\"()]{1,120}?)?\s*$")
#: a new clause after a quotation: its verb is not the quotation's tag ("“…,” while X called it …")
_NEW_CLAUSE_RE = re.compile(r"(?:while|whereas|although|though|but|and|because|since|when|if|yet|so|as)\b",
                            re.IGNORECASE)


def is_passive(text: str, verb_start: int, lo: int) -> bool:
    """Whether the reporting verb at ``verb_start`` is passive ("has been described as"): what
    stands before it is what is described, not who speaks."""
    return bool(_PASSIVE_END_RE.search(text, max(lo, verb_start - 30), verb_start))


#: what may stand between a `close` verb and its quotation: "went on, “…”", "went on to say that …"
_CLOSE_RE = re.compile(r"\s*[,:]?\s*|\s+to\s+(?:say|add|note|warn|argue|explain|stress|write|declare)\b[^“”\"]{0,120}")
#: a second verb of the same subject: "… and underscored", "…, and then stressed"
_AND_VERB_END_RE = re.compile(r"(?:[^.;:!?“”\"()]|(?<![,.;:!?])[”\"])\s(?:and|but)\s+(?:(?:\w+ly|also|then|later|further)\s+)?$")


def _coordinated_subject(text, lo, v, sp: Speakers, cues: ReportingCues, slo: int | None = None) -> dict | None:
    """Q4c: the subject of a reporting verb coordinated with an earlier one of its sentence ("He
    highlighted that the plan … and underscored “…”"): the subject the sentence opens with, when a
    reporting verb of its own follows it right away (the subject is that verb's too)."""
    sentence = lo if slo is None else slo
    if not _AND_VERB_END_RE.search(text, sentence, v):
        return None
    start = lo + len(text[lo:v]) - len(text[lo:v].lstrip(" \t“\"‘("))
    who = sp.subject_starting(start, v)
    if who is None or who.get("vague"):
        return _opening_person_subject(text, sentence, v, sp)
    first = _rx(cues, "gap_verb").match(text, who["end"], v)
    if first is None or is_passive(text, first.start("verb"), lo):
        return _opening_person_subject(text, sentence, v, sp)
    return {**who, "how": f"{who['how']}, subject of the coordinated '{first.group('verb')}'"}


#: a role phrase opening a sentence: "the grand mufti" before "of …" or a comma
_ROLE_HEAD_RE = re.compile(r"[Tt]he[ \t]+(?:[\w-]+[ \t]+){0,2}(?P<role>[a-z][\w-]*)(?=\s+(?:of|at|for|to)\s|,)")
#: after a role phrase opening a sentence ("the grand mufti of Kadra"), the comma before the name set off
_ROLE_TAIL_RE = re.compile(r"(?:\s+(?:of|at|for|to)\s+[^,;:.“”\"()]{1,70})?,\s+")
#: an appositive after a name, closed by its comma (", a former diplomat,")
_APPOSITIVE_RE = re.compile(r",[^,;:“”\"()]{1,120},")


def _opening_person_subject(text, lo, v, sp: Speakers) -> dict | None:
    """Q4c with any verb first: the person the sentence opens with (after a short adverbial; or the
    name set off after a role phrase, "On May 2, the chief mufti of Kadra, A B, issued an edict … and
    declared that …"), when a verb in lower case follows that person, or its appositive, at once."""
    start = _subject_start(text, v, lo, sp)
    x = _opening_person(text, start, v, sp)
    end = x[1] if x is not None else None
    if x is None:
        m = _ROLE_HEAD_RE.match(text[start:v])
        tail = _ROLE_TAIL_RE.match(text, start + m.end(), v) if m and m.group("role") in sp.roles else None
        y = sp.starts.get(tail.end()) if tail else None
        if y is None or y[3] != "person" or not text.startswith(",", y[1]):
            return None
        x, end = y, y[1] + 1
    ap = _APPOSITIVE_RE.match(text, end, v)
    verb = _SUBJECT_VERB_RE.match(text, ap.end() if ap else end, v)
    if verb is None:
        return None
    return {**sp._mention(x), "how": f"the person the sentence opens with, subject of '{verb.group(0).strip()}' too"}


def _cue_before(text, lo, s, sp: Speakers, cues: ReportingCues, slo: int | None = None):
    """The last reporting cue before the quotation in its sentence that has a subject:
    ``(who, cue, distance, scoped)``; ``scoped`` when the quotation stands inside the verb's
    reported clause ("said that … “…”") or right after a naming verb's object ("called it “…”").
    ``slo``: where the sentence starts, when an earlier quotation of it ends at ``lo`` (a verb
    coordinated after that quotation has the sentence's subject, Q4c)."""
    best = None
    for vm in verb_matches(text, lo, s, cues):
        if is_passive(text, vm.start(), lo):
            continue
        who = sp.subject_ending(vm.start(), lo) or _coordinated_subject(text, lo, vm.start(), sp, cues, slo)
        if who is None:
            continue
        between = text[vm.end():s]
        if re.search(r"[.!?]\s", between):
            continue
        pattern = cues.verb_pattern(vm.group(0))
        in_clause = bool(pattern.get("that") and _THAT_CLAUSE_RE.match(between))
        if pattern.get("needs_that") and not in_clause:
            continue                  # "recalls the “…” of last year": remembering, not reporting
        if pattern.get("close") and not _CLOSE_RE.fullmatch(between):
            continue                  # "go on an offensive to ensure “…”": no speech
        scoped = bool(in_clause
                      or (pattern.get("complement") and _COMPLEMENT_RE.fullmatch(between)))
        if pattern.get("object") and re.search(r"\sas\s*$", between):
            between = ""              # "described the plan as “…”" (a verb with an object): what the verb says (Q4)
        best = (who, vm.group(0), len(between.strip()), scoped)
    for am in cues.after_re.finditer(text, lo, s):
        pos = am.end() + len(text[am.end():s]) - len(text[am.end():s].lstrip())
        who = sp.according_subject(pos, s)
        if who:
            best = (who, am.group(0), len(text[who["end"]:s].strip()), False)
    return best
