"""What each side's Jupyter server reads: the exchange, the course id, and which nbgrader tools show.

Each server gets its folder through ``JUPYTER_CONFIG_PATH`` (set by the hub), ahead of the Python
environment's own configuration:

- both: ``nbgrader_config.py`` with the exchange's folder and the course id;
- students: nbgrader's formgrader server extension off, and its "Formgrader" and "Create
  Assignment" JupyterLab plugins disabled (``labconfig/page_config.json``, as
  ``jupyter labextension disable`` writes it); Assignment List, Validate and Course List stay.
"""

from __future__ import annotations

import json
from pathlib import Path

from .layout import COURSE_ID, Layout

INSTRUCTOR_ONLY_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment")
INSTRUCTOR_ONLY_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",)


def nbgrader_config(exchange: Path) -> str:
    """The shared part of nbgrader's configuration."""
    return (
        "# Written by antiplan classroom: the class's exchange and course id.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o644)


def write_configs(layout: Layout) -> None:
    """Write the student and instructor configuration folders (world-readable: every server reads one)."""
    for folder in (layout.student_config, layout.instructor_config):
        _write(folder / "nbgrader_config.py", nbgrader_config(layout.exchange))
    server = {"ServerApp": {"jpserver_extensions": dict.fromkeys(INSTRUCTOR_ONLY_SERVER_EXTENSIONS, False)}}
    _write(layout.student_config / "jupyter_server_config.json", json.dumps(server, indent=2))
    pages = {"disabledExtensions": dict.fromkeys(INSTRUCTOR_ONLY_PLUGINS, True)}
    _write(layout.student_config / "labconfig" / "page_config.json", json.dumps(pages, indent=2))
    for folder in (layout.root / "jupyter", layout.student_config, layout.instructor_config):
        folder.chmod(0o755)
    (layout.student_config / "labconfig").chmod(0o755)
