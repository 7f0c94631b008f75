"""nbgrader's execute step, with the limits a class-scale grader needs and a record of what happened.

``LimitedExecute`` replaces nbgrader's ``Execute`` in the autograde steps. On top of it:

- **time**: each cell has ``timeout`` seconds (nbgrader's setting); a cell past it is interrupted and
  fails, and the notebook goes on. A cell that ignores the interrupt ends the notebook. The whole
  notebook has ``notebook_timeout`` seconds; no cell gets more than what is left of it.
- **output**: at most ``output_limit`` bytes of output are kept per notebook, counted as they land
  in the file: every kind of output, and every update of a display (written into each output shown
  under its display id, each time). Past it, output is dropped and a note says so; of each cell only
  its first error, first message on stderr and first result are kept, cut short.
- **kernels**: the kernel is the sandboxed one of ``sandbox.SandboxKernelManager``; when its
  sandbox stopped it because its working folder (or ``/tmp``) filled up, the notebook fails with
  that reason, whether the kernel was still running a cell or had finished.
- **tests**: the test cells do not run in the student's kernel. After the last cell the kernel hands
  over the answers as plain data, and the tests run in a clean process the student's code never
  touched (``antiplan.grading.split``); the student's functions they call run in the kernel, behind
  a boundary that passes plain values only, each call under the cell's time limit.

What happened (a note for each interrupted cell or dropped output, or the reason the notebook
failed) goes to ``RECORD``, which the worker reads after nbgrader is done.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from time import monotonic

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from traitlets import Float, Integer

from ..grading.split import CleanRunError
from . import sandbox
from .launcher import FULL_STATUS
from .limits import MAX_DEPTH
from .sandbox import SandboxKernelManager
from .split_execute import SplitExecute

MB = 1024 * 1024


@dataclass
class Record:
    """What happened while one submission ran: notes for the report, and the reason it failed, if it did."""

    notes: list[str] = field(default_factory=list)
    fatal: str | None = None

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def fail(self, text: str) -> None:
        if self.fatal is None:
            self.fatal = text


RECORD = Record()


class GradingStoppedError(RuntimeError):
    """The notebook cannot be graded; the message says why, in words for the instructor."""


def _size(content: dict, depth: int = 4) -> int:
    """About the bytes ``content`` takes in the notebook file, as nbformat writes it: each list item and
    each line of text on a line of its own, indented by its depth (an output sits 4 levels down).

    Counted without recursion; anything nested deeper than ``MAX_DEPTH`` counts as too big to keep.
    """
    total, stack = 0, [(content, depth)]
    while stack:
        value, level = stack.pop()
        if level > MAX_DEPTH:
            return 1 << 62
        total += level + 4  # indentation, separators, line end
        if isinstance(value, str):
            total += len(json.dumps(value, ensure_ascii=False)) + (level + 6) * value.count("\n")
        elif isinstance(value, dict):
            for key, item in value.items():
                total += len(str(key)) + 4
                stack.append((item, level + 1))
        elif isinstance(value, list | tuple):
            stack.extend((item, level + 1) for item in value)
        else:
            total += 24  # a number, true, false or null
    return total


PAST_LIMIT = 2000
"""Characters kept, past the output limit, of what tells whether a cell worked: its first error (and
the end of its traceback), its first message on stderr and its first result."""


def _shortened(kind: str, content: dict) -> dict | None:
    """What is kept of an output past the limit, cut short (``None``: nothing)."""
    if kind == "error":
        traceback = content.get("traceback")
        lines = [str(line)[:400] for line in traceback[-5:]] if isinstance(traceback, list) else []
        ename, evalue = str(content.get("ename", "Error"))[:200], str(content.get("evalue", ""))[:PAST_LIMIT]
        return {"ename": ename, "evalue": evalue, "traceback": lines}
    if kind == "stream" and content.get("name") == "stderr":
        return {"name": "stderr", "text": str(content.get("text") or "")[:PAST_LIMIT]}
    if kind == "execute_result":
        data = content.get("data")
        text = data.get("text/plain", "") if isinstance(data, dict) else ""
        plain = "".join(map(str, text)) if isinstance(text, list) else str(text)
        count = content.get("execution_count")
        return {"data": {"text/plain": plain[:PAST_LIMIT]}, "metadata": {}, "execution_count": count}
    return None


def _same_kind(output, kind: str) -> bool:
    if kind == "stream":
        return output.get("output_type") == "stream" and output.get("name") == "stderr"
    return output.get("output_type") == kind


def _cell_number(index: int) -> str:
    return f"cell {index + 1}"


class LimitedExecute(SplitExecute):
    """nbgrader's ``Execute`` with a deadline per notebook, an output cap, and the tests in a clean run."""

    notebook_timeout = Float(300.0, help="Seconds for the whole notebook.").tag(config=True)
    output_limit = Integer(1 * MB, help="Bytes of output kept per notebook.").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = SandboxKernelManager
        super().__init__(*args, **kwargs)

    # -- the whole notebook -------------------------------------------------------------------------
    def preprocess(self, nb, resources=None, km=None):
        self._deadline = monotonic() + self.notebook_timeout
        self._kept = 0
        self._noted_cells: set[int] = set()
        self._name = (resources or {}).get("unique_key", "the notebook")
        self.timeout_func = self._cell_timeout
        try:
            done = super().preprocess(nb, resources, km)
        except GradingStoppedError:
            raise
        except CleanRunError as error:
            raise self._stop(f"{self._name}: {error}") from error
        except DeadKernelError as error:
            raise self._stop(self._dead_kernel(None)) from error
        except TimeoutError as error:
            reason = self._full(None) or f"{self._name}: the kernel did not start or stopped answering ({error})"
            raise self._stop(reason) from error
        except RuntimeError as error:  # e.g. "Kernel died before replying to kernel_info"
            slot = sandbox.CURRENT
            said = [line for line in (slot.kernel_log() if slot else "").splitlines() if line.startswith("sandbox: ")]
            reason = self._full(None) or (f"{self._name}: the kernel could not start: {said[-1][9:]}" if said else "")
            if reason:
                raise self._stop(reason) from error
            raise
        full = self._full(None)  # the kernel has been shut down: its sandbox has had its last look
        if full:
            raise self._stop(full)
        return done

    def _full(self, index: int | None) -> str | None:
        """Why the sandbox stopped the kernel for filling a size-limited folder, if it did."""
        slot = sandbox.CURRENT
        found = slot.full_folder() if slot is not None else None
        if found is None:
            return None
        kind, detail = found
        if kind == "toobig":
            return f"{self._name}: {detail}; the limit is {slot.limits.work_size / MB:g} MB"
        where = f" while running {_cell_number(index)}" if index is not None else ""
        if detail == str(slot.work):
            what, size = "its working folder", slot.limits.work_size
        else:
            what, size = detail, slot.limits.tmp_size
        return (
            f"{self._name}: filled {what} (the limit is {size / MB:g} MB or {slot.limits.work_files} files)"
            f"{where}: the sandbox stopped it"
        )

    def grading_economy(self) -> tuple[bool, dict | None]:
        """The grader decides: the submission's economy, by its id (``None``: not a variant)."""
        slot = sandbox.CURRENT
        return True, slot.economy if slot is not None else None

    def note(self, text: str) -> None:
        RECORD.note(f"{self._name}: {text}")

    def deadline(self) -> float:
        return self._deadline

    def _cell_timeout(self, cell) -> int:
        left = self._deadline - monotonic()
        return max(1, int(min(float(self.timeout or 1e9), left) + 0.999))

    def _stop(self, reason: str) -> GradingStoppedError:
        RECORD.fail(reason)
        return GradingStoppedError(reason)

    def _dead_kernel(self, index: int | None) -> str:
        where = f" while running {_cell_number(index)}" if index is not None else ""
        code = None
        try:
            process = self.km.provisioner.process if self.km and self.km.provisioner else None
            code = process.wait(timeout=5) if process is not None else None
        except Exception:  # noqa: BLE001 - the status is a detail for the message
            code = None
        if code == FULL_STATUS:
            full = self._full(index)
            if full:
                return full
        how = "it ended its own process or crashed"
        if code is not None and code >= 128:
            how = f"it was killed by signal {code - 128}" + (" (SIGKILL)" if code == 137 else "")
        elif code is not None:
            how = f"it exited with status {code}"
        return f"{self._name}: the kernel died{where}: {how}; the cells after it could not be graded"

    # -- each cell ----------------------------------------------------------------------------------
    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type == "code" and cell.source.strip() and monotonic() >= self._deadline:
            raise self._stop(
                f"{self._name}: ran past the limit of {self.notebook_timeout:g} s per notebook "
                f"before {_cell_number(cell_index)}"
            )
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except CellTimeoutError as error:
            raise self._stop(
                f"{self._name}: {_cell_number(cell_index)} ran past its time limit and did not stop when "
                "interrupted (it catches KeyboardInterrupt?)"
            ) from error
        except DeadKernelError as error:
            raise self._stop(self._dead_kernel(cell_index)) from error
        except TimeoutError as error:  # the clean run's: the tests and the calls they made ran out of time
            raise self._stop(
                f"{self._name}: ran past the limit of {self.notebook_timeout:g} s per notebook while its tests ran"
            ) from error

    execute_cell = run_sync(async_execute_cell)  # nbclient binds the sync version to its own method

    async def _async_handle_timeout(self, timeout, cell=None):
        index = self.nb.cells.index(cell) if cell is not None and cell in self.nb.cells else None
        what = _cell_number(index) if index is not None else "a cell"
        RECORD.note(f"{self._name}: {what} was stopped after {timeout} s")
        return await super()._async_handle_timeout(timeout, cell)

    # -- output -------------------------------------------------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        kind = msg["msg_type"]
        content = msg.get("content", {})
        size = _size(content)
        if self._kept + size <= self.output_limit:
            self._kept += size
            return super().output(outs, msg, display_id, cell_index)
        kept = None
        short = _shortened(kind, content)
        if short is not None and not any(_same_kind(o, kind) for o in outs):
            self._kept += _size(short)
            kept = super().output(outs, dict(msg, content=short), None, cell_index)  # never updated later
        self._cut(outs, cell_index)
        return kept

    def _update_display_id(self, display_id, msg):
        """nbclient writes an update into every output shown under its display id: each write counts."""
        shown = self._display_id_map.get(display_id) or {}
        copies = sum(len(indices) for indices in shown.values())
        content = msg.get("content", {})
        size = copies * _size({"data": content.get("data"), "metadata": content.get("metadata")}, depth=5)
        if self._kept + size <= self.output_limit:
            self._kept += size
            return super()._update_display_id(display_id, msg)
        for index, indices in shown.items():
            if indices and 0 <= index < len(self.nb.cells):
                self._cut(self.nb.cells[index].outputs, index)
        return None

    def _cut(self, outs, cell_index) -> None:
        """Say once per cell, in it and in the report, that its output was cut."""
        if cell_index not in self._noted_cells:
            self._noted_cells.add(cell_index)
            limit = f"{self.output_limit / MB:g} MB" if self.output_limit >= MB else f"{self.output_limit} bytes"
            outs.append(
                new_output("stream", name="stdout", text=f"\n[output cut: more than {limit} in this notebook]\n")
            )
            RECORD.note(f"{self._name}: output of {_cell_number(cell_index)} cut (over {limit} per notebook)")
        return None
