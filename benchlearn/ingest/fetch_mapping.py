"""The PxWeb table mapping (data/pxweb_tables.toml), checked against a table's live metadata.

    mappings, areas = load_mappings(path, catalogue)
    plan = make_plan(mappings["IRS031"], client.metadata(path), since=2020)
    result = client.data(path, plan.selections)
    rows = tidy(plan, result.frame, areas)   # area, area_label, level, indicator, year, ...

``make_plan`` raises MappingMismatch (naming the table, dimension and code) for any difference
between the mapping and the metadata: a missing dimension or value, a dimension the mapping does
not name, a time dimension that is not in years. It never guesses. ``check_mapping`` lists every
such difference of one table at once (`fetch --check`), each with the line of the mapping file
to change.

An indicator may be a sum of cells (an age group from single years: ``AGE = "Y0..Y6"``, a
range in the metadata's order whose ends may be patterns such as "Y_GE*", or a list of
codes); such values are flagged ``derived``.
"""

from __future__ import annotations

import difflib
import fnmatch
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from benchlearn.catalogue import Catalogue, read_toml
from benchlearn.ingest.pxweb_client import TableMeta, Variable
from benchlearn.ingest.pxweb_errors import MappingMismatch

FORMAT = "pxweb_api"  # the catalogue's source format for a fetched table
TIDY_COLUMNS = ["area", "area_label", "level", "indicator", "year", "value", "status", "flags"]
# Evidence grades of ../shared/data/pxweb/METADATA_SEEN.md, plus U: some code or text of the
# mapping is not shown there (inferred from CSP's other tables), to be confirmed by `--check`.
GRADES = ("A", "B", "C", "U")
FIRST_YEAR = 1990  # the build refuses earlier years (pxweb_csv.check_year)
SUMMED = "derived"  # flag of a value we added up from several published cells
PRE_REFORM = "pre2021"  # the boundary version of the 119 municipalities
_TABLE = re.compile(r"^[A-Z]{3}\d{3}[A-Za-z]?$")
_YEAR = re.compile(r"^\d{4}$")
_RANGE = ".."
_TABLE_KEYS = {
    "source",
    "path",
    "verified",
    "grade",
    "years",
    "evidence",
    "area",
    "time",
    "fixed",
    "eliminate",
    "indicators",
    "intended",
}
_INDICATOR_KEYS = {"indicator", "codes", "labels", "optional", "years"}


class MappingError(ValueError):
    """data/pxweb_tables.toml itself is inconsistent; the message names table and field."""


@dataclass(frozen=True)
class Areas:
    """Which AREA codes are the country and which may be local governments (LV + ATVK); the
    build places every other code (regions) by its name."""

    country: str = "LV"
    local_government: str = r"^LV\d{7}$"

    def level(self, code: str) -> str:
        """'country', 'local' (a candidate: the build checks the warehouse has it) or 'other'."""
        if code == self.country:
            return "country"
        return "local" if re.fullmatch(self.local_government, code) else "other"


@dataclass(frozen=True)
class DimRef:
    """A dimension named by its code or by its (English) text."""

    code: str | None = None
    label: str | None = None

    def __str__(self) -> str:
        return self.code if self.code else f'"{self.label}"'

    def find(self, meta: TableMeta) -> Variable:
        if self.code:
            return meta.variable(self.code)  # MappingMismatch naming the codes it has
        return find_dimension(meta, self.label or "")


@dataclass(frozen=True)
class IndicatorMap:
    indicator: str
    # dimension -> value code, or several (a list, or "FIRST..LAST" in metadata order): summed
    codes: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # dimension -> value text
    optional: bool = False
    years: tuple[int, int] | None = None  # only these years (an age band that moves in time)

    def in_years(self, year: int) -> bool:
        return self.years is None or self.years[0] <= year <= self.years[1]


