"""Self-checks a static page can run: the description of a choice or labelling exercise that the
site's notebook pages turn into a form checked in the browser, without a kernel.

How it reaches the page. When an exercise that a page can check is shown, it displays ONE bundle:
its widget view (``application/vnd.jupyter.widget-view+json``, what JupyterLab renders; JupyterLab
ignores the other mimetype) and :data:`MIME`, the JSON of :func:`choice_bundle` or
:func:`labels_bundle`. The site's nbconvert
priority puts :data:`MIME` first, so a notebook page renders the form
(``templates/close_reading/index.html.j2``) instead of a widget no kernel drives, and
``templates/static/selfcheck.js`` runs it. An exercise without a key, with a withheld key or of
another kind displays its widget alone, as before.

What the JSON holds (``version`` 1), and what it never holds in clear:

* ``kind`` (``choice`` or ``labels``), ``exercise`` (its id), ``title``, ``question``, ``drafted``;
  ``options``: ``[{label, value, target}]``, the labels the student sees (for labels: the labels,
  value = label); ``items``: ``[{id, text, target, key, accept, boxes}]`` (a choice has one item
  with id ``""``; an item the key does not label has ``key: null``); ``strings``: the fixed words
  of the ladder (button, reveal, confirm, the "choose first" line, the draft note).
* ``key``: the item's answer sealed with :func:`helpers.model.keys.seal` (``sealed:<salt>:<sha256>``
  of salt, exercise id, item and the folded answer); ``accept``: every answer it accepts, sealed
  (the key's first), always the option or label as the student sees it, found by the exercise's own
  check (so a key sealed by the student kit gives the same description). The browser seals what
  the student chose the same way (``fold`` replicated in JavaScript, tested against Python in
  Chromium) and compares.
* ``boxes``: for each option, in option order, what the check says when the student chooses it —
  ``{correct, message, hints}`` for a choice, ``{correct, line, hints}`` for an item of a labelling
  exercise — computed by the exercise's own ``check`` (so the words are the kernel's), as JSON
  encrypted under :func:`box_key` of that option: SHA-256 of ``"box"``, salt, exercise id, item and
  the folded option, expanded into a keystream by SHA-256 in counter mode (:func:`seal_text`). A
  box opens only for the option it belongs to, so reasons (``why``), per-option feedback (which
  may name the answer) and the key's own hints are not in the page in clear.
* ``solution``: :meth:`Exercise.solution` (the text "Show the answer" shows in JupyterLab) encrypted
  under :func:`solution_key`, derived from every item's right answer.

The script does in the browser what ``exercises.base`` does in the kernel: a try is a Check with an
answer; try *n* shows the message plus hint step *n*; after the last step "Try again, or press
“Show the answer”"; a labelling exercise's message is put together from its items' lines as
``LabelExercise.check`` does (tests/site/test_site_selfcheck.py compares every step's words with
Python's). SHA-256 is the browser's ``crypto.subtle`` in a secure context (``file://``,
``localhost``), else the script's own (a page served over plain http on a classroom network).

"Show the answer" in a static page: before any try it asks once, as in JupyterLab; then the script
recovers the right answer by sealing each option and comparing it with ``key`` (what keys.py's
docstring already states anyone can do, since the options are few), opens ``solution`` with it and
shows the exercise's own solution. So nothing of the key is stored in clear and the page gives the
student what the kernel gives; sealing keeps the answer from being *read* in the page source, not
from being computed by someone who writes code, exactly as for the student kit.

The salt is derived from the exercise (its id and what it offers), not random: two builds of the
site are byte-identical. It adds no secrecy (nothing can, with few options); it makes equal answers
of different exercises and items seal differently.

Saved work and export (the script): answers, tries, the try that was right and the reveal are kept
in the browser's ``localStorage`` under ``close-reading:selfcheck:<article>:<notebook>:<exercise>``
in the fields of a workspace answer (``answer``, ``correct``, ``saved``, ``tries``, ``right_at``,
``revealed_after``); "Export my answers" downloads them as the W3C Web Annotation collection
:func:`export_answers` makes from the same entries (one annotation per answered sentence or option,
built by ``helpers.model.workspace.Annotation`` and ``Workspace.to_web_annotations``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any, Iterable

from helpers.core.text import fold
from helpers.model.keys import seal
from helpers.model.workspace import CONTEXT_CHARS, Annotation, Workspace, article_urn

#: The mimetype of a self-check description (first in the site's display priority).
MIME = "application/vnd.close-reading.selfcheck+json"
VERSION = 1
#: The check button's label in a static page (the answer is saved in the browser, not a work folder).
CHECK_BUTTON = "Check"


# -- sealing ---------------------------------------------------------------------------------------

def exercise_salt(exercise_id: str, offered: Iterable[Any]) -> str:
    """The salt of an exercise's self-check: derived from its id and what it offers (reproducible builds)."""
    text = "\0".join(["close-reading-selfcheck", str(exercise_id), *map(str, offered)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _sha(*parts: str) -> bytes:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).digest()


def box_key(salt: str, exercise_id: str, item: str, value: Any) -> bytes:
    """The key of the box of one option (``value``) of one item: never the sealed digest itself."""
    return _sha("box", salt, str(exercise_id), str(item), fold(value))


def solution_key(salt: str, exercise_id: str, answers: Iterable[Any]) -> bytes:
    """The key of the solution box: every item's right answer, folded, in item order."""
    return _sha("solution", salt, str(exercise_id), *(fold(a) for a in answers))


def _keystream(key: bytes, n: int) -> bytes:
    blocks, counter = [], 0
    while 32 * counter < n:
        blocks.append(hashlib.sha256(key + counter.to_bytes(4, "big")).digest())
        counter += 1
    return b"".join(blocks)[:n]


def _xor(data: bytes, key: bytes) -> bytes:
    stream, n = _keystream(key, len(data)), len(data)
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(n, "big")


def seal_text(value: Any, key: bytes) -> str:
    """``value`` as JSON, XORed with the SHA-256 counter keystream of ``key``, in base64."""
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return base64.b64encode(_xor(data, key)).decode("ascii")


def open_text(box: str, key: bytes) -> Any:
    """What :func:`seal_text` sealed (``ValueError`` when ``key`` is not its key)."""
    plain = _xor(base64.b64decode(box), key)
    try:
        return json.loads(plain.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ValueError("not the key of this box") from err


# -- the description -------------------------------------------------------------------------------

def _target(article, sentence_id: Any) -> dict[str, Any] | None:
    """Where an answer about a sentence points in the article (the fields of a workspace annotation)."""
    if article is None or not sentence_id:
        return None
    try:
        s = article.sentence(str(sentence_id))
    except KeyError:
        return None
    text = article.text
    return {"sentence": s.id, "start": s.start, "end": s.end, "exact": text[s.start:s.end],
            "prefix": text[max(0, s.start - CONTEXT_CHARS):s.start], "suffix": text[s.end:s.end + CONTEXT_CHARS]}


def _strings(exercise, empty: str) -> dict[str, str]:
    from helpers.present.exercises.base import DRAFT_KEY, REVEAL_BUTTON, REVEAL_CONFIRM

    return {"check": CHECK_BUTTON, "reveal": REVEAL_BUTTON, "confirm": REVEAL_CONFIRM, "empty": empty,
            "draft": DRAFT_KEY, "title": exercise.title}


def choice_bundle(exercise) -> dict[str, Any] | None:
    """The self-check of a :class:`~helpers.present.exercises.choice.ChoiceExercise` (``None`` when
    a page cannot check it: no key, a withheld key)."""
    key = exercise._key
    if key is None or key.get("answer") is None:
        return None
    ex_id, values = exercise.id, exercise.values
    salt = exercise_salt(ex_id, values)
    right = next((v for v in values if exercise.check(v).correct is True), None)
    if right is None:
        return None
    boxes = []
    for value in values:
        fb = exercise.check(value)
        boxes.append(seal_text({"correct": fb.correct, "message": fb.message, "hints": list(fb.hints)},
                               box_key(salt, ex_id, "", value)))
    # an option that is not a sentence (whose view is the conclusion?) points at the key's sentence
    # when the question names it, so that an export says what the answer was about
    sentence = key.get("sentence")
    fallback = _target(exercise.article, sentence) if sentence and str(sentence) in exercise.question else None
    options = [{"label": label, "value": value, "target": _target(exercise.article, value) or fallback}
               for label, value in exercise.options]
    sealed = seal(right, ex_id, "", salt)
    item = {"id": "", "text": "", "target": None, "key": sealed, "accept": [sealed], "boxes": boxes}
    return {"version": VERSION, "kind": "choice", "exercise": ex_id, "title": exercise.title,
            "question": exercise.question, "drafted": exercise.drafted, "salt": salt, "options": options,
            "items": [item], "strings": _strings(exercise, "Choose one of the options first."),
            "solution": seal_text(exercise.solution(), solution_key(salt, ex_id, [right]))}


def labels_bundle(exercise) -> dict[str, Any] | None:
    """The self-check of a :class:`~helpers.present.exercises.labels.LabelExercise` (or a
    :class:`VoiceExercise`); ``None`` when a page cannot check it."""
    key = exercise._key
    if key is None or not (key.get("labels") or key.get("accept")):
        return None
    keyed = exercise._keyed()
    if not keyed:
        return None
    ex_id, labels = exercise.id, exercise.labels
    salt = exercise_salt(ex_id, [*labels, *(i for i, _ in exercise.items)])
    items, rights = [], []
    for item_id, text in exercise.items:
        entry = {"id": item_id, "text": text, "target": _target(exercise.article, item_id),
                 "key": None, "accept": [], "boxes": []}
        if item_id in keyed:
            accepted = exercise._accepted(item_id)
            right = next((lab for lab in labels if exercise._fits(accepted[0], item_id, lab)), None)
            if right is None:
                return None
            rights.append(right)
            entry["key"] = seal(right, ex_id, item_id, salt)
            entry["accept"] = [entry["key"]] + [seal(lab, ex_id, item_id, salt) for lab in labels
                                                if lab != right and any(exercise._fits(v, item_id, lab)
                                                                        for v in accepted)]
            for lab in labels:
                correct, line = exercise._item_line(item_id, lab)
                hints = [] if correct else exercise._ladder(*exercise._item_hints(item_id))
                entry["boxes"].append(seal_text({"correct": correct, "line": line, "hints": hints},
                                                box_key(salt, ex_id, item_id, lab)))
        items.append(entry)
    return {"version": VERSION, "kind": "labels", "exercise": ex_id, "title": exercise.title,
            "question": exercise.question, "drafted": exercise.drafted, "salt": salt,
            "options": [{"label": lab, "value": lab, "target": None} for lab in labels], "items": items,
            "strings": _strings(exercise, "Label at least one sentence first."),
            "solution": seal_text(exercise.solution(), solution_key(salt, ex_id, rights))}


def bundle_items(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of a self-check the key checks (those with a ``key``)."""
    return [i for i in data.get("items", []) if i.get("key")]


# -- export ----------------------------------------------------------------------------------------

def progress_words(entry: dict[str, Any]) -> str:
    """The progress of a saved answer in words ("2 tries (right at try 2)"), as the saved-state line
    says it without its "Saved: "."""
    from helpers.present.exercises.base import progress_line

    line = progress_line(int(entry.get("tries") or 0), entry.get("correct"), entry.get("right_at"),
                         entry.get("revealed_after"))
    return line.removeprefix("Saved: ").removeprefix("Saved.").strip()


def _answer_annotations(data: dict[str, Any], entry: dict[str, Any]) -> list[dict[str, Any]]:
    answer = entry.get("answer")
    if answer is None:
        return []
    options = {o["value"]: o for o in data.get("options", [])}
    if data.get("kind") == "choice":
        option = options.get(str(answer))
        chosen = [("", option["label"] if option else str(answer), (option or {}).get("target"))]
    else:
        given = answer if isinstance(answer, dict) else {}
        chosen = [(i["id"], str(given[i["id"]]), i.get("target")) for i in data.get("items", [])
                  if given.get(i["id"])]
    progress = progress_words(entry)
    created = str(entry.get("saved") or "")
    out = []
    for item, label, target in chosen:
        where = f", {item}" if item else ""
        note = f"{data.get('title')} ({data.get('exercise')}){where}: {label}" + (f"; {progress}" if progress else "") + "."
        target = target or {}
        anno = Annotation(id=str(uuid.uuid4()), start=int(target.get("start", 0)), end=int(target.get("end", 0)),
                          exact=str(target.get("exact", "")), note=note, tags=[label], created=created,
                          prefix=str(target.get("prefix", "")), suffix=str(target.get("suffix", "")))
        out.append((anno, bool(target)))
    return out


def export_answers(article_id: str, bundles: Iterable[dict[str, Any]], answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The W3C Web Annotation collection of the answers saved for self-checks (``answers``: by
    exercise id, entries in the fields of a workspace answer), as ``Workspace.to_web_annotations``
    makes it: one annotation per answered sentence (a label) or chosen option. An option that
    points at no sentence gives an annotation whose target is the article itself."""
    made = [x for data in bundles for x in _answer_annotations(data, answers.get(data.get("exercise")) or {})]
    ws = Workspace(article_id, Path("."))  # in memory: nothing is read or written
    ws.annotations = [anno for anno, _ in made]
    collection = ws.to_web_annotations()
    for (_, has_target), item in zip(made, collection["first"]["items"]):
        if not has_target:
            item["target"] = {"source": article_urn(article_id)}
    return collection
