"""Fetch the JavaScript the book serves itself, so its pages load nothing from another site.

Run ``python -m antiplan.build.vendor`` to (re)fetch the files into ``book/_vendor/`` from the npm
registry with ``npm pack`` (the ordinary npm client; ``npm`` must be on the PATH). The versions are
pinned in ``PACKAGES``; change a version there, run this, build the book, and commit the result.
The fetched files are committed, so building the book never needs npm or a network.

What is vendored and why:

- ``requirejs``: the module loader the embedded ipywidgets state is drawn with.
- ``@jupyter-widgets/html-manager``: draws widgets from the state myst-nb embeds in a page
  (``embed-amd.js`` and the icon fonts it loads from its own folder).
- ``mathjax``: renders math in the browser (``tex-svg-full.js``: one file with every TeX
  extension and SVG output, so it needs no font files).

``_config.yml`` adds ``book/_vendor`` to Sphinx's ``html_static_path`` (its contents are copied
to ``_build/html/_static/``) and points ``nb_ipywidgets_js`` and ``mathjax_path`` at these files.
"""

from __future__ import annotations

import argparse
import fnmatch
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path("book") / "_vendor"
"""Where the book serves the files from, relative to the course folder (the current folder)."""


@dataclass(frozen=True)
class Package:
    """One npm package and the files of it the book serves.

    Attributes:
        name: the npm package name.
        version: the pinned version.
        folder: the folder under ``book/_vendor/`` (and under ``_static/`` in the built book).
        files: glob patterns, relative to the package's top folder, of the files to keep.
    """

    name: str
    version: str
    folder: str
    files: tuple[str, ...]


PACKAGES: tuple[Package, ...] = (
    Package("requirejs", "2.3.8", "requirejs", ("require.js", "LICENSE*", "README.md")),
    Package(
        "@jupyter-widgets/html-manager",
        "1.0.15",
        "html-manager",
        ("dist/embed-amd.js", "dist/*.woff2", "dist/*.woff", "dist/*.LICENSE.txt", "LICENSE*"),
    ),
    Package("mathjax", "3.2.2", "mathjax", ("es5/tex-svg-full.js", "LICENSE*")),
)


def _keep(path: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(path, pattern) for pattern in patterns)


def fetch(package: Package, into: Path = VENDOR) -> list[Path]:
    """Download ``package`` with ``npm pack`` and copy its chosen files, flattened, into ``into/folder``.

    Returns the paths written. Raises ``RuntimeError`` if npm fails or a pattern matches nothing.
    """
    target = into / package.folder
    with tempfile.TemporaryDirectory() as tmp:
        spec = f"{package.name}@{package.version}"
        done = subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"npm pack {spec} failed:\n{done.stderr}")
        tarball = Path(tmp) / done.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball) as archive:
            members = [m for m in archive.getmembers() if m.isfile()]
            chosen = [m for m in members if _keep(m.name.removeprefix("package/"), package.files)]
            for pattern in package.files:
                if not any(fnmatch.fnmatch(m.name.removeprefix("package/"), pattern) for m in chosen):
                    if "*" not in pattern:
                        raise RuntimeError(f"{spec} has no file {pattern}")
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            written = []
            for member in chosen:
                source = archive.extractfile(member)
                assert source is not None
                destination = target / Path(member.name).name
                destination.write_bytes(source.read())
                written.append(destination)
    (target / "VERSION").write_text(f"{package.name}@{package.version}\n")
    return written


def main(argv: list[str] | None = None) -> int:
    """Fetch every package in ``PACKAGES`` into ``book/_vendor/``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=Path, default=VENDOR, help="folder to write to (default: book/_vendor here)")
    args = parser.parse_args(argv)
    if shutil.which("npm") is None:
        print("npm is not on the PATH: install Node.js and npm first", file=sys.stderr)
        return 1
    for package in PACKAGES:
        written = fetch(package, args.into)
        size = sum(p.stat().st_size for p in written)
        print(f"{package.name}@{package.version}: {len(written)} files, {size / 1e6:.1f} MB in {package.folder}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
