"""Running the notebooks: parameters injected, executed by nbclient in this process, each in a
fresh kernel (forked by the zygote of ``helpers.site.forkserver`` when there is one), several at
once. A failure is an ``ExecutionError`` whose message is one line naming the notebook and cell."""

from __future__ import annotations

import atexit
import contextlib
import inspect
import json
import os
import shutil
import signal
import time
from pathlib import Path
from typing import Callable, Iterable

from helpers.core import paths
from helpers.site import forkserver
from helpers.site.notebook import Notebook, kernel_name, one_line
from helpers.site.parameters import inject_parameters, source_cell_number
from helpers.site.widgetstate import stable_widget_ids

#: libraries the zygote imports before forking (what the notebooks' helpers import when they run);
#: the helpers modules the notebooks import follow them (``start_zygote``)
FORK_PRELOAD = ("IPython", "ipykernel.ipkernel", "ipykernel.debugger", "comm", "ipywidgets", "numpy", "pandas", "altair",
                "narwhals._interchange.dataframe", "jsonschema", "networkx", "pycountry",
                "pycountryinfo", "yaml")
#: seconds a cell may run
CELL_TIMEOUT = 600
_HINT = " (open the notebook in JupyterLab, run it on this article to see the traceback, and fix that cell)"


class ExecutionError(Exception):
    """A notebook failed (a cell raised or timed out, or its kernel died); ``str()`` is one line.

    ``partial``: the notebook as far as it ran (the failing cell's error among its outputs), or
    None when no cell ran."""

    def __init__(self, message: str, partial: dict | None = None):
        super().__init__(message)
        self.partial = partial


def kernel_pythonpath() -> str:
    """The kernel imports the helpers of the checkout being built (the ones the cache key hashed)."""
    return os.pathsep.join(p for p in (str(paths.project_root()), os.environ.get("PYTHONPATH", "")) if p)


def start_zygote(build_root: Path, shared: bool = False, helpers_modules: Iterable[str] = (),
                 helpers_digest: str = "") -> forkserver.Zygote | forkserver.SharedZygote | None:
    """A started zygote for this build's kernels, or None when kernels are not forked here.
    ``shared``: one a one-shot build leaves for the next (``forkserver.SharedZygote``), unless
    CLOSE_READING_ZYGOTE_LINGER is 0. ``helpers_modules``: the project's modules the notebooks
    import, imported by the zygote after the libraries (``helpers_digest``: their contents, which
    a shared zygote must match to be reused)."""
    if not forkserver.enabled():
        return None
    env = {**os.environ, "PYTHONPATH": kernel_pythonpath()}
    preload = FORK_PRELOAD + tuple(sorted(helpers_modules))
    linger = forkserver.linger_seconds() if shared else 0
    if linger:
        return forkserver.SharedZygote(env, preload, linger, stamp=helpers_digest)
    build_root.mkdir(parents=True, exist_ok=True)
    return forkserver.Zygote(env, build_root, preload)


