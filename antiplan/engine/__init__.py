"""The two engines that run the model's rules: ``reference`` (plain loops) and ``vectorized`` (NumPy)."""

from . import reference, vectorized

ENGINES = {"vectorized": vectorized.run, "reference": reference.run}
