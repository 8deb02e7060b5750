"""Tables fetched from CSP's PxWeb API, as the build reads them back from data/fetched/.

`python -m benchlearn fetch` keeps the latest fetch of each table as a tidy file
(`<TABLE>.csv`), plus `fetch_log.csv` (one row per table per fetch) and `revisions.csv` (every
value a re-fetch changed: old, new, when). The build loads them like any other source, so a
later `make data` keeps what was fetched.

Placement: AREA "LV" is the country; "LV" + ATVK is the local government with that id (its
English name must not point at another one); any other code is placed by its name through the
build's crosswalk, in the region and local versions of the table's catalogue source. Towns,
parishes and regions the warehouse does not hold are counted ("ignored") and left out.

Precedence, per (unit, indicator, year) that a reference file and a fetched table both give:
the fetched value is kept when the reference value was retrieved earlier than the fetch (or
has no retrieval date); otherwise the reference value is kept. Every pair whose values differ
is recorded in `merge_conflicts` (both values, both sources, which was kept), never silently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from benchlearn.catalogue import Catalogue, Indicator, Source
from benchlearn.ingest.crosswalk import Crosswalk
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.fetch_mapping import FORMAT, is_pre_reform
from benchlearn.ingest.observations import OBS_COLUMNS, SourceReport, check_plausible
from benchlearn.ingest.pxweb_csv import check_year
from benchlearn.ingest.reader import FETCHED, parse_number, read_text

FILE_COLUMNS = [
    "table",
    "area",
    "area_label",
    "level",
    "indicator",
    "year",
    "value",
    "status",
    "updated",
    "retrieved",
    "flags",  # "derived": summed by us from published cells (an age group)
]
LEGACY_FILE_COLUMNS = FILE_COLUMNS[:-1]  # files written before the flags column
LOG_COUNTS = [  # what a run did to a table, in numbers
    "values_fetched",
    "not_available",
    "added",
    "changed",
    "removed",
    "requests",
    "chunks",
    "seconds",
]
LOG_COLUMNS = [
    "run",
    "table_code",
    "path",
    "base_url",
    "title",
    "verified",
    "since",
    "updated",
    "retrieved",
    *LOG_COUNTS,
]
REVISION_COLUMNS = [
    "run",
    "table_code",
    "area",
    "area_label",
    "indicator",
    "year",
    "old_value",
    "new_value",
    "old_retrieved",
    "retrieved",
    "old_updated",
    "updated",
]
LOG_FILE = "fetch_log.csv"
REVISIONS_FILE = "revisions.csv"
KEY = ["unit_id", "indicator", "year"]
# a local government's ATVK (LV00 + its number + 00x): unknown to the warehouse, it means a
# change of the division, never a town or parish that may be left out
_MUNICIPALITY_CODE = re.compile(r"^LV00\d{2}00\d$")
CSP_API = "data.stat.gov.lv/api/v1"
CSP_WEB = "https://data.stat.gov.lv/pxweb/en/OSP_PUB"

# Tables the build writes from the fetched files (always created, empty when nothing fetched).
FETCH_SCHEMA = """
CREATE TABLE fetch_log (
    run VARCHAR, table_code VARCHAR, path VARCHAR, base_url VARCHAR, title VARCHAR,
    verified BOOLEAN, since INTEGER, updated VARCHAR, retrieved VARCHAR, values_fetched INTEGER,
    not_available INTEGER, added INTEGER, changed INTEGER, removed INTEGER, requests INTEGER,
    chunks INTEGER, seconds DOUBLE);
CREATE TABLE fetch_revisions (
    run VARCHAR, table_code VARCHAR, area VARCHAR, area_label VARCHAR, unit_id VARCHAR,
    indicator VARCHAR, year INTEGER, old_value DOUBLE, new_value DOUBLE, old_retrieved VARCHAR,
    retrieved VARCHAR, old_updated VARCHAR, updated VARCHAR);
