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
import subprocess
import sys
import tempfile
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


class CleanProcess:
    """One clean run: ``python -I -m antiplan.grading.clean``, started ahead, fed one job."""

    def __init__(self) -> None:
        self._stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-m", "antiplan.grading.clean"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        self._buffer = b""

    def _send(self, message) -> None:
        try:
            self.process.stdin.write((plain.dumps(message) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise CleanRunError(self._why_stopped()) from None

    def _receive(self, deadline: float) -> dict:
        out = self.process.stdout.fileno()
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
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        self._stderr.seek(0)
        tail = [line for line in self._stderr.read().decode(errors="replace").splitlines() if line.strip()]
        said = tail[-1] if tail else "no message"
        return f"the grader's clean run of the tests stopped (status {code}): {said}"

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
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self._stderr):
            try:
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
            self._clean = CleanProcess()
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
