"""The quotation analysis scored against an answer key (``key/quotes.yaml``)."""

from __future__ import annotations

from typing import Any

from helpers.analysis.quotes.model import QuoteAnalysis
from helpers.core.text import fold


def _norm_quote(s: str) -> str:
    return " ".join(str(s).split()).strip().rstrip(",.;:").strip().casefold()


def _same_name(a, b) -> bool:
    """Both missing, or the same name (case and spacing ignored)."""
    return a is b is None or (a is not None and b is not None and fold(a) == fold(b))


def score_quotes(analysis: QuoteAnalysis, key: dict) -> dict[str, Any]:
    """Compare with an answer key (``key/quotes.yaml`` as a dict).

    Quotations match on paragraph and text (white space and a trailing ``,.;:`` ignored).
    ``speaker_accuracy`` is over the key's speech quotations (a missed one counts as wrong);
    vague attributions match on paragraph and source (case ignored).
    """
    wanted = key.get("quotes") or []
    taken: set[str] = set()
    matched, missed, wrong_kind, wrong_speaker = 0, [], [], []
    speech = [k for k in wanted if k.get("kind") == "speech"]
    speech_ok = 0
    for k in wanted:
        q = next((q for q in analysis.quotes if q.id not in taken and q.paragraph == k.get("paragraph", q.paragraph)
                  and _norm_quote(q.text) == _norm_quote(k["text"])), None)
        if q is None:
            missed.append(k.get("id") or k["text"][:40])
            continue
        taken.add(q.id)
        matched += 1
        if q.kind != k.get("kind"):
            wrong_kind.append(f"{q.id}: {q.kind} (key: {k.get('kind')})")
        if k.get("kind") == "speech":
            if _same_name(q.speaker, k.get("speaker")):
                speech_ok += 1
            else:
                wrong_speaker.append(f"{q.id}: {q.speaker} (key: {k.get('speaker')})")
    vague_key = [a for a in key.get("attributions") or [] if a.get("vague", True)]
    vague_got = [a for a in analysis.attributions if a.vague]
    used: set[str] = set()
    vague_hits = 0
    for k in vague_key:
        a = next((a for a in vague_got if a.id not in used and a.paragraph == k.get("paragraph", a.paragraph)
                  and _same_name(a.source, k.get("source"))), None)
        if a is not None:
            used.add(a.id)
            vague_hits += 1
    n = len(wanted)
    return {
        "recall": matched / n if n else 1.0,
        "precision": matched / len(analysis.quotes) if analysis.quotes else 1.0,
        "kind_accuracy": (matched - len(wrong_kind)) / matched if matched else 1.0,
        "speaker_accuracy": speech_ok / len(speech) if speech else 1.0,
        "vague_recall": vague_hits / len(vague_key) if vague_key else 1.0,
        "vague_precision": vague_hits / len(vague_got) if vague_got else 1.0,
        "missed": missed, "wrong_kind": wrong_kind, "wrong_speaker": wrong_speaker,
    }
