"""Benchmark the site build: against Jupyter Book 1 and the naive loop, cold and after edits, on
the command line and in the preview server, with the memory of the whole process tree.

Run:  .venv/bin/python benchmarks/bench_build.py [--rounds 3] [--skip-naive] [--skip-profile]
                                                  [--jupyter-book PATH] [--article PATH_OR_ID]
                                                  [--baseline GIT_REF]

Everything runs on snapshots of helpers/, data/, notebooks/ and lessons/ in a temporary folder
(one for the command-line builds, one for the preview server, one for Jupyter Book), so the
repository's _build/ is not touched and edits made meanwhile do not count. Python may write its
bytecode there (PYTHONDONTWRITEBYTECODE is removed), as on a machine where the project is used.
The scenarios run interleaved, ``--rounds`` times, and each row prints min/median/max; the load
average is printed with every round. Results are saved to benchmarks/results/bench_build.json.
Jupyter Book 1 is optional (see benchmarks/README.md for installing it in its own virtualenv);
without it its rows are skipped with a message. See benchmarks/README.md for what each row is.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO))

#: where benchmarks/README.md installs Jupyter Book 1 for the comparison
DEFAULT_JUPYTER_BOOK = Path("/tmp/jb-venv/bin/jupyter-book")
#: the notebook edited by the edit rows, and the page checked in the preview
EDITED = "02_close_reading"

SNAPSHOT = REPO  # the command-line snapshot; replaced in main()


#: every build row but the "kept zygote" one starts and stops its own zygote (a cold start each time)
_NO_LINGER = {"CLOSE_READING_ZYGOTE_LINGER": "0"}
#: the "kept zygote" row: long enough to outlive the build before it, short enough to be gone soon after
_LINGER = {"CLOSE_READING_ZYGOTE_LINGER": "30"}


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **_NO_LINGER}


def _env(work: Path, root: Path | None = None) -> dict[str, str]:
    return {**_base_env(), "PYTHONPATH": str(root or SNAPSHOT), "CLOSE_READING_WORK": str(work)}


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


class _TreeMemory:
    """Samples the memory of a process and all its descendants until stopped: the peak of the sum
    of their RSS (shared pages counted in every process that maps them) and of their PSS (shared
    pages divided among the processes sharing them: what the tree really takes)."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            rss = pss = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
                except psutil.Error:
                    pass
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(self.interval)

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return self.peak_rss / 2**20, self.peak_pss / 2**20


def _run(cmd: list[str], env: dict[str, str], cwd: Path, memory: bool = False) -> dict:
    """Run ``cmd``; its wall-clock seconds, CPU seconds (it and its children) and, with ``memory``,
    the peak memory of its process tree."""
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = _TreeMemory(proc.pid) if memory else None
    out, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    peaks = sampler.stop() if sampler else (None, None)
    if proc.returncode != 0:
        tail = (err.strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"benchmark step failed: {' '.join(cmd[:4])} …: {tail}")
    return {"s": elapsed, "cpu": _children_cpu() - cpu0, "rss": peaks[0], "pss": peaks[1], "out": out}


# -- the edits --------------------------------------------------------------------------------------

def _edit_last(path: Path, cell_type: str, marker: str) -> None:
    """Change the last cell of ``cell_type``: ``marker`` and a number at its end, different every time."""
    nb = json.loads(path.read_text())
    cell = [c for c in nb["cells"] if c["cell_type"] == cell_type][-1]
    src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = src.split(marker)[0] + marker + f"{time.time_ns()}" + ("')\n" if cell_type == "code" else ".")
    path.write_text(json.dumps(nb, indent=1))


def edit_code_cell(path: Path) -> None:
    """Change the last code cell of the notebook (a print at its end)."""
    _edit_last(path, "code", "\nprint('benchmark edit ")


