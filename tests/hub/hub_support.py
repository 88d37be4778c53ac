"""Support for the hub test: the seminar's JupyterHub, for real, on 127.0.0.1 — what it needs and
how it is taken down.

The hub runs from the hub environment (``make hub-env``: ``$CLOSE_READING_HUB_ENV``, default
``_build/hub-env``), which every student must be able to read, with configurable-http-proxy
(``npm install -g configurable-http-proxy``), as root (it creates system users and starts each
student's server as that student).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy" / "hub"
HUB_ENV = Path(os.environ.get("CLOSE_READING_HUB_ENV", "").strip() or REPO / "_build" / "hub-env")


def proxy_command() -> str | None:
    """configurable-http-proxy on PATH, or in the repository's node_modules."""
    local = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
    return shutil.which("configurable-http-proxy") or (str(local) if local.exists() else None)


def missing_components() -> str | None:
    """Why the hub cannot run here (the precise reason a test is skipped), or ``None``."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the hub test needs root: it creates system users and starts each student's server as that student"
    for tool in ("useradd", "userdel", "git", "runuser"):
        if shutil.which(tool) is None:
            return f"the hub test needs {tool}, which is not installed"
    for program in ("jupyterhub", "jupyterhub-singleuser"):
        if not (HUB_ENV / "bin" / program).exists():
            return f"no {program} in the hub environment {HUB_ENV}: create it with `make hub-env`"
    probe = subprocess.run([str(HUB_ENV / "bin" / "python"), "-c",
                            "import nbgitpuller, jupyterhub_idle_culler, firstuseauthenticator, ipykernel"],
                           capture_output=True, text=True)
    if probe.returncode:
        last = probe.stderr.strip().splitlines()[-1]
        return f"the hub environment {HUB_ENV} lacks a component ({last}): `make hub-env`"
    readable = subprocess.run(["runuser", "-u", "nobody", "--", str(HUB_ENV / "bin" / "python"), "-c", "pass"],
                              capture_output=True)
    if readable.returncode:
        return f"the hub environment {HUB_ENV} cannot be run by other users: students' servers could not start"
    if proxy_command() is None:
        return "configurable-http-proxy is not installed: `npm install -g configurable-http-proxy`"
    return None


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def pids_of_user(user: str) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "-u", user], capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()] if out.returncode == 0 else []


def pids_in_group(pgid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,pgid="], capture_output=True, text=True)
    return [int(pid) for pid, group in (line.split() for line in out.stdout.splitlines()) if int(group) == pgid]


def end_processes(pids: list[int], grace: float = 10.0) -> None:
    """SIGTERM each of ``pids`` (processes this test started), SIGKILL what is left after ``grace`` s."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        alive = []
        for pid in pids:
            try:
                os.kill(pid, sig)
                alive.append(pid)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + wait
        while alive and time.monotonic() < deadline:
            alive = [p for p in alive if _alive(p)]
            time.sleep(0.2)
        pids = alive
        if not pids:
            return


def _alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False
