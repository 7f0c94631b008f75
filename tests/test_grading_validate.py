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


def test_validate_reports_a_wrong_answer_instead_of_success(tmp_path):
    """The student who answers question 2 wrongly is told which test fails, not "Success!"."""
    import nbformat
    from grading_support import submission

    nb = submission("ch03", "solution", ROOT / "exercises" / "ch03" / "ch03.ipynb")
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q2_answer":
            cell.source = "grain_gap = 24.6\ngrain_gap_range = [13.3, 38.5]\ngap_times_model = 5.0"
    path = tmp_path / "ch03.ipynb"
    nbformat.write(nb, path)
    failed = _validator(False).validate(str(path)).get("failed", [])
    assert len(failed) == 1, failed
    assert "should lie between 0 and 1, but it is 24.6" in failed[0]["error"]
