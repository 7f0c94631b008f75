"""The argument parser the ``antiplan`` subcommands share: a bad option is one line and status 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class OneLineParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors print one line, naming the command's help, and exit 2.

    argparse would print the whole usage first; every other bad input in the package gets one line,
    so a bad option does too.
    """

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def add_course_options(self) -> None:
        """Add ``--course`` (the course folder, default here) and ``--db`` (a gradebook address, if not
        the course's), as the commands that read a course's gradebook share them."""
        self.add_argument("--course", type=Path, default=Path("."), help="the course folder (default: here)")
        self.add_argument("--db", default=None, help="gradebook address, if not the course's")

    def fail(self, message: str) -> int:
        """Print ``message`` as this command's one-line error and return the exit status 2."""
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        return 2
