"""Debian's Chromium, as the book's PDF build and the browser tests start it.

Playwright's own browser download fails offline, so everything that drives a browser here uses
Debian's (``apt-get install chromium``), with the flags it needs as root with no display and that
keep it from calling home.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium (``apt-get install chromium``)."""

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Flags Chromium needs here (as root, with no display) and that keep it from calling home."""
