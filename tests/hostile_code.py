"""What hostile submissions write in their cells: shared by the autograder's hostile tests.

- ``by_path_code(root)``: a blank copy whose first cell looks for the instructor's notebooks (in the
  course ``root``, beside the installed package, in their git history) and runs their solutions;
- ``SHADOWS``: blank copies that replace the test helpers by fakes that pass everything, each by
  another route (the working folder, ``sys.path``, ``sys.meta_path``, ``__import__`` and ``sys.modules``);
- ``FILL_WORK``: fills the working folder in many files, then goes on;
- ``NBFORMAT3``: a notebook in the old format 3;
- ``DEEP_NOTEBOOK``: valid JSON nested 100,000 levels deep; ``WRONG_TYPES``: JSON whose cells are not cells;
- ``DISPLAY_UPDATES``, ``RESULTS_FLOOD``: output that used to escape the output cap (a display updated
  in 160 places at once, results printed by the display hook);
- ``FILL_SOCKETS``: writes 1 GiB into the folder of the kernel's sockets; ``CLOSE_IOPUB``: closes
  the kernel's output channel, then goes on;
- ``FLOOD_STDERR_FD``: writes 100 MiB straight to the kernel's error stream (file descriptor 2),
  which the kernel copies into the grader's log of it.
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


# Valid JSON: a notebook whose one cell carries metadata nested 100,000 levels deep.
DEEP_NOTEBOOK = (
    b'{"cells": [{"cell_type": "code", "execution_count": null, "outputs": [], "source": "x = 1", '
    b'"metadata": {"deep": ' + b"[" * 100_000 + b"]" * 100_000 + b'}}], "metadata": {}, '
    b'"nbformat": 4, "nbformat_minor": 5}'
)

# Valid JSON, a notebook by its keys, but its cells are a number, a string and null.
WRONG_TYPES = {"cells": [1, "two", None], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}

# A display updated in place (as it should be), then one shown 160 times under one display id and
# updated with 1 MiB: nbclient writes the update into all 160 (160 MiB, from a few lines).
DISPLAY_UPDATES = """
from IPython.display import display, update_display
display({"text/plain": "first"}, raw=True, display_id="small")
update_display({"text/plain": "updated"}, raw=True, display_id="small")
for _ in range(160):
    display({"text/plain": "x"}, raw=True, display_id="flood")
update_display({"text/plain": "y" * 1048576}, raw=True, display_id="flood")
"""

# 48 results of 1 MiB each, through the display hook (results used to be kept whatever their size).
RESULTS_FLOOD = """
import sys
for _ in range(48):
    sys.displayhook("z" * 1048576)
"""

# Writes up to 1 GiB into the folder where the kernel's sockets are (it used to be on the host's disk).
FILL_SOCKETS = """
import os
from ipykernel import get_connection_file
folder = os.path.dirname(get_connection_file())
written = 0
try:
    for i in range(1024):
        with open(os.path.join(folder, f"fill-{i}"), "wb") as handle:
            handle.write(b"x" * 1048576)
        written += 1048576
except OSError as error:
    print("stopped writing:", error)
print("wrote", written, "bytes into", folder)
import time
time.sleep(2)
"""

# Closes the kernel's IOPub socket: the grader can read no output or result after it.
CLOSE_IOPUB = """
get_ipython().kernel.iopub_socket.close()
"""

# 100 MiB written to file descriptor 2 from a thread: the kernel forwards it as output (cut) and
# copies it to its own error stream, which used to be a log file on the host's disk.
FLOOD_STDERR_FD = """
import os, threading
def _flood():
    for _ in range(100):
        os.write(2, b"e" * 1048576)
threading.Thread(target=_flood, daemon=True).start()
import time
time.sleep(3)
"""