def edit_markdown_cell(path: Path) -> None:
    """Change the last Markdown cell of the notebook (a sentence at its end)."""
    _edit_last(path, "markdown", "\n\nBenchmark edit ")


# -- the naive loop, our build, Jupyter Book 1 --------------------------------------------------------

def naive_loop(notebooks: list[Path], article: Path, out: Path) -> dict:
    """papermill CLI, then `jupyter nbconvert --to html` twice (two editions), per notebook."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    total = {"s": 0.0, "cpu": 0.0, "rss": None, "pss": None}
    for nb in notebooks:
        executed = out / nb.name
        scratch = out / f"scratch-{nb.stem}"
        scratch.mkdir()
        env = _env(scratch / "work")
        for cmd in ([str(BIN / "papermill"), str(nb), str(executed), "-p", "article", str(article),
                     "--cwd", str(scratch), "-k", "python3", "--no-progress-bar"],
                    [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed), "--output",
                     f"{nb.stem}-student", "--TagRemovePreprocessor.enabled=True",
                     '--TagRemovePreprocessor.remove_cell_tags=["solution","instructor"]'],
                    [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed), "--output", f"{nb.stem}-instructor"]):
            step = _run(cmd, env, SNAPSHOT)
            total["s"] += step["s"]
            total["cpu"] += step["cpu"]
    return total


def our_build(root: Path, article: Path, *extra: str, memory: bool = False, linger: bool = False) -> dict:
    """`python -m helpers build` in a fresh interpreter, as a person runs it; ``linger``: with the
    zygote kept between builds (its default) instead of one started for this build alone."""
    cmd = [sys.executable, "-m", "helpers", "build", "--article", str(article), "--quiet", *extra]
    return _run(cmd, {**_base_env(), "PYTHONPATH": str(root), **(_LINGER if linger else {})}, root, memory=memory)


class JupyterBook:
    """A Jupyter Book 1 project over a snapshot's notebooks: one edition, executed with jupyter-cache
    (``execute_notebooks: cache``), in a kernel that runs this project's Python and helpers."""

    def __init__(self, exe: Path, root: Path):
        self.exe, self.root = exe, root
        self.book = root / "notebooks"
        kernel = root / "jupyter" / "kernels" / "python3"
        kernel.mkdir(parents=True)
        (kernel / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3", "language": "python", "env": {"PYTHONPATH": str(root)}}))
        notebooks = sorted(p.stem for p in self.book.glob("[0-9][0-9]_*.ipynb"))
        (self.book / "_config.yml").write_text(
            "title: Close Reading Lab\nonly_build_toc_files: true\n"
            "execute:\n  execute_notebooks: cache\n  timeout: 600\n")
        (self.book / "_toc.yml").write_text("format: jb-book\nroot: " + notebooks[0] + "\nchapters:\n" +
                                            "".join(f"- file: {n}\n" for n in notebooks[1:]))
        self.env = {**_env(root / "jb-work", root), "JUPYTER_PATH": str(root / "jupyter")}

    def build(self, cold: bool = False, memory: bool = False) -> dict:
        if cold:
            shutil.rmtree(self.book / "_build", ignore_errors=True)
        result = _run([str(self.exe), "build", str(self.book)], self.env, self.book, memory=memory)
        if "Traceback" in result["out"] or "Execution Failed" in result["out"]:
            raise SystemExit("Jupyter Book: a notebook failed (see its log in " + str(self.book / "_build") + ")")
        return result


# -- the preview server ---------------------------------------------------------------------------------

class Preview:
    """`python -m helpers preview` on its own snapshot: edits are timed from the save to the page's
    reload, as the page's script sees it (its long poll answers, then the page is fetched again)."""

    def __init__(self, root: Path, article: Path):
        self.root = root
        self.proc = subprocess.Popen([sys.executable, "-m", "helpers", "preview", "--port", "0", "--article", str(article)],
                                     cwd=root, env={**_base_env(), "PYTHONPATH": str(root)},
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        self._new = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"(http://127\.0\.0\.1:\d+/)", self._line(lambda l: "Serving" in l)).group(1)
        self._line(lambda l: l.startswith("first build:"), timeout=600)

    def _read(self) -> None:
        for line in self.proc.stdout:
            with self._new:
                self.lines.append(line.rstrip("\n"))
                self._new.notify_all()

    def _line(self, match, timeout: float = 300, start: int = 0) -> str:
        deadline = time.monotonic() + timeout
        with self._new:
            while True:
                for line in self.lines[start:]:
                    if match(line):
                        return line
                start = len(self.lines)
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise SystemExit(f"preview: no such line; last lines: {self.lines[-5:]}")
                self._new.wait(timeout=min(left, 1))

    def _page(self, rel: str) -> str:
        with urllib.request.urlopen(self.url + rel, timeout=60) as response:
            return response.read().decode("utf-8")

    def timed_edit(self, edit, notebook: Path, rel: str) -> dict:
        """Seconds from the save to the page fetched again once its key changed, and the server's line."""
        state = json.loads(re.search(r"var state = (\{.*?\}), banner", self._page(rel)).group(1))
        start = len(self.lines)
        t0 = time.perf_counter()
        edit(notebook)
        while True:
            query = urllib.parse.urlencode({"page": rel, "key": state["key"], "error": state["error"]})
            with urllib.request.urlopen(f"{self.url}_preview/wait?{query}", timeout=120) as response:
                now = json.loads(response.read())
            if now["error"]:
                raise SystemExit(f"preview: {now['error']}")
            if now["key"] != state["key"]:
                break
        self._page(rel)
        elapsed = time.perf_counter() - t0
        line = self._line(lambda l: " changed" in l, start=start)
        return {"s": elapsed, "cpu": None, "rss": None, "pss": None, "out": line}

    def timed_noop_save(self, notebook: Path) -> dict:
        """Seconds from saving a file unchanged to the server's line for that rebuild."""
        start = len(self.lines)
        t0 = time.perf_counter()
        notebook.write_bytes(notebook.read_bytes())
        line = self._line(lambda l: " changed" in l, start=start)
        took = float(re.search(r"in ([0-9.]+) s", line).group(1))
        return {"s": took, "cpu": None, "rss": None, "pss": None, "out": line, "wall": time.perf_counter() - t0}

    def stop(self) -> None:
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _import_cell(nb: dict) -> str:
    """The notebook's own import cell(s): code cells made only of import statements."""
    out = []
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] != "code" or not src.strip():
            continue
        try:
            body = ast.parse(src).body
        except SyntaxError:
            continue
        if body and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in body):
            out.append(src)
    return "\n".join(out)


