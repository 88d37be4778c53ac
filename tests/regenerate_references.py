"""Regenerate the pytest-notebook references in tests/reference/: every notebooks/*.ipynb executed
with papermill on the seed article, then cleaned of volatile and bulky parts.

    .venv/bin/python tests/regenerate_references.py            # all notebooks
    .venv/bin/python tests/regenerate_references.py 01_source_article

Run it after changing a notebook or what it shows, and review the diff before committing.
tests/notebooks/test_notebooks.py imports the helpers below, so the tests and this script execute alike.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
REFERENCES = Path(__file__).resolve().parent / "reference"
MODEL_ID = re.compile(r"^[0-9a-f]{32}$")
#: Regex replacements for values that change from run to run (pytest-notebook ``diff_replace``).
DIFF_REPLACE = (
    ("/cells/*/outputs", r"^[0-9a-f]{32}$", "MODEL-ID"),  # widget model ids
)
#: Notebook parts that are not compared (pytest-notebook ``diff_ignore``).
DIFF_IGNORE = (
    "/cells/*/outputs/*/traceback",
    "/metadata/widgets",
    "/metadata/papermill",
    "/metadata/language_info",
    "/cells/*/metadata/papermill",
    "/cells/*/metadata/execution",
)


def kernel_env(work: Path) -> dict[str, str]:
    """Environment for the kernel: the repository importable, student work in ``work``."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "CLOSE_READING_WORK": str(work)}


def parameter_names(nb) -> list[str]:
    """Names assigned in the notebook's cell tagged ``parameters``."""
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]+)?=", cell.source, flags=re.MULTILINE)


def execute(notebook: Path, output: Path, cwd: Path, work: Path, article: str | None = None):
    """Run ``notebook`` with papermill (real kernel, ``cwd``), optionally on ``article``; returns the result."""
    import nbformat
    import papermill

    nb = nbformat.read(notebook, as_version=4)
    params = {}
    if article is not None and "article" in parameter_names(nb):
        params["article"] = article
    with environ(kernel_env(work)), tempfile.TemporaryDirectory(prefix="kernel-ipc-") as sockets:
        return papermill.execute_notebook(str(notebook), str(output), parameters=params, cwd=str(cwd),
                                          kernel_name="python3", progress_bar=False, log_output=False,
                                          kernel_manager_class=ipc_kernel_manager(Path(sockets)))


def ipc_kernel_manager(folder: Path):
    """A kernel manager on IPC sockets in ``folder``. A kernel started over TCP binds ports chosen
    free a moment before, and a kernel started at the same time by another test worker can take one
    first ("Address already in use", then "Kernel died before replying to kernel_info"); the tests
    run notebooks, not the transport, so their kernels take no ports at all. The socket files go in
    ``folder`` (by default they would be made relative to the kernel's working folder)."""
    from jupyter_client.manager import KernelManager
    from traitlets import CaselessStrEnum, default

    folder.mkdir(parents=True, exist_ok=True)

    class IpcKernelManager(KernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _ip_default(self):
            return str(folder / "kernel")

    return IpcKernelManager


@contextlib.contextmanager
def environ(values: dict[str, str], unset: tuple[str, ...] = ()):
    """This process's environment with ``values`` set and ``unset`` removed (papermill starts its
    kernels with it), restored afterwards as it was."""
    saved = {k: os.environ.get(k) for k in [*values, *unset]}
    os.environ.update(values)
    for k in unset:
        os.environ.pop(k, None)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def clean_reference(nb):
    """Drop what is volatile or bulky: papermill and timing metadata, widget state, model ids."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view and MODEL_ID.match(view.get("model_id", "")):
                view["model_id"] = "MODEL-ID"
    return nb


def regenerate(names: list[str] | None = None) -> list[Path]:
    import nbformat

    REFERENCES.mkdir(exist_ok=True)
    written = []
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        if names and notebook.stem not in names:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            out = tmp / notebook.name
            execute(notebook, out, cwd=tmp, work=tmp / "work")
            nb = clean_reference(nbformat.read(out, as_version=4))
        target = REFERENCES / notebook.name
        nbformat.write(nb, target)
        written.append(target)
        print(f"wrote {target.relative_to(ROOT)}")
    return written


if __name__ == "__main__":
    regenerate(sys.argv[1:] or None)
