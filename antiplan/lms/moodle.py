"""Moodle's CSV grade import: user columns, then a grade and a feedback column per assignment.

Moodle's "Grade import" page: the CSV file has a header; on upload the teacher picks the column that
identifies the user ("Map from") and the user field it matches ("Map to": username, ID number or
email address), then maps each grade column, and each feedback column, to a grade item. The feedback
column carries each submission's status, so a failed one says why it has no grade.
"""

from __future__ import annotations

from .roster import Account
from .table import Table

ID_COLUMNS = ("First name", "Last name", "Username", "ID number", "Email address")
NEEDS = "a login, sis_id or email"


def identifies(account: Account) -> bool:
    """Whether Moodle can find this student: by username, ID number or email address."""
    return bool(account.login or account.sis_id or account.email)


def feedback_column(assignment: str) -> str:
    """The heading of an assignment's feedback column."""
    return f"{assignment} feedback"


def layout(table: Table, accounts: dict[str, Account]) -> tuple[list[str], list[dict], list[dict]]:
    """(columns, no extra header rows, a row per student in ``accounts``) of the Moodle file."""
    columns = [*ID_COLUMNS]
    for assignment in table.assignments:
        columns += [assignment, feedback_column(assignment)]
    rows = []
    for student, account, first, last in table.mapped(accounts):
        if account.name and not (first or last):
            first, _, last = account.name.partition(" ")
        row = {
            "First name": first,
            "Last name": last,
            "Username": account.login,
            "ID number": account.sis_id,
            "Email address": account.email,
        }
        for assignment, cell in table.cells[student].items():
            row[assignment] = cell.score
            row[feedback_column(assignment)] = cell.note()
        rows.append(row)
    return columns, [], rows
