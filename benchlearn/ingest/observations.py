"""Turn parsed source files into observations: one row per (unit, indicator, year).

The catalogue says which source rows are which indicator; the crosswalk says which unit a
printed name is. Anything that does not fit stops the build with file, line and value.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchlearn.catalogue import Catalogue, Source
from benchlearn.ingest.crosswalk import Crosswalk
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.facts_csv import read_facts_csv
from benchlearn.ingest.pxweb_csv import read_pxweb_csv

OBS_COLUMNS = [
    "unit_id",
    "indicator",
    "year",
    "value",
    "flags",
    "source_id",
    "source_file",
    "source_line",
    "source_title",
    "source_url",
    "retrieved",
]
_RETRIEVED = re.compile(r"retrieved (\d{4}-\d{2}-\d{2})")


@dataclass
class SourceReport:
    source_id: str
    path: str
    bytes: int
    sha256: str
    rows_read: int = 0
    values_loaded: int = 0
    not_available: int = 0
    ignored: int = 0
    corroborated: int = 0  # values another source already gave, identically


def _rows(source: Source, path: Path) -> pd.DataFrame:
    if source.format == "pxweb_csv":
        return read_pxweb_csv(path).rows
    rows = read_facts_csv(path)
    found = _RETRIEVED.findall  # per-row retrieval dates where the row's title states one
    rows["retrieved"] = [next(iter(found(t)), source.retrieved) for t in rows["source_title"]]
    return rows


def _indicator_column(
    rows: pd.DataFrame, source: Source, catalogue: Catalogue, path: Path
) -> pd.Series:
    """Which indicator each row is; a row that matches none or several stops the build."""
    result = pd.Series(pd.NA, index=rows.index, dtype="object")
    for code, ind in catalogue.indicators.items():
        for entry in ind.maps:
            if entry["source"] != source.id:
                continue
            mask = pd.Series(True, index=rows.index)
            for column, wanted in entry["match"].items():
                if column not in rows.columns:
                    raise SourceError(
                        path,
                        f"catalogue ({code}) matches on a column the file does not have",
                        value=column,
                    )
                mask &= rows[column].astype(str) == wanted
            clash = mask & result.notna()
            if clash.any():
                line = int(rows.loc[clash, "line"].iloc[0])
                raise SourceError(
                    path, f"row is both {result[clash].iloc[0]} and {code} in the catalogue", line
                )
            result[mask] = code
    if result.isna().any():
        first = rows.loc[result.isna()].iloc[0]
        hidden = {"value", "line", "year", "column", "raw"}
        shown = {c: first[c] for c in rows.columns if c not in hidden}
        raise SourceError(
            path, "row matches no indicator of the catalogue", int(first["line"]), shown
        )
    return result


def _unit_column(
    rows: pd.DataFrame, names: pd.Series, source: Source, crosswalk: Crosswalk, path: Path
) -> list[str]:
    """The unit of each row: by its atvk code where the file gives one (the name must agree),
    else by its printed name in the source's boundary versions."""
    codes = rows["atvk"] if "atvk" in rows.columns else pd.Series(None, index=rows.index)
    placed: dict[tuple, str] = {}
    out = []
    for code, name, line in zip(codes, names, rows["line"], strict=True):
        key = (code, name)
        if key not in placed:
            if isinstance(code, str):
                placed[key] = crosswalk.resolve_code(code, name, path, int(line))
            else:
                placed[key] = crosswalk.resolve(name, source.versions, path, int(line))
        out.append(placed[key])
    return out


def check_plausible(rows: pd.DataFrame, catalogue: Catalogue, path: Path) -> None:
    """Every value within its indicator's plausible range (Catalogue.plausible); `rows` have
    indicator, value, line and, where the reader knows them, column and raw."""
    for code, values in rows.groupby("indicator")["value"]:
        low, high = catalogue.plausible(code)
        outside = values.notna() & ((values < low) | (values > high))
        if outside.any():
            row = rows.loc[outside[outside].index[0]]
            raise SourceError(
                path,
                f"value outside the plausible range {low:g}..{high:g} of {code}",
                int(row["line"]),
                row.get("raw", row["value"]),
                int(row["column"]) if "column" in row and pd.notna(row["column"]) else None,
            )


