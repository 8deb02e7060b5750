"""Peer finder: hand-computed distances, error messages and distance properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchlearn.logic.peers import (
    DEFAULT_PEER_INDICATORS,
    REASON_MISSING_FOR_FOCUS,
    REASON_NOT_IN_TABLE,
    distances,
    explain,
    find_peers,
    why_similar,
)

SQRT2 = 1.4142135624  # sqrt(2), rounded to the module's 10 decimals


def square_table() -> pd.DataFrame:
    """a = -1, 1, -1, 1 (mean 0, pop std 1 -> z = a); b = 0, 0, 2, 2 (mean 1, std 1 ->
    z = -1, -1, 1, 1). So in z-space the units are corners of a square:
    U1 (-1,-1), U2 (1,-1), U3 (-1,1), U4 (1,1). Column c has no value for U1."""
    return pd.DataFrame(
        {"a": [-1.0, 1.0, -1.0, 1.0], "b": [0.0, 0.0, 2.0, 2.0], "c": [np.nan, 5.0, 6.0, 7.0]},
        index=pd.Index(["U1", "U2", "U3", "U4"], name="unit_id"),
    )


def test_default_peer_indicators() -> None:
    assert list(DEFAULT_PEER_INDICATORS) == [
        "population",
        "population_density",
        "area_km2",
        "forest_land_share_pct",
        "road_density_km_per_km2",
    ]
    assert set(DEFAULT_PEER_INDICATORS.values()) == {1.0}


def test_equal_weights_square() -> None:
    # weights normalised to 0.5 each. From U1:
    # U2: 0.5*(2^2) + 0.5*0 = 2 -> sqrt 2;  U3: 0 + 2 -> sqrt 2;  U4: 2 + 2 = 4 -> 2.
    # U2 and U3 tie; unit_id breaks the tie.
    res = find_peers(square_table(), "U1", {"a": 1.0, "b": 1.0, "c": 1.0, "zzz": 1.0, "d": 0})
    assert res.focus == "U1"
    assert res.peers.index.tolist() == ["U2", "U3", "U4"]
    assert res.peers["rank"].tolist() == [1, 2, 3]
    assert res.peers["distance"].tolist() == [SQRT2, SQRT2, 2.0]
    assert res.used == ["a", "b"]
    assert res.weights == {"a": 0.5, "b": 0.5}
    # c has no value for the focus, zzz is not a column, d has weight 0 (not asked for)
    assert res.dropped == {"c": REASON_MISSING_FOR_FOCUS, "zzz": REASON_NOT_IN_TABLE}
    assert res.excluded == []
    assert res.contributions.loc["U2"].tolist() == [2.0, 0.0]
    assert res.contributions.loc["U4"].tolist() == [2.0, 2.0]
    assert res.differences.loc["U3"].tolist() == [0.0, 2.0]


def test_unequal_weights_and_k() -> None:
    # weights 3:1 -> 0.75, 0.25. U2: 0.75*4 = 3 -> sqrt 3; U3: 0.25*4 = 1 -> 1; U4: 4 -> 2.
    res = find_peers(square_table(), "U1", {"a": 3.0, "b": 1.0}, k=2)
    assert res.peers.index.tolist() == ["U3", "U2"]
    assert res.peers["distance"].tolist() == [1.0, 1.7320508076]
    assert res.contributions.index.tolist() == ["U3", "U2"]


def test_candidate_missing_indicator_is_excluded() -> None:
    # x over P, Q, R = 0, 3, 6: mean 3, pop std sqrt(6). From P:
    # Q: |0-3|/sqrt6 = 3/sqrt6 = 1.2247448714; R: 6/sqrt6 = sqrt6 = 2.4494897428.
    table = pd.DataFrame({"x": [0.0, 3.0, 6.0, np.nan]}, index=["P", "Q", "R", "S"])
    res = find_peers(table, "P", {"x": 1.0}, k=7)
    assert res.peers.index.tolist() == ["Q", "R"]  # k larger than candidates: all of them
    assert res.peers["distance"].tolist() == [1.2247448714, 2.4494897428]
    assert res.excluded == ["S"]


def test_constant_column_contributes_zero() -> None:
    table = square_table().assign(k=3.0)
    res = find_peers(table, "U1", {"a": 1.0, "b": 1.0, "k": 2.0})
    # weights 0.25, 0.25, 0.5; U2: 0.25*4 = 1 -> 1.
    assert res.peers.loc["U2", "distance"] == 1.0
    assert res.contributions["k"].tolist() == [0.0, 0.0, 0.0]


def test_explain_and_why_similar() -> None:
    res = find_peers(square_table(), "U1", {"a": 1.0, "b": 1.0})
    assert explain(res, "U2") == [("b", 0.0), ("a", 2.0)]
    why = why_similar(res, "U2", n=1)
    assert (why.closest, why.furthest, why.distance) == (["b"], ["a"], SQRT2)
    with pytest.raises(ValueError, match="not among the peers"):
        explain(res, "U1")


def test_unknown_focus() -> None:
    with pytest.raises(ValueError, match="unknown focus unit 'LV9999999'"):
        find_peers(square_table(), "LV9999999", {"a": 1.0})


@pytest.mark.parametrize("k", [0, -1])
def test_k_below_one(k: int) -> None:
    with pytest.raises(ValueError, match="k must be"):
        find_peers(square_table(), "U1", {"a": 1.0}, k=k)


def test_all_indicators_missing_for_focus() -> None:
    table = square_table()
    table.loc["U1", ["a", "b"]] = np.nan
    with pytest.raises(ValueError, match="no usable indicator.*a: missing for focus unit"):
        find_peers(table, "U1", {"a": 1.0, "b": 1.0, "c": 1.0})


def test_no_positive_weight() -> None:
    with pytest.raises(ValueError, match="no usable indicator.*no positive weight"):
        find_peers(square_table(), "U1", {"a": 0.0, "b": -1.0})


# --- properties -------------------------------------------------------------------------

codes = ["i0", "i1", "i2", "i3"]
cents = st.integers(-10_000, 10_000).map(lambda v: v / 100)


@st.composite
def complete_tables(draw) -> pd.DataFrame:
    n = draw(st.integers(2, 9))
    m = draw(st.integers(1, 4))
    data = {c: draw(st.lists(cents, min_size=n, max_size=n)) for c in codes[:m]}
    return pd.DataFrame(data, index=[f"LV{i:07d}" for i in range(n)])


weights_st = st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0]), min_size=4, max_size=4).map(
    lambda ws: dict(zip(codes, ws, strict=True))
)


@settings(max_examples=60, deadline=None)
@given(complete_tables(), weights_st, st.data())
def test_distance_symmetric_and_zero_to_itself(table, weights, data) -> None:
    a = data.draw(st.sampled_from(list(table.index)))
    b = data.draw(st.sampled_from(list(table.index)))
    from_a, from_b = distances(table, a, weights), distances(table, b, weights)
    assert from_a[a] == 0.0
    assert from_a[b] == from_b[a]


@settings(max_examples=60, deadline=None)
@given(
    complete_tables(),
    weights_st,
    st.sampled_from([0.001, 0.37, 2.0, 1000.0]),
    st.sampled_from(codes),
    st.data(),
)
def test_scaling_a_column_keeps_the_peers(table, weights, factor, code, data) -> None:
    focus = data.draw(st.sampled_from(list(table.index)))
    k = data.draw(st.integers(1, 8))
    scaled = table.copy()
    if code in scaled.columns:
        scaled[code] = scaled[code] * factor
    before = find_peers(table, focus, weights, k=k).peers
    after = find_peers(scaled, focus, weights, k=k).peers
    pd.testing.assert_frame_equal(before, after)


@settings(max_examples=60, deadline=None)
@given(complete_tables(), weights_st, st.data())
def test_peers_sorted_deterministic_and_explained(table, weights, data) -> None:
    focus = data.draw(st.sampled_from(list(table.index)))
    res = find_peers(table, focus, weights, k=3)
    keys = list(zip(res.peers["distance"], res.peers.index, strict=True))
    assert keys == sorted(keys)
    assert focus not in res.peers.index
    # contributions add up to the squared distance (the "why" chart is the whole story)
    total = res.contributions.sum(axis=1).pow(0.5)
    assert np.allclose(total, res.peers["distance"], atol=1e-9)
    # row order of the input does not matter
    shuffled = table.sample(frac=1.0, random_state=0)
    pd.testing.assert_frame_equal(res.peers, find_peers(shuffled, focus, weights, k=3).peers)


@settings(max_examples=40, deadline=None)
@given(complete_tables(), st.data())
def test_missing_candidate_values_never_become_zero(table, data) -> None:
    focus = data.draw(st.sampled_from(list(table.index)))
    others = [u for u in table.index if u != focus]
    if not others:
        return
    gap = data.draw(st.sampled_from(others))
    holed = table.copy()
    holed.loc[gap, "i0"] = np.nan
    res = find_peers(holed, focus, {"i0": 1.0}, k=10)
    assert gap in res.excluded and gap not in res.peers.index
    assert not math.isnan(res.peers["distance"].sum())


def test_why_similar_splits_few_indicators() -> None:
    res = find_peers(square_table(), "U1", {"a": 1.0, "b": 1.0})
    why = why_similar(res, "U4", n=2)  # contributions a=2, b=2: tie keeps used order
    assert (why.closest, why.furthest) == (["a"], ["b"])
