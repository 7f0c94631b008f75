"""The demo's local Unix users: one per hub account, each with a private home.

Only users this classroom made are ever removed (their names are in the state file); a name that is
already taken on the machine stops ``start`` with a message instead of borrowing that account.
"""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import time
from pathlib import Path

DEMO_STUDENTS = ("ana", "ben", "cai")
INSTRUCTOR = "instructor"
PASSWORD = "antiplan-demo"


def exists(name: str) -> bool:
    """Whether a local user ``name`` exists."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def home(name: str) -> Path:
    """The user's home folder."""
    return Path(pwd.getpwnam(name).pw_dir)


def create(name: str) -> None:
    """Make user ``name`` with a home only it can read (and no password: the hub logs it in)."""
    subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True, capture_output=True)
    os.chmod(home(name), 0o700)


def processes_of(name: str) -> list[int]:
    """Process ids run by user ``name`` (read from /proc)."""
    uid = pwd.getpwnam(name).pw_uid
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


def stop_processes(name: str, grace: float = 5.0) -> None:
    """End every process of user ``name``: TERM, then KILL what is left after ``grace`` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = processes_of(name)
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while processes_of(name) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not processes_of(name):
            return


def remove(name: str) -> None:
    """Stop the user's processes, then delete the user and its home."""
    if not exists(name):
        return
    stop_processes(name)
    subprocess.run(["userdel", "--remove", name], capture_output=True)  # warns of a missing mail spool
