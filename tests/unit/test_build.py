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
    assert value(con, "LV0038000_2025", "forest_land_ha", 2024) is None


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
    title, flags = con.execute(
        "SELECT DISTINCT source_title, flags FROM observations "
        "WHERE indicator = 'population_density'"
    ).fetchone()
    assert title == "= population_avg / area_km2" and flags == "derived"


def test_catalogue_fields_in_database(con):
    row = con.execute(
        "SELECT direction, kind, formula, inputs, theme FROM indicators "
        "WHERE code = 'libraries_per_10000'"
    ).fetchone()
    assert row == (
        "higher_better",
        "derived",
        "libraries / population_avg * 10000",
        ["libraries", "population_avg"],
        "culture",
    )


def test_build_report_stored(con):
    coverage = con.execute(
        "SELECT units, municipalities, years FROM report_coverage "
        "WHERE indicator = 'population_avg'"
    ).fetchone()
    assert coverage == (36, 36, ", ".join(str(y) for y in range(2012, 2025)))
    missing = {
        r[0]
        for r in con.execute(
            "SELECT unit_id FROM report_missing WHERE indicator = 'population_avg'"
        ).fetchall()
    }
    assert missing == {f"LV000{i}000" for i in range(1, 8)}  # the seven state cities
    assert con.execute("SELECT count(*) FROM sources WHERE sha256 IS NOT NULL").fetchone()[0] == 7


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
    lines[1] = lines[1].replace(",2013,", ",2999,", 1)
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
