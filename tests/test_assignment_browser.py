"""A student's assignment in a real JupyterLab: Restart and Run All with a wrong answer in place.

The chapter 3 student copy, answered from the instructor's solutions except question 2, which holds
a typical mistake (a percent where a share is asked), is opened in JupyterLab in headless Chromium.
*Kernel > Restart Kernel and Run All Cells* must reach the last cell; the failing visible test must
say what is wrong in one line, and the other questions' tests must pass.
"""

from __future__ import annotations

import pytest
from browser_support import jupyterlab, notebook_page, wait_kernel_idle
from grading_support import ROOT, submission

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

STEP_TIMEOUT = 240_000  # milliseconds: a whole notebook's run on a loaded machine
WRONG_Q2 = "grain_gap = 24.6\ngrain_gap_range = [13.3, 38.5]\ngap_times_model = 5.0"

CELLS = """() => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  return notebook.widgets.map((cell) => {
    const model = cell.model;
    const item = {type: model.type, id: model.id, count: null, errors: []};
    if (model.type === 'code') {
      item.count = model.executionCount;
      for (const output of model.outputs.toJSON()) {
        if (output.output_type === 'error') item.errors.push({ename: output.ename, lines: output.traceback});
      }
    }
    return item;
  });
}"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    nb = submission("ch03", "solution", ROOT / "exercises" / "ch03" / "ch03.ipynb")
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q2_answer":
            cell.source = WRONG_Q2
    with jupyterlab(tmp_path_factory.mktemp("assignment"), {"ch03.ipynb": nb}) as server:
        yield server


def test_restart_and_run_all_reaches_the_end_and_names_the_mistake(lab, tmp_path):
    with notebook_page(lab, "ch03.ipynb", tmp_path / "chromium-profile", STEP_TIMEOUT) as page:
        # The menu's command, as a student runs it; it asks before restarting.
        # Not awaited: the command's promise waits for the dialog below.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
        page.locator(".jp-Dialog .jp-mod-accept").click()
        last_code = page.evaluate(CELLS)
        last_id = [c["id"] for c in last_code if c["type"] == "code"][-1]
        page.wait_for_function(
            "(id) => { const c = window.jupyterapp.shell.currentWidget.content.widgets"
            ".find((w) => w.model.id === id); return c && c.model.executionCount !== null; }",
            arg=last_id,
            timeout=STEP_TIMEOUT,
            polling=500,
        )
        wait_kernel_idle(page, STEP_TIMEOUT)
        cells = page.evaluate(CELLS)
        code = [c for c in cells if c["type"] == "code"]
        assert all(c["count"] is not None for c in code), "Run All stopped before the last cell"
        failing = {c["id"]: c["errors"] for c in code if c["errors"]}
        assert list(failing) == ["q2-test-sign"], f"unexpected failures: {list(failing)}"
        (error,) = failing["q2-test-sign"]
        assert error["ename"] == "Failed" and len(error["lines"]) == 1, error
        assert "`grain_gap`" in error["lines"][0] and "24.6" in error["lines"][0]
        # What the student reads: the test cell's error and check("q2")'s report, neither a traceback.
        shown = page.locator(".jp-OutputArea-output", has_text="should lie between 0 and 1")
        assert shown.count() == 2 and not any("Traceback" in text for text in shown.all_inner_texts())
