"""Issue 19: the 13 mapped CSP tables end to end against the stub (one fresh warehouse per
table, a value read back by the map's query), the merged Madona of 2025, towns and regions,
the pre-2021 tables harmonised onto the 43, `fetch --check`, `fetch --plan`, and every kind
of live metadata that no longer matches stopping the whole run with nothing changed."""

from __future__ import annotations

import pytest

from benchlearn.catalogue import load_catalogue
from benchlearn.cli import main
from benchlearn.db import connect, run
from benchlearn.fetch import check_mappings, default_tables_path, plan
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.fetch_mapping import load_mappings
from benchlearn.ingest.pxweb_client import MappingMismatch, PxWebClient
from benchlearn.settings import load_settings
from tests.pxweb_fetch_stub import (
    ADDERS,
    CSP_CELL_LIMIT,
    MADONA,
    MERGED,
    STUB_PATHS,
    VARAKLANI,
    TreeStub,
    _age_counts,
    _pre2021_value,
    add_ird041,
    add_irs031,
    add_irs051,
    size,
)
from tests.unit import test_fetch as base
from tests.unit.test_fetch import checksum, client_for, do_fetch, query, tree_checksums, value

fake, work = base.fake, base.work  # the fixtures of the first fetch tests
CATALOGUE = load_catalogue(load_settings().catalogue_path)
MAPPINGS, _ = load_mappings(default_tables_path(), CATALOGUE)


@pytest.fixture
def stub():
    with TreeStub(cell_limit=CSP_CELL_LIMIT) as server:
        yield server


def given_by_mappings() -> tuple[set[str], set[str]]:
    """Indicators read from the mapped tables, and those plus every derived one they feed."""
    base = {e.indicator for m in MAPPINGS.values() if m.complete for e in m.indicators}
    given, grew = set(base), True
    while grew:
        grew = False
        for code, formula in CATALOGUE.compiled.items():
            if code not in given and set(formula.inputs) & given:
                given.add(code)
                grew = True
    return base, given


def test_twelve_tables_and_150_indicators_each_with_its_grade():
    complete = [m for m in MAPPINGS.values() if m.complete]
    assert len(complete) >= 12
    base, given = given_by_mappings()
    assert len(given) >= 150 and len(base) >= 80
    for code in given:
        ind = CATALOGUE.indicators[code]
        assert ind.name_lv and ind.name_en and ind.definition_lv and ind.definition_en, code
        assert ind.unit_en and ind.theme and ind.direction, code
    grades = {m.table: m.grade for m in complete}
    assert grades["IRD041"] == grades["IRD031"] == "A" and grades["IRS031"] == "B"
    assert grades["IRS051"] == "U"  # no code of it is shown in METADATA_SEEN.md
    assert all(m.verified == (m.grade == "A") for m in complete)


# one fresh warehouse per table, a small year range: (table, since, version, indicator,
# year, unit, expected value as the map reads it)
MERGED_0_6 = sum(_age_counts(MERGED, 2025, "T")[:7])
BOYS = round(round(size("LV0020000") * 0.009) * 0.515)
MADONA_2020 = _pre2021_value({"AREA": "LV0700200", "TIME": "2020"}, "POP_SY")
RIGA_WOMEN_2019 = _pre2021_value({"AREA": "LV0010000", "TIME": "2019"}, "F")
# one fresh warehouse per table, a small year range: (table, since, version, indicator, year,
# unit, expected value as the map reads it; None: any number)
CASES = [
    ("IRS031", 2024, "lg2021", "deaths", 2024, "LV0020000", None),
    ("TRS020", None, "lg2021", "road_total_km", 2024, "LV0001000", None),
    ("NPV010", 2022, "lg2021", "residence_jobs", 2022, "LV0020000", None),
    ("EKA011", None, "lg2021", "unemployed_women", 2021, "LV0020000", None),
    ("IRD041", 2025, "lg2025", "pop_0_6", 2025, "LV0038000_2025", MERGED_0_6),
    ("IRD031", 2025, "lg2021", "median_age", 2025, "LV0020000", None),
    ("IDS031", 2025, "lg2021", "live_births_boys", 2025, "LV0020000", BOYS),
    ("IMV021", 2025, "lg2021", "deaths_women", 2025, "LV0021000", None),
    ("IRS051", 2025, "lg2021", "population_urban", 2025, "LV0020000", None),
    ("IKR060", 2022, "lg2021", "gva_thousand_eur", 2022, "LV0001000", None),
    ("NPV022", 2022, "lg2021", "workplace_jobs_market", 2022, "LV0020000", None),
    ("IRS030", 2019, "pre2021", "population_start_of_year", 2020, "LV0700200", MADONA_2020),
    (
        "IRD060",
        2019,
        "pre2021",
        "population_female_start_of_year",
        2019,
        "LV0001000",
        RIGA_WOMEN_2019,
    ),
]


