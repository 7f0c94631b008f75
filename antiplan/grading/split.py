"""Grading in two processes: the student's notebook in its kernel, the tests in a clean run.

``SplitRun`` is mixed into an nbclient ``NotebookClient`` (the grader's execute step, the
``antiplan check`` command): the notebook's own cells run in the student's kernel as usual, but its
test cells do not. After the last cell, the kernel hands over the answers the tests read, as plain
data (``boundary.hand_over``); the tests then run in a fresh process the student's code never
touched (``clean``), started when the notebook starts so that its imports cost no time; when a test
calls one of the student's functions, the call is relayed to the kernel with plain values
(``boundary.respond``) under the cell's time limit. Each test cell gets the outputs of its clean
run, so nbgrader scores it as it always has: an ``error`` output is a failed test.

Nothing the student's kernel prints during the hand-over or a call reaches the notebook.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from . import plain
from .answers import answer_names
from .boundary import MARKER
from .notebook import is_test_cell

PROBE_TEXT = plain.MAX_TEXT + 65536
"""Characters of output kept from one hand-over or call: the last ones, where the data line is."""


class CleanRunError(RuntimeError):
    """The clean run itself failed (not the student's work); the message says how."""


def _tail(stream) -> str:
    """The last line written to the temporary file ``stream``."""
    stream.seek(0)
    lines = [line for line in stream.read().decode(errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


class CleanServer:
    """This process's ``clean_server``: started once, it forks a clean run for each notebook.

    ``shared()`` gives the one of the current process (a forked worker starts its own).
    """

    _current: CleanServer | None = None
    START_SECONDS = 120.0
    """How long the server may take to import what the tests need, on a loaded machine."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._stderr = tempfile.TemporaryFile()
        threads = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-m", "antiplan.grading.clean_server"],
                stdin=theirs,
                stdout=subprocess.DEVNULL,
                stderr=self._stderr,
                env={**os.environ, **threads},
            )
        finally:
            theirs.close()
        self.control = ours
        self.control.settimeout(self.START_SECONDS)
        self.owner = os.getpid()
        self._lock = threading.Lock()

    @classmethod
    def shared(cls) -> CleanServer:
        current = cls._current
        if current is None or current.owner != os.getpid() or current.process.poll() is not None:
            cls._current = current = cls()
        return current

    @classmethod
    def stop_shared(cls) -> None:
        """Stop this process's server, if it has one, once its runs have ended (a worker that is done)."""
        current, cls._current = cls._current, None
        if current is not None and current.owner == os.getpid():
            current.close()

    def close(self) -> None:
        """Let the server finish: it waits for its runs, then exits."""
        self.control.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()

    def fork(self, stderr) -> tuple[socket.socket, int]:
        """A fresh clean run: (its end of the job channel, a pidfd to stop it); errors go to ``stderr``."""
        mine, theirs = socket.socketpair()
        try:
            with self._lock:
                socket.send_fds(self.control, [b"F"], [theirs.fileno(), stderr.fileno()])
                reply, fds, _flags, _address = socket.recv_fds(self.control, 32, 1)
        except (OSError, TimeoutError):
            reply, fds = b"", []
        finally:
            theirs.close()
        if not reply or reply == b"0" or not fds:
            mine.close()
            for fd in fds:
                os.close(fd)
            code = self.process.poll()
            raise CleanRunError(f"the grader's clean run could not start (status {code}): {_tail(self._stderr)}")
        return mine, fds[0]


class CleanProcess:
    """One clean run, fed one job: ``python -I -m antiplan.grading.clean``, started ahead.

    With ``shared``, the run is forked from this process's ``CleanServer`` when the job is sent (a
    grader, which runs one notebook after another); otherwise it is a process of its own, started now.
    """

    def __init__(self, shared: bool = False) -> None:
        self._stderr = tempfile.TemporaryFile()
        self._buffer = b""
        self.process: subprocess.Popen | None = None
        self._server = CleanServer.shared() if shared else None
        self._channel: socket.socket | None = None
        self._pidfd: int | None = None
        if self._server is None:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-m", "antiplan.grading.clean"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )

    def _send(self, message) -> None:
        data = (plain.dumps(message) + "\n").encode()
        if self._server is not None and self._channel is None:
            self._channel, self._pidfd = self._server.fork(self._stderr)
        try:
            if self._channel is not None:
                self._channel.sendall(data)
            else:
                self.process.stdin.write(data)
                self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise CleanRunError(self._why_stopped()) from None

    def _receive(self, deadline: float) -> dict:
        out = self._channel.fileno() if self._channel is not None else self.process.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(out, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the tests ran past the time left for the notebook")
                if not selector.select(min(left, 5.0)):
                    continue
                chunk = os.read(out, 1 << 20)
                if not chunk:
                    raise CleanRunError(self._why_stopped())
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _why_stopped(self) -> str:
        code = None
        if self.process is not None:
            try:
                code = self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        else:
            time.sleep(0.05)  # let the run finish writing why it stopped
        status = f" (status {code})" if self.process is not None else ""
        return f"the grader's clean run of the tests stopped{status}: {_tail(self._stderr)}"

    def exchange(self, job: dict, deadline: float):
        """A generator: send ``job``, yield each call request, take its reply; return the results."""
        self._send(job)
        while True:
            message = self._receive(deadline)
            if "done" in message:
                return message["done"]
            self._send((yield message))

    def run(self, job: dict, answer, deadline: float) -> list[dict]:
        """Run ``job``; ``answer(request) -> reply`` answers each call of a student's function."""
        talk = self.exchange(job, deadline)
        try:
            request = next(talk)
            while True:
                request = talk.send(answer(request))
        except StopIteration as done:
            return done.value

    async def arun(self, job: dict, answer, deadline: float) -> list[dict]:
        """``run``, with ``answer`` a coroutine function."""
        talk = self.exchange(job, deadline)
        try:
            request = next(talk)
            while True:
                request = talk.send(await answer(request))
        except StopIteration as done:
            return done.value

    def close(self) -> None:
        """Stop the run, if it still runs, and let go of its files."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self._pidfd is not None:
            try:
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.close(self._pidfd)
            self._pidfd = None
        streams = [self._stderr, self._channel]
        if self.process is not None:
            streams += [self.process.stdin, self.process.stdout]
        for stream in streams:
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


def read_marked(text: str):
    """The data after the last ``MARKER`` in ``text`` (``None`` if there is none or it does not read)."""
    if MARKER not in text:
        return None
    line = text.rsplit(MARKER, 1)[1].split("\n", 1)[0]
    try:
        return plain.loads(line)
    except ValueError:
        return None


def apply_results(nb, results: list[dict]) -> None:
    """Put each test cell's clean-run outputs in the notebook ``nb``."""
    for result in results:
        cell = nb.cells[int(result["id"])]
        cell.outputs = [nbformat.from_dict(output) for output in result["outputs"]]


class SplitRun:
    """Mix into an nbclient ``NotebookClient``: test cells are run in a clean process, not the kernel."""

    _clean: CleanProcess | None = None
    _probe_index: int | None = None
    _probe_text: list
    _last_cell: int = -1
    _tests: dict
    share_clean_run = False
    """Whether clean runs fork from the process's ``CleanServer`` (a grader, one notebook after another)."""

    # -- what subclasses decide -----------------------------------------------------------------------
    def test_sources(self) -> dict[int, str]:
        """``{cell index: code}`` of the test cells to run in the clean run: by default the notebook's
        own (its nbgrader metadata); a grader takes the code from its gradebook."""
        return {i: c.source for i, c in enumerate(self.nb.cells) if is_test_cell(c)}

    def grading_economy(self) -> tuple[bool, dict | None]:
        """(whether the grader decides the economy, the economy): by default the kernel's own."""
        return False, None

    def note(self, text: str) -> None:
        """Something the instructor should know about this notebook's grading."""

    def deadline(self) -> float:
        """When the clean run must be done (``time.monotonic``)."""
        return time.monotonic() + 3600.0

    # -- the run ----------------------------------------------------------------------------------------
    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if self._clean is None:
            self._clean = CleanProcess(shared=self.share_clean_run)
            self._last_cell = len(self.nb.cells) - 1
            self._tests = self.test_sources()
        if cell_index in self._tests:
            cell.outputs = []
        else:
            cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if cell_index == self._last_cell:
            await self._run_tests()
        return cell

    def close_clean_run(self) -> None:
        """Stop the clean process, if any (call when the notebook is done, however it ended)."""
        if self._clean is not None:
            self._clean.close()
            self._clean = None

    async def _run_tests(self) -> None:
        if not self._tests:
            return
        names = answer_names(self._tests.values())
        handed = await self._hand_over(names)
        decided, economy = self.grading_economy()
        job = {
            "cells": [{"id": str(index), "source": source} for index, source in sorted(self._tests.items())],
            "answers": {name: entry for name, entry in handed.get("answers", {}).items() if name in names},
            "economy": economy if decided else handed.get("economy"),
        }
        results = await self._clean.arun(job, self._relay_call, self.deadline())
        apply_results(self.nb, results)

    async def _hand_over(self, names: list[str]) -> dict:
        code = f"__import__('antiplan.grading.boundary', fromlist=['hand_over']).hand_over({names!r})"
        text, error = await self._probe(code)
        handed = read_marked(text)
        if type(handed) is not dict or type(handed.get("answers")) is not dict:
            why = f" ({error})" if error else ""
            self.note(f"the kernel handed over no answers{why}: every test of this notebook fails")
            return {"answers": {}}
        return handed

    async def _relay_call(self, request: dict) -> dict:
        code = f"__import__('antiplan.grading.boundary', fromlist=['respond']).respond({json.dumps(request)!r})"
        text, error = await self._probe(code)
        reply = read_marked(text)
        if type(reply) is dict and ("value" in reply or "error" in reply):
            return reply
        return {"error": ["Error", error or "the call gave no result"]}

    async def _probe(self, code: str) -> tuple[str, str]:
        """Run ``code`` in the kernel without adding to the notebook; (its printed text, its error)."""
        probe = new_code_cell(code, metadata={"tags": ["raises-exception"]})
        self.nb.cells.append(probe)
        self._probe_index, self._probe_text, error = len(self.nb.cells) - 1, [], ""
        try:
            await NotebookClient.async_execute_cell(self, probe, self._probe_index, store_history=False)
        finally:
            self._probe_index = None
            self.nb.cells.pop()
        for output in probe.get("outputs", []):
            if output.get("output_type") == "error":
                error = f"{output.get('ename', 'Error')}: {str(output.get('evalue', ''))[:300]}"
                if output.get("ename") in ("KeyboardInterrupt", "CellTimeoutError"):
                    error = f"it ran past the time limit of {self.timeout} s per cell"
        return "".join(self._probe_text), error

    def process_message(self, msg, cell, cell_index):
        if self._probe_index is None or cell_index != self._probe_index:
            return super().process_message(msg, cell, cell_index)
        kind, content = msg["msg_type"], msg.get("content", {})
        if kind == "status":
            return super().process_message(msg, cell, cell_index)
        if kind == "stream" and content.get("name") == "stdout":
            self._probe_text.append(str(content.get("text", "")))
            if sum(len(t) for t in self._probe_text) > 2 * PROBE_TEXT:
                self._probe_text[:] = ["".join(self._probe_text)[-PROBE_TEXT:]]
        elif kind == "error":
            cell.outputs = [
                nbformat.v4.new_output("error", ename=str(content.get("ename", "Error"))[:100], evalue="", traceback=[])
            ]
            cell.outputs[0]["evalue"] = str(content.get("evalue", ""))[:300]
        return None
