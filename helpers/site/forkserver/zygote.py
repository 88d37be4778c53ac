"""The zygote: imports the kernels' libraries once, then forks a fresh kernel per request.

``python zygote.py SOCKET MODULE,MODULE,…`` (started by ``helpers.site.forkserver.Zygote``)
imports ipykernel and the listed modules, listens on the Unix socket SOCKET and prints
``ready``. Each request (from ``launcher.py``) carries a kernel's arguments, environment,
working folder and standard streams; the zygote forks, and the child becomes that kernel.
The zygote answers with the kernel's pid, later with ``exit <status>``; it kills a kernel
whose launcher goes away, and kills them all and exits when its standard input closes.

``python zygote.py SOCKET MODULES LINGER LOCK`` is a zygote shared by the builds that follow
(``helpers.site.forkserver.SharedZygote``): it does not watch its standard input, and exits
when no kernel has run and nobody has connected for LINGER seconds, removing SOCKET, once it
holds the lock file LOCK (a build that is about to use it holds that lock while it checks).

Run as a script by path, never with ``python -m``: it imports no ``helpers`` module but those
listed in MODULES (every forked kernel inherits what it imports; the build lists the helpers
modules its notebooks import, and a shared zygote is keyed by their contents). It takes its own folder off ``sys.path`` first, as
``ipykernel_launcher`` does with its working folder, so that a forked kernel's ``sys.path`` is
the one a launched kernel has (not ``python -P``: a kernel started so would not add its working
folder to ``sys.path``).
"""

import fcntl
import json
import os
import selectors
import signal
import socket
import sys
import time
import traceback


def read_request(conn: socket.socket) -> tuple[dict, list[int]]:
    """A launcher's request: an 8-digit length with three file descriptors, then that much JSON."""
    head, fds, _, _ = socket.recv_fds(conn, 8, 3)
    size, data = int(head), b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return json.loads(data), fds


class Zygote:
    """The listening socket, and the connection to the launcher of each living kernel."""

    def __init__(self, path: str, linger: float = 0.0, lock: str | None = None):
        self.path, self.linger, self.lock = path, linger, lock
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(64)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.server, selectors.EVENT_READ)
        if not linger:
            self.selector.register(0, selectors.EVENT_READ)  # the build closes our stdin when it is done
        self.kernels: dict[int, socket.socket] = {}  # pid -> connection to its launcher
        self.last = time.monotonic()

    def serve(self) -> None:
        """Answer requests until standard input closes, or (lingering) until idle (then ``os._exit``)."""
        while True:
            # idle and lingering: wake up seldom (a connection wakes it at once)
            for key, _ in self.selector.select(timeout=0.05 if self.kernels or not self.linger else 1.0):
                if key.fileobj is self.server:
                    self._accept()
                elif key.fileobj == 0:
                    self._stdin_readable()
                else:
                    self._launcher_readable(key)
            self._reap()
            if self.linger and not self.kernels and time.monotonic() - self.last > self.linger:
                self._leave_if_unused()

    def _leave_if_unused(self) -> None:
        """Idle long enough: exit, unless a build holds the lock (it is about to connect)."""
        fd = os.open(self.lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            self.last = time.monotonic()
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os._exit(0)  # the lock goes with the process

    def _accept(self) -> None:
        self.last = time.monotonic()  # a connection, even one that asks nothing, keeps it alive
        conn, _ = self.server.accept()
        try:
            req, fds = read_request(conn)
        except Exception:
            conn.close()
            return
        pid = os.fork()
        if pid == 0:
            conn.close()
            self._become_kernel(req, fds)
        for fd in fds:
            os.close(fd)
        try:
            conn.sendall(b"%d\n" % pid)
        except OSError:  # its launcher is gone already
            os.kill(pid, signal.SIGKILL)
            conn.close()
            return
        self.kernels[pid] = conn
        self.selector.register(conn, selectors.EVENT_READ, pid)

    def _stdin_readable(self) -> None:
        if not os.read(0, 4096):
            for pid in self.kernels:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            os._exit(0)

    def _launcher_readable(self, key: selectors.SelectorKey) -> None:
        """A launcher went away: its kernel goes too."""
        try:
            gone = not key.fileobj.recv(4096)
        except OSError:
            gone = True
        if gone:
            try:
                os.kill(key.data, signal.SIGKILL)
            except OSError:
                pass

    def _reap(self) -> None:
        """Tell the launcher of each kernel that has exited its exit status."""
        while self.kernels:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            conn = self.kernels.pop(pid, None)
            if conn is not None:
                self.selector.unregister(conn)
                try:
                    conn.sendall(b"exit %d\n" % os.waitstatus_to_exitcode(status))
                except OSError:
                    pass
                conn.close()

    def _become_kernel(self, req: dict, fds: list[int]) -> None:
        """In the forked child: take the launcher's streams, folder and environment, run the kernel, exit."""
        self.selector.close()
        self.server.close()
        for c in self.kernels.values():
            c.close()
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        for entry in reversed([p for p in req["env"].get("PYTHONPATH", "").split(os.pathsep) if p]):
            if entry not in sys.path:
                sys.path.insert(0, entry)
        import ipykernel.kernelapp  # imported by main() before forking

        signal.signal(signal.SIGINT, signal.default_int_handler)
        # the kernel watches its parent, the zygote, as a launched kernel watches JPY_PARENT_PID
        argv = [*req["argv"], "--IPKernelApp.parent_handle=%d" % os.getppid()]
        sys.argv = [ipykernel.kernelapp.__file__, *argv]
        code = 0
        try:
            ipykernel.kernelapp.IPKernelApp.launch_instance(argv=argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)


def main(argv: list[str]) -> None:
    """``argv``: the socket path and the comma-separated modules to import before forking; for a
    shared zygote, the seconds it lingers idle and its lock file."""
    if sys.path and os.path.realpath(sys.path[0]) == os.path.dirname(os.path.realpath(__file__)):
        del sys.path[0]  # this folder; the kernel adds its working folder itself
    path, preload = argv[0], [m for m in argv[1].split(",") if m]
    linger, lock = (float(argv[2]), argv[3]) if len(argv) > 3 else (0.0, None)
    # debugpy (ipykernel.debugger) warns on import that frozen modules may hide breakpoints; a kernel
    # prints that where nobody reads it, the zygote would print it on the build's terminal. Only the
    # zygote's environment: each kernel gets its own from its request.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    import ipykernel.kernelapp  # noqa: F401  (what every kernel runs; then the libraries its notebooks use)

    for name in preload:
        try:
            __import__(name)
        except Exception:
            pass
    zygote = Zygote(path, linger, lock)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    if linger:  # nobody reads on: the starting build closes its end
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    zygote.serve()


if __name__ == "__main__":
    main(sys.argv[1:])
