"""The per-view loaders (queries/observations_of_indicators.sql, shown_values.sql,
profile_observations.sql) give the logic the same results as every value of the version
(observations_in_version), on the real warehouse and on a synthetic 2x one."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
import streamlit as st

from benchlearn import views
from benchlearn.db import connect, run
from benchlearn.logic import benchmark as bm
from benchlearn.logic import explore as ex
from benchlearn.logic import profile as pf
from benchlearn.logic import series
from benchlearn.logic.peers import DEFAULT_PEER_INDICATORS
from benchlearn.logic.similar import structural_table
from benchlearn.scale import synthesize


@pytest.fixture(scope="module", params=["real", "synthetic 2x"])
def con(request, built_db, tmp_path_factory):
    path = built_db
    if request.param != "real":
        path = synthesize(built_db, tmp_path_factory.mktemp("views") / "2x.duckdb", 2).path
    connection = connect(path)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def catalogue(con):
    return run(con, "catalogue").set_index("code")


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing as None in object columns: an all-NULL column comes as object with None, a
    column with some text as strings with NaN; the logic reads both as missing."""
    return frame.astype(object).where(frame.notna(), None)


def ids_of(con, version: str) -> list[str]:
    units = run(con, "units")
    return units.loc[units["version"] == version, "unit_id"].tolist()


@pytest.mark.parametrize("version", ["lg2021", "lg2025"])
@pytest.mark.parametrize("year", [2015, 2024, None])
def test_shown_values_give_the_same_tables(con, catalogue, version, year):
    full = run(con, "observations_in_version", version=version)
    shown = run(con, "shown_values", version=version, year=year)
    asked = year or int(full["year"].max())
    assert set(shown["asked_year"]) == {asked}
    assert len(shown) < len(full)
    ids = ids_of(con, version)
    years = bm.value_years(full, catalogue, ids, asked)
    assert bm.value_years(shown, catalogue, ids, asked) == years
    assert bm.coverage(shown, ids, years) == bm.coverage(full, ids, years)
    wide = [*ids, "LV"]
    pd.testing.assert_frame_equal(
        ex.wide_values(shown, wide, years), ex.wide_values(full, wide, years)
    )
    for column in ("flags", "parts"):
        pd.testing.assert_frame_equal(
            ex.wide_details(shown, wide, years, column), ex.wide_details(full, wide, years, column)
        )


def test_indicator_observations_are_the_rows_of_those_indicators(con, catalogue):
    codes = [*DEFAULT_PEER_INDICATORS, "population_avg", catalogue.index[-1]]
    full = run(con, "observations_in_version", version="lg2021")
    some = run(con, "observations_of_indicators", version="lg2021", indicators=codes)
    expected = full[full["indicator"].isin(codes)].reset_index(drop=True)
    pd.testing.assert_frame_equal(plain(some), plain(expected))
    assert run(con, "observations_of_indicators", version="lg2021", indicators=[]).empty
    ids = ids_of(con, "lg2021")
    for one, other in zip(
        structural_table(some, catalogue, codes, ids, 2024),
        structural_table(full, catalogue, codes, ids, 2024),
        strict=True,
    ):
        assert str(one) == str(other)
    years = bm.value_years(full, catalogue, ids, 2024)
    chosen = {c: years[c] for c in codes if years[c] is not None}
    pd.testing.assert_frame_equal(
        plain(bm.benchmark_table(some, catalogue, ids[:12], chosen)),
        plain(bm.benchmark_table(full, catalogue, ids[:12], chosen)),
    )


@pytest.mark.parametrize(
    ("version", "unit"),
    [("lg2021", "LV0020000"), ("lg2021", "LV0001000"), ("lg2025", "LV0038000_2025")],
)
def test_profile_observations_give_the_same_profile(con, catalogue, version, unit):
    full = run(con, "observations_in_version", version=version)
    mine = run(con, "profile_observations", version=version, unit=unit)
    assert 0 < len(mine) < len(full)
    members = ids_of(con, version)
    pd.testing.assert_frame_equal(
        pf.profile_table(mine, unit, members, catalogue),
        pf.profile_table(full, unit, members, catalogue),
    )
    pd.testing.assert_series_equal(pf.population_fact(mine, unit), pf.population_fact(full, unit))
    codes = catalogue.index.tolist()
    multi = pf.multi_year(full, unit, codes)
    assert pf.multi_year(mine, unit, codes) == multi
    shown = pf.profile_table(full, unit, members, catalogue)["indicator"].tolist()
    pd.testing.assert_frame_equal(  # the sources of the indicators in the table, as the page
        pf.sources_used(mine, [unit, "LV"], shown), pf.sources_used(full, [unit, "LV"], shown)
    )
    for code in multi[:10]:
        pd.testing.assert_frame_equal(
            series.trend_series(mine, code, [], unit, []),
            series.trend_series(full, code, [], unit, []),
        )


@pytest.fixture
def cached(built_db, monkeypatch):
    """benchlearn.views reads through benchlearn.cache: the real warehouse, fresh caches."""
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield connect(built_db)
    st.cache_data.clear()
    st.cache_resource.clear()


def test_views_loaders_match_all_values(cached):
    full = run(cached, "observations_in_version", version="lg2021")
    catalogue = run(cached, "catalogue").set_index("code")
    one = views.observations("lg2021", ("population_avg",))
    everything = pd.concat(
        [run(cached, "observations_in_version", version=v) for v in ("lg2021", "lg2025")],
        ignore_index=True,
    ).drop_duplicates(["unit_id", "indicator", "year"])
    pd.testing.assert_frame_equal(
        plain(one.reset_index(drop=True)),
        plain(everything[everything["indicator"] == "population_avg"].reset_index(drop=True)),
    )
    assert views.indicator_observations("lg2021", ()).empty  # no indicator chosen: no rows
    ids = ids_of(cached, "lg2021")
    shown = views.shown_tables("lg2021", None, tuple(ids))
    year = int(full["year"].max())
    years = bm.value_years(full, catalogue, ids, year)
    assert shown["year"] == year and shown["years"] == years
    pd.testing.assert_frame_equal(shown["values"], ex.wide_values(full, [*ids, "LV"], years))
    pd.testing.assert_frame_equal(
        shown["flags"], ex.wide_details(full, [*ids, "LV"], years, "flags")
    )
    assert views.shown_values("lg2021", 2015)[0] == 2015
