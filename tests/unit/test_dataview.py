"""The Data page's tables (logic.dataview) on small synthetic frames: the catalogue and its
search, sources, fetches, revisions, versions, missing values and stamps in Riga time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchlearn.logic import dataview as dv

CATALOGUE = pd.DataFrame(
    {
        "theme": ["roads", "people"],
        "theme_lv": ["Ceļi", "Iedzīvotāji"],
        "theme_en": ["Roads", "People"],
        "unit_lv": ["km", "cilv."],
        "unit_en": ["km", "people"],
        "direction": ["higher_better", "neutral"],
        "definition_lv": ["Ceļu garums", "Cik cilvēku"],
        "definition_en": ["Road length", "How many people"],
        "kind": ["source", "derived"],
        "formula": ["", "road_km / 2"],
        "source_ids": [("s1", "s2"), ()],
        "municipalities": [43, 40],
        "years": ["2010–2024", "2012–2024"],
        "decimals": [1, 0],
    },
    index=pd.Index(["road_km", "people_half"], name="code"),
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["s1", "s2"],
        "publisher": ["CSP", "VZD"],
        "table_code": ["TRS020", ""],
        "title": ["Roads", "Areas"],
        "url": ["", "https://example.org/vzd"],
        "retrieved": ["2025-12-18", ""],
        "path": ["a.csv", "b.csv"],
        "bytes": [1234, 5],
        "values_loaded": [10, 0],
        "not_available": [1, 0],
        "ignored": [0, 0],
        "corroborated": [2, 0],
    }
)
LABELS = {"road_km": "Ceļu garums", "people_half": "Puse"}


def test_stamp_text_in_riga_time_or_a_dash():
    assert dv.stamp_text("2026-11-21T05:30:00Z", "lv") == "21.11.2026. 07:30"
    assert dv.stamp_text("2026-11-21T05:30:00Z", "en", with_time=False) == "2026-11-21"
    assert dv.stamp_text("2026-11-21 07:30", "en") == "2026-11-21 07:30"  # naive: as it is
    for nothing in ("", None, np.nan, pd.NaT):
        assert dv.stamp_text(nothing, "lv") == "–"


def test_first_link_skips_sources_without_one():
    urls = {"s1": "", "s2": "https://example.org/vzd"}
    assert dv.first_link(["s1", "s2"], urls) == "https://example.org/vzd"
    assert dv.first_link(["s1"], urls) is None
    assert dv.first_link([], urls) is None
    assert dv.first_link(["unknown"], urls) is None


def test_catalogue_frame_words_sources_and_formulas():
    parts = {"road_km": ["CSP TRS020", "VZD"]}
    frame = dv.catalogue_frame(CATALOGUE, LABELS, parts, SOURCES, "en")
    assert frame.shape == (2, 11)
    assert frame.iloc[0, 1] == "Ceļu garums" and frame.iloc[0, 6] == "CSP TRS020; VZD"
    assert frame.iloc[0, 7] == "https://example.org/vzd" and pd.isna(frame.iloc[1, 7])
    assert "«Ceļu garums»" in frame.iloc[1, 6]  # a derived indicator: its formula in words
    assert frame.iloc[0, 8].startswith("43 ")
    assert frame.iloc[:, -1].tolist() == ["road_km", "people_half"]
    empty = dv.catalogue_frame(CATALOGUE.iloc[0:0], {}, {}, SOURCES, "lv")
    assert empty.empty and len(empty.columns) == 11


def test_search_any_cell_case_folded():
    frame = dv.catalogue_frame(CATALOGUE, LABELS, {}, SOURCES, "lv")
    assert len(dv.search(frame, "  ")) == 2
    assert dv.search(frame, "IEDZĪVOTĀJI")[dv.t("data.code", "lv")].tolist() == ["people_half"]
    assert dv.search(frame, "no such thing").empty
    assert dv.search(frame.iloc[0:0], "x").empty


def test_sources_frame_dashes_and_sizes():
    frame = dv.sources_frame(SOURCES, "lv")
    assert pd.isna(frame.iloc[0, 3]) and frame.iloc[1, 4] == "–"
    assert frame.iloc[0, 6] == "1\u202f234"


def test_fetch_and_revisions_frames():
    fetched = pd.DataFrame(
        {
            "table_code": ["TRS020"],
            "retrieved": ["2026-11-21T05:30:00Z"],
            "updated": [""],
            "values_fetched": [10],
            "changed": [2],
            "removed": [1],
            "added": [3],
            "revisions": [3],
            "conflicts": [0],
            "verified": [True],
            "title": ["Roads"],
            "url": ["https://example.org"],
        }
    )
    frame = dv.fetch_frame(fetched, "en")
    assert frame.iloc[0, 1] == "2026-11-21 07:30" and frame.iloc[0, 2] == "–"
    assert frame.iloc[0, 4] == 3  # changed and removed together
    revisions = pd.DataFrame(
        {
            "retrieved": ["2026-11-21T05:30:00Z", ""],
            "table_code": ["TRS020", "X"],
            "unit_lv": ["Ādaži", "Bauska"],
            "unit_en": ["Ādaži", "Bauska"],
            "indicator_lv": ["Ceļi", "Vecs"],
            "indicator_en": ["Roads", "Old"],
            "indicator": ["road_km", "gone"],
            "year": [2024, 2020],
            "old_value": [1.25, 2.0],
            "new_value": [1.5, np.nan],
        }
    )
    frame = dv.revisions_frame(revisions, CATALOGUE, "en")
    assert frame.iloc[0, 5:].tolist() == ["1.2", "1.5"] or frame.iloc[0, 5:].tolist() == [
        "1.3",
        "1.5",
    ]
    assert frame.iloc[1, 5] == "2.00"  # an indicator the catalogue lacks: two decimals
    assert frame.iloc[1, 0] == "–" and frame.iloc[1, 6] == "–"
    assert dv.revisions_frame(revisions.iloc[0:0], CATALOGUE, "lv").empty


def test_versions_and_missing_frames():
    versions = pd.DataFrame({"label_lv": ["2021–"], "label_en": ["2021 on"], "unit_count": [43]})
    assert dv.versions_frame(versions, "en").iloc[0].tolist() == ["2021 on", 43]
    missing = pd.DataFrame(
        {
            "indicator": ["road_km", "road_km", "gone", "people_half"],
            "name_lv": ["Ādaži", "Bauska", "Cēsis", "Dobele"],
            "name_en": ["Adazi", "Bauska", "Cesis", "Dobele"],
        }
    )
    frame = dv.missing_frame(missing, ["road_km", "people_half"], LABELS, "lv")
    assert frame.values.tolist() == [["Ceļu garums", 2, "Ādaži, Bauska"], ["Puse", 1, "Dobele"]]
    assert dv.missing_frame(missing, [], LABELS, "lv").empty


def test_table_height_fits_rows_up_to_a_limit():
    assert dv.table_height(0) == 38 and dv.table_height(2) == 108
    assert dv.table_height(1000) == 420 and dv.table_height(3, most=100) == 100
