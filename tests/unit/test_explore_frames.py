"""The frames behind the explorer's charts (logic.explore_frames): scatter points, Latvia's
point, the distribution's dots, the small multiples' series and each chart's CSV. Small
synthetic frames, not real figures."""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchlearn.logic import explore as ex
from benchlearn.logic import explore_frames as ef

IDS = ["A", "B", "C", "D"]
VALUES = pd.DataFrame(
    {"pop": [1_000.0, 2_000.0, np.nan, 4_000.0, 3_000.0], "road": [0.5, -1.0, 0.7, 0.9, 0.6]},
    index=[*IDS, "LV"],
)
FLAGS = pd.DataFrame(
    {"pop": [None, "constructed", None, None, None], "road": [None, None, None, None, None]},
    index=[*IDS, "LV"],
    dtype=object,
)
SHOWN = ef.Shown(
    VALUES,
    FLAGS,
    pd.DataFrame(None, index=[*IDS, "LV"], columns=["pop", "road"], dtype=object),
    names={"A": "Ādaži", "B": "Bauska", "C": "Cēsis", "LV": "Latvija"},  # D has no name
    units={"pop": "iedz.", "road": "km/km²"},
    decimals={"pop": 0, "road": 2},
    lang="lv",
)


def test_shown_writes_values_with_unit_and_mark():
    assert SHOWN.text("road", 0.5) == "0,50 km/km²"
    assert SHOWN.marked("pop", "B").endswith("Σ")
    assert SHOWN.name("D") == "D"  # an unknown id is its own name
    assert SHOWN.country("pop") == 3_000.0 and SHOWN.country("gone") is None
    assert len(SHOWN.statuses(["A", "B"], "pop")) == 2


def test_picked_units_keep_known_ones_once_and_at_most_twelve():
    event = {"selection": {"pick": [{"unit_id": "A"}, {"unit_id": "A"}, {"unit_id": "Z"}, 7]}}
    assert ef.picked_units(event, "pick", {"A", "B"}) == ["A"]
    many = {"selection": {"pick": [{"unit_id": str(i)} for i in range(20)]}}
    assert ef.picked_units(many, "pick", {str(i) for i in range(20)}) == [
        str(i) for i in range(ef.MAX_PICKED)
    ]
    assert ef.picked_units(None, "pick", {"A"}) == []
    assert ef.picked_units({}, "pick", {"A"}) == []
    assert ef.picked_units({"selection": None}, "pick", {"A"}) == []
    assert ef.picked_units("nonsense", "pick", {"A"}) == []


def test_scatter_points_roles_labels_and_who_is_left_out():
    points, left_out = ef.scatter_points(SHOWN, IDS, "pop", "road", False, False, "A", ["D"])
    assert points["unit_id"].tolist() == ["A", "B", "D"] and left_out == ["Cēsis"]
    assert points["role"].tolist() == ["my", "unit", "picked"]
    assert points["label"].tolist() == ["Ādaži", "", "D"]
    assert points.loc[1, "x_text"].endswith("Σ")
    # on a log y axis a value <= 0 cannot be drawn
    points, left_out = ef.scatter_points(SHOWN, IDS, "pop", "road", False, True, None, [])
    assert points["unit_id"].tolist() == ["A", "D"] and left_out == ["Bauska", "Cēsis"]
    empty, left_out = ef.scatter_points(SHOWN, [], "pop", "road", False, False, None, [])
    assert empty.empty and left_out == [] and "label" in empty.columns


def test_latvia_point_only_on_the_units_scale():
    points, _ = ef.scatter_points(SHOWN, IDS, "pop", "road", False, False, None, [])
    frame, note = ef.latvia_point(SHOWN, "pop", "road", points)
    assert note == "" and frame.loc[0, "x"] == 3_000.0 and frame.loc[0, "name"] == "Latvija"
    far = ef.Shown(**{**SHOWN.__dict__, "values": VALUES.assign(pop=[1, 2, 3, 4, 1e9])})
    frame, note = ef.latvia_point(far, "pop", "road", points)
    assert frame is None and note == ef.t("explore.latvia_off", "lv")
    no_lv = ef.Shown(**{**SHOWN.__dict__, "values": VALUES.drop(index="LV")})
    frame, note = ef.latvia_point(no_lv, "pop", "road", points)
    assert frame is None and note == ef.t("explore.latvia_missing", "lv")


