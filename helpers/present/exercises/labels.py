"""Labelling exercises: give each item (a sentence) one of a few labels, and learn, item by item,
which labels were right and why.

* :class:`LabelExercise` — ``key``: ``{labels: {id: label}, why: {id: text}, hint: …}``, labels
  clear or sealed; a key for other sentences or other labels is no key
* :class:`VoiceExercise` — whose voice is each sentence, from a pack's ``reading.yaml``
  ``voice_key``: a contested sentence accepts each of its readings; a right item names its cue,
  a wrong one gets the cue as its first hint
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from helpers.core.text import clip, plain
from helpers.model.keys import is_sealed, matches
from helpers.model.packs import MISSING_KEY
from helpers.present.exercises.base import WITHHELD_KEY, Exercise, Feedback, saved_answer
from helpers.present.exercises.selfcheck import labels_bundle

#: Sentences a labelling exercise offers when the article's pack has no key for it.
UNKEYED_SENTENCES = 12
#: Labels for "whose voice is this sentence?" exercises.
VOICE_LABELS = ("the author's own voice", "a reported view")
#: The voice labels of ``reading.yaml``'s ``voice_key`` and how the exercises show them.
VOICE_KEY_LABELS = {"author_claim": "the author's claim", "reported_view": "a reported view",
                    "statement_of_fact": "a statement of fact", "question": "a question"}


class LabelExercise(Exercise):
    """Label each item (e.g. sentence) with one of ``labels``. ``key``: ``{labels: {id: label},
    also: {id: [other labels it accepts]}, why: {id: text}, hint: {id: text} or text}``; a label
    may be sealed (``helpers.model.keys.seal(label, exercise_id, item_id)``).

    Feedback counts the right items, names each wrong one with the hint step of the try (never its
    right label nor its ``why``), gives ``why`` for each right one, and sums up the items not
    labelled yet in one line.
    """

    kind = "labels"
    generic_hints = ("who is speaking here? Look for a reporting cue in the sentence: a name with “says”, "
                     "“added”, “according to”, or a citation.",
                     "read the sentence before it too: a reported view can run on over several sentences, and "
                     "the author, speaking for themselves, often uses the present (“now”, “today”).")
    still_there = "your labels are still set"

    def __init__(self, exercise_id: str, title: str, question: str, items: Sequence[tuple[str, str]],
                 labels: Sequence[str], key: dict[str, Any] | None = None, article=None,
                 missing_message: str = MISSING_KEY):
        super().__init__(exercise_id, title, question, key, article, missing_message)
        self.items = [(str(i), str(t)) for i, t in items]
        self.labels = [str(x) for x in labels]
        if self._key is not None and not self._key_fits():
            self._key = None
            self.missing_message = f"the answer key does not match this article's sentences, so {MISSING_KEY}"

    def _key_fits(self) -> bool:
        """Whether the key labels only these items, with these labels (clear or sealed); a withheld
        key without labels fits."""
        expected = self._key.get("labels") or {}
        if not expected:
            return self.withheld
        ids = {i for i, _ in self.items}
        if set(map(str, expected)) - ids:
            return False
        return all(any(self._fits(value, item_id, label) for label in self.labels) for item_id, value in expected.items())

    def _candidates(self, label: str) -> list[str]:
        """The values a key may hold for the label the student sees (its own name)."""
        return [label]

    def _fits(self, key_value: Any, item_id: str, label: str) -> bool:
        """Whether ``label`` (as the student sees it) is ``key_value`` (clear or sealed) for ``item_id``."""
        return any(matches(key_value, c, self.id, str(item_id)) for c in self._candidates(label))

    @classmethod
    def over_sentences(cls, exercise_id: str, title: str, question: str, sentences, labels, key=None, article=None):
        return cls(exercise_id, title, question, [(s.id, s.text) for s in sentences], labels, key, article)

    # -- what the key says about one item -------------------------------------------------------------
    def _keyed(self) -> list[str]:
        expected = {str(k) for k in self._key.get("labels") or {}}
        return [i for i, _ in self.items if i in expected]

    def _accepted(self, item_id: str) -> list[Any]:
        """The key's label of an item and the other labels it accepts (``also``), clear or sealed."""
        also = {str(k): v for k, v in (self._key.get("also") or {}).items()}.get(item_id) or []
        return [v for k, v in (self._key.get("labels") or {}).items() if str(k) == item_id] + \
            ([also] if isinstance(also, str) else list(also))

    def _why(self, item_id: str) -> str:
        why = {str(k): v for k, v in (self._key.get("why") or {}).items()}
        return " ".join(str(why.get(item_id) or "").split())

    def _item_hints(self, item_id: str) -> tuple[str | None, str | None]:
        """(step 1, step 2) for a wrong item: the key's ``hint`` for it, else the generic ladder."""
        hint = self._key.get("hint")
        own = hint.get(item_id) if isinstance(hint, dict) else hint
        return (str(own) if own else None), None

    def _right_line(self, item_id: str, given: str) -> str:
        return f"- {item_id}: “{given}”, right. {self._why(item_id)}".rstrip()

    def _item_line(self, item_id: str, given: str) -> tuple[bool, str]:
        """Whether ``given`` is a right label of a keyed item, and the feedback line that says so."""
        if any(self._fits(v, item_id, given) for v in self._accepted(item_id)):
            return True, self._right_line(item_id, given)
        return False, f"- {item_id}: you said “{given}”: not this label."

    def selfcheck(self) -> dict[str, Any] | None:
        """What a static page needs to check this exercise (``exercises.selfcheck``), or ``None``."""
        return labels_bundle(self)

    def check(self, answer: dict[str, str | None]) -> Feedback:
        answer = {str(k): v for k, v in (answer or {}).items() if v}
        if not answer:
            return Feedback(False, "Label at least one sentence first.")
        if self._key is None:
            return self._missing()
        keyed = self._keyed() if (self._key.get("labels") or self._key.get("accept")) else []
        if not keyed:
            return self._withheld(self._ladder(), saved=True)
        lines, wrong, unlabelled, right = [], [], [], 0
        for item_id in keyed:
            given = answer.get(item_id)
            if given is None:
                unlabelled.append(item_id)
                continue
            correct, line = self._item_line(item_id, given)
            right += correct
            lines.append(line)
            if not correct:
                wrong.append(item_id)
        if unlabelled:
            n = len(unlabelled)
            shown = ", ".join(unlabelled[:6]) + (", …" if n > 6 else ".")
            lines.append(f"- {n} {'sentence' if n == 1 else 'sentences'} not labelled yet: {shown}")
        hints = []
        if wrong:
            ladders = {i: self._ladder(*self._item_hints(i)) for i in wrong}
            steps = max(len(x) for x in ladders.values())
            hints = ["\n".join(f"- {i}: {ladders[i][min(k, len(ladders[i]) - 1)]}" for i in wrong) for k in range(steps)]
        total = len(keyed)
        return Feedback(right == total, f"{right} of {total} right.\n\n" + "\n".join(lines), hints)

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id)
        saved = saved if isinstance(saved, dict) else {}
        rows, self.controls = [], {}
        for item_id, text in self.items:
            value = saved.get(item_id) if saved.get(item_id) in self.labels else None
            dropdown = w.Dropdown(options=self.labels, value=value, description=item_id,
                                  style={"description_width": "initial"}, layout=w.Layout(width="20em"))
            self.controls[item_id] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(clip(text, 400)))]))
        return self._assemble(workspace, rows,
                              lambda: {k: d.value for k, d in self.controls.items() if d.value is not None})

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        why = {str(k): v for k, v in (key.get("why") or {}).items()}
        lines, sealed = [], False
        for k, v in (key.get("labels") or {}).items():
            if is_sealed(v):
                sealed = True
                lines.append(f"- {k}: sealed in your copy. {why.get(str(k), '')}".rstrip())
            else:
                lines.append(f"- {k}: {v}. {why.get(str(k), '')}".rstrip())
        if sealed or not lines:
            lines.append(f"Your copy checks labels without showing them: {WITHHELD_KEY}.")
        return lines


