"""Canvas's gradebook import: the columns of the CSV file Canvas's Gradebook exports and imports back.

Canvas's guide "How do I import grades in the Gradebook?" asks for the columns of its own export:
``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per assignment
(a new name makes a new assignment), with a ``Points Possible`` row under the header. Canvas finds
the student by ``ID``, ``SIS User ID`` or ``SIS Login ID``; an empty score leaves the grade alone.
"""

from __future__ import annotations

from .roster import Account
from .table import Table

ID_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
NEEDS = "a login, sis_id or canvas_id"


def identifies(account: Account) -> bool:
    """Whether Canvas can find this student: by its own id, the SIS id or the login."""
    return bool(account.canvas_id or account.sis_id or account.login)


def layout(table: Table, accounts: dict[str, Account]) -> tuple[list[str], list[dict], list[dict]]:
    """(columns, the Points Possible row, a row per student in ``accounts``) of the Canvas file."""
    columns = [*ID_COLUMNS, *table.assignments]
    points = {"Student": "Points Possible", **{a: table.max_scores[a] for a in table.assignments}}
    rows = []
    for student, account, first, last in table.mapped(accounts):
        name = account.name or ", ".join(p for p in (last, first) if p) or student
        row = {
            "Student": name,
            "ID": account.canvas_id,
            "SIS User ID": account.sis_id,
            "SIS Login ID": account.login,
            "Section": account.section,
        }
        row.update({a: table.cells[student][a].score for a in table.assignments if a in table.cells[student]})
        rows.append(row)
    return columns, [points], rows