def test_scatter_notes_and_download():
    notes = ef.scatter_notes("", ["Cēsis"], True, "en")
    assert "Cēsis" in notes and ef.t("explore.scatter_hint", "en") in notes
    assert ef.scatter_notes("Latvia off", [], False, "en").endswith("Latvia off")
    points, _ = ef.scatter_points(SHOWN, IDS, "pop", "road", False, False, None, [])
    data = ef.scatter_download(points, SHOWN, "pop", "road", "Pop (2024)", "Roads (2024)")
    assert data.columns.tolist() == [
        "Pašvaldība",
        "Pop (2024)",
        "Pop (2024): statuss",
        "Roads (2024)",
        "Roads (2024): statuss",
    ]
    # the same indicator on both axes: one column of it, not a crash
    same = ef.scatter_download(points, SHOWN, "pop", "pop", "Pop", "Pop")
    assert same.columns.tolist() == ["Pašvaldība", "Pop", "Pop: statuss"]
    assert ef.points_line(3, None, "en") == "3 local governments"
    assert ef.points_line(1, "y = x", "en") == "1 local government · y = x"


def test_distribution_dots_summary_and_download():
    dots = ef.distribution_dots(SHOWN, IDS, "pop", "B")
    assert dots["unit_id"].tolist() == ["A", "B", "D"]  # C has no value
    assert dots["label"].tolist() == ["", "Bauska", ""] and dots["role"].tolist()[1] == "my"
    stats = ex.box_stats(dots["value"])
    assert "2\u202f000 iedz." in ef.box_summary(SHOWN, "pop", stats)
    assert "Bauska" in ef.my_value_note(SHOWN, "pop", "B", dots)
    assert ef.my_value_note(SHOWN, "pop", "C", dots) == ""  # no value, no note
    assert ef.my_value_note(SHOWN, "pop", None, dots) == ""
    assert ef.latvia_value(SHOWN, "pop", dots["value"]) == 3_000.0
    assert ef.latvia_value(SHOWN, "gone", dots["value"]) is None
    data = ef.distribution_download(dots, SHOWN, "pop", "Pop, iedz. (2024)")
    assert data.columns.tolist() == ["Pašvaldība", "Pop, iedz. (2024)", "Statuss"]
    none = ef.distribution_dots(SHOWN, IDS, "gone", None)
    assert none.empty and ex.box_stats(none["value"]) is None


def history() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["A", "A", "A", "B", "LV"],
            "indicator": ["pop"] * 5,
            "year": [2020, 2021, 2023, 2021, 2021],
            "value": [1.0, 2.0, 3.0, np.nan, 9.0],
        }
    )


def test_series_until_the_year_and_enough_years():
    series = ef.series_until(history(), ["A", "B"], "pop", SHOWN.names, 2021)
    assert sorted(series["year"].unique()) == [2020, 2021]
    assert ef.enough_years(series)
    assert not ef.enough_years(ef.series_until(history(), ["A"], "pop", {}, 2020))
    empty = ef.series_until(history(), ["A"], "gone", {}, 2024)
    assert empty.empty and not ef.enough_years(empty)
    every = ef.series_until(history(), ["A"], "pop", {}, None)
    assert every["year"].max() == 2023  # no year: every year


def test_multiples_frame_notes_and_download():
    series = ef.series_until(history(), ["A", "B"], "pop", SHOWN.names, None)
    frame, with_data = ef.multiples_frame(series, SHOWN, "pop", ["A", "B"], "A")
    assert with_data == ["A"]  # B has no value in any year
    assert set(frame["role"]) == {"my"} and frame["value_text"].iloc[0] == "1 iedz."
    notes = ef.multiples_notes("iedz.", ["Bauska"], 70, 60, "en")
    assert "Bauska" in notes and "60" in notes and "70" in notes
    assert ef.multiples_notes("iedz.", [], 3, 60, "en") == ef.t(
        "explore.multiples_note", "en", unit="iedz."
    )
    data = ef.multiples_download(frame, with_data, SHOWN)
    # a year nobody shown has a value of is no column (pivot_table drops it)
    assert data.columns.tolist() == ["Pašvaldība", "2020", "2021", "2023", "Statuss"]
    assert data.iloc[0].tolist()[:4] == ["Ādaži", 1.0, 2.0, 3.0]
    nothing = ef.multiples_download(frame.iloc[0:0], [], SHOWN)
    assert nothing.empty and nothing.columns.tolist() == ["Pašvaldība", "Statuss"]
