"""An assignment's answers: the names its test cells read that the student's answer cells define.

The test cells already name every answer they check (``expect_number(growth_ch01, ...)``,
``uses(my_investment)``), so the declaration is read from them: the names a test cell reads and
does not define itself, less Python's builtins and what the test helpers export. The grader takes
the test cells from the gradebook, never from the submission, so a student cannot add or drop a
name. Each answer is handed over as a plain value, or, if it is a function, as a stand-in that calls
it across the boundary (``antiplan.grading.boundary``).
"""

from __future__ import annotations

import ast
import builtins


def names_read(source: str) -> set[str]:
    """The names ``source`` reads that it never binds itself (empty if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return loaded - bound


def helper_names() -> set[str]:
    """What the test helpers give a test cell (``from antiplan.grading.asserts import *``), and builtins."""
    from . import asserts, rule_asserts

    return set(dir(builtins)) | set(asserts.__all__) | set(rule_asserts.__all__)


def answer_names(test_sources) -> list[str]:
    """The answers the test cells ``test_sources`` read, sorted."""
    helpers = helper_names()
    found: set[str] = set()
    for source in test_sources:
        found |= names_read(source) - helpers
    return sorted(found)
