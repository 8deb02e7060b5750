"""Municipal data contributions, pure: the template a contributor fills in (CSV and Excel),
reading an upload back (validated as a whole: every problem names sheet, row, column and
value, and one problem means nothing is taken), and the preview (new, changed, unchanged,
far outside the usual range).

No database and no Streamlit: the page passes what the warehouse holds, the repository stores
what this returns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.reader import MAX_MAGNITUDE, decode_text
from benchlearn.logic.flags import is_contributed

# The template's columns: the contributor fills in `value` and `note`; the others say what a
# row is (the names only help a person read it; ids and codes are what count).
COLUMNS = (
    "unit_id",
    "municipality",
    "indicator",
    "indicator_name",
    "unit",
    "year",
    "value",
    "note",
)
REQUIRED = ("unit_id", "indicator", "year", "value")
SHEET = "dati"  # the template's one sheet; a CSV has none (its name is shown as "CSV")
CSV_SHEET = "CSV"
MAX_BYTES = 5 * 1024 * 1024  # a 43 × 50 × 15-year template is ~2.5 MB as CSV; Streamlit's
# server.maxUploadSize (.streamlit/config.toml) is set to the same 5 MB
MAX_ROWS = 50_000
MAX_NOTE = 1000
MAX_PROBLEMS = 50  # listed; the count says how many more
FIRST_YEAR = 1990
FAR = 0.5  # a value beyond the usual range by more than half its width is "far outside"
# Plain digits, one decimal separator (point, or the comma a Latvian spreadsheet writes),
# no thousands groups and no exponent: what a person types, nothing a formula makes.
NUMBER = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")
_XLSX, _XLS = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload: where (sheet, row as the spreadsheet numbers it,
    column name) and the value as written; `code` keys the message (contrib.err.<code>)."""

    code: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    params: Mapping[str, object] = field(default_factory=dict)


