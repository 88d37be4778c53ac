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
   where most sentences report someone → ``a source's case`` (0.4); otherwise ``background`` (0.2).
   The concordance term: the most mentioned actor's most used name in the body (0.6).
5. ``statements`` — the candidate discourse statements of ``helpers.analysis.discourse``, each
   concept its own provisional label (0.4: a person codes the concepts).
6. ``glossary`` — one entry per actor that is a person, an organisation or an outlet, and per
   cited source the registry does not know: where the article uses it, an empty definition and a
   ``look_up`` prompt.
7. ``exercises`` — ``01_predict_question``: the first sentence of paragraph 1 that ends with a
   question mark (0.8), else its last sentence (0.3); ``01_this_author``: the phrase "this author"
   when the text uses it, else no phrase and a prompt to ask how to find who wrote the article.
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

DRAFT = "draft"
#: the pack files a draft writes, in the order a reviewer reads them
FILES = ("key/citations", "key/quotes", "key/actors", "reading", "statements", "glossary", "exercises")
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
    head = {"article_id": article.id, "status": DRAFT,
            "drafted_by": "helpers.analysis.draft (rules in its docstring); review every item and set "
                          "status: checked"}
    return {
        "key/citations": {**head, "citations": _citations(cites)},
        "key/quotes": {**head, **_quotes(quotes)},
        "key/actors": {**head, "actors": _actors(actors), "not_actors": []},
        "reading": {**head, **_reading(article, quotes, features, actors, lexicons)},
        "statements": {**head, **_statements(article, quotes, actors, cites)},
        "glossary": {**head, "entries": _glossary(article, actors, cites)},
        "exercises": {**head, **_exercises(article)},
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
    return {"paragraph_roles": _roles(article, reported, features, lexicons), "voice_key": voices,
            "concordance": _concordance(article, actors)}


def _roles(article, reported: dict[str, str], features, lexicons) -> list[dict[str, Any]]:
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
            role = _item(f"R4: {sum(s.id in reported for s in p.sentences)} of {len(p.sentences)} sentences report someone",
                         0.4, role="a source's case")
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
    if re.search(r"\bthis author\b", article.text, re.IGNORECASE):
        out["01_this_author"] = _item("the text says 'this author'", 0.8, phrase="this author")
    else:
        out["01_this_author"] = _item("the text never refers to its writer", 0.5,
                                      look_up="There is no reference to the author in the text: ask how to find who "
                                              "wrote it (byline, the outlet's archive, an author page).")
    return out


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


# -- checking a pack file, drafted or edited by hand ----------------------------------------------

#: for each drafted file: (the list the items are in, the fields every item needs)
ITEM_LISTS = {"key/citations": ("citations", ("id", "paragraph", "sentence", "raw", "sources")),
              "key/quotes": ("quotes", ("id", "paragraph", "kind", "text")),
              "key/actors": ("actors", ("name", "type", "aliases")),
              "reading": ("voice_key", ("sentence", "starts_with", "label")),
              "statements": ("statements", ("id", "actor", "concept", "agreement", "sentence")),
              "glossary": ("entries", ("id", "term", "article"))}
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
        if name == "glossary":
            for use in item.get("article") or []:
                sid = use.get("sentence") if isinstance(use, dict) else None
                if sid not in known or str(use.get("quote", "")) not in known[sid].text:
                    bad(f"the use in {sid} is not quoted exactly from that sentence",
                        "give the sentence id and words copied from it")
    return problems