CREATE TABLE fetched_values (
    unit_id VARCHAR NOT NULL, indicator VARCHAR NOT NULL, year INTEGER NOT NULL,
    value DOUBLE NOT NULL, table_code VARCHAR NOT NULL, area VARCHAR, updated VARCHAR,
    retrieved VARCHAR, kept BOOLEAN, PRIMARY KEY (unit_id, indicator, year));
CREATE TABLE merge_conflicts (
    unit_id VARCHAR, indicator VARCHAR, year INTEGER, reference_value DOUBLE,
    reference_source VARCHAR, reference_retrieved VARCHAR, fetched_value DOUBLE,
    fetched_source VARCHAR, fetched_retrieved VARCHAR, kept VARCHAR);
"""


def table_file(directory: Path, table: str) -> Path:
    return directory / f"{table}.csv"


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Plain UTF-8 CSV; floats are written in full (they read back to the same number)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def _read(
    path: Path, columns: list[str], numeric: list[str], legacy: list[str] | None = None
) -> pd.DataFrame:
    """A file the fetch wrote, read by the reader contract (UTF-8 text, complete, numbers by
    the FETCHED grammar; an empty numeric cell is "no value", which read_table_file allows
    only beside a not-available status)."""
    text = read_text(path)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise SourceError(path, f"cannot read the fetched file ({exc})") from None
    if legacy is not None and list(frame.columns) == legacy:
        frame = frame.assign(**{c: "" for c in columns if c not in legacy})
    if list(frame.columns) != columns:
        raise SourceError(path, f"header must be {','.join(columns)}", 1, list(frame.columns))
    for column in numeric:
        position = columns.index(column) + 1
        values = []
        for line, raw in enumerate(frame[column], start=2):
            blank = raw.strip() == ""
            values.append(
                None if blank else parse_number(raw, FETCHED, frozenset(), path, line, position)
            )
        frame[column] = pd.Series(values, index=frame.index, dtype="float64")
    return frame


def read_table_file(path: Path) -> pd.DataFrame:
    """One fetched table; checks the header, numbers and years, names file and line."""
    frame = _read(path, FILE_COLUMNS, ["value"], LEGACY_FILE_COLUMNS)
    for line, year in enumerate(frame["year"], start=2):
        check_year(year, path, line)
    unexplained = frame["value"].isna() & (frame["status"].str.strip() == "")
    if unexplained.any():
        line = int(np.flatnonzero(unexplained.to_numpy())[0]) + 2
        raise SourceError(
            path,
            "empty value without a not-available status",
            line,
            "",
            FILE_COLUMNS.index("value") + 1,
        )
    frame["year"] = frame["year"].astype(int)
    frame["status"] = frame["status"].replace("", None)
    return frame


def read_log(directory: Path) -> pd.DataFrame:
    path = directory / LOG_FILE
    if not path.is_file():
        return pd.DataFrame(columns=LOG_COLUMNS)
    frame = _read(path, LOG_COLUMNS, ["since", *LOG_COUNTS])
    frame["verified"] = frame["verified"].str.lower() == "true"
    return frame


def read_revisions(directory: Path) -> pd.DataFrame:
    path = directory / REVISIONS_FILE
    if not path.is_file():
        return pd.DataFrame(columns=REVISION_COLUMNS)
    frame = _read(path, REVISION_COLUMNS, ["year", "old_value", "new_value"])
    frame["year"] = frame["year"].astype(int)
    return frame


@dataclass
class Fetched:
    """Everything under the fetched directory (empty when there is none)."""

    directory: Path | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    log: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LOG_COLUMNS))
    revisions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REVISION_COLUMNS))

    def path(self, table: str) -> Path:
        assert self.directory is not None
        return table_file(self.directory, table)


def read_fetched(directory: Path | None) -> Fetched:
    """The latest fetch of every table, the fetch log and the revision log."""
    if directory is None or not directory.is_dir():
        return Fetched(directory)
    tables = {}
    for path in sorted(directory.glob("*.csv")):
        if path.name in (LOG_FILE, REVISIONS_FILE):
            continue
        frame = read_table_file(path)
        wrong = frame.loc[frame["table"] != path.stem, "table"]
        if not wrong.empty:
            raise SourceError(path, "row of another table", int(wrong.index[0]) + 2, wrong.iloc[0])
        tables[path.stem] = frame
    return Fetched(directory, tables, read_log(directory), read_revisions(directory))


# -- the catalogue as far as the fetched data reach -----------------------------------------------


def _sources_by_table(catalogue: Catalogue) -> dict[str, Source]:
    return {s.table: s for s in catalogue.sources.values() if s.format == FORMAT}


def restrict_catalogue(catalogue: Catalogue, fetched: Fetched) -> Catalogue:
    """The catalogue this build can fill: live-API sources only for fetched tables (with the
    date of their latest fetch), each fetched table added to the sources of the indicators it
    gives, and indicators that only a table not fetched yet could give left out (with the
    derived ones that need them), so a build without fetched data stays valid."""
    by_table = _sources_by_table(catalogue)
    delivered: dict[str, set[str]] = {}
    sources = {sid: s for sid, s in catalogue.sources.items() if s.format != FORMAT}
    for table, rows in fetched.tables.items():
        source = by_table.get(table)
        if source is None:
            raise SourceError(
                fetched.path(table),
                f'table {table} has no source with format = "{FORMAT}" in {catalogue.path}; '
                "add it, or delete the file",
            )
        unknown = sorted(set(rows["indicator"]) - set(catalogue.indicators))
        if unknown:
            raise SourceError(
                fetched.path(table),
                f"indicators not in the catalogue {catalogue.path} (re-fetch the table)",
                value=unknown,
            )
        sources[source.id] = _as_fetched(source, rows, fetched.log)
        delivered[source.id] = set(rows.loc[rows["value"].notna(), "indicator"])

    indicators: dict[str, Indicator] = {}
    for code, ind in catalogue.indicators.items():
        maps = [
            m
            for m in ind.maps
            if m["source"] in sources
            and (m["source"] not in delivered or code in delivered[m["source"]])
        ]
        maps += [{"source": s, "match": {}} for s in delivered if code in delivered[s]]
        if ind.maps and not maps:
            continue  # only a table not fetched yet gives it
        indicators[code] = dataclasses.replace(ind, maps=_unique_maps(maps))
    compiled = dict(catalogue.compiled)
    changed = True
    while changed:  # drop derived indicators whose inputs are gone, transitively
        changed = False
        for code, formula in list(compiled.items()):
            if any(i not in indicators for i in formula.inputs) and code in indicators:
                del indicators[code], compiled[code]
                changed = True
    compiled = {c: f for c, f in compiled.items() if c in indicators}
    for code, ind in indicators.items():
        if ind.per_capita and ind.per_capita not in indicators:
            indicators[code] = dataclasses.replace(ind, per_capita=None)
    return dataclasses.replace(catalogue, sources=sources, indicators=indicators, compiled=compiled)


def credit_sources(catalogue: Catalogue, observations: pd.DataFrame) -> Catalogue:
    """An indicator a fetched table gives names only the sources whose values it kept: a
    reference file whose figures were all replaced by a newer fetch is no longer its source."""
    fetched = {s.id for s in catalogue.sources.values() if s.format == FORMAT}
    present = set(zip(observations["indicator"], observations["source_id"], strict=True))
    indicators = dict(catalogue.indicators)
    for code, ind in catalogue.indicators.items():
        if not any(m["source"] in fetched for m in ind.maps):
            continue
        kept = [m for m in ind.maps if (code, m["source"]) in present]
        if kept and len(kept) < len(ind.maps):
            indicators[code] = dataclasses.replace(ind, maps=kept)
    return dataclasses.replace(catalogue, indicators=indicators)


def _unique_maps(maps: list[dict]) -> list[dict]:
    seen, out = set(), []
    for entry in maps:
        key = (entry["source"], tuple(sorted(entry["match"].items())))
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def _as_fetched(source: Source, rows: pd.DataFrame, log: pd.DataFrame) -> Source:
    """The source as fetched: its file, the date of its latest fetch, and CSP's own title and
    the table's web address from the fetch log where the catalogue could not know them."""
    stamps = rows["retrieved"].replace("", None).dropna()
    retrieved = str(stamps.max())[:10] if not stamps.empty else ""
    source = dataclasses.replace(source, path=f"fetched/{source.table}.csv", retrieved=retrieved)
    runs = log[log["table_code"] == source.table].sort_values("retrieved")
    if runs.empty:
        return source
    last = runs.iloc[-1]
    url = source.url
    if url.rstrip("/").endswith("OSP_PUB") and last["path"] and CSP_API in last["base_url"]:
        folders, _, table = str(last["path"]).rpartition("/")
        url = f"{CSP_WEB}/START__{folders.replace('/', '__')}/{table}/"
    title = str(last["title"]) or source.title
    if title.endswith("Time period"):  # PxWeb appends "by <dimensions> and Time period"
        title = title.rsplit(" by ", 1)[0]
    return dataclasses.replace(source, title=title, url=url)


