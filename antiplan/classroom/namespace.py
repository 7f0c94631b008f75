"""Letting the demo users run this Python when it is installed in a folder they may not enter.

A Python under ``/root`` (pyenv, for instance) cannot be run by other users. Rather than opening
``/root``, the hub starts in a mount namespace of its own, which every server it spawns inherits:
there, each such folder (``/root``) is an empty tmpfs with only the Python installation (and this
package, if it is under it too) mounted back, read-only. Outside the hub nothing changes.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def blocked_ancestor(path: Path) -> Path | None:
    """The highest folder above ``path`` that others may not enter, if any."""
    for ancestor in reversed(path.parents):
        if ancestor == Path("/"):
            continue
        try:
            if not ancestor.stat().st_mode & 0o001:
                return ancestor
        except OSError:
            return None
    return None


def needed_folders() -> list[Path]:
    """What the users' servers must read: this Python, its environment, the antiplan package."""
    package = Path(__file__).resolve().parents[1]
    found = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), package}
    return sorted(found)


def exposures() -> list[tuple[Path, Path]]:
    """(folder to mount back, the folder above it others may not enter), for each one that needs it."""
    pairs = []
    for needed in needed_folders():
        blocked = blocked_ancestor(needed)
        if blocked is not None:
            pairs.append((needed, blocked))
    return pairs


def wrap(command: list[str], stage: Path) -> list[str]:
    """``command``, run in a new mount namespace with the folders of ``exposures`` opened, or unchanged."""
    pairs = exposures()
    if not pairs:
        return command
    lines = ["set -e"]
    for index, (needed, _) in enumerate(pairs):  # keep a handle on each before its parent is covered
        lines += [f"mkdir -p {stage}/{index}", f"mount --bind {shlex.quote(str(needed))} {stage}/{index}"]
    for blocked in sorted({b for _, b in pairs}):
        lines.append(f"mount -t tmpfs -o mode=0755 antiplan-classroom {shlex.quote(str(blocked))}")
    for index, (needed, _) in enumerate(pairs):
        target = shlex.quote(str(needed))
        lines += [f"mkdir -p {target}", f"mount --bind {stage}/{index} {target}", f"mount -o remount,bind,ro {target}"]
    lines.append('exec "$@"')
    return ["unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", "\n".join(lines), "sh", *command]
