"""Discourse-network statements: who (actor) says what (concept), agreeing or not.

In the style of Discourse Network Analysis (Leifeld): each coded statement links an actor to
a concept with an agreement of +1 (agrees), -1 (disagrees) or 0 (neutral or ambivalent), and
to the sentence (and citation) it rests on. The coded statements of an article live in its
pack as ``statements.yaml``::

    concepts:                 # optional: concept label -> what it means
      deeper-rapprochement: The rapprochement is more than Moscow's usual balancing
    statements:
      - {id: d1, actor: some in Baku, concept: deeper-rapprochement, agreement: 1,
         sentence: p5.s1, quote: "words copied exactly", citation: "(Regnum, October 6)", note: …}

From them: an actor x concept matrix, a two-mode (actor-concept) graph, and one-mode actor
networks of congruence (same agreement on a concept) and conflict (+1 against -1).
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

from helpers.analysis.reporting import load_reporting_cues
from helpers.core.errors import CourseInputError, problem_message, problems_error
from helpers.core.yamlio import YamlLines, load_yaml_file
from helpers.model.packs import load_pack, pack_file

AGREEMENTS = (-1, 0, 1)
_SENTENCE_RE = re.compile(r"^p([1-9][0-9]*)\.s[1-9][0-9]*$")


def __getattr__(name: str):
    """``NEGATIVE_CUES``: the reporting cues that mark disagreement with what is reported (the
    ``disagreement`` cues of ``data/lexicons/reporting_cues.yaml``), read when first asked for."""
    if name == "NEGATIVE_CUES":
        return load_reporting_cues().disagreement
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: the fields a drafted statement carries for its review (``helpers.analysis.draft``)
REVIEW_FIELDS = ("status", "rule", "confidence")


@dataclass
class DiscourseStatement:
    id: str
    actor: str
    concept: str
    agreement: int           # +1, -1 or 0
    sentence_id: str
    paragraph: int
    quote: str | None = None
    citation: str | None = None
    note: str | None = None
    origin: str = "key"      # "key" (hand-coded) | "quote" | "attribution" (proposed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- loading -----------------------------------------------------------------------------

def _statements_path(pack: Any) -> Path:
    return pack_file(pack, "statements.yaml")


def pack_statements(article) -> list[DiscourseStatement]:
    """The pack's coded discourse statements (``statements.yaml``), checked, or ``[]``."""
    path = load_pack(article).file("statements")
    return load_statements(path, article=article) if path is not None else []


def load_statements(pack: Any = None, *, article=None) -> list[DiscourseStatement]:
    """The coded statements of a pack (an id, folder, ArticlePack, Article or the file itself).

    Checks every entry (and, with ``article``, that sentences exist and quotes and citations
    are copied exactly); raises ``CourseInputError`` naming the file, line and statement.
    """
    path = _statements_path(pack)
    if article is None and hasattr(pack, "paragraphs"):
        article = pack
    if not path.is_file():
        raise CourseInputError(path, "this article has no coded discourse statements",
                               "write statements.yaml in the article pack, or use propose_statements()")
    file = load_yaml_file(path, what="discourse statements")
    problems = validate_statements(file.data, article, path=path, text=file.text)
    if problems:
        raise problems_error(path, problems)
    return [statement_from_dict(d) for d in file.data["statements"]]


def statement_from_dict(d: dict[str, Any], origin: str = "key") -> DiscourseStatement:
    sid = str(d["sentence"])
    return DiscourseStatement(id=str(d["id"]), actor=" ".join(str(d["actor"]).split()),
                              concept=" ".join(str(d["concept"]).split()), agreement=int(d["agreement"]),
                              sentence_id=sid, paragraph=int(_SENTENCE_RE.match(sid).group(1)),
                              quote=d.get("quote"), citation=d.get("citation"),
                              note=" ".join(str(d["note"]).split()) if d.get("note") else None,
                              origin=str(d.get("origin", origin)))


