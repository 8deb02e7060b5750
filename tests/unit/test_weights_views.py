"""What the peers and indices pages keep in the view and show as text, without Streamlit:
the weights' editor rows and their ?pw= / ?iw= items (benchlearn.logic.similar,
benchlearn.logic.indexview), the notes beside the results and the maps' legends."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from benchlearn.charts.indices import legend_html as index_legend
from benchlearn.charts.peers import legend_html as peers_legend
from benchlearn.logic import indexview, similar
from benchlearn.logic.composite import VRAA_PRESET, Component, composite_index
from benchlearn.logic.peers import (
    DEFAULT_PEER_INDICATORS,
    REASON_MISSING_FOR_FOCUS,
    REASON_NOT_IN_TABLE,
    find_peers,
)

# --- peers: ?pw= ---------------------------------------------------------------------------


def test_default_weights_are_the_default_peer_indicators():
    rows = similar.default_weights()
    assert rows.columns.tolist() == ["indicator", "weight"]
    assert dict(zip(rows["indicator"], rows["weight"], strict=True)) == DEFAULT_PEER_INDICATORS


def test_weight_rows_of_the_view():
    assert similar.weight_rows(None).equals(similar.default_weights())
    rows = similar.weight_rows(["a:2.5", "b:0", "odd:code:1"])  # the weight is after the last ":"
    assert rows["indicator"].tolist() == ["a", "b", "odd:code"]
    assert rows["weight"].tolist() == [2.5, 0.0, 1.0]
    empty = similar.weight_rows([])
    assert empty.empty and empty.columns.tolist() == ["indicator", "weight"]


def test_weight_items_are_none_for_the_defaults():
    assert similar.weight_items(similar.default_weights()) is None
    assert similar.weight_items_of_defaults() == [
        f"{c}:{w:g}" for c, w in DEFAULT_PEER_INDICATORS.items()
    ]


def test_weight_items_keep_usable_rows_only():
    rows = pd.DataFrame(
        {
            "indicator": ["a", "b", "a", None, "c", "d"],
            "weight": [2.5, np.nan, 3.0, 1.0, 99.0, 1.0],  # NaN, a repeat, no code, too large
        }
    )
    assert similar.weight_items(rows) == ["a:2.5", "d:1"]
    assert similar.weight_items(pd.DataFrame({"indicator": [], "weight": []})) == []


def test_weight_rows_and_items_round_trip():
    items = ["a:2.5", "b:0", "c:10"]
    assert similar.weight_items(similar.weight_rows(items)) == items


def test_dropped_kinds():
    dropped = {"a": REASON_MISSING_FOR_FOCUS, "b": REASON_NOT_IN_TABLE, "c": "anything else"}
    assert similar.dropped_kinds(dropped) == (["a"], ["b", "c"])
    assert similar.dropped_kinds({}) == ([], [])


@pytest.fixture
def peers():
    table = pd.DataFrame(
        {"x": [0.0, 1.0, 2.0, 10.0, np.nan], "y": [5.0, 5.0, 4.0, 0.0, 1.0]},
        index=pd.Index(list("FABCD"), name="unit_id"),
    )
    return find_peers(table, "F", {"x": 1.0, "y": 3.0}, k=2)


def test_notes_lines(peers):
    years = {"x": 2023, "y": 2024}
    assert peers.excluded == ["D"]  # D has no x
    assert similar.notes_lines(peers, years, 2, str.lower, str.upper, "en") == [
        "Not compared because a value is missing (1): d.",
        "Years used: X 2023; Y 2024.",
    ]
    fewer = similar.notes_lines(peers, years, 5, str.lower, str.upper, "en")
    assert fewer[0] == "Only 2 other municipalities have values for all the indicators used."
    assert fewer[1:] == similar.notes_lines(peers, years, 2, str.lower, str.upper, "en")


def test_notes_lines_with_nothing_left_out(peers):
    whole = dataclasses.replace(peers, excluded=[])
    assert similar.notes_lines(whole, {"x": 2023, "y": 2024}, 2, str, str, "en") == [
        "Years used: x 2023; y 2024."
    ]


def test_peers_legend_names_four_swatches():
    html = peers_legend("en")
    for colour in (
        similar.FOCUS_COLOUR,
        similar.PEER_COLOUR,
        similar.OTHER_COLOUR,
        similar.EXCLUDED_COLOUR,
    ):
        assert f"background:{colour}" in html
    assert html.count("display:inline-flex") == 4


# --- indices: ?iw= -------------------------------------------------------------------------


def test_index_rows_of_the_view_and_of_a_preset():
    assert indexview.index_rows("vraa", None).equals(
        indexview.preset_rows(indexview.preset_components("vraa"))
    )
    rows = indexview.index_rows("example", ["a:0.25:h", "unemployment_rate:0.75:l"])
    assert rows["indicator"].tolist() == ["a", "unemployment_rate"]
    assert rows["weight"].tolist() == [0.25, 0.75]
    assert rows["direction"].tolist() == ["higher_better", "lower_better"]
    assert indexview.index_rows("vraa", []).empty
    with pytest.raises(ValueError, match="unknown preset"):
        indexview.index_rows("nope", None)


def test_index_items_are_none_for_the_preset():
    for preset in indexview.PRESETS:
        assert indexview.index_items(preset, indexview.index_rows(preset, None)) is None
    vraa_rows = indexview.index_rows("vraa", None)
    assert indexview.index_items("example", vraa_rows) is not None  # another preset's rows


def test_index_items_keep_usable_rows_only():
    rows = pd.DataFrame(
        {
            "indicator": ["a", "b", "c", "a"],
            "weight": [0.5, np.nan, 0.2, 0.1],
            "direction": ["higher_better", "lower_better", "neutral", "lower_better"],
        }
    )
    assert indexview.index_items("example", rows) == ["a:0.5:h"]
    items = ["a:0.25:h", "b:0.75:l"]
    assert indexview.index_items("vraa", indexview.index_rows("vraa", items)) == items


def test_indicator_name_in_and_outside_the_database():
    held = ["a"]
    assert indexview.indicator_name("a", held, str.upper, "en") == "A"
    name = indexview.indicator_name("pit_per_capita", held, str.upper, "en")
    assert name.endswith("(not in the database)") and "PIT" not in name
    with pytest.raises(KeyError):  # neither held nor one of VRAA's: a code nobody named
        indexview.indicator_name("unknown_code", held, str.upper, "en")


def status_rows(statuses, weights=None, years=None) -> pd.DataFrame:
    n = len(statuses)
    return pd.DataFrame(
        {
            "indicator": [f"i{i}" for i in range(n)],
            "weight": weights or [0.5] * n,
            "weight_used": [1.0 if s == "used" else 0.0 for s in statuses],
            "year": years or [2024] * n,
            "units": [3] * n,
            "status": statuses,
        }
    )


def test_components_shown():
    rows = status_rows(["used", "no_data", "zero_weight"], years=[2024, np.nan, None])
    shown = indexview.components_shown(rows, str.upper, "en")
    assert shown.iloc[:, 0].tolist() == ["I0", "I1", "I2"]
    assert shown.iloc[:, 3].tolist() == ["2024", "–", "–"]  # a missing year
    assert shown.iloc[:, 4].tolist() == [3, 3, 3]
    assert len(set(shown.iloc[:, 5])) == 3
    assert indexview.components_shown(status_rows([]), str, "lv").empty


def test_honesty_notes_of_a_partial_vraa_index():
    table = pd.DataFrame({"natural_increase_per_1000": [1.0, -2.0, 0.5]}, index=list("ABC"))
    result = composite_index(table, VRAA_PRESET)
    rows = indexview.component_rows(
        VRAA_PRESET, result, table, {"natural_increase_per_1000": 2024}, list(table.columns)
    )
    notes = indexview.honesty_notes("vraa", VRAA_PRESET, result, rows, str.upper, "en")
    assert [kind for kind, _ in notes] == ["warning", "info"]
    assert "PIT_PER_CAPITA (0.20)" in notes[0][1] and "90" in notes[0][1]


def test_honesty_notes_of_a_complete_example_and_of_nothing_used():
    components = [Component("a", 1.0, "higher_better")]
    table = pd.DataFrame({"a": [1.0, 2.0]}, index=list("AB"))
    result = composite_index(table, components)
    rows = indexview.component_rows(components, result, table, {"a": 2024}, ["a"])
    notes = indexview.honesty_notes("example", components, result, rows, str, "en")
    assert [kind for kind, _ in notes] == ["caption"]
    empty = composite_index(pd.DataFrame(index=list("AB")), VRAA_PRESET)
    rows = indexview.component_rows(VRAA_PRESET, empty, pd.DataFrame(index=list("AB")), {}, [])
    kinds = [k for k, _ in indexview.honesty_notes("vraa", VRAA_PRESET, empty, rows, str, "lv")]
    assert kinds == ["warning"]  # nothing used: no "not VRAA's method" either


def test_incomplete_note():
    table = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, np.nan, 2.0]}, index=list("XYZ"))
    components = [Component("a", 0.5, "higher_better"), Component("b", 0.5, "higher_better")]
    result = composite_index(table, components)
    assert result.incomplete_units == ["Y"]
    note = indexview.incomplete_note(result, {}, "en")  # an unnamed unit shows its code
    assert note is not None and "Y" in note
    assert "Ips" in indexview.incomplete_note(result, {"Y": "Ips"}, "en")
    whole = composite_index(table[["a"]], components[:1])
    assert indexview.incomplete_note(whole, {}, "en") is None


def test_index_legend_one_line_a_class():
    html = index_legend([("#111111", " 1–2 ", 3), ("#222222", "2–3", 0)])
    assert html.count("<div") == 2 and "background:#111111" in html
    assert "<span>1–2 <span" in html and "(0)" in html  # the label trimmed, an empty class kept
    assert index_legend([]) == ""


def test_indicator_columns_name_units_decimals_and_headers():
    catalogue = pd.DataFrame({"decimals": [0, 2]}, index=["a", "b"])
    shown = similar.indicator_columns(["b", "a"], catalogue, str.upper, lambda c: "km", {"b": 2024})
    assert shown.labels == {"b": "B", "a": "A"}
    assert shown.units == {"b": "km", "a": "km"}
    assert shown.decimals == {"b": 2, "a": 0} and isinstance(shown.decimals["b"], int)
    assert shown.headers == {"b": "B, km (2024)", "a": "A, km"}  # no year known for a
    assert similar.indicator_columns([], catalogue, str, str).headers == {}
    with pytest.raises(KeyError):  # a code the catalogue does not hold
        similar.indicator_columns(["zzz"], catalogue, str, str)
