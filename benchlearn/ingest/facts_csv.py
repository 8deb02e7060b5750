"""Compiled facts: tidy CSV (municipality, year, indicator, value, unit, source_url, title).

The coded form has a leading `atvk` column (CSP's code: LV + 7 digits, LV alone = Latvia,
empty = placed by name, as statistical regions and towns are); the code then identifies the
unit and the name must agree with it (see Crosswalk.resolve_code)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.pxweb_csv import NA_MARKERS, check_year
from benchlearn.ingest.reader import FACTS, parse_number, read_text

COLUMNS = ["municipality", "year", "indicator", "value", "unit", "source_url", "source_title"]
CODED_COLUMNS = ["atvk", *COLUMNS]


def read_facts_csv(path: Path) -> pd.DataFrame:
    """Rows as they stand, with their own source; year and value are checked like PxWeb cells."""
    text = read_text(path)
    with io.StringIO(text, newline="") as handle:
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
        value_column = header.index("value") + 1
        records = []
        for number, row in _rows(reader, path):
            if None in row or any(v is None for v in row.values()):
                raise SourceError(path, f"row does not have the {len(header)} columns", number)
            year_text = (row["year"] or "").strip()
            records.append(
                {
                    "atvk": (row.get("atvk") or "").strip() or None,
                    "municipality": row["municipality"].strip(),
                    "year": check_year(year_text, path, number),
                    "indicator": row["indicator"].strip(),
                    "value": parse_number(
                        row["value"], FACTS, NA_MARKERS, path, number, value_column
                    ),
                    "unit": row["unit"].strip(),
                    "source_url": row["source_url"].strip(),
                    "source_title": row["source_title"].strip(),
                    "line": number,
                    "column": value_column,
                    "raw": row["value"],
                }
            )
    frame = pd.DataFrame.from_records(records, columns=[*CODED_COLUMNS, "line", "column", "raw"])
    frame["value"] = frame["value"].astype("float64")
    return frame


def _rows(reader: csv.DictReader, path: Path) -> Iterator[tuple[int, dict]]:
    """(line, row) with the line the row starts on; a CSV syntax error names its line."""
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise SourceError(path, f"not readable as CSV ({exc})", reader.line_num + 1) from None
