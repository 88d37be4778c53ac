"""Who is the subject of a reporting verb: an actor's mention, a document or outlet, a vague
source ("some in Baku") or a pronoun, found through the actor analysis's mentions.

The subject before a verb (:meth:`Speakers.subject_ending`) is looked for, in this order,
before a relative clause or prepositional aside (S1: "X, who chairs the board, said", "X, in an
interview with Y, warned"), before an appositive (S2: "X, a shipping analyst, said", "X, Kadra’s
foreign minister, said"; with no
article only when a person's name stands before it: "X, press secretary of the Y, said"; with no
closing comma only between a person and a body's name, S2c: "X, a professor at the Y Institute
said" is X's), right
before the verb or its comma (S3: "X said", "Its chair, X, said"), and before any other short
aside (S4: "X, the editor, also said"). At each place the subject is an actor's mention, a
document of an actor (S5: "an editorial in X argued", "X's statement reads", "the statement
reads" or "these figures show" with X named before it in the paragraph; "the authors of the letter"
name no one), a vague source,
"he"/"she" (S6: the nearest person mentioned before; for "she" the nearest woman, a person whose given
name or surname ending the actor lexicon knows as a woman's, when there is one, for "he" the nearest
person not known as a woman; none when the pronoun opens a sentence and the sentence before opens with
an unnamed person, "An anonymous officer told …. He confirmed": S6e), "it" (S6b: the nearest actor that is not a
person, before it in the paragraph and not after a place preposition: "The court … It determined that"; "The
party denies that … in northern Kadra, claiming that it …" is the party's), "the Russian side" (S3b:
the state whose adjective it is; so are "the Russian government", "authorities", "leadership" and
"administration", as the actor lexicon's state_bodies), a bare role noun the actor table did not resolve (S6c: "the
expert", a one-word person's role of ``actor_cues.yaml`` with no adjective: the nearest person
before it in the paragraph), a role word after modifiers (S6f: "the
region’s defense ministry spokesman": the nearest person before it in the paragraph, unless the paragraph
brought in an unnamed person with that word, "An anonymous officer … the officer said"), a bare noun of a body (S6d: "the ministry": the nearest organisation before it
in the paragraph whose name holds the word), "who" (S1b: "X who declared": the mention right before it), or two
or three capitalised words that the actor table lacks (S7: the words themselves, when none of
them is a lexicon ``not_names`` word). A mention after a state's possessive that names another state's
body is no one (S8: "Ukraine’s MFA" when "MFA" is the alias of the Russian Ministry of Foreign Affairs):
the body of the state before it is not in the actor table. When none settles a named speaker,
:meth:`Speakers.why_unresolved` says why ("they", an unresolved role noun, S8).
"""

from __future__ import annotations

import bisect
import functools
import re

from helpers.analysis.actors.gazetteer import load_states
from helpers.analysis.reporting import ReportingCues

#: What may stand between a speaker and the reporting verb ("…, the editor, also said").
GAP = (r"(?:\s*,[^,“”\"]{1,40},)?(?:\s+(?:\w+ly|further|also|then|again|even|now|later|still|too|have|has|had|"
       r"been|is|are|was|were|will|would|to|did|does|do|not|never|once|first|in\s+turn))*\s*")
_ADV = (r"(?:\s+(?:\w+ly|further|also|then|again|even|now|later|still|too|have|has|had|"
        r"been|is|are|was|were|will|would|to|did|does|do|not|never|once|first|in\s+turn))*\s*$")
_ADV_END_RE = re.compile(_ADV)
_GAP_END_RE = re.compile(GAP + r"$")
_ASIDE_END_RE = re.compile(r",\s+(?:who|which|whose|in|at|on|during|speaking|writing|after|before|while|when|"
                           r"like|unlike|in\s+turn|for\s+(?:his|her|its|their)\s+part)\b[^“”\"]{1,160}?,\s*$")
