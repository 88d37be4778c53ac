"""Argumentation schemes and their critical questions (``data/lexicons/schemes.yaml``), and an
article's scheme instances with the status and evidence of each critical question (the pack's
``schemes.yaml``)."""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from helpers.analysis.arguments.model import ArgumentMap
from helpers.analysis.arguments.validate import CITATION_ID_RE, load_argument_map
from helpers.core.errors import CourseInputError, problem_message, problems_error
from helpers.core.yamlio import YamlLines, load_yaml_file
from helpers.model.keys import is_sealed
from helpers.model.lexicons import lexicon_path, load_lexicon_file
from helpers.model.packs import pack_file

CQ_STATUSES = ("open", "answered", "failed")
#: the exercise id under which the student kit seals a scheme instance's scheme, its critical
#: questions' ids and their statuses (items: the instance id; "<instance id>.<question id>")
SEAL_SCOPE = "schemes"


@dataclass
class CriticalQuestion:
    id: str
    question: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Scheme:
    id: str
    name: str
    premises: list[str]
    conclusion: str
    critical_questions: list[CriticalQuestion]
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CriticalQuestionStatus:
    id: str
    question: str
    status: str                    # "open" | "answered" | "failed"
    sentences: list[str]
    citations: list[str]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SchemeInstance:
    id: str
    scheme: str
    scheme_name: str
    summary: str
    premises: list[str]            # statement ids in argument.yaml
    conclusion: str
    critical_questions: list[CriticalQuestionStatus]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_schemes(path: str | Path | None = None) -> dict[str, Scheme]:
    """The argumentation schemes with their critical questions (``data/lexicons/schemes.yaml``)."""
    path = lexicon_path("schemes.yaml", path)
    file = load_lexicon_file(path, what="scheme list")
    data = file.data
    schemes = data.get("schemes")
    if not isinstance(schemes, dict) or not schemes:
        raise CourseInputError(path, "has no 'schemes' mapping", "write 'schemes:' followed by one entry per scheme")
    out = {}
    default_source = data.get("source")
    for sid, entry in schemes.items():
        line = file.lines.key("schemes", sid)
        if not isinstance(entry, dict):
            raise CourseInputError(path, f"scheme '{sid}' must be a mapping", "give name, premises, conclusion, critical_questions", line=line)
        missing = [k for k in ("name", "premises", "conclusion", "critical_questions") if not entry.get(k)]
        if missing:
            raise CourseInputError(path, f"scheme '{sid}' is missing {', '.join(missing)}",
                                   "every scheme needs name, premises, conclusion and critical_questions", line=line)
        cqs = []
        for q in entry["critical_questions"]:
            if not isinstance(q, dict) or not q.get("id") or not q.get("question"):
                raise CourseInputError(path, f"scheme '{sid}': each critical question needs 'id' and 'question'",
                                       "write '- id: expertise' and 'question: …'", line=line)
            cqs.append(CriticalQuestion(str(q["id"]), " ".join(str(q["question"]).split())))
        if len({q.id for q in cqs}) != len(cqs):
            raise CourseInputError(path, f"scheme '{sid}': two critical questions share an id", "give each its own id", line=line)
        out[str(sid)] = Scheme(id=str(sid), name=str(entry["name"]),
                               premises=[" ".join(str(p).split()) for p in entry["premises"]],
                               conclusion=" ".join(str(entry["conclusion"]).split()),
                               critical_questions=cqs, source=entry.get("source", default_source))
    return out


def load_scheme_instances(pack: Any = None, *, article=None, schemes: dict[str, Scheme] | None = None,
                          amap: ArgumentMap | None = None) -> list[SchemeInstance]:
    """The scheme instances of a pack (``schemes.yaml``), checked against the schemes, the
    argument map and (when given) the article. Critical questions not listed are 'open'."""
    path = pack_file(pack, "schemes.yaml")
    if path.name != "schemes.yaml":
        path = path.parent / "schemes.yaml"
    if article is None and hasattr(pack, "paragraphs"):
        article = pack
    if not path.is_file():
        return []
    file = load_yaml_file(path, what="scheme instances")
    schemes = schemes if schemes is not None else load_schemes()
    if amap is None and (path.parent / "argument.yaml").is_file():
        amap = load_argument_map(path.parent / "argument.yaml", article=article)
    known_statements = set(amap.ids) if amap else None
    known_sentences = {s.id for s in article.sentences} if article is not None else None
    items = file.data.get("instances")
    if not isinstance(items, list):
        raise CourseInputError(path, "has no 'instances' list", "write 'instances:' followed by '- id: …' entries")
    problems: list[str] = []
    out: list[SchemeInstance] = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        instance = _instance(item, n, path, file.lines, schemes, known_statements, known_sentences, article,
                             seen, problems)
        if instance is not None:
            out.append(instance)
    if problems:
        raise problems_error(path, problems, with_line=False)
    return out


def _sealed_instance(item: dict, iid: str) -> SchemeInstance:
    """An instance of the student kit's ``schemes.yaml``: its scheme, question ids and statuses
    sealed (:data:`SEAL_SCOPE`), so they can be checked against but not read; its premises,
    conclusion and the sentences of each question kept."""
    cqs = [CriticalQuestionStatus(id=str(q.get("id")), question="", status=str(q.get("status") or ""),
                                  sentences=[str(x) for x in q.get("sentences") or []], citations=[], note=None)
           for q in item.get("critical_questions") or [] if isinstance(q, dict)]
    return SchemeInstance(id=iid, scheme=str(item["scheme"]), scheme_name="(sealed)", summary="",
                          premises=list(item.get("premises") or []), conclusion=item.get("conclusion"),
                          critical_questions=cqs)