def execute_all(items: list[Notebook], scratch: Path, jobs: int, show: Callable[[str], None],
                store: Callable[[Notebook], None], warm_up: Callable[[], None] | None = None,
                zygote: forkserver.Zygote | None = None,
                on_failure: Callable[[Notebook, ExecutionError], None] | None = None) -> None:
    """Run ``items`` with at most ``jobs`` executing at once; without the zygote one more kernel starts
    ahead of its turn (a fresh kernel per notebook: nothing is shared between notebooks). Each one runs in
    ``scratch/<name>`` and is passed to ``store`` as soon as it is done.

    A failure raises ``ExecutionError`` (the other notebooks are stopped), unless ``on_failure``
    is given: then it receives the notebook and the error, and the others go on."""
    # lazy: an event loop is needed only when a notebook runs (asyncio would slow a no-op rebuild's start)
    import asyncio

    prestarted: dict = {}   # the kernels started before their notebook's turn, by notebook name
    manager_class = kernels = None

    async def run_all() -> None:
        running = asyncio.Semaphore(jobs)
        done = 0
        main = asyncio.current_task()

        async def one(item: Notebook) -> None:
            nonlocal done
            async with kernels:
                show(f"[execute] {item.name} …")
                t0 = time.perf_counter()

                def finished(executed: dict) -> None:  # before its kernel is shut down
                    nonlocal done
                    item.executed = executed
                    done += 1
                    show(f"[execute {done}/{len(items)}] {item.name} done in {time.perf_counter() - t0:.1f} s")
                    store(item)

                try:
                    await execute_notebook(item, scratch / item.name, running, manager_class, finished, main.cancel,
                                           km=prestarted.pop(item.name, None))
                except ExecutionError as exc:
                    task = asyncio.current_task()
                    if task is not None and task.cancelling():  # stopped (Ctrl-C, another failure): not its fault
                        raise asyncio.CancelledError from None
                    if on_failure is None:
                        raise
                    done += 1
                    show(f"[execute {done}/{len(items)}] {item.name} failed after {time.perf_counter() - t0:.1f} s")
                    on_failure(item, exc)

        async def run_notebooks() -> None:
            nonlocal manager_class, kernels
            if zygote is not None and zygote.ready and zygote.wait_ready():
                # a zygote already listening (kept from the build before): the first kernels start now and
                # boot in their own processes while this one imports what running them needs
                manager_class = zygote.manager_class()
                for item in items[:jobs]:
                    prestarted[item.name] = await _prestart_kernel(item, scratch / item.name, manager_class)
            if warm_up:
                import_shared_modules()
                warm_up()
            if manager_class is None and zygote is not None and await asyncio.to_thread(zygote.wait_ready):
                manager_class = zygote.manager_class()
            # kernels alive: the running ones, and one starting ahead of its turn when kernels start the
            # slow way (a forked kernel is ready in a fifth of a second: holding one more costs memory only)
            kernels = asyncio.Semaphore(jobs + (0 if manager_class else 1))

            tasks = [asyncio.ensure_future(one(i)) for i in items]
            try:
                await asyncio.gather(*tasks)
            finally:
                for t in tasks:
                    t.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

        try:
            await run_notebooks()
        finally:
            for km in prestarted.values():   # started ahead, but the build stopped before its notebook ran
                if km is not None:
                    with contextlib.suppress(Exception):
                        await _maybe_await(km.shutdown_kernel(now=True))

    try:
        asyncio.run(run_all())
    except asyncio.CancelledError:  # nothing cancels the build's tasks but an interruption (Ctrl-C, SIGTERM)
        raise KeyboardInterrupt from None


def import_shared_modules() -> None:
    """Import, on this thread, what starting a kernel imports and the page renderer's thread imports
    too. Two threads importing one package at once can fail: the renderer's thread importing nbconvert
    while this one imports jupyter_client ended in a circular import, and the renderer's IPython
    lexer importing IPython while a kernel's start looked up ``IPython.paths`` ended in
    ``KeyError: 'IPython'``. ``tests/site/test_execution_imports.py`` checks that nothing is left
    for both threads to import."""
    import concurrent.futures.thread  # noqa: F401  (the renderer's pool; asyncio.to_thread)
    import encodings.unicode_escape  # noqa: F401
    with contextlib.suppress(ImportError):  # POSIX only
        import pwd  # noqa: F401

    import IPython.paths  # noqa: F401  (jupyter_client's kernelspec looks up the IPython directory)
    import jupyter_client.kernelspec  # noqa: F401
    import nbclient  # noqa: F401
    from papermill.parameterize import parameterize_notebook  # noqa: F401


#: how many times a kernel that dies before its first cell is started again (its ports are chosen
#: free when the connection file is written, and another process can take one before the kernel
#: binds it: "Address already in use", then "Kernel died before replying to kernel_info")
KERNEL_START_RETRIES = 1