_APPOSITIVE_END_RE = re.compile(r",\s+(?:a|an|the|its|his|her|their|[A-Z][\w-]*[’']s)\s+[^,;“”\"]{1,170},\s*$")
#: an appositive whose closing comma is missing ("X, a professor at the Y Institute said"): only
#: between a person and a body's name (S2c)
_OPEN_APPOSITIVE_END_RE = re.compile(r",\s+(?:a|an|the)\s+[^,;“”\"]{1,170}$")
#: an appositive with no article ("X, press secretary of the ministry, said"): only after a person
_BARE_APPOSITIVE_END_RE = re.compile(r",\s+[a-z][^,;“”\"]{1,120},\s*$")
_PRONOUN_END_RE = re.compile(r"(?<![\w-])(?P<p>[Hh]e|[Ss]he)$")
_IT_END_RE = re.compile(r"(?<![\w-])(?P<p>[Ii]t)$")
#: a place preposition (and a lower-case word: "in northern ") right before a mention
_LOCATIVE_END_RE = re.compile(r"(?<![\w-])(?:in|at|from|near|inside|across|throughout)\s+(?:the\s+)?(?:[a-z-]+\s+)?$")
_WHO_END_RE = re.compile(r",?\s+who$")
#: how ``why_unresolved`` says that a pronoun stands for an unnamed person (S6e)
UNNAMED_PERSON = "refers to an unnamed person"
#: S8: a state's possessive right before a mention ("Ukraine’s MFA")
_POSSESSOR_END_RE = re.compile(r"(?<![\w-])(?P<state>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)[’']s\s+$")
#: the writers of a document before its noun ("the authors of the letter", S5): nobody named
_DOC_WRITERS_END_RE = re.compile(r"(?<![\w-])(?:authors?|signator(?:y|ies)|drafters?|writers?)\s+of\s+$", re.IGNORECASE)
#: the end of a sentence, before the next one's first word
_SENTENCE_END_RE = re.compile(r"[.!?][”’\")]*\s+(?=[“\"‘(]?[A-Z])")
#: a sentence opened by an unnamed person: an indefinite article and up to seven words (S6e)
_INDEFINITE_RE = re.compile(r"\s*(?P<np>(?:An?|One|Another)\s+(?:[\w()’'-]+\s+){0,7})")


