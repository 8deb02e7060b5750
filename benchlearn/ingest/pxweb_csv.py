"""PxWeb "CSV with heading" exports (CSP), in either language, in one parser.

Layout: line 1 the quoted table title, line 2 blank, line 3 the header (dimension columns,
then one column per year), then one row per combination of dimension values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.reader import PXWEB, parse_number, read_text

# CSP's markers for "not available" / "not applicable" / "confidential". An empty cell is
# none of them: it is an error (benchlearn.ingest.reader).
NA_MARKERS = frozenset({"…", "...", "..", "-", "–", ":"})
FIRST_YEAR = 1990
_YEAR = re.compile(r"^[0-9]{4}$")


@dataclass(frozen=True)
class PxTable:
    path: Path
    title: str
    dimensions: list[str]
    years: list[int]
    # long form: one row per dimension combination and year; value NaN where CSP marked n/a
    rows: pd.DataFrame


def parse_value(raw: str, path: Path, line: int, column: int | None = None) -> float | None:
    """A CSP cell as a number (reader.PXWEB grammar); None for CSP's not-available markers;
    anything else, an empty cell included, stops."""
    return parse_number(raw, PXWEB, NA_MARKERS, path, line, column or 0)


def check_year(raw: str, path: Path, line: int) -> int:
    """Years must be plausible for municipal statistics: 1990..this year (ASCII digits)."""
    if not _YEAR.match(raw.strip()):
        raise SourceError(path, "year is not four ASCII digits", line, raw)
    year = int(raw)
    last = dt.date.today().year
    if not FIRST_YEAR <= year <= last:
        raise SourceError(path, f"year outside {FIRST_YEAR}..{last}", line, raw)
    return year


def read_pxweb_csv(path: Path) -> PxTable:
    """Parse one export; every problem names the file, the line and the value."""
    text = read_text(path)
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SourceError(path, f"not readable as CSV ({exc})") from None
    if len(lines) < 4 or len(lines[0]) != 1 or any(cell.strip() for cell in lines[1]):
        raise SourceError(path, "not a PxWeb CSV with heading (title, blank line, header)", 1)
    title, header = lines[0][0].strip(), [cell.strip() for cell in lines[2]]
    for column, name in enumerate(header, start=1):
        if sum(c.isdigit() for c in name) >= 2 and not _YEAR.match(name):
            raise SourceError(
                path, "column header is not a year of four ASCII digits", 3, name, column
            )
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
            value = parse_value(cells[i], path, number, i + 1)
            records.append([*dims, year, value, number, i + 1, cells[i]])
    dimensions = [header[i] for i in dim_cols]
    rows = pd.DataFrame(records, columns=[*dimensions, "year", "value", "line", "column", "raw"])
    _check_grid(rows, dimensions, path)
    rows["value"] = rows["value"].astype("float64")
    return PxTable(path, title, dimensions, years, rows)


def _check_grid(rows: pd.DataFrame, dimensions: list[str], path: Path) -> None:
    """A PxWeb export is a full grid: one row per combination of its dimensions' values.
    Fewer rows mean a cut-off file (or rows deleted by hand); repeated rows stop too."""
    per_line = rows.drop_duplicates("line")
    combos = per_line[dimensions]
    expected = math.prod(combos[d].nunique() for d in dimensions)
    repeated = combos.duplicated(keep=False)
    if repeated.any():
        lines = per_line.loc[repeated.to_numpy(), "line"].astype(int).tolist()
        shown = " / ".join(map(str, combos[repeated].iloc[0]))
        raise SourceError(
            path, f"duplicate row: {shown} again, first on line {lines[0]}", lines[1], shown
        )
    if len(combos) < expected:
        full = pd.MultiIndex.from_product([combos[d].unique() for d in dimensions])
        missing = full.difference(pd.MultiIndex.from_frame(combos))
        raise SourceError(
            path,
            f"fewer rows than the table's grid ({len(combos)} of {expected}): the file is "
            f"incomplete, e.g. no row for {' / '.join(map(str, missing[0]))}",
            int(rows["line"].max()),
        )
