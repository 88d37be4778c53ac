"""The fork server's two programs (helpers/site/forkserver/zygote.py and launcher.py) as real
modules: importable without side effects, and runnable as the build runs them."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys

import pytest

from helpers.site import forkserver

LAUNCH = [sys.executable, "-I", "-S", str(forkserver.LAUNCHER)]  # as ForkedKernelManager starts it


def test_the_zygote_and_the_launcher_import_without_running():
    for name in ("helpers.site.forkserver.zygote", "helpers.site.forkserver.launcher"):
        module = importlib.import_module(name)
        assert callable(module.main) and module.__file__ in (str(forkserver.ZYGOTE), str(forkserver.LAUNCHER))
    # importing the zygote starts nothing and imports no kernel (main() does, before it forks)
    code = "import sys, helpers.site.forkserver.zygote; print('ipykernel.kernelapp' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "False", proc.stderr


def test_the_launcher_without_a_zygote_exits_1_at_once(tmp_path):
    proc = subprocess.run([*LAUNCH, str(tmp_path / "no-such-socket"), "-f", "kernel.json"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and proc.stdout == "" and "Traceback" not in proc.stderr


@pytest.fixture
def zygote(tmp_path):
    if not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    z = forkserver.Zygote(dict(os.environ), tmp_path, preload=())
    try:
        assert z.wait_ready()
        yield z
    finally:
        z.close()


def test_a_forked_kernel_uses_the_launchers_streams_and_gives_it_its_exit_status(zygote, tmp_path):
    # '--version': the forked IPKernelApp prints its version on the launcher's stdout and exits 0
    proc = subprocess.run([*LAUNCH, zygote.socket, "--version"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"\d+\.\d+\S*", proc.stdout.strip()), proc.stdout
    # an unknown option: the kernel exits 2, and so does its launcher
    proc = subprocess.run([*LAUNCH, zygote.socket, "--no-such-option"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and "unrecognized arguments" in proc.stderr


def test_closing_the_zygote_stops_it_and_removes_its_socket(zygote):
    zygote.close()
    assert zygote.proc.poll() is not None
    assert not zygote.dir.exists()
    proc = subprocess.run([*LAUNCH, zygote.socket, "--version"], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1  # no zygote any more: no kernel


def test_the_kernel_manager_launches_ipykernel_through_the_launcher(zygote, tmp_path):
    manager = zygote.manager_class()(kernel_name="python3")
    manager.connection_file = str(tmp_path / "kernel.json")
    assert manager.format_kernel_cmd() == [*LAUNCH, zygote.socket, "-f", manager.connection_file]