_MODULES = "import sys, json; print(json.dumps(list(sys.modules)))"  # in the order they were imported


async def _modules(client, nb) -> list[str]:
    import nbformat

    cell = nbformat.v4.new_code_cell(_MODULES)
    nb.cells.append(cell)
    await client.async_execute_cell(cell, len(nb.cells) - 1)
    nb.cells.pop()
    return json.loads("".join(o.get("text", "") for o in cell.outputs))


async def _profile_notebook(path: Path, article: Path, scratch: Path) -> dict:
    """Kernel start, import cell, then the whole notebook, sampling the kernel's RSS; returns also the
    modules the run imported beyond a bare kernel's (``new_modules``)."""
    import nbformat
    import psutil
    from nbclient import NotebookClient
    from papermill.parameterize import parameterize_notebook

    raw = json.loads(path.read_text())
    nb = nbformat.reads(json.dumps(raw), as_version=4)
    nb.metadata.setdefault("papermill", {})
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])
    nb = parameterize_notebook(nb, {"article": str(article)}, kernel_name="python3", language="python")
    scratch.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(scratch)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    peak = 0
    stop = threading.Event()

    def sample(pid: int) -> None:
        nonlocal peak
        try:
            proc = psutil.Process(pid)
            while not stop.is_set():
                peak = max(peak, proc.memory_info().rss)
                time.sleep(0.02)
        except psutil.Error:
            pass

    t0 = time.perf_counter()
    async with client.async_setup_kernel(env=_env(scratch / "work")):
        started = time.perf_counter()
        pid = client.km.provisioner.process.pid
        sampler = threading.Thread(target=sample, args=(pid,), daemon=True)
        sampler.start()
        bare = set(await _modules(client, nb))
        imports = _import_cell(raw)
        t1 = time.perf_counter()
        if imports:
            cell = nbformat.v4.new_code_cell(imports)
            await client.async_execute_cell(cell, 0)
        imported = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            await client.async_execute_cell(cell, index)
        done = time.perf_counter()
        used = await _modules(client, nb)
        stop.set()
        sampler.join()
    return {"notebook": path.stem, "kernel_start_s": started - t0, "import_cell_s": imported - t1,
            "full_run_s": done - started, "peak_rss_mb": peak / 2**20,
            "new_modules": [m for m in used if m not in bare]}


