"""Similar municipalities and composite indices in AppTest (both languages), the stored and
the URL's own comparison groups on the other pages."""

from __future__ import annotations

import json

import pytest

from benchlearn.logic.similar import FOCUS_COLOUR, PEER_COLOUR
from tests.app.conftest import html_tables, texts

PEERS, INDICES = "pages/peers.py", "pages/indices.py"
BENCHMARK, TRENDS, PROFILE = "pages/benchmark.py", "pages/trends.py", "pages/profile.py"
AIZKRAUKLE, RIGA = "LV0020000", "LV0001000"
DISTANCE = {"lv": "Attālums", "en": "Distance"}


def deck_colours(at) -> dict[str, list[int]]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(layer for layer in spec["layers"] if layer["id"] == "units")
    return {f["properties"]["unit_id"]: f["properties"]["fill"] for f in layer["data"]["features"]}


def frame_with(at, column: str):
    """The first table on the page with this column (tables without widgets have no key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_peers_page_shows_seven_peers_with_explanations(open_app, lang):
    at = open_app(PEERS, lang=lang, my=AIZKRAUKLE)
    assert at.title[0].value == (
        "Līdzīgās pašvaldības" if lang == "lv" else "Similar municipalities"
    )
    values = frame_with(at, DISTANCE[lang])
    assert len(values) == 8  # the focus (★) and 7 peers
    assert values.iloc[0, 0] == "★" and values.iloc[1:, 0].tolist() == [str(i) for i in range(1, 8)]
    assert len(at.get("vega_lite_chart")) == 7  # one why-chart per peer
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["mark"]["type"] == "bar"
    alike = "Līdzīga pēc:" if lang == "lv" else "Most alike in:"
    assert sum(alike in c.value for c in at.caption) == 7
    colours = deck_colours(at)
    assert colours[AIZKRAUKLE][:3] == rgb(FOCUS_COLOUR)
    assert sum(c[:3] == rgb(PEER_COLOUR) for c in colours.values()) == 7
    excluded = "Nav salīdzinātas" if lang == "lv" else "Not compared"
    assert excluded in texts(at)  # the merged Madona has no population figure for 2026
    assert "CSP" in texts(at)  # sources shown


def test_peers_focus_from_the_picker_and_adopting_them(open_app):
    at = open_app(PEERS)
    assert not at.get("vega_lite_chart")
    at.selectbox(key="peers_pick").set_value(AIZKRAUKLE).run()
    assert at.session_state["view"]["my"] == AIZKRAUKLE
    peers = frame_with(at, "Attālums").iloc[1:, 1].tolist()
    at.button(key="peers_adopt").click().run()
    view = at.session_state["view"]
    assert view["grp"] == "compared" and view["cmp"][0] == AIZKRAUKLE and len(view["cmp"]) == 8
    assert at.query_params["grp"] == "compared"
    assert "Salīdzināmā grupa tagad ir Aizkraukles novads" in at.success[0].value
    at.switch_page(BENCHMARK).run()
    assert not at.exception
    rows = html_tables(at)[0].iloc[:, 0].tolist()
    assert rows[0] == "★ Aizkraukles novads" and sorted(rows[1:]) == sorted(peers)
    at.switch_page(PROFILE).run()
    assert "Salīdzināmās pašvaldības" in texts(at) and "nav grupā" not in texts(at)
    at.switch_page(TRENDS).run()
    assert not at.exception


def test_peers_for_a_state_city_use_the_population_every_unit_has(open_app):
    # on the annual average alone the 7 state cities had no population and were left out
    at = open_app(PEERS, lang="en", my=RIGA)
    assert not at.warning
    assert len(at.get("vega_lite_chart")) == 7
    compared = frame_with(at, DISTANCE["en"])
    assert len(compared) == 8
    at = open_app(PEERS, lang="en", my=AIZKRAUKLE)
    note = " ".join(c.value for c in at.caption)
    assert "Rīga" not in note.split("Years used")[0]  # no state city among the left out


def test_peers_number_and_year_controls(open_app):
    at = open_app(PEERS, my=AIZKRAUKLE)
    at.number_input(key="peers_k").set_value(3).run()
    assert len(frame_with(at, "Attālums")) == 4
    at.selectbox(key="peers_year").set_value(2019).run()
    assert "Līdz 2019. gadam nav datu" in " ".join(w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_indices_page_vraa_preset_names_what_is_missing(open_app, lang):
    at = open_app(INDICES, lang=lang)
    assert at.title[0].value == ("Salikts indekss" if lang == "lv" else "Composite index")
    warnings = " ".join(w.value for w in at.warning)
    missing = "Bezdarba līmenis" if lang == "lv" else "Unemployment rate"
    assert (
        missing in warnings
        and ("nav datu bāzē" if lang == "lv" else "not in the database") in warnings
    )
    not_vraa = "nav VRAA teritorijas attīstības indekss" if lang == "lv" else "not VRAA's"
    assert any(not_vraa in i.value for i in at.info)
    status = frame_with(at, "Status" if lang == "en" else "Statuss")
    assert len(status) == 8
    used = "izmantots" if lang == "lv" else "used"
    assert (status.iloc[:, -1] == used).sum() <= 2  # at most the two vital-statistics rates


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_indices_page_example_ranking_and_map(open_app, lang):
    at = open_app(INDICES, lang=lang, my=AIZKRAUKLE)
    at.radio(key="idx_preset").set_value("example").run()
    assert not at.exception
    ranking = frame_with(at, "Index" if lang == "en" else "Indekss")
    assert len(ranking) == 36  # the novadi: state cities lack the per-resident figures
    status = frame_with(at, "Status" if lang == "en" else "Statuss").iloc[:, -1]
    assert (status == ("used" if lang == "en" else "izmantots")).all()  # the year fits all
    assert ranking.iloc[:, 0].tolist()[0] == 1
    mine = "★ Aizkraukles novads" if lang == "lv" else "★ Aizkraukle municipality"
    assert mine in ranking.iloc[:, 1].tolist()
    assert len(deck_colours(at)) == 43
    assert not any("VRAA" in w.value for w in at.warning)
    assert len(at.get("vega_lite_chart")) == 1  # contributions chart


@pytest.mark.parametrize("page", [BENCHMARK, TRENDS, PROFILE, "pages/map.py"])
def test_url_group_works_on_every_page(open_app, page):
    at = open_app(page, my="LV0022000", ug="Kaimiņi:LV0020000,LV0021000,LV9999999", grp="user")
    assert at.session_state["view"]["grp"] == "user"
    assert any("LV9999999" in w.value for w in at.warning)  # the bad member is reported
    if page == "pages/map.py":  # the map uses no group: kept in the link, not offered
        assert "w_grp" not in {s.key for s in at.selectbox}
        assert at.query_params["grp"] in ("user", ["user"])
        return
    assert at.selectbox(key="w_grp").value == "user"
    assert "Kaimiņi (sava grupa)" in at.selectbox(key="w_grp").options
    if page == BENCHMARK:
        rows = html_tables(at)[0].iloc[:, 0].tolist()
        assert rows == ["★ Augšdaugavas novads", "Aizkraukles novads", "Alūksnes novads"]


def test_population_class_group_says_what_it_rests_on(open_app):
    at = open_app(BENCHMARK, lang="en", grp="pop:ge50k", ind="population_avg", year="2024")
    note = " ".join(c.value for c in at.sidebar.caption)
    assert "Rīga (2026)" in note and "partial" in note
    assert len(html_tables(at)[0]) == 7  # Ogre, Valmiera and five state cities


def test_peers_saved_as_a_named_group_in_the_url(open_app):
    at = open_app(PEERS, my=AIZKRAUKLE)
    at.text_input(key="peers_save_name").input("Mani kaimiņi")
    at.multiselect(key="peers_save_members").set_value(["LV0021000", "LV0024000"])
    at.button(key="peers_save").click().run()
    view = at.session_state["view"]
    assert (view["ug_name"], view["ug"], view["grp"]) == (
        "Mani kaimiņi",
        ["LV0021000", "LV0024000"],
        "user",
    )
    assert at.query_params["ug"] == "Mani kaimiņi:LV0021000,LV0024000"
    assert at.selectbox(key="w_grp").value == "user"
    at.radio(key="w_lang").set_value("en").run()  # the page survives a language switch
    assert not at.exception and at.title[0].value == "Similar municipalities"
    assert len(at.get("vega_lite_chart")) == 7


def test_indices_ranking_shows_the_range_of_ranks_under_varied_weights(open_app):
    at = open_app(INDICES, lang="en", my=AIZKRAUKLE)
    at.radio(key="idx_preset").set_value("example").run()
    ranking = frame_with(at, "Index")
    ranks, spans = ranking["Rank"].tolist(), ranking["Range of ranks"].tolist()
    for rank, span in zip(ranks, spans, strict=True):
        low, _, high = span.partition("–")
        assert int(low) <= rank <= int(high or low)  # the point rank lies in its range
    assert any("–" in s for s in spans)  # some places depend on the weights
    assert "1000 draws with seed 0" in texts(at)
    at.number_input(key="idx_band").set_value(0).run()  # no band: every place is solid
    ranking = frame_with(at, "Index")
    assert ranking["Range of ranks"].tolist() == [str(r) for r in ranking["Rank"]]
    assert set(ranking["Rank kept, % of draws"]) == {"100"}
