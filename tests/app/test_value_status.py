"""Reported, constructed and rounded values told apart on the pages (AppTest): the Data page's
coverage by year and harmonisation report, marks and legends on the map and comparison."""

from __future__ import annotations

import json

import duckdb
import pytest

from tests.app.conftest import html_tables, texts

DATA = "pages/data.py"
BENCHMARK = "pages/benchmark.py"


def coverage_table(at, total: int, lang: str):
    header = f"Ar vērtību (no {total})" if lang == "lv" else f"With a value (of {total})"
    found = [d.value for d in at.dataframe if header in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_data_page_shows_coverage_by_year_and_the_harmonisation_report(open_app, lang):
    at = open_app(DATA, lang=lang)
    shown = texts(at)
    assert ("Pārklājums pa gadiem" if lang == "lv" else "Coverage by year") in shown
    table = coverage_table(at, 43, lang)  # lg2021 first
    official = "Oficiāla statistika" if lang == "lv" else "Official statistics"
    assert official in table.columns and len(table) >= 60
    classes = table.columns[3:]
    assert (table[classes].sum(axis=1) == table.iloc[:, 2]).all()  # the classes add up
    harmonised = (
        "Saskaņošana ar šodienas pašvaldībām"
        if lang == "lv"
        else "Harmonisation to today's municipalities"
    )
    assert harmonised in shown
    # the state cities' population note, worked out from the data
    assert (
        "Valstspilsētu iedzīvotāju skaits pirms 2026. gada" in shown
        or "Visām valstspilsētām ir iedzīvotāju skaits" in shown
        if lang == "lv"
        else "State-city population figures before 2026" in shown
        or "Every state city has population figures" in shown
    )


def test_data_page_coverage_follows_the_chosen_boundaries(open_app):
    at = open_app(DATA, lang="en")
    at.segmented_control(key="data_cov_version").set_value("pre2021").run()
    assert not at.exception
    assert len(coverage_table(at, 119, "en")) > 0
    at.segmented_control(key="data_cov_version").set_value("parish2021").run()
    assert not at.exception
    coverage_table(at, 592, "en")


@pytest.fixture
def constructed(built_db):
    """A constructed value of a municipality in the 2021 boundaries: (unit, indicator, year)."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        row = con.execute(
            "SELECT o.unit_id, o.indicator, o.year FROM observations o "
            "JOIN unit_versions m ON m.unit_id = o.unit_id AND m.version = 'lg2021' "
            "WHERE o.flags = 'constructed' AND o.parts IS NOT NULL "
            "ORDER BY o.indicator, o.year, o.unit_id LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    if row is None:
        pytest.skip("the warehouse has no constructed values to show")
    return row


def test_map_tooltip_says_a_value_is_constructed_and_from_what(open_app, constructed):
    unit, indicator, year = constructed
    at = open_app(ind=indicator, year=str(year), bv="lg2021")
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    props = {
        f["properties"]["unit_id"]: f["properties"] for f in spec["layers"][0]["data"]["features"]
    }
    assert props[unit]["value_text"].endswith("\u00a0Σ")
    assert props[unit]["status_text"].startswith(
        "konstruēts (saskaitīts no pašvaldībām pirms reformas): "
    )
    assert "{status_text}" in at.get("deck_gl_json_chart")[0].proto.tooltip
    assert "Apzīmējumi: Σ konstruēts" in texts(at)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_comparison_marks_constructed_values_with_a_legend(open_app, constructed, lang):
    unit, indicator, year = constructed
    at = open_app(BENCHMARK, ind=indicator, year=str(year), bv="lg2021", my=unit, lang=lang)
    table = html_tables(at)[0]
    first = table.iloc[0]  # my municipality's row
    value = first[table.columns[1]]
    assert value.endswith("\u00a0Σ"), value
    legend = next(
        line for line in texts(at).splitlines() if line.startswith(("Apzīmējumi:", "Marks:"))
    )
    assert (
        "Σ konstruēts (saskaitīts no pašvaldībām pirms reformas)"
        if lang == "lv"
        else "Σ constructed (summed from the municipalities before the reform)"
    ) in legend
