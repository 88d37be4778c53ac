"""The reporting cue lexicon (``data/lexicons/reporting_cues.yaml``): what gives words a speaker.

One reader for the file that three analyses use: the quotation analysis (reporting verbs and
phrases, title cues, vague sources), the actor analysis (the verb forms that, after a name,
make it a person's: :attr:`ReportingCues.after_name`) and the discourse statements (cues of
disagreement: :attr:`ReportingCues.disagreement`). The quotation analysis also takes the nouns
of documents that speak for their author ("an editorial in X argued"), the nouns of speech after
a possessive pronoun ("His emphasis on “…”"), what may stand between "according to" and its source, and the outlet nouns before a quoted outlet name. The format is in the file's header.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from helpers.analysis.patterns import trie_pattern
from helpers.core.errors import CourseInputError
from helpers.model.lexicons import lexicon_path, load_lexicon_file

_NEVER = r"(?!x)x"


@dataclass(frozen=True, eq=False)
class ReportingCues:
    verb_re: re.Pattern            # any reporting verb form
    verb_forms: dict[str, dict]    # form -> {"form", "that", "object", "complement", "needs_that", "close"}
    after_re: re.Pattern           # "according to" …
    title_verb_re: re.Pattern
    title_noun_re: re.Pattern
    vague_re: re.Pattern           # anchored at the end of a text
    after_name: tuple[str, ...] = ()     # verb forms that make the name before them a person's ("said")
    disagreement: tuple[str, ...] = ()   # cue forms that report disagreement ("denied")
    document_re: re.Pattern = re.compile(_NEVER)      # "editorial", "statement" …
    source_noun_re: re.Pattern = re.compile(_NEVER)   # "reporting by", "a statement of" … after "according to"
    outlet_noun_re: re.Pattern = re.compile(_NEVER)   # "channel", "newspaper" … before a quoted outlet name
    speech_noun_re: re.Pattern = re.compile(_NEVER)   # "His emphasis on " … before a quotation, at a clause's start
    speech_from_re: re.Pattern = re.compile(_NEVER)   # "The latest instruction from X … is that " before a quotation
    not_names: frozenset = frozenset()                # capitalised words that start no name ("The", "Its")

    def verb_pattern(self, form: str) -> dict:
        """The complement pattern of a reporting verb form as written ("told", "put  it"), or {}."""
        return self.verb_forms.get(" ".join(form.lower().split()), {})


def _speech_noun_re(nouns: list[str]) -> re.Pattern:
    """A possessive pronoun opening a sentence or clause, or a name's "’s", then a noun of speech and
    its preposition, or its "that" clause, up to the quotation: "His emphasis on ", "…, her call for
    a ", "X’s acknowledgement that the two states "."""
    if not nouns:
        return re.compile(_NEVER)
    return re.compile(rf"(?:(?:^|[,;—–]\s*)(?P<p>[Hh]is|[Hh]er)|(?P<poss>[’']s))\s+(?:[a-z-]+\s+)?(?P<noun>{_alt(nouns)})"
                      rf"(?:(?:\s+(?:on|of|about|for|to|that|against|with))?(?:\s+(?:a|an|the))?\s*[,:]?"
                      rf"|,?\s+that\s+[^.;:!?“”\"()]{{1,120}}?)\s*$")


def _speech_from_re(nouns: list[str]) -> re.Pattern:
    """A noun of speech "from" or "by" someone, then "is that" and the clause up to the quotation:
    "The latest instruction from X, who chairs the board, is that "."""
    if not nouns:
        return re.compile(_NEVER)
    return re.compile(rf"(?<![\w-])(?P<noun>{_alt(nouns)})\s+(?:from|by)\s+(?P<who>[A-Z][^“”\"]{{0,160}}?)"
                      rf"\s+(?:is|was|remains)\s+that\s+[^.;:!?“”\"()]{{0,120}}$")


def _alt(forms) -> str:
    return trie_pattern([f.lower() for f in forms])


