"""Answers planted in each assignment by the test suite, one module per chapter (``planted.ch03``).

Each module defines:

- ``OWN_RULE``: the question that asks for a rule of the student's own design, its answer cell, and
  student answers written for it: at least three ``reasonable`` ones (different designs a student
  could argue for, each must earn every autograded point of the question) and at least two
  ``unreasonable`` ones (out of bounds, the wrong direction: each must lose points).
- ``WRONG``: for every autograded question, at least two typical wrong answers, as
  ``(answer cell, code)``; a visible test of the question must fail on each, so the student sees it
  while working.

A chapter whose questions have been written so that guessing does not pay also defines:

- ``TRIVIAL``: answers to the own-rule question that take no design: at least ``retyped`` (the
  model's own rule typed again), ``constant`` and ``reversed`` (the behavior asked for, turned
  round), as ``name: code`` for the question's answer cell. Each earns at most one point of the
  question, counting its hidden tests, and a visible test flags each.

and gives every autograded question at least three ``WRONG`` answers, each earning at most a tenth
of the question's autograded points with its hidden tests; the visible tests flag at least 80 % of
them. Where a question's parts are graded apart, a slip in one part is planted as
``(answer cell, code, parts)``, ``parts`` the grade ids of the tests of the parts it gets wrong: it
must earn at most a tenth of those parts' points, and keeps what the rest of the answer earns.
"""

from __future__ import annotations

import importlib


def strict(chapter: str) -> bool:
    """Whether ``chapter``'s planted answers include the answers that take no design (``TRIVIAL``)."""
    return hasattr(planted(chapter), "TRIVIAL")


def planted(chapter: str):
    """The module of planted answers for ``chapter`` (e.g. ``"ch03"``)."""
    return importlib.import_module(f"planted.{chapter}")
