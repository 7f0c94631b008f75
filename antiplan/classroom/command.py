"""``antiplan classroom start|stop``: a demo class on JupyterHub (``make classroom``, ``make classroom-stop``).

    antiplan classroom start [--port 8000] [--prefix demo-] [--students ana,ben,cai] [--root DIR]
    antiplan classroom stop [--root DIR]
    antiplan classroom run [--root DIR] USER -- COMMAND...   (COMMAND as USER, as in their terminal)

``start`` needs root (it makes local users). It prints the address and the accounts once the hub
answers. Anything in the way (a port in use, a classroom still running or half-started, a user name
taken) stops it with one line saying what to do; a start that fails part-way undoes what it made.
Exit status: 0 done, 1 failed (one line on stderr), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ..one_line_parser import OneLineParser
from . import accounts, hub
from .coursecopy import copy_course
from .hubconfig import config_text, ports
from .jupyterconfig import write_configs
from .layout import DEFAULT_ROOT, Layout, State
from .proxy import ProxyError, ensure_proxy
from .runas import user_command


class ClassroomError(RuntimeError):
    """Something in the way of starting or stopping, in one line saying what to do."""


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="antiplan classroom", description="A demo class on JupyterHub with nbgrader's exchange.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    start = sub.add_parser("start", help="start the hub, make the accounts, copy the course (needs root)")
    start.add_argument("--port", type=int, default=8000, help="the hub's address is http://127.0.0.1:PORT/")
    start.add_argument("--prefix", default="demo-", help="prefix of the local user names (default: demo-)")
    start.add_argument("--students", default=",".join(accounts.DEMO_STUDENTS), help="student names, comma-separated")
    start.add_argument("--password", default=accounts.PASSWORD, help="the shared demo password")
    start.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=f"the classroom's folder ({DEFAULT_ROOT})")
    start.add_argument("--repository", type=Path, default=Path("."), help="the course repository (default: here)")
    stop = sub.add_parser("stop", help="stop everything start started and remove the demo users")
    stop.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=f"the classroom's folder ({DEFAULT_ROOT})")
    run = sub.add_parser("run", help="run a command as one of the class's users, as in their terminal")
    run.add_argument("user")
    run.add_argument("argv", nargs=argparse.REMAINDER, metavar="-- COMMAND")
    run.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=f"the classroom's folder ({DEFAULT_ROOT})")
    return p


def run(args) -> int:
    """Run a command as a user of the classroom; its exit status."""
    layout = Layout(args.root.resolve())
    state = layout.read_state()
    if state is None or not hub.alive(state.hub_pid):
        raise ClassroomError(f"no classroom is running in {layout.root}: start one with make classroom")
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        raise ClassroomError("no command given: antiplan classroom run USER -- COMMAND")
    try:
        command = user_command(layout, state, args.user, argv)
    except ValueError as error:
        raise ClassroomError(str(error)) from None
    return subprocess.run(command).returncode


def write_api_token(layout: Layout) -> None:
    """A new random token for the hub's ``antiplan-classroom`` service, readable by root only."""
    descriptor = os.open(layout.api_token, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_hex(32) + "\n")


