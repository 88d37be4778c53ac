"""Role words and role phrases: what makes a name a person's, and who "the Azerbaijani president" is.

A role word before a name ("President Ilham Aliyev", "Baku-based commentator Wafa Galuzade")
or in an appositive after it ("Kavkaz Omarov, the editor of …") gives the person a role, a
family of roles and a nationality or outlet; a later role phrase ("the Azerbaijani leader",
"The New Era editor") is a mention of the person mentioned latest before it whose family and
nationality (or outlet) fit; "the secretariat" is the organization named before by that word.
"""

from __future__ import annotations

import bisect
import functools
import re

from helpers.analysis.actors.cues import Cues
from helpers.analysis.actors.gazetteer import States, load_states
from helpers.analysis.actors.model import Actor, Mention
from helpers.analysis.patterns import trie_pattern


@functools.lru_cache(maxsize=1)
def _demonym_pattern() -> str:
    """The demonyms of every state as one pattern, shared by the role patterns."""
    return trie_pattern(load_states().demonyms)


@functools.lru_cache(maxsize=4)
def _role_pattern(cues: Cues) -> str:
    return trie_pattern(cues.roles)


@functools.lru_cache(maxsize=4)
def _role_before_re(cues: Cues) -> re.Pattern:
    return re.compile(
        rf"(?:(?P<dem>{_demonym_pattern()})\s+|(?P<poss>[A-Z][\w]*)[’']s\s+)?(?:(?P<based>[A-Z][\w]*)-based\s+)?(?:[A-Za-z][\w-]*\s+){{0,2}}?"
        rf"(?P<role>{_role_pattern(cues)}),?\s+(?:of\s+(?:the\s+)?(?P<of>(?-i:[A-Z])[\w]*(?:\s+(?-i:[A-Z])[\w]*)*),?\s+)?$",
        re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _role_phrase_re(cues: Cues) -> re.Pattern:
    return re.compile(
        r"\b(?P<det>[Tt]he)\s+(?:(?:new|former|current|then|incumbent|outgoing|late|same|latter|veteran)\s+)?"
        rf"(?:(?P<mod>{_demonym_pattern()}|[A-Z][\w]*(?:\s+[A-Z][\w]*){{0,3}}|[A-Z][\w]*-based)\s+)?"
        rf"(?:(?P<adj>[a-z][\w-]*)\s+)?(?P<role>{trie_pattern(set(cues.roles) - cues.title_only_roles)})\b(?!-)")


@functools.lru_cache(maxsize=4)
def _role_words(cues: Cues) -> frozenset[str]:
    return frozenset(r.split()[-1] for r in cues.roles)


@functools.lru_cache(maxsize=4)
def _appositive_re(cues: Cues) -> re.Pattern:
    role = _role_pattern(cues)
    # ", a shipping analyst", ", Kadra’s envoy"; or with no article when "of", "at" or "for" follows
    # the role (", deputy director of the party") or "former" opens it (", former prime minister,")
    return re.compile(rf"^,\s+(?:\d{{2,3}},\s+)?(?:(?:a|an|the|[A-Z][\w]*[’']s)\s+(?:[\w-]+\s+){{0,3}}?"
                      rf"|(?=(?:[\w-]+\s+){{0,2}}?(?:{role})\s+(?:of|at|for)\s)(?:[\w-]+\s+){{0,2}}?"
                      rf"|(?:former|then|acting|ex-)\s*(?:[\w-]+\s+){{0,2}}?)"
                      rf"(?P<role>{role})\b(?P<rest>[^,;.()]{{0,80}})", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _media_name_re(cues: Cues) -> re.Pattern:
    return re.compile(r"(?:" + "|".join(map(re.escape, cues.media_cues)) + r")\s+((?:[A-Z][\w]*\s?)+)")


def code_of(term: str, states: States) -> str | None:
    return states.codes.get(term)


def role_before(text, lo, ns, states: States, cues: Cues) -> dict | None:
    """The role word (and nationality) just before the name starting at ``ns``, or None."""
    before = text[max(lo, ns - 90):ns]
    # quick test: a role word among the last words ("President of Azerbaijan Ilham")
    tail = before.split()[-5:]
    words = _role_words(cues)
    if not any(w.strip(",;:()").lower() in words for w in tail):
        return None
    m = _role_before_re(cues).search(before)
    if not m:
        return None
    role = " ".join(m.group("role").lower().split())
    nat = None
    if m.group("dem") and m.group("dem")[0].isupper():
        nat = states.demonyms.get(m.group("dem"))
    if not nat and m.group("poss"):
        nat = code_of(m.group("poss"), states)
    if not nat and m.group("based"):
        nat = code_of(m.group("based"), states)
    if not nat and m.group("of"):
        nat = code_of(m.group("of"), states)
    if not nat:
        # "UN Secretary-General A B": an office of an international body, whose holder a demonym's
        # role phrase ("the Ruritanian official") does not fit
        body = re.search(r"(?<![\w-])([A-Z]{2,6})\s+$", before[:m.start("role")])
        if body and body.group(1) not in states.codes:
            nat = f"body:{body.group(1)}"
    # the role word must be next to the name: not "the editor of the portal … X"
    return {"role": role, "family": cues.roles.get(role), "nationality": nat}


def appositive(text, ne, ub, cues: Cues, states: States) -> dict | None:
    """The role (and outlet) of an appositive after the name ending at ``ne`` ("X, a commentator for …")."""
    m = _appositive_re(cues).match(text[ne:min(ub, ne + 200)])
    if not m:
        return None
    role = " ".join(m.group("role").lower().split())
    rest = m.group("rest")
    outlet = None
    om = _media_name_re(cues).search(rest)
    if om:
        outlet = om.group(1).strip()
    # the nationality the words before the role give: ", the Ruritanian ambassador", ", Ruritania’s envoy"
    nat = None
    for w in re.findall(r"[A-Z][\w-]*(?:[’']s)?", m.group(0)[:m.start("role")]):
        nat = states.demonyms.get(w) or code_of(re.sub(r"[’']s$", "", w), states)
        if nat:
            break
    return {"role": role, "family": cues.roles.get(role), "nationality": nat, "outlet": outlet}


# -- role phrases as mentions --------------------------------------------------------------

def add_role_mentions(actors: dict[str, Actor], text, units, states: States, cues: Cues, where, ignore):
    """Role phrases ("the Azerbaijani president", "The New Era editor") resolved to a person
    mentioned before them with a compatible role family and nationality or outlet; "the
    secretariat" to the organization named before by its last word."""
    added: list[tuple[Actor, Mention, list]] = []
    _add_person_roles(actors, text, units, states, cues, where, ignore, added)
    _add_organization_roles(actors, text, units, where, added)
    if added:
        _drop_covered(actors, added)
    for k in [k for k, a in actors.items() if not a.mentions]:
        del actors[k]


def _add_person_roles(actors, text, units, states: States, cues: Cues, where, ignore, added) -> None:
    rx = _role_phrase_re(cues)
    people = [a for a in actors.values() if a.type == "person"]
    media_names = {a.name: a for a in actors.values() if a.type == "media"}
    starts_of = {p.name: sorted(m.start for m in p.mentions) for p in people}
    for _, a, b, _ in units:
        for m in rx.finditer(text, a, b):
            role = " ".join(m.group("role").lower().split())
            if m.group("adj") and f"{m.group('adj')} {role}" in cues.roles:
                role = f"{m.group('adj')} {role}"
            origin = _origin(m.group("mod"), states, media_names)
            if origin is None:
                continue        # "The Strategy editor": an unknown word, not a role phrase
            s, e = m.start(), m.end()
            if _introduces(text, e, people) or m.group(0).lower() in ignore:
                continue
            best = _latest_fitting_person(people, starts_of, s, role, cues.roles.get(role), *origin)
            if best is None:
                continue
            sid, pn = where(s)
            mention = Mention(text[s:e], s, e, sid, pn, "role")
            best.mentions.append(mention)
            bisect.insort(starts_of[best.name], s)
            added.append((best, mention, [s, e]))


def _origin(mod: str | None, states: States, media_names) -> tuple[str | None, str | None] | None:
    """(nationality, outlet) that the word before a role gives, or None for an unknown word."""
    if not mod:
        return None, None
    if mod in states.demonyms:
        return states.demonyms[mod], None
    if mod.endswith("-based"):
        return code_of(mod[:-6], states), None
    if mod in media_names:
        return None, mod
    code = code_of(mod, states)
    return (code, None) if code else None


def _introduces(text: str, e: int, people) -> bool:
    """Is the role phrase ending at ``e`` a person's own introduction ("President Ilham Aliyev")?"""
    if re.match(r"\s+[A-Z][a-z]", text[e:e + 3]) and not re.match(r"\s+(?:The|In|On)\b", text[e:e + 4]):
        nxt = re.match(r"\s+([A-Z]\w+)", text[e:e + 40])
        if nxt and any(nxt.group(1) in p.name.split() for p in people):
            return True
    return False


def _latest_fitting_person(people, starts_of, s: int, role: str, family, nat, outlet):
    """The person mentioned before ``s`` whom the role phrase fits, the same role word first,
    then the latest mentioned."""
    best = None
    best_key = (-1, -1)
    for p in people:
        info = getattr(p, "_info", {})
        st = starts_of[p.name]
        i = bisect.bisect_left(st, s)
        if i == 0:
            continue
        last_before = st[i - 1]
        pfam, pnat, pout = info.get("family"), info.get("nationality"), info.get("outlet")
        if outlet:
            ok = pout == outlet
        else:
            fam_ok = (pfam == family) if pfam else None
            nat_ok = (pnat == nat) if (nat and pnat) else None
            if fam_ok is False or nat_ok is False:
                ok = False
            elif fam_ok:
                ok = True
            else:
                ok = bool(nat_ok)     # unknown role: only a matching nationality
        if not ok:
            continue
        # the same role word ("minister" for a "foreign minister") beats the same family
        prole = info.get("role") or ""
        level = 2 if (prole == role or prole.endswith(" " + role)) else 1
        key = (level, last_before)
        if key > best_key:
            best, best_key = p, key
    return best


def _add_organization_roles(actors, text, units, where, added) -> None:
    """ "the secretariat": an organization named before by its last word. One pattern for all
    the organizations' last words, one pass over each unit (linear in the text)."""
    by_word: dict[str, list[tuple[Actor, int]]] = {}
    for o in actors.values():
        if o.type == "organization" and len(o.name.split()) >= 2:
            by_word.setdefault(o.name.split()[-1].lower(), []).append((o, min(x.start for x in o.mentions)))
    if not by_word:
        return
    rx = re.compile(r"\b[Tt]he\s+(" + trie_pattern(by_word) + r")\b")
    for _, a, b, _ in units:
        for m in rx.finditer(text, a, b):
            s, e = m.start(), m.end()
            for o, first in by_word[m.group(1)]:
                if s <= first:
                    continue
                sid, pn = where(s)
                o.mentions.append(Mention(text[s:e], s, e, sid, pn, "role"))
                added.append((o, o.mentions[-1], [s, e]))


def _drop_covered(actors, added) -> None:
    """A role phrase is longer than the demonym inside it: drop those demonym mentions."""
    spans = sorted((s, e) for _, _, (s, e) in added)
    ss = [s for s, _ in spans]
    keep = {id(m) for _, m, _ in added}

    def covered(x) -> bool:
        i = bisect.bisect_right(ss, x.start) - 1
        return i >= 0 and spans[i][0] <= x.start and x.end <= spans[i][1] and (x.end - x.start) < (spans[i][1] - spans[i][0])

    for act in actors.values():
        act.mentions = [x for x in act.mentions if id(x) in keep or not covered(x)]
