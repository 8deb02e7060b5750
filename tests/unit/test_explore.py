"""Explorer logic on small synthetic frames: filters, the fitted line (checked by hand),
box statistics, the table and its labels."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchlearn.logic import explore as ex

# synthetic units and values (not real figures)
UNITS = pd.DataFrame(
    {
        "unit_id": ["A", "B", "C", "D", "E"],
        "kind": ["state_city", "novads", "novads", "novads", "novads"],
        "nuts3_code": ["LV006", "LV007", "LV007", "LV009", None],
    }
)
VALUES = pd.DataFrame(
    {
        "population_avg": [np.nan, 12_000.0, 4_000.0, 30_000.0, 8_000.0],
        "road_density": [2.5, 0.4, 0.6, np.nan, 0.9],
    },
    index=pd.Index(["A", "B", "C", "D", "E"], name="unit_id"),
)
INDICATORS = ["population_avg", "road_density"]


def run(**kwargs) -> tuple[list[str], list[ex.Step]]:
    return ex.apply_filters(UNITS, VALUES, ex.Filters(**kwargs))


def test_no_filters_keep_everyone_in_order():
    kept, steps = run()
    assert kept == ["A", "B", "C", "D", "E"] and steps == []


def test_group_kind_and_region_narrow_step_by_step():
    kept, steps = run(group=["A", "B", "C", "D"], kinds=["novads"], regions=["LV007", "LV009"])
    assert kept == ["B", "C", "D"]
    assert [(s.key, s.kept, s.dropped) for s in steps] == [
        ("group", 4, 1),
        ("kind", 3, 1),
        ("region", 3, 0),
    ]


def test_population_range_is_inclusive_and_names_units_without_data():
    kept, steps = run(population="population_avg", pmin=8_000, pmax=12_000)
    assert kept == ["B", "E"]
    assert steps[0].no_data == ["A"]  # missing is not zero: left out and named
    kept, _ = run(population="population_avg", pmin=None, pmax=5_000)
    assert kept == ["C"]


def test_thresholds_all_must_pass_and_missing_never_passes():
    rules = ex.thresholds(["road_density:ge:0.6", "population_avg:lt:10000"], INDICATORS)
    kept, steps = run(thresholds=rules)
    assert kept == ["C", "E"]
    assert steps[0].no_data == ["D"] and steps[0].kept == 3  # A, C, E have >= 0.6
    assert steps[1].no_data == ["A"]


@pytest.mark.parametrize(
    ("op", "expected"),
    [("gt", ["E"]), ("ge", ["C", "E"]), ("lt", ["B"]), ("le", ["B", "C"])],
)
def test_each_comparison(op, expected):
    rule = ex.Threshold("road_density", op, 0.6)
    kept, _ = ex.apply_filters(UNITS.iloc[1:], VALUES, ex.Filters(thresholds=[rule]))
    assert kept == expected


def test_threshold_on_an_indicator_without_values_leaves_nobody():
    kept, steps = run(thresholds=[ex.Threshold("libraries", "gt", 0)])
    assert kept == [] and len(steps[0].no_data) == 5


@pytest.mark.parametrize(
    "text",
    [
        "road_density",
        "road_density:gt",
        "road_density:eq:1",
        "nope:gt:1",
        "road_density:gt:abc",
        "road_density:gt:nan",
        "road_density:gt:inf",
        "road_density:gt:１",  # full-width digit
        "road_density:gt:1:2",
        "road_density:gt:" + "9" * 30,
    ],
)
def test_invalid_thresholds_are_skipped(text):
    assert ex.thresholds([text], INDICATORS) == []


def test_fit_by_hand():
    # x̄ = 2.5, ȳ = 4, Sxy = 7, Sxx = 5 -> slope 1.4, intercept 0.5;
    # residuals 0.1, -0.3, 0.3, -0.1 -> SSres 0.2 of SStot 10 -> R² 0.98
    fit = ex.fit_line([1, 2, 3, 4], [2, 3, 5, 6], logx=False, logy=False)
    assert fit is not None
    assert fit.slope == pytest.approx(1.4)
    assert fit.intercept == pytest.approx(0.5)
    assert fit.r2 == pytest.approx(0.98)
    assert fit.n == 4
    assert ex.equation(fit, "lv") == "y = 0,5 + 1,4·x;  R² = 0,98;  n = 4"
    assert ex.equation(fit, "en") == "y = 0.5 + 1.4·x;  R² = 0.98;  n = 4"


def test_fit_on_log_scales_is_a_power_law():
    # y = 2·x exactly: log10 y = log10 2 + 1·log10 x
    fit = ex.fit_line([1, 10, 100, -5, 0], [2, 20, 200, 7, 3], logx=True, logy=True)
    assert fit is not None and fit.n == 3  # x <= 0 cannot be on a log axis
    assert fit.slope == pytest.approx(1.0)
    assert fit.intercept == pytest.approx(math.log10(2))
    assert fit.r2 == pytest.approx(1.0)
    assert ex.equation(fit, "en").startswith("log₁₀ y = 0.301 + 1·log₁₀ x")
    line = ex.fit_points(fit, 1, 100, steps=3)
    assert line["x"].tolist() == pytest.approx([1, 10, 100])
    assert line["y"].tolist() == pytest.approx([2, 20, 200])


def test_negative_slope_is_written_with_a_minus():
    fit = ex.fit_line([0, 1, 2], [4, 2, 0], logx=False, logy=False)
    assert ex.equation(fit, "lv").startswith("y = 4 − 2·x")


def test_no_fit_without_enough_points_or_with_constant_x():
    assert ex.fit_line([1, 2], [1, 2], False, False) is None
    assert ex.fit_line([3, 3, 3], [1, 2, 3], False, False) is None
    assert ex.fit_line([1, np.nan, 3, 4], [1, 2, np.nan, 4], False, False) is None


def test_constant_y_has_no_r2():
    fit = ex.fit_line([1, 2, 3], [5, 5, 5], False, False)
    assert fit.slope == 0 and math.isnan(fit.r2)
    assert "R² = –" in ex.equation(fit, "lv")


def test_plottable_on_log_axes():
    x = pd.Series([1.0, 0.0, -1.0, np.nan, 5.0])
    y = pd.Series([1.0, 1.0, 1.0, 1.0, np.nan])
    assert ex.plottable(x, y, False, False).tolist() == [True, True, True, False, False]
    assert ex.plottable(x, y, True, False).tolist() == [True, False, False, False, False]


def test_box_stats_five_numbers():
    stats = ex.box_stats(pd.Series([1.0, 2.0, 3.0, 4.0, 100.0, np.nan]))
    assert (stats.low, stats.q1, stats.median, stats.q3, stats.high, stats.n) == (
        1.0,
        2.0,
        3.0,
        4.0,
        100.0,
        5,
    )
    assert ex.box_stats(pd.Series([np.nan])) is None


def test_jitter_is_fixed_and_bounded():
    ids = [f"LV{i:07d}" for i in range(50)]
    first, second = ex.jitter(ids), ex.jitter(ids)
    assert first == second
    assert all(-0.4 <= j < 0.4 for j in first)
    assert len(set(first)) == 50


def test_near_range():
    values = pd.Series([10.0, 20.0, 30.0])
    assert ex.near_range(25.0, values)
    assert ex.near_range(35.0, values)  # within half the span beyond the largest
    assert not ex.near_range(1_000.0, values)  # a national total
    assert not ex.near_range(None, values)
    assert not ex.near_range(float("nan"), values)


def test_wide_values_take_each_indicator_in_its_own_year():
    obs = pd.DataFrame(
        {
            "unit_id": ["A", "A", "B", "B", "A"],
            "indicator": ["x", "x", "x", "y", "y"],
            "year": [2023, 2024, 2024, 2020, 2021],
            "value": [1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    wide = ex.wide_values(obs, ["A", "B", "C"], {"x": 2024, "y": 2020, "z": None})
    assert wide.columns.tolist() == ["x", "y", "z"]
    assert wide.loc["A", "x"] == 2.0 and wide.loc["B", "x"] == 3.0
    assert wide.loc["B", "y"] == 4.0 and math.isnan(wide.loc["A", "y"])  # 2021 != 2020
    assert wide.loc["C"].isna().all()


def test_table_frame_headers_carry_unit_and_year():
    catalogue = pd.DataFrame(
        {
            "name_lv": ["Iedzīvotāji", "Ceļu blīvums"],
            "name_en": ["Population", "Road density"],
            "unit_lv": ["iedzīvotāji", "km/km²"],
            "unit_en": ["persons", "km per km²"],
            "decimals": [0, 2],
        },
        index=["population_avg", "road_density"],
    )
    info = ex.unit_info(
        UNITS,
        {"A": "Rīga", "B": "Ādažu novads", "C": "Ķekavas novads", "D": "Bauskas novads"},
        {"state_city": "valstspilsēta", "novads": "novads"},
        {"LV006": "Rīga", "LV007": "Pierīga", "LV009": "Zemgale"},
    )
    order = ex.order_units(["A", "B", "C"], info["name"].to_dict(), my="C")
    assert order == ["C", "B", "A"]  # mine first, then Latvian order (Ādaži before Rīga)
    years = {c: 2024 for c in INDICATORS}
    frame = ex.table_frame(order, info, VALUES, INDICATORS, years, catalogue, "lv")
    assert frame.columns.tolist() == [
        "Pašvaldība",
        "Veids",
        "Statistiskais reģions",
        "Iedzīvotāji, iedzīvotāji (2024. g.)",
        "Ceļu blīvums, km/km² (2024. g.)",
    ]
    assert frame.iloc[0].tolist()[:3] == ["Ķekavas novads", "novads", "Pierīga"]
    assert frame.iloc[1, 3] == 12_000
    assert pd.isna(frame.iloc[2, 3])  # Rīga: no population value, not 0
    assert ex.number_formats(INDICATORS, catalogue) == ["@", "@", "@", "#,##0", "#,##0.00"]


LABELS = ex.Labels(
    group="Visas pašvaldības",
    kinds={"novads": "novads"},
    regions={"LV007": "Pierīga"},
    indicators={"road_density": "Ceļu blīvums", "population_avg": "Iedzīvotāji"},
    units={"road_density": "km/km²", "population_avg": "iedzīvotāji"},
)


def test_step_texts_in_both_languages():
    labels = LABELS
    filters = ex.Filters(
        kinds=["novads"],
        regions=["LV007"],
        population="population_avg",
        pmin=5_000,
        thresholds=[ex.Threshold("road_density", "ge", 0.55)],
    )
    _, steps = ex.apply_filters(UNITS, VALUES, filters)
    texts = [ex.step_text(s, filters, labels, "lv") for s in steps]
    assert texts == [
        "Veids: novads",
        "Statistiskais reģions: Pierīga",
        "Iedzīvotāji: 5\u202f000–…",
        "Ceļu blīvums ≥ 0,55 km/km²",
    ]
    notes = ex.filter_notes(steps, filters, labels, 5, "en")
    assert notes[0] == ("Local governments in the boundaries", "5")
    assert notes[-1] == ("Ceļu blīvums ≥ 0.55 km/km²", "0 remain")


def test_default_axes_are_two_different_indicators():
    assert ex.default_axes("road_density", ["population_avg", "road_density"]) == (
        "population_avg",
        "road_density",
    )
    assert ex.default_axes("population_avg", ["population_avg", "road_density"]) == (
        "road_density",
        "population_avg",
    )
    assert ex.default_axes("gone", ["a", "b"]) == ("b", "a")
    assert ex.default_axes("a", []) == (None, None)


def test_series_frame_keeps_gaps_as_gaps():
    obs = pd.DataFrame(
        {
            "unit_id": ["A", "A", "B"],
            "indicator": ["x", "x", "x"],
            "year": [2020, 2022, 2021],
            "value": [1.0, 3.0, 2.0],
        }
    )
    frame = ex.series_frame(obs, ["B", "A"], "x", {"A": "Alfa", "B": "Beta"})
    assert frame["unit_id"].tolist() == ["B", "B", "B", "A", "A", "A"]
    assert frame["year"].tolist() == [2020, 2021, 2022] * 2
    assert frame["value"].isna().tolist() == [True, False, True, False, True, False]
    assert ex.series_frame(obs, ["A"], "nope", {}).empty


def test_build_date():
    assert ex.build_date("2026-11-21T04:37:02+00:00", "lv") == "21.11.2026."
    assert ex.build_date("2026-11-21T04:37:02+00:00", "en") == "2026-11-21"
    assert ex.build_date(None, "lv") == ""
