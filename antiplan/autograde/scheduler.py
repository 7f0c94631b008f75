"""A pool of long-lived worker processes that grade submissions in parallel, with a watchdog.

Each worker loads nbgrader and the course once, then grades one submission after another (see
``worker``): the only thing started per submission is the student's kernel. Starting an
``nbgrader autograde`` command per student instead costs about 2 s of start-up each, more than the
parallelism gains on a small machine.

The parent hands out one submission at a time to each idle worker and waits. If a worker dies, or
takes longer than the hard limit for one submission, that submission fails with the reason, the
worker is replaced, and the batch goes on. Workers die with the parent (``PR_SET_PDEATHSIG``), and
their kernels with them.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import wait

from .limits import Limits
from .sandbox import Plan
from .worker import FAILED, Outcome

PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Task:
    student: str
    assignment: str
    notebooks: int


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _worker_main(index: int, connection, course_folder: str, db_url: str | None, plan: dict, limits: dict) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from ..course import Course, ensure_tools_on_path
    from ..grading.split import CleanServer
    from . import sandbox
    from .worker import grade_safely

    ensure_tools_on_path()
    course = Course.load(course_folder, db_url)
    limits_ = Limits(**limits)
    slot = sandbox.Slot(index, sandbox.Plan(**plan), limits_)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        outcome = grade_safely(course, task.assignment, task.student, limits_, slot)
        connection.send(outcome)
    slot.clean()
    CleanServer.stop_shared()  # its runs' CPU time is counted in this worker's, as it was before


class _Worker:
    def __init__(self, context, index: int, args: tuple):
        self.index = index
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(index, child, *args), name=f"antiplan-grade-{index}", daemon=True
        )
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.deadline = 0.0
        self.started = 0.0

    def give(self, task: Task, seconds: float) -> None:
        self.task = task
        self.started = time.monotonic()
        self.deadline = self.started + seconds
        self.connection.send(task)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
        self.connection.close()

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=10)


class Pool:
    """``jobs`` workers for one course; ``run`` grades tasks and calls ``on_done`` for each outcome."""

    def __init__(self, jobs: int, course_folder: str, db_url: str | None, plan: Plan, limits: Limits):
        self.jobs = max(1, int(jobs))
        self.limits = limits
        self.args = (course_folder, db_url, plan.__dict__.copy(), limits.to_dict())
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)
        self.workers: list[_Worker] = []

    def start(self) -> None:
        """Start the workers. Call it before opening database connections in this process (they fork)."""
        if self.context.get_start_method() == "fork":
            # Load nbgrader, nbconvert and the kernel machinery once, here: forked workers share them.
            import nbgrader.converters  # noqa: F401
            import nbgrader.preprocessors  # noqa: F401

            from . import execute, worker  # noqa: F401
        self._quiesce()
        self.workers = [_Worker(self.context, i, self.args) for i in range(self.jobs)]

    def _quiesce(self) -> None:
        gc.collect()
        gc.freeze()  # a forked worker must not garbage-collect (and so close) the parent's connections

    def _replace(self, worker: _Worker) -> _Worker:
        worker.kill()
        self._quiesce()
        fresh = _Worker(self.context, worker.index, self.args)
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def run(self, tasks: Iterable[Task], on_done: Callable[[Task, Outcome], None]) -> None:
        if not self.workers:
            self.start()
        pending = iter(tasks)
        queue: deque[Task] = deque()
        exhausted = False

        def next_task() -> Task | None:
            nonlocal exhausted
            if queue:
                return queue.popleft()
            if not exhausted:
                for task in pending:  # tasks come lazily: discovery goes on while workers grade
                    return task
                exhausted = True
            return None

        while True:
            for worker in self.workers:
                if worker.task is None:
                    task = next_task()
                    if task is None:
                        break
                    try:
                        worker.give(task, self.limits.hard_deadline(task.notebooks))
                    except OSError:
                        queue.appendleft(task)
                        worker.task = None
                        self._replace(worker)
            if not any(w.task for w in self.workers):
                if exhausted and not queue:
                    break
                continue
            busy = [w for w in self.workers if w.task is not None]
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=1.0)
            now = time.monotonic()
            for worker in busy:
                task = worker.task
                outcome = None
                if worker.connection in ready:
                    try:
                        outcome = worker.connection.recv()
                    except (EOFError, OSError):
                        outcome = None
                    if outcome is not None:
                        worker.task = None
                        on_done(task, outcome)
                        continue
                if not worker.process.is_alive() or worker.connection in ready:
                    code = worker.process.exitcode
                    reason = f"the grading worker died while grading it (exit status {code})"
                    on_done(task, Outcome(task.student, FAILED, reason, seconds=now - worker.started, final=False))
                    worker.task = None
                    self._replace(worker)
                elif now > worker.deadline:
                    seconds = now - worker.started
                    reason = f"grading took longer than the hard limit ({seconds:.0f} s); the worker was stopped"
                    on_done(task, Outcome(task.student, FAILED, reason, seconds=seconds))
                    worker.task = None
                    self._replace(worker)

    def terminate(self) -> None:
        """Stop every worker now (and so their kernels); what was graded is already saved."""
        for worker in self.workers:
            worker.kill()
        self.workers = []
        gc.unfreeze()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers = []
        gc.unfreeze()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
