"""Running a command as one of the class's users, as that user's own server would run it.

Same user, same environment (``PATH``, ``HOME``, ``JUPYTER_CONFIG_PATH``, ``JUPYTERHUB_USER``), same
folder (the course directory for the instructor, the home for a student) and, when the hub runs in
a mount namespace of its own (``namespace``), inside it: what the user would get in a terminal of
their JupyterLab. ``antiplan classroom run USER -- COMMAND`` is this, from the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import accounts
from .layout import Layout, State
from .namespace import exposures


def user_environment(layout: Layout, state: State, user: str) -> dict[str, str]:
    """The variables a server of ``user``'s sets up for what runs in it."""
    config = layout.instructor_config if user == state.instructor else layout.student_config
    return {
        "HOME": str(accounts.home(user)),
        "USER": user,
        "LOGNAME": user,
        "SHELL": "/bin/bash",
        "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": str(config),
        "JUPYTERHUB_USER": user,
        "LANG": "C.UTF-8",
    }


def user_command(layout: Layout, state: State, user: str, argv: list[str]) -> list[str]:
    """The command line that runs ``argv`` as ``user`` (root runs it)."""
    if user not in state.accounts():
        raise ValueError(f"{user!r} is not an account of this classroom: {', '.join(state.accounts())}")
    folder = state.course if user == state.instructor else str(accounts.home(user))
    env = [f"{k}={v}" for k, v in user_environment(layout, state, user).items()]
    command = ["runuser", "-u", user, "--", "env", "-i", *env, "/bin/sh", "-c", 'cd "$0" && exec "$@"', folder, *argv]
    if exposures():
        command = ["nsenter", f"--target={state.hub_pid}", "--mount", "--", *command]
    return command
