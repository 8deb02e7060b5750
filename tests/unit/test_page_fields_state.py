"""The pages' own fields of the view (issue 23, item 1): parsed and checked by state.parse like
the shared ones, written by state.to_params only for their page, and reset by RESETS."""

from __future__ import annotations

import pytest

from benchlearn import navigation
from benchlearn.logic import indexview, similar
from benchlearn.state import (
    DEFAULT_BAND,
    DEFAULT_PEERS,
    INDEX_DIRECTIONS,
    INDEX_PRESETS,
    MAX_BAND,
    MAX_COMPARED,
    MAX_ID,
    MAX_INDEX_WEIGHT,
    MAX_INDICATORS,
    MAX_PEER_WEIGHT,
    MAX_PEERS,
    MAX_SLIDE,
    MAX_TIMER,
    MAX_WEIGHTS,
    OWN_FIELDS,
    PAGE_FIELDS,
    RESETS,
    VIEW_FIELDS,
    Options,
    ViewState,
    parse,
    resets,
    to_params,
)

CODES = ["road_asphalt_share_pct", *(f"ind_{n:02d}" for n in range(19))]
OPTIONS = Options(
    indicators=CODES,
    years={c: [2020, 2024] for c in CODES},
    units=["LV0001000", "LV0020000", "LV0038000_2025"],
    groups=["all", "compared"],
    versions=["lg2021"],
    themes=["population"],
    networks=[3, 5],
)

# page URL path -> a link of that page with every own field set (not at its default)
LINKS = {
    "tikli": {"tikls": "5"},
    "prezentacija": {"deck": "12", "slide": "3", "anon": "1", "spot": "LV0020000", "timer": "15"},
    "profils": {"tendences": "1"},
    "salidzinajums": {"inds": "ind_03,ind_01"},
    "lidzigas": {"k": "4", "pyear": "2019", "pw": "ind_01:2.5,ind_02:0"},
    "indeksi": {
        "preset": "example",
        "iyear": "2023",
        "band": "35",
        "iw": "ind_01:0.25:h,unemployment_rate:0.75:l",  # a VRAA code the database lacks
    },
}


def test_every_page_field_is_a_field_of_the_view_and_of_one_page():
    assert set(LINKS) == set(PAGE_FIELDS)
    assert set(PAGE_FIELDS) <= set(navigation.page_paths())  # real URL paths
    assert len(OWN_FIELDS) == len(set(OWN_FIELDS))  # one page each
    assert not set(OWN_FIELDS) & set(VIEW_FIELDS)
    fields = set(ViewState.__dataclass_fields__)
    assert set(OWN_FIELDS) <= fields
    assert {f for ks in RESETS.values() for f in ks} | set(RESETS) <= fields
    assert set(INDEX_PRESETS) == set(indexview.PRESETS)
    assert MAX_PEER_WEIGHT == similar.MAX_WEIGHT and MAX_INDEX_WEIGHT == indexview.MAX_WEIGHT
    assert set(INDEX_DIRECTIONS.values()) == set(indexview.DIRECTIONS)
    assert MAX_PEERS == MAX_COMPARED - 1


@pytest.mark.parametrize("page", list(LINKS))
def test_a_page_link_round_trips_and_stays_on_its_page(page):
    state, notices = parse(LINKS[page], OPTIONS)
    assert notices == []
    assert to_params(state, page) == LINKS[page]
    for other in PAGE_FIELDS:  # other pages' links leave these fields out
        if other != page:
            assert to_params(state, other) == {}
    assert to_params(state) == {}  # the shared view alone


def test_parsed_values():
    state, _ = parse({k: v for link in LINKS.values() for k, v in link.items()}, OPTIONS)
    assert (state.tikls, state.deck, state.slide, state.anon) == (5, 12, 3, True)
    assert (state.spot, state.timer, state.tendences) == ("LV0020000", 15, True)
    assert state.inds == ["ind_03", "ind_01"]
    assert (state.k, state.pyear, state.preset, state.iyear, state.band) == (
        4,
        2019,
        "example",
        2023,
        35,
    )


def test_defaults_are_left_out_of_links():
    state = ViewState()
    assert (state.k, state.preset, state.band, state.inds) == (
        DEFAULT_PEERS,
        "vraa",
        DEFAULT_BAND,
        None,
    )
    for page in PAGE_FIELDS:
        assert to_params(state, page) == {}
    explicit, _ = parse({"k": str(DEFAULT_PEERS), "preset": "vraa", "band": "20"}, OPTIONS)
    assert to_params(explicit, "lidzigas") == {} and to_params(explicit, "indeksi") == {}
    assert to_params(ViewState(anon=False, tendences=False, inds=[]), "salidzinajums") == {}