def load_source(
    source: Source, sources_dir: Path, catalogue: Catalogue, crosswalk: Crosswalk
) -> tuple[pd.DataFrame, SourceReport]:
    path = sources_dir / source.path
    rows = _rows(source, path)
    data = path.read_bytes()
    report = SourceReport(
        source.id,
        source.path,
        len(data),
        hashlib.sha256(data).hexdigest(),
        rows_read=int(rows["line"].nunique()),
    )
    if source.unit_column not in rows.columns:
        raise SourceError(path, "unit column is missing", 3, source.unit_column)
    names = rows[source.unit_column]
    rows = rows.assign(
        unit_id=_unit_column(rows, names, source, crosswalk, path),
        indicator=_indicator_column(rows, source, catalogue, path),
    )
    check_plausible(rows, catalogue, path)
    ignored = names.isin(source.ignore_units)
    report.ignored = int(ignored.sum())
    rows = rows.loc[~ignored]
    available = rows["value"].notna()
    report.not_available = int((~available).sum())
    rows = rows.loc[available]
    key = ["unit_id", "indicator", "year"]
    dup = rows.duplicated(key, keep=False)
    if dup.any():
        pair = rows.loc[dup].sort_values("line").groupby(key).head(2)
        first, second = pair.iloc[0], pair.iloc[1]
        raise SourceError(
            path,
            f"duplicate (unit, indicator, year) {tuple(first[key])}, first on line {first['line']}",
            int(second["line"]),
            second["value"],
        )
    obs = pd.DataFrame(
        {
            "unit_id": rows["unit_id"],
            "indicator": rows["indicator"],
            "year": rows["year"].astype(int),
            "value": rows["value"],
            "flags": source.flags,
            "source_id": source.id,
            "source_file": source.path,
            "source_line": rows["line"].astype(int),
            "source_title": rows.get("source_title", source.title),
            "source_url": rows.get("source_url", source.url),
            "retrieved": rows.get("retrieved", source.retrieved),
        }
    )
    report.values_loaded = len(obs)
    return obs[OBS_COLUMNS], report


def _clash(bad: pd.Series, firsts: pd.DataFrame, key: list[str], problem: str) -> None:
    """Stop the build on a value another source holds too; `problem` may name the value's
    {key} and the earlier source's {file}, {line} and {value}."""
    was = firsts.loc[tuple(bad[key])]
    message = problem.format(
        key=tuple(bad[key]), file=was["source_file"], line=was["source_line"], value=was["value"]
    )
    raise SourceError(bad["source_file"], message, int(bad["source_line"]), bad["value"])


def merge_sources(
    frames: list[pd.DataFrame],
    reports: dict[str, SourceReport],
    exclusive: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Two sources may print the same figure (TRS020 in English and Latvian): keep the first.

    If they disagree, the build stops: we will not pick one of two official numbers silently.
    `exclusive` sources (the compiled facts files, which promise that no row repeats another
    file's) stop the build on any repeat, equal or not.
    """
    merged = pd.concat(frames, ignore_index=True)
    key = ["unit_id", "indicator", "year"]
    dup = merged.duplicated(key, keep="first")
    if dup.any():
        firsts = merged.loc[~dup].set_index(key)
        later = merged.loc[dup]
        earlier = firsts.loc[pd.MultiIndex.from_frame(later[key])]
        repeats = (
            later["source_id"].isin(exclusive).to_numpy()
            | earlier["source_id"].isin(exclusive).to_numpy()
        )
        differs = earlier["value"].to_numpy() != later["value"].to_numpy()
        for clashes, problem in (
            (repeats, "{key} is also in {file} line {line} (a value is held by one file only)"),
            (differs, "value differs from {file} line {line} ({value:g}) for {key}"),
        ):
            if clashes.any():
                _clash(later.loc[clashes].iloc[0], firsts, key, problem)
        for source_id, count in later["source_id"].value_counts().items():
            reports[source_id].corroborated = int(count)
            reports[source_id].values_loaded -= int(count)
    return merged.loc[~dup].reset_index(drop=True)


def geometry_observations(units: pd.DataFrame) -> pd.DataFrame:
    """Area, parishes and towns from the boundary files, dated by the file's state."""
    state_year = {"2021-07-01": 2022, "2025-07-01": 2025, None: 2022}
    frames = []
    for indicator, column in (
        ("area_km2", "area_km2"),
        ("parishes_count", "parishes"),
        ("towns_count", "towns"),
    ):
        rows = units.loc[units[column].notna(), ["unit_id", column, "valid_from", "valid_to"]]
        year = [
            2021 if to == "2021-06-30" else state_year.get(start, 2022)
            for start, to in zip(rows["valid_from"], rows["valid_to"], strict=True)
        ]
        frames.append(
            pd.DataFrame(
                {
                    "unit_id": rows["unit_id"],
                    "indicator": indicator,
                    "year": year,
                    "value": rows[column].astype(float),
                    "flags": "",
                    "source_id": "boundaries",
                    "source_file": "raw/csp_territorial_units",
                    "source_line": pd.NA,
                    "source_title": "CSP generalised boundaries 1:1 200 000 (EPSG:3059)",
                    "source_url": "https://data.gov.lv/dati/lv/dataset/robezas",
                    "retrieved": "",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[OBS_COLUMNS]
