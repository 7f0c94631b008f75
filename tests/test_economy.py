"""The economy a run is in: one visible place sets it, a result names it, and nothing else changes it."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import threading

import pytest

import antiplan
from antiplan import BASE, Economy, current_economy, set_economy, simulate, use_economy
from antiplan.grading.asserts import model

TERM = Economy("ch03-b", {"tempo": 0.08, "audit": 0.05}, seed=3)
CALL = {"scenario": "ch03", "periods": 12, "enterprises": 40}
FIGURE = "import antiplan\nresult = antiplan.simulate('ch03', periods=12, enterprises=40).summary"


def _summary(**overrides):
    return simulate(**{**CALL, **overrides}).summary


def test_a_result_names_the_economy_it_ran_in():
    assert simulate(**CALL).economy == BASE and current_economy() == BASE
    with use_economy(TERM):
        result = simulate(**CALL)
    assert result.economy == TERM and result.seed == 3 and result.params["tempo"] == 0.08
    assert simulate(**CALL).economy == BASE  # the block is over: the base economy again


def test_the_call_wins_over_the_economy_which_wins_over_the_scenario():
    with use_economy(TERM):
        in_term = simulate(**CALL, tempo=0.02, seed=0).summary
    assert in_term == _summary(tempo=0.02, audit=0.05)
    assert simulate(**CALL).params["tempo"] == antiplan.resolve_params("ch03")["tempo"] != 0.08


def test_leaving_a_block_by_an_error_restores_the_economy():
    with pytest.raises(RuntimeError), use_economy(TERM):
        raise RuntimeError("a student's cell failed")
    assert current_economy() == BASE


def test_same_arguments_same_economy_same_result_whatever_ran_before():
    """Nothing but the call and the economy decides a run: not earlier calls, dashboards, variants'
    previews, other threads' economies, nor the environment or folder a process starts in."""
    from antiplan.variants import in_economy
    from antiplan.widgets import Dashboard

    first = _summary()
    simulate("terror", seed=9, periods=5, enterprises=10, rules={"report": lambda *a: a[0]}, tempo=0.1)
    Dashboard(3, seed=4, tempo=0.1).refresh()
    with in_economy({"id": "ch03-b", "params": {"tempo": 0.1}, "seed": 5, "per_student": False}):
        simulate(**CALL)
    elsewhere = threading.Thread(target=lambda: (set_economy(TERM), simulate(**CALL)))
    elsewhere.start()
    elsewhere.join()
    assert _summary() == first
    with use_economy(TERM):
        in_term = _summary()
    assert in_term != first and _summary() == first

    # A fresh process whose environment and folder name a variant and a student being graded.
    folder = os.path.join(os.path.dirname(__file__), "..")
    env = {
        **os.environ,
        "ANTIPLAN_VARIANT": json.dumps({"id": "ch03-b", "student": "alice"}),
        "ANTIPLAN_GRADING_ECONOMY": TERM.to_json(),
        "ANTIPLAN_STUDENT": "alice",
        "JUPYTERHUB_USER": "alice",
    }
    program = f"import json, antiplan\nprint(json.dumps(antiplan.simulate(**{CALL!r}).summary))"
    done = subprocess.run([sys.executable, "-c", program], cwd=folder, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == first


def test_an_economy_set_in_one_thread_stays_there():
    seen = {}

    def student():
        set_economy(TERM)
        seen["inside"] = current_economy()

    worker = threading.Thread(target=student)
    worker.start()
    worker.join()
    assert seen["inside"] == TERM and current_economy() == BASE


def test_the_graders_fresh_process_runs_in_the_kernels_economy():
    base = _summary()
    with use_economy(TERM):
        in_term = _summary()
        assert model(FIGURE) == in_term != base
    assert model(FIGURE) == base


def test_an_economy_is_plain_data_and_checked():
    assert Economy.from_json(TERM.to_json()) == TERM == pickle.loads(pickle.dumps(TERM))
    with pytest.raises(TypeError):
        TERM.params["tempo"] = 0.1  # read-only: an economy never changes under a run
    for bad, message in [
        ({"seed": -1}, "seed=-1 is out of range: allowed is an integer from 0 to"),
        ({"params": {"tempoo": 1}}, "unknown parameter 'tempoo'"),
        ({"params": {"tempo": 9}}, "tempo=9 is out of range"),
        ({"name": ""}, "name='' is not allowed"),
    ]:
        with pytest.raises(ValueError, match=message):
            Economy(**bad)
    with pytest.raises(ValueError, match="exactly name, params, seed and student"):
        Economy.from_dict({"id": "ch03-b", "params": {}, "seed": 0})
    with pytest.raises(TypeError, match="an antiplan.Economy"):
        set_economy({"tempo": 0.08})
