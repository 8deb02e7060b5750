"""The app shell, map and data pages in AppTest: languages, URL restore, hostile URLs."""

from __future__ import annotations

import json
import re

import pytest

from tests.app.conftest import texts

PAGES = [
    "pages/map.py",
    "pages/trends.py",
    "pages/benchmark.py",
    "pages/profile.py",
    "pages/data.py",
    "pages/peers.py",
    "pages/indices.py",
    "pages/explorer.py",
    "pages/console.py",
    "pages/networks.py",
    "pages/practices.py",
]
VIEW = {
    "ind": "population_avg",
    "year": "2019",
    "my": "LV0020000",
    "cmp": "LV0021000,LV0023000",
    "grp": "nuts:LV009",
    "bv": "lg2021",
    "cls": "equal",
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_map_page(open_app, lang):
    at = open_app(lang=lang)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(layer for layer in spec["layers"] if layer["id"] == "units")
    assert len(layer["data"]["features"]) == 43
    title = "Ceļu ar asfalta segumu īpatsvars" if lang == "lv" else "Share of roads with asphalt"
    assert title in at.title[0].value
    shown = texts(at)
    assert ("Leģenda" if lang == "lv" else "Legend") in shown
    no_data = r"nav datu\s+\(\d+\)" if lang == "lv" else r"no data\s+\(\d+\)"
    assert re.search(no_data, shown)  # the grey class, with its count
    assert "28,8" in shown if lang == "lv" else "28.8" in shown  # Latvia's value as the centre


def test_map_tooltips_carry_value_and_rank(open_app):
    at = open_app(ind="population_avg", year="2024")
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    props = {
        f["properties"]["unit_id"]: f["properties"] for f in spec["layers"][0]["data"]["features"]
    }
    assert props["LV0020000"]["value_text"] == "28\u202f446 iedzīvotāji"
    assert props["LV0020000"]["rank_text"].endswith("vieta no 36")
    assert props["LV0001000"]["value_text"] == "nav datu"
    assert "basemaps" not in at.get("deck_gl_json_chart")[0].proto.json


def test_backcast_years_are_drawn_on_the_boundaries_they_are_on(open_app):
    at = open_app(ind="population_avg", year="2015")
    assert any("CSP" in i.value for i in at.info)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert len(spec["layers"][0]["data"]["features"]) == 43


def test_merged_madona_on_the_2025_boundaries(open_app):
    at = open_app(ind="libraries", year="2024", bv="lg2025")
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    props = {
        f["properties"]["unit_id"]: f["properties"] for f in spec["layers"][0]["data"]["features"]
    }
    assert len(props) == 42 and props["LV0038000_2025"]["value_text"].startswith("25 ")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_data_page(open_app, lang):
    at = open_app("pages/data.py", lang=lang)
    shown = texts(at)
    assert ("Rādītāju katalogs" if lang == "lv" else "Indicator catalogue") in shown
    assert ("Datu bāze izveidota" if lang == "lv" else "Database built") in shown
    catalogue = at.dataframe[0].value
    assert len(catalogue) >= 60
    assert "CSP IRS031" in " ".join(catalogue.iloc[:, 6].astype(str))


def test_data_page_search(open_app):
    at = open_app("pages/data.py")
    at.text_input(key="data_search").input("bibliotē").run()
    assert 1 <= len(at.dataframe[0].value) <= 3


def url_notices(at) -> list:
    """Warnings about rejected link values (pages may show warnings of their own)."""
    return [
        w for w in at.warning if w.proto.icon in (":material/link_off:", ":material/event_busy:")
    ]


@pytest.mark.parametrize("page", PAGES)
def test_url_restores_the_view_on_every_page(open_app, page):
    at = open_app(page, **VIEW)
    state = at.session_state["view"]
    assert (state["ind"], state["year"], state["my"], state["cmp"], state["grp"], state["bv"]) == (
        "population_avg",
        2019,
        "LV0020000",
        ["LV0021000", "LV0023000"],
        "nuts:LV009",
        "lg2021",
    )
    assert not url_notices(at)
    for key, value in VIEW.items():
        assert at.query_params[key] in (value, [value]), key


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "hostile",
    [
        {"ind": "'; DROP TABLE observations; --"},
        {"my": "LV9999999"},
        {"year": "1800"},
        {"grp": "<script>alert(1)</script>"},
        {"cmp": "x,LV0001000"},
        {"bv": "1' OR '1'='1"},
    ],
)
def test_hostile_url_values_give_a_notice_not_an_exception(open_app, page, hostile):
    at = open_app(page, **hostile)
    assert url_notices(at), "a rejected value must be reported"
    assert not at.exception


