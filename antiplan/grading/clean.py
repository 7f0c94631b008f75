"""The clean run: ``python -I -m antiplan.grading.clean``, where an assignment's tests decide the grade.

A fresh process that never runs a line of the student's code. It reads one job, a line of JSON on
stdin: the test cells to run (``cells``: ``id`` and ``source``), the answers the student's kernel
handed over (``answers``, from ``antiplan.grading.boundary.collect``) and the economy the submission
is graded in (``economy``: ``Economy.to_dict``, or ``null`` for the base's). It defines each answer
as a variable, each of the student's functions as a stand-in that asks the host to call the real
one in the student's process (one line of JSON out, one line back: plain values only), runs the
test cells in order in one namespace, as a notebook would, and writes each cell's outputs as
nbformat outputs (an ``error`` when it fails, as nbgrader scores it) in a last line, ``{"done": ...}``.

A test's own printing is kept as the cell's output; the protocol runs on a copy of the original
standard output, and anything else written to file descriptor 1 goes to standard error.
"""

from __future__ import annotations

import ast
import io
import os
import sys
from contextlib import nullcontext, redirect_stderr, redirect_stdout

from . import plain
from .answers import names_read

MESSAGE = 2000
"""Characters kept of a failing test's message: it may quote an answer of any size."""
PRINTED = 65536
"""Characters kept of what one test cell prints."""
SERVING = False
"""True in a clean run: ``asserts.model`` then computes in this process, which runs no student code."""
_FUNCTION_TEMPLATE = "def stand_in({signature}):\n    return _ask(_name, {packed})\n"


class _Host:
    """The other end of the boundary: where the student's functions really run."""

    def __init__(self, out, inp) -> None:
        self.out, self.inp = out, inp
        self.memo: dict[str, object] = {}

    def ask(self, name: str, args, many: bool = False):
        if many:
            return self._ask_many(name, args)
        key = self._key(name, args)
        if key not in self.memo:  # a rule is a pure function: the same plain arguments give the same result
            self.memo[key] = plain.decode_checked(self._exchange(name, [plain.encode(a) for a in args], False))
        return self.memo[key]

    def _ask_many(self, name: str, cases):
        """Every case's result, the ones not asked before in one exchange."""
        keys = [self._key(name, case) for case in cases]
        missing = {key: case for key, case in zip(keys, cases, strict=True) if key not in self.memo}
        if missing:
            encoded = [[plain.encode(a) for a in case] for case in missing.values()]
            values = self._exchange(name, encoded, True)
            if type(values) is not list or len(values) != len(missing):
                raise _student_error("Refused")("what it returned could not be read")
            for key, value in zip(missing, values, strict=True):
                self.memo[key] = plain.decode_checked(value)
        return [self.memo[key] for key in keys]

    @staticmethod
    def _key(name: str, args) -> str:
        return plain.dumps([name, [plain.encode(a) for a in args]])

    def _exchange(self, name: str, encoded, many: bool):
        self.out.write(plain.dumps({"name": name, "args": encoded, "many": many}) + "\n")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise RuntimeError("the grader stopped answering calls of the student's functions")
        reply = plain.loads(line)
        if type(reply) is not dict or not ("value" in reply or "error" in reply):
            raise RuntimeError("the call of the student's function got no reply")
        if "error" in reply:
            kind, message = (list(reply["error"]) + ["Error", ""])[:2]
            raise _student_error(kind)(str(message))
        return reply["value"]


def _student_error(kind) -> type:
    """An exception class named as the student's error was (``ValueError``, ``ZeroDivisionError``...)."""
    name = kind if type(kind) is str and kind.isidentifier() and len(kind) <= 60 else "Error"
    return type(name, (Exception,), {"__module__": "submission"})


def stand_in(name: str, nargs: int, varargs: bool, host: _Host):
    """A function of ``nargs`` arguments (and ``*args`` if ``varargs``) that calls the student's ``name``.

    It has the student's function's shape, so the tests' checks of a function (``expect_function``)
    read it as they would the original; ``stand_in.many(cases)`` calls it on many argument tuples
    in one exchange.
    """
    params = [f"arg{i}" for i in range(nargs)]
    signature = ", ".join(params + (["*more"] if varargs else []))
    packed = "(" + "".join(f"{p}, " for p in params) + ")" + (" + more" if varargs else "")
    scope = {"_ask": host.ask, "_name": name}
    exec(_FUNCTION_TEMPLATE.format(signature=signature, packed=packed), scope)  # noqa: S102 - our own template
    function = scope["stand_in"]
    function.__name__ = function.__qualname__ = name
    function.many = lambda cases: host.ask(name, [tuple(case) for case in cases], many=True)
    return function


