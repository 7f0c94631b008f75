"""The live model in the built book: bytes transferred, time to the first live result, time per lever move.

Run with ``.venv/bin/python benchmarks/live_model.py`` after ``make book`` (``--html`` for another
built book, ``--chapter`` for another page). It serves the book on loopback, opens the chapter in
Debian's Chromium with no host but loopback resolving, and presses "Run it live" twice: a first
visit (empty cache) and a repeat visit (the same browser profile, a new tab). For each it prints the
bytes the server sent (the page, then what the button loaded), the seconds from the press to the
first live result drawn, and for the repeat visit the time from a lever's move to the redrawn plots
(median and 90th percentile over ``--moves`` moves across the lever's range, measured in the page
from the control's input event to the end of drawing). A plain static server sends no caching
headers, so a repeat visit soon after the first is served from the browser's cache; "repeat,
asking" is a repeat visit to a server that makes the browser ask for every file again (each answer
a 304 Not Modified), the most a repeat visit transfers. The goals on this machine: a first visit
under 25 MB and ready in under 10 s, a repeat visit under 5 MB, a move under 200 ms.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402 - the tests' Chromium and its flags

import antiplan  # noqa: E402

LIVE = "() => document.querySelector('.antiplan-live').antiplanLive"


class Counting(SimpleHTTPRequestHandler):
    """A static server that counts the bytes it sends (headers and bodies)."""

    sent = 0
    revalidate = False
    """Send ``Cache-Control: no-cache``: the browser asks again for every file it holds (a 304 if unchanged)."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        if Counting.revalidate:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_header(self, keyword, value):
        Counting.sent += len(keyword) + len(str(value)) + 4
        super().send_header(keyword, value)

    def copyfile(self, source, outputfile):
        start = source.tell()
        super().copyfile(source, outputfile)
        Counting.sent += source.tell() - start


def visit(context, url: str, lever: str, values: list[float]) -> dict:
    """Open ``url``, press "Run it live", move ``lever`` through ``values``; the figures of the visit."""
    page = context.new_page()
    page.set_default_timeout(180_000)
    before = Counting.sent
    page.goto(url, wait_until="networkidle")
    page_bytes = Counting.sent - before
    start = time.perf_counter()
    page.get_by_role("button", name="Run it live").click()
    page.wait_for_function(f"() => {{ const r = ({LIVE})(); return r && r.ready !== null; }}")
    wall = time.perf_counter() - start
    record = page.evaluate(LIVE)
    live_bytes = Counting.sent - before - page_bytes
    control = page.locator(f".antiplan-live-lever-{lever} input")
    for k, value in enumerate(values, start=2):
        control.fill(str(value))
        page.wait_for_function(f"() => ({LIVE})().moves.length >= {k}")
    moves = page.evaluate(LIVE)["moves"][1:]
    page.close()
    return {
        "page": page_bytes,
        "live": live_bytes,
        "ready": record["ready"],
        "steps": record["steps"],
        "wall": wall,
        "moves": moves,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the live model's first-visit and repeat-visit figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built book")
    parser.add_argument("--chapter", type=int, default=3)
    parser.add_argument("--moves", type=int, default=30, help="lever moves timed on the repeat visit")
    args = parser.parse_args(argv)
    page = args.html / "book" / f"ch{args.chapter:02d}.html"
    if not (args.html / "_static" / "pyodide" / "pyodide.asm.wasm").is_file():
        print(f"no live model in {args.html}: build the book with `make book` first", file=sys.stderr)
        return 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(args.html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page.relative_to(args.html).as_posix()}"
    parameter = next(p for p in antiplan.PARAMETERS if p.chapter == args.chapter and p.kind == "float")
    sweep = np.linspace(parameter.min, parameter.max, 9)
    values = [round(float(v), 6) for v in [*sweep, *sweep[-2:0:-1]] * args.moves][: args.moves]

    from playwright.sync_api import sync_playwright

    visits = {}
    with sync_playwright() as pw:
        for revalidate in (False, True):
            Counting.revalidate = revalidate
            with tempfile.TemporaryDirectory() as profile:
                # Off-loopback hosts do not resolve (a route handler would turn off the browser's HTTP
                # cache, which the repeat visit measures).
                offline = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
                context = pw.chromium.launch_persistent_context(
                    profile,
                    executable_path=CHROMIUM,
                    headless=True,
                    args=[*CHROMIUM_FLAGS, offline],
                    viewport={"width": 1366, "height": 900},
                )
                if not revalidate:
                    visits["first visit"] = visit(context, url, parameter.name, values[:3])
                    visits["repeat visit"] = visit(context, url, parameter.name, values)
                else:
                    visit(context, url, parameter.name, [])
                    visits["repeat, asking"] = visit(context, url, parameter.name, [])
                context.close()
    server.shutdown()

    print(f"live model, chapter {args.chapter} ({url}), lever {parameter.name}")
    for name, figures in visits.items():
        total = figures["page"] + figures["live"]
        print(
            f"  {name:13s} {total / 1e6:6.2f} MB transferred (page {figures['page'] / 1e6:.2f} MB, "
            f"Run it live {figures['live'] / 1e6:.2f} MB); first live result {figures['ready']:.2f} s after the press"
        )
        steps = figures["steps"]
        print(
            f"  {'':13s} of which: runtime {steps['runtime']:.2f} s, NumPy {steps['numpy']:.2f} s, "
            f"antiplan and the chapter's model {steps['antiplan']:.2f} s"
        )
    moves = visits["repeat visit"]["moves"]
    print(
        f"  lever move to redrawn plots: median {statistics.median(moves):.0f} ms, "
        f"90th percentile {np.percentile(moves, 90):.0f} ms over {len(moves)} moves"
    )
    print("  goals: first visit < 25 MB and < 10 s; repeat visit < 5 MB; a move < 200 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
