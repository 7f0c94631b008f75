"""Which economy a run is in: the parameters and seed that apply when a call does not say otherwise.

An economy is a value, ``Economy(name, params, seed)``. The base economy (``BASE``) changes nothing:
runs use their scenario's values and seed 0. An assignment variant puts a student's notebook in its
own economy, so the exercises' code reads the same in the base assignment and in every variant::

    with antiplan.use_economy(antiplan.Economy("ch03-b", {"tempo": 0.08}, seed=3)):
        antiplan.simulate("ch03")        # tempo=0.08, seed 3; result.economy names "ch03-b"
    antiplan.simulate("ch03")            # the base economy again

The current economy is held in a ``contextvars.ContextVar``: ``use_economy`` sets it for a ``with``
block, ``set_economy`` for the rest of the current context (a notebook's kernel: a variant's locked
cell calls it through ``antiplan.variants.activate``). Nothing else sets it: no environment variable,
file or earlier call changes what ``simulate`` returns.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .parameters import check_params
from .settings import check_setting


@dataclass(frozen=True)
class Economy:
    """The defaults of the runs made in it.

    Attributes:
        name: what the economy is (``"base"``, or an assignment variant's id).
        params: parameter values (``antiplan.PARAMETERS``) applied over a scenario's and under a call's.
        seed: the seed of runs that give none.
        student: whose economy it is, when every student has their own (``None``: everyone's).
    """

    name: str = "base"
    params: Mapping[str, Any] = field(default_factory=dict)
    seed: int = 0
    student: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name={self.name!r} is not allowed: an economy's name is non-empty text")
        if self.student is not None and not isinstance(self.student, str):
            raise ValueError(f"student={self.student!r} is not allowed: a student's id as text, or None")
        if not isinstance(self.params, Mapping):
            raise ValueError("params: must be a mapping of parameter names to values")
        object.__setattr__(self, "params", MappingProxyType(check_params(dict(self.params))))
        check_setting("seed", self.seed)

    def __reduce__(self):  # the read-only view of ``params`` cannot be pickled; the values can
        return (Economy, (self.name, dict(self.params), self.seed, self.student))

    def to_dict(self) -> dict[str, Any]:
        """The economy as plain data (JSON-ready): ``{"name", "params", "seed", "student"}``."""
        return {"name": self.name, "params": dict(self.params), "seed": self.seed, "student": self.student}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Economy:
        """The economy ``to_dict`` gave; raises ``ValueError`` for anything else."""
        if not isinstance(data, Mapping) or set(data) != {"name", "params", "seed", "student"}:
            raise ValueError("an economy is a mapping of exactly name, params, seed and student")
        return cls(data["name"], data["params"], data["seed"], data["student"])

    def to_json(self) -> str:
        """The economy as a JSON text, to hand to another process."""
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Economy:
        """The economy ``to_json`` gave; raises ``ValueError`` for anything else."""
        return cls.from_dict(json.loads(text))


BASE = Economy()
"""The base economy: the scenario's own parameters, seed 0."""

_CURRENT: ContextVar[Economy] = ContextVar("antiplan_economy", default=BASE)


def current_economy() -> Economy:
    """The economy runs made here are in (``BASE`` unless ``use_economy`` or ``set_economy`` said otherwise)."""
    return _CURRENT.get()


def set_economy(economy: Economy) -> None:
    """Make ``economy`` the current one for the rest of this context (in a notebook: its kernel)."""
    if not isinstance(economy, Economy):
        raise TypeError(f"economy={economy!r} is not allowed: an antiplan.Economy")
    _CURRENT.set(economy)


@contextlib.contextmanager
def use_economy(economy: Economy) -> Iterator[Economy]:
    """Inside the ``with`` block, runs are in ``economy``; the previous economy comes back afterwards."""
    if not isinstance(economy, Economy):
        raise TypeError(f"economy={economy!r} is not allowed: an antiplan.Economy")
    token = _CURRENT.set(economy)
    try:
        yield economy
    finally:
        _CURRENT.reset(token)
