"""Looking at a variant before building it: its economy beside the base's, and runs inside it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from ..economy import Economy, use_economy
from ..scenarios import SCENARIOS, scenario_params
from .students import student_params


def economy_table(spec: dict[str, Any], students: Iterable[str] = ()) -> pd.DataFrame:
    """The validated ``spec``'s parameters and seed: a row each, a column for the base assignment's
    chapter economy and one for the variant (or one per student of ``students``, if per student)."""
    base = scenario_params(spec["base"] if spec["base"] in SCENARIOS else "command")  # chNN: its chapter's
    names = list(spec["params"])
    columns = {"base": [base[n] for n in names] + [0]}
    who = list(students) if spec.get("per_student") else []
    for label, student in [(s, s) for s in who] or [("variant", None)]:
        values = student_params(spec, student)
        columns[label] = [values["params"][n] for n in names] + [values["seed"]]
    return pd.DataFrame(columns, index=pd.Index([*names, "seed"], name="parameter"), dtype=object)


@contextlib.contextmanager
def in_economy(spec: dict[str, Any], student: str | None = None) -> Iterator[Economy]:
    """Inside the ``with`` block, ``antiplan.simulate`` runs in the variant's economy (as ``student``'s,
    if per student), as in the variant's notebook; the previous economy comes back afterwards."""
    values = student_params(spec, student)
    who = student if spec.get("per_student") else None
    with use_economy(Economy(spec["id"], values["params"], values["seed"], who)) as economy:
        yield economy
