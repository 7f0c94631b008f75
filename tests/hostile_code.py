"""What hostile submissions write in their cells: shared by the autograder's hostile tests.

- ``by_path_code(root)``: a blank copy whose first cell looks for the instructor's notebooks (in the
  course ``root``, beside the installed package, in their git history) and runs their solutions;
- ``SHADOWS``: blank copies that replace the test helpers by fakes that pass everything, each by
  another route (the working folder, ``sys.path``, ``sys.meta_path``, ``__import__`` and ``sys.modules``);
- ``FILL_WORK``: fills the working folder in many files, then goes on;
- ``NBFORMAT3``: a notebook in the old format 3.
"""

from __future__ import annotations

BLANK_ANSWERS = {"square": "square = None\n", "gap": "gap = None\n", "mean": "mean = None\n"}

# Runs the instructor's solutions, from wherever they can be found, in the student's kernel.
BY_PATH = """
import json, os, subprocess
from pathlib import Path

def _solutions(text):
    nb = json.loads(text)
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution")]

found = []
candidates = [Path(ROOT)]
try:
    import antiplan
    candidates += list(Path(antiplan.__file__).resolve().parents)[:3]
except Exception as error:
    print("no antiplan", error)
for base in candidates:
    for path in sorted(base.glob("source/*/*.ipynb")) + sorted(base.glob("*/source/*/*.ipynb")):
        try:
            found.append((str(path), _solutions(path.read_text())))
        except (OSError, ValueError, KeyError):
            pass
    git = ["git", "-c", "safe.directory=*", "-C", str(base)]
    try:
        listing = subprocess.run([*git, "ls-tree", "-r", "--name-only", "HEAD"],
                                 capture_output=True, text=True, timeout=20).stdout.split()
    except (OSError, subprocess.SubprocessError):
        listing = []
    for name in listing:
        if name.startswith("source/") and name.endswith(".ipynb"):
            shown = subprocess.run([*git, "show", "HEAD:" + name], capture_output=True, text=True, timeout=20)
            try:
                found.append(("git:" + name, _solutions(shown.stdout)))
            except (ValueError, KeyError):
                pass
print("FOUND" if found else "nothing found", [where for where, _ in found])
seen = [str(b) for b in candidates if Path(b, "source").exists() or Path(b, ".git").exists()]
print("SEEN", seen) if seen else print("no source in sight")
for where, sources in found:
    for source in sources:
        try:
            exec(source, globals())
        except Exception:
            pass
"""

FAKE_ASSERTS = """
class Failed(AssertionError):
    pass
def expect_close(*a, **k):
    return None
def expect_number(value, what):
    return 0.0
def call(function, args, what):
    return 0.0
def model(code, **inputs):
    return 0.0
"""


def _write_fake(where: str) -> str:
    return (
        "import os, sys, importlib\n"
        f"base = {where}\n"
        "os.makedirs(os.path.join(base, 'antiplan', 'grading'), exist_ok=True)\n"
        "open(os.path.join(base, 'antiplan', '__init__.py'), 'w').write('')\n"
        "open(os.path.join(base, 'antiplan', 'grading', '__init__.py'), 'w').write('')\n"
        f"open(os.path.join(base, 'antiplan', 'grading', 'asserts.py'), 'w').write({FAKE_ASSERTS!r})\n"
    )


DROP = (
    "for name in [k for k in sys.modules if k.startswith('antiplan')]:\n"
    "    del sys.modules[name]\n"
    "importlib.invalidate_caches()\n"
)
ZEROS = "square = lambda x: 0\ngap = 0.0\nmean = 0.0\n"

SHADOWS = {
    # an antiplan package in the working folder, which used to come first on the import path
    "shadow_cwd": _write_fake("os.getcwd()") + DROP + ZEROS,
    # the same in /tmp, put first on sys.path
    "shadow_path": _write_fake("'/tmp/mine'") + "sys.path.insert(0, '/tmp/mine')\n" + DROP + ZEROS,
    # a finder of its own, first in sys.meta_path
    "shadow_finder": _write_fake("'/tmp/mine'")
    + DROP
    + (
        "import importlib.machinery\n"
        "class Mine:\n"
        "    @classmethod\n"
        "    def find_spec(cls, name, path=None, target=None):\n"
        "        if name.startswith('antiplan'):\n"
        "            where = os.path.join('/tmp/mine', *name.split('.')[:-1])\n"
        "            return importlib.machinery.PathFinder.find_spec(name, [where])\n"
        "sys.meta_path.insert(0, Mine)\n"
    )
    + ZEROS,
    # __import__ replaced, and the fake put straight into sys.modules under the helpers' names
    "shadow_import": _write_fake("'/tmp/mine'")
    + (
        "import builtins, importlib.util\n"
        "import antiplan.grading\n"
        "antiplan.grading.__path__.insert(0, '/tmp/mine/antiplan/grading')\n"
        "where = '/tmp/mine/antiplan/grading/asserts.py'\n"
        "spec = importlib.util.spec_from_file_location('antiplan.grading.asserts', where)\n"
        "fake = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(fake)\n"
        "sys.modules['antiplan.grading.asserts'] = fake\n"
        "real = builtins.__import__\n"
        "def mine(name, *args, **kwargs):\n"
        "    if name.startswith('antiplan.grading'):\n"
        "        sys.modules['antiplan.grading.asserts'] = fake\n"
        "        return fake\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = mine\n"
    )
    + ZEROS,
}

NBFORMAT3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "ps1"}, "worksheets": [{"cells": []}]}

# Writes into the working folder in many files until the disk is full, then goes on as if nothing happened.
FILL_WORK = """
import os
try:
    for i in range(100000):
        with open(f"filler-{i}.bin", "wb") as handle:
            handle.write(b"x" * (8 * 1024 * 1024))
except OSError as error:
    print("stopped writing:", error)
import time
time.sleep(2)
"""


def by_path_code(root) -> str:
    """An answer cell that looks for the instructor's notebooks and runs their solutions."""
    return BY_PATH.replace("ROOT", repr(str(root)))
