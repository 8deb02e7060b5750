"""Explorer and SQL console in AppTest, in Latvian and English: filters from the URL and from
the widgets, charts, downloads, the console's examples and refusals."""

from __future__ import annotations

import hashlib
import json

import pytest

from benchlearn.settings import REPO_ROOT
from tests.app.conftest import texts

EXPLORER = "pages/explorer.py"
CONSOLE = "pages/console.py"


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def table(at):
    return at.dataframe[0].value


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_explorer_shows_table_scatter_distribution_and_years(open_app, lang):
    at = open_app(EXPLORER, lang=lang, ind="population_avg", year="2024", my="LV0020000")
    assert at.title[0].value == ("Izpēte" if lang == "lv" else "Explore")
    frame = table(at)
    assert len(frame) == 43
    name = "Aizkraukles novads" if lang == "lv" else "Aizkraukle municipality"
    assert frame.iloc[0, 0] == name  # my municipality first
    header = "(2024. g.)" if lang == "lv" else "(2024)"
    assert all(header in c for c in frame.columns[3:])  # indicator, unit and year in each header
    specs = charts(at)
    assert len(specs) == 3  # scatter, distribution, small multiples
    assert specs[0]["params"][0]["name"] == "pick"
    assert "facet" in specs[2]
    shown = texts(at)
    assert ("Regresijas taisne" if lang == "lv" else "Fitted line") in shown
    assert "R²" in shown
    keys = {b.key for b in at.get("download_button")}
    assert {"ex_csv", "ex_xlsx", "ex_scatter_png", "ex_distribution_png", "ex_years_png"} <= keys


def test_filters_in_the_url_are_applied_and_kept(open_app):
    query = {
        "ind": "population_avg",
        "year": "2024",
        "kind": "novads",
        "reg": "LV009,LV008",
        "pmin": "20000",
        "thr": "road_density_km_per_km2:gt:0.5",
    }
    at = open_app(EXPLORER, **query)
    frame = table(at)
    assert 0 < len(frame) < 20
    assert set(frame["Veids"]) == {"novads"}
    assert set(frame["Statistiskais reģions"]) <= {"Zemgale", "Vidzeme"}
    population = next(c for c in frame.columns if c.startswith("Vidējais gada iedzīvotāju"))
    density = next(c for c in frame.columns if c.startswith("Ceļu blīvums"))
    assert (frame[population] >= 20000).all() and (frame[density] > 0.5).all()
    for key, value in query.items():
        assert at.query_params[key] in (value, [value]), key
    assert "→" in texts(at)  # the steps: what each filter left


def test_widgets_write_the_filters_into_the_url(open_app):
    at = open_app(EXPLORER)
    at.multiselect(key="w_kind").set_value(["state_city"]).run()
    assert len(table(at)) == 7
    assert at.query_params["kind"] in ("state_city", ["state_city"])
    at.selectbox(key="ex_thr_code").set_value("road_asphalt_share_pct")
    at.selectbox(key="ex_thr_op").set_value("ge")
    at.number_input(key="ex_thr_value").set_value(60.0)
    at.button(key="ex_thr_add").click().run()
    assert at.session_state["view"]["thr"] == ["road_asphalt_share_pct:ge:60"]
    column = next(c for c in table(at).columns if c.startswith("Ceļu ar asfalta"))
    assert (table(at)[column] >= 60).all() and 0 < len(table(at)) < 7
    at.button(key="ex_clear").click().run()
    assert len(table(at)) == 43 and "kind" not in at.query_params


def test_a_threshold_without_a_number_asks_for_one(open_app):
    at = open_app(EXPLORER)
    at.button(key="ex_thr_add").click().run()
    assert any("skaitli" in w.value for w in at.warning)
    assert at.session_state["view"]["thr"] == []


def test_nothing_left_is_said_plainly(open_app):
    at = open_app(EXPLORER, ind="population_avg", year="2024", pmin="9000000")
    assert any("neatbilst neviena" in i.value for i in at.info)
    assert not at.dataframe


def test_log_scale_and_latvia(open_app):
    at = open_app(EXPLORER, lang="en", ind="population_avg", year="2024", lx="1", ly="1")
    layers = charts(at)[0]["layer"]
    scales = [layer["encoding"]["x"].get("scale", {}) for layer in layers if "encoding" in layer]
    assert {"type": "log", "nice": False, "padding": 12} in scales
    assert "Latvia" in texts(at)  # Latvia's total is off the municipal scale: said so