@dataclass(frozen=True)
class TableMapping:
    table: str
    path: str
    source: str
    verified: bool
    evidence: str
    area: DimRef | None
    time: DimRef | None
    fixed_codes: dict[str, str]
    fixed_labels: dict[str, str]
    eliminate: tuple[str, ...]
    indicators: tuple[IndicatorMap, ...]
    intended: str = ""
    grade: str = "U"
    years: tuple[int, int] | None = None  # the table's years to fetch (pre-2021 tables)

    @property
    def complete(self) -> bool:
        """Whether the mapping says enough to fetch (otherwise it records intentions only)."""
        return bool(self.source and self.area and self.time and self.indicators)


@dataclass(frozen=True)
class Plan:
    """A mapping resolved against live metadata: the query to send and how to read it."""

    mapping: TableMapping
    meta: TableMeta
    area: str  # dimension codes
    time: str
    years: tuple[str, ...]  # TIME codes asked for
    selections: dict[str, Any]
    measures: tuple[str, ...]  # dimension codes whose values say which indicator a cell is
    cells: tuple[Cells, ...]  # which cells give which indicator
    missing: tuple[str, ...] = ()  # optional indicators the table no longer has


@dataclass(frozen=True)
class Cells:
    """One mapped indicator resolved against the metadata: value codes per measure dimension
    (several = summed), and the years it applies to."""

    indicator: str
    select: dict[str, tuple[str, ...]]
    years: tuple[int, int] | None = None

    @property
    def summed(self) -> bool:
        return any(len(codes) > 1 for codes in self.select.values())


# -- loading ------------------------------------------------------------------------------------


def load_mappings(
    path: Path, catalogue: Catalogue | None = None
) -> tuple[dict[str, TableMapping], Areas]:
    """Read and check the mapping file; with a catalogue, check indicators and sources too."""
    raw = read_toml(path, "the PxWeb table mapping", MappingError)
    areas = _areas(path, raw.get("areas", {}))
    tables = {code: _table(path, code, body) for code, body in raw.get("tables", {}).items()}
    if catalogue is not None:
        check_against_catalogue(path, tables, catalogue)
    return tables, areas


def _areas(path: Path, body: dict) -> Areas:
    unknown = body.keys() - {"country", "local_government"}
    if unknown:
        raise MappingError(f"{path}: [areas] has unknown fields {sorted(unknown)}")
    areas = Areas(
        country=str(body.get("country", Areas.country)),
        local_government=str(body.get("local_government", Areas.local_government)),
    )
    try:
        re.compile(areas.local_government)
    except re.error as exc:
        raise MappingError(f"{path}: [areas] local_government is not a pattern: {exc}") from exc
    return areas


def _dimref(where: str, value: Any) -> DimRef | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) != 1 or not value.keys() <= {"code", "label"}:
        raise MappingError(f'{where}: write {{ code = "AREA" }} or {{ label = "..." }}')
    return DimRef(code=value.get("code"), label=value.get("label"))


