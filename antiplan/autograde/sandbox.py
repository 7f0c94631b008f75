"""The sandboxed kernel: who runs the student's code, where, and what it can see.

``plan(course)`` decides once per run whether the machine can sandbox. It can when the grader runs
as root and ``unshare`` can make network, PID and mount namespaces. Then each worker process gets a
*slot*: a system user of its own (``antiplan-sandbox-0``, ``-1``, ...; created when missing) and a
folder under a root-owned working root. For each notebook, ``SandboxKernelManager`` starts the kernel
through ``launcher.py`` with:

- no network at all (a new network namespace, not even loopback to the host), so the kernel talks
  to the grader over Unix sockets (ZeroMQ's ``ipc`` transport) in the slot's sockets folder: a tiny
  tmpfs (``Limits.sockets_size`` and ``sockets_files``), mounted by the worker in a mount namespace
  of its own (so it vanishes with the worker), since the kernel must be able to create its sockets
  there; filling it stops the submission, with that reason; what the kernel writes to its error
  stream goes to a log in another tmpfs (``Limits.log_size``), never to the disk;
- the slot's user, no supplementary groups, ``no_new_privs``; resource limits (``limits.Limits``);
- a root of its own holding only the system's programs and libraries, the Python installation and
  the ``antiplan`` package, read-only (``Plan.readonly``): nothing of the course, wherever the course
  and the package are installed (no ``source/``, no gradebook, no ``.git``, no other student's work,
  no source checkout the package was installed from: only the package's own folder);
- as its working folder a size-limited tmpfs holding a fresh copy of the submission's other files
  (never a notebook: the copy being executed holds the hidden tests), readable by that user alone;
  filling it stops the submission, with that reason;
- a private, size-limited ``/tmp``, ``/var/tmp`` and ``/dev/shm`` that disappear with the kernel;
- empty, unreadable mounts over anything secret still in sight (``Plan.hide``: the course's folders,
  the gradebook, nbgrader's configuration, wherever they are);
- a new PID namespace: it sees only its own processes, and every process it started dies with it.

Each kernel, sandboxed or not, starts with ``kernel_start.py``: the test helpers it imports come
from the grader's own ``antiplan`` package only, whatever lands in the working folder or on
``sys.path``.

When the machine cannot sandbox (not root, or no namespaces), ``plan`` says why, in plain words,
and which protections are off; kernels start with the limits only, as the grader's own user.

Sandboxed or not, the kernel's client watches its IOPub channel: when the kernel closes its end of
it while it still runs (``get_ipython().kernel.iopub_socket.close()``), no output or result of it can
be read any more, and the submission fails with that reason rather than as a cell that timed out.
"""

from __future__ import annotations

import ctypes
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type
from zmq.utils.monitor import recv_monitor_message

from ..grading.handover import GRADING_ENV
from .launcher import MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_PRIVATE, MS_REC, _mount
from .limits import KB, Limits

USER_PREFIX = "antiplan-sandbox-"
WORKROOT = Path("/var/lib/antiplan-grade")
WRITABLE = ["/tmp", "/var/tmp", "/dev/shm"]
SYSTEM = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/sys"]
"""What every kernel sees of the machine, read-only, besides the Python installation."""
LAUNCHER = Path(__file__).with_name("launcher.py")
KERNEL_START = Path(__file__).with_name("kernel_start.py")
PACKAGE = LAUNCHER.parent.parent
"""The ``antiplan`` package this grader runs from, whose helpers the kernels import."""
OFF_WITHOUT_SANDBOX = (
    "no user of its own, no network cut, the course (source/, gradebook, other students) readable, "
    "no size limit on the working folder, and the package the test helpers load from writable by it"
)
NAMESPACES = ["unshare", "--net", "--pid", "--mount", "--mount-proc", "--fork", "--kill-child"]


@dataclass
class Plan:
    """The sandbox for one run, decided once in the grader and handed to each worker."""

    enabled: bool
    why_not: str = ""
    workroot: str = ""
    matplotlib: str = ""
    hide: list[str] = field(default_factory=list)
    readonly: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.enabled:
            return (
                "sandbox on: each kernel runs as its own unprivileged user, with no network, a private "
                "size-limited working folder, and nothing of the course in sight (only the system, "
                "Python and the antiplan package, read-only)"
            )
        return (
            f"sandbox OFF ({self.why_not}): student code runs with your rights; off: {OFF_WITHOUT_SANDBOX}; "
            "the time, memory, output and file-size limits still apply"
        )


