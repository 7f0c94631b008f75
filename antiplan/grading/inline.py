"""``check("q1")``: run one question's visible tests on the answers of the student's own notebook.

The answers come from the running notebook (its variables); the tests come from the notebook
file on disk, whose test cells are locked, so they are the ones the grader runs (minus the hidden
ones). They run as the grader runs them: the answers are handed over as plain data and the tests
run in a clean process (``antiplan.grading.clean``); a student's function they call runs here, in
the notebook, with plain values in and out. So the verdict is the grader's. Like Otter-Grader's
``grader.check``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _find_notebook(namespace: dict, notebook: str | None) -> Path:
    candidates = [notebook, namespace.get("__session__"), os.environ.get("JPY_SESSION_NAME")]
    for candidate in candidates:
        if candidate and str(candidate).endswith(".ipynb") and Path(candidate).is_file():
            return Path(candidate)
    here = sorted(p for p in Path.cwd().glob("ch[0-9][0-9]*.ipynb") if ".ipynb_checkpoints" not in str(p))
    if len(here) == 1:
        return here[0]
    raise FileNotFoundError("check() could not tell which notebook this is; name it, e.g. check('q1', 'ch03.ipynb').")


def check(question: str, notebook: str | None = None) -> None:
    """Run the visible tests of ``question`` (e.g. ``"q1"``) against your answers and print each result.

    Args:
        question: the question's label, ``"q1"``, ``"q2"``, ...
        notebook: the notebook file, if ``check`` cannot find it by itself.

    Prints one line per test (✓ passed, ✗ failed with its message, ? hidden until grading) and a
    verdict. Returns nothing, so the notebook shows only what is printed. While the notebook is
    being graded or validated (nbgrader, or ``antiplan grade``, sets ``NBGRADER_EXECUTION``) it runs
    nothing and says so: the grader runs every test itself.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        print(f"check({question!r}) is not run while the notebook is graded: the grader runs every test itself.")
        return
    # Reading notebooks needs nbformat, slow to import: only a check that runs pays for it.
    from .notebook import read, test_cells

    namespace = sys._getframe(1).f_globals
    path = _find_notebook(namespace, notebook)
    tests = [t for t in test_cells(read(path)) if t.question == question]
    if not tests:
        known = sorted({t.question for t in test_cells(read(path))})
        print(f"{path.name} has no question {question!r}; its questions are {', '.join(known)}.")
        return
    outcomes = _run_visible([t for t in tests if not t.hidden], namespace)
    passed_all = True
    for test in tests:
        label = test.description or test.grade_id
        if test.hidden:
            print(f"  ?  {label} [{test.points:g} pt, hidden: checked when your work is graded]")
            continue
        failure = outcomes.get(test.grade_id)
        if failure:
            passed_all = False
            print(f"  ✗  {label} [{test.points:g} pt]\n     {failure}")
        else:
            print(f"  ✓  {label} [{test.points:g} pt]")
    print(f"{question}: {'all visible tests pass' if passed_all else 'some visible tests fail'}.")


def _run_visible(tests, namespace: dict) -> dict[str, str]:
    """Run ``tests`` in a clean process on the notebook's answers; ``{grade_id: failure}``, "" if passed."""
    import time

    from .answers import answer_names
    from .boundary import call_function, collect, kernel_economy
    from .split import CleanProcess

    if not tests:
        return {}
    job = {
        "cells": [{"id": test.grade_id, "source": test.source} for test in tests],
        "answers": collect(answer_names(test.source for test in tests), namespace),
        "economy": kernel_economy(),
    }

    def answer(request: dict) -> dict:
        function = namespace.get(request.get("name"))
        if not callable(function):
            return {"error": ["NameError", f"{request.get('name')!r} is not a function in this notebook"]}
        return call_function(function, request)

    clean = CleanProcess()
    try:
        results = clean.run(job, answer, time.monotonic() + 3600)
    finally:
        clean.close()
    outcomes = {}
    for result in results:
        errors = [o for o in result["outputs"] if o.get("output_type") == "error"]
        outcomes[result["id"]] = f"{errors[0]['ename']}: {errors[0]['evalue']}" if errors else ""
    return outcomes