# -- observations --------------------------------------------------------------------------------


def place_areas(
    rows: pd.DataFrame,
    source: Source,
    crosswalk: Crosswalk,
    members: pd.DataFrame,
    levels: dict[str, str],
    path: Path,
) -> dict[str, str | None]:
    """AREA code -> unit_id (None: not a unit this warehouse holds), see the module doc."""
    unknown = [v for v in source.versions if v not in crosswalk.versions]
    if unknown:
        raise SourceError(path, f"source {source.id} declares unknown boundary versions {unknown}")
    in_version = members.groupby("version")["unit_id"].apply(set).to_dict()
    # a code is placed on a local government, or on a town or parish where the source
    # declares the parish versions
    local_versions = [v for v in source.versions if levels.get(v) in ("municipality", "parish")]
    placeable = [v for v in source.versions if levels.get(v) in ("municipality", "region")]
    local = set().union(*(in_version.get(v, set()) for v in local_versions))
    regional = set().union(*(in_version.get(v, set()) for v in placeable))
    country = next(iter(in_version.get("country", set())), None)
    first = rows.drop_duplicates("area")
    placed: dict[str, str | None] = {}
    for area, label, level, line in zip(
        first["area"], first["area_label"], first["level"], first.index + 2, strict=True
    ):
        if level == "country":
            placed[area] = country if "country" in source.versions else None
        elif level == "local":
            # by code: its own id, an old code (LV0010000 is Rīga), LV0038001 the merged Madona
            uid = crosswalk.unit_of_code(area)
            placed[area] = uid if uid in local else None
            if uid is None and _MUNICIPALITY_CODE.match(area) and local_versions:
                raise SourceError(
                    path,
                    f"table {source.table}, dimension AREA, code {area} ({label!r}): a local "
                    "government code no boundary version of this warehouse has; CSP may have "
                    "a new territorial division: the reference data needs it first",
                    line,
                    area,
                )
            if placed[area] and not crosswalk.names_unit(uid, label):
                named = _by_name(crosswalk, label, local_versions, path, line)
                if named and named != uid:
                    raise SourceError(
                        path,
                        f"AREA {area} is named {label!r}, which is {named}: code and name disagree",
                        line,
                    )
        else:
            named = _by_name(crosswalk, label, placeable, path, line)
            placed[area] = named if named in regional else None
    units = [u for u in placed.values() if u]
    twice = sorted({u for u in units if units.count(u) > 1})
    if twice:
        codes = [a for a, u in placed.items() if u == twice[0]]
        raise SourceError(path, f"AREA codes {codes} are all the unit {twice[0]}")
    return placed


