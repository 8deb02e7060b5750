"""The one PxWeb CSV parser, on the real exports in both languages and on broken copies."""

from __future__ import annotations

import math

import pytest

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.pxweb_csv import read_pxweb_csv

IRS031 = "raw/csp_irs031/IRS031_20251113-180224.csv"
TRS020_EN = "raw/csp_trs020/TRS020_20251218-012055.csv"
FOREST = "raw/csp_exports_2024/Forest.csv"
LIBRARY = "raw/csp_exports_2024/Library.csv"


def test_irs031_english_wide_years(sources_dir):
    table = read_pxweb_csv(sources_dir / IRS031)
    assert table.dimensions == ["Indicator", "Territorial unit"]
    assert table.years == list(range(2012, 2026))
    rows = table.rows
    assert rows["Territorial unit"].nunique() == 36
    aizkraukle = rows[(rows["Territorial unit"] == "Aizkraukle municipality")]
    assert aizkraukle.set_index("year").loc[2024, "value"] == 28446
    assert math.isnan(aizkraukle.set_index("year").loc[2025, "value"])  # "…" = not available
    adazi = rows[(rows["Territorial unit"] == "Ādaži municipality") & (rows["year"] == 2012)]
    assert adazi["value"].item() == 16073


def test_trs020_english_with_regions_and_markers(sources_dir):
    table = read_pxweb_csv(sources_dir / TRS020_EN)
    assert table.dimensions == ["Territorial unit", "Types of surface", "Indicator"]
    rows = table.rows
    latvia = rows[
        (rows["Territorial unit"] == "Latvia")
        & (rows["Indicator"] == "Total")
        & (rows["Types of surface"] == "Total")
    ]
    assert latvia["value"].item() == 57564
    assert rows["value"].isna().sum() == 48  # four "before 01.01.2024" regions x 12 cells


def test_latvian_exports_same_parser(sources_dir):
    forest = read_pxweb_csv(sources_dir / FOREST)
    assert forest.dimensions == ["Meža īpašuma forma", "Zemes kategorija", "Teritoriālā vienība"]
    assert len(forest.rows) == 1440
    library = read_pxweb_csv(sources_dir / LIBRARY)
    assert library.rows.set_index("Teritoriālā vienība").loc["Latvija", "value"] == 712


def test_line_numbers_point_at_the_file(sources_dir):
    rows = read_pxweb_csv(sources_dir / LIBRARY).rows
    lines = (sources_dir / LIBRARY).read_text(encoding="utf-8").splitlines()
    for _, row in rows.iterrows():
        assert row["Teritoriālā vienība"] in lines[row["line"] - 1]


def _write(tmp_path, body: str):
    path = tmp_path / "t.csv"
    path.write_text('"Title"\n\n"Teritoriālā vienība","2024"\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("marker", ["…", "-", "..", "..."])
def test_not_available_markers(tmp_path, marker):
    rows = read_pxweb_csv(_write(tmp_path, f'"Rīga",{marker}\n')).rows
    assert rows["value"].isna().all()


def test_non_number_names_file_line_value(tmp_path):
    with pytest.raises(SourceError) as err:
        read_pxweb_csv(_write(tmp_path, '"Rīga",12\n"Jelgava",12a\n'))
    assert err.value.line == 5 and err.value.value == "12a"
    assert "t.csv, line 5" in str(err.value)


def test_year_out_of_range(tmp_path):
    path = tmp_path / "y.csv"
    path.write_text('"T"\n\n"Teritoriālā vienība","1800"\n"Rīga",1\n', encoding="utf-8")
    with pytest.raises(SourceError, match="year outside 1990"):
        read_pxweb_csv(path)


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="missing"):
        read_pxweb_csv(tmp_path / "nope.csv")


def test_not_a_pxweb_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not a PxWeb CSV"):
        read_pxweb_csv(path)
