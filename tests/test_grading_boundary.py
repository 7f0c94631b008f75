"""The grading boundary: answers leave the student's kernel as plain data, tests run in a clean process."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from antiplan.grading import plain
from antiplan.grading.answers import answer_names
from antiplan.grading.boundary import call_function, collect
from antiplan.grading.split import CleanProcess, CleanServer

FRESH = "import sys; sys.modules.pop('antiplan.grading.asserts', None)\nfrom antiplan.grading.asserts import *\n"


@pytest.mark.parametrize(
    "value",
    [
        1.5,
        3,
        True,
        None,
        "text",
        [1.0, 2.0],
        (1.0, "a"),
        {"a": [1, 2], "b": {"c": 0.5}},
        np.float32(0.25),
        np.int64(7),
        np.array([[1.0, 2.0], [3.0, 4.0]]),
        float("nan"),
    ],
    ids=lambda value: type(value).__name__,
)
def test_plain_values_cross_with_their_types(value):
    back = plain.decode(plain.loads(plain.dumps(plain.encode(value))))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        np.testing.assert_array_equal(back, value)
    elif value == value:
        assert back == value


def test_tables_cross_with_their_labels():
    series = pd.Series([1.0, 2.0], index=["1928", "1932"], name="grain")
    frame = pd.DataFrame({"official": [73.3, 69.9], "western": [70.0, 55.0]}, index=["1928", "1932"])
    pd.testing.assert_series_equal(plain.decode(plain.encode(series)), series)
    pd.testing.assert_frame_equal(plain.decode(plain.encode(frame)), frame)


class Lying(float):
    def __eq__(self, other):
        return True


class Pretender:
    __class__ = property(lambda self: float)  # type: ignore[assignment]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Lying(1.0), "Lying"),
        (Pretender(), "Pretender"),
        (object(), "object"),
        ({1: 2.0}, "keys must be strings"),
        (np.array(["a"]), "arrays of numbers"),
    ],
    ids=["float-subclass", "lying-class", "object", "int-keys", "text-array"],
)
def test_anything_else_is_refused_with_a_reason(value, words):
    with pytest.raises(plain.Refused, match=words):
        plain.encode(value)


def test_deep_or_huge_values_are_refused_and_malformed_data_is_not_read():
    deep: list = []
    for _ in range(200):
        deep = [deep]
    with pytest.raises(plain.Refused, match="nested"):
        plain.encode(deep)
    with pytest.raises(ValueError, match="nested too deep"):
        plain.loads("[" * 100_000 + "]" * 100_000)
    for bad in (["float", "x"], ["array", ["float64", [3], [1.0]]], ["object", 1], "1.0", ["npscalar", ["str", 1]]):
        with pytest.raises(ValueError):
            plain.decode(bad)


def test_the_answers_are_the_names_the_tests_read_and_do_not_define():
    tests = [
        FRESH + "value = expect_number(gap, 'gap')\nfor x in range(3):\n    pass\n",
        FRESH + "uses(my_rule)\ndef helper(y):\n    return y\n_ = helper(total)\n",
    ]
    assert answer_names(tests) == ["gap", "my_rule", "total"]


def _clean_run(cells, namespace):
    answers = collect(answer_names(cells), namespace)
    job = {"cells": [{"id": str(i), "source": c} for i, c in enumerate(cells)], "answers": answers, "economy": None}

    def answer(request):
        return call_function(namespace[request["name"]], request)

    clean = CleanProcess()
    try:
        return [r["outputs"] for r in clean.run(job, answer, time.monotonic() + 120)]
    finally:
        clean.close()


def _error(outputs):
    return next((f"{o['ename']}: {o['evalue']}" for o in outputs if o["output_type"] == "error"), None)


def test_tests_run_in_a_clean_process_on_the_handed_over_answers():
    calls = []

    def square(x):
        calls.append(x)
        return x * x

    def broken(x):
        return 1 / 0

    namespace = {"gap": 0.5, "square": square, "broken": broken, "odd": object(), "lying": Lying(2.0)}
    cells = [
        FRESH + "_ = expect_close(gap, 0.5, 'gap')",
        FRESH + "expect_function(square, 'square', nargs=1)\n_ = expect_close(call(square, (3,), 'sq'), 9.0, 'x')",
        FRESH + "_ = expect_close(call(square, (3,), 'square(3)'), 9.0, 'x')",
        FRESH + "_ = call(broken, (1.0,), 'broken(1.0)')",
        FRESH + "_ = expect_number(odd, 'odd')",
        FRESH + "_ = expect_number(lying, 'lying')",
        FRESH + "_ = expect_number(missing, 'missing')",
        "import os\nprint(os.getpid() == " + str(__import__("os").getpid()) + ")",
    ]
    outputs = _clean_run(cells, namespace)
    assert [_error(o) for o in outputs[:3]] == [None, None, None]
    assert calls == [3]  # the same plain call is asked once: rules are pure functions
    assert _error(outputs[3]) == "Failed: broken(1.0) raised ZeroDivisionError: division by zero"
    assert _error(outputs[4]).startswith("Failed: `odd` cannot be graded: it is a object")
    assert "cannot be graded" in _error(outputs[5]) and "Lying" in _error(outputs[5])
    assert _error(outputs[6]) == "NameError: name 'missing' is not defined"
    assert outputs[7] == [{"output_type": "stream", "name": "stdout", "text": "False\n"}]


def test_a_stand_in_has_the_shape_of_the_students_function_and_nothing_else_crosses():
    def rule(actual, share):
        return share * actual

    cells = [
        FRESH + "expect_function(rule, 'rule', nargs=3)",
        FRESH + "_ = expect(rule.__code__.co_argcount == 2 and rule.__name__ == 'rule', 'shape')",
        FRESH + "_ = expect(rule.many([(1.0, 0.5), (2.0, 0.5)]) == [0.5, 1.0], 'many')",
        FRESH + "_ = expect(not hasattr(rule, '__wrapped__') and 'actual' not in rule.__code__.co_varnames, 'code')",
    ]
    outputs = _clean_run(cells, {"rule": rule})
    assert _error(outputs[0]) == "Failed: rule should take exactly 3 arguments, but yours takes 2."
    assert [_error(o) for o in outputs[1:]] == [None, None, None]


def test_a_failing_message_that_quotes_a_huge_answer_is_cut_short():
    outputs = _clean_run([FRESH + "expect(False, 'got ' + repr(huge))"], {"huge": [0.5] * 200_000})
    assert _error(outputs[0]).endswith("[...]") and len(_error(outputs[0])) < 2100


def test_a_grid_of_calls_crosses_the_boundary_in_one_exchange(monkeypatch):
    import test_grading_boundary as here

    exchanges = {"one": 0, "many": 0}
    real = here.call_function

    def counted(function, request):
        exchanges["many" if request.get("many") else "one"] += 1
        return real(function, request)

    monkeypatch.setattr(here, "call_function", counted)

    def rule(conditions, overload, base, sensitivity):
        return min(1.0, base + sensitivity * max(0.0, 0.6 - conditions))

    grid = "cases_over([0.01 * k for k in range(101)], [0.0, 0.5], [0.03, 0.1], [0.2, 1.0])"
    cell = FRESH + "from antiplan.grading.rule_asserts import *\n"
    cell += f"cases = {grid}\n_ = expect_rule_values(rule, 'rule', cases, nargs=4)\n"
    cell += "expect_rule_between(rule, 'rule', cases, 0.0, 1.0, 'a share')\n"
    cell += "expect_rule_monotone(rule, 'rule', cases_over([0.5], [0.0], [0.03], [0.2]), 2, [0.0, 0.1], 'rising', 'b')"
    assert [_error(o) for o in _clean_run([cell], {"rule": rule})] == [None]
    assert exchanges == {"one": 0, "many": 2}


def _shared_run(source: str, deadline: float = 60.0) -> list[dict]:
    clean = CleanProcess(shared=True)
    try:
        job = {"cells": [{"id": "0", "source": source}], "answers": {}, "economy": None}
        return clean.run(job, lambda request: {"error": ["Error", "no calls here"]}, time.monotonic() + deadline)[0][
            "outputs"
        ]
    finally:
        clean.close()


def test_a_graders_clean_runs_are_forked_fresh_from_one_server():
    stamp = (
        "import os, antiplan\nprint(os.getpid(), getattr(antiplan, '_left_behind', None))\nantiplan._left_behind = 1\n"
    )
    first, second = _shared_run(stamp), _shared_run(stamp)
    pids = [output["text"].split()[0] for output in (first[0], second[0])]
    assert pids[0] != pids[1]  # a process for each run
    assert first[0]["text"].split()[1] == second[0]["text"].split()[1] == "None"  # nothing left by the last run
    server = CleanServer.shared()
    assert server is CleanServer.shared() and server.process.poll() is None  # one server, still there


def test_a_clean_run_past_its_time_is_stopped_and_the_next_one_runs():
    with pytest.raises(TimeoutError):
        _shared_run("while True:\n    pass\n", deadline=1.0)
    assert _shared_run("print(6 * 7)")[0]["text"] == "42\n"


def test_a_clean_server_that_died_is_started_again():
    server = CleanServer.shared()
    server.process.kill()
    server.process.wait()
    assert _shared_run("print('back')")[0]["text"] == "back\n"


GAP_CODE = (
    "import antiplan\n"
    "result = float(antiplan.simulate('command', seed=1, periods=4, enterprises=20).summary['statistics_gap'])"
)


def test_the_clean_run_computes_expected_values_as_a_fresh_process_does():
    from antiplan.grading.asserts import model

    fresh = model(GAP_CODE)  # here: a process of its own
    printed = _shared_run(FRESH + f"print(repr(model({GAP_CODE!r})))")
    assert float(printed[0]["text"]) == fresh
    failed = _shared_run(FRESH + "x = model('result = 1 / 0')")
    assert failed[-1]["ename"] == "RuntimeError"
    assert "the grader's own computation failed" in failed[-1]["evalue"] and "ZeroDivisionError" in failed[-1]["evalue"]


COUNTED = "import antiplan.grading.fresh as f\nf.ASKED = getattr(f, 'ASKED', 0) + 1\nresult = [f.ASKED, x]"
FAILING = "import antiplan.grading.fresh as f\nf.FAILED = getattr(f, 'FAILED', 0) + 1\nresult = 1 / 0"


def test_a_clean_run_computes_an_expected_value_asked_again_only_once():
    """Several tests of one notebook ask for the same value (one fit): the clean run computes it once
    and hands each test its own copy; other inputs, and a computation that failed, are computed again."""
    printed = _shared_run(
        FRESH
        + f"a = model({COUNTED!r}, x=1)\na.append('changed')\n"
        + f"print(a, model({COUNTED!r}, x=1), model({COUNTED!r}, x=2))\n"
        + f"for _ in range(2):\n    try:\n        model({FAILING!r})\n    except RuntimeError:\n        pass\n"
        + "print(model('import antiplan.grading.fresh as f\\nresult = f.FAILED'))"
    )
    assert printed[0]["text"] == "[1, 1, 'changed'] [1, 1] [2, 2]\n2\n"