def validate_statements(data: Any, article=None, *, path: str | Path | None = None,
                        text: str | None = None) -> list[str]:
    """Every problem of a ``statements.yaml`` mapping, one line each, naming the statement."""
    where = path or "statements.yaml"
    problem = functools.partial(problem_message, where)
    if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
        return [problem("needs a 'statements' list", "write 'statements:' followed by '- id: d1' entries")]
    concepts = data.get("concepts")
    if concepts is not None and not isinstance(concepts, dict):
        return [problem("'concepts' must map concept labels to their meaning", "write 'label: what it means' lines")]
    known = {s.id: s for s in article.sentences} if article is not None else None
    lines = YamlLines(text)
    problems: list[str] = []
    seen: set[str] = set()
    for n, d in enumerate(data["statements"], start=1):
        if not isinstance(d, dict):
            problems.append(problem(f"statement number {n} must be a mapping", "give id, actor, concept, agreement, sentence"))
            continue
        sid = d.get("id")
        who = f"statement '{sid}'" if sid else f"statement number {n}"
        line = lines.id(sid)
        for key in ("id", "actor", "concept", "agreement", "sentence"):
            if d.get(key) in (None, ""):
                problems.append(problem(f"{who}: missing '{key}'", "every statement needs id, actor, concept, agreement and sentence", line))
        unknown = sorted(set(d) - {"id", "actor", "concept", "agreement", "sentence", "quote", "citation", "note", "origin",
                                   *REVIEW_FIELDS})
        if unknown:
            problems.append(problem(f"{who}: unknown field(s) {', '.join(unknown)}", "check the spelling", line))
        if sid in seen:
            problems.append(problem(f"{who}: the id is used twice", "give every statement its own id", line))
        seen.add(sid)
        agreement = d.get("agreement")
        if agreement is not None and (isinstance(agreement, bool) or agreement not in AGREEMENTS):
            problems.append(problem(f"{who}: agreement is {agreement!r}", "use 1 (agrees), -1 (disagrees) or 0 (neutral)", line))
        concept = d.get("concept")
        if concepts is not None and concept not in (None, "") and concept not in concepts:
            problems.append(problem(f"{who}: concept {concept!r} is not listed under 'concepts'",
                                    "add it to 'concepts' or use a listed label", line))
        sentence = d.get("sentence")
        if sentence not in (None, ""):
            if not _SENTENCE_RE.match(str(sentence)):
                problems.append(problem(f"{who}: sentence {sentence!r} is not of the form 'p3.s2'", "give one sentence id", line))
            elif known is not None and sentence not in known:
                problems.append(problem(f"{who}: sentence '{sentence}' is not in article '{article.id}'", "check the sentence id", line))
            elif known is not None:
                stext = known[sentence].text
                for key in ("quote", "citation"):
                    if d.get(key) and str(d[key]) not in stext:
                        problems.append(problem(f"{who}: the {key} is not copied exactly from {sentence}",
                                                "copy it character for character (curly quotes too)", line))
    return problems


# -- tables and networks -----------------------------------------------------------------

def statements_table(statements: Iterable[DiscourseStatement]):
    """One row per statement (``to_dict`` fields)."""
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    cols = list(DiscourseStatement.__dataclass_fields__)
    return pd.DataFrame([s.to_dict() for s in statements], columns=cols)


def statement_matrix(statements: Iterable[DiscourseStatement], *, aggregate: str = "sum"):
    """Actor x concept matrix (actors and concepts sorted by name).

    ``aggregate="sum"``: summed agreement (0 where an actor says nothing on a concept, or its
    statements cancel out); ``"count"``: number of statements; ``"mean"``: mean agreement
    (NaN where there is none).
    """
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    statements = list(statements)
    if aggregate not in ("sum", "count", "mean"):
        raise ValueError(f"aggregate must be 'sum', 'count' or 'mean', not {aggregate!r}")
    actors = sorted({s.actor for s in statements})
    concepts = sorted({s.concept for s in statements})
    frame = pd.DataFrame([{"actor": s.actor, "concept": s.concept, "agreement": s.agreement} for s in statements],
                         columns=["actor", "concept", "agreement"])
    table = frame.pivot_table(index="actor", columns="concept", values="agreement", aggfunc=aggregate,
                              fill_value=None if aggregate == "mean" else 0)
    table = table.reindex(index=actors, columns=concepts)
    if aggregate != "mean":
        table = table.fillna(0).astype(int)
    table.index.name, table.columns.name = "actor", "concept"
    return table


