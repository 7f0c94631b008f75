"""Clean runs forked ready-made: ``python -I -m antiplan.grading.clean_server``, one per grading process.

Starting ``antiplan.grading.clean`` afresh for every notebook pays for its imports every time (numpy,
pandas, the model and the test helpers: about 0.15 s of CPU, a seventh of the cost of grading a short
notebook). This server imports them once, then forks a child for each notebook's clean run. The
child is as clean as a fresh process: the server never runs a test, nor a line of a student's code;
each child starts from the server's state just after its imports, and runs one job.

Its standard input is a Unix socket (``SOCK_SEQPACKET``) to the grading process. A request is one
byte carrying two file descriptors: the child's end of a socket pair, which the child reads and
writes as ``clean`` reads standard input and writes standard output, and the file its error stream
goes to. The reply is the child's process id, with a pidfd by which the grader stops it. The server
reaps its children (so that their CPU time is counted, as a fresh process's would be) and exits when
the grading process closes its end.

The grading process sets ``OPENBLAS_NUM_THREADS=1`` (and its kin) for the server, so that no
library has started a thread before it forks.
"""

from __future__ import annotations

import os
import random
import socket
import sys
import traceback

from . import clean


def _fresh_randomness() -> None:
    """Each child draws its own random numbers, as a process started afresh would."""
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def _child(control: socket.socket, channel_fd: int, stderr_fd: int) -> None:
    status = 1
    try:
        control.close()
        os.dup2(stderr_fd, 2)
        os.dup2(stderr_fd, 1)  # stray writes to standard output go to the run's error stream too
        os.close(stderr_fd)
        _fresh_randomness()
        channel = socket.socket(fileno=channel_fd)
        clean.serve(channel.makefile("r", encoding="utf-8"), channel.makefile("w", encoding="utf-8"))
        status = 0
    except BaseException:  # noqa: BLE001 - the grader reads the reason from the error stream
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(status)


def _reap(block: bool) -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve(control: socket.socket) -> None:
    """Fork a clean run for each request on ``control`` until the grading process closes it."""
    while True:
        _reap(block=False)
        try:
            message, fds, _flags, _address = socket.recv_fds(control, 1, 2)
        except OSError:
            message, fds = b"", []
        if not message:
            _reap(block=True)
            return
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            control.send(b"0")
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(control, *fds)
        for fd in fds:
            os.close(fd)
        pidfd = os.pidfd_open(pid)
        try:
            socket.send_fds(control, [str(pid).encode()], [pidfd])
        finally:
            os.close(pidfd)


def main() -> None:
    """Import what the tests need, then serve the grading process on standard input."""
    clean.quiet_stdout().close()  # the protocol runs on each child's own socket, not here
    clean.preload()
    serve(socket.socket(fileno=0))


if __name__ == "__main__":
    main()
