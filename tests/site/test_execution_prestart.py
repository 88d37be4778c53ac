"""With a zygote that already listens (kept from the build before), the first notebooks' kernels
start before the build imports nbclient, and boot while it does: each runs its own notebook, as a
kernel nbclient starts would, and none is left running, whatever stops the build."""

from __future__ import annotations

import os
import time

import pytest

from helpers.site import execution, forkserver
from helpers.site.notebook import Notebook


def _notebook(tmp_path, name: str, source: str) -> Notebook:
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "c", "metadata": {}, "outputs": [],
                     "source": source}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    return Notebook(name=name, path=tmp_path / f"{name}.ipynb", source=nb, title=name, components={}, key=name)


def _printed(item: Notebook) -> list[str]:
    return ["".join(o.get("text", "")).strip() for c in item.executed["cells"] for o in c.get("outputs", [])]


def _kernels_of(zygote) -> list[int]:
    """The zygote's live children (its forked kernels)."""
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == zygote.proc.pid and stat[0] != "Z":
                out.append(int(pid))
    return out


def _no_kernels_left(zygote) -> bool:
    deadline = time.monotonic() + 10
    while _kernels_of(zygote) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _kernels_of(zygote)


@pytest.fixture
def zygote(tmp_path):
    if not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    z = forkserver.Zygote({**os.environ, "PYTHONPATH": execution.kernel_pythonpath()}, tmp_path,
                          preload=("ipykernel.ipkernel",))
    try:
        assert z.wait_ready()
        yield z
    finally:
        z.close()


@pytest.fixture
def started(monkeypatch):
    """The notebooks whose kernel ``_prestart_kernel`` started, in order."""
    names: list[str] = []
    real = execution._prestart_kernel

    async def spy(item, scratch, manager_class):
        names.append(item.name)
        return await real(item, scratch, manager_class)

    monkeypatch.setattr(execution, "_prestart_kernel", spy)
    return names


@pytest.mark.slow
def test_the_first_kernels_start_ahead_and_run_their_own_notebooks(tmp_path, zygote, started):
    # the notebook's working folder and the work folder variable are those nbclient would give it
    items = [_notebook(tmp_path, f"0{i}_n", f"import os; print({i}, os.path.basename(os.getcwd()), "
                                            f"os.path.basename(os.path.dirname(os.environ['CLOSE_READING_WORK'])))")
             for i in (1, 2, 3)]
    done: list[Notebook] = []
    execution.execute_all(items, tmp_path / "run", 2, lambda _: None, done.append, zygote=zygote)
    assert started == ["01_n", "02_n"]          # as many as run at once; the third starts its own
    assert {i.name: _printed(i) for i in done} == {f"0{i}_n": [f"{i} 0{i}_n 0{i}_n"] for i in (1, 2, 3)}
    assert _no_kernels_left(zygote)


@pytest.mark.slow
def test_no_kernel_starts_ahead_of_a_zygote_that_is_still_starting(tmp_path, started):
    if not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    z = forkserver.Zygote({**os.environ, "PYTHONPATH": execution.kernel_pythonpath()}, tmp_path, preload=())
    try:
        done: list[Notebook] = []
        execution.execute_all([_notebook(tmp_path, "01_n", "print(1)")], tmp_path / "run", 1, lambda _: None,
                              done.append, zygote=z)
        assert started == [] and _printed(done[0]) == ["1"]
    finally:
        z.close()


@pytest.mark.slow
def test_kernels_started_ahead_are_stopped_when_the_build_stops_before_they_run(tmp_path, zygote, started):
    def stop() -> None:   # the build stops (here: its page renderer fails) before any notebook runs
        raise KeyboardInterrupt

    items = [_notebook(tmp_path, "01_n", "print(1)"), _notebook(tmp_path, "02_n", "print(2)")]
    with pytest.raises(KeyboardInterrupt):
        execution.execute_all(items, tmp_path / "run", 2, lambda _: None, lambda _: None, warm_up=stop,
                              zygote=zygote)
    assert started == ["01_n", "02_n"]
    assert _no_kernels_left(zygote)


def test_the_kernels_history_option_is_the_one_nbclient_gives_a_kernel_it_starts():
    from nbclient import NotebookClient

    assert f"--HistoryManager.hist_file={NotebookClient.ipython_hist_file.default_value}" in execution.KERNEL_ARGUMENTS
