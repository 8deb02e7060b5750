"""Page logic of "similar municipalities" and "composite indices", on small synthetic data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchlearn.logic import indexview, similar
from benchlearn.logic.composite import VRAA_PRESET, Component, composite_index
from benchlearn.logic.peers import find_peers

CATALOGUE = pd.DataFrame(
    {
        "timeless": [False, True, False],
        "direction": ["neutral", "neutral", "higher_better"],
    },
    index=pd.Index(["pop", "area", "share"], name="code"),
)
UNITS = ["A", "B", "C", "D"]


def synthetic_obs() -> pd.DataFrame:
    rows = [
        *(("A", "pop", y, 100.0 + y - 2020) for y in (2020, 2021, 2022)),
        ("B", "pop", 2022, 200.0),
        ("C", "pop", 2021, 300.0),  # C has no 2022 value: not filled from 2021
        ("D", "pop", 2022, 400.0),
        *((u, "area", 2022, a) for u, a in zip(UNITS, (10.0, 20.0, 30.0, 40.0), strict=True)),
        ("A", "share", 2020, 5.0),
        ("B", "share", 2020, 6.0),
        ("C", "share", 2020, 7.0),
        ("D", "share", 2020, 8.0),
        ("E", "pop", 2022, 999.0),  # not one of the units
    ]
    return pd.DataFrame(rows, columns=["unit_id", "indicator", "year", "value"])


def test_structural_table_takes_each_indicator_in_its_latest_year():
    table, years = similar.structural_table(
        synthetic_obs(), CATALOGUE, ["pop", "area", "share", "nope"], UNITS, 2022
    )
    assert years == {"pop": 2022, "area": 2022, "share": 2020}
    assert list(table.index) == UNITS and list(table.columns) == ["pop", "area", "share"]
    assert table.loc["A", "pop"] == 102.0 and math.isnan(table.loc["C", "pop"])
    early, years = similar.structural_table(
        synthetic_obs(), CATALOGUE, ["pop", "area"], UNITS, 2021
    )
    assert years == {"pop": 2021, "area": 2022}  # area is timeless
    assert early["pop"].notna().sum() == 2
    merged = pd.concat(
        [
            synthetic_obs(),
            pd.DataFrame(
                [("M", "area", 2025, 50.0)], columns=["unit_id", "indicator", "year", "value"]
            ),
        ]
    )
    table, _ = similar.structural_table(merged, CATALOGUE, ["area"], [*UNITS, "M"], 2024)
    assert table["area"].tolist() == [10.0, 20.0, 30.0, 40.0, 50.0]  # timeless: any year
    none, years = similar.structural_table(synthetic_obs(), CATALOGUE, ["share"], UNITS, 2019)
    assert years == {} and none.columns.empty


def test_weights_from_rows_reports_problems():
    rows = pd.DataFrame(
        {
            "indicator": ["pop", None, "area", "pop", "share", "x"],
            "weight": [1.0, 3.0, "abc", 2.0, -1.0, 0.0],
        }
    )
    weights, problems = similar.weights_from_rows(rows)
    assert weights == {"pop": 1.0, "x": 0.0}
    assert problems == ["weight:area", "duplicate:pop", "weight:share"]


def test_usable_indicators_and_reasons():
    table = pd.DataFrame({"pop": [1.0, np.nan], "area": [1.0, 2.0]}, index=["A", "B"])
    usable, dropped = similar.usable_indicators(
        table, "B", {"pop": 1, "area": 2, "gone": 1, "z": 0}
    )
    assert usable == {"area": 2}
    assert dropped == {"pop": "missing for focus unit", "gone": "not in table"}


def test_year_options_and_best_year():
    years = {"pop": [2020, 2021, 2022], "area": [2022], "share": [2020]}
    assert similar.year_options(["pop", "area"], years, CATALOGUE) == [2022, 2021, 2020]
    assert similar.year_options(["area"], years, CATALOGUE) == [2022]  # only timeless
    assert similar.year_options(["nope"], years, CATALOGUE) == []
    obs = synthetic_obs()
    # 2022: C lacks pop (3 complete); 2021: only A and C have pop (2); latest wins ties
    assert similar.best_year(obs, CATALOGUE, ["pop", "area"], UNITS, [2022, 2021, 2020]) == 2022
    assert similar.best_year(obs, CATALOGUE, ["pop"], ["A", "C"], [2022, 2021]) == 2021


def test_peer_version():
    versions = pd.DataFrame(
        {
            "version": ["pre2021", "lg2021", "lg2025"],
            "valid_from": pd.to_datetime([None, "2021-07-01", "2025-07-01"]),
            "valid_to": pd.to_datetime(["2021-06-30", "2025-06-30", None]),
        }
    )
    units = pd.DataFrame(
        {"version": ["lg2021", "lg2025", "lg2025"], "unit_id": ["A", "A", "M"]},
    )
    assert similar.peer_version(2024, "A", versions, units) == "lg2021"
    assert similar.peer_version(2026, "A", versions, units) == "lg2025"
    assert similar.peer_version(2019, "A", versions, units) == "lg2021"  # back-cast series
    assert similar.peer_version(2024, "M", versions, units) == "lg2025"  # only there
    assert similar.peer_version(2024, None, versions, units) == "lg2021"


@pytest.fixture
def peers():
    table = pd.DataFrame(
        {"x": [0.0, 1.0, 2.0, 10.0, np.nan], "y": [5.0, 5.0, 4.0, 0.0, 1.0]},
        index=pd.Index(list("FABCD"), name="unit_id"),
    )
    return table, find_peers(table, "F", {"x": 1.0, "y": 3.0}, k=2)


def test_why_frame_adds_up_to_the_squared_distance(peers):
    table, result = peers
    frame = similar.why_frame(
        result, table, {"x": "Iks", "y": "Ipsilons"}, {"x": "km", "y": "%"}, {"x": 0, "y": 1}, "lv"
    )
    assert len(frame) == 4 and list(frame["peer"].unique()) == list(result.peers.index)
    for peer, rows in frame.groupby("peer"):
        assert rows["contribution"].sum() == pytest.approx(result.peers.loc[peer, "distance"] ** 2)
    first = frame[frame["peer"] == "A"].set_index("indicator")
    assert first.loc["x", "focus_text"] == "0 km" and first.loc["x", "peer_text"] == "1 km"
    assert first.loc["y", "share_text"] == "0 %"  # A equals the focus on y
    assert first.loc["x", "diff_text"].startswith("+")


def test_peer_rows_map_table_and_values(peers):
    table, result = peers
    names = {u: f"Vieta {u}" for u in table.index}
    rows = similar.peer_rows(result, names, {"x": "Iks", "y": "Ipsilons"}, "en")
    assert rows["unit_id"].tolist() == ["A", "B"] and rows["rank"].tolist() == [1, 2]
    assert rows.loc[0, "closest"] == "Ipsilons"
    units = pd.DataFrame({"unit_id": list("FABCD"), "kind": ["novads"] * 4 + ["state_city"]})
    colours = similar.peer_map_table(units, result, names, "lv")["colour"]
    assert colours["F"] == similar.FOCUS_COLOUR and colours["A"] == similar.PEER_COLOUR
    assert colours["C"] == similar.OTHER_COLOUR and colours["D"] == similar.EXCLUDED_COLOUR
    values = similar.values_frame(result, table, names, {}, {"x": "km"}, {"x": 0}, "lv")
    assert values.iloc[:, 0].tolist() == ["★", "1", "2"]
    assert values.iloc[0, 1] == "Vieta F"
    assert similar.explanation(result, "A", {}, "lv").startswith("Līdzīga pēc: y.")


def test_components_from_rows_reports_problems():
    rows = pd.DataFrame(
        {
            "indicator": ["a", "b", "a", None, "c", "d"],
            "weight": [0.5, 200.0, 0.1, 1.0, 0.2, 0.3],
            "direction": [
                "higher_better",
                "lower_better",
                "lower_better",
                None,
                "neutral",
                "lower_better",
            ],
        }
    )
    components, problems = indexview.components_from_rows(rows)
    assert components == [Component("a", 0.5, "higher_better"), Component("d", 0.3, "lower_better")]
    assert problems == ["weight:b", "duplicate:a", "direction:c"]


def test_vraa_preset_rows_and_status():
    rows = indexview.preset_rows(indexview.preset_components("vraa"))
    assert rows["weight"].sum() == pytest.approx(1.0) and len(rows) == 8
    with pytest.raises(ValueError, match="unknown preset"):
        indexview.preset_components("nope")
    choices = indexview.indicator_choices(["natural_increase_per_1000", "x"])
    assert choices[:2] == ["natural_increase_per_1000", "x"] and "pit_per_capita" in choices
    table = pd.DataFrame(
        {"natural_increase_per_1000": [1.0, -2.0, 0.5], "net_migration_per_1000": np.nan},
        index=["A", "B", "C"],
    )
    result = composite_index(table, VRAA_PRESET)
    status = indexview.component_rows(
        VRAA_PRESET,
        result,
        table,
        {"natural_increase_per_1000": 2024},
        ["natural_increase_per_1000", "net_migration_per_1000"],
    ).set_index("indicator")
    assert status.loc["natural_increase_per_1000", "status"] == "used"
    assert status.loc["natural_increase_per_1000", "weight_used"] == 1.0
    assert status.loc["net_migration_per_1000", "status"] == "no_data"
    assert status.loc["pit_per_capita", "status"] == "not_in_database"
    assert indexview.missing_share(VRAA_PRESET, result) == pytest.approx(0.9)


def test_ranking_slice_and_contributions():
    table = pd.DataFrame({"a": [3.0, 1.0, np.nan, 2.0]}, index=list("WXYZ"))
    result = composite_index(table, [Component("a", 1.0, "higher_better")])
    names = {"W": "Wē", "X": "Iks", "Y": "Ips", "Z": "Zed"}
    ranking = indexview.ranking_frame(
        result, table, names, {"a": "A, %"}, {"a": "%"}, {"a": 1}, "Z", "lv"
    )
    assert ranking["Pašvaldība"].tolist() == ["Wē", "★ Zed", "Iks"]
    assert ranking["A, %"].tolist() == ["3,0\u202f%", "2,0\u202f%", "1,0\u202f%"]
    units = pd.DataFrame(
        {
            "unit_id": list("WXYZ"),
            "name_lv": list("wxyz"),
            "name_en": list("wxyz"),
            "kind": "novads",
        }
    )
    sliced = indexview.index_slice(units, result)
    assert math.isnan(sliced.loc[2, "value"]) and sliced.loc[0, "value"] > 0
    parts = indexview.contributions_frame(result, names, {"a": "A"})
    assert set(parts["unit_id"]) == {"W", "X", "Z"} and parts["rank"].tolist() == [1, 3, 2]
