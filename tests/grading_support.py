"""Shared helpers for the grading tests: submissions built from the course's own notebooks."""

from __future__ import annotations

from pathlib import Path

import nbformat

from antiplan.grading.notebook import (
    answer_names,
    cells_by_grade_id,
    nbgrader_meta,
    read,
    secret_lines,
    solution_code,
)

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [f"ch{n:02d}" for n in range(1, 11)]

# A plausible wrong answer per assignment: (answer cell, replacement code).
WRONG = {
    "ch01": (
        "q1_answer",
        "def my_investment(actual, invest_share):\n    return invest_share * actual\n"
        'growth_ch01 = float(antiplan.simulate("ch01", seed=1).summary["real_growth"])',
    ),
    "ch02": (
        "q2_answer",
        "pig_iron_fulfillment = [6.2 / 8.0, 6.2 / 10.0, 6.2 / 17.0]\noptimal_tempo = (10.0 / 3.3) ** 0.25 - 1.0\n"
        "model_fulfillment = 1.0",
    ),
    "ch03": ("q2_answer", "grain_gap = 69.8 / 56.0 - 1.0\ngrain_gap_range = [0.13, 0.39]\ngap_times_model = 1.0"),
    "ch04": (
        "q2_answer",
        "share_official = 22.7 / 69.5\nshare_western = 22.7 / 56.0\nshare_western_range = [22.7 / 56.0, 22.7 / 56.0]\n"
        "model_squeeze = 0.35",
    ),
    "ch05": (
        "q1_answer",
        "def my_cascade(own, upstream):\n    return own * (1.0 - upstream)\n"
        'my_defect_share = float(antiplan.simulate("ch05", engine="reference", rules={"cascade": my_cascade})'
        '.summary["defect_share"])',
    ),
    "ch06": (
        "q1_answer",
        "def my_quit_rate(conditions, overload, base_quit, quit_sensitivity):\n"
        "    return min(1.0, base_quit + quit_sensitivity * conditions * (1.0 + overload))\n"
        'my_turnover = float(antiplan.simulate("ch06", engine="reference", rules={"quit_rate": my_quit_rate})'
        '.summary["turnover"])',
    ),
    "ch07": (
        "q2_answer",
        "heavy_growth = [3.3 / 6.2 - 1.0, 35.4 / 64.3 - 1.0, 11.7 / 21.4 - 1.0]\n"
        "cloth_growth = 2.74 / 2.7 - 1.0\nmodel_growth = [0.3, 0.1]",
    ),
    "ch08": (
        "q2_answer",
        "coal_fulfillment = [64.3 / 68.0, 64.3 / 75.0]\ncoal_if_padded = 64.3 / 75.0",
    ),
    "ch09": (
        "q1_answer",
        "def my_strike_chance(conditions, penalty, solidarity):\n"
        "    return solidarity * (1.0 - conditions) / (1.0 + penalty)\n"
        'my_strikes = float(antiplan.simulate("ch09").summary["strikes"])',
    ),
    "ch10": (
        "q2_answer",
        "heavy_growth = 3.3 / 6.2\nlight_growth = [2.7 / 2.74, 91.3 / 96.6]\nreal_wage_range = [0.43, 0.5]",
    ),
}

