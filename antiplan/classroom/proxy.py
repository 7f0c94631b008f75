"""JupyterHub's proxy: configurable-http-proxy from npm, pinned by ``npm/package-lock.json``.

It is installed with ``npm ci`` into a folder of the project's own (``.venv/classroom-proxy``), never
globally. When ``node`` or ``npm`` is missing, Debian's ``nodejs`` and ``npm`` are installed first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PINS = Path(__file__).with_name("npm")


class ProxyError(RuntimeError):
    """The proxy cannot be installed: one line saying why and what to do."""


def install_folder() -> Path:
    """Where the proxy goes: beside the Python environment running this (``.venv/classroom-proxy``)."""
    return Path(sys.prefix) / "classroom-proxy"


def binary(folder: Path | None = None) -> Path:
    """The proxy's executable in ``folder``."""
    return (folder or install_folder()) / "node_modules" / ".bin" / "configurable-http-proxy"


def ensure_node() -> None:
    """Install Debian's nodejs and npm when ``node`` or ``npm`` is missing."""
    if shutil.which("node") and shutil.which("npm"):
        return
    print("installing Debian packages: nodejs npm", file=sys.stderr)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "nodejs", "npm"]):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode:
            raise ProxyError(f"could not install nodejs and npm ({' '.join(command)} failed): install them and retry")


def ensure_proxy(folder: Path | None = None) -> Path:
    """The proxy's executable, installed from the pinned lock file if it is not there or out of date."""
    folder = folder or install_folder()
    target = binary(folder)
    lock = PINS / "package-lock.json"
    installed_lock = folder / "package-lock.json"
    if target.exists() and installed_lock.exists() and installed_lock.read_bytes() == lock.read_bytes():
        return target
    ensure_node()
    folder.mkdir(parents=True, exist_ok=True)
    folder = folder.resolve()  # npm ci refuses a --prefix reached through a symbolic link
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PINS / name, folder / name)
    done = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--omit=dev", "--prefix", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode or not target.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ProxyError(f"npm could not install configurable-http-proxy into {folder}: {last}")
    return target
