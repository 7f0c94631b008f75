"""The grader's fresh process: ``python -I -m antiplan.grading.fresh``, run by ``asserts.model``.

It reads one JSON object on stdin, ``{"economy": ..., "inputs": ..., "code": ...}``: the economy the
kernel runs in (``Economy.to_dict``, or ``null``: the base's), the variables to define, and the code to
run. It runs the code in that economy, except where ``antiplan grade``'s sandbox sealed the
submission's economy (``handover.SEALED``): the grader's word, which no code in the kernel can change,
decides then. It writes the value the code leaves in ``result`` as JSON after ``MARKER``.

In the grader's clean run (``antiplan.grading.clean``), where no line of the student's code runs,
``asserts.model`` calls ``compute`` in that process instead of starting this one.
"""

from __future__ import annotations

import json
import sys

from ..economy import BASE, Economy, use_economy
from .handover import sealed

MARKER = "<<antiplan-grading-result>>"


def economy_of(handed: dict | None) -> Economy:
    """The economy to run in: the sealed one where there is one, else the one the kernel handed over."""
    is_sealed, economy = sealed()
    if is_sealed:
        return economy or BASE
    return Economy.from_dict(handed) if handed is not None else BASE


def compute(economy: dict | None, inputs: dict, code: str):
    """Run ``code`` with ``inputs`` defined, in the economy ``economy_of(economy)``; the value of ``result``."""
    namespace = {"__name__": "__grading__", **inputs, "result": None}
    with use_economy(economy_of(economy)):
        exec(compile(code, "<grading>", "exec"), namespace)  # noqa: S102 - the test's own code
    return namespace["result"]


_COMPUTED: dict[str, str] = {}
"""Results this process has computed, as JSON text, by economy, inputs and code."""


def compute_once(economy: dict | None, inputs: dict, code: str) -> str:
    """``compute``'s result as JSON text, computed once in this process for the same economy, inputs
    and code: in a clean run every test of a notebook asks in one process, and several tests ask for
    the same expected value (one fit of seconds, asked by each test of a question). The test's code is
    the grader's and deterministic, so the second answer is the first; a failure is not kept."""
    key = json.dumps([economy, inputs, code], sort_keys=True)
    if key not in _COMPUTED:
        _COMPUTED[key] = json.dumps(compute(economy, inputs, code))
    return _COMPUTED[key]


def main() -> None:
    """Run the computation on stdin and write its result on stdout."""
    payload = json.loads(sys.stdin.read())
    result = compute(payload["economy"], payload["inputs"], payload["code"])
    sys.stdout.write("\n" + MARKER + json.dumps(result))


if __name__ == "__main__":
    main()
