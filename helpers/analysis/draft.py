"""A draft article pack, computed from the analyses: what an instructor reviews instead of writing
ten YAML files by hand (``python -m helpers pack draft ARTICLE``).

``draft_pack(article)`` returns ``{pack file name: mapping}`` (``"key/citations"``, ``"reading"`` …)
in the formats the lessons read (``helpers.model.packs``). Every drafted item carries
``status: draft``, the ``rule`` (or evidence) that produced it and a ``confidence`` between 0 and 1;
nothing outside the article is invented: where a lesson needs outside knowledge (a glossary
definition, a source), the item is left empty with a ``look_up`` prompt saying what to find and
where. The confidences are the rules' own ranking (how often each kind of rule was right on the
bundled keys and the evaluation corpus of ``data/evaluation/``), not probabilities.

The rules, by file:

1. ``key/citations`` — every citation of ``helpers.analysis.citations`` with its sources (a lost
   source stays ``name: null``); confidence 0.9, 0.6 when the parser reported a problem or a date
   it could not resolve.
2. ``key/quotes`` — every quotation of ``helpers.analysis.quotes`` (speech, title, term) with its
   speaker; confidence 0.7 for speech with a speaker, 0.3 for speech without one, 0.6 otherwise;
   the vague attributions ("some in the capital believe") with their cue, 0.6.
3. ``key/actors`` — every actor of ``helpers.analysis.actors`` with its aliases; confidence by how
   the actor was first found: a full name 0.8, a demonym or a capital standing for its government
   0.6, anything else 0.5; ``not_actors`` left empty for the reviewer.
4. ``reading`` — the voice of each sentence: a question mark ends it → ``question`` (0.8); it holds
   a speech quotation with a speaker or an attribution → ``reported_view``, the cue quoted (0.7);
   it has a stance marker of the author's (hedge, booster) → ``author_claim`` (0.5); otherwise
   ``statement_of_fact`` (0.3). The role of each paragraph: a connective with an ``outline`` part
   (``data/lexicons/connectives.yaml``: "on the one hand", "in short" …) in its first sentence → that
   part (0.7); the first paragraph → ``frame`` (0.5); the last → ``conclusion`` (0.4); a paragraph
   where most sentences report someone → ``a source's case`` when they report one named source,
   else ``reported hopes or claims`` (0.4); otherwise ``background`` (0.2).
   The concordance term: the most mentioned actor's most used name in the body (0.6).
5. ``statements`` — the candidate discourse statements of ``helpers.analysis.discourse``, each
   concept its own provisional label (0.4: a person codes the concepts).
6. ``glossary`` — one entry per actor that is a person, an organisation or an outlet, and per
   cited source the registry does not know: where the article uses it, an empty definition and a
   ``look_up`` prompt.
7. ``exercises`` — ``01_predict_question``: the first sentence of paragraph 1 that ends with a
   question mark (0.8), else its last sentence (0.3); ``01_this_author``: the phrase "this author"
   when the text uses it, else no phrase and a prompt to ask how to find who wrote the article;
   both with what a good answer does (how to check a byline), never a name.
8. ``argument`` — the argument map (``helpers/schemas/argument.schema.json``, which has no
   ``status``: the map's ``notes`` begin with :data:`DRAFT_MAP_NOTE`, each statement's ``note``
   gives its rule and confidence; each statement is one sentence, its text the sentence itself).
   A1 the question: the first sentence ending with a question mark (0.8), else the opening's last
   sentence (0.3). A2 the sides: a sentence opened by a connective with an ``outline`` part
   "first/second interpretation" (0.6); the second attacks the first. A3 the conclusion: the last
   sentence with a summary connective (``outline: conclusion``: "in short", "in sum", 0.7), else
   one with a generic conclusion marker ("ultimately" …, ``data/generic/argument_cues.yaml``, 0.6),
   else a sentence of the last paragraph with a consequence connective (0.4), else the last
   sentence (0.3). A4 premises: the other sentences of the conclusion's paragraph (0.4), and
   sentences with a support connective (function ``cause``) or a scheme's cue (0.3); each supports
   the side opened in its paragraph, else the conclusion; the conclusion and the first side bear
   on the question (marked: yes or no is the reviewer's to decide). A5 voices: a reporting cue
   with a source → reported (the speaker); a cue without one → contested; a conclusion without a
   cue between sentences that report someone → contested (the hard case); else the author's.
9. ``schemes`` — scheme instances of the catalogue (``data/lexicons/schemes.yaml``), ids neutral
   (``argument-1`` …: an id never names its scheme), at most one per scheme and speaker and
   :data:`MAX_INSTANCES` in all, the conclusion's own premises first. S2 a conditional and a modal
   ("if … will") → from (negative) consequences (0.3); S1 a sentence reporting a person → from
   expert opinion, another source → from position to know (0.4/0.3); S3 a sign cue ("a sign",
   "shows that" …) → from sign (0.3); S5 an analogy cue ("just as", "similar to" …, not "like" or
   "unlike") → from analogy (0.3); S4 a cause connective → from cause to effect (0.3). Every
   critical question of the scheme is listed ``open`` with the premise's sentence as evidence
   (its citations for the evidence questions; a lost source is said so).
10. ``critique`` (``exercises:`` keys of lessons 04 and 05) and more ``exercises`` keys, E1-E9:
   the predicted thesis from the headline's claim and qualification (E1); the opening's voices
   from rule V (E2); the paragraph roles from rule R, as lesson 02 names them (E3); two scheme
   instances for lesson 05 (E4); who is heard and who only mentioned (E5); the actors not first
   found by name, to check first (E6); the reconstruction: the conclusion (A3) and its paragraph's
   other sentences, the unstated premise left to the student (E7); what a good amended map and a
   good critique do (E8, E9: no verdict on the article is drafted). No ``rubric``: lesson 05 uses
   the generic one (``helpers.model.rubrics.critique_rubric``).

:func:`score_draft` scores the analysis keys against hand-made gold, :func:`score_lesson_keys`
the lesson keys against a hand-made pack of the same article.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from helpers.analysis.actors import extract_actors
from helpers.analysis.citations import extract_citations
from helpers.analysis.discourse import propose_statements
from helpers.analysis.quotes import extract_quotes
from helpers.analysis.reading import STANCE_CATEGORIES, extract_features, load_lexicons, outline_markers
from helpers.model.packwriter import DRAFT_NOTES

DRAFT = "draft"
#: the pack files a draft writes, in the order a reviewer reads them
FILES = ("key/citations", "key/quotes", "key/actors", "reading", "statements", "glossary", "argument", "schemes",
         "critique", "exercises")
#: actor types that a glossary explains (states and places are looked up less often)
GLOSSARY_TYPES = ("person", "organization", "media", "group")


def _item(rule: str, confidence: float, **fields: Any) -> dict[str, Any]:
    return {**fields, "status": DRAFT, "rule": rule, "confidence": round(float(confidence), 2)}


def draft_pack(article, *, lexicons=None, registry=None, nlp=None) -> dict[str, dict[str, Any]]:
    """The draft pack of ``article``: ``{file name: mapping}`` for every name in :data:`FILES`."""
    lexicons = lexicons if lexicons is not None else load_lexicons()
    actors = extract_actors(article, nlp=nlp)
    quotes = extract_quotes(article, actors, nlp=nlp)
    cites = extract_citations(article, registry)
    features = extract_features(article, lexicons)
    from helpers.analysis.arguments import load_schemes

    head = {"article_id": article.id, "status": DRAFT,
            "drafted_by": "helpers.analysis.draft (rules in its docstring); review every item and set "
                          "status: checked"}
    reading = _reading(article, quotes, features, actors, lexicons)
    r = _Reading(article, quotes, actors, cites, features, reading["voice_key"], lexicons)
    amap, instances, facts = _argument(r, load_schemes())
    keys, critique = _lesson_keys(article, r, reading["paragraph_roles"], facts)
    return {
        "key/citations": {**head, "citations": _citations(cites)},
        "key/quotes": {**head, **_quotes(quotes)},
        "key/actors": {**head, "actors": _actors(actors), "not_actors": []},
        "reading": {**head, **reading},
        "statements": {**head, **_statements(article, quotes, actors, cites)},
        "glossary": {**head, "entries": _glossary(article, actors, cites)},
        "argument": amap,  # the map's schema has no status: DRAFT_MAP_NOTE in its notes says it is a draft
        "schemes": {**head, **instances},
        "critique": {**head, "exercises": critique},
        "exercises": {**head, **_exercises(article), **keys},
    }


# -- 1-3: the analysis keys ----------------------------------------------------------------

def _citations(cites) -> list[dict[str, Any]]:
    out = []
    for c in cites:
        unresolved = any(s.unresolved for s in c.sources)
        sources = [{"name": s.name, "see": bool(s.see), "dates": list(s.dates)} for s in c.sources]
        out.append(_item(c.rule or "citation parser", 0.6 if (c.problems or unresolved) else 0.9,
                         id=c.id, paragraph=c.paragraph, sentence=c.sentence_id, raw=c.raw, sources=sources))
    return out


def _quotes(quotes) -> dict[str, Any]:
    listed = []
    for q in quotes.quotes:
        confidence = (0.7 if q.speaker else 0.3) if q.kind == "speech" else 0.6
        listed.append(_item(q.rule, confidence, id=q.id, paragraph=q.paragraph, sentence=q.sentence_id,
                            kind=q.kind, speaker=q.speaker, text=q.text))
    vague = [_item(a.rule, 0.6, source=a.source, vague=True, paragraph=a.paragraph, sentence=a.sentence_id, cue=a.cue)
             for a in quotes.attributions if a.vague]
    return {"quotes": listed, "attributions": vague}


_HOW_CONFIDENCE = {"name": 0.8, "demonym": 0.6, "metonymy": 0.6}


def _first_body_mention(actor):
    return next((m for m in actor.mentions if m.paragraph), actor.mentions[0] if actor.mentions else None)


def _actors(actors) -> list[dict[str, Any]]:
    out = []
    for a in actors.actors:
        first = _first_body_mention(a)
        how = first.how if first is not None else "name"
        out.append(_item(f"first found as a {how}" + (f" ({first.text!r}, {first.sentence_id})" if first else ""),
                         _HOW_CONFIDENCE.get(how, 0.5), name=a.name, type=a.type, aliases=list(a.aliases)))
    return out


# -- 4: guided reading ---------------------------------------------------------------------

def _first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def _reading(article, quotes, features, actors, lexicons) -> dict[str, Any]:
    reported: dict[str, str] = {}
    for q in quotes.quotes:
        if q.kind == "speech" and q.speaker and q.cue:
            reported.setdefault(q.sentence_id, q.cue)
    for a in quotes.attributions:
        reported.setdefault(a.sentence_id, a.cue)
    stance: dict[str, str] = {}
    for f in features:
        if f.category in STANCE_CATEGORIES and f.category != "attribution":
            stance.setdefault(f.sentence_id, f.text)
    voices = []
    for s in article.sentences:
        base = {"sentence": s.id, "starts_with": _first_words(s.text)}
        if s.text.rstrip(" ”’\"')").endswith("?"):
            voices.append(_item("V1: the sentence ends with a question mark", 0.8, **base, label="question",
                                cue=s.text.rstrip()[-40:].lstrip()))
        elif s.id in reported and reported[s.id] and reported[s.id] in s.text:
            voices.append(_item("V2: a reporting cue with a speaker or a source", 0.7, **base, label="reported_view",
                                cue=reported[s.id]))
        elif s.id in stance:
            voices.append(_item("V3: a hedge or booster and no reporting cue", 0.5, **base, label="author_claim",
                                cue=stance[s.id]))
        else:
            voices.append(_item("V4: no cue of voice or stance", 0.3, **base, label="statement_of_fact", cue=None))
    sources: dict[str, tuple[str, bool]] = {}
    for q in quotes.quotes:
        if q.kind == "speech" and q.speaker:
            sources.setdefault(q.sentence_id, (q.speaker, False))
    for a in quotes.attributions:
        if a.source:
            sources.setdefault(a.sentence_id, (a.source, bool(a.vague)))
    return {"paragraph_roles": _roles(article, reported, features, lexicons, sources), "voice_key": voices,
            "concordance": _concordance(article, actors)}


def _roles(article, reported: dict[str, str], features, lexicons,
           sources: dict[str, tuple[str, bool]] | None = None) -> list[dict[str, Any]]:
    markers = outline_markers(lexicons)
    by_sentence: dict[str, list] = {}
    for f in features:
        if f.category == "connective" and f.form.lower() in markers:
            by_sentence.setdefault(f.sentence_id, []).append(f)
    roles, last = [], len(article.paragraphs)
    for p in article.paragraphs:
        first = p.sentences[0]
        marker = (by_sentence.get(first.id) or [None])[0]
        cue = {"sentence": first.id, "quote": marker.text if marker else _first_words(first.text, 4)}
        share = sum(s.id in reported for s in p.sentences) / len(p.sentences)
        if marker is not None:
            role = _item(f"R1: the connective '{marker.form}' opens the paragraph", 0.7, role=markers[marker.form.lower()])
        elif p.number == 1:
            role = _item("R2: the first paragraph", 0.5, role="frame")
        elif p.number == last:
            role = _item("R3: the last paragraph", 0.4, role="conclusion")
        elif share > 0.5:
            who = [(sources or {}).get(s.id) for s in p.sentences if s.id in reported]
            named = {w[0] for w in who if w and not w[1]}
            one = len(named) == 1 and all(w and not w[1] for w in who)
            role = _item(f"R4: {sum(s.id in reported for s in p.sentences)} of {len(p.sentences)} sentences report "
                         + (f"one source ({next(iter(named))})" if one else "someone (several or unnamed sources)"),
                         0.4, role="a source's case" if one else "reported hopes or claims")
        else:
            role = _item("R5: no cue; decide from the text", 0.2, role="background")
        roles.append({"paragraph": p.number, **role, "cue": cue})
    return roles


def _concordance(article, actors) -> dict[str, Any]:
    body = [(a, [m for m in a.mentions if m.paragraph]) for a in actors.actors]
    body = [(a, ms) for a, ms in body if ms]
    if not body:
        return {}
    actor, mentions = max(body, key=lambda x: (len(x[1]), x[0].name))
    term, count = Counter(m.text for m in mentions).most_common(1)[0]
    return _item(f"the most mentioned actor in the body ({actor.name}: {len(mentions)} mentions; "
                 f"'{term}' {count} times)", 0.6, suggested_term=term,
                 why=f"Read every use of '{term}' together: who does what, and where the name stands for something else.")


# -- 5-7 -------------------------------------------------------------------------------------

def _slug(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:5]
    base = "-".join(words) or "concept"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _statements(article, quotes, actors, cites) -> dict[str, Any]:
    concepts: dict[str, str] = {}
    out = []
    for s in propose_statements(article, quotes, actors, citations=cites):
        label = _slug(s.concept, set(concepts))
        concepts[label] = s.concept
        d = {"id": s.id, "actor": s.actor, "concept": label, "agreement": s.agreement, "sentence": s.sentence_id}
        if s.quote:
            d["quote"] = s.quote
        if s.citation:
            d["citation"] = s.citation
        out.append(_item(s.note or f"proposed from a {s.origin}", 0.4, **d))
    return {"concepts": concepts, "statements": out}


def _glossary(article, actors, cites) -> list[dict[str, Any]]:
    entries, seen = [], set()
    for a in actors.actors:
        first = _first_body_mention(a)
        if a.type not in GLOSSARY_TYPES or first is None or not first.paragraph or a.name in seen:
            continue
        seen.add(a.name)
        entries.append(_item(f"an actor of type {a.type}", 0.5, id=_slug(a.name, set()), term=a.name, kind=a.type,
                             article=[{"sentence": first.sentence_id, "quote": first.text}], definition="",
                             outside_knowledge=True, sources=[],
                             look_up=f"Who or what is {a.name} at the time of the article? Use a reference work or "
                                     "the body's own pages; record title, publisher, URL and the date you read it."))
    for c in cites:
        for src in c.sources:
            if src.name and src.category is None and src.name not in seen:
                seen.add(src.name)
                entries.append(_item("a cited source the outlet registry does not know", 0.5, id=_slug(src.name, set()),
                                     term=src.name, kind="outlet", article=[{"sentence": c.sentence_id, "quote": src.name}],
                                     definition="", outside_knowledge=True, sources=[],
                                     look_up=f"What kind of outlet is {src.name}: who publishes it, and for whom? Its "
                                             "own about page and a media registry; then add it to data/sources.yaml."))
    return entries


def _exercises(article) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if article.paragraphs:
        opening = article.paragraphs[0].sentences
        asks = [s for s in opening if s.text.rstrip(" ”’\"')").endswith("?")]
        if asks:
            out["01_predict_question"] = _item("the first sentence of paragraph 1 with a question mark", 0.8,
                                               answer=asks[0].id, hint="Look for the sentence that asks something.")
        else:
            out["01_predict_question"] = _item("no question mark in paragraph 1: its last sentence", 0.3,
                                               answer=opening[-1].id,
                                               hint="The question may be implied: which sentence sets up what the "
                                                    "article has to show?")
    look_for = ["what the text itself says (or does not say) about its writer, with the sentence",
                "a check against the original publication: the outlet's own page and its byline",
                "a second, independent check (the outlet's archive, an author page, earlier pieces it cites)",
                "where you found the name and the date you checked; no guess from style, topic or nationality"]
    outlet = (article.metadata or {}).get("publication") or "the outlet"
    if re.search(r"\bthis author\b", article.text, re.IGNORECASE):
        out["01_this_author"] = _item("the text says 'this author'", 0.8, phrase="this author",
                                      model_answer="“This author” is the writer referring to themselves in the third "
                                                   "person. Who that is, is a question for outside evidence: find the "
                                                   f"article on the site of {outlet} and read its byline, check the "
                                                   "outlet's archive or author pages, and record where and when you "
                                                   "checked.", look_for=look_for)
    else:
        out["01_this_author"] = _item("the text never refers to its writer", 0.5,
                                      look_up="There is no reference to the author in the text: ask how to find who "
                                              "wrote it (byline, the outlet's archive, an author page).",
                                      model_answer="The text never names or refers to its writer, so who wrote it is a "
                                                   "question for outside evidence, not for guessing: find the article "
                                                   f"on the site of {outlet} and read its byline; check the outlet's "
                                                   "archive or author pages; record where you found the name and when "
                                                   "you checked.", look_for=look_for)
    return out


# -- 8-10: the argument, its schemes, the critique ------------------------------------------------

#: how a drafted argument map says it is a draft: its ``notes`` begin with this (the map's schema,
#: ``helpers/schemas/argument.schema.json``, has no ``status`` field; each statement's ``note``
#: gives its rule and confidence)
DRAFT_MAP_NOTE = DRAFT_NOTES
#: the two labels of lesson 01's opening-voices exercise (``helpers.present.exercises.labels.VOICE_LABELS``)
OPENING_LABELS = {"author": "the author's own voice", "reported": "a reported view"}
#: lesson 02's paragraph roles (``helpers.present.exercises.roles.PARAGRAPH_ROLES``) for each drafted role
ROLE_LABELS = {"frame": "frame", "background": "background", "reported hopes or claims": "reported hopes or claims",
               "first interpretation": "interpretation", "second interpretation": "interpretation",
               "a source's case": "a source's case", "conclusion": "conclusion"}
#: actor types whose quoted words make an argument from expert opinion (others: from position to know)
EXPERT_TYPES = ("person",)
#: statements a drafted map holds at most (a long article would give an unreadable map)
MAX_STATEMENTS = 16
#: scheme instances a drafted pack holds at most
MAX_INSTANCES = 6


def map_is_draft(amap: Any) -> bool:
    """Whether an argument map (an ``ArgumentMap`` or its mapping) was drafted and not yet checked."""
    notes = amap.get("notes") if isinstance(amap, dict) else getattr(amap, "notes", None)
    return str(notes or "").startswith(DRAFT_MAP_NOTE)


def _ends_with_question(text: str) -> bool:
    return text.rstrip(" ”’\"')").endswith("?")


def _opening_quote(text: str, words: int = 12) -> str:
    """The first ``words`` words of ``text``, copied exactly (a statement's ``quote``)."""
    m = re.match(r"\s*(\S+(?:\s+\S+){0,%d})" % (words - 1), text)
    return m.group(1).rstrip(",;:") if m else text


def _has_word(text: str, forms) -> str | None:
    """The first of ``forms`` that occurs in ``text`` as whole words, as the text writes it."""
    for form in forms:
        m = re.search(r"(?<![\w-])" + re.escape(str(form)) + r"(?![\w-])", text, re.IGNORECASE)
        if m:
            return m.group(0)
    return None


class _Reading:
    """What the drafting rules of the argument share: the analyses of one article, computed once."""

    def __init__(self, article, quotes, actors, cites, features, voices, lexicons):
        from helpers.model.rubrics import argument_cues

        self.article, self.quotes, self.actors, self.cites, self.features = article, quotes, actors, cites, features
        self.voice = {v["sentence"]: v for v in voices}
        self.cues = argument_cues()
        self.markers = outline_markers(lexicons)
        self.speakers: dict[str, str] = {}
        for q in quotes.quotes:
            if q.kind == "speech" and q.speaker:
                self.speakers.setdefault(q.sentence_id, q.speaker)
        for a in quotes.attributions:
            if a.source:
                self.speakers.setdefault(a.sentence_id, a.source)
        self.types = {a.name: a.type for a in actors.actors}
        self.citations: dict[str, list] = {}
        for c in cites:
            self.citations.setdefault(c.sentence_id, []).append(c)
        self.connectives: dict[str, list] = {}
        for f in features:
            if f.category == "connective":
                self.connectives.setdefault(f.sentence_id, []).append(f)
        self.functions = _connective_functions(lexicons)

    def reported(self, sid: str) -> bool:
        return (self.voice.get(sid) or {}).get("label") == "reported_view"

    def paragraph_of(self, sid: str):
        return self.article.paragraph(int(sid[1:].split(".")[0]))


def _connective_functions(lexicons) -> dict[str, str]:
    connective = lexicons.get("connective")
    return {e.form.lower(): (e.function or "") for e in (connective.entries if connective else [])
            if not getattr(e, "needs_review", False)}


def _voice_of(r: _Reading, sid: str, kind: str) -> dict[str, Any]:
    """A statement's voice (rule A5): a reporting cue with its source -> reported; a reporting cue
    without one, or a conclusion with no cue between sentences that report someone -> contested;
    otherwise the author's."""
    if r.reported(sid):
        if r.speakers.get(sid):
            return {"voice": "reported", "speaker": r.speakers[sid]}
        return {"voice": "contested", "note": f"a reporting cue (“{r.voice[sid].get('cue')}”) with no source the "
                                              "rules could name: whose view is it?"}
    if kind == "conclusion":
        sentences = [s.id for s in r.paragraph_of(sid).sentences]
        i = sentences.index(sid)
        around = [x for x in sentences[max(i - 1, 0):i + 2] if x != sid]
        if any(r.reported(x) for x in around):
            return {"voice": "contested", "note": "no reporting cue of its own, between sentences that report "
                                                  "someone: the author's verdict or the source's?"}
    return {"voice": "author"}


def _statement(r: _Reading, sid: str, kind: str, rule: str, confidence: float) -> dict[str, Any]:
    text = " ".join(r.article.sentence(sid).text.split())
    voice = _voice_of(r, sid, kind)
    reason = voice.pop("note", None)
    note = (f"Drafted ({rule}; confidence {confidence:.1f}). The text is the sentence itself: write a paraphrase."
            + (f" Contested: {reason}" if reason else ""))
    out = {"id": sid.replace(".", "-"), "kind": kind, **voice, "text": text,
           "quote": _opening_quote(r.article.sentence(sid).text), "sentences": [sid]}
    raws = [c.raw for c in r.citations.get(sid, []) if c.raw in r.article.sentence(sid).text]
    if raws:
        out["citations"] = raws
    out["note"] = note
    return out


def _conclusion_sentence(r: _Reading) -> tuple[str, str, float]:
    """(sentence id, rule, confidence) of the conclusion (rule A3)."""
    body = [s for p in r.article.paragraphs for s in p.sentences]
    marked = [(s.id, f.text) for s in body for f in r.connectives.get(s.id, [])
              if r.markers.get(f.form.lower()) == "conclusion"]
    if marked:
        sid, text = marked[-1]
        return sid, f"A3: the summary connective “{text}”", 0.7
    for s in reversed(body):
        cue = _has_word(s.text, r.cues.get("conclusion_markers") or [])
        if cue:
            return s.id, f"A3: the conclusion marker “{cue}”", 0.6
    last = r.article.paragraphs[-1].sentences
    for s in last:
        f = next((f for f in r.connectives.get(s.id, []) if r.functions.get(f.form.lower()) == "consequence"), None)
        if f is not None:
            return s.id, f"A3: the consequence connective “{f.text}” in the last paragraph", 0.4
    return last[-1].id, "A3: no marker; the last sentence of the text", 0.3


def _scheme_candidate(r: _Reading, sid: str) -> tuple[str, list[str], str, float] | None:
    """(scheme, other schemes it may be, rule, confidence) for one sentence (rules S1-S5), or None."""
    text = r.article.sentence(sid).text
    conditional = _has_word(text, r.cues.get("conditionals") or [])
    if conditional and _has_word(text, r.cues.get("modals") or []):
        return ("negative_consequences", ["cause_to_effect"],
                f"S2: a conditional (“{conditional}” … and a modal) states what would follow", 0.3)
    speaker = r.speakers.get(sid)
    if speaker and r.reported(sid):
        if r.types.get(speaker) in EXPERT_TYPES:
            return "expert_opinion", ["position_to_know"], f"S1: {speaker} (a person) is reported as saying it", 0.4
        return "position_to_know", ["expert_opinion"], f"S1: {speaker} is reported as saying it", 0.3
    sign = _has_word(text, r.cues.get("sign_cues") or [])
    if sign:
        return "sign", ["cause_to_effect"], f"S3: “{sign}” reads one finding as a sign of another", 0.3
    analogy = _has_word(text, r.cues.get("analogy_cues") or [])
    if analogy:
        return "analogy", ["sign"], f"S5: “{analogy}” compares this case with another", 0.3
    cause = next((f for f in r.connectives.get(sid, []) if r.functions.get(f.form.lower()) == "cause"), None)
    if cause is not None:
        return "cause_to_effect", ["sign"], f"S4: the cause connective “{cause.text}”", 0.3
    return None


_SCHEME_HINTS = {
    "expert_opinion": "The argument stands on who says it ({sid}): what does the text tell you about that speaker, "
                      "and which scheme's first premise is about the person who asserts?",
    "position_to_know": "The argument stands on who says it ({sid}): is the speaker an authority on the field, or "
                        "someone placed to know the facts?",
    "negative_consequences": "The sentence ({sid}) says what would follow if something happened or did not: which "
                             "scheme argues from what would follow?",
    "sign": "One finding ({sid}) is read as showing something beyond itself: which scheme takes one finding to "
            "indicate another?",
    "cause_to_effect": "The sentence ({sid}) gives a reason why something happens: which scheme argues from a cause?",
    "analogy": "The sentence ({sid}) sets this case beside another one: which scheme argues that what held there "
               "holds here, and how alike are the two cases?",
}


def _argument(r: _Reading, schemes) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(argument map, scheme instances, facts the exercise keys need) of the article (rules A1-A5, S1-S5)."""
    article = r.article
    body = [s for p in article.paragraphs for s in p.sentences]
    statements: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []

    def add(sid, kind, rule, confidence):
        if sid not in statements and len(statements) < MAX_STATEMENTS:
            statements[sid] = _statement(r, sid, kind, rule, confidence)
        return statements.get(sid)

    # A1: the question
    asks = [s for s in body if _ends_with_question(s.text)]
    question = None
    if asks:
        question = add(asks[0].id, "question", "A1: the first sentence with a question mark", 0.8)
    # A3: the conclusion (before the sides, so a long article keeps it)
    conclusion_id, rule, confidence = _conclusion_sentence(r)
    conclusion = add(conclusion_id, "conclusion", rule, confidence)
    if question is None and article.paragraphs:
        opening = article.paragraphs[0].sentences[-1].id
        if opening != conclusion_id:
            question = add(opening, "question", "A1: no question mark; the last sentence of the opening sets up "
                                                "what the article must show (write it as a question)", 0.3)
    # A2: the sides
    sides = []
    for s in body:
        for f in r.connectives.get(s.id, []):
            part = r.markers.get(f.form.lower())
            if part in ("first interpretation", "second interpretation") and s.id not in statements:
                sides.append((part, add(s.id, "claim", f"A2: “{f.text}” opens a side ({part})", 0.6)))
    sides = [(part, st) for part, st in sides if st is not None]
    # A4: premises: the other sentences of the conclusion's paragraph, then sentences with a support
    # connective or a scheme's cue
    for s in r.paragraph_of(conclusion_id).sentences:
        if s.id != conclusion_id:
            add(s.id, "premise", "A4: a sentence of the conclusion's paragraph", 0.4)
    for s in body:
        if s.id not in statements and (_scheme_candidate(r, s.id) or any(
                r.functions.get(f.form.lower()) == "cause" for f in r.connectives.get(s.id, []))):
            add(s.id, "premise", "A4: a support connective or a scheme's cue", 0.3)
    side_by_paragraph = {int(st["sentences"][0][1:].split(".")[0]): st for _, st in sides}
    order = {s.id: i for i, s in enumerate(body)}

    def target_of(st):
        n = int(st["sentences"][0][1:].split(".")[0])
        side = side_by_paragraph.get(n)
        return side if side is not None and side is not st else conclusion

    # S1-S5: scheme instances, one per premise with a cue
    instances, scheme_of, seen = [], {}, set()
    closing = conclusion["sentences"][0].split(".")[0] if conclusion else None
    # the conclusion's own premises first (the argument the lesson reconstructs), then in text order
    for st in sorted(statements.values(), key=lambda x: (x["sentences"][0].split(".")[0] != closing,
                                                         order[x["sentences"][0]])):
        if st["kind"] not in ("premise", "claim") or st is conclusion:
            continue
        sid = st["sentences"][0]
        found = _scheme_candidate(r, sid)
        if found is None or found[0] not in schemes:
            continue
        scheme, accept, rule, confidence = found
        target = target_of(st)
        who = (scheme, r.speakers.get(sid) if scheme in ("expert_opinion", "position_to_know") else sid)
        if target is None or target is st or who in seen or len(instances) >= MAX_INSTANCES:
            continue  # one instance per scheme and speaker: the same source's other sentences add nothing new
        seen.add(who)
        iid = f"argument-{len(instances) + 1}"
        scheme_of[st["id"]] = iid
        cqs = []
        for q in schemes[scheme].critical_questions:
            entry = {"id": q.id, "status": "open", "sentences": [sid],
                     "note": "Drafted: open until you read the text for it."}
            if q.id in ("backup_evidence", "assertion", "evidence") and st.get("citations"):
                entry["citations"] = list(st["citations"])
                lost = [c.raw for c in r.citations.get(sid, []) if any(x.name is None for x in c.sources)]
                if lost:
                    entry["note"] = f"Drafted: the citation {lost[0]} lost its source name in this copy."
            cqs.append(entry)
        instances.append(_item(rule, confidence, id=iid, scheme=scheme, accept=[a for a in accept if a in schemes],
                               summary=f"From {sid} (“{_first_words(st['text'], 8)} …”) to "
                                       f"{target['sentences'][0]} (“{_first_words(target['text'], 8)} …”).",
                               premises=[st["id"]], conclusion=target["id"], critical_questions=cqs))
    # A4 relations: every premise supports its side or the conclusion; the sides and the conclusion bear on the question
    for st in statements.values():
        if st["kind"] == "premise":
            target = target_of(st)
            if target is not None and target is not st:
                rel = {"from": st["id"], "to": target["id"], "type": "support"}
                if st["id"] in scheme_of:
                    rel["scheme"] = scheme_of[st["id"]]
                relations.append(rel)
    decide = "drafted: does it argue for yes (support) or for no (attack)? Decide from the text and say why"
    for n, (part, st) in enumerate(sides):
        if part == "second interpretation" and n and sides[n - 1][0] == "first interpretation":
            relations.append({"from": st["id"], "to": sides[n - 1][1]["id"], "type": "attack",
                              "note": "drafted from the contrast connective: the second side answers the first"})
        elif question is not None:
            relations.append({"from": st["id"], "to": question["id"], "type": "support", "note": decide})
    if question is not None and conclusion is not None:
        relations.append({"from": conclusion["id"], "to": question["id"], "type": "support", "note": decide})
    shown = sorted(statements.values(), key=lambda x: order[x["sentences"][0]])
    amap = {"article": article.id,
            "title": f"{article.title} (drafted map)",
            "notes": f"{DRAFT_MAP_NOTE}: every statement is one sentence, its note gives the rule (A1-A5 in "
                     "helpers.analysis.draft) and a confidence. Rewrite the texts as paraphrases, split and join "
                     "statements, check each voice and relation, then replace this note with your own.",
            "statements": shown, "relations": relations}
    facts = {"question": question, "conclusion": conclusion, "sides": sides, "statements": statements,
             "instances": instances}
    return amap, {"instances": instances}, facts


def _scheme_exercise(instances) -> dict[str, Any] | None:
    """The key of lesson 05's scheme exercise: two drafted instances, of different schemes where possible."""
    chosen = []
    for inst in instances:
        if all(c["scheme"] != inst["scheme"] for c in chosen):
            chosen.append(inst)
    for inst in instances:
        if len(chosen) < 2 and inst not in chosen:
            chosen.append(inst)
    chosen = chosen[:2]
    if not chosen:
        return None
    arguments = [{"id": chr(ord("A") + n), "instance": inst["id"], "scheme": inst["scheme"], "accept": inst["accept"],
                  "hint": _SCHEME_HINTS[inst["scheme"]].format(sid=inst["critical_questions"][0]["sentences"][0])}
                 for n, inst in enumerate(chosen)]
    return _item("S1-S5: the first drafted scheme instances, of different schemes where possible",
                 min(i["confidence"] for i in chosen), arguments=arguments)


def _lesson_keys(article, r: _Reading, roles, facts) -> tuple[dict[str, Any], dict[str, Any]]:
    """(keys for ``exercises.yaml``, keys for ``critique.yaml``'s ``exercises``) (rules E1-E9)."""
    from helpers.analysis.outline import headline_parts

    ex: dict[str, Any] = {}
    crit: dict[str, Any] = {}
    question, conclusion = facts["question"], facts["conclusion"]
    # E1: 01_predict_thesis, from the headline and the question
    parts = headline_parts(article.title)
    limit = (f"and its limit, “{parts['qualification']}”" if parts["qualification"] else
             "and what might limit it (the headline states no qualification)")
    asked = f", and answers the question the opening sets up ({question['sentences'][0]})" if question else ""
    ex["01_predict_thesis"] = _item("E1: the headline split at its dash, colon or 'but'", 0.5,
                                    model_answer=f"A prediction from the headline and paragraph 1 alone keeps both "
                                                 f"parts of the headline, its claim, “{parts['claim']}”, {limit}{asked}. "
                                                 "Any prediction that does this is a good one; compare it with the "
                                                 "last paragraph.",
                                    look_for=["both parts of the headline: the claim and its limit (or the lack of one)",
                                              "the link to the question or problem the first paragraph sets up",
                                              "a prediction, not a summary of the whole article (you have only read "
                                              "the opening)"])
    # E2: 01_opening_voices, from the drafted voice of each sentence of paragraph 1
    if article.paragraphs:
        labels, why, hint = {}, {}, {}
        for s in article.paragraphs[0].sentences:
            v = r.voice.get(s.id) or {}
            reported = v.get("label") == "reported_view"
            labels[s.id] = OPENING_LABELS["reported" if reported else "author"]
            why[s.id] = (f"the reporting cue “{v.get('cue')}”" + (f" gives the words to {r.speakers[s.id]}"
                                                                   if r.speakers.get(s.id) else "")
                         if reported else "no reporting cue: the writer speaks" + (
                             f" (“{v.get('cue')}”)" if v.get("cue") else ""))
            hint[s.id] = f"Look in {s.id} for a reporting verb (says, added, according to) and who it belongs to."
        ex["01_opening_voices"] = _item("E2: the drafted voice of each sentence (reading.yaml, rules V1-V4)", 0.5,
                                        labels=labels, why=why, hint=hint)
    # E3: 02_paragraph_roles, from the drafted roles
    labels, also, hint = {}, {}, {}
    for row in roles:
        role = ROLE_LABELS.get(row["role"])
        if role is None:
            continue
        labels[row["paragraph"]] = role
        if role in ("a source's case", "reported hopes or claims"):
            also[row["paragraph"]] = [x for x in ("a source's case", "reported hopes or claims") if x != role]
        cue = row.get("cue") or {}
        hint[row["paragraph"]] = (f"Read {cue.get('sentence')} again: what do its first words (“{cue.get('quote')}”) "
                                  "announce, and who is speaking in the paragraph?")
    if labels:
        ex["02_paragraph_roles"] = _item("E3: the drafted paragraph roles (reading.yaml, rules R1-R5)",
                                         min(row["confidence"] for row in roles), labels=labels, also=also, hint=hint)
    # E4: 05_schemes
    schemes = _scheme_exercise(facts["instances"])
    if schemes is not None:
        ex["05_schemes"] = schemes
    # E5: 04_voices, from who is heard and who is only mentioned
    heard = Counter(r.speakers.values())
    listed = ", ".join(f"{name} ({n} sentence{'s' if n > 1 else ''})" for name, n in heard.most_common())
    silent = [a.name for a in r.actors.actors if a.name not in heard and a.type != "media"
              and any(m.paragraph for m in a.mentions)]
    crit["04_voices"] = _item("E5: the speakers of the quotations and attributions, and the actors never heard", 0.4,
                              model_answer=("The views the article reports, by source: " + (listed or "none found")
                                            + ". Mentioned but never heard: " + (", ".join(silent) or "nobody") + ". "
                                            "What that does to the argument is your reading: whose case the "
                                            "conclusion rests on, and whose view on it is missing. (Counts drafted by "
                                            "the machine: check them against the text.)"),
                              look_for=["a count or share from the chart, not an impression",
                                        "the difference between being mentioned and being heard",
                                        "whether the actor the article's question is about is heard",
                                        "what follows for the evidence behind the conclusion"])
    # E6: 04_correct_actors, from the actors the rules were least sure of
    unsure = sorted(((a.name, _first_body_mention(a)) for a in r.actors.actors), key=lambda x: x[0])
    unsure = [f"{name} (first found as a {m.how}, {m.sentence_id})" for name, m in unsure
              if m is not None and m.how != "name"]
    crit["04_correct_actors"] = _item("E6: the actors not first found by their name", 0.3,
                                      model_answer=("Check first the actors the rules found other than by a name: "
                                                    + ("; ".join(unsure) if unsure else "none: every actor was found "
                                                       "by its name") + ". Then look for what no rule finds: a person "
                                                    "the text names only by a relation or a role, and strings that "
                                                    "are not actors. Which you add is your reading; the instructor "
                                                    "checks it."),
                                      look_for=["an alias copied exactly from the text",
                                                "the right type (person, organization, state …)",
                                                "a note that an identification from outside the text is outside "
                                                "knowledge, with where it comes from"])
    # E7: 05_reconstruct, the conclusion and its paragraph's other sentences
    if conclusion is not None:
        csid = conclusion["sentences"][0]
        premises = [st["sentences"][0] for st in facts["statements"].values() if st["kind"] == "premise"
                    and st["sentences"][0].split(".")[0] == csid.split(".")[0]]
        if not premises:
            premises = [st["sentences"][0] for st in facts["statements"].values() if st["kind"] == "premise"][:3]
        lines = [f"P{n} ({sid}): {_first_words(r.article.sentence(sid).text, 12)} …" for n, sid in
                 enumerate(premises, start=1)]
        lines.append(f"P{len(premises) + 1} (unstated): what must also be true for the conclusion to follow "
                     "(yours to write: the machine cannot draft it)")
        lines.append(f"C ({csid}): {_first_words(r.article.sentence(csid).text, 12)} …")
        crit["05_reconstruct"] = _item("E7: the drafted conclusion (rule A3) and the other sentences of its paragraph",
                                       conclusion_confidence(facts),
                                       prompt=f"The argument of paragraph {csid[1:].split('.')[0]}: the conclusion in "
                                              f"{csid} (“{_first_words(r.article.sentence(csid).text, 6)} …”) and the "
                                              "reasons the text gives for it.",
                                       answer=csid, premises=premises,
                                       hint=[f"Start from the conclusion ({csid}). Which sentences give reasons for it?",
                                             "Write each reason as a premise ending with its sentence id.",
                                             "What must also be true for the reasons to lead to the conclusion? That "
                                             "is the unstated premise."],
                                       model_answer=" ".join(lines),
                                       look_for=["the conclusion and every stated premise tied to the sentence it "
                                                 "comes from",
                                                 "an unstated premise the conclusion needs",
                                                 "the voice of each step noted where it matters (the author's or a "
                                                 "source's)"])
    # E8: 05_amend_map; E9: 05_critique (what a good answer does: generic, with the drafted map's shape)
    crit["05_amend_map"] = _item("E8: the drafted map takes each sentence as one statement", 0.3,
                                 model_answer="The drafted map takes each sentence as one statement and its sentence as "
                                              "its text. A good amendment of one paragraph rewrites the texts as "
                                              "paraphrases, splits a statement that bundles two claims, adds the "
                                              "premise the paragraph leaves unstated, and checks each voice and "
                                              "relation against the reporting cues.",
                                 look_for=["statements tied to sentence ids of the paragraph, with exact quotes",
                                           "a voice for every statement, with a note where it is contested",
                                           "relations that say which claim each premise supports or attacks",
                                           "a note where your map differs from the drafted one"])
    crit["05_critique"] = _item("E9: what a good critique does (the rubric's standards), not a verdict on this "
                                "article", 0.3,
                                model_answer="No model critique is drafted for this article: a verdict is a reader's "
                                             "judgement. A strong critique states its verdict in one sentence, ties "
                                             "every reason to the text by an exact quotation or a sentence id, grants "
                                             "the article its strongest point, names a perspective it leaves out, and "
                                             "keeps the author's claims apart from the views the author reports.",
                                look_for=["a one-sentence verdict", "exact quotations and sentence ids",
                                          "the article's strongest point acknowledged",
                                          "at least one absent perspective and what it would change",
                                          "the difference between the author's claims and the views reported"])
    return ex, crit


def conclusion_confidence(facts) -> float:
    """The confidence of the drafted conclusion (from its statement's note)."""
    note = (facts.get("conclusion") or {}).get("note", "")
    m = re.search(r"confidence (\d(?:\.\d+)?)", note)
    return float(m.group(1)) if m else 0.3


# -- how good the draft is -------------------------------------------------------------------

def score_draft(draft: dict[str, dict[str, Any]], gold) -> dict[str, Any]:
    """The drafted keys of ``draft`` scored against hand-made ``gold`` (an
    ``helpers.analysis.evaluate.GoldArticle``), task by task, as ``evaluate`` scores the rules."""
    from types import SimpleNamespace

    from helpers.analysis import evaluate

    out: dict[str, Any] = {}
    if gold.citations is not None:
        found = [SimpleNamespace(paragraph=c["paragraph"],
                                 sources=[SimpleNamespace(name=s["name"], dates=s["dates"]) for s in c["sources"]])
                 for c in draft["key/citations"]["citations"]]
        out["citations"] = evaluate.score_citations_units(found, gold.citations)
    if gold.quotes is not None:
        found = [SimpleNamespace(**{k: q[k] for k in ("id", "paragraph", "text", "speaker", "kind")})
                 for q in draft["key/quotes"]["quotes"]]
        out["speakers"] = evaluate.score_speakers(found, gold.quotes, (gold.actors or {}).get("actors"))
    if gold.actors is not None:
        found = [SimpleNamespace(name=a["name"], type=a["type"], aliases=a["aliases"]) for a in draft["key/actors"]["actors"]]
        out["actors"], _ = evaluate.score_actor_list(found, gold.actors)
    return out


def score_lesson_keys(draft: dict[str, dict[str, Any]], pack) -> dict[str, tuple[int, int]]:
    """The drafted lesson keys of ``draft`` against the hand-made ones of ``pack`` (an
    ``helpers.model.packs.ArticlePack`` of the same article): ``{key: (right, of)}`` for each key
    both have — paragraph roles, the opening's voices, every sentence's voice, the question the
    opening asks, the map's question and conclusion, the reconstruction's conclusion and premises,
    and the scheme instances (same scheme, a premise sentence in common)."""
    out: dict[str, tuple[int, int]] = {}
    mine, theirs = draft.get("exercises") or {}, pack.get("exercises", {}) or {}

    def labels(key, item_id):
        accepted = {str(k): v for k, v in (key.get("labels") or {}).items()}.get(str(item_id))
        also = {str(k): v for k, v in (key.get("also") or {}).items()}.get(str(item_id)) or []
        return [accepted, *([also] if isinstance(also, str) else also)]

    for name in ("02_paragraph_roles", "01_opening_voices"):
        hand, drafted = theirs.get(name) or {}, mine.get(name) or {}
        if hand.get("labels") and drafted.get("labels"):
            given = {str(k): v for k, v in drafted["labels"].items()}
            out[name] = (sum(given.get(str(k)) in labels(hand, k) for k in hand["labels"]), len(hand["labels"]))
    hand_voice = (pack.get("reading", {}) or {}).get("voice_key") or []
    drafted_voice = {v["sentence"]: v["label"] for v in (draft.get("reading") or {}).get("voice_key") or []}
    if hand_voice and drafted_voice:
        right = sum(drafted_voice.get(v["sentence"]) in [v.get("label"), *[r.get("label") for r in v.get("readings") or []]]
                    for v in hand_voice)
        out["voice_key"] = (right, len(hand_voice))
    for name in ("01_predict_question",):
        hand, drafted = theirs.get(name) or {}, mine.get(name) or {}
        if hand.get("answer") and drafted.get("answer"):
            out[name] = (int(hand["answer"] == drafted["answer"]), 1)
    hand_map, drafted_map = pack.get("argument", {}) or {}, draft.get("argument") or {}
    for kind in ("question", "conclusion"):
        hand_sentences = {x for s in hand_map.get("statements") or [] if s.get("kind") == kind for x in s["sentences"]}
        drafted_sentences = {x for s in drafted_map.get("statements") or [] if s.get("kind") == kind
                             for x in s["sentences"]}
        if hand_sentences and drafted_sentences:
            out[f"argument {kind}"] = (int(bool(hand_sentences & drafted_sentences)), 1)
    hand_rec = ((pack.get("critique", {}) or {}).get("exercises") or {}).get("05_reconstruct") or {}
    drafted_rec = ((draft.get("critique") or {}).get("exercises") or {}).get("05_reconstruct") or {}
    if hand_rec.get("answer") and drafted_rec.get("answer"):
        out["05_reconstruct conclusion"] = (int(hand_rec["answer"] == drafted_rec["answer"]), 1)
        wanted = set(hand_rec.get("premises") or [])
        if wanted:
            out["05_reconstruct premises"] = (len(wanted & set(drafted_rec.get("premises") or [])), len(wanted))

    def premise_sentences(amap, inst):
        by_id = {s["id"]: s["sentences"] for s in amap.get("statements") or []}
        return {x for p in inst.get("premises") or [] for x in by_id.get(p, [])}

    hand_instances = (pack.get("schemes", {}) or {}).get("instances") or []
    drafted_instances = (draft.get("schemes") or {}).get("instances") or []
    if hand_instances and drafted_instances:
        found = sum(any(d["scheme"] == h["scheme"] and premise_sentences(drafted_map, d) & premise_sentences(hand_map, h)
                        for d in drafted_instances) for h in hand_instances)
        out["scheme instances"] = (found, len(hand_instances))
    return out


# -- checking a pack file, drafted or edited by hand ----------------------------------------------

#: for each drafted file: (the list the items are in, the fields every item needs)
ITEM_LISTS = {"key/citations": ("citations", ("id", "paragraph", "sentence", "raw", "sources")),
              "key/quotes": ("quotes", ("id", "paragraph", "kind", "text")),
              "key/actors": ("actors", ("name", "type", "aliases")),
              "reading": ("voice_key", ("sentence", "starts_with", "label")),
              "statements": ("statements", ("id", "actor", "concept", "agreement", "sentence")),
              "glossary": ("entries", ("id", "term", "article")),
              "schemes": ("instances", ("id", "scheme", "premises", "conclusion"))}
VOICE_LABELS = ("question", "reported_view", "author_claim", "statement_of_fact")
STATUSES = ("draft", "checked")


def check_pack_file(name: str, data: Any, article, *, path=None, text: str | None = None) -> list[str]:
    """Every problem of one pack file (drafted, reviewed or written by hand), one message each,
    naming the file, the line (when ``text`` is given) and the item, and saying what to do."""
    from helpers.analysis.discourse import validate_statements
    from helpers.core.errors import problem_message
    from helpers.core.yamlio import YamlLines

    where = path or f"{name}.yaml"
    if not isinstance(data, dict):
        return [problem_message(where, "is not a mapping", "start the file with 'name: value' lines")]
    if name == "statements":
        return validate_statements(data, article, path=where, text=text)
    if name == "argument":
        from helpers.analysis.arguments import validate_argument_map

        return validate_argument_map(data, article, path=where, text=text)
    if name not in ITEM_LISTS:
        return []
    list_key, needed = ITEM_LISTS[name]
    items = data.get(list_key)
    if not isinstance(items, list):
        return [problem_message(where, f"needs a '{list_key}' list", f"write '{list_key}:' followed by '- ' items")]
    lines = YamlLines(text).items(list_key) if text else {}
    known = {s.id: s for s in article.sentences}
    body = " ".join(p.text for p in article.paragraphs)
    problems = []
    for n, item in enumerate(items):
        label = f"{list_key} item {n + 1}"
        if isinstance(item, dict) and (item.get("id") or item.get("sentence") or item.get("name")):
            label += f" ({item.get('id') or item.get('name') or item.get('sentence')})"

        def bad(problem: str, hint: str) -> None:
            problems.append(problem_message(where, f"{label}: {problem}", hint, line=lines.get(n)))

        if not isinstance(item, dict):
            bad("is not a mapping", "give each item as indented 'field: value' lines")
            continue
        for key in needed:
            if item.get(key) in (None, "", []):
                bad(f"missing '{key}'", f"every item of '{list_key}' needs {', '.join(needed)}")
        if item.get("status", "checked") not in STATUSES:
            bad(f"status is {item.get('status')!r}", "use status: draft or status: checked")
        sentence = item.get("sentence")
        if sentence and sentence not in known:
            bad(f"sentence '{sentence}' is not in the article", "check the sentence id (p3.s2 = paragraph 3, sentence 2)")
            continue
        if name == "key/citations" and sentence and item.get("raw") and item["raw"] not in known[sentence].text:
            bad("the raw citation is not copied exactly from its sentence", "copy it character for character")
        if name == "key/quotes" and item.get("text") and item["text"] not in body:
            bad("the quotation is not in the article", "copy it exactly, curly quotation marks and all")
        if name == "key/actors":
            missing = [a for a in item.get("aliases") or [] if a not in article.text]
            if missing:
                bad(f"alias {missing[0]!r} does not occur in the article", "give only strings that occur in the text")
        if name == "reading" and sentence:
            if item.get("label") not in VOICE_LABELS:
                bad(f"label {item.get('label')!r} is not a voice label", f"use one of {', '.join(VOICE_LABELS)}")
            if item.get("starts_with") and not known[sentence].text.startswith(str(item["starts_with"])):
                bad("'starts_with' is not how the sentence starts", "copy the sentence's first words")
            if item.get("cue") and str(item["cue"]) not in known[sentence].text:
                bad("the cue is not in the sentence", "copy the exact words that decide the label")
        if name == "schemes":
            from helpers.analysis.arguments import load_schemes

            if item.get("scheme") and item["scheme"] not in load_schemes():
                bad(f"scheme {item['scheme']!r} is not in the scheme catalogue",
                    "use a scheme of data/lexicons/schemes.yaml (expert_opinion, sign …)")
        if name == "glossary":
            for use in item.get("article") or []:
                sid = use.get("sentence") if isinstance(use, dict) else None
                if sid not in known or str(use.get("quote", "")) not in known[sid].text:
                    bad(f"the use in {sid} is not quoted exactly from that sentence",
                        "give the sentence id and words copied from it")
    return problems
