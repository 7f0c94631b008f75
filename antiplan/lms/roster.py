"""The class roster: which LMS account each nbgrader student id belongs to.

A roster is a CSV file with a header. ``student_id`` (the nbgrader id, the hub's user name) is
required; the others are optional and name the student in the LMS:

- ``login``: the LMS login (Canvas "SIS Login ID", Moodle "username");
- ``sis_id``: the student information system's id (Canvas "SIS User ID", Moodle "ID number");
- ``email``: the address the LMS knows (Moodle can match on it; Canvas cannot);
- ``canvas_id``: Canvas's own numeric user id (the "ID" column of its gradebook export);
- ``name``, ``section``: shown in the file, for a person checking it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

IDENTIFIERS = ("login", "sis_id", "email", "canvas_id")
COLUMNS = ("student_id", *IDENTIFIERS, "name", "section")


class RosterError(ValueError):
    """A roster that cannot be used, in one line naming the file, the row and what is allowed."""


@dataclass(frozen=True)
class Account:
    """One student's LMS account."""

    student_id: str
    login: str = ""
    sis_id: str = ""
    email: str = ""
    canvas_id: str = ""
    name: str = ""
    section: str = ""


def read_roster(path: Path) -> dict[str, Account]:
    """The roster in ``path``, by nbgrader student id; a bad file raises ``RosterError``."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet's byte-order mark is fine
    except OSError as error:
        raise RosterError(f"cannot read the roster {path}: {error.strerror}") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in COLUMNS]
    if "student_id" not in header or unknown:
        bad = f"unknown column {unknown[0]!r}" if unknown else "no student_id column"
        raise RosterError(f"roster {path}: {bad}; allowed columns are {', '.join(COLUMNS)} (student_id required)")
    accounts: dict[str, Account] = {}
    for line, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        student = row.get("student_id", "")
        if not student:
            raise RosterError(f"roster {path} line {line}: empty student_id")
        if student in accounts:
            raise RosterError(f"roster {path} line {line}: student_id {student!r} appears twice")
        if not any(row.get(k) for k in IDENTIFIERS):
            raise RosterError(f"roster {path} line {line}: {student!r} has none of {', '.join(IDENTIFIERS)}")
        accounts[student] = Account(**{k: row.get(k, "") for k in COLUMNS})
    return accounts
