"""Starts one student's kernel: run as ``python -I -S launcher.py SPEC.json KERNEL-ARGS...``.

With the sandbox on, the grader runs this as root inside new network, PID and mount namespaces
(``unshare --net --pid --mount --mount-proc --fork --kill-child``). It then:

1. mounts a private, size-limited tmpfs on every folder anyone may write to (``/tmp``, ``/var/tmp``,
   ``/dev/shm``, ...), so the kernel's writes outside its own folder go nowhere;
2. covers what the kernel must not read: the course's ``source/``, submitted, autograded and feedback
   folders, the gradebook file and nbgrader's configuration (an empty, unreadable mount over each);
3. writes the economy of the submission (an assignment variant's, or ``null``) into the private
   ``/tmp``, owned by root and read-only, where the kernel can read it but not change it;
4. forks: the child becomes the sandbox user (no supplementary groups, ``no_new_privs``, its
   resource limits), enters its private working folder and turns into the kernel; this process
   stays as the namespace's init, forwards signals, reaps orphans and exits with the kernel's status.
   When it ends, every process left in the namespace is killed.

With the sandbox off (the grader is not root), it only sets the limits and turns into the kernel.

Standard library only, and no import of ``antiplan``: it runs before the kernel, in every namespace.
"""

import ctypes
import json
import os
import resource
import signal
import sys

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MNT_DETACH = 2
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38

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


def _seal(spec):
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    # Folders the kernel needs (the Python installation, the package) under folders it may not enter
    # (/root) or under folders that get a private tmpfs (/tmp): set them aside, cover the blocked
    # folder with an empty one, and mount them back, read-only.
    stages = []
    for index, (needed, _blocked) in enumerate(spec["expose"]):
        stage = os.path.join(spec["stage"], f"expose{index}")
        os.mkdir(stage, 0o700)
        _mount(needed, stage, None, MS_BIND | MS_REC)
        stages.append((needed, stage))
    for folder in spec["private_tmp"]:
        if os.path.isdir(folder) and not os.path.islink(folder):
            _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"size={spec['tmp_size']},mode=1777")
    for blocked in sorted({blocked for _needed, blocked in spec["expose"] if blocked}):
        _mount("tmpfs", blocked, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755")
    for needed, stage in stages:
        os.makedirs(needed, exist_ok=True)
        _mount(stage, needed, None, MS_BIND | MS_REC)
        _mount(stage, needed, None, MS_BIND | MS_REMOUNT | MS_RDONLY)
        _libc.umount2(stage.encode(), MNT_DETACH)
    for path in spec["hide"]:
        if os.path.islink(path):
            path = os.path.realpath(path)
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=000")
        elif os.path.exists(path):
            _mount(spec["blank_file"], path, None, MS_BIND)


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
    argv = [spec["python"], "-m", "ipykernel_launcher", *kernel_args]
    os.execve(spec["python"], argv, spec["env"])


def main():
    with open(sys.argv[1]) as handle:
        spec = json.load(handle)
    kernel_args = sys.argv[2:]
    if not spec["sandbox"]:
        _limits(spec)
        _exec_kernel(spec, kernel_args)
        return
    _seal(spec)
    _hand_over_economy(spec)
    child = os.fork()
    if child == 0:
        try:
            _become_student(spec)
            _limits(spec)
            _exec_kernel(spec, kernel_args)
        except BaseException as error:  # noqa: BLE001 - report and leave; the grader sees the kernel die
            sys.stderr.write(f"sandbox: could not start the kernel: {error}\n")
        os._exit(70)

    def forward(signum, _frame):
        try:
            os.kill(child, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    code = 70
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        if pid == child:
            code = os.waitstatus_to_exitcode(status)
            break
    os._exit(128 - code if code < 0 else code)


if __name__ == "__main__":
    main()
