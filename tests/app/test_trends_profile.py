"""Trends and profile pages in AppTest: both languages, URL state, the chart's data and text."""

from __future__ import annotations

import html
import json
import math
import re

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.app.conftest import html_tables, texts

TRENDS, PROFILE = "pages/trends.py", "pages/profile.py"
VIEW = {"my": "LV0020000", "cmp": "LV0021000,LV0022000", "ind": "population_avg", "year": "2024"}


def chart_data(at, index: int = 0) -> tuple[dict, pd.DataFrame]:
    """The Vega-Lite spec of a chart on the page and its (first) dataset."""
    proto = at.get("vega_lite_chart")[index].proto
    return json.loads(proto.spec), convert_arrow_bytes_to_pandas_df(proto.datasets[0].data.data)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_trends_page_with_url_state(open_app, lang):
    at = open_app(TRENDS, lang=lang, **VIEW)
    assert at.title[0].value == ("Tendences" if lang == "lv" else "Trends")
    heading = "Vidējais gada iedzīvotāju skaits" if lang == "lv" else "Annual average population"
    assert heading in at.subheader[0].value
    spec, data = chart_data(at)
    assert spec["layer"][0]["mark"]["type"] == "line"
    assert set(data["series"]) == {"LV0020000", "LV0021000", "LV0022000", "_mean"}
    mine = data[data["series"] == "LV0020000"].set_index("year")
    assert mine.loc[2024, "role"] == "my"
    expected = "28\u202f446 iedzīvotāji" if lang == "lv" else "28,446 persons"
    assert mine.loc[2024, "value_text"] == expected
    assert "IRS031" in mine.loc[2024, "source_text"]
    mean = data[data["series"] == "_mean"].set_index("year")
    assert mean.loc[2024, "n"] == 36  # the 36 novadi; state cities have no figure
    legend = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert legend[0] == ("Aizkraukles novads" if lang == "lv" else "Aizkraukle municipality")
    assert legend[-1].startswith("Grupas vidējā vērtība" if lang == "lv" else "Group mean")
    (table,) = html_tables(at)
    assert table.columns[0] == ("Pašvaldība" if lang == "lv" else "Municipality")
    assert table.iloc[0, 0] == legend[0]
    assert table.iloc[0]["2024"] == ("28\u202f446" if lang == "lv" else "28,446")


def test_trends_gaps_are_null_rows_not_dropped(open_app):
    at = open_app(TRENDS, my="LV0001000", ind="population_start_of_year")
    _, data = chart_data(at)
    riga = data[data["series"] == "LV0001000"].set_index("year")["value"]
    # Riga's start-of-year figures exist for 2019, 2025 and 2026 only (658 640 is the 2011
    # census, a separate indicator): the years between are present with no value, so the
    # line breaks there instead of joining the dots
    assert riga[2019] == 632614 and riga[2025] == 591882 and riga[2026] == 588911
    assert math.isnan(riga[2020]) and math.isnan(riga[2024])
    assert 2013 not in riga.index or math.isnan(riga[2013])
    assert "_mean" in set(data["series"])


def test_trends_latvia_line_and_per_capita_toggle(open_app):
    at = open_app(TRENDS, my="LV0002000", ind="live_births", grp="state_cities", pc="1")
    assert at.toggle(key="w_pc").value is True
    assert "Dzimstība" in at.subheader[0].value
    _, data = chart_data(at)
    assert "LV" in set(data["series"])  # births per 1000 are on the units' scale
    at.toggle(key="w_pc").set_value(False).run()
    assert "Dzīvi dzimušie" in at.subheader[0].value
    _, data = chart_data(at)
    assert "LV" not in set(data["series"])  # Latvia's total births would flatten the city
    assert "Latvijas kopējā vērtība" in texts(at)
    assert "Latvija" in html_tables(at)[0].iloc[:, 0].tolist()  # still in the table


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_derived_indicator_names_each_source_once(open_app, lang):
    """Birth rate = live births ÷ population at the start of the year; both inputs come from
    the same CSP files, and the population also from the compiled city figures and IRD041."""
    at = open_app(TRENDS, lang=lang, my="LV0020000", ind="births_per_1000", year="2024")
    line = next(c.value for c in at.caption if "IRS010" in c.value)
    sources = line.split(": ")[-1].split("; ")
    assert len(sources) == len(set(sources)) == 4, line
    assert sources[0].startswith("CSP IRS010, IRS031 (")
    assert sources[1].startswith("CSP IRS031, IDS031, IMV021 (")
    assert set(sources[2:]) == {"various", "CSP IRD041, IRD031"}