def two_mode_graph(statements: Iterable[DiscourseStatement]):
    """Bipartite ``networkx.Graph``: actors (``bipartite=0``) and concepts (``bipartite=1``);
    each edge has ``agreement`` (sum), ``count``, ``statements`` (ids) and ``sentences``."""
    import networkx as nx  # heavy: imported on first use, to keep imports fast

    statements = list(statements)
    actors = {s.actor for s in statements}
    concepts = {s.concept for s in statements}
    clash = actors & concepts
    if clash:
        raise CourseInputError(None, f"{sorted(clash)[0]!r} is both an actor and a concept",
                               "rename the concept so the two kinds of node stay apart")
    g = nx.Graph()
    g.add_nodes_from(sorted(actors), bipartite=0, kind="actor")
    g.add_nodes_from(sorted(concepts), bipartite=1, kind="concept")
    for s in statements:
        if g.has_edge(s.actor, s.concept):
            e = g.edges[s.actor, s.concept]
            e["agreement"] += s.agreement
            e["count"] += 1
            e["statements"].append(s.id)
            e["sentences"].append(s.sentence_id)
        else:
            g.add_edge(s.actor, s.concept, agreement=s.agreement, count=1, statements=[s.id],
                       sentences=[s.sentence_id])
    return g


def _positions(statements: Iterable[DiscourseStatement]) -> dict[str, dict[str, set[int]]]:
    out: dict[str, dict[str, set[int]]] = {}
    for s in statements:
        out.setdefault(s.actor, {}).setdefault(s.concept, set()).add(int(s.agreement))
    return out


def one_mode_network(statements: Iterable[DiscourseStatement], kind: str = "congruence"):
    """Actor network as in DNA. ``congruence``: for each concept, each agreement value both
    actors expressed adds 1 (0 is congruent only with 0). ``conflict``: for each concept, each
    pair of opposite values (+1 against -1) adds 1. Edges carry ``weight`` and ``concepts``."""
    import networkx as nx  # heavy: imported on first use, to keep imports fast

    if kind not in ("congruence", "conflict"):
        raise ValueError(f"kind must be 'congruence' or 'conflict', not {kind!r}")
    pos = _positions(statements)
    g = nx.Graph()
    g.add_nodes_from(sorted(pos))
    actors = sorted(pos)
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            weight, concepts = 0, []
            for concept in sorted(set(pos[a]) & set(pos[b])):
                qa, qb = pos[a][concept], pos[b][concept]
                if kind == "congruence":
                    w = len(qa & qb)
                else:
                    w = sum(1 for x in qa for y in qb if x * y == -1)
                if w:
                    weight += w
                    concepts.append(concept)
            if weight:
                g.add_edge(a, b, weight=weight, concepts=concepts)
    return g


def congruence_network(statements: Iterable[DiscourseStatement]):
    """Actors linked by concepts on which they agree with each other (see :func:`one_mode_network`)."""
    return one_mode_network(statements, "congruence")


def conflict_network(statements: Iterable[DiscourseStatement]):
    """Actors linked by concepts on which they take opposite sides (see :func:`one_mode_network`)."""
    return one_mode_network(statements, "conflict")


def network_table(graph) -> Any:
    """Edges of a one-mode network as a DataFrame: actor_a, actor_b, weight, concepts."""
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    rows = [{"actor_a": a, "actor_b": b, "weight": d.get("weight", 1), "concepts": ", ".join(d.get("concepts", []))}
            for a, b, d in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))]
    return pd.DataFrame(rows, columns=["actor_a", "actor_b", "weight", "concepts"])


# -- proposing statements from the quotation analysis ------------------------------------

