"""The build end to end: spot checks against the sources, derived values, and every failure
that must stop the build while the previous database stays untouched and readable."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from benchlearn.ingest.errors import SourceError
from benchlearn.settings import REPO_ROOT, load_settings
from benchlearn.warehouse import build

CATALOGUE = load_settings().catalogue_path


def value(con, unit, indicator, year):
    row = con.execute(
        "SELECT value FROM observations WHERE unit_id = ? AND indicator = ? AND year = ?",
        [unit, indicator, year],
    ).fetchone()
    return None if row is None else row[0]


@pytest.fixture(scope="module")
def con(built_db):
    with duckdb.connect(str(built_db), read_only=True) as connection:
        yield connection


def test_spot_checks_against_sources(con):
    assert value(con, "LV0023000", "population_avg", 2012) == 16073  # Ādaži, IRS031
    assert value(con, "LV0020000", "population_avg", 2024) == 28446  # Aizkraukle, IRS031
    assert value(con, "LV", "road_total_km", 2024) == 57564  # Latvia, TRS020
    assert value(con, "LV0038000_2025", "libraries", 2024) == 25  # Madona from 1 July 2025
    assert value(con, "LV0038000", "libraries", 2024) == 22
    assert value(con, "LV0031010", "forest_land_ha", 2024) == 192  # Jēkabpils town
    assert value(con, "LV", "population_start_of_year", 2012) == 2044813  # facts


def test_facts_keep_their_source_url(con):
    url, retrieved = con.execute(
        "SELECT source_url, retrieved FROM observations WHERE unit_id = 'LV' "
        "AND indicator = 'population_start_of_year' AND year = 2012"
    ).fetchone()
    assert url.startswith("https://data.stat.gov.lv/") and retrieved == "2026-09-03"
    flags = con.execute(
        "SELECT DISTINCT flags FROM observations WHERE source_id = 'facts_city_population'"
    ).fetchall()
    assert flags == [("unverified",)]


def test_madona_2025_forest_zeros_not_loaded(con):
    # CSP's row for the merged Madona is 0 everywhere (no inventory yet) and is not loaded;
    # the value there is constructed from Madona and Varakļāni before the merger
    row = con.execute(
        "SELECT value, flags, source_id FROM observations WHERE unit_id = 'LV0038000_2025' "
        "AND indicator = 'forest_land_ha' AND year = 2024"
    ).fetchone()
    parts = value(con, "LV0038000", "forest_land_ha", 2024) + value(
        con, "LV0055000", "forest_land_ha", 2024
    )
    assert row == (parts, "constructed", "harmonised") and parts > 0


def test_missing_markers_are_not_zero(con):
    assert value(con, "LV0020000", "population_avg", 2025) is None
    assert con.execute("SELECT count(*) FROM observations WHERE value IS NULL").fetchone()[0] == 0


def test_derived_values_hand_computed(con):
    pop_2024, pop_2023, pop_2019 = 28446, 28828, 29916  # Aizkraukle, IRS031
    area = value(con, "LV0020000", "area_km2", 2022)
    assert area == pytest.approx(2276.2, abs=0.05)
    assert value(con, "LV0020000", "population_density", 2024) == pytest.approx(pop_2024 / area)
    assert value(con, "LV0020000", "population_change_1y_pct", 2024) == pytest.approx(
        (pop_2024 - pop_2023) / pop_2023 * 100
    )
    assert value(con, "LV0020000", "population_change_5y_pct", 2024) == pytest.approx(
        (pop_2024 - pop_2019) / pop_2019 * 100
    )
    assert value(con, "LV0020000", "population_change_5y_pct", 2016) is None  # no 2011 value
    roads = value(con, "LV0020000", "road_total_km", 2024)
    assert roads == 1657
    assert value(con, "LV0020000", "road_per_1000_residents", 2024) == pytest.approx(
        roads / pop_2024 * 1000
    )
    libraries = value(con, "LV0020000", "libraries", 2024)
    assert value(con, "LV0020000", "libraries_per_10000", 2024) == pytest.approx(
        libraries / pop_2024 * 10000
    )
    forest = value(con, "LV0020000", "forest_land_ha", 2024)
    assert value(con, "LV0020000", "forest_land_share_pct", 2024) == pytest.approx(
        forest / (area * 100) * 100
    )
    # Latvia: natural increase per 1,000 from the facts file
    ni, pop = (
        value(con, "LV", "natural_increase", 2012),
        value(con, "LV", "population_start_of_year", 2012),
    )
    assert value(con, "LV", "natural_increase_per_1000", 2012) == pytest.approx(ni / pop * 1000)


def test_derived_rows_say_how_they_were_computed(con):
    def how(unit, year):
        return con.execute(
            "SELECT source_title, flags FROM observations "
            "WHERE indicator = 'population_density' AND unit_id = ? AND year = ?",
            [unit, year],
        ).fetchone()

    assert how("LV0020000", 2024) == ("= population_avg / area_km2", "derived")
    # Daugavpils has no annual average: the basis is named in the value's own source line
    assert how("LV0002000", 2024) == (
        "= population_start_of_year / area_km2 (population_avg: no value for this unit and year)",
        "basis:population_start_of_year,derived",
    )
    # a value computed from an unverified input says so in its flags
    assert how("LV0001000", 2019)[1] == "basis:population_start_of_year,derived,unverified"


def test_catalogue_fields_in_database(con):
    row = con.execute(
        "SELECT direction, kind, formula, inputs, theme FROM indicators "
        "WHERE code = 'libraries_per_10000'"
    ).fetchone()
    assert row == (
        "higher_better",
        "derived",
        "libraries / first_of(population_avg, population_start_of_year) * 10000",
        ["libraries", "population_avg", "population_start_of_year"],
        "culture",
    )


def test_build_report_stored(con):
    coverage = con.execute(
        "SELECT units, municipalities, years FROM report_coverage "
        "WHERE indicator = 'population_avg'"
    ).fetchone()
    # 36 novadi and the merged Madona of 2025 (constructed from Madona and Varakļāni)
    assert coverage == (37, 36, ", ".join(str(y) for y in range(2012, 2025)))
    missing = {
        r[0]
        for r in con.execute(
            "SELECT unit_id FROM report_missing WHERE indicator = 'population_avg'"
        ).fetchall()
    }
    assert missing == {f"LV000{i}000" for i in range(1, 8)}  # the seven state cities
    assert con.execute("SELECT count(*) FROM sources WHERE sha256 IS NOT NULL").fetchone()[0] == 12


# ---- failures: the build stops, names file, line and value, and the old database stays ----


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def previous(tmp_path, built_db) -> Path:
    target = tmp_path / "out" / "benchlearn.duckdb"
    target.parent.mkdir()
    shutil.copy(built_db, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8-sig")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fails(sources: Path, target: Path, *fragments: str) -> None:
    before = _digest(target)
    with pytest.raises(SourceError) as err:
        build(sources, target, CATALOGUE, progress=lambda *_: None)
    for fragment in fragments:
        assert fragment in str(err.value), str(err.value)
    assert _digest(target) == before
    with duckdb.connect(str(target), read_only=True) as old:
        assert old.execute("SELECT count(*) FROM units").fetchone()[0] > 0
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no leftovers


IRS = "raw/csp_irs031/IRS031_20251113-180224.csv"
LIB = "raw/csp_exports_2024/Library.csv"


def test_missing_file(sources_copy, previous):
    (sources_copy / LIB).unlink()
    _fails(sources_copy, previous, "Library.csv", "missing")


def test_unknown_unit(sources_copy, previous):
    _edit(sources_copy / LIB, '"Bibliotēku skaits","Rīga",28', '"Bibliotēku skaits","Rīgga",28')
    _fails(sources_copy, previous, "Library.csv, line 5", "'Rīgga'", "did you mean")


def test_duplicate_key(sources_copy, previous):
    path = sources_copy / LIB
    path.write_text(
        path.read_text(encoding="utf-8") + '"Bibliotēku skaits","Rīga",29\n', encoding="utf-8"
    )
    _fails(sources_copy, previous, "Library.csv, line 49", "duplicate", "first on line 5")


def test_non_numeric_value(sources_copy, previous):
    _edit(sources_copy / LIB, '"Bibliotēku skaits","Rīga",28', '"Bibliotēku skaits","Rīga",2x8')
    _fails(sources_copy, previous, "Library.csv, line 5", "'2x8'")


def test_year_out_of_range(sources_copy, previous):
    _edit(sources_copy / IRS, '"2012"', '"1812"')
    _fails(sources_copy, previous, "IRS031", "line 3", "'1812'")


def test_future_year_in_facts(sources_copy, previous):
    path = sources_copy / "facts/population_start_of_year.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",2015,", ",2999,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails(sources_copy, previous, "population_start_of_year.csv, line 2", "'2999'")


def test_conflicting_sources(sources_copy, previous):
    path = sources_copy / "raw/csp_trs020/TRS020_20251218-165232.csv"
    _edit(path, '"Aizkraukles novads","Pavisam",1657', '"Aizkraukles novads","Pavisam",1658')
    _fails(sources_copy, previous, "TRS020_20251218-165232.csv, line 4", "differs")


def test_cli_reports_and_keeps_database(sources_copy, previous):
    (sources_copy / LIB).unlink()
    before = _digest(previous)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchlearn",
            "build",
            "--sources",
            str(sources_copy),
            "--db",
            str(previous),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "Build stopped" in result.stderr and "Library.csv" in result.stderr
    assert _digest(previous) == before


def test_successful_build_replaces_while_reader_open(sources_dir, previous):
    """A dashboard holding the old file keeps reading it; the new file takes its place."""
    with duckdb.connect(str(previous), read_only=True) as reader:
        build(sources_dir, previous, CATALOGUE, progress=lambda *_: None)
        assert reader.execute("SELECT count(*) FROM units").fetchone()[0] > 0
    with duckdb.connect(str(previous), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM boundaries").fetchone()[0] == 7


# ---- second delivery (issue 17): coded facts, state cities, one series across 2021 ----


def test_second_delivery_spot_checks(con):
    assert value(con, "LV0001000", "population_start_of_year", 2026) == 588911  # IRD041
    assert value(con, "LV0001000", "population_female_start_of_year", 2026) == 328608
    assert value(con, "LV0001000", "median_age", 2026) == 44
    assert value(con, "LV0005000", "population_start_of_year", 2024) == 68106  # Liepāja
    assert value(con, "LV0001000", "census_2011_population", 2011) == 658640
    assert value(con, "LV0001000", "population_start_of_year", 2013) is None
    gdp = con.execute(
        "SELECT value, flags, source_title FROM observations WHERE unit_id = 'LV0001000' "
        "AND indicator = 'gdp_per_capita_eur' AND year = 2021"
    ).fetchone()
    assert gdp[0] == 28900 and gdp[1] == "rounded" and "rounded to EUR 100" in gdp[2]
    # the towns of CSP's GDP release sit on the town units, not on their novads
    assert value(con, "LV0054010", "gdp_per_capita_eur", 2021) == 20800  # Valmiera town
    assert value(con, "LV0054000", "gdp_per_capita_eur", 2021) is None  # Valmieras novads
    assert value(con, "LV0001000", "employment_rate_census_2021", 2021) == 57.1
    women = value(con, "LV0001000", "women_share_pct", 2026)
    assert women == pytest.approx(328608 / 588911 * 100)


def test_register_population_is_its_own_indicator_on_the_one_riga(con):
    # BLIS names Rīga by its pre-2021 code LV0010000: the same territory, today's unit
    assert value(con, "LV0001000", "population_register", 2015) == 698086
    assert value(con, "LV0001000", "population_start_of_year", 2015) is None  # never mixed
    assert con.execute("SELECT count(*) FROM units WHERE unit_id = 'LV0010000'").fetchone()[0] == 0
    assert con.execute(
        "SELECT unit_id FROM unit_codes WHERE code = 'LV0010000' AND version = 'pre2021'"
    ).fetchone() == ("LV0001000",)
    riga_years = {
        r[0]
        for r in con.execute(
            "SELECT year FROM observations WHERE unit_id = 'LV0001000' "
            "AND indicator IN ('population_register', 'population_start_of_year')"
        ).fetchall()
    }
    assert {2015, 2016, 2019, 2026} <= riga_years  # one series across the reform


def test_state_cities_are_one_territory_across_2021(con):
    pre = {
        r[0]
        for r in con.execute(
            "SELECT unit_id FROM unit_versions WHERE version = 'pre2021'"
        ).fetchall()
    }
    cities = {f"LV000{i}000" for i in range(1, 8)}
    assert cities <= pre and len(pre) == 119
    # novadi whose borders did not change are one territory too; Olaine (gained land) is not
    assert {"LV0021000", "LV0045000", "LV0056000"} <= pre and "LV0041000" not in pre


def test_harmonised_value_is_the_sum_of_its_parts(con, sources_dir):
    import csv

    parts = [
        r[0]
        for r in con.execute(
            "SELECT part_id FROM reform_parts WHERE unit_id = 'LV0020000' ORDER BY part_id"
        ).fetchall()
    ]
    assert len(parts) == 6  # Aizkraukle, Jaunjelgava, Koknese, Nereta, Pļaviņas, Skrīveri
    path = sources_dir / "facts/blis_register_population_age_groups_2015_2016_partial.csv"
    with path.open(encoding="utf-8") as handle:
        by_hand = sum(
            int(r["value"])
            for r in csv.DictReader(handle)
            if r["atvk"] in parts
            and r["year"] == "2015"
            and r["indicator"] == "population_register"
        )
    row = con.execute(
        "SELECT value, flags, parts, source_id FROM observations WHERE unit_id = 'LV0020000' "
        "AND indicator = 'population_register' AND year = 2015"
    ).fetchone()
    assert row[0] == by_hand and row[1] == "constructed" and row[3] == "harmonised"
    assert all(p in row[2] for p in parts)
    share = con.execute(
        "SELECT value, flags FROM observations WHERE unit_id = 'LV0020000' "
        "AND indicator = 'children_0_6_share_register_pct' AND year = 2015"
    ).fetchone()
    assert share[1] == "constructed,derived"  # a ratio recomputed from constructed parts
    statuses = dict(
        con.execute("SELECT status, count(*) FROM harmonisation GROUP BY status").fetchall()
    )
    assert statuses["constructed"] > 0 and statuses["partial"] > 0
    # a partial unit gets no value, and the report names what is missing
    unit, missing = con.execute(
        "SELECT unit_id, missing FROM harmonisation WHERE status = 'partial' LIMIT 1"
    ).fetchone()
    assert missing
    assert (
        con.execute(
            "SELECT count(*) FROM observations o JOIN harmonisation h USING (unit_id, indicator, "
            "year) WHERE h.status = 'partial'"
        ).fetchone()[0]
        == 0
    )


def test_per_capita_covers_the_state_cities(con):
    cities = [f"LV000{i}000" for i in range(2, 8) if i != 4]  # with a 2024 population
    for unit in cities:
        assert value(con, unit, "libraries_per_10000", 2024) is not None, unit
        assert value(con, unit, "road_per_1000_residents", 2024) is not None, unit
    pop = value(con, "LV0002000", "population_start_of_year", 2024)
    assert value(con, "LV0002000", "road_per_1000_residents", 2024) == pytest.approx(
        value(con, "LV0002000", "road_total_km", 2024) / pop * 1000
    )


def _coded(sources: Path) -> Path:
    return sources / "facts/csp_ird041_population_sex_median_age_2026.csv"


def test_code_of_no_unit(sources_copy, previous):
    _edit(_coded(sources_copy), "LV0001000,Rīga,2026", "LV0009999,Rīga,2026")
    _fails(sources_copy, previous, "line 2", "not a unit of any boundary version", "LV0009999")


def test_code_whose_name_disagrees(sources_copy, previous):
    _edit(_coded(sources_copy), "LV0001000,Rīga,2026", "LV0001000,Daugavpils,2026")
    _fails(sources_copy, previous, "line 2", "disagrees with its atvk LV0001000", "Daugavpils")


def test_duplicate_across_files(sources_copy, previous):
    path = sources_copy / "facts/csp_population_liepaja_ventspils_rezekne.csv"
    text = path.read_text(encoding="utf-8")
    extra = 'LV0001000,Rīga,2026,population_start_of_year,588911,persons,https://x.invalid,"copy"\n'
    path.write_text(text + extra, encoding="utf-8")
    _fails(sources_copy, previous, "csp_population_liepaja_ventspils_rezekne.csv", "also in")


def test_truncated_coded_row(sources_copy, previous):
    path = _coded(sources_copy)
    path.write_text(path.read_text(encoding="utf-8") + "LV0002000,Daugavpils,2026\n")
    _fails(sources_copy, previous, "csp_ird041", "does not have the 8 columns")


def test_old_header_still_reads(sources_dir):
    from benchlearn.ingest.facts_csv import read_facts_csv

    old = read_facts_csv(sources_dir / "facts/population_start_of_year.csv")
    new = read_facts_csv(_coded(sources_dir))
    assert old["atvk"].isna().all() and new["atvk"].str.startswith("LV").all()


def test_make_run_rebuilds_only_a_missing_or_older_database(built_db, tmp_path):
    from benchlearn.warehouse import SCHEMA_VERSION, is_current

    assert is_current(built_db)
    assert not is_current(tmp_path / "none.duckdb")
    old = tmp_path / "old.duckdb"
    shutil.copy(built_db, old)
    with duckdb.connect(str(old)) as con:
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    assert SCHEMA_VERSION != "1" and not is_current(old)
    (tmp_path / "junk.duckdb").write_bytes(b"not a database")
    assert not is_current(tmp_path / "junk.duckdb")
