"""What a value is (reported, computed, constructed, rounded, unverified): marks, words,
legends, and that every table and tooltip that shows a value carries them."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchlearn.charts import tables
from benchlearn.charts import trends as trend_charts
from benchlearn.logic import benchmark as bm
from benchlearn.logic import explore as ex
from benchlearn.logic import flags as fl
from benchlearn.logic import profile as profile_logic
from benchlearn.logic.mapview import map_slice
from benchlearn.logic.series import LATVIA, trend_series

CONSTRUCTED_EN = "constructed (summed from the municipalities before the reform)"

PARTS = "Aizkraukles novads (LV0320200) + Kokneses novads (LV0326100)"


# --- the module itself --------------------------------------------------------------------


@pytest.mark.parametrize("empty", [None, "", float("nan"), np.nan, pd.NA, " , "])
def test_no_tokens_is_a_reported_figure(empty):
    assert fl.tokens(empty) == ()
    assert fl.mark(empty) == ""
    assert fl.status(empty, "lv") == "oficiāla statistika"
    assert fl.status(empty, "en") == "official statistics"
    assert fl.value_class(empty) == "reported"


def test_tokens_are_read_in_any_order_case_and_spacing():
    assert fl.tokens("derived,constructed") == ("derived", "constructed")
    assert fl.tokens("constructed,derived") == ("derived", "constructed")
    assert fl.tokens(" Rounded , derived ") == ("derived", "rounded")
    # a token this version does not know is not shown as something it is not
    assert fl.tokens("estimated") == ()
    assert fl.tokens("derived,derived") == ("derived",)


def test_marks_are_distinct_and_computed_alone_has_none():
    assert len(set(fl.MARKS.values())) == len(fl.MARKS)
    assert fl.mark("derived") == ""
    assert fl.mark("constructed") == "Σ"
    assert fl.mark("derived,constructed") == "Σ"
    assert fl.mark("rounded") == "≈"
    assert fl.mark("unverified") == "?"
    assert fl.mark("rounded,constructed,unverified") == "Σ≈?"


def test_marked_puts_the_mark_after_the_number_but_never_on_a_missing_value():
    assert fl.marked("1 234", "constructed") == "1 234\u00a0Σ"
    assert fl.marked("1 234", "derived") == "1 234"
    assert fl.marked("–", "rounded") == "–"
    assert fl.marked("", "rounded") == ""


@pytest.mark.parametrize(
    ("flags", "lv", "en"),
    [
        ("derived", "aprēķināts", "computed"),
        (
            "constructed",
            "konstruēts (saskaitīts no pašvaldībām pirms reformas)",
            "constructed (summed from the municipalities before the reform)",
        ),
        ("rounded", "noapaļots, kā publicēts", "rounded as published"),
        ("unverified", "nepārbaudīts avots", "unverified source"),
        (
            "constructed,derived",
            "aprēķināts; konstruēts (saskaitīts no pašvaldībām pirms reformas)",
            "computed; constructed (summed from the municipalities before the reform)",
        ),
    ],
)
def test_status_in_words_in_both_languages(flags, lv, en):
    assert fl.status(flags, "lv") == lv
    assert fl.status(flags, "en") == en


def test_parts_follow_only_a_constructed_value():
    assert fl.status_with_parts("constructed", PARTS, "en") == (f"{CONSTRUCTED_EN}: {PARTS}")
    assert fl.status_with_parts("rounded", PARTS, "en") == "rounded as published"
    assert fl.status_with_parts("constructed", None, "lv") == (
        "konstruēts (saskaitīts no pašvaldībām pirms reformas)"
    )
    assert fl.status_with_parts("constructed", float("nan"), "lv").endswith("reformas)")
    rows = fl.statuses(["", "constructed", None], [None, PARTS, None], "en", [True, True, False])
    assert rows == ["official statistics", f"{CONSTRUCTED_EN}: {PARTS}", ""]


def test_one_class_per_value_for_counting():
    assert fl.value_class("derived") == "computed"
    assert fl.value_class("constructed,derived") == "constructed"
    assert fl.value_class("derived,unverified") == "unverified"
    assert fl.value_class("constructed,rounded") == "constructed"
    assert fl.value_class("contributed,approved:2026-12-06") == "contributed"
    assert fl.value_class("contributed,derived,constructed") == "contributed"
    assert set(fl.CLASSES) == {
        "reported",
        "computed",
        "constructed",
        "rounded",
        "unverified",
        "contributed",
    }


def test_a_contributed_value_is_marked_and_says_when_it_was_approved():
    flags = "contributed,approved:2026-12-06"
    assert fl.mark(flags) == "✎" and fl.is_contributed(flags)
    assert fl.approved_date(flags) == "2026-12-06"
    assert fl.status(flags, "en") == (
        "contributed by the municipality, approved 2026-12-06; not official statistics"
    )
    assert "apstiprināts 2026-12-06" in fl.status(flags, "lv")
    assert fl.status("contributed,derived", "en").endswith("not official statistics")
    assert fl.legend([flags, None], "en") == (
        "Marks: ✎ contributed by the municipality, not official statistics"
    )


def test_legend_lists_only_the_marks_present():
    assert fl.legend(["", "derived", None], "lv") == ""
    assert fl.legend(["rounded", "", "rounded"], "en") == "Marks: ≈ rounded as published"
    text = fl.legend(["unverified", "derived,constructed"], "lv")
    assert text == (
        "Apzīmējumi: Σ konstruēts (saskaitīts no pašvaldībām pirms reformas) · ? nepārbaudīts avots"
    )
    assert "≈" not in text


def test_summary_by_year_joins_runs():
    by_year = {2012: "constructed", 2013: "constructed", 2014: "", 2016: ""}
    assert fl.summary_by_year(by_year, "en") == (
        f"2012–2013: {CONSTRUCTED_EN}; 2014: official statistics; 2016: official statistics"
    )
    assert fl.summary_by_year({2020: "", 2021: None}, "lv") == "oficiāla statistika"
    assert fl.summary_by_year({}, "lv") == ""


# --- where values are shown ---------------------------------------------------------------


def catalogue() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "code": "pop",
                "name_lv": "Iedzīvotāji",
                "name_en": "Population",
                "unit_lv": "iedz.",
                "unit_en": "persons",
                "theme": "p",
                "theme_lv": "P",
                "theme_en": "P",
                "theme_order": 1,
                "sort_order": 1,
                "direction": "higher_better",
                "decimals": 0,
                "kind": "source",
                "formula": None,
                "inputs": [],
                "timeless": False,
                "source_ids": [],
                "per_capita": None,
            }
        ]
    ).set_index("code")


OBS = pd.DataFrame(
    [
        ("A", "pop", 2019, 1000.0, "constructed", PARTS),
        ("A", "pop", 2020, 1100.0, "constructed", PARTS),
        ("A", "pop", 2021, 1200.0, "", None),
        ("B", "pop", 2020, 3000.0, "rounded", None),
        ("B", "pop", 2021, 3100.0, None, None),
        (LATVIA, "pop", 2020, 9000.0, "", None),
        (LATVIA, "pop", 2021, 9100.0, "unverified", None),
    ],
    columns=["unit_id", "indicator", "year", "value", "flags", "parts"],
)


def test_comparison_table_marks_values_and_says_their_status_in_downloads():
    cat = catalogue()
    tidy = bm.benchmark_table(OBS, cat, ["A", "B", "C"], {"pop": 2020})
    assert tidy.set_index("unit_id").loc["A", "parts"] == PARTS
    wide = bm.wide_table(tidy, ["A", "B", "C"])
    flags = bm.flags_table(tidy, ["A", "B", "C"])
    assert flags["pop"].tolist()[:2] == ["constructed", "rounded"] and pd.isna(
        flags.loc["C", "pop"]
    )
    names = {"A": "Alfa", "B": "Bēta", "C": "Cēsis"}
    display = bm.display_frame(wide, tidy, cat, names, None, 2020, "lv")
    texts = bm.cell_texts(display, wide, cat, "lv", flags)
    assert texts.iloc[:, 1].tolist() == ["1\u202f100\u00a0Σ", "3\u202f000\u00a0≈", "–"]
    assert texts.iloc[0, 2] == "2"  # ranks carry no mark
    titles = bm.cell_titles(wide, flags, bm.flags_table(tidy, ["A", "B", "C"], "parts"), "en")
    assert titles.iloc[0, 1] == f"{CONSTRUCTED_EN}: {PARTS}"
    assert titles.iloc[1, 1] == "rounded as published" and titles.iloc[2, 1] == ""
    html = tables.sortable_table(
        texts, keys=bm.sort_keys(wide, names), label="x", lang="en", titles=titles
    )
    assert 'title="rounded as published"' in html and "3\u202f000\u00a0≈" in html
    # on the page the mark sits in a slot of its own, so the numbers stay aligned
    plain = bm.cell_texts(display, wide, cat, "lv")
    marks = bm.cell_marks(wide, flags)
    assert marks == {1: ["Σ", "≈", ""]}
    html = tables.sortable_table(
        plain, keys=bm.sort_keys(wide, names), label="x", lang="lv", marks=marks
    )
    assert '1\u202f100<span class="bl-mark">\u00a0Σ</span>' in html
    assert '–<span class="bl-mark"></span>' in html  # no value: no mark
    export = bm.export_frame(wide, tidy, cat, names, "en")
    assert export.iloc[:, -1].tolist() == [
        f"{CONSTRUCTED_EN}: {PARTS}",
        "rounded as published",
        "",
    ]
    assert export.columns[-1] == "Population, persons (2020): status"


def test_a_table_without_flags_still_builds():
    cat = catalogue()
    plain = OBS.drop(columns=["flags", "parts"])
    tidy = bm.benchmark_table(plain, cat, ["A", "B"], {"pop": 2021})
    wide = bm.wide_table(tidy, ["A", "B"])
    export = bm.export_frame(wide, tidy, cat, {"A": "A", "B": "B"}, "lv")
    assert export.iloc[:, -1].tolist() == ["oficiāla statistika"] * 2


def test_map_tooltip_and_table_carry_mark_and_words():
    slice_ = pd.DataFrame(
        {
            "unit_id": ["A", "B", "C"],
            "name_lv": ["Alfa", "Bēta", "Cēsis"],
            "name_en": ["Alfa", "Beta", "Cesis"],
            "kind": ["novads"] * 3,
            "value": [1100.0, 3000.0, np.nan],
            "flags": ["constructed", "", None],
            "parts": [PARTS, None, None],
        }
    )
    view = map_slice(slice_, "higher_better", "quantile", None, "iedz.", 0, "lv")
    assert view.table.loc["A", "value_text"] == "1\u202f100 iedz.\u00a0Σ"
    assert view.table.loc["A", "status_text"].endswith(PARTS)
    assert view.table.loc["B", "status_text"] == "oficiāla statistika"
    assert view.table.loc["C", "status_text"] == "" and view.table.loc["C", "value_text"] == (
        "nav datu"
    )
    # a slice without flags (a composite index) claims no status
    bare = map_slice(
        slice_.drop(columns=["flags", "parts"]), "higher_better", "quantile", None, "", 2, "en"
    )
    assert set(bare.table["status_text"]) == {""}


def test_trend_tooltips_and_table_carry_marks_but_the_mean_has_none():
    sourced = OBS.assign(source_id="s", source_title="T", source_url="", retrieved="")
    series = trend_series(sourced, "pop", ["B"], "A", ["A", "B"])
    labels = {"A": "Alfa", "B": "Bēta", LATVIA: "Latvija", "_mean": "Vidējā"}
    frame = trend_charts.display_frame(series, labels, "iedz.", 0, "en", derived="")
    a_2019 = frame[(frame["series"] == "A") & (frame["year"] == 2019)].iloc[0]
    assert a_2019["value_text"].endswith("\u00a0Σ")
    assert a_2019["status_text"] == f"{CONSTRUCTED_EN}: {PARTS}"
    mean = frame[frame["series"] == "_mean"]
    assert set(mean["status_text"]) == {""} and not mean["value_text"].str.contains("Σ").any()
    gap = frame[(frame["series"] == "B") & (frame["year"] == 2019)].iloc[0]
    assert gap["status_text"] == ""
    titles = [tip.to_dict()["title"] for tip in trend_charts.tooltip("en")]
    assert "Status" in titles
    table = trend_charts.value_table(frame, 0, "lv", "Pašvaldība")
    row_a = table[table["Pašvaldība"] == "Alfa"].iloc[0]
    assert row_a["2019"] == "1\u202f000\u00a0Σ" and row_a["2021"] == "1\u202f200"
    assert table[table["Pašvaldība"] == "Latvija"].iloc[0]["2021"] == "9\u202f100\u00a0?"


def test_profile_keeps_the_flags_of_the_unit_and_of_latvia():
    cat = catalogue()
    table = profile_logic.profile_table(OBS[OBS["year"] <= 2020], "A", ["A", "B"], cat)
    row = table.iloc[0]
    assert row["flags"] == "constructed" and row["parts"] == PARTS
    assert row["latvia_flags"] == ""  # Latvia's 2020 figure is reported
    table = profile_logic.profile_table(OBS, "A", ["A", "B"], cat)
    assert table.iloc[0]["latvia_flags"] == "unverified"


def test_explorer_marks_and_status_columns():
    ids = ["A", "B", "C"]
    years = {"pop": 2020}
    flags = ex.wide_details(OBS, ids, years, "flags")
    parts = ex.wide_details(OBS, ids, years, "parts")
    assert flags.loc["A", "pop"] == "constructed" and pd.isna(flags.loc["C", "pop"])
    assert ex.wide_details(OBS.drop(columns=["flags"]), ids, years, "flags").isna().all().all()
    info = pd.DataFrame(
        {"name": ["Alfa", "Bēta", "Cēsis"], "kind_label": "novads", "region_label": "R"},
        index=ids,
    )
    values = ex.wide_values(OBS, ids, years)
    frame = ex.table_frame(ids, info, values, ["pop"], years, catalogue(), "lv")
    out = ex.with_status(frame, ["pop"], flags, parts, "lv")
    assert out.columns.tolist()[-2:] == [
        "Iedzīvotāji, iedz. (2020. g.)",
        "Iedzīvotāji, iedz. (2020. g.): statuss",
    ]
    assert out.iloc[:, -1].tolist() == [
        f"konstruēts (saskaitīts no pašvaldībām pirms reformas): {PARTS}",
        "noapaļots, kā publicēts",
        "",
    ]
    assert ex.number_formats(["pop"], catalogue(), status=True) == ["@", "@", "@", "#,##0", "@"]
    series = ex.series_frame(OBS, ["A", "B"], "pop", {"A": "Alfa", "B": "Bēta"})
    by_unit = ex.status_by_unit(series, "en")
    assert by_unit["A"] == (f"2019–2020: {CONSTRUCTED_EN}; 2021: official statistics")
    assert by_unit["B"] == "2020: rounded as published; 2021: official statistics"
    assert math.isnan(
        series[(series["unit_id"] == "B") & (series["year"] == 2019)]["value"].iloc[0]
    )


def test_a_value_on_the_fallback_population_says_so():
    flags = "basis:population_start_of_year,derived"
    assert fl.tokens(flags) == ("derived", "basis") and fl.mark(flags) == "*"
    assert fl.basis_code(flags) == "population_start_of_year"
    assert fl.status(flags, "en") == (
        "computed; on the population at the beginning of the year "
        "(no annual average population for this unit and year)"
    )
    assert fl.value_class(flags) == "computed"  # still a computed value
    assert fl.legend(["derived", flags], "lv").startswith("Apzīmējumi: * uz iedzīvotāju skaitu")
    # a fallback to an input without its own words still names it
    assert "«other»" in fl.status("basis:other,derived", "en")
    assert fl.basis_code("derived") is None and fl.basis_code(None) is None
