"""The autograder against a corpus of hostile submissions, in one batch, two at a time.

Each hostile submission gets a clear status and no point it did not earn; the honest students'
grades are what they would be alone; the batch finishes. Isolation is checked from outside: files
the student's code tried to read did not leak into its output, files it tried to write are not
there, and a port the test opened on loopback saw no connection.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import textwrap
import threading
import uuid
from pathlib import Path

import autograde_course as course
import nbformat
import pytest
from hostile_code import (
    BLANK_ANSWERS,
    CLOSE_IOPUB,
    DEEP_NOTEBOOK,
    DISPLAY_UPDATES,
    FILL_SOCKETS,
    FILL_WORK,
    FLOOD_STDERR_FD,
    NBFORMAT3,
    RESULTS_FLOOD,
    SHADOWS,
    WRONG_TYPES,
    by_path_code,
)
from hostile_kernel import KERNEL_ATTACKS, PRINTS_TESTS

from antiplan.autograde.sandbox import WORKROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("autograde")]

WRONG_SQUARE = "def square(x):\n    return x + x\n"


def _commit(root) -> None:
    git = ["git", "-c", "user.name=instructor", "-c", "user.email=instructor@example.org", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True, capture_output=True)
    subprocess.run([*git, "add", "source", "nbgrader_config.py"], check=True, capture_output=True)
    subprocess.run([*git, "commit", "-q", "-m", "course"], check=True, capture_output=True)


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _without(nb, grade_id):
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != grade_id]
    return nb


class _HostDisk:
    """The most bytes seen in files under ``folder`` on the host's disk, looked at 10 times a second."""

    def __init__(self, folder: Path):
        self.folder, self.peak, self._done = folder, 0, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._done.wait(0.1):
            total = 0
            for parent, _, files in os.walk(self.folder):
                for name in files:
                    try:
                        total += os.lstat(os.path.join(parent, name)).st_blocks * 512
                    except OSError:
                        pass
            self.peak = max(self.peak, total)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()


def _edited(nb, grade_id, source):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    return nb


