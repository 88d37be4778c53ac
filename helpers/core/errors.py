"""The one error type for bad input, and how it is shown to people."""

from __future__ import annotations

import re
from pathlib import Path

_LINE_RE = re.compile(r"^[^:]*?:(\d+):")


class CourseInputError(Exception):
    """Bad input that a person can fix: names the file (and line), the problem and what to do.

    ``str(err)`` is a single line, suitable for a command line or a notebook message:
    ``path:line: problem. hint``
    """

    def __init__(self, path: str | Path | None, problem: str, hint: str | None = None,
                 line: int | None = None):
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.hint = hint
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.problem.rstrip('.')}"
        if self.hint:
            text += f". {self.hint.rstrip('.')}."
        else:
            text += "."
        return " ".join(text.split())  # always one line

    def __str__(self) -> str:
        return self.message


def problem_message(path: str | Path | None, problem: str, hint: str | None = None,
                    line: int | None = None) -> str:
    """One problem as the one-line message a ``CourseInputError`` would show, for checkers that
    collect every problem of a file before raising (see :func:`problems_error`)."""
    return CourseInputError(path, problem, hint, line=line).message


def problems_error(path: str | Path | None, problems: list[str], *, more: str = "more",
                   with_line: bool = True) -> CourseInputError:
    """One ``CourseInputError`` for collected problem messages (:func:`problem_message`): the
    first problem, then "(and N <more>: …)" with the others; ``with_line`` takes the line of the
    first problem's message."""
    rest = f" (and {len(problems) - 1} {more}: {' | '.join(p.split(': ', 1)[-1] for p in problems[1:])})" \
        if len(problems) > 1 else ""
    m = _LINE_RE.match(problems[0]) if with_line else None
    return CourseInputError(path, problems[0].split(": ", 1)[-1].rstrip(".") + rest, None,
                            line=int(m.group(1)) if m else None)
