"""The report on a graded class, question by question: a plain dictionary, ready for JSON.

A question (the ``q3`` of ``q3_test_value``) has up to two parts, each a row of the report: its
**autograded** part (its test cells) and its part graded **by hand** (a written answer). Each part
is measured over the students graded on it:

- a submission that failed to grade, or was handed in and not graded, is counted as such and left
  out of every statistic, never counted as a zero; a hand-graded part still waiting for its grader
  is counted as awaiting, and left out of that part's statistics until graded;
- a question left blank (its answer cell still raises ``NotImplementedError``) is a graded zero.

The rest of the assignment, against which a part's discrimination is measured, is the score on the
other questions' parts that every graded student has a score on (so a written part still being
graded joins it once done); the question's own other part is left out with it.

**Common wrong answers** are the one-line errors of failed test cells (``Failed: ...`` with the
check's message, which names the value a student gave) that at least ``SHARED`` students share,
counted once per student; blank answers are counted apart. **Visible against hidden** counts, for
a question with both visible and hidden checks, the students who passed every test cell that checks
in the student's copy (what ``check("q1")`` runs) and then failed a hidden test cell (one marked
``# Hidden test``). A visible cell with hidden checks besides shows one error whichever check
failed, so a student who passed every visible-only cell and failed such a cell is counted apart,
as unclear.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import measures
from .results import FAILED, GRADED, HIDDEN_TEST, MISSING, MIXED_TEST, NOT_GRADED, TEST, Cell, ClassResults, Submission

SHARED = 2
"""Students who must share a wrong answer for it to be reported."""
AUTOGRADED, BY_HAND_PART = "autograded", "by hand"


@dataclass(frozen=True)
class Part:
    """The autograded or hand-graded cells of one question."""

    question: str
    part: str
    cells: tuple[Cell, ...]

    @property
    def points(self) -> float:
        """The points the part is worth."""
        return sum(c.points for c in self.cells)

    def score(self, submission: Submission) -> float | None:
        """``submission``'s score on the part; ``None`` while any of its cells has no score."""
        scores = [submission.scores.get(c.key) for c in self.cells]
        return None if any(s is None for s in scores) else sum(scores)


def parts(results: ClassResults) -> list[Part]:
    """The parts of every question, in the order of the assignment's cells, autograded part first."""
    grouped: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for cell in results.cells:
        grouped[(cell.question, AUTOGRADED if cell.autograded else BY_HAND_PART)].append(cell)
    order = list(dict.fromkeys(c.question for c in results.cells))
    keys = sorted(grouped, key=lambda k: (order.index(k[0]), k[1] != AUTOGRADED))
    return [Part(q, p, tuple(grouped[(q, p)])) for q, p in keys]


def _passed(submission: Submission, cell: Cell) -> bool:
    score = submission.scores.get(cell.key)
    return score is not None and score >= cell.points - measures.SAME


def wrong_answers(part: Part, graded: list[Submission]) -> list[dict]:
    """The one-line errors of the part's failed test cells that at least ``SHARED`` students share,
    most shared first: each with its count of students and the cells that showed it."""
    students, cells = defaultdict(set), defaultdict(set)
    for submission in graded:
        if part.question in submission.blank:
            continue
        for cell in part.cells:
            message = submission.errors.get(cell.key)
            if message and not _passed(submission, cell):
                students[message].add(submission.student)
                cells[message].add(cell.grade_id)
    shared = [m for m in students if len(students[m]) >= SHARED]
    shared.sort(key=lambda m: (-len(students[m]), m))
    order = [c.grade_id for c in part.cells]
    return [{"message": m, "students": len(students[m]), "cells": sorted(cells[m], key=order.index)} for m in shared]