def _by_name(
    crosswalk: Crosswalk, label: str, versions: list[str], path: Path, line: int
) -> str | None:
    if not versions:
        return None
    try:
        return crosswalk.resolve(label, versions, path, line)
    except SourceError:
        return None  # not a unit of these versions (a town, a parish, a pre-2024 region ...)


@dataclass
class FetchedObservations:
    observations: pd.DataFrame  # OBS_COLUMNS
    values: pd.DataFrame  # fetched_values rows (kept filled in by merge_fetched)
    reports: dict[str, SourceReport]
    placed: dict[str, dict[str, str | None]]  # table -> AREA code -> unit_id


def fetched_observations(
    fetched: Fetched,
    catalogue: Catalogue,
    crosswalk: Crosswalk,
    members: pd.DataFrame,
    levels: dict[str, str],
) -> FetchedObservations:
    """Observations from every fetched table, placed on units; duplicates stop the build."""
    by_table = _sources_by_table(catalogue)
    frames, values, reports, placed = [], [], {}, {}
    for table, rows in fetched.tables.items():
        source, path = by_table[table], fetched.path(table)
        data = path.read_bytes()
        report = SourceReport(
            source.id, f"fetched/{path.name}", len(data), hashlib.sha256(data).hexdigest()
        )
        report.rows_read = len(rows)
        placed[table] = place_areas(rows, source, crosswalk, members, levels, path)
        unit = rows["area"].map(placed[table])
        available = rows["value"].notna()
        report.not_available = int((~available).sum())
        report.ignored = int((available & unit.isna()).sum())
        keep = rows.loc[available & unit.notna()].assign(unit_id=unit)
        # line in the file: the header is line 1
        check_plausible(
            keep.assign(
                line=keep.index + 2,
                column=FILE_COLUMNS.index("value") + 1,
                raw=keep["value"].map("{:g}".format),
            ),
            catalogue,
            path,
        )
        dup = keep.duplicated(KEY, keep=False)
        if dup.any():
            first = keep.loc[dup].iloc[0]
            raise SourceError(path, f"two AREA codes give {tuple(first[KEY])}", int(first.name) + 2)
        updated = keep["updated"].str[:10].where(keep["updated"] != "", "?")
        obs = pd.DataFrame(
            {
                "unit_id": keep["unit_id"],
                "indicator": keep["indicator"],
                "year": keep["year"].astype(int),
                "value": keep["value"],
                "flags": [_join_flags(source.flags, f) for f in keep["flags"]],
                "source_id": source.id,
                "source_file": report.path,
                "source_line": keep.index + 2,
                "source_title": f"CSP {table}: {source.title} (table updated " + updated + ")",
                "source_url": source.url,
                "retrieved": keep["retrieved"].str[:10],
            }
        )
        frames.append(obs[OBS_COLUMNS])
        values.append(
            pd.DataFrame(
                {
                    **{c: keep[c] for c in KEY},
                    "value": keep["value"],
                    "table_code": table,
                    "area": keep["area"],
                    "updated": keep["updated"],
                    "retrieved": keep["retrieved"],
                    "kept": True,
                }
            )
        )
        report.values_loaded = len(obs)
        reports[source.id] = report
    if not frames:
        empty = pd.DataFrame(columns=OBS_COLUMNS)
        return FetchedObservations(empty, _empty_values(), reports, placed)
    observations = pd.concat(frames, ignore_index=True)
    values_frame = pd.concat(values, ignore_index=True)
    observations, values_frame = _yield_pre_reform(observations, values_frame, catalogue, reports)
    dup = observations.duplicated(KEY, keep=False)
    if dup.any():  # two tables give one figure: the mapping allows one table per indicator
        first = observations.loc[dup].iloc[0]
        raise SourceError(first["source_file"], f"another table also gives {tuple(first[KEY])}")
    return FetchedObservations(observations, values_frame, reports, placed)


