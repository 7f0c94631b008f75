"""What the browser tests share: Debian's Chromium, the flags it needs here, a free loopback port."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from antiplan.build import chromium

CHROMIUM = str(chromium.CHROMIUM)
CHROMIUM_FLAGS = list(chromium.CHROMIUM_FLAGS)

MATHJAX_DRAWN = (
    "() => Promise.race([window.MathJax && MathJax.startup ? MathJax.startup.promise : null,"
    " new Promise(done => setTimeout(done, 10000))]).then(() => null)"
)
"""For ``page.evaluate``: wait until MathJax has drawn the page's equations, ten seconds at most
(a page that loads MathJax's loader with nothing to load never settles)."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_chromium() -> None:
    """Fail (not skip) with a plain message when Debian's chromium is missing."""
    if not (Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Debian's chromium is missing ({CHROMIUM} not found): install it with "
            "'apt-get install chromium' or 'make system-deps', then rerun the browser tests",
            pytrace=False,
        )


START_TIMEOUT = 120  # seconds for JupyterLab to answer


@contextlib.contextmanager
def headless_chromium():
    """Debian's Chromium, headless, driven by Playwright's sync API, for the pages of one test module."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def jupyterlab(home: Path, notebooks: dict[str, nbformat.NotebookNode]):
    """A JupyterLab server on loopback (free port, a token, Jupyter settings of its own under ``home``)
    serving ``notebooks`` (file name to notebook); yields ``{"url", "token", "log", "root"}``."""
    require_chromium()
    root = home / "notebooks"
    root.mkdir()
    for name, nb in notebooks.items():
        nbformat.write(nb, root / name)
    config = home / "config"
    (config / "labconfig").mkdir(parents=True)
    # No pop-up asking about news: it could cover the notebook.
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_PREFER_ENV_PATH": "1",  # this environment's python3 kernel, which has antiplan
    }
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(home / "lab.log", "w+b")  # noqa: SIM115 - closed below
    server = subprocess.Popen(command, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if server.poll() is not None:
                log.seek(0)
                pytest.fail(f"JupyterLab stopped at start:\n{log.read().decode(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer on {url} within {START_TIMEOUT} s")
            time.sleep(0.5)
        yield {"url": url, "token": token, "log": home / "lab.log", "root": root}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.sessionContext.isReady;
}"""


def wait_kernel_idle(page, timeout: float) -> None:
    """Wait (up to ``timeout`` ms) until the open notebook's kernel is ready and idle."""
    page.wait_for_function(KERNEL_IDLE, timeout=timeout, polling=200)


@contextlib.contextmanager
def notebook_page(lab: dict, name: str, profile: Path, timeout: float, errors: list | None = None, viewport=None):
    """Headless Chromium with JupyterLab's notebook ``name`` open, its cells shown and its kernel idle.

    ``timeout`` (ms) is every step's; JavaScript errors are appended to ``errors`` if given. On a
    failure a full-page screenshot is saved beside ``profile`` and its path printed with the log's.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=viewport or {"width": 1400, "height": 1000},
        )
        page = browser.new_page()
        try:
            page.set_default_timeout(timeout)
            if errors is not None:
                page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{lab['url']}/lab/tree/{name}?token={lab['token']}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", state="visible")
            wait_kernel_idle(page, timeout)
            yield page
        except Exception:
            shot = profile.parent / "failure.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot: {shot}; JupyterLab's log: {lab['log']}")
            raise
        finally:
            browser.close()
