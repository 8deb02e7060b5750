"""`python -m benchlearn fetch [TABLE ...] [--since YEAR] [--base-url URL] [--check | --plan]`:
pull CSP tables. `--check` compares every mapping with the live metadata (and downloads no
data); `--plan` runs steps 1 and 2 below and prints what would change, applying nothing.

1. check  every table's mapping (data/pxweb_tables.toml) against its live metadata; a mismatch
          stops the run before any data is downloaded;
2. fetch  the data (PxWebClient: split under the cell limit, retried, rate limited);
3. stage  the new table files, the fetch log and the revision log in a staging directory
          beside data/fetched/ (a re-fetch that changes a value logs old, new and when);
4. merge  warehouse.build from the reference data plus the staged files, into a new database
          file that is validated and only then swapped in (the build's own swap);
5. commit the staged files replace those in data/fetched/, so a later `make data` keeps them.

A failure in 1-4 leaves the previous database and data/fetched/ exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import heapq
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from benchlearn.catalogue import load_catalogue
from benchlearn.ingest.fetch_mapping import (
    Areas,
    Plan,
    TableMapping,
    check_mapping,
    describe,
    load_mappings,
    make_plan,
    tidy,
)
from benchlearn.ingest.fetched import (
    FILE_COLUMNS,
    LOG_COLUMNS,
    LOG_FILE,
    REVISION_COLUMNS,
    REVISIONS_FILE,
    Fetched,
    read_fetched,
    table_file,
    write_csv,
)
from benchlearn.ingest.pxweb_client import (
    DATABASE_PREFIX,
    HttpError,
    MalformedResponse,
    PxWebClient,
    PxWebError,
    TableMeta,
)
from benchlearn.settings import REPO_ROOT, load_settings
from benchlearn.warehouse import BuildResult, build

ENV_FETCHED = "BENCHLEARN_FETCHED"
ENV_TABLES = "BENCHLEARN_PXWEB_TABLES"
LOCATE_BUDGET = 150  # folder listings a search for a table with an unknown path may request
Progress = Callable[[str], object]


@dataclass(frozen=True)
class Step:
    """Where a run is, for progress bars (the lines of `Progress` are for people): `phase`
    "metadata", "data" or "merge"; table `table`, number `index` (from 1) of `tables`; its
    data queries `done` of `planned` (0 of 0 until they are known)."""

    phase: str
    table: str = ""
    index: int = 0
    tables: int = 0
    done: int = 0
    planned: int = 0


Steps = Callable[[Step], object]


def _no_steps(_: Step) -> None:
    return None


class FetchError(RuntimeError):
    """The run cannot go on; the message says why and what to do."""


def default_fetched_dir() -> Path:
    return Path(os.environ.get(ENV_FETCHED, str(REPO_ROOT / "data" / "fetched")))


def default_tables_path() -> Path:
    return Path(os.environ.get(ENV_TABLES, str(REPO_ROOT / "data" / "pxweb_tables.toml")))


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class TableFetch:
    """One table of a run: what arrived, and (after staging) how it compares with before."""

    mapping: TableMapping
    path: str
    title: str
    rows: pd.DataFrame  # FILE_COLUMNS
    updated: str
    retrieved: str
    requests: int
    chunks: int
    seconds: float
    years: tuple[int, ...]
    since: int | None
    missing: tuple[str, ...] = ()
    added: int = 0
    changed: int = 0
    removed: int = 0
    revisions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REVISION_COLUMNS))

    @property
    def table(self) -> str:
        return self.mapping.table

    @property
    def values(self) -> int:
        return int(self.rows["value"].notna().sum())

    @property
    def not_available(self) -> int:
        return int(self.rows["value"].isna().sum())


@dataclass
class FetchRun:
    run: str
    base_url: str
    tables: list[TableFetch]
    fetch_seconds: float
    merge_seconds: float
    build: BuildResult

    @property
    def values(self) -> int:
        return sum(t.values for t in self.tables)


# -- choosing and checking -----------------------------------------------------------------------


def select_tables(mappings: dict[str, TableMapping], names: Sequence[str]) -> list[TableMapping]:
    """The named tables (any case), or every table whose mapping is complete."""
    if not names:
        chosen = [m for m in mappings.values() if m.complete]
        if not chosen:
            raise FetchError("no table in the mapping file has a complete mapping")
        return chosen
    unknown = [n for n in names if n.upper() not in mappings]
    if unknown:
        raise FetchError(
            f"unknown table(s) {', '.join(unknown)}; the mapping file has "
            f"{', '.join(mappings)} (add a table to data/pxweb_tables.toml first)"
        )
    return [mappings[n.upper()] for n in dict.fromkeys(names)]


def known_paths(fetched: Fetched) -> dict[str, str]:
    """Paths found by earlier runs (tables whose mapping leaves the path empty)."""
    log = fetched.log[fetched.log["path"] != ""].sort_values("retrieved")
    return dict(zip(log["table_code"], log["path"], strict=True))


def locate(client: PxWebClient, table: str, progress: Progress, budget: int = LOCATE_BUDGET) -> str:
    """Search CSP's table tree for `table`, most similar folder names first (IRS031 lies in
    POP/IR/IRS); returns its path. Folder listings are PxWeb v1's [{id, type, text}]."""
    root = f"{client.base_url}/{client.lang}/{DATABASE_PREFIX}"
    queue: list[tuple[int, int, str]] = [(0, 0, "")]
    order = 0
    for _ in range(budget):
        if not queue:
            break
        _, _, folder = heapq.heappop(queue)
        # the client's own request: retries, back-off and the rate limit apply
        listing = client._send("GET", f"{root}/{folder}".rstrip("/"))
        if not isinstance(listing, list):
            raise MalformedResponse(f"{root}/{folder}: not a PxWeb folder listing")
        for item in listing:
            ident = str(item.get("id", "")) if isinstance(item, dict) else ""
            path = f"{folder}/{ident}".strip("/")
            if item.get("type") == "t" and ident.upper().removesuffix(".PX") == table:
                return path.removesuffix(".px")
            if item.get("type") == "l":
                order += 1
                score = len(os.path.commonprefix([ident.upper(), table]))
                heapq.heappush(queue, (-score, order, path))
    raise FetchError(
        f"{table}: not found in CSP's table tree within {budget} folder listings. Find the "
        f"table on https://data.stat.gov.lv (its address shows START__A__B__C/{table}) and "
        f'set path = "A/B/C/{table}" for it in data/pxweb_tables.toml'
    )


