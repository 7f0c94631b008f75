"""The course as nbgrader sees it: its configuration and folders, read from ``nbgrader_config.py``.

Nothing here hard-codes a folder name: ``submitted``, ``autograded``, ``source`` and the gradebook's
address all come from nbgrader's ``CourseDirectory`` after the course's configuration is loaded the
way the ``nbgrader`` command loads it (the Jupyter configuration folders, then the course folder).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_NAME = "nbgrader_config.py"


def ensure_tools_on_path() -> None:
    """nbgrader runs the ``alembic`` command when it creates a gradebook: it sits beside this Python."""
    bindir = os.path.dirname(sys.executable)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + (os.pathsep + path if path else "")


def load_config(course: Path, db_url: str | None = None) -> Config:
    """nbgrader's configuration for the course in ``course``, with ``db_url`` replacing the gradebook's."""
    from jupyter_core.paths import jupyter_config_path

    config = Config()
    folders = [*reversed(jupyter_config_path()), str(course)]
    for folder in folders:
        if os.path.isfile(os.path.join(folder, CONFIG_NAME)):
            config.merge(PyFileConfigLoader(CONFIG_NAME, path=folder).load_config())
    # nbgrader reads a relative root, or a relative SQLite path, from the folder it runs in; the
    # grader may run anywhere (--course), so both are taken relative to the course folder.
    root = config.CourseDirectory.get("root")
    root = Path(course) / root if root and not os.path.isabs(root) else Path(root or course)
    config.CourseDirectory.root = str(root.resolve())
    if db_url:
        config.CourseDirectory.db_url = db_url
    url = config.CourseDirectory.get("db_url")
    prefix = "sqlite:///"
    if url and url.startswith(prefix) and not os.path.isabs(url[len(prefix) :]):
        config.CourseDirectory.db_url = prefix + str((root / url[len(prefix) :]).resolve())
    return config


@dataclass(frozen=True)
class Course:
    """The folders and addresses of one course, resolved."""

    root: Path
    config_folder: Path
    db_url: str
    course_id: str
    source: Path
    release: Path
    submitted: Path
    autograded: Path
    feedback: Path
    config: Config

    @classmethod
    def load(cls, folder: Path | str = ".", db_url: str | None = None) -> Course:
        from nbgrader.coursedir import CourseDirectory

        folder = Path(folder).resolve()
        config = load_config(folder, db_url)
        coursedir = CourseDirectory(config=config)
        root = Path(coursedir.root).resolve()

        def step(name: str) -> Path:
            return root / getattr(coursedir, f"{name}_directory")

        return cls(
            root=root,
            config_folder=folder,
            db_url=coursedir.db_url,
            course_id=coursedir.course_id,
            source=step("source"),
            release=step("release"),
            submitted=step("submitted"),
            autograded=step("autograded"),
            feedback=step("feedback"),
            config=config,
        )

    def coursedir(self, assignment: str = "", student: str = ""):
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        coursedir.assignment_id = assignment
        coursedir.student_id = student
        return coursedir

    def sqlite_file(self) -> Path | None:
        """The gradebook's file when the gradebook is SQLite."""
        prefix = "sqlite:///"
        if self.db_url.startswith(prefix):
            path = self.db_url[len(prefix) :]
            return Path(path if os.path.isabs(path) else self.root / path)
        return None

    def secrets(self) -> list[Path]:
        """What student code must not read: instructor sources, every submission, grades, configuration."""
        paths = [self.source, self.submitted, self.autograded, self.feedback]
        gradebook = self.sqlite_file()
        if gradebook is not None:
            paths += [gradebook, *(gradebook.with_name(gradebook.name + s) for s in ("-journal", "-wal", "-shm"))]
        for folder in {self.root, self.config_folder, Path.cwd()}:
            paths += [folder / CONFIG_NAME, folder / "nbgrader_config.json", folder / ".nbgrader.log"]
        return paths
