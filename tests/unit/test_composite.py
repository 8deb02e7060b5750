"""Composite index: VRAA preset with partial data, missing units, properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchlearn.logic.composite import (
    NOTE_NO_COMPLETE_UNIT,
    NOTE_NO_COMPONENT,
    VRAA_PRESET,
    Component,
    composite_index,
    rank_ranges,
)

NA = pd.NA


def two_of_eight() -> pd.DataFrame:
    """businesses 1, 3, 1, 3 -> mean 2, pop std 1, z = -1, 1, -1, 1.
    unemployment 5, 5, 7, 7 -> mean 6, std 1, z = -1, -1, 1, 1; lower better -> 1, 1, -1, -1.
    """
    return pd.DataFrame(
        {"businesses_per_1000": [1.0, 3.0, 1.0, 3.0], "unemployment_rate": [5.0, 5.0, 7.0, 7.0]},
        index=pd.Index(["A", "B", "C", "D"], name="unit_id"),
    )


def test_vraa_preset() -> None:
    assert [(c.code, c.weight, c.direction) for c in VRAA_PRESET] == [
        ("businesses_per_1000", 0.25, "higher_better"),
        ("pit_per_capita", 0.20, "higher_better"),
        ("unemployment_rate", 0.15, "lower_better"),
        ("needy_share_pct", 0.10, "lower_better"),
        ("natural_increase_per_1000", 0.10, "higher_better"),
        ("net_migration_per_1000", 0.10, "higher_better"),
        ("crime_per_1000", 0.05, "lower_better"),
        ("old_age_dependency", 0.05, "lower_better"),
    ]
    assert sum(c.weight for c in VRAA_PRESET) == pytest.approx(1.0)


def test_vraa_with_two_of_eight_indicators() -> None:
    # weights renormalised: 0.25/0.40 = 0.625 and 0.15/0.40 = 0.375.
    # A: 0.625*-1 + 0.375*1 = -0.25   B: 0.625 + 0.375 = 1.0
    # C: -0.625 - 0.375 = -1.0        D: 0.625 - 0.375 = 0.25
    res = composite_index(two_of_eight(), VRAA_PRESET)
    assert res.missing_indicators == [
        "pit_per_capita",
        "needy_share_pct",
        "natural_increase_per_1000",
        "net_migration_per_1000",
        "crime_per_1000",
        "old_age_dependency",
    ]
    assert res.used == ["businesses_per_1000", "unemployment_rate"]
    assert res.weights == pytest.approx({"businesses_per_1000": 0.625, "unemployment_rate": 0.375})
    assert res.index.tolist() == pytest.approx([-0.25, 1.0, -1.0, 0.25])
    assert res.rank.tolist() == [3, 1, 4, 2]
    assert res.contributions.loc["A"].tolist() == pytest.approx([-0.625, 0.375])
    assert res.incomplete_units == []
    assert not res.empty and res.note == ""


def test_unit_missing_a_present_component_gets_nan() -> None:
    # E has unemployment 6 but no businesses value. businesses z is over A..D only (as
    # above); unemployment over A..E: mean 6, variance 4/5, z = -+1/sqrt(0.8) = -+1.118...
    # A: 0.625*-1 + 0.375*1.118033988749895 = -0.205737254218789.
    table = pd.concat([two_of_eight(), pd.DataFrame({"unemployment_rate": [6.0]}, index=["E"])])
    res = composite_index(table, VRAA_PRESET)
    assert math.isnan(res.index["E"])
    assert res.rank["E"] is NA
    assert res.contributions.loc["E"].isna().all()  # no partial sum, not even in the parts
    assert res.incomplete_units == ["E"]
    assert res.index["A"] == pytest.approx(-0.205737254218789)
    assert res.rank.tolist() == [3, 1, 4, 2, NA]


def test_entirely_nan_column_counts_as_missing() -> None:
    table = two_of_eight().assign(pit_per_capita=np.nan)
    res = composite_index(table, VRAA_PRESET)
    assert "pit_per_capita" in res.missing_indicators
    assert res.index.tolist() == pytest.approx([-0.25, 1.0, -1.0, 0.25])


def test_no_component_available_gives_empty_result() -> None:
    table = pd.DataFrame({"other": [1.0, 2.0]}, index=["A", "B"])
    res = composite_index(table, VRAA_PRESET)
    assert res.empty and res.note == NOTE_NO_COMPONENT
    assert res.index.empty and res.rank.empty and res.used == []
    assert len(res.missing_indicators) == 8


def test_no_complete_unit() -> None:
    table = pd.DataFrame(
        {"businesses_per_1000": [1.0, np.nan], "unemployment_rate": [np.nan, 2.0]},
        index=["A", "B"],
    )
    res = composite_index(table, VRAA_PRESET)
    assert res.empty and res.note == NOTE_NO_COMPLETE_UNIT
    assert res.incomplete_units == ["A", "B"]


def test_zero_weight_component_is_ignored() -> None:
    comps = [
        Component("businesses_per_1000", 1.0, "higher_better"),
        Component("unemployment_rate", 0.0, "lower_better"),
    ]
    res = composite_index(two_of_eight(), comps)
    assert res.used == ["businesses_per_1000"] and res.missing_indicators == []
    assert res.index.tolist() == [-1.0, 1.0, -1.0, 1.0]
    assert res.rank.tolist() == [3, 1, 3, 1]  # competition ranking on ties


@pytest.mark.parametrize(
    ("weight", "direction", "message"),
    [
        (1.0, "neutral", "direction"),
        (-0.1, "higher_better", "weight"),
        (math.nan, "higher_better", "weight"),
    ],
)
def test_invalid_component(weight: float, direction: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Component("a", weight, direction)


def test_duplicate_component_codes() -> None:
    comp = Component("businesses_per_1000", 1.0, "higher_better")
    with pytest.raises(ValueError, match="duplicate"):
        composite_index(two_of_eight(), [comp, comp])


# --- properties -------------------------------------------------------------------------

codes = [c.code for c in VRAA_PRESET]
cell = st.one_of(st.integers(-1000, 1000).map(float), st.just(float("nan")))


@st.composite
def partial_tables(draw) -> pd.DataFrame:
    n = draw(st.integers(1, 8))
    cols = draw(st.lists(st.sampled_from(codes), unique=True, max_size=8))
    data = {c: draw(st.lists(cell, min_size=n, max_size=n)) for c in cols}
    return pd.DataFrame(data, index=[f"LV{i:07d}" for i in range(n)], dtype="float64")


@settings(max_examples=80, deadline=None)
@given(partial_tables())
def test_composite_properties(table) -> None:
    res = composite_index(table, VRAA_PRESET)
    assert sorted(res.used + res.missing_indicators) == sorted(codes)
    for code in res.missing_indicators:
        assert code not in table.columns or table[code].isna().all()
    if not res.used:
        assert res.empty
        return
    assert sum(res.weights.values()) == pytest.approx(1.0)
    complete = table[res.used].notna().all(axis=1)
    assert res.index.isna().tolist() == (~complete).tolist()
    assert res.incomplete_units == list(table.index[~complete])
    assert np.allclose(res.index[complete], res.contributions[complete].sum(axis=1))
    assert res.rank[~complete].isna().all()
    if complete.any():
        assert res.rank[res.index.idxmax()] == 1


# --- the range of ranks when the weights vary (rank_ranges) -------------------------------

RNG_TABLE = pd.DataFrame(
    np.random.default_rng(7).normal(size=(43, 4)),
    columns=["a", "b", "c", "d"],
    index=[f"U{i:02d}" for i in range(43)],
)
RNG_COMPONENTS = [
    Component("a", 0.4, "higher_better"),
    Component("b", 0.3, "lower_better"),
    Component("c", 0.2, "higher_better"),
    Component("d", 0.1, "higher_better"),
]


def test_rank_ranges_are_deterministic_for_a_seed() -> None:
    first = rank_ranges(RNG_TABLE, RNG_COMPONENTS, band=0.3, samples=500, seed=11)
    again = rank_ranges(RNG_TABLE, RNG_COMPONENTS, band=0.3, samples=500, seed=11)
    other = rank_ranges(RNG_TABLE, RNG_COMPONENTS, band=0.3, samples=500, seed=12)
    assert first.low.equals(again.low) and first.high.equals(again.high)
    assert first.kept.equals(again.kept)
    assert not (first.kept.equals(other.kept))  # another seed, other draws


def test_rank_range_bounds_contain_the_point_rank() -> None:
    point = composite_index(RNG_TABLE, RNG_COMPONENTS).rank
    ranges = rank_ranges(RNG_TABLE, RNG_COMPONENTS, band=0.5, samples=300)
    assert ((ranges.low <= point) & (point <= ranges.high)).all()
    assert (ranges.low >= 1).all() and (ranges.high <= 43).all()
    assert (ranges.high > ranges.low).any()  # with half the weight in play, places move
    assert ((ranges.kept > 0) & (ranges.kept <= 1)).all()


def test_a_zero_band_keeps_every_rank() -> None:
    point = composite_index(RNG_TABLE, RNG_COMPONENTS).rank
    ranges = rank_ranges(RNG_TABLE, RNG_COMPONENTS, band=0.0, samples=50)
    assert ranges.low.equals(point.rename("low")) and ranges.high.equals(point.rename("high"))
    assert (ranges.kept == 1).all()


def test_rank_ranges_by_hand() -> None:
    # two components, z-scores +-1: A best on x, B best on y, C worst on both. Weights
    # 0.5/0.5 tie A and B at 0; varied weights put either first, C always last.
    table = pd.DataFrame({"x": [1.0, -1.0, 0.0], "y": [-1.0, 1.0, 0.0]}, index=["A", "B", "C"])
    table.loc["C"] = [-5.0, -5.0]
    comps = [Component("x", 1.0, "higher_better"), Component("y", 1.0, "higher_better")]
    ranges = rank_ranges(table, comps, band=0.2, samples=200, seed=1)
    assert ranges.low.to_dict() == {"A": 1, "B": 1, "C": 3}
    assert ranges.high.to_dict() == {"A": 2, "B": 2, "C": 3}


@settings(max_examples=40, deadline=None)
@given(partial_tables(), st.floats(0, 0.9), st.integers(0, 2**32 - 1))
def test_rank_range_properties(table, band, seed) -> None:
    point = composite_index(table, VRAA_PRESET)
    ranges = rank_ranges(table, VRAA_PRESET, band=band, samples=40, seed=seed)
    complete = point.rank.dropna()
    assert sorted(ranges.low.index) == sorted(complete.index)
    for unit, r in complete.items():
        assert ranges.low[unit] <= r <= ranges.high[unit]
