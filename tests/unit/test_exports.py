"""Downloads: CSV and Excel bytes read back with pandas and openpyxl."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from benchlearn.exports import to_csv, to_excel
from benchlearn.logic import benchmark as bm
from tests.unit.export_fixtures import SOURCES

NA = pd.NA


def table(lang: str) -> pd.DataFrame:
    name = "Pašvaldība" if lang == "lv" else "Municipality"
    value = (
        "Ceļu blīvums, km/km² (2024. g.): vērtība"
        if lang == "lv"
        else ("Road density, km per km² (2024): value")
    )
    rank = (
        "Ceļu blīvums, km/km² (2024. g.): vieta no 2"
        if lang == "lv"
        else ("Road density, km per km² (2024): rank of 2")
    )
    return pd.DataFrame(
        {
            name: ["Ķekavas novads", "Rēzekne", "Ādažu novads"],
            value: [1.25, 6.19, np.nan],
            rank: pd.array([2, 1, NA], dtype="Int64"),
        }
    )


NOTES = [("Datu bāze izveidota", "21.11.2026."), ("Gads", "2024")]


def test_csv_latvian_has_bom_semicolons_and_decimal_comma() -> None:
    data = to_csv(table("lv"), "lv")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == (
        "Pašvaldība;Ceļu blīvums, km/km² (2024. g.): vērtība;"
        "Ceļu blīvums, km/km² (2024. g.): vieta no 2"
    )
    assert lines[1] == "Ķekavas novads;1,25;2"
    assert lines[3] == "Ādažu novads;;"  # missing is empty, never 0
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert back.columns.tolist() == table("lv").columns.tolist()
    assert back.iloc[:, 1].tolist()[:2] == [1.25, 6.19]
    assert back.iloc[:, 1].isna().tolist() == [False, False, True]


def test_csv_english_is_comma_separated_with_decimal_point() -> None:
    data = to_csv(table("en"), "en")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back.columns[0] == "Municipality"
    assert back["Road density, km per km² (2024): value"].tolist()[:2] == [1.25, 6.19]
    assert back.iloc[:, 2].tolist()[:2] == [2, 1]


@pytest.mark.parametrize(
    ("lang", "sheet", "sources_sheet"),
    [("lv", "Salīdzinājums", "Avoti"), ("en", "Comparison", "Sources")],
)
def test_excel_values_headers_and_sources(lang: str, sheet: str, sources_sheet: str) -> None:
    frame = table(lang)
    data = to_excel(
        frame,
        SOURCES,
        NOTES,
        sheet=sheet,
        sources_sheet=sources_sheet,
        number_formats=["@", "#,##0.00", "0"],
        bold_rows=[1],
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [sheet, sources_sheet]
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    assert headers == frame.columns.tolist()
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows == [["Ķekavas novads", 1.25, 2], ["Rēzekne", 6.19, 1], ["Ādažu novads", None, None]]
    assert isinstance(ws["B2"].value, float)  # a number, not formatted text
    assert ws["B2"].number_format == "#,##0.00" and ws["C2"].number_format == "0"
    assert ws["A3"].font.bold and not ws["A2"].font.bold  # my municipality's row
    assert ws.freeze_panes == "B2"
    src = book[sources_sheet]
    assert [c.value for c in src[1]] == SOURCES.columns.tolist()
    assert [c.value for c in src[2]] == [
        "Ceļu blīvums",
        "km/km²",
        2024,
        "CSP TRS020: ceļi",
        "https://data.stat.gov.lv/",
        "2025-12-18",
    ]
    notes = {row[0].value: row[1].value for row in src.iter_rows(min_row=4) if row[0].value}
    assert notes == {"Datu bāze izveidota": "21.11.2026.", "Gads": "2024"}


def test_excel_from_the_benchmark_table_end_to_end() -> None:
    catalogue = pd.DataFrame(
        [
            {
                "code": "d",
                "name_lv": "Ceļu blīvums",
                "name_en": "Road density",
                "unit_lv": "km/km²",
                "unit_en": "km per km²",
                "direction": "neutral",
                "decimals": 2,
                "kind": "source",
                "source_ids": [],
                "inputs": [],
                "formula": None,
                "timeless": False,
            }
        ]
    ).set_index("code")
    observations = pd.DataFrame(
        {
            "unit_id": ["A", "B", "A"],
            "indicator": "d",
            "year": [2024, 2024, 2023],
            "value": [1.5, 0.5, 1.0],
            "flags": ["constructed", "", "rounded"],
            "parts": ["X novads (LV1) + Y novads (LV2)", None, None],
        }
    )
    status = {
        "lv": (
            "konstruēts (saskaitīts no pašvaldībām pirms reformas): "
            "X novads (LV1) + Y novads (LV2)",
            "oficiāla statistika",
        ),
        "en": (
            "constructed (summed from the municipalities before the reform): "
            "X novads (LV1) + Y novads (LV2)",
            "official statistics",
        ),
    }
    tidy = bm.benchmark_table(observations, catalogue, ["A", "B"], {"d": 2024})
    wide = bm.wide_table(tidy, ["A", "B"])
    for lang, first in (("lv", "Pašvaldība"), ("en", "Municipality")):
        frame = bm.export_frame(wide, tidy, catalogue, {"A": "Alfa", "B": "Bēta"}, lang)
        book = load_workbook(
            io.BytesIO(
                to_excel(
                    frame,
                    SOURCES,
                    NOTES,
                    sheet="S",
                    sources_sheet="A",
                    number_formats=bm.export_number_formats(wide, catalogue),
                )
            )
        )
        ws = book["S"]
        assert ws["A1"].value == first
        # the status of the value shown (2024), in words and with its parts, as text
        assert [c.value for c in ws[2]] == ["Alfa", 1.5, 1, 100.0, 0.5, status[lang][0]]
        assert [c.value for c in ws[3]] == ["Bēta", 0.5, 2, 0.0, None, status[lang][1]]
    assert ws["B1"].value == "Road density, km per km² (2024): value"
    assert ws["E1"].value == "Road density, km per km² (2024): change since 2023, km per km²"
    assert ws["F1"].value == "Road density, km per km² (2024): status"


def test_text_a_spreadsheet_would_run_is_written_inert():
    from benchlearn import exports

    frame = pd.DataFrame(
        {"Tīkls": ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "Ogre"], "n": [1, 2, 3, -4]}
    )
    text = exports.to_csv(frame, "en").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\r\n'+1," in text and "'@SUM" in text
    assert "\r\nOgre,-4" in text  # numbers, negative ones too, stay numbers
    book = load_workbook(
        io.BytesIO(exports.to_excel(frame, frame, [("=x", "=y")], sheet="a", sources_sheet="b"))
    )
    cell = book.worksheets[0]["A2"]
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"
    assert book.worksheets[1]["B7"].data_type == "s"
