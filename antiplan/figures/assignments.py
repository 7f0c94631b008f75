"""What the instructor's pages say about the assignments as a whole, written from their source notebooks.

Each chapter's "Exercises" section lists its own assignment (``exercises.show_exercises``); the
syllabus and the grading guide speak of all of them at once: how many questions, how many points,
which parts are graded by hand. These functions write those phrases from ``source/chNN/chNN.ipynb``
as the book builds, so the pages cannot say other than the notebooks do:

    from antiplan.figures.assignments import sizes
    sizes()  # "five questions and 18 points (chapter 7 has seven and 24)"

The usual value (the one most assignments share) is stated first, then each assignment that differs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..course import Course
from ..grading.notebook import nbgrader_meta, question_of, read
from .exercises import Question, _course_here, questions, questions_in

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_CHAPTER = re.compile(r"^ch\d\d$")
_SCHEME = re.compile(r"### BEGIN MARK SCHEME\n(.*?)### END MARK SCHEME", re.S)
_CRITERION = re.compile(r"^- \d+(?:\.\d+)? pts?:", re.M)
_LEVEL = re.compile(r"^- \*\*\d+\*\*:", re.M)

MINUTES_WRITTEN = 40
"""The syllabus's estimate of a student's time for a written answer, in minutes."""
MINUTES_COMPUTED = 20
"""The syllabus's estimate of a student's time for a computed or dashboard question, at most, in minutes."""


def number_word(n: int) -> str:
    """``"five"`` for 5; digits from 13 up."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def chapter_name(chapter: str) -> str:
    """``"chapter 7"`` for ``"ch07"``."""
    return f"chapter {int(chapter[2:])}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def chapters(course: Course | None = None) -> list[str]:
    """The chapters with an assignment in the course's source folder (``ch01``, ...), in order;
    variants and other assignments are left out."""
    course = course or _course_here()
    return sorted(
        p.name for p in course.source.iterdir() if _CHAPTER.match(p.name) and (p / f"{p.name}.ipynb").is_file()
    )


def assignments(course: Course | None = None) -> dict[str, list[Question]]:
    """Every chapter's questions, by chapter."""
    course = course or _course_here()
    return {chapter: questions(chapter, course) for chapter in chapters(course)}


def _usual(values: dict[str, object]) -> tuple[object, dict[str, object]]:
    """The value most chapters share, and the chapters whose value differs."""
    usual = Counter(values.values()).most_common(1)[0][0]
    return usual, {chapter: value for chapter, value in values.items() if value != usual}


def sizes(course: Course | None = None) -> str:
    """``"five questions and 18 points (chapter 7 has seven and 24)"``."""
    found = {ch: (len(qs), sum(q.points for q in qs)) for ch, qs in assignments(course).items()}
    (count, points), other = _usual(found)
    text = f"{number_word(count)} questions and {points:g} points"
    if other:
        text += (
            " (" + _join([f"{chapter_name(ch)} has {number_word(n)} and {p:g}" for ch, (n, p) in other.items()]) + ")"
        )
    return text


def question_counts(course: Course | None = None) -> str:
    """``"five questions (seven in chapter 7)"``."""
    usual, other = _usual({ch: len(qs) for ch, qs in assignments(course).items()})
    text = f"{number_word(usual)} questions"
    if other:
        text += " (" + _join([f"{number_word(n)} in {chapter_name(ch)}" for ch, n in other.items()]) + ")"
    return text


def max_scores(course: Course | None = None) -> str:
    """``"18 per assignment, 24 for chapter 7"``."""
    usual, other = _usual({ch: sum(q.points for q in qs) for ch, qs in assignments(course).items()})
    return ", ".join([f"{usual:g} per assignment", *(f"{p:g} for {chapter_name(ch)}" for ch, p in other.items())])


@dataclass(frozen=True)
class Written:
    """A part of a question graded by hand, as its mark scheme states it."""

    chapter: str
    number: int
    points: float
    explanation: bool  # the hand-graded part of a question that is also autograded
    levels: int  # the levels its scheme describes (0 if it grades by criteria)
    criteria: int  # the criteria its scheme gives points for (0 if it grades by level)

    @property
    def name(self) -> str:
        return f"question {self.number}'s explanation" if self.explanation else f"question {self.number}"

    @property
    def marking(self) -> str:
        if self.criteria:
            return "one point per criterion of its mark scheme" if self.criteria == self.points else "by criteria"
        return "marked against the levels of its mark scheme"


