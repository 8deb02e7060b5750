"""Formula compiler and catalogue validation, including hostile formulas."""

from __future__ import annotations

import duckdb
import pytest

from benchlearn.catalogue import CatalogueError, load_catalogue
from benchlearn.formulas import FormulaError, compile_formula, derived_sql
from benchlearn.settings import load_settings

KNOWN = {"a", "b", "area"}


def _run(formula: str, rows: list[tuple], timeless=frozenset({"area"})) -> dict:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE observations (unit_id VARCHAR, indicator VARCHAR, year INT, value DOUBLE,"
        " flags VARCHAR)"
    )
    con.executemany("INSERT INTO observations VALUES (?, ?, ?, ?, NULL)", rows)
    sql, params = derived_sql(compile_formula(formula, KNOWN), set(timeless))
    return {(u, y): v for u, y, v, *_ in con.execute(sql, params).fetchall()}


def test_ratio_and_scale():
    rows = [("X", "a", 2024, 50.0), ("X", "b", 2024, 200.0), ("Y", "a", 2024, 1.0)]
    assert _run("a / b * 1000", rows) == {("X", 2024): 250.0}  # Y has no b: no value


def test_division_by_zero_gives_no_value():
    rows = [("X", "a", 2024, 5.0), ("X", "b", 2024, 0.0)]
    assert _run("a / b", rows) == {("X", 2024): None}


def test_timeless_input_joins_any_year():
    rows = [("X", "a", 2012, 100.0), ("X", "a", 2024, 80.0), ("X", "area", 2022, 20.0)]
    assert _run("a / area", rows) == {("X", 2012): 5.0, ("X", 2024): 4.0}


def test_pct_change_over_years():
    rows = [("X", "a", 2019, 200.0), ("X", "a", 2024, 150.0), ("X", "a", 2023, 100.0)]
    assert _run("pct_change(a, 5)", rows) == {("X", 2024): -25.0}
    assert _run("pct_change(a, 1)", rows) == {("X", 2024): 50.0}


@pytest.mark.parametrize(
    "formula",
    [
        "a; DROP TABLE observations",
        "__import__('os').system('x')",
        "a ** 2",
        "pct_change(a, 0)",
        "pct_change(a, 1.5)",
        "pct_change(3, 1)",
        "max(a, b)",
        "c / a",
        "'a' + b",
        "a.value",
    ],
)
def test_hostile_or_wrong_formulas_refused(formula):
    with pytest.raises(FormulaError):
        compile_formula(formula, KNOWN)


def test_formula_needs_a_yearly_input():
    with pytest.raises(FormulaError, match="varies by year"):
        derived_sql(compile_formula("area * 2", KNOWN), {"area"})


def test_real_catalogue_loads_in_dependency_order():
    catalogue = load_catalogue(load_settings().catalogue_path)
    assert len(catalogue.indicators) >= 60
    assert catalogue.timeless == {"area_km2", "parishes_count", "towns_count"}
    for ind in catalogue.indicators.values():
        assert ind.name_lv and ind.name_en and ind.unit_lv and ind.unit_en
        assert ind.definition_lv and ind.definition_en


def _catalogue(tmp_path, text: str):
    real = load_settings().catalogue_path.read_text(encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text(real + "\n" + text, encoding="utf-8")
    return load_catalogue(path)


def test_catalogue_rejects_unknown_direction(tmp_path):
    with pytest.raises(CatalogueError, match="direction"):
        _catalogue(
            tmp_path,
            '[indicators.x]\nname_lv="x"\nname_en="x"\nunit_lv="x"\n'
            'unit_en="x"\ndefinition_lv="x"\ndefinition_en="x"\ntheme="roads"\n'
            'direction="up"\ndecimals=0\nformula="road_total_km * 2"\n',
        )


def test_catalogue_rejects_cycles(tmp_path):
    body = (
        'name_lv="x"\nname_en="x"\nunit_lv="x"\nunit_en="x"\ndefinition_lv="x"\n'
        'definition_en="x"\ntheme="roads"\ndirection="neutral"\ndecimals=0\n'
    )
    with pytest.raises(CatalogueError, match="depend on each other"):
        _catalogue(
            tmp_path,
            f'[indicators.p]\n{body}formula="q * 2"\n[indicators.q]\n{body}formula="p * 2"\n',
        )


def test_catalogue_rejects_bad_toml(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[indicators\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid TOML"):
        load_catalogue(path)