def _pairs(where: str, value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise MappingError(f"{where}: expected {{ <dimension> = <value> }} with text values")
    return dict(value)


def _table(path: Path, code: str, body: dict) -> TableMapping:
    where = f"{path}: [tables.{code}]"
    if not _TABLE.match(code):
        raise MappingError(f"{where}: a CSP table id looks like IRS031")
    unknown = body.keys() - _TABLE_KEYS
    if unknown:
        raise MappingError(f"{where} has unknown fields {sorted(unknown)}")
    if not isinstance(body.get("verified"), bool):
        raise MappingError(f"{where}: verified must be true or false")
    grade = body.get("grade", "U")
    if grade not in GRADES:
        raise MappingError(f"{where}: grade must be one of {', '.join(GRADES)}")
    if body["verified"] != (grade == "A"):
        raise MappingError(f"{where}: verified = true goes with grade A, and only with it")
    path_text = str(body.get("path", "")).strip().strip("/")
    if path_text and path_text.rsplit("/", 1)[-1].upper() != code:
        raise MappingError(f"{where}: path {path_text!r} does not end in the table id {code}")
    fixed = body.get("fixed", {})
    if not isinstance(fixed, dict) or not fixed.keys() <= {"codes", "labels"}:
        raise MappingError(f"{where}: fixed takes codes = {{...}} and/or labels = {{...}}")
    indicators = tuple(_indicator(where, i, e) for i, e in enumerate(body.get("indicators", [])))
    _check_twice(where, indicators)
    mapping = TableMapping(
        table=code,
        path=path_text,
        source=str(body.get("source", "")),
        verified=body["verified"],
        evidence=" ".join(str(body.get("evidence", "")).split()),
        area=_dimref(f"{where} area", body.get("area")),
        time=_dimref(f"{where} time", body.get("time")),
        fixed_codes=_pairs(f"{where} fixed.codes", fixed.get("codes")),
        fixed_labels=_pairs(f"{where} fixed.labels", fixed.get("labels")),
        eliminate=tuple(body.get("eliminate", ())),
        indicators=indicators,
        intended=str(body.get("intended", "")),
        grade=grade,
        years=_years(f"{where} years", body.get("years")),
    )
    partial = [k for k in ("source", "area", "time", "indicators") if body.get(k)]
    if partial and not mapping.complete:
        missing = sorted({"source", "area", "time", "indicators"} - set(partial))
        raise MappingError(f"{where}: an incomplete mapping; it lacks {missing}")
    if not mapping.complete and not mapping.intended:
        raise MappingError(f"{where}: give the mapping, or say what is intended")
    return mapping


def _years(where: str, value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    ok = isinstance(value, list) and len(value) == 2 and all(isinstance(y, int) for y in value)
    if not ok or not FIRST_YEAR <= value[0] <= value[1]:
        raise MappingError(f"{where}: write [first, last], years from {FIRST_YEAR}")
    return (value[0], value[1])


def _check_twice(where: str, indicators: tuple[IndicatorMap, ...]) -> None:
    """An indicator may be listed more than once only for years that do not overlap."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for entry in indicators:
        span = entry.years or (0, 9999)
        for lo, hi in spans.get(entry.indicator, []):
            if span[0] <= hi and lo <= span[1]:
                raise MappingError(f"{where}: {entry.indicator} is mapped twice for a year")
        spans.setdefault(entry.indicator, []).append(span)


def _codes(where: str, value: Any) -> dict[str, str | tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MappingError(f"{where}: expected {{ <dimension> = <code> or [<codes>] }}")
    out: dict[str, str | tuple[str, ...]] = {}
    for dim, code in value.items():
        if isinstance(code, list) and code and all(isinstance(c, str) for c in code):
            out[dim] = tuple(code)
        elif isinstance(code, str) and code:
            out[dim] = code
        else:
            raise MappingError(f"{where}: {dim} needs a code, a list of codes or FIRST..LAST")
    return out


def _indicator(where: str, i: int, entry: Any) -> IndicatorMap:
    if not isinstance(entry, dict) or not isinstance(entry.get("indicator"), str):
        raise MappingError(f'{where}: indicators[{i}] needs indicator = "<catalogue code>"')
    unknown = entry.keys() - _INDICATOR_KEYS
    if unknown:
        raise MappingError(f"{where}: indicators[{i}] has unknown fields {sorted(unknown)}")
    codes = _codes(f"{where} indicators[{i}].codes", entry.get("codes"))
    labels = _pairs(f"{where} indicators[{i}].labels", entry.get("labels"))
    if not codes and not labels:
        raise MappingError(f"{where}: indicators[{i}] selects nothing (codes or labels)")
    if codes.keys() & labels.keys():
        raise MappingError(f"{where}: indicators[{i}] names a dimension twice")
    years = _years(f"{where} indicators[{i}].years", entry.get("years"))
    optional = bool(entry.get("optional", False))
    return IndicatorMap(entry["indicator"], codes, labels, optional, years)


def check_against_catalogue(
    path: Path, tables: dict[str, TableMapping], catalogue: Catalogue
) -> None:
    """Every mapped indicator exists; each is fetched from one table (plus, for the years
    before the 2021 reform, one table on the 119 units); sources are pxweb_api."""
    owner: dict[tuple[str, bool], str] = {}
    for code, mapping in tables.items():
        if not mapping.complete:
            continue
        source = catalogue.sources.get(mapping.source)
        if source is None or source.format != FORMAT or source.table != code:
            raise MappingError(
                f"{path}: [tables.{code}] source {mapping.source!r} must be a catalogue source "
                f'with format = "{FORMAT}" and table = "{code}" in {catalogue.path}'
            )
        pre = is_pre_reform(source.versions)
        for entry in {e.indicator: e for e in mapping.indicators}.values():
            if entry.indicator not in catalogue.indicators:
                raise MappingError(
                    f"{path}: [tables.{code}] maps to {entry.indicator!r}, which is not in "
                    f"the catalogue {catalogue.path}"
                )
            if catalogue.indicators[entry.indicator].formula:
                raise MappingError(
                    f"{path}: [tables.{code}] maps to the derived indicator {entry.indicator!r}"
                )
            key = (entry.indicator, pre)
            if key in owner:
                raise MappingError(
                    f"{path}: {entry.indicator!r} is mapped from both {owner[key]} "
                    f"and {code}; one indicator comes from one table"
                )
            owner[key] = code


def is_pre_reform(versions: list[str]) -> bool:
    """A table on the 119 municipalities before the 2021 reform: its figures reach the 43
    only by harmonisation, and yield to a table on today's units where both give one."""
    return PRE_REFORM in versions and not {"lg2021", "lg2025"} & set(versions)


# -- checking against live metadata -----------------------------------------------------------


def _mismatch(meta: TableMeta, dimension: str, codes: tuple[str, ...], message: str):
    return MappingMismatch(
        f"Table {meta.table} ({meta.path}): {message} Compare the table's metadata with "
        "data/pxweb_tables.toml and update the mapping.",
        table=meta.table,
        dimension=dimension,
        codes=codes,
    )


def find_dimension(meta: TableMeta, name: str) -> Variable:
    """The dimension whose code or else whose text is exactly `name` (spacing aside)."""
    for var in meta.variables:
        if var.code == name:
            return var
    wanted = " ".join(name.split())
    found = [v for v in meta.variables if " ".join(v.text.split()) == wanted]
    if len(found) == 1:
        return found[0]
    shown = ", ".join(f'{v.code} "{v.text}"' for v in meta.variables)
    raise _mismatch(meta, name, (name,), f"no dimension named {name!r}; it has {shown}.")


def find_value(meta: TableMeta, var: Variable, text: str) -> str:
    """The code of the value whose text is exactly `text` (spacing aside) in `var`."""
    wanted = " ".join(text.split())
    found = [
        code
        for code, label in zip(var.values, var.value_texts, strict=True)
        if " ".join(label.split()) == wanted
    ]
    if len(found) == 1:
        return found[0]
    pairs = list(zip(var.values, var.value_texts, strict=True))[:8]
    shown = ", ".join(f'{c} "{t}"' for c, t in pairs)
    problem = "several values" if found else "no value"
    raise _mismatch(
        meta, var.code, (text,), f'dimension {var.code} has {problem} "{text}" (it has {shown}).'
    )


def _value_code(meta: TableMeta, var: Variable, code: str) -> str:
    if code not in var.values:
        shown = ", ".join(var.values[:8])
        message = f"dimension {var.code} has no code {code!r} ({shown})."
        raise _mismatch(meta, var.code, (code,), message)
    return code


def _value_codes(meta: TableMeta, var: Variable, value: str | tuple[str, ...]) -> tuple[str, ...]:
    """One code, a list of codes, or FIRST..LAST (inclusive, in the metadata's order)."""
    if isinstance(value, tuple):
        return tuple(_value_code(meta, var, code) for code in value)
    if _RANGE not in value:
        return (_value_code(meta, var, value),)
    first, last = (_range_end(meta, var, c) for c in value.split(_RANGE, 1))
    i, j = var.values.index(first), var.values.index(last)
    if j < i:
        raise _mismatch(meta, var.code, (value,), f"range {value} runs backwards in {var.code}.")
    return var.values[i : j + 1]


def _range_end(meta: TableMeta, var: Variable, end: str) -> str:
    """A code, or a pattern such as "Y_GE*" (the open age class, whose first age the mapping
    need not know) that must match exactly one code."""
    if "*" not in end:
        return _value_code(meta, var, end)
    found = [v for v in var.values if fnmatch.fnmatchcase(v, end)]
    if len(found) != 1:
        message = f"dimension {var.code}: {end!r} matches {len(found)} codes, not one."
        raise _mismatch(meta, var.code, (end,), message)
    return found[0]


def _resolve(meta: TableMeta, codes: dict, labels: dict) -> dict[str, tuple[str, ...]]:
    """{dimension: value(s)} given by code or text -> {dimension code: value codes}."""
    out = {}
    for dim, value in codes.items():
        var = find_dimension(meta, dim)
        out[var.code] = _value_codes(meta, var, value)
    for dim, text in labels.items():
        var = find_dimension(meta, dim)
        out[var.code] = (find_value(meta, var, text),)
    return out


def plan_years(mapping: TableMapping, time: Variable, since: int | None) -> list[str]:
    """The time codes to ask for: the table's own window, --since, and none before 1990."""
    lo = max(FIRST_YEAR, since or FIRST_YEAR, mapping.years[0] if mapping.years else FIRST_YEAR)
    hi = mapping.years[1] if mapping.years else 9999
    return [y for y in time.values if lo <= int(y) <= hi]


def make_plan(mapping: TableMapping, meta: TableMeta, since: int | None = None) -> Plan:
    """Check `mapping` against `meta` and work out the query; MappingMismatch on any difference."""
    if not mapping.complete:
        raise MappingIncomplete(mapping, meta)
    area = mapping.area.find(meta)  # type: ignore[union-attr]
    time = mapping.time.find(meta)  # type: ignore[union-attr]
    odd = [v for v in time.values if not _YEAR.match(v)][:5]
    if odd:
        raise _mismatch(meta, time.code, tuple(odd), f"time values {odd} are not years.")
    years = plan_years(mapping, time, since)
    if not years:
        first = since or (mapping.years[0] if mapping.years else FIRST_YEAR)
        raise _mismatch(meta, time.code, (str(first),), f"no year from {first} on.")
    fixed = {d: v[0] for d, v in _resolve(meta, mapping.fixed_codes, mapping.fixed_labels).items()}
    cells, missing, measures = _cells(mapping, meta)
    named = {area.code, time.code, *fixed, *measures}
    for code in mapping.eliminate:
        var = meta.variable(code)
        if not var.elimination:
            raise _mismatch(meta, code, (code,), f"dimension {code} cannot be left out.")
        named.add(code)
    extra = [v for v in meta.variables if v.code not in named]
    if extra:
        shown = "; ".join(f'{v.code} "{v.text}" ({len(v.values)} values)' for v in extra)
        codes = tuple(v.code for v in extra)
        raise _mismatch(meta, extra[0].code, codes, f"dimensions not in the mapping: {shown}.")
    clash = {area.code, time.code} & ({*fixed} | set(measures))
    if clash:
        raise _mismatch(meta, sorted(clash)[0], tuple(clash), "area/time also used as a selection.")
    selections: dict[str, Any] = {area.code: ("all", ["*"])}
    whole = len(years) == len(time.values)
    selections[time.code] = ("all", ["*"]) if whole else ("item", years)
    selections.update({code: [value] for code, value in fixed.items()})
    for code in measures:
        wanted = {c for cell in cells for c in cell.select[code]}
        selections[code] = [v for v in meta.variable(code).values if v in wanted]
    return Plan(
        mapping, meta, area.code, time.code, tuple(years), selections, measures, cells, missing
    )


def _cells(
    mapping: TableMapping, meta: TableMeta
) -> tuple[tuple[Cells, ...], tuple[str, ...], tuple[str, ...]]:
    resolved: list[Cells] = []
    missing = []
    for entry in mapping.indicators:
        try:
            select = _resolve(meta, entry.codes, entry.labels)
        except MappingMismatch:
            if not entry.optional:
                raise
            missing.append(entry.indicator)
            continue
        resolved.append(Cells(entry.indicator, select, entry.years))
    if not resolved:
        raise _mismatch(meta, "", (), "none of the mapped indicators is in the table.")
    measures = tuple(sorted({dim for cell in resolved for dim in cell.select}))
    seen: dict[tuple, Cells] = {}
    for cell in resolved:
        if set(cell.select) != set(measures):
            raise MappingError(
                f"[tables.{mapping.table}] {cell.indicator} selects {sorted(cell.select)} but "
                f"other indicators select {list(measures)}: every indicator must give a value "
                "for the same dimensions"
            )
        # the same cells for all years is a slip; a moving band may equal a fixed one a while
        key = (tuple(cell.select[d] for d in measures), cell.years)
        other = seen.get(key)
        if other and other.indicator != cell.indicator:
            raise MappingError(
                f"[tables.{mapping.table}] {other.indicator} and {cell.indicator} select the "
                "same cells"
            )
        seen[key] = cell
    return tuple(resolved), tuple(missing), measures


class MappingIncomplete(MappingMismatch):
    """The table's mapping records intentions only; the message shows the live metadata."""

    def __init__(self, mapping: TableMapping, meta: TableMeta):
        super().__init__(
            f"Table {mapping.table} ({meta.path}) has no complete mapping in "
            f"data/pxweb_tables.toml yet (intended: {mapping.intended or '-'}). Its live "
            f"metadata, to write the mapping from:\n{describe(meta)}",
            table=mapping.table,
        )


def describe(meta: TableMeta, examples: int = 6) -> str:
    """The metadata in a few lines: each dimension's code, text, size and first values."""
    lines = [f"  title: {meta.title}"]
    for var in meta.variables:
        pairs = list(zip(var.values, var.value_texts, strict=True))
        shown = ", ".join(f'{c} "{t}"' for c, t in pairs[:examples])
        more = f", ... ({len(pairs)} values)" if len(pairs) > examples else ""
        flags = " [can be left out]" if var.elimination else ""
        lines.append(f'  {var.code} "{var.text}"{flags}: {shown}{more}')
    return "\n".join(lines)


# -- reading the data -----------------------------------------------------------------------------


def tidy(plan: Plan, frame: pd.DataFrame, areas: Areas) -> pd.DataFrame:
    """The client's frame -> one row per (area, indicator, year): TIDY_COLUMNS, values as given
    (NaN where CSP has none; `status` holds its marker); `level` from `areas`. A summed
    indicator has a value only when every cell it adds up has one, and the flag `derived`."""
    missing = [c for c in (plan.area, plan.time, *plan.measures) if c not in frame.columns]
    if missing:
        raise _mismatch(plan.meta, missing[0], tuple(missing), "the data lack dimensions.")
    frame = frame.assign(
        _year=frame[plan.time].astype(int),
        status=frame["status"] if "status" in frame.columns else None,
    )
    parts = []
    for cell in plan.cells:
        mask = pd.Series(True, index=frame.index)
        if cell.years:
            mask &= frame["_year"].between(*cell.years)
        for dim, codes in cell.select.items():
            mask &= frame[dim].isin(codes)
        sub = frame.loc[mask]
        keys = [plan.area, "_year"]
        if not cell.summed:
            got = sub[[*keys, f"{plan.area}_label", "value", "status"]].assign(flags="")
        else:
            needed = math.prod(len(codes) for codes in cell.select.values())
            grouped = sub.groupby(keys, sort=False)
            got = grouped.agg(
                label=(f"{plan.area}_label", "first"),
                value=("value", "sum"),
                present=("value", "count"),
                status=("status", "first"),
            ).reset_index()
            complete = got["present"] == needed
            got["value"] = got["value"].where(complete)
            got["status"] = got["status"].where(~complete & got["status"].notna(), None)
            got.loc[~complete & got["status"].isna(), "status"] = ".."
            got = got.rename(columns={"label": f"{plan.area}_label"}).assign(flags=SUMMED)
        parts.append(got.assign(indicator=cell.indicator))
    rows = pd.concat(parts, ignore_index=True)
    out = pd.DataFrame(
        {
            "area": rows[plan.area].astype(str),
            "area_label": rows[f"{plan.area}_label"].astype(str).str.strip(),
            "level": rows[plan.area].astype(str).map(areas.level),
            "indicator": rows["indicator"],
            "year": rows["_year"].astype(int),
            "value": rows["value"].astype("float64"),
            "status": rows["status"].where(rows["status"].notna(), None),
            "flags": rows["flags"],
        }
    )
    return out.sort_values(["indicator", "area", "year"]).reset_index(drop=True)[TIDY_COLUMNS]


# -- fetch --check: every difference of one table, with the line to change ------------------------


@dataclass(frozen=True)
class Finding:
    """One difference between a table's mapping and its live metadata."""

    dimension: str
    message: str
    line: int = 0  # in the mapping file (0: not found)
    old: str = ""
    new: str = ""  # the line as it should read; "" when no value is close enough to propose


def check_mapping(mapping: TableMapping, meta: TableMeta, text: str) -> list[Finding]:
    """Every difference between `mapping` and `meta` (not only the first, as make_plan stops
    at), each with the line of the mapping file `text` to change and, where the metadata has
    a close match, the line as it should read."""
    section = _section(text, mapping.table)
    findings: list[Finding] = []
    named: set[str] = set()

    def dim(name: str, wrap: str) -> Variable | None:
        try:
            var = find_dimension(meta, name)
        except MappingMismatch as exc:
            options = [v.code for v in meta.variables] + [v.text for v in meta.variables]
            findings.append(_finding(section, name, str(exc), name, options, wrap))
            return None
        named.add(var.code)
        return var

    for ref, key in ((mapping.area, "area"), (mapping.time, "time")):
        if ref is not None:
            kind = "code" if ref.code else "label"
            dim(ref.code or ref.label or "", f'{key} = {{{{ {kind} = "{{}}"')
    pairs = [(mapping.fixed_codes, True), (mapping.fixed_labels, False)]
    pairs += [(e.codes, True) for e in mapping.indicators]
    pairs += [(e.labels, False) for e in mapping.indicators]
    for selection, by_code in pairs:
        for name, value in selection.items():
            var = dim(name, "{} = " if _key(name) == name else '"{}" = ')
            if var is None:
                continue
            try:
                if by_code:
                    _value_codes(meta, var, value)
                else:
                    find_value(meta, var, value)
            except MappingMismatch as exc:
                wanted = exc.codes[0] if exc.codes else str(value)
                options = list(var.values if by_code else var.value_texts)
                findings.append(_finding(section, var.code, str(exc), wanted, options))
    for code in mapping.eliminate:
        var = dim(code, '"{}"')
        if var is not None and not var.elimination:
            findings.append(_finding(section, code, f"{code} cannot be left out", code, []))
    for var in meta.variables:
        if var.code not in named:
            shown = ", ".join(
                f'{c} "{t}"' for c, t in list(zip(var.values, var.value_texts, strict=True))[:4]
            )
            message = (
                f'dimension {var.code} "{var.text}" is not in the mapping: fix one value '
                f"({shown} ...) or eliminate it"
            )
            findings.append(Finding(var.code, message))
    return list(dict.fromkeys(findings))


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_]+", name) else f'"{name}"'


def _section(text: str, table: str) -> list[tuple[int, str]]:
    lines = text.splitlines()
    start = next((i for i, x in enumerate(lines) if x.strip() == f"[tables.{table}]"), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    return [(i + 1, lines[i]) for i in range(start, end)]


def _finding(
    section: list[tuple[int, str]],
    dimension: str,
    message: str,
    token: str,
    options: list,
    wrap: str = '"{}"',
) -> Finding:
    """The first line of the table's section holding `token` written as `wrap`, and that line
    with it replaced by the closest text the metadata has."""
    message = message.split(" Compare the table's metadata")[0]
    message = re.sub(r"^Table \S+ \([^)]*\): ", "", message)
    for written in (wrap.format(token), token):  # the bare token: an end of a FIRST..LAST range
        for number, line in section:
            if written in line:
                close = difflib.get_close_matches(token, [str(o) for o in options], n=1)
                new = line.replace(written, written.replace(token, close[0]), 1) if close else ""
                return Finding(dimension, message, number, line, new)
    return Finding(dimension, message)
