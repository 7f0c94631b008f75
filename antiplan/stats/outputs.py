"""The one-line errors an autograded notebook shows under its cells.

A failed check shows ``Failed: <message>`` (``antiplan.grading.shortfail``); any other error its
exception's name and message. Only those two fields are read: the traceback below them quotes the
test's code, hidden parts included, and says nothing the message does not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LONGEST = 300
"""Characters kept of a message: enough for any of the course's checks, short enough for a table."""


class UnreadableNotebookError(Exception):
    """An autograded notebook that is not a notebook: a one-line message naming the file."""


def one_line(ename: str, evalue: str) -> str:
    """``"Name: first line of the message"``, without terminal colors, at most ``LONGEST`` characters."""
    lines = ANSI.sub("", str(evalue)).strip().splitlines()
    first = lines[0].strip() if lines else ""
    line = f"{ANSI.sub('', str(ename))}: {first}" if first else ANSI.sub("", str(ename))
    return line if len(line) <= LONGEST else line[: LONGEST - 1] + "…"


def cell_errors(path: Path) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The grade ids of the notebook at ``path`` in its order, and the first error of each of its code
    cells that has one: grade id to ``(exception name, one-line message)``.

    The notebook is read as plain JSON: a class's notebooks are read by the hundred, and their
    outputs are all this needs.
    """
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not a notebook (JSON with cells)"
        raise UnreadableNotebookError(f"cannot read the autograded notebook {path}: {reason}") from None
    order, errors = [], {}
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id:
            order.append(grade_id)
        if cell.get("cell_type") != "code":
            continue
        failed = [o for o in cell.get("outputs", []) if isinstance(o, dict) and o.get("output_type") == "error"]
        if grade_id and failed:
            ename = str(failed[0].get("ename", "Error"))
            errors[grade_id] = (ename, one_line(ename, failed[0].get("evalue", "")))
    return order, errors
