"""JSON-stat 2.0 dataset -> tidy pandas DataFrame.

Why a small parser of our own instead of a library: the only JSON-stat parser on PyPI,
``pyjstat`` (2.4.0, last release March 2023), was inspected and does not fit:

* it is unmaintained for the pandas we pin (3.1): its gap-filling path still calls
  ``DataFrame.append``, removed in pandas 2.0;
* its non-deprecated ``Dataset.read`` does not accept an already decoded ``dict`` (only a JSON
  string, a file or a URL it fetches itself with ``requests``), and ``from_json_stat`` emits a
  deprecation warning;
* it gives either category codes or labels, never both, drops ``status``, and does no structural
  validation (a wrong ``size`` or ``value`` length ends in an IndexError, not a clear message).

The format is simple (JSON-stat 2.0, https://json-stat.org/format/): ``id`` lists the
dimensions, ``size`` their category counts, and ``value`` is a flat row-major array over ``id``
(or a sparse ``{"index": value}`` object), so the parser below is short and validates as it goes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from benchlearn.ingest.pxweb_errors import MalformedResponse

__all__ = ["MalformedResponse", "dimension_categories", "to_frame"]

_HINT = "The service did not return a JSON-stat 2.0 dataset; check that the query asks for "
_HINT += '"response": {"format": "json-stat2"} and report the table if it persists.'


def _fail(msg: str) -> MalformedResponse:
    return MalformedResponse(f"Malformed JSON-stat: {msg}. {_HINT}")


def dimension_categories(dataset: Mapping[str, Any], dim: str) -> tuple[list[str], list[str]]:
    """Return (codes in index order, labels) of one dimension, validating its structure."""
    dims = dataset.get("dimension")
    if not isinstance(dims, Mapping) or dim not in dims:
        raise _fail(f"dimension {dim!r} is listed in 'id' but missing from 'dimension'")
    entry = dims[dim]
    category = entry.get("category") if isinstance(entry, Mapping) else None
    if not isinstance(category, Mapping):
        raise _fail(f"dimension {dim!r} has no 'category' object")
    index = category.get("index")
    labels = category.get("label") or {}
    if not isinstance(labels, Mapping):
        raise _fail(f"dimension {dim!r}: 'category.label' must be an object")
    if index is None:
        # The spec allows omitting 'index' for a dimension with a single category.
        if len(labels) != 1:
            raise _fail(f"dimension {dim!r} has no 'category.index' and not exactly one label")
        codes = [str(next(iter(labels)))]
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, Mapping):
        try:
            positions = {str(code): int(pos) for code, pos in index.items()}
        except (TypeError, ValueError) as exc:
            raise _fail(f"dimension {dim!r}: 'category.index' positions must be integers") from exc
        if sorted(positions.values()) != list(range(len(positions))):
            raise _fail(f"dimension {dim!r}: 'category.index' positions are not 0..n-1")
        codes = sorted(positions, key=positions.__getitem__)
    else:
        raise _fail(f"dimension {dim!r}: 'category.index' must be an array or an object")
    if len(set(codes)) != len(codes):
        raise _fail(f"dimension {dim!r} has duplicate category codes")
    return codes, [str(labels.get(code, code)) for code in codes]


def _number(raw: Any, pos: int) -> float:
    if raw is None:
        return math.nan
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise _fail(f"value[{pos}] is {raw!r}, expected a number or null")
    return float(raw)


def _values(dataset: Mapping[str, Any], n: int) -> np.ndarray:
    raw = dataset.get("value")
    if isinstance(raw, list):
        if len(raw) != n:
            raise _fail(f"'value' has {len(raw)} entries but the product of 'size' is {n}")
        return np.array([_number(v, i) for i, v in enumerate(raw)], dtype="float64")
    if isinstance(raw, Mapping):
        out = np.full(n, np.nan, dtype="float64")
        for key, v in raw.items():
            pos = _sparse_index(key, n, "value")
            out[pos] = _number(v, pos)
        return out
    raise _fail("'value' must be an array or an object of index -> value")


def _sparse_index(key: Any, n: int, what: str) -> int:
    try:
        pos = int(key)
    except (TypeError, ValueError) as exc:
        raise _fail(f"'{what}' key {key!r} is not an integer index") from exc
    if not 0 <= pos < n:
        raise _fail(f"'{what}' index {pos} is outside 0..{n - 1}")
    return pos


def _status(raw: Any, n: int) -> list[str | None]:
    if isinstance(raw, str):
        return [raw] * n
    if isinstance(raw, list):
        if len(raw) != n:
            raise _fail(f"'status' has {len(raw)} entries but the dataset has {n} values")
        return [None if s is None else str(s) for s in raw]
    if isinstance(raw, Mapping):
        out: list[str | None] = [None] * n
        for key, s in raw.items():
            out[_sparse_index(key, n, "status")] = None if s is None else str(s)
        return out
    raise _fail("'status' must be a string, an array or an object")


def to_frame(dataset: Mapping[str, Any]) -> pd.DataFrame:
    """Turn a JSON-stat 2.0 ``dataset`` into a tidy DataFrame.

    Columns, in ``id`` order: ``<dim>`` (category code) and ``<dim>_label`` for every dimension,
    then ``value`` (float64, nulls as NaN) and ``status`` (only when the dataset has one).
    One row per cell, in the dataset's row-major order. Raises MalformedResponse.
    """
    if not isinstance(dataset, Mapping):
        raise _fail(f"expected a JSON object, got {type(dataset).__name__}")
    if dataset.get("class") != "dataset":
        raise _fail(f"'class' is {dataset.get('class')!r}, expected 'dataset'")
    ids = dataset.get("id")
    sizes = dataset.get("size")
    if not isinstance(ids, list) or not all(isinstance(d, str) for d in ids):
        raise _fail("'id' must be an array of dimension names")
    if len(set(ids)) != len(ids):
        raise _fail(f"'id' has duplicate dimension names: {ids}")
    if (
        not isinstance(sizes, list)
        or len(sizes) != len(ids)
        or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes)
    ):
        raise _fail(f"'size' must be {len(ids)} non-negative integers (one per 'id'), got {sizes}")
    n = math.prod(sizes)

    columns: dict[str, Any] = {}
    for i, dim in enumerate(ids):
        codes, labels = dimension_categories(dataset, dim)
        if len(codes) != sizes[i]:
            raise _fail(f"dimension {dim!r} has {len(codes)} categories but 'size' says {sizes[i]}")
        outer, inner = math.prod(sizes[:i]), math.prod(sizes[i + 1 :])
        positions = np.tile(np.repeat(np.arange(sizes[i]), inner), outer)
        if dim in ("value", "status") or dim.endswith("_label"):
            raise _fail(f"dimension name {dim!r} clashes with an output column")
        columns[dim] = np.asarray(codes, dtype=object)[positions]
        columns[f"{dim}_label"] = np.asarray(labels, dtype=object)[positions]
    columns["value"] = _values(dataset, n)
    if "status" in dataset and dataset["status"] is not None:
        columns["status"] = _status(dataset["status"], n)

    frame = pd.DataFrame(columns, index=pd.RangeIndex(n))
    for dim in ids:
        frame[dim] = frame[dim].astype("str")
        frame[f"{dim}_label"] = frame[f"{dim}_label"].astype("str")
    return frame
