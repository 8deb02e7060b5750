"""Scores: hand-computed examples plus properties for ranks, percentiles, bands."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchlearn.logic.scores import (
    BAND_COLOURS,
    BAND_LABELS,
    BANDS,
    band_label,
    group_stats,
    percentile,
    quartile_band,
    rank,
    zscore,
)

NA = pd.NA


def s(values: list[float]) -> pd.Series:
    """Slice with unit ids U0, U1, ... in order."""
    return pd.Series(values, index=[f"U{i}" for i in range(len(values))], dtype="float64")


# --- rank -------------------------------------------------------------------------------


def test_rank_higher_better_competition_ties_and_missing() -> None:
    # values 10, 20, 20, 5, NaN; best = highest: 20,20 share 1, then 10 is 3rd, 5 is 4th.
    got = rank(s([10, 20, 20, 5, np.nan]), "higher_better")
    assert str(got.dtype) == "Int64"
    assert got.tolist() == [3, 1, 1, 4, NA]


def test_rank_lower_better() -> None:
    # best = lowest: 5 -> 1, 10 -> 2, 20,20 -> 3,3
    assert rank(s([10, 20, 20, 5, np.nan]), "lower_better").tolist() == [2, 3, 3, 1, NA]


def test_rank_neutral_is_highest_first() -> None:
    assert rank(s([10, 20, 5]), "neutral").tolist() == [2, 1, 3]


def test_rank_infinite_counts_as_missing() -> None:
    assert rank(s([1, np.inf, 2]), "higher_better").tolist() == [2, NA, 1]


def test_rank_all_missing() -> None:
    assert rank(s([np.nan, np.nan]), "higher_better").tolist() == [NA, NA]


def test_unknown_direction_raises() -> None:
    with pytest.raises(ValueError, match="unknown direction"):
        rank(s([1, 2]), "higher")


# --- percentile -------------------------------------------------------------------------


def test_percentile_distinct_values() -> None:
    # n=3 valued units: worst 0, middle 1/2*100 = 50, best 100; NaN stays NaN.
    got = percentile(s([10, 20, 30, np.nan]), "higher_better")
    assert got.iloc[:3].tolist() == [0.0, 50.0, 100.0]
    assert math.isnan(got.iloc[3])
    assert percentile(s([10, 20, 30]), "lower_better").tolist() == [100.0, 50.0, 0.0]


def test_percentile_ties_use_mid_rank() -> None:
    # values 1, 2, 2, 3 (n=4, n-1=3). For a "2": below=1, equal_others=1
    # -> (1 + 0.5*1) / 3 * 100 = 50. "1": 0/3 -> 0. "3": 3/3 -> 100.
    assert percentile(s([1, 2, 2, 3]), "higher_better").tolist() == [0.0, 50.0, 50.0, 100.0]
    # values 1, 1, 1, 4: a "1" has below=0, equal_others=2 -> 1/3*100 = 33.33...
    got = percentile(s([1, 1, 1, 4]), "higher_better").tolist()
    assert got == pytest.approx([100 / 3, 100 / 3, 100 / 3, 100.0])


def test_percentile_single_valued_unit_and_all_equal() -> None:
    got = percentile(s([7, np.nan]), "lower_better")
    assert got.iloc[0] == 50.0 and math.isnan(got.iloc[1])
    assert percentile(s([4, 4, 4]), "higher_better").tolist() == [50.0, 50.0, 50.0]
    assert percentile(s([np.nan]), "higher_better").isna().all()


# --- zscore -----------------------------------------------------------------------------


def test_zscore_population_std() -> None:
    # 2,4,4,4,5,5,7,9: mean 5, population variance 32/8 = 4, std 2.
    # z = (x-5)/2 = -1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2
    values = s([2, 4, 4, 4, 5, 5, 7, 9, np.nan])
    got = zscore(values, "higher_better")
    assert got.iloc[:8].tolist() == [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]
    assert math.isnan(got.iloc[8])
    flipped = zscore(values, "lower_better")
    assert flipped.iloc[:8].tolist() == [1.5, 0.5, 0.5, 0.5, 0.0, 0.0, -1.0, -2.0]


def test_zscore_constant_is_zero() -> None:
    got = zscore(s([0.1, 0.1, 0.1, np.nan]), "lower_better")
    assert got.iloc[:3].tolist() == [0.0, 0.0, 0.0]
    assert math.isnan(got.iloc[3])


def test_zscore_all_missing() -> None:
    assert zscore(s([np.nan, np.nan]), "higher_better").isna().all()


# --- group_stats ------------------------------------------------------------------------


def test_group_stats() -> None:
    # valued 1, 2, 3, 10: mean 16/4 = 4, median (2+3)/2 = 2.5; one missing.
    got = group_stats(s([1, 2, 3, 10, np.nan]))
    assert got == {"mean": 4.0, "median": 2.5, "min": 1.0, "max": 10.0, "n": 4, "n_missing": 1}


def test_group_stats_empty() -> None:
    got = group_stats(s([np.nan, np.nan]))
    assert got["n"] == 0 and got["n_missing"] == 2
    assert all(math.isnan(got[k]) for k in ("mean", "median", "min", "max"))


# --- bands ------------------------------------------------------------------------------


def test_quartile_band_bounds() -> None:
    pct = s([100, 75, 74.9, 50, 25.1, 25, 0, np.nan])
    expected = ["best", "best", "middle", "middle", "middle", "worst", "worst", "missing"]
    assert quartile_band(pct, "higher_better").tolist() == expected
    # percentiles already say 100 = best, so lower_better bands the same way
    assert quartile_band(pct, "lower_better").tolist() == expected


def test_quartile_band_neutral() -> None:
    got = quartile_band(s([100, 50, 0, np.nan]), "neutral").tolist()
    assert got == ["neutral", "neutral", "neutral", "missing"]


def test_band_colours_and_labels() -> None:
    assert set(BAND_COLOURS) == set(BANDS)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in BAND_COLOURS.values())
    assert len(set(BAND_COLOURS.values())) == len(BANDS)
    for lang in ("lv", "en"):
        assert set(BAND_LABELS[lang]) == set(BANDS)
    assert band_label("worst", "lv") == "sliktākā ceturtdaļa"
    assert band_label("missing", "en") == "no data"
    assert band_label("neutral", "de") == "no judgement"


# --- properties -------------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False)
maybe_missing = st.one_of(finite, st.just(float("nan")))
slices = st.lists(maybe_missing, min_size=0, max_size=12).map(s)
judged = st.sampled_from(["higher_better", "lower_better"])
any_direction = st.sampled_from(["higher_better", "lower_better", "neutral"])


@given(slices, any_direction)
def test_percentile_within_0_100_and_missing_stays_missing(values, direction) -> None:
    got = percentile(values, direction)
    valued = got[values.notna()]
    assert ((valued >= 0) & (valued <= 100)).all()
    assert got[values.isna()].isna().all()


@given(st.lists(finite, min_size=1, max_size=12, unique=True).map(s))
def test_reversing_direction_mirrors_ranks(values) -> None:
    n = len(values)
    higher = rank(values, "higher_better")
    lower = rank(values, "lower_better")
    assert (lower == n + 1 - higher).all()


@given(slices, judged)
def test_reversing_direction_mirrors_percentiles_and_bands(values, direction) -> None:
    other = "lower_better" if direction == "higher_better" else "higher_better"
    p, q = percentile(values, direction), percentile(values, other)
    assert np.allclose(p.dropna(), 100 - q.dropna())
    swap = {"best": "worst", "worst": "best", "middle": "middle", "missing": "missing"}
    bands = quartile_band(p, direction).map(swap)
    assert bands.tolist() == quartile_band(q, other).tolist()


@given(slices, any_direction)
def test_missing_never_ranks(values, direction) -> None:
    got = rank(values, direction)
    assert got[values.isna()].isna().all()
    valued = got[values.notna()]
    assert valued.notna().all()
    # dropping the missing units changes nobody's rank: they were never counted
    assert valued.tolist() == rank(values.dropna(), direction).tolist()
    if len(valued):
        assert valued.min() == 1 and valued.max() <= len(valued)


@given(slices, judged)
def test_zscore_missing_stays_missing_and_mean_zero(values, direction) -> None:
    got = zscore(values, direction)
    assert got.isna().tolist() == values.isna().tolist()
    if got.notna().any():
        assert abs(got.mean()) < 1e-6
