"""The course as nbgrader sees it: its configuration, folders and gradebook, read from ``nbgrader_config.py``.

One ``Course`` serves every course tool: the book's exercise build, the variants and the grader.
Nothing here hard-codes a folder name: ``source``, ``release`` (the student copies), ``submitted``,
``autograded``, ``feedback`` and the gradebook's address all come from nbgrader's ``CourseDirectory``,
after the course's configuration is loaded the way the ``nbgrader`` command loads it (the Jupyter
configuration folders, then the course folder). The course is the current folder unless a tool is
told otherwise (``--course``); nothing assumes it is where the package was installed from.
"""

from __future__ import annotations

import copy
import functools
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

CONFIG_NAME = "nbgrader_config.py"
SQLITE = "sqlite:///"
SCRATCH_GRADEBOOK = "gradebook.db"
"""The gradebook of a scratch copy of a course (``Course.scratch``), in the copy's top folder."""


def ensure_tools_on_path() -> None:
    """Let nbgrader create gradebooks from this process.

    nbgrader runs the ``alembic`` command when it creates a gradebook, to read the version of its
    schema: the command sits beside this Python, so that folder goes on the ``PATH``. Starting that
    command costs seconds each time (it imports nbgrader and its dependencies afresh), for a value
    fixed by the installed nbgrader, so this process reads it once, from nbgrader's own migration
    scripts, and nbgrader uses that (``alembic_head``).
    """
    bindir = os.path.dirname(sys.executable)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + (os.pathsep + path if path else "")
    import nbgrader.api

    nbgrader.api.get_alembic_version = alembic_head


@functools.lru_cache(maxsize=1)
def alembic_head() -> str:
    """The version of the gradebook's schema, as ``alembic heads`` prints it for nbgrader's migrations."""
    import nbgrader
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path(nbgrader.__file__).parent / "alembic"))
    return ScriptDirectory.from_config(config).get_current_head()


def load_config(course: Path, db_url: str | None = None):
    """nbgrader's configuration (a traitlets ``Config``) for the course in ``course``, with ``db_url``
    replacing the gradebook's."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    folders = [*reversed(jupyter_config_path()), str(course)]
    for folder in folders:
        if os.path.isfile(os.path.join(folder, CONFIG_NAME)):
            config.merge(PyFileConfigLoader(CONFIG_NAME, path=folder).load_config())
    # nbgrader reads a relative root, or a relative SQLite path, from the folder it runs in; the
    # tools may run anywhere (--course), so both are taken relative to the course folder.
    root = config.CourseDirectory.get("root")
    root = Path(course) / root if root and not os.path.isabs(root) else Path(root or course)
    config.CourseDirectory.root = str(root.resolve())
    if db_url:
        config.CourseDirectory.db_url = db_url
    url = config.CourseDirectory.get("db_url")
    if url and url.startswith(SQLITE) and not os.path.isabs(url[len(SQLITE) :]):
        config.CourseDirectory.db_url = SQLITE + str((root / url[len(SQLITE) :]).resolve())
    return config


@dataclass(frozen=True)
class Course:
    """The folders and gradebook of one course, resolved (absolute paths)."""

    root: Path
    config_folder: Path
    db_url: str
    course_id: str
    source: Path
    release: Path
    submitted: Path
    autograded: Path
    feedback: Path
    config: Any
    """nbgrader's configuration of the course (a traitlets ``Config``)."""

    @classmethod
    def load(cls, folder: Path | str = ".", db_url: str | None = None) -> Course:
        """The course configured in ``folder`` (its ``nbgrader_config.py``), with ``db_url`` as its
        gradebook if given. A folder without a configuration is a course with nbgrader's defaults."""
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

    def scratch(self, folder: Path) -> Course:
        """This course's layout and configuration in the scratch folder ``folder``, with a gradebook of
        its own there (SQLite), so that work in the copy never touches this course's gradebook.

        The copy's ``nbgrader_config.py`` is this course's with the copy's root and gradebook, so a
        notebook graded in the copy finds the copy's course, as it would in this one.
        """
        folder = Path(folder).resolve()
        config = copy.deepcopy(self.config)  # merging would share its sections with this course's
        config.CourseDirectory.root = str(folder)
        config.CourseDirectory.db_url = SQLITE + str(folder / SCRATCH_GRADEBOOK)
        own = self.config_folder / CONFIG_NAME
        text = own.read_text() if own.is_file() else "c = get_config()  # noqa: F821\n"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CONFIG_NAME).write_text(
            f"{text}\n# A scratch copy of {self.root}\n"
            f"c.CourseDirectory.root = {str(folder)!r}\nc.CourseDirectory.db_url = {config.CourseDirectory.db_url!r}\n"
        )

        def moved(path: Path) -> Path:  # a folder configured outside the course goes to the copy's top
            return folder / (path.relative_to(self.root) if path.is_relative_to(self.root) else path.name)

        return replace(
            self,
            root=folder,
            config_folder=folder,
            db_url=config.CourseDirectory.db_url,
            source=moved(self.source),
            release=moved(self.release),
            submitted=moved(self.submitted),
            autograded=moved(self.autograded),
            feedback=moved(self.feedback),
            config=config,
        )

    def assignments(self) -> list[str]:
        """The assignment names (``ch01`` ...): the folders of the source folder holding a notebook."""
        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def coursedir(self, assignment: str = "", student: str = ""):
        """nbgrader's ``CourseDirectory`` of this course, for ``assignment`` and ``student``."""
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config)
        coursedir.assignment_id = assignment
        coursedir.student_id = student
        return coursedir

    def nbgrader_api(self, **overrides: dict[str, Any]):
        """An in-process ``NbGraderAPI`` of this course; ``overrides`` are configuration sections,
        e.g. ``CourseDirectory={"release_directory": ...}``."""
        ensure_tools_on_path()
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config import Config

        config = copy.deepcopy(self.config)  # merging would share its sections with this course's
        extra = Config()
        for section, values in overrides.items():
            for key, value in values.items():
                setattr(getattr(extra, section), key, value)
        config.merge(extra)
        gradebook = self.sqlite_file()
        if gradebook is not None:
            gradebook.parent.mkdir(parents=True, exist_ok=True)
        return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)

    def sqlite_file(self) -> Path | None:
        """The gradebook's file when the gradebook is SQLite."""
        if self.db_url.startswith(SQLITE):
            path = self.db_url[len(SQLITE) :]
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
