"""The report in the three formats ``antiplan stats`` writes: JSON, CSV and an HTML page.

JSON is the whole report (``antiplan.stats.summary.summarize``). CSV is a row per question part,
its lists flattened into one cell each; the counts of failed and ungraded submissions repeat on
every row, so that a row read alone still says who is not in it. A file is written whole or not at
all: into a temporary file beside it, then renamed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path

from .summary import SHARED

FORMATS = ("html", "json", "csv")
COLUMNS = (
    "assignment",
    "question",
    "part",
    "points",
    "graded",
    "awaiting_hand_grading",
    "left_blank",
    "failed_submissions",
    "not_graded_submissions",
    "mean",
    "spread",
    "full_marks",
    "zero_marks",
    "item_rest_correlation",
    "upper_minus_lower_third",
    "passed_visible",
    "then_failed_hidden",
    "unclear_visible_or_hidden",
    "distribution",
    "common_wrong_answers",
    "flags",
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def csv_rows(report: dict) -> list[dict]:
    """The CSV's rows: one per question part, by ``COLUMNS``."""
    rows = []
    for q in report["questions"]:
        split = q.get("visible_hidden") or {}
        rows.append(
            {
                "assignment": report["assignment"],
                "question": q["question"],
                "part": q["part"],
                "points": f"{q['points']:g}",
                "graded": q["graded"],
                "awaiting_hand_grading": q["awaiting_hand_grading"],
                "left_blank": q["left_blank"],
                "failed_submissions": report["submissions"]["failed"],
                "not_graded_submissions": report["submissions"]["not graded"],
                **{k: _number(q[k]) for k in ("mean", "spread", "full_marks", "zero_marks")},
                "item_rest_correlation": _number(q["item_rest_correlation"]),
                "upper_minus_lower_third": _number(q["upper_minus_lower_third"]),
                "passed_visible": split.get("passed_visible", ""),
                "then_failed_hidden": split.get("failed_hidden", ""),
                "unclear_visible_or_hidden": split.get("unclear", ""),
                "distribution": "; ".join(f"{d['points']:g}: {d['students']}" for d in q["distribution"]),
                "common_wrong_answers": " | ".join(
                    f"{w['students']} x {w['message']}" for w in q.get("common_wrong_answers", [])
                ),
                "flags": " | ".join(q["flags"]),
            }
        )
    return rows


def render(report: dict, fmt: str) -> str:
    """``report`` as the text of a ``fmt`` file (one of ``FORMATS``)."""
    if fmt == "json":
        return json.dumps(report, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(csv_rows(report))
        return out.getvalue()
    if fmt == "html":
        from .page import render as page

        return page(report, SHARED)
    raise ValueError(f"format {fmt!r} is not allowed: allowed are {', '.join(FORMATS)}")


def write(text: str, dest: Path | None) -> None:
    """Write ``text`` to ``dest`` whole or not at all; ``None`` is standard output."""
    if dest is None:
        sys.stdout.write(text)
        return
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=dest.parent.resolve(), prefix=f".{dest.name}.", delete=False
    )
    try:
        with handle:
            handle.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(handle.name, 0o666 & ~mask)  # a temporary file is private; the report is an ordinary file
        os.replace(handle.name, dest)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
