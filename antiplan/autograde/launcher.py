"""Starts one student's kernel: run as ``python -I -S launcher.py SPEC.json KERNEL-ARGS...``.

With the sandbox on, the grader runs this as root inside new network, PID and mount namespaces
(``unshare --net --pid --mount --mount-proc --fork --kill-child``). It then:

1. builds a new root for the kernel, in memory, holding only what it needs: the system's programs
   and libraries (``/usr``, ``/etc``, ...), the Python installation and the ``antiplan`` package,
   read-only (nothing else of the folders they sit in: no course, no ``source/``, no ``.git``, no
   gradebook, no other student); the sockets' folder (a tiny tmpfs the grader mounted, in which the
   kernel creates its sockets); ``/proc`` of its own and a few devices;
2. mounts a size-limited tmpfs on ``/tmp``, ``/var/tmp`` and ``/dev/shm``, and another on the working
   folder, into which it copies the submission's other files (owned by the sandbox user);
3. covers anything listed as secret that is still in sight (an empty, unreadable mount over each);
4. writes the economy of the submission (an assignment variant's, or ``null``) into the private
   ``/tmp``, owned by root and read-only, where the kernel can read it but not change it;
5. enters the new root and forks: the child becomes the sandbox user (no supplementary groups,
   ``no_new_privs``, its resource limits), enters its working folder and turns into the kernel
   (``kernel_start.py``); this process stays as the namespace's init, forwards signals, reaps
   orphans, watches the size-limited folders (the sockets' folder too) and exits with the kernel's
   status. When one of them fills up, it stops the kernel, says which in the status file and exits
   with ``FULL_STATUS``.
   When it ends, every process left in the namespace is killed.

With the sandbox off (the grader is not root), it only sets the limits and turns into the kernel.

Standard library only, and no import of ``antiplan``: it runs before the kernel, in every namespace.
"""

import ctypes
import json
import os
import resource
import shutil
import signal
import sys

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
FULL_STATUS = 90
"""Exit status when a size-limited folder filled up (the status file says which)."""
POLL_SECONDS = 0.25
DEVICES = ["null", "zero", "full", "random", "urandom"]

_libc = ctypes.CDLL(None, use_errno=True)


def _mount(source, target, fstype, flags, data=None):
    result = _libc.mount(
        source.encode(), target.encode(), fstype.encode() if fstype else None, flags, data.encode() if data else None
    )
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"mount {target}: {os.strerror(error)}")


