"""Indirect attributions: what a sentence reports someone as saying or thinking without
quotation marks ("Omarov says this is …", "according to some observers, …", "in their view, …")."""

from __future__ import annotations

import bisect
import re

from helpers.analysis.quotes.model import Attribution
from helpers.analysis.quotes.speakers import Speakers
from helpers.analysis.reporting import ReportingCues

# a reported clause without "that": "believe the project is …", "says this is …", "expect Russia to answer"
_CLAUSE_RE = re.compile(
    r"\s+(?:(?:he|she|they|it|this|these|there|we|I)\s+\w|"
    r"(?!(?:to|in|of|about|for|with|on|at|by|from|into|over|reporters|journalists)\b)"
    r"(?:[\w’'-]+\s+){1,6}?(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|"
    r"does|did|do|to\s+[a-z]+|(?:[a-z]+[^s\W]s|[a-z]+ed)(?=\s+[\w“\"]))\b(?!\s+(?:of|and|or)\b))")
_VIEW_RE = re.compile(r"(?<![\w-])[Ii]n\s+(?P<who>their|his|her)\s+(?:view|opinion|words|reading|eyes)\b")


def find_attributions(article, sp: Speakers, cues: ReportingCues, quote_spans) -> list[Attribution]:
    """Every indirect attribution outside quotation marks, sentence by sentence, numbered a1, a2 …"""
    text = article.text
    out: list[Attribution] = []
    seen: set[int] = set()
    in_quote = _inside_any(quote_spans)
    for sent in article.iter_sentences():
        _views(text, sent, sp, out, in_quote)
        _according_to(text, sent, sp, cues, out, in_quote)
        _reporting_verbs(text, sent, sp, cues, out, seen, in_quote)
    return out


def _inside_any(spans):
    """``in_quote(i)``: does offset ``i`` fall inside one of the quotation ``spans``?"""
    qstarts = sorted(s for s, _ in spans)
    spans_sorted = sorted(spans)

    def in_quote(i: int) -> bool:
        k = bisect.bisect_right(qstarts, i) - 1
        return k >= 0 and spans_sorted[k][0] <= i < spans_sorted[k][1]

    return in_quote


def _views(text, sent, sp: Speakers, out: list[Attribution], in_quote) -> None:
    """ "in their view, …": the claim belongs to the source of the attribution before."""
    a, b = sent.start, sent.end
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


def _according_to(text, sent, sp: Speakers, cues: ReportingCues, out: list[Attribution], in_quote) -> None:
    """ "According to Peskov, …" / "…, according to some observers." """
    a, b = sent.start, sent.end
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


def _reporting_verbs(text, sent, sp: Speakers, cues: ReportingCues, out: list[Attribution], seen: set[int],
                     in_quote) -> None:
    """A reporting verb with its subject: a parenthetical tag (", the leader said, …"), "… that …",
    a reported clause, or what a vague source does."""
    a, b = sent.start, sent.end
    for vm in cues.verb_re.finditer(text, a, b):
        if in_quote(vm.start()) or vm.start() in seen:
            continue
        verb = vm.group(0)
        info = cues.verb_pattern(verb)
        rest = text[vm.end():b]
        # parenthetical tag: "…, the Azerbaijani leader said, because …" / "…, Omarov implies, all …"
        who = sp.subject_ending(vm.start(), a)
        if who is None:
            continue
        subj_start = who.get("start", vm.start())
        content, rule = _reported(text, a, rest, subj_start, who, verb, info)
        if not content or content[:1] in "“\"":
            continue
        seen.add(vm.start())
        start = min(subj_start, vm.start())
        out.append(Attribution(id=f"a{len(out) + 1}", source=who["name"], vague=bool(who["vague"]), cue=verb,
                               content=content.rstrip(), paragraph=sent.paragraph, sentence_id=sent.id,
                               start=start, end=b, rule=rule))


def _reported(text, a, rest, subj_start, who, verb, info) -> tuple[str | None, str | None]:
    """(what is reported, the rule) after a reporting verb and its subject, or (None, None)."""
    tag = re.match(r"\s*,", rest)
    pre_comma = text[a:subj_start].rstrip().endswith(",")
    if tag and pre_comma:
        head = text[a:subj_start].rstrip().rstrip(",")
        tail = rest[tag.end():].strip()
        return (head + (", " if head and tail else "") + tail).strip(), f"parenthetical tag ', {who['phrase']} {verb},'"
    m = re.match(r"(?P<obj>\s+(?!that\b)[^,.;:“”\"]{1,80}?)?\s+that\b\s*,?\s*", rest)
    if m and (m.group("obj") is None or info.get("object") or info.get("that")):
        return rest[m.end():].strip(), f"'{verb} … that' after '{who['phrase']}'"
    if info.get("that") and _CLAUSE_RE.match(rest) and not re.match(r"\s*[,:]?\s*[“\"]", rest):
        return rest.strip(), f"'{verb}' + reported clause after '{who['phrase']}'"
    if not info.get("that") and re.match(r"\s+\w", rest) and who["vague"]:
        return rest.strip(), f"'{verb}' after a vague source '{who['phrase']}'"
    return None, None
