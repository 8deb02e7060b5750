"""URL state: codes in, codes out; anything unknown becomes a notice, never an exception."""

from __future__ import annotations

import pytest

from benchlearn.state import Options, ViewState, parse, to_params

OPTIONS = Options(
    indicators=["road_asphalt_share_pct", "population_avg"],
    years={"road_asphalt_share_pct": [2024], "population_avg": list(range(2012, 2025))},
    units=["LV0001000", "LV0020000", "LV0038000_2025"],
    groups=["all", "state_cities", "novadi", "compared", "nuts:LV003"],
    versions=["pre2021", "lg2021", "lg2025"],
    themes=["population", "roads"],
)


def test_defaults_from_an_empty_url():
    state, notices = parse({}, OPTIONS)
    assert state == ViewState() and notices == []
    assert to_params(state) == {}


def test_round_trip():
    params = {
        "lang": "en",
        "ind": "population_avg",
        "year": "2015",
        "my": "LV0020000",
        "cmp": "LV0001000,LV0038000_2025",
        "grp": "compared",
        "bv": "lg2021",
        "cls": "equal",
        "theme": "roads",
        "pc": "1",
    }
    state, notices = parse(params, OPTIONS)
    assert notices == []
    assert to_params(state) == params


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("ind", "'; DROP TABLE observations; --"),
        ("my", "LV9999999"),
        ("grp", "<script>"),
        ("bv", "lg1999"),
        ("lang", "de"),
        ("cls", "jenks"),
        ("theme", "x" * 5000),
    ],
)
def test_hostile_values_are_dropped_with_a_notice(key, value):
    state, notices = parse({key: value}, OPTIONS)
    assert [n.field for n in notices] == [key]
    assert len(notices[0].value) <= 60
    assert getattr(state, key) == getattr(ViewState(), key)


@pytest.mark.parametrize("year", ["1800", "2099", "abc", "-1", "20155", "2012.5"])
def test_bad_years(year):
    state, notices = parse({"ind": "population_avg", "year": year}, OPTIONS)
    assert state.year is None and len(notices) == 1 and notices[0].field == "year"


def test_year_without_data_says_which_year_is_shown():
    _, notices = parse({"ind": "population_avg", "year": "1800"}, OPTIONS)
    assert notices[0].kind == "year" and notices[0].shown == 2024


def test_compared_list_keeps_known_units_and_reports_others():
    state, notices = parse({"cmp": "LV0001000,nope,LV0001000,LV0020000"}, OPTIONS)
    assert state.cmp == ["LV0001000", "LV0020000"]
    assert [n.value for n in notices] == ["nope"]


def test_repeated_parameter_takes_the_last():
    state, _ = parse({"lang": ["lv", "en"]}, OPTIONS)
    assert state.lang == "en"


def test_control_characters_are_not_echoed():
    _, notices = parse({"my": "a\x00b\x1bc"}, OPTIONS)
    assert notices[0].value == "abc"
