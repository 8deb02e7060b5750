"""Difference-in-differences of an improvement action's indicators (benchlearn.logic.actions),
against hand-computed values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from benchlearn.logic import actions

CODE = "libraries"


def frame(values: dict[str, dict[int, float]], code: str = CODE) -> pd.DataFrame:
    rows = [
        {"unit_id": u, "indicator": code, "year": y, "value": v}
        for u, years in values.items()
        for y, v in years.items()
    ]
    return pd.DataFrame(rows)


# me: 100 -> 110 (+10 %); peers: 50 -> 51 (+2 %), 200 -> 210 (+5 %), 10 -> 10 (0 %),
# and one without a 2024 value (left out). Median of +2, +5, 0 = +2 %; 10 - 2 = 8 points.
VALUES = {
    "me": {2019: 90.0, 2021: 100.0, 2022: 104.0, 2024: 110.0},
    "a": {2021: 50.0, 2024: 51.0},
    "b": {2021: 200.0, 2024: 210.0},
    "c": {2021: 10.0, 2024: 10.0},
    "d": {2021: 30.0},
}


def test_change_since_the_start_against_the_reference_median():
    got = actions.effect(frame(VALUES), CODE, "me", ["a", "b", "c", "d"], 2021, "higher_better")
    assert (got["status"], got["base_year"], got["end_year"]) == ("ok", 2021, 2024)
    assert got["own"] == pytest.approx(10.0)
    assert got["reference"] == pytest.approx(2.0)
    assert got["difference"] == pytest.approx(8.0)
    assert (got["measure"], got["n_reference"], got["verdict"]) == ("percent", 3, "better")
    words = actions.effect_words(got, "bibl.", 0, "peers", "en")
    assert words == (
        "since 2021 (to 2024) +10.0\u202f% against +2.0\u202f% in similar municipalities "
        "(median of 3): 8.0 points better"
    )
    lv = actions.effect_words(got, "bibl.", 0, "group", "lv")
    assert lv.startswith("kopš 2021. gada (līdz 2024.) +10,0\u202f% pret +2,0\u202f%")
    assert lv.endswith("par 8,0 procentpunkti labāk")


def test_lower_is_better_turns_the_verdict_and_the_base_is_the_last_year_before():
    # the action began in 2020: no value that year, so the base is 2019 (me 90 -> 110:
    # +22.2 %); the references need 2019 values too: none, so too few
    got = actions.effect(frame(VALUES), CODE, "me", ["a", "b", "c"], 2020, "lower_better")
    assert (got["status"], got["base_year"], got["n_reference"]) == ("few_reference", 2019, 0)
    got = actions.effect(frame(VALUES), CODE, "me", ["a", "b", "c"], 2021, "lower_better")
    assert got["verdict"] == "worse"
    assert actions.verdict(-1.0, "lower_better") == "better"
    assert actions.verdict(2.0, "neutral") == "higher"
    assert actions.verdict(0.0, "higher_better") == "same"


def test_shares_and_bases_at_zero_change_in_the_unit():
    values = {
        "me": {2020: 40.0, 2023: 46.5},  # +6.5 points
        "a": {2020: 30.0, 2023: 31.0},  # +1
        "b": {2020: 50.0, 2023: 52.0},  # +2
        "c": {2020: 20.0, 2023: 17.0},  # -3; median +1
    }
    got = actions.effect(frame(values), CODE, "me", ["a", "b", "c"], 2020, "higher_better", False)
    assert got["measure"] == "unit"
    assert (got["own"], got["reference"], got["difference"]) == (6.5, 1.0, 5.5)
    assert actions.effect_words(got, "%", 1, "peers", "en") == (
        "since 2020 (to 2023) +6.5 percentage points against +1.0 percentage points in "
        "similar municipalities (median of 3): 5.5 points better"
    )
    values["me"] = {2020: 0.0, 2023: 3.0}  # a base of 0: no percent
    got = actions.effect(frame(values), CODE, "me", ["a", "b", "c"], 2020, "neutral")
    assert (got["measure"], got["difference"], got["verdict"]) == ("unit", 2.0, "higher")
    assert actions.effect_words(got, "bibl.", 0, "peers", "en").endswith(": 2 bibl. higher")


def test_no_base_too_early_and_about_the_same():
    obs = frame(VALUES)
    got = actions.effect(obs, CODE, "me", ["a", "b", "c"], 2018, "higher_better")
    assert got["status"] == "no_base" and math.isnan(got["difference"])
    assert "no value" in actions.effect_words(got, "", 0, "peers", "en")
    got = actions.effect(obs, CODE, "me", ["a", "b", "c"], 2024, "higher_better")
    assert (got["status"], got["base_year"]) == ("too_early", 2024)
    assert actions.effect_words(got, "", 0, "peers", "lv") == (
        "pēc 2024. gada vēl nav datu: par agru spriest"
    )
    same = {**VALUES, "me": {2021: 100.0, 2024: 102.0}}  # +2 % as the median
    got = actions.effect(frame(same), CODE, "me", ["a", "b", "c"], 2021, "higher_better")
    assert actions.effect_words(got, "", 0, "peers", "en").endswith(": about the same")


def test_the_unit_is_never_its_own_reference_and_other_indicators_are_ignored():
    obs = pd.concat([frame(VALUES), frame({"a": {2021: 1.0, 2024: 100.0}}, "other")])
    got = actions.effect(obs, CODE, "me", ["me", "a", "b", "c"], 2021, "higher_better")
    assert (got["n_reference"], got["reference"]) == (3, pytest.approx(2.0))