async def _all_imports(path: Path, modules: list[str], scratch: Path) -> float:
    """Seconds a fresh kernel takes to import every module the notebook's run imported (its
    import cell and everything its helpers import later, e.g. altair, pandas, spaCy)."""
    import nbformat
    from nbclient import NotebookClient

    scratch.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    code = ("import importlib\nfor _m in %r:\n    try:\n        importlib.import_module(_m)\n"
            "    except Exception:\n        pass" % (modules,))
    nb.cells.append(nbformat.v4.new_code_cell(code))
    client = NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(scratch)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    async with client.async_setup_kernel(env=_env(scratch / "work")):
        t0 = time.perf_counter()
        await client.async_execute_cell(nb.cells[0], 0)
        return time.perf_counter() - t0


def _snapshot(dest: Path) -> Path:
    for name in ("helpers", "data", "notebooks", "lessons"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns(".*", "__pycache__", "_build"))
    return dest


def _git_snapshot(ref: str, dest: Path) -> Path:
    """The project's folders as they are in the commit ``ref`` (``git archive``), for a baseline."""
    dest.mkdir(parents=True)
    names = [n for n in ("helpers", "data", "notebooks", "lessons")]
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, *names], capture_output=True)
    if archive.returncode != 0:
        raise SystemExit(f"--baseline {ref}: git archive failed: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def _stats(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


ROWS = {
    "naive_loop": "naive loop (papermill + nbconvert ×2, per notebook; both editions)",
    "jb1_cold": "Jupyter Book 1 cold (jupyter-cache, one edition)",
    "baseline_cold_build": "baseline commit: cold build (--baseline)",
    "cold_build": "ours: cold build (both editions, lessons, workbooks, index)",
    "noop_rebuild": "ours: no-op rebuild",
    "jb1_code_edit": "Jupyter Book 1: one code cell edited",
    "baseline_code_edit_cli": "baseline commit: one code cell edited, CLI (--baseline)",
    "code_edit_cli": "ours: one code cell edited, `python -m helpers build`, own zygote",
    "code_edit_cli_kept": "ours: the same, with the zygote the build before left running",
    "markdown_edit_cli": "ours: one Markdown cell edited, `python -m helpers build`",
    "code_edit_preview": "ours: one code cell edited, preview (save -> page reloaded)",
    "markdown_edit_preview": "ours: one Markdown cell edited, preview (save -> page reloaded)",
    "noop_save_preview": "ours: file saved unchanged, preview (its rebuild)",
}


def main() -> int:
    global SNAPSHOT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=None, help="article path or id (default: the seed)")
    parser.add_argument("--rounds", type=int, default=3, help="how many times each scenario runs (interleaved)")
    parser.add_argument("--skip-naive", action="store_true", help="leave out the (slow) naive loop")
    parser.add_argument("--skip-profile", action="store_true", help="leave out the per-notebook kernel profile")
    parser.add_argument("--baseline", metavar="REF", default=None,
                        help="also time the cold build and the code-cell edit of this git commit, interleaved")
    parser.add_argument("--jupyter-book", type=Path, default=None,
                        help=f"the jupyter-book (1.x) command (default: {DEFAULT_JUPYTER_BOOK}, else on PATH)")
    args = parser.parse_args()
    from helpers.core.paths import resolve_article

    cores = os.cpu_count() or 1
    jb_exe = args.jupyter_book or (DEFAULT_JUPYTER_BOOK if DEFAULT_JUPYTER_BOOK.exists() else None)
    if jb_exe is None and shutil.which("jupyter-book"):
        jb_exe = Path(shutil.which("jupyter-book"))
    if jb_exe is not None:
        version = subprocess.run([str(jb_exe), "--version"], capture_output=True, text=True).stdout
        if not re.search(r"Jupyter Book\s*:?\s*1\.", version):
            print(f"note: {jb_exe} is not Jupyter Book 1 ({version.strip() or 'no version'}): its rows are skipped",
                  file=sys.stderr)
            jb_exe = None
    if jb_exe is None:
        print("note: Jupyter Book 1 is not installed, so its rows are skipped; to compare, install it in its own "
              "virtualenv: python3 -m venv /tmp/jb-venv && /tmp/jb-venv/bin/pip install 'jupyter-book<2'",
              file=sys.stderr)
    results: dict[str, list[dict]] = {name: [] for name in ROWS}
    memory: dict[str, dict] = {}  # row -> a run of its own with the tree's memory sampled
    loads: list[str] = []
    profiles: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp_s:
        tmp = Path(tmp_s)
        SNAPSHOT = _snapshot(tmp / "cli")
        preview_root = _snapshot(tmp / "preview")
        article = resolve_article(args.article)
        if article.is_relative_to(REPO):
            article = SNAPSHOT / article.relative_to(REPO)
        preview_article = preview_root / article.relative_to(SNAPSHOT) if article.is_relative_to(SNAPSHOT) else article
        notebooks = sorted((SNAPSHOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        if not notebooks:
            raise SystemExit("no notebooks in notebooks/ to benchmark")
        edited = SNAPSHOT / "notebooks" / f"{EDITED}.ipynb"
        base = _git_snapshot(args.baseline, tmp / "baseline") if args.baseline else None
        base_article = base / article.relative_to(SNAPSHOT) if base and article.is_relative_to(SNAPSHOT) else article
        jb = JupyterBook(jb_exe, _snapshot(tmp / "jb")) if jb_exe else None
        print(f"{len(notebooks)} notebook(s), article {article.name}, {cores} core(s), {args.rounds} round(s); "
              f"load at the start: {_load()}", file=sys.stderr)

        def row(name: str, fn) -> None:
            print(f"  {name} …", file=sys.stderr)
            results[name].append(fn())

        preview = None
        try:
            for n in range(1, args.rounds + 1):
                print(f"round {n}/{args.rounds} (load {_load()})", file=sys.stderr)
                loads.append(_load())
                if not args.skip_naive:
                    row("naive_loop", lambda: naive_loop(notebooks, article, tmp / "naive"))
                if jb:
                    row("jb1_cold", lambda: jb.build(cold=True))
                if base is not None:
                    shutil.rmtree(base / "_build", ignore_errors=True)
                    row("baseline_cold_build", lambda: our_build(base, base_article))
                shutil.rmtree(SNAPSHOT / "_build", ignore_errors=True)
                row("cold_build", lambda: our_build(SNAPSHOT, article))
                row("noop_rebuild", lambda: our_build(SNAPSHOT, article))
                if jb:
                    edit_code_cell(jb.book / f"{EDITED}.ipynb")
                    row("jb1_code_edit", lambda: jb.build())
                if base is not None:
                    edit_code_cell(base / "notebooks" / f"{EDITED}.ipynb")
                    row("baseline_code_edit_cli", lambda: our_build(base, base_article))
                edit_code_cell(edited)
                row("code_edit_cli", lambda: our_build(SNAPSHOT, article))
                edit_code_cell(edited)
                our_build(SNAPSHOT, article, linger=True)   # an edit's build that leaves its zygote (not timed)
                edit_code_cell(edited)
                row("code_edit_cli_kept", lambda: our_build(SNAPSHOT, article, linger=True))
                edit_markdown_cell(edited)
                row("markdown_edit_cli", lambda: our_build(SNAPSHOT, article))
                if preview is None:
                    print("  (starting the preview server)", file=sys.stderr)
                    preview = Preview(preview_root, preview_article)
                nb = preview_root / "notebooks" / f"{EDITED}.ipynb"
                page = f"student/{EDITED}.html"
                row("code_edit_preview", lambda: preview.timed_edit(edit_code_cell, nb, page))
                row("markdown_edit_preview", lambda: preview.timed_edit(edit_markdown_cell, nb, page))
                row("noop_save_preview", lambda: preview.timed_noop_save(nb))
            # the memory of each cold build, in runs of their own: sampling the process tree every
            # 50 ms takes CPU from the build it measures (more from ours, which uses every core)
            print("memory: one more cold build each, sampled, not timed", file=sys.stderr)
            if jb:
                memory["jb1_cold"] = jb.build(cold=True, memory=True)
            shutil.rmtree(SNAPSHOT / "_build", ignore_errors=True)
            memory["cold_build"] = our_build(SNAPSHOT, article, memory=True)
        finally:
            if preview is not None:
                preview.stop()
        loads.append(_load())
        if not args.skip_profile:
            print("per-notebook profile: kernel start, import cell, the whole notebook …", file=sys.stderr)
            profiles = [asyncio.run(_profile_notebook(p, article, tmp / "profile" / p.stem)) for p in notebooks]
            for p, path in zip(profiles, notebooks):
                p["all_imports_s"] = asyncio.run(_all_imports(path, p.pop("new_modules"), tmp / "imports" / path.stem))

    _report(results, loads, profiles, cores, article, args.rounds, memory)
    return 0


def _report(results: dict[str, list[dict]], loads: list[str], profiles: list[dict], cores: int, article: Path,
            rounds: int, memory: dict[str, dict]) -> None:
    print()
    print(f"{'scenario':<64}{'min s':>8}{'median':>8}{'max s':>8}{'CPU s':>8}{'RSS MB':>8}{'PSS MB':>8}")
    summary: dict[str, dict] = {}
    for name, label in ROWS.items():
        runs = results[name]
        if not runs:
            continue
        lo, med, hi = _stats([r["s"] for r in runs])
        cpu = [r["cpu"] for r in runs if r["cpu"] is not None]
        sampled = [memory[name]] if name in memory else []
        rss = [r["rss"] for r in sampled if r["rss"] is not None]
        pss = [r["pss"] for r in sampled if r["pss"] is not None]
        summary[name] = {"min": lo, "median": med, "max": hi, "cpu_median": statistics.median(cpu) if cpu else None,
                         "rss_peak_max": max(rss) if rss else None, "pss_peak_max": max(pss) if pss else None,
                         "runs": [{k: v for k, v in r.items() if k != "out"} for r in runs]}
        fmt = lambda v, spec: format(v, spec) if v is not None else "-"
        print(f"{label:<64}{lo:>8.2f}{med:>8.2f}{hi:>8.2f}{fmt(summary[name]['cpu_median'], '8.2f'):>8}"
              f"{fmt(summary[name]['rss_peak_max'], '8.0f'):>8}{fmt(summary[name]['pss_peak_max'], '8.0f'):>8}")
    print(f"(wall-clock seconds over {rounds} interleaved round(s); CPU s: median user + system seconds of the row's "
          f"processes and their children; RSS/PSS MB: the peak of the sum over the whole process tree, sampled "
          f"every 50 ms in one more cold build of its own after the rounds (not timed: sampling takes CPU); RSS counts pages shared between processes (the zygote and the kernels "
          f"forked from it) once per process, PSS divides them among the sharers)")
    print(f"(load average at the start of each round and at the end: {' | '.join(loads)}; {cores} core(s) shared "
          f"with other processes: the wall clock measures them too)")
    edit_line = [r.get("out", "") for r in results.get("code_edit_preview", [])]
    if edit_line:
        print(f"(preview server's own line for the last code edit: {edit_line[-1]})")

    if profiles:
        print()
        print(f"{'notebook':<28}{'kernel s':>10}{'imports s':>10}{'all imports s':>14}{'full run s':>11}{'peak RSS MB':>13}")
        for p in profiles:
            print(f"{p['notebook']:<28}{p['kernel_start_s']:>10.2f}{p['import_cell_s']:>10.2f}{p['all_imports_s']:>14.2f}"
                  f"{p['full_run_s']:>11.2f}{p['peak_rss_mb']:>13.0f}")

    med = lambda name: summary.get(name, {}).get("median")
    targets = []
    if med("jb1_cold") and med("cold_build"):
        ratio = med("jb1_cold") / med("cold_build")
        targets.append(f"cold build >= 3x faster than Jupyter Book 1's one edition: {ratio:.2f}x "
                       f"({'met' if ratio >= 3 else 'not met'})")
    for name, how in (("code_edit_cli", "its own zygote"), ("code_edit_cli_kept", "the zygote kept from the build before")):
        if med("jb1_code_edit") and med(name):
            ratio = med("jb1_code_edit") / med(name)
            targets.append(f"one code cell edited, CLI >= 2.5x faster than Jupyter Book 1's, {how}: {ratio:.2f}x "
                           f"({'met' if ratio >= 2.5 else 'not met'})")
    own = next((p["full_run_s"] for p in profiles if p["notebook"] == EDITED), None)
    if med("code_edit_preview") is not None and own is not None:
        targets.append(f"one code cell edited, preview: page reloaded in {med('code_edit_preview'):.2f} s, the notebook's "
                       f"own run {own:.2f} s (+1 s = {own + 1:.2f}): {'met' if med('code_edit_preview') <= own + 1 else 'not met'}")
    if med("markdown_edit_preview") is not None:
        targets.append(f"Markdown-only edit in preview < 1 s: {med('markdown_edit_preview'):.2f} s "
                       f"({'met' if med('markdown_edit_preview') < 1 else 'not met'})")
    if med("noop_rebuild") is not None:
        targets.append(f"no-op < 0.2 s: {med('noop_rebuild'):.2f} s ({'met' if med('noop_rebuild') < 0.2 else 'not met'})")
    cold = summary.get("cold_build", {})
    if cold.get("rss_peak_max"):
        targets.append(f"peak memory of the build <= 600 MB: RSS sum {cold['rss_peak_max']:.0f} MB "
                       f"({'met' if cold['rss_peak_max'] <= 600 else 'not met'}), PSS sum {cold['pss_peak_max']:.0f} MB "
                       f"({'met' if cold['pss_peak_max'] <= 600 else 'not met'})")
    if targets:
        print()
        print("targets (medians):")
        for line in targets:
            print("  " + line)
    out_dir = REPO / "benchmarks" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "bench_build.json").write_text(json.dumps({
        "cores": cores, "article": article.name, "rounds": rounds, "loads": loads, "rows": summary,
        "notebooks": profiles, "targets": targets}, indent=1))


if __name__ == "__main__":
    raise SystemExit(main())
