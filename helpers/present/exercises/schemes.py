"""Naming the scheme of an argument and asking its critical questions: for each of two arguments
the student picks the argumentation scheme (``helpers.analysis.arguments.load_schemes``) and
answers critical questions of that scheme with a status and evidence (sentence ids, citations).

* :class:`SchemeExercise` — ``key`` (the pack's ``exercises.yaml``, ``05_schemes``):
  ``{arguments: [{id, instance, scheme, accept: [other schemes], hint}]}``; ``instance`` names a
  scheme instance of the pack's ``schemes.yaml`` (its premises, conclusion and critical questions
  with status and evidence). A scheme may be sealed (``helpers.model.keys.seal(scheme, exercise
  id, "<argument id>")``, as the student kit seals them), and so may the instance itself: in the
  kit's ``schemes.yaml`` its scheme, its questions' ids and their statuses are sealed under
  ``helpers.analysis.arguments.schemes.SEAL_SCOPE`` (items: the instance id, ``"<instance
  id>.<question id>"``); the checks give the verdicts of the clear key and the answer says the
  instructor has it.
* :func:`scheme_exercise` — the exercise of an article, from its pack (schemes, instances, map)
* :func:`parse_answers` — one critical question per line: ``question id: status — evidence``

Without a key the student names the sentences of two arguments of their own choice, and the
check tests what a machine can: a scheme chosen, questions of that scheme, a status, sentence ids
that exist and citations copied exactly.
"""

from __future__ import annotations

import re
from typing import Any

from helpers.analysis.arguments import load_scheme_instances, load_schemes
from helpers.analysis.arguments.schemes import SEAL_SCOPE
from helpers.model.keys import is_sealed, matches
from helpers.model.packs import GENERIC_CHECK, MISSING_KEY, load_pack
from helpers.present.exercises.base import WITHHELD_KEY, Exercise, Feedback, saved_answer

STATUSES = ("open", "answered", "failed")
#: Critical questions a student must answer per argument (all of them when the scheme has fewer).
QUESTIONS_PER_ARGUMENT = 2
_LINE = re.compile(r"^\s*[-*]?\s*([A-Za-z_]+)\s*[:=—–-]+\s*(open|answered|failed)\b\s*[:,;—–-]*\s*(.*)$", re.I)
_SENTENCE_ID = re.compile(r"\bp\d+\.s\d+\b")
_PARENS = re.compile(r"\([^()]*\)")