@functools.lru_cache(maxsize=4)
def _side_res(bodies: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """"the Russian side" (diplomatic usage) and "the Russian authorities" (a state body of the actor
    lexicon's ``state_bodies``): the state whose adjective it is, ending a subject and opening a source."""
    nouns = "|".join(re.escape(n) for n in ("side", *bodies))
    return (re.compile(rf"(?<![\w-])[Tt]he\s+(?P<adj>[A-Z][\w-]+)(?P<side>\s+(?:{nouns}))$"),
            re.compile(rf"[Tt]he\s+(?P<adj>[A-Z][\w-]+)\s+(?:{nouns})\b"))

_ACRONYM_END_RE = re.compile(r"\s*\([A-Z][A-Za-z]{1,8}\)\s*$")
#: a bare role noun as subject ("The expert also noted"): a person's role word, no adjective before it
_BARE_ROLE_END_RE = re.compile(r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?P<role>[a-z][a-z-]+)$")
#: a person's role word after up to four modifiers ("the breakaway region’s defense ministry spokesman"): S6f
_ROLE_NP_END_RE = re.compile(r"(?<![\w-])[Tt]he\s+(?:[\w’'-]+\s+){1,4}?(?P<role>[a-z][a-z-]+)$")
_PLURAL_END_RE = re.compile(r"(?<![\w-])(?P<p>[Tt]hey|[Ww]e)$")
_ROLE_END_RE = re.compile(r"(?<![\w-])(?P<p>(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er)\s+(?:[\w-]+\s+){0,3}[a-z][\w-]+)$")
_WORD = r"[A-Z][a-z]+(?:[-’'][A-Za-z][a-z]+)?"
_NAME_END_RE = re.compile(rf"(?<![\w’'-])(?P<n>{_WORD}(?:\s+{_WORD}){{1,2}})$")
_NAME_START_RE = re.compile(rf"(?P<n>{_WORD}(?:\s+{_WORD}){{1,2}})(?![\w’'-])")
_DET = r"(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:[\w-]+\s+){0,2}?"


class Speakers:
    """Finds who is the subject of a reporting verb, through the actor mentions."""

    def __init__(self, text: str, actors, cues: ReportingCues, roles=frozenset(), feminine=frozenset(),
                 state_bodies: tuple[str, ...] = ()):
        self.text = text
        self.cues = cues
        self.roles = frozenset(roles)  # one-word role words for a person ("expert", "minister"): S6c
        self._side_end_re, self._side_start_re = _side_res(tuple(state_bodies))  # S3b
        self.feminine = frozenset(feminine)  # persons known to be women: "she" is one of them, "he" none (S6)
        ms = []
        for a in actors.actors:
            for m in a.mentions:
                ms.append((m.start, m.end, a.name, a.type, m.text, m.how))
        ms.sort()
        self.ms = ms
        self.mstarts = [x[0] for x in ms]
        self.ends = {}
        self.starts = {}
        for x in ms:
            self.ends.setdefault(x[1], x)
            self.starts.setdefault(x[0], x)
        self.person_starts = [x[0] for x in ms if x[3] == "person"]
        self.persons = [x for x in ms if x[3] == "person"]
        doc = cues.document_re.pattern
        self._doc_end_re = re.compile(
            rf"(?:{_DET}(?P<doc>{doc})(?:\s+(?:in|of|by|from|published\s+by)\s+(?P<who>[^,;“”\"]{{1,80}}?))?"
            rf"|(?P<poss>[^,;“”\"]{{1,80}}?)[’']s\s+(?:[\w-]+\s+){{0,2}}?(?P<doc2>{doc}))\s*$", re.IGNORECASE)

    def last_person_before(self, offset: int, pronoun: str | None = None):
        """The last person mentioned before ``offset``; for "she"/"her" the last woman the actor table
        knows as one when there is any, for "he"/"his" the last person not known as a woman."""
        i = bisect.bisect_left(self.person_starts, offset) - 1
        if i < 0:
            return None
        p = (pronoun or "").lower()
        if p in ("she", "her") and any(x[2] in self.feminine for x in self.persons[:i + 1]):
            while self.persons[i][2] not in self.feminine:
                i -= 1
        elif p in ("he", "his") and self.feminine:
            while i >= 0 and self.persons[i][2] in self.feminine:
                i -= 1
        return self.persons[i] if i >= 0 else None

    def unnamed_antecedent(self, offset: int) -> str | None:
        """S6e: the unnamed person ("An anonymous security officer") that the sentence before opens with,
        when a pronoun at ``offset`` opens its sentence; None when the pronoun does not open one, or the
        sentence before opens otherwise or names the person right after the role word ("A senior
        official, X, said")."""
        text = self.text
        para = text.rfind("\n", 0, offset) + 1
        ends = [m for m in _SENTENCE_END_RE.finditer(text, para, min(len(text), offset + 2)) if m.end() <= offset]
        if not ends or ends[-1].end() != offset:
            return None
        start = ends[-2].end() if len(ends) >= 2 else para
        m = _INDEFINITE_RE.match(text, start, ends[-1].start())
        if not m:
            return None
        words = m.group("np").split()
        for i, w in enumerate(words[1:], start=1):
            if w.lower() in self.roles:
                np_end = m.start("np") + len(" ".join(words[:i + 1]))
                name_at = np_end + len(text[np_end:np_end + 3]) - len(text[np_end:np_end + 3].lstrip(" ,"))
                x = self.starts.get(name_at)
                return None if x is not None and x[3] == "person" else " ".join(words[:i + 1])
        return None

    def last_person_in_paragraph(self, offset: int, pronoun: str | None = None):
        """The last person mentioned before ``offset`` in its paragraph (as ``last_person_before``), or None."""
        p = self.last_person_before(offset, pronoun)
        return p if p is not None and p[0] > self.text.rfind("\n", 0, offset) else None

    def _last_body_before(self, offset: int, noun: str | None = None):
        """The last mention of an actor that is not a person (an organisation, state, outlet …)
        before ``offset`` in its paragraph; with ``noun``, of an organisation whose name holds that
        word ("the ministry": the Ministry of Foreign Affairs of X). None when there is none."""
        para = self.text.rfind("\n", 0, offset)
        i = bisect.bisect_left(self.mstarts, offset) - 1
        while i >= 0 and self.ms[i][0] > para:
            x = self.ms[i]
            if x[1] <= offset and (x[3] != "person" if noun is None
                                   else x[3] == "organization" and noun in x[2].lower().split()):
                if noun is None and _LOCATIVE_END_RE.search(self.text, max(0, x[0] - 40), x[0]):
                    i -= 1            # "… in northern Iraq, claiming that it …": a place is not what "it" is
                    continue
                return x
            i -= 1
        return None

    def _mention(self, x, how: str | None = None) -> dict:
        return {"name": x[2], "phrase": x[4], "vague": False, "how": how or x[5], "start": x[0], "end": x[1],
                "type": x[3]}

    def _name_words(self, name: str) -> bool:
        return not any(w in self.cues.not_names for w in name.split())

    def mentions_in(self, lo: int, hi: int) -> list:
        """The actor mentions inside text[lo:hi]."""
        i = bisect.bisect_left(self.mstarts, lo)
        out = []
        while i < len(self.ms) and self.ms[i][0] < hi:
            if self.ms[i][1] <= hi:
                out.append(self.ms[i])
            i += 1
        return out

    def _last_mention_in(self, lo: int, hi: int):
        """The last actor mention inside text[lo:hi]."""
        i = bisect.bisect_left(self.mstarts, hi) - 1
        while i >= 0 and self.ms[i][0] >= lo:
            if self.ms[i][1] <= hi:
                return self.ms[i]
            i -= 1
        return None

    def _named_in(self, lo: int, hi: int) -> dict | None:
        """The actor named in text[lo:hi] (its last mention), else its last capitalised name (S7)."""
        x = self._last_mention_in(lo, hi)
        if x is not None:
            return self._mention(x)
        m = _NAME_END_RE.search(self.text, lo, hi)
        if m and self._name_words(m.group("n")):
            return {"name": m.group("n"), "phrase": m.group("n"), "vague": False, "how": "name not in the actor table",
                    "start": m.start(), "end": m.end()}
        return None

    def _at(self, c: int, lo: int) -> dict | None:
        """The subject ending at ``c`` (not before ``lo``)."""
        x = self.ends.get(c)
        if x is not None and x[0] >= lo and self.text[max(0, c - 2):c] not in ("’s", "'s"):
            return None if self._other_states_body(x) else self._mention(x)
        text = self.text
        w = max(lo, c - 160)
        d = self._doc_end_re.search(text, w, c) if self.cues.document_re.search(text, w, c) else None
        if d and _DOC_WRITERS_END_RE.search(text, max(0, d.start() - 30), d.start()):
            d = None                  # "the authors of the letter wrote": its writers, not the person named before it
        if d:
            who = None
            if d.group("who"):
                who = self._named_in(d.start("who"), d.end("who"))
            elif d.group("poss"):
                who = self._named_in(d.start("poss"), d.end("poss"))
            else:                     # "the statement reads": its author named before it in the paragraph
                para = text.rfind("\n", 0, d.start()) + 1
                x = self._last_mention_in(max(para, d.start() - 400), d.start())
                who = self._mention(x) if x is not None else None
            if who is not None:
                doc = d.group("doc") or d.group("doc2")
                who.update(phrase=" ".join(d.group(0).split()), how=f"{doc.lower()} of {who['name']}", start=d.start())
                return who
        head = text[max(lo, c - 80):c]
        v = self.cues.vague_re.search(head)
        if v:
            return {"name": v.group(0), "phrase": v.group(0), "vague": True, "how": "vague",
                    "start": c - len(head) + v.start()}
        pm = _PRONOUN_END_RE.search(head)
        if pm:
            at = c - len(head) + pm.start()
            p = None if self.unnamed_antecedent(at) else self.last_person_before(at, pm.group("p"))
            if p:
                return {"name": p[2], "phrase": pm.group("p"), "vague": False, "how": "pronoun",
                        "start": c - len(head) + pm.start()}
            return None
        sm = self._side_end_re.search(head)
        if sm:                        # S3b: "the Russian side called for", "the Kadrian authorities stated": the state
            x = self.ends.get(c - len(sm.group("side")))
            if x is not None and x[3] == "state":
                return self._mention(x, "'the … side' of a state")
        wm = _WHO_END_RE.search(head)
        if wm:                        # S1b: "X who declared that": the relative pronoun's antecedent
            x = self.ends.get(c - len(head) + wm.start())
            return self._mention(x, "antecedent of 'who'") if x is not None and x[0] >= lo else None
        rm = _BARE_ROLE_END_RE.search(head)
        if rm and rm.group("role") in self.roles:
            at = c - len(head) + rm.start()   # S6c: "the expert" for the nearest person before, in the paragraph
            p = self.last_person_in_paragraph(at)
            if p:
                return {"name": p[2], "phrase": rm.group(0), "vague": False, "how": "role noun", "start": at}
        if rm and rm.group("role") not in self.roles:
            at = c - len(head) + rm.start()   # S6d: "the ministry" for the nearest body so named, in the paragraph
            x = self._last_body_before(at, rm.group("role"))
            if x is not None:
                return {"name": x[2], "phrase": rm.group(0), "vague": False, "how": "a body's noun", "start": at}
        fm = _ROLE_NP_END_RE.search(head)
        if fm and fm.group("role") in self.roles:
            # S6f: "the breakaway region’s defense ministry spokesman": a person's role word after
            # modifiers, for the nearest person before it in the paragraph; nobody when the paragraph
            # brought in an unnamed person with that role word ("An anonymous … officer")
            at = c - len(head) + fm.start()
            para = text.rfind("\n", 0, at) + 1
            introduced = re.search(rf"(?<![\w-])[Aa]n?\s+(?:[\w()’'-]+\s+){{0,6}}?{re.escape(fm.group('role'))}(?![\w-])",
                                   text[para:at])
            p = None if introduced else self.last_person_in_paragraph(at)
            if p:
                return {"name": p[2], "phrase": fm.group(0), "vague": False, "how": "role noun", "start": at}
            return None
        im = _IT_END_RE.search(head)
        if im:                        # S6b: "it" for the nearest organisation or state before, in the paragraph
            at = c - len(head) + im.start()
            x = self._last_body_before(at)
            if x is not None:
                return {"name": x[2], "phrase": im.group("p"), "vague": False, "how": "pronoun 'it'", "start": at}
            return None
        nm = _NAME_END_RE.search(head)
        if nm and self._name_words(nm.group("n")):
            before = head[:nm.start()].rstrip()
            if not before or before[-1] in ",;:(" or before.endswith(" as") or not re.search(r"[A-Z][\w-]*$", before):
                return {"name": nm.group("n"), "phrase": nm.group("n"), "vague": False,
                        "how": "name not in the actor table", "start": c - len(head) + nm.start()}
        return None

    def _cuts(self, end: int, lo: int) -> list[int]:
        """Where the subject of a verb at ``end`` may end (S1-S4), in order."""
        text = self.text
        a = _ADV_END_RE.search(text, max(lo, end - 120), end)
        c = a.start() if a else end
        g = _ACRONYM_END_RE.search(text, max(lo, c - 16), c)
        if g:                         # "the Harbour Bureau (HB) says": the name before its acronym
            c = g.start()
        if text[max(lo, c - 1):c] != ",":      # every aside ends with a comma
            m = _OPEN_APPOSITIVE_END_RE.search(text, max(lo, c - 200), c)
            if m and (x := self.ends.get(m.start())) is not None and x[3] == "person" \
                    and (y := self.ends.get(c)) is not None and y[3] != "person":
                return [m.start(), c]   # S2c: "X, a professor at the Y Institute said": X, not the institute
            return [c]
        cuts = []
        for rx in (_ASIDE_END_RE, _APPOSITIVE_END_RE):
            m = rx.search(text, max(lo, c - 220), c)
            if m:
                cuts.append(m.start())
        m = _BARE_APPOSITIVE_END_RE.search(text, max(lo, c - 200), c)
        if m and (x := self.ends.get(m.start())) is not None and x[3] == "person":
            cuts.append(m.start())    # S2b: "X, press secretary of the ministry, said": the person before it
        cuts += [c, c - 1]
        g = _GAP_END_RE.search(text, max(lo, end - 160), end)
        if g:
            cuts.append(g.start())
        return cuts

    def subject_ending(self, end: int, lo: int) -> dict | None:
        """The subject (mention, document, vague phrase, pronoun or name) that ends right before ``end``."""
        for c in self._cuts(end, lo):
            who = self._at(c, lo)
            if who is not None:
                return who
        return None

    def _other_states_body(self, x) -> str | None:
        """S8: the state whose possessive stands right before mention ``x`` when ``x`` is an alias
        (not the full name) of a body whose name holds another state's name or adjective."""
        m = _POSSESSOR_END_RE.search(self.text, max(0, x[0] - 40), x[0])
        if m is None or x[4] == x[2] or x[3] not in ("organization", "media"):
            return None
        codes = load_states().codes
        own = codes.get(m.group("state"))
        named = {codes[w] for w in re.findall(r"[A-Z][\w-]*", x[2]) if w in codes}
        return m.group("state") if own and named and own not in named else None

    def why_unresolved(self, end: int, lo: int) -> str | None:
        """Why the subject before ``end`` names no one: a plural pronoun, an unresolved role noun, a
        pronoun with no person before it, another state's body (S8)."""
        for c in self._cuts(end, lo):
            x = self.ends.get(c)
            state = self._other_states_body(x) if x is not None and x[0] >= lo else None
            if state:
                return f"the subject '{state}’s {x[4]}' is {state}’s, but '{x[4]}' is the {x[2]}"
            head = self.text[max(lo, c - 80):c]
            m = _PLURAL_END_RE.search(head)
            if m:
                return f"the subject '{m.group('p')}' is plural and names no single speaker"
            m = _PRONOUN_END_RE.search(head)
            if m:
                unnamed = self.unnamed_antecedent(c - len(head) + m.start())
                if unnamed:
                    return f"the subject '{m.group('p')}' {UNNAMED_PERSON} ('{unnamed}')"
                return f"the subject '{m.group('p')}' has no person named before it"
            m = _ROLE_END_RE.search(head)
            if m:
                return f"the subject '{m.group('p')}' is not resolved to a named actor"
        return None

    def last_mention(self, lo: int, hi: int, prefer: str = "person") -> dict | None:
        """The last actor mentioned inside text[lo:hi], of type ``prefer`` if there is one."""
        inside = [x for x in self.ms if lo <= x[0] and x[1] <= hi]
        pick = [x for x in inside if x[3] == prefer] or inside
        return self._mention(pick[-1]) if pick else None

    def first_mention(self, lo: int, hi: int, prefer: str = "person") -> dict | None:
        inside = [x for x in self.ms if lo <= x[0] and x[1] <= hi]
        pick = [x for x in inside if x[3] == prefer] or inside
        if not pick:
            return None
        return self._mention(pick[0])

    def subject_starting(self, start: int, hi: int, names: bool = False) -> dict | None:
        """The subject that starts at ``start``: a mention, "he"/"she", or (``names``) a capitalised
        name the actor table lacks (S7)."""
        x = self.starts.get(start)
        if x is not None and x[1] <= hi:
            return self._mention(x)
        m = re.match(r"(?P<p>[Hh]e|[Ss]he)\b", self.text[start:hi])
        if m:
            p = None if self.unnamed_antecedent(start) else self.last_person_before(start, m.group("p"))
            if p:
                return {"name": p[2], "phrase": m.group("p"), "vague": False, "how": "pronoun",
                        "end": start + m.end(), "start": start}
        if names:
            m = _NAME_START_RE.match(self.text, start, hi)
            if m and self._name_words(m.group("n")):
                return {"name": m.group("n"), "phrase": m.group("n"), "vague": False,
                        "how": "name not in the actor table", "start": start, "end": m.end()}
        return None

    def according_subject(self, pos: int, hi: int) -> dict | None:
        """The source after "according to" at ``pos``: a mention or name right there (a person after
        a state's adjective and a role: "according to Kazakhstani President X"), or after a
        source noun ("reporting by", "a statement of") and up to four more words, or an outlet
        named in quotation marks after an outlet noun ("the Telegram channel “X,”")."""
        sm = self._side_start_re.match(self.text, pos, hi)
        if sm:                        # "according to the Kadrian authorities": the state (S3b)
            x = self.starts.get(sm.start("adj"))
            if x is not None and x[3] == "state":
                return {**self._mention(x, "'the … authorities' of a state"), "end": sm.end()}
        who = self.subject_starting(pos, hi, names=True)
        if who is None or who["how"] in ("demonym", "name not in the actor table"):
            # "according to Kazakhstani President X": the person after a state's adjective and a role
            for x in self.mentions_in(pos, min(hi, pos + 60)):
                if x[3] == "person" and re.fullmatch(r"(?:[A-Z][\w-]*\s+){1,4}", self.text[pos:x[0]]):
                    return {**self._mention(x), "end": x[1]}
        if who is not None:
            return who
        text = self.text
        sn = self.cues.source_noun_re.match(text, pos, hi)
        if not sn:
            return None
        m = re.match(r"\s+(?:by|from|of|in|on)\s+(?:the\s+)?", text[sn.end():hi])
        if not m:
            return None
        q = sn.end() + m.end()
        for k in range(q, min(hi, q + 50)):
            if k > q and text[k - 1] not in " “\"":
                continue
            if text[k:k + 1] in "“\"":
                qm = re.match(r"[“\"](?P<n>[^“”\"]{1,60}?)[,.]?[”\"]", text[k:hi])
                ahead = text[q:k]
                if qm and self.cues.outlet_noun_re.search(ahead):
                    n = qm.group("n").strip()
                    x = self.starts.get(k + 1)
                    return {"name": x[2] if x else n, "phrase": " ".join((ahead + qm.group(0)).split()),
                            "vague": False, "how": "outlet named in quotation marks", "start": pos, "end": k + qm.end()}
                return None
            who = self.subject_starting(k, hi, names=True)
            if who is not None and re.fullmatch(r"(?:[\w-]+\s+){0,4}", text[q:k]):
                return who
        return None