async def execute_notebook(item: Notebook, scratch: Path, running=None, manager_class=None,
                           finished: Callable[[dict], None] | None = None,
                           interrupt: Callable[[], object] | None = None, km=None) -> dict:
    """Execute one notebook in a fresh kernel; cells run only while holding ``running`` (a semaphore).

    Returns the executed notebook as JSON, its widget model ids derived from ``item.key``; it is
    passed to ``finished`` as soon as the last cell is done, while the kernel shuts down.
    ``interrupt`` is what SIGINT and SIGTERM do while the kernel runs (cancel the build's tasks:
    nbclient's own handler would only shut the kernel down, and leave the build to fail on it).
    A kernel that fails before any cell ran is started again (:data:`KERNEL_START_RETRIES`).
    ``km``: a kernel manager whose kernel ``_prestart_kernel`` started for this notebook (the
    first attempt runs in it).
    """
    for attempt in range(KERNEL_START_RETRIES + 1):
        try:
            return await _execute_once(item, scratch, running, manager_class, finished, interrupt,
                                       km if attempt == 0 else None)
        except ExecutionError as exc:
            if exc.partial is not None or "the kernel failed" not in str(exc) or attempt == KERNEL_START_RETRIES:
                raise
    raise AssertionError("unreachable")


async def _execute_once(item: Notebook, scratch: Path, running, manager_class,
                        finished: Callable[[dict], None] | None, interrupt: Callable[[], object] | None,
                        km=None) -> dict:
    # lazy (heavy): nbformat and nbclient import jsonschema, jupyter_client and zmq
    import asyncio

    import nbformat
    from nbclient import NotebookClient

    if km is None:
        _fresh_folder(scratch)
    nb = inject_parameters(nbformat.reads(json.dumps(item.source), as_version=4), item.params)
    client = NotebookClient(nb, km=km, kernel_name=kernel_name(nb), timeout=CELL_TIMEOUT, store_widget_state=True,
                            record_timing=False, allow_errors=False, extra_arguments=list(KERNEL_ARGUMENTS),
                            resources={"metadata": {"path": str(scratch)}},
                            **({"kernel_manager_class": manager_class} if manager_class else {}))
    client.owns_km = True   # a kernel started ahead for it is shut down with it, as one the client starts
    position = _Position()
    env = _kernel_env(scratch)

    def ran() -> dict | None:  # the notebook as far as it ran
        return stable_widget_ids(json.loads(nbformat.writes(nb)), item.key) if position.index >= 0 else None

    try:
        return await _execute(client, nb, item, env, running, position, finished, ran, interrupt)
    except BaseException as exc:
        # stopped (Ctrl-C, or another notebook failed): say so, whatever nbclient's clean-up made of it
        # (a DeadKernelError, or an AssertionError of its second clean-up)
        cause = _interruption(exc)
        if cause is not None and cause is not exc:
            raise cause from None
        task = asyncio.current_task()
        if cause is None and task is not None and task.cancelling():
            raise asyncio.CancelledError from None
        raise


#: the kernel's command-line options: its log level (no TCP-encryption warning), and the history
#: nbclient gives an ipykernel kernel it starts (``NotebookClient.ipython_hist_file``'s default:
#: ``tests/site/test_execution_prestart.py`` checks it), so that a kernel started ahead is the same kernel
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=ERROR", "--HistoryManager.hist_file=:memory:")


def _fresh_folder(scratch: Path) -> None:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)


def _kernel_env(scratch: Path) -> dict[str, str]:
    """A kernel's environment: the helpers on its path, and a fresh, empty student work folder (a
    person's saved answers never leak into the site)."""
    return {**os.environ, "PYTHONPATH": kernel_pythonpath(), "CLOSE_READING_WORK": str(scratch / "work")}