def parse_answers(text: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """(answers, lines that could not be read): each answer has ``question``, ``status``,
    ``sentences``, ``citations`` and the ``evidence`` as written."""
    answers, unread = [], []
    for line in str(text or "").splitlines():
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            unread.append(line.strip())
            continue
        evidence = m.group(3).strip()
        answers.append({"question": m.group(1).lower(), "status": m.group(2).lower(), "evidence": evidence,
                        "sentences": _SENTENCE_ID.findall(evidence), "citations": _PARENS.findall(evidence)})
    return answers, unread


class SchemeExercise(Exercise):
    """Name the scheme of each argument and answer its critical questions with evidence."""

    kind = "schemes"

    def __init__(self, exercise_id: str, title: str, question: str, article, schemes, key: dict[str, Any] | None = None,
                 instances=(), amap=None, missing_message: str = MISSING_KEY, count: int = 2):
        self.schemes = dict(schemes)
        self.instances = {i.id: i for i in instances}
        args = [a for a in (key or {}).get("arguments") or [] if isinstance(a, dict) and a.get("instance") in self.instances]
        super().__init__(exercise_id, title, question, {**(key or {}), "arguments": args} if args else None, article,
                         missing_message)
        if key and not args:
            self.missing_message = f"the answer key names no scheme instance of this pack, so {MISSING_KEY}"
        elif not key and missing_message == MISSING_KEY:
            # without a key the answers are still checked for what a machine can check: say so
            self.missing_message = GENERIC_CHECK.format(what="a scheme chosen, its own critical questions, a status "
                                                             "and evidence that exists",
                                                        where="`05_schemes` in exercises.yaml, with the instances in "
                                                              "schemes.yaml")
        self.amap = amap
        self.slots = [str(a.get("id")) for a in args] if args else [chr(ord("A") + i) for i in range(count)]

    # -- what the student reads ------------------------------------------------------------------
    def _argument(self, slot: str) -> dict[str, Any] | None:
        return next((a for a in (self._key or {}).get("arguments") or [] if str(a.get("id")) == slot), None)

    def _statement_line(self, statement_id: str) -> str:
        if self.amap is None:
            return statement_id
        try:
            s = self.amap.statement(statement_id)
        except KeyError:
            return statement_id
        return f"{', '.join(s.sentences)}: {' '.join(s.text.split())}"

    def argument_markdown(self, slot: str) -> str:
        """The argument of a slot: its premises and conclusion (sentences and paraphrase), not its scheme."""
        arg = self._argument(slot)
        if arg is None:
            return f"**Argument {slot}**: choose an argument of the text and give its sentences."
        inst = self.instances[arg["instance"]]
        premises = "; ".join(self._statement_line(p) for p in inst.premises)
        return f"**Argument {slot}.** From {premises} — to {self._statement_line(inst.conclusion)}"

    def intro(self) -> str:
        text = super().intro()
        text += "\n\n" + "\n\n".join(self.argument_markdown(s) for s in self.slots)
        return text + ("\n\nWrite one critical question per line: its id (as in the scheme table), its status "
                       "(open, answered, failed) and your evidence, e.g. `expertise: open — p1.s1 gives no "
                       "credentials`.")

    # -- checking ------------------------------------------------------------------------------
    def check(self, answer: dict[str, dict[str, str]] | None) -> Feedback:
        answer = answer or {}
        filled = {s: answer.get(s) or {} for s in self.slots if any(str(v or "").strip() for v in (answer.get(s) or {}).values())}
        if not filled:
            return Feedback(False, f"Choose the scheme of argument {self.slots[0]} first and answer its critical questions.")
        lines, hints, right = [], [[], [], []], 0
        for slot in self.slots:
            ok = self._check_slot(slot, filled.get(slot) or {}, lines, hints)
            right += ok
        if self._key is None:
            structure_ok = not any(hints)
            return Feedback(None if structure_ok else False,
                            "\n".join(lines) + f"\n\n{self.title}: {self.missing_message}.",
                            hints=["\n".join(h) for h in hints if h])
        message = f"{right} of {len(self.slots)} arguments right.\n\n" + "\n".join(lines)
        if right == len(self.slots):
            return Feedback(True, message)
        return Feedback(False, message, hints=["\n".join(h) for h in hints if h])

    def _check_slot(self, slot: str, given: dict[str, str], lines: list[str], hints: list[list[str]]) -> bool:
        scheme_id = str(given.get("scheme") or "")
        scheme = self.schemes.get(scheme_id)
        if scheme is None:
            lines.append(f"- argument {slot}: no scheme chosen yet.")
            hints[0].append(f"- argument {slot}: choose the scheme whose premise forms (scheme table) fit its premises.")
            return False
        problems = self._structure(slot, scheme, given, hints)
        arg = self._argument(slot)
        if arg is None:
            if self._key is None and not given.get("sentences", "").strip():
                problems.append("no sentences")
                hints[0].append(f"- argument {slot}: give the sentence ids of the argument you chose.")
            lines.append(f"- argument {slot}: {scheme.name}" + (f" — still to do: {', '.join(problems)}." if problems
                                                                 else " — the answers are complete."))
            return not problems
        accepted = [arg.get("scheme"), *(arg.get("accept") or [])]
        if not any(matches(v, scheme_id, self.id, slot) for v in accepted if v):
            lines.append(f"- argument {slot}: {scheme.name} — not yet.")
            hints[0].append(f"- argument {slot}: what does it rely on: a person's authority, someone's position to "
                            "know, a sign, a cause, the consequences? Compare its premises with the premise forms.")
            if arg.get("hint"):
                hints[1].append(f"- argument {slot}: {' '.join(str(arg['hint']).split())}")
            return False
        differ = self._against_key(slot, arg, given, hints)
        still = problems + differ
        lines.append(f"- argument {slot}: {scheme.name} — right." + (f" Still to do: {', '.join(still)}." if still else
                                                                     " Your critical questions agree with the key."))
        return not still

    def _structure(self, slot: str, scheme, given: dict[str, str], hints: list[list[str]]) -> list[str]:
        """What a machine can check of the answers: known questions, a status, evidence that exists."""
        answers, unread = parse_answers(given.get("answers"))
        known = {q.id for q in scheme.critical_questions}
        problems = []
        if unread:
            problems.append(f"{len(unread)} line(s) not in the form `question id: status — evidence`")
            hints[0].append(f"- argument {slot}: write each line as `question id: open|answered|failed — evidence`.")
        wrong = [a["question"] for a in answers if a["question"] not in known]
        if wrong:
            problems.append(f"question id(s) not of this scheme: {', '.join(wrong)}")
            hints[0].append(f"- argument {slot}: the questions of {scheme.name} are {', '.join(sorted(known))}.")
        good = [a for a in answers if a["question"] in known]
        need = min(QUESTIONS_PER_ARGUMENT, len(known))
        if len({a["question"] for a in good}) < need:
            problems.append(f"answer at least {need} of its critical questions")
            hints[0].append(f"- argument {slot}: answer {need} critical questions, one per line.")
        ids = {s.id for s in self.article.sentences}
        flat = " ".join(self.article.text.split())
        for a in good:
            bad = [i for i in a["sentences"] if i not in ids]
            if not a["sentences"]:
                problems.append(f"evidence (a sentence id) for {a['question']}")
                hints[0].append(f"- argument {slot}, {a['question']}: point at the sentence(s) your status rests on.")
            elif bad:
                problems.append(f"sentence ids that exist ({', '.join(bad)} do not)")
            wrong_cite = [c for c in a["citations"] if not _SENTENCE_ID.fullmatch(c.strip("()"))
                          and " ".join(c.split()) not in flat]
            if wrong_cite:
                problems.append(f"citations copied exactly ({', '.join(wrong_cite)} is not in the text)")
        return problems

    def _against_key(self, slot: str, arg: dict[str, Any], given: dict[str, str], hints: list[list[str]]) -> list[str]:
        """Statuses that differ from the key's, each with a hint pointing at the key's evidence."""
        inst = self.instances[arg["instance"]]
        differ = []
        sealed = is_sealed(inst.scheme)  # the student kit's schemes.yaml (helpers.site.kit)
        if not matches(inst.scheme, str(given.get("scheme")), SEAL_SCOPE, inst.id):
            return differ  # another defensible scheme: its questions are not the key's
        for a in parse_answers(given.get("answers"))[0]:
            qid = a["question"]
            q = next((q for q in inst.critical_questions if matches(q.id, qid, SEAL_SCOPE, inst.id)), None)
            if q is None:
                continue
            status_ok = (matches(q.status, a["status"], SEAL_SCOPE, f"{inst.id}.{qid}") if sealed
                         else matches(q.status, a["status"], self.id, f"{slot}.{q.id}"))
            if status_ok:
                continue
            differ.append(f"look again at {qid}")
            hints[1].append(f"- argument {slot}, {qid}: the key reads its status differently. Does the text itself "
                            "answer the question, leave it open, or answer it against the argument?")
            if q.sentences:
                hints[2].append(f"- argument {slot}, {qid}: re-read {', '.join(q.sentences)}.")
        return differ

    # -- the widget ----------------------------------------------------------------------------
    def widget(self, workspace=None):
        import ipywidgets as w

        saved = saved_answer(workspace, self.id) or {}
        options = [("(choose a scheme)", "")] + [(s.name, sid) for sid, s in self.schemes.items()]
        style = {"description_width": "initial"}
        self.controls, boxes = {}, []
        for slot in self.slots:
            old = saved.get(slot) or {}
            row = {"scheme": w.Dropdown(options=options, value=old.get("scheme") if old.get("scheme") in self.schemes
                                        else "", description=f"Argument {slot}, scheme:", style=style),
                   "answers": w.Textarea(value=str(old.get("answers", "")), description="Critical questions:",
                                         placeholder="question id: open|answered|failed — evidence (p1.s1, (Outlet, May 1))",
                                         style=style, layout=w.Layout(width="100%", height="7em"))}
            if self._argument(slot) is None:
                row["sentences"] = w.Text(value=str(old.get("sentences", "")), description="Its sentences:",
                                          placeholder="e.g. p2.s1, p2.s2", style=style)
            self.controls[slot] = row
            boxes += list(row.values())
        return self._assemble(workspace, boxes, lambda: {slot: {k: c.value for k, c in row.items()}
                                                         for slot, row in self.controls.items()})

    def _solution_lines(self, key: dict[str, Any]) -> list[str]:
        lines = []
        for arg in key["arguments"]:
            inst = self.instances[arg["instance"]]
            if is_sealed(inst.scheme):  # the kit's copy: the schemes and statuses can be checked, not read
                lines.append(f"- **Argument {arg['id']}**: sealed in your copy ({WITHHELD_KEY}); your answers are "
                             "checked against it.")
                continue
            scheme = self.schemes.get(inst.scheme)
            name = "(sealed)" if is_sealed(arg.get("scheme")) else (scheme.name if scheme else inst.scheme)
            also = [self.schemes[a].name for a in arg.get("accept") or [] if a in self.schemes]
            lines.append(f"- **Argument {arg['id']}: {name}**" + (f" (also defensible: {', '.join(also)})" if also else "")
                         + f". {' '.join(inst.summary.split())}")
            for q in inst.critical_questions:
                evidence = ", ".join(q.sentences + q.citations)
                lines.append(f"  - {q.id}: {q.status}" + (f" ({evidence})" if evidence else "")
                             + (f" — {' '.join(q.note.split())}" if q.note else ""))
        return lines


def scheme_exercise(article, amap=None, title: str = "Exercise", exercise_id: str = "05_schemes",
                    question: str = "Name the scheme of each argument and answer its critical questions with evidence.") \
        -> SchemeExercise:
    """The scheme exercise of ``article``: the schemes, and the key and scheme instances of its pack."""
    pack = load_pack(article)
    instances = load_scheme_instances(article, article=article, amap=amap) if pack.file("schemes") else []
    return SchemeExercise(exercise_id, title, question, article, load_schemes(), pack.exercise(exercise_id), instances,
                          amap)
