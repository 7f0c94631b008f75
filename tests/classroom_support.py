"""What the classroom tests share: a classroom started for the test, and a browser logged in to it."""

from __future__ import annotations

import html
import os
import pwd
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat

from antiplan.classroom.layout import COURSE_ID, Layout

BIN = Path(sys.executable).parent
RUN = uuid.uuid4().hex[:4]
PREFIX = f"e2e{RUN}-"  # each run its own users and folder: two checkouts may test on one machine at once
STUDENTS = ("ana", "ben")
ROOTS = Path("/srv")  # not under /tmp/pytest-of-root: that is 0700, and every user must reach the exchange


def free_ports(count: int = 3) -> int:
    """A port N such that N .. N+count-1 are free on loopback."""
    for _ in range(200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count < 65535 and all(_free(base + i) for i in range(count)):
            return base
    raise RuntimeError("no three free ports in a row on loopback")


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def antiplan(*args: str, check: bool = True, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run the ``antiplan`` command."""
    done = subprocess.run([str(BIN / "antiplan"), *args], capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"antiplan {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def stop_leftovers(max_age: float = 3 * 3600) -> None:
    """Stop classrooms that runs of these tests left behind (killed before cleaning up): those whose hub
    is gone, or that are older than any run (another checkout's run, still going, is left alone)."""
    from antiplan.classroom.hub import alive

    for root in ROOTS.glob("antiplan-classroom-e2e-*"):
        state = Layout(root).read_state()
        stale = state is None or not alive(state.hub_pid)
        if stale or time.time() - Layout(root).state_file.stat().st_mtime > max_age:
            antiplan("classroom", "stop", "--root", str(root), check=False)


class Classroom:
    """A classroom started for the tests, and how to act as its users."""

    def __init__(self, port: int, root: Path):
        self.port = port
        self.root = root
        self.url = f"http://127.0.0.1:{port}"
        self.instructor = PREFIX + "instructor"
        self.students = [PREFIX + s for s in STUDENTS]
        self.password = "e2e-password"

    @classmethod
    def start(cls, repository: Path) -> Classroom:
        stop_leftovers()
        room = cls(free_ports(), ROOTS / f"antiplan-classroom-e2e-{RUN}")
        antiplan(
            "classroom", "start", "--port", str(room.port), "--prefix", PREFIX, "--students", ",".join(STUDENTS),
            "--password", room.password, "--root", str(room.root), "--repository", str(repository),
        )  # fmt: skip
        return room

    def stop(self) -> subprocess.CompletedProcess:
        return antiplan("classroom", "stop", "--root", str(self.root), check=False)

    @property
    def layout(self) -> Layout:
        return Layout(self.root)

    @property
    def course(self) -> Path:
        return Path(pwd.getpwnam(self.instructor).pw_dir) / "antiplan"

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def run(self, user: str, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        """``argv`` as ``user``, in their environment and folder (``antiplan classroom run``)."""
        return antiplan("classroom", "run", "--root", str(self.root), user, "--", *argv, check=check)

    def submissions(self, student: str, assignment: str) -> int:
        """How many times ``student`` has submitted ``assignment`` (their folders in the exchange's inbound)."""
        return len(list((self.layout.exchange / COURSE_ID / "inbound").glob(f"{student}+{assignment}+*")))

    def write_as(self, user: str, path: Path, notebook) -> None:
        """Write ``notebook`` to ``path`` and give it to ``user`` (a student typing their answers)."""
        nbformat.write(notebook, str(path))
        account = pwd.getpwnam(user)
        os.chown(path, account.pw_uid, account.pw_gid)


def appears(condition, timeout: float = 60.0) -> bool:
    """Whether ``condition()`` comes true within ``timeout`` seconds (polled twice a second)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


def log_in(browser, room: Classroom, user: str):
    """A new browser context logged in as ``user``, on a fresh JupyterLab workspace; its page."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(240_000)  # a server's first start on two busy cores
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" from an open notebook: yes
    page.goto(f"{room.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", room.password)
    page.click("#login_submit")
    page.wait_for_url("**/lab**")
    page.goto(f"{room.url}/user/{user}/lab?reset")
    page.wait_for_selector(".lm-MenuBar-itemLabel:text('Nbgrader')")
    return page


def nbgrader_menu(page) -> list[str]:
    """The items of JupyterLab's Nbgrader menu."""
    page.click(".lm-MenuBar-itemLabel:text('Nbgrader')")
    items = [t for t in page.locator(".lm-Menu-content .lm-Menu-itemLabel").all_inner_texts() if t.strip()]
    page.keyboard.press("Escape")
    return items


def escaped(line: str) -> str:
    return html.escape(line, quote=True)
