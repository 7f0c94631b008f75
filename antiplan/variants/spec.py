"""A variant's spec: the YAML an instructor writes, checked field by field.

Every error is a ``SpecError`` whose one-line message names the field and what is allowed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..parameters import BY_NAME, check_params
from ..settings import LIMITS, check_setting

if TYPE_CHECKING:
    from ..course import Course

SPEC_FILE = "variant.yml"
"""The spec's name next to a variant's notebook, in ``source/<id>/`` and the student's copy."""
FIELDS = ("base", "id", "params", "seed", "per_student", "spread", "points", "text")
DEFAULT_SPREAD = 0.25
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class SpecError(ValueError):
    """A bad variant spec; the message names the field and what is allowed (one line)."""


def fail(message: str) -> SpecError:
    """A ``SpecError`` with ``message`` on one line."""
    return SpecError(" ".join(str(message).split()))


def base_notebook(course: Course, base: str) -> Path:
    """Where the instructor's notebook of assignment ``base`` lies in ``course``."""
    return course.source / base / f"{base}.ipynb"


def is_variant(course: Course, ident: str) -> bool:
    """Whether assignment ``ident`` of ``course`` is a variant (its source folder has a spec)."""
    return (course.source / ident / SPEC_FILE).is_file()


def _check_id(raw: dict, name: str) -> str:
    if name not in raw:
        raise fail(f"{name}: missing; it is required (an assignment id such as 'ch01')")
    if not isinstance(raw[name], str) or not _ID.match(raw[name]):
        raise fail(f"{name}: {raw[name]!r} is not allowed: use lowercase letters, digits, '-' and '_'")
    return raw[name]


def _check_params(params: Any) -> dict[str, Any]:
    if not isinstance(params, dict):
        raise fail("params: must be a mapping of parameter names to values")
    try:
        return check_params(params)
    except ValueError as error:
        raise fail(f"params: {error}") from None


def _check_seed(seed: Any) -> int:
    try:
        return check_setting("seed", seed)
    except ValueError:
        lo, hi = LIMITS["seed"]
        raise fail(f"seed: {seed!r} is not allowed: an integer from {lo} to {hi}") from None


def _check_spread(spread: Any) -> float:
    if isinstance(spread, bool) or not isinstance(spread, (int, float)) or not 0 < spread <= 1:
        raise fail(f"spread: {spread!r} is not allowed: a number above 0 and at most 1")
    return float(spread)


