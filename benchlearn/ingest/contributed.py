"""Approved municipal contributions, as the build reads them from data/contributed/.

An approval (benchlearn.contribute) writes the values in force and the contributed indicators
from the user-data database into this file set, builds the warehouse with it and only then
swaps the files in, exactly as `python -m benchlearn fetch` does with data/fetched/; a later
`make data` therefore keeps every approved value. Files:

- values.csv: unit_id, indicator, year, value, approved (YYYY-MM-DD), version, contribution
- indicators.csv: indicators only contributions fill (code, names, unit, definition, theme,
  direction, decimals), defined by an administrator

Precedence: an approved contribution is the newest word on its (unit, indicator, year); it
replaces the value of any other source, and each value it replaced is kept in the
warehouse's `contributed_values` table beside it (never silently). Every contributed value
carries the flags "contributed,approved:<date>" (logic.flags), which derived values inherit.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchlearn.catalogue import DIRECTIONS, INDICATOR_FIELDS, Catalogue, Indicator, Source
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.observations import OBS_COLUMNS, SourceReport, check_plausible
from benchlearn.ingest.reader import FETCHED, parse_number, read_text
from benchlearn.settings import REPO_ROOT

SOURCE_ID = "contributed"
FORMAT = "contributed"
VALUES_FILE, INDICATORS_FILE = "values.csv", "indicators.csv"
VALUE_COLUMNS = ["unit_id", "indicator", "year", "value", "approved", "version", "contribution"]
INDICATOR_COLUMNS = ["code", *INDICATOR_FIELDS]
FLAG, APPROVED = "contributed", "approved:"
CONTRIBUTED_SCHEMA = """
CREATE TABLE contributed_values (
    unit_id VARCHAR NOT NULL, indicator VARCHAR NOT NULL, year INTEGER NOT NULL,
    value DOUBLE NOT NULL, approved VARCHAR, version INTEGER, contribution INTEGER,
    replaced_value DOUBLE, replaced_source VARCHAR, PRIMARY KEY (unit_id, indicator, year));
