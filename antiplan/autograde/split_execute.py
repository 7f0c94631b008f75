"""nbgrader's execute step with the tests in a clean run, for plain ``nbgrader autograde``.

The course's ``nbgrader_config.py`` puts ``SplitExecute`` in place of nbgrader's ``Execute``, so
that grading from the command line or formgrader decides grades as ``antiplan grade`` does: the
student's notebook runs in its kernel, the test cells in a clean process on the answers it hands
over (``antiplan.grading.split``), in the economy the grader works out for the submission (a
variant's, by the student's id), never the one the kernel claims. Without ``antiplan grade``'s
sandbox the student's code still runs with the grader's rights.
"""

from __future__ import annotations

from nbgrader.preprocessors import Execute

from ..grading.notebook import nbgrader_meta
from ..grading.split import SplitRun


class SplitExecute(SplitRun, Execute):
    """nbgrader's ``Execute``, with each test cell run in a clean process instead of the kernel.

    Which cells are tests, and their code, come from the gradebook, never from the submission: a
    cell a student marked as a test runs in the student's kernel like any other of their cells.
    """

    share_clean_run = True  # a grader runs one notebook after another: each clean run is forked ready-made

    def test_sources(self) -> dict[int, str]:
        from nbgrader.api import Gradebook

        info = self.resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
            solutions = {cell.name for cell in notebook.solution_cells}
            sources = {cell.name: cell for cell in notebook.source_cells}
            tests = {
                cell.name: sources[cell.name].source
                for cell in notebook.grade_cells
                if cell.name not in solutions and cell.name in sources and sources[cell.name].cell_type == "code"
            }
        found = {}
        for index, cell in enumerate(self.nb.cells):
            grade_id = nbgrader_meta(cell).get("grade_id")
            if cell.cell_type == "code" and grade_id in tests:
                found[index] = tests[grade_id]
        return found

    def preprocess(self, nb, resources=None, km=None):
        try:
            return super().preprocess(nb, resources, km)
        finally:
            self.close_clean_run()

    def note(self, text: str) -> None:
        self.log.warning("%s", text)

    def grading_economy(self) -> tuple[bool, dict | None]:
        from pathlib import Path

        from ..variants.economy import economy_for_nbgrader

        info = self.resources["nbgrader"]
        folder = Path(self.resources.get("metadata", {}).get("path") or ".").resolve()
        economy = economy_for_nbgrader(info["assignment"], info["student"], folder)
        return True, economy.to_dict() if economy is not None else None
