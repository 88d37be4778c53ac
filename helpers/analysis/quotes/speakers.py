"""Who is the subject of a reporting verb: an actor's mention, a vague source ("some in Baku")
or a pronoun, found through the actor analysis's mentions."""

from __future__ import annotations

import bisect
import re

from helpers.analysis.reporting import ReportingCues

#: What may stand between a speaker and the reporting verb ("…, the editor, also said").
GAP = (r"(?:\s*,[^,“”\"]{1,40},)?(?:\s+(?:\w+ly|further|also|then|again|even|now|later|still|too|have|has|had|"
       r"been|is|are|was|were|will|would|to|did|does|do|not|never|once|first|in\s+turn))*\s*")
_GAP_END_RE = re.compile(GAP + r"$")
_APPOSITIVE_END_RE = re.compile(r",\s+(?:a|an|the)\s+[^,;“”\"]{1,120},\s*$")
_PRONOUN_END_RE = re.compile(r"(?<![\w-])(?P<p>[Hh]e|[Ss]he)$")


class Speakers:
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
