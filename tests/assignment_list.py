"""nbgrader's Assignment List in a student's JupyterLab, driven as a student would: Fetch, Validate,
Submit, Fetch Feedback.

The panel reloads its lists on its own (when it opens, after each button), and an answer from an
earlier reload can land after a later one and redraw the lists as they were. So each action starts
from a reload of its own that has finished, and is checked by what it makes on disk (the fetched
notebook, the submission in the exchange, the feedback): a click that a redraw swallowed is made
again on the fresh list, never counted as done.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from classroom_support import appears

SETTLE = 60_000  # ms for one reload of the lists, on two busy cores


def open_assignment_list(page) -> None:
    """Open the Assignment List (Nbgrader > Assignment List) and wait for a reload of it to finish."""
    page.click(".lm-MenuBar-itemLabel:text('Nbgrader')")
    page.click(".lm-Menu-itemLabel:text('Assignment List')")
    reload_lists(page)


def reload_lists(page) -> None:
    """Press the panel's refresh button; wait until the courses and the three lists are drawn again."""
    page.wait_for_selector("#refresh_assignments_list")
    page.click("#refresh_assignments_list")  # disables the course menu at once; drawing the lists enables it
    page.wait_for_selector("#course_list_dropdown:not([disabled])", timeout=SETTLE)
    for name in ("released", "fetched", "submitted"):
        page.wait_for_selector(f"#{name}_assignments_list_loading", state="hidden", timeout=SETTLE)


def row(page, section: str, assignment: str):
    """The row of ``assignment`` (its exact name) in the released, fetched or submitted list."""
    name = page.locator(".item_name", has_text=re.compile(rf"^\s*{re.escape(assignment)}\s*$"))
    return page.locator(f"#{section}_assignments_list > .list_item").filter(has=name).first


def fetch(page, assignment: str, notebook: Path) -> None:
    """Press Fetch beside ``assignment``; done when ``notebook`` is in the student's folder."""

    def attempt() -> bool:
        button = row(page, "released", assignment).locator("button:text('Fetch')")
        if button.count() and button.is_enabled():
            button.click()
        return appears(notebook.exists)

    _until(page, attempt, f"{notebook} after Fetch")


def validate(page, assignment: str) -> str:
    """Press Validate beside the assignment's notebook; the text of the dialog that answers."""
    answer = []

    def attempt() -> bool:
        item = row(page, "fetched", assignment)
        if not item.count():
            return False
        button = item.locator(".nested_list_item button:text('Validate')").first
        if not button.is_visible():
            item.locator("a.assignment-notebooks-link").click()  # unfolds the notebooks
        try:
            button.click(timeout=SETTLE)
        except Exception:  # a redraw took the row away: reload and look again
            return False
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for()  # the visible tests run first: allow for a busy machine (the context's timeout)
        answer.append(dialog.inner_text())
        dialog.locator("button").last.click()
        dialog.wait_for(state="detached")
        return True

    _until(page, attempt, f"the Validate dialog of {assignment}")
    return answer[0]


def submit(page, assignment: str, submissions: Callable[[], int]) -> None:
    """Press Submit beside ``assignment``; done when ``submissions()`` (the exchange's count) grows."""
    before = submissions()

    def attempt() -> bool:
        button = row(page, "fetched", assignment).locator("button:text('Submit')")
        if button.count() and button.is_enabled():
            button.click()
        return appears(lambda: submissions() > before)

    _until(page, attempt, f"a submission of {assignment} in the exchange")


def fetch_feedback(page, assignment: str, folder: Path) -> Path:
    """Press Fetch Feedback beside ``assignment``; the feedback HTML that arrives under ``folder``."""

    def arrived() -> list[Path]:
        return sorted(folder.glob(f"*/{assignment}.html"))

    def attempt() -> bool:
        button = row(page, "submitted", assignment).locator("button:text('Fetch Feedback')")
        if button.count() and button.is_enabled():
            button.click()
        return appears(lambda: bool(arrived()))

    _until(page, attempt, f"feedback for {assignment} in {folder}")
    return arrived()[-1]


def _until(page, attempt: Callable[[], bool], what: str, timeout: float = 480.0) -> None:
    """Open and reload the lists and make ``attempt`` until it reports done; fail, with the lists' text, after
    ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        open_assignment_list(page)
        if attempt():
            return
        if time.monotonic() > deadline:
            lists = page.locator("#assignments").inner_text()
            raise AssertionError(f"timed out waiting for {what}; the Assignment List shows:\n{lists}")
