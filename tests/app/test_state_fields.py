"""One state mechanism (issue 23, item 1): every page's own field is a field of the view,
mirrored in the URL. For each: a URL sets it, the page shows it, a change through its widget
writes it back to the URL, and other pages' URLs leave it out. Synthetic networks and decks
(user-data file per test), named as such."""

from __future__ import annotations

from benchlearn.state import PAGE_FIELDS
from tests.app import test_seminar_pages as pages
from tests.app.conftest import texts
from tests.app.test_seminar_pages import NETWORKS, PRESENT, button, deck_of_three

app, store = pages.app, pages.store  # the fixtures: a private user-data file, the app on it
MAP, PROFILE = "pages/map.py", "pages/profile.py"
BENCHMARK, PEERS, INDICES = "pages/benchmark.py", "pages/peers.py", "pages/indices.py"
AIZKRAUKLE = "LV0020000"
VIEW = {"lang": "en", "ind": "population_avg", "year": "2024", "my": AIZKRAUKLE}


def url(at) -> dict[str, str]:
    """The URL's parameters (the last of a repeated one)."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def left_out_elsewhere(at, fields: tuple[str, ...]) -> None:
    """On the map (a page with no fields of its own) the URL leaves `fields` out, and keeps
    the shared view."""
    at.switch_page(MAP).run()
    assert not at.exception
    assert not set(fields) & set(url(at)), url(at)
    assert url(at).get("my") == AIZKRAUKLE


def test_every_page_field_is_tested_here():
    tested = {"tikls", "deck", "slide", "anon", "spot", "timer", "tendences", "inds"}
    tested |= {"k", "pyear", "pw", "preset", "iyear", "band", "iw"}
    assert tested == {f for fields in PAGE_FIELDS.values() for f in fields}


def test_networks_network(app, store):
    first = pages.synthetic_network(store, period_start=2020)  # told apart by their periods
    second = pages.synthetic_network(store, period_start=2021)
    at = app(NETWORKS, tikls=str(second), **VIEW)
    assert at.selectbox(key="net_pick").value == second
    assert url(at)["tikls"] == str(second)
    at.selectbox(key="net_pick").set_value(first).run()
    assert not at.exception and url(at)["tikls"] == str(first)
    assert at.session_state["view"]["tikls"] == first
    left_out_elsewhere(at, ("tikls",))
    at.switch_page(NETWORKS).run()  # the network is kept across pages
    assert at.selectbox(key="net_pick").value == first and url(at)["tikls"] == str(first)


def test_an_unknown_network_falls_back_to_the_first_with_a_notice(app, store):
    at = app(NETWORKS, tikls="987654", **VIEW)
    box = at.selectbox(key="net_pick")
    assert box.index == 0
    assert url(at)["tikls"] != "987654"
    assert any("987654" in w.value for w in at.warning)


def test_presentation_deck_and_slide(app, store):
    deck, _ = deck_of_three(store)
    at = app(PRESENT, deck=str(deck), slide="2", **VIEW)
    assert at.title[0].value == "Tendence" and "2 / 3" in texts(at)
    assert (url(at)["deck"], url(at)["slide"]) == (str(deck), "2")
    button(at, "Next").click().run()
    assert at.title[0].value == "Tabula" and url(at)["slide"] == "3"
    for _ in range(3):
        button(at, "Previous").click().run()
    assert at.title[0].value == "Sintētisks seminārs"  # the title slide: no ?slide=
    assert "slide" not in url(at) and url(at)["deck"] == str(deck)
    left_out_elsewhere(at, ("deck", "slide"))


def test_a_link_to_another_deck_starts_at_its_title_slide(app, store):
    deck, _ = deck_of_three(store)
    other, _ = deck_of_three(store)
    at = app(PRESENT, deck=str(deck), slide="3", **VIEW)
    assert at.title[0].value == "Tabula"
    at.switch_page(NETWORKS).run()
    at.switch_page(PRESENT)  # the networks page's "present" link of the other deck
    at.query_params.clear()
    at.query_params["deck"] = str(other)
    at.run()
    assert at.title[0].value == "Sintētisks seminārs"
    assert url(at)["deck"] == str(other) and "slide" not in url(at)


def test_presentation_settings(app, store):
    deck, _ = deck_of_three(store)
    at = app(PRESENT, deck=str(deck), slide="1", anon="1", spot=AIZKRAUKLE, timer="15", **VIEW)
    assert at.toggle(key="pres_anon").value is True
    assert at.selectbox(key="pres_spot").value == AIZKRAUKLE
    assert at.number_input(key="pres_minutes").value == 15
    assert {k: url(at).get(k) for k in ("anon", "spot", "timer")} == {
        "anon": "1",
        "spot": AIZKRAUKLE,
        "timer": "15",
    }
    at.toggle(key="pres_anon").set_value(False).run()
    assert "anon" not in url(at) and not at.session_state["view"]["anon"]
    at.selectbox(key="pres_spot").select_index(2).run()  # [no one, Aizkraukle, another, ...]
    other = at.session_state["view"]["spot"]
    assert other not in (None, AIZKRAUKLE) and url(at)["spot"] == other
    at.number_input(key="pres_minutes").set_value(5).run()
    assert url(at)["timer"] == "5"
    at.number_input(key="pres_minutes").set_value(0).run()  # no timer
    assert "timer" not in url(at) and at.session_state["view"]["timer"] is None
    left_out_elsewhere(at, ("anon", "spot", "timer"))


def test_profile_trends(open_app):
    at = open_app(PROFILE, tendences="1", **VIEW)
    assert at.get("vega_lite_chart")  # the section is open: its charts are drawn
    assert url(at)["tendences"] == "1"
    # its on_change copies the closed section into the view (AppTest cannot click one)
    at.session_state["view"] = {**at.session_state["view"], "tendences": False}
    at.run()
    assert not at.get("vega_lite_chart") and "tendences" not in url(at)
    at.session_state["view"] = {**at.session_state["view"], "tendences": True}
    at.run()
    assert at.get("vega_lite_chart") and url(at)["tendences"] == "1"
    left_out_elsewhere(at, ("tendences",))


def test_comparison_indicators(open_app):
    at = open_app(BENCHMARK, theme="culture", inds="libraries", **VIEW)
    assert at.multiselect(key="bench_inds").value == ["libraries"]
    assert url(at)["inds"] == "libraries" and url(at)["theme"] == "culture"
    at.multiselect(key="bench_inds").set_value(["libraries", "libraries_per_10000"]).run()
    assert url(at)["inds"] == "libraries,libraries_per_10000"
    left_out_elsewhere(at, ("inds",))
    at.switch_page(BENCHMARK).run()  # kept across pages
    assert at.multiselect(key="bench_inds").value == ["libraries", "libraries_per_10000"]
    at.selectbox(key="w_ind").set_value("forest_ha").run()  # a new indicator: its defaults
    assert "inds" not in url(at) and at.multiselect(key="bench_inds").value[0] == "forest_ha"


def test_peers_number_and_year(open_app):
    at = open_app(PEERS, k="3", pyear="2019", **VIEW)
    assert at.number_input(key="peers_k").value == 3
    assert at.selectbox(key="peers_year").value == 2019
    assert (url(at)["k"], url(at)["pyear"]) == ("3", "2019")
    at.number_input(key="peers_k").set_value(5).run()
    assert url(at)["k"] == "5"
    year = next(y for y in at.selectbox(key="peers_year").options if y != 2019)
    at.selectbox(key="peers_year").set_value(year).run()
    assert url(at)["pyear"] == str(year)
    left_out_elsewhere(at, ("k", "pyear"))


def test_index_preset_year_and_band(open_app):
    at = open_app(INDICES, preset="example", band="40", **VIEW)
    assert at.radio(key="idx_preset").value == "example"
    assert at.number_input(key="idx_band").value == 40
    year = at.selectbox(key="idx_year").value
    assert url(at)["preset"] == "example" and url(at)["iyear"] == str(year)
    assert url(at)["band"] == "40"
    at.number_input(key="idx_band").set_value(10).run()
    assert url(at)["band"] == "10"
    other = next(y for y in at.selectbox(key="idx_year").options if y != year)
    at.selectbox(key="idx_year").set_value(other).run()
    assert url(at)["iyear"] == str(other)
    at.radio(key="idx_preset").set_value("vraa").run()  # the default preset, its best year
    assert "preset" not in url(at) and "VRAA" in texts(at)
    left_out_elsewhere(at, ("preset", "iyear", "band"))


def years_used(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Years used"))


def test_peers_weights(open_app):
    """AppTest cannot type into a data editor: a link sets the weights, the page computes
    with them, and the reset button (a widget) writes the defaults back."""
    at = open_app(PEERS, pw="population:2,area_km2:1", **VIEW)
    used = years_used(at)
    assert "Population" in used and "Area" in used and "Population density" not in used
    assert url(at)["pw"] == "population:2,area_km2:1"
    next(b for b in at.button if b.label == "Default indicators").click().run()
    assert "Population density" in years_used(at)  # one of the default indicators
    assert "pw" not in url(at)
    left_out_elsewhere(at, ("pw",))


def test_index_rows(open_app):
    at = open_app(INDICES, preset="example", iw="population_avg:1:h,area_km2:0.5:l", **VIEW)
    status = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert len(status) == 2  # the link's two rows, not the preset's four
    assert url(at)["iw"] == "population_avg:1:h,area_km2:0.5:l"
    at.radio(key="idx_preset").set_value("vraa").run()  # a new preset: its own rows
    status = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert len(status) == 8 and "iw" not in url(at)
    left_out_elsewhere(at, ("iw",))
