"""Limits per submission: time per cell and per notebook, memory, output kept, processes, file and folder sizes,
and the size and nesting of the notebooks handed in."""

from __future__ import annotations

from dataclasses import asdict, dataclass

MB = 1024 * 1024
KB = 1024
MAX_DEPTH = 100
"""Levels of nesting a notebook, or an output its kernel sends, may have (a real notebook has about 10):
anything deeper fails before it is parsed, or is cut, so that no step of grading runs out of stack."""
MAX_CELLS = 10_000
"""Cells a notebook handed in may have (a long one has a few hundred): more fails before grading."""


@dataclass(frozen=True)
class Limits:
    """What one submission may use. Times in seconds, sizes in bytes."""

    cell_timeout: float = 30.0
    """A cell running longer is interrupted (its test then fails); one that ignores the interrupt ends the notebook."""
    notebook_timeout: float = 300.0
    """Execution time for a whole notebook: past it the kernel is stopped and the submission fails."""
    memory: int = 2048 * MB
    """Address space of the kernel (and of each process it starts): past it, allocations fail with MemoryError."""
    output: int = 1 * MB
    """Output kept in the autograded copy, per notebook: the rest is dropped and a note says so."""
    iopub_timeout: float = 10.0
    """Time to wait for the last outputs of a cell once it has finished."""
    startup_timeout: float = 60.0
    """Time for a kernel to start."""
    processes: int = 256
    """Processes and threads of the sandbox user (a fork bomb stops here)."""
    file_size: int = 256 * MB
    """Largest file the student's code may write."""
    tmp_size: int = 256 * MB
    """Size of the private /tmp (and /var/tmp, /dev/shm) of a sandboxed kernel."""
    work_size: int = 256 * MB
    """Size of the working folder of a sandboxed kernel (held in memory): filling it stops the submission."""
    work_files: int = 20000
    """Files and folders the working folder may hold: past it, the same."""
    sockets_size: int = 64 * KB
    """Size of the folder that holds the kernel's sockets (held in memory): filling it stops the submission."""
    sockets_files: int = 64
    """Files the sockets' folder may hold (the kernel needs 6): past it, the same."""
    log_size: int = 8 * MB
    """What is kept of the kernel's own error stream (written by its process, not shown as output)."""
    notebook_size: int = 64 * MB
    """Largest notebook file handed in: a larger one fails before it is read."""

    def rlimits(self) -> dict[str, int]:
        """The resource limits the kernel starts with, by name of ``resource.RLIMIT_*``."""
        cpu = int(self.notebook_timeout * 2 + 60)
        return {
            "RLIMIT_AS": int(self.memory),
            "RLIMIT_NPROC": int(self.processes),
            "RLIMIT_FSIZE": int(self.file_size),
            "RLIMIT_CORE": 0,
            "RLIMIT_NOFILE": 1024,
            "RLIMIT_CPU": cpu,
        }

    def hard_deadline(self, notebooks: int) -> float:
        """Seconds after which the scheduler gives up on a worker (something went wrong beyond the kernel)."""
        per_notebook = self.notebook_timeout + self.startup_timeout + self.iopub_timeout + self.cell_timeout + 60
        return max(1, notebooks) * per_notebook + 60

    def describe(self) -> str:
        return (
            f"{self.cell_timeout:g} s per cell, {self.notebook_timeout:g} s per notebook, "
            f"{self.memory / MB:g} MB of memory, {self.output / MB:g} MB of output kept"
        )

    def to_dict(self) -> dict:
        return asdict(self)
