"""antiplan: a toy command economy for reading Weissman's "Victor Serge's Critique of Stalinism, Part II".

The center sets targets from reports; managers pad reports and hide capacity; workers slack and quit;
defects pass down the supply chain; unfinished factories count as growth. Start with
``antiplan.simulate()``.
"""

from .batch import Batch, simulate_many
from .calibration.fit import calibrate
from .economy import BASE, Economy, current_economy, set_economy, use_economy
from .metrics import METRICS
from .parameters import BY_NAME, PARAMETERS, Parameter
from .rules import DEFAULT_RULES
from .scenarios import DESCRIPTIONS, SCENARIOS
from .simulate import Result, resolve_params, simulate

__all__ = [
    "BASE",
    "Batch",
    "BY_NAME",
    "DEFAULT_RULES",
    "DESCRIPTIONS",
    "Economy",
    "METRICS",
    "PARAMETERS",
    "Parameter",
    "Result",
    "SCENARIOS",
    "calibrate",
    "current_economy",
    "resolve_params",
    "set_economy",
    "simulate",
    "simulate_many",
    "use_economy",
]
__version__ = "0.1.0"
