"""Benchmark the site build against the naive loop, on the real notebooks/ and the seed article.

Run:  .venv/bin/python benchmarks/bench_build.py [--article PATH_OR_ID] [--skip-naive]
Everything runs on a snapshot of helpers/, data/, notebooks/ and lessons/ in a temporary
folder (the repository's _build/ is not touched, and edits made meanwhile do not count); results are
printed as a table and saved to benchmarks/results/bench_build.json. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO))


SNAPSHOT = REPO  # replaced by the snapshot folder in main()


def _env(work: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SNAPSHOT), "CLOSE_READING_WORK": str(work)}


CPU: dict[str, float] = {}  # scenario -> CPU seconds of its processes (user + system, all descendants)


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"benchmark step failed: {' '.join(cmd[:4])} …: {tail}")
    return elapsed


def naive_loop(notebooks: list[Path], article: Path, tmp: Path) -> float:
    """(a) papermill CLI, then `jupyter nbconvert --to html` twice (two editions), per notebook."""
    out = tmp / "naive"
    out.mkdir()
    total = 0.0
    cpu0 = _children_cpu()
    for nb in notebooks:
        executed = out / nb.name
        scratch = out / f"scratch-{nb.stem}"
        scratch.mkdir()
        env = _env(scratch / "work")
        total += _timed([str(BIN / "papermill"), str(nb), str(executed), "-p", "article", str(article),
                         "--cwd", str(scratch), "-k", "python3", "--no-progress-bar"], env, SNAPSHOT)
        total += _timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed),
                         "--output", f"{nb.stem}-student", "--TagRemovePreprocessor.enabled=True",
                         '--TagRemovePreprocessor.remove_cell_tags=["solution","instructor"]'], env, SNAPSHOT)
        total += _timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed),
                         "--output", f"{nb.stem}-instructor"], env, SNAPSHOT)
    CPU["a_naive_loop"] = _children_cpu() - cpu0
    return total


def our_build(article: Path, *extra: str, row: str = "") -> tuple[float, str]:
    """(b)/(c)/(d): `python -m helpers build` in a fresh interpreter, as a person runs it."""
    cmd = [sys.executable, "-m", "helpers", "build", "--article", str(article), "--quiet", *extra]
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=SNAPSHOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SNAPSHOT)})
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {proc.stderr.strip()}")
    CPU[row] = _children_cpu() - cpu0
    return elapsed, proc.stdout


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


def main() -> int:
    global SNAPSHOT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=None, help="article path or id (default: the seed)")
    parser.add_argument("--skip-naive", action="store_true", help="leave out the (slow) naive loop")
    args = parser.parse_args()
    from helpers.core.paths import resolve_article

    cores = os.cpu_count() or 1
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp_s:
        tmp = Path(tmp_s)
        SNAPSHOT = tmp / "repo"
        for name in ("helpers", "data", "notebooks", "lessons"):
            if (REPO / name).is_dir():
                shutil.copytree(REPO / name, SNAPSHOT / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        article = resolve_article(args.article)
        if article.is_relative_to(REPO):
            article = SNAPSHOT / article.relative_to(REPO)
        notebooks = sorted((SNAPSHOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        if not notebooks:
            raise SystemExit("no notebooks in notebooks/ to benchmark")
        print(f"{len(notebooks)} notebook(s), article {article.name}, {cores} core(s)", file=sys.stderr)
        if not args.skip_naive:
            print("(a) naive loop …", file=sys.stderr)
            results["a_naive_loop"] = naive_loop(notebooks, article, tmp)
        print("(b) cold build …", file=sys.stderr)
        results["b_cold_build"], _ = our_build(article, row="b_cold_build")
        print("(c) no-op rebuild …", file=sys.stderr)
        results["c_noop_rebuild"], out = our_build(article, row="c_noop_rebuild")
        assert "executed" not in out, out
        print("(d) one-notebook rebuild …", file=sys.stderr)
        first = notebooks[0]
        nb = json.loads(first.read_text())
        last_md = next(c for c in reversed(nb["cells"]) if c["cell_type"] == "markdown")
        last_md["source"] = ("".join(last_md["source"]) if isinstance(last_md["source"], list)
                             else last_md["source"]) + "\n"
        first.write_text(json.dumps(nb, indent=1))
        results["d_one_notebook_rebuild"], out = our_build(article, row="d_one_notebook_rebuild")
        assert out.count("executed") == 1, out
        print("(e) floor: kernel start + import cell, per notebook …", file=sys.stderr)
        profiles = [asyncio.run(_profile_notebook(p, article, tmp / "profile" / p.stem)) for p in notebooks]
        results["e_floor"] = sum(p["kernel_start_s"] + p["import_cell_s"] for p in profiles) / cores
        print("(f) floor with all the notebook's imports …", file=sys.stderr)
        for p, path in zip(profiles, notebooks):
            p["all_imports_s"] = asyncio.run(_all_imports(path, p.pop("new_modules"), tmp / "imports" / path.stem))
        results["f_floor_all_imports"] = sum(p["kernel_start_s"] + p["all_imports_s"] for p in profiles) / cores

    base = results.get("a_naive_loop")
    print()
    print(f"{'scenario':<26}{'seconds':>10}{'vs naive':>10}{'vs floor e':>12}{'vs floor f':>12}{'CPU s':>8}")
    for name, secs in results.items():
        ratio = f"{base / secs:.1f}x" if base else "-"
        floor = f"{secs / results['e_floor']:.1f}x" if results["e_floor"] else "-"
        floor_f = f"{secs / results['f_floor_all_imports']:.1f}x"
        cpu = f"{CPU[name]:.2f}" if name in CPU else "-"
        print(f"{name:<26}{secs:>10.2f}{ratio:>10}{floor:>12}{floor_f:>12}{cpu:>8}")
    print(f"(CPU s: user + system seconds of the row's processes and all their children; divided by {cores} "
          f"core(s) it is what the row would take at best on an otherwise idle machine)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"(load average at the end: {load}; other processes on this machine slow every row)")
    print()
    print(f"{'notebook':<28}{'kernel s':>10}{'imports s':>10}{'all imports s':>14}{'full run s':>11}{'peak RSS MB':>13}")
    for p in profiles:
        print(f"{p['notebook']:<28}{p['kernel_start_s']:>10.2f}{p['import_cell_s']:>10.2f}{p['all_imports_s']:>14.2f}"
              f"{p['full_run_s']:>11.2f}{p['peak_rss_mb']:>13.0f}")
    out_dir = REPO / "benchmarks" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "bench_build.json").write_text(json.dumps({"cores": cores, "article": article.name, "load": load,
                                                          "seconds": results, "cpu_seconds": CPU, "notebooks": profiles}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
