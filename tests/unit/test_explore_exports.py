"""Explorer downloads: the table as Excel and CSV read back, charts and the map as PNG."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from benchlearn import exports
from benchlearn.charts import explore as charts
from benchlearn.charts.snapshot import map_png
from benchlearn.logic import explore as ex
from tests.unit.export_fixtures import SOURCES

# synthetic figures for the builders (not real data)
CATALOGUE = pd.DataFrame(
    {
        "name_lv": ["Vidējais gada iedzīvotāju skaits", "Ceļu blīvums"],
        "name_en": ["Annual average population", "Road density"],
        "unit_lv": ["iedzīvotāji", "km/km²"],
        "unit_en": ["persons", "km per km²"],
        "decimals": [0, 2],
    },
    index=["population_avg", "road_density"],
)
CODES = ["population_avg", "road_density"]
UNITS = pd.DataFrame(
    {
        "unit_id": ["LV0020000", "LV0001000", "LV0021000"],
        "kind": ["novads", "state_city", "novads"],
        "nuts3_code": ["LV009", "LV006", "LV008"],
    }
)
VALUES = pd.DataFrame(
    {"population_avg": [28_446.0, np.nan, 13_284.0], "road_density": [1.25, 6.19, 0.87]},
    index=["LV0020000", "LV0001000", "LV0021000"],
)
NAMES = {"LV0020000": "Aizkraukles novads", "LV0001000": "Rīga", "LV0021000": "Alūksnes novads"}


def table(lang: str) -> pd.DataFrame:
    info = ex.unit_info(
        UNITS,
        NAMES,
        {"novads": "novads", "state_city": "valstspilsēta"},
        {"LV009": "Zemgale", "LV006": "Rīga", "LV008": "Vidzeme"},
    )
    order = ex.order_units(list(VALUES.index), NAMES, my="LV0020000")
    return ex.table_frame(order, info, VALUES, CODES, dict.fromkeys(CODES, 2024), CATALOGUE, lang)


def test_excel_has_the_table_as_shown_and_a_sources_sheet():
    frame = table("lv")
    notes = [
        ("Gads", "2024"),
        ("Veids: novads", "paliek 2"),
        ("Datu bāze izveidota", "21.11.2026."),
    ]
    data = exports.to_excel(
        frame,
        SOURCES,
        notes,
        sheet="Izpēte",
        sources_sheet="Avoti",
        number_formats=ex.number_formats(CODES, CATALOGUE),
        bold_rows=[0],
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Izpēte", "Avoti"]
    sheet = book["Izpēte"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Pašvaldība",
        "Veids",
        "Statistiskais reģions",
        "Vidējais gada iedzīvotāju skaits, iedzīvotāji (2024. g.)",
        "Ceļu blīvums, km/km² (2024. g.)",
    ]
    assert rows[1] == ["Aizkraukles novads", "novads", "Zemgale", 28446, 1.25]
    assert rows[2] == ["Alūksnes novads", "novads", "Vidzeme", 13284, 0.87]
    assert rows[3] == ["Rīga", "valstspilsēta", "Rīga", None, 6.19]  # missing stays empty
    assert sheet["D2"].number_format == "#,##0" and sheet["E2"].number_format == "#,##0.00"
    assert sheet["A2"].font.bold  # my municipality
    sources = [[c.value for c in row] for row in book["Avoti"].iter_rows()]
    assert sources[0] == ["Rādītājs", "Mērvienība", "Gads", "Avots", "Saite", "Iegūts"]
    assert sources[1][3] == "CSP TRS020: ceļi" and sources[1][5] == "2025-12-18"
    flat = [cell for row in sources for cell in row if cell is not None]
    assert "Veids: novads" in flat and "21.11.2026." in flat


def test_csv_matches_the_table_in_both_dialects():
    for lang, sep, decimal in (("lv", ";", ","), ("en", ",", ".")):
        frame = table(lang)
        back = pd.read_csv(
            io.BytesIO(exports.to_csv(frame, lang)), sep=sep, decimal=decimal, encoding="utf-8-sig"
        )
        assert back.columns.tolist() == frame.columns.tolist()
        pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def scatter_chart() -> charts.alt.LayerChart:
    points = pd.DataFrame(
        {
            "unit_id": ["a", "b", "c"],
            "name": ["Ādaži", "Rīga", "Cēsis"],
            "x": [1.0, 2.0, 3.0],
            "y": [2.0, 3.0, 5.0],
            "x_text": ["1", "2", "3"],
            "y_text": ["2", "3", "5"],
            "role": ["my", "picked", "unit"],
            "label": ["Ādaži", "Rīga", ""],
        }
    )
    fit = ex.fit_line(points["x"], points["y"], False, False)
    legend = {"my": "Mana", "picked": "Salīdzināmās", "unit": "Citas", "name": "Pašvaldība"}
    latvia = pd.DataFrame([{"x": 2.5, "y": 3.0, "name": "Latvija", "x_text": "", "y_text": ""}])
    return charts.scatter(points, ex.fit_points(fit, 1, 3), latvia, "X", "Y", legend)


def test_scatter_spec_has_the_selection_streamlit_returns():
    spec = charts.finish(scatter_chart(), "lv").to_dict()
    params = spec["params"]  # Altair lifts a layer's selection to the top level
    assert [p["name"] for p in params] == [charts.PICK]
    assert params[0]["select"]["fields"] == ["unit_id"]
    assert spec["config"]["locale"]["number"]["decimal"] == ","


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_chart_png_is_rendered_on_the_server(lang):
    chart = charts.titled(scatter_chart(), "Ceļu blīvums", ["Avots: CSP TRS020"], width=500)
    data = exports.chart_png(charts.finish(chart, lang).to_dict())
    assert data.startswith(exports.PNG_SIGNATURE)
    assert len(data) > 5_000


def test_distribution_and_multiples_render():
    values = pd.Series([10.0, 12.0, 15.0, 30.0], index=["a", "b", "c", "d"])
    dots = pd.DataFrame(
        {
            "unit_id": values.index,
            "name": ["A", "B", "C", "D"],
            "value": values.to_numpy(),
            "value_text": ["10", "12", "15", "30"],
            "jitter": ex.jitter(list(values.index)),
            "role": ["my", "unit", "unit", "unit"],
            "label": ["A", "", "", ""],
        }
    )
    box = charts.distribution(dots, ex.box_stats(values), "%", 14.0, "Latvija", "P", "V")
    series = pd.DataFrame(
        {
            "unit_id": ["a", "a", "b", "b"],
            "name": ["A", "A", "B", "B"],
            "year": [2020, 2021, 2020, 2021],
            "value": [1.0, np.nan, 3.0, 4.0],
            "value_text": ["1", "", "3", "4"],
            "role": ["my", "my", "unit", "unit"],
        }
    )
    multiples = charts.small_multiples(series, ["A", "B"], "P", "G", "V", shared_scale=False)
    for chart in (box, multiples):
        png = exports.chart_png(charts.finish(chart, "lv").to_dict())
        assert png.startswith(exports.PNG_SIGNATURE)


def test_chart_png_never_fetches_data_from_a_url():
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"url": "https://example.com/secret.csv"},
        "mark": "point",
    }
    with pytest.raises(ValueError, match="not allowed"):
        exports.chart_png(json.dumps(spec))


def test_map_png_draws_the_units_with_their_colours():
    square = {
        "type": "Polygon",
        "coordinates": [[[24.0, 56.0], [25.0, 56.0], [25.0, 57.0], [24.0, 57.0], [24.0, 56.0]]],
    }
    layer = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": square, "properties": {"unit_id": "a"}},
            {"type": "Feature", "geometry": square, "properties": {"unit_id": "b"}},
        ],
    }
    table_ = pd.DataFrame(
        {"name": ["A"], "value": [1.0], "colour": ["#5e3c99"], "city": [True]}, index=["a"]
    )
    labels = pd.DataFrame({"name": ["Rīga"], "lon": [24.1], "lat": [56.9]})
    png = map_png(
        layer,
        table_,
        [("#5e3c99", "1 – 2 %", 1), ("#cfcfcf", "nav datu", 1)],
        "Ceļu blīvums",
        "2024. gads",
        "Avots: CSP",
        labels,
        my="a",
        dpi=60,
    )
    assert png.startswith(exports.PNG_SIGNATURE)
