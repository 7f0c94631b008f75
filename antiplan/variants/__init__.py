"""Instructor-authored variants of an assignment: new numbers, the same questions, no notebook edited by hand.

A variant is its parameters plus the answers those parameters imply. The instructor writes a small
YAML spec (``spec.py``)::

    base: ch01            # the assignment it is built on
    id: ch01-b            # the new assignment
    params:               # parameter overrides (antiplan.PARAMETERS), checked against the table
      capital_ratio: 3.0
    seed: 3               # the seed of runs that give none
    per_student: false    # true: every student gets their own numbers, derived from their id
    spread: 0.25          # per-student values lie within +-25 % of the spec's (clipped to the table)
    points: {q1_test_value: 3}                    # optional: points of named test cells
    text: {q1_prompt: "### Question 1 ..."}       # optional: new text for named markdown cells

``antiplan variant build SPEC.yml`` (``build.py``) writes ``source/<id>/`` with a locked cell that
puts the kernel in the variant's economy (``economy.py``), and the student copy in ``exercises/<id>/``.
The base's answers and hidden tests call the model, so every expected value is recomputed under the
variant's parameters. ``antiplan variant check ID`` (``check.py``) grades the variant in a scratch
course; ``antiplan variant params ID --student NAME`` prints one student's numbers (``students.py``).
"""

from .economy import activate, grading_economy, resolve
from .preview import economy_table, in_economy
from .spec import SpecError, load_spec, validate_spec
from .students import student_params


def __getattr__(name: str):
    # Building and checking need nbformat and nbgrader; a kernel that only activates an economy
    # (and the grader's fresh processes) should not pay for importing them.
    if name in ("build", "check"):
        from importlib import import_module

        return getattr(import_module(f".{name}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SpecError",
    "activate",
    "build",
    "check",
    "economy_table",
    "grading_economy",
    "in_economy",
    "load_spec",
    "resolve",
    "student_params",
    "validate_spec",
]
