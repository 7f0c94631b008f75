"""The instructor's course directory: this repository, copied into the instructor's home.

The copy (the repository's files that git tracks or would track, not ``.venv`` nor build output)
belongs to the instructor and sits in a home only the instructor can read, so no student can read
``source/`` or the gradebook that grading will create there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def repository_files(repository: Path) -> list[str]:
    """Paths, relative to ``repository``, that git tracks or would track (ignored files left out)."""
    done = subprocess.run(
        ["git", "-C", str(repository), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    )
    return [p for p in done.stdout.decode().split("\0") if p and (repository / p).is_file()]


def copy_course(repository: Path, destination: Path, owner: str) -> Path:
    """Copy the repository's files to ``destination`` and give the copy to ``owner``."""
    import pwd

    user = pwd.getpwnam(owner)
    for relative in repository_files(repository):
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repository / relative, target)
    for folder, dirs, files in os.walk(destination):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.chown(name, user.pw_uid, user.pw_gid)
    return destination
