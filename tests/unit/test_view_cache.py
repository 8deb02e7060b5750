"""cache.computed (a page's view, derived once for all sessions), the warehouse version a
read uses after a rebuild, and specs.chart_spec (an Altair chart as the Vega-Lite dict
st.altair_chart would draw)."""

from __future__ import annotations

import logging
import os
import shutil

import altair as alt
import duckdb
import pandas as pd
import pytest
import streamlit as st

from benchlearn import cache, db
from benchlearn.ui import specs

logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no runtime" notes outside a server


@pytest.fixture(autouse=True)
def warehouse(built_db, monkeypatch):
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def counting(calls: list):
    def derive(code: str, units: tuple[str, ...]) -> dict:
        calls.append((code, units))
        return {"code": code, "units": list(units)}

    return derive


def test_a_view_is_derived_once_per_arguments():
    calls: list = []
    derive = counting(calls)
    first = cache.computed(derive, "population_avg", ("LV0020000",))
    again = cache.computed(derive, "population_avg", ("LV0020000",))
    other = cache.computed(derive, "population_avg", ("LV0021000",))
    assert first == again == {"code": "population_avg", "units": ["LV0020000"]}
    assert other["units"] == ["LV0021000"]
    assert calls == [("population_avg", ("LV0020000",)), ("population_avg", ("LV0021000",))]


def test_callers_get_copies_they_may_change():
    derive = counting([])
    view = cache.computed(derive, "x", ())
    view["units"].append("changed")
    assert cache.computed(derive, "x", ())["units"] == []


def test_builders_with_one_name_in_two_files_are_kept_apart():
    """Page scripts all run as __main__, so a name alone would mix two pages' views."""
    made = {}
    for page in ("pages/trends.py", "pages/profile.py"):
        scope: dict = {}
        exec(compile("def view(x):\n    return __file__ + x\n", page, "exec"), scope)  # noqa: S102
        scope["__file__"] = page
        made[page] = scope["view"]
    assert cache.computed(made["pages/trends.py"], "!") == "pages/trends.py!"
    assert cache.computed(made["pages/profile.py"], "!") == "pages/profile.py!"


def test_a_new_database_file_is_a_new_cache(built_db, tmp_path, monkeypatch):
    calls: list = []
    derive = counting(calls)
    cache.computed(derive, "a", ())
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(built_db.read_bytes())
    monkeypatch.setenv("BENCHLEARN_DB", str(copy))
    cache.computed(derive, "a", ())
    assert len(calls) == 2


def test_a_rebuild_renamed_over_the_file_is_read_at_once(built_db, tmp_path, monkeypatch):
    """DuckDB hands a later connect(path) the database it has open for that path, so the
    dashboard went on reading the old file; and the new file here even keeps the old one's
    modification time (a copy with cp -p): its inode tells it apart."""
    served = tmp_path / "benchlearn.duckdb"
    shutil.copyfile(built_db, served)
    monkeypatch.setenv("BENCHLEARN_DB", str(served))
    before = cache.version()
    assert "[B]" not in cache.query("catalogue")["name_lv"].iloc[0]
    rebuilt = tmp_path / "benchlearn.duckdb.new"
    shutil.copyfile(built_db, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("UPDATE indicators SET name_lv = name_lv || ' [B]'")
    os.utime(rebuilt, ns=(served.stat().st_atime_ns, served.stat().st_mtime_ns))
    os.replace(rebuilt, served)
    assert cache.query("catalogue")["name_lv"].str.endswith(" [B]").all()
    # the old file, renamed away, is still read by what had opened it
    old = db.run(before.con, "catalogue")
    assert not old["name_lv"].str.endswith(" [B]").any()


def test_a_download_built_later_reads_the_version_of_its_view(built_db, tmp_path, monkeypatch):
    served = tmp_path / "benchlearn.duckdb"
    shutil.copyfile(built_db, served)
    monkeypatch.setenv("BENCHLEARN_DB", str(served))
    names = cache.at_version(lambda: cache.query("catalogue")["name_lv"].tolist())
    rebuilt = tmp_path / "new.duckdb"
    shutil.copyfile(built_db, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("UPDATE indicators SET name_lv = 'X'")
    os.replace(rebuilt, served)
    assert set(cache.query("catalogue")["name_lv"]) == {"X"}
    assert "X" not in names()


def test_chart_spec_is_what_streamlit_would_draw():
    frame = pd.DataFrame({"year": [2023, 2024], "value": [1.5, 2.5]})
    chart = alt.Chart(frame).mark_line().encode(x="year:O", y="value:Q")
    spec = specs.chart_spec(chart)
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    # the data travels inline with the spec, not as a reference to a dataset elsewhere
    (values,) = spec["datasets"].values()
    assert values == [{"year": 2023, "value": 1.5}, {"year": 2024, "value": 2.5}]
    # Altair's default theme (fixed 300 px views) is off, as in st.altair_chart
    assert "continuousWidth" not in spec.get("config", {}).get("view", {})
    # and the global settings are as they were
    assert alt.theme.active == "default"
    assert alt.data_transformers.active == "default"
