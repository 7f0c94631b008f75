"""The assignments teach judgment: what each must contain, and how its tests treat students' answers.

Structure (fast): every assignment gives at least 40 % of its points to a rule of the student's own
design and to written answers, uses the historical data in at least one question, has a visible test
for every autograded question, and tags its answer and test cells so *Run All* goes on past an error.

Behavior (slow, one kernel per assignment): the answers planted in ``tests/planted/`` are run against
the instructor's tests. Every typical wrong answer fails a visible test, with a one-line message;
every reasonable own rule earns all of its question's autograded points; every unreasonable one
does not.
"""

from __future__ import annotations

import nbformat
import pytest
from grading_support import CHAPTERS, ROOT, read
from nbclient import NotebookClient
from planted import planted, strict

from antiplan.figures.exercises import exercises_markdown, questions
from antiplan.grading.notebook import answer_names, cells_by_grade_id, nbgrader_meta, solution_code
from antiplan.grading.notebook import test_cells as graded_tests

RAISES = "raises-exception"


def planted_chapters(chapters) -> list:
    """The chapters as parameters that keep each chapter's planted-answer tests on one test worker
    (``--dist loadgroup``), so its notebook of planted answers runs once per test run."""
    return [pytest.param(c, marks=pytest.mark.xdist_group(f"planted_{c}")) for c in chapters]


def source(chapter: str) -> nbformat.NotebookNode:
    return read(ROOT / "source" / chapter / f"{chapter}.ipynb")


def student_copy(chapter: str) -> nbformat.NotebookNode:
    return read(ROOT / "exercises" / chapter / f"{chapter}.ipynb")


def points_by_question(nb) -> dict[str, dict[str, float]]:
    """Per question: autograded and hand-graded points."""
    out: dict[str, dict[str, float]] = {}
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade"):
            question = meta["grade_id"].split("_")[0]
            kind = "hand" if cell.cell_type == "markdown" else "auto"
            out.setdefault(question, {"auto": 0.0, "hand": 0.0})[kind] += meta["points"]
    return out


