"""Compiled facts: tidy CSV (municipality, year, indicator, value, unit, source_url, title)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.pxweb_csv import check_year, parse_value

COLUMNS = ["municipality", "year", "indicator", "value", "unit", "source_url", "source_title"]


def read_facts_csv(path: Path) -> pd.DataFrame:
    """Rows as they stand, with their own source; year and value are checked like PxWeb cells."""
    if not path.is_file():
        raise SourceError(path, "source file is missing")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != COLUMNS:
            raise SourceError(path, f"header must be {','.join(COLUMNS)}", 1, reader.fieldnames)
        records = []
        for number, row in enumerate(reader, start=2):
            year_text = (row["year"] or "").strip()
            if not year_text.isdigit():
                raise SourceError(path, "year is not a whole number", number, row["year"])
            records.append(
                {
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
    frame = pd.DataFrame.from_records(records, columns=[*COLUMNS, "line"])
    frame["value"] = frame["value"].astype("float64")
    return frame