def test_the_bounds_are_accepted():
    state, notices = parse(
        {
            "tikls": "3",
            "deck": str(MAX_ID),
            "slide": str(MAX_SLIDE),
            "timer": str(MAX_TIMER),
            "k": str(MAX_PEERS),
            "band": "0",
            "pyear": "1990",
            "iyear": "2100",
            "inds": ",".join(CODES),
        },
        OPTIONS,
    )
    assert notices == []
    assert (state.deck, state.slide, state.timer, state.k, state.band) == (
        MAX_ID,
        MAX_SLIDE,
        MAX_TIMER,
        MAX_PEERS,
        0,
    )
    assert state.inds == CODES[:MAX_INDICATORS]  # cut to what the table takes
    assert to_params(state, "indeksi") == {"band": "0", "iyear": "2100"}
    assert parse({"band": str(MAX_BAND)}, OPTIONS)[0].band == MAX_BAND


HOSTILE = {
    "tikls": ["4", "0", "-3", "05", "9" * 30, "²", "x" * 200],  # 4: not a known network
    "deck": ["0", str(MAX_ID + 1), "-1", "1e3", "٣", "x" * 200],
    "slide": ["0", str(MAX_SLIDE + 1), "-2", "1.5"],
    "anon": ["yes", "2", "true"],
    "spot": ["LV9999999", "lv0020000", "Jelgava", "LV0020000\x00"],
    "timer": ["0", str(MAX_TIMER + 1), "2.5", "-5"],
    "tendences": ["yes", "2"],
    "inds": ["nope", "ind_01\x1b", "IND_01"],
    "k": ["0", str(MAX_PEERS + 1), "07", "-7", "3.0", "七"],
    "pyear": ["1989", "2101", "24", "0000", "٢٠٢٤", "2024\u200b"],
    "iyear": ["1800", "99999", "+2024", "2024 "],
    "preset": ["VRAA", "vraa2", "", "example "],
    "band": [str(MAX_BAND + 1), "-5", "05", "2.5", "100"],
    "pw": ["ind_01", "ind_01:11", "ind_01:-1", "nope:1", "ind_01:1e999", "ind_01:nan", "ind_01:²"],
    "iw": ["ind_01:1", "ind_01:1:x", "ind_01:101:h", "nope:1:h", "ind_01:0x1:l", "ind_01:1:H"],
}


@pytest.mark.parametrize(
    ("key", "value"), [(k, v) for k, values in HOSTILE.items() for v in values if v]
)
def test_hostile_page_values_are_dropped_with_a_notice(key, value):
    state, notices = parse({key: value}, OPTIONS)
    assert [n.field for n in notices] == [key]
    assert all(n.value.isprintable() for n in notices)
    default = ViewState()
    assert getattr(state, key) == (
        [] if key in ("inds", "pw", "iw") else getattr(default, key)
    )  # an unknown list item leaves an empty choice
    assert to_params(state, next(p for p, fs in PAGE_FIELDS.items() if key in fs)) == {}


@pytest.mark.parametrize("key", OWN_FIELDS)
def test_too_long_values_are_not_read(key):
    state, notices = parse({key: "1" * 5000}, OPTIONS)
    assert [n.field for n in notices] == [key] and len(notices[0].value) <= 60
    assert getattr(state, key) == getattr(ViewState(), key)


def test_a_list_of_unknown_indicators_is_a_few_notices():
    _, notices = parse({"inds": ",".join(["nope"] * 100)}, OPTIONS)
    assert 1 <= len(notices) <= 3


def test_resets():
    assert resets("deck") == {"slide": None}
    assert resets("ind") == {"theme": None, "inds": None}
    assert resets("preset") == {"iyear": None, "iw": None}
    assert resets("lang") == {}  # a language change keeps everything


def test_weights_are_normalised_and_bounded():
    state, notices = parse(
        {"pw": "ind_01:2.50,ind_01:3,ind_02:1e1", "iw": "ind_03:100:l,ind_04:0.0:h"}, OPTIONS
    )
    assert notices == []
    assert state.pw == ["ind_01:2.5", "ind_02:10"]  # a repeated code keeps its first weight
    assert state.iw == ["ind_03:100:l", "ind_04:0:h"]
    many = ",".join(f"{c}:1" for c in CODES)
    assert len(parse({"pw": many}, OPTIONS)[0].pw) == MAX_WEIGHTS
    _, notices = parse({"pw": ",".join(["nope:1"] * 100)}, OPTIONS)
    assert 1 <= len(notices) <= 3