def define_answers(answers: dict, host: _Host) -> tuple[dict, dict]:
    """(the namespace the tests start from, ``{name: reason}`` of answers that cannot be graded)."""
    namespace: dict = {"__name__": "__main__"}
    refused: dict = {}
    for name, entry in answers.items():
        if type(name) is not str or not name.isidentifier() or name.startswith("__") or type(entry) is not dict:
            continue
        if "value" in entry:
            try:
                namespace[name] = plain.decode(entry["value"])
            except (TypeError, ValueError):
                refused[name] = "it could not be read"
        elif "function" in entry and type(entry["function"]) is dict:
            shape = entry["function"]
            nargs = shape.get("nargs")
            if type(nargs) is not int or not 0 <= nargs <= 64:
                refused[name] = "its arguments could not be read"
                continue
            namespace[name] = stand_in(name, nargs, shape.get("varargs") is True, host)
        elif "refused" in entry:
            refused[name] = str(entry["refused"])[:300]
    return namespace, refused


def _error(name: str, value: str) -> dict:
    if len(value) > MESSAGE:
        value = value[: MESSAGE - 5] + " [...]"
    return {"output_type": "error", "ename": name, "evalue": value, "traceback": [f"{name}: {value}"]}


def run_cell(source: str, namespace: dict, refused: dict) -> list[dict]:
    """Run one test cell as a notebook would; its outputs as nbformat outputs."""
    unreadable = sorted(names_read(source) & set(refused))
    if unreadable:
        return [_error("Failed", f"`{unreadable[0]}` cannot be graded: {refused[unreadable[0]]}.")]
    out, err = io.StringIO(), io.StringIO()
    outputs, value, failure = [], None, None
    try:
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with redirect_stdout(out), redirect_stderr(err):
            exec(compile(tree, "<test>", "exec"), namespace)  # noqa: S102 - the instructor's test
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<test>", "eval"), namespace)  # noqa: S307
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 - every failure is the test's verdict
        failure = _error(type(error).__name__, str(error))
    for stream, text in (("stdout", out.getvalue()), ("stderr", err.getvalue())):
        if text:
            text = text if len(text) <= PRINTED else text[:PRINTED] + "\n[...]\n"
            outputs.append({"output_type": "stream", "name": stream, "text": text})
    if value is not None and failure is None:
        outputs.append(
            {
                "output_type": "execute_result",
                "data": {"text/plain": repr(value)[:MESSAGE]},
                "metadata": {},
                "execution_count": None,
            }
        )
    if failure is not None:
        outputs.append(failure)
    return outputs


def run_job(job: dict, host: _Host) -> list[dict]:
    """Every test cell of ``job``, run in order; ``[{"id": ..., "outputs": [...]}, ...]``."""
    from ..economy import Economy, use_economy

    namespace, refused = define_answers(job.get("answers") or {}, host)
    economy = Economy.from_dict(job["economy"]) if job.get("economy") is not None else None
    results = []
    with use_economy(economy) if economy is not None else nullcontext():
        for cell in job["cells"]:
            results.append({"id": cell["id"], "outputs": run_cell(cell["source"], namespace, refused)})
    return results


def preload() -> None:
    """Import what the tests import, before a job arrives: while the student's notebook still runs."""
    import antiplan  # noqa: F401
    import antiplan.grading.asserts  # noqa: F401
    import antiplan.grading.rule_asserts  # noqa: F401


def quiet_stdout() -> io.TextIOWrapper:
    """A copy of standard output for the protocol; stray writes to file descriptor 1 go to standard error."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", line_buffering=True)
    return protocol


def serve(inp, protocol) -> None:
    """Read one job from ``inp``, answer calls through it, write ``{"done": ...}`` last to ``protocol``."""
    global SERVING
    SERVING = True
    line = inp.readline()
    if not line:
        return
    host = _Host(protocol, inp)
    results = run_job(plain.loads(line), host)
    protocol.write(plain.dumps({"done": results}) + "\n")
    protocol.flush()


def main() -> None:
    """The job on standard input, the protocol on standard output."""
    protocol = quiet_stdout()
    preload()
    serve(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8"), protocol)


if __name__ == "__main__":
    main()
