"""Reading a contribution upload (logic.contributions): the template round-trips in CSV and
Excel, and every kind of bad input of issue 18 is refused as a whole with a message naming
sheet, row, column and value; the preview tells new, changed and far-off values apart."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from benchlearn.logic import contributions as lc

UNIT, OTHER = "LV0052000", "LV0054000"
SCOPE = lc.Scope(
    frozenset({UNIT}),
    {"live_births": (0.0, 5e6), "net_migration": (-1e6, 1e6), "median_age": (0.0, 120.0)},
    2026,
)
HELD = pd.DataFrame(
    [
        {"unit_id": u, "indicator": "live_births", "year": y, "value": v}
        for u, base in ((UNIT, 240.0), (OTHER, 1500.0), ("LV0001000", 300.0))
        for y, v in ((2022, base), (2023, base * 0.95), (2024, base * 0.9))
    ]
)


def template() -> pd.DataFrame:
    return lc.template_frame(
        {UNIT: "Tukuma novads"},
        {"live_births": ("Dzimušie", "cilvēki"), "median_age": ("Mediānais vecums", "gadi")},
        [2023, 2024, 2025],
        HELD[HELD["unit_id"] == UNIT],
    )


def csv_bytes(rows: list[list[object]], header=lc.COLUMNS, sep=",", encoding="utf-8") -> bytes:
    lines = [sep.join(header)] + [sep.join("" if v is None else str(v) for v in r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def row(indicator="live_births", year=2025, value="250", note="", unit=UNIT) -> list[object]:
    return [unit, "Tukuma novads", indicator, "x", "cilvēki", year, value, note]


def refused(data: bytes, name: str = "upload.csv") -> list[lc.Problem]:
    with pytest.raises(lc.UploadRefused) as error:
        lc.read_upload(name, data, SCOPE)
    return error.value.problems


def only(data: bytes, name: str = "upload.csv") -> lc.Problem:
    problems = refused(data, name)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_csv_template_round_trips_with_the_held_values_prefilled():
    frame = template()
    data = lc.template_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: Excel shows Latvian letters
    assert len(frame) == 6 and frame["value"].notna().sum() == 2  # 2023, 2024 held
    rows = lc.read_upload("t.csv", data, SCOPE)
    assert rows[["indicator", "year", "value"]].values.tolist() == [
        ["live_births", 2023, 228.0],
        ["live_births", 2024, 216.0],
    ]
    shown = lc.preview(rows, HELD)
    assert set(shown["kind"]) == {lc.UNCHANGED}
    assert lc.submitted(shown).empty


def test_the_excel_template_round_trips():
    data = lc.template_xlsx(template())
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    sheet.cell(row=4, column=7, value=231)  # live_births 2025
    sheet.cell(row=4, column=8, value="jauns skaitlis")
    out = io.BytesIO()
    book.save(out)
    rows = lc.read_upload("t.xlsx", out.getvalue(), SCOPE)
    assert rows.loc[rows["year"] == 2025, ["value", "note", "sheet", "row"]].values.tolist() == [
        [231.0, "jauns skaitlis", lc.SHEET, 4]
    ]


def test_the_preview_tells_new_changed_and_far_values():
    rows = lc.read_upload(
        "t.csv",
        csv_bytes([row(year=2024, value="217"), row(year=2025, value="9000"), row(year=2023)]),
        SCOPE,
    )
    shown = lc.preview(rows, HELD)
    assert shown["kind"].tolist() == [lc.CHANGED, lc.NEW, lc.CHANGED]
    assert shown["old"].tolist()[0] == 216.0
    assert shown["far"].tolist() == [False, True, False]  # 9000 ≫ the range 216..1500


def test_semicolons_and_decimal_commas_as_a_latvian_spreadsheet_writes_them():
    rows = lc.read_upload("t.csv", csv_bytes([row(value="250,5")], sep=";"), SCOPE)
    assert rows["value"].tolist() == [250.5]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("abc", "not_number"),
        ("1e308", "too_large"),
        ("1e3", "exponent"),
        ("NaN", "not_finite"),
        ("inf", "not_finite"),
        ("-5", "negative"),
        ("12 345", "not_number"),
    ],
)
def test_bad_numbers_name_sheet_row_column_and_value(value, code):
    problem = only(csv_bytes([row(year=2024), row(value=value)]))
    assert (problem.code, problem.sheet, problem.row, problem.column, problem.value) == (
        code,
        "CSV",
        3,
        "value",
        value,
    )
    text = lc.problem_text(problem, "en")
    assert "sheet CSV" in text and "row 3" in text and "column value" in text and value in text
    assert "rinda 3" in lc.problem_text(problem, "lv")


def test_a_negative_value_where_the_indicator_may_be_negative_is_fine():
    assert lc.read_upload("t.csv", csv_bytes([row("net_migration", value="-12")]), SCOPE)[
        "value"
    ].tolist() == [-12.0]


@pytest.mark.parametrize(
    ("changes", "code", "column", "value"),
    [
        ({"unit": OTHER}, "unit", "unit_id", OTHER),
        ({"indicator": "no_such"}, "indicator", "indicator", "no_such"),
        ({"year": 2099}, "year", "year", "2099"),
        ({"year": "divi"}, "year", "year", "divi"),
    ],
)
def test_wrong_municipality_unknown_indicator_or_year(changes, code, column, value):
    problem = only(csv_bytes([row(**changes)]))
    assert (problem.code, problem.row, problem.column, problem.value) == (code, 2, column, value)


def test_duplicate_rows_name_both():
    problem = only(csv_bytes([row(), row(value="251")]))
    assert (problem.code, problem.row, problem.params["first"]) == ("duplicate", 3, 2)


def test_every_problem_is_listed_and_nothing_is_taken():
    problems = refused(csv_bytes([row(value="x"), row(year=2024, unit=OTHER), row()]))
    assert [(p.code, p.row) for p in problems] == [("not_number", 2), ("unit", 3), ("duplicate", 4)]


@pytest.mark.parametrize(
    ("encoding", "what"),
    [("cp1257", "Windows-1257"), ("utf-16", "UTF-16")],
)
def test_legacy_encodings_are_refused_with_what_they_are(encoding, what):
    data = csv_bytes([row(note="Ķekava, ģimenes")], encoding=encoding)
    problem = only(data)
    assert problem.code == "encoding" and what in problem.params["detail"]
    assert problem.sheet == "CSV" and problem.row is not None


def test_a_bom_is_what_excel_writes_and_reads_the_same():
    plain = csv_bytes([row(note="Ķekava")])
    assert lc.read_upload("a.csv", b"\xef\xbb\xbf" + plain, SCOPE).equals(
        lc.read_upload("b.csv", plain, SCOPE)
    )


@pytest.mark.parametrize(
    ("header", "code", "column"),
    [
        (["vērtība" if c == "value" else c for c in lc.COLUMNS], "column_unknown", "vērtība"),
        ([c for c in lc.COLUMNS if c != "year"], "column_missing", "year"),
    ],
)
def test_renamed_or_missing_columns(header, code, column):
    cells = [v for c, v in zip(lc.COLUMNS, row(), strict=True) if c in header or c == "value"]
    problems = refused(csv_bytes([cells[: len(header)]], header=header))
    assert any(p.code == code and p.column == column and p.row == 1 for p in problems)


def workbook(mutate) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = lc.SHEET
    sheet.append(list(lc.COLUMNS))
    sheet.append(row())
    sheet.append(row(year=2024))
    mutate(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_formulas_merged_cells_and_several_sheets():
    formula = only(workbook(lambda b, s: s.__setitem__("G3", "=G2*2")), "f.xlsx")
    assert (formula.code, formula.sheet, formula.row, formula.column, formula.value) == (
        "formula",
        lc.SHEET,
        3,
        "value",
        "=G2*2",
    )
    merged = only(workbook(lambda b, s: s.merge_cells("H2:H3")), "m.xlsx")
    assert (merged.code, merged.row, merged.value) == ("merged", 2, "H2:H3")
    sheets = only(workbook(lambda b, s: b.create_sheet("Piezīmes")), "s.xlsx")
    assert sheets.code == "sheets" and "Piezīmes" in sheets.value


def test_a_large_file_and_old_excel_are_refused_before_reading():
    big = csv_bytes([row()]) + b"#" * (20 * 2**20)  # a 20 MB file
    assert only(big).code == "too_big"
    assert only(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old.xls").code == "xls"
    assert only(b"PK\x03\x04broken", "x.xlsx").code == "xlsx_broken"


def test_html_in_a_note_is_kept_as_text_for_display_to_escape():
    rows = lc.read_upload("t.csv", csv_bytes([row(note="<script>alert(1)</script>")]), SCOPE)
    assert rows["note"].tolist() == ["<script>alert(1)</script>"]


def test_a_template_cell_a_spreadsheet_would_run_is_quoted():
    frame = lc.template_frame({UNIT: "=HYPERLINK(1)"}, {"live_births": ("x", "y")}, [2024], HELD)
    assert b"'=HYPERLINK(1)" in lc.template_csv(frame)


def test_hiding_contributed_values_leaves_them_missing_and_the_rest_as_it_was():
    frame = pd.DataFrame(
        {
            "value": [1.0, 2.0, 3.0, 4.0],
            "flags": [None, "contributed,approved:2026-12-06", "contributed,derived", "derived"],
        }
    )
    hidden = lc.hide_contributed(frame)
    assert hidden["value"].isna().tolist() == [False, True, True, False]
    assert hidden["flags"].tolist()[3] == "derived"
    assert lc.hide_contributed(frame.iloc[[0, 3]]) is not None
