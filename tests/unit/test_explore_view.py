"""The explorer page's choices made pure (logic.explore): repairing the URL's fields for the
boundaries, adding a threshold, the filter steps in words, the table's columns, styling and
notes. Small synthetic frames, not real figures."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from benchlearn.logic import explore as ex
from benchlearn.state import MAX_THRESHOLDS
from tests.unit.test_explore import LABELS

UNITS = pd.DataFrame(
    {
        "unit_id": ["A", "B", "C"],
        "kind": ["state_city", "novads", "novads"],
        "nuts3_code": ["LV006", "LV007", None],
    }
)
VALUES = pd.DataFrame(
    {"population_avg": [np.nan, 12_000.0, 4_000.0], "road_density": [2.5, 0.4, 0.6]},
    index=pd.Index(["A", "B", "C"], name="unit_id"),
)
AVAILABLE = ["population_avg", "road_density"]


def test_kind_and_region_names_follow_the_units():
    assert ex.kind_names(UNITS, "lv") == {"state_city": "valstspilsēta", "novads": "novads"}
    assert ex.region_names(UNITS, "lv") == {"LV006": "Rīga", "LV007": "Pierīga"}  # no None
    odd = pd.DataFrame({"unit_id": ["X"], "kind": ["moon"], "nuts3_code": ["LV999"]})
    assert ex.kind_names(odd, "en") == {"moon": "moon"}  # an unknown code keeps its code
    assert ex.region_names(odd, "en") == {"LV999": "LV999"}
    empty = UNITS.iloc[0:0]
    assert ex.kind_names(empty, "lv") == {} and ex.region_names(empty, "lv") == {}


def test_repair_drops_what_the_boundaries_lack_and_names_it():
    view = {
        "kind": ["novads", "moon"],
        "reg": ["LV007", "LV099"],
        "cols": ["road_density", "gone"],
        "sx": "road_density",
        "sy": "population_avg",
    }
    fields, dropped = ex.repair_view(
        view, {"novads"}, {"LV007"}, AVAILABLE, "road_density", LABELS.indicators, "lv"
    )
    assert fields == {"kind": ["novads"], "reg": ["LV007"], "cols": ["road_density"]}
    assert dropped == ["moon", "LV099", "gone"]  # unknown codes are named by their code


def test_repair_sets_two_different_axes_when_the_link_has_none():
    fields, dropped = ex.repair_view({}, set(), set(), AVAILABLE, "road_density", {}, "en")
    assert fields == {
        "kind": [],
        "reg": [],
        "cols": [],
        "sy": "road_density",
        "sx": "population_avg",
    }
    assert dropped == []
    # a valid y is kept; x falls back so it differs from y
    fields, _ = ex.repair_view({"sy": "population_avg"}, set(), set(), AVAILABLE, "x", {}, "en")
    assert "sy" not in fields and fields["sx"] == "road_density"
    # nothing available: no axes at all
    fields, _ = ex.repair_view({"sx": "a"}, set(), set(), [], "a", {}, "en")
    assert fields["sx"] is None and fields["sy"] is None


def test_add_threshold_appends_once_and_says_why_not():
    chosen, error = ex.add_threshold([], "road_density", "gt", 0.5, "lv")
    assert chosen == ["road_density:gt:0.5"] and error is None
    again, error = ex.add_threshold(chosen, "road_density", "gt", 0.5, "lv")
    assert again == chosen and error is None  # the same threshold is listed once
    same, error = ex.add_threshold(chosen, "road_density", None, 0.5, "en")
    assert same == chosen and error == ex.t("explore.threshold_incomplete", "en")
    full = [f"road_density:gt:{i}" for i in range(MAX_THRESHOLDS)]
    same, error = ex.add_threshold(full, "road_density", "lt", 9.0, "en")
    assert same == full and str(MAX_THRESHOLDS) in error


def test_threshold_label_in_words_or_as_typed():
    text = ex.threshold_label("road_density:ge:0.55", AVAILABLE, LABELS, "lv")
    assert text == "Ceļu blīvums ≥ 0,55 km/km²"
    assert ex.threshold_label("nonsense", AVAILABLE, LABELS, "lv") == "nonsense"
    assert ex.threshold_label("gone:gt:1", AVAILABLE, LABELS, "lv") == "gone:gt:1"


def test_steps_line_and_units_without_data():
    filters = ex.Filters(population="population_avg", pmin=1_000)
    _, steps = ex.apply_filters(UNITS, VALUES, filters)
    line = ex.steps_line(3, steps, filters, LABELS, "en")
    assert line.startswith("3 local governments → ") and line.endswith("(2)")
    notes = ex.no_data_notes(steps, filters, LABELS, {"A": "Rīga"}, "en")
    assert len(notes) == 1 and "Rīga" in notes[0]
    assert ex.no_data_notes(steps, filters, LABELS, {}, "en")[0].endswith("A.")  # id as name
    assert ex.steps_line(0, [], ex.Filters(), LABELS, "lv") == "0 pašvaldību"
    assert ex.no_data_notes([], ex.Filters(), LABELS, {}, "lv") == []


def test_range_reversed_only_with_both_ends():
    assert ex.range_reversed(5, 1)
    assert not ex.range_reversed(1, 5) and not ex.range_reversed(None, 1)
    assert not ex.range_reversed(5, None) and not ex.range_reversed(3, 3)


def test_shown_columns_keep_order_once_and_only_with_a_year():
    years = {"population_avg": 2024, "road_density": 2023, "empty": None}
    codes = ex.shown_columns(
        years,
        [*AVAILABLE, "empty"],
        "road_density",
        "population_avg",
        "road_density",
        ["road_density:gt:1", "bad"],
        ["empty", "road_density", "unknown"],
    )
    assert codes == ["population_avg", "road_density"]
    assert ex.shown_columns({}, [], "x", None, None, [], []) == []


def test_number_text_marks_only_numbers():
    assert ex.number_text(1234.5, 1, "lv") == "1\u202f234,5"
    assert ex.number_text(2.0, 0, "en", "Σ") == "2\u00a0Σ"
    assert ex.number_text(np.nan, 2, "en", "Σ") == "–"  # no mark on a missing value
    assert ex.number_text(None, 2, "lv") == "–"


def test_styled_table_formats_marks_and_tints_my_row():
    frame = pd.DataFrame(
        {"Name": ["A", "B"], "Kind": ["k", "k"], "Region": ["r", "r"], "Roads": [1.25, np.nan]}
    )
    flags = pd.DataFrame({"road_density": ["constructed", None]}, index=["A", "B"])
    styler = ex.styled_table(frame, ["road_density"], flags, {"road_density": 1}, 0, "en")
    html = styler.to_html()
    assert "1.2\u00a0Σ" in html or "1.3\u00a0Σ" in html
    assert "–" in html and ex.MY_TINT in html
    plain = ex.styled_table(
        frame.iloc[0:0], ["road_density"], flags.iloc[0:0], {"road_density": 1}, None, "en"
    )
    assert ex.MY_TINT not in plain.to_html()


def test_table_note_says_my_first_and_the_marks():
    flags = pd.DataFrame({"a": ["constructed", None]})
    note = ex.table_note(flags, True, "en")
    assert note.startswith(ex.t("explore.my_first", "en")) and "Σ" in note
    assert ex.table_note(pd.DataFrame({"a": [None]}), False, "en") == ""
    assert ex.table_note(pd.DataFrame(), False, "lv") == ""


def test_download_notes_carry_year_boundaries_filters_and_dates():
    filters = ex.Filters(kinds=["novads"])
    _, steps = ex.apply_filters(UNITS, VALUES, filters)
    notes = ex.download_notes(
        2024, "2021–", steps, filters, LABELS, 3, "21.11.2026.", dt.date(2026, 12, 7), "lv"
    )
    assert notes[0] == ("Gads", "2024") and notes[1][1] == "2021–"
    assert ("Veids: novads", notes[3][1]) == notes[3]
    assert notes[-1][1] == "07.12.2026."
    english = ex.download_notes(
        None, "v", [], ex.Filters(), LABELS, 0, "", dt.date(2026, 1, 2), "en"
    )
    assert english[0][1] == "None" and english[-1][1] == "2026-01-02" and len(english) == 5
