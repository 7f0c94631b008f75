"""Fetch the JavaScript the book serves itself, so its pages load nothing from another site.

Run ``python -m antiplan.build.vendor`` to (re)fetch the files into ``book/_vendor/`` from the npm
registry with ``npm pack`` (the ordinary npm client; ``npm`` must be on the PATH). The versions are
pinned in ``PACKAGES``; change a version there, run this, build the book, and commit the result.
The fetched files are committed, so building the book never needs npm or a network.

What is vendored and why:

- ``requirejs``: the module loader the embedded ipywidgets state is drawn with.
- ``@jupyter-widgets/html-manager``: draws widgets from the state myst-nb embeds in a page
  (``embed-amd.js`` and the icon fonts it loads from its own folder).
- ``mathjax``: renders math in the browser. Only the components the book's math needs are served,
  in MathJax's own folder layout (its loader finds them from ``startup.js``): TeX input with the
  ``ams`` and ``noundefined`` packages, HTML-CSS output with its web fonts (a page loads only the
  fonts its symbols use), and the assistive MathML a screen reader reads. The all-in-one files
  (``tex-svg-full.js``, 2.3 MB) also carry the right-click menu and every TeX extension, and would
  be most of a chapter page's weight. ``_config.yml``'s ``mathjax3_config`` names what to load.

The live model's runtime (Pyodide and NumPy's Pyodide wheel, tens of MB) is not committed here: it is
pinned in ``antiplan.build.live``, fetched at build time into a cache and checked against Pyodide's lock.

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
        tree: if given, a folder of the package whose layout is kept: each file is written at its
            path below ``tree`` (a loader finds files by path); other files are flattened.
    """

    name: str
    version: str
    folder: str
    files: tuple[str, ...]
    tree: str | None = None

    def destination(self, path: str) -> Path:
        """Where a package file (``path`` relative to the package's top folder) goes below ``folder``."""
        inside = self.tree is not None and Path(path).is_relative_to(self.tree)
        return Path(path).relative_to(self.tree) if inside else Path(Path(path).name)


PACKAGES: tuple[Package, ...] = (
    Package("requirejs", "2.3.8", "requirejs", ("require.js", "LICENSE*", "README.md")),
    Package(
        "@jupyter-widgets/html-manager",
        "1.0.15",
        "html-manager",
        ("dist/embed-amd.js", "dist/*.woff2", "dist/*.woff", "dist/*.LICENSE.txt", "LICENSE*"),
    ),
    Package(
        "mathjax",
        "3.2.2",
        "mathjax",
        (
            "es5/startup.js",
            "es5/core.js",
            "es5/input/tex-base.js",
            "es5/input/tex/extensions/ams.js",
            "es5/input/tex/extensions/noundefined.js",
            "es5/output/chtml.js",
            "es5/output/chtml/fonts/tex.js",
            "es5/output/chtml/fonts/woff-v2/*.woff",
            "es5/a11y/assistive-mml.js",
            "LICENSE*",
        ),
        tree="es5",
    ),
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
                destination = target / package.destination(member.name.removeprefix("package/"))
                destination.parent.mkdir(parents=True, exist_ok=True)
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
