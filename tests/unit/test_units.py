"""Units and boundaries: counts per version, codes, areas, and gap-free simplified layers."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from benchlearn.ingest.boundaries import build_territory


@pytest.fixture(scope="module")
def territory(sources_dir):
    return build_territory(sources_dir)


def test_counts_per_version(territory):
    counts = territory.members["version"].value_counts().to_dict()
    assert counts["lg2021"] == 43
    assert counts["lg2025"] == 42
    assert counts["pre2021"] == 119
    assert counts["parish2021"] == counts["parish2025"] == 592


def test_madona_absorbs_varaklani_in_2025(territory):
    units = territory.units.set_index("unit_id")
    lg2025 = set(territory.members.query("version == 'lg2025'")["unit_id"])
    assert "LV0055000" not in lg2025 and "LV0038000" not in lg2025
    assert "LV0038000_2025" in lg2025
    merged = units.loc["LV0038000_2025", "area_km2"]
    assert merged == pytest.approx(
        units.loc["LV0038000", "area_km2"] + units.loc["LV0055000", "area_km2"], rel=1e-6
    )
    parishes25 = territory.members.query("version == 'parish2025'").set_index("unit_id")
    varaklani_parishes = territory.members.query(
        "version == 'parish2021' and parent_id == 'LV0055000'"
    )["unit_id"]
    assert len(varaklani_parishes) > 0
    assert set(parishes25.loc[varaklani_parishes, "parent_id"]) == {"LV0038000_2025"}


def test_codes_kinds_and_names(territory):
    units = territory.units.set_index("unit_id")
    riga = units.loc["LV0001000"]
    assert (riga["kind"], riga["iso_3166_2"], riga["atvk"], riga["nuts3_code"]) == (
        "state_city",
        "LV-RIX",
        "0001000",
        "LV006",
    )
    adazi = units.loc["LV0023000"]
    assert adazi["name_en"] == "Ādaži municipality" and adazi["iso_3166_2"] == "LV-011"
    lg = territory.members.query("version == 'lg2021'")["unit_id"]
    assert units.loc[lg, "iso_3166_2"].notna().all()
    assert units.loc[lg, "kind"].value_counts().to_dict() == {"novads": 36, "state_city": 7}
    l1 = territory.members.query("version == 'parish2021'")["unit_id"]
    assert units.loc[l1, "kind"].value_counts().to_dict() == {
        "parish": 511,
        "town": 74,
        "state_city": 7,
    }
    pre = territory.members.query("version == 'pre2021'")["unit_id"]
    # the 7 state cities are the same territories as the republican cities before 1 July 2021
    assert units.loc[pre, "kind"].value_counts().to_dict() == {
        "novads": 110,
        "state_city": 7,
        "republican_city": 2,
    }


def test_areas_match_the_code_list(territory, sources_dir):
    codes = gpd.pd.read_csv(sources_dir / "facts/municipality_codes.csv", dtype=str)
    units = territory.units.set_index("unit_id")
    for atvk, area in zip(codes["atvk"], codes["area_km2_from_generalised_boundary"], strict=True):
        assert units.loc[f"LV{atvk}", "area_km2"] == pytest.approx(float(area), abs=0.05)
    lg = territory.members.query("version == 'lg2021'")["unit_id"]
    assert units.loc[lg, "area_km2"].sum() == pytest.approx(64579, abs=5)


def _layer(territory, version) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame.from_features(json.loads(territory.layers[version]), crs=4326)


def test_layer_sizes_within_targets(territory):
    assert len(territory.layers["lg2021"].encode()) <= 120_000
    assert len(territory.layers["parish2021"].encode()) <= 600_000


@pytest.mark.parametrize("version", ["lg2021", "lg2025", "parish2021", "pre2021"])
def test_simplified_layers_have_no_gaps_or_overlaps(territory, version):
    layer = _layer(territory, version).to_crs(3059)
    assert layer.is_valid.all()
    union = shapely.union_all(layer.geometry.values)
    overlap_km2 = (layer.area.sum() - union.area) / 1e6
    country = shapely.union_all(_layer(territory, "country").to_crs(3059).geometry.values)
    gap_km2 = (country.area - union.area) / 1e6
    # rounding to 1e-4 degrees may open or close slivers of a few metres: tolerate 1 km² in all
    assert abs(overlap_km2) < 1.0
    assert abs(gap_km2) < 1.0


def test_state_cities_survive_simplification(territory):
    layer = _layer(territory, "lg2021").set_index("unit_id").to_crs(3059)
    units = territory.units.set_index("unit_id")
    for uid in units.index[units["kind"] == "state_city"]:
        kept = layer.loc[uid].geometry.area / 1e6
        assert kept == pytest.approx(units.loc[uid, "area_km2"], rel=0.15), uid


def test_unchanged_territories_keep_one_id_across_2021(territory):
    codes = territory.codes.set_index(["code", "version"])["unit_id"]
    assert codes[("LV0010000", "pre2021")] == "LV0001000"  # Rīga
    assert codes[("LV0360200", "pre2021")] == "LV0021000"  # Alūksnes novads
    assert codes[("LV0801000", "pre2021")] == "LV0801000"  # Olaine gained land: changed
    pre = set(territory.members.query("version == 'pre2021'")["unit_id"])
    assert "LV0001000" in pre and "LV0010000" not in pre
    units = territory.units.set_index("unit_id")
    assert pd.isna(units.loc["LV0001000", "valid_from"])  # valid since before the reform


def test_reform_parts_name_whole_and_split_municipalities(territory):
    parts = territory.parts
    aizkraukle = parts[parts["unit_id"] == "LV0020000"]
    assert len(aizkraukle) == 6 and aizkraukle["whole"].all()
    aglona = parts[parts["part_id"] == "LV0604300"]  # split between Krāslava and Preiļi
    assert set(aglona["unit_id"]) == {"LV0032000", "LV0042000"} and not aglona["whole"].any()
    assert aglona["share"].sum() == pytest.approx(1, abs=0.01)
