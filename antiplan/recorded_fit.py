"""The recorded calibration of the ``first-five-year-plan`` scenario, read as data.

``antiplan/data/first_five_year_plan_calibration.json`` holds the fitted values and how they were
obtained. The model reads it here, with the standard library only: the fitting itself lives in
``antiplan.calibration``, which sits above the model and rewrites the file
(``python -m antiplan.calibration.record``); nothing in the model imports it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
RECORD_JSON = DATA / "first_five_year_plan_calibration.json"


def load_record(path: Path = RECORD_JSON) -> dict[str, Any]:
    """The recorded calibration: ``values``, ``params``, ``base`` and the provenance fields."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def recorded_values(path: Path = RECORD_JSON) -> dict[str, float]:
    """The fitted parameter values of the recorded calibration, by parameter name (each within the
    parameter table's range)."""
    return dict(load_record(path)["values"])
