"""The PxWeb table mapping (data/pxweb_tables.toml), checked against a table's live metadata.

    mappings, areas = load_mappings(path, catalogue)
    plan = make_plan(mappings["IRS031"], client.metadata(path), since=2020)
    result = client.data(path, plan.selections)
    rows = tidy(plan, result.frame, areas)   # area, area_label, level, indicator, year, ...

``make_plan`` raises MappingMismatch (naming the table, dimension and code) for any difference
between the mapping and the metadata: a missing dimension or value, a dimension the mapping does
not name, a time dimension that is not in years. It never guesses.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from benchlearn.catalogue import Catalogue
from benchlearn.ingest.pxweb_client import TableMeta, Variable
from benchlearn.ingest.pxweb_errors import MappingMismatch

FORMAT = "pxweb_api"  # the catalogue's source format for a fetched table
TIDY_COLUMNS = ["area", "area_label", "level", "indicator", "year", "value", "status"]
_TABLE = re.compile(r"^[A-Z]{3}\d{3}[A-Za-z]?$")
_YEAR = re.compile(r"^\d{4}$")
_TABLE_KEYS = {
    "source",
    "path",
    "verified",
    "evidence",
    "area",
    "time",
    "fixed",
    "eliminate",
    "indicators",
    "intended",
}
_INDICATOR_KEYS = {"indicator", "codes", "labels", "optional"}


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
    codes: dict[str, str] = field(default_factory=dict)  # dimension -> value code
    labels: dict[str, str] = field(default_factory=dict)  # dimension -> value text
    optional: bool = False


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
    combos: dict[tuple[str, ...], str]  # value codes in `measures` order -> indicator
    missing: tuple[str, ...] = ()  # optional indicators the table no longer has


# -- loading ------------------------------------------------------------------------------------


def load_mappings(
    path: Path, catalogue: Catalogue | None = None
) -> tuple[dict[str, TableMapping], Areas]:
    """Read and check the mapping file; with a catalogue, check indicators and sources too."""
    if not path.is_file():
        raise MappingError(f"{path}: the PxWeb table mapping is missing")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path}: not valid TOML ({exc})") from exc
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
    path_text = str(body.get("path", "")).strip().strip("/")
    if path_text and path_text.rsplit("/", 1)[-1].upper() != code:
        raise MappingError(f"{where}: path {path_text!r} does not end in the table id {code}")
    fixed = body.get("fixed", {})
    if not isinstance(fixed, dict) or not fixed.keys() <= {"codes", "labels"}:
        raise MappingError(f"{where}: fixed takes codes = {{...}} and/or labels = {{...}}")
    indicators = tuple(_indicator(where, i, e) for i, e in enumerate(body.get("indicators", [])))
    seen = [m.indicator for m in indicators]
    if len(set(seen)) != len(seen):
        raise MappingError(f"{where}: an indicator is mapped twice: {seen}")
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
    )
    partial = [k for k in ("source", "area", "time", "indicators") if body.get(k)]
    if partial and not mapping.complete:
        missing = sorted({"source", "area", "time", "indicators"} - set(partial))
        raise MappingError(f"{where}: an incomplete mapping; it lacks {missing}")
    if not mapping.complete and not mapping.intended:
        raise MappingError(f"{where}: give the mapping, or say what is intended")
    return mapping


def _indicator(where: str, i: int, entry: Any) -> IndicatorMap:
    if not isinstance(entry, dict) or not isinstance(entry.get("indicator"), str):
        raise MappingError(f'{where}: indicators[{i}] needs indicator = "<catalogue code>"')
    unknown = entry.keys() - _INDICATOR_KEYS
    if unknown:
        raise MappingError(f"{where}: indicators[{i}] has unknown fields {sorted(unknown)}")
    codes = _pairs(f"{where} indicators[{i}].codes", entry.get("codes"))
    labels = _pairs(f"{where} indicators[{i}].labels", entry.get("labels"))
    if not codes and not labels:
        raise MappingError(f"{where}: indicators[{i}] selects nothing (codes or labels)")
    if codes.keys() & labels.keys():
        raise MappingError(f"{where}: indicators[{i}] names a dimension twice")
    return IndicatorMap(entry["indicator"], codes, labels, bool(entry.get("optional", False)))


def check_against_catalogue(
    path: Path, tables: dict[str, TableMapping], catalogue: Catalogue
) -> None:
    """Every mapped indicator exists; each is fetched from one table; sources are pxweb_api."""
    owner: dict[str, str] = {}
    for code, mapping in tables.items():
        if not mapping.complete:
            continue
        source = catalogue.sources.get(mapping.source)
        if source is None or source.format != FORMAT or source.table != code:
            raise MappingError(
                f"{path}: [tables.{code}] source {mapping.source!r} must be a catalogue source "
                f'with format = "{FORMAT}" and table = "{code}" in {catalogue.path}'
            )
        for entry in mapping.indicators:
            if entry.indicator not in catalogue.indicators:
                raise MappingError(
                    f"{path}: [tables.{code}] maps to {entry.indicator!r}, which is not in "
                    f"the catalogue {catalogue.path}"
                )
            if catalogue.indicators[entry.indicator].formula:
                raise MappingError(
                    f"{path}: [tables.{code}] maps to the derived indicator {entry.indicator!r}"
                )
            if entry.indicator in owner:
                raise MappingError(
                    f"{path}: {entry.indicator!r} is mapped from both {owner[entry.indicator]} "
                    f"and {code}; one indicator comes from one table"
                )
            owner[entry.indicator] = code


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


def _resolve(meta: TableMeta, codes: dict, labels: dict) -> dict[str, str]:
    """{dimension: value} given by code or text -> {dimension code: value code}."""
    out = {}
    for dim, value in codes.items():
        var = find_dimension(meta, dim)
        out[var.code] = _value_code(meta, var, value)
    for dim, text in labels.items():
        var = find_dimension(meta, dim)
        out[var.code] = find_value(meta, var, text)
    return out


def make_plan(mapping: TableMapping, meta: TableMeta, since: int | None = None) -> Plan:
    """Check `mapping` against `meta` and work out the query; MappingMismatch on any difference."""
    if not mapping.complete:
        raise MappingIncomplete(mapping, meta)
    area = mapping.area.find(meta)  # type: ignore[union-attr]
    time = mapping.time.find(meta)  # type: ignore[union-attr]
    years = [v for v in time.values if _YEAR.match(v)]
    if len(years) != len(time.values):
        odd = [v for v in time.values if not _YEAR.match(v)][:5]
        raise _mismatch(meta, time.code, tuple(odd), f"time values {odd} are not years.")
    if since is not None:
        years = [y for y in years if int(y) >= since]
        if not years:
            raise _mismatch(meta, time.code, (str(since),), f"no year from {since} on.")
    fixed = _resolve(meta, mapping.fixed_codes, mapping.fixed_labels)
    combos, missing, measures = _combos(mapping, meta)
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
    selections[time.code] = ("item", years) if since is not None else ("all", ["*"])
    selections.update({code: [value] for code, value in fixed.items()})
    for i, code in enumerate(measures):
        selections[code] = sorted({combo[i] for combo in combos})
    return Plan(
        mapping, meta, area.code, time.code, tuple(years), selections, measures, combos, missing
    )


def _combos(
    mapping: TableMapping, meta: TableMeta
) -> tuple[dict[tuple[str, ...], str], tuple[str, ...], tuple[str, ...]]:
    resolved: dict[str, dict[str, str]] = {}
    missing = []
    for entry in mapping.indicators:
        try:
            resolved[entry.indicator] = _resolve(meta, entry.codes, entry.labels)
        except MappingMismatch:
            if not entry.optional:
                raise
            missing.append(entry.indicator)
    if not resolved:
        raise _mismatch(meta, "", (), "none of the mapped indicators is in the table.")
    measures = tuple(sorted({dim for sel in resolved.values() for dim in sel}))
    combos: dict[tuple[str, ...], str] = {}
    for indicator, sel in resolved.items():
        if set(sel) != set(measures):
            raise MappingError(
                f"[tables.{mapping.table}] {indicator} selects {sorted(sel)} but other "
                f"indicators select {list(measures)}: every indicator must give a value for "
                "the same dimensions"
            )
        key = tuple(sel[d] for d in measures)
        if key in combos:
            raise MappingError(
                f"[tables.{mapping.table}] {combos[key]} and {indicator} select the same cells"
            )
        combos[key] = indicator
    return combos, tuple(missing), measures


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
    (NaN where CSP has none; `status` holds its marker); `level` from `areas`."""
    missing = [c for c in (plan.area, plan.time, *plan.measures) if c not in frame.columns]
    if missing:
        raise _mismatch(plan.meta, missing[0], tuple(missing), "the data lack dimensions.")
    if plan.measures:
        keys = list(zip(*(frame[c] for c in plan.measures), strict=True))
        indicator = pd.Series([plan.combos.get(k) for k in keys], index=frame.index)
    else:  # pragma: no cover - make_plan always has measures
        indicator = pd.Series(next(iter(plan.combos.values())), index=frame.index)
    kept = indicator.notna()
    status = frame["status"] if "status" in frame.columns else pd.Series(None, index=frame.index)
    out = pd.DataFrame(
        {
            "area": frame[plan.area].astype(str),
            "area_label": frame[f"{plan.area}_label"].astype(str).str.strip(),
            "level": frame[plan.area].astype(str).map(areas.level),
            "indicator": indicator,
            "year": frame[plan.time].astype(int),
            "value": frame["value"].astype("float64"),
            "status": status.where(status.notna(), None),
        }
    ).loc[kept]
    return out.sort_values(["indicator", "area", "year"]).reset_index(drop=True)[TIDY_COLUMNS]