@pytest.fixture(scope="module")
def batch():
    if os.geteuid() != 0:
        pytest.fail("these tests check the sandbox, which needs root (run them as root, e.g. in CI)")
    root = course.build_course(course.course_base(), timeout=10)
    _commit(root)  # the course as a git clone: the instructor's notebooks are in its history
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    tmp_name = f"/tmp/antiplan-pwned-{uuid.uuid4().hex}"
    secrets = {
        "gradebook": root / "gradebook.db",
        "source": root / "source" / "ps1" / "ps1.ipynb",
        "other": course.submission_folder(root, "good") / "ps1.ipynb",
        "config": root / "nbgrader_config.py",
    }
    targets = {
        "course": root / "pwned.txt",
        "source": root / "source" / "ps1" / "pwned.txt",
        "other": course.submission_folder(root, "good") / "ps1.ipynb",
        "tmp": Path(tmp_name),
    }
    read_code = textwrap.dedent(
        f"""
        for what, path in {[(k, str(v)) for k, v in secrets.items()]!r}:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
                print("LEAK" if data else "EMPTY", what, len(data))
            except OSError as error:
                print("blocked", what, type(error).__name__)
        import os
        here = os.listdir(".")
        print("NOTEBOOK" if any(name.endswith(".ipynb") for name in here) else "no notebook here", here)
        for what, path in [("listing", {str(root / "autograder" / "submitted")!r})]:
            try:
                print("LEAK" if os.listdir(path) else "EMPTY", what)
            except OSError as error:
                print("blocked", what, type(error).__name__)
        """
    )
    write_code = textwrap.dedent(
        f"""
        for what, path in {[(k, str(v)) for k, v in targets.items()]!r}:
            try:
                with open(path, "a") as handle:
                    handle.write("pwned")
                print("WROTE", what)
            except OSError as error:
                print("blocked", what, type(error).__name__)
        """
    )
    net_code = textwrap.dedent(
        f"""
        import socket
        try:
            socket.create_connection(("127.0.0.1", {port}), timeout=3)
            print("CONNECTED")
        except OSError as error:
            print("no network:", error)
        """
    )
    swallow = textwrap.dedent(
        """
        def _swallow(lines):
            body = [line if line.endswith("\\n") else line + "\\n" for line in lines]
            return ["try:\\n"] + ["    " + line for line in body] + ["except BaseException:\\n", "    pass\\n"]
        get_ipython().input_transformers_post.append(_swallow)
        """
    )
    students = {
        "good": dict(),
        "wrong": dict(answers={"square": WRONG_SQUARE}),
        "loop": dict(answers={"square": "while True:\n    pass\n"}),
        "stubborn": dict(
            answers={
                "square": "while True:\n    try:\n        while True:\n            pass\n"
                "    except KeyboardInterrupt:\n        pass\n"
            }
        ),
        "memory": dict(answers={"mean": "hoard = []\nwhile True:\n    hoard.append(bytearray(50 * 1024 * 1024))\n"}),
        "exit": dict(answers={"gap": "import os\nos._exit(3)\n"}),
        "kill9": dict(answers={"gap": "import os\nos.kill(os.getpid(), 9)\n"}),
        "flood": dict(answers={"square": course.GOOD["square"] + "for _ in range(100):\n    print('x' * 1048576)\n"}),
        "invalid": dict(raw=b'{"cells": [ this is not json'),
        "empty": dict(raw=b""),
        "renamed": dict(name="ps1-final.ipynb"),
        "deleted": dict(
            nb=_without(
                course.answer(course.student_copy(root), {**course.GOOD, "square": WRONG_SQUARE}), "test_square"
            )
        ),
        "edited": dict(
            nb=_edited(
                course.answer(course.student_copy(root), {**course.GOOD, "square": WRONG_SQUARE}),
                "test_square",
                "pass\n",
            )
        ),
        "patch_antiplan": dict(
            answers={
                "gap": "import antiplan\nimport antiplan.grading.asserts as asserts\n"
                "class Fake:\n    summary = {'statistics_gap': 0.0}\n"
                "antiplan.simulate = lambda *a, **k: Fake()\n"
                "asserts.expect_close = lambda *a, **k: 0.0\n"
                "gap = float(antiplan.simulate('command').summary['statistics_gap'])\n"
            }
        ),
        "patch_numpy": dict(
            answers={
                "mean": "import math\nimport numpy as np\n"
                "np.isclose = lambda *a, **k: True\nnp.allclose = lambda *a, **k: True\n"
                "np.mean = lambda *a, **k: 3.0\nmath.isclose = lambda *a, **k: True\nmean = 99.0\n"
            }
        ),
        "equal_all": dict(
            answers={
                "square": "class A:\n    __eq__ = lambda s, o: True\n    __float__ = lambda s: 9.0\n"
                "def square(x):\n    return A()\n",
                "gap": "class B(float):\n    __eq__ = lambda s, o: True\ngap = B(123.0)\n",
                "mean": "class C:\n    __eq__ = lambda s, o: True\nmean = C()\n",
            }
        ),
        "reader": dict(answers={"square": course.GOOD["square"] + read_code}),
        "writer": dict(answers={"square": course.GOOD["square"] + write_code}),
        "network": dict(answers={"square": course.GOOD["square"] + net_code}),
        "swallow": dict(answers={"square": WRONG_SQUARE + swallow, "mean": "mean = 1.0\n"}),
        "link_source": dict(),
        "link_data": dict(),
        "format3": dict(raw=json.dumps(NBFORMAT3).encode()),
        "by_path": dict(answers={**BLANK_ANSWERS, "square": by_path_code(root)}),
        "disk_filler": dict(answers={"square": course.GOOD["square"] + FILL_WORK}),
        "deep": dict(raw=DEEP_NOTEBOOK),
        "wrong_types": dict(raw=json.dumps(WRONG_TYPES).encode()),
        "display_updates": dict(answers={"square": course.GOOD["square"] + DISPLAY_UPDATES}),
        "results_flood": dict(answers={"square": course.GOOD["square"] + RESULTS_FLOOD}),
        "fill_sockets": dict(answers={"square": course.GOOD["square"] + FILL_SOCKETS}),
        "close_iopub": dict(answers={"gap": CLOSE_IOPUB + course.GOOD["gap"]}),
        "stderr_flood": dict(answers={"square": course.GOOD["square"] + FLOOD_STDERR_FD}),
        **{student: dict(answers={**BLANK_ANSWERS, "square": code}) for student, code in SHADOWS.items()},
        **{student: dict(answers={**BLANK_ANSWERS, "square": code}) for student, code in KERNEL_ATTACKS.items()},
    }
    for student, how in students.items():
        course.submit(root, student, **how)
    linked = course.submission_folder(root, "link_source") / course.NOTEBOOK
    linked.unlink()
    linked.symlink_to(root / "source" / course.ASSIGNMENT / course.NOTEBOOK)
    linked = course.submission_folder(root, "link_data") / "data.csv"
    linked.unlink()
    linked.symlink_to(root / "gradebook.db")
    shutil.rmtree(course.submission_folder(root, "missing"), ignore_errors=True)
    missing = course.submission_folder(root, "missing")
    missing.mkdir(parents=True)
    (missing / "notes.txt").write_text("forgot the notebook")
    before = {"other": _hash(secrets["other"])}

    report_path = root / "report.json"
    host = _HostDisk(WORKROOT)
    with host:
        done = course.run_grader(
            root, "--jobs", "2", "--report", str(report_path), "--notebook-timeout", "40", "--memory", "1536"
        )
    connections = 0
    try:
        while True:
            listener.accept()[0].close()
            connections += 1
    except OSError:
        pass
    listener.close()
    yield {
        "root": root,
        "done": done,
        "report": course.read_report(report_path),
        "before": before,
        "secrets": secrets,
        "targets": targets,
        "connections": connections,
        "host_peak": host.peak,
    }
    Path(tmp_name).unlink(missing_ok=True)
    shutil.rmtree(root, ignore_errors=True)


