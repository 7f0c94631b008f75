"""Hardened checks for nbgrader test cells: honest grades with messages written for a student.

Where a grade is decided (``antiplan grade``, ``antiplan check``, ``check("q1")``), a test cell runs
in a clean process, not in the student's kernel (``antiplan.grading.split``): the student's answers
arrive there as plain values, and each of the student's functions as a stand-in that calls the real
one in the student's process with plain values. These helpers still assume the worst, because a
test cell can also be run by plain ``nbgrader autograde`` in the student's own kernel, where the
student's code may have replaced ``antiplan.simulate``, ``numpy.isclose`` or these functions, or
handed in an object that says it equals everything. So:

- **Load this module afresh in every test cell**, so a student's changes to it are thrown away::

      import sys; sys.modules.pop("antiplan.grading.asserts", None)
      from antiplan.grading.asserts import expect_close, expect_number, model

- **Check exact types, never ``==``.** ``expect_number`` accepts a built-in ``int`` or ``float`` or a
  NumPy scalar, and nothing else: not a subclass of ``float``, not an object with its own ``__eq__``.
  Built-in and NumPy types are checked by identity and by being defined in C (a class written in
  Python, whatever it calls itself, is refused). Comparisons are plain float arithmetic: no NumPy,
  no ``math``.
- **Compute expected values where the student's code cannot reach them.** ``model(code, **inputs)``
  runs ``code`` in a fresh, isolated Python process (``python -I``) that has never run a line of the
  student's code, and returns the value it leaves in ``result``. Write the expected value's
  computation there, inside ``### BEGIN HIDDEN TESTS``, and it never reaches the student.
- **Name every answer a test reads in the test cell itself** (``uses(gap)`` outside a hidden region
  where nothing else does): the names a test cell reads are the answers the grader asks the
  student's kernel for (``antiplan.grading.answers``).

Every ``expect_*`` function raises ``Failed`` (an ``AssertionError``) with a message for the student.
The type checks (``expect_number``, ``expect_numbers``, ``expect_integer``, ``expect_text``,
``expect_choice``, ``expect_function``) return the checked value as a plain Python value; the
comparisons (``expect_close``, ``expect_between``, ``expect_at_least``, ``expect_at_most``, ``expect``)
return None. A test cell must not end with an expression that has a value: nbgrader reads a number
shown as a cell's result as partial credit. Assign it to a name instead.

Run in the student's kernel, as plain nbgrader does, this cannot stop code that rewrites the kernel,
Python's import system or builtins, edits files on disk, or reads other students' work. ``antiplan
grade`` runs the student's code in a sandbox and the tests out of its reach.
"""

from __future__ import annotations

import sys as _sys

# Types taken from literals: a student's code can rebind the names ``float`` or ``int`` in builtins,
# but not the class of ``0.0``.
_FLOAT = (0.0).__class__
_INT = (0).__class__
_BOOL = (False).__class__
_STR = "".__class__
_LIST = [].__class__
_TUPLE = ().__class__
_DICT = {}.__class__
_NONE = (None).__class__
_FUNCTION = (lambda: 0).__class__
_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: set on every class defined in Python code
_INF = 1e309
_NUMPY_FLOATS = ("float64", "float32", "float16", "longdouble")
_NUMPY_INTS = ("int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8", "intp", "uintp")
TIMEOUT = 300
"""Seconds a ``model`` computation may take."""

__all__ = [
    "Failed",
    "expect",
    "expect_at_least",
    "expect_at_most",
    "expect_between",
    "expect_choice",
    "expect_close",
    "expect_function",
    "expect_integer",
    "expect_number",
    "expect_numbers",
    "expect_text",
    "call",
    "model",
    "uses",
]

# The builtins test cells call, bound afresh in the notebook by the ``from ... import *`` at the top
# of every test cell: an answer that names a variable ``max`` or ``min`` (the ends of a range) cannot
# break a test, and one that rebinds ``abs`` or ``format`` in the notebook cannot pass one. (Code that
# patches the ``builtins`` module itself is the grader's sandbox's business, not this module's.)
_TEST_BUILTINS = (
    "abs", "all", "any", "bool", "dict", "enumerate", "float", "format", "int", "isinstance", "len", "list",
    "max", "min", "next", "print", "range", "repr", "round", "sorted", "str", "sum", "tuple", "zip",
)  # fmt: skip
_builtins = __import__("builtins")
globals().update({_name: getattr(_builtins, _name) for _name in _TEST_BUILTINS})
__all__ += list(_TEST_BUILTINS)