def _join_flags(*texts: str) -> str:
    words = (t.split(",") for t in texts if isinstance(t, str))
    return ",".join(sorted({w for split in words for w in split if w}))


def _yield_pre_reform(
    observations: pd.DataFrame,
    values: pd.DataFrame,
    catalogue: Catalogue,
    reports: dict[str, SourceReport],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A territory the 2021 reform left unchanged (Rīga, Valka ...) is one unit in both
    versions, so a pre-2021 table and one on today's units may both give its figure: the
    latter is kept, the former dropped (counted as corroborated where the two are equal)."""
    pre = {s.id for s in catalogue.sources.values() if is_pre_reform(s.versions)}
    is_pre = observations["source_id"].isin(pre)
    current = observations.loc[~is_pre].set_index(KEY)["value"]
    both = is_pre & pd.MultiIndex.from_frame(observations[KEY]).isin(current.index)
    if not both.any():
        return observations, values
    dropped = observations.loc[both]
    kept = current.reindex(pd.MultiIndex.from_frame(dropped[KEY])).to_numpy()
    dropped = dropped.assign(same=kept == dropped["value"].to_numpy())
    for sid, group in dropped.groupby("source_id"):
        reports[sid].values_loaded -= len(group)
        reports[sid].corroborated += int(group["same"].sum())
    vkey = pd.MultiIndex.from_frame(values[KEY])
    gone = vkey.isin(pd.MultiIndex.from_frame(dropped[KEY])) & values["table_code"].isin(
        {s.table for s in catalogue.sources.values() if s.id in pre}
    )
    values = values.loc[~gone]
    return observations.loc[~both].reset_index(drop=True), values.reset_index(drop=True)


def _empty_values() -> pd.DataFrame:
    columns = [*KEY, "value", "table_code", "area", "updated", "retrieved", "kept"]
    return pd.DataFrame(columns=columns)


def merge_fetched(
    reference: pd.DataFrame,
    fetched: FetchedObservations,
    reports: dict[str, SourceReport],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reference observations + fetched ones by the precedence rule (module doc).

    Returns (observations, conflicts); updates the reports' loaded / corroborated counts and
    marks in `fetched.values` which fetched values were kept.
    """
    new = fetched.observations
    if new.empty:
        return reference, _conflicts(pd.DataFrame())
    both = reference.reset_index().merge(new.reset_index(), on=KEY, suffixes=("_ref", "_new"))
    ref_date = both["retrieved_ref"].fillna("").astype(str).str[:10]
    new_date = both["retrieved_new"].astype(str).str[:10]
    fetched_wins = (ref_date == "") | (ref_date < new_date)
    same = both["value_ref"].to_numpy() == both["value_new"].to_numpy()
    drop_ref = both.loc[fetched_wins, "index_ref"]
    drop_new = both.loc[~fetched_wins, "index_new"]
    for loses, side in ((fetched_wins, "ref"), (~fetched_wins, "new")):
        for sid, count in both.loc[loses, f"source_id_{side}"].value_counts().items():
            if sid in reports:
                reports[sid].values_loaded -= int(count)
        for sid, count in both.loc[loses & same, f"source_id_{side}"].value_counts().items():
            if sid in reports:
                reports[sid].corroborated += int(count)
    lost = new.loc[drop_new, KEY]
    if not lost.empty:
        index = pd.MultiIndex.from_frame(lost)
        values_key = pd.MultiIndex.from_frame(fetched.values[KEY])
        fetched.values.loc[values_key.isin(index), "kept"] = False
    merged = pd.concat(
        [reference.drop(index=drop_ref), new.drop(index=drop_new)], ignore_index=True
    )
    kept = np.where(fetched_wins, "fetched", "reference")
    return merged, _conflicts(both.assign(kept=kept).loc[~same])


def _conflicts(both: pd.DataFrame) -> pd.DataFrame:
    columns = {
        "unit_id": "unit_id",
        "indicator": "indicator",
        "year": "year",
        "value_ref": "reference_value",
        "source_id_ref": "reference_source",
        "retrieved_ref": "reference_retrieved",
        "value_new": "fetched_value",
        "source_id_new": "fetched_source",
        "retrieved_new": "fetched_retrieved",
        "kept": "kept",
    }
    if both.empty:
        return pd.DataFrame(columns=list(columns.values()))
    out = both[list(columns)].rename(columns=columns)
    return out.sort_values(["indicator", "unit_id", "year"]).reset_index(drop=True)


def revisions_with_units(fetched: Fetched, placed: dict[str, dict]) -> pd.DataFrame:
    """The revision log with the unit each AREA code was placed on (None if not placed)."""
    revisions = fetched.revisions.copy()
    pairs = zip(revisions["table_code"], revisions["area"], strict=True)
    revisions["unit_id"] = [placed.get(table, {}).get(area) for table, area in pairs]
    return revisions
