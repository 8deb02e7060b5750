"""jsonstat.to_frame: JSON-stat 2.0 dataset -> tidy DataFrame, with structural validation."""

from __future__ import annotations

import copy
import math

import pytest

from benchlearn.ingest.jsonstat import to_frame
from benchlearn.ingest.pxweb_client import MalformedResponse, PxWebError


def dataset(**overrides):
    ds = {
        "version": "2.0",
        "class": "dataset",
        "updated": "2025-06-10T05:00:00Z",
        "id": ["AREA", "TIME"],
        "size": [2, 3],
        "dimension": {
            "AREA": {
                "label": "Territorial unit",
                "category": {
                    "index": {"LV0001000": 0, "LV0020000": 1},
                    "label": {"LV0001000": "Riga", "LV0020000": "Aizkraukle municipality"},
                },
            },
            "TIME": {"label": "Time period", "category": {"index": ["2023", "2024", "2025"]}},
        },
        "value": [1, 2, None, 4, 5.5, 6],
    }
    ds.update(overrides)
    return ds


def test_row_major_codes_labels_and_values():
    frame = to_frame(dataset())
    assert list(frame.columns) == ["AREA", "AREA_label", "TIME", "TIME_label", "value"]
    assert list(frame["AREA"]) == ["LV0001000"] * 3 + ["LV0020000"] * 3
    assert list(frame["TIME"]) == ["2023", "2024", "2025"] * 2
    assert frame["AREA_label"].iloc[4] == "Aizkraukle municipality"
    assert list(frame["TIME_label"]) == list(frame["TIME"])  # labels default to codes
    assert str(frame["value"].dtype) == "float64"
    assert math.isnan(frame["value"].iloc[2]) and frame["value"].iloc[4] == 5.5


def test_index_object_order_is_respected():
    ds = dataset()
    ds["dimension"]["AREA"]["category"]["index"] = {"LV0020000": 1, "LV0001000": 0}
    assert list(to_frame(ds)["AREA"][:3]) == ["LV0001000"] * 3


def test_status_sparse_list_and_string():
    frame = to_frame(dataset(status={"2": "…"}))
    assert frame["status"].iloc[2] == "…" and frame["status"].isna().sum() == 5
    assert list(to_frame(dataset(status=["a"] * 6))["status"]) == ["a"] * 6
    assert set(to_frame(dataset(status="p"))["status"]) == {"p"}
    assert "status" not in to_frame(dataset()).columns


def test_sparse_values():
    frame = to_frame(dataset(value={"0": 7, "5": 9}))
    assert frame["value"].iloc[0] == 7 and frame["value"].iloc[5] == 9
    assert frame["value"].isna().sum() == 4


def test_single_category_without_index_and_empty_dimension():
    ds = dataset(id=["C"], size=[1], value=[3])
    ds["dimension"] = {"C": {"category": {"label": {"IRS031": "Population"}}}}
    frame = to_frame(ds)
    assert list(frame["C"]) == ["IRS031"] and list(frame["C_label"]) == ["Population"]
    empty = dataset(size=[2, 0], value=[])
    empty["dimension"]["TIME"]["category"]["index"] = []
    assert len(to_frame(empty)) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update({"class": "collection"}), "expected 'dataset'"),
        (lambda d: d.update({"value": [1, 2, 3]}), "3 entries but the product of 'size' is 6"),
        (lambda d: d["dimension"].pop("TIME"), "'TIME' is listed in 'id' but missing"),
        (lambda d: d.update({"size": [2, 4], "value": [0] * 8}), "3 categories but 'size' says 4"),
        (lambda d: d.update({"size": [2]}), "'size' must be 2 non-negative integers"),
        (lambda d: d.update({"value": [1, 2, "x", 4, 5, 6]}), "value\\[2\\] is 'x'"),
        (lambda d: d.update({"value": [1, 2, True, 4, 5, 6]}), "value\\[2\\] is True"),
        (lambda d: d.update({"value": {"6": 1}}), "index 6 is outside 0..5"),
        (lambda d: d.update({"value": "1,2"}), "'value' must be an array"),
        (lambda d: d.update({"status": ["a"]}), "'status' has 1 entries"),
        (lambda d: d.update({"id": "AREA"}), "'id' must be an array"),
        (
            lambda d: d["dimension"]["AREA"]["category"].update(
                {"index": {"LV0001000": 0, "LV0020000": 0}}
            ),
            "positions are not 0..n-1",
        ),
        (lambda d: d["dimension"]["TIME"].pop("category"), "has no 'category'"),
    ],
)
def test_malformed_structures_raise(change, message):
    ds = copy.deepcopy(dataset())
    change(ds)
    with pytest.raises(MalformedResponse, match=message) as info:
        to_frame(ds)
    assert "json-stat2" in str(info.value)  # says what to do
    assert isinstance(info.value, PxWebError)


def test_not_a_dict():
    with pytest.raises(MalformedResponse, match="expected a JSON object"):
        to_frame([1, 2])
