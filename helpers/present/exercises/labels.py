"""Labelling exercises: give each item (a sentence) one of a few labels, and learn, item by item,
which labels were right and why.

* :class:`LabelExercise` — ``key``: ``{labels: {id: label}, why: {id: text}}``; a key for other
  sentences or other labels is no key
* :class:`VoiceExercise` — whose voice is each sentence, from a pack's ``reading.yaml``
  ``voice_key``: a contested sentence accepts each of its readings, feedback names every cue
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from helpers.core.text import clip
from helpers.model.packs import MISSING_KEY
from helpers.present.exercises.base import Exercise, Feedback, saved_answer

#: Sentences a labelling exercise offers when the article's pack has no key for it.
UNKEYED_SENTENCES = 12
#: Labels for "whose voice is this sentence?" exercises.
VOICE_LABELS = ("the author's own voice", "a reported view")
#: The voice labels of ``reading.yaml``'s ``voice_key`` and how the exercises show them.
VOICE_KEY_LABELS = {"author_claim": "the author's claim", "reported_view": "a reported view",
                    "statement_of_fact": "a statement of fact", "question": "a question"}


class LabelExercise(Exercise):
    """Label each item (e.g. sentence) with one of ``labels``. ``key``: ``{labels: {id: label}, why: {id: text}}``."""

    kind = "labels"

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
        """Whether the key labels only these items, with these labels."""
        expected = self._key.get("labels") or {}
        ids = {i for i, _ in self.items}
        return bool(expected) and not set(map(str, expected)) - ids and not set(map(str, expected.values())) - set(self.labels)

    @classmethod
    def over_sentences(cls, exercise_id: str, title: str, question: str, sentences, labels, key=None, article=None):
        return cls(exercise_id, title, question, [(s.id, s.text) for s in sentences], labels, key, article)

    def check(self, answer: dict[str, str | None]) -> Feedback:
        answer = {str(k): v for k, v in (answer or {}).items() if v}
        if not answer:
            return Feedback(False, "Label at least one sentence first.")
        if self._key is None:
            return self._missing()
        lines, right, total = self._score(answer)
        return Feedback(right == total, f"{right} of {total} right.\n\n" + "\n".join(lines))

    def _score(self, answer: dict[str, str]) -> tuple[list[str], int, int]:
        """(one feedback line per keyed item, items right, items keyed) for a non-empty answer."""
        expected = {str(k): str(v) for k, v in self._key["labels"].items()}
        why = {str(k): str(v) for k, v in (self._key.get("why") or {}).items()}
        lines, right = [], 0
        for item_id, _ in self.items:
            if item_id not in expected:
                continue
            given = answer.get(item_id)
            if given == expected[item_id]:
                right += 1
                lines.append(f"- {item_id}: “{given}” — right. {why.get(item_id, '')}".rstrip())
            elif given is None:
                lines.append(f"- {item_id}: not labelled yet.")
            else:
                lines.append(f"- {item_id}: you said “{given}”, but look again: {why.get(item_id, 'who is speaking here?')}")
        return lines, right, len(expected)

    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id) or {}
        rows, self.controls = [], {}
        for item_id, text in self.items:
            value = saved.get(item_id) if saved.get(item_id) in self.labels else None
            dropdown = w.Dropdown(options=self.labels, value=value, description=item_id,
                                  style={"description_width": "initial"}, layout=w.Layout(width="20em"))
            self.controls[item_id] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(clip(text, 400)))]))
        button = w.Button(description="Check and save", button_style="primary")
        self.output = w.Output()

        def on_click(_):
            answer = {k: d.value for k, d in self.controls.items() if d.value is not None}
            fb = self.check(answer)
            if answer:
                self._save(workspace, answer, fb)
            self._report(fb)

        button.on_click(on_click)
        self.button = button
        return w.VBox(rows + [button, self.output])

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        why = key.get("why") or {}
        return [f"- {k}: {v}. {why.get(k, '')}" for k, v in key["labels"].items()]


class VoiceExercise(LabelExercise):
    """Whose voice is each sentence? Built from a pack's ``reading.yaml`` ``voice_key`` by
    :meth:`from_reading`. A contested sentence accepts each of its ``readings``; feedback
    names the cue of every sentence."""

    kind = "voices"

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

    def _score(self, answer: dict[str, str]) -> tuple[list[str], int, int]:
        """Every item is keyed; an item is right with any reading its key accepts, and its line names the cue."""
        lines, right = [], 0
        for item_id, _ in self.items:
            accepted = self._key["accept"][item_id]
            cue = self._key["cues"].get(item_id)
            look = f"look at “{cue}”" if cue else "look for a reporting cue"
            why = self._key["why"].get(item_id, "")
            given = answer.get(item_id)
            if given is None:
                lines.append(f"- {item_id}: not labelled yet.")
            elif given in accepted:
                right += 1
                contested = " This sentence is contested: " + self._key["readings"][item_id] if len(accepted) > 1 else ""
                lines.append(f"- {item_id}: “{given}” — right; the cue is “{cue}”. {why}{contested}".rstrip())
            else:
                lines.append(f"- {item_id}: you said “{given}”, but {look}: {why}".rstrip())
        return lines, right, len(self.items)


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
        label = VOICE_KEY_LABELS[str(entry.get("label"))]
        labels[sid] = label
        cues[sid] = " ".join(str(entry.get("cue") or "").split())
        why[sid] = " ".join(str(entry.get("why") or "").split())
        others = [r for r in entry.get("readings") or [] if VOICE_KEY_LABELS.get(str(r.get("label")))]
        accept[sid] = [label] + [VOICE_KEY_LABELS[str(r["label"])] for r in others
                                 if VOICE_KEY_LABELS[str(r["label"])] != label]
        readings[sid] = " ".join(f"read as {VOICE_KEY_LABELS[str(r['label'])]}: {' '.join(str(r.get('why', '')).split())}"
                                 for r in others)
        if entry.get("contested") and others:
            contested.append(sid)
    discussion = ["**Contested sentences** (accept either reading if the student points at the words):"]
    discussion += [f"- {sid}: {readings[sid]}" for sid in contested]
    return ({"labels": labels, "accept": accept, "cues": cues, "why": {k: f"Cue: “{cues[k]}”. {v}" if cues[k] else v
                                                                        for k, v in why.items()},
             "readings": readings, "discussion": "\n".join(discussion) if contested else ""}, None)


def _voice_entry_problem(article, sid: str, entry: dict[str, Any]) -> str | None:
    """Why one ``voice_key`` entry does not fit the article (unknown sentence, other opening, unknown label)."""
    try:
        sentence = article.sentence(sid)
    except KeyError:
        return f"the voice key names sentence {sid!r}, which this article does not have"
    start = " ".join(str(entry.get("starts_with", "")).split())
    if start and not " ".join(sentence.text.split()).startswith(start):
        return f"the voice key's sentence {sid} does not start with “{start}”"
    if VOICE_KEY_LABELS.get(str(entry.get("label"))) is None:
        return f"the voice key gives {sid} the unknown label {entry.get('label')!r}"
    return None
