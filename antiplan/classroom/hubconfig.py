"""The hub's configuration file: ports, proxy, accounts, and how each user's server starts.

- DummyAuthenticator with one shared password (a demo's, not a class's), only the demo accounts
  allowed, the instructor an admin;
- LocalProcessSpawner: each server runs as its own Unix user, in JupyterLab; the instructor's in the
  course directory (so nbgrader finds the course's ``nbgrader_config.py``), each student's in its home;
- ``JUPYTER_CONFIG_PATH`` points each server at its side's configuration (``jupyterconfig``);
- a service, ``antiplan-classroom``, whose token (in ``hub/api_token``, root only) may start, stop and
  reach every user's server through the hub's REST API: how scripts run by root drive the class.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .layout import Layout, State


def ports(port: int) -> dict[str, int]:
    """The three ports a classroom uses: the public one, the proxy's API and the hub's own."""
    return {"public": port, "proxy_api": port + 1, "hub": port + 2}


def config_text(state: State, layout: Layout, proxy: Path, password: str) -> str:
    """The text of ``jupyterhub_config.py``."""
    bindir = Path(sys.prefix) / "bin"
    p = ports(state.port)
    path = f"{bindir}:/usr/local/bin:/usr/bin:/bin"
    return f'''# Written by antiplan classroom start; removed by antiplan classroom stop.
import shlex

c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {p["public"]}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {p["hub"]}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{p["proxy_api"]}"
c.ConfigurableHTTPProxy.command = [{str(proxy)!r}]
c.ConfigurableHTTPProxy.pid_file = {str(layout.proxy_pid)!r}
c.JupyterHub.db_url = "sqlite:///{layout.hub / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(layout.hub / "cookie_secret")!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {set(state.accounts())!r}
c.Authenticator.admin_users = {{{state.instructor!r}}}
with open({str(layout.api_token)!r}) as token:
    c.JupyterHub.services = [{{"name": "antiplan-classroom", "api_token": token.read().strip()}}]
c.JupyterHub.load_roles = [
    {{"name": "antiplan-classroom", "scopes": ["read:users", "admin:servers", "access:servers"],
      "services": ["antiplan-classroom"]}},
]

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
SINGLEUSER = {str(bindir / "jupyterhub-singleuser")!r}
INSTRUCTOR = {state.instructor!r}
INSTRUCTOR_CONFIG = {str(layout.instructor_config)!r}
STUDENT_CONFIG = {str(layout.student_config)!r}
COURSE = {state.course!r}
c.Spawner.environment = {{
    "PATH": {path!r},
    "JUPYTER_CONFIG_PATH": lambda spawner: INSTRUCTOR_CONFIG if spawner.user.name == INSTRUCTOR else STUDENT_CONFIG,
}}


def pre_spawn_hook(spawner):
    """The instructor's server starts in the course directory; a student's in its home."""
    if spawner.user.name == INSTRUCTOR:
        spawner.cmd = ["/bin/sh", "-c", "cd " + shlex.quote(COURSE) + ' && exec "$@"', "sh", SINGLEUSER]
        spawner.notebook_dir = COURSE
    else:
        spawner.cmd = [SINGLEUSER]
        spawner.notebook_dir = "~"


c.Spawner.pre_spawn_hook = pre_spawn_hook
'''