class UploadRefused(ValueError):
    """The upload cannot be taken; `problems` says every reason found (up to MAX_PROBLEMS)."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        self.total = total if total is not None else len(problems)
        first = problems[0] if problems else Problem("empty")
        super().__init__(f"{self.total} problem(s), first: {first}")


@dataclass(frozen=True)
class Scope:
    """What this contributor may send: their municipalities, the indicators on offer (code ->
    (low, high) plausible range) and the last year that may have a value."""

    units: frozenset[str]
    indicators: Mapping[str, tuple[float, float]]
    last_year: int = dt.date.today().year


# --- the template ----------------------------------------------------------------------------


def template_frame(
    units: Mapping[str, str],
    indicators: Mapping[str, tuple[str, str]],
    years: Iterable[int],
    held: pd.DataFrame,
) -> pd.DataFrame:
    """One row per municipality × indicator × year, prefilled with the values we hold.

    units: id -> name; indicators: code -> (name, unit); held: unit_id, indicator, year,
    value (the warehouse's values, contributed ones included)."""
    years = sorted(set(years))
    key = {
        (u, i, int(y)): v
        for u, i, y, v in held[["unit_id", "indicator", "year", "value"]].itertuples(index=False)
    }
    rows = [
        {
            "unit_id": unit,
            "municipality": name,
            "indicator": code,
            "indicator_name": label,
            "unit": measure,
            "year": year,
            "value": key.get((unit, code, year)),
            "note": "",
        }
        for unit, name in units.items()
        for code, (label, measure) in indicators.items()
        for year in years
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _safe_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading ' (names are ours, but
    a contributed indicator's name is typed by a person)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return f"'{value}"
    return value


def template_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte order mark (so Excel shows Latvian letters), comma-separated, a
    point as decimal separator; numbers written plainly (never 1e+05)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in frame[list(COLUMNS)].itertuples(index=False):
        writer.writerow(
            [
                _plain(v) if c == "value" else _safe_cell(v)
                for c, v in zip(COLUMNS, row, strict=True)
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _plain(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = float(value)
    return f"{number:.0f}" if number.is_integer() else f"{number:.10f}".rstrip("0").rstrip(".")


def template_xlsx(frame: pd.DataFrame) -> bytes:
    """One sheet, values as numbers, no formulas; the first row is the header."""
    from openpyxl import Workbook  # imported here: only the contribution page needs it

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for row in frame[list(COLUMNS)].itertuples(index=False):
        cells = []
        for column, value in zip(COLUMNS, row, strict=True):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                cells.append(None)
            elif column in ("value", "year"):
                cells.append(float(value) if column == "value" else int(value))
            else:
                cells.append(_safe_cell(str(value)))
        sheet.append(cells)
    for column, width in zip("ABCDEFGH", (11, 22, 30, 40, 14, 6, 12, 40), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading an upload -----------------------------------------------------------------------


def read_upload(name: str, data: bytes, scope: Scope) -> pd.DataFrame:
    """The rows of an upload that carry a value: sheet, row, unit_id, indicator, year,
    value, note. Any problem anywhere raises UploadRefused listing them all."""
    if len(data) > MAX_BYTES:
        raise UploadRefused([Problem("too_big", value=name, params={"mb": MAX_BYTES // 2**20})])
    if data.startswith(_XLS):
        raise UploadRefused([Problem("xls", value=name)])
    sheet, table = (
        _xlsx_table(data) if data.startswith(_XLSX) else (CSV_SHEET, _csv_table(data, name))
    )
    return _validate(sheet, table, scope)


def _csv_table(data: bytes, name: str) -> list[tuple[int, list[object]]]:
    try:
        text = decode_text(data if data.endswith(b"\n") else data + b"\n", name)
    except SourceError as exc:
        raise UploadRefused(
            [
                Problem(
                    "encoding",
                    CSV_SHEET,
                    exc.line,
                    "",
                    str(exc.value or ""),
                    {"detail": exc.problem},
                )
            ]
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Latvian Excel: ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [(i, list(row)) for i, row in enumerate(reader, start=1) if any(c.strip() for c in row)]


def _xlsx_table(data: bytes) -> tuple[str, list[tuple[int, list[object]]]]:
    from openpyxl import load_workbook  # defusedxml (installed) guards the XML parser

    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UploadRefused([Problem("xlsx_broken", value=type(exc).__name__)]) from None
    problems = []
    if len(book.worksheets) != 1:
        names = ", ".join(s.title for s in book.worksheets)
        problems.append(Problem("sheets", value=names, params={"n": len(book.worksheets)}))
    sheet = book.worksheets[0]
    for merged in sheet.merged_cells.ranges:
        problems.append(Problem("merged", sheet.title, merged.min_row, "", str(merged.coord)))
    rows = []
    header: list[str] = []
    for index, cells in enumerate(sheet.iter_rows(), start=1):
        values = []
        for cell in cells:
            if cell.data_type == "f":
                column = (
                    header[cell.column - 1] if cell.column <= len(header) else cell.column_letter
                )
                problems.append(
                    Problem("formula", sheet.title, index, str(column), str(cell.value))
                )
            values.append(cell.value)
        if index == 1:
            header = [str(v or "").strip() for v in values]
        if any(v is not None and str(v).strip() for v in values):
            rows.append((index, values))
        if len(rows) > MAX_ROWS + 1:
            problems.append(Problem("too_many", sheet.title, index, params={"n": MAX_ROWS}))
            break
    if problems:
        raise UploadRefused(problems)
    return sheet.title, rows


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(raw: object) -> tuple[float | None, str]:
    """(value, problem code): None and "" for an empty cell."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, ""
    if isinstance(raw, bool):
        return None, "not_number"
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = str(raw).strip().replace("\u00a0", "")
        if not NUMBER.match(text):
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                return None, "not_number"
            if math.isfinite(number) and abs(number) <= MAX_MAGNITUDE:
                return None, "exponent"
        else:
            number = float(text.replace(",", "."))
    if not math.isfinite(number):
        return None, "not_finite"
    if abs(number) > MAX_MAGNITUDE:
        return None, "too_large"
    return number, ""


def _validate(sheet: str, table: list[tuple[int, list[object]]], scope: Scope) -> pd.DataFrame:
    if not table:
        raise UploadRefused([Problem("empty", sheet)])
    header_row, header = table[0]
    names = [_text(h) for h in header]
    problems: list[Problem] = []
    for position, name in enumerate(names):
        if name and name not in COLUMNS:
            problems.append(Problem("column_unknown", sheet, header_row, name, name))
        elif name and names.index(name) != position:
            problems.append(Problem("column_twice", sheet, header_row, name, name))
    for name in REQUIRED:
        if name not in names:
            problems.append(Problem("column_missing", sheet, header_row, name, ""))
    if problems:
        raise UploadRefused(problems)
    if len(table) > MAX_ROWS + 1:
        raise UploadRefused(
            [Problem("too_many", sheet, table[MAX_ROWS + 1][0], params={"n": MAX_ROWS})]
        )
    at = {name: names.index(name) for name in COLUMNS if name in names}
    out, seen = [], {}
    for row, cells in table[1:]:

        def cell(name: str, cells=cells) -> object:
            index = at.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        def bad(code: str, column: str, raw: object, row=row, **params: object) -> None:
            problems.append(Problem(code, sheet, row, column, _text(raw)[:120], params))

        value, issue = _number(cell("value"))
        note = _text(cell("note"))
        if issue:
            bad(issue, "value", cell("value"))
        if len(note) > MAX_NOTE:
            bad("note_long", "note", note[:40] + "…", limit=MAX_NOTE)
        if value is None and not issue:
            if note:
                bad("note_without_value", "note", note)
            continue  # a row left empty: nothing sent for it
        unit, code, year_raw = _text(cell("unit_id")), _text(cell("indicator")), cell("year")
        if unit not in scope.units:
            bad("unit", "unit_id", unit)
        if code not in scope.indicators:
            bad("indicator", "indicator", code)
        year_text = _text(year_raw)
        year = int(year_text) if re.fullmatch(r"[0-9]{4}", year_text) else None
        if year is None or not FIRST_YEAR <= year <= scope.last_year:
            bad("year", "year", year_raw, low=FIRST_YEAR, high=scope.last_year)
        if value is not None and code in scope.indicators:
            low, high = scope.indicators[code]
            if not low <= value <= high:
                bad(
                    "negative" if value < 0 <= low else "range",
                    "value",
                    cell("value"),
                    low=low,
                    high=high,
                )
        key = (unit, code, year)
        if key in seen:
            bad("duplicate", "indicator", code, first=seen[key], year=year_text)
        else:
            seen[key] = row
        out.append(
            {
                "sheet": sheet,
                "row": row,
                "unit_id": unit,
                "indicator": code,
                "year": year,
                "value": value,
                "note": note,
            }
        )
    if problems:
        raise UploadRefused(problems)
    if not out:
        raise UploadRefused([Problem("no_values", sheet)])
    return pd.DataFrame(out)


# --- the preview -----------------------------------------------------------------------------

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


def preview(rows: pd.DataFrame, held: pd.DataFrame) -> pd.DataFrame:
    """Each uploaded row with what we hold: kind (new, changed, unchanged), old value, and
    `far` with the usual range (low, high) when the value lies far outside both the
    municipality's own history and the other municipalities' values of the indicator.

    held: unit_id, indicator, year, value of every municipality for the indicators sent."""
    known = held.dropna(subset=["value"])
    by_key = {
        (u, i, int(y)): float(v)
        for u, i, y, v in known[["unit_id", "indicator", "year", "value"]].itertuples(index=False)
    }
    extremes = {
        code: _extremes(group.to_numpy()) for code, group in known.groupby("indicator")["value"]
    }
    olds, kinds, lows, highs, fars = [], [], [], [], []
    for unit, code, year, value in rows[["unit_id", "indicator", "year", "value"]].itertuples(
        index=False
    ):
        old = by_key.get((unit, code, int(year)))
        olds.append(old)
        kinds.append(NEW if old is None else UNCHANGED if _same(old, value) else CHANGED)
        low, high, far = usual_range(extremes.get(code), old, value)
        lows.append(low)
        highs.append(high)
        fars.append(far)
    return rows.assign(old=olds, kind=kinds, low=lows, high=highs, far=fars)


def _same(old: float, new: float) -> bool:
    return math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-12)


def _extremes(values) -> tuple[int, list[float], list[float]]:
    """(count, two smallest, two largest) of an indicator's held values."""
    ordered = sorted(float(v) for v in values)
    return len(ordered), ordered[:2], ordered[-2:][::-1]


def usual_range(
    extremes: tuple[int, list[float], list[float]] | None, replaced: float | None, value: float
) -> tuple[float | None, float | None, bool]:
    """The range of the municipality's own history and the others' values (without the
    value being replaced); `far` when `value` lies beyond it by more than FAR of its width
    (at least three values to judge by)."""
    if extremes is None:
        return None, None, False
    count, lows, highs = extremes
    if replaced is not None:  # leave the value being replaced out of its own yardstick
        count -= 1
        lows = lows[1:] if lows and lows[0] == replaced else lows
        highs = highs[1:] if highs and highs[0] == replaced else highs
    if count < 3 or not lows or not highs:
        return None, None, False
    low, high = lows[0], highs[0]
    margin = FAR * max(high - low, abs(high) * 0.1, 1e-9)
    return low, high, bool(value < low - margin or value > high + margin)


def submitted(frame: pd.DataFrame) -> pd.DataFrame:
    """What a submission stores: the new and changed rows (unchanged ones add nothing)."""
    return frame[frame["kind"] != UNCHANGED].reset_index(drop=True)


def hide_contributed(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (with value and flags columns) without municipalities' contributed values
    and values computed from them: they become missing, as where no figure exists."""
    if frame.empty or "flags" not in frame or "value" not in frame:
        return frame
    hidden = frame["flags"].map(is_contributed).astype(bool)
    if not hidden.any():
        return frame
    return frame.assign(value=frame["value"].mask(hidden), flags=frame["flags"].mask(hidden))


def problem_text(problem: Problem, lang: str) -> str:
    """'Lapa dati, rinda 7, kolonna value, vērtība «abc»: …' in Latvian or English."""
    from benchlearn.formatting import format_decimal
    from benchlearn.i18n import is_plural, t, tn

    where = []
    if problem.sheet:
        where.append(t("contrib.where_sheet", lang, sheet=problem.sheet))
    if problem.row is not None:
        where.append(t("contrib.where_row", lang, row=problem.row))
    if problem.column:
        where.append(t("contrib.where_column", lang, column=problem.column))
    if problem.value != "" or problem.column:
        where.append(t("contrib.where_value", lang, value=problem.value))
    key, params = f"contrib.err.{problem.code}", dict(problem.params)
    if problem.code == "range":  # the catalogue's limits, as numbers of the language
        params.update({k: format_decimal(params[k], lang) for k in ("low", "high")})
    message = tn(key, params["n"], lang, **params) if is_plural(key) else t(key, lang, **params)
    return f"{', '.join(where)}: {message}" if where else message