def test_trends_without_selection_shows_group_units_and_a_hint(open_app):
    at = open_app(TRENDS, ind="population_avg", year="2024", grp="nuts:LV009")
    assert any("ar visvairāk datiem" in i.value for i in at.info)
    _, data = chart_data(at)
    units = set(data["series"]) - {"_mean", "LV"}
    assert 0 < len(units) <= 12


def test_trends_single_year_is_a_bar_chart(open_app):
    at = open_app(TRENDS, lang="en", ind="libraries_per_10000", my="LV0020000", cmp="LV0021000")
    spec, _ = chart_data(at)
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert "one year only (2024)" in texts(at)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_profile_page_with_url_state(open_app, lang):
    at = open_app(PROFILE, lang=lang, **VIEW)
    assert at.title[0].value == ("Pašvaldības profils" if lang == "lv" else "Municipality profile")
    assert at.header[0].value == (
        "Aizkraukles novads" if lang == "lv" else "Aizkraukle municipality"
    )
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[("Platība" if lang == "lv" else "Area")].startswith("2")
    # the latest population figure: CSP IRD041, 1 January 2026
    population = "Iedzīvotāji, 2026. g." if lang == "lv" else "Population, 2026"
    assert metrics[population] == ("27\u202f825" if lang == "lv" else "27,825")
    assert metrics["Pagasti / pilsētas" if lang == "lv" else "Parishes / towns"] == "18 / 4"
    table, gaps_table = html_tables(at)  # ranks in the group; gaps to similar municipalities
    assert ("Starpība pret mediānu" if lang == "lv" else "Gap to the median") in gaps_table
    ranks = table["Vieta grupā" if lang == "lv" else "Rank in group"].tolist()
    assert ("14. vieta no 36" if lang == "lv" else "14 of 36") in ranks
    shown = texts(at)
    assert ("vieta no" if lang == "lv" else " of ") in shown
    table_block = next(h.proto.body for h in at.get("html") if "<table" in h.proto.body)
    theme = "Iedzīvotāji" if lang == "lv" else "Population"
    assert f'scope="rowgroup"><span>{theme}</span>' in table_block  # rows grouped by theme
    assert not at.get("vega_lite_chart")  # the trend charts wait until their section opens
    (section,) = at.expander
    # indicators with several years: the population ones, and the register figures of 2015
    # and 2016 constructed from Aizkraukle's six pre-2021 municipalities
    assert section.label.endswith(": 13")
    assert "IRS031" in shown and "TRS020" in shown  # the sources section


def test_opening_the_profile_trends_draws_them_and_puts_them_in_the_link(open_app):
    """That such a link opens them on arrival is the browser test's to check: AppTest always
    arrives at the first page."""
    at = open_app(PROFILE, lang="en", **VIEW)
    # what opening the section does: its on_change puts it into the view (AppTest cannot
    # click an expander)
    at.session_state["view"] = {**at.session_state["view"], "tendences": True}
    at.run()
    (chart,) = at.get("vega_lite_chart")
    assert len(json.loads(chart.proto.spec)["concat"]) == 13  # one small chart per indicator
    assert "Blue line: Aizkraukle municipality" in texts(at)
    assert at.query_params["tendences"] in ("1", ["1"])  # a copied link opens them too
    at.switch_page("pages/map.py").run()
    assert "tendences" not in at.query_params  # the other pages drop it


def test_profile_percentile_only_for_directed_indicators(open_app):
    at = open_app(PROFILE, lang="en", **VIEW)
    table = html_tables(at)[0].set_index("Indicator")
    assert table.loc["Annual average population", "Percentile"] == "–"  # neutral
    assert 0 <= int(table.loc["Share of roads with asphalt surface", "Percentile"]) <= 100


def test_profile_asks_for_a_unit_and_the_pick_sets_my(open_app):
    at = open_app(PROFILE)
    assert at.info and "Mana pašvaldība" in at.info[0].value
    at.selectbox(key="my_profile_pick").set_value("LV0021000").run()
    assert not at.exception
    assert at.session_state["view"]["my"] == "LV0021000"
    assert at.header[0].value == "Alūksnes novads"


def test_profile_outside_the_group_is_ranked_among_all(open_app):
    at = open_app(PROFILE, lang="en", my="LV0002000", grp="novadi")
    assert "is not in the group" in texts(at)
    ranks = html_tables(at)[0]["Rank in group"].tolist()
    assert any(r.endswith("of 43") for r in ranks)


