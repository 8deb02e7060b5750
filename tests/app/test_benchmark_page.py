"""The comparison page in both languages, opened from URLs."""

from __future__ import annotations

import pandas as pd

from tests.app.conftest import html_tables, texts

PAGE = "pages/benchmark.py"
STATE_CITIES_LV = {"Daugavpils", "Jelgava", "Jūrmala", "Liepāja", "Rēzekne", "Rīga", "Ventspils"}
CESIS, VALMIERA, SIGULDA = "LV0026000", "LV0054000", "LV0048000"


def table(at) -> pd.DataFrame:
    (frame,) = html_tables(at)
    return frame


def sorts_in_the_browser(at) -> bool:
    """The table's block may run its sorting script."""
    (block,) = [b for b in at.get("html") if "<table" in b.proto.body]
    return block.proto.unsafe_allow_javascript and "<script>" in block.proto.body


def names(at) -> list[str]:
    frame = table(at)
    return frame.iloc[:, 0].tolist()


def downloads(at) -> list[str]:
    return [button.label for button in at.get("download_button")]


def test_state_cities_in_latvian(open_app) -> None:
    at = open_app(PAGE, grp="state_cities")
    assert at.title[0].value == "Salīdzinājums"
    assert set(names(at)) == STATE_CITIES_LV
    frame = table(at)
    lower = frame.columns.get_level_values(1).tolist()
    assert lower[0] == "Pašvaldība"
    assert "Vērtība, %" in lower and "Procentile" in lower and "Vieta no 7" in lower
    upper = set(frame.columns.get_level_values(0))
    assert "Ceļu ar asfalta segumu īpatsvars" in upper  # the sidebar indicator comes first
    assert sorts_in_the_browser(at)
    assert at.selectbox(key="w_theme").value == "roads"
    assert at.multiselect(key="bench_inds").value[0] == "road_asphalt_share_pct"
    assert downloads(at) == ["Lejupielādēt CSV", "Lejupielādēt Excel"]
    page = texts(at)
    assert "labākā ceturtdaļa" in page and "Avoti" in page
    assert "starp 7 tabulas pašvaldībām" in page


def test_compared_with_my_municipality_in_english(open_app) -> None:
    at = open_app(PAGE, lang="en", grp="compared", cmp=f"{VALMIERA},{SIGULDA}", my=CESIS)
    assert at.title[0].value == "Comparison"
    rows = names(at)
    assert rows[0] == "★ Cēsis municipality"  # my municipality first, marked
    assert sorted(rows[1:]) == ["Sigulda municipality", "Valmiera municipality"]
    lower = table(at).columns.get_level_values(1).tolist()
    assert lower[0] == "Municipality" and "Value, %" in lower and "Rank of 3" in lower
    assert "Percentile" in lower
    assert downloads(at) == ["Download CSV", "Download Excel"]
    # the gap to the others' median: 3 rows give each only two others, too few for one
    assert not any(label.startswith("Gap to the others") for label in lower)
    page = texts(at)
    assert "best quarter" in page and "Sources" in page


def test_my_municipality_with_all_and_deterministic_defaults(open_app) -> None:
    at = open_app(PAGE, my=CESIS, theme="forest")
    assert len(names(at)) == 43 and names(at)[0] == "★ Cēsu novads"
    # the URL's theme wins over the sidebar indicator's; defaults: derived ones first
    assert at.selectbox(key="w_theme").value == "forest"
    chosen = at.multiselect(key="bench_inds").value
    assert chosen[:2] == ["forest_land_share_pct", "state_forest_share_pct"]
    assert len(chosen) == 6
    again = open_app(PAGE, my=CESIS, theme="forest")
    assert again.multiselect(key="bench_inds").value == chosen  # same link, same table