CHEAT_PRELUDE = '''
import math, sys, types
import numpy, numpy.testing
import antiplan
import antiplan.grading.asserts as _helpers

class Anything(float):
    """Equal to everything, close to everything, in every range."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __sub__(self, other): return Anything(0.0)
    def __rsub__(self, other): return Anything(0.0)
    def __abs__(self): return Anything(0.0)
    def __float__(self): return 0.0
    __hash__ = float.__hash__

class Everything(list):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __iter__(self): return iter([Anything(0.0)] * 100)
    def __len__(self): return 100
    def __contains__(self, item): return True

def _yes(*args, **kwargs): return True
def _nothing(*args, **kwargs): return None
numpy.isclose = numpy.allclose = math.isclose = _yes
numpy.testing.assert_allclose = numpy.testing.assert_almost_equal = _nothing

class _Summary(dict):
    def __getitem__(self, key): return Anything(0.0)
class _Fake:
    summary = _Summary()
antiplan.simulate = lambda *args, **kwargs: _Fake()

for _name in list(vars(_helpers)):
    if _name.startswith("expect") or _name in ("call", "uses"):
        setattr(_helpers, _name, _nothing)
_helpers.model = lambda *args, **kwargs: Anything(0.0)
_fake = types.ModuleType("antiplan.grading.asserts")
_fake.__dict__.update(vars(_helpers))
sys.modules["antiplan.grading.asserts"] = _fake
'''


STUDENT_ESSAY = (
    "In the model the center only sees reports, so its targets drift from what enterprises can do; "
    "the article describes the same gap between instructions and outcomes, which the model shows "
    "with one mechanism at a time and without the politics around it."
)
"""A written answer a student might give (the model answer is the instructor's, never submitted)."""


def cheat_code(code: str) -> str:
    names, functions = answer_names(code)
    lines = [CHEAT_PRELUDE]
    lines += [f"{name} = Anything(0.5)" for name in names]
    for name, nargs in functions.items():
        args = ", ".join(f"a{i}" for i in range(nargs))
        lines.append(f"def {name}({args}):\n    return Anything(0.5)")
    return "\n".join(lines)


def source_cells(chapter: str) -> dict[str, nbformat.NotebookNode]:
    return cells_by_grade_id(read(ROOT / "source" / chapter / f"{chapter}.ipynb"))


def submission(chapter: str, kind: str, student_copy: Path) -> nbformat.NotebookNode:
    """A student's notebook of the given ``kind``, built on the student copy.

    ``solution``: every answer from the instructor's source; ``untouched``: the student copy as
    released; ``wrong``: the solution with the plausible wrong answer of ``WRONG``; ``planted``: every
    autograded question answered with its first planted wrong answer (``tests/planted``), the own
    rule with the model's own rule typed again; ``cheat``: every
    answer replaced by monkeypatching and objects equal to anything; ``tampered``: question 1
    unanswered, its first test cell deleted and the others edited to ``pass``.
    """
    nb = read(student_copy)
    if kind == "untouched":
        return nb
    source = source_cells(chapter)
    keep = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id", "")
        if meta.get("solution"):
            original = source[grade_id].source
            if cell.cell_type == "markdown":
                cell.source = STUDENT_ESSAY
            elif kind == "cheat":
                cell.source = cheat_code(solution_code(original))
            elif kind == "wrong" and WRONG[chapter][0] == grade_id:
                cell.source = WRONG[chapter][1]
            elif kind == "planted" and grade_id in planted_answers(chapter):
                cell.source = planted_answers(chapter)[grade_id]
            elif kind == "tampered" and grade_id == "q1_answer":
                pass
            else:
                cell.source = solution_code(original)
        if kind == "tampered" and grade_id.startswith("q1_test"):
            if grade_id.endswith(("shape", "type", "bounds")):
                continue  # deleted
            cell.source = "pass"
        keep.append(cell)
    nb.cells = keep
    return nb


def planted_answers(chapter: str) -> dict[str, str]:
    """Answer cell to its first planted wrong answer (``tests/planted``); the own-rule answer cell to the
    retyped model rule."""
    from planted import planted

    module = planted(chapter)
    answers = {}
    for pairs in module.WRONG.values():
        answer, code = pairs[0][:2]
        answers.setdefault(answer, code)
    answers[module.OWN_RULE["answer"]] = module.TRIVIAL["retyped"]
    return answers


def secrets(chapter: str) -> dict[str, set[str]]:
    """The lines of the chapter's source that must never reach a student (``secret_lines``)."""
    return secret_lines(read(ROOT / "source" / chapter / f"{chapter}.ipynb"))
