"""Latency of a dashboard: from a control's change to updated output, against a bare ``simulate`` call.

Run with ``.venv/bin/python benchmarks/widget_latency.py``. For each case the script moves controls
through their range many times (the dashboard reruns the model, redraws its figure and rewrites its
tables on every change) and prints the median and 90th percentile of the time from setting the
control's value to the moment the new image and tables are in the widgets. The baseline is a bare
``antiplan.simulate`` call with the same parameters. Default size: 200 enterprises, 20 quarters.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import antiplan
from antiplan.widgets import Dashboard


def _figures(seconds: list[float]) -> tuple[float, float]:
    ms = np.array(seconds) * 1000.0
    return float(statistics.median(ms)), float(np.percentile(ms, 90))


def _values(control, count: int, points: int) -> list:
    """``count`` values sweeping the control's range back and forth over ``points`` evenly spaced values.

    Few points are jumps across the range (clicks); many are small steps (a drag).
    """
    if isinstance(control.value, bool):
        return [k % 2 == 0 for k in range(count)]
    grid = np.linspace(control.min, control.max, points)
    sweep = list(grid) + list(grid[-2:0:-1])
    values = [sweep[k % len(sweep)] for k in range(count)]
    return [int(round(v)) if isinstance(control.value, int) else float(v) for v in values]


def measure(dash: Dashboard, names: list[str], count: int, points: int = 9) -> list[float]:
    """Times, in seconds, from setting a control's value to the dashboard's views being updated."""
    times = []
    sweeps = {name: _values(dash.controls[name], count, points) for name in names}
    for k in range(count):
        name = names[k % len(names)]
        control = dash.controls[name]
        value = sweeps[name][k]
        if value == control.value:
            value = control.min if value != control.min else control.max
        start = time.perf_counter()
        control.value = value  # the dashboard reruns and redraws before this returns
        times.append(time.perf_counter() - start)
    return times


def baseline(dash: Dashboard, count: int) -> list[float]:
    """Times of bare ``simulate`` calls with the dashboard's current parameters."""
    params = dash.params()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        antiplan.simulate(dash.scenario, seed=0, **params)
        times.append(time.perf_counter() - start)
    return times


def honest_report(actual, target, padding, caught):
    """A student's rule: managers report the truth."""
    return actual


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="control changes per case (default 200)")
    args = parser.parse_args()
    cases = [
        ("chapter 3, jumps", Dashboard(3), ["penalty", "audit"], 9),
        ("chapter 3, drag", Dashboard(3), ["penalty"], 101),
        ("whole model, jumps", Dashboard(), ["tempo", "penalty", "conditions", "chain_depth"], 9),
        ("whole model, drag", Dashboard(), ["tempo"], 101),
        ("whole model + democratic, jumps", Dashboard(democratic_overlay=True), ["tempo", "conditions"], 9),
        (
            "ch. 3 + student rule + democratic, jumps",
            Dashboard(3, report_rule=honest_report, democratic_overlay=True),
            ["penalty", "audit"],
            9,
        ),
    ]
    print(f"{'case (control changes)':42} {'runs':>4} {'median ms':>10} {'p90 ms':>8}   bare simulate: median, p90 ms")
    for label, dash, names, points in cases:
        measure(dash, names, 10, points)  # warm up: first draws, caches
        times = measure(dash, names, args.count, points)
        base = baseline(dash, args.count)
        med, p90 = _figures(times)
        bmed, bp90 = _figures(base)
        draws = f"figure drawn whole {dash.plots.full_draws}x, one panel {dash.plots.panel_draws}x"
        print(f"{label:42} {len(dash.runs):>4} {med:>10.1f} {p90:>8.1f}   {bmed:.1f}, {bp90:.1f}   ({draws})")


if __name__ == "__main__":
    main()