def live_metadata(
    client: PxWebClient, mapping: TableMapping, paths: dict[str, str], progress: Progress
) -> tuple[str, TableMeta]:
    """The table's path (searched for when the mapping leaves it empty) and live metadata."""
    path = mapping.path or paths.get(mapping.table, "")
    if not path:
        progress(f"{mapping.table}: path not known, searching CSP's table tree ...")
        path = locate(client, mapping.table, progress)
        progress(f"{mapping.table}: found at {path} (write it into data/pxweb_tables.toml)")
    try:
        return path, client.metadata(path)
    except HttpError as exc:
        if exc.status != 404 or mapping.path or not paths.get(mapping.table):
            raise
        path = locate(client, mapping.table, progress)  # the remembered path moved
        return path, client.metadata(path)


def check(
    client: PxWebClient,
    tables: list[TableMapping],
    paths: dict[str, str],
    since: int | None,
    progress: Progress,
    steps: Steps = _no_steps,
) -> list[tuple[TableMapping, str, Plan]]:
    """Each table's mapping against its live metadata, before any data is asked for."""
    plans = []
    for index, mapping in enumerate(tables, 1):
        steps(Step("metadata", mapping.table, index, len(tables)))
        path, meta = live_metadata(client, mapping, paths, progress)
        plan = make_plan(mapping, meta, since)
        state = "verified" if mapping.verified else "UNVERIFIED, checked now"
        progress(f"{mapping.table}: the table matches its mapping ({state}) - {path}")
        for code in plan.missing:
            progress(f"{mapping.table}: warning - the table no longer gives {code} (optional)")
        plans.append((mapping, path, plan))
    return plans


def download(
    client: PxWebClient,
    plans: list[tuple[TableMapping, str, Plan]],
    areas: Areas,
    since: int | None,
    progress: Progress,
    steps: Steps = _no_steps,
) -> list[TableFetch]:
    results = []
    for index, (mapping, path, plan) in enumerate(plans, 1):
        started = time.perf_counter()

        def queried(done: int, planned: int, table: str = mapping.table, index: int = index):
            steps(Step("data", table, index, len(plans), done, planned))

        queried(0, 0)
        result = client.data(path, plan.selections, on_query=queried)
        retrieved = now_utc()
        rows = tidy(plan, result.frame, areas).assign(
            table=mapping.table, updated=result.updated or "", retrieved=retrieved
        )[FILE_COLUMNS]
        fetch = TableFetch(
            mapping=mapping,
            path=path,
            title=plan.meta.title,
            rows=rows,
            updated=result.updated or "",
            retrieved=retrieved,
            requests=result.requests,
            chunks=result.chunks,
            seconds=time.perf_counter() - started,
            years=tuple(int(y) for y in plan.years),
            since=since,
            missing=plan.missing,
        )
        progress(
            f"{mapping.table}: {fetch.values:,} values ({fetch.not_available:,} not available) "
            f"in {fetch.requests} requests, {fetch.seconds:.1f} s; table updated "
            f"{fetch.updated or 'date not given'}"
        )
        results.append(fetch)
    return results