def _prctl(option, value):
    if _libc.prctl(option, value, 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl {option}: {os.strerror(error)}")


def _inside(root, path):
    return os.path.join(root, path.lstrip("/"))


def _bind_readonly(root, path):
    """``path`` at the same place in the new root, read-only; a link stays a link (``/bin`` -> ``usr/bin``)."""
    target = _inside(root, path)
    if os.path.lexists(target):
        return
    os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
    if os.path.islink(path):
        os.symlink(os.readlink(path), target)
        return
    if os.path.isdir(path):
        os.mkdir(target, 0o755)
    else:
        open(target, "w").close()
    _mount(path, target, None, MS_BIND | MS_REC)
    _mount(path, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _devices(root):
    dev = _inside(root, "/dev")
    os.makedirs(dev, mode=0o755, exist_ok=True)
    _mount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=755")
    for name in DEVICES:
        if os.path.exists(f"/dev/{name}"):
            open(os.path.join(dev, name), "w").close()
            _mount(f"/dev/{name}", os.path.join(dev, name), None, MS_BIND)
    os.symlink("/proc/self/fd", os.path.join(dev, "fd"))
    for number, name in enumerate(("stdin", "stdout", "stderr")):
        os.symlink(f"/proc/self/fd/{number}", os.path.join(dev, name))


def _scratch(root, folder, spec):
    target = _inside(root, folder)
    os.makedirs(target, mode=0o755, exist_ok=True)
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={spec['tmp_size']},mode=1777")


def _work_folder(root, spec):
    """A size-limited tmpfs as the working folder, with a copy of the submission's other files."""
    work = _inside(root, spec["cwd"])
    os.makedirs(work, mode=0o755, exist_ok=True)
    options = f"size={spec['work_size']},nr_inodes={spec['work_files']},mode=700,uid={spec['uid']},gid={spec['gid']}"
    _mount("tmpfs", work, "tmpfs", MS_NOSUID | MS_NODEV, options)
    shutil.copytree(spec["cwd"], work, symlinks=True, dirs_exist_ok=True, copy_function=shutil.copy)
    for folder, dirnames, filenames in os.walk(work):
        for name in [*dirnames, *filenames]:
            os.chown(os.path.join(folder, name), spec["uid"], spec["gid"], follow_symlinks=False)


def _seal(spec):
    """Build the kernel's root (see the module's notes) and enter it."""
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    root = spec["root"]
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
    scratch = [folder for folder in spec["private_tmp"] if not folder.startswith("/dev/")]
    for folder in scratch:  # first: what the kernel needs under /tmp (a clone there) is bound inside it
        _scratch(root, folder, spec)
    for path in spec["readonly"]:
        if os.path.lexists(path):
            _bind_readonly(root, path)
    _devices(root)
    for folder in spec["private_tmp"]:
        if folder not in scratch:
            _scratch(root, folder, spec)
    proc = _inside(root, "/proc")
    os.makedirs(proc, mode=0o555, exist_ok=True)
    _mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    ipc = _inside(root, spec["ipc"])
    os.makedirs(ipc, mode=0o755, exist_ok=True)
    _mount(spec["ipc"], ipc, None, MS_BIND)
    try:
        _work_folder(root, spec)
    except OSError as error:
        raise _TooBigError(f"the submission's files do not fit in the working folder ({error.strerror})") from error
    for path in spec["hide"]:
        target = _inside(root, path)
        if os.path.islink(target) or not os.path.lexists(target):
            continue
        if os.path.isdir(target):
            _mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=000")
        else:
            _mount(spec["blank_file"], target, None, MS_BIND)
    os.chdir(root)
    os.chroot(".")
    os.chdir("/")


class _TooBigError(Exception):
    """The submission's own files are larger than the working folder."""


ECONOMY_FILE = "/tmp/antiplan-grading-economy.json"  # antiplan.grading.handover.SEALED reads it


def _hand_over_economy(spec):
    """As root, in the private /tmp (sticky): the economy this submission is graded in, for the kernel
    and its fresh processes to read and the student's code to leave alone (``null``: not a variant)."""
    if "/tmp" not in spec["private_tmp"]:
        return
    with open(ECONOMY_FILE, "w") as handle:
        json.dump(spec.get("economy"), handle)
    os.chmod(ECONOMY_FILE, 0o444)


def _limits(spec):
    for name, value in spec["rlimits"].items():
        which = getattr(resource, name, None)
        if which is not None:
            resource.setrlimit(which, (value, value))


def _become_student(spec):
    uid, gid = spec["uid"], spec["gid"]
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    if os.getuid() != uid or os.geteuid() != uid:
        raise OSError("could not drop to the sandbox user")
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # credentials changed: set it again


def _exec_kernel(spec, kernel_args):
    os.umask(0o077)
    os.chdir(spec["cwd"])
    argv = [spec["python"], "-I", "-B", spec["kernel_start"], spec["package_parent"], spec["cwd"], *kernel_args]
    os.execve(spec["python"], argv, spec["env"])


def _full(spec):
    """The first size-limited folder with no room or no file left, if any (the sockets' folder too)."""
    for folder in [spec["cwd"], *spec["private_tmp"], spec["ipc"]]:
        try:
            info = os.statvfs(folder)
        except OSError:
            continue
        if info.f_bavail == 0 or info.f_favail == 0:
            return folder
    return None


def _report(status, text):
    if status is not None:
        os.write(status, text.encode())


def _init(spec, child, status):
    """The namespace's first process: forward signals, reap, watch the size-limited folders."""
    forwarded = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT}
    waited = {signal.SIGCHLD, *forwarded}
    code = 70
    while True:
        info = signal.sigtimedwait(waited, POLL_SECONDS)
        if info is None or info.si_signo == signal.SIGCHLD:
            full = _full(spec)
            if full is not None:
                _report(status, f"full {full}\n")
                os.kill(child, signal.SIGKILL)
                os._exit(FULL_STATUS)
        if info is None:
            continue
        if info.si_signo in forwarded:
            try:
                os.kill(child, info.si_signo)
            except ProcessLookupError:
                pass
            continue
        while True:
            try:
                pid, state = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                os._exit(code)
            if pid == 0:
                break
            if pid == child:
                code = os.waitstatus_to_exitcode(state)
                os._exit(128 - code if code < 0 else code)


def main():
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    kernel_args = sys.argv[2:]
    if not spec["sandbox"]:
        _limits(spec)
        _exec_kernel(spec, kernel_args)
        return
    status = os.open(spec["status"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        _seal(spec)
    except _TooBigError as error:
        _report(status, f"toobig {error}\n")
        sys.stderr.write(f"sandbox: {error}\n")
        os._exit(FULL_STATUS)
    except OSError as error:
        sys.stderr.write(f"sandbox: could not build the kernel's file system: {error}\n")
        os._exit(70)
    _hand_over_economy(spec)
    waited = {signal.SIGCHLD, signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT}
    signal.pthread_sigmask(signal.SIG_BLOCK, waited)
    child = os.fork()
    if child == 0:
        try:
            os.close(status)
            signal.pthread_sigmask(signal.SIG_SETMASK, set())
            _become_student(spec)
            _limits(spec)
            _exec_kernel(spec, kernel_args)
        except BaseException as error:  # noqa: BLE001 - report and leave; the grader sees the kernel die
            sys.stderr.write(f"sandbox: could not start the kernel: {error}\n")
        os._exit(70)
    _init(spec, child, status)


if __name__ == "__main__":
    main()
