"""The fork server's two programs (helpers/site/forkserver/zygote.py and launcher.py) as real
modules: importable without side effects, and runnable as the build runs them."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import time

import pytest

from helpers.site import forkserver
from site_support import shared_zygote_runtime

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


@pytest.fixture
def runtime_dir(monkeypatch):
    """A short private runtime folder for shared zygotes (a Unix socket's path has at most 107 bytes)."""
    if not forkserver.enabled():
        pytest.skip("kernels are forked on Linux only")
    with shared_zygote_runtime(monkeypatch) as folder:
        yield folder


def _zygote_pid(z) -> int:
    return int((z.dir / "pid").read_text())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return not open(f"/proc/{pid}/stat").read().split(") ")[1].startswith("Z")


def test_a_shared_zygote_serves_the_next_build_and_leaves_when_idle(runtime_dir, tmp_path):
    env = dict(os.environ)
    first = forkserver.SharedZygote(env, (), linger=3)
    assert not first.reused and first.wait_ready()
    first.close()                                   # the build is done: the zygote stays
    pid = _zygote_pid(first)
    assert _alive(pid)
    second = forkserver.SharedZygote(env, (), linger=3)
    assert second.reused and second.wait_ready() and second.socket == first.socket
    proc = subprocess.run([*LAUNCH, second.socket, "--version"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 0 and re.fullmatch(r"\d+\.\d+\S*", proc.stdout.strip()), proc.stderr
    # the project's own variables change nothing it imports: the same zygote, which keeps the linger
    # it was started with (3 s), whatever the build that reuses it asks for
    again = forkserver.SharedZygote({**env, "CLOSE_READING_ZYGOTE_LINGER": "7"}, (), linger=7)
    assert again.reused and again.linger == 3
    # another environment is another zygote: what a library read at import may differ
    other = forkserver.SharedZygote({**env, "SOME_LIBRARY_SETTING": "1"}, (), linger=3)
    assert not other.reused and other.socket != first.socket and other.wait_ready()
    # idle for longer than its linger: each one leaves by itself, and takes its socket along
    deadline = time.monotonic() + 30
    while (_alive(pid) or os.path.exists(first.socket)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid) and not os.path.exists(first.socket)
    third = forkserver.SharedZygote(env, (), linger=3)
    assert not third.reused and third.wait_ready()
    third.stop()
    assert not os.path.exists(third.socket) or not third._alive()


def test_a_build_run_with_captured_output_returns_while_its_zygote_stays(runtime_dir, tmp_path):
    # the zygote must hold none of the build's streams: a caller reading them to the end returns
    code = ("from helpers.site import forkserver; import os; "
            "z = forkserver.SharedZygote(dict(os.environ), (), linger=20); print(z.wait_ready()); z.close()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "True", proc.stderr


def test_a_zygote_of_libraries_installed_before_is_not_reused(runtime_dir, monkeypatch):
    env = dict(os.environ)
    monkeypatch.setattr(forkserver, "_installed_stamp", lambda: [1])
    first = forkserver.SharedZygote(env, (), linger=20)
    assert first.wait_ready()
    monkeypatch.setattr(forkserver, "_installed_stamp", lambda: [2])   # a library was installed since
    second = forkserver.SharedZygote(env, (), linger=20)
    assert not second.reused and second.socket != first.socket and second.wait_ready()
    for z in (first, second):
        z.stop()
