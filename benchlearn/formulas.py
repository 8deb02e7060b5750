"""Derived-indicator formulas: a tiny expression language compiled to DuckDB SQL.

Grammar: indicator codes, numbers, + - * /, parentheses, pct_change(code, years) and
first_of(code, code, ...): the first of several inputs that has a value for the unit and year
(a population basis: the annual average where CSP publishes it, else the population at the
start of the year). Each derived value records which input it used (`Compiled.titles`) and
inherits the flags that tell reported from constructed and rounded inputs.
Parsed with Python's ast and an allow-list, so a catalogue typo cannot become arbitrary SQL.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass


class FormulaError(ValueError):
    """A formula the catalogue cannot use; the message names the formula and the problem."""


# Flags a derived value inherits from its inputs (see warehouse: reported values have none),
# and the prefix of the flag that names first_of's input where it was not the first choice
# ('basis:population_start_of_year': no annual average for this unit and year)
INHERITED_FLAGS = ("constructed", "rounded", "unverified", "contributed")
BASIS = "basis:"


@dataclass(frozen=True)
class Ref:
    alias: str
    code: str
    lag: int  # years back; 0 = same year
    optional: bool = False  # one of first_of's choices: joined LEFT, may be missing


@dataclass(frozen=True)
class Compiled:
    formula: str
    sql: str  # expression over <alias>.value
    refs: tuple[Ref, ...]
    choices: tuple[Ref, ...] = ()  # first_of's inputs, in order of preference

    @property
    def inputs(self) -> list[str]:
        return sorted({ref.code for ref in self.refs})

    def title(self, choice: Ref | None = None) -> str:
        """The formula as one value was computed: first_of(...) replaced by the input used."""
        if choice is None:
            return f"= {self.formula}"
        text = _FIRST_OF.sub(choice.code, self.formula)
        skipped = [c.code for c in self.choices[: self.choices.index(choice)]]
        note = f" ({', '.join(skipped)}: no value for this unit and year)" if skipped else ""
        return f"= {text}{note}"


_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}
_FIRST_OF = re.compile(r"first_of\([^)]*\)")


class _Compiler:
    def __init__(self, formula: str, known: set[str]):
        self.formula, self.known = formula, known
        self.refs: dict[tuple[str, int], Ref] = {}
        self.choices: tuple[Ref, ...] = ()

    def fail(self, problem: str) -> FormulaError:
        return FormulaError(f"formula {self.formula!r}: {problem}")

    def ref(self, node: ast.expr, lag: int = 0, optional: bool = False) -> str:
        if not isinstance(node, ast.Name):
            raise self.fail("pct_change and first_of take indicator codes")
        if node.id not in self.known:
            raise self.fail(f"unknown indicator {node.id!r}")
        key = (node.id, lag)
        if key in self.refs and self.refs[key].optional != optional:
            raise self.fail(f"{node.id} is used both inside and outside first_of")
        if key not in self.refs:
            self.refs[key] = Ref(f"r{len(self.refs)}", node.id, lag, optional)
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
        if node.func.id == "first_of":
            return self.first_of(node)
        if node.func.id != "pct_change" or len(node.args) != 2 or node.keywords:
            raise self.fail("the functions are pct_change(code, years) and first_of(code, ...)")
        years = node.args[1]
        if not (isinstance(years, ast.Constant) and type(years.value) is int and years.value > 0):
            raise self.fail("pct_change needs a whole number of years > 0")
        now, then = self.ref(node.args[0]), self.ref(node.args[0], years.value)
        return f"(({now} - {then}) / NULLIF({then}, 0) * 100.0)"

    def first_of(self, node: ast.Call) -> str:
        if self.choices:
            raise self.fail("first_of may appear once in a formula")
        if len(node.args) < 2 or node.keywords:
            raise self.fail("first_of takes two or more indicator codes")
        if len({a.id for a in node.args if isinstance(a, ast.Name)}) != len(node.args):
            raise self.fail("first_of takes distinct indicator codes")
        values = [self.ref(arg, optional=True) for arg in node.args]
        self.choices = tuple(self.refs[(arg.id, 0)] for arg in node.args)
        return f"COALESCE({', '.join(values)})"


def compile_formula(formula: str, known: set[str]) -> Compiled:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"formula {formula!r}: not an expression ({exc.msg})") from exc
    compiler = _Compiler(formula, known)
    sql = compiler.emit(tree.body)
    return Compiled(formula, sql, tuple(compiler.refs.values()), compiler.choices)


def derived_sql(compiled: Compiled, timeless: set[str]) -> tuple[str, dict[str, object]]:
    """SELECT unit_id, year, value, flags, title for one derived indicator from observations.

    The anchor is a same-year input that varies by year; timeless inputs (area) join on the
    unit alone. Every input must exist, but for first_of's choices, of which one must: a
    missing input gives no value, never a zero. `flags` is 'derived' plus what the inputs
    used carry of INHERITED_FLAGS; `title` is the formula as this value was computed.
    """
    anchors = [r for r in compiled.refs if r.lag == 0 and r.code not in timeless and not r.optional]
    yearly_choices = [r for r in compiled.choices if r.code not in timeless]
    if not anchors and not yearly_choices:
        raise FormulaError(f"formula {compiled.formula!r}: needs an input that varies by year")
    params: dict[str, object] = {}
    if anchors:
        anchor = anchors[0]
        params[f"{anchor.alias}_code"] = anchor.code
        source = f"observations {anchor.alias}"
        where = f"WHERE {anchor.alias}.indicator = ${anchor.alias}_code"
    else:  # only first_of's choices vary by year: every (unit, year) one of them has
        anchor = Ref("k", "", 0)
        params["k_codes"] = [r.code for r in yearly_choices]
        source = (
            "(SELECT DISTINCT unit_id, year FROM observations "
            "WHERE list_contains($k_codes, indicator)) k"
        )
        where = ""
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
        join = "LEFT JOIN" if ref.optional else "JOIN"
        joins.append(f"{join} observations {ref.alias} ON " + " AND ".join(on))
    flag_lists = [
        f"string_split(coalesce({r.alias}.flags, ''), ',')" for r in compiled.refs if not r.optional
    ]
    title = "$title"
    if not compiled.choices:
        params["title"] = compiled.title()
    else:
        used, titles = [], []
        for i, choice in enumerate(compiled.choices):
            params[f"title{i}"] = compiled.title(choice)
            # a value on a later choice says so in its flags too: basis:<code>
            mark = f"concat({choice.alias}.flags, ',{BASIS}{choice.code}')" if i else None
            used.append(
                f"WHEN {choice.alias}.value IS NOT NULL THEN {mark or choice.alias + '.flags'}"
            )
            titles.append(f"WHEN {choice.alias}.value IS NOT NULL THEN $title{i}")
        flag_lists.append(f"string_split(coalesce(CASE {' '.join(used)} END, ''), ',')")
        title = f"CASE {' '.join(titles)} END"
    params["inherited"] = list(INHERITED_FLAGS)
    flags = (
        "array_to_string(list_sort(list_distinct(['derived'] || list_filter(flatten(["
        + ", ".join(flag_lists)
        + f"]), lambda f: list_contains($inherited, f) OR starts_with(f, '{BASIS}')))), ',')"
    )
    sql = (
        f"SELECT {anchor.alias}.unit_id, {anchor.alias}.year, {compiled.sql} AS value, "
        f"{flags} AS flags, {title} AS title "
        f"FROM {source} {' '.join(joins)} {where}"
    )
    return sql, params