def _row(batch, student):
    return batch["report"]["by_student"][student]


def _outputs(batch, student) -> str:
    path = batch["root"] / "autograder" / "autograded" / student / "ps1" / "ps1.ipynb"
    nb = nbformat.read(path, as_version=4)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") or str(output.get("data", "")) or output.get("ename", ""))
    return "\n".join(texts)


def test_the_batch_finishes_and_exits_nonzero_because_some_failed(batch):
    done = batch["done"]
    assert done.returncode == 1, done.stderr[-3000:]
    assert "sandbox on" in done.stderr
    assert len(batch["report"]["students"]) == 33 + len(SHADOWS) + len(KERNEL_ATTACKS)
    assert {row["status"] for row in batch["report"]["students"]} == {"graded", "failed"}


def test_honest_students_get_their_grades(batch):
    assert _row(batch, "good")["status"] == "graded"
    assert _row(batch, "good")["score"] == course.MAX_SCORE
    assert _row(batch, "good")["max_score"] == course.MAX_SCORE
    assert _row(batch, "wrong")["score"] == 2.0
    scores = course.gradebook_scores(batch["root"])
    assert scores["good"] == course.MAX_SCORE and scores["wrong"] == 2.0


@pytest.mark.parametrize(
    ("student", "words"),
    [
        ("invalid", "not valid JSON"),
        ("empty", "empty"),
        ("missing", "missing"),
        ("renamed", "ps1-final.ipynb"),
        ("stubborn", "did not stop when interrupted"),
        ("exit", "kernel died"),
        ("kill9", "signal 9"),
    ],
)
def test_broken_submissions_fail_with_a_reason(batch, student, words):
    row = _row(batch, student)
    assert row["status"] == "failed", row
    assert words in row["reason"], row
    assert row["score"] is None


def test_an_interrupted_loop_costs_only_its_own_question(batch):
    row = _row(batch, "loop")
    assert row["status"] == "graded", row
    assert row["score"] == 2.0
    assert "stopped after 10 s" in row["reason"]


def test_a_memory_bomb_costs_only_its_own_question(batch):
    row = _row(batch, "memory")
    assert row["score"] is None or row["score"] <= 3.0, row
    if row["status"] == "graded":
        assert row["score"] == 3.0
        assert "MemoryError" in _outputs(batch, "memory")


def test_output_floods_are_cut(batch):
    row = _row(batch, "flood")
    assert row["status"] == "graded" and row["score"] == course.MAX_SCORE, row
    assert "output of cell 2 cut" in row["reason"]
    path = batch["root"] / "autograder" / "autograded" / "flood" / "ps1" / "ps1.ipynb"
    assert path.stat().st_size < 3 * 1024 * 1024


