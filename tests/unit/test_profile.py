"""Profile table: latest year per indicator, rank/percentile within the group, Latvia's value,
strongest and weakest positions. Hand-computed small examples."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from benchlearn.logic.profile import (
    latest_values,
    multi_year,
    population_fact,
    profile_table,
    sources_used,
    strongest_weakest,
)

CATALOGUE = pd.DataFrame(
    {"direction": ["higher_better", "lower_better", "neutral", "higher_better"]},
    index=["good", "bad", "size", "empty"],
)


def row(unit: str, ind: str, year: int, value: float, source: str = "s1") -> dict:
    return {
        "unit_id": unit,
        "indicator": ind,
        "year": year,
        "value": value,
        "flags": "",
        "source_id": source,
        "source_title": f"Title {source}",
        "source_url": f"https://example.org/{source}",
        "retrieved": "2025-01-01",
    }


OBS = pd.DataFrame(
    [
        # good (higher better): M's latest is 2024 (2023 ignored); in 2024 group values 5, 3, 9, NaN
        row("M", "good", 2023, 1.0),
        row("M", "good", 2024, 5.0),
        row("P", "good", 2024, 3.0),
        row("Q", "good", 2024, 9.0),
        row("R", "good", 2024, np.nan),
        row("LV", "good", 2024, 6.0),
        row("LV", "good", 2023, 99.0),
        # bad (lower better): M latest 2022 = 2, P 4, Q 2 (tie), R 8; LV has no 2022 value
        row("M", "bad", 2022, 2.0, "derived"),
        row("P", "bad", 2022, 4.0),
        row("Q", "bad", 2022, 2.0),
        row("R", "bad", 2022, 8.0),
        row("LV", "bad", 2021, 3.0),
        # size (neutral): M 10, P 20, Q 30
        row("M", "size", 2024, 10.0, "s2"),
        row("P", "size", 2024, 20.0),
        row("Q", "size", 2024, 30.0),
        # empty: M has no value at all
        row("P", "empty", 2024, 1.0),
    ]
)
MEMBERS = ["M", "P", "Q", "R"]


def test_latest_values_takes_the_last_valued_year() -> None:
    latest = latest_values(OBS, "M")
    assert latest.loc["good", "year"] == 2024 and latest.loc["good", "value"] == 5.0
    assert latest.loc["bad", "year"] == 2022
    assert "empty" not in latest.index


def test_profile_table_rank_percentile_and_latvia() -> None:
    table = profile_table(OBS, "M", MEMBERS, CATALOGUE).set_index("indicator")
    assert table.index.tolist() == ["good", "bad", "size"]  # catalogue order, no "empty"
    good = table.loc["good"]
    # valued 5, 3, 9 (R missing does not count): M is 2nd of 3; mid-rank 2 -> (2-1)/2 = 50
    assert good["rank"] == 2 and good["n"] == 3 and good["percentile"] == 50.0
    assert good["latvia"] == 6.0 and good["band"] == "middle"
    bad = table.loc["bad"]
    # lower better: 2, 4, 2, 8 -> M and Q tie best (rank 1 of 4); oriented mid-rank 3.5
    # -> (3.5 - 1) / 3 * 100 = 83.33; Latvia has no 2022 value
    assert bad["rank"] == 1 and bad["n"] == 4
    assert math.isclose(bad["percentile"], 250 / 3)
    assert bad["band"] == "best" and math.isnan(bad["latvia"])
    size = table.loc["size"]
    # neutral: rank is a position (largest first), no percentile, band neutral
    assert size["rank"] == 3 and size["n"] == 3
    assert math.isnan(size["percentile"]) and size["band"] == "neutral"


def test_profile_table_adds_the_unit_when_outside_the_group() -> None:
    table = profile_table(OBS, "M", ["P", "Q"], CATALOGUE).set_index("indicator")
    # among M, P, Q for "good": 5, 3, 9 -> still 2nd of 3
    assert table.loc["good", "rank"] == 2 and table.loc["good", "n"] == 3


def test_strongest_and_weakest_are_disjoint_and_skip_neutral() -> None:
    table = pd.DataFrame(
        {
            "indicator": list("abcdefghij"),
            "direction": ["higher_better"] * 6
            + ["neutral", "lower_better"]
            + ["higher_better"] * 2,
            "percentile": [90.0, 10.0, 50.0, 49.9, 100.0, np.nan, 100.0, 0.0, 75.0, 25.0],
            "n": [10, 10, 10, 10, 10, 10, 10, 3, 10, 10],
        }
    )
    strong, weak = strongest_weakest(table, limit=2)
    # best quarter (>= 75): e (100), a (90), i (75) -> top 2; neutral g and the n=3 h are out
    assert strong["indicator"].tolist() == ["e", "a"]
    # worst quarter (<= 25), worst first: b (10), j (25)
    assert weak["indicator"].tolist() == ["b", "j"]
    strong, weak = strongest_weakest(table, limit=5, min_n=3)
    assert strong["indicator"].tolist() == ["e", "a", "i"]
    assert weak["indicator"].tolist() == ["h", "b", "j"]
    # the middle half (c at 50, d at 49.9) is neither a strength nor a weakness
    assert not {"c", "d"} & {*strong["indicator"], *weak["indicator"]}
    assert not set(strong["indicator"]) & set(weak["indicator"])


def test_a_group_with_only_middle_ranks_has_no_strongest_or_weakest() -> None:
    """Positions 2 to 3 of 4 are not "strongest": fewer lines rather than misleading ones."""
    table = pd.DataFrame(
        {
            "indicator": ["x", "y"],
            "direction": ["higher_better", "lower_better"],
            "percentile": [66.7, 33.3],
            "n": [10, 10],
        }
    )
    strong, weak = strongest_weakest(table)
    assert strong.empty and weak.empty


def test_strongest_weakest_of_nothing() -> None:
    empty = pd.DataFrame({"indicator": [], "direction": [], "percentile": [], "n": []})
    strong, weak = strongest_weakest(empty)
    assert strong.empty and weak.empty


def test_population_fact_prefers_latest_year_then_annual_average() -> None:
    pop = pd.DataFrame(
        [
            row("M", "population_avg", 2024, 100.0),
            row("M", "population_start_of_year", 2024, 101.0),
            row("N", "population_avg", 2023, 50.0),
            row("N", "population_start_of_year", 2025, 49.0),
        ]
    )
    m = population_fact(pop, "M")
    assert m["indicator"] == "population_avg" and m["value"] == 100.0 and m["year"] == 2024
    n = population_fact(pop, "N")
    assert n["indicator"] == "population_start_of_year" and n["year"] == 2025
    assert population_fact(pop, "X") is None


def test_multi_year_and_sources_used() -> None:
    assert multi_year(OBS, "M", ["size", "good", "bad"]) == ["good"]
    used = sources_used(OBS, ["M", "LV"], ["good", "bad", "size"])
    # "derived" rows are left out (their inputs carry the sources)
    assert used["source_id"].tolist() == ["s1", "s2"]
    assert used.loc[0, "source_url"] == "https://example.org/s1"


def test_timeless_indicators_compare_each_units_latest_value() -> None:
    catalogue = pd.DataFrame({"direction": ["neutral"], "timeless": [True]}, index=["area"])
    area = pd.DataFrame(
        [
            row("M", "area", 2025, 30.0),
            row("P", "area", 2022, 10.0),
            row("Q", "area", 2022, 50.0),
            row("LV", "area", 2022, 90.0),
        ]
    )
    table = profile_table(area, "M", ["M", "P", "Q"], catalogue).set_index("indicator")
    # M's area is dated 2025, the others' 2022: still compared, 2nd of 3; Latvia found too
    assert table.loc["area", "rank"] == 2 and table.loc["area", "n"] == 3
    assert table.loc["area", "latvia"] == 90.0