def _forms(item: dict) -> list:
    return item.get("forms") or [item["form"]]


@functools.lru_cache(maxsize=4)
def load_reporting_cues(path: str | None = None) -> ReportingCues:
    """Read ``data/lexicons/reporting_cues.yaml`` (or ``path``)."""
    p = lexicon_path("reporting_cues.yaml", path)
    d = load_lexicon_file(p, what="reporting cue lexicon").data
    forms: dict[str, dict] = {}
    after_name: list[str] = []
    for i, v in enumerate(d.get("verbs") or [], start=1):
        if not isinstance(v, dict) or "form" not in v:
            raise CourseInputError(p, f"verb {i} has no 'form'", "write '- {form: say, forms: [say, says, said]}'")
        for f in _forms(v):
            forms[str(f).lower()] = {"form": str(v["form"]), "that": bool(v.get("that")),
                                     "object": bool(v.get("object")), "complement": bool(v.get("complement")),
                                     "needs_that": bool(v.get("needs_that")), "close": bool(v.get("close"))}
        for f in v.get("after_name") or []:
            if str(f) not in [str(x) for x in _forms(v)]:
                raise CourseInputError(p, f"verb '{v['form']}': 'after_name' form '{f}' is not one of its forms",
                                       "list it under 'forms' too, or remove it from 'after_name'")
            after_name.append(str(f))
    if not forms:
        raise CourseInputError(p, "lists no reporting verbs", "add entries under 'verbs:'")
    disagreement: list[str] = []
    for i, v in enumerate(d.get("disagreement") or [], start=1):
        if not isinstance(v, dict) or "form" not in v:
            raise CourseInputError(p, f"disagreement cue {i} has no 'form'", "write '- {form: deny, forms: [deny, denies, denied]}'")
        disagreement.extend(str(f) for f in _forms(v))
    phrases = [str(x["form"]) for x in d.get("phrases") or [] if x.get("speaker_after")]
    tc = d.get("title_cues") or {}
    vague = d.get("vague_sources") or []
    try:
        vague_re = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{v})" for v in vague) + r")$") \
            if vague else re.compile(_NEVER)
    except re.error as exc:
        raise CourseInputError(p, f"a vague_sources pattern is not a valid regular expression ({exc})",
                               "fix the pattern") from None
    def words_re(key: str, flags=re.IGNORECASE) -> re.Pattern:
        items = [str(x) for x in d.get(key) or []]
        return re.compile(rf"(?<![\w-])(?:{_alt(items)})(?![\w-])", flags) if items else re.compile(_NEVER)

    return ReportingCues(
        verb_re=re.compile(rf"(?<![\w-])(?:{_alt(forms)})(?![\w-])", re.IGNORECASE),
        verb_forms=forms,
        after_re=re.compile(rf"(?<![\w-])(?:{_alt(phrases)})(?![\w-])", re.IGNORECASE) if phrases else re.compile(_NEVER),
        title_verb_re=re.compile(rf"(?<![\w-])(?P<cue>{_alt(tc.get('verbs') or ['entitled'])})\s*[,:]?\s*$", re.IGNORECASE),
        title_noun_re=re.compile(
            rf"(?<![\w-])(?P<cue>{_alt(tc.get('nouns') or ['theme'])})\b(?:[^“”\".;]{{0,80}}?\b(?:was|is|were|are|as|of))?\s*[,:]?\s*$",
            re.IGNORECASE),
        vague_re=vague_re,
        after_name=tuple(after_name),
        disagreement=tuple(disagreement),
        document_re=words_re("documents"),
        source_noun_re=words_re("source_nouns"),
        outlet_noun_re=words_re("outlet_nouns"),
        speech_noun_re=_speech_noun_re([str(x) for x in d.get("speech_nouns") or []]),
        speech_from_re=_speech_from_re([str(x) for x in d.get("speech_nouns") or []]),
        not_names=frozenset(str(x) for x in d.get("not_names") or []),
    )
