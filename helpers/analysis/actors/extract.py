"""The actor analysis of one article: candidates, the longest that win, places, actors, ties."""

from __future__ import annotations

import bisect
import re

from helpers.analysis.actors.cues import Cues, load_actor_cues
from helpers.analysis.actors.entities import pattern_candidates
from helpers.analysis.actors.gazetteer import States, gazetteer_matcher, load_states
from helpers.analysis.actors.model import CAPTION_SENTENCE, ActorAnalysis, Mention
from helpers.analysis.actors.names import (LEADING_STOP_TITLE, OF_RUN_RE, Cand, cited_outlets, classify_run,
                                           inside, resolve, so_called_quotes, title_case_quotes)
from helpers.analysis.actors.overrides import load_overrides
from helpers.analysis.actors.people import add_acronyms, assemble
from helpers.analysis.actors.places import caption_span, drop_place_only, split_places
from helpers.analysis.actors.relations import find_relations
from helpers.analysis.actors.roles import add_role_mentions
from helpers.analysis.actors.variants import merge_variants
from helpers.analysis.patterns import trie_pattern
from helpers.model.tokens import TokenMatcher, tokenize
from helpers.model.packs import load_pack


def extract_actors(article, overrides=None, *, nlp=None) -> ActorAnalysis:
    """Find the actors of ``article`` with their mentions, the places, and the relations.

    ``overrides``: a dict or the path of an ``actors.yaml``; by default the article pack's
    ``data/annotations/<article.id>/actors.yaml`` when it exists. ``nlp`` is accepted for the
    callers that pass a spaCy pipeline along: names are matched on ``helpers.model.tokens``'s
    words whatever the pipeline.
    """
    ov = load_overrides(overrides if overrides is not None else load_pack(article).overrides_path())
    states = load_states()
    cues = load_actor_cues()
    text = article.text
    ignore = {s.lower() for s in ov["ignore"]}
    units = _units(article)
    docs = [tokenize(text[a:b]) for _, a, b, _ in units]   # the words the phrase matchers compare
    outlets, cited = cited_outlets(text)         # outlets named in citations anywhere in the article
    cands, runs = _matched_candidates(text, units, docs, ov["actors"], states)
    cands.extend(_run_candidates(text, units, runs, states, cues, outlets))
    cands.extend(pattern_candidates(text, units, states, cues))
    # longest wins; ties go to the lower priority number
    cands = [c for c in cands if c.text.lower() not in ignore and c.key.lower() not in ignore]
    if "so-called" in text.lower():
        held_up = so_called_quotes(text, units)
        cands = [c for c in cands if not inside(held_up, c.start, c.end)]
    chosen = resolve(cands)
    again = _same_name_elsewhere(text, units, chosen)
    if again:
        chosen = resolve(cands + again)
    _name_offices_with_their_state(chosen, text, states, cues)
    where = _sentence_locator(units)
    places, mentions = split_places(chosen, text, states, cues, where)
    # people: group full names and later bare surnames
    located: list[Cand] = []
    actors = assemble(mentions, text, states, cues, where, located)
    for c in located:
        sid, pnum = where(c.start)
        places.append(Mention(c.text, c.start, c.end, sid, pnum, "name"))
    merge_variants(actors, cues)
    add_acronyms(actors, text, units, where, ignore)
    add_role_mentions(actors, text, units, states, cues, where, ignore)
    for a in actors.values():
        a.mentions.sort(key=lambda m: m.start)
    result, only_places = drop_place_only(list(actors.values()), text, cues)
    places.extend(only_places)
    result.sort(key=lambda a: a.mentions[0].start)
    for a in result:
        seen = []
        for m in a.mentions:
            alias = m.text
            if alias not in seen:
                seen.append(alias)
        a.aliases = seen
    relations = find_relations(result, units, text, cited)
    places.sort(key=lambda m: m.start)
    return ActorAnalysis(actors=result, relations=relations, places=places)


def _same_name_elsewhere(text, units, chosen: list[Cand]) -> list[Cand]:
    """One sense per article: a name of several words read once as an organization or outlet
    ("the ruling Kadrian Dream party") is that one wherever else it stands ("Kadrian Dream said"),
    where its words alone would be read otherwise (a state's adjective and a stray word)."""
    names = {" ".join(c.text.split()): c for c in chosen if c.type in ("organization", "media") and " " in c.text}
    if not names:
        return []
    taken = {(c.start, c.end) for c in chosen
             if " ".join(c.text.split()) in names and c.type == names[" ".join(c.text.split())].type}
    if not re.search(r"[^\S\n]{2}|[^\S \n]", text):      # no name stands across a paragraph's end
        # single spaces only: a name standing nowhere but where it was read needs no scan (the common case;
        # compiling the names' pattern is most of this step's time)
        read = {}
        for c in chosen:
            key = " ".join(c.text.split())
            if key in names and c.type == names[key].type:
                read[key] = read.get(key, 0) + 1
        names = {k: c for k, c in names.items() if text.count(k) > read.get(k, 0)}
        if not names:
            return []
    pattern = re.compile(r"(?<![\w’'-])(?:%s)(?![\w-])" % trie_pattern(names))   # one scan, however many names
    out = []
    for _, a, b, _ in units:
        for m in pattern.finditer(text, a, b):
            c = names.get(" ".join(m.group(0).split()))
            if c is not None and (m.start(), m.end()) not in taken:
                out.append(Cand(m.start(), m.end(), m.group(0), c.type, c.key, c.how, 1, dict(c.info)))
    return out