def _instance(item, n: int, path: Path, lines: YamlLines, schemes: dict[str, Scheme], known_statements,
              known_sentences, article, seen: set[str], problems: list[str]) -> SchemeInstance | None:
    """One scheme instance, its problems added to ``problems``; None when it cannot be read."""
    iid = item.get("id") if isinstance(item, dict) else None
    line = lines.id(iid)
    who = f"scheme instance '{iid}'" if iid else f"scheme instance number {n}"
    if not isinstance(item, dict) or not iid:
        problems.append(problem_message(path, f"{who}: needs an 'id'", "start each entry with '- id: si1'", line))
        return None
    if iid in seen:
        problems.append(problem_message(path, f"{who}: the id is used twice", "give each instance its own id", line))
    seen.add(iid)
    if is_sealed(item.get("scheme")):
        return _sealed_instance(item, iid)
    scheme = schemes.get(item.get("scheme"))
    if scheme is None:
        problems.append(problem_message(path, f"{who}: unknown scheme {item.get('scheme')!r}",
                                        "use one of: " + ", ".join(schemes), line))
        return None
    premises = list(item.get("premises") or [])
    conclusion = item.get("conclusion")
    if not premises or not conclusion:
        problems.append(problem_message(path, f"{who}: needs 'premises' and a 'conclusion'",
                                        "name statement ids from argument.yaml", line))
    if known_statements is not None:
        for sid in premises + ([conclusion] if conclusion else []):
            if sid not in known_statements:
                problems.append(problem_message(path, f"{who}: statement '{sid}' is not in argument.yaml",
                                                "use the ids of the argument map's statements", line))
    given = _given_questions(item, scheme, who, path, line, known_sentences, article, problems)
    cqs = []
    for c in scheme.critical_questions:
        q = given.get(c.id, {})
        cqs.append(CriticalQuestionStatus(
            id=c.id, question=c.question, status=q.get("status", "open"),
            sentences=list(q.get("sentences") or []), citations=[str(x) for x in q.get("citations") or []],
            note=" ".join(str(q["note"]).split()) if q.get("note") else None))
    return SchemeInstance(id=iid, scheme=scheme.id, scheme_name=scheme.name,
                          summary=" ".join(str(item.get("summary", "")).split()),
                          premises=premises, conclusion=conclusion, critical_questions=cqs)


def _given_questions(item: dict, scheme: Scheme, who: str, path: Path, line, known_sentences, article,
                     problems: list[str]) -> dict[str, dict]:
    """The critical questions an instance gives (id -> status, sentences, citations, note), checked."""
    problem = functools.partial(problem_message, path)
    given = {}
    for q in item.get("critical_questions") or []:
        qid = q.get("id") if isinstance(q, dict) else None
        if qid not in {c.id for c in scheme.critical_questions}:
            problems.append(problem(f"{who}: critical question {qid!r} is not one of scheme '{scheme.id}'",
                                    "use one of: " + ", ".join(c.id for c in scheme.critical_questions), line))
            continue
        if isinstance(q.get("evidence"), dict):  # also accepted: evidence: {sentences: …, citations: …}
            q = {**{k: v for k, v in q.items() if k != "evidence"}, **q["evidence"]}
        unknown = sorted(set(q) - {"id", "status", "sentences", "citations", "note"})
        if unknown:
            problems.append(problem(f"{who}: critical question '{qid}' has unknown field(s) {', '.join(unknown)}",
                                    "give status, sentences, citations and note", line))
        status = q.get("status", "open")
        if status not in CQ_STATUSES:
            problems.append(problem(f"{who}: critical question '{qid}' has status {status!r}",
                                    "use one of: " + ", ".join(CQ_STATUSES), line))
        for sid in q.get("sentences") or []:
            if known_sentences is not None and sid not in known_sentences:
                problems.append(problem(f"{who}: critical question '{qid}' cites sentence '{sid}', not in the article",
                                        "check the sentence ids", line))
        for c in q.get("citations") or []:
            if article is not None and not CITATION_ID_RE.match(str(c)) and str(c) not in article.text:
                problems.append(problem(f"{who}: critical question '{qid}' cites {c!r}, not in the article",
                                        "copy the citation's parentheses exactly", line))
        given[qid] = q
    return given


def scheme_instances(pack: Any = None, *, article=None):
    """One row per (scheme instance, critical question): status and evidence (sentence ids,
    citation raw strings) for lesson 05 to join with the citation and source findings."""
    import pandas as pd  # heavy: imported on first use, to keep imports fast

    rows = []
    for inst in load_scheme_instances(pack, article=article):
        for q in inst.critical_questions:
            rows.append({"instance": inst.id, "scheme": inst.scheme, "scheme_name": inst.scheme_name,
                         "summary": inst.summary, "premises": ", ".join(inst.premises),
                         "conclusion": inst.conclusion, "question_id": q.id, "question": q.question,
                         "status": q.status, "sentences": list(q.sentences), "citations": list(q.citations),
                         "note": q.note or ""})
    return pd.DataFrame(rows, columns=["instance", "scheme", "scheme_name", "summary", "premises", "conclusion",
                                       "question_id", "question", "status", "sentences", "citations", "note"])
