"""Starting the hub in the background, waiting until it answers, and stopping it and its servers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .layout import Layout, State
from .namespace import wrap


class HubError(RuntimeError):
    """The hub did not come up: one line saying why and where the log is."""


def port_in_use(port: int) -> bool:
    """Whether something listens on ``port`` on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists (and is not a zombie)."""
    if pid <= 0:
        return False
    try:
        status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return status != "Z"


def start_hub(layout: Layout, config: Path) -> int:
    """Start JupyterHub with ``config`` in its own session, its output in the log; return its pid."""
    bindir = Path(sys.prefix) / "bin"
    env = {**os.environ, "PATH": f"{bindir}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
    with open(layout.log, "ab") as log:
        process = subprocess.Popen(
            wrap([str(bindir / "jupyterhub"), "-f", str(config)], layout.hub / "stage"),
            cwd=layout.hub,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # make classroom returns; the hub stays
        )
    return process.pid


def wait_ready(state: State, layout: Layout, timeout: float = 120.0) -> float:
    """Seconds until the hub's API answers through the proxy; ``HubError`` if it dies or times out."""
    started = time.monotonic()
    url = f"{state.url}hub/api/"
    while time.monotonic() - started < timeout:
        if not alive(state.hub_pid):
            raise HubError(f"the hub stopped while starting: {last_log_line(layout)} (log: {layout.log})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if "version" in json.loads(response.read()):
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.3)
    raise HubError(f"the hub did not answer at {url} within {timeout:.0f} s (log: {layout.log})")


def last_log_line(layout: Layout) -> str:
    """The hub log's last line, for a one-line message."""
    try:
        lines = [line for line in layout.log.read_text(errors="replace").splitlines() if line.strip()]
    except FileNotFoundError:
        return "no log"
    return lines[-1].strip() if lines else "empty log"


def _stop_pid(pid: int, grace: float) -> None:
    """TERM, then KILL after ``grace`` seconds, process ``pid``."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not alive(pid):
            return
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)


def stop_hub(state: State, layout: Layout) -> None:
    """Stop the hub (it stops the users' servers and its proxy), then the proxy if it outlived it."""
    _stop_pid(state.hub_pid, grace=20.0)
    try:
        proxy = int(layout.proxy_pid.read_text().strip())
    except (FileNotFoundError, ValueError):
        proxy = 0
    if _is_proxy(proxy):  # a pid file can outlive its process; never stop another program
        _stop_pid(proxy, grace=5.0)


def _is_proxy(pid: int) -> bool:
    try:
        return b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, PermissionError):
        return False
