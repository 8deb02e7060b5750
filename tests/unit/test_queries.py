"""Every SQL file in queries/: declared parameters, results, and hostile parameter values."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from benchlearn.db import QueryError, available_queries, connect, load_query, run
from benchlearn.logic.flags import tokens, value_class

HOSTILE = ["'; DROP TABLE observations; --", "LV0001000' OR '1'='1", "\u0000", "ā" * 10_000]


@pytest.fixture(scope="module")
def con(built_db):
    connection = connect(built_db)
    yield connection
    connection.close()


def test_every_query_declares_its_parameters_in_the_header():
    for name in available_queries():
        sql, params = load_query(name)
        header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
        for param in params:
            assert f"${param}" in header, f"{name}.sql does not document ${param}"
        assert "columns:" in header, f"{name}.sql does not list its columns"


def test_boundary_layer(con):
    frame = run(con, "boundary_layer", version="lg2021")
    layer = json.loads(frame["geojson"].item())
    assert len(layer["features"]) == 43 == frame["features"].item()


def test_indicator_slice_for_a_version_and_year(con):
    frame = run(con, "indicator_slice", version="lg2025", indicator="libraries", year=2024)
    assert len(frame) == 42
    values = frame.set_index("unit_id")["value"]
    assert values["LV0038000_2025"] == 25 and values["LV0001000"] == 28


def test_indicator_slice_timeless_any_year(con):
    frame = run(con, "indicator_slice", version="lg2021", indicator="area_km2", year=2030)
    assert frame["value"].notna().all()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_values_are_only_values(con, hostile):
    assert run(con, "boundary_layer", version=hostile).empty
    frame = run(con, "indicator_slice", version="lg2021", indicator=hostile, year=2024)
    assert frame.empty or frame["value"].isna().all()
    assert con.execute("SELECT count(*) FROM observations").fetchone()[0] > 0


@pytest.mark.parametrize("name", ["../warehouse", "boundary_layer; DROP", "", "nope"])
def test_query_names_are_an_allow_list(con, name):
    with pytest.raises(QueryError):
        run(con, name)


def test_parameters_must_match(con):
    with pytest.raises(QueryError, match="takes"):
        run(con, "boundary_layer")
    with pytest.raises(QueryError, match="takes"):
        run(con, "boundary_layer", version="lg2021", extra=1)


def test_connection_is_read_only(con):
    with pytest.raises(Exception, match="read-only"):
        con.execute("DELETE FROM observations")


# --- the status of values: flags, parts, coverage by class, harmonisation -------------------


def test_observations_select_flags_and_parts(con):
    frame = run(con, "observations_in_version", version="lg2021")
    assert {"flags", "parts"} <= set(frame.columns)
    with_parts = frame[frame["parts"].notna()]
    assert all("constructed" in tokens(f) for f in with_parts["flags"])
    reported_constructed = frame[[tokens(f) == ("constructed",) for f in frame["flags"]]]
    assert reported_constructed["parts"].notna().all()  # a constructed value names its parts
    sliced = run(con, "indicator_slice", version="lg2021", indicator="area_km2", year=2024)
    assert {"flags", "parts"} <= set(sliced.columns)


@pytest.mark.parametrize("version", ["lg2021", "pre2021", "parish2021"])
def test_coverage_flags_agrees_with_the_values_and_their_classes(con, version):
    frame = run(con, "coverage_flags", version=version)
    assert frame.columns.tolist() == ["indicator", "version", "year", "class", "n_units"]
    assert set(frame["version"]) == {version}
    # the same classes as the Python rule, value by value
    values = con.execute(
        "SELECT o.indicator, o.year, o.flags FROM observations o "
        "JOIN unit_versions m ON m.unit_id = o.unit_id WHERE m.version = $v",
        {"v": version},
    ).df()
    values["class"] = [value_class(f) for f in values["flags"]]
    expected = values.groupby(["indicator", "year", "class"]).size().rename("n_units")
    got = frame.set_index(["indicator", "year", "class"])["n_units"]
    pd.testing.assert_series_equal(
        got.sort_index(), expected.sort_index(), check_dtype=False, check_names=False
    )
    # and the totals are the units with a value (coverage_by_version)
    totals = frame.groupby(["indicator", "year"])["n_units"].sum()
    coverage = run(con, "coverage_by_version")
    coverage = coverage[coverage["version"] == version].set_index(["indicator", "year"])
    assert totals.sort_index().tolist() == coverage["n_units"].sort_index().tolist()


def test_harmonisation_report(con):
    summary = run(con, "harmonisation_summary")
    assert summary.columns.tolist() == ["indicator", "year", "constructed", "partial", "split"]
    counts = dict(con.execute("SELECT status, count(*) FROM harmonisation GROUP BY 1").fetchall())
    for status in ("constructed", "partial", "split"):
        assert int(summary[status].sum()) == counts.get(status, 0)
    partial = run(con, "harmonisation_partial")
    assert partial.columns.tolist() == [
        "indicator",
        "year",
        "unit_id",
        "name_lv",
        "name_en",
        "parts",
        "missing",
    ]
    assert len(partial) == counts.get("partial", 0)
    assert partial["missing"].notna().all() and partial["name_lv"].notna().all()
    # every constructed value in the report is a constructed observation with its parts
    constructed = con.execute(
        "SELECT count(*) FROM harmonisation h JOIN observations o USING (unit_id, indicator, "
        "year) WHERE h.status = 'constructed' AND o.flags LIKE '%constructed%' "
        "AND o.parts = h.parts"
    ).fetchone()[0]
    assert constructed == counts.get("constructed", 0)


def test_state_city_population_years(con):
    frame = run(con, "state_city_population", before=2026)
    cities = con.execute("SELECT count(*) FROM units WHERE kind = 'state_city'").fetchone()[0]
    assert cities == 7
    assert set(frame["indicator"]) <= {"population_avg", "population_start_of_year"}
    assert frame.groupby("indicator")["unit_id"].nunique().eq(7).all()
    assert (frame["last_year"] < 2026).all()
    for row in frame.itertuples():
        assert all(row.first_year <= y <= row.last_year for y in row.years)
    assert run(con, "state_city_population", before=1900).empty
    assert run(con, "state_city_population", before=2**31 - 1)["last_year"].max() >= 2025
    assert run(con, "state_city_population", before=-(2**31)).empty


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_versions_in_the_coverage_query(con, hostile):
    assert run(con, "coverage_flags", version=hostile).empty
    reference = {
        row[0]
        for row in con.execute(
            "SELECT unit_id FROM unit_versions WHERE version IN ('country', 'nuts2021', 'sr2024')"
        ).fetchall()
    }  # only the reference lines (Latvia, regions), never a municipality
    assert set(run(con, "observations_in_version", version=hostile)["unit_id"]) <= reference
    assert con.execute("SELECT count(*) FROM harmonisation").fetchone()[0] >= 0
