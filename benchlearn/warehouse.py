"""Build the DuckDB warehouse from the sources into a new file, check it, then swap it in.

A reader never sees half a database: the old file stays in place (and readable) until the
new one has been written, validated and closed; a failed build deletes only its own file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pandas as pd

from benchlearn.catalogue import Catalogue, load_catalogue
from benchlearn.formulas import derived_sql
from benchlearn.ingest.boundaries import PRECISION_DEG, TOLERANCE_M, Territory, build_territory
from benchlearn.ingest.contributed import (
    CONTRIBUTED_SCHEMA,
    default_contributed_dir,
    merge_contributed,
    read_contributed,
    with_contributed_indicators,
)
from benchlearn.ingest.crosswalk import Crosswalk
from benchlearn.ingest.fetch_mapping import FORMAT as FETCHED_FORMAT
from benchlearn.ingest.fetched import (
    FETCH_SCHEMA,
    Fetched,
    credit_sources,
    fetched_observations,
    merge_fetched,
    read_fetched,
    restrict_catalogue,
    revisions_with_units,
)
from benchlearn.ingest.harmonise import SOURCE_ID as HARMONISED
from benchlearn.ingest.harmonise import harmonise
from benchlearn.ingest.observations import (
    OBS_COLUMNS,
    geometry_observations,
    load_source,
    merge_sources,
)
from benchlearn.logic.groups import POPULATION_BASIS, build_groups

SCHEMA_VERSION = "2"  # 2: observations.parts, unit_codes, reform_parts, harmonisation
EXPECTED_UNITS = {
    "lg2021": 43,
    "lg2025": 42,
    "pre2021": 119,
    "parish2021": 592,
    "parish2025": 592,
    "nuts2021": 6,
    "sr2024": 5,
    "country": 1,
}

SCHEMA = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE boundary_versions (
    version VARCHAR PRIMARY KEY, level VARCHAR NOT NULL, label_lv VARCHAR, label_en VARCHAR,
    valid_from DATE, valid_to DATE, unit_count INTEGER, has_boundaries BOOLEAN,
    sort_order INTEGER);
CREATE TABLE units (
    unit_id VARCHAR PRIMARY KEY, atvk VARCHAR, iso_3166_2 VARCHAR, kind VARCHAR NOT NULL,
    name_lv VARCHAR NOT NULL, name_en VARCHAR NOT NULL, nuts3_code VARCHAR, area_km2 DOUBLE,
    parishes INTEGER, towns INTEGER, label_lon DOUBLE, label_lat DOUBLE,
    valid_from DATE, valid_to DATE);
CREATE TABLE unit_versions (
    version VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, parent_id VARCHAR,
    PRIMARY KEY (version, unit_id));
CREATE TABLE boundaries (
    version VARCHAR PRIMARY KEY, geojson VARCHAR NOT NULL, bytes INTEGER, features INTEGER,
    tolerance_m DOUBLE, precision_deg DOUBLE);
CREATE TABLE themes (code VARCHAR PRIMARY KEY, name_lv VARCHAR, name_en VARCHAR,
    sort_order INTEGER);
CREATE TABLE sources (
    source_id VARCHAR PRIMARY KEY, path VARCHAR, format VARCHAR, publisher VARCHAR,
    table_code VARCHAR, title VARCHAR, url VARCHAR, retrieved VARCHAR, flags VARCHAR,
    bytes BIGINT, sha256 VARCHAR, rows_read INTEGER, values_loaded INTEGER,
    not_available INTEGER, ignored INTEGER, corroborated INTEGER);
CREATE TABLE indicators (
    code VARCHAR PRIMARY KEY, name_lv VARCHAR NOT NULL, name_en VARCHAR NOT NULL,
    unit_lv VARCHAR, unit_en VARCHAR, definition_lv VARCHAR, definition_en VARCHAR,
    theme VARCHAR, direction VARCHAR, decimals INTEGER, kind VARCHAR, formula VARCHAR,
    inputs VARCHAR[], timeless BOOLEAN, per_capita VARCHAR, source_ids VARCHAR[],
    source_tables VARCHAR, sort_order INTEGER);
CREATE TABLE observations (
    unit_id VARCHAR NOT NULL, indicator VARCHAR NOT NULL, year INTEGER NOT NULL,
    value DOUBLE NOT NULL, flags VARCHAR, source_id VARCHAR NOT NULL, source_file VARCHAR,
    source_line INTEGER, source_title VARCHAR, source_url VARCHAR, retrieved VARCHAR,
    parts VARCHAR, PRIMARY KEY (unit_id, indicator, year));
CREATE TABLE unit_codes (code VARCHAR NOT NULL, unit_id VARCHAR NOT NULL,
    version VARCHAR NOT NULL, PRIMARY KEY (code, version));
CREATE TABLE reform_parts (reform DATE NOT NULL, unit_id VARCHAR NOT NULL,
    part_id VARCHAR NOT NULL, share DOUBLE, whole BOOLEAN, PRIMARY KEY (unit_id, part_id));
CREATE TABLE harmonisation (indicator VARCHAR NOT NULL, year INTEGER NOT NULL,
    unit_id VARCHAR NOT NULL, status VARCHAR NOT NULL, parts VARCHAR, missing VARCHAR,
    PRIMARY KEY (indicator, year, unit_id));
CREATE TABLE report_coverage (
    indicator VARCHAR PRIMARY KEY, n_values INTEGER, units INTEGER, municipalities INTEGER,
    years VARCHAR, first_year INTEGER, last_year INTEGER);
CREATE TABLE report_missing (indicator VARCHAR, unit_id VARCHAR,
    PRIMARY KEY (indicator, unit_id));
"""