def _check_points(points: Any, cells: dict) -> dict[str, float]:
    from ..grading.notebook import nbgrader_meta

    if not isinstance(points, dict):
        raise fail("points: must be a mapping of test cell grade ids to points")
    for key, value in points.items():
        meta = nbgrader_meta(cells[key]) if key in cells else {}
        if not meta.get("grade"):
            graded = ", ".join(k for k, c in cells.items() if nbgrader_meta(c).get("grade"))
            raise fail(f"points: unknown graded cell {key!r}: allowed are {graded}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise fail(f"points: {key}={value!r} is not allowed: a number from 0 to 100")
    return dict(points)


def _check_text(text: Any, cells: dict) -> dict[str, str]:
    from ..grading.notebook import nbgrader_meta

    if not isinstance(text, dict):
        raise fail("text: must be a mapping of markdown cell grade ids to new text")
    locked = [k for k, c in cells.items() if c.cell_type == "markdown" and not nbgrader_meta(c).get("solution")]
    for key, value in text.items():
        if key not in locked:
            raise fail(f"text: unknown cell {key!r}: allowed are the locked markdown cells {', '.join(locked)}")
        if not isinstance(value, str) or not value.strip():
            raise fail(f"text: {key} must be non-empty text")
    return dict(text)


def _here(course: Course | None, near: Path | None = None) -> Course:
    """``course``, else the course ``near`` lies in (the folder above it holding ``nbgrader_config.py``),
    else the current folder's."""
    from ..course import CONFIG_NAME, Course  # nbgrader's configuration: only where a whole course is needed

    if course is not None:
        return course
    start = Path(near).resolve().parent if near is not None else Path.cwd()
    folder = next((f for f in [start, *start.parents] if (f / CONFIG_NAME).is_file()), Path.cwd())
    return Course.load(folder)


def validate_spec(raw: Any, course: Course | None = None) -> dict[str, Any]:
    """The spec ``raw`` (parsed YAML) checked against ``course`` (default: the current folder's) and normalized.

    Raises ``SpecError`` for a field that is missing, unknown or out of range.
    """
    if not isinstance(raw, dict):
        raise fail(f"the spec must be a mapping with the fields {', '.join(FIELDS)}")
    unknown = [k for k in raw if k not in FIELDS]
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}: allowed fields are {', '.join(FIELDS)}")
    base, ident = _check_id(raw, "base"), _check_id(raw, "id")
    course = _here(course)
    if not base_notebook(course, base).exists() or is_variant(course, base):
        known = ", ".join(
            p.name
            for p in sorted(course.source.iterdir())
            if base_notebook(course, p.name).exists() and not is_variant(course, p.name)
        )
        raise fail(f"base: unknown assignment {base!r}: allowed are the course's assignments ({known})")
    if ident == base:
        raise fail("id: must differ from base")
    params = _check_params(raw.get("params") or {})
    seed = _check_seed(raw.get("seed", 0))
    per_student = raw.get("per_student", False)
    if not isinstance(per_student, bool):
        raise fail(f"per_student: {per_student!r} is not allowed: true or false")
    spread = _check_spread(raw.get("spread", DEFAULT_SPREAD))
    if per_student and not any(BY_NAME[n].kind != "bool" for n in params):
        raise fail("params: per_student needs at least one numeric parameter to vary")
    from ..grading.notebook import cells_by_grade_id, read  # nbformat: only where notebooks are read

    cells = cells_by_grade_id(read(base_notebook(course, base)))
    return {
        "base": base,
        "id": ident,
        "params": params,
        "seed": seed,
        "per_student": per_student,
        "spread": spread,
        "points": _check_points(raw.get("points") or {}, cells),
        "text": _check_text(raw.get("text") or {}, cells),
    }


def load_spec(path: Path, course: Course | None = None) -> dict[str, Any]:
    """The spec in the YAML file at ``path``, validated against ``course`` (default: the course the file
    lies in, else the current folder's)."""
    try:
        raw = yaml.safe_load(Path(path).read_text())
    except OSError as error:
        raise fail(f"{path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise fail(f"{path}: not valid YAML{line}: a spec is a YAML mapping of {', '.join(FIELDS)}") from None
    return validate_spec(raw, _here(course, path))


def course_spec(course: Course, ident: str) -> dict[str, Any]:
    """The spec of the built variant ``ident`` in ``course`` (``<source>/<id>/variant.yml``)."""
    path = course.source / ident / SPEC_FILE
    if not path.is_file():
        raise fail(f"id: no variant {ident!r} in {course.source.name}/ (build it with antiplan variant build)")
    return validate_spec(yaml.safe_load(path.read_text()), course)


def economy_spec(raw: Any, ident: str) -> dict[str, Any]:
    """The fields of a ``variant.yml`` that fix a variant's economy, checked without the course's notebooks.

    Used where only the spec is at hand (next to a student's notebook); raises ``SpecError``.
    """
    if not isinstance(raw, dict) or raw.get("id") != ident:
        raise fail(f"{SPEC_FILE}: it does not describe the assignment {ident!r}")
    return {
        "id": ident,
        "params": _check_params(raw.get("params") or {}),
        "seed": _check_seed(raw.get("seed", 0)),
        "per_student": raw.get("per_student") is True,
        "spread": _check_spread(raw.get("spread", DEFAULT_SPREAD)),
    }


def spec_text(spec: dict[str, Any]) -> str:
    """The ``variant.yml`` written next to the variant's notebook."""
    header = "# Written by `antiplan variant build`; edit the spec and rebuild rather than this file.\n"
    return header + yaml.safe_dump(spec, sort_keys=False)
