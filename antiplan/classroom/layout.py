"""Where a classroom keeps its files, and the state that says what it started.

Everything lives under one root folder (``/srv/antiplan-classroom`` unless ``--root`` says otherwise):

    exchange/            nbgrader's exchange, writable by all with the sticky bit (1777)
    jupyter/student/     the Jupyter configuration every student's server reads (JUPYTER_CONFIG_PATH)
    jupyter/instructor/  the instructor's
    hub/                 the hub's own files (database, cookie secret, API token, configuration, log), root only
    state.json           what ``start`` made: users, ports, the hub's process id; ``stop`` undoes it
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_ROOT = Path("/srv/antiplan-classroom")
COURSE_ID = "antiplan"


@dataclass
class State:
    """What a started classroom consists of; written before anything is made, so ``stop`` can undo it."""

    root: str
    port: int
    prefix: str
    instructor: str
    students: list[str]
    users_made: list[str] = field(default_factory=list)
    hub_pid: int = 0
    course: str = ""
    repository: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def accounts(self) -> list[str]:
        """The instructor, then the students."""
        return [self.instructor, *self.students]


@dataclass(frozen=True)
class Layout:
    """The folders and files under a classroom's root."""

    root: Path

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def student_config(self) -> Path:
        return self.root / "jupyter" / "student"

    @property
    def instructor_config(self) -> Path:
        return self.root / "jupyter" / "instructor"

    @property
    def hub(self) -> Path:
        return self.root / "hub"

    @property
    def log(self) -> Path:
        return self.hub / "jupyterhub.log"

    @property
    def api_token(self) -> Path:
        """The token of the hub's ``antiplan-classroom`` service: root's key to the hub's REST API."""
        return self.hub / "api_token"

    @property
    def proxy_pid(self) -> Path:
        return self.hub / "proxy.pid"

    @property
    def state_file(self) -> Path:
        return self.root / "state.json"

    def read_state(self) -> State | None:
        """The saved state, or None when no classroom was started here."""
        try:
            return State(**json.loads(self.state_file.read_text()))
        except FileNotFoundError:
            return None

    def write_state(self, state: State) -> None:
        """Save ``state`` (atomically: a half-written state would hide what to undo)."""
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)  # the exchange and the configuration below must be reachable by all
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(state), indent=2))
        os.replace(tmp, self.state_file)