class Failed(AssertionError):  # noqa: N818  (students read "Failed: ..." in a failing test)
    """A test failed; the message is written for the student."""


def _show_failures_short() -> None:
    from .shortfail import install

    install()


_show_failures_short()


def _type_name(value) -> str:
    return value.__class__.__name__


def _c_numpy_type(cls, names) -> bool:
    """Whether ``cls`` is one of NumPy's own (C-defined) types named in ``names``."""
    return (
        not (cls.__flags__ & _HEAPTYPE)
        and cls.__module__ == "numpy"
        and cls.__name__ in names
        and "numpy" in _sys.modules
    )


def expect_number(value, what: str) -> float:
    """``value`` as a plain float if it is a finite number of a built-in or NumPy type, else ``Failed``.

    Args:
        value: the student's answer.
        what: how to name it in a message, e.g. ``"`gap_at_audit`"``.
    """
    cls = value.__class__
    if cls is _FLOAT or (cls is _INT):
        number = _FLOAT(value)
    elif _c_numpy_type(cls, _NUMPY_FLOATS + _NUMPY_INTS):
        number = _FLOAT(value)
    elif cls is _BOOL:
        raise Failed(f"{what} should be a number, but it is True or False.")
    elif cls.__name__ == "ndarray" and not (cls.__flags__ & _HEAPTYPE):
        raise Failed(f"{what} should be a single number, but it is a NumPy array; use float(...) on it.")
    elif cls is _DICT or cls.__name__ in ("Series", "DataFrame"):
        raise Failed(
            f"{what} should be a single number, but it is a {_type_name(value)}: pick one entry, "
            'e.g. result.summary["statistics_gap"], then float(...) on it.'
        )
    else:
        raise Failed(
            f"{what} should be a number (a Python float or int), but it is a {_type_name(value)}. "
            "Use float(...) to turn a result into a plain number."
        )
    if number != number or number in (_INF, -_INF):
        raise Failed(f"{what} should be a finite number, but it is {number!r}.")
    return number


def expect_integer(value, what: str) -> int:
    """``value`` as a plain int if it is an integer of a built-in or NumPy type, else ``Failed``."""
    cls = value.__class__
    if cls is _INT or _c_numpy_type(cls, _NUMPY_INTS):
        return _INT(value)
    if cls is _BOOL:
        raise Failed(f"{what} should be a whole number, but it is True or False.")
    raise Failed(f"{what} should be a whole number (a Python int), but it is a {_type_name(value)}.")


def expect_text(value, what: str) -> str:
    """``value`` if it is a plain ``str``, else ``Failed``."""
    if value.__class__ is not _STR:
        raise Failed(f"{what} should be a string (text in quotes), but it is a {_type_name(value)}.")
    return _STR(value)


def expect_choice(value, choices, what: str) -> str:
    """``value`` if it is a plain ``str`` among ``choices``, else ``Failed`` listing them."""
    text = expect_text(value, what)
    if text not in _TUPLE(choices):
        listed = ", ".join(repr(c) for c in choices)
        raise Failed(f"{what} should be one of {listed}, but it is {text!r}.")
    return text


def expect_numbers(value, what: str, length: int | None = None) -> list[float]:
    """``value`` as a list of plain floats if it is a list, tuple or 1-D NumPy array of numbers.

    Args:
        value: the student's answer.
        what: how to name it in a message.
        length: the number of items it must have, if any.
    """
    cls = value.__class__
    if cls is _LIST or cls is _TUPLE:
        items = _LIST(value)
    elif cls.__name__ == "ndarray" and _c_numpy_type(cls, ("ndarray",)):
        if value.ndim != 1:
            raise Failed(f"{what} should be a flat list of numbers, but it has {value.ndim} dimensions.")
        items = value.tolist()
    else:
        raise Failed(f"{what} should be a list of numbers, but it is a {_type_name(value)}.")
    if length is not None and len(items) != length:
        raise Failed(f"{what} should have {length} numbers, but it has {len(items)}.")
    return [expect_number(item, f"item {i} of {what}") for i, item in enumerate(items)]


