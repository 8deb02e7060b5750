"""Compiled facts: tidy CSV (municipality, year, indicator, value, unit, source_url, title).

The coded form has a leading `atvk` column (CSP's code: LV + 7 digits, LV alone = Latvia,
empty = placed by name, as statistical regions and towns are); the code then identifies the
unit and the name must agree with it (see Crosswalk.resolve_code)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.pxweb_csv import check_year, parse_value

COLUMNS = ["municipality", "year", "indicator", "value", "unit", "source_url", "source_title"]
CODED_COLUMNS = ["atvk", *COLUMNS]


def read_facts_csv(path: Path) -> pd.DataFrame:
    """Rows as they stand, with their own source; year and value are checked like PxWeb cells."""
    if not path.is_file():
        raise SourceError(path, "source file is missing")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [f.strip() for f in reader.fieldnames or []]
        if header not in (COLUMNS, CODED_COLUMNS):
            raise SourceError(
                path,
                f"header must be {','.join(COLUMNS)} or {','.join(CODED_COLUMNS)}",
                1,
                reader.fieldnames,
            )
        reader.fieldnames = header
        records = []
        for number, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise SourceError(path, f"row does not have the {len(header)} columns", number)
            year_text = (row["year"] or "").strip()
            if not year_text.isdigit():
                raise SourceError(path, "year is not a whole number", number, row["year"])
            records.append(
                {
                    "atvk": (row.get("atvk") or "").strip() or None,
                    "municipality": row["municipality"].strip(),
                    "year": check_year(year_text, path, number),
                    "indicator": row["indicator"].strip(),
                    "value": parse_value(row["value"] or "", path, number),
                    "unit": row["unit"].strip(),
                    "source_url": row["source_url"].strip(),
                    "source_title": row["source_title"].strip(),
                    "line": number,
                }
            )
    frame = pd.DataFrame.from_records(records, columns=[*CODED_COLUMNS, "line"])
    frame["value"] = frame["value"].astype("float64")
    return frame
