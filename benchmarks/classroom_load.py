"""Load on a classroom: ``make classroom`` until ready, then ten students' servers and notebooks at once.

Run as root with ``.venv/bin/python benchmarks/classroom_load.py [--students 10] [--port 8600]``.
It starts a classroom of its own (its own users, ports and folder; stopped at the end, whatever
happens) and prints:

- ready: seconds from ``antiplan classroom start`` to the hub answering (what ``make classroom`` waits for);
- servers: the ten students' JupyterLab servers started at once through the hub's REST API (the
  classroom's service token, ``hub/api_token``), each polled until the hub reports it ready and it
  answers; seconds until every one does;
- notebooks: each student, in their own environment (``antiplan classroom run``: their user, their
  configuration, the hub's namespace) runs the ch03 notebook, answers filled in, top to bottom with
  ``jupyter execute`` (nbclient, the kernel their server starts), all at once; seconds until all are
  done, each one's time, and any that failed;
- baseline: the same notebook run once, alone, as one student, for comparison.
"""

from __future__ import annotations

import argparse
import concurrent.futures as futures
import json
import os
import pwd
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat

from antiplan.classroom.layout import Layout
from antiplan.grading.notebook import cells_by_grade_id, nbgrader_meta, solution_code

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "bench-password"
FOLDER = Path("/srv/antiplan-classroom-bench")


def antiplan(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(BIN / "antiplan"), *args], capture_output=True, text=True)
    if check and done.returncode:
        raise SystemExit(f"antiplan {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def answered_ch03() -> nbformat.NotebookNode:
    """The ch03 student copy with every answer filled in from the instructor's notebook."""
    student = nbformat.read(str(ROOT / "exercises" / "ch03" / "ch03.ipynb"), as_version=4)
    source = cells_by_grade_id(nbformat.read(str(ROOT / "source" / "ch03" / "ch03.ipynb"), as_version=4))
    for cell in student.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            cell.source = solution_code(source[meta["grade_id"]].source)
    return student


def hub_api(url: str, token: str, path: str, method: str = "GET") -> tuple[int, dict]:
    """(HTTP status, JSON body) of a call to the hub's REST API with the classroom's service token."""
    request = urllib.request.Request(
        f"{url}hub/api/{path}", method=method, data=b"" if method == "POST" else None,
        headers={"Authorization": f"token {token}"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            return response.status, json.loads(body) if body else {}
    except urllib.error.HTTPError as error:
        return error.code, {}


def spawn(url: str, token: str, user: str, timeout: float = 600.0) -> float:
    """Start ``user``'s server through the hub's API; seconds until the hub says it is ready and it answers."""
    started = time.monotonic()
    status, _ = hub_api(url, token, f"users/{user}/server", method="POST")
    if status not in (201, 202):
        raise RuntimeError(f"the hub would not start {user}'s server: HTTP {status}")
    while time.monotonic() - started < timeout:
        status, model = hub_api(url, token, f"users/{user}")
        server = model.get("servers", {}).get("", {})
        if status == 200 and server.get("ready"):
            # the hub's word, checked against the server's own answer (the token may reach every server)
            answer = urllib.request.Request(f"{url}user/{user}/api/status", headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(answer, timeout=60) as response:
                json.loads(response.read())
            return time.monotonic() - started
        time.sleep(1)
    raise RuntimeError(f"{user}'s server was not ready within {timeout:.0f} s")


def run_notebook(root: Path, user: str) -> tuple[float, str]:
    """Run ch03 top to bottom as ``user``; (seconds, '' or the last line of the error)."""
    started = time.monotonic()
    done = antiplan(
        "classroom", "run", "--root", str(root), user, "--",
        "jupyter", "execute", "--inplace", "ch03/ch03.ipynb", check=False,
    )  # fmt: skip
    error = "" if done.returncode == 0 else (done.stderr.strip().splitlines() or ["?"])[-1]
    return time.monotonic() - started, error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--port", type=int, default=8600)
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("run as root: the classroom makes local users")
    names = [f"s{i:02d}" for i in range(1, args.students + 1)]
    antiplan("classroom", "stop", "--root", str(FOLDER), check=False)
    started = time.monotonic()
    antiplan(
        "classroom", "start", "--port", str(args.port), "--prefix", "load-", "--students", ",".join(names),
        "--password", PASSWORD, "--root", str(FOLDER), "--repository", str(ROOT),
    )  # fmt: skip
    ready = time.monotonic() - started
    url = f"http://127.0.0.1:{args.port}/"
    users = [f"load-{n}" for n in names]
    try:
        token = Layout(FOLDER).api_token.read_text().strip()
        notebook = answered_ch03()
        for user in users:
            account = pwd.getpwnam(user)
            folder = Path(account.pw_dir) / "ch03"
            folder.mkdir()
            nbformat.write(notebook, str(folder / "ch03.ipynb"))
            for path in (folder, folder / "ch03.ipynb"):
                os.chown(path, account.pw_uid, account.pw_gid)

        baseline, error = run_notebook(FOLDER, users[0])
        if error:
            raise SystemExit(f"ch03 does not run even alone: {error}")

        began = time.monotonic()
        with futures.ThreadPoolExecutor(len(users)) as pool:
            spawn_times = list(pool.map(lambda u: spawn(url, token, u), users))
        servers = time.monotonic() - began

        began = time.monotonic()
        with futures.ThreadPoolExecutor(len(users)) as pool:
            results = list(pool.map(lambda u: run_notebook(FOLDER, u), users))
        notebooks = time.monotonic() - began
    finally:
        antiplan("classroom", "stop", "--root", str(FOLDER), check=False)

    times = [t for t, _ in results]
    failed = [f"{u}: {e}" for u, (_, e) in zip(users, results, strict=True) if e]
    print(f"classroom ready (make classroom): {ready:.1f} s")
    print(
        f"{len(users)} servers started at once: all up in {servers:.1f} s "
        f"(each {min(spawn_times):.1f} to {max(spawn_times):.1f} s)"
    )
    print(f"ch03 top to bottom, one student alone (baseline): {baseline:.1f} s")
    print(
        f"ch03 top to bottom, {len(users)} students at once: all done in {notebooks:.1f} s "
        f"(each {min(times):.1f} to {max(times):.1f} s, median {statistics.median(times):.1f} s)"
    )
    print(f"failures: {len(failed)}" + "".join(f"\n  {f}" for f in failed))


if __name__ == "__main__":
    main()
