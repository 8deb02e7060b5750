"""Trend series: full year grid with gaps, group mean with its count, Latvia line, scale check.

Small hand-made observation frames; every expected number is worked out in the comments.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from benchlearn.charts.trends import display_frame, legend_order, value_table
from benchlearn.logic.series import (
    LATVIA,
    MEAN,
    group_mean,
    most_covered,
    off_scale,
    single_year,
    trend_series,
    unit_lines,
    year_grid,
)

IND = "pop"


def obs(rows: list[tuple[str, int, float]], indicator: str = IND) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": [r[0] for r in rows],
            "indicator": indicator,
            "year": [r[1] for r in rows],
            "value": [r[2] for r in rows],
            "flags": "",
            "source_id": "src",
            "source_title": "Table X",
            "source_url": "https://example.org",
            "retrieved": "2025-11-13",
        }
    )


# A: 2012, 2014 (2013 missing); B: 2012-2014; C: only 2014; LV: 2012-2015; D: other indicator.
OBS = pd.concat(
    [
        obs(
            [
                ("A", 2012, 10.0),
                ("A", 2014, 14.0),
                ("B", 2012, 20.0),
                ("B", 2013, 22.0),
                ("B", 2014, 24.0),
                ("C", 2014, np.nan),
                ("C", 2013, np.inf),
                ("LV", 2012, 15.0),
                ("LV", 2013, 16.0),
                ("LV", 2014, 17.0),
                ("LV", 2015, 18.0),
            ]
        ),
        obs([("D", 2010, 1.0)], indicator="other"),
    ],
    ignore_index=True,
)


def test_year_grid_is_contiguous_between_first_and_last_value() -> None:
    assert year_grid(OBS, IND, ["A"]) == [2012, 2013, 2014]
    assert year_grid(OBS, IND, ["A", "LV"]) == [2012, 2013, 2014, 2015]
    # NaN and inf are "no data": C has no year at all
    assert year_grid(OBS, IND, ["C"]) == []


def test_unit_lines_keep_missing_years_as_nan_rows() -> None:
    lines = unit_lines(OBS, IND, ["A"], [2012, 2013, 2014, 2015])
    assert lines["year"].tolist() == [2012, 2013, 2014, 2015]
    values = lines["value"].tolist()
    assert values[0] == 10.0 and values[2] == 14.0
    assert math.isnan(values[1]) and math.isnan(values[3])
    assert lines.loc[0, "source_title"] == "Table X"


def test_group_mean_uses_only_valued_members_and_counts_them() -> None:
    mean = group_mean(OBS, IND, ["A", "B", "C"], [2012, 2013, 2014, 2015]).set_index("year")
    # 2012: (10 + 20) / 2 = 15 from 2; 2013: B only -> 22 (A missing, C inf); 2014: (14+24)/2
    assert mean.loc[2012, "value"] == 15.0 and mean.loc[2012, "n"] == 2
    assert mean.loc[2013, "value"] == 22.0 and mean.loc[2013, "n"] == 1
    assert mean.loc[2014, "value"] == 19.0 and mean.loc[2014, "n"] == 2
    # nobody in 2015: a gap, not zero
    assert math.isnan(mean.loc[2015, "value"]) and mean.loc[2015, "n"] == 0
    assert (mean["n_total"] == 3).all()


def test_trend_series_roles_grid_and_reference_lines() -> None:
    series = trend_series(OBS, IND, ["B"], "A", ["A", "B", "C"])
    assert list(dict.fromkeys(series["series"])) == ["A", "B", LATVIA, MEAN]
    roles = series.drop_duplicates("series").set_index("series")["role"]
    assert roles.to_dict() == {"A": "my", "B": "unit", LATVIA: "latvia", MEAN: "mean"}
    # Latvia's 2015 extends the grid for everyone: 4 series x 4 years
    assert len(series) == 16
    a = series[series["series"] == "A"].set_index("year")["value"]
    assert math.isnan(a[2013]) and math.isnan(a[2015])
    latvia = series[series["series"] == LATVIA].set_index("year")["value"]
    assert latvia[2015] == 18.0


def test_trend_series_without_latvia_or_group() -> None:
    no_latvia = OBS[OBS["unit_id"] != "LV"]
    series = trend_series(no_latvia, IND, ["B"], None, [])
    assert set(series["series"]) == {"B"}
    assert series["year"].tolist() == [2012, 2013, 2014]


def test_trend_series_for_an_indicator_without_values_is_empty() -> None:
    assert trend_series(OBS, "nothing", ["A"], None, ["A"]).empty


def test_most_covered_prefers_more_years_then_member_order() -> None:
    # B has 3 years, A 2, C none (NaN/inf) and is left out
    assert most_covered(OBS, IND, ["A", "C", "B"], limit=12) == ["B", "A"]
    assert most_covered(OBS, IND, ["A", "C", "B"], limit=1) == ["B"]


def test_off_scale_when_latvia_dwarfs_the_units() -> None:
    def frame(latvia: float) -> pd.DataFrame:
        return pd.DataFrame(
            {"role": ["my", "unit", "mean", "latvia"], "value": [100.0, -200.0, 150.0, latvia]}
        )

    assert not off_scale(frame(600.0))  # 600 <= 3 x 200 (the largest magnitude, |-200|)
    assert off_scale(frame(601.0))
    assert not off_scale(frame(np.nan))
    assert not off_scale(pd.DataFrame({"role": ["latvia"], "value": [5.0]}))


def test_single_year() -> None:
    one = pd.DataFrame({"year": [2024, 2024, 2023], "value": [1.0, 2.0, np.nan]})
    assert single_year(one) == 2024
    assert single_year(one.assign(value=[1.0, 2.0, 3.0])) is None


def test_display_frame_formats_latvian_values_and_sources() -> None:
    series = trend_series(OBS, IND, [], "A", ["A", "B"])
    labels = {"A": "Ādažu novads", LATVIA: "Latvija", MEAN: "Grupas vidējā vērtība"}
    frame = display_frame(series, labels, "iedz.", 1, "lv", derived="formula")
    first = frame.iloc[0]
    assert first["label"] == "Ādažu novads" and first["value_text"] == "10,0 iedz."
    assert first["source_text"] == "Table X (iegūts 2025-11-13)"
    gap = frame[(frame["series"] == "A") & (frame["year"] == 2013)].iloc[0]
    assert gap["value_text"] == "nav datu"
    mean_2013 = frame[(frame["series"] == MEAN) & (frame["year"] == 2013)].iloc[0]
    assert mean_2013["source_text"] == "pašvaldības ar datiem: 1 no 2"
    labels_order, colours, dashes, widths = legend_order(frame)
    assert labels_order == ["Ādažu novads", "Latvija", "Grupas vidējā vērtība"]
    assert dashes[0] == [1, 0] and dashes[1] != [1, 0] and widths[0] > widths[1]


def test_value_table_is_text_with_a_count_row() -> None:
    series = trend_series(OBS, IND, [], "A", ["A", "B"])
    frame = display_frame(series, {"A": "A", LATVIA: "LV", MEAN: "Mean"}, "u", 0, "lv", "")
    table = value_table(frame, 0, "lv", "Pašvaldība", count_label="n")
    assert table.columns.tolist() == ["Pašvaldība", "2012", "2013", "2014", "2015"]
    assert table["Pašvaldība"].tolist() == ["A", "LV", "Mean", "n"]
    assert table.iloc[0].tolist() == ["A", "10", "–", "14", "–"]
    assert table.iloc[3].tolist() == ["n", "2", "1", "2", "0"]


def test_value_table_keeps_two_series_with_the_same_name() -> None:
    series = trend_series(OBS, IND, ["B"], "A", [])
    frame = display_frame(series, {"A": "Madona", "B": "Madona", LATVIA: "LV"}, "u", 0, "lv", "")
    table = value_table(frame, 0, "lv", "Pašvaldība")
    assert table["Pašvaldība"].tolist() == ["Madona", "Madona", "LV"]
    assert table["2013"].tolist() == ["–", "22", "16"]