@pytest.mark.parametrize(
    ("table", "since", "version", "indicator", "year", "unit", "expected"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_each_table_reaches_the_map(
    stub, fake, work, table, since, version, indicator, year, unit, expected
):
    ADDERS[table](stub)
    lines: list[str] = []
    do_fetch(stub, fake, work, [table], lines, since=since)
    con = connect(work / "benchlearn.duckdb")
    shown = run(con, "indicator_slice", version=version, indicator=indicator, year=year)
    con.close()
    got = shown.set_index("unit_id").loc[unit, "value"]
    assert got == got and got > 0, (table, lines[-3:])  # a number, on the map's unit
    if expected is not None:
        assert got == expected
    assert shown["value"].notna().sum() >= 36  # the map is not a map of gaps


def test_merged_madona_is_never_counted_twice(stub, fake, work):
    add_ird041(stub, years=(2024, 2025))
    do_fetch(stub, fake, work, ["IRD041"])
    db = work / "benchlearn.duckdb"
    parts = [value(db, u, "population_male_start_of_year", 2025) for u in (MADONA, VARAKLANI)]
    merged = value(db, "LV0038000_2025", "population_male_start_of_year", 2025)
    assert merged == sum(parts) == sum(_age_counts(MERGED, 2025, "M"))  # LV0038001's own figure
    totals = query(
        db,
        "SELECT m.version, sum(o.value) AS total FROM observations o JOIN unit_versions m "
        "USING (unit_id) WHERE o.indicator = 'population_male_start_of_year' AND o.year = 2025 "
        "AND m.version IN ('lg2021', 'lg2025') GROUP BY m.version",
    ).set_index("version")["total"]
    assert totals["lg2021"] == totals["lg2025"]  # each version counts each person once
    assert value(db, "LV0038000_2025", "pop_0_6", 2024) is not None  # constructed from the two
    row = query(
        db,
        "SELECT flags, source_id FROM observations WHERE unit_id = 'LV0038000_2025' "
        "AND indicator = 'pop_0_6' AND year IN (2024, 2025) ORDER BY year",
    )
    assert list(row["source_id"]) == ["harmonised", "pxweb_ird041"]
    assert "constructed" in row["flags"].iloc[0] and "derived" in row["flags"].iloc[1]
    # a town on its town unit, a 2024 region on its region unit
    assert value(db, "LV0031010", "pop_65_plus", 2025) is not None
    assert value(db, "SR2024-RIGA", "pop_65_plus", 2025) is not None


def test_pre2021_figures_are_harmonised_onto_the_43(stub, fake, work):
    ADDERS["IRS030"](stub)
    do_fetch(stub, fake, work, ["IRS030"])
    db = work / "benchlearn.duckdb"
    parts = query(db, "SELECT part_id FROM reform_parts WHERE unit_id = 'LV0020000'")["part_id"]
    old = {u: c for c, u in query(db, "SELECT code, unit_id FROM unit_codes").values}
    want = sum(_pre2021_value({"AREA": old.get(p, p), "TIME": "2011"}, "POP_SY") for p in parts)
    row = query(
        db,
        "SELECT value, flags, parts FROM observations WHERE unit_id = 'LV0020000' "
        "AND indicator = 'population_start_of_year' AND year = 2011",
    ).iloc[0]
    assert row["value"] == want and "constructed" in row["flags"] and "Kokneses" in row["parts"]
    rīga = value(db, "LV0001000", "population_start_of_year", 2011)  # LV0010000 in IRS030
    assert rīga == _pre2021_value({"AREA": "LV0010000", "TIME": "2011"}, "POP_SY")


def test_the_stub_answers_like_csp(stub):
    table = add_ird041(stub, years=(2025,))
    client = PxWebClient(base_url=stub.base_url, lang="lv")
    meta = client.metadata(STUB_PATHS["IRD041"])
    area = meta.variable("AREA")
    assert area.text == "Teritoriālā vienība" and area.label("LV0038001") == "Madonas novads"
    assert meta.variable("SEX").value_texts == ("Pavisam", "Vīrieši", "Sievietes")
    assert table.cell_limit is None and stub.cell_limit == 300_000
    ids = ADDERS["IDS031"](stub, years=(2025,))
    result = PxWebClient(base_url=stub.base_url).data(
        STUB_PATHS["IDS031"], {"AREA": [VARAKLANI], "SEX_NEWBORN": ["M"], "TIME": ["2025"]}
    )
    assert result.frame["status"].tolist() == [".."] and ids.title.startswith("IDS031")


# -- bad input: live metadata that no longer matches stops everything ----------------------------


def _rename_sex(table):
    table.rename["SEX"] = "GENDER"


def _drop_age(table):
    age = table.variables[1]
    age["values"][age["values"].index("Y6")] = "Y6X"


def _new_area(table):
    area = table.variables[0]
    area["values"][area["values"].index("LV0056000")] = "LV0057000"


@pytest.mark.parametrize(
    ("breaks", "error", "dimension", "code"),
    [
        (_rename_sex, MappingMismatch, "SEX", "SEX"),
        (_drop_age, MappingMismatch, "AGE", "Y6"),
        (_new_area, SourceError, "AREA", "LV0057000"),
    ],
    ids=["renamed-dimension", "missing-value-code", "new-area-code"],
)
def test_a_table_that_no_longer_matches_stops_the_whole_run(
    stub, fake, work, breaks, error, dimension, code
):
    add_irs031(stub)
    do_fetch(stub, fake, work, ["IRS031"])  # an earlier, good fetch
    db, fetched = work / "benchlearn.duckdb", work / "fetched"
    before, files = checksum(db), tree_checksums(fetched)
    breaks(add_ird041(stub, years=(2025,)))
    with pytest.raises(error) as info:
        do_fetch(stub, fake, work, ["IRS031", "IRD041"], since=2025)
    text = str(info.value)
    assert "IRD041" in text and dimension in text and code in text
    if error is MappingMismatch:
        assert info.value.table == "IRD041" and code in info.value.codes
        assert stub.count("POST") == 1  # the earlier fetch's only: stopped before any data
    assert checksum(db) == before and tree_checksums(fetched) == files


# -- fetch --check and fetch --plan -------------------------------------------------------------


def test_check_prints_ok_or_the_lines_to_change(stub, tmp_path):
    add_ird041(stub, years=(2025,))
    irs051 = add_irs051(stub)
    irs051.variables[1]["valueTexts"][1] = "Urban areas (densely populated)"  # CSP renamed it
    lines: list[str] = []
    ok = check_mappings(
        ["IRD041", "IRS051"],
        client=PxWebClient(base_url=stub.base_url),
        fetched_dir=tmp_path / "none",
        progress=lines.append,
    )
    assert not ok
    assert any(line.startswith("IRD041: OK (grade A; verified)") for line in lines)
    text = default_tables_path().read_text(encoding="utf-8").splitlines()
    number = next(i for i, x in enumerate(text, 1) if "Urban (densely populated) areas" in x)
    change = lines.index(next(x for x in lines if x.startswith(f"  line {number}:")))
    assert 'no value "Urban (densely populated) areas"' in lines[change]
    assert lines[change + 1] == f"    - {text[number - 1].strip()}"
    assert lines[change + 2] == "    + " + text[number - 1].strip().replace(
        "Urban (densely populated) areas", "Urban areas (densely populated)"
    )
    assert stub.count("POST") == 0  # metadata only


def test_plan_lists_what_would_change_and_applies_nothing(stub, fake, work, capsys):
    add_irs031(stub)
    do_fetch(stub, fake, work, ["IRS031"], since=2024)
    db, fetched = work / "benchlearn.duckdb", work / "fetched"
    before, files = checksum(db), tree_checksums(fetched)
    add_irs031(stub, {("LV0020000", "POP_SY", "2024"): 1.0})
    ADDERS["IKR060"](stub)
    lines: list[str] = []
    plans = plan(
        ["IRS031", "IKR060"],
        since=2022,
        client=client_for(stub, fake),
        database=db,
        fetched_dir=fetched,
        progress=lines.append,
    )
    irs031, ikr060 = plans
    assert irs031.fetch.changed == 1 and irs031.fetch.added > 0 and irs031.new_indicators == []
    assert "gva_thousand_eur" in ikr060.new_indicators
    assert any("Aizkraukle municipality, population_start_of_year 2024:" in x for x in lines)
    assert any(x.startswith("  IKR060: 208 new values, 0 revised") for x in lines)
    assert checksum(db) == before and tree_checksums(fetched) == files
    args = ["fetch", "IRS031", "--plan", "--base-url", stub.base_url, "--db", str(db)]
    assert main([*args, "--fetched", str(fetched)]) == 0
    assert "1 revised" in capsys.readouterr().out
    assert checksum(db) == before and tree_checksums(fetched) == files