def written(course: Course | None = None) -> dict[str, list[Written]]:
    """Every chapter's parts graded by hand, in order, by chapter."""
    course = course or _course_here()
    found = {}
    for chapter, qs in assignments(course).items():
        nb = read(course.source / chapter / f"{chapter}.ipynb")
        by_number = {q.number: q for q in qs}
        parts = []
        for cell in nb.cells:
            meta = nbgrader_meta(cell)
            if not (meta.get("grade") and cell.cell_type == "markdown"):
                continue
            number = int(question_of(meta["grade_id"])[1:])
            scheme = _SCHEME.search(cell.source)
            text = scheme.group(1) if scheme else ""
            parts.append(
                Written(
                    chapter=chapter,
                    number=number,
                    points=float(meta.get("points", 0)),
                    explanation=by_number[number].autograded > 0,
                    levels=len(_LEVEL.findall(text)),
                    criteria=len(_CRITERION.findall(text)),
                )
            )
        found[chapter] = parts
    return found


def _common(parts: dict[str, list[Written]]) -> set[tuple[int, bool]]:
    """The (question, explanation) pairs graded by hand in every chapter."""
    keys = [{(w.number, w.explanation) for w in ws} for ws in parts.values()]
    return set.intersection(*keys) if keys else set()


def _extra(course: Course | None) -> dict[str, list[Written]]:
    parts = written(course)
    common = _common(parts)
    extra = {ch: [w for w in ws if (w.number, w.explanation) not in common] for ch, ws in parts.items()}
    return {ch: ws for ch, ws in extra.items() if ws}


def _names(parts: list[Written]) -> str:
    """``"question 7"``, ``"questions 5 and 7"``, ``"question 1's explanation and question 7"``."""
    if len(parts) > 1 and not any(w.explanation for w in parts):
        return "questions " + _join([str(w.number) for w in parts])
    return _join([w.name for w in parts])


def written_parts(course: Course | None = None) -> str:
    """``"question 1's explanation, question 5, and in chapter 7 question 7"``: what is graded by hand."""
    parts = written(course)
    common = _common(parts)
    first = next(iter(parts.values()))
    names = [w.name for w in first if (w.number, w.explanation) in common]
    extra = [f"in {chapter_name(ch)} {_names(ws)}" for ch, ws in _extra(course).items()]
    if not extra:
        return _join(names)
    return ", ".join(names + extra[:-1]) + ", and " + extra[-1]


def hand_grading(course: Course | None = None) -> str:
    """What grading a class by hand takes, per student and assignment (the syllabus's estimate):
    ``"the written answer (4 points, marked against ...) and the 1-point explanation of the student's
    own rule; in chapter 7 also question 7 (3 points, ...), about three minutes more"``."""
    parts = written(course)
    common = _common(parts)
    first = sorted(
        (w for w in next(iter(parts.values())) if (w.number, w.explanation) in common), key=lambda w: w.explanation
    )
    said = []
    for w in first:
        if w.explanation:
            said.append(f"the {w.points:g}-point explanation of the student's own rule")
        else:
            said.append(f"the written answer ({w.points:g} points, {w.marking})")
    text = _join(said)
    for ch, ws in _extra(course).items():
        what = _join([f"question {w.number} ({w.points:g} points, {w.marking})" for w in ws])
        text += f"; in {chapter_name(ch)} also {what}, about three minutes more"
    return text


def extra_time(course: Course | None = None) -> str:
    """The syllabus's sentence on the assignments with more questions than most, e.g. ``"Chapter 7
    adds about an hour for questions 6 and 7 ("...", "...")."``; empty if every assignment has as many."""
    found = assignments(course)
    usual, other = _usual({ch: len(qs) for ch, qs in found.items()})
    sentences = []
    for ch in other:
        extra = [q for q in found[ch] if q.number > usual]
        if not extra:
            continue
        minutes = sum(MINUTES_WRITTEN if q.by_hand and not q.autograded else MINUTES_COMPUTED for q in extra)
        took = "about an hour" if minutes == 60 else f"about {minutes} minutes"
        numbers = _join([str(q.number) for q in extra])
        titles = ", ".join(f"\u201c{q.title}\u201d" for q in extra)
        label = "questions" if len(extra) > 1 else "question"
        sentences.append(f"{chapter_name(ch).capitalize()} adds {took} for {label} {numbers} ({titles}).")
    return " ".join(sentences)


def _scheme(w: Written, name: str) -> str:
    if w.criteria:
        return f"{name}, out of {w.points:g}, gives a point for each of {number_word(w.criteria)} criteria"
    return f"{name}, out of {w.points:g}, grades by level"


