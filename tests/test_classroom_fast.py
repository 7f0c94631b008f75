"""``antiplan classroom``: what stops a start before anything is made, and the pieces it is built from."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from antiplan.classroom.hubconfig import config_text, ports
from antiplan.classroom.jupyterconfig import INSTRUCTOR_ONLY_PLUGINS, write_configs
from antiplan.classroom.layout import Layout, State
from antiplan.classroom.namespace import blocked_ancestor, exposures, wrap
from antiplan.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def as_root():
    if os.geteuid() != 0:
        pytest.fail("antiplan classroom start needs root: run this test as root (as make test does)", pytrace=False)


def start(capsys, root: Path, *extra: str) -> tuple[int, str]:
    status = main(["classroom", "start", "--root", str(root), "--repository", str(ROOT), *extra])
    return status, capsys.readouterr().err


def test_a_port_in_use_is_one_line_and_makes_nothing(as_root, tmp_path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        status, err = start(capsys, tmp_path / "room", "--port", str(port), "--prefix", "fast-")
    assert status == 1
    assert err == (
        f"antiplan classroom: port {port} (the public port) is in use: stop what listens there, "
        "or pick other ports with make classroom PORT=N (it uses N, N+1 and N+2)\n"
    )
    assert not (tmp_path / "room").exists()


def _state(root: Path, pid: int) -> None:
    Layout(root).write_state(State(str(root), 8123, "fast-", "fast-instructor", ["fast-ana"], hub_pid=pid))


def test_a_running_classroom_is_named(as_root, tmp_path, capsys):
    _state(tmp_path, os.getpid())
    status, err = start(capsys, tmp_path)
    assert status == 1
    assert err.startswith("antiplan classroom: a classroom is already running at http://127.0.0.1:8123/")
    assert err.endswith("run make classroom-stop first\n") and err.count("\n") == 1


def test_a_half_started_classroom_says_to_stop_it(as_root, tmp_path, capsys):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _state(tmp_path, dead.pid)
    status, err = start(capsys, tmp_path)
    assert status == 1
    assert err == (
        f"antiplan classroom: a classroom from before was not stopped cleanly ({tmp_path / 'state.json'}): "
        "run make classroom-stop first\n"
    )


def test_a_taken_user_name_is_not_borrowed(as_root, tmp_path, capsys):
    status, err = start(capsys, tmp_path / "room", "--prefix", "", "--students", "root", "--port", "1")
    assert status == 1
    assert "user root already exists on this machine: remove it, or pick another --prefix" in err
    assert not (tmp_path / "room").exists()


def test_stop_with_nothing_started(tmp_path, capsys):
    assert main(["classroom", "stop", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"no classroom in {tmp_path}: nothing to stop\n"


def test_students_get_no_instructor_tools_in_their_configuration(tmp_path):
    layout = Layout(tmp_path)
    write_configs(layout)
    pages = json.loads((layout.student_config / "labconfig" / "page_config.json").read_text())
    assert set(pages["disabledExtensions"]) == set(INSTRUCTOR_ONLY_PLUGINS)
    server = json.loads((layout.student_config / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"nbgrader.server_extensions.formgrader": False}
    assert not (layout.instructor_config / "labconfig").exists()
    for side in (layout.student_config, layout.instructor_config):
        text = (side / "nbgrader_config.py").read_text()
        assert f"c.Exchange.root = {str(layout.exchange)!r}" in text and "course_id = 'antiplan'" in text


def test_hub_configuration_is_python_with_the_three_ports(tmp_path):
    state = State(str(tmp_path), 8200, "x-", "x-instructor", ["x-ana"], course="/home/x-instructor/antiplan")
    text = config_text(state, Layout(tmp_path), Path("/opt/chp"), "pw")
    compile(text, "jupyterhub_config.py", "exec")
    assert ports(8200) == {"public": 8200, "proxy_api": 8201, "hub": 8202}
    for line in ("c.JupyterHub.port = 8200", 'api_url = "http://127.0.0.1:8201"', "hub_port = 8202"):
        assert line in text
    assert "c.Authenticator.admin_users = {'x-instructor'}" in text


def test_a_python_behind_a_closed_folder_is_opened_only_inside_the_hub():
    with tempfile.TemporaryDirectory(dir="/var/tmp") as scratch:  # /var/tmp: anyone may enter
        closed = Path(scratch) / "closed"
        (closed / "python").mkdir(parents=True)
        Path(scratch).chmod(0o755)
        closed.chmod(0o700)
        assert blocked_ancestor(closed / "python" / "bin") == closed
    assert blocked_ancestor(Path("/usr/bin/env")) is None
    command = wrap(["jupyterhub"], Path("/srv/stage"))
    pairs = exposures()
    if not pairs:
        assert command == ["jupyterhub"]
    else:
        assert command[:4] == ["unshare", "--mount", "--propagation", "private"] and command[-1] == "jupyterhub"
        script = command[command.index("-c") + 1]
        for needed, blocked in pairs:
            assert f"mount -t tmpfs -o mode=0755 antiplan-classroom {blocked}" in script
            assert f"mount -o remount,bind,ro {needed}" in script