def expect_function(value, what: str, nargs: int | None = None):
    """``value`` if it is a function defined with ``def`` or ``lambda`` taking ``nargs`` arguments."""
    if value.__class__ is not _FUNCTION:
        raise Failed(f"{what} should be a function you define with def, but it is a {_type_name(value)}.")
    if nargs is not None:
        code = value.__code__
        if code.co_argcount != nargs or code.co_flags & 0x04:  # 0x04: *args
            raise Failed(f"{what} should take exactly {nargs} arguments, but yours takes {code.co_argcount}.")
    return value


def call(function, args, what: str):
    """Call the student's ``function`` with ``args``; turn any exception into ``Failed``.

    ``what`` names the call in the message, e.g. ``"ratchet_target(1.0, 1.2, 0.05, 0.1)"``.
    """
    try:
        return function(*args)
    except Exception as error:  # the student's bug, reported to the student
        raise Failed(f"{what} raised {_type_name(error)}: {error}") from None


def _tolerance(expected: float, rel: float, abs_tol: float) -> float:
    size = expected if expected >= 0.0 else -expected
    return rel * size if rel * size > abs_tol else abs_tol


def expect_close(value, expected, what: str, rel: float = 1e-6, abs_tol: float = 1e-9) -> None:
    """Check that the number ``value`` is within a tolerance of ``expected``.

    The tolerance is the larger of ``rel`` times the size of ``expected`` and ``abs_tol``. The failure
    message names the answer and its value, never ``expected``.

    Args:
        value: the student's answer (checked with ``expect_number``).
        expected: the right answer, best computed with ``model``.
        what: how to name the answer in a message.
        rel: relative tolerance.
        abs_tol: absolute tolerance.
    """
    number = expect_number(value, what)
    target = expect_number(expected, "the expected value")
    difference = number - target
    if difference < 0.0:
        difference = -difference
    tolerance = _tolerance(target, rel, abs_tol)
    if not difference <= tolerance:
        # Neither the right value nor the tolerance (relative, so it gives the value's size) is shown:
        # the message reaches the student's feedback, and a student who may hand in again must still
        # work it out.
        raise Failed(f"{what} is {number:.6g}, which is not the value asked for.")


def expect_between(value, low: float, high: float, what: str) -> None:
    """Check that the number ``value`` lies in ``[low, high]``."""
    number = expect_number(value, what)
    if not (low <= number <= high):
        raise Failed(f"{what} should lie between {low:g} and {high:g}, but it is {number:.6g}.")


def expect_at_least(value, low: float, what: str) -> None:
    """Check that the number ``value`` is at least ``low``."""
    number = expect_number(value, what)
    if not number >= low:
        raise Failed(f"{what} should be at least {low:.6g}, but it is {number:.6g}.")


def expect_at_most(value, high: float, what: str) -> None:
    """Check that the number ``value`` is at most ``high``."""
    number = expect_number(value, what)
    if not number <= high:
        raise Failed(f"{what} should be at most {high:.6g}, but it is {number:.6g}.")


def expect(condition, message: str) -> None:
    """Check that ``condition`` is exactly ``True`` (a real bool, not something truthy)."""
    if condition is not True:
        raise Failed(message)


def _plain(value, where: str = "input"):
    """``value`` rebuilt from built-in types only, so it can be sent to a fresh process as JSON."""
    cls = value.__class__
    if cls is _NONE or cls is _BOOL or cls is _STR:
        return value
    if cls is _INT or _c_numpy_type(cls, _NUMPY_INTS):
        return _INT(value)
    if cls is _FLOAT or _c_numpy_type(cls, _NUMPY_FLOATS):
        return expect_number(value, where)
    if cls is _LIST or cls is _TUPLE:
        return [_plain(item, where) for item in value]
    if cls is _DICT:
        return {_STR(expect_text(k, where)): _plain(v, where) for k, v in value.items()}
    raise Failed(f"{where} should be made of numbers, strings, lists and dicts, but it holds a {_type_name(value)}.")


