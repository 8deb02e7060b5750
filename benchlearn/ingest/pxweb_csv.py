"""PxWeb "CSV with heading" exports (CSP), in either language, in one parser.

Layout: line 1 the quoted table title, line 2 blank, line 3 the header (dimension columns,
then one column per year), then one row per combination of dimension values.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchlearn.ingest.errors import SourceError

# CSP's markers for "not available" / "not applicable" / "confidential".
NA_MARKERS = frozenset({"…", "...", "..", "-", "–", ":", ""})
FIRST_YEAR = 1990
_YEAR = re.compile(r"^\d{4}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class PxTable:
    path: Path
    title: str
    dimensions: list[str]
    years: list[int]
    # long form: one row per dimension combination and year; value NaN where CSP marked n/a
    rows: pd.DataFrame


def parse_value(raw: str, path: Path, line: int) -> float | None:
    """A CSP cell as a number; None for CSP's not-available markers; anything else stops."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if text in NA_MARKERS:
        return None
    if _NUMBER.match(text):
        return float(text)
    raise SourceError(path, "value is not a number nor a CSP not-available marker", line, raw)


def check_year(raw: str, path: Path, line: int) -> int:
    """Years must be plausible for municipal statistics: 1990..this year."""
    year = int(raw)
    last = dt.date.today().year
    if not FIRST_YEAR <= year <= last:
        raise SourceError(path, f"year outside {FIRST_YEAR}..{last}", line, raw)
    return year


def read_pxweb_csv(path: Path) -> PxTable:
    """Parse one export; every problem names the file, the line and the value."""
    if not path.is_file():
        raise SourceError(path, "source file is missing")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    if len(lines) < 4 or len(lines[0]) != 1 or any(cell.strip() for cell in lines[1]):
        raise SourceError(path, "not a PxWeb CSV with heading (title, blank line, header)", 1)
    title, header = lines[0][0].strip(), [cell.strip() for cell in lines[2]]
    year_cols = [i for i, name in enumerate(header) if _YEAR.match(name)]
    dim_cols = [i for i, name in enumerate(header) if not _YEAR.match(name)]
    if not year_cols or not dim_cols or dim_cols != list(range(len(dim_cols))):
        raise SourceError(path, "header must list dimensions first, then years", 3, lines[2])
    years = [check_year(header[i], path, 3) for i in year_cols]
    records = []
    for number, cells in enumerate(lines[3:], start=4):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise SourceError(path, f"expected {len(header)} fields", number, cells)
        dims = [cells[i].strip() for i in dim_cols]
        for year, i in zip(years, year_cols, strict=True):
            records.append([*dims, year, parse_value(cells[i], path, number), number])
    dimensions = [header[i] for i in dim_cols]
    rows = pd.DataFrame(records, columns=[*dimensions, "year", "value", "line"])
    rows["value"] = rows["value"].astype("float64")
    return PxTable(path, title, dimensions, years, rows)