# -- staging: the files as they will be after this run ---------------------------------------


def compare(previous: pd.DataFrame | None, fetch: TableFetch, run: str) -> pd.DataFrame:
    """The table file after this fetch; fills the fetch's added / changed / removed counts and
    its revisions (old and new value of every value that changed or disappeared)."""
    new = fetch.rows
    if previous is None or previous.empty:
        fetch.added = fetch.values
        return new
    covered = previous["year"].isin(fetch.years)
    key = ["area", "indicator", "year"]
    both = previous.loc[covered].merge(new, on=key, how="outer", suffixes=("_old", "_new"))
    old, now = both["value_old"], both["value_new"]
    changed = old.notna() & now.notna() & (old != now)
    removed = old.notna() & now.isna()
    fetch.added = int((old.isna() & now.notna()).sum())
    fetch.changed, fetch.removed = int(changed.sum()), int(removed.sum())
    revised = both.loc[changed | removed]
    fetch.revisions = pd.DataFrame(
        {
            "run": run,
            "table_code": fetch.table,
            "area": revised["area"],
            "area_label": revised["area_label_new"].fillna(revised["area_label_old"]),
            "indicator": revised["indicator"],
            "year": revised["year"].astype(int),
            "old_value": revised["value_old"],
            "new_value": revised["value_new"],
            "old_retrieved": revised["retrieved_old"],
            "retrieved": fetch.retrieved,
            "old_updated": revised["updated_old"],
            "updated": fetch.updated,
        }
    )[REVISION_COLUMNS]
    kept = previous.loc[~covered]  # years this run did not ask for (--since) stay as they were
    combined = pd.concat([kept, new], ignore_index=True)
    return combined.sort_values(["indicator", "area", "year"]).reset_index(drop=True)


def _log_row(fetch: TableFetch, run: str, base_url: str) -> dict:
    return {
        "run": run,
        "table_code": fetch.table,
        "path": fetch.path,
        "base_url": base_url,
        "title": fetch.title,
        "verified": fetch.mapping.verified,
        "since": fetch.since,
        "updated": fetch.updated,
        "retrieved": fetch.retrieved,
        "values_fetched": fetch.values,
        "not_available": fetch.not_available,
        "added": fetch.added,
        "changed": fetch.changed,
        "removed": fetch.removed,
        "requests": fetch.requests,
        "chunks": fetch.chunks,
        "seconds": round(fetch.seconds, 3),
    }


def stage(
    fetches: list[TableFetch], fetched: Fetched, staging: Path, run: str, base_url: str
) -> None:
    """Write into `staging` every file data/fetched/ will hold after this run."""
    staging.mkdir(parents=True)
    if fetched.directory is not None and fetched.directory.is_dir():
        for path in fetched.directory.glob("*.csv"):
            shutil.copy2(path, staging / path.name)
    for fetch in fetches:
        combined = compare(fetched.tables.get(fetch.table), fetch, run)
        write_csv(combined[FILE_COLUMNS], table_file(staging, fetch.table))
    log = pd.DataFrame([_log_row(f, run, base_url) for f in fetches], columns=LOG_COLUMNS)
    write_csv(_append(fetched.log, log), staging / LOG_FILE)
    revisions = [f.revisions for f in fetches if not f.revisions.empty]
    write_csv(_append(fetched.revisions, *revisions), staging / REVISIONS_FILE)


def _append(*frames: pd.DataFrame) -> pd.DataFrame:
    present = [f for f in frames if not f.empty]
    if not present:
        return frames[0]
    return pd.concat(present, ignore_index=True) if len(present) > 1 else present[0]