def _fresh_module(name: str, *also: str):
    """A fresh copy of the module ``name``: the kernel's own copy, which student code may have
    patched, is set aside while it is imported anew, then put back. With ``also`` (submodules of
    ``name``), a tuple of the fresh copies of ``name`` and of each, imported together so they share
    their own modules."""
    modules = _sys.modules
    saved = {k: modules[k] for k in _LIST(modules) if k == name or k.startswith(name + ".")}
    for key in saved:
        del modules[key]
    try:
        __import__(name)
        for extra in also:
            __import__(extra)
        return (modules[name], *(modules[extra] for extra in also)) if also else modules[name]
    finally:
        for key in _LIST(modules):
            if key == name or key.startswith(name + "."):
                del modules[key]
        modules.update(saved)


def _python() -> str:
    """The path of the Python running the kernel (checked against the operating system's record)."""
    os = _fresh_module("os")
    executable = _sys.executable
    if os.path.exists("/proc/self/exe"):
        if os.path.realpath(executable) != os.path.realpath("/proc/self/exe"):
            raise RuntimeError("sys.executable was changed in this kernel; restart it and run all cells.")
    return executable


_MARKER = "<<antiplan-grading-result>>"  # antiplan.grading.fresh.MARKER


def _kernel_economy():
    """The economy this kernel runs in, as plain data (``None``: the base's), for the fresh process.

    Where ``antiplan grade``'s sandbox sealed the submission's economy, the fresh process reads that
    instead, so nothing the student's code does to this kernel's economy changes the expected values.
    """
    economy = _sys.modules.get("antiplan.economy")
    return economy.current_economy().to_dict() if economy is not None else None


def _in_clean_run() -> bool:
    """Whether this is the grader's clean run, a process that runs no line of the student's code."""
    clean = _sys.modules.get("antiplan.grading.clean")
    return clean is not None and getattr(clean, "SERVING", False) is True


def _model_here(json, code: str, inputs: dict):
    """``model`` in this process: the clean run is as untouched as a fresh one, and is ready now."""
    from .fresh import compute_once

    try:
        return json.loads(compute_once(_kernel_economy(), inputs, _STR(code)))  # as a fresh process hands it back
    except Exception as error:  # noqa: BLE001 - said as the fresh process says it
        raise RuntimeError(
            f"the grader's own computation failed (an error in the test, not in your work):\n"
            f"{type(error).__name__}: {error}"
        ) from None


def model(code: str, **inputs):
    """Run ``code`` in a fresh Python process and return the value it assigns to ``result``.

    The process is ``python -I -m antiplan.grading.fresh`` (no user site, no current directory on the
    path, no PYTHON* variables), so it imports the installed ``antiplan``, NumPy and pandas untouched
    by anything the student's code did; in the grader's clean run, which never runs the student's
    code, it is that process itself. It runs in the kernel's economy (an assignment variant's;
    the one the grader sealed, when sandboxed). ``inputs`` (numbers, strings, lists and dicts) are
    defined as variables before ``code`` runs. ``result`` must be JSON-serializable (convert NumPy
    numbers with ``float(...)``).

    Example::

        expected = model(
            "import antiplan\\n"
            "result = antiplan.simulate('ch03', audit=audit).summary['statistics_gap']",
            audit=0.5,
        )
    """
    json = _fresh_module("json")
    inputs = {k: _plain(v, k) for k, v in inputs.items()}
    if _in_clean_run():
        return _model_here(json, code, inputs)
    subprocess = _fresh_module("subprocess")
    payload = json.dumps({"economy": _kernel_economy(), "inputs": inputs, "code": _STR(code)})
    done = subprocess.run(
        [_python(), "-I", "-m", "antiplan.grading.fresh"],
        input=payload,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0 or _MARKER not in done.stdout:
        raise RuntimeError(
            f"the grader's own computation failed (an error in the test, not in your work):\n{done.stderr}"
        )
    return json.loads(done.stdout.rsplit(_MARKER, 1)[1])


def uses(*answers) -> None:
    """Name the answers a hidden test checks, outside its hidden region.

    The line ``uses(gap_terror)`` stays in the student's copy, so the test fails there with a
    ``NameError`` until the answer exists (``nbgrader validate --invert`` then sees every test fail),
    and a reader of the student's copy sees what the hidden test is about.
    """
