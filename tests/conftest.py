"""Shared test settings: hypothesis profiles, xdist groups that hold, a real PostgreSQL server for
gradebooks, and the built book (built once per test process, served on loopback)."""

from __future__ import annotations

import fcntl
import functools
import glob
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from antiplan.build.book import CACHE, STAMP, run_build

ROOT = Path(__file__).resolve().parents[1]

settings.register_profile("default", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep each ``xdist_group`` on one worker under ``--dist loadgroup``.

    pytest-xdist 3.8 marks a test's group by appending ``@GROUP`` to its ``_nodeid``, which pytest 9
    no longer reads (the id lives in ``_id``): every group was spread over both workers, so two
    classrooms (or two PostgreSQL servers) started at once. This appends it where pytest 9 reads it.
    """
    if not hasattr(config, "workerinput") or not config.getvalue("loadgroup"):
        return
    from _pytest.nodeid import NodeId  # pytest 9's structured node id

    for item in items:
        marks = item.iter_markers("xdist_group")
        groups = {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in marks}
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(groups))}")


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail(
            f"PostgreSQL's {name} is missing: install the server with 'apt-get install postgresql' "
            "(the test starts its own server on loopback)"
        )
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server on loopback for this test process: ``(port, a function making a new database)``.

    Tests that use it are in the ``autograde`` xdist group, so one worker starts one server.
    """
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="antiplan-pg-"))
    if os.geteuid() == 0:  # the server refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    port = _free_port()
    subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
                   check=True, capture_output=True)  # fmt: skip
    try:
        import psycopg2

        for _ in range(50):
            try:
                psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres").close()
                break
            except psycopg2.OperationalError:
                time.sleep(0.2)
        names = (f"gradebook_{n}" for n in itertools.count(1))

        def new_database() -> str:
            name = next(names)
            connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
            connection.autocommit = True
            connection.cursor().execute(f"CREATE DATABASE {name}")
            connection.close()
            return f"postgresql+psycopg2://postgres@127.0.0.1:{port}/{name}"

        yield port, new_database
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres(postgres_server):
    """The address of a new, empty gradebook database on the test process's PostgreSQL server."""
    return postgres_server[1]()


# --- the built book, shared by the book's tests (one build per test process) ---------------------


def _build_book_copy(copy: Path) -> tuple[int, str]:
    """Copy the repository to ``copy`` and build its book strictly; return (status, log)."""
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "_build", ".pytest_cache", ".ruff_cache", "__pycache__", "autograder"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    # The grading side stays out (submissions, gradebooks), but for the example specs the book shows.
    shutil.copytree(ROOT / "autograder" / "variants", copy / "autograder" / "variants")
    for kept in (CACHE, STAMP):  # reuse executed pages; the fingerprint says if they are still valid
        if (ROOT / kept).is_dir():
            shutil.copytree(ROOT / kept, copy / kept)
        elif (ROOT / kept).is_file():
            (copy / kept).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / kept, copy / kept)
    done = run_build(copy, capture=True)
    return done.returncode, re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)


@pytest.fixture(scope="session")
def built(tmp_path_factory, worker_id):
    """The book, built strictly once per test run in a copy of the repository: (status, log, html folder).

    Under pytest-xdist the workers share one build: the first to ask builds it, holding a lock in
    the run's shared temporary folder; the others wait for it and read the same files. Tests must
    not change the copy's book (a test that writes makes its own folder inside it).
    """
    if worker_id == "master":
        copy = tmp_path_factory.mktemp("book") / "repo"
        status, log = _build_book_copy(copy)
        return status, log, copy / "_build" / "html"
    shared = tmp_path_factory.getbasetemp().parent / "book"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if the build fails
        outcome = shared / "outcome.json"
        if not outcome.exists():
            status, log = _build_book_copy(shared / "repo")
            outcome.write_text(json.dumps({"status": status, "log": log}), encoding="utf-8")
        done = json.loads(outcome.read_text(encoding="utf-8"))
    return done["status"], done["log"], shared / "repo" / "_build" / "html"


@pytest.fixture(scope="session")
def served(built):
    """The built HTML served over HTTP on loopback; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built[2]))
    server = ThreadingHTTPServer(("127.0.0.1", _free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test reports what matters; keep the output clean
        pass
