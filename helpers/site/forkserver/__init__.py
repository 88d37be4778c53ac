"""Forked kernels: a fresh kernel per notebook, forked from a process that has imported the heavy
libraries once.

Starting a kernel and importing altair, pandas and IPython costs every notebook about 1 s of
CPU. A zygote process (``zygote.py``, one per build) imports these libraries once, and the
helpers modules the build names (those the notebooks import), and forks a fresh kernel for each
notebook: each kernel is a new process that has run no notebook code, so nothing passes from one
notebook to another (the zygote imports modules only, and never runs user code or reads course
data: the helpers read files and the environment only when called). A tiny launcher process (``launcher.py``) stands in for the kernel towards
jupyter_client (signals are forwarded, its exit status is the kernel's; killing it kills the
kernel). Linux only; off with CLOSE_READING_FORK_KERNELS=0.

A one-shot build may leave its zygote running for the next build (``SharedZygote``): it lives
in a folder named by what it imported (the Python, the modules, the environment, the contents of
the helpers modules it imported), and exits by
itself after ``CLOSE_READING_ZYGOTE_LINGER`` seconds (default :data:`LINGER`) with no kernel and
no build; ``0`` turns this off (every build starts and stops its own, as the preview server's
session does). A rebuild after an edit then starts its kernel at once instead of importing the
libraries again (about 1.5 s).

Both are programs run as scripts by path (see their docstrings); this module starts them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable

ZYGOTE = Path(__file__).resolve().with_name("zygote.py")
LAUNCHER = Path(__file__).resolve().with_name("launcher.py")


def enabled() -> bool:
    """Whether kernels are forked here."""
    # Linux only (where Python has socket.send_fds): macOS does not support fork() without exec()
    # once system frameworks are loaded
    return (sys.platform.startswith("linux")
            and os.environ.get("CLOSE_READING_FORK_KERNELS", "1") not in ("0", "no", "false"))


class Zygote:
    """A running zygote; ``manager_class()`` is a kernel manager that launches kernels through it."""

    def __init__(self, env: dict[str, str], folder: Path, preload: Iterable[str]):
        self.dir = Path(tempfile.mkdtemp(prefix="cr-zygote-"))  # short path: AF_UNIX names are short
        self.socket = str(self.dir / "s")
        self.proc = subprocess.Popen([sys.executable, str(ZYGOTE), self.socket, ",".join(preload)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=str(folder),
                                     start_new_session=True)

    ready = False

    def wait_ready(self) -> bool:
        """Wait until it has imported its libraries; False when it failed to start (or has stopped)."""
        if not self.ready and self.proc.poll() is None:
            self.ready = self.proc.stdout.readline().strip() == b"ready"
        return self.ready and self.proc.poll() is None

    def manager_class(self):
        """An AsyncKernelManager that starts ipykernel kernels as forks of this zygote (their clients:
        ``ready_client_class()``)."""
        return forked_manager_class(self.socket)

    def close(self) -> None:
        """Stop it and every kernel it forked."""
        try:
            self.proc.stdin.close()  # it kills its kernels and exits
            if not self.ready:  # still importing: nothing to wait for
                self.proc.kill()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def forked_manager_class(sock: str):
    """An AsyncKernelManager that starts ipykernel kernels as forks of the zygote listening on ``sock``."""
    # lazy (heavy): jupyter_client imports zmq and tornado; only an execution needs it
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    command = [sys.executable, "-I", "-S", str(LAUNCHER), sock]
    client_class = ready_client_class()

    class ForkedKernelManager(AsyncKernelManager):
        @default("client_factory")
        def _ready_client(self):
            return client_class

        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            if cmd[:3] == [sys.executable, "-m", "ipykernel_launcher"]:
                return [*command, *cmd[3:]]
            return cmd  # another kernel: started as usual

    return ForkedKernelManager


#: seconds a shared zygote stays after the last build that used it (CLOSE_READING_ZYGOTE_LINGER)
LINGER = 300.0
#: variables that change from one shell or make run to the next and change nothing a library imports
_VOLATILE = ("PWD", "OLDPWD", "SHLVL", "_", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKE_TERMOUT", "MAKE_TERMERR",
             "TERM", "COLUMNS", "LINES")


def linger_seconds() -> float:
    """How long a one-shot build's zygote stays for the next build (0: it does not)."""
    raw = os.environ.get("CLOSE_READING_ZYGOTE_LINGER", "")
    try:
        return max(0.0, float(raw)) if raw.strip() else LINGER
    except ValueError:
        return LINGER


def _installed_stamp() -> list[int]:
    """When the libraries were last installed or removed: a zygote of older libraries is not reused."""
    import sysconfig

    out = []
    for name in ("purelib", "platlib"):
        with contextlib.suppress(OSError, KeyError):
            out.append(os.stat(sysconfig.get_paths()[name]).st_mtime_ns)
    return out


def _runtime_dir() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(base) / f"close-reading-{os.getuid()}"