"""


@dataclass(frozen=True)
class Contributed:
    values: pd.DataFrame  # VALUE_COLUMNS (+ line)
    indicators: pd.DataFrame  # INDICATOR_COLUMNS
    path: Path | None = None


def empty() -> Contributed:
    return Contributed(pd.DataFrame(columns=VALUE_COLUMNS), pd.DataFrame(columns=INDICATOR_COLUMNS))


def flags_for(approved: str) -> str:
    return f"{FLAG},{APPROVED}{approved}"


def write_contributed(directory: Path, values: pd.DataFrame, indicators: pd.DataFrame) -> None:
    """The file set as the build reads it (plain UTF-8 CSV, floats in full)."""
    directory.mkdir(parents=True, exist_ok=True)
    values[VALUE_COLUMNS].to_csv(
        directory / VALUES_FILE, index=False, encoding="utf-8", lineterminator="\n"
    )
    indicators[INDICATOR_COLUMNS].to_csv(
        directory / INDICATORS_FILE, index=False, encoding="utf-8", lineterminator="\n"
    )


def _rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(read_text(path)))
    header = next(reader, [])
    if header != columns:
        raise SourceError(path, f"header must be {','.join(columns)}", 1, ",".join(header))
    out = []
    for line, row in enumerate(reader, start=2):
        if len(row) != len(columns):
            raise SourceError(path, f"expected {len(columns)} cells", line, ",".join(row))
        out.append((line, dict(zip(columns, row, strict=True))))
    return out


def read_contributed(directory: Path | None) -> Contributed:
    """The approved contributions in `directory` (none if it or its files do not exist)."""
    if directory is None or not (directory / VALUES_FILE).is_file():
        return empty()
    path = directory / VALUES_FILE
    values = []
    for line, row in _rows(path, VALUE_COLUMNS):
        values.append(
            {
                **row,
                "year": int(row["year"]) if row["year"].isdigit() else _bad(path, line, row),
                "value": parse_number(row["value"], FETCHED, frozenset(), path, line, 4),
                "version": int(row["version"] or 0),
                "contribution": int(row["contribution"] or 0),
                "line": line,
            }
        )
    indicators = []
    if (directory / INDICATORS_FILE).is_file():
        for line, row in _rows(directory / INDICATORS_FILE, INDICATOR_COLUMNS):
            if row["direction"] not in DIRECTIONS or not row["decimals"].isdigit():
                raise SourceError(directory / INDICATORS_FILE, "bad direction or decimals", line)
            indicators.append({**row, "decimals": int(row["decimals"])})
    return Contributed(
        pd.DataFrame(values, columns=[*VALUE_COLUMNS, "line"]),
        pd.DataFrame(indicators, columns=INDICATOR_COLUMNS),
        path,
    )


def _bad(path: Path, line: int, row: dict) -> int:
    raise SourceError(path, "year must be four digits", line, row["year"])


def with_contributed_indicators(catalogue: Catalogue, contributed: Contributed) -> Catalogue:
    """The catalogue plus the contributed source and the contributed indicators that have an
    approved value (an indicator without any value is not built: pages show none such)."""
    if contributed.values.empty:
        return catalogue  # nothing approved yet: the warehouse is as without contributions
    source = Source(
        id=SOURCE_ID,
        path=f"contributed/{VALUES_FILE}",
        format=FORMAT,
        unit_column="",
        versions=[],
        publisher="Pašvaldības (iesniegts, apstiprināts) / municipalities (contributed)",
        table="",
        title="Municipal data contributions, approved by an administrator",
        url="",
        retrieved=str(contributed.values["approved"].max()) if len(contributed.values) else "",
        flags=FLAG,
    )
    indicators = dict(catalogue.indicators)
    filled = set(contributed.values["indicator"])
    path = contributed.path or Path(VALUES_FILE)
    for row in contributed.indicators.itertuples(index=False):
        if row.code in catalogue.indicators:
            raise SourceError(
                path, "contributed indicator clashes with the catalogue", None, row.code
            )
        if row.theme not in catalogue.themes:
            raise SourceError(path, "contributed indicator has an unknown theme", None, row.theme)
        if row.code not in filled:
            continue
        indicators[row.code] = Indicator(
            code=row.code,
            name_lv=row.name_lv,
            name_en=row.name_en,
            unit_lv=row.unit_lv,
            unit_en=row.unit_en,
            definition_lv=row.definition_lv,
            definition_en=row.definition_en,
            theme=row.theme,
            direction=row.direction,
            decimals=int(row.decimals),
            contributed=True,
        )
    for code in filled & set(indicators):  # the indicator names the source it now has
        ind = indicators[code]
        if not any(m["source"] == SOURCE_ID for m in ind.maps) and not ind.formula:
            maps = [*ind.maps, {"source": SOURCE_ID, "match": {}}]
            indicators[code] = dataclasses.replace(ind, maps=maps)
    sources = {**catalogue.sources, SOURCE_ID: source}
    return dataclasses.replace(catalogue, sources=sources, indicators=indicators)


def merge_contributed(
    observations: pd.DataFrame,
    contributed: Contributed,
    catalogue: Catalogue,
    names: dict[str, str],
    reports: dict[str, SourceReport],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observations with the approved values in place of any other source's, and the
    contributed_values table (each value with the one it replaced, if any)."""
    values = contributed.values
    if values.empty:
        return observations, pd.DataFrame(
            columns=[*VALUE_COLUMNS, "replaced_value", "replaced_source"]
        )
    path = contributed.path or Path(VALUES_FILE)
    report = SourceReport(SOURCE_ID, f"contributed/{VALUES_FILE}", path.stat().st_size, "")
    reports[SOURCE_ID] = report
    unknown = values[
        ~values["unit_id"].isin(names) | ~values["indicator"].isin(catalogue.indicators)
    ]
    if not unknown.empty:
        row = unknown.iloc[0]
        raise SourceError(
            path,
            "unknown unit or indicator",
            int(row["line"]),
            row["unit_id"] + " " + row["indicator"],
        )
    computed = values[
        values["indicator"].map(
            lambda c: bool(catalogue.indicators[c].formula or catalogue.indicators[c].timeless)
        )
    ]
    if not computed.empty:  # computed by the build, or a property of the territory
        row = computed.iloc[0]
        raise SourceError(
            path, "indicator cannot be contributed", int(row["line"]), row["indicator"]
        )
    check_plausible(values, catalogue, path)
    duplicate = values.duplicated(["unit_id", "indicator", "year"])
    if duplicate.any():
        raise SourceError(path, "a value appears twice", int(values.loc[duplicate, "line"].iloc[0]))
    key = ["unit_id", "indicator", "year"]
    replaced = observations.merge(values[key], on=key)[[*key, "value", "source_id"]]
    replaced = replaced.rename(columns={"value": "replaced_value", "source_id": "replaced_source"})
    index = pd.MultiIndex.from_frame(observations[key])
    keep = ~index.isin(pd.MultiIndex.from_frame(values[key]))
    new = pd.DataFrame(
        {
            "unit_id": values["unit_id"],
            "indicator": values["indicator"],
            "year": values["year"].astype("int64"),
            "value": values["value"].astype(float),
            "flags": [flags_for(a) for a in values["approved"]],
            "source_id": SOURCE_ID,
            "source_file": f"contributed/{VALUES_FILE}",
            "source_line": values["line"].astype("int64"),
            "source_title": [
                f"{names[u]}: pašvaldības iesniegts, apstiprināts {a} "
                f"(contributed by the municipality, approved {a})"
                for u, a in zip(values["unit_id"], values["approved"], strict=True)
            ],
            "source_url": None,
            "retrieved": values["approved"],
        }
    )
    report.rows_read = report.values_loaded = len(new)
    merged = pd.concat([observations[keep], new[OBS_COLUMNS]], ignore_index=True)
    table = values[VALUE_COLUMNS].merge(replaced, on=key, how="left")
    return merged, table


ENV_CONTRIBUTED = "BENCHLEARN_CONTRIBUTED"


def default_contributed_dir() -> Path:
    """data/contributed/ beside the catalogue, or BENCHLEARN_CONTRIBUTED."""
    return Path(os.environ.get(ENV_CONTRIBUTED, str(REPO_ROOT / "data" / "contributed")))
