"""A dashboard in a real browser: JupyterLab on loopback, driven in headless Debian Chromium.

The test starts JupyterLab (random free port, a token, a temporary notebook folder and Jupyter
settings), opens a notebook whose cell is a chapter's "Try it" cell, runs it, drags a slider and
checks that the figure and the numbers change. It needs Debian's ``chromium`` (``make system-deps``)
and fails, rather than skips, when it is missing.
"""

from __future__ import annotations

import nbformat
import pytest
from browser_support import jupyterlab, notebook_page, wait_kernel_idle

STEP_TIMEOUT = 120_000  # milliseconds for each step in the browser (kernel start, first run)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

TRY_IT = "from antiplan.widgets import dashboard\n\ndashboard(3)"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on loopback serving a notebook with a chapter's dashboard; yields its URL."""
    home = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TRY_IT)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with jupyterlab(home, {"try_it.ipynb": nb}) as server:
        yield server


def _wait_idle(page) -> None:
    wait_kernel_idle(page, STEP_TIMEOUT)


KERNEL_PRINT = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let out = '';
  const future = kernel.requestExecute({code, store_history: false});
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return out.trim();
}"""


def _kernel_print(page, expression: str) -> str:
    """What ``print(expression)`` prints in the notebook's kernel."""
    return page.evaluate(KERNEL_PRINT, f"print({expression})")


def test_moving_a_slider_in_jupyterlab_changes_the_plot(lab, tmp_path):
    errors: list[str] = []
    profile = tmp_path / "chromium-profile"
    viewport = {"width": 1500, "height": 1100}
    with notebook_page(lab, "try_it.ipynb", profile, STEP_TIMEOUT, errors=errors, viewport=viewport) as page:
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")

        plot = page.locator("img.antiplan-plot")
        plot.wait_for(state="visible")
        numbers = page.locator(".antiplan-numbers")
        numbers.wait_for(state="visible")
        page.wait_for_function(
            "() => { const i = document.querySelector('img.antiplan-plot');"
            " return i && i.complete && i.naturalWidth > 0; }"
        )
        _wait_idle(page)
        assert not page.locator(".jupyter-widgets-error-widget").count(), "a widget failed to render"
        assert "statistics gap" in numbers.inner_text()
        before_image, before_numbers = plot.screenshot(), numbers.inner_text()
        readout = page.locator(".antiplan-control-penalty .widget-readout")
        before_value = readout.inner_text()

        handle = page.locator(".antiplan-control-penalty .noUi-handle")
        track = page.locator(".antiplan-control-penalty .noUi-target")
        handle.scroll_into_view_if_needed()
        h, t = handle.bounding_box(), track.bounding_box()
        y = h["y"] + h["height"] / 2
        page.mouse.move(h["x"] + h["width"] / 2, y)
        page.mouse.down()
        page.mouse.move(t["x"] + 0.9 * t["width"], y, steps=12)
        page.mouse.up()

        page.wait_for_function(
            "before => document.querySelector('.antiplan-numbers').innerText !== before",
            arg=before_numbers,
            polling=200,
        )
        _wait_idle(page)
        page.wait_for_timeout(500)  # let the last image message paint
        after_value = readout.inner_text()
        assert float(after_value) > float(before_value), (before_value, after_value)
        assert numbers.inner_text() != before_numbers
        assert plot.screenshot() != before_image
        # the kernel's run has the value the slider shows (Out[1] is the dashboard the cell returned)
        in_kernel = float(_kernel_print(page, "Out[1].result.params['penalty']"))
        assert in_kernel == pytest.approx(float(after_value), abs=0.006)
        assert not page.locator(".antiplan-messages [role=alert]").count()
        assert not page.locator(".jupyter-widgets-error-widget").count(), "a widget failed to render"
    assert not errors, f"JavaScript errors in the page: {errors}"
