"""The only module that knows Streamlit caching.

Everything is cached per database file *version*: its path and the file's identity (inode,
modification time in ns, size), so a rebuild that renames a new file over the old one is
picked up on the next run without a restart, even a copy that kept the old modification time.

One run reads one version: app.py calls `pin()` first in every run, and the run's reads all
go to the connection pinned there, which keeps reading its file after a swap (see
benchlearn.db.connect). Without it, a page that queried before and after a swap showed the
names of one build beside the values of the other. What a builder of `computed` or
`per_database` reads comes from the version it is cached under. Outside a script run (tests,
`make bench`, a download built on click) a read takes the version on disk.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from benchlearn import db
from benchlearn.logic.contributions import hide_contributed
from benchlearn.settings import load_settings

T = TypeVar("T")
Stamp = tuple[int, int, int]  # inode, modification time (ns), size
PIN = "_warehouse_version"  # session state: the version the current run reads


@dataclass(frozen=True)
class Version:
    path: str
    stamp: Stamp
    con: duckdb.DuckDBPyConnection = field(compare=False, repr=False)


class _Swapped(Exception):
    """A new file was renamed into place while the old one was being opened."""


_building: ContextVar[Version | None] = ContextVar("benchlearn_building", default=None)


def database_path() -> Path:
    return load_settings().database_path


def _stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        raise db.DatabaseMissing(f"{path} does not exist: build it with `make data`")
    return (info.st_ino, info.st_mtime_ns, info.st_size)


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, stamp: Stamp) -> duckdb.DuckDBPyConnection:
    con = db.connect(Path(path))
    if _stamp(Path(path)) != stamp:  # swapped between the stat and the attach: not `stamp`
        con.close()
        raise _Swapped
    return con


def current() -> Version:
    """The version on disk now, with its connection (shared by all sessions)."""
    path = database_path()
    for _ in range(10):
        stamp = _stamp(path)
        try:
            return Version(str(path), stamp, _connection(str(path), stamp))
        except _Swapped:
            continue
    raise RuntimeError(f"{path} was replaced ten times while it was being opened")


def pin() -> None:
    """At the start of a run (app.py): the run reads the version on disk now, whatever a
    rebuild swaps in meanwhile. The session keeps it (and its file open) until its next run.
    A missing file is left to the page to report (refdata.reference)."""
    try:
        st.session_state[PIN] = current()
    except db.DatabaseMissing:
        st.session_state.pop(PIN, None)


def version() -> Version:
    """What a read uses: the version a builder is cached under, else the run's pinned one,
    else the one on disk."""
    building = _building.get()
    if building is not None:
        return building
    if get_script_run_ctx(suppress_warning=True) is not None:
        pinned = st.session_state.get(PIN)
        if pinned is not None and pinned.path == str(database_path()):
            return pinned
    return current()


def _within(version_: Version, builder: Callable[..., T], *args: object) -> T:
    token = _building.set(version_)
    try:
        return builder(*args)
    finally:
        _building.reset(token)


def at_version(make: Callable[[], T]) -> Callable[[], T]:
    """`make`, to be called later (a download built when clicked), reading the version that
    is read now: the file matches the view it was offered on."""
    pinned, hide = version(), hiding()

    def later() -> T:
        token = _hiding_now.set(hide)
        try:
            return _within(pinned, make)
        finally:
            _hiding_now.reset(token)

    return later


# The pages' switch that hides municipalities' contributed values (?hide=1): every query
# result of the run leaves them out (logic.contributions.hide_contributed), and it is part of
# the key of every computed view, whose builder sees the same setting while it runs.
_hiding_now: ContextVar[bool | None] = ContextVar("hiding_contributed", default=None)
_hiding_of_session: list[Callable[[], bool]] = [lambda: False]


def set_hiding(source: Callable[[], bool]) -> None:
    """Where the session's switch is read (benchlearn.ui.viewstate registers the selection's
    field)."""
    _hiding_of_session[0] = source


def hiding() -> bool:
    inside = _hiding_now.get()
    if inside is not None:
        return inside
    return bool(get_script_run_ctx() is not None and _hiding_of_session[0]())


@st.cache_data(max_entries=512, show_spinner=False)
def _query(
    path: str, stamp: Stamp, name: str, params: tuple, _con: duckdb.DuckDBPyConnection
) -> pd.DataFrame:
    return db.run(_con, name, **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """A named query from queries/, cached per database version and parameters."""
    v = version()
    frame = _query(v.path, v.stamp, name, tuple(sorted(params.items())), v.con)
    return hide_contributed(frame) if hiding() else frame


@st.cache_resource(max_entries=16, show_spinner=False)
def _layer(path: str, stamp: Stamp, version_name: str, _con: duckdb.DuckDBPyConnection) -> dict:
    frame = db.run(_con, "boundary_layer", version=version_name)
    if frame.empty:
        return {"type": "FeatureCollection", "features": []}
    return json.loads(frame["geojson"].iloc[0])


def boundary_layer(version_name: str) -> dict:
    """Parsed GeoJSON of one version; shared read-only between sessions (do not mutate)."""
    v = version()
    return _layer(v.path, v.stamp, version_name, v.con)


@st.cache_resource(max_entries=4, show_spinner=False)
def _per_database(path: str, stamp: Stamp, name: str, _builder: Callable[[], T], _v: Version) -> T:
    token = _hiding_now.set(False)  # shared by every session: built with every value
    try:
        return _within(_v, _builder)
    finally:
        _hiding_now.reset(token)


def per_database(builder: Callable[[], T]) -> T:
    """`builder()` once per database file version, shared read-only by all sessions."""
    name = f"{builder.__module__}.{builder.__qualname__}"
    v = version()
    return _per_database(v.path, v.stamp, name, builder, v)


@st.cache_data(max_entries=256, show_spinner=False)
def _computed(
    path: str,
    stamp: Stamp,
    name: str,
    args: tuple,
    _builder: Callable[..., T],
    _v: Version,
    hide: bool = False,
) -> T:
    token = _hiding_now.set(hide)
    try:
        return _within(_v, _builder, *args)
    finally:
        _hiding_now.reset(token)


def computed(builder: Callable[..., T], *args: object) -> T:
    """`builder(*args)` once per database version and arguments, shared by all sessions.

    For what a page derives from the warehouse for one view (tables, chart specs): a new
    visitor to a view someone already opened gets it without recomputing. `builder` must be
    pure (no widgets, no session state) and `args` hashable (tuples, not lists). Results are
    copied per caller, so callers may change them.
    """
    code = builder.__code__  # page scripts all run as __main__: the file tells them apart
    name = f"{code.co_filename}:{builder.__qualname__}"
    v = version()
    return _computed(v.path, v.stamp, name, args, builder, v, hiding())
