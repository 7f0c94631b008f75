"""`nbgrader validate` passes on every source notebook and fails on every test of every student copy."""

from __future__ import annotations

import pytest
from grading_support import CHAPTERS, ROOT

from antiplan.course import ensure_tools_on_path

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("validate")]


def _validator(invert: bool):
    ensure_tools_on_path()
    from nbgrader.validator import Validator

    return Validator(invert=invert)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_source_validates(chapter):
    results = _validator(False).validate(str(ROOT / "source" / chapter / f"{chapter}.ipynb"))
    assert results == {}, results.get("failed", results)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_copy_fails_every_test(chapter):
    """`nbgrader validate --invert` succeeds: no test cell passes on the untouched student copy."""
    results = _validator(True).validate(str(ROOT / "exercises" / chapter / f"{chapter}.ipynb"))
    assert results == {}, results.get("passed", results)
