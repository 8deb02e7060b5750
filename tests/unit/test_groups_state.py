"""The URL's own comparison group: "ug=Name:LV0020000,LV0021000", selected with grp=user."""

from __future__ import annotations

import pytest

from benchlearn.state import MAX_GROUP_NAME, Options, ViewState, parse, to_params

OPTIONS = Options(
    indicators=["road_asphalt_share_pct", "population_avg"],
    years={"road_asphalt_share_pct": [2024], "population_avg": [2024]},
    units=["LV0001000", "LV0020000", "LV0021000", "LV0038000_2025"],
    groups=["all", "compared", "state_cities", "nuts:LV003", "pop:lt15k"],
    versions=["lg2021", "lg2025"],
    themes=["population"],
)


def test_named_group_round_trip():
    params = {"ug": "Vidzemes kaimiņi:LV0020000,LV0021000", "grp": "user"}
    state, notices = parse(params, OPTIONS)
    assert notices == []
    assert (state.ug_name, state.ug, state.grp) == (
        "Vidzemes kaimiņi",
        ["LV0020000", "LV0021000"],
        "user",
    )
    assert to_params(state) == params


def test_name_may_hold_a_colon_and_can_be_left_out():
    state, _ = parse({"ug": "Tīkls: T2:LV0001000"}, OPTIONS)
    assert state.ug_name == "Tīkls: T2" and state.ug == ["LV0001000"]
    state, notices = parse({"ug": "LV0001000,LV0038000_2025"}, OPTIONS)
    assert notices == [] and state.ug_name == "" and state.ug == ["LV0001000", "LV0038000_2025"]
    assert to_params(state) == {"ug": "LV0001000,LV0038000_2025"}


def test_unknown_members_are_dropped_with_a_notice():
    state, notices = parse({"ug": "X:LV0020000,LV9999999,LV0020000,,nope"}, OPTIONS)
    assert state.ug == ["LV0020000"]
    assert [(n.field, n.value) for n in notices] == [("ug", "LV9999999"), ("ug", "nope")]


@pytest.mark.parametrize("raw", ["X:LV9999999", "Tikai nosaukums:", ":", "'; DROP TABLE x; --"])
def test_no_valid_member_means_no_group(raw):
    state, notices = parse({"ug": raw, "grp": "user"}, OPTIONS)
    assert state.ug == [] and state.ug_name == ""
    assert state.grp == "all"  # grp=user names nothing, so it is reported too
    assert {n.field for n in notices} == {"ug", "grp"}
    assert all(len(n.value) <= 60 for n in notices)


def test_user_group_needs_a_group_in_the_url():
    state, notices = parse({"grp": "user"}, OPTIONS)
    assert state.grp == "all" and [n.field for n in notices] == ["grp"]


def test_long_names_are_cut_and_control_characters_dropped():
    state, _ = parse({"ug": "A\x00b\x1b" + "x" * 100 + ":LV0001000"}, OPTIONS)
    assert state.ug_name.startswith("Abx") and len(state.ug_name) == MAX_GROUP_NAME
    assert "\x00" not in to_params(state)["ug"]


def test_stored_groups_still_parse():
    for code in ("pop:lt15k", "nuts:LV003", "compared"):
        state, notices = parse({"grp": code}, OPTIONS)
        assert state.grp == code and notices == []


def test_default_state_has_no_user_group():
    assert ViewState().ug == [] and "ug" not in to_params(ViewState())
