"""antiplan: a toy command economy for reading Weissman's "Victor Serge's Critique of Stalinism, Part II".

The center sets targets from reports; managers pad reports and hide capacity; workers slack and quit;
defects pass down the supply chain; unfinished factories count as growth. Start with
``antiplan.simulate()``.
"""

from .calibration.fit import calibrate
from .metrics import METRICS
from .parameters import BY_NAME, PARAMETERS, Parameter
from .rules import DEFAULT_RULES
from .scenarios import DESCRIPTIONS, SCENARIOS
from .simulate import Result, resolve_params, simulate

__all__ = [
    "BY_NAME",
    "DEFAULT_RULES",
    "DESCRIPTIONS",
    "METRICS",
    "PARAMETERS",
    "Parameter",
    "Result",
    "SCENARIOS",
    "calibrate",
    "resolve_params",
    "simulate",
]
__version__ = "0.1.0"
