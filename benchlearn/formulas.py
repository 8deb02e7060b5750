"""Derived-indicator formulas: a tiny expression language compiled to DuckDB SQL.

Grammar: indicator codes, numbers, + - * /, parentheses and pct_change(code, years).
Parsed with Python's ast and an allow-list, so a catalogue typo cannot become arbitrary SQL.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


class FormulaError(ValueError):
    """A formula the catalogue cannot use; the message names the formula and the problem."""


@dataclass(frozen=True)
class Ref:
    alias: str
    code: str
    lag: int  # years back; 0 = same year


@dataclass(frozen=True)
class Compiled:
    formula: str
    sql: str  # expression over <alias>.value
    refs: tuple[Ref, ...]

    @property
    def inputs(self) -> list[str]:
        return sorted({ref.code for ref in self.refs})


_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}


class _Compiler:
    def __init__(self, formula: str, known: set[str]):
        self.formula, self.known = formula, known
        self.refs: dict[tuple[str, int], Ref] = {}

    def fail(self, problem: str) -> FormulaError:
        return FormulaError(f"formula {self.formula!r}: {problem}")

    def ref(self, node: ast.expr, lag: int = 0) -> str:
        if not isinstance(node, ast.Name):
            raise self.fail("pct_change takes an indicator code first")
        if node.id not in self.known:
            raise self.fail(f"unknown indicator {node.id!r}")
        key = (node.id, lag)
        if key not in self.refs:
            self.refs[key] = Ref(f"r{len(self.refs)}", node.id, lag)
        return f"{self.refs[key].alias}.value"

    def emit(self, node: ast.expr) -> str:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return f"({self.emit(node.left)} / NULLIF({self.emit(node.right)}, 0))"
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return f"({self.emit(node.left)} {_OPS[type(node.op)]} {self.emit(node.right)})"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return f"(-{self.emit(node.operand)})"
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return repr(float(node.value))
        if isinstance(node, ast.Name):
            return self.ref(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node)
        raise self.fail(f"'{ast.unparse(node)}' is not allowed")

    def call(self, node: ast.Call) -> str:
        if node.func.id != "pct_change" or len(node.args) != 2 or node.keywords:
            raise self.fail("the only function is pct_change(code, years)")
        years = node.args[1]
        if not (isinstance(years, ast.Constant) and type(years.value) is int and years.value > 0):
            raise self.fail("pct_change needs a whole number of years > 0")
        now, then = self.ref(node.args[0]), self.ref(node.args[0], years.value)
        return f"(({now} - {then}) / NULLIF({then}, 0) * 100.0)"


def compile_formula(formula: str, known: set[str]) -> Compiled:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"formula {formula!r}: not an expression ({exc.msg})") from exc
    compiler = _Compiler(formula, known)
    sql = compiler.emit(tree.body)
    return Compiled(formula, sql, tuple(compiler.refs.values()))


def derived_sql(compiled: Compiled, timeless: set[str]) -> tuple[str, dict[str, object]]:
    """SELECT unit_id, year, value for one derived indicator from the observations table.

    The anchor is a same-year input that varies by year; timeless inputs (area) join on the
    unit alone. Every input must exist: a missing input gives no value, never a zero.
    """
    anchors = [r for r in compiled.refs if r.lag == 0 and r.code not in timeless]
    if not anchors:
        raise FormulaError(f"formula {compiled.formula!r}: needs an input that varies by year")
    anchor = anchors[0]
    params: dict[str, object] = {f"{anchor.alias}_code": anchor.code}
    joins = []
    for ref in compiled.refs:
        if ref is anchor:
            continue
        params[f"{ref.alias}_code"] = ref.code
        on = [
            f"{ref.alias}.unit_id = {anchor.alias}.unit_id",
            f"{ref.alias}.indicator = ${ref.alias}_code",
        ]
        if ref.code not in timeless:
            on.append(f"{ref.alias}.year = {anchor.alias}.year - {ref.lag}")
        joins.append(f"JOIN observations {ref.alias} ON " + " AND ".join(on))
    sql = (
        f"SELECT {anchor.alias}.unit_id, {anchor.alias}.year, {compiled.sql} AS value "
        f"FROM observations {anchor.alias} {' '.join(joins)} "
        f"WHERE {anchor.alias}.indicator = ${anchor.alias}_code"
    )
    return sql, params