class SharedZygote:
    """A zygote that outlives the build that starts it, and serves the next builds of the same
    Python, modules and environment. Its folder holds its socket ``s``, its pid, its lock and
    its log, and the seconds it lingers. ``reused`` says whether an earlier build's zygote serves this
    one; ``linger`` is then the setting that zygote was started with, not this build's."""

    def __init__(self, env: dict[str, str], preload: Iterable[str], linger: float, stamp: str = ""):
        preload = list(preload)
        # the project's own variables change nothing the zygote imports (helpers modules read them only
        # when called; each kernel gets its environment from its request). ``stamp``: the contents of
        # the preloaded modules of the project (a zygote of older helpers is not reused)
        kept = sorted((k, v) for k, v in env.items() if k not in _VOLATILE and not k.startswith("CLOSE_READING_"))
        code = hashlib.sha256(ZYGOTE.read_bytes() + LAUNCHER.read_bytes()).hexdigest()
        key = json.dumps([sys.executable, preload, kept, code, _installed_stamp(), stamp], sort_keys=True)
        self.dir = _runtime_dir() / hashlib.sha256(key.encode()).hexdigest()[:16]
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.socket = str(self.dir / "s")
        self.linger = linger
        self.proc: subprocess.Popen | None = None
        self.reused, self.ready = False, False
        lock = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)       # one build at a time decides; the zygote waits to leave
            if self._alive():
                self.reused = self.ready = True
                self.linger = self._started_linger(linger)
                return
            if self._starting() is not None:      # another build started it: it is still importing
                self.reused = True
                self.linger = self._started_linger(linger)
                return
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.socket)
            log = open(self.dir / "log", "ab")
            self.proc = subprocess.Popen([sys.executable, str(ZYGOTE), self.socket, ",".join(preload), str(linger),
                                          str(self.dir / "lock")],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, env=env,
                                         cwd=str(self.dir), start_new_session=True)
            log.close()
            (self.dir / "pid").write_text(str(self.proc.pid))
            (self.dir / "linger").write_text(repr(float(linger)))
        finally:
            os.close(lock)

    def _started_linger(self, default: float) -> float:
        """The linger of the running zygote, as the build that started it recorded it."""
        try:
            return float((self.dir / "linger").read_text())
        except (OSError, ValueError):
            return default

    def _alive(self) -> bool:
        """Whether a zygote answers on the socket (connecting tells it a build is coming)."""
        if not os.path.exists(self.socket):
            return False
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            try:
                probe.connect(self.socket)
            except OSError:
                return False
        return True

    def _starting(self) -> int | None:
        """The pid of this folder's zygote if it runs but does not listen yet, else None."""
        try:
            pid = int((self.dir / "pid").read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            return None
        return pid if str(ZYGOTE).encode() in cmdline and self.socket.encode() in cmdline else None

    def wait_ready(self) -> bool:
        """Wait until it listens; False when it failed to start."""
        if self.ready:
            return self.proc is None or self.proc.poll() is None
        if self.proc is not None:                  # started here: it says when
            self.ready = self.proc.stdout.readline().strip() == b"ready"
            self.proc.stdout.close()
            return self.ready and self.proc.poll() is None
        deadline = time.monotonic() + 120          # started by another build: wait for its socket
        while time.monotonic() < deadline and self._starting() is not None:
            if self._alive():
                self.ready = True
                return True
            time.sleep(0.05)
        return False

    def manager_class(self):
        return forked_manager_class(self.socket)

    def close(self) -> None:
        """Nothing to stop: the zygote stays for the next build and leaves by itself when idle."""

    def stop(self) -> None:
        """Stop it now (and every kernel it forked): for tests and benchmarks."""
        with contextlib.suppress(OSError, ValueError):
            os.kill(int((self.dir / "pid").read_text()), 15)
        deadline = time.monotonic() + 10
        while self._alive() and time.monotonic() < deadline:
            time.sleep(0.05)


#: how long the IOPub channel must stay quiet before a started kernel counts as ready
IOPUB_QUIET = 0.02


def ready_client_class():
    """An AsyncKernelClient whose ``wait_for_ready`` returns as soon as the kernel has answered.

    jupyter_client's own waits, after the kernel's reply and the first IOPub message, until IOPub
    has been quiet for 0.2 s, to throw away the start's status messages: a fixed 0.2 s per kernel.
    nbclient ignores messages that answer no request of its own, so a short quiet time does the
    same here. The rest is jupyter_client's loop: ask for kernel_info until the reply comes, with
    IOPub connected, failing if the kernel dies or ``timeout`` passes.
    """
    import asyncio
    import time
    from queue import Empty

    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.session import protocol_version

    class ReadyKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.time() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    msg = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    msg = None
                if msg is not None and msg["msg_type"] == "kernel_info_reply":
                    try:
                        await self.iopub_channel.get_msg(timeout=0.2)  # IOPub is connected
                    except Empty:
                        pass
                    else:
                        major = int(msg["content"].get("protocol_version", protocol_version).split(".")[0])
                        if major != int(protocol_version.split(".")[0]):
                            self.session.adapt_version = major
                        break
                if not await self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.time() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
                await asyncio.sleep(0)
            while True:  # the start's remaining status messages
                try:
                    await self.iopub_channel.get_msg(timeout=IOPUB_QUIET)
                except Empty:
                    break

    return ReadyKernelClient
