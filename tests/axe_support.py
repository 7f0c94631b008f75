"""axe-core for the browser tests: installed from npm, pinned by ``tests/npm/package-lock.json``.

It goes with ``npm ci`` into a folder of the project's own (``.venv/book-axe``), never globally, the
way the classroom installs its proxy; when ``node`` or ``npm`` is missing, Debian's are installed first.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from antiplan.classroom.proxy import ProxyError, ensure_node

PINS = Path(__file__).with_name("npm")


def axe_script(folder: Path | None = None) -> str:
    """The text of ``axe.min.js``, installed from the pinned lock file if missing or out of date."""
    folder = folder or Path(sys.prefix) / "book-axe"
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    lock, installed_lock = PINS / "package-lock.json", folder / "package-lock.json"
    if not (script.exists() and installed_lock.exists() and installed_lock.read_bytes() == lock.read_bytes()):
        try:
            ensure_node()
        except ProxyError as error:
            pytest.fail(f"axe-core needs npm: {error}", pytrace=False)
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PINS / name, folder / name)
        command = ["npm", "ci", "--no-audit", "--no-fund", "--omit=dev", "--prefix", str(folder)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode or not script.exists():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.fail(f"npm could not install axe-core into {folder}: {last}", pytrace=False)
    return script.read_text(encoding="utf-8")


RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact,
    nodes: v.nodes.map(n => n.target.join(" ")),
  }));
}"""
"""Runs axe on the page (its default rules: WCAG 2.x A and AA and best practices); the violations."""