def _canonical(name: str | None, actors) -> str | None:
    if not name:
        return None
    items = getattr(actors, "actors", actors) or []
    low = " ".join(name.split()).lower()
    for actor in items:
        forms = [getattr(actor, "name", "")] + list(getattr(actor, "aliases", []) or [])
        if any(low == str(f).lower() for f in forms):
            return actor.name
    return " ".join(name.split())


def _citation_from(sentence_id: str, start: int, citations) -> str | None:
    """The first citation of the sentence that starts at or after ``start`` (inside or after the words)."""
    same = sorted((c for c in citations or [] if getattr(c, "sentence_id", None) == sentence_id),
                  key=lambda c: c.start)
    after = [c for c in same if c.start >= start]
    return after[0].raw if after else None


def propose_statements(article, quotes, actors=None, *, citations=None,
                       negative_cues: Iterable[str] | None = None) -> list[DiscourseStatement]:
    """Candidate statements for a person to code, from ``helpers.analysis.quotes`` output.

    ``quotes`` is a QuoteAnalysis (or a list of Quote / Attribution objects): every speech
    quotation with a speaker, and every attribution, becomes a candidate with the quoted words
    (or reported content) as a provisional concept, agreement +1 — or -1 when the reporting cue
    is a word of disagreement (``negative_cues``; by default the ``disagreement`` cues of
    ``data/lexicons/reporting_cues.yaml``, :data:`NEGATIVE_CUES`). ``actors`` (an ActorAnalysis or list of
    actors) maps names to canonical ones; ``citations`` (from ``helpers.analysis.citations``) gives the
    first citation of the sentence from the start of the words on. All are marked by ``origin``.
    """
    if hasattr(quotes, "quotes") or hasattr(quotes, "attributions"):
        items = list(getattr(quotes, "quotes", []) or []) + list(getattr(quotes, "attributions", []) or [])
    else:
        items = list(quotes or [])
    neg = {c.lower() for c in (negative_cues if negative_cues is not None else load_reporting_cues().disagreement)}
    known = {s.id for s in article.sentences} if article is not None else None
    out: list[DiscourseStatement] = []
    taken: list[tuple[str, str, int, int]] = []
    ordered = sorted(items, key=lambda q: (0 if hasattr(q, "speaker") else 1, q.start))
    for item in ordered:
        is_quote = hasattr(item, "speaker")
        if is_quote and (getattr(item, "kind", "speech") != "speech" or not item.speaker):
            continue
        actor = _canonical(item.speaker if is_quote else item.source, actors)
        if not actor or (known is not None and item.sentence_id not in known):
            continue
        if any(a == actor and sid == item.sentence_id and item.start < e and s < item.end
               for a, sid, s, e in taken):
            continue  # the same words already proposed from a quotation
        taken.append((actor, item.sentence_id, item.start, item.end))
        words = " ".join(str(item.text if is_quote else item.content).split())
        cue = str(getattr(item, "cue", "") or "")
        agreement = -1 if any(w in neg for w in re.findall(r"[a-z]+", cue.lower())) else 1
        vague = " (vague source)" if getattr(item, "vague", False) else ""
        out.append(DiscourseStatement(
            id=f"x{len(out) + 1}", actor=actor, concept=words.rstrip(" ,.;:"), agreement=agreement,
            sentence_id=item.sentence_id, paragraph=int(item.paragraph),
            quote=words if is_quote else None, citation=_citation_from(item.sentence_id, item.start, citations),
            note=f"proposed from {'quotation' if is_quote else 'attribution'} {item.id}"
                 f"{f' (cue: {cue})' if cue else ''}{vague}; recode the concept and check the agreement",
            origin="quote" if is_quote else "attribution"))
    start = {id(s): t[2] for s, t in zip(out, taken)}
    out.sort(key=lambda s: (s.paragraph, int(s.sentence_id.rsplit(".s", 1)[1]), start[id(s)]))
    for number, s in enumerate(out, start=1):
        s.id = f"x{number}"
    return out
