"""Answers planted in each assignment by the test suite, one module per chapter (``planted.ch03``).

Each module defines:

- ``OWN_RULE``: the question that asks for a rule of the student's own design, its answer cell, and
  student answers written for it: at least three ``reasonable`` ones (different designs a student
  could argue for, each must earn every autograded point of the question) and at least two
  ``unreasonable`` ones (out of bounds, the wrong direction: each must lose points).
- ``WRONG``: for every autograded question, at least two typical wrong answers, as
  ``(answer cell, code)``; a visible test of the question must fail on each, so the student sees it
  while working.
"""

from __future__ import annotations

import importlib


def planted(chapter: str):
    """The module of planted answers for ``chapter`` (e.g. ``"ch03"``)."""
    return importlib.import_module(f"planted.{chapter}")
