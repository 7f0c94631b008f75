"""Plain values across the grading boundary: what may leave the student's kernel, and how it is written.

An answer leaves the student's kernel as data, never as an object: numbers (Python's, or NumPy's
scalars), strings, ``True``/``False``/``None``, lists, tuples, dicts with string keys, NumPy arrays
of numbers, and pandas Series and DataFrames of numbers or strings. ``encode`` writes such a value
as JSON-ready data with a tag on every node, so that what the tests receive in the clean process has
the same types (a tuple stays a tuple, a ``float32`` a ``float32``); anything else is ``Refused``,
with the reason, for the student. ``decode`` reads it back, checking every tag and size, since the
data comes from code the student controls.

Only the types' own C code is trusted on the way out: a class written in Python that calls itself
``float`` or ``ndarray`` is refused, and every number is read with the built-in type's own method.
"""

from __future__ import annotations

import json
import math

MAX_ITEMS = 1_000_000
"""Items (numbers, strings, containers) one value may hold."""
MAX_DEPTH = 40
"""Containers nested in one another, at most."""
MAX_TEXT = 32 * 1024 * 1024
"""Characters of one encoded message, at most."""

_HEAPTYPE = 1 << 9  # set on every class defined in Python code
_FLOAT, _INT, _BOOL, _STR = float, int, bool, str
_NUMPY_SCALARS = {"float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint64", "uint32", "uint16"}
_NUMPY_SCALARS |= {"uint8", "bool"}
_ARRAY_KINDS = "fiub"  # float, signed and unsigned integer, bool


class Refused(ValueError):  # noqa: N818 - the student reads why an answer was refused
    """The value cannot cross the boundary; the message says why, for the student."""


def _kind(value) -> str:
    return type(value).__name__


def _c_type(cls, module: str) -> bool:
    return not (cls.__flags__ & _HEAPTYPE) and cls.__module__ == module


def _c_class(cls, module: str, name: str) -> bool:
    # pandas' classes are written in Python: trust them only when they are pandas' own, imported.
    import sys

    found = sys.modules.get(module)
    return found is not None and getattr(found, name, None) is cls


class _Budget:
    def __init__(self) -> None:
        self.items = 0

    def spend(self, count: int = 1) -> None:
        self.items += count
        if self.items > MAX_ITEMS:
            raise Refused(f"it holds more than {MAX_ITEMS:,} items")


def encode(value, budget: _Budget | None = None, depth: int = 0):
    """``value`` as tagged, JSON-ready data (``Refused`` if it is not a plain value)."""
    budget = budget or _Budget()
    budget.spend()
    if depth > MAX_DEPTH:
        raise Refused(f"it is nested more than {MAX_DEPTH} levels deep")
    cls = type(value)
    if value is None:
        return ["none", None]
    if cls is _BOOL:
        return ["bool", _BOOL.__bool__(value)]
    if cls is _INT:
        return ["int", _INT.__index__(value)]
    if cls is _FLOAT:
        return ["float", _FLOAT.__float__(value)]
    if cls is _STR:
        return ["str", _STR.__str__(value)]
    if cls is list or cls is tuple:
        items = [encode(item, budget, depth + 1) for item in cls.__iter__(value)]
        return ["list" if cls is list else "tuple", items]
    if cls is dict:
        pairs = []
        for key, item in dict.items(value):
            if type(key) is not _STR:
                raise Refused(f"a dict key is a {_kind(key)}; keys must be strings")
            pairs.append([_STR.__str__(key), encode(item, budget, depth + 1)])
        return ["dict", pairs]
    if _c_type(cls, "numpy") and cls.__name__ in _NUMPY_SCALARS:
        import numpy

        return ["npscalar", [cls.__name__, numpy.ndarray.tolist(numpy.asarray(value))]]
    if _c_type(cls, "numpy") and cls.__name__ == "ndarray":
        import numpy

        if value.dtype.kind not in _ARRAY_KINDS:
            raise Refused(f"it is a NumPy array of {value.dtype}; only arrays of numbers can be graded")
        budget.spend(int(value.size))
        return ["array", [str(value.dtype), list(value.shape), numpy.ndarray.tolist(value.ravel())]]
    if _c_class(cls, "pandas", "Series"):
        return [
            "series",
            [encode(value.to_numpy(), budget, depth + 1), _labels(value.index, budget, depth), _name(value)],
        ]
    if _c_class(cls, "pandas", "DataFrame"):
        columns = [encode(value[column].to_numpy(), budget, depth + 1) for column in value.columns]
        return ["frame", [columns, _labels(value.columns, budget, depth), _labels(value.index, budget, depth)]]
    raise Refused(f"it is a {_kind(value)}; answers must be numbers, text, lists, dicts, arrays or tables")


