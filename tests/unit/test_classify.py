"""Map classes, direction-aware colours and the legend."""

from __future__ import annotations

import pandas as pd
import pytest

from benchlearn.logic.classify import (
    BETTER,
    NO_DATA,
    SEQUENTIAL,
    WORSE,
    assign,
    breaks,
    classify,
)
from benchlearn.logic.mapview import legend_rows, map_slice

VALUES = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, None], index=list("abcdefghi"))


def test_quantile_and_equal_breaks():
    assert breaks(VALUES, "equal", 4) == [1.0, 2.75, 4.5, 6.25, 8.0]
    assert breaks(VALUES, "quantile", 4) == [1.0, 2.75, 4.5, 6.25, 8.0]
    skewed = pd.Series([1.0, 1, 1, 1, 100])
    assert breaks(skewed, "quantile", 4) == [1.0, 100.0]  # duplicate limits collapse
    assert breaks(pd.Series([None, None], dtype=float), "equal") == []


def test_assign_upper_limit_inclusive_and_missing_stays_missing():
    classes = assign(VALUES, [1.0, 4.0, 8.0])
    assert classes["a"] == 0 and classes["d"] == 0 and classes["e"] == 1
    assert pd.isna(classes["i"])


def test_neutral_is_sequential_and_darker_means_more():
    result = classify(VALUES, "neutral", "equal")
    assert result.reference is None
    assert result.colours["a"] == SEQUENTIAL[0] and result.colours["h"] == SEQUENTIAL[-1]
    assert result.colours["i"] == NO_DATA and result.missing == ["i"]


@pytest.mark.parametrize(
    ("direction", "high", "low"),
    [("higher_better", BETTER, WORSE), ("lower_better", WORSE, BETTER)],
)
def test_directed_diverges_around_the_reference(direction, high, low):
    result = classify(VALUES, direction, "equal", reference=4.5)
    assert result.reference == 4.5
    assert result.colours["h"] in high and result.colours["a"] in low
    # the further from Latvia's value, the stronger the colour
    assert high.index(result.colours["h"]) > high.index(result.colours["e"])
    assert low.index(result.colours["a"]) > low.index(result.colours["d"])


def test_directed_without_reference_uses_the_median():
    assert classify(VALUES, "higher_better").reference == pytest.approx(4.5)


def test_legend_counts_every_valued_unit():
    result = classify(VALUES, "higher_better", "quantile", reference=4.5)
    assert sum(entry.count for entry in result.legend) == 8


def test_map_slice_texts_in_both_languages():
    slice_ = pd.DataFrame(
        {
            "unit_id": ["A", "B", "C"],
            "name_lv": ["Ādažu novads", "Rīga", "X"],
            "name_en": ["Ādaži municipality", "Rīga", "X"],
            "kind": ["novads", "state_city", "novads"],
            "value": [1234.5, 99.0, None],
        }
    )
    lv = map_slice(slice_, "higher_better", "quantile", None, "km", 1, "lv")
    assert lv.table.loc["A", "value_text"] == "1\u202f234,5 km"
    assert lv.table.loc["A", "rank_text"] == "1. vieta no 2"
    assert lv.table.loc["C", "value_text"] == "nav datu"
    assert bool(lv.table.loc["B", "city"]) is True
    en = map_slice(slice_, "higher_better", "quantile", None, "km", 1, "en")
    assert en.table.loc["A", "value_text"] == "1,234.5 km"
    assert en.table.loc["B", "rank_text"] == "2 of 2"
    rows = legend_rows(en.classified, "km", 1, "en")
    assert rows[0][1].endswith(" km")
