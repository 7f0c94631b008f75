"""The student's side of the grading boundary: answers handed over as data, functions called with plain values.

Tests never run in the student's kernel. After the notebook's own cells, the grader (or the
self-check) asks the kernel for the answers the tests read, by name; ``hand_over`` writes them as
plain data (``antiplan.grading.plain``), a function as its signature and source only. When a test
calls one of the student's functions, ``respond`` calls it here, in the student's process, with
plain arguments, and hands back its plain result or the error it raised. Nothing else crosses:
no object, no frame, no test code.

Whatever the student's code does to this module, or to what it prints, changes only what the
student claims as answers; the tests that judge the claims run elsewhere.
"""

from __future__ import annotations

import inspect
import json
import sys
import types

from . import plain

MARKER = "<<antiplan-boundary>>"
"""Starts the one line of data ``hand_over`` and ``respond`` print."""
MAX_ARGS = 64
"""Arguments a function handed over may take."""


def _namespace(namespace: dict | None) -> dict:
    if namespace is not None:
        return namespace
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell.user_ns if shell is not None else sys.modules["__main__"].__dict__


def describe(value) -> dict:
    """One answer as data: ``{"value": ...}``, ``{"function": ...}`` or ``{"refused": reason}``."""
    if type(value) is types.FunctionType:
        code = value.__code__
        try:
            source = inspect.getsource(value)
        except (OSError, TypeError):
            source = ""
        return {
            "function": {
                "nargs": min(int(code.co_argcount), MAX_ARGS),
                "varargs": bool(code.co_flags & inspect.CO_VARARGS),
                "source": source[:100_000],
            }
        }
    if callable(value) and not isinstance(value, type):
        return {"refused": f"it is a {type(value).__name__}: define it with def"}
    try:
        return {"value": plain.encode(value)}
    except plain.Refused as error:
        return {"refused": str(error)}
    except Exception as error:  # noqa: BLE001 - an object that breaks when read is refused, not a crash
        return {"refused": f"it could not be read ({type(error).__name__})"}


def collect(names, namespace: dict | None = None) -> dict:
    """``{name: description}`` for each of ``names`` the namespace defines (``{"missing": True}`` if not)."""
    found = _namespace(namespace)
    return {name: describe(found[name]) if name in found else {"missing": True} for name in names}


def kernel_economy() -> dict | None:
    """The economy this process runs in, as data (``None`` when ``antiplan`` was never imported: the base's)."""
    economy = sys.modules.get("antiplan.economy")
    return economy.current_economy().to_dict() if economy is not None else None


def hand_over(names, namespace: dict | None = None) -> None:
    """Print the answers ``names`` as one line of data after ``MARKER`` (what the grader reads)."""
    answers = collect(names, namespace)
    print(MARKER + json.dumps({"answers": answers, "economy": kernel_economy()}, allow_nan=True))


def _error(error: BaseException) -> dict:
    return {"error": [type(error).__name__, str(error)[:2000]]}


def call_function(function, request: dict) -> dict:
    """Call ``function`` as ``request`` asks (plain arguments, one call or ``many``); the plain result."""
    try:
        batches = [request["args"]] if not request.get("many") else request["args"]
        calls = [[plain.decode(arg) for arg in args] for args in batches]
    except (KeyError, TypeError, ValueError) as error:
        return _error(error)
    results = []
    for args in calls:
        try:
            value = function(*args)
        except Exception as error:  # noqa: BLE001 - the student's bug, reported to the test
            return _error(error)
        try:
            results.append(plain.encode(value))
        except plain.Refused as error:
            return {"error": ["Refused", f"it returned something that is not a plain value: {error}"]}
    return {"value": results if request.get("many") else results[0]}


def respond(request_text: str, namespace: dict | None = None) -> None:
    """Answer one call request (JSON: ``name``, ``args``, ``many``) with one line of data after ``MARKER``."""
    request = json.loads(request_text)
    function = _namespace(namespace).get(request.get("name"))
    if type(function) is not types.FunctionType:
        reply = {"error": ["NameError", f"{request.get('name')!r} is no longer a function in the notebook"]}
    else:
        reply = call_function(function, request)
    print(MARKER + json.dumps(reply, allow_nan=True))
