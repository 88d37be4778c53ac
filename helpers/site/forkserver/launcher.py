"""The kernel launcher: stands in for one forked kernel towards jupyter_client.

``python -I -S launcher.py SOCKET KERNEL-ARGS…`` (started by ``ForkedKernelManager``) asks the
zygote listening on SOCKET to fork a kernel with KERNEL-ARGS, this process's environment,
working folder and standard streams (passed as file descriptors), then waits: signals it gets
are forwarded to the kernel, and its exit status is the kernel's. When it goes away (killed by
jupyter_client), the zygote kills the kernel.

Run as a script by path with ``-I -S``: it needs only the standard library and starts in a
few milliseconds (no site-packages, no package imports).
"""

import json
import os
import signal
import socket
import sys

#: the signals passed on to the kernel
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


def main(argv: list[str]) -> int:
    """Launch through the zygote at ``argv[0]`` the kernel ``argv[1:]``; returns its exit status."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # until there is a kernel to pass it on to
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(argv[0])
        data = json.dumps({"argv": argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}).encode()
        socket.send_fds(conn, [b"%08d" % len(data)], [0, 1, 2])
        conn.sendall(data)
        replies = conn.makefile("rb")
        pid = int(replies.readline())
    except (OSError, ValueError, KeyboardInterrupt):  # the zygote is gone (the build is stopping): no kernel
        return 1

    def forward(signum, frame):
        try:
            os.kill(pid, signum)
        except OSError:
            pass

    for signum in FORWARDED:
        signal.signal(signum, forward)
    try:
        line = replies.readline()
    except OSError:
        line = b""
    code = int(line.split()[1]) if line.startswith(b"exit ") else 1
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
