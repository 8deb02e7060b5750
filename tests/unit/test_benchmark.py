"""Comparison table logic: hand-computed examples on a tiny catalogue and observations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchlearn.logic import benchmark as bm
from benchlearn.logic.scores import BAND_COLOURS

NA = pd.NA
UNITS = ["A", "B", "C", "D", "E"]
NAMES = {"A": "Alfa", "B": "Bēta", "C": "Cēsis", "D": "Ādaži", "E": "Ērgļi"}


def indicator(code: str, **extra: object) -> dict:
    row = {
        "code": code,
        "name_lv": f"{code} lv",
        "name_en": f"{code} en",
        "unit_lv": "km",
        "unit_en": "km",
        "theme": "roads",
        "theme_lv": "Ceļi",
        "theme_en": "Roads",
        "theme_order": 2,
        "sort_order": 0,
        "direction": "higher_better",
        "decimals": 1,
        "kind": "source",
        "formula": None,
        "inputs": [],
        "timeless": False,
        "source_ids": ["s_en"],
        "per_capita": None,
    }
    return {**row, **extra}


@pytest.fixture
def catalogue() -> pd.DataFrame:
    rows = [
        indicator("up", sort_order=1),
        indicator("down", sort_order=2, direction="lower_better", unit_lv="%", unit_en="%"),
        indicator("size", sort_order=3, direction="neutral", decimals=0),
        indicator("old", sort_order=4),
        indicator("later", sort_order=5),
        indicator(
            "area",
            sort_order=6,
            kind="geometry",
            timeless=True,
            theme="land",
            theme_lv="Zeme",
            theme_en="Land",
            theme_order=1,
            source_ids=[],
        ),
        indicator(
            "share",
            sort_order=7,
            kind="derived",
            formula="up / size * 100",
            inputs=["up", "size"],
            source_ids=[],
            unit_lv="%",
            unit_en="%",
        ),
    ]
    return pd.DataFrame(rows).set_index("code")


def obs(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_id", "indicator", "year", "value"])


# values 10, 20, 20, 5, missing in 2024 for A..E; some 2023 values for change
BASE = obs(
    [
        ("A", "up", 2024, 10.0),
        ("B", "up", 2024, 20.0),
        ("C", "up", 2024, 20.0),
        ("D", "up", 2024, 5.0),
        ("E", "up", 2024, np.nan),
        ("A", "up", 2023, 8.0),
        ("C", "up", 2023, 25.0),
        ("D", "up", 2022, 1.0),
        ("A", "down", 2024, 10.0),
        ("B", "down", 2024, 20.0),
        ("C", "down", 2024, 20.0),
        ("D", "down", 2024, 5.0),
        ("A", "size", 2024, 3.0),
        ("B", "size", 2024, 0.0),
        ("A", "old", 2021, 1.0),
        ("B", "old", 2022, 2.0),
        ("C", "old", 2022, 3.0),
        ("A", "later", 2023, 1.0),
        ("A", "later", 2025, 9.0),
        ("B", "later", 2025, 9.0),
        ("A", "area", 2025, 100.0),
        ("B", "area", 2025, 50.0),
        ("LV", "up", 2024, 999.0),  # Latvia is not a row: never ranked among municipalities
    ]
)


def one(tidy: pd.DataFrame, code: str, column: str) -> list:
    part = tidy[tidy["indicator"] == code].set_index("unit_id").loc[UNITS, column]
    return part.tolist()


def test_ranks_with_ties_higher_better(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024})
    # 20, 20 share rank 1; 10 is 3rd; 5 is 4th; E has no value and no rank
    assert one(tidy, "up", "rank") == [3, 1, 1, 4, NA]
    assert str(tidy["rank"].dtype) == "Int64"
    assert one(tidy, "up", "n") == [4] * 5
    # mid-ranks ascending: D 1, A 2, B/C 3.5 -> (r - 1) / 3 * 100
    pct = one(tidy, "up", "percentile")
    assert pct[:4] == pytest.approx([100 / 3, 250 / 3, 250 / 3, 0.0])
    assert math.isnan(pct[4])
    assert one(tidy, "up", "band") == ["middle", "best", "best", "worst", "missing"]


def test_lower_is_better_flips_rank_percentile_and_band(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"down": 2024})
    assert one(tidy, "down", "rank") == [2, 3, 3, 1, NA]
    assert one(tidy, "down", "percentile")[:4] == pytest.approx([200 / 3, 50 / 3, 50 / 3, 100])
    assert one(tidy, "down", "band") == ["middle", "worst", "worst", "best", "missing"]


def test_missing_is_not_zero(catalogue) -> None:
    # size: A 3, B 0 (a real zero), C D E missing
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"size": 2024})
    assert one(tidy, "size", "rank") == [1, 2, NA, NA, NA]
    assert one(tidy, "size", "n") == [2] * 5
    values = one(tidy, "size", "value")
    assert values[:2] == [3.0, 0.0]
    assert all(math.isnan(v) for v in values[2:])
    # neutral: a position, no judgement and no colour
    assert one(tidy, "size", "band") == ["neutral", "neutral", "missing", "missing", "missing"]


def test_infinite_value_counts_as_missing(catalogue) -> None:
    data = obs([("A", "up", 2024, 1.0), ("B", "up", 2024, np.inf)])
    tidy = bm.benchmark_table(data, catalogue, ["A", "B"], {"up": 2024})
    assert tidy["rank"].tolist() == [1, NA]
    assert tidy["n"].tolist() == [1, 1]


def test_change_since_previous_year(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024})
    change = one(tidy, "up", "change")
    assert change[0] == pytest.approx(2.0)  # A: 10 - 8
    assert math.isnan(change[1])  # B: no 2023 value
    assert change[2] == pytest.approx(-5.0)  # C: 20 - 25
    assert math.isnan(change[3])  # D: 2022 exists, 2023 does not: no change, no skipping
    assert math.isnan(change[4])  # E: no 2024 value
    assert set(tidy["prev_year"]) == {2023}


def test_series_for_sparklines(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024})
    series = dict(zip(tidy["unit_id"], tidy["series"], strict=True))
    assert series["A"] == {2023: 8.0, 2024: 10.0}
    assert series["D"] == {2022: 1.0, 2024: 5.0}  # missing 2023 is left out, not a zero
    assert series["B"] is None  # one point only
    assert series["E"] is None


def test_latest_year_fallback(catalogue) -> None:
    years = bm.value_years(BASE, catalogue, UNITS, 2024)
    assert years["up"] == 2024
    assert years["old"] == 2022  # latest year <= 2024 with data
    assert years["later"] == 2023  # 2025 is after the selected year: not used
    assert years["area"] == 2025  # timeless: its latest year whatever the selection
    assert years["share"] is None  # no values at all
    assert bm.value_years(BASE, catalogue, UNITS, 2022)["later"] is None
    # the fallback year is the same for every row: C has 2022, A only 2021 -> A is missing
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"old": years["old"]})
    assert one(tidy, "old", "rank") == [NA, 2, 1, NA, NA]
    assert set(tidy["year"]) == {2022}


def test_value_years_ignore_units_outside_scope(catalogue) -> None:
    assert bm.value_years(BASE, catalogue, ["D"], 2024)["old"] is None
    assert bm.value_years(BASE, catalogue, ["LV"], 2024)["up"] == 2024


def test_themes_and_options_follow_catalogue_order(catalogue) -> None:
    years = bm.value_years(BASE, catalogue, UNITS, 2024)
    assert bm.themes_with_data(catalogue, years) == ["land", "roads"]
    assert bm.theme_indicators(catalogue, "roads", years) == ["up", "down", "size", "old", "later"]


def test_default_indicators_are_deterministic(catalogue) -> None:
    options = ["up", "down", "size", "share"]
    counts = {"up": 4, "down": 4, "size": 2, "share": 3}
    # derived first when well covered; then source ones in catalogue order; sparse last
    assert bm.default_indicators(catalogue, options, counts, n_units=5) == [
        "share",
        "up",
        "down",
        "size",
    ]
    assert bm.default_indicators(catalogue, options, counts, 5, first="size", limit=2) == [
        "size",
        "share",
    ]
    assert bm.default_indicators(catalogue, options, counts, 5, first="other", limit=1) == ["share"]


def test_wide_table_drops_empty_change_and_trend(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024, "size": 2024})
    wide = bm.wide_table(tidy, UNITS)
    assert wide.columns.tolist() == [
        ("up", "value"),
        ("up", "rank"),
        ("up", "percentile"),
        ("up", "gap"),
        ("up", "change"),
        ("up", "trend"),
        ("size", "value"),
        ("size", "rank"),
        ("size", "percentile"),
    ]
    assert wide.index.tolist() == UNITS
    assert wide.loc["A", ("up", "value")] == 10.0
    # gap: value - median of the other rows' values (up: A 10, B 20, C 20, D 5; E none);
    # "size" has two values only, so no row has three others to compare with
    assert wide[("up", "gap")].tolist()[:4] == [10 - 20, 20 - 10, 20 - 10, 5 - 20]
    assert pd.isna(wide.loc["E", ("up", "gap")])


def test_order_rows_my_first_then_rank_then_latvian_name(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024})
    # ranks: A 3, B 1, C 1, D 4, E none; B and C tie -> by name (Bēta before Cēsis)
    assert bm.order_rows(tidy, UNITS, None, NAMES) == ["B", "C", "A", "D", "E"]
    assert bm.order_rows(tidy, UNITS, "D", NAMES) == ["D", "B", "C", "A", "E"]
    assert bm.name_key("Ādaži") > bm.name_key("Alfa")
    assert bm.name_key("Ādaži") < bm.name_key("Bēta")


def test_headers_in_both_languages(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"down": 2024, "old": 2022})
    wide = bm.wide_table(tidy, UNITS)
    lv = bm.export_frame(wide, tidy, catalogue, NAMES, "lv")
    en = bm.export_frame(wide, tidy, catalogue, NAMES, "en")
    assert lv.columns.tolist() == [
        "Pašvaldība",
        "down lv, % (2024. g.): vērtība",
        "down lv, % (2024. g.): vieta no 4",
        "down lv, % (2024. g.): procentile",
        "down lv, % (2024. g.): starpība pret pārējo mediānu, procentpunkti",
        "down lv, % (2024. g.): statuss",
        "old lv, km (2022. g.): vērtība",
        "old lv, km (2022. g.): vieta no 2",
        "old lv, km (2022. g.): procentile",
        "old lv, km (2022. g.): statuss",
    ]
    assert en.columns[1] == "down en, % (2024): value"
    assert en.columns[2] == "down en, % (2024): rank of 4"
    assert lv["Pašvaldība"].tolist() == ["Alfa", "Bēta", "Cēsis", "Ādaži", "Ērgļi"]
    # plain numbers: no formatting, missing stays missing
    assert lv.iloc[0, 1] == 10.0
    assert pd.isna(lv.iloc[4, 1])
    assert lv.iloc[:, 2].tolist() == [2, 3, 3, 1, NA]
    # the status in words after each indicator's numbers; none where there is no value
    assert lv.iloc[:, 5].tolist() == ["oficiāla statistika"] * 4 + [""]
    assert en.columns[5] == "down en, % (2024): status"


def test_change_header_says_absolute_unit_or_points(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024})
    assert bm.measure_label(catalogue, tidy, "up", "change", "lv") == "Izmaiņas pret 2023. g., km"
    tidy = bm.benchmark_table(
        obs([("A", "down", 2024, 1.0), ("A", "down", 2023, 2.0)]), catalogue, ["A"], {"down": 2024}
    )
    assert bm.measure_label(catalogue, tidy, "down", "change", "en") == (
        "Change since 2023, percentage points"
    )


def test_display_frame_marks_my_municipality_and_shows_fallback_year(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024, "old": 2022})
    order = bm.order_rows(tidy, UNITS, "A", NAMES)
    wide = bm.wide_table(tidy, order)
    display = bm.display_frame(wide, tidy, catalogue, NAMES, "A", 2024, "lv")
    assert display.iloc[0, 0] == "★ Alfa"
    tops = list(dict.fromkeys(display.columns.get_level_values(0)))
    assert tops == ["", "up lv", "old lv (2022. g.)"]  # the year only where it differs
    assert display.columns[1] == ("up lv", "Vērtība, km")


def test_styles_follow_bands_and_skip_neutral(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024, "size": 2024})
    wide = bm.wide_table(tidy, UNITS)
    display = bm.display_frame(wide, tidy, catalogue, NAMES, "A", 2024, "lv")
    css = bm.cell_styles(display, wide, bm.bands_table(tidy, UNITS), my_position=0)
    up_value = css.iloc[:, 1].tolist()
    assert BAND_COLOURS["best"] in up_value[1] and "color: #ffffff" in up_value[1]
    assert BAND_COLOURS["worst"] in up_value[3]
    assert "background" not in up_value[4]  # missing: no colour
    size_value = css.iloc[:, 6].tolist()
    assert not any("background" in c for c in size_value[1:])  # neutral: never coloured
    assert all("font-weight: bold" in c for c in css.iloc[0])  # my municipality's row
    assert "font-weight" not in css.iloc[1, 2]


def _screen(catalogue, data, lang):
    tidy = bm.benchmark_table(data, catalogue, ["A", "B"], {"up": 2024})
    wide = bm.wide_table(tidy, ["A", "B"])
    display = bm.display_frame(wide, tidy, catalogue, NAMES, None, 2024, lang)
    return wide, bm.cell_texts(display, wide, catalogue, lang)


def test_cell_texts_are_numbers_in_the_ui_language(catalogue) -> None:
    data = obs([("A", "up", 2024, 1234.56), ("B", "up", 2024, 2.0), ("A", "up", 2023, 1000.0)])
    wide, lv = _screen(catalogue, data, "lv")
    assert lv.iloc[:, 0].tolist() == ["Alfa", "Bēta"]
    measures = list(wide.columns.get_level_values(1))
    column = {m: 1 + measures.index(m) for m in measures}
    assert lv.iloc[:, column["value"]].tolist() == ["1\u202f234,6", "2,0"]  # thin space, comma
    assert lv.iloc[:, column["rank"]].tolist() == ["1", "2"]
    assert lv.iloc[:, column["percentile"]].tolist() == ["100", "0"]
    assert lv.iloc[:, column["change"]].tolist() == ["+234,6", "–"]  # signed; none: a dash
    assert lv.iloc[:, column["trend"]].tolist() == ["2023–2024: 1\u202f000,0 → 1\u202f234,6", "–"]
    _, en = _screen(catalogue, data, "en")
    assert en.iloc[0, column["value"]] == "1,234.6"


def test_falling_change_and_a_missing_rank_read_as_such(catalogue) -> None:
    data = obs([("A", "up", 2024, 5.0), ("A", "up", 2023, 7.25), ("B", "up", 2023, 1.0)])
    wide, texts = _screen(catalogue, data, "lv")
    measures = list(wide.columns.get_level_values(1))
    assert texts.iloc[0, 1 + measures.index("change")] == "−2,2"  # a real minus sign
    assert texts.iloc[1, 1 + measures.index("rank")] == "–"  # B has no 2024 value
    assert texts.iloc[1, 1 + measures.index("value")] == "–"


def test_names_sort_in_latvian_alphabetical_order() -> None:
    wide = pd.DataFrame({("up", "value"): [1.0] * len(UNITS)}, index=pd.Index(UNITS))
    places = bm.sort_keys(wide, NAMES).iloc[:, 0].tolist()
    ranked = [NAMES[u] for _, u in sorted(zip(places, UNITS, strict=True))]
    # Ā is a letter after A (the Latvian alphabet, as official lists order names)
    assert ranked == ["Alfa", "Ādaži", "Bēta", "Cēsis", "Ērgļi"]


def test_sort_keys_are_places_and_plain_numbers(catalogue) -> None:
    data = obs([("A", "up", 2024, 1234.56), ("B", "up", 2024, 2.0), ("A", "up", 2023, 1000.0)])
    tidy = bm.benchmark_table(data, catalogue, ["A", "B"], {"up": 2024})
    wide = bm.wide_table(tidy, ["B", "A"])
    keys = bm.sort_keys(wide, NAMES)
    assert keys.shape == (2, 1 + wide.shape[1])
    assert keys.iloc[:, 0].tolist() == [1, 0]  # Alfa before Bēta
    measures = list(wide.columns.get_level_values(1))
    assert keys.iloc[:, 1].tolist() == [2.0, 1234.56]
    assert keys.iloc[:, 1 + measures.index("rank")].tolist() == [2.0, 1.0]
    assert keys.iloc[:, 1 + measures.index("change")].isna().tolist() == [True, False]
    assert keys.iloc[:, 1 + measures.index("trend")].isna().all()  # sparklines do not sort


def test_trend_text_names_the_years_and_the_ends() -> None:
    assert bm.trend_text({2020: 1.0, 2018: 3.5, 2024: 2.0}, 1, "lv") == "2018–2024: 3,5 → 2,0"
    assert bm.trend_text(None, 1, "lv") == "–"


def test_sources_frame(catalogue) -> None:
    sources = pd.DataFrame(
        [
            {
                "source_id": "s_en",
                "publisher": "CSP",
                "table_code": "T1",
                "title": "Roads",
                "url": "https://x/en/T1",
                "retrieved": "2025-12-18",
            },
            {
                "source_id": "s_lv",
                "publisher": "CSP",
                "table_code": "T1",
                "title": "Ceļi",
                "url": "https://x/lv/T1",
                "retrieved": "2025-12-18",
            },
        ]
    )
    catalogue.loc["up", "source_ids"] = ["s_en", "s_lv"]
    frame = bm.sources_frame(catalogue, sources, {"up": 2024, "share": 2024, "area": 2025}, "lv")
    assert frame.columns.tolist() == [
        "Rādītājs",
        "Mērvienība",
        "Gads",
        "Virziens",
        "Avots",
        "Saite",
        "Iegūts",
    ]
    up, share, area = frame.to_dict("records")
    assert up["Avots"] == "CSP T1: Ceļi"  # the same table in two languages: the LV file
    assert up["Saite"] == "https://x/lv/T1" and up["Iegūts"] == "2025-12-18"
    assert share["Avots"].startswith("Aprēķināts: «up lv» ÷ «size lv» × 100; CSP T1")
    assert share["Virziens"] == "jo lielāks, jo labāk"
    assert area["Avots"].startswith("CSP, VZD") and area["Iegūts"] == ""
    en = bm.sources_frame(catalogue, sources, {"up": 2024}, "en")
    assert en.loc[0, "Source"] == "CSP T1: Roads"


def test_legend_names_every_band(catalogue) -> None:
    html = bm.legend_html("en")
    for text in ("best quarter", "middle half", "worst quarter", "my municipality"):
        assert text in html
    assert BAND_COLOURS["best"] in html and BAND_COLOURS["worst"] in html
    assert "mana pašvaldība" not in bm.legend_html("lv", mine=False)


def test_export_number_formats(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"up": 2024, "size": 2024})
    wide = bm.wide_table(tidy, UNITS)
    assert bm.export_number_formats(wide, catalogue) == [
        "@",
        "#,##0.0",
        "0",
        "0",
        "+#,##0.0;-#,##0.0;0",  # gap
        "+#,##0.0;-#,##0.0;0",  # change
        "@",
        "#,##0",
        "0",
        "0",
        "@",
    ]


def test_empty_selection_gives_empty_table(catalogue) -> None:
    tidy = bm.benchmark_table(BASE, catalogue, UNITS, {"share": None})
    assert tidy.empty and tidy.columns.tolist() == bm.TIDY_COLUMNS