def _units(article) -> list[tuple[int, int, int, list]]:
    """The units read: (paragraph, start, end, sentences) of the caption, when its text is in the
    file, and of each body paragraph."""
    units: list[tuple[int, int, int, list]] = []
    cap = caption_span(article)
    if cap:
        units.append((0, cap[0], cap[1], [(CAPTION_SENTENCE, cap[0], cap[1])]))
    for p in article.paragraphs:
        units.append((p.number, p.start, p.end, [(s.id, s.start, s.end) for s in p.sentences]))
    return units


def _char_span(doc: list[tuple[str, int]], s: int, e: int, offset: int) -> tuple[int, int]:
    """Where tokens s … e-1 of a unit starting at ``offset`` stand in the article's text."""
    last, at = doc[e - 1]
    return offset + doc[s][1], offset + at + len(last)


def _matched_candidates(text, units, docs, override_actors, states: States) -> tuple[list[Cand], list]:
    """Candidates the phrase matchers find (state terms, groups, organizations, the overrides'
    actors), and the (unit index, start, end) of every capitalised run, unit by unit."""
    matcher = gazetteer_matcher()
    extra = None
    if override_actors:
        extra = TokenMatcher()
        for i, a in enumerate(override_actors):
            extra.add(f"X|{i}", a["aliases"] + [a["name"]])
    cands: list[Cand] = []
    runs: list[tuple[int, int, int]] = []
    for ui, ((pnum, a, b, _), doc) in enumerate(zip(units, docs)):
        for key, s, e in matcher(doc):
            kind, x, y = key.split("|", 2)
            cs, ce = _char_span(doc, s, e, a)
            mt = text[cs:ce]
            if kind == "S":
                cands.append(Cand(cs, ce, mt, "state", states.names.get(x, x), y, 1, {"code": x}))
            elif kind == "G":
                cands.append(Cand(cs, ce, mt, x, y, "name", 1))
            else:
                cands.append(Cand(cs, ce, mt, "organization", y, "name", 1))
        if extra is not None:
            for key, s, e in extra(doc):
                act = override_actors[int(key.split("|")[1])]
                cs, ce = _char_span(doc, s, e, a)
                cands.append(Cand(cs, ce, text[cs:ce], act["type"], act["name"], "override", 0))
        for m in OF_RUN_RE.finditer(text, a, b):
            runs.append((ui, m.start(), m.end()))
    return cands, runs


_POSSESSIVE_BEFORE_RE = re.compile(r"(?<![\w-])((?:[A-Z][\w-]*[ \t]+){0,2}[A-Z][\w-]*)[’']s[ \t]+$")


def _name_offices_with_their_state(chosen: list[Cand], text: str, states: States, cues: Cues) -> None:
    """An office after a state's possessive is named with it: "Ruritania’s Defense Ministry" (the
    candidate keeps its span, "Defense Ministry"; the state keeps its own mention)."""
    if not cues.possessive_offices:
        return
    for c in chosen:
        if c.type != "organization" or c.key != c.text or not cues.possessive_offices & set(c.text.split()):
            continue
        m = _POSSESSIVE_BEFORE_RE.search(text, max(0, c.start - 60), c.start)
        if m is None:
            continue
        words = m.group(1).split()
        state = next((" ".join(words[i:]) for i in range(len(words)) if " ".join(words[i:]) in states.codes), None)
        if state is not None:                 # "Then Ruritania’s …": the state is the last words
            c.key = f"{state}{text[m.end(1):c.start]}{c.text}"


def _run_candidates(text, units, runs, states: States, cues: Cues, outlets) -> list[Cand]:
    """Candidates from the capitalised runs (see ``names.classify_run``)."""
    title_quotes = title_case_quotes(text, units)
    lone_tokens = {text[rs:re_] for _, rs, re_ in runs if " " not in text[rs:re_]}
    skip_single = states.codes.keys() | LEADING_STOP_TITLE
    eponym = cues.eponym_following
    out: list[Cand] = []
    for ui, rs, re_ in _joined_at_and(text, runs, states, cues):
        word = text[rs:re_]
        if word in skip_single and not text.startswith(eponym, re_):
            continue                  # fast path: a state term (the gazetteer has it) or a function word
        out.extend(classify_run(text, ui, rs, re_, units, states, cues, outlets, title_quotes, lone_tokens))
    return out


def _joined_at_and(text, runs, states: States, cues: Cues):
    """The runs, with "the A and B Ministry" joined into one: a body named by two portfolios ("the
    Economic Development and Trade Ministry"), when the second run ends in an organization suffix
    and neither holds a state term or the first one a suffix."""
    out = []
    for run in runs:
        if out:
            ui, rs, re_ = out[-1]
            left, right = text[rs:re_].split(), text[run[1]:run[2]].split()
            if (run[0] == ui and text[re_:run[1]] == " and " and text[max(0, rs - 4):rs].lower() == "the "
                    and right[-1] in cues.org_suffixes and len(right) >= 2
                    and not any(w in cues.org_suffixes for w in left)
                    and not any(w in states.codes for w in left + right)):
                out[-1] = (ui, rs, run[2])
                continue
        out.append(run)
    return out


def _sentence_locator(units):
    """``where(offset) -> (sentence id, paragraph)`` for the units' sentences."""
    sent_index: list[tuple[int, int, str, int]] = []
    for pnum, _, _, sents in units:
        for sid, s, e in sents:
            sent_index.append((s, e, sid, pnum))
    sent_index.sort()
    starts = [s for s, _, _, _ in sent_index]

    def where(offset: int) -> tuple[str, int]:
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and sent_index[i][0] <= offset < max(sent_index[i][1], sent_index[i][0] + 1):
            return sent_index[i][2], sent_index[i][3]
        if i >= 0:
            return sent_index[i][2], sent_index[i][3]
        return sent_index[0][2], sent_index[0][3]

    return where