@pytest.mark.parametrize(
    "hostile",
    [
        {"kind": "castle"},
        {"reg": "'; DROP TABLE units; --"},
        {"pmin": "-1"},
        {"pmax": "1e99"},
        {"thr": "road_density_km_per_km2:gt:1;DROP"},
        {"thr": "ｒoad_density_km_per_km2:gt:1"},
        {"sx": "<img src=x onerror=alert(1)>"},
        {"cols": "x" * 3000},
        {"lx": "\u200b1"},
    ],
)
def test_hostile_filter_values_give_a_notice(open_app, hostile):
    at = open_app(EXPLORER, **hostile)
    assert at.warning, "a rejected value must be reported"
    assert len(table(at)) == 43  # the filter was dropped, the page works


def test_a_copied_link_restores_the_explorer(open_app):
    query = {"kind": "novads", "sx": "area_km2", "sy": "road_asphalt_share_pct", "ly": "1"}
    at = open_app(EXPLORER, **query)
    state = at.session_state["view"]
    assert (state["kind"], state["sx"], state["sy"], state["ly"]) == (
        ["novads"],
        "area_km2",
        "road_asphalt_share_pct",
        True,
    )
    assert at.selectbox(key="w_sx").value == "area_km2"


def checksum(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_console_runs_an_example(open_app, built_db, lang):
    at = open_app(CONSOLE, lang=lang)
    assert at.title[0].value == ("SQL vaicājumi" if lang == "lv" else "SQL console")
    at.selectbox(key="sql_example").set_value("2_population").run()
    at.button(key="sql_use").click().run()
    assert "population_avg" in at.text_area(key="sql_text").value
    at.button(key="sql_run").click().run()
    assert not at.exception and not at.error
    # the 36 novadi and the merged Madona of 2025 (constructed from Madona and Varakļāni)
    assert len(at.dataframe[0].value) == 37
    assert at.get("download_button")[0].key == "sql_csv"


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("SELECT 1; DROP TABLE observations", "tikai viens"),
        ("ATTACH '/tmp/x.duckdb' AS x", "ATTACH"),
        ("COPY observations TO '/tmp/x.csv'", "COPY"),
        ("INSTALL httpfs", "LOAD"),
        ("SELECT * FROM read_csv('/etc/passwd')", "nevar lasīt failus"),
        ("PRAGMA database_list", "PRAGMA"),
        ("SET threads = 64", "SET"),
        ("SELECT 1；SELECT 2", "FULLWIDTH SEMICOLON"),
        ("SEL\u200bECT 1", "ZERO WIDTH SPACE"),
        ("SЕLECT 1", "CYRILLIC"),
        ("SELECT regexp_replace(repeat('a', 100000000), 'a', 'bb', 'g')", "vairāk atmiņas"),
        ("SELECT sum(hash(range)) FROM range(10000000000::bigint)", "apturēts pēc 5"),
        ("WITH d AS (DELETE FROM meta RETURNING *) SELECT * FROM d", "tikai lasīšanai"),
        ("SELECT repeat('x', 1000000) FROM range(40)", "par lielu"),
    ],
)
def test_console_refuses_hostile_queries_with_a_message(open_app, built_db, sql, words):
    before = checksum(built_db)
    at = open_app(CONSOLE)
    at.text_area(key="sql_text").input(sql).run()
    at.button(key="sql_run").click().run()
    assert not at.exception
    assert at.error and words in at.error[0].value, [e.value for e in at.error]
    assert not at.dataframe
    assert checksum(built_db) == before


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_console_states_its_limits_and_shows_no_server_path(open_app, built_db, lang):
    at = open_app(CONSOLE, lang=lang)
    assert ("512 MB atmiņas" if lang == "lv" else "512 MB of memory") in at.caption[0].value
    at.text_area(key="sql_text").input(
        "SELECT d.database_name, d.path, m.key, m.value FROM duckdb_databases() d, meta m"
    ).run()
    at.button(key="sql_run").click().run()
    assert not at.exception and not at.error
    frame = at.dataframe[0].value
    shown = " ".join(str(v) for v in frame.to_numpy().ravel())
    assert "warehouse" in shown and "sources_dir" in shown
    for path in (str(built_db), str(built_db.parent), str(REPO_ROOT)):
        assert path not in shown


def test_map_offers_a_png_for_slides(open_app):
    at = open_app(lang="en")
    button = next(b for b in at.get("download_button") if b.key == "map_png")
    assert button.label == "Download the map (PNG)"


def test_one_indicator_on_both_axes_draws_the_scatter(open_app):
    """The same indicator as x and y: one column of it in the scatter's CSV, not a crash."""
    at = open_app(EXPLORER, ind="population_avg", year="2024", sx="area_km2", sy="area_km2")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="w_sx").value == at.selectbox(key="w_sy").value == "area_km2"
    assert len(charts(at)) == 3
