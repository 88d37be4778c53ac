"""The one error type for bad input, and how it is shown to people."""

from __future__ import annotations

from pathlib import Path


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