def test_change_trend_and_fallback_year(open_app) -> None:
    at = open_app(PAGE, lang="en", ind="population_avg", year="2024", grp="nuts:LV008")
    frame = table(at)
    lower = frame.columns.get_level_values(1).tolist()
    assert "Change since 2023, persons" in lower and "Trend" in lower
    trend = frame.loc[:, frame.columns.get_level_values(1) == "Trend"].iloc[:, 0]
    assert trend.str.startswith("2012–2024: ").all()  # the sparklines' text: years and ends
    change = frame.loc[:, frame.columns.get_level_values(1) == "Change since 2023, persons"]
    assert change.iloc[:, 0].str.match(r"^[+−]?[\d,]+$").all()  # signed, English digits
    later = open_app(PAGE, ind="live_births", year="2025", theme="population")
    upper = set(table(later).columns.get_level_values(0))
    # no 2025 value: the year is shown (density has 2025 values now, on the start-of-year
    # population of the state cities and of Madona and Varakļāni)
    assert "Iedzīvotāju skaita izmaiņas 5 gados (2024. g.)" in upper
    assert "2025. gadā datu nav rādītājiem" in texts(later)


def test_empty_group_says_what_to_do(open_app) -> None:
    at = open_app(PAGE, grp="compared")
    assert not html_tables(at)
    assert "Grupā nav pašvaldību" in texts(at)


def test_theme_and_indicator_changes_in_the_session(open_app) -> None:
    at = open_app(PAGE, grp="state_cities")
    at.selectbox(key="w_theme").set_value("culture").run()
    assert not at.exception
    assert at.multiselect(key="bench_inds").value == ["libraries_per_10000", "libraries"]
    assert at.query_params["theme"] == "culture"  # the theme is in the link
    upper = list(dict.fromkeys(table(at).columns.get_level_values(0)))[1:]
    assert upper == ["Publiskās bibliotēkas uz 10 000 iedzīvotājiem", "Publiskās bibliotēkas"]
    at.multiselect(key="bench_inds").set_value(["libraries"]).run()
    assert list(dict.fromkeys(table(at).columns.get_level_values(0)))[1:] == [
        "Publiskās bibliotēkas"
    ]
    at.selectbox(key="w_ind").set_value("forest_ha").run()  # the sidebar indicator moves on
    assert at.selectbox(key="w_theme").value == "forest"
    assert at.multiselect(key="bench_inds").value[0] == "forest_ha"


def test_choice_survives_a_language_change_and_a_page_switch(open_app) -> None:
    at = open_app(PAGE, grp="state_cities", theme="culture")
    at.multiselect(key="bench_inds").set_value(["libraries"]).run()
    at.radio(key="w_lang").set_value("en").run()
    assert not at.exception
    assert table(at).columns.get_level_values(0)[1] == "Public libraries"
    assert downloads(at) == ["Download CSV", "Download Excel"]
    # (AppTest drops the sidebar after a second switch_page, so the language is set first)
    at.switch_page("pages/map.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.multiselect(key="bench_inds").value == ["libraries"]
    assert table(at).columns.get_level_values(0)[1] == "Public libraries"


def test_gap_to_the_others_median_is_a_sortable_column(open_app) -> None:
    at = open_app(PAGE, lang="lv", grp="state_cities", theme="population", year="2024")
    frame = table(at)
    lower = frame.columns.get_level_values(1).tolist()
    gap = [j for j, label in enumerate(lower) if label.startswith("Starpība pret pārējo mediānu")]
    assert gap, lower
    values = frame.columns.get_level_values(0)[gap[0]]
    j = next(
        j
        for j, (top, low) in enumerate(frame.columns)
        if top == values and low.startswith("Vērtība")
    )
    numbers = [
        float(v.split()[0].replace("\u202f", "").replace(",", ".").replace("−", "-"))
        for v in frame.iloc[:, j]
        if v != "–"
    ]
    gaps_shown = [v for v in frame.iloc[:, gap[0]] if v != "–"]
    assert len(gaps_shown) == len(numbers)  # 7 state cities: every one has 6 others
    assert any(v.startswith("+") for v in gaps_shown) and any(v.startswith("−") for v in gaps_shown)
    (block,) = [b for b in at.get("html") if "<table" in b.proto.body]
    assert f'data-col="{gap[0]}" data-first="descending"' in block.proto.body  # it sorts