def mark_schemes(course: Course | None = None) -> str:
    """How the mark schemes of the parts graded by hand grade, e.g. ``"Question 5's scheme grades by
    level: it describes an answer worth 4 points, then what 3, 2, 1 and 0 lack (chapter 7's question
    7, out of 3, gives a point for each of three criteria). Question 1's explanation (1 point) has its
    own short model answer and scheme"`` (no final period)."""
    parts = written(course)
    common = _common(parts)
    first = [w for w in next(iter(parts.values())) if (w.number, w.explanation) in common]
    extra = [_scheme(w, f"{chapter_name(ch)}'s question {w.number}") for ch, ws in _extra(course).items() for w in ws]
    sentences = []
    for w in sorted(first, key=lambda w: w.explanation):
        if w.explanation:
            unit = "point" if w.points == 1 else "points"
            sentences.append(
                f"Question {w.number}'s explanation ({w.points:g} {unit}) has its own short model answer and scheme"
            )
        elif w.levels:
            below = _join([str(k) for k in range(int(w.points) - 1, -1, -1)])
            text = (
                f"Question {w.number}'s scheme grades by level: it describes an answer worth {w.points:g} points, "
                f"then what {below} lack"
            )
            sentences.append(text + (f" ({'; '.join(extra)})" if extra else ""))
            extra = []
        else:
            sentences.append(_scheme(w, f"Question {w.number}'s scheme"))
    if extra:
        sentences.append("; ".join(extra).capitalize())
    return ". ".join(sentences)


def solution_answers(
    chapter: str, number: int, spec: dict | None = None, student: str | None = None, course: Course | None = None
) -> dict[str, object]:
    """The values question ``number``'s solution in ``chapter``'s notebook stores, computed as a
    student's code computes them: in the base economy, or in the variant ``spec``'s (``student``'s,
    if per student). Only plain values (numbers, text, lists of them) are returned, by name."""
    import antiplan

    from ..grading.notebook import cells_by_grade_id, solution_code
    from ..variants import in_economy

    course = course or _course_here()
    cell = cells_by_grade_id(read(course.source / chapter / f"{chapter}.ipynb"))[f"q{number}_answer"]
    namespace: dict[str, object] = {"antiplan": antiplan}
    with in_economy(spec, student) if spec else _nothing():
        exec(compile(solution_code(cell.source), f"{chapter} q{number}", "exec"), namespace)
    return {
        name: value
        for name, value in namespace.items()
        if not name.startswith("_")
        and isinstance(value, (int, float, str, list, tuple))
        and not isinstance(value, bool)
    }


def _nothing():
    import contextlib

    return contextlib.nullcontext()


def moving_answers(chapter: str, spec: dict, course: Course | None = None) -> tuple[list[int], list[int]]:
    """Which autograded questions of ``chapter`` (the own rule's aside) have answers that differ in the
    variant ``spec``'s economy from the base's, and which have the same: two lists of question numbers."""
    course = course or _course_here()
    moved, same = [], []
    for q in questions(chapter, course):
        if q.number == 1 or not q.autograded:
            continue
        base, variant = (
            solution_answers(chapter, q.number, None, None, course),
            solution_answers(chapter, q.number, spec, None, course),
        )
        (moved if base != variant else same).append(q.number)
    return moved, same


def variant_points(spec: dict, course: Course | None = None) -> str:
    """What a variant's ``points`` change in the headings and the header, e.g. ``"question 1's heading
    says 6 points instead of 5, question 4's 4 instead of 3, and the header's totals become 20 points,
    15 of them autograded"``."""
    from ..variants.build import variant_notebook

    course = course or _course_here()
    base = {q.number: q for q in questions(spec["base"], course)}
    variant = questions_in(variant_notebook(spec, course), spec["id"])
    changed = [q for q in variant if q.points != base[q.number].points]
    said = [
        f"question {q.number}'s heading says {q.points:g} points instead of {base[q.number].points:g}"
        if k == 0
        else f"question {q.number}'s {q.points:g} instead of {base[q.number].points:g}"
        for k, q in enumerate(changed)
    ]
    total, auto = sum(q.points for q in variant), sum(q.autograded for q in variant)
    said.append(f"the header's totals become {total:g} points, {auto:g} of them autograded")
    return ", ".join(said[:-1]) + (", and " if len(said) > 2 else " and ") + said[-1] if len(said) > 1 else said[0]


def numbered(numbers: list[int]) -> str:
    """``"question 2"``, ``"questions 3 and 4"``."""
    return ("question " if len(numbers) == 1 else "questions ") + _join([str(n) for n in numbers])
