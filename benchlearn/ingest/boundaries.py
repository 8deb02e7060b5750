"""Territorial units and their boundaries from CSP's generalised shapefiles (EPSG:3059).

Every unit is a territory with one id; a boundary version lists the territories that made up
Latvia during its validity. A territory that did not change (41 of the 43 local governments
in 2025; in 2021 the 7 state cities and the novadi whose borders stayed, see `same_territory`)
keeps its id across versions, so its figures show on both maps and a trend runs across the
reform. The codes a territory had in each version are kept (`codes`), and so is how the 119
pre-reform municipalities make up the 43, and the two of 2025 the merged Madona (`parts`),
for harmonising their figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from benchlearn.ingest.errors import SourceError

SHAPE_2021 = "raw/csp_territorial_units/Territorial_units_LV_1.2m_(2021.01.01.)"
SHAPE_2022 = "raw/csp_territorial_units/Territorial_units_LV_1.2m_(2022.07.01.)"
CODES_CSV = "facts/municipality_codes.csv"
FIELDS = ["L1_code", "L1_name", "L1_type", "L0_code", "L0_name", "L0_type", "NUTS3_code"]
SOURCE_CRS = "EPSG:3059"
# Simplification tolerance (metres, EPSG:3059) and coordinate rounding (degrees, ~10 m):
# chosen so the 43-unit layer stays under 120 KB and Rēzekne (17 km²) keeps its shape.
TOLERANCE_M = 500.0
PRECISION_DEG = 1e-4
# Varakļānu novads joins Madonas novads on 1 July 2025 (Saeima amendment of 13 June 2024).
MERGE_2025 = {"LV0055000": "LV0038000"}
MERGED_SUFFIX = "_2025"
# CSP's AREA code of the merged Madonas novads (IRD041, METADATA_SEEN.md grade A); CSP lists it
# in 2025 beside LV0038000 and LV0055000, the two it was made from.
MERGED_CSP_CODE = "LV0038001"
# A pre-reform municipality is a part of a new one when this share of its area lies in it
# (below: slivers of the generalised borders); it is whole when this much does.
PART_MIN_SHARE = 0.005
WHOLE_SHARE = 0.99
# The same territory across the 2021 reform: a new unit made of exactly one whole old unit
# whose area agrees within this relative tolerance (the generalised borders of 2021-01-01
# and 2022-07-01 are drawn alike; Olaines novads, which gained part of Ķekava, differs 3.7 %).
SAME_AREA_TOLERANCE = 0.005


@dataclass(frozen=True)
class Version:
    code: str
    level: str
    label_lv: str
    label_en: str
    valid_from: str | None
    valid_to: str | None


VERSIONS = [
    Version(
        "pre2021",
        "municipality",
        "119 pašvaldības (līdz 30.06.2021.)",
        "119 municipalities (until 30.06.2021)",
        None,
        "2021-06-30",
    ),
    Version(
        "lg2021",
        "municipality",
        "43 pašvaldības (01.07.2021.–30.06.2025.)",
        "43 local governments (01.07.2021–30.06.2025)",
        "2021-07-01",
        "2025-06-30",
    ),
    Version(
        "lg2025",
        "municipality",
        "42 pašvaldības (no 01.07.2025.)",
        "42 local governments (from 01.07.2025)",
        "2025-07-01",
        None,
    ),
    Version(
        "parish2021",
        "parish",
        "Pagasti un pilsētas (01.07.2021.–30.06.2025.)",
        "Parishes and towns (01.07.2021–30.06.2025)",
        "2021-07-01",
        "2025-06-30",
    ),
    Version(
        "parish2025",
        "parish",
        "Pagasti un pilsētas (no 01.07.2025.)",
        "Parishes and towns (from 01.07.2025)",
        "2025-07-01",
        None,
    ),
    Version(
        "nuts2021",
        "region",
        "Statistiskie reģioni (NUTS 2021, līdz 31.12.2023.)",
        "Statistical regions (NUTS 2021, until 31.12.2023)",
        None,
        "2023-12-31",
    ),
    Version(
        "sr2024",
        "region",
        "Statistiskie reģioni (no 01.01.2024.)",
        "Statistical regions (from 01.01.2024)",
        "2024-01-01",
        None,
    ),
    Version("country", "country", "Latvija", "Latvia", None, None),
]

# Statistical regions: NUTS 2021 level 3, and the regions CSP uses from 1 January 2024.
# Latgale and Zemgale did not change in 2024 and keep their NUTS ids. CSP publishes no code
# for the changed 2024 regions in our sources, so they get descriptive ids of our own.
REGIONS = [
    # unit_id, name_lv, name_en, versions, aliases
    ("LV003", "Kurzemes statistiskais reģions", "Kurzeme statistical region", ["nuts2021"], []),
    (
        "LV005",
        "Latgales statistiskais reģions",
        "Latgale statistical region",
        ["nuts2021", "sr2024"],
        [],
    ),
    ("LV006", "Rīgas statistiskais reģions", "Riga statistical region (Riga)", ["nuts2021"], []),
    ("LV007", "Pierīgas statistiskais reģions", "Pierīga statistical region", ["nuts2021"], []),
    ("LV008", "Vidzemes statistiskais reģions", "Vidzeme statistical region", ["nuts2021"], []),
    (
        "LV009",
        "Zemgales statistiskais reģions",
        "Zemgale statistical region",
        ["nuts2021", "sr2024"],
        [],
    ),
    (
        "SR2024-RIGA",
        "Rīgas statistiskais reģions (no 2024)",
        "Riga statistical region (2024)",
        ["sr2024"],
        ["Riga statistical region"],
    ),
    (
        "SR2024-KURZEME",
        "Kurzemes statistiskais reģions (no 2024)",
        "Kurzeme statistical region (2024)",
        ["sr2024"],
        ["Kurzeme statistical region"],
    ),
    (
        "SR2024-VIDZEME",
        "Vidzemes statistiskais reģions (no 2024)",
        "Vidzeme statistical region (2024)",
        ["sr2024"],
        ["Vidzeme statistical region"],
    ),
]
NUTS_NAMES = {
    "LV003": "Kurzeme",
    "LV005": "Latgale",
    "LV006": "Rīga",
    "LV007": "Pierīga",
    "LV008": "Vidzeme",
    "LV009": "Zemgale",
}

# Genitive -> nominative for Latvian place names whose ending the general rule gets wrong.
NOMINATIVE_EXCEPTIONS = {"Cēsu": "Cēsis", "Pļaviņu": "Pļaviņas"}


def nominative(genitive: str) -> str:
    """'Ādažu' -> 'Ādaži', 'Siguldas' -> 'Sigulda', 'Tukuma' -> 'Tukums' (CSP's English style)."""
    if genitive in NOMINATIVE_EXCEPTIONS:
        return NOMINATIVE_EXCEPTIONS[genitive]
    for ending, replacement in (("as", "a"), ("es", "e"), ("u", "i"), ("a", "s")):
        if genitive.endswith(ending):
            return genitive[: -len(ending)] + replacement
    return genitive  # Saldus, Jaunpils, Salaspils: genitive equals nominative


def english_name(name_lv: str, kind: str) -> str:
    """CSP-style English names: 'Ādažu novads' -> 'Ādaži municipality'; cities keep their name."""
    for suffix, english in ((" novads", "municipality"), (" pagasts", "parish")):
        if name_lv.endswith(suffix) and kind in {"novads", "parish"}:
            return f"{nominative(name_lv[: -len(suffix)])} {english}"
    return name_lv


def read_division(folder: Path) -> gpd.GeoDataFrame:
    """One CSP shapefile with the fields and CRS we rely on."""
    path = folder / f"{folder.name}.shp"
    if not path.is_file():
        raise SourceError(path, "boundary shapefile is missing")
    frame = gpd.read_file(path)
    missing = [f for f in FIELDS if f not in frame.columns]
    if missing:
        raise SourceError(path, "boundary file lacks fields", value=missing)
    if frame.crs is None or frame.crs.to_epsg() != 3059:
        raise SourceError(path, "boundary file is not in EPSG:3059", value=str(frame.crs))
    if frame["L1_code"].duplicated().any():
        dup = frame.loc[frame["L1_code"].duplicated(), "L1_code"].iloc[0]
        raise SourceError(path, "duplicate L1_code", value=dup)
    frame["geometry"] = shapely.make_valid(frame.geometry.values)
    return frame


def read_codes(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise SourceError(path, "municipality code list is missing")
    codes = pd.read_csv(path, dtype=str)
    codes["unit_id"] = "LV" + codes["atvk"]
    return codes.set_index("unit_id")


@dataclass(frozen=True)
class Territory:
    units: pd.DataFrame  # one row per territory
    members: pd.DataFrame  # version, unit_id, parent_id
    layers: dict[str, str]  # version -> GeoJSON FeatureCollection (WGS84, simplified)
    shapes: gpd.GeoDataFrame  # version, unit_id, geometry (EPSG:3059, simplified, not rounded)
    versions: list[Version]
    codes: pd.DataFrame  # code, unit_id, version: every ATVK code a territory had, per version
    # reform (the day it took effect), unit_id (after), part_id (before), share of the part's
    # area that lies in the unit, whole (all of it does)
    parts: pd.DataFrame


def _l0_kind(l0_type: int, pre_reform: bool) -> str:
    if l0_type == 1:
        return "republican_city" if pre_reform else "state_city"
    return "novads"


def _l1_kind(l1_type: int) -> str:
    return {1: "state_city", 5: "novads", 6: "town", 7: "parish"}[int(l1_type)]


def _dissolve(l1: gpd.GeoDataFrame, key: str) -> gpd.GeoSeries:
    return l1.dissolve(by=key).geometry


def _simplified(l1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify the finest coverage once; coarser layers dissolve from it, so borders agree."""
    out = l1.copy()
    out["geometry"] = l1.geometry.simplify_coverage(TOLERANCE_M)
    return out


def _info(rows: pd.DataFrame, level: str, kinds: list[str], parent: pd.Series) -> pd.DataFrame:
    """The units of a `level` ("L0", "L1"; `rows` indexed by its code): Latvian name, kind,
    NUTS 3 region and parent unit."""
    return pd.DataFrame(
        {
            "name_lv": rows[f"{level}_name"],
            "kind": kinds,
            "nuts3_code": rows["NUTS3_code"],
            "parent_id": parent,
        }
    )


def _counts(l1: gpd.GeoDataFrame, key: str) -> pd.DataFrame:
    kinds = l1["L1_type"].astype(int)
    return pd.DataFrame(
        {
            "parishes": (kinds == 7).groupby(l1[key]).sum(),
            "towns": (kinds == 6).groupby(l1[key]).sum(),
        }
    )


def _unit_rows(
    geoms: gpd.GeoSeries, info: pd.DataFrame, valid_from: str | None, valid_to: str | None
) -> pd.DataFrame:
    """Area from full-resolution EPSG:3059 shapes; label point in WGS84 for the map."""
    points = gpd.GeoSeries(geoms.representative_point(), crs=SOURCE_CRS).to_crs(4326)
    rows = info.copy()
    rows["area_km2"] = (geoms.area / 1e6).reindex(rows.index)
    rows["label_lon"] = points.x.reindex(rows.index).round(4)
    rows["label_lat"] = points.y.reindex(rows.index).round(4)
    rows["valid_from"] = valid_from
    rows["valid_to"] = valid_to
    return rows


def layer_geojson(shapes: gpd.GeoSeries) -> str:
    """Compact FeatureCollection, properties = unit_id only; the dashboard adds the rest."""
    wgs = gpd.GeoSeries(shapes, crs=SOURCE_CRS).to_crs(4326)
    rounded = shapely.set_precision(wgs.values, PRECISION_DEG)
    features = [
        {
            "type": "Feature",
            "properties": {"unit_id": uid},
            "geometry": json.loads(shapely.to_geojson(geom)),
        }
        for uid, geom in zip(shapes.index, rounded, strict=True)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


def reform_parts(old: gpd.GeoSeries, new: gpd.GeoSeries) -> pd.DataFrame:
    """How the pre-reform units (old, full resolution) lie in the new ones: one row per
    (new unit, old unit) overlapping by at least PART_MIN_SHARE of the old unit's area."""
    old_frame = gpd.GeoDataFrame({"part_id": old.index}, geometry=old.values, crs=SOURCE_CRS)
    new_frame = gpd.GeoDataFrame({"unit_id": new.index}, geometry=new.values, crs=SOURCE_CRS)
    pieces = gpd.overlay(old_frame, new_frame, keep_geom_type=True)
    pieces["share"] = pieces.area / pieces["part_id"].map(old.area).to_numpy()
    pieces = pieces.loc[pieces["share"] >= PART_MIN_SHARE]
    parts = pd.DataFrame(
        {
            "unit_id": pieces["unit_id"],
            "part_id": pieces["part_id"],
            "share": pieces["share"].round(4),
            "whole": pieces["share"] >= WHOLE_SHARE,
        }
    )
    return parts.sort_values(["unit_id", "part_id"]).reset_index(drop=True)


def same_territory(parts: pd.DataFrame, old: gpd.GeoSeries, new: gpd.GeoSeries) -> dict[str, str]:
    """Old id -> new id for the territories the 2021 reform did not change: the new unit is
    one whole old unit, and their areas agree within SAME_AREA_TOLERANCE."""
    same = {}
    for unit_id, rows in parts.groupby("unit_id"):
        if len(rows) != 1 or not rows["whole"].iloc[0]:
            continue
        part_id = rows["part_id"].iloc[0]
        if (parts["part_id"] == part_id).sum() != 1:
            continue  # the old unit also lies partly in another new one
        if abs(old.area[part_id] / new.area[unit_id] - 1) <= SAME_AREA_TOLERANCE:
            same[part_id] = unit_id
    return same


def build_territory(sources: Path) -> Territory:
    """All units of all versions, with memberships, areas, counts and simplified layers."""
    codes = read_codes(sources / CODES_CSV)
    new = read_division(sources / SHAPE_2022)
    old = read_division(sources / SHAPE_2021)
    new_s, old_s = _simplified(new), _simplified(old)

    unit_frames, member_frames, shape_rows = [], [], []

    def add(version: str, geoms: gpd.GeoSeries, parents: pd.Series | None = None) -> None:
        member_frames.append(
            pd.DataFrame(
                {
                    "version": version,
                    "unit_id": geoms.index,
                    "parent_id": None if parents is None else parents.reindex(geoms.index),
                }
            )
        )
        for uid, geom in geoms.items():
            shape_rows.append({"version": version, "unit_id": uid, "geometry": geom})

    # 43 local governments (2021-07-01..2025-06-30)
    l0 = new.drop_duplicates("L0_code").set_index("L0_code")
    info43 = _info(l0, "L0", [_l0_kind(t, False) for t in l0["L0_type"]], l0["NUTS3_code"])
    _check_codes(info43, codes, sources / CODES_CSV)
    info43["iso_3166_2"] = codes["iso_3166_2"].reindex(info43.index)
    info43 = info43.join(_counts(new, "L0_code"))
    full43 = _dissolve(new, "L0_code")
    unit_frames.append(_unit_rows(full43, info43, "2021-07-01", None))
    add("lg2021", _dissolve(new_s, "L0_code"), info43["parent_id"])

    # 42 from 2025-07-01: the merged Madona is a new territory; the others are unchanged
    key25 = new["L0_code"].replace(MERGE_2025)
    madona = next(iter(MERGE_2025.values()))
    merged_id = madona + MERGED_SUFFIX
    key25 = key25.where(key25 != madona, merged_id)
    new = new.assign(L0_2025=key25.values)
    new_s = new_s.assign(L0_2025=key25.values)
    info_m = info43.loc[[madona]].copy()
    info_m.index = [merged_id]
    info_m[["parishes", "towns"]] = _counts(new, "L0_2025").loc[merged_id].values
    unit_frames.append(
        _unit_rows(_dissolve(new, "L0_2025").loc[[merged_id]], info_m, "2025-07-01", None)
    )
    for merged in MERGE_2025:  # the absorbed and the old Madona end on 30 June 2025
        unit_frames[0].loc[[merged, madona], "valid_to"] = "2025-06-30"
    parents42 = info43["parent_id"].copy()
    parents42.loc[merged_id] = info43.loc[madona, "parent_id"]
    add("lg2025", _dissolve(new_s, "L0_2025"), parents42)

    # 592 parishes, towns and state cities; state cities are the same territory as at L0
    l1 = new.set_index("L1_code")
    info_l1 = _info(l1, "L1", [_l1_kind(t) for t in l1["L1_type"]], l1["L0_code"])
    info_l1 = info_l1.loc[~info_l1.index.isin(info43.index)]
    full_l1 = new.set_index("L1_code").geometry
    unit_frames.append(_unit_rows(full_l1, info_l1, "2021-07-01", None))
    simple_l1 = new_s.set_index("L1_code").geometry
    add("parish2021", simple_l1, l1["L0_code"])
    add("parish2025", simple_l1, l1["L0_2025"])

    # 119 pre-reform municipalities (until 2021-06-30), old ATVK codes
    o0 = old.drop_duplicates("L0_code").set_index("L0_code")
    kinds = [_l0_kind(t, True) for t in o0["L0_type"]]
    info119 = _info(o0, "L0", kinds, o0["NUTS3_code"]).join(_counts(old, "L0_code"))
    clash = info119.index.intersection(pd.concat(unit_frames).index)
    if len(clash):
        raise SourceError(
            sources / SHAPE_2021, "pre-reform code reused for another unit", value=list(clash)
        )
    full119 = _dissolve(old, "L0_code")
    parts = reform_parts(full119, full43)
    same = same_territory(parts, full119, full43)
    # an unchanged territory is one unit: today's id, valid since before the reform
    unit_frames[0].loc[list(same.values()), "valid_from"] = None
    unit_frames.append(
        _unit_rows(full119, info119, None, "2021-06-30").drop(index=list(same), errors="ignore")
    )
    add(
        "pre2021",
        _dissolve(old_s, "L0_code").rename(index=same),
        info119["parent_id"].rename(index=same),
    )
    parts["part_id"] = parts["part_id"].replace(same)
    merged_parts = pd.DataFrame(
        {"unit_id": merged_id, "part_id": [madona, *MERGE_2025], "share": 1.0, "whole": True}
    )
    parts = pd.concat(
        [parts.assign(reform="2021-07-01"), merged_parts.assign(reform="2025-07-01")],
        ignore_index=True,
    )[["reform", "unit_id", "part_id", "share", "whole"]]
    codes = pd.concat(
        [
            pd.DataFrame({"code": info43.index, "unit_id": info43.index, "version": "lg2021"}),
            pd.DataFrame(
                {
                    "code": info119.index,
                    "unit_id": info119.index.map(lambda c: same.get(c, c)),
                    "version": "pre2021",
                }
            ),
            pd.DataFrame({"code": [MERGED_CSP_CODE], "unit_id": [merged_id], "version": "lg2025"}),
        ],
        ignore_index=True,
    )

    # NUTS 2021 regions (with boundaries) and the 2024 regions (no boundaries in our sources)
    nuts_full = _dissolve(new, "NUTS3_code")
    region_rows = []
    for uid, name_lv, name_en, versions, aliases in REGIONS:
        region_rows.append(
            {
                "unit_id": uid,
                "name_lv": name_lv,
                "name_en": name_en,
                "kind": "statistical_region",
                "nuts3_code": uid if uid in NUTS_NAMES else None,
                "aliases": aliases,
                "area_km2": nuts_full.area.get(uid, float("nan")) / 1e6,
                "valid_from": "2024-01-01" if "nuts2021" not in versions else None,
                "valid_to": "2023-12-31" if "sr2024" not in versions else None,
            }
        )
        for version in versions:
            member_frames.append(
                pd.DataFrame({"version": [version], "unit_id": [uid], "parent_id": ["LV"]})
            )
    nuts_simple = _dissolve(new_s, "NUTS3_code")
    for uid, geom in nuts_simple.items():
        shape_rows.append({"version": "nuts2021", "unit_id": uid, "geometry": geom})

    country_geom = shapely.union_all(full43.values)
    country = pd.DataFrame(
        [
            {
                "unit_id": "LV",
                "name_lv": "Latvija",
                "name_en": "Latvia",
                "kind": "country",
                "area_km2": country_geom.area / 1e6,
            }
        ]
    )
    member_frames.append(
        pd.DataFrame({"version": ["country"], "unit_id": ["LV"], "parent_id": [None]})
    )
    shape_rows.append(
        {"version": "country", "unit_id": "LV", "geometry": shapely.union_all(nuts_simple.values)}
    )

    units = pd.concat(
        [f.rename_axis("unit_id").reset_index() for f in unit_frames]
        + [pd.DataFrame(region_rows), country],
        ignore_index=True,
    )
    units["atvk"] = units["unit_id"].str.extract(r"^LV(\d{7})", expand=False)
    units["name_en"] = units["name_en"].fillna(
        pd.Series(
            [english_name(n, k) for n, k in zip(units["name_lv"], units["kind"], strict=True)],
            index=units.index,
        )
    )
    units["aliases"] = units["aliases"].apply(lambda a: a if isinstance(a, list) else [])
    for col in ("parishes", "towns"):
        units[col] = units[col].astype("Int64")
    members = pd.concat(member_frames, ignore_index=True)
    shapes = gpd.GeoDataFrame(shape_rows, geometry="geometry", crs=SOURCE_CRS)
    layers = {
        version: layer_geojson(group.set_index("unit_id").geometry)
        for version, group in shapes.groupby("version", sort=False)
    }
    return Territory(units, members, layers, shapes, VERSIONS, codes, parts)


def _check_codes(info43: pd.DataFrame, codes: pd.DataFrame, path: Path) -> None:
    """The code list and the boundary file must describe the same 43 units."""
    if set(info43.index) != set(codes.index):
        diff = sorted(set(info43.index) ^ set(codes.index))
        raise SourceError(path, "code list and boundary file disagree on units", value=diff)
    for uid, row in info43.iterrows():
        if codes.loc[uid, "municipality"] != row["name_lv"]:
            raise SourceError(
                path,
                f"name of {uid} differs from the boundary file",
                value=codes.loc[uid, "municipality"],
            )