def test_profile_names_its_strongest_and_weakest_positions(open_app):
    # Daugavpils has indicators in both its best and worst quarter (Aizkraukle, VIEW's
    # unit, has none in its best quarter: see the next test)
    at = open_app(PROFILE, lang="en", **{**VIEW, "my": "LV0002000"})
    blocks = [
        b.proto.body for b in at.get("html") if not re.match(r"<style|.*<table", b.proto.body)
    ]
    assert len(blocks) == 2  # strongest, weakest
    table = html_tables(at)[0].set_index("Indicator")
    for block in blocks:
        names = re.findall(r"<b>(.*?)</b> — (\d+ of \d+)", block)
        assert names, block
        for name, rank in names:  # each line agrees with the full table below
            assert table.loc[html.unescape(name), "Rank in group"] == rank
    assert "best quarter" in blocks[0] or "middle half" in blocks[0]  # strong: top half
    assert "worst quarter" in blocks[1] or "middle half" in blocks[1]
    # the positions are the group's best and worst quarters, never its middle half
    assert "middle half" not in blocks[0] + blocks[1]
    assert "worst quarter" not in blocks[0] and "best quarter" not in blocks[1]


def test_profile_without_a_best_quarter_says_so_rather_than_list_middle_ranks(open_app):
    at = open_app(PROFILE, **VIEW)
    blocks = [
        b.proto.body for b in at.get("html") if not re.match(r"<style|.*<table", b.proto.body)
    ]
    assert "<b>" not in blocks[0]
    assert "Nav rādītāju grupas labākajā ceturtdaļā" in blocks[0]
    assert "vidējā puse" not in blocks[0] + blocks[1]
    assert "sliktākajā ceturtdaļā" in texts(at)  # the one-line explanation under both lists


def test_profile_gaps_to_similar_municipalities_and_who_does_better(open_app, monkeypatch):
    """Every indicator with the median and middle half of the peers page's similar
    municipalities and the gap in numbers and words; beside the largest gaps the best-placed
    one's good practices and the networks on the indicator (a library put in here)."""
    from benchlearn.userdata import widgets
    from benchlearn.userdata.repository import NetworkInfo, PracticeInfo

    shown = {}

    def library():
        return shown["practices"], shown["networks"]

    shown["practices"], shown["networks"] = [], []
    monkeypatch.setattr(widgets, "library", library)
    at = open_app(PROFILE, lang="en", **VIEW)
    table = html_tables(at)[1].set_index("Indicator")
    for column in ("Similar: median (middle half)", "Gap to the median", "Against similar"):
        assert column in table.columns
    row = table.loc["Population change over 5 years"]
    gap, words = row["Gap to the median"], row["Against similar"]
    assert gap.startswith("−") and words.endswith("lower (worse)")  # share: points, lower
    assert 0 <= int(row["Percentile among similar"]) <= 100
    assert table.loc["Annual average population", "Percentile among similar"] == "–"  # neutral
    # the similar municipalities are the ones the peers page shows by default
    peers = at.switch_page("pages/peers.py").run()
    values = next(d.value for d in peers.dataframe if "Municipality" in d.value.columns)
    named = values["Municipality"].iloc[1:].tolist()  # after the focus, marked ★
    at = open_app(PROFILE, lang="en", **VIEW)
    note = next(c.value for c in at.caption if c.value.startswith("Similar municipalities"))
    assert all(name in note for name in named) and len(named) == 7

    # beside the largest gaps: who does better, with their practice and the networks
    words = [m.value for m in at.markdown if m.value.startswith("Best placed: ")]
    assert words, texts(at)
    first = next(m.value for m in at.markdown if m.value.startswith("**"))
    code_name = re.match(r"\*\*(.*)\*\* \(", first).group(1)
    from benchlearn.ui import naming, refdata

    ref = refdata.reference()
    code = next(c for c in ref.catalogue.index if naming.indicator_label(ref, c, "en") == code_name)
    best_name = re.match(r"Best placed: \*\*(.*)\*\*", words[0]).group(1)
    best = next(u for u in ref.local.index if naming.unit_label(ref, u, "en") == best_name)
    shown["practices"] = [
        PracticeInfo(title_lv="Prakse", title_en="Their practice", unit_id=best, indicators=(code,))
    ]
    shown["networks"] = [
        NetworkInfo(
            name_lv="Tīkls", name_en="Road network", coordinator="Anna Bērziņa", indicators=(code,)
        )
    ]
    at.run()
    page = texts(at)
    assert (
        "Their practice" in page and "Road network" in page and "coordinator: Anna Bērziņa" in page
    )
    assert [b.label for b in at.get("download_button")] == ["Download PDF for the council"]


def test_profile_gaps_against_a_chosen_group(open_app):
    at = open_app(PROFILE, lang="lv", **{**VIEW, "grp": "novadi"})
    table = html_tables(at)[1]
    assert "Grupa: mediāna (vidējā puse)" in table.columns
    assert "Procentile līdzīgo vidū" not in table.columns  # the group percentile is shown
    assert "pret pārējām grupas “Novadi” pašvaldībām" in texts(at)
