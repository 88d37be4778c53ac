"""A build renders pages on one thread while kernels start on another. Two threads importing the
same package at once can fail (``KeyError: 'IPython'`` when the renderer's IPython lexer and a
kernel's ``IPython.paths`` lookup met), so ``execution.import_shared_modules`` imports, before the
renderer's thread starts, everything both sides would import. These tests measure the two sides in
separate processes: what the renderer's warm-up imports and what executing a notebook imports,
each after ``import_shared_modules``, must not overlap."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TINY = {"cells": [{"cell_type": "code", "execution_count": None, "id": "c", "metadata": {}, "outputs": [],
                   "source": "print(1 + 1)"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}

_RENDER_SIDE = """
import json, sys
from helpers.site import execution, render
execution.import_shared_modules()
before = set(sys.modules)
render.warm_up()
print(json.dumps(sorted(set(sys.modules) - before)))
"""

_KERNEL_SIDE = """
import json, sys
from pathlib import Path
from helpers.site import execution
from helpers.site.notebook import Notebook, read_notebook
execution.import_shared_modules()
scratch, path = Path(sys.argv[1]), Path(sys.argv[2])
item = Notebook(name=path.stem, path=path, source=read_notebook(path), title="tiny", components={}, key="k")
done = []
before = set(sys.modules)
zygote = execution.start_zygote(scratch / "root") if sys.argv[3] == "forked" else None
try:
    execution.execute_all([item], scratch / "run", 1, lambda _: None, done.append, zygote=zygote)
finally:
    if zygote is not None:
        zygote.close()
assert [i.name for i in done] == [path.stem], done
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _new_modules(code: str, *args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.mark.slow
@pytest.mark.parametrize("kernels", ["forked", "started"])
def test_the_renderer_thread_and_a_kernel_start_import_nothing_in_common(tmp_path, kernels):
    if kernels == "forked":
        from helpers.site import forkserver
        if not forkserver.enabled():
            pytest.skip("kernels are forked on Linux only")
    notebook = tmp_path / "01_tiny.ipynb"
    notebook.write_text(json.dumps(TINY), encoding="utf-8")
    rendering = _new_modules(_RENDER_SIDE)
    running = _new_modules(_KERNEL_SIDE, str(tmp_path), str(notebook), kernels)
    assert "nbconvert" in rendering and running, (rendering, running)  # both sides measured something
    assert sorted(rendering & running) == [], sorted(rendering & running)
