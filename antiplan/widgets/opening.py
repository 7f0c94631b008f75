"""``dashboard(3)``: the entry point a notebook calls, light enough to import while a notebook is graded.

The dashboard itself (``antiplan.widgets.live``) needs ipywidgets and matplotlib; a graded or
validated notebook never shows it, so this module imports them only when a dashboard is drawn.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .live import Dashboard


def dashboard(chapter: int | None = None, **kwargs: Any) -> Dashboard | NotDrawn:
    """The dashboard of a chapter (1 to 10), or of the whole model (``None``).

    Args:
        chapter: the chapter whose levers to show first, or ``None`` for every lever.
        **kwargs: as for ``Dashboard``: ``seed``, ``scenario``, ``rules``, ``<name>_rule=``, parameter values.

    Returns:
        The ``Dashboard``; as the last line of a notebook cell it shows itself. While the notebook
        is being graded or validated (``NBGRADER_EXECUTION`` is set) nobody sees it, so it is not
        drawn: a note saying so stands in for it.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return NotDrawn(f"dashboard({chapter!r}) is not drawn while the notebook is graded.")
    from .live import Dashboard

    return Dashboard(chapter, **kwargs)


class NotDrawn(str):
    """What ``dashboard`` gives while a notebook is graded: a note, shown as plain text."""

    def __repr__(self) -> str:
        return str(self)
