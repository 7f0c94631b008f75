"""Building a variant: ``source/<id>/`` from the base's notebook and the spec, then the student copy.

The base's answers and hidden tests are kept as they are: they call the model, so under the
variant's economy every expected value is recomputed. Nothing is written in the course until
every step has succeeded in a scratch folder beside it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..course import Course
from ..grading.notebook import nbgrader_meta, question_of, read
from .spec import SPEC_FILE, base_notebook, fail, is_variant, spec_text

_POINTS = re.compile(r"\((\d+(?:\.\d+)?) points?\)")
_TOTAL = re.compile(r"Total: \d+(?:\.\d+)? points")
_AUTO = re.compile(r"\d+(?:\.\d+)? autograded")
_BY_HAND = re.compile(r"\d+(?:\.\d+)? graded by hand")
_SEED_0 = re.compile(r"\bseed 0\b")
GRADE_ID = "variant_params"
"""The grade id of the locked cell that puts the kernel in the variant's economy."""


def activation_cell(ident: str):
    """The locked cell that puts the kernel in variant ``ident``'s economy."""
    import nbformat

    cell = nbformat.v4.new_code_cell(
        f"# This assignment's economy: run this cell first and do not change it.\n"
        f"import antiplan.variants\n"
        f'_ = antiplan.variants.activate("{ident}")'
    )
    cell.metadata["nbgrader"] = {
        "grade": False,
        "grade_id": GRADE_ID,
        "locked": True,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    cell.metadata["editable"] = False
    cell.metadata["deletable"] = False
    return cell


def variant_notebook(spec: dict[str, Any], course: Course):
    """The base's instructor notebook turned into the variant's: text, points, the activation cell.

    A question's heading states its new total when ``points`` changed it. Prompts that name seed 0
    (the seed of runs that give none) name this economy's seed instead, which the activation cell
    prints.
    """
    nb = read(base_notebook(course, spec["base"]))
    base, ident = spec["base"], spec["id"]
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        if grade_id in spec["text"]:
            cell.source = spec["text"][grade_id]
        elif cell.cell_type == "markdown" and meta.get("locked"):
            # The base's prompts name seed 0, the seed of runs that give none; a variant has its own.
            cell.source = _SEED_0.sub("this economy's seed", cell.source.replace(f"{base}.ipynb", f"{ident}.ipynb"))
        if grade_id in spec["points"]:
            cell.metadata["nbgrader"]["points"] = spec["points"][grade_id]
    _restate_points(nb, spec)
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(first_code + 1, activation_cell(ident))
    for index, cell in enumerate(nb.cells):  # stable cell ids: the same spec gives the same bytes
        cell["id"] = f"cell-{index:03d}"
    return nb


def _restate_points(nb, spec: dict[str, Any]) -> None:
    """Headings say "(N points)" and the header the totals: where ``points`` changed them, they follow."""
    changed = {question_of(grade_id) for grade_id in spec["points"]}
    if not changed:
        return
    graded = [nbgrader_meta(c) for c in nb.cells if nbgrader_meta(c).get("grade")]

    def points(metas) -> float:
        return sum(float(m.get("points", 0)) for m in metas)

    auto = points(m for m in graded if not m.get("solution"))
    by_hand = points(m for m in graded if m.get("solution"))
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        question = question_of(grade_id)
        if grade_id in spec["text"]:
            continue
        if question in changed and grade_id == f"{question}_prompt":
            total = f"{points(m for m in graded if question_of(m['grade_id']) == question):g}"
            cell.source = _POINTS.sub(f"({total} point{'' if total == '1' else 's'})", cell.source, count=1)
        elif grade_id == "header":  # "**Total: 16 points**: 12 autograded (...), 4 graded by hand"
            cell.source = _TOTAL.sub(f"Total: {auto + by_hand:g} points", cell.source, count=1)
            cell.source = _AUTO.sub(f"{auto:g} autograded", cell.source, count=1)
            cell.source = _BY_HAND.sub(f"{by_hand:g} graded by hand", cell.source, count=1)


def build(spec: dict[str, Any], course: Course, force: bool = False) -> tuple[Path, Path]:
    """Write the source and student folders (``source/<id>/``, ``exercises/<id>/``) of the validated
    ``spec`` in ``course``.

    Returns the two folders, and records the variant in the course's gradebook (``register``). A
    course assignment that is not a variant is never overwritten; an existing variant only with
    ``force``. Raises ``SpecError`` for those, ``RuntimeError`` if nbgrader cannot generate the
    student copy; then nothing in the course has changed.
    """
    import nbformat

    ident = spec["id"]
    targets = [course.source / ident, course.release / ident]
    if targets[0].exists() and not is_variant(course, ident):
        raise fail(f"id: {ident!r} is an assignment that is not a variant; it is never overwritten")
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise fail(f"id: {existing[0].relative_to(course.root)} already exists: use --force to overwrite it")
    with tempfile.TemporaryDirectory(prefix=".variant-build-", dir=course.root) as folder:
        scratch = course.scratch(Path(folder))
        source = scratch.source / ident
        shutil.copytree(course.source / spec["base"], source)
        (source / f"{spec['base']}.ipynb").unlink()
        nbformat.write(variant_notebook(spec, course), str(source / f"{ident}.ipynb"))
        (source / SPEC_FILE).write_text(spec_text(spec))
        outcome = scratch.nbgrader_api().generate_assignment(ident, force=True, create=True)
        if not outcome["success"]:
            raise RuntimeError(f"nbgrader generate_assignment {ident} failed:\n{outcome.get('error', '')}")
        for target in existing:
            shutil.rmtree(target)
        for new, target in zip([source, scratch.release / ident], targets, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(new), str(target))
    register(course, ident)
    return targets[0], targets[1]


def register(course: Course, ident: str) -> None:
    """Record the built variant ``ident`` in ``course``'s gradebook (whatever its database), as
    ``nbgrader generate_assignment`` does.

    The student copy nbgrader makes on the way goes to a scratch folder: the release folder is left as built.
    """
    with tempfile.TemporaryDirectory(prefix="antiplan-variant-") as scratch:
        api = course.nbgrader_api(CourseDirectory={"release_directory": scratch})
        outcome = api.generate_assignment(ident, force=True, create=True)
    if not outcome["success"]:
        reason = (outcome.get("error") or outcome.get("log") or "").strip().splitlines()[-1:]
        raise RuntimeError(
            f"{ident} is built, but the gradebook could not record it ({''.join(reason) or 'no message'}): "
            f"run 'nbgrader generate_assignment {ident}'"
        )
