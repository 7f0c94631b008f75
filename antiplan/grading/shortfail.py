"""One short line for a failed check in a notebook, instead of a traceback through the test helpers.

In IPython, a ``Failed`` raised by a test cell (``antiplan.grading.asserts``) is shown as
``Failed: <message>``; every other error keeps its full traceback. The cell still ends in an error
(an ``error`` output and an error reply), so Jupyter, nbgrader and ``antiplan check`` all see the test
fail: only what the student reads is shorter. Outside IPython nothing changes.
"""

from __future__ import annotations

import sys


def _handler(shell, etype, value, tb, tb_offset=None):
    if etype.__name__ != "Failed":  # a student's own ``assert``: its traceback is the useful part
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    line = f"\x1b[0;31mFailed\x1b[0m: {value}"
    # ``CustomTB`` results are not shown by IPython itself: publishing the error here is what makes
    # the cell fail visibly (an ``error`` output, which nbgrader reads as a failed test).
    shell._showtraceback(etype, value, [line])
    return None


def install() -> None:
    """Show failed checks as one line in the running IPython kernel, if there is one (idempotent)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return
    shell.set_custom_exc((AssertionError,), _handler)
