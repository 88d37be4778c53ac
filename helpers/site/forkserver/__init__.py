"""Forked kernels: a fresh kernel per notebook, forked from a process that has imported the heavy
libraries once.

Starting a kernel and importing altair, pandas and spaCy costs every notebook about 1.5 s of
CPU. A zygote process (``zygote.py``, one per build) imports these libraries once and forks a
fresh kernel for each notebook: each kernel is a new process that has run no notebook code, so
nothing passes from one notebook to another (the zygote never imports helpers or runs user
code). A tiny launcher process (``launcher.py``) stands in for the kernel towards
jupyter_client (signals are forwarded, its exit status is the kernel's; killing it kills the
kernel). Linux only; off with CLOSE_READING_FORK_KERNELS=0.

Both are programs run as scripts by path (see their docstrings); this module starts them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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
        # lazy (heavy): jupyter_client imports zmq and tornado; only an execution needs it
        from jupyter_client.manager import AsyncKernelManager
        from traitlets import default

        command = [sys.executable, "-I", "-S", str(LAUNCHER), self.socket]
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
