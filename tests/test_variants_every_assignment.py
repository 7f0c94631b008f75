"""Every assignment survives a variant: built from a spec and checked by ``antiplan variant check``
(solutions full marks, the blank copy zero, the base assignment's numbers losing points, no leak).

The variant moves the seed and one parameter the chapter is about, so each own-rule question's
directions, each data question and each dashboard threshold are tested in an economy they were not
written for.
"""

from __future__ import annotations

import shutil

import autograde_course
import pytest
import yaml
from grading_support import CHAPTERS, ROOT

from antiplan.variants.command import main as variant

pytestmark = pytest.mark.slow  # no xdist group: the ten checks spread over the workers

NUDGE = {
    "ch01": {"capital_ratio": 3.5},
    "ch02": {"ratchet": 0.6},
    "ch03": {"penalty": 2.5},
    "ch04": {"procurement": 0.45},
    "ch05": {"defect_sensitivity": 1.2},
    "ch06": {"conditions": 0.55},
    "ch07": {"coordination": 0.7},
    "ch08": {"record_cost": 0.25},
    "ch09": {"solidarity": 0.6},
    "ch10": {"collusion": 0.4},
}
"""One parameter per chapter, moved from the chapter's value (each within the parameter table's range)."""


@pytest.fixture(scope="module")
def course():
    """A scratch course: the course's configuration and source/."""
    folder = autograde_course.course_base()
    shutil.copytree(ROOT / "source", folder / "source")
    shutil.copy(ROOT / "nbgrader_config.py", folder / "nbgrader_config.py")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_variant_of_the_assignment_builds_and_checks_sound(course, chapter, capsys):
    spec = {"base": chapter, "id": f"{chapter}-v", "params": NUDGE[chapter], "seed": 11}
    path = course / f"{chapter}-v.yml"
    path.write_text(yaml.safe_dump(spec))
    assert variant(["build", str(path)], root=course) == 0, capsys.readouterr().err
    assert variant(["check", f"{chapter}-v"], root=course) == 0, capsys.readouterr()
    assert f"{chapter}-v: sound" in capsys.readouterr().out
