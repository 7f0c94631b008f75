"""What the browser tests share: Debian's Chromium, the flags it needs here, a free loopback port."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_chromium() -> None:
    """Fail (not skip) with a plain message when Debian's chromium is missing."""
    if not (Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Debian's chromium is missing ({CHROMIUM} not found): install it with "
            "'apt-get install chromium' or 'make system-deps', then rerun the browser tests",
            pytrace=False,
        )
