"""Expected value and gap (benchlearn.logic.gaps), against numbers computed by hand."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from benchlearn.logic import gaps

REF = pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 4.0, "E": math.nan})


def test_expected_value_and_gap_by_hand():
    row = gaps.expected_gap(1.5, REF, "higher_better")
    # median of 1, 2, 3, 4 = 2.5; quartiles (linear) 1.75 and 3.25; E has no value
    assert (row["n_ref"], row["median"], row["q1"], row["q3"]) == (4, 2.5, 1.75, 3.25)
    assert row["gap"] == pytest.approx(-1.0)
    assert row["relative"] == pytest.approx(-40.0)  # -1 / 2.5
    # among 1, 1.5, 2, 3, 4 the value is second from the bottom: (2 - 1) / (5 - 1) = 25
    assert row["percentile"] == pytest.approx(25.0)
    assert (row["verdict"], row["best"], row["best_value"]) == ("worse", "D", 4.0)


def test_direction_turns_the_verdict_and_the_best_placed():
    row = gaps.expected_gap(1.5, REF, "lower_better")
    assert row["gap"] == pytest.approx(-1.0)  # the gap itself keeps its sign
    assert row["percentile"] == pytest.approx(75.0)
    assert (row["verdict"], row["best"]) == ("better", "A")
    neutral = gaps.expected_gap(1.5, REF, "neutral")
    assert neutral["verdict"] == "neutral" and math.isnan(neutral["percentile"])
    assert neutral["best"] == "D"  # the largest: a position, not a judgement


def test_too_few_references_give_no_expected_value():
    row = gaps.expected_gap(1.0, pd.Series({"A": 1.0, "B": math.nan, "C": 5.0}), "higher_better")
    assert row["verdict"] == "none" and row["n_ref"] == 2 and math.isnan(row["median"])
    words = gaps.gap_words(row, "km", 1, "peers", "en")
    assert words == "fewer than 3 similar municipalities have a value"
    assert gaps.gap_cell(row, "km", 1, "lv") == "–"


def test_words_in_both_languages():
    row = gaps.expected_gap(2.2, REF, "higher_better")  # median 2.5: 0.3 lower = 12 %
    assert gaps.gap_words(row, "per 10,000", 1, "peers", "en") == (
        "12\u202f% lower than in similar municipalities (worse)"
    )
    assert gaps.gap_words(row, "uz 10 000", 1, "peers", "lv") == (
        "par 12\u202f% mazāk nekā līdzīgajās pašvaldībās (sliktāk)"
    )
    assert gaps.gap_words(row, "x", 1, "short", "en") == "12\u202f% lower (worse)"
    assert gaps.gap_cell(row, "km", 1, "lv") == "−0,3 (−12\u202f%)"
    assert gaps.gap_cell(row, "%", 1, "lv") == "−0,3"  # percentage points, no % of a %
    assert gaps.expected_cell(row, 2, "lv") == "2,50 (1,75–3,25)"
    # shares: percentage points, not percent of percent
    share = gaps.expected_gap(30.0, pd.Series({"A": 20.0, "B": 25.0, "C": 26.0}), "lower_better")
    assert gaps.gap_words(share, "%", 1, "group", "en") == (
        "5.0 percentage points higher than in the rest of the group (worse)"
    )
    tiny = gaps.expected_gap(2.49, REF, "higher_better")
    assert gaps.gap_cell(tiny, "km", 1, "en") == "0.0 (0\u202f%)"  # no "−0.0"
    same = gaps.expected_gap(2.5, REF, "higher_better")
    assert gaps.gap_words(same, "km", 1, "peers", "lv") == "tāpat kā līdzīgajās pašvaldībās"


def test_gap_table_takes_the_units_year():
    obs = pd.DataFrame(
        {
            "unit_id": ["M", "A", "B", "C", "A", "B", "C", "M"],
            "indicator": ["x"] * 8,
            "year": [2024, 2024, 2024, 2024, 2023, 2023, 2023, 2023],
            "value": [10.0, 8.0, 12.0, 20.0, 1.0, 1.0, 1.0, 99.0],
        }
    )
    catalogue = pd.DataFrame({"direction": ["higher_better"], "timeless": [False]}, index=["x"])
    profile = pd.DataFrame(
        {"indicator": ["x"], "year": [2024], "value": [10.0], "direction": ["higher_better"]}
    )
    table = gaps.gap_table(obs, profile, ["A", "B", "C"], catalogue)
    row = table.iloc[0]
    assert row["median"] == 12.0 and row["n_ref"] == 3  # 8, 12, 20 of 2024, not 2023's 1s
    assert row["best"] == "C"


def test_reference_is_the_group_or_the_similar_municipalities():
    assert gaps.reference_units("novadi", ["M", "A", "B"], ["P"], "M") == ("group", ["A", "B"])
    assert gaps.reference_units("all", ["M", "A"], ["P", "Q"], "M") == ("peers", ["P", "Q"])
    # a group that does not hold the unit: the similar municipalities
    assert gaps.reference_units("novadi", ["A", "B"], ["P"], "M") == ("peers", ["P"])


def test_leave_one_out_median():
    medians, gap = gaps.leave_one_out(pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 10.0}))
    assert medians.tolist() == [3.0, 3.0, 2.0, 2.0]  # median of the other three
    assert gap.tolist() == [-2.0, -1.0, 1.0, 8.0]
    medians, _ = gaps.leave_one_out(pd.Series({"A": 1.0, "B": 2.0, "C": math.nan}))
    assert medians.isna().all()  # one other value is no reference


def test_leads_find_the_best_placed_units_practices_and_networks():
    table = pd.DataFrame({"indicator": ["x", "y"], "best": ["A", "B"]})
    p1 = SimpleNamespace(unit_id="A", former_unit_id=None, indicators=("x",))
    p2 = SimpleNamespace(unit_id="B", former_unit_id=None, indicators=("x",))
    p3 = SimpleNamespace(unit_id="Z", former_unit_id="OLD", indicators=("y",))
    p4 = SimpleNamespace(unit_id="Q", former_unit_id=None, indicators=("x",))  # not compared
    n1 = SimpleNamespace(members=("C",), indicators=("x",))
    n2 = SimpleNamespace(members=("A",), indicators=("x",))
    found = gaps.leads(table, ["A", "B"], [p1, p2, p3, p4], [n1, n2], {"B": {"OLD"}})
    assert found["x"]["best_practices"] == [p1]
    assert found["x"]["other_practices"] == [p2]
    assert found["x"]["networks"] == [n2, n1]  # the best-placed unit's own network first
    assert found["y"]["best_practices"] == [p3]  # recorded under B's territory before 2021
