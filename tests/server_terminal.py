"""Commands typed in a terminal of a user's own Jupyter server, from their logged-in browser page.

The page opens a terminal the way JupyterLab's File > New > Terminal does (``POST api/terminals``,
then the terminal's websocket), types each command, and reads what the terminal prints back until
the command's exit status shows. The command runs where a student's would: in their server, as
their user, with their server's environment.
"""

from __future__ import annotations

import re

# Runs in the page: open a terminal of the server at ``base``, type each command, collect its output.
_SCRIPT = """
async ([base, commands, timeout]) => {
  const xsrf = decodeURIComponent((document.cookie.match(/(?:^|; )_xsrf=([^;]*)/) || [])[1] || "");
  const made = await fetch(base + "api/terminals", {method: "POST", headers: {"X-XSRFToken": xsrf}});
  if (!made.ok) throw new Error("no terminal: HTTP " + made.status);
  const name = (await made.json()).name;
  const socket = new WebSocket(location.origin.replace(/^http/, "ws") + base + "terminals/websocket/" + name);
  let output = "";
  const results = [];
  try {
    await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
    for (const command of commands) {
      output = "";
      const done = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no answer to: " + command + "\\n" + output)), timeout);
        socket.onmessage = (event) => {
          const [kind, text] = JSON.parse(event.data);
          if (kind !== "stdout") return;
          output += text;
          if (/@@status=\\d+@@/.test(output)) { clearTimeout(timer); resolve(output); }
        };
      });
      // the echo of what is typed shows "$?": only the shell's answer has digits there
      socket.send(JSON.stringify(["stdin", command + ' 2>&1; echo "@@status=$?@@"\\r']));
      results.push(await done);
    }
  } finally {
    socket.close();
    await fetch(base + "api/terminals/" + name, {method: "DELETE", headers: {"X-XSRFToken": xsrf}});
  }
  return results;
}
"""


def in_terminal(page, user: str, commands: list[str], timeout: float = 120.0) -> list[tuple[int, str]]:
    """(exit status, what the terminal printed) of each of ``commands``, typed in turn in a new terminal
    of ``user``'s server; ``page`` is that user's JupyterLab."""
    raw = page.evaluate(_SCRIPT, [f"/user/{user}/", commands, int(timeout * 1000)])
    results = []
    for text in raw:
        status = re.search(r"@@status=(\d+)@@", text)
        results.append((int(status.group(1)), text[: status.start()]))
    return results
