"""The JSON report (``--report FILE``) and the summary printed at the end of a run."""

from __future__ import annotations

import json
from pathlib import Path

from .gradebook import Row


def build(assignment: str, rows: list[Row], *, sandbox: str = "", limits: dict | None = None) -> dict:
    """``{"assignment": ..., "students": [{"student", "status", "reason", "score", "max_score"}, ...]}``."""
    students = [
        {
            "student": row.student,
            "status": row.status,
            "reason": row.reason,
            "score": row.score if row.status == "graded" else None,
            "max_score": row.max_score,
        }
        for row in sorted(rows, key=lambda r: r.student)
    ]
    report = {"assignment": assignment, "students": students}
    if sandbox:
        report["sandbox"] = sandbox
    if limits:
        report["limits"] = limits
    return report


def write(path: Path, report: dict) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(report, indent=2) + "\n")
    temporary.replace(path)


def summary(report: dict, *, graded_now: int, skipped: int) -> str:
    students = report["students"]
    failed = [s for s in students if s["status"] != "graded"]
    lines = [
        f"{report['assignment']}: {len(students) - len(failed)} graded, {len(failed)} failed "
        f"({graded_now} graded in this run, {skipped} already done)"
    ]
    for row in failed:
        lines.append(f"  FAILED {row['student']}: {row['reason']}")
    return "\n".join(lines)
