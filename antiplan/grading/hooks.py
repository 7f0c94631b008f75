"""nbgrader preprocessors the course's ``nbgrader_config.py`` plugs in.

``StripHiddenTests`` runs in ``nbgrader generate_feedback``: nbgrader's feedback shows hidden tests by
default (their code, and tracebacks that quote it). This removes each hidden-test region from the
test cells and replaces a failing hidden test's traceback by its one-line message, which the helpers
in ``antiplan.grading.asserts`` write for the student.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearHiddenTests
from nbgrader.utils import is_grade

from .notebook import BEGIN_HIDDEN


class StripHiddenTests(ClearHiddenTests):
    """Clear hidden tests, and the tracebacks of hidden tests, from an autograded notebook."""

    def preprocess_cell(self, cell, resources, cell_index):
        had_hidden = cell.cell_type == "code" and BEGIN_HIDDEN in cell.source
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if had_hidden and is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
                elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["text"] = "(output of a hidden test)\n"
        return cell, resources
