"""The explorer's URL fields: codes in, codes out; anything else becomes a notice."""

from __future__ import annotations

import pytest

from benchlearn.state import (
    MAX_THRESHOLDS,
    Options,
    ViewState,
    parse,
    parse_threshold,
    threshold_text,
    to_params,
)

OPTIONS = Options(
    indicators=["road_asphalt_share_pct", "population_avg", "road_density_km_per_km2"],
    years={"road_asphalt_share_pct": [2024], "population_avg": list(range(2012, 2025))},
    units=["LV0001000", "LV0020000"],
    groups=["all", "compared", "nuts:LV003", "nuts:LV009"],
    versions=["lg2021"],
    themes=["roads"],
)


def test_explorer_round_trip():
    params = {
        "kind": "novads,state_city",
        "reg": "LV009,LV003",
        "pmin": "5000",
        "pmax": "30000",
        "thr": "road_density_km_per_km2:gt:0.5,population_avg:le:20000",
        "cols": "population_avg",
        "sx": "population_avg",
        "sy": "road_asphalt_share_pct",
        "lx": "1",
        "ly": "1",
    }
    state, notices = parse(params, OPTIONS)
    assert notices == []
    assert state.kind == ["novads", "state_city"]
    assert state.thr == ["road_density_km_per_km2:gt:0.5", "population_avg:le:20000"]
    assert (state.pmin, state.pmax, state.lx, state.ly) == (5000, 30000, True, True)
    assert to_params(state) == params


def test_defaults_leave_the_url_short():
    assert to_params(ViewState()) == {}
    state, _ = parse({"lx": "0", "kind": "", "thr": ""}, OPTIONS)
    assert to_params(state) == {}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("kind", "castle"),
        ("kind", "novads;DROP TABLE units"),
        ("reg", "LV999"),
        ("reg", "nuts:LV003"),
        ("cols", "'; DROP TABLE observations; --"),
        ("sx", "x" * 5000),
        ("sy", "<script>alert(1)</script>"),
        ("lx", "yes"),
        ("pmin", "-5"),
        ("pmin", "1e9"),
        ("pmin", "99999999999"),
        ("pmax", "１２"),  # full-width digits
        ("pmax", "5\u200b000"),  # zero-width space
        ("thr", "population_avg:gt:1;DROP"),
        ("thr", "population_avg:eq:1"),
        ("thr", "population_avg:gt:nan"),
        ("thr", "ｐopulation_avg:gt:1"),  # homoglyph
        ("thr", "population_avg:gt:" + "1" * 100),
    ],
)
def test_hostile_values_are_dropped_with_a_notice(key, value):
    state, notices = parse({key: value}, OPTIONS)
    assert [n.field for n in notices] == [key]
    assert len(notices[0].value) <= 60
    assert "\u200b" not in notices[0].value  # invisible characters are not echoed
    assert getattr(state, key) == getattr(ViewState(), key)


def test_good_items_survive_beside_bad_ones():
    state, notices = parse(
        {"kind": "novads,castle", "thr": "population_avg:gt:1,bad,population_avg:gt:1"},
        OPTIONS,
    )
    assert state.kind == ["novads"]
    assert state.thr == ["population_avg:gt:1"]  # repeated once
    assert [n.value for n in notices] == ["castle", "bad"]


def test_at_most_five_thresholds():
    items = ",".join(f"population_avg:gt:{i}" for i in range(9))
    state, _ = parse({"thr": items}, OPTIONS)
    assert len(state.thr) == MAX_THRESHOLDS


def test_reversed_population_range_drops_the_upper_limit():
    state, notices = parse({"pmin": "5000", "pmax": "100"}, OPTIONS)
    assert (state.pmin, state.pmax) == (5000, None)
    assert [n.field for n in notices] == ["pmax"]


def test_threshold_text_round_trip():
    assert threshold_text("population_avg", "ge", 20000.0) == "population_avg:ge:20000"
    assert threshold_text("population_avg", "lt", 0.25) == "population_avg:lt:0.25"
    assert threshold_text("population_avg", "lt", -1.5) == "population_avg:lt:-1.5"
    for text in ("population_avg:ge:20000", "population_avg:lt:0.25", "population_avg:lt:-1.5"):
        assert threshold_text(*parse_threshold(text, OPTIONS.indicators)) == text