def visible_hidden(part: Part, graded: list[Submission]) -> dict | None:
    """How many students passed every test cell of the part that checks in the student's copy and, of
    those, how many failed a hidden test cell; and how many passed every visible-only cell but failed
    one that checks both visibly and hidden (which of its checks failed, the notebook does not say).
    ``None`` for a part without both visible and hidden checks."""
    checks_visibly = [c for c in part.cells if c.kind in (TEST, MIXED_TEST)]
    hidden = [c for c in part.cells if c.kind == HIDDEN_TEST]
    mixed = [c for c in part.cells if c.kind == MIXED_TEST]
    if not checks_visibly or not (hidden or mixed):
        return None
    visible = [c for c in part.cells if c.kind == TEST]
    passed = [s for s in graded if all(_passed(s, c) for c in checks_visibly)]
    failed = [s for s in passed if not all(_passed(s, c) for c in hidden)]
    unclear = [s for s in graded if all(_passed(s, c) for c in visible) and not all(_passed(s, c) for c in mixed)]
    return {"passed_visible": len(passed), "failed_hidden": len(failed), "unclear": len(unclear)}


def flags(row: dict) -> list[str]:
    """Why a part needs a look, in plain words: everyone full marks, no one any points, or negative
    discrimination."""
    found = []
    if row["graded"] and row["full_marks"] == 1.0:
        found.append("every student graded earned full marks: it tells no student apart")
    elif row["graded"] and row["zero_marks"] == 1.0:
        found.append("no student graded earned any points: check the question and its tests")
    r, difference = row["item_rest_correlation"], row["upper_minus_lower_third"]
    negative = [
        f"{name} {value:+.2f}"
        for name, value in (("item-rest correlation", r), ("upper minus lower third", difference))
        if value is not None and value < 0
    ]
    if negative:
        found.append(
            "discriminates negatively: students who did better on the rest of the assignment did worse here ("
            + ", ".join(negative)
            + ")"
        )
    return found


def _row(part: Part, graded: list[Submission], rest: dict[str, float] | None) -> dict:
    scored = [(s, part.score(s)) for s in graded]
    counted = [(s, score) for s, score in scored if score is not None]
    points = part.points
    shares = [score / points if points else 0.0 for _, score in counted]
    if rest is not None:
        against = [rest[s.student] for s, _ in counted]
        r, difference = measures.correlation(shares, against), measures.upper_minus_lower(shares, against)
    else:
        r = difference = None
    row = {
        "question": part.question,
        "part": part.part,
        "cells": [c.grade_id for c in part.cells],
        "points": points,
        "graded": len(counted),
        "awaiting_hand_grading": len(scored) - len(counted),
        "left_blank": sum(part.question in s.blank for s, _ in counted) if part.part == AUTOGRADED else 0,
        "mean": measures.mean(shares),
        "spread": measures.spread(shares),
        "full_marks": measures.share_of(shares, 1.0),
        "zero_marks": measures.share_of(shares, 0.0),
        "item_rest_correlation": r,
        "upper_minus_lower_third": difference,
        "distribution": [
            {"points": p, "students": n} for p, n in measures.distribution([score for _, score in counted]).items()
        ],
    }
    if part.part == AUTOGRADED:
        row["visible_hidden"] = visible_hidden(part, graded)
        row["common_wrong_answers"] = wrong_answers(part, graded)
    row["flags"] = flags(row)
    return row


def summarize(results: ClassResults) -> dict:
    """The whole report on ``results``: the submissions by status, and a row per question part."""
    graded = results.graded()
    all_parts = parts(results)
    complete = [p for p in all_parts if all(p.score(s) is not None for s in graded)]
    rows = []
    for part in all_parts:
        others = [p for p in complete if p.question != part.question]
        rest = {s.student: sum(p.score(s) for p in others) for s in graded} if others else None
        rows.append(_row(part, graded, rest))
    return {
        "assignment": results.assignment,
        "submissions": {status: results.count(status) for status in (GRADED, FAILED, NOT_GRADED, MISSING)},
        "failed": [{"student": s.student, "reason": s.reason} for s in results.submissions if s.status == FAILED],
        "not_graded": [s.student for s in results.submissions if s.status == NOT_GRADED],
        "questions": rows,
    }
