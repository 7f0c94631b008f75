"""Grading the course's exercises: self-checks for students, hardened test helpers for graders.

- ``check("q1")``, in a notebook: run question 1's visible tests against your answers and print
  the result (``antiplan.grading.check``).
- ``antiplan check ch03.ipynb``, from the shell: run a whole notebook and its visible tests
  (``antiplan.grading.selfcheck``).
- ``antiplan.grading.asserts``: the checks test cells use; see its docstring before writing tests.

Where a grade is decided, the tests never run in the student's kernel: ``answers`` reads which
answers the test cells ask for, ``boundary`` hands them over from the kernel as plain data
(``plain``) and calls the student's functions there, ``clean`` runs the tests in a fresh process,
and ``split`` joins the two for nbclient (``antiplan.autograde.split_execute``: the same for nbgrader).
"""

from __future__ import annotations

__all__ = ["check"]


def __getattr__(name: str):
    # ``check`` reads notebooks (nbformat); test cells and the grader's fresh processes, which import
    # only ``asserts`` or ``fresh``, should not pay for importing it.
    if name == "check":
        from .inline import check

        return check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