def test_language_switch_changes_labels_and_keeps_the_view(open_app):
    at = open_app(my="LV0020000")
    assert at.sidebar.selectbox[0].label == "Rādītājs"
    at.sidebar.radio[0].set_value("en").run()
    assert at.sidebar.selectbox[0].label == "Indicator"
    assert at.session_state["view"]["my"] == "LV0020000"
    assert at.query_params["lang"] in ("en", ["en"])


def test_indicator_change_moves_year_to_one_with_data(open_app):
    at = open_app(ind="population_avg", year="2013")
    at.sidebar.selectbox(key="w_ind").set_value("libraries").run()
    assert at.session_state["view"]["year"] == 2024
    assert not at.exception


SELECTION_FREE = ["pages/data.py", "pages/console.py", "pages/networks.py", "pages/practices.py"]
FIELDS = {"w_ind", "w_year", "w_my", "w_cmp", "w_grp", "w_bv"}
NOT_ON_THE_MAP = {"w_cmp", "w_grp"}


@pytest.mark.parametrize("page", PAGES)
def test_the_sidebar_offers_the_selection_only_where_the_page_uses_it(open_app, page):
    at = open_app(page, **VIEW)
    keys = {w.key for w in [*at.sidebar.selectbox, *at.sidebar.multiselect]}
    captions = [c.value for c in at.sidebar.caption]
    none_used = any(c.startswith("Šī lapa neizmanto izvēli") for c in captions)
    some_unused = [c for c in captions if c.startswith("Šī lapa neizmanto šos izvēles laukus")]
    if page in SELECTION_FREE:
        assert not keys & FIELDS and none_used
    elif page == "pages/map.py":
        assert keys & FIELDS == FIELDS - NOT_ON_THE_MAP and not none_used
        assert some_unused == [
            "Šī lapa neizmanto šos izvēles laukus: salīdzināmās pašvaldības, salīdzināmā grupa; "
            "tie saglabājas citām lapām."
        ]
    else:
        assert keys >= FIELDS and not none_used and not some_unused
    assert at.sidebar.radio(key="w_lang").value == "lv"


def test_the_map_keeps_the_fields_it_does_not_show_for_the_next_page(open_app):
    """Compared municipalities and the group are not on the map's sidebar; a change there
    and a move to the trends page find them as the link had them."""
    at = open_app(**VIEW)
    at.sidebar.selectbox(key="w_ind").set_value("libraries").run()
    assert at.query_params["cmp"] in (VIEW["cmp"], [VIEW["cmp"]])
    at.switch_page("pages/trends.py").run()
    assert at.multiselect(key="w_cmp").value == ["LV0021000", "LV0023000"]
    assert at.selectbox(key="w_grp").value == "nuts:LV009"
    assert not at.exception


def test_language_switch_on_a_page_without_the_selection_keeps_it(open_app):
    at = open_app("pages/data.py", **VIEW)
    at.sidebar.radio(key="w_lang").set_value("en").run()
    assert at.title[0].value == "Data"
    assert at.session_state["view"]["my"] == "LV0020000"
    for key, value in VIEW.items():
        assert at.query_params[key] in (value, [value]), key
    assert at.query_params["lang"] in ("en", ["en"])