class VoiceExercise(LabelExercise):
    """Whose voice is each sentence? Built from a pack's ``reading.yaml`` ``voice_key`` by
    :meth:`from_reading`. A contested sentence accepts each of its ``readings``; a right item
    names its cue once (in its reason), a wrong one gets the cue as hint step 1. A label of the
    voice key may be sealed (``seal(label, exercise_id, sentence_id)``), the label either as
    ``reading.yaml`` names it (``author_claim``) or as the exercise shows it."""

    kind = "voices"
    generic_hints = ("look for a reporting cue: a name with “says”, “added”, “according to”, or a citation.",
                     "ask who stands behind these words: the author, speaking in the present, or someone the "
                     "author reports? Read the sentence before it too: a reported view can run on over several "
                     "sentences.")

    @classmethod
    def from_reading(cls, exercise_id: str, title: str, question: str, article, reading: dict[str, Any] | None):
        """The exercise over the sentences of ``reading['voice_key']`` (the first ``UNKEYED_SENTENCES``
        body sentences without a key)."""
        entries = (reading or {}).get("voice_key") or []
        key, problem = _voice_key(article, entries)
        if key is None:  # no key: practise on the opening sentences (a long article would mean thousands of widgets)
            items = [(s.id, s.text) for s in article.sentences[:UNKEYED_SENTENCES]]
        else:
            items = [(sid, article.sentence(sid).text) for sid in key["labels"]]
        exercise = cls(exercise_id, title, question, items, list(VOICE_KEY_LABELS.values()), key, article)
        if problem:
            exercise.missing_message = f"{problem}, so {MISSING_KEY}"
        return exercise

    def _candidates(self, label: str) -> list[str]:
        name = _VOICE_NAMES.get(label)
        return [label, name] if name else [label]

    def _keyed(self) -> list[str]:
        return [i for i, _ in self.items]

    def _accepted(self, item_id: str) -> list[Any]:
        return list(self._key["accept"][item_id])

    def _item_hints(self, item_id: str) -> tuple[str | None, str | None]:
        cue = self._key["cues"].get(item_id)
        return (f"look at “{cue}”: whose words does it mark?" if cue else None), None

    def _right_line(self, item_id: str, given: str) -> str:
        contested = ""
        if len(self._accepted(item_id)) > 1:
            contested = " This sentence is contested: " + self._key["readings"][item_id]
        return f"- {item_id}: “{given}”, right. {self._why(item_id)}{contested}".rstrip()


