"""What the profile page shows as text (benchlearn.logic.profileview): key facts, both tables,
the sources, the largest gaps and the lines beside them; with odd inputs (no population, no
region, an empty profile, NaN ranks, unknown sources, no practices)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd

from benchlearn.charts import profile as profile_charts
from benchlearn.logic import gaps
from benchlearn.logic import profile as logic
from benchlearn.logic import profileview as pv
from benchlearn.logic.scores import BAND_COLOURS
from tests.unit.test_profile import CATALOGUE, MEMBERS, OBS

CAT = CATALOGUE.assign(decimals=[1, 0, 0, 2])
OBS_P = OBS.assign(parts=None)
NAME = str.upper  # an indicator's name: its code in capitals
UNIT = lambda code: "km"  # noqa: E731
TABLE = logic.profile_table(OBS_P, "M", MEMBERS, CAT)
GAP = gaps.gap_table(OBS_P, TABLE, ["P", "Q", "R"], CAT)

UNIT_ROW = pd.Series(
    {
        "unit_id": "M",
        "nuts3_code": "LV006",
        "kind": "novads",
        "area_km2": 1234.4,
        "parishes": 5.0,
        "towns": 2.0,
    }
)


def population(unit: str, year: int, value: float, flags: str = "") -> dict:
    return {
        "unit_id": unit,
        "indicator": "population_avg",
        "year": year,
        "value": value,
        "flags": flags,
        "parts": None,
        "source_id": "s1",
        "source_title": "CSP IRS031",
        "source_url": "",
        "retrieved": "",
    }


def test_key_facts_with_a_population_figure():
    obs = pd.DataFrame([population("M", 2023, 3594.0), population("M", 2024, 3600.0)])
    regions = []
    cards = pv.key_facts(obs, UNIT_ROW, lambda n: regions.append(n) or "Riga region", NAME, "en")
    assert regions == ["LV006"]  # the region is named by its NUTS 3 code
    assert len(cards) == 5 and cards[4]["label"] == "Population, 2024"  # the latest year
    assert cards[0]["value"] == "Municipality"
    assert cards[1] == {"label": cards[1]["label"], "value": "Riga", "help": "Riga region"}
    assert cards[3]["value"] == "5 / 2"
    assert cards[4]["value"] == "3,600"
    assert cards[4]["help"] == "POPULATION_AVG. CSP IRS031"


def test_key_facts_without_population_region_or_parishes():
    row = UNIT_ROW.copy()
    row["nuts3_code"], row["parishes"] = np.nan, np.nan
    cards = pv.key_facts(OBS_P.iloc[0:0], row, lambda n: 1 / 0, NAME, "en")  # never named
    assert cards[1]["value"] == "–" and cards[1]["help"] == "–"
    assert cards[3]["value"] == "–"
    assert cards[4] == {"label": "Population", "value": "no data"}


def test_key_facts_of_a_region_without_a_short_name_use_its_group_name():
    row = UNIT_ROW.copy()
    row["nuts3_code"] = "LV999"
    cards = pv.key_facts(OBS_P.iloc[0:0], row, lambda n: f"group {n}", NAME, "lv")
    assert cards[1]["value"] == cards[1]["help"] == "group LV999"


def test_key_facts_mark_a_rounded_population():
    obs = pd.DataFrame([population("M", 2024, 3600.0, flags="rounded")])
    cards = pv.key_facts(obs, UNIT_ROW, str, NAME, "en")
    assert cards[4]["value"].endswith("≈")
    assert cards[4]["help"].startswith("POPULATION_AVG. CSP IRS031 – ")


def test_display_table_formats_values_ranks_and_bands():
    shown = pv.display_table(TABLE, CAT, NAME, UNIT, "en").to_dict("list")
    assert shown["Indicator"] == ["GOOD", "BAD", "SIZE"]
    assert shown["Year"] == ["2024", "2022", "2024"]
    assert shown["Value"] == ["5.0 km", "2 km", "10 km"]  # each indicator's decimals
    assert shown["Latvia"] == ["6.0 km", "no data", "no data"]
    assert shown["Rank in group"] == ["2 of 3", "1 of 4", "3 of 3"]
    assert shown["Percentile"][:2] == [50.0, 83.0] and math.isnan(shown["Percentile"][2])
    assert shown["Assessment"] == ["middle half", "best quarter", ""]  # neutral: no band


def test_display_table_of_an_empty_profile_has_its_columns_and_no_rows():
    empty = TABLE.iloc[0:0]
    shown = pv.display_table(empty, CAT, NAME, UNIT, "lv")
    assert shown.empty and len(shown.columns) == 7
    assert pv.gap_display(empty, GAP.iloc[0:0], CAT, NAME, UNIT, "group", "lv").empty
    assert pv.band_colours(empty) == [] and pv.verdict_colours(GAP.iloc[0:0]) == []


def test_a_missing_rank_is_shown_as_such():
    table = TABLE.assign(rank=[np.nan, 1.0, 3.0])
    shown = pv.display_table(table, CAT, NAME, UNIT, "en")
    assert shown["Rank in group"].iloc[0] == "–"


def test_gap_display_against_similar_and_against_a_group():
    peers = pv.gap_display(TABLE, GAP, CAT, NAME, UNIT, "peers", "en").to_dict("list")
    assert peers["Similar: median (middle half)"] == ["–", "4 (3–6)", "–"]
    assert peers["Gap to the median"] == ["–", "−2 (−50\u202f%)", "–"]
    assert peers["Against similar"] == ["–", "50\u202f% lower (better)", "–"]
    assert peers["Percentile among similar"][1] == 83.0
    group = pv.gap_display(TABLE, GAP, CAT, NAME, UNIT, "group", "en")
    assert len(group.columns) == 6  # against a group its percentile is the one shown already


def test_colours_of_bands_and_verdicts():
    assert pv.band_colours(TABLE) == [BAND_COLOURS["middle"], BAND_COLOURS["best"], None]
    assert pv.verdict_colours(GAP) == [None, BAND_COLOURS["best"], None]
    odd = pd.DataFrame({"verdict": ["worse", "neutral", None]})
    assert pv.verdict_colours(odd) == [BAND_COLOURS["worst"], None, None]


def test_sources_lines_name_publisher_table_link_and_date():
    used = logic.sources_used(OBS_P, ["M", "LV"], TABLE["indicator"].tolist())
    sources = pd.DataFrame({"source_id": ["s1"], "publisher": ["CSP"], "table_code": ["IRS031"]})
    assert pv.sources_lines(used, sources, "en").splitlines() == [
        "- Title s1 — CSP IRS031 · [link](https://example.org/s1) · retrieved 2025-01-01",
        "- Title s2 — [link](https://example.org/s2) · retrieved 2025-01-01",  # unknown source
    ]


def test_sources_lines_without_link_date_or_sources():
    used = pd.DataFrame(
        {"source_id": ["x"], "source_title": ["T"], "source_url": [""], "retrieved": [""]}
    )
    none = pd.DataFrame(columns=["source_id", "publisher", "table_code"])
    assert pv.sources_lines(used, none, "en") == "- T — retrieval date not recorded"
    assert pv.sources_lines(used.iloc[0:0], none, "en") == ""


def gap_rows(verdicts, percentiles, relatives, best) -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(verdicts)
    codes = [f"i{i}" for i in range(n)]
    table = pd.DataFrame({"indicator": codes, "year": [2024] * n, "value": [1.0] * n})
    gap = pd.DataFrame(
        {
            "indicator": codes,
            "verdict": verdicts,
            "percentile": percentiles,
            "relative": relatives,
            "best": best,
            "best_value": [2.0] * n,
        }
    )
    return table, gap


def test_worst_gaps_lowest_percentile_then_largest_relative_gap():
    table, gap = gap_rows(
        ["worse", "worse", "better", "worse", "worse", "worse", "worse"],
        [10.0, 10.0, 0.0, 5.0, 40.0, 30.0, 20.0],
        [-5.0, -30.0, 50.0, -1.0, -9.0, -9.0, -9.0],
        ["A", "B", "C", None, "E", "F", "G"],  # i3 has no best-placed unit: left out
    )
    behind = pv.worst_gaps(table, gap)
    assert behind["indicator"].tolist() == ["i1", "i0", "i6", "i5"]
    assert {"year", "value", "best", "best_value"} <= set(behind.columns)
    assert "size" not in behind.columns
    assert pv.worst_gaps(table, gap, limit=1)["indicator"].tolist() == ["i1"]


def test_worst_gaps_with_nothing_behind():
    table, gap = gap_rows(["better", "none"], [90.0, np.nan], [5.0, np.nan], ["A", None])
    assert pv.worst_gaps(table, gap).empty
    table, gap = gap_rows([], [], [], [])
    assert pv.worst_gaps(table, gap).empty


def test_related_units_across_boundaries():
    successors = {"A": {"B", "C"}, "B": {"A"}}
    assert pv.related_units(successors, "A") == {"B", "C"}
    assert pv.related_units(successors, "unknown") == set()
    assert pv.related_units({}, "A") == set()


def network(name: str, coordinator: str = "") -> SimpleNamespace:
    return SimpleNamespace(name=lambda lang: name, coordinator=coordinator)


def test_network_line_with_and_without_coordinator():
    assert pv.network_line(network("Net"), "en") == "- Net"
    line = pv.network_line(network("Net *x*", "Ann"), "en")
    assert line.startswith("- Net") and line.endswith("coordinator: Ann")
    assert "*x*" not in line  # what people typed is escaped


def practice(title: str, unit: str | None) -> SimpleNamespace:
    return SimpleNamespace(title=title, unit_id=unit)


def test_lead_lines_best_others_and_networks():
    lead = {
        "best_practices": [practice("Mine", "Q")],
        "other_practices": [practice("Theirs", "P"), practice("Nobody's", None)],
        "networks": [network("Net")],
    }
    line = lambda p, place: f"- {p.title} @{place}"  # noqa: E731
    text = pv.lead_lines(lead, line, str.lower, "en")
    assert text.splitlines() == [
        "Its good practices:",
        "- Mine @",  # the best-placed unit is named above, not on each line
        "Good practices of the others compared:",
        "- Theirs @p",
        "- Nobody's @",
        "",
        "Networks working on it:",
        "- Net",
    ]


def test_lead_lines_without_practices_or_networks():
    lead = {"best_practices": [], "other_practices": [], "networks": []}
    assert pv.lead_lines(lead, lambda p, place: "?", str, "en") == (
        "The library has no good practices on this indicator from those compared."
    )


def test_the_html_tables_carry_their_columns_groups_and_css():
    shown = pv.display_table(TABLE, CAT, NAME, UNIT, "en")
    themes = ["Economy", "Economy", "People"]
    html = profile_charts.table_html(shown, themes, pv.band_colours(TABLE), "en")
    assert "GOOD" in html and "Economy" in html and "People" in html
    assert str(profile_charts.TABLE_MAX_PX) in html
    gap_html = profile_charts.gaps_html(
        pv.gap_display(TABLE, GAP, CAT, NAME, UNIT, "group", "en"),
        themes,
        pv.verdict_colours(GAP),
        "group",
        "en",
    )
    assert gap_html.startswith(profile_charts.GAPS_CSS + '<div class="bl-gaps">')
    assert gap_html.endswith("</div>")
    empty = profile_charts.gaps_html(
        pv.gap_display(TABLE.iloc[0:0], GAP.iloc[0:0], CAT, NAME, UNIT, "peers", "en"),
        [],
        [],
        "peers",
        "en",
    )
    assert 'class="bl-gaps"' in empty


def test_gap_head_names_the_indicator_the_gap_and_the_best_placed():
    row = {**TABLE.iloc[1].to_dict(), **GAP.iloc[1].to_dict()}  # "bad": 2 against median 4
    head = pv.gap_head(row, CAT, NAME, UNIT, lambda u: f"Unit {u}", "peers", "en")
    assert head[0] == "**BAD** (2022)"
    assert head[1] == "50\u202f% lower than in similar municipalities (better)."
    assert head[2].count("Unit Q") == 1 and "2 km" in head[2]


def test_gap_head_without_enough_references():
    row = {**TABLE.iloc[0].to_dict(), **GAP.iloc[0].to_dict()}  # "good": two references only
    head = pv.gap_head(row, CAT, NAME, UNIT, lambda u: f"Unit {u}", "group", "lv")
    assert head[0] == "**GOOD** (2024)"
    assert head[1].endswith(".") and head[1][0].isupper()
    # worst_gaps never passes a row without a best-placed unit; drawn anyway, it says no data
    assert len(head) == 3 and "nav datu" in head[2]
