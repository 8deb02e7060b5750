"""The contributions page's choices and tables (logic.contribview) on synthetic records:
indicator sets, names, scope, texts, the preview, staged rows and versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from benchlearn.catalogue import MAX_MAGNITUDE
from benchlearn.logic import contributions as lc
from benchlearn.logic import contribview as cv
from benchlearn.userdata import contributions as ct

CATALOGUE = pd.DataFrame(
    {
        "theme": ["people", "people", "roads", "land"],
        "kind": ["source", "derived", "contributed", "geometry"],
        "unit_en": ["people", "%", "km", "km²"],
    },
    index=["births", "share", "roads", "area"],
)


@dataclass
class Net:
    code: str
    id: int
    indicators: tuple[str, ...]

    def name(self, lang: str) -> str:
        return f"{self.code} ({lang})"


def decision(status: str, by: str = "admin@example.lv", at=None, reason: str = ""):
    return ct.ContributionInfo(
        1, "U1", status, "c@example.lv", None, decided_by=by, decided_at=at, reason=reason
    )


def version(ident: int, year: int, value: float, at: dt.datetime | None = None):
    return ct.VersionInfo(ident, "U1", "births", year, value, "", None, None, "a@b.lv", at)


def test_offered_only_source_and_contributed_indicators():
    assert cv.offered(CATALOGUE, ["births", "share", "roads", "area", "unknown"]) == [
        "births",
        "roads",
    ]
    assert cv.offered(CATALOGUE, []) == []


def test_indicator_sets_themes_networks_and_contributed():
    themes = {"people": "Iedzīvotāji", "roads": "Ceļi", "land": "Zeme", "empty": "Tukšs"}
    nets = [Net("net:a", 7, ("share", "births")), Net("net:b", 8, ("area", "gone"))]
    sets = cv.indicator_sets(CATALOGUE, themes, nets, "lv", ["x_new", "x_new"])
    assert sets == {
        "people": ("Iedzīvotāji", ["births"], None),
        "roads": ("Ceļi", ["roads"], None),
        "net:a": ("net:a (lv)", ["births"], 7),  # a network with nothing to give is left out
        cv.CONTRIBUTED: (cv.t("contrib.set_contributed", "lv"), ["x_new"], None),
    }
    assert cv.indicator_sets(CATALOGUE.iloc[0:0], {}, [], "en") == {}


def test_indicator_names_from_catalogue_definitions_or_the_code():
    defined = {"x_new": ct.IndicatorDefinition("x_new", "Jauns", "New", "gab.", "pcs")}
    names = cv.indicator_names(
        ["births", "x_new", "odd"], {"births": "Dzimušie"}, {"births": "cilv."}, defined, "en"
    )
    assert names == {"births": ("Dzimušie", "cilv."), "x_new": ("New", "pcs"), "odd": ("odd", "")}


def test_template_years_file_stem_and_ranges():
    assert list(cv.template_years(2026)) == [2021, 2022, 2023, 2024, 2025]
    assert cv.file_stem("LV0001000", "net:roads") == "benchlearn-LV0001000-net-roads"
    assert cv.plausible_range("no such unit") == (-MAX_MAGNITUDE, MAX_MAGNITUDE)
    defined = {
        "x_new": ct.IndicatorDefinition("x_new", "Jauns", "New", unit_en="%"),
        "roads": ct.IndicatorDefinition("roads", "", ""),
    }
    scope = cv.scope_for(CATALOGUE, ["U1"], ["births", "odd"], defined, 2026)
    assert isinstance(scope, lc.Scope) and scope.units == frozenset({"U1"})
    assert set(scope.indicators) == {"births", "odd", "x_new", "roads"}
    assert scope.indicators["odd"] == (-MAX_MAGNITUDE, MAX_MAGNITUDE)
    assert scope.indicators["roads"] == cv.plausible_range("")  # a definition adds, never replaces


def test_value_and_change_texts_in_both_languages():
    assert cv.value_text(12.5, "lv") == "12,5" and cv.value_text(12.5, "en") == "12.5"
    assert cv.value_text(12.0, "en") == "12"  # no stray decimal point in English
    assert cv.value_text(0.0, "lv") == "0"
    assert cv.value_text(None, "lv") == "" and cv.value_text(np.nan, "en") == ""
    assert cv.change_text(240.0, 345.0, "en") == "240 → 345"
    assert cv.change_text(None, 345.0, "en") == "345" == cv.change_text(np.nan, 345.0, "en")


def test_decision_text_only_for_decided_and_escaped():
    assert cv.decision_text(None, "lv") == ""
    assert cv.decision_text(decision("staged"), "lv") == ""
    text = cv.decision_text(
        decision("rejected", "*x*", dt.datetime(2026, 3, 4), "[link](javascript:x)"), "en"
    )
    assert "2026-03-04" in text and "*x*" not in text and "](javascript" not in text
    assert "—" in cv.decision_text(decision("rejected"), "en")  # no reason given
    assert "admin" in cv.decision_text(decision("approved"), "lv")


def shown_rows() -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "unit_id": ["U1"] * 3,
            "indicator": ["births", "births", "x_new"],
            "year": [2024, 2023, 2024],
            "value": [345.0, 100.0, 5.0],
            "note": ["<b>n</b>", "", ""],
        }
    )
    held = pd.DataFrame(
        {
            "unit_id": ["U1", "U1", "U2", "U3"],
            "indicator": ["births"] * 4,
            "year": [2024, 2023, 2024, 2024],
            "value": [240.0, 100.0, 250.0, 260.0],
        }
    )
    return lc.preview(rows, held)


def test_counts_and_preview_table():
    shown = shown_rows()
    assert cv.counts_text(shown, "en") == cv.t("contrib.counts", "en", new=1, changed=1, same=1)
    sent = lc.submitted(shown)
    table = cv.preview_table(sent, {"births": "Dzimušie"}, "en")
    assert table.iloc[:, 0].tolist() == ["Dzimušie", "x_new"]
    assert table.iloc[:, 3].tolist() == ["240 → 345", "5"]
    assert table.iloc[0, 4] != "" and table.iloc[1, 4] == ""  # 345 is far from 240–260
    assert table.iloc[0, 5] == "<b>n</b>"  # a note stays text
    assert cv.preview_table(sent.iloc[0:0], {}, "lv").empty
    assert cv.counts_text(shown.iloc[0:0], "lv") == cv.t(
        "contrib.counts", "lv", new=0, changed=0, same=0
    )


def test_staged_rows_carry_notes_and_an_english_warning():
    sent = lc.submitted(shown_rows())
    rows = cv.staged_rows(sent, ["edited", None])
    assert rows[0][:5] == ("births", 2024, 345.0, 240.0, "edited")
    assert rows[0][5].startswith(cv.t("contrib.far", "en", low=100.0, high=260.0)[:5])
    assert rows[1] == ("x_new", 2024, 5.0, None, "", "")
    assert cv.staged_rows(sent.iloc[0:0], []) == []


def test_values_frame_of_a_submission():
    values = [
        ct.StagedValue("births", 2024, 345.0, 240.0, "a note", "far"),
        ct.StagedValue("odd", 2023, 1.5),
    ]
    frame = cv.values_frame(values, {"births": "Dzimušie"}, "lv")
    assert frame.iloc[:, 0].tolist() == ["Dzimušie", "odd"]
    assert frame.iloc[:, 2].tolist() == ["240 → 345", "1,5"]
    assert cv.values_frame([], {}, "en").empty


def test_versions_in_force_and_older():
    versions = [
        version(5, 2024, 345.0, dt.datetime(2026, 5, 1)),
        version(3, 2024, 300.0),
        version(4, 2023, 100.0),
        version(1, 2024, 240.0),
    ]
    assert cv.in_force(versions) == {5, 4}
    assert cv.older_versions(versions) == [3, 1]
    frame = cv.versions_frame(versions, "en")
    assert frame.iloc[:, 4].tolist() == ["✓", "", "✓", ""]
    assert frame.iloc[0, 5] == "a@b.lv 2026-05-01" and frame.iloc[1, 5] == "a@b.lv"
    assert cv.in_force([]) == set() and cv.older_versions([]) == []


def test_reviewable_for_administrators_and_coordinators():
    @dataclass
    class Item:
        network_id: int | None

    items = [Item(None), Item(3)]
    assert cv.reviewable(items, True) == items
    assert cv.reviewable(items, False) == [items[1]]
    assert cv.reviewable([], False) == []
