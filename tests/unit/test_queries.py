"""Every SQL file in queries/: declared parameters, results, and hostile parameter values."""

from __future__ import annotations

import json

import pytest

from benchlearn.db import QueryError, available_queries, connect, load_query, run

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