def is_current(path: Path) -> bool:
    """Whether `path` is a warehouse of this code's schema (else `make run` rebuilds it)."""
    if not path.is_file():
        return False
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        return False
    return row is not None and row[0] == SCHEMA_VERSION


class BuildError(RuntimeError):
    """The new database failed a check; the previous one was left in place."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    seconds: float
    report: str


def build(
    sources_dir: Path,
    target: Path,
    catalogue_path: Path,
    progress=print,
    fetched_dir: Path | None = None,
    contributed_dir: Path | None = None,
) -> BuildResult:
    """Read every source, write a new database beside `target`, validate, then swap it in.

    `fetched_dir`: tables fetched from CSP's PxWeb API (see ingest.fetched), loaded too.
    `contributed_dir`: approved municipal contributions (ingest.contributed; default
    data/contributed/, so every build, a fetch's included, keeps them). One build at a time
    per target (build_lock)."""
    with build_lock(target):
        return _build(sources_dir, target, catalogue_path, progress, fetched_dir, contributed_dir)


_held = threading.local()


@contextlib.contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Builds of one warehouse one after another, across threads and processes (an
    approval holds it from reading the contributions to swapping them in, so two approvals
    at once both end up in the warehouse). Re-entrant within a thread."""
    depth = getattr(_held, "depth", 0)
    if depth:
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    # in the temporary directory, not beside the warehouse: nothing is left next to it
    digest = hashlib.sha256(str(target.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"benchlearn-build-{digest}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(sources_dir, target, catalogue_path, progress, fetched_dir, contributed_dir):
    started = time.perf_counter()
    progress(f"Sources: {sources_dir}")
    fetched = read_fetched(fetched_dir)  # fetched tables (issue 5)
    catalogue = restrict_catalogue(load_catalogue(catalogue_path), fetched)
    progress(f"Catalogue: {len(catalogue.indicators)} indicators, {len(catalogue.sources)} sources")
    territory = build_territory(sources_dir)
    progress(f"Units: {territory.members['version'].value_counts().to_dict()}")
    crosswalk = Crosswalk(territory.units, territory.members, territory.versions, territory.codes)
    frames, reports = [], {}
    for source in catalogue.sources.values():
        if source.format == FETCHED_FORMAT:
            continue  # read from the fetched directory below
        obs, report = load_source(source, sources_dir, catalogue, crosswalk)
        frames.append(obs)
        reports[source.id] = report
        progress(f"  {source.path}: {len(obs)} values ({report.not_available} not available)")
    exclusive = frozenset(s.id for s in catalogue.sources.values() if s.format == "facts_csv")
    observations = merge_sources(
        [*frames, geometry_observations(territory.units)], reports, exclusive
    )
    observations, fetch_tables, catalogue = _merge_fetched(
        fetched, catalogue, territory, crosswalk, observations, reports, progress
    )
    names = dict(zip(territory.units["unit_id"], territory.units["name_lv"], strict=True))
    reports_h = []
    for _, parts in territory.parts.groupby("reform"):  # 2021 first: 2025 builds on it
        constructed, report = harmonise(observations, parts, catalogue.additive, names)
        observations = pd.concat([observations, constructed], ignore_index=True)
        reports_h.append(report)
    harmonised = pd.concat(reports_h, ignore_index=True)
    constructed = observations[observations["source_id"] == HARMONISED]
    contributed = read_contributed(contributed_dir or default_contributed_dir())
    catalogue = with_contributed_indicators(catalogue, contributed)
    observations, contributed_table = merge_contributed(
        observations, contributed, catalogue, names, reports
    )
    if len(contributed_table):
        progress(f"Contributed (approved): {len(contributed_table)} values")
    progress(
        f"Harmonised across the reforms: {len(constructed)} values constructed, "
        f"{int((harmonised['status'] != 'constructed').sum())} left out (parts missing or split)"
    )

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f"{target.name}.building-{os.getpid()}")
    staging.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(staging)) as con:
            _write(con, catalogue, territory, observations, reports, sources_dir)
            _insert(con, "harmonisation", harmonised)
            _write_fetched(con, fetch_tables)
            con.execute(CONTRIBUTED_SCHEMA)
            if len(contributed_table):
                _insert(con, "contributed_values", contributed_table)
            _derive(con, catalogue, progress)
            _write_groups(con, progress)
            _report(con)
            validate(con)
            report = build_report(con)
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    progress(report)
    progress(f"Built {target} in {seconds:.1f} s ({target.stat().st_size / 1e6:.1f} MB)")
    return BuildResult(target, seconds, report)


def _write(
    con: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    territory: Territory,
    observations: pd.DataFrame,
    reports: dict,
    sources_dir: Path,
) -> None:
    con.execute(SCHEMA)
    counts = territory.members["version"].value_counts()
    versions = pd.DataFrame(
        [
            {
                **asdict(v),
                "unit_count": int(counts.get(v.code, 0)),
                "has_boundaries": v.code in territory.layers,
                "sort_order": i,
            }
            for i, v in enumerate(territory.versions)
        ]
    ).rename(columns={"code": "version"})
    _insert(con, "boundary_versions", versions)
    _insert(con, "units", territory.units.drop(columns=["aliases", "parent_id"]))
    _insert(con, "unit_versions", territory.members)
    layers = pd.DataFrame(
        [
            {
                "version": v,
                "geojson": text,
                "bytes": len(text.encode()),
                "features": len(json.loads(text)["features"]),
                "tolerance_m": TOLERANCE_M,
                "precision_deg": PRECISION_DEG,
            }
            for v, text in territory.layers.items()
        ]
    )
    _insert(con, "boundaries", layers)
    themes = pd.DataFrame(
        [
            {
                "code": c,
                "name_lv": t["name_lv"],
                "name_en": t["name_en"],
                "sort_order": t.get("order", 0),
            }
            for c, t in catalogue.themes.items()
        ]
    )
    _insert(con, "themes", themes)
    _insert(con, "sources", _sources_frame(catalogue, reports))
    _insert(con, "indicators", _indicators_frame(catalogue))
    _insert(con, "unit_codes", territory.codes)
    _insert(con, "reform_parts", territory.parts)
    obs = observations.sort_values(["indicator", "year", "unit_id"])
    _insert(
        con, "observations", obs[[*OBS_COLUMNS, "parts"]] if "parts" in obs else obs[OBS_COLUMNS]
    )
    meta = {
        "schema_version": SCHEMA_VERSION,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sources_dir": str(sources_dir.resolve()),
        "catalogue": str(catalogue.path),
        "duckdb_version": duckdb.__version__,
    }
    _insert(con, "meta", pd.DataFrame({"key": list(meta), "value": list(meta.values())}))


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("incoming", frame)
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming")
    con.unregister("incoming")


def _sources_frame(catalogue: Catalogue, reports: dict) -> pd.DataFrame:
    rows = []
    for sid, source in catalogue.sources.items():
        report = reports[sid]
        rows.append(
            {
                "source_id": sid,
                "path": source.path,
                "format": source.format,
                "publisher": source.publisher,
                "table_code": source.table,
                "title": source.title,
                "url": source.url,
                "retrieved": source.retrieved,
                "flags": source.flags,
                "bytes": report.bytes,
                "sha256": report.sha256,
                "rows_read": report.rows_read,
                "values_loaded": report.values_loaded,
                "not_available": report.not_available,
                "ignored": report.ignored,
                "corroborated": report.corroborated,
            }
        )
    return pd.DataFrame(rows)


def _indicators_frame(catalogue: Catalogue) -> pd.DataFrame:
    rows = []
    for order, (code, ind) in enumerate(catalogue.indicators.items()):
        source_ids = sorted({m["source"] for m in ind.maps})
        tables = sorted({catalogue.sources[s].table for s in source_ids} - {""})
        kind = "derived" if ind.formula else "geometry" if ind.timeless else "source"
        kind = "contributed" if ind.contributed else kind
        compiled = catalogue.compiled.get(code)
        rows.append(
            {
                "code": code,
                "name_lv": ind.name_lv,
                "name_en": ind.name_en,
                "unit_lv": ind.unit_lv,
                "unit_en": ind.unit_en,
                "definition_lv": ind.definition_lv,
                "definition_en": ind.definition_en,
                "theme": ind.theme,
                "direction": ind.direction,
                "decimals": ind.decimals,
                "kind": kind,
                "formula": ind.formula,
                "inputs": compiled.inputs if compiled else [],
                "timeless": ind.timeless,
                "per_capita": ind.per_capita,
                "source_ids": source_ids,
                "source_tables": ", ".join(tables),
                "sort_order": order,
            }
        )
    return pd.DataFrame(rows)


def _derive(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, progress) -> None:
    """Derived indicators in dependency order, each from values already in the table."""
    for code, compiled in catalogue.compiled.items():
        select, params = derived_sql(compiled, catalogue.timeless)
        con.execute(
            f"""INSERT INTO observations
                SELECT d.unit_id, $code, d.year, d.value, d.flags, 'derived', NULL, NULL,
                       d.title, NULL, NULL, NULL
                FROM ({select}) d WHERE d.value IS NOT NULL AND isfinite(d.value)""",
            {**params, "code": code},
        )
    total = con.execute("SELECT count(*) FROM observations WHERE source_id = 'derived'").fetchone()
    progress(f"Derived: {len(catalogue.compiled)} indicators, {total[0]} values")


# --- comparison groups (issue 4): fixed groups and their members per boundary version ---
GROUPS_SCHEMA = """
CREATE TABLE groups (
    code VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL CHECK (kind IN ('fixed', 'user')),
    name_lv VARCHAR NOT NULL, name_en VARCHAR NOT NULL, definition_lv VARCHAR,
    definition_en VARCHAR, sort_order INTEGER);
CREATE TABLE group_members (
    group_code VARCHAR NOT NULL, version VARCHAR NOT NULL, unit_id VARCHAR NOT NULL,
    basis_indicator VARCHAR, basis_year INTEGER, basis_value DOUBLE, basis_flags VARCHAR,
    PRIMARY KEY (group_code, version, unit_id));
"""


def _write_groups(con: duckdb.DuckDBPyConnection, progress) -> None:
    """Groups from the units and population figures already in the new database."""
    units = con.execute(
        "SELECT m.version, u.unit_id, u.kind, u.nuts3_code, u.name_lv, u.name_en "
        "FROM unit_versions m JOIN units u USING (unit_id)"
    ).df()
    population = con.execute(
        "SELECT unit_id, indicator, year, value, flags FROM observations "
        "WHERE list_contains($codes, indicator)",
        {"codes": list(POPULATION_BASIS)},
    ).df()
    groups, members = build_groups(units, population)
    con.execute(GROUPS_SCHEMA)
    _insert(con, "groups", groups)
    _insert(con, "group_members", members)
    progress(f"Groups: {len(groups)} fixed groups, {len(members)} memberships")


def _report(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        INSERT INTO report_coverage
        WITH lg AS (SELECT unit_id FROM unit_versions WHERE version = 'lg2021')
        SELECT i.code, count(o.value), count(DISTINCT o.unit_id),
               count(DISTINCT o.unit_id) FILTER (WHERE o.unit_id IN (SELECT unit_id FROM lg)),
               coalesce(string_agg(DISTINCT o.year::VARCHAR, ', ' ORDER BY o.year::VARCHAR),
                        ''),
               min(o.year), max(o.year)
        FROM indicators i
        LEFT JOIN observations o ON o.indicator = i.code
        GROUP BY i.code""")
    con.execute("""
        INSERT INTO report_missing
        SELECT i.code, m.unit_id FROM indicators i CROSS JOIN unit_versions m
        WHERE m.version = 'lg2021' AND NOT EXISTS (
            SELECT 1 FROM observations o WHERE o.indicator = i.code AND o.unit_id = m.unit_id)""")


def validate(con: duckdb.DuckDBPyConnection) -> None:
    """Checks a new database must pass before it replaces the old one."""
    counts = dict(
        con.execute("SELECT version, count(*) FROM unit_versions GROUP BY version").fetchall()
    )
    if counts != EXPECTED_UNITS:
        raise BuildError(f"unit counts per version are {counts}, expected {EXPECTED_UNITS}")
    orphans = con.execute("""
        SELECT count(*) FROM observations o
        WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.unit_id = o.unit_id)
           OR NOT EXISTS (SELECT 1 FROM indicators i WHERE i.code = o.indicator)""").fetchone()
    if orphans[0]:
        raise BuildError(f"{orphans[0]} observations refer to unknown units or indicators")
    empty = con.execute("""SELECT list(code) FROM indicators i WHERE NOT EXISTS
        (SELECT 1 FROM observations o WHERE o.indicator = i.code)""").fetchone()[0]
    if empty:
        raise BuildError(f"indicators without any value: {empty}")
    layers = con.execute("SELECT count(*) FROM boundaries").fetchone()[0]
    if layers != sum(1 for v in EXPECTED_UNITS if v != "sr2024"):
        raise BuildError(f"expected a boundary layer for every version but sr2024, got {layers}")


def build_report(con: duckdb.DuckDBPyConnection) -> str:
    """Plain-text build report: coverage per indicator, gaps, and the files read."""
    lines = ["", "Build report", "============", "", "Coverage (values, units, years):"]
    for code, n, units, munis, years in con.execute(
        "SELECT c.indicator, n_values, units, municipalities, years FROM report_coverage c "
        "JOIN indicators i ON i.code = c.indicator ORDER BY i.sort_order"
    ).fetchall():
        lines.append(f"  {code:36} {n:6} values  {units:4} units ({munis:2} of the 43)  {years}")
    lines += ["", "Local governments (of the 43) without data, per indicator:"]
    for code, ids in con.execute(
        "SELECT r.indicator, string_agg(u.name_lv, ', ' ORDER BY u.name_lv) FROM report_missing "
        "r JOIN units u USING (unit_id) JOIN indicators i ON i.code = r.indicator "
        "GROUP BY r.indicator, i.sort_order ORDER BY i.sort_order"
    ).fetchall():
        shown = ids if len(ids) < 160 else ids[:157] + "..."
        lines.append(f"  {code}: {shown}")
    lines += ["", "Source files:"]
    for row in con.execute(
        "SELECT path, bytes, values_loaded, not_available, ignored, corroborated FROM sources "
        "ORDER BY source_id"
    ).fetchall():
        lines.append(
            f"  {row[0]}: {row[1]:,} bytes, {row[2]} values loaded, {row[3]} not "
            f"available, {row[4]} ignored, {row[5]} same as another source"
        )
    return "\n".join(lines)


# --- tables fetched from CSP's PxWeb API (issue 5): merged by ingest.fetched's rule ---


def _merge_fetched(
    fetched: Fetched,
    catalogue: Catalogue,
    territory: Territory,
    crosswalk: Crosswalk,
    observations: pd.DataFrame,
    reports: dict,
    progress,
) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], Catalogue]:
    """Reference observations + the fetched tables; the frames of the fetch tables; the
    catalogue with each indicator's sources as they turned out."""
    levels = {v.code: v.level for v in territory.versions}
    placed = fetched_observations(fetched, catalogue, crosswalk, territory.members, levels)
    reports.update(placed.reports)
    merged, conflicts = merge_fetched(observations, placed, reports)
    if fetched.tables:
        progress(
            f"Fetched: {len(placed.observations)} values from {', '.join(sorted(fetched.tables))}"
            f"; {len(conflicts)} differ from the reference files "
            f"({int((conflicts['kept'] == 'fetched').sum())} replaced by the newer fetch)"
        )
    log = fetched.log.copy()
    log["verified"] = log["verified"].astype(bool)
    tables = {
        "fetch_log": log,
        "fetch_revisions": revisions_with_units(fetched, placed.placed),
        "fetched_values": placed.values,
        "merge_conflicts": conflicts,
    }
    return merged, tables, credit_sources(catalogue, merged)


def _write_fetched(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    con.execute(FETCH_SCHEMA)
    for name, frame in tables.items():
        if not frame.empty:
            _insert(con, name, frame)
