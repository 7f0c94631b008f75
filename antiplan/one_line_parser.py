"""The argument parser the ``antiplan`` subcommands share: a bad option is one line and status 2."""

from __future__ import annotations

import argparse


class OneLineParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors print one line, naming the command's help, and exit 2.

    argparse would print the whole usage first; every other bad input in the package gets one line,
    so a bad option does too.
    """

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")
