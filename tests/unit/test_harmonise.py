"""Harmonising pre-2021 figures onto the 43, and first_of's population basis, on synthetic
data (named as such): sums of whole parts only, flagged, with their parts; never partial."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from benchlearn.formulas import FormulaError, compile_formula, derived_sql
from benchlearn.ingest.harmonise import harmonise
from benchlearn.ingest.observations import OBS_COLUMNS

# Synthetic reform: NEW1 = OLD1 + OLD2; NEW2 = OLD3 + most of OLD4; NEW3 = the rest of OLD4;
# CITY was not changed (its own part).
PARTS = pd.DataFrame(
    [
        ("NEW1", "OLD1", 1.0, True),
        ("NEW1", "OLD2", 1.0, True),
        ("NEW2", "OLD3", 1.0, True),
        ("NEW2", "OLD4", 0.9, False),
        ("NEW3", "OLD4", 0.1, False),
        ("CITY", "CITY", 1.0, True),
    ],
    columns=["unit_id", "part_id", "share", "whole"],
)
NAMES = {"OLD1": "Vecais 1", "OLD2": "Vecais 2", "OLD3": "Vecais 3", "OLD4": "Vecais 4"}


def obs(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["unit_id", "indicator", "year", "value", "flags"])
    for column in OBS_COLUMNS:
        if column not in frame:
            frame[column] = "synthetic source" if column == "source_title" else None
    return frame[OBS_COLUMNS]


def test_sum_of_whole_parts_is_constructed_and_flagged():
    values = obs(
        [
            ("OLD1", "persons", 2015, 100.0, ""),
            ("OLD2", "persons", 2015, 250.0, "unverified"),
            ("OLD1", "share", 2015, 10.0, ""),  # not additive: never summed
            ("OLD2", "share", 2015, 30.0, ""),
            ("CITY", "persons", 2015, 999.0, ""),
        ]
    )
    built, report = harmonise(values, PARTS, {"persons"}, NAMES)
    assert len(built) == 1
    row = built.iloc[0]
    assert (row["unit_id"], row["indicator"], row["year"], row["value"]) == (
        "NEW1",
        "persons",
        2015,
        350.0,
    )
    assert row["flags"] == "constructed,unverified"
    assert row["parts"] == "Vecais 1 (OLD1) + Vecais 2 (OLD2)"
    assert row["source_id"] == "harmonised" and "sum of 2" in row["source_title"]
    assert report["status"].tolist() == ["constructed"]  # the unchanged CITY needs nothing


def test_a_missing_part_gives_no_value_and_names_it():
    values = obs([("OLD1", "persons", 2016, 100.0, "")])
    built, report = harmonise(values, PARTS, {"persons"}, NAMES)
    assert built.empty
    assert report.iloc[0][["unit_id", "status", "missing"]].tolist() == [
        "NEW1",
        "partial",
        "Vecais 2 (OLD2)",
    ]


def test_a_split_part_is_never_harmonised():
    values = obs([("OLD3", "persons", 2015, 5.0, ""), ("OLD4", "persons", 2015, 7.0, "")])
    built, report = harmonise(values, PARTS, {"persons"}, NAMES)
    assert built.empty
    assert set(report["status"]) == {"split"}
    assert set(report["unit_id"]) == {"NEW2", "NEW3"}


def test_a_reported_value_of_the_new_unit_wins():
    values = obs(
        [
            ("OLD1", "persons", 2015, 100.0, ""),
            ("OLD2", "persons", 2015, 250.0, ""),
            ("NEW1", "persons", 2015, 351.0, ""),
        ]
    )
    built, report = harmonise(values, PARTS, {"persons"}, NAMES)
    assert built.empty and report.empty


def _run(formula: str, rows: list[tuple], known: set[str]) -> pd.DataFrame:
    compiled = compile_formula(formula, known)
    select, params = derived_sql(compiled, {"area"})
    con = duckdb.connect()
    frame = pd.DataFrame(rows, columns=["unit_id", "indicator", "year", "value", "flags"])
    con.register("frame", frame)
    con.execute("CREATE TABLE observations AS SELECT * FROM frame")
    return con.execute(select + " ORDER BY 1, 2", params).df()


def test_first_of_takes_the_first_input_with_a_value_and_says_which():
    rows = [
        ("A", "avg", 2024, 1000.0, ""),
        ("A", "start", 2024, 990.0, ""),
        ("B", "start", 2024, 500.0, "unverified"),
        ("A", "roads", 2024, 10.0, ""),
        ("B", "roads", 2024, 5.0, ""),
        ("C", "roads", 2024, 1.0, ""),  # no population at all: no value, never a zero
    ]
    out = _run("roads / first_of(avg, start) * 1000", rows, {"avg", "start", "roads"})
    assert out["unit_id"].tolist() == ["A", "B", "C"]
    assert out["value"].iloc[0] == pytest.approx(10.0) and out["value"].iloc[1] == pytest.approx(10)
    assert pd.isna(out["value"].iloc[2])
    assert out["title"].iloc[0] == "= roads / avg * 1000"
    assert out["title"].iloc[1] == "= roads / start * 1000 (avg: no value for this unit and year)"
    # a value on the later choice says so in its flags too, and inherits its input's flags
    assert out["flags"].tolist()[:2] == ["derived", "basis:start,derived,unverified"]


def test_first_of_alone_varies_by_year():
    rows = [
        ("A", "avg", 2023, 10.0, ""),
        ("A", "start", 2024, 12.0, ""),
        ("A", "area", 2022, 2.0, ""),
    ]
    out = _run("first_of(avg, start) / area", rows, {"avg", "start", "area"})
    assert out[["year", "value"]].values.tolist() == [[2023, 5.0], [2024, 6.0]]


@pytest.mark.parametrize(
    "formula",
    [
        "first_of(avg)",
        "first_of(avg, avg)",
        "first_of(avg, start) + first_of(avg, start)",
        "first_of(avg, 3)",
        "avg + first_of(avg, start)",
        "first_of(avg, nosuch)",
    ],
)
def test_first_of_misuse_is_refused(formula):
    with pytest.raises(FormulaError):
        compile_formula(formula, {"avg", "start"})