@pytest.mark.parametrize(
    ("student", "most"),
    [
        ("deleted", 2.0),
        ("edited", 2.0),
        ("patch_antiplan", 3.0),
        ("patch_numpy", 3.0),
        ("equal_all", 0.0),
        ("swallow", 1.0),  # its input transformer hides the errors of its own cells, not the tests'
    ],
)
def test_cheats_earn_nothing(batch, student, most):
    row = _row(batch, student)
    assert row["status"] == "graded", row
    assert row["score"] <= most, row


def test_student_code_cannot_read_secrets(batch):
    row = _row(batch, "reader")
    assert row["status"] == "graded" and row["score"] == course.MAX_SCORE, row
    text = _outputs(batch, "reader")
    assert "LEAK" not in text
    assert "no notebook here" in text and "NOTEBOOK" not in text  # the copy with hidden tests stays out
    assert text.count("blocked") + text.count("EMPTY") == 5, text


def test_student_code_cannot_write_outside_its_folder(batch):
    text = _outputs(batch, "writer")
    for what in ("course", "source", "other"):
        assert f"blocked {what}" in text, text
    # /tmp is the kernel's own: a private tmpfs that the host never sees and that ends with the kernel
    for what, path in batch["targets"].items():
        if what == "other":
            assert _hash(path) == batch["before"]["other"]
        else:
            assert not path.exists(), path


def test_student_code_has_no_network(batch):
    text = _outputs(batch, "network")
    assert "CONNECTED" not in text
    assert "no network" in text
    assert batch["connections"] == 0


