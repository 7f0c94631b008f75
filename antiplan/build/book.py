"""Build the course: the book, strictly, and then the student exercises.

``python -m antiplan.build.book`` (what ``make book`` runs) builds the Jupyter Book of the course in
the current folder (or ``--course``) with ``jupyter-book build . -W -n --keep-going``: every warning is an error, every
cross-reference must resolve, and all problems are reported before it stops. Pages are executed
through the cache in ``_build/.jupyter_cache``, so a rebuild with nothing changed executes nothing.

The cache knows a page's own code, not the files the page reads as it runs: the ``antiplan`` code it
imports and the course files it reads (the instructor notebooks in ``source/``, whose questions the
chapters' Exercises sections show, and the example variant specs in ``autograder/variants/``). So
each build records a hash of each of those files in ``_build/.antiplan-fingerprint`` (see
``fingerprint``); when one has changed since the last build, the cache is emptied and every page is
executed again. After a failed build every page is read again (its outputs come from the cache), so
that its warnings are reported again.

Before an HTML build it makes sure the live model's runtime (Pyodide and NumPy's Pyodide wheel) is in
its cache, checked against Pyodide's lock (``antiplan.build.live``): a file that differs stops the
build with one line; registries that cannot be reached leave the live model out, with one line.

Then it builds the student exercises with ``antiplan.build.exercises`` (see ``build_exercises``).

Exit status: 0 if everything built, non-zero otherwise. The HTML is in ``_build/html``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
"""The ``antiplan`` package the book's pages import (wherever it is installed)."""
CACHE = Path("_build") / ".jupyter_cache"
"""The execution cache, relative to the book's root (as in ``_config.yml``)."""
STAMP = Path("_build") / ".antiplan-fingerprint"
"""The hashes of the files the pages read at the last build, and whether it succeeded, relative to the book's root."""


NOT_IMPORTED_BY_PAGES = frozenset({"autograde", "build", "classroom", "cli.py", "lms"})
"""Parts of ``antiplan`` no page of the book imports, directly or through another module: the build,
autograding, classroom and LMS tools and the command line. (``grading`` is imported: each chapter's
Exercises section reads its assignment with ``antiplan.grading.notebook``.)"""

COURSE_FILES = ("nbgrader_config.py", "autograder/variants/*.yml")
"""Course files pages read, relative to the course's folder: the nbgrader configuration (it says
where the source folder is) and the example variant specs the instructor's page on variants loads."""

SOURCE_FILES = ("*/*.ipynb", "*/variant.yml")
"""Files pages read in the course's nbgrader source folder: the instructor notebooks (each chapter's
Exercises section shows its assignment's questions, and a variant spec is checked against its base
notebook) and the specs of assignments built as variants (a spec's base must not be one)."""


def course_folder(root: Path) -> Path:
    """The folder of the course the book in ``root`` belongs to, found as its pages find it: the
    nearest folder, ``root`` or above, holding ``nbgrader_config.py`` (else ``root``)."""
    root = Path(root).resolve()
    return next((f for f in (root, *root.parents) if (f / "nbgrader_config.py").is_file()), root)


def course_files(course: Path) -> dict[str, Path]:
    """The files of ``COURSE_FILES`` and ``SOURCE_FILES`` in the course at ``course``, each by its path
    relative to that folder (its absolute path if it lies outside)."""
    from ..course import load_config  # traitlets only, not nbgrader: where the source folder is

    course = Path(course).resolve()
    directory = load_config(course).CourseDirectory
    source = Path(directory.root) / directory.get("source_directory", "source")
    found = {}
    for folder, patterns in ((course, COURSE_FILES), (source, SOURCE_FILES)):
        for path in (p.resolve() for pattern in patterns for p in folder.glob(pattern) if p.is_file()):
            inside = path.is_relative_to(course)
            found[(path.relative_to(course) if inside else path).as_posix()] = path
    return dict(sorted(found.items()))


