"""Comparison groups: the builder on small synthetic frames, membership at run time, and the
groups stored in a warehouse built from the real reference data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from benchlearn.db import connect, run
from benchlearn.logic.groups import (
    COMPARED,
    SIZE_CLASSES,
    USER,
    build_groups,
    members_of,
    population_basis,
    selectable_groups,
    size_basis_note,
    size_class_names,
    size_class_of,
)


def synthetic_units() -> pd.DataFrame:
    """A tiny synthetic territory: two versions, one merged unit, two regions."""
    rows = [
        ("lg2021", "C1", "state_city", "R1", "Pilsēta", "City"),
        ("lg2021", "N1", "novads", "R1", "Pirmais novads", "First municipality"),
        ("lg2021", "N2", "novads", "R2", "Otrais novads", "Second municipality"),
        ("lg2021", "N3", "novads", "R2", "Trešais novads", "Third municipality"),
        ("lg2025", "C1", "state_city", "R1", "Pilsēta", "City"),
        ("lg2025", "N1", "novads", "R1", "Pirmais novads", "First municipality"),
        ("lg2025", "N23", "novads", "R2", "Apvienotais novads", "Merged municipality"),
        ("pre2021", "C1", "republican_city", "R1", "Pilsēta", "City"),
        ("pre2021", "P1", "novads", "R2", "Vecais novads", "Old municipality"),
        ("nuts2021", "R1", "statistical_region", None, "Pirmais reģions", "First region (R)"),
        ("nuts2021", "R2", "statistical_region", None, "Otrais reģions", "Second region"),
        ("parish2021", "X1", "parish", "R1", "Pagasts", "Parish"),
    ]
    return pd.DataFrame(
        rows, columns=["version", "unit_id", "kind", "nuts3_code", "name_lv", "name_en"]
    )


def synthetic_population() -> pd.DataFrame:
    rows = [
        ("N1", "population_avg", 2023, 14_000.0, ""),
        ("N1", "population_avg", 2024, 15_000.0, ""),  # latest: moves N1 up a class
        ("N1", "population_start_of_year", 2025, 9_000.0, ""),  # ignored: avg preferred
        ("N2", "population_avg", 2024, 49_999.0, ""),
        ("C1", "population_start_of_year", 2019, 70_000.0, "unverified"),
        ("C1", "population_start_of_year", 2025, 60_000.0, "unverified"),
        ("N3", "deaths", 2024, 100.0, ""),  # not a population figure: N3 has none
    ]
    return pd.DataFrame(rows, columns=["unit_id", "indicator", "year", "value", "flags"])


@pytest.fixture(scope="module")
def built():
    groups, members = build_groups(synthetic_units(), synthetic_population())
    return groups.set_index("code"), members


def members(frame: pd.DataFrame, code: str, version: str) -> list[str]:
    rows = frame[(frame["group_code"] == code) & (frame["version"] == version)]
    return sorted(rows["unit_id"])


def test_fixed_groups_per_version(built):
    _, frame = built
    assert members(frame, "all", "lg2021") == ["C1", "N1", "N2", "N3"]
    assert members(frame, "all", "lg2025") == ["C1", "N1", "N23"]
    assert members(frame, "state_cities", "pre2021") == ["C1"]  # republican city counts
    assert members(frame, "novadi", "lg2021") == ["N1", "N2", "N3"]
    assert members(frame, "all", "parish2021") == []  # groups are of local governments


def test_regions_take_names_from_the_nuts_units(built):
    groups, frame = built
    assert members(frame, "nuts:R2", "lg2021") == ["N2", "N3"]
    assert members(frame, "nuts:R2", "pre2021") == ["P1"]
    assert groups.loc["nuts:R1", "name_lv"] == "Pirmais reģions"
    assert groups.loc["nuts:R1", "name_en"] == "First region"  # "(R)" dropped


def test_size_classes_use_the_documented_figure(built):
    _, frame = built
    assert members(frame, "pop:15k_30k", "lg2021") == ["N1"]  # latest avg, not 2023's
    assert members(frame, "pop:30k_50k", "lg2021") == ["N2"]  # 49 999 is below 50 000
    assert members(frame, "pop:ge50k", "lg2021") == ["C1"]  # latest start-of-year figure
    classified = frame[frame["group_code"].str.startswith("pop:")]
    assert "N3" not in set(classified["unit_id"])  # no figure: no class, never a guess
    assert "N23" not in set(classified["unit_id"])  # the merged unit has no figure
    assert classified[classified["version"] == "pre2021"].empty
    city = classified[(classified["unit_id"] == "C1") & (classified["version"] == "lg2021")]
    assert city[["basis_indicator", "basis_year", "basis_value", "basis_flags"]].iloc[
        0
    ].tolist() == [
        "population_start_of_year",
        2025,
        60_000.0,
        "unverified",
    ]


def test_every_group_is_fixed_and_ordered(built):
    groups, frame = built
    assert set(groups["kind"]) == {"fixed"}
    assert list(groups.index[:3]) == ["all", "state_cities", "novadi"]
    assert not frame.duplicated(["group_code", "version", "unit_id"]).any()
    assert set(frame["group_code"]) <= set(groups.index)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "pop:lt15k"),
        (14_999, "pop:lt15k"),
        (15_000, "pop:15k_30k"),
        (29_999.5, "pop:15k_30k"),
        (30_000, "pop:30k_50k"),
        (50_000, "pop:ge50k"),
        (600_000, "pop:ge50k"),
        (math.nan, None),
        (-1, None),
    ],
)
def test_size_class_bounds(value, code):
    assert size_class_of(value) == code


def test_size_class_names_in_both_languages():
    names = [size_class_names(s) for s in SIZE_CLASSES]
    assert names[0] == ("Iedzīvotāju skaits līdz 14\u202f999", "Population up to 14,999")
    assert names[1] == ("Iedzīvotāju skaits 15\u202f000–29\u202f999", "Population 15,000–29,999")
    assert names[-1] == ("Iedzīvotāju skaits 50\u202f000 un vairāk", "Population 50,000 and over")


def test_population_basis_skips_non_numbers():
    frame = pd.DataFrame(
        {
            "unit_id": ["A", "A"],
            "indicator": ["population_avg", "population_avg"],
            "year": [2024, 2023],
            "value": [math.nan, 10.0],
            "flags": [None, None],
        }
    )
    basis = population_basis(frame)
    assert basis.loc["A", "basis_year"] == 2023 and basis.loc["A", "basis_flags"] == ""


def test_size_basis_note_names_partial_figures(built):
    _, frame = built
    rows = frame[(frame["group_code"] == "pop:ge50k") & (frame["version"] == "lg2021")]
    note = size_basis_note(rows, {"C1": "Pilsēta"}, ["Trešais novads"], "lv")
    assert "Pilsēta (2025, nepārbaudīts avots)" in note
    assert "Nevienā klasē (nav iedzīvotāju skaita): Trešais novads." in note
    english = size_basis_note(rows, {"C1": "City"}, [], "en")
    assert "City (2025, unverified source)" in english and "partial" in english


def test_selectable_groups_order():
    stored = ["all", "state_cities", "nuts:LV003", "pop:lt15k"]
    assert selectable_groups(stored) == ["all", COMPARED, "state_cities", "nuts:LV003", "pop:lt15k"]
    assert selectable_groups(stored, user=True)[:3] == ["all", COMPARED, USER]


def test_members_of_keeps_version_and_order():
    version = ["A", "B", "C", "D"]
    assert members_of("nuts:X", version, ["D", "B", "Z"]) == ["B", "D"]  # version order
    assert members_of(COMPARED, version, [], compared=["C", "A", "Z", "C"]) == ["C", "A"]
    assert members_of(USER, version, [], user=["D", "Q"]) == ["D"]
    assert members_of(USER, version, ["A"], compared=["B"]) == []


# --- the warehouse built from the real reference data --------------------------------


@pytest.fixture(scope="module")
def con(built_db):
    connection = connect(built_db)
    yield connection
    connection.close()


def test_groups_table_in_the_warehouse(con):
    groups = run(con, "groups").set_index("code")
    assert groups.loc["all", ["n_pre2021", "n_lg2021", "n_lg2025"]].tolist() == [119, 43, 42]
    assert groups.loc["state_cities", "n_lg2021"] == 7
    assert groups.loc["novadi", "n_lg2021"] == 36
    assert {f"nuts:LV00{i}" for i in (3, 5, 6, 7, 8, 9)} <= set(groups.index)
    assert groups.loc["nuts:LV009", "name_en"] == "Zemgale statistical region"
    sizes = groups.loc[[s.code for s in SIZE_CLASSES]]
    assert sizes["n_lg2021"].sum() == 43  # with the reference data every one of the 43
    # the merged Madona (2025) has a constructed figure: Madona + Varakļāni before the merger
    assert sizes["n_lg2025"].sum() == 42
    assert (sizes["n_pre2021"] == 0).all()


def test_group_members_query(con):
    cities = run(con, "group_members", group="pop:ge50k", version="lg2021").set_index("unit_id")
    assert {"LV0001000", "LV0040000", "LV0054000"} <= set(cities.index)  # Rīga, Ogre, Valmiera
    assert cities.loc["LV0001000", "basis_indicator"] == "population_start_of_year"
    # Rīga's latest start-of-year figure is CSP's IRD041 of 2026 (no longer Wikipedia's 2025)
    assert cities.loc["LV0001000", "basis_year"] == 2026
    assert "unverified" not in str(cities.loc["LV0001000", "basis_flags"])
    assert cities.loc["LV0040000", "basis_indicator"] == "population_avg"
    region = run(con, "group_members", group="nuts:LV009", version="lg2021")
    assert len(region) == 6 and region["basis_indicator"].isna().all()


@pytest.mark.parametrize("hostile", ["'; DROP TABLE groups; --", "all' OR '1'='1"])
def test_group_members_hostile_values(con, hostile):
    assert run(con, "group_members", group=hostile, version="lg2021").empty
    assert run(con, "group_members", group="all", version=hostile).empty
    assert con.execute("SELECT count(*) FROM groups").fetchone()[0] > 0