def test_nbgrader_export_gives_failures_a_status_and_no_score(batch):
    """`nbgrader export` (the course's exporter) never turns a failed submission into a zero."""
    import csv
    import subprocess
    import sys

    from nbgrader.api import Gradebook

    root = batch["root"]
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "tiny") as gradebook:
        gradebook.update_or_create_student("absent")  # on the roll, handed nothing in
    out = root / "grades.csv"
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "export", "--to", str(out)], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    with out.open(newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert rows["good"]["status"] == "graded" and float(rows["good"]["score"]) == course.MAX_SCORE
    assert rows["wrong"]["status"] == "graded" and float(rows["wrong"]["score"]) == 2.0
    assert rows["absent"]["status"] == "missing" and float(rows["absent"]["score"]) == 0.0
    failed = {row["student"] for row in batch["report"]["students"] if row["status"] == "failed"}
    assert {s for s, row in rows.items() if row["status"] == "failed"} == failed
    for student in failed:
        assert rows[student]["score"] == "" and rows[student]["reason"], rows[student]
    assert "not valid JSON" in rows["invalid"]["reason"]
    assert f"{len(failed)} failed" in done.stderr


@pytest.mark.parametrize("student", ["link_source", "link_data"])
def test_links_in_a_submission_are_refused_never_followed(batch, student):
    row = _row(batch, student)
    assert row["status"] == "failed" and row["score"] is None, row
    assert "symbolic links" in row["reason"] and "not followed" in row["reason"], row
    assert not (batch["root"] / "autograder" / "autograded" / student).exists()


def test_a_notebook_in_format_3_gets_a_true_reason(batch):
    row = _row(batch, "format3")
    assert row["status"] == "failed" and row["score"] is None, row
    assert "format 3" in row["reason"] and "not supported" in row["reason"], row


def test_answers_cannot_be_reached_by_path_from_the_kernel(batch):
    row = _row(batch, "by_path")
    assert row["status"] == "graded" and row["score"] == 0.0, row
    text = _outputs(batch, "by_path")
    assert "nothing found" in text and "FOUND" not in text, text
    assert "no source in sight" in text, text


@pytest.mark.parametrize("student", sorted(SHADOWS))
def test_the_test_helpers_cannot_be_shadowed_or_replaced(batch, student):
    row = _row(batch, student)
    assert row["status"] == "graded" and row["score"] == 0.0, row


def test_filling_the_working_folder_ends_that_submission_with_a_reason(batch):
    row = _row(batch, "disk_filler")
    assert row["status"] == "failed" and row["score"] is None, row
    assert "filled its working folder" in row["reason"] and "256 MB" in row["reason"], row


@pytest.mark.parametrize("student", sorted(KERNEL_ATTACKS))
def test_a_blank_copy_earns_nothing_whatever_it_does_to_its_kernel(batch, student):
    row = _row(batch, student)
    assert row["status"] in ("graded", "failed"), row
    assert not row.get("score"), row
    assert course.gradebook_scores(batch["root"]).get(student, 0.0) == 0.0


def test_no_test_line_reaches_the_kernel_or_the_feedback(batch):
    seen = _outputs(batch, PRINTS_TESTS)
    assert "SEEN:" in seen  # the hook ran on the student's own cells
    for line in ("square(-4)", "expect_close", "BEGIN HIDDEN", "statistics_gap'])"):
        assert line not in seen, line


@pytest.mark.parametrize(
    ("student", "words"),
    [
        ("deep", "ps1.ipynb is nested deeper than 100 levels"),
        ("wrong_types", "ps1.ipynb is not a valid notebook: cell 1 is a number, not a cell"),
    ],
)
def test_a_notebook_no_step_could_read_fails_alone_with_its_reason(batch, student, words):
    row = _row(batch, student)
    assert row["status"] == "failed" and row["score"] is None, row
    assert words in row["reason"] and "\n" not in row["reason"], row
    assert not (batch["root"] / "autograder" / "autograded" / student).exists()
    assert _row(batch, "good")["score"] == course.MAX_SCORE and _row(batch, "wrong")["score"] == 2.0
    assert course.gradebook_scores(batch["root"])["good"] == course.MAX_SCORE
    assert f"FAILED {student}: {row['reason']}" in batch["done"].stderr


def _autograded_size(batch, student) -> int:
    return (batch["root"] / "autograder" / "autograded" / student / "ps1" / "ps1.ipynb").stat().st_size


@pytest.mark.parametrize("student", ["display_updates", "results_flood"])
def test_every_output_counts_towards_the_cap(batch, student):
    """Results, and display updates as nbclient writes them into every copy, no longer escape the cap."""
    row = _row(batch, student)
    assert row["status"] == "graded" and row["score"] == course.MAX_SCORE, row
    assert "output of cell 2 cut (over 1 MB per notebook)" in row["reason"], row
    assert _autograded_size(batch, student) < 1024 * 1024 + 64 * 1024  # the cap, and a little for the notebook
    text = _outputs(batch, student)
    assert "[output cut: more than 1 MB in this notebook]" in text
    assert "y" * 1000 not in text


def test_a_display_update_within_the_cap_is_applied(batch):
    text = _outputs(batch, "display_updates")
    assert "updated" in text and "first" not in text, text[:2000]


def test_past_the_cap_a_result_is_kept_cut_short(batch):
    text = _outputs(batch, "results_flood")
    assert "z" * 1000 in text and "z" * 2100 not in text


def test_the_kernels_sockets_folder_cannot_fill_the_host(batch):
    row = _row(batch, "fill_sockets")
    assert row["status"] == "failed" and row["score"] is None, row
    assert "filled the folder of the kernel's sockets (the limit is 64 KB or 64 files)" in row["reason"], row
    # It wrote into a tiny filesystem in memory: the grader's folders on disk never held more than a few MB.
    assert batch["host_peak"] < 32 * 1024 * 1024, batch["host_peak"]


def test_the_kernels_error_stream_cannot_fill_the_host(batch):
    row = _row(batch, "stderr_flood")
    assert row["status"] == "graded" and row["score"] == course.MAX_SCORE, row
    assert _autograded_size(batch, "stderr_flood") < 1024 * 1024 + 64 * 1024
    # 100 MiB went to the kernel's error stream: its log is a small filesystem in memory, not the disk.
    assert batch["host_peak"] < 32 * 1024 * 1024, batch["host_peak"]


def test_closing_the_kernels_output_channel_is_named_as_such(batch):
    row = _row(batch, "close_iopub")
    assert row["status"] == "failed" and row["score"] is None, row
    assert "closed the kernel's output channel (IOPub)" in row["reason"], row
    assert "did not stop when interrupted" not in row["reason"], row
