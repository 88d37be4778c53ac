"""A kernel that dies before its first cell (its port taken by another process between the
connection file and the bind) is started again once; a kernel that dies again fails the build."""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
from jupyter_client.manager import AsyncKernelManager

from helpers.site import execution
from helpers.site.notebook import Notebook

TINY = {"cells": [{"cell_type": "code", "execution_count": None, "id": "c", "metadata": {}, "outputs": [],
                   "source": "print(40 + 2)"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}


def _taking_ports(times: int):
    """A kernel manager whose first ``times`` kernels find their control port taken."""
    held: list[socket.socket] = []

    class PortTaken(AsyncKernelManager):
        def write_connection_file(self, **kw):
            super().write_connection_file(**kw)
            if len(held) < times:
                s = socket.socket()
                s.bind((self.ip, self.control_port))
                s.listen()
                held.append(s)

    return PortTaken, held


def _run(tmp_path, manager_class):
    item = Notebook(name="01_tiny", path=tmp_path / "01_tiny.ipynb", source=TINY, title="tiny", components={}, key="k")
    return asyncio.run(execution.execute_notebook(item, tmp_path / "scratch", manager_class=manager_class))


@pytest.mark.slow
def test_a_kernel_whose_port_was_taken_is_started_again(tmp_path):
    manager, held = _taking_ports(1)
    try:
        out = _run(tmp_path, manager)
    finally:
        for s in held:
            s.close()
    assert len(held) == 1  # the first kernel did find its port taken
    printed = [o.get("text", "") for c in out["cells"] for o in c.get("outputs", [])]
    assert ["".join(t).strip() for t in printed] == ["42"]


@pytest.mark.slow
def test_a_kernel_that_dies_twice_fails_in_one_line(tmp_path):
    manager, held = _taking_ports(execution.KERNEL_START_RETRIES + 1)
    try:
        with pytest.raises(execution.ExecutionError) as info:
            _run(tmp_path, manager)
    finally:
        for s in held:
            s.close()
    assert len(held) == execution.KERNEL_START_RETRIES + 1
    assert "01_tiny.ipynb: the kernel failed" in str(info.value) and "\n" not in str(info.value)
