"""``antiplan calibrate``: fit a scenario's parameters to the First Five-Year Plan's figures and print
the report (``--json`` for the same as data). Bad input raises ``ValueError`` with one line naming
the bad value and what is allowed; ``antiplan.cli`` turns it into exit status 2.
"""

from __future__ import annotations

import argparse
import json

from ..scenarios import SCENARIOS
from .record import CALIBRATED_SCENARIO, FIT_PARAMS, FIT_SEEDS


def add_parser(sub) -> None:
    """Add the ``calibrate`` subcommand to the ``antiplan`` command's subparsers ``sub``."""
    cal = sub.add_parser("calibrate", help="fit a scenario's parameters to the First Five-Year Plan's figures")
    cal.add_argument("--scenario", default=CALIBRATED_SCENARIO, help=f"one of: {', '.join(SCENARIOS)}")
    cal.add_argument("--params", nargs="*", metavar="NAME", help=f"parameters to fit (default: {' '.join(FIT_PARAMS)})")
    cal.add_argument("--moments", nargs="*", metavar="NAME", help="moments to fit (default: all declared)")
    cal.add_argument(
        "--bounds",
        action="append",
        default=[],
        metavar="NAME=LOW,HIGH",
        help="narrower bounds for a fitted parameter, inside the parameter table's range",
    )
    cal.add_argument(
        "--hold-out",
        action="append",
        default=[],
        metavar="NAME[,NAME...]",
        help="moments to leave out of the fit; the report gives the model's prediction of each against the record",
    )
    cal.add_argument("--seeds", type=int, default=FIT_SEEDS, help=f"seeds per evaluation (default {FIT_SEEDS})")
    cal.add_argument("--workers", type=int, default=1, help="processes sharing each evaluation's seeds (default 1)")
    cal.add_argument("--json", action="store_true", help="print the fit as a JSON object")


def parse_bounds(items: list[str]) -> dict[str, tuple[float, float]]:
    """``["tempo=0.02,0.1"]`` as ``{"tempo": (0.02, 0.1)}``; raises ``ValueError`` naming a bad item."""
    bounds = {}
    for item in items:
        name, _, text = item.partition("=")
        try:
            low, high = (float(part) for part in text.split(","))
        except ValueError:
            raise ValueError(
                f"--bounds {item!r} must look like NAME=LOW,HIGH, for example --bounds tempo=0.02,0.1"
            ) from None
        bounds[name.strip()] = (low, high)
    return bounds


def parse_hold_out(items: list[str]) -> list[str]:
    """``["a,b", "c"]`` (``--hold-out a,b --hold-out c``) as ``["a", "b", "c"]``; an empty name is
    kept so that ``calibrate`` refuses it with the allowed names."""
    return [name.strip() for item in items for name in item.split(",")]


def run(args: argparse.Namespace) -> int:
    """Fit as ``args`` asks and print the report; returns the exit status."""
    from .fit import calibrate
    from .report import as_dict, report_text

    fit = calibrate(
        args.scenario,
        params=args.params,
        moments=args.moments,
        seeds=args.seeds,
        bounds=parse_bounds(args.bounds),
        workers=args.workers,
        hold_out=parse_hold_out(args.hold_out),
    )
    print(json.dumps(as_dict(fit), indent=2) if args.json else report_text(fit))
    return 0
