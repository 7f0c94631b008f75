"""A chapter's "Exercises" section, written from its assignment's source notebook as the book builds.

The list a reader sees is the assignment that is graded: each question's title, points, how it is
graded and what it asks (the first paragraph of its prompt), read from ``source/chNN/chNN.ipynb``, so
the chapter and the assignment cannot say different things.

    from antiplan.figures.exercises import show_exercises
    show_exercises("ch03")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from IPython.display import Markdown, display

from ..course import Course
from ..grading.notebook import nbgrader_meta, question_of, read

_HEADING = re.compile(r"^### Question (\d+)(?: \(([^)]*)\))?: (.+?) \((\d+(?:\.\d+)?) points?\)\s*$")


@dataclass(frozen=True)
class Question:
    """One question of an assignment, as its prompt states it."""

    number: int
    title: str
    note: str  # e.g. "with the dashboard", "written, graded by hand"; empty if none
    points: float
    autograded: float
    by_hand: float
    asks: str


def _first_paragraph(text: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return " ".join(paragraphs[0].split()) if paragraphs else ""


def _course_here() -> Course:
    """The course this folder belongs to: the nearest folder, here or above, with an
    ``nbgrader_config.py`` (the book builds from ``book/``, one level below the course)."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "nbgrader_config.py").is_file():
            return Course.load(folder)
    return Course.load(here)


def questions(chapter: str, course: Course | None = None) -> list[Question]:
    """The questions of ``chapter``'s assignment (e.g. ``"ch03"``), in order.

    Raises:
        ValueError: the chapter has no assignment in the course's ``source/`` folder.
    """
    course = course or _course_here()
    path = course.source / chapter / f"{chapter}.ipynb"
    if not path.is_file():
        raise ValueError(f"no assignment for {chapter!r}: {path} does not exist")
    return questions_in(read(path), chapter)


def questions_in(nb, chapter: str) -> list[Question]:
    """The questions of the assignment notebook ``nb`` (``chapter`` names it in errors), in order."""
    points: dict[str, dict[str, float]] = {}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade"):
            kind = "hand" if cell.cell_type == "markdown" else "auto"
            bucket = points.setdefault(question_of(meta["grade_id"]) or "", {"auto": 0.0, "hand": 0.0})
            bucket[kind] += float(meta.get("points", 0))
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or not nbgrader_meta(cell).get("grade_id", "").endswith("_prompt"):
            continue
        heading, _, body = cell.source.partition("\n")
        match = _HEADING.match(heading.strip())
        if not match:
            raise ValueError(f"{chapter}: a question prompt without a '### Question N: title (P points)' heading")
        number = int(match.group(1))
        share = points.get(f"q{number}", {"auto": 0.0, "hand": 0.0})
        found.append(
            Question(
                number=number,
                title=match.group(3),
                note=match.group(2) or "",
                points=float(match.group(4)),
                autograded=share["auto"],
                by_hand=share["hand"],
                asks=_first_paragraph(body),
            )
        )
    return found


def _graded(q: Question) -> str:
    if q.by_hand and q.autograded:
        return f"{q.autograded:g} autograded, {q.by_hand:g} by hand"
    return "by hand" if q.by_hand else "autograded"


def exercises_markdown(chapter: str, course: Course | None = None) -> str:
    """The chapter's "Exercises" section body, in Markdown."""
    qs = questions(chapter, course)
    total = sum(q.points for q in qs)
    hand = sum(q.by_hand for q in qs)
    lines = [
        f"The graded assignment for this chapter is `exercises/{chapter}/{chapter}.ipynb` "
        f"({total:g} points, {hand:g} of them graded by hand). Its questions:",
        "",
    ]
    for q in qs:
        note = f" ({q.note})" if q.note else ""
        lines.append(f"{q.number}. **{q.title}**{note}, {q.points:g} points, {_graded(q)}. {q.asks}")
    return "\n".join(lines)


def show_exercises(chapter: str) -> None:
    """Display the chapter's "Exercises" section, from its assignment's source notebook."""
    display(Markdown(exercises_markdown(chapter)))
