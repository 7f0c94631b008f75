"""The command line: ``antiplan simulate``, ``antiplan params``, ``antiplan check``, ``antiplan calibrate``;
``antiplan grade``, ``antiplan variant``, ``antiplan export``, ``antiplan stats`` and ``antiplan classroom`` are
handed to their own commands.

Bad input exits with status 2 and one line on stderr naming the bad key or value and what is allowed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .calibration.command import add_parser as add_calibrate
from .calibration.command import run as run_calibrate
from .engine import ENGINES
from .parameters import BY_NAME, PARAMETERS
from .scenarios import SCENARIOS
from .simulate import DEFAULT_ENTERPRISES, DEFAULT_PERIODS, simulate


class UsageError(Exception):
    """Bad input on the command line: a one-line message for the user."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and exit; we want one line
        raise UsageError(message)


def _parse_value(name: str, text: str):
    """Turn ``text`` into the type of parameter ``name`` (validation of range happens later)."""
    if name not in BY_NAME:
        raise UsageError(f"unknown parameter {name!r}: known parameters are {', '.join(sorted(BY_NAME))}")
    param = BY_NAME[name]
    lowered = text.strip().lower()
    if param.kind == "bool":
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
        raise UsageError(f"{name}={text!r} is not allowed: allowed is {param.allowed()}")
    try:
        number = float(lowered)
    except ValueError:
        raise UsageError(f"{name}={text!r} is not a number: allowed is {param.allowed()}") from None
    if param.kind == "int" and number.is_integer():
        return int(number)
    return number


def _parse_sets(items: Sequence[str]) -> dict:
    values = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--set {item!r} must look like KEY=VALUE, for example --set tempo=0.08")
        key, text = item.split("=", 1)
        values[key.strip()] = _parse_value(key.strip(), text)
    return values


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="antiplan", description="Run the plan-and-falsification model.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser("simulate", help="run the model and print its summary")
    run.add_argument("--scenario", default="command", help=f"one of: {', '.join(SCENARIOS)}")
    run.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a parameter")
    run.add_argument("--seed", type=int, default=None, help="the random seed (default: the economy's, 0)")
    run.add_argument("--periods", type=int, default=DEFAULT_PERIODS)
    run.add_argument("--enterprises", type=int, default=DEFAULT_ENTERPRISES)
    run.add_argument("--engine", default="vectorized", help=f"one of: {', '.join(ENGINES)}")
    run.add_argument("--json", action="store_true", help="print the summary as a JSON object")
    params = sub.add_parser("params", help="print the parameter table")
    params.add_argument("--json", action="store_true", help="print the table as a JSON list")
    check = sub.add_parser("check", help="run a notebook's visible tests and print each question's result")
    check.add_argument("notebook", help="path to the .ipynb file")
    add_calibrate(sub)
    sub.add_parser("grade", help="grade every submission of an assignment (see: antiplan grade --help)", add_help=False)
    sub.add_parser("variant", help="build and check assignment variants (see: antiplan variant --help)", add_help=False)
    sub.add_parser("export", help="grades for Canvas, Moodle or a CSV (see: antiplan export --help)", add_help=False)
    sub.add_parser(
        "stats", help="which questions worked, across the class (see: antiplan stats --help)", add_help=False
    )
    sub.add_parser("classroom", help="a demo class on JupyterHub (see: antiplan classroom --help)", add_help=False)
    return parser


def _print_summary(summary: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary, indent=2))
        return
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        print(f"{key:<{width}}  {value:10.4f}")


def _print_params(as_json: bool) -> None:
    rows = [p.as_dict() for p in PARAMETERS]
    if as_json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'name':<19} {'default':>8} {'min':>6} {'max':>6}  ch  meaning (unit)")
    for p in PARAMETERS:
        print(f"{p.name:<19} {p.default!s:>8} {p.min:>6g} {p.max:>6g}  {p.chapter:>2}  {p.meaning} ({p.unit})")


def _check(path: str) -> int:
    from .grading.selfcheck import main as selfcheck_main

    return selfcheck_main([path])


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``antiplan`` command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["grade"]:
        from .autograde.command import main as grade

        return grade(argv[1:])
    if argv[:1] == ["variant"]:
        from .variants.command import main as variant

        return variant(argv[1:])
    if argv[:1] == ["export"]:
        from .lms.command import main as export

        return export(argv[1:])
    if argv[:1] == ["stats"]:
        from .stats.command import main as stats

        return stats(argv[1:])
    if argv[:1] == ["classroom"]:
        from .classroom.command import main as classroom

        return classroom(argv[1:])
    try:
        args = _parser().parse_args(argv)
        if args.command == "params":
            _print_params(args.json)
            return 0
        if args.command == "check":
            return _check(args.notebook)
        if args.command == "calibrate":
            return run_calibrate(args)
        result = simulate(
            args.scenario,
            seed=args.seed,
            periods=args.periods,
            enterprises=args.enterprises,
            engine=args.engine,
            **_parse_sets(args.set),
        )
        _print_summary(result.summary, args.json)
        return 0
    except (UsageError, ValueError) as error:
        print(f"antiplan: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
