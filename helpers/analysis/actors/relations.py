"""Ties between actors: co-mentions per sentence, and cooperation or conflict from the cue lexicon."""

from __future__ import annotations

import re

from helpers.analysis.actors.cues import load_relation_cues
from helpers.analysis.actors.model import Actor, Mention, Relation
from helpers.analysis.actors.names import inside

_CLAUSE_BREAK_RE = re.compile(r"[;:—–]|,\s+(?:but|while|whereas|although|though|yet)\b|\)")


def find_relations(actors: list[Actor], units, text, cited: list[tuple[int, int]]) -> list[Relation]:
    """Co-mentions per sentence, and signed ties from the cue lexicon.

    Mentions inside a parenthetical citation ("(see EDM, July 19, 2016)") take no part. A cue
    ties "between A and B" when the sentence says so; otherwise the nearest actor before the
    cue and the nearest after it in the same clause (or, with none after, the two named just
    before it: "Russia and Azerbaijan are now cooperating").
    """
    rx, forms = load_relation_cues()
    by_sentence: dict[str, list[tuple[Mention, Actor]]] = {}
    for a in actors:
        for m in a.mentions:
            if cited and inside(cited, m.start, m.end):
                continue
            by_sentence.setdefault(m.sentence_id, []).append((m, a))
    sentences = {sid: (s, e) for _, _, _, sents in units for sid, s, e in sents}
    out: list[Relation] = []
    for sid, ms in by_sentence.items():
        s, e = sentences.get(sid, (0, 0))
        stext = text[s:e]
        ms.sort(key=lambda x: x[0].start)
        names: list[str] = []
        for _, a in ms:
            if a.name not in names:
                names.append(a.name)
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                out.append(Relation(names[i], names[j], "co-mention", sid, None, stext))
        if len(names) < 2:
            continue
        for cm in rx.finditer(text, s, e):
            kind = forms[" ".join(cm.group(0).lower().split())][1]
            pair = _cue_pair(text, ms, cm.start(), cm.end())
            if pair:
                first, second = sorted(pair, key=names.index)
                out.append(Relation(first, second, kind, sid, cm.group(0), stext))
    order = {sid: i for i, (sid, _) in enumerate(sorted(sentences.items(), key=lambda kv: kv[1][0]))}
    out.sort(key=lambda r: (order.get(r.sentence_id, 0), r.kind != "co-mention"))
    return out


def _cue_pair(text: str, ms, cs: int, ce: int) -> tuple[str, str] | None:
    """The two actors a relation cue at [cs, ce) ties, or None."""
    # "between A and B": the nearest such pair, preferring one after the cue
    between = []
    for i, (m, a) in enumerate(ms):
        if i + 1 < len(ms) and re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, m.start - 14):m.start]):
            m2, b = ms[i + 1]
            if a.name != b.name and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[m.end:m2.start]):
                dist = m.start - ce if m.start >= ce else (cs - m2.end) + 0.5
                if dist <= 120:
                    between.append((dist, a.name, b.name))
    if between:
        _, x, y = min(between)
        return x, y
    before = [(m, a) for m, a in ms if m.end <= cs and cs - m.end <= 120
              and not _CLAUSE_BREAK_RE.search(text, m.end, cs)]
    after = [(m, a) for m, a in ms if m.start >= ce and m.start - ce <= 120
             and not _CLAUSE_BREAK_RE.search(text, ce, m.start)]
    if before and after:
        a, b = before[-1][1].name, after[0][1].name
        if a != b:
            return a, b
        rest = [x[1].name for x in after if x[1].name != a] + [x[1].name for x in reversed(before) if x[1].name != a]
        return (a, rest[0]) if rest else None
    if len(before) >= 2:
        (m1, a1), (m2, a2) = before[-2], before[-1]
        if a1.name != a2.name and re.fullmatch(r"\s+(?:and|or|&)\s+(?:the\s+)?", text[m1.end:m2.start]):
            return a1.name, a2.name
    return None
