"""The key texts of the lessons (reasons, model answers, discussions, the instructor's trace), as the
opening words to look for where they must not be: the stored widget state and the student edition.
Shared by the notebook tests (imported by name)."""

from __future__ import annotations

import re

from helpers.model.packs import load_pack
from support import texts

#: The fields of an exercise key that hold its reasons and model answers.
SECRET_FIELDS = ("why", "feedback", "model_answer", "look_for", "discussion", "hint")


def flat(text) -> str:
    return " ".join(str(text).split())


def pack_secrets(article) -> list[str]:
    """Long key texts (reasons, model answers, discussions) from every YAML file of the article's pack."""
    out: list[str] = []

    def collect(value):
        if isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)
        elif isinstance(value, str):
            # the key's own words: quoted passages of the article may legitimately be on screen
            own = " ".join(re.sub(r"[\"“][^\"”]*[\"”]", " ", value).split())
            if len(own) >= 30:
                out.append(own[:60])

    def find(value):
        if isinstance(value, dict):
            for k, v in value.items():
                collect(v) if k in SECRET_FIELDS else find(v)
        elif isinstance(value, list):
            for v in value:
                find(v)

    pack = load_pack(article)
    for path in sorted(pack.root.glob("*.yaml")) if pack.exists else []:
        find(pack.get(path.stem))
    return out


def _not_quoting_the_text(article, found) -> list[str]:
    """Opening fragments (50 characters) of the long texts; a reason that opens by quoting the text is no leak."""
    text = " ".join(article.text.split())
    fragments = [flat(s)[:50] for s in found if s and len(flat(s)) >= 30]
    return [f for f in fragments if f.strip('"“”') not in text]


def _exercise_secrets(article, prefix: str) -> list[str]:
    """Reasons and model answers of the exercises.yaml keys whose ids start with ``prefix``."""
    exercises = load_pack(article).get("exercises") or {}
    return _not_quoting_the_text(article, [t for exercise_id, key in exercises.items()
                                           if str(exercise_id).startswith(prefix) and isinstance(key, dict)
                                           for t in texts({k: v for k, v in key.items() if k in SECRET_FIELDS})])


def _reading_and_trace_secrets(article) -> list[str]:
    """Voice reasons and readings and the paragraph roles' reasons (reading.yaml), the trace's
    findings and notes (trace.yaml)."""
    pack = load_pack(article)
    out = [r.get("why") for r in (pack.get("reading") or {}).get("paragraph_roles") or [] if isinstance(r, dict)]
    for entry in (pack.get("reading") or {}).get("voice_key") or []:
        out.append(entry.get("why"))
        out += [r.get("why") for r in entry.get("readings") or []]
    trace = pack.get("trace") or {}
    for entry in trace.get("citations") or []:
        out += [entry.get("found"), entry.get("note")]
    out += list((trace.get("publisher_copy") or {}).get("findings") or [])
    out.append(trace.get("single_source_summary"))
    return _not_quoting_the_text(article, out)


def critique_secrets(article) -> list[str]:
    """critique.yaml's exercise keys and observations (the model answers of 04's voices and 05's
    critique), the argument map's reason for the conclusion's voice, and the trace's findings
    (shown only to instructors in 05)."""
    pack = load_pack(article)
    critique = pack.get("critique") or {}
    out = [t for ex in (critique.get("exercises") or {}).values()
           for t in texts({k: v for k, v in ex.items() if k in ("model_answer", "look_for", "discussion")})]
    out += texts(critique.get("observations") or {})
    for s in (pack.get("argument") or {}).get("statements") or []:
        if s.get("kind") == "conclusion" and s.get("note"):
            out.append(s["note"])
    for entry in (pack.get("trace") or {}).get("citations") or []:
        out += [entry.get("found"), entry.get("note")]
    return [flat(s)[:50] for s in out if s and len(flat(s)) >= 30]


def lesson_secrets(name: str, article) -> list[str]:
    """The key texts a lesson notebook shows only in its solution and instructor cells."""
    if name.startswith("01"):
        return _exercise_secrets(article, "01_")
    if name.startswith(("02", "03")):
        return _reading_and_trace_secrets(article)
    return critique_secrets(article)
