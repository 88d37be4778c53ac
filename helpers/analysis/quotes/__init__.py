"""Quotations in an article, what kind each is (speech, title, term), who speaks, and
indirect attributions ("Omarov says this is …", "such observers believe …").

Rules only; the reporting cues (verbs with their complement patterns, "according to", document,
source and outlet nouns) are in ``data/lexicons/reporting_cues.yaml``. Speakers are resolved
through the actor table of ``helpers.analysis.actors`` (names, bare surnames and role phrases
such as "the Azerbaijani president"). Each quotation gets the first rule that applies:

Q1. a term after "so-called"; a title after "entitled"/"titled" … or a named work or theme
    ("the theme … was “…”").
Q2. a term: an outlet's name in quotation marks after an outlet noun ("the channel “X,”").
Q3. speech with a reporting cue after it: "…,” the Azerbaijani president asserted",
    "…,” said X" (inversion), "…,” according to X", and across a parenthesis and an appositive
    name ("…,” the Council’s (the upper chamber) chair, A B, signaled": the clause's first reporting
    verb, its subject by S1-S7).
Q4. speech with a reporting cue before it in the same sentence: "X writes, “…”", "X said that
    “…”", "X told/assured Y that “…”", "as X put it", "X was quoted as saying", "according to
    (reporting by) X"; the verb's subject is found by the rules S1-S7 of ``speakers`` (across
    appositives, relative clauses and asides; documents and outlets; pronouns). A quotation of
    at most three words far from its cue is a term (unless Q6 applies), except the complement of
    a verb with an object and "as" ("described the plan as “…”"). A reporting verb capitalised
    inside a sentence is part of a name ("the US State Department"), never a cue. A quotation
    inside the verb's reported clause ("declared that the veterans are “heroes”") or right after
    the object of a naming verb ("called the talks the “last chance”") is the subject's, however
    short. A passive verb ("has been described as") has no speaker for subject (Q4p), and a verb
    marked ``needs_that`` reports only with its clause ("recalled that …", not "recalled the “…”").
Q4c. a reporting verb coordinated with an earlier one of its sentence ("He warned the board … and
    underscored “…”"): its subject is the subject the sentence opens with, when that subject's own
    verb, right after it, is a reporting verb too; or, whatever that first verb, a person the
    sentence opens with (after a short adverbial, or named after a role phrase: "On May 2, the
    chief mufti of Kadra, A B, issued an edict calling them “…” and declared that …"), also after
    an earlier quotation of the sentence.
Q4q. speech after "X quotes Y as saying": Y's, the last actor named between the verb and "as
    saying" (a person first), not the writer's who quotes.
Q4p. speech after a passive reporting verb (an adverb may stand between: "was also noted"): the source of the citation right after it
    ("… described as “…” (Daily X, May 2)"); with no citation, no speaker.
Q4h. speech after a possessive pronoun opening the sentence or a clause and a noun of speech
    (``speech_nouns`` of the lexicon: "His emphasis on “…”", "…; her call for a “…”"): the
    nearest person named before it in the paragraph; none there, no speaker. After an actor's name
    and "’s" the noun's owner speaks, and a "that" clause may stand between the noun and the
    quotation, after a comma too ("X’s admission that A and B “…”", "X’s dictum, that the navy must
    “…”"). A noun of speech "from" or "by" a person, then "is that" ("The latest instruction from X,
    who chairs the board, is that “…”"): that person's.
Q5. speech after a colon that ends a clause whose subject is a person (the clause's first actor
    must be a person: a state or body there gives no speaker).
    Q5b: a quotation that opens its paragraph after a paragraph ending in a reporting clause and a
    colon ("He stated that:") is a block quotation of that clause's subject. A capitalised word
    after a quotation is no reporting verb ("… of Xi Jinping Thought": a name).
Q6. speech in a sentence opened by "According to X,": X's, however short; X may carry an
    affiliation, co-authors and a citation before the comma ("According to A from the B
    Institute,", "According to an analysis by A, B and C (Outlet, May 2),").
Q7. speech right after a speech quotation, after that quotation's own speaker tag
    ("“…,” she said. “…”"), or joined to it by "and that" ("X said that “…” and that “…”"), or
    later in the same sentence with no other actor, vague source or "they"/"we" between (Q7c:
    "X found that it was “…” and declared it “…”"; an actor's possessive before a thing, "the
    navy’s capacity to …", is no other source, one before a role, "the navy’s spokesman", is), or after a reporting participle that opens
    the sentence's next clause, whoever is named in it (Q7d: "…, adding that Y should “…”"): the
    same speaker. Q7e: after a reporting participle that opens the sentence's last clause and
    runs to the quotation (", dubbing it “…”", ", calling the plan “…”", ", warning that …"), the
    subject the sentence opens with (a title before the name allowed). Q7f: in a second reported
    clause of the same verb ("X declared that A is “…” and that B is a “…”"), whatever actors that
    clause names, when no reporting verb stands between: the same speaker. A clause opened after a
    quotation ("“…,” while Y called it …") gives that quotation no cue of its own.
Q8. a statement (five words or more, not capitalised like a title) with no cue of its own later
    in the paragraph of a speech quotation with a speaker, no other person, vague source or
    "they"/"we" between them: the same speaker. Q8b: such a statement in the sentence right after
    one opened by "According to X," (as in Q6): X's, on the same conditions (a source of several
    co-authors is named by the first). Q8c: such a statement in the sentence right after one that
    reports a named person's words without quoting them ("X indicated that … . How …, “…”
    (Outlet, May 2)"): X's, when no other person is named from X's verb to the quotation (before
    Q9b, which would give it to the source cited).
Q9. speech with a reporting cue whose subject names no one ("they said", an unresolved role
    noun, a pronoun with no person before it, a vague source whose reported clause holds the
    quotation: "Sources have also stated that … “…”"): speaker left unresolved, the rule says why.
    A verb marked ``close`` in the lexicon ("go on") reports only right before its quotation or
    "to say …" ("he went on, “…”"; not "go on an offensive to ensure “…”").
Q9b. a statement of five words or more in a sentence that attributes nothing before it (no
    reporting verb, "that", "according to" or colon), followed at once by a citation ("… and
    “sees enemies everywhere” (Lake Post, May 3)"): the source cited is its speaker. Not when the
    sentence opens with a person (a name, "he"/"she", "The" and a person's role word: "The grand
    mufti … called it the “…” (Outlet, May 3)" is the mufti's words, left to Q11 or unresolved).
Q11. a quotation in a sentence that opens with a person's name (after a short adverbial such as
    "On July 11," or "In Kadra,"; after "the" and one or two lower-case words: "the outspoken X") and its verb, not a reporting verb of the lexicon, with no other
    person, body or outlet, pronoun, colon or second quotation between that verb and the quotation:
    the sentence's subject ("Lavrov publicly appreciated his host country’s “measured” position").
    Not after a possessive ("Lavrov’s critics"), nor for a term the author builds on or glosses
    ("pro-“…”", "“…” (the …)", "“…,” the technique of …"; a citation after the closing mark is no gloss).
Q10. no cue: a term of at most four words, a title when capitalised like one, else speech
    with no speaker.

Every quotation and attribution says which rule fired. Unbalanced quotation marks are reported
in ``QuoteAnalysis.problems``. Offsets are into ``Article.text``; a quotation's span covers its
quotation marks.

The modules, one concern each: ``model`` (the results), ``speakers`` (who is the subject of
a reporting verb), ``quotations`` (quotation marks, each quotation's kind and speaker),
``attributions`` (indirect attributions) and ``scoring`` (against an answer key); the
reporting cue lexicon is read by ``helpers.analysis.reporting``.
"""

from helpers.analysis.quotes.model import KINDS, Attribution, Quote, QuoteAnalysis
from helpers.analysis.quotes.quotations import extract_quotes
from helpers.analysis.quotes.scoring import score_quotes
from helpers.analysis.reporting import ReportingCues, load_reporting_cues

__all__ = ["KINDS", "Attribution", "Quote", "QuoteAnalysis", "ReportingCues", "extract_quotes",
           "load_reporting_cues", "score_quotes"]
