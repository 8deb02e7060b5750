"""The PxWeb mapping (data/pxweb_tables.toml) against metadata, and the merge rule of the build
for fetched values. Pure: no server, no database."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchlearn.catalogue import load_catalogue
from benchlearn.fetch import default_tables_path
from benchlearn.ingest.fetch_mapping import (
    MappingError,
    MappingMismatch,
    load_mappings,
    make_plan,
    tidy,
)
from benchlearn.ingest.fetched import (
    Fetched,
    FetchedObservations,
    merge_fetched,
    restrict_catalogue,
)
from benchlearn.ingest.observations import OBS_COLUMNS, SourceReport
from benchlearn.ingest.pxweb_client import TableMeta, Variable
from benchlearn.settings import load_settings

CATALOGUE = load_catalogue(load_settings().catalogue_path)
MAPPINGS, AREAS = load_mappings(default_tables_path(), CATALOGUE)
PRODUCT_TABLES = {"IRS031", "TRS020", "IRD041", "IKR060", "NPV010", "NPV022", "RIG061"}
PRODUCT_TABLES |= {"EKA011", "IZT041"}
BREADTH = {"IRD031", "IDS031", "IMV021", "IRS051", "IRS030", "IRD060"}  # issue 19


def var(code, text, values, texts=None, elimination=False, time=False) -> Variable:
    values = tuple(values)
    return Variable(code, text, values, tuple(texts or values), elimination, time)


def irs031_meta(*extra: Variable, indicators=None, years=("2023", "2024")) -> TableMeta:
    indicators = indicators or [
        ("POP_SY", "Population at the beginning of year"),
        ("LBIRTH", "Live births"),
        ("DEATH", "Deaths"),
        ("NATGROW", "Natural increase"),
        ("MIGR_NET", "Net migration"),
        ("AVG", "Annual average population"),
    ]
    codes, texts = zip(*indicators, strict=True)
    return TableMeta(
        "POP/IR/IRS/IRS031",
        "IRS031",
        "Population ... by Indicator, Territorial unit and Time period",
        (
            var("INDICATOR", "Indicator", codes, texts),
            var("AREA", "Territorial unit", ["LV", "LV0001000", "LV00A", "LV0031010"]),
            var("ContentsCode", "Contents", ["IRS031"]),
            var("TIME", "Time period", years, time=True),
            *extra,
        ),
    )


def test_the_committed_mapping_covers_every_table_of_the_product():
    assert set(MAPPINGS) == PRODUCT_TABLES | BREADTH
    assert {t for t, m in MAPPINGS.items() if m.verified} == {"TRS020", "IRD041", "IRD031"}
    assert {t for t, m in MAPPINGS.items() if not m.complete} == {"RIG061", "IZT041"}
    for table, mapping in MAPPINGS.items():
        assert mapping.evidence, table
        assert mapping.complete or (mapping.intended and mapping.path.endswith(table))
        assert mapping.verified == (mapping.grade == "A")
        if mapping.verified:
            assert "METADATA_SEEN.md" in mapping.evidence or "raw/csp_" in mapping.evidence
    irs031 = {m.indicator for m in MAPPINGS["IRS031"].indicators}
    assert irs031 == {
        "population_start_of_year",
        "population_avg",
        "live_births",
        "deaths",
        "natural_increase",
        "net_migration",
    }
    assert AREAS.level("LV") == "country" and AREAS.level("LV0001000") == "local"
    assert AREAS.level("LV00A") == "other"


def test_plan_resolves_codes_and_texts_to_a_query():
    plan = make_plan(MAPPINGS["IRS031"], irs031_meta(), since=2024)
    assert plan.selections["AREA"] == ("all", ["*"])
    assert plan.selections["TIME"] == ("item", ["2024"])
    assert plan.selections["ContentsCode"] == ["IRS031"]
    assert sorted(plan.selections["INDICATOR"]) == sorted(
        ["POP_SY", "LBIRTH", "DEATH", "NATGROW", "MIGR_NET", "AVG"]
    )
    assert {c.indicator: c.select for c in plan.cells}["population_avg"] == {"INDICATOR": ("AVG",)}
    assert plan.missing == ()


def test_a_missing_required_indicator_stops():
    meta = irs031_meta(indicators=[("POP_SY", "Population"), ("LBIRTH", "Live births")])
    with pytest.raises(MappingMismatch, match="DEATH"):
        make_plan(MAPPINGS["IRS031"], meta)  # required ones are


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (irs031_meta(var("SEX", "Sex", ["T", "M", "F"])), 'not in the mapping: SEX "Sex"'),
        (irs031_meta(years=("2024M01", "2024M02")), "are not years"),
        (
            irs031_meta(indicators=[("POP_SY", "a"), ("LBIRTH", "b"), ("DEATH", "c")]),
            "no code 'NATGROW'",
        ),
    ],
    ids=["unknown-dimension", "monthly", "missing-code"],
)
def test_metadata_that_differs_from_the_mapping_stops(meta, message):
    with pytest.raises(MappingMismatch, match=message) as info:
        make_plan(MAPPINGS["IRS031"], meta)
    assert info.value.table == "IRS031" and "data/pxweb_tables.toml" in str(info.value)


def test_optional_indicator_absent():
    meta = irs031_meta(
        indicators=[(c, c) for c in ("POP_SY", "LBIRTH", "DEATH", "NATGROW")]
        + [("MIGR_NET", "Net migration")]
    )
    plan = make_plan(MAPPINGS["IRS031"], meta)
    assert plan.missing == ("population_avg",) and len(plan.cells) == 5


def test_a_dimension_left_out_must_be_eliminable():
    meta = TableMeta(
        "EMP/NBB/NBA/EKA011",
        "EKA011",
        "t",
        (
            var("AREA", "Territorial unit", ["LV"]),
            var("SEX", "Sex", ["T", "M", "F"]),
            var("LABOUR_STATUS", "Labour status", ["ACT", "UNE", "EMP"]),
            var("ETHNICITY", "Ethnicity", ["TOTAL"]),
            var("AgeGroup", "Age group", ["Y15-19"], elimination=False),
            var("ContentsCode", "Contents", ["EKA011"]),
            var("TIME", "Time period", ["2021"], time=True),
        ),
    )
    with pytest.raises(MappingMismatch, match="AgeGroup cannot be left out"):
        make_plan(MAPPINGS["EKA011"], meta)


def test_tidy_keeps_mapped_cells_with_their_level():
    meta = irs031_meta()
    plan = make_plan(MAPPINGS["IRS031"], meta)
    frame = pd.DataFrame(
        {
            "INDICATOR": ["POP_SY", "AVG", "POP_SY"],
            "INDICATOR_label": ["a", "b", "a"],
            "AREA": ["LV", "LV0001000", "LV00A"],
            "AREA_label": ["Latvia", "Riga ", "Riga statistical region (from 01.01.2024.)"],
            "TIME": ["2024", "2024", "2023"],
            "TIME_label": ["2024", "2024", "2023"],
            "value": [1.0, None, 3.0],
            "status": [None, "…", None],
        }
    )
    rows = tidy(plan, frame, AREAS).set_index("area")
    assert rows["level"].to_dict() == {"LV": "country", "LV0001000": "local", "LV00A": "other"}
    assert rows.loc["LV0001000", "indicator"] == "population_avg"
    assert rows.loc["LV0001000", "area_label"] == "Riga" and rows.loc["LV0001000", "status"] == "…"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[tables.IRS031]\nverified = true\nintended = "x"\ncolour = "red"', "unknown fields"),
        ('[tables.IRS031]\nverified = "yes"\nintended = "x"', "verified must be"),
        ('[tables.IRS031]\nverified = false\npath = "POP/IRS030"\nintended = "x"', "does not end"),
        ('[tables.IRS031]\nverified = false\narea = { code = "AREA" }', "incomplete mapping"),
        (
            '[tables.IRS031]\nsource = "pxweb_irs031"\nverified = false\narea = { code = "AREA" }'
            '\ntime = { code = "TIME" }\n'
            'indicators = [{ indicator = "nope", codes = { A = "B" } }]',
            "not in the catalogue",
        ),
        (
            '[tables.IRS031]\nsource = "irs031_en"\nverified = false\narea = { code = "AREA" }'
            '\ntime = { code = "TIME" }\n'
            'indicators = [{ indicator = "deaths", codes = { A = "B" } }]',
            'format = "pxweb_api"',
        ),
    ],
    ids=["unknown-field", "verified-text", "path", "partial", "indicator", "source"],
)
def test_a_bad_mapping_file_is_named_with_its_problem(tmp_path: Path, body, message):
    path = tmp_path / "tables.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(MappingError, match=message):
        load_mappings(path, CATALOGUE)


def test_one_indicator_comes_from_one_table(tmp_path: Path):
    text = default_tables_path().read_text(encoding="utf-8")
    text = text.replace('indicator = "employed_residents"', 'indicator = "live_births"')
    path = tmp_path / "tables.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError, match="mapped from both IRS031 and NPV010"):
        load_mappings(path, CATALOGUE)


# -- the build's side ---------------------------------------------------------------------------


def obs(unit, indicator, year, value, source, retrieved) -> dict:
    return dict(
        zip(
            OBS_COLUMNS,
            [unit, indicator, year, value, "", source, "f", 2, "t", "u", retrieved],
            strict=True,
        )
    )


def test_merge_rule_newer_fetch_wins_and_every_difference_is_logged():
    reference = pd.DataFrame(
        [
            obs("LV", "deaths", 2024, 100.0, "facts", "2026-09-03"),  # older -> fetched wins
            obs("LV", "deaths", 2023, 90.0, "facts", "2026-11-21"),  # same day -> reference
            obs("LV", "live_births", 2024, 50.0, "facts", "2026-09-03"),  # equal values
            obs("LV", "live_births", 2023, 40.0, "city", ""),  # no date -> fetched wins
            obs("LV", "area_km2", 2022, 7.0, "boundaries", ""),  # only here
        ]
    )
    fetched_rows = pd.DataFrame(
        [
            obs("LV", "deaths", 2024, 101.0, "pxweb_irs031", "2026-11-21"),
            obs("LV", "deaths", 2023, 91.0, "pxweb_irs031", "2026-11-21"),
            obs("LV", "live_births", 2024, 50.0, "pxweb_irs031", "2026-11-21"),
            obs("LV", "live_births", 2023, 41.0, "pxweb_irs031", "2026-11-21"),
        ]
    )
    values = fetched_rows[["unit_id", "indicator", "year", "value"]].assign(kept=True)
    reports = {s: SourceReport(s, s, 0, "", values_loaded=2) for s in ("facts", "pxweb_irs031")}
    reports["pxweb_irs031"].values_loaded = 4
    merged, conflicts = merge_fetched(
        reference, FetchedObservations(fetched_rows, values, reports, {}), reports
    )
    got = merged.set_index(["indicator", "year"])["value"]
    assert got[("deaths", 2024)] == 101 and got[("deaths", 2023)] == 90
    assert got[("live_births", 2023)] == 41 and got[("area_km2", 2022)] == 7
    assert len(merged) == 5
    kept = conflicts.set_index(["indicator", "year"])["kept"].to_dict()
    assert kept == {
        ("deaths", 2023): "reference",
        ("deaths", 2024): "fetched",
        ("live_births", 2023): "fetched",
    }
    assert values.set_index(["indicator", "year"])["kept"].to_dict()[("deaths", 2023)] is False
    assert reports["facts"].values_loaded == 0 and reports["facts"].corroborated == 1
    assert reports["pxweb_irs031"].values_loaded == 3


def test_without_fetched_tables_the_fetch_only_indicators_are_left_out():
    restricted = restrict_catalogue(CATALOGUE, Fetched())
    assert not any(s.format == "pxweb_api" for s in restricted.sources.values())
    for code in ("employed_residents", "employed_per_1000", "value_added_eur", "unemployed"):
        assert code not in restricted.indicators and code not in restricted.compiled
    assert restricted.indicators["population_avg"] == CATALOGUE.indicators["population_avg"]


def test_a_fetched_table_joins_the_sources_of_what_it_gives(tmp_path):
    rows = pd.DataFrame(
        {
            "table": "NPV010",
            "area": "LV",
            "area_label": "Latvia",
            "level": "country",
            "indicator": ["value_added_eur", "employed_residents"],
            "year": 2020,
            "value": [1.0, None],  # employed not available: that indicator stays out
            "status": None,
            "updated": "",
            "retrieved": "2026-11-21T05:00:00Z",
        }
    )
    restricted = restrict_catalogue(CATALOGUE, Fetched(tmp_path, {"NPV010": rows}))
    source = restricted.sources["pxweb_npv010"]
    assert source.retrieved == "2026-11-21" and source.path == "fetched/NPV010.csv"
    assert "value_added_per_resident_eur" in restricted.compiled
    assert "employed_residents" not in restricted.indicators
    assert restricted.indicators["value_added_eur"].per_capita == "value_added_per_resident_eur"
