"""Latvian number formats, translations, and which boundaries a year is drawn on."""

from __future__ import annotations

import pandas as pd
import pytest

from benchlearn.formatting import format_number, format_rank, format_value
from benchlearn.i18n import formula_text, md_safe, t
from benchlearn.logic.view import choose_version, version_valid_in

VERSIONS = pd.DataFrame(
    {
        "version": ["pre2021", "lg2021", "lg2025"],
        "valid_from": [None, pd.Timestamp("2021-07-01").date(), pd.Timestamp("2025-07-01").date()],
        "valid_to": [pd.Timestamp("2021-06-30").date(), pd.Timestamp("2025-06-30").date(), None],
    }
)


@pytest.mark.parametrize(
    ("value", "decimals", "lv", "en"),
    [
        (28446, 0, "28\u202f446", "28,446"),
        (1234567.891, 2, "1\u202f234\u202f567,89", "1,234,567.89"),
        (3.456, 1, "3,5", "3.5"),
        (-1234.5, 1, "−1\u202f234,5", "−1,234.5"),
        (0, 2, "0,00", "0.00"),
        (None, 1, "–", "–"),
        (float("nan"), 1, "–", "–"),
    ],
)
def test_numbers(value, decimals, lv, en):
    assert format_number(value, decimals, "lv") == lv
    assert format_number(value, decimals, "en") == en


def test_values_ranks_and_text():
    assert format_value(12.7, "%", 1, "lv") == "12,7\u202f%"
    assert format_value(None, "km", 0, "lv") == "nav datu"
    assert format_rank(5, 43, "lv") == "5. vieta no 43"
    assert format_rank(5, 43, "en") == "5 of 43"
    assert t("year_heading", "lv", year=2024) == "2024. gads"
    assert md_safe("2024. gads · km") == "2024\\. gads · km"


def test_formula_text_uses_names():
    names = {"a": "«A»", "b": "«B»"}
    assert formula_text("a / b * 100", names, "lv") == "«A» ÷ «B» × 100"
    assert formula_text("pct_change(a, 5)", names, "en") == "% change over 5 y: «A»"
    assert formula_text("a / first_of(b, c)", {**names, "c": "«C»"}, "en") == (
        "«A» ÷ «B» (where there is none: «C»)"
    )


def test_formula_text_never_reads_a_name_as_a_code():
    # «Annual average population» holds the word "population", itself an indicator code
    names = {"population_avg": "«Annual average population»", "population": "«P»"}
    text = formula_text("pct_change(population_avg, 5) / population", names, "en")
    assert text == "% change over 5 y: «Annual average population» ÷ «P»"


@pytest.mark.parametrize(
    ("year", "version"),
    [(2015, "pre2021"), (2021, "pre2021"), (2022, "lg2021"), (2025, "lg2021"), (2026, "lg2025")],
)
def test_version_valid_on_first_january(year, version):
    assert version_valid_in(year, VERSIONS) == version


def test_backcast_series_move_to_the_boundaries_they_are_on():
    coverage = pd.DataFrame(
        {
            "indicator": ["p", "p"],
            "version": ["lg2021", "lg2025"],
            "year": [2015, 2015],
            "n_units": [36, 35],
        }
    )
    assert choose_version("p", 2015, "auto", coverage, VERSIONS) == ("lg2021", True)
    assert choose_version("p", 2015, "pre2021", coverage, VERSIONS) == ("pre2021", False)
    assert choose_version("q", 2015, "auto", coverage, VERSIONS) == ("pre2021", False)


def test_a_few_unchanged_territories_do_not_hold_the_map_on_the_old_boundaries():
    # 7 territories the 2021 reform did not change are in both versions with back-cast values
    coverage = pd.DataFrame(
        {
            "indicator": ["p", "p", "r", "r"],
            "version": ["pre2021", "lg2021", "pre2021", "lg2021"],
            "year": [2015] * 4,
            "n_units": [7, 36, 40, 13],
        }
    )
    assert choose_version("p", 2015, "auto", coverage, VERSIONS) == ("lg2021", True)
    assert choose_version("r", 2015, "auto", coverage, VERSIONS) == ("pre2021", False)


def test_on_a_tie_the_boundaries_nearest_the_year():
    # GDP 2021: the same 10 units on the 43 and on the 42 (none changed in 2025)
    coverage = pd.DataFrame(
        {
            "indicator": ["g"] * 3,
            "version": ["pre2021", "lg2021", "lg2025"],
            "year": [2021] * 3,
            "n_units": [7, 10, 10],
        }
    )
    assert choose_version("g", 2021, "auto", coverage, VERSIONS) == ("lg2021", True)