def fingerprint(root: Path = Path("."), package: Path = PACKAGE) -> dict[str, str]:
    """A hash of each file the pages of the book in ``root`` may read as they run, by name.

    Covers every ``.py``, ``.csv``, ``.yml`` and ``.json`` file of ``package`` except those in
    ``NOT_IMPORTED_BY_PAGES`` (named ``antiplan/...``; a page that imports one of those must have it
    removed from that set), and the course files of ``course_files`` (named by their path in the
    course folder, e.g. ``source/ch03/ch03.ipynb``).
    """
    hashes = {}
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if not path.is_file() or relative.parts[0] in NOT_IMPORTED_BY_PAGES or "__pycache__" in relative.parts:
            continue
        if path.suffix in {".py", ".csv", ".yml", ".json"}:
            hashes[f"antiplan/{relative.as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    for name, path in course_files(course_folder(root)).items():
        hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def last_build(root: Path) -> tuple[dict[str, str], bool] | None:
    """The package hashes and the outcome recorded by the last build in ``root`` (``None``: no record)."""
    try:
        record = json.loads((root / STAMP).read_text(encoding="utf-8"))
        return dict(record["files"]), bool(record["ok"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def jupyter_book() -> str:
    """The ``jupyter-book`` command of this Python environment."""
    beside = Path(sys.executable).with_name("jupyter-book")
    if beside.exists():
        return str(beside)
    found = shutil.which("jupyter-book")
    if found is None:
        raise FileNotFoundError("jupyter-book is not installed: run `pip install -e '.[book]'` first")
    return found


def run_build(
    root: Path = Path("."), *, builder: str = "html", strict: bool = True, extra: list[str] = (), capture: bool = False
) -> subprocess.CompletedProcess:
    """Build the book in ``root`` into ``root/_build`` with ``jupyter-book build``.

    Args:
        root: the folder holding ``_config.yml`` and ``_toc.yml``.
        builder: the Jupyter Book builder (``html`` by default).
        strict: turn warnings into errors (``-W``), check every reference (``-n``), and report
            all problems before stopping (``--keep-going``).
        extra: more command-line options passed to ``jupyter-book build``.
        capture: capture the output (in the result's ``stdout`` and ``stderr``) instead of printing it.

    Returns:
        The finished process; its ``returncode`` is 0 when the book built.
    """
    if builder == "html":
        # The live model's runtime, fetched once into a cache outside the book; a file that differs
        # from Pyodide's lock stops the build here, with one line naming it.
        from .live import HashMismatchError, ensure_runtime

        try:
            ensure_runtime()
        except HashMismatchError as error:
            if not capture:
                print(error, file=sys.stderr, flush=True)
            return subprocess.CompletedProcess(["antiplan.build.live"], 1, stdout="", stderr=f"{error}\n")
    current = fingerprint(root)
    stamp, cache = root / STAMP, root / CACHE
    command = [jupyter_book(), "build", str(root), "--builder", builder]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    last = last_build(root)
    changed = (
        None if last is None else sorted(n for n in set(last[0]) | set(current) if last[0].get(n) != current.get(n))
    )
    if changed != []:
        # The pages read these files: their cached outputs may be stale, so execute them all again.
        what = "no record of the last build" if changed is None else ", ".join(changed[:5])
        more = f" and {len(changed) - 5} more" if changed and len(changed) > 5 else ""
        if cache.exists():
            print(
                f"the files the pages read changed since the last build ({what}{more}): executing every page again",
                flush=True,
            )
            shutil.rmtree(cache)
        command.append("--all")
    elif not last[1]:
        # Sphinx reports a page's warnings only when it reads the page: read every page again.
        print("the last build failed: reading every page again", flush=True)
        command.append("--all")
    command += list(extra)
    print("$", " ".join(command), flush=True)
    done = subprocess.run(command, cwd=root, capture_output=capture, text=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    record = {"files": current, "ok": done.returncode == 0}
    stamp.write_text(json.dumps(record, indent=0, sort_keys=True), encoding="utf-8")
    return done


def build_book(root: Path = Path("."), *, builder: str = "html", strict: bool = True, extra: list[str] = ()) -> int:
    """Build the book (see ``run_build``), printing its output; return the exit status."""
    return run_build(root, builder=builder, strict=strict, extra=extra).returncode


def build_exercises(root: Path = Path(".")) -> int:
    """Build the student exercises of the course at ``root`` (``antiplan.build.exercises``); return the exit status."""
    from .exercises import main as exercises

    return int(exercises(["--course", str(root)]) or 0)


def main(argv: list[str] | None = None) -> int:
    """Build the book, then the exercises; print where the HTML is; return non-zero on failure."""
    parser = argparse.ArgumentParser(description="Build the course book (strictly) and the student exercises.")
    parser.add_argument("--no-strict", action="store_true", help="do not turn warnings into errors")
    parser.add_argument("--book-only", action="store_true", help="build the book but not the exercises")
    parser.add_argument("--course", type=Path, default=Path("."), help="the course folder (default: here)")
    args = parser.parse_args(argv)
    root = args.course.resolve()

    start = time.perf_counter()
    status = build_book(root, strict=not args.no_strict)
    html = root / "_build" / "html" / "index.html"
    if status != 0:
        print(f"The book failed to build (exit status {status}); see the messages above.", file=sys.stderr)
        reports = root / "_build" / "html" / "reports"
        if reports.is_dir():
            print(f"Execution reports of failed pages: {reports}", file=sys.stderr)
        return status
    print(f"The book built in {time.perf_counter() - start:.1f} s: open {html}")

    if not args.book_only:
        status = build_exercises(root)
        if status != 0:
            print(f"The exercises failed to build (exit status {status}).", file=sys.stderr)
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