def _labels(index, budget: _Budget, depth: int):
    labels = index.tolist()
    budget.spend(len(labels))
    return encode(labels, budget, depth + 1)


def _name(series):
    name = series.name
    return name if name is None or type(name) in (_STR, _INT, _FLOAT) else str(name)


def decode(data, depth: int = 0):
    """The value ``data`` (from ``encode``) stands for; ``ValueError`` if it is not well formed."""
    if depth > MAX_DEPTH + 2 or type(data) is not list or len(data) != 2 or type(data[0]) is not str:
        raise ValueError("not an encoded value")
    tag, body = data
    if tag == "none" and body is None:
        return None
    if tag == "bool" and type(body) is bool:
        return body
    if tag == "int" and type(body) is int:
        return body
    if tag == "float" and type(body) in (float, int):
        return float(body)
    if tag == "str" and type(body) is str:
        return body
    if tag in ("list", "tuple") and type(body) is list:
        items = [decode(item, depth + 1) for item in body]
        return items if tag == "list" else tuple(items)
    if tag == "dict" and type(body) is list:
        out = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                raise ValueError("not an encoded dict")
            out[pair[0]] = decode(pair[1], depth + 1)
        return out
    if tag == "npscalar" and type(body) is list and len(body) == 2 and body[0] in _NUMPY_SCALARS:
        import numpy

        return getattr(numpy, body[0])(_number(body[1]))
    if tag == "array" and type(body) is list and len(body) == 3:
        return _array(*body)
    if tag == "series" and type(body) is list and len(body) == 3:
        import pandas

        values, index = decode(body[0], depth + 1), decode(body[1], depth + 1)
        return pandas.Series(values, index=_flat(index), name=body[2] if type(body[2]) in (str, int, float) else None)
    if tag == "frame" and type(body) is list and len(body) == 3 and type(body[0]) is list:
        import pandas

        columns = [decode(column, depth + 1) for column in body[0]]
        names, index = _flat(decode(body[1], depth + 1)), _flat(decode(body[2], depth + 1))
        if len(names) != len(columns):
            raise ValueError("not an encoded table")
        return pandas.DataFrame(dict(enumerate(columns)), index=index).set_axis(names, axis=1)
    raise ValueError(f"not an encoded value (tag {tag!r})")


def decode_checked(data):
    """``decode``, with what cannot be read reported as the student's: ``Refused``."""
    try:
        return decode(data)
    except (TypeError, ValueError, RecursionError):
        raise Refused("what it returned could not be read") from None


def _number(value):
    if type(value) not in (int, float, bool):
        raise ValueError("not a number")
    return value


def _flat(labels) -> list:
    if type(labels) is not list or any(type(x) not in (str, int, float, bool) for x in labels):
        raise ValueError("not a list of labels")
    return labels


def _array(dtype, shape, flat):
    import numpy

    if type(dtype) is not str or numpy.dtype(dtype).kind not in _ARRAY_KINDS:
        raise ValueError("not an array of numbers")
    if type(shape) is not list or any(type(n) is not int or n < 0 for n in shape) or type(flat) is not list:
        raise ValueError("not an encoded array")
    if math.prod(shape) != len(flat) or any(type(x) not in (int, float, bool) for x in flat):
        raise ValueError("not an encoded array")
    return numpy.array(flat, dtype=dtype).reshape(shape)


def dumps(data) -> str:
    """``data`` (already encoded) as one line of JSON (NaN and infinities as JavaScript writes them)."""
    return json.dumps(data, separators=(",", ":"), allow_nan=True)


def loads(text: str):
    """One line of JSON from the other side of the boundary, checked for size and depth."""
    if type(text) is not str or len(text) > MAX_TEXT:
        raise ValueError(f"more than {MAX_TEXT // (1024 * 1024)} MB")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deep") from None
