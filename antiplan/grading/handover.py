"""The economy a submission is graded in, as the grader hands it to the kernel.

``antiplan grade`` works out each submission's economy (an assignment variant's, by the submission's
id) before any of the student's code runs, and hands it over as data (``Economy.to_dict``):

- sandboxed, it seals it in the kernel's private ``/tmp`` (``SEALED``: written by root, read-only;
  ``null`` when the assignment is no variant), where the student's code cannot change it;
- without the sandbox, in the kernel's environment (``GRADING_ENV``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..economy import Economy

GRADING_ENV = "ANTIPLAN_GRADING_ECONOMY"
"""Set by ``antiplan grade`` for an unsandboxed kernel: the economy the submission is graded in (JSON)."""
SEALED = Path("/tmp/antiplan-grading-economy.json")
"""Written by ``antiplan grade``'s sandbox, as root and read-only, in the kernel's private ``/tmp``:
the economy of the submission (``null`` when the assignment is no variant). Where it is, it decides."""


def sealed() -> tuple[bool, Economy | None]:
    """(whether a sealed economy is there, the economy or ``None`` for none: the base's).

    Trusted only when root wrote it, nobody else can change it, and this process is not root (a
    sandboxed kernel never is; code running as root could have written it itself).
    """
    try:
        info = SEALED.stat()
    except OSError:
        return False, None
    if info.st_uid != 0 or info.st_mode & 0o222 or os.getuid() == 0:
        return False, None
    data = json.loads(SEALED.read_text())
    return True, Economy.from_dict(data) if data is not None else None


def from_environment() -> Economy | None:
    """The economy handed over in ``GRADING_ENV``, if any (``ValueError`` if it is not an economy)."""
    text = os.environ.get(GRADING_ENV)
    return Economy.from_json(text) if text else None