def _repository(path: Path) -> Path:
    done = subprocess.run(["git", "-C", str(path), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if done.returncode:
        raise ClassroomError(f"{path} is not in a git checkout of the course: pass --repository")
    return Path(done.stdout.strip())


def _check_free(args, layout: Layout, names: list[str]) -> None:
    """Everything that must be true before anything is made."""
    if os.geteuid() != 0:
        raise ClassroomError("antiplan classroom start needs root (it makes local users): run it with sudo")
    state = layout.read_state()
    if state is not None and hub.alive(state.hub_pid):
        raise ClassroomError(
            f"a classroom is already running at {state.url} (hub pid {state.hub_pid}): run make classroom-stop first"
        )
    if state is not None:
        raise ClassroomError(
            f"a classroom from before was not stopped cleanly ({layout.state_file}): run make classroom-stop first"
        )
    for name, port in ports(args.port).items():
        if hub.port_in_use(port):
            raise ClassroomError(
                f"port {port} (the {name.replace('_', ' ')} port) is in use: stop what listens there, "
                "or pick other ports with make classroom PORT=N (it uses N, N+1 and N+2)"
            )
    for name in names:
        if accounts.exists(name):
            raise ClassroomError(f"user {name} already exists on this machine: remove it, or pick another --prefix")


def start(args) -> int:
    """Start the classroom; print its address and accounts."""
    began = time.monotonic()
    layout = Layout(args.root.resolve())
    students = [args.prefix + s.strip() for s in args.students.split(",") if s.strip()]
    instructor = args.prefix + accounts.INSTRUCTOR
    _check_free(args, layout, [instructor, *students])
    repository = _repository(args.repository)
    try:
        proxy = ensure_proxy()
    except ProxyError as error:
        raise ClassroomError(str(error)) from None
    state = State(str(layout.root), args.port, args.prefix, instructor, students, repository=str(repository))
    layout.write_state(state)  # first: whatever follows, stop knows what to undo
    try:
        for name in state.accounts():
            accounts.create(name)
            state.users_made.append(name)
            layout.write_state(state)
        layout.exchange.mkdir(parents=True, exist_ok=True)
        layout.exchange.chmod(0o1777)  # nbgrader's exchange: all may write, none may remove another's files
        layout.hub.mkdir(parents=True, exist_ok=True)
        layout.hub.chmod(0o700)
        write_configs(layout)
        write_api_token(layout)
        state.course = str(copy_course(repository, accounts.home(instructor) / "antiplan", instructor))
        config = layout.hub / "jupyterhub_config.py"
        config.write_text(config_text(state, layout, proxy, args.password))
        state.hub_pid = hub.start_hub(layout, config)
        layout.write_state(state)
        hub.wait_ready(state, layout)
    except BaseException as error:
        _undo(layout, state)
        if isinstance(error, hub.HubError | subprocess.CalledProcessError | OSError):
            raise ClassroomError(f"the classroom did not start, and what it made is removed: {error}") from None
        raise
    ready = time.monotonic() - began
    print(f"classroom ready at {state.url} in {ready:.1f} s (log: {layout.log})")
    print(f"  password for every account: {args.password}")
    print(f"  instructor: {instructor} (course directory {state.course}; formgrader under Nbgrader > Formgrader)")
    print(f"  students:   {', '.join(students)}")
    print(f"  exchange:   {layout.exchange}")
    print("  stop it with: make classroom-stop")
    return 0


def _undo(layout: Layout, state: State) -> list[str]:
    """Stop the hub and remove the users and the folder ``state`` records; the users removed."""
    hub.stop_hub(state, layout)
    removed = []
    for name in reversed(state.users_made):
        accounts.remove(name)
        removed.append(name)
    shutil.rmtree(layout.root, ignore_errors=True)
    return removed


def stop(args) -> int:
    """Stop the classroom in ``--root`` and remove its users."""
    layout = Layout(args.root.resolve())
    state = layout.read_state()
    if state is None:
        print(f"no classroom in {layout.root}: nothing to stop")
        return 0
    if os.geteuid() != 0:
        raise ClassroomError("antiplan classroom stop needs root (it removes local users): run it with sudo")
    removed = _undo(layout, state)
    left = [name for name in removed if accounts.exists(name)]
    if left:
        raise ClassroomError(f"could not remove the users {', '.join(left)}: remove them with userdel --remove")
    print(f"classroom at {state.url} stopped; removed users: {', '.join(removed) or 'none'}; removed {layout.root}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``antiplan classroom``; returns the exit status."""
    args = parser().parse_args(list(argv) if argv is not None else None)
    try:
        return {"start": start, "stop": stop, "run": run}[args.command](args)
    except ClassroomError as error:
        print(f"antiplan classroom: {error}", file=sys.stderr)
        return 1
