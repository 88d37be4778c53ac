"""The article's check for a build, in a short-lived child process.

Loading an article once imported spaCy (about 80 MB of memory) that the build itself never used
again, so the build asks a child for the article's summary, and the build process stays small
while the kernels run (the memory target of a build is the whole process tree's). Since the
segmenter is ``helpers.model.tokens`` (no spaCy), loading costs about 7 MB and 0.07 s in-process;
the child remains, run while the kernels' zygote starts, and the summary is cached by the build,
so only a build that sees an article's content for the first time pays for it.

    python -m helpers.site.articlecheck PATH    # prints {"summary": …} or {"error": …} as JSON
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from helpers.core.errors import CourseInputError

#: the folder that holds the ``helpers`` package the build runs
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def summary_apart(path: Path) -> dict[str, Any]:
    """``load_article(path).summary()`` computed in a child process (JSON values: dates as text).

    A ``CourseInputError`` of the article is raised here as it was raised there; any other failure
    of the child raises ``RuntimeError`` with the end of its error output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_PACKAGE_PARENT), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, "-m", "helpers.site.articlecheck", str(path)], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL)
    lines = proc.stdout.strip().splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else None
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "error" in answer:
        e = answer["error"]
        raise CourseInputError(e.get("path"), e.get("problem", "the article could not be read"), e.get("hint"),
                               line=e.get("line"))
    if proc.returncode != 0 or not isinstance(answer, dict) or "summary" not in answer:
        raise RuntimeError(f"{path}: checking the article failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return answer["summary"]


def main(argv: list[str]) -> int:
    from helpers.model.article import load_article

    try:
        summary = load_article(Path(argv[0])).summary()
    except CourseInputError as err:
        print(json.dumps({"error": {"path": err.path, "problem": err.problem, "hint": err.hint, "line": err.line}}))
        return 0
    print(json.dumps({"summary": summary}, sort_keys=True, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