def _matplotlib_cache(workroot: Path) -> str:
    """A matplotlib configuration folder with the font cache already built, readable by every kernel.

    A kernel with an empty one rebuilds the font list on its first plot: a second or more, per notebook.
    """
    folder = workroot / "matplotlib"
    folder.mkdir(mode=0o755, exist_ok=True)
    home = Path.home()
    for known in (os.environ.get("MPLCONFIGDIR"), home / ".cache" / "matplotlib", home / ".config" / "matplotlib"):
        caches = sorted(Path(known).glob("fontlist-v*.json")) if known and Path(known).is_dir() else []
        if caches:  # the grader's own cache: copy it rather than start matplotlib
            shutil.copy(caches[-1], folder / caches[-1].name)
            (folder / caches[-1].name).chmod(0o644)
            return str(folder)
    try:
        subprocess.run(
            [sys.executable, "-c", "import matplotlib.font_manager"],
            env={**os.environ, "MPLCONFIGDIR": str(folder)},
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        pass
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return str(folder)


def _unsandboxable() -> str:
    if not sys.platform.startswith("linux"):
        return "not Linux"
    if os.geteuid() != 0:
        return "the grader is not running as root, so it cannot switch users or make namespaces"
    for tool in ("unshare", "setpriv", "useradd"):
        if shutil.which(tool) is None:
            return f"the {tool} command is missing (Debian package util-linux or passwd)"
    try:
        done = subprocess.run([*NAMESPACES, "true"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as error:
        return f"unshare failed: {error}"
    if done.returncode != 0:
        return f"this machine does not allow new namespaces ({done.stderr.strip() or done.returncode})"
    return ""


def _readonly_paths(workroot: Path) -> list[str]:
    """What a sandboxed kernel sees, read-only: the system, the Python installation, this package.

    The import path's folders are seen if they are site folders (``site-packages``) or inside the
    Python installation; any other folder on it (a source checkout put on the path by an old-style
    editable install) is not: of such a folder the kernel gets only the ``antiplan`` package.
    """
    prefixes = {Path(p) for p in (sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix)}
    wanted = [Path(p) for p in SYSTEM] + sorted(prefixes | {p.resolve() for p in prefixes})
    wanted += [PACKAGE, PACKAGE.resolve(), *_installed_package(), workroot / "matplotlib"]
    here = Path.cwd()
    for entry in sys.path:
        path = Path(entry or ".").absolute()
        if not path.is_dir() or path == here or path == LAUNCHER.parent:
            continue
        if path.name in ("site-packages", "dist-packages") or any(path.is_relative_to(p) for p in prefixes):
            wanted += [path, path.resolve()]
    chosen: list[str] = []
    for path in sorted(set(wanted), key=lambda p: (len(p.parts), str(p))):
        if not any(path.is_relative_to(Path(c)) for c in chosen):
            chosen.append(str(path))
    return chosen


def _installed_package() -> list[Path]:
    """Where a fresh ``python -I`` finds ``antiplan`` (the test helpers' ``model`` runs one in the kernel)."""
    program = "import importlib.util as u; print(*u.find_spec('antiplan').submodule_search_locations, sep='\\n')"
    try:
        done = subprocess.run([sys.executable, "-I", "-c", program], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line) for line in done.stdout.splitlines() if line.strip() and Path(line).is_dir()]


def _config_files() -> list[Path]:
    """nbgrader's configuration files in every Jupyter configuration folder (they may hold addresses)."""
    from jupyter_core.paths import jupyter_config_path

    names = ("nbgrader_config.py", "nbgrader_config.json")
    return [Path(folder) / name for folder in jupyter_config_path() for name in names]


_RUN_LOCKS: list = []


def _hold_run(workroot: Path) -> None:
    """Mark the run's folder as in use for as long as this process lives."""
    import fcntl

    handle = open(workroot / ".lock", "w")  # noqa: SIM115 - held until the process ends
    fcntl.flock(handle, fcntl.LOCK_EX)
    _RUN_LOCKS.append(handle)


def _remove_stale_runs() -> None:
    """Remove the folders of runs that were killed before they could clean up."""
    import fcntl

    for folder in WORKROOT.glob("run-*"):
        lock = folder / ".lock"
        try:
            with open(lock, "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def plan(secrets: list[Path], *, sandbox: bool = True) -> Plan:
    """Decide whether kernels are sandboxed, and what they must not see."""
    why = "turned off with --no-sandbox" if not sandbox else _unsandboxable()
    if why:
        workroot = tempfile.mkdtemp(prefix="antiplan-grade-")
        return Plan(enabled=False, why_not=why, workroot=workroot, matplotlib=_matplotlib_cache(Path(workroot)))
    WORKROOT.mkdir(mode=0o711, parents=True, exist_ok=True)
    os.chown(WORKROOT, 0, 0)
    WORKROOT.chmod(0o711)
    _remove_stale_runs()
    workroot = Path(tempfile.mkdtemp(prefix="run-", dir=WORKROOT))
    workroot.chmod(0o711)
    _hold_run(workroot)
    hide = [str(p) for p in [*secrets, *_config_files()]]
    return Plan(
        enabled=True,
        workroot=str(workroot),
        matplotlib=_matplotlib_cache(workroot),
        hide=hide,
        readonly=_readonly_paths(workroot),
    )


def remove_workroot(plan: Plan) -> None:
    if plan.workroot:
        shutil.rmtree(plan.workroot, ignore_errors=True)


def ensure_user(index: int) -> tuple[int, int]:
    """The uid and gid of sandbox user ``index``, created (a system user, no home, no shell) if missing."""
    name = f"{USER_PREFIX}{index}"
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", name],
            check=False, capture_output=True, text=True,
        )  # fmt: skip
        entry = pwd.getpwnam(name)  # raises KeyError if useradd failed (two graders racing is fine)
    return entry.pw_uid, entry.pw_gid


CLONE_NEWNS = 0x00020000
MNT_DETACH = 2


def _private_mounts() -> None:
    """Give this process a mount namespace of its own: what it mounts vanishes with it, unseen by the host."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"unshare (mount namespace): {os.strerror(error)}")
    _mount("none", "/", None, MS_REC | MS_PRIVATE)


def _unmount(path: Path) -> None:
    if os.path.ismount(path):
        ctypes.CDLL(None, use_errno=True).umount2(str(path).encode(), MNT_DETACH)


class Slot:
    """One worker's place: a user (when sandboxed) and a folder, reused for each notebook it grades.

    Made in the worker process: with the sandbox on, it gives the worker a mount namespace of its own.
    """

    def __init__(self, index: int, plan: Plan, limits: Limits):
        self.index = index
        self.plan = plan
        self.limits = limits
        self.folder = Path(plan.workroot) / f"slot{index}"
        self._lock = None
        self.launches = 0
        self.economy: dict | None = None
        """The assignment variant's economy for the submission being graded (``antiplan.variants``)."""
        self.stops: list[str] = []
        """Why a kernel of this slot could not go on, when the grader's steps would not say it right
        (its sockets folder filled, its IOPub channel closed): the worker empties it per submission."""
        if plan.enabled:
            self.user_index = self._claim_user(index)
            self.uid, self.gid = ensure_user(self.user_index)
            _private_mounts()
        else:
            self.uid, self.gid = os.getuid(), os.getgid()

    def _claim_user(self, start: int) -> int:
        """A sandbox user no other grader on this machine is using now (held until this process ends)."""
        import fcntl

        locks = WORKROOT / "users"
        locks.mkdir(mode=0o700, exist_ok=True)
        index = start
        while True:
            handle = open(locks / f"{index}.lock", "w")  # noqa: SIM115 - held for the worker's life
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                index += 1
                continue
            self._lock = handle
            return index

    @property
    def work(self) -> Path:
        return self.folder / "work"

    @property
    def ipc(self) -> Path:
        return self.folder / "ipc"

    @property
    def log(self) -> Path:
        """The kernel's error stream (and its launcher's reasons), in a folder of root's."""
        return self.folder / "log" / "kernel.log"

    def clean(self) -> None:
        """Remove the last kernel's folder, once what its sandbox said is read."""
        if self._sockets_filled():
            self.stop(
                f"filled the folder of the kernel's sockets (the limit is {self.limits.sockets_size / KB:g} KB "
                f"or {self.limits.sockets_files} files): the sandbox stopped it"
            )
        _unmount(self.ipc)
        _unmount(self.log.parent)
        shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self, reason: str) -> None:
        if reason not in self.stops:
            self.stops.append(reason)

    def prepare(self) -> None:
        """A fresh, empty slot: its folder (root's), the working folder and the sockets' folder (the user's)."""
        self.clean()
        self.folder.mkdir(mode=0o711, parents=True)
        (self.folder / "root").mkdir(mode=0o700)
        (self.folder / "blank").touch(mode=0o000)
        for sub in (self.work, self.ipc):
            sub.mkdir(mode=0o700)
            if self.plan.enabled:
                os.chown(sub, self.uid, self.gid)
        if self.plan.enabled:  # the kernel creates its sockets here: a tiny filesystem in memory, not the disk
            options = (
                f"size={int(self.limits.sockets_size)},nr_inodes={int(self.limits.sockets_files)},"
                f"mode=700,uid={self.uid},gid={self.gid}"
            )
            _mount("tmpfs", str(self.ipc), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options)
        self.log.parent.mkdir(mode=0o700)
        if self.plan.enabled:  # the kernel writes its error stream there: as little of the disk as the rest
            options = f"size={int(self.limits.log_size)},nr_inodes=16,mode=700"
            _mount("tmpfs", str(self.log.parent), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options)

    def add_files(self, files_from: str | None) -> None:
        """Copy the submission's files, except notebooks, into the working folder, owned by the slot's user."""
        if not files_from or not os.path.isdir(files_from):
            return
        for dirpath, dirnames, filenames in os.walk(files_from):
            dirnames[:] = [d for d in dirnames if d != ".ipynb_checkpoints"]
            target = self.work / os.path.relpath(dirpath, files_from)
            target.mkdir(parents=True, exist_ok=True)
            if self.plan.enabled:
                os.chown(target, self.uid, self.gid)
            for name in filenames:
                if name.endswith(".ipynb"):
                    continue
                shutil.copy(os.path.join(dirpath, name), target / name, follow_symlinks=False)
                if self.plan.enabled:
                    os.chown(target / name, self.uid, self.gid, follow_symlinks=False)

    def environment(self) -> dict[str, str]:
        bindir = os.path.dirname(sys.executable)
        work = str(self.work)
        return {
            "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
            "HOME": work,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TMPDIR": "/tmp" if self.plan.enabled else work,
            "IPYTHONDIR": os.path.join(work, ".ipython"),
            "MPLCONFIGDIR": self.plan.matplotlib or os.path.join(work, ".matplotlib"),
            "PYTHONNOUSERSITE": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2",
            "NBGRADER_EXECUTION": "autograde",
            **({GRADING_ENV: json.dumps(self.economy)} if self.economy else {}),
        }

    def launch_spec(self) -> dict:
        return {
            "sandbox": self.plan.enabled,
            "uid": self.uid,
            "gid": self.gid,
            "cwd": str(self.work),
            "python": sys.executable,
            "env": self.environment(),
            "rlimits": self.limits.rlimits(),
            "kernel_start": str(KERNEL_START),
            "package_parent": str(PACKAGE.parent),
            "hide": self.plan.hide,
            "readonly": self.plan.readonly,
            "root": str(self.folder / "root"),
            "ipc": str(self.ipc),
            "status": str(self.status_file),
            "private_tmp": WRITABLE,
            "tmp_size": int(self.limits.tmp_size),
            "work_size": int(self.limits.work_size),
            "work_files": int(self.limits.work_files),
            "blank_file": str(self.folder / "blank"),
            "economy": self.economy,
        }

    @property
    def status_file(self) -> Path:
        return self.folder / "status"

    def _status(self) -> tuple[str, str]:
        try:
            line = self.status_file.read_text().strip()
        except OSError:
            return "", ""
        kind, _, detail = line.partition(" ")
        return kind, detail

    def full_folder(self) -> tuple[str, str] | None:
        """What the last kernel's sandbox said when it stopped it: (``full``, folder) or (``toobig``, why).

        Not the sockets' folder: that one is in ``stops`` once the slot is cleaned.
        """
        kind, detail = self._status()
        if kind == "full" and detail == str(self.ipc):
            return None
        return (kind, detail) if kind in ("full", "toobig") else None

    def _sockets_filled(self) -> bool:
        return self._status() == ("full", str(self.ipc))

    def argv(self) -> list[str]:
        spec = str(self.folder / "launch.json")
        launcher = [sys.executable, "-I", "-S", str(LAUNCHER), spec, "-f", "{connection_file}"]
        if self.plan.enabled:
            return ["setpriv", "--pdeathsig", "KILL", "--", *NAMESPACES, "--", *launcher]
        return launcher

    def kernel_log(self) -> str:
        """The last few thousand characters the kernel's launcher wrote (its reasons for stopping)."""
        try:
            with open(self.log, "rb") as handle:
                handle.seek(0, 2)
                size = handle.tell()
                handle.seek(max(0, size - 4000))
                return handle.read().decode("utf-8", "replace")
        except OSError:
            return ""


CURRENT: Slot | None = None
"""The slot of this worker process; set by the worker before it grades."""


class SandboxKernelManager(AsyncKernelManager):
    """Starts the kernel through ``launcher.py`` in the current worker's slot (see the module's notes)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        slot = CURRENT
        if slot is None:
            raise RuntimeError("no sandbox slot: SandboxKernelManager runs inside a grading worker")
        self.slot = slot
        if slot.plan.enabled:
            self.transport = "ipc"
            self.ip = str(slot.ipc / "k")
        self.client_factory = WatchedKernelClient
        slot.prepare()
        self.connection_file = str(slot.ipc / "kernel.json")

    @property
    def kernel_spec(self) -> KernelSpec:  # the same for every notebook: a Python kernel, started our way
        return KernelSpec(
            argv=self.slot.argv(),
            display_name="Python 3 (sandboxed)",
            language="python",
            interrupt_mode="message",
            env={},
            metadata={},
        )

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        slot = self.slot
        slot.add_files(kw.get("cwd"))
        connection = Path(self.connection_file)
        if slot.plan.enabled and connection.exists():
            os.chown(connection, slot.uid, slot.gid)
        spec_path = slot.folder / "launch.json"
        spec_path.write_text(json.dumps(slot.launch_spec()))
        spec_path.chmod(0o600)
        slot.launches += 1
        kw["cwd"] = str(slot.folder)
        kw["stdin"] = subprocess.DEVNULL
        kw["stdout"] = subprocess.DEVNULL
        log = open(slot.log, "ab")  # noqa: SIM115 - the kernel keeps its own copy
        kw["stderr"] = log
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            log.close()


class _WatchedIOPub(AsyncZMQSocketChannel):
    """The IOPub channel, which notices when the kernel closes its end of it while it still runs.

    ZeroMQ would only go quiet: nbclient would wait for the cell's last output until its IOPub
    timeout and take the cell for one that did not stop. While waiting for a message, this channel
    looks every second at the connection: cut for a second or more, with the kernel alive, it says
    why in the slot's ``stops``.
    """

    QUIET = 1.0

    def __init__(self, socket, session, loop=None):
        super().__init__(socket, session, loop)
        self.manager = None
        self._monitor = socket.get_monitor_socket(zmq.EVENT_CONNECTED | zmq.EVENT_DISCONNECTED)
        self._cut_since: float | None = None

    async def get_msg(self, timeout: float | None = None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = self.QUIET if deadline is None else max(0.0, min(self.QUIET, deadline - time.monotonic()))
            try:
                return await super().get_msg(left)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise
            await self._look()

    async def _look(self) -> None:
        monitor = self._monitor
        while monitor is not None and not monitor.closed and await monitor.poll(0):
            event = (await recv_monitor_message(monitor))["event"]
            if event == zmq.EVENT_DISCONNECTED:
                self._cut_since = self._cut_since or time.monotonic()
            elif event == zmq.EVENT_CONNECTED:
                self._cut_since = None
        manager = self.manager
        if self._cut_since is None or time.monotonic() - self._cut_since < self.QUIET or manager is None:
            return
        if await manager.is_alive():
            manager.slot.stop(
                "the notebook closed the kernel's output channel (IOPub): none of its output or results "
                "could be read after that, so it cannot be graded"
            )

    def close(self) -> None:
        if self._monitor is not None:
            try:
                if self.socket is not None and not self.socket.closed:
                    self.socket.disable_monitor()
            finally:
                self._monitor.close(linger=0)
                self._monitor = None
        super().close()

    stop = close  # what the client calls


class WatchedKernelClient(AsyncKernelClient):
    """The kernel's client, with its IOPub channel watched (``_WatchedIOPub``)."""

    iopub_channel_class = Type(_WatchedIOPub)

    @property
    def iopub_channel(self):
        fresh = self._iopub_channel is None
        channel = super().iopub_channel
        if fresh:
            channel.manager = self.parent if isinstance(self.parent, SandboxKernelManager) else None
        return channel
