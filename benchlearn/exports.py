"""Downloads: a table as CSV or Excel bytes, a chart as PNG. Pure: frames and chart specs in,
bytes out (no Streamlit). Within benchlearn.limits: at most MAX_EXPORT_ROWS rows, and PNGs
drawn a few at a time across the server.

Numbers are written as numbers (no thousands separators, no units in cells; units belong in
the headers); a missing value is an empty cell, never zero.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from benchlearn import limits

HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
MY_FILL = PatternFill("solid", fgColor="FFF3BF")
CSV_DIALECTS = {"lv": (";", ","), "en": (",", ".")}  # (separator, decimal mark)


# A text cell starting with one of these is a formula to a spreadsheet (CSV injection:
# a network named "=HYPERLINK(...)" would run in the reader's Excel). Such text is written
# with a leading apostrophe in CSV, and as a plain string cell in Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_text(value: object) -> object:
    """Text a spreadsheet will not run: "'=HYPERLINK(…)" for "=HYPERLINK(…)"; other values
    as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads Latvian letters.

    Latvian: ';' between fields and a decimal comma, as Excel expects with Latvian regional
    settings; English: ',' and a decimal point. Text that a spreadsheet would take for a
    formula gets a leading apostrophe (inert_text).
    """
    limits.check_export_rows(len(frame))
    sep, decimal = CSV_DIALECTS.get(lang, CSV_DIALECTS["en"])
    frame = frame.copy()
    frame.columns = [inert_text(str(c)) for c in frame.columns]
    for column in range(frame.shape[1]):
        if not pd.api.types.is_numeric_dtype(frame.iloc[:, column]):
            frame.isetitem(column, frame.iloc[:, column].map(inert_text))
    text = frame.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def cell_value(value: object) -> object:
    """A plain Python value for openpyxl; missing (None, NaN, NA) becomes an empty cell."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def write_frame(
    ws: Worksheet,
    frame: pd.DataFrame,
    start_row: int = 1,
    number_formats: Sequence[str] | None = None,
) -> None:
    """Header row (bold, grey, wrapped) and the values below it."""
    for j, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=start_row, column=j, value=str(name))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(frame.itertuples(index=False), start=start_row + 1):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j, value=cell_value(value))
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # openpyxl would store it as a formula
            if number_formats and j <= len(number_formats) and number_formats[j - 1] != "@":
                cell.number_format = number_formats[j - 1]


def set_widths(ws: Worksheet, widths: Iterable[float]) -> None:
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


def to_excel(
    table: pd.DataFrame,
    sources: pd.DataFrame,
    notes: Sequence[tuple[str, str]],
    *,
    sheet: str,
    sources_sheet: str,
    number_formats: Sequence[str] | None = None,
    bold_rows: Sequence[int] = (),
) -> bytes:
    """Workbook with `table` on the first sheet and `sources` (+ notes) on the second.

    bold_rows: 0-based positions of table rows to emphasise (my municipality).
    notes: (label, text) lines written under the sources, e.g. the database build date.
    """
    limits.check_export_rows(len(table))
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    write_frame(ws, table, number_formats=number_formats)
    for pos in bold_rows:
        for cell in ws[pos + 2]:
            cell.font = Font(bold=True)
        ws.cell(row=pos + 2, column=1).fill = MY_FILL
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    ws.row_dimensions[1].height = 60
    set_widths(ws, [30, *([16] * (len(table.columns) - 1))])

    src = book.create_sheet(sources_sheet[:31])
    write_frame(src, sources)
    row = len(sources) + 3
    for label, text in notes:
        src.cell(row=row, column=1, value=label).font = Font(bold=True)
        src.cell(row=row, column=2, value=text).data_type = "s"
        row += 1
    set_widths(src, [40, 16, 8, 20, 70, 50, 14][: max(len(sources.columns), 2)])
    for line in src.iter_rows(min_row=2, max_row=len(sources) + 1):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chart_png(spec: str | dict, scale: float = 2.0) -> bytes:
    """A Vega-Lite spec (an Altair chart's `to_json()` or `to_dict()`) rendered to PNG on the
    server by vl-convert: no browser, and no data URL may be fetched from anywhere."""
    import vl_convert

    text = spec if isinstance(spec, str) else json.dumps(spec)
    with limits.RENDERS.slot():
        return vl_convert.vegalite_to_png(text, scale=scale, allowed_base_urls=[])
