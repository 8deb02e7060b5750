"""The only module that knows Streamlit caching.

The connection is cached per database file *version* (path + modification time), so a
rebuild that swaps in a new file is picked up on the next run without a restart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from benchlearn import db
from benchlearn.settings import load_settings

T = TypeVar("T")


def database_path() -> Path:
    return load_settings().database_path


def _stamp() -> float:
    path = database_path()
    if not path.is_file():
        raise db.DatabaseMissing(f"{path} does not exist: build it with `make data`")
    return path.stat().st_mtime


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, stamp: float) -> duckdb.DuckDBPyConnection:
    return db.connect(Path(path))


@st.cache_data(max_entries=512, show_spinner=False)
def _query(path: str, stamp: float, name: str, params: tuple) -> pd.DataFrame:
    return db.run(_connection(path, stamp), name, **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """A named query from queries/, cached per database version and parameters."""
    stamp = _stamp()
    return _query(str(database_path()), stamp, name, tuple(sorted(params.items())))


@st.cache_resource(max_entries=16, show_spinner=False)
def _layer(path: str, stamp: float, version: str) -> dict:
    frame = db.run(_connection(path, stamp), "boundary_layer", version=version)
    if frame.empty:
        return {"type": "FeatureCollection", "features": []}
    return json.loads(frame["geojson"].iloc[0])


def boundary_layer(version: str) -> dict:
    """Parsed GeoJSON of one version; shared read-only between sessions (do not mutate)."""
    return _layer(str(database_path()), _stamp(), version)


@st.cache_resource(max_entries=4, show_spinner=False)
def _per_database(path: str, stamp: float, name: str, _builder: Callable[[], T]) -> T:
    return _builder()


def per_database(builder: Callable[[], T]) -> T:
    """`builder()` once per database file version, shared read-only by all sessions."""
    name = f"{builder.__module__}.{builder.__qualname__}"
    return _per_database(str(database_path()), _stamp(), name, builder)


@st.cache_data(max_entries=256, show_spinner=False)
def _computed(path: str, stamp: float, name: str, args: tuple, _builder: Callable[..., T]) -> T:
    return _builder(*args)


def computed(builder: Callable[..., T], *args: object) -> T:
    """`builder(*args)` once per database version and arguments, shared by all sessions.

    For what a page derives from the warehouse for one view (tables, chart specs): a new
    visitor to a view someone already opened gets it without recomputing. `builder` must be
    pure (no widgets, no session state) and `args` hashable (tuples, not lists). Results are
    copied per caller, so callers may change them.
    """
    code = builder.__code__  # page scripts all run as __main__: the file tells them apart
    name = f"{code.co_filename}:{builder.__qualname__}"
    return _computed(str(database_path()), _stamp(), name, args, builder)
