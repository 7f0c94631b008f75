"""The command line, run as a user runs it: exit status, stdout, stderr."""

import json
import subprocess
import sys

import pytest

import antiplan


def run(*args):
    return subprocess.run([sys.executable, "-m", "antiplan.cli", *args], capture_output=True, text=True, timeout=120)


def test_simulate_prints_the_summary_as_json():
    out = run(
        "simulate",
        "--scenario",
        "terror",
        "--set",
        "audit=0.3",
        "--seed",
        "2",
        "--periods",
        "6",
        "--enterprises",
        "20",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    expected = antiplan.simulate("terror", seed=2, periods=6, enterprises=20, audit=0.3).summary
    assert summary == pytest.approx(expected)


def test_simulate_prints_a_readable_table_by_default():
    out = run("simulate", "--periods", "4", "--enterprises", "10", "--engine", "reference")
    assert out.returncode == 0
    assert "statistics_gap" in out.stdout and "{" not in out.stdout


def test_params_json_lists_the_table():
    out = run("params", "--json")
    rows = json.loads(out.stdout)
    assert [r["name"] for r in rows] == [p.name for p in antiplan.PARAMETERS]
    assert {"name", "meaning", "unit", "min", "max", "default"} <= set(rows[0])


def test_params_prints_every_parameter():
    out = run("params")
    assert all(p.name in out.stdout for p in antiplan.PARAMETERS)


@pytest.mark.parametrize(
    "args, named",
    [
        (["simulate", "--set", "tempo=9"], "tempo=9.0 is out of range: allowed is a number from 0 to 0.15"),
        (["simulate", "--set", "bogus=1"], "unknown parameter 'bogus'"),
        (["simulate", "--set", "tempo"], "must look like KEY=VALUE"),
        (["simulate", "--set", "tempo=fast"], "tempo='fast' is not a number"),
        (["simulate", "--set", "democratic=maybe"], "allowed is true or false"),
        (["simulate", "--scenario", "utopia"], "unknown scenario 'utopia'"),
        (["simulate", "--engine", "gpu"], "unknown engine 'gpu'"),
        (["simulate", "--periods", "0"], "periods=0 is out of range"),
        (["simulate", "--seed", "x"], "--seed: invalid int value: 'x'"),
        (["simulate", "--seed", "-1"], "seed=-1 is out of range: allowed is an integer from 0 to"),
        (["grade", "ch01", "--jobs", "0"], "--jobs/-j: '0' is not allowed: a whole number of workers, 1 or more"),
        (["grade", "ch01", "--jobs", "-3"], "--jobs/-j: '-3' is not allowed"),
        (["grade", "ch01", "--jobs", "two"], "--jobs/-j: 'two' is not allowed"),
        (["stats"], "the following arguments are required: ASSIGNMENT"),
        (["stats", "ch01", "--format", "pdf"], "argument --format: invalid choice: 'pdf'"),
        (["dance"], "invalid choice: 'dance'"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_it(args, named):
    out = run(*args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


@pytest.mark.parametrize("args", [("params", "--json"), ("calibrate", "--help")])
def test_python_dash_m_antiplan_runs_the_installed_command(args):
    """``python -m antiplan ...`` gives what ``antiplan ...`` gives, so every command the book shows works both ways."""
    package = subprocess.run([sys.executable, "-m", "antiplan", *args], capture_output=True, text=True, timeout=120)
    module = run(*args)
    assert package.returncode == 0, package.stderr
    assert package.stdout == module.stdout