def commit(staging: Path, target: Path) -> None:
    """Move the staged files over data/fetched/ (each move is atomic)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(staging.glob("*.csv")):
        os.replace(path, target / path.name)


# -- the whole run --------------------------------------------------------------------------------


def fetch(
    tables: Sequence[str] = (),
    *,
    since: int | None = None,
    base_url: str | None = None,
    client: PxWebClient | None = None,
    sources_dir: Path | None = None,
    database: Path | None = None,
    catalogue_path: Path | None = None,
    tables_path: Path | None = None,
    fetched_dir: Path | None = None,
    progress: Progress = print,
    steps: Steps = _no_steps,
) -> FetchRun:
    """Fetch `tables` (default: every complete mapping) and merge them into `database`;
    `progress` gets lines for people, `steps` where the run is (for progress bars)."""
    settings = load_settings()
    sources_dir = sources_dir or settings.sources_dir
    database = database or settings.database_path
    catalogue_path = catalogue_path or settings.catalogue_path
    fetched_dir = fetched_dir or default_fetched_dir()
    fetches, fetched, client, run, fetch_seconds = _download_all(
        tables, since, base_url, client, catalogue_path, tables_path, fetched_dir, progress, steps
    )

    staging = fetched_dir.with_name(f".{fetched_dir.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        stage(fetches, fetched, staging, run, client.base_url)
        for item in fetches:
            _report_changes(item, progress)
        progress("Merging into the warehouse (new file, swapped in once it checks out) ...")
        steps(Step("merge", tables=len(fetches), index=len(fetches)))
        merge_started = time.perf_counter()
        result = build(
            sources_dir,
            database,
            catalogue_path,
            progress=lambda line: _build_line(line, progress),
            fetched_dir=staging,
        )
        merge_seconds = time.perf_counter() - merge_started
        commit(staging, fetched_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    outcome = FetchRun(run, client.base_url, fetches, fetch_seconds, merge_seconds, result)
    progress(
        f"Done: {outcome.values:,} values from {len(fetches)} table(s) in "
        f"{fetch_seconds + merge_seconds:.1f} s; {database} now holds them "
        f"(kept in {fetched_dir} for later builds)"
    )
    return outcome


def _download_all(
    tables: Sequence[str],
    since: int | None,
    base_url: str | None,
    client: PxWebClient | None,
    catalogue_path: Path,
    tables_path: Path | None,
    fetched_dir: Path,
    progress: Progress,
    steps: Steps = _no_steps,
) -> tuple[list[TableFetch], Fetched, PxWebClient, str, float]:
    """Steps 1 and 2 of a run (check every mapping, then download): what --plan shows too."""
    if since is not None and not 1990 <= since <= dt.date.today().year:
        raise FetchError(f"--since {since}: give a year from 1990 to this year")
    catalogue = load_catalogue(catalogue_path)
    mappings, areas = load_mappings(tables_path or default_tables_path(), catalogue)
    chosen = select_tables(mappings, tables)
    fetched = read_fetched(fetched_dir)
    client = client or PxWebClient(base_url=base_url)
    run = now_utc()
    progress(f"CSP PxWeb API {client.base_url}: {', '.join(m.table for m in chosen)}")
    started = time.perf_counter()
    try:
        plans = check(client, chosen, known_paths(fetched), since, progress, steps)
    except Exception:
        verified = " ".join(m.table for m in chosen if m.verified and m.complete)
        if len(chosen) > 1 and verified:
            progress(f"(only the verified tables: python -m benchlearn fetch {verified})")
        raise
    fetches = download(client, plans, areas, since, progress, steps)
    return fetches, fetched, client, run, time.perf_counter() - started


# -- fetch --plan and fetch --check: nothing is written -------------------------------------------


@dataclass
class TablePlan:
    """What fetching one table would change: counts, revisions and indicators new to the
    warehouse."""

    fetch: TableFetch
    new_indicators: list[str]


def plan(
    tables: Sequence[str] = (),
    *,
    since: int | None = None,
    base_url: str | None = None,
    client: PxWebClient | None = None,
    database: Path | None = None,
    catalogue_path: Path | None = None,
    tables_path: Path | None = None,
    fetched_dir: Path | None = None,
    progress: Progress = print,
    shown: int = 5,
    steps: Steps = _no_steps,
) -> list[TablePlan]:
    """`fetch --plan`: check and download as a fetch does, then print what would change (new
    values, revisions, new indicators) without staging, merging or committing anything."""
    settings = load_settings()
    database = database or settings.database_path
    fetched_dir = fetched_dir or default_fetched_dir()
    fetches, fetched, _, run, _ = _download_all(
        tables,
        since,
        base_url,
        client,
        catalogue_path or settings.catalogue_path,
        tables_path,
        fetched_dir,
        progress,
        steps,
    )
    known = _warehouse_indicators(database)
    plans = []
    progress(f"Plan (nothing applied; {database} and {fetched_dir} unchanged):")
    for item in fetches:
        compare(fetched.tables.get(item.table), item, run)
        delivered = item.rows.loc[item.rows["value"].notna(), "indicator"]
        new = sorted(set(delivered) - known)
        plans.append(TablePlan(item, new))
        progress(
            f"  {item.table}: {item.added:,} new values, {item.changed:,} revised, "
            f"{item.removed:,} withdrawn; {len(new)} new indicators"
            + (f" ({', '.join(new[:shown])}{' ...' if len(new) > shown else ''})" if new else "")
        )
        for _, rev in item.revisions.head(shown).iterrows():
            progress(
                f"    {rev['area_label']}, {rev['indicator']} {rev['year']}: "
                f"{_number(rev['old_value'])} -> {_number(rev['new_value'])}"
            )
        if len(item.revisions) > shown:
            progress(f"    ... and {len(item.revisions) - shown:,} more")
    progress("Apply it: the same command without --plan.")
    return plans


def _warehouse_indicators(database: Path) -> set[str]:
    if not database.is_file():
        return set()
    with duckdb.connect(str(database), read_only=True) as con:
        return {row[0] for row in con.execute("SELECT code FROM indicators").fetchall()}


def check_mappings(
    tables: Sequence[str] = (),
    *,
    base_url: str | None = None,
    client: PxWebClient | None = None,
    catalogue_path: Path | None = None,
    tables_path: Path | None = None,
    fetched_dir: Path | None = None,
    progress: Progress = print,
) -> bool:
    """`fetch --check`: every mapping (the incomplete ones too) against its live metadata;
    prints per table OK, or the lines of the mapping file to change. Reads metadata only,
    writes nothing; True when every table is OK."""
    tables_path = tables_path or default_tables_path()
    catalogue = load_catalogue(catalogue_path or load_settings().catalogue_path)
    mappings, _ = load_mappings(tables_path, catalogue)
    chosen = select_tables(mappings, tables) if tables else list(mappings.values())
    text = tables_path.read_text(encoding="utf-8")
    paths = known_paths(read_fetched(fetched_dir or default_fetched_dir()))
    client = client or PxWebClient(base_url=base_url)
    progress(f"Checking {len(chosen)} table mappings against {client.base_url} ({tables_path})")
    ok = True
    for mapping in chosen:
        try:
            path, meta = live_metadata(client, mapping, paths, lambda _: None)
        except (PxWebError, FetchError) as exc:
            progress(f"{mapping.table}: metadata not read: {exc}")
            ok = False
            continue
        moved = not mapping.path or mapping.path != path
        findings = check_mapping(mapping, meta, text) if mapping.complete else []
        if not mapping.complete:
            progress(f"{mapping.table}: no mapping yet; its live metadata:\n{describe(meta)}")
        elif not findings and not moved:
            verified = "verified" if mapping.verified else "confirms the unverified codes"
            progress(f"{mapping.table}: OK (grade {mapping.grade}; {verified}) - {path}")
        else:
            progress(f"{mapping.table}: change {tables_path.name} (grade {mapping.grade}):")
        if moved:
            progress(f'  [tables.{mapping.table}] path: write path = "{path}"')
        for item in findings:
            where = f"line {item.line}: " if item.line else ""
            progress(f"  {where}{item.message}")
            if item.line:
                progress(f"    - {item.old.strip()}")
                progress(f"    + {item.new.strip()}" if item.new else "    + (no close match)")
        ok = ok and mapping.complete and not findings and not moved
    return ok


def _report_changes(item: TableFetch, progress: Progress) -> None:
    if not (item.changed or item.removed):
        progress(f"{item.table}: {item.added:,} new values, none changed")
        return
    first = item.revisions.iloc[0]
    progress(
        f"{item.table}: {item.changed:,} values changed, {item.removed:,} withdrawn, "
        f"{item.added:,} new (e.g. {first['area_label']}, {first['indicator']} {first['year']}: "
        f"{_number(first['old_value'])} -> {_number(first['new_value'])}); "
        f"logged in {REVISIONS_FILE}"
    )


def _number(value: float) -> str:
    return "none" if pd.isna(value) else f"{value:g}"


def _build_line(line: str, progress: Progress) -> None:
    """Only the build's lines that matter here (its full report is `make data`'s)."""
    if line.startswith(("Fetched:", "Built ")):
        progress(f"  {line}")