async def _prestart_kernel(item: Notebook, scratch: Path, manager_class):
    """A kernel manager of ``manager_class`` with the kernel of ``item`` started in its fresh
    ``scratch`` folder, as nbclient would start it; None when the start fails (nbclient then
    starts one itself, and reports what fails)."""
    _fresh_folder(scratch)
    km = manager_class(kernel_name=kernel_name(item.source))
    try:
        await _maybe_await(km.start_kernel(extra_arguments=list(KERNEL_ARGUMENTS), env=_kernel_env(scratch),
                                           cwd=str(scratch)))
    except Exception:
        with contextlib.suppress(Exception):
            await _maybe_await(km.shutdown_kernel(now=True))
        return None
    return km


def _interruption(exc: BaseException | None) -> BaseException | None:
    """The KeyboardInterrupt that ``exc`` is, or was raised while handling (``raise … from None``
    ends the chain: nbclient says DeadKernelError so of a kernel that died), if any."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, KeyboardInterrupt):
            return exc
        if exc.__suppress_context__:
            return None
        exc, seen = exc.__context__, seen + 1
    return None


async def _execute(client, nb, item: Notebook, env: dict, running, position: "_Position",
                   finished: Callable[[dict], None] | None, ran: Callable[[], dict | None],
                   interrupt: Callable[[], object] | None) -> dict:
    # lazy (heavy): as in execute_notebook
    import asyncio

    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    try:
        async with client.async_setup_kernel(env=env):
            if interrupt is not None:
                loop = asyncio.get_running_loop()
                for signum in (signal.SIGINT, signal.SIGTERM):
                    with contextlib.suppress(RuntimeError, ValueError):  # not the main thread
                        loop.add_signal_handler(signum, interrupt)
            await _run_cells(client, nb, running, position)
            client.set_widgets_metadata()
            out = stable_widget_ids(json.loads(nbformat.writes(nb)), item.key)
            if finished is not None:
                finished(out)
            client.shutdown_kernel = "immediate"  # every cell has run: nothing to wait for but the pages
    except CellExecutionError as exc:
        hint = "" if exc.ename == "CourseInputError" else _HINT  # that one says what to do itself
        raise ExecutionError(f"{item.path.name}: cell {source_cell_number(nb, position.index)} failed: "
                             f"{exc.ename}: {one_line(exc.evalue)}{hint}", ran()) from None
    except (CellTimeoutError, DeadKernelError) as exc:
        raise ExecutionError(f"{item.path.name}: cell {source_cell_number(nb, position.index)} failed: "
                             f"{type(exc).__name__}: {one_line(str(exc))}", ran()) from None
    except RuntimeError as exc:  # e.g. "Kernel died before replying to kernel_info"
        raise ExecutionError(f"{item.path.name}: the kernel failed: {one_line(str(exc))}", ran()) from None
    finally:
        await _forget_kernel(client)
    return out


class _Position:
    """The index of the cell running (-1 before the first), for the error message."""

    index = -1


async def _run_cells(client, nb, running, position: _Position) -> None:
    """Every cell of ``nb`` in order, in the client's started kernel."""
    try:
        info = await client.async_wait_for_reply(await _maybe_await(client.kc.kernel_info()))
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        async with running or contextlib.nullcontext():
            for index, cell in enumerate(nb.cells):
                position.index = index
                await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    except BaseException:
        # failed, or cancelled because another notebook failed: stop the kernel at once (asked
        # to shut down politely, or sent SIGTERM, in the middle of a cell it prints tracebacks on
        # our stderr): SIGKILL to its process (a forked kernel's launcher: the zygote then kills it)
        client.shutdown_kernel = "immediate"
        pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
        if pid:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        raise


async def _forget_kernel(client) -> None:
    """Kill a kernel whose start was interrupted (e.g. cancelled because another notebook failed) and
    drop the exit handler nbclient leaves registered then (it would fail with a traceback at exit)."""
    atexit.unregister(client._cleanup_kernel)  # nbclient's own handler: it has no public name
    km = client.km
    if km is not None and km.has_kernel:
        with contextlib.suppress(Exception):
            await _maybe_await(km.shutdown_kernel(now=True))


async def _maybe_await(value):
    return await value if inspect.isawaitable(value) else value