#: The ``reading.yaml`` name of each voice label the exercises show.
_VOICE_NAMES = {v: k for k, v in VOICE_KEY_LABELS.items()}


def _voice_label(value: Any) -> str:
    """A voice key label as the exercise shows it (a sealed one stays sealed)."""
    return str(value) if is_sealed(value) else VOICE_KEY_LABELS[str(value)]


def _voice_key(article, entries) -> tuple[dict[str, Any] | None, str | None]:
    """``reading.yaml``'s voice_key as an exercise key, or (None, why it does not fit this article)."""
    if not entries:
        return None, None
    labels, accept, cues, why, readings, contested = {}, {}, {}, {}, {}, []
    for entry in entries:
        sid = str(entry.get("sentence", ""))
        problem = _voice_entry_problem(article, sid, entry)
        if problem:
            return None, problem
        label = _voice_label(entry.get("label"))
        labels[sid] = label
        cues[sid] = " ".join(str(entry.get("cue") or "").split())
        why[sid] = " ".join(str(entry.get("why") or "").split())
        others = [r for r in entry.get("readings") or []
                  if VOICE_KEY_LABELS.get(str(r.get("label"))) or is_sealed(r.get("label"))]
        accept[sid] = [label] + [_voice_label(r["label"]) for r in others if _voice_label(r["label"]) != label]
        readings[sid] = " ".join(_reading_as(r["label"]) + (f": {' '.join(str(r['why']).split())}" if r.get("why") else ".")
                                 for r in others)
        if entry.get("contested") and others:
            contested.append(sid)
    discussion = ["**Contested sentences** (accept either reading if the student points at the words):"]
    discussion += [f"- {sid}: {readings[sid]}" for sid in contested]
    key = {"labels": labels, "accept": accept, "cues": cues, "why": {k: f"Cue: “{cues[k]}”. {v}" if cues[k] else v
                                                                   for k, v in why.items()},
           "readings": readings, "discussion": "\n".join(discussion) if contested else ""}
    if any(entry.get("status") == "draft" for entry in entries):  # one machine-drafted label makes the key a draft
        key["status"] = "draft"
    return key, None


def _voice_entry_problem(article, sid: str, entry: dict[str, Any]) -> str | None:
    """Why one ``voice_key`` entry does not fit the article (unknown sentence, other opening, unknown label)."""
    try:
        sentence = article.sentence(sid)
    except KeyError:
        return f"the voice key names sentence {sid!r}, which this article does not have"
    start = " ".join(str(entry.get("starts_with", "")).split())
    if start and not plain(" ".join(sentence.text.split())).startswith(plain(start)):
        return f"the voice key's sentence {sid} does not start with “{start}”"
    if VOICE_KEY_LABELS.get(str(entry.get("label"))) is None and not is_sealed(entry.get("label")):
        return f"the voice key gives {sid} the unknown label {entry.get('label')!r}"
    return None


def _reading_as(label: Any) -> str:
    return "another reading is accepted" if is_sealed(label) else f"read as {VOICE_KEY_LABELS[str(label)]}"
