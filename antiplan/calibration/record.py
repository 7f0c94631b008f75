"""The recorded calibration of the ``first-five-year-plan`` scenario: its values and their provenance.

``antiplan/data/first_five_year_plan_calibration.json`` holds the fitted values and how they were
obtained (moments file and its checksum, seeds, optimizer, objective, date). The scenario reads its
values from there, through ``antiplan.recorded_fit``, so the model never imports this package. To fit
again and rewrite the record:

    python -m antiplan.calibration.record
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The model reads the record itself (``antiplan.recorded_fit``); this module only writes it.
from ..recorded_fit import DATA, RECORD_JSON, load_record, recorded_values

__all__ = ["DATA", "RECORD_JSON", "load_record", "recorded_values", "record_from_fit", "main"]
CALIBRATED_SCENARIO = "first-five-year-plan"
BASE_SCENARIO = "command"
"""The scenario a fit of ``first-five-year-plan`` starts from and holds every other parameter at."""
FIT_PARAMS = ("tempo", "conditions", "quit_sensitivity", "procurement")
"""The parameters the recorded calibration fits: one lever for each kind of moment (plan, wages,
turnover, the countryside)."""
FIT_SEEDS = 8
TOLERANCE = 0.02
"""How far a refit may land from a recorded value, as a share of the parameter's range."""


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, to tie a record to the moments and data it was fitted on."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record_from_fit(fit, tolerance: float) -> dict[str, Any]:
    """The record of ``fit`` (an ``antiplan.calibration.Fit``), with the stated ``tolerance``."""
    import scipy

    from .moments import MOMENTS_YML

    return {
        "scenario": fit.scenario,
        "base": fit.base,
        "params": list(fit.params),
        "values": {name: round(value, 6) for name, value in fit.values.items()},
        "tolerance": tolerance,
        "tolerance_means": "a refit may differ from each value by this share of the parameter's range",
        "moments": [m.name for m in fit.moments],
        "moments_file": MOMENTS_YML.name,
        "moments_sha256": sha256(MOMENTS_YML),
        "data_file": "first_five_year_plan.csv",
        "data_sha256": sha256(DATA / "first_five_year_plan.csv"),
        "seeds": list(fit.seeds),
        "periods": fit.periods,
        "enterprises": fit.enterprises,
        "common_random_numbers": fit.common_random_numbers,
        "optimizer": fit.optimizer,
        "scipy": scipy.__version__,
        "objective": round(fit.objective, 6),
        "model_runs": fit.runs,
        "fitted_on": datetime.now(UTC).date().isoformat(),
        "command": "python -m antiplan.calibration.record",
    }


def main() -> int:
    """Fit the ``first-five-year-plan`` scenario again on the committed moments and rewrite the record."""
    from .fit import calibrate

    fit = calibrate(CALIBRATED_SCENARIO, params=FIT_PARAMS, seeds=FIT_SEEDS)
    record = record_from_fit(fit, TOLERANCE)
    RECORD_JSON.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RECORD_JSON}: {record['values']} (objective {record['objective']:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