# ------------------------------------------------------------------------------------- structure


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_judgment_and_own_rules_carry_at_least_40_percent(chapter):
    nb = source(chapter)
    points = points_by_question(nb)
    total = sum(p["auto"] + p["hand"] for p in points.values())
    own = planted(chapter).OWN_RULE["question"]
    judged = sum(p["hand"] for p in points.values()) + points[own]["auto"]
    assert judged / total >= 0.4, f"{chapter}: own rule and written answers carry {judged} of {total} points"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_at_least_one_question_uses_the_historical_data(chapter):
    nb = source(chapter)
    uses_data = [
        meta["grade_id"]
        for cell in nb.cells
        if (meta := nbgrader_meta(cell)).get("solution") and "antiplan.data" in solution_code(cell.source)
    ]
    assert uses_data, f"{chapter}: no answer reads antiplan.data"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_own_rule_question_is_graded_on_properties(chapter):
    own = planted(chapter).OWN_RULE
    assert len(own["reasonable"]) >= 3 and len(own["unreasonable"]) >= 2
    tests = [t for t in graded_tests(source(chapter)) if t.question == own["question"]]
    assert any("rule_asserts" in t.source for t in tests), f"{chapter}: the own-rule tests check no property"
    assert not any("DEFAULT_RULES" in t.source or "antiplan.rules." in t.source for t in tests), (
        f"{chapter}: an own-rule test compares with the model's rule"
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_autograded_question_has_visible_tests_and_planted_mistakes(chapter):
    nb = source(chapter)
    wrong = planted(chapter).WRONG
    for question in sorted({t.question for t in graded_tests(nb)}):
        mine = [t for t in graded_tests(nb) if t.question == question]
        assert any(not t.hidden for t in mine), f"{chapter} {question}: no visible test"
        least = 3 if strict(chapter) else 2
        assert len(wrong.get(question, [])) >= least, f"{chapter} {question}: fewer than {least} planted wrong answers"
        for _, _, *parts in wrong.get(question, []):
            named = set(parts[0]) if parts else set()
            assert named <= {t.grade_id for t in mine}, f"{chapter} {question}: a wrong answer names parts {named}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_run_all_goes_on_past_a_failing_answer_or_test(chapter):
    for cell in source(chapter).cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and (meta.get("grade") or meta.get("solution")):
            assert RAISES in cell.metadata.get("tags", []), f"{chapter} {meta['grade_id']} lacks {RAISES!r}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_lists_exactly_what_is_graded(chapter):
    """The chapter's Exercises section is written from the notebook: every question, its points."""
    text = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
    section = text[text.index("## Exercises") :]
    section = section[: section.index("\n## ", 5)]
    assert f'show_exercises("{chapter}")' in section
    assert not [line for line in section.splitlines() if line.startswith("- ")], "a hand-written exercise list"
    listed = exercises_markdown(chapter)
    headings = [c.source.splitlines()[0] for c in source(chapter).cells if c.source.startswith("### Question")]
    assert len(headings) == len([line for line in listed.splitlines() if line[:1].isdigit()])
    for heading, q in zip(headings, questions(chapter), strict=True):
        assert heading.startswith(f"### Question {q.number}") and q.title in heading
        assert f"({q.points:g} points)" in heading and f"**{q.title}**" in listed
    graded = points_by_question(source(chapter))
    for q in questions(chapter):
        assert graded[f"q{q.number}"] == {"auto": q.autograded, "hand": q.by_hand}


# -------------------------------------------------------------------------------------- behavior


def _code(text: str, role: str, **extra) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(text)
    cell.metadata["planted"] = {"role": role, **extra}
    return cell


def planted_notebook(chapter: str) -> nbformat.NotebookNode:
    """The chapter's notebook set up with every solution, then each planted answer in turn, each
    followed by its question's tests as the student copy has them (what ``check`` runs), its tests
    as the grader runs them (hidden ones included), and the solutions' names put back."""
    nb = source(chapter)
    original = list(nb.cells)
    released = cells_by_grade_id(student_copy(chapter))
    tests = graded_tests(nb)
    cells = [_code(IN_PROCESS, "setup")]
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or meta.get("grade") or "dashboard(" in cell.source or "check(" in cell.source:
            continue
        cells.append(_code(solution_code(cell.source) if meta.get("solution") else cell.source, "setup"))
    module = planted(chapter)

    def plant(code: str, answer: str, question: str, **info) -> None:
        """The answer, then each of the question's tests as the student copy has it and, after it, the
        rest of the test as the grader has it (its hidden region), then the solution's names again."""
        cells.append(_code(SAVE, "setup"))
        cells.append(_code(code, "answer"))
        for t in (t for t in tests if t.question == question):
            visible, hidden = _visible_and_hidden(original[t.index].source, released[t.grade_id].source)
            cells.append(_code(visible, "visible", question=question, grade_id=t.grade_id, answer=answer, **info))
            cells.append(_code(hidden, "graded", question=question, grade_id=t.grade_id, points=t.points, **info))
        cells.append(_code(RESTORE, "restore"))

    for question, answers in module.WRONG.items():
        for k, (answer, code, *parts) in enumerate(answers):
            plant(code, answer, question, verdict="wrong", name=k, parts=list(parts[0]) if parts else None)
    own = module.OWN_RULE
    for verdict in ("reasonable", "unreasonable", "trivial"):
        for name, code in (own[verdict] if verdict != "trivial" else getattr(module, "TRIVIAL", {})).items():
            plant(code, own["answer"], own["question"], verdict=verdict, name=name)
    nb.cells = cells
    return nb


HIDDEN = "### BEGIN HIDDEN TESTS"

# The tests' expected values (``asserts.model``) computed in the kernel, as the grader's clean run computes
# them, not each in a process of its own: the kernel runs only the planted answers, none of which
# tampers with anything, and a fresh process gives the same values (tests/test_grading_boundary.py).
IN_PROCESS = "import antiplan.grading.clean\nantiplan.grading.clean.SERVING = True"

# The names the solutions defined, kept before each planted answer and put back after its tests, so the
# next question's tests see the solutions again without running them again (a fit takes seconds). No
# solution changes a module's state and no planted answer changes an object in place, so the names are
# all there is to put back.
SAVE = "_planted_saved = dict(globals())"
RESTORE = (
    "for _name in [n for n in globals() if n not in _planted_saved and not n.startswith('_')]:\n"
    "    del globals()[_name]\n"
    "globals().update(_planted_saved)"
)


def _visible_and_hidden(whole: str, released: str) -> tuple[str, str]:
    """A test cell as the student copy has it and the hidden region the grader runs after it.

    Run one after the other in one kernel they are the grader's test cell, which fails where the
    visible part fails or else where the hidden part does (``_outcomes``); so the visible part runs
    once, not once for the self-check and again for the grade. Every hidden region ends its cell.
    """
    visible, marker, rest = whole.partition(HIDDEN)
    assert visible.rstrip() == released.rstrip(), "the student copy's test is not the source's visible part"
    return released, marker + rest


def _error(cell):
    return next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    cache = {}

    def run(chapter):
        if chapter not in cache:
            nb = planted_notebook(chapter)
            folder = tmp_path_factory.mktemp(chapter)
            NotebookClient(nb, timeout=600, allow_errors=True, resources={"metadata": {"path": str(folder)}}).execute()
            for cell in nb.cells:
                role = cell.metadata["planted"]["role"]
                failed = role in ("setup", "restore") and _error(cell)
                assert not failed, f"{chapter}: a {role} cell failed:\n{cell.source}"
            cache[chapter] = nb
        return cache[chapter]

    return run


def _outcomes(nb, role: str, *keys: str) -> dict[tuple, list]:
    """The cells planted with ``role``, grouped by their ``keys``: ``(info, error or None)`` each. A
    graded test's error is its visible part's, or else its hidden region's (the cell just after)."""
    out: dict[tuple, list] = {}
    for before, cell in zip([None, *nb.cells], nb.cells, strict=False):
        info = cell.metadata["planted"]
        if info["role"] == role:
            error = _error(cell)
            if role == "graded":
                error = _error(before) or error
            out.setdefault(tuple(info[k] for k in keys), []).append((info, error))
    return out


def _earned(nb, verdict: str) -> dict[tuple, tuple[float, float]]:
    """For each planted answer of ``verdict``: the points its question's tests award it (hidden
    tests included, as nbgrader scores them: a test cell's points when it raises nothing) and the
    question's autograded points; for a wrong answer that names the parts of its question it gets
    wrong (the grade ids of their tests), the points of those parts only."""
    out = {}
    for (v, question, name), results in _outcomes(nb, "graded", "verdict", "question", "name").items():
        if v == verdict:
            parts = results[0][0].get("parts")
            results = [(info, error) for info, error in results if not parts or info["grade_id"] in parts]
            earned = sum(info["points"] for info, error in results if error is None)
            out[(question, name)] = (earned, sum(info["points"] for info, _ in results))
    return out


def _flagged(nb, verdict: str) -> dict[tuple, bool]:
    """For each planted answer of ``verdict``: whether a visible test fails on it."""
    return {
        (question, name): any(error is not None for _, error in results)
        for (v, question, name), results in _outcomes(nb, "visible", "verdict", "question", "name").items()
        if v == verdict
    }


def _one_line_failures(nb, chapter: str) -> None:
    for (_, question, _), results in _outcomes(nb, "visible", "verdict", "question", "name").items():
        for _, error in results:
            if error is not None and error["ename"] == "Failed":
                assert len(error["traceback"]) == 1, f"{chapter} {question}: a traceback, not one line"


def _answer(chapter: str, question: str, name) -> str:
    module = planted(chapter)
    return module.WRONG[question][name][1] if isinstance(name, int) else module.TRIVIAL[name]


@pytest.mark.slow
@pytest.mark.parametrize("chapter", planted_chapters(CHAPTERS))
def test_visible_tests_catch_typical_wrong_answers_in_one_line(ran, chapter):
    nb = ran(chapter)
    _one_line_failures(nb, chapter)
    flagged = _flagged(nb, "wrong")
    missed = [f"{q} wrong answer {k}:\n{_answer(chapter, q, k)}" for (q, k), seen in flagged.items() if not seen]
    if strict(chapter):
        assert len(missed) <= 0.2 * len(flagged), f"{chapter}: visible tests pass these wrong answers:\n" + "\n".join(
            missed
        )
    else:
        assert not missed, f"{chapter}: visible tests pass these wrong answers:\n" + "\n".join(missed)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", planted_chapters(c for c in CHAPTERS if strict(c)))
def test_wrong_answers_earn_at_most_a_tenth_of_their_question(ran, chapter):
    """Every typical wrong answer, graded with the hidden tests, earns at most 10 % of its question."""
    rich = [
        f"{q} wrong answer {k} earns {earned:g} of {total:g}:\n{_answer(chapter, q, k)}"
        for (q, k), (earned, total) in _earned(ran(chapter), "wrong").items()
        if earned > 0.1 * total
    ]
    assert not rich, f"{chapter}: wrong answers that pay:\n" + "\n".join(rich)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", planted_chapters(c for c in CHAPTERS if strict(c)))
def test_a_retyped_constant_or_reversed_rule_earns_at_most_one_point_and_is_flagged(ran, chapter):
    nb = ran(chapter)
    trivial = planted(chapter).TRIVIAL
    assert {"retyped", "constant", "reversed"} <= set(trivial), f"{chapter}: TRIVIAL lacks a kind"
    earned = _earned(nb, "trivial")
    flagged = _flagged(nb, "trivial")
    for (question, name), (points, total) in earned.items():
        assert points <= 1, f"{chapter} {question}: the {name} rule earns {points:g} of {total:g} points"
        assert flagged[(question, name)], f"{chapter} {question}: no visible test flags the {name} rule"


@pytest.mark.slow
@pytest.mark.parametrize("chapter", planted_chapters(CHAPTERS))
def test_reasonable_own_rules_earn_full_marks_and_unreasonable_ones_do_not(ran, chapter):
    for (verdict, name), results in _outcomes(ran(chapter), "graded", "verdict", "name").items():
        if verdict not in ("reasonable", "unreasonable"):
            continue
        failures = [f"{info['grade_id']}: {error['evalue']}" for info, error in results if error is not None]
        if verdict == "reasonable":
            assert not failures, f"{chapter}: the reasonable rule {name!r} loses points: {failures}"
        else:
            assert failures, f"{chapter}: the unreasonable rule {name!r} earns full marks"


def _named(chapter: str) -> dict[str, list[str]]:
    """Per answer cell: the names a student defines in it (variables and functions)."""
    out = {}
    for grade_id, cell in cells_by_grade_id(source(chapter)).items():
        if cell.cell_type == "code" and nbgrader_meta(cell).get("solution"):
            names, functions = answer_names(solution_code(cell.source))
            out[grade_id] = names + list(functions)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("chapter", planted_chapters(CHAPTERS))
def test_the_self_check_names_the_answer_it_rejects(ran, chapter):
    """Run as the student copy has them, the tests that reject a planted answer say which of the
    student's names is wrong (``my_quota(1.0, 0.2)``, ``grain_gap``), not only that something is."""
    named = _named(chapter)
    vague = []
    for cell in ran(chapter).cells:
        info = cell.metadata["planted"]
        error = _error(cell)
        rejected = info["role"] == "visible" and info["verdict"] in ("wrong", "trivial") and error
        if rejected and error["ename"] == "Failed":
            if not any(name in error["evalue"] for name in named[info["answer"]]):
                vague.append(f"{info['grade_id']} on {info['question']} answer {info['name']}: {error['evalue']}")
    assert not vague, f"{chapter}: messages that name none of the answer's names:\n" + "\n".join(vague)
