"""Update from CSP, started by an administrator on the Data page: first a dry run (fetch.plan:
what would change), then, on "Apply", the real fetch (fetch.fetch: all or nothing, the
warehouse swapped in whole). Each runs in a background thread, so no session waits for it;
the page polls `UPDATER.job`. One run at a time per server.

The role is checked on the server, in the transaction that audits the start
(repository.audit_data_update); the outcome is audited too, and every finished run is appended
to `updates.jsonl` in the fetched-data folder (the Data page shows the latest). No Streamlit.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from benchlearn import fetch as fetching
from benchlearn.catalogue import load_catalogue
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.fetch_mapping import load_mappings
from benchlearn.ingest.pxweb_errors import HttpError, MappingMismatch, Unreachable
from benchlearn.settings import load_settings
from benchlearn.userdata import repository
from benchlearn.userdata.access import Actor

log = logging.getLogger(__name__)
LOG_NAME = "updates.jsonl"
KEPT_LINES = 400  # of a run's log, in memory and in the file (a run of 13 tables writes ~60)
KEPT_REVISIONS = 500  # revisions a dry run keeps to show (the counts cover all)
PLAN_COLUMNS = ("table", "values", "added", "changed", "removed", "new_indicators")
REVISION_COLUMNS = ("table", "area", "area_label", "indicator", "year", "old", "new")


class Busy(RuntimeError):
    """Another update is running on this server."""

    def __init__(self, job: Job) -> None:
        self.job = job
        super().__init__(f"an update started by {job.by.principal} at {job.started} is running")


class NothingToApply(RuntimeError):
    """Apply without a finished dry run (another administrator applied or discarded it)."""


@dataclass(frozen=True)
class MappedTable:
    """A table the multiselect offers: its code, title and the mapping's evidence."""

    table: str
    title: str
    grade: str
    verified: bool


def mapped_tables(tables_path: Path | None = None) -> list[MappedTable]:
    """The tables whose mapping is complete (the others cannot be fetched yet)."""
    catalogue = load_catalogue(load_settings().catalogue_path)
    mappings, _ = load_mappings(tables_path or fetching.default_tables_path(), catalogue)
    sources = catalogue.sources
    return [
        MappedTable(
            m.table,
            sources[m.source].title if m.source in sources else m.intended,
            m.grade,
            m.verified,
        )
        for m in mappings.values()
        if m.complete
    ]


def indicator_names() -> dict[str, dict[str, str]]:
    """Every catalogue indicator's name per language: a dry run names indicators the
    warehouse does not hold yet."""
    catalogue = load_catalogue(load_settings().catalogue_path)
    return {
        "lv": {c: i.name_lv for c, i in catalogue.indicators.items()},
        "en": {c: i.name_en for c, i in catalogue.indicators.items()},
    }


@dataclass(frozen=True)
class Problem:
    """Why a run stopped, sorted for people: `kind` picks the advice (unreachable, mismatch,
    rate_limited, service, other); `table`, `dimension` and `codes` name what differs."""

    kind: str
    detail: str
    table: str = ""
    dimension: str = ""
    codes: tuple[str, ...] = ()


def problem_of(exc: BaseException) -> Problem:
    detail = str(exc)[:2000]
    if isinstance(exc, Unreachable):
        return Problem("unreachable", detail)
    if isinstance(exc, MappingMismatch):
        return Problem("mismatch", detail, exc.table, exc.dimension, tuple(exc.codes))
    if isinstance(exc, SourceError) and fetching.default_fetched_dir().name in exc.path:
        # a fetched table the build refuses, e.g. an area code no boundary version has
        value = () if exc.value is None else (str(exc.value),)
        return Problem("mismatch", detail, Path(exc.path).stem, "", value)
    if isinstance(exc, HttpError):
        return Problem("rate_limited" if exc.status == 429 else "service", detail)
    return Problem("other", detail)


@dataclass
class TableProgress:
    table: str
    phase: str = "waiting"  # waiting, metadata, checked, data, done
    done: int = 0
    planned: int = 0


@dataclass
class Job:
    """One run: a dry run ("plan") or its application ("apply")."""

    kind: str
    tables: tuple[str, ...]
    by: Actor
    started: str
    state: str = "running"  # running, done, failed
    phase: str = "metadata"  # metadata, data, merge
    progress: dict[str, TableProgress] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    plan: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PLAN_COLUMNS))
    revisions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REVISION_COLUMNS))
    counts: dict[str, int] = field(default_factory=dict)
    problem: Problem | None = None
    finished: str = ""

    @property
    def running(self) -> bool:
        return self.state == "running"

    def record(self) -> dict[str, Any]:
        """The run as updates.jsonl keeps it."""
        outcome = {"plan": "planned", "apply": "applied"}[self.kind]
        return {
            "started": self.started,
            "finished": self.finished,
            "by": self.by.principal,
            "by_name": self.by.name,
            "kind": self.kind,
            "tables": list(self.tables),
            "outcome": "failed" if self.state == "failed" else outcome,
            "counts": self.counts,
            "problem": asdict(self.problem) if self.problem else None,
            "lines": self.lines[-KEPT_LINES:],
        }


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _counts(fetches: list[fetching.TableFetch], new_indicators: int) -> dict[str, int]:
    return {
        "values": sum(f.values for f in fetches),
        "added": sum(f.added for f in fetches),
        "changed": sum(f.changed for f in fetches),
        "removed": sum(f.removed for f in fetches),
        "new_indicators": new_indicators,
    }


def summarise(plans: list[fetching.TablePlan]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A dry run as two tables: per table the counts, and the revisions (old -> new)."""
    rows = [
        {
            "table": p.fetch.table,
            "values": p.fetch.values,
            "added": p.fetch.added,
            "changed": p.fetch.changed,
            "removed": p.fetch.removed,
            "new_indicators": list(p.new_indicators),
        }
        for p in plans
    ]
    revised = [
        p.fetch.revisions.assign(table=p.fetch.table) for p in plans if not p.fetch.revisions.empty
    ]
    revisions = (
        pd.concat(revised, ignore_index=True)
        .rename(columns={"old_value": "old", "new_value": "new"})
        .loc[:, list(REVISION_COLUMNS)]
        if revised
        else pd.DataFrame(columns=REVISION_COLUMNS)
    )
    return pd.DataFrame(rows, columns=PLAN_COLUMNS), revisions.head(KEPT_REVISIONS)


def log_path() -> Path:
    return fetching.default_fetched_dir() / LOG_NAME


def read_log(path: Path | None = None, last: int = 20) -> list[dict[str, Any]]:
    """The latest finished runs, newest first (a damaged line is skipped, not fatal)."""
    path = path or log_path()
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines()[-last:]:
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    return records[::-1]


def _append_log(record: dict[str, Any], path: Path | None = None) -> None:
    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


Runner = Callable[..., Any]  # fetch.plan or fetch.fetch: (tables, progress=, steps=) -> ...


class Updater:
    """The server's one update: `job` is the latest (running, planned, applied or failed)."""

    def __init__(self, plan: Runner = fetching.plan, apply: Runner = fetching.fetch) -> None:
        self._lock = threading.Lock()
        self._plan, self._apply = plan, apply
        self.job: Job | None = None
        self.thread: threading.Thread | None = None

    def start_plan(self, engine: Engine, tables: list[str], *, by: Actor) -> Job:
        """A dry run of `tables`, in the background. Forbidden unless `by` may; Busy while
        another runs."""
        if not tables:
            raise ValueError("choose at least one table")
        return self._start(engine, "plan", tuple(tables), by)

    def start_apply(self, engine: Engine, *, by: Actor) -> Job:
        """The real fetch of the dry run's tables, in the background."""
        planned = self.job
        if planned is None or planned.kind != "plan" or planned.state != "done":
            raise NothingToApply("no finished dry run to apply")
        return self._start(engine, "apply", planned.tables, by)

    def discard(self, engine: Engine, *, by: Actor) -> None:
        """Drop a finished dry run without applying it (audited as not applied)."""
        with self._lock:
            job = self.job
            if job is None or job.running:
                return
            detail = {"tables": list(job.tables), "kind": job.kind, "counts": job.counts}
            repository.audit_data_update(engine, "discard", detail, by=by)
            self.job = None

    def _start(self, engine: Engine, kind: str, tables: tuple[str, ...], by: Actor) -> Job:
        with self._lock:
            running = self.job if self.job is not None and self.job.running else None
            detail: dict[str, Any] = {"tables": list(tables)}
            if running is not None:
                # still checked and audited: who tried, while whose run was going
                detail["running"] = {"by": running.by.principal, "started": running.started}
                repository.audit_data_update(engine, "busy", detail, by=by)
                raise Busy(running)
            if kind == "apply" and self.job is not None:
                detail["plan"] = self.job.counts
            repository.audit_data_update(engine, kind, detail, by=by)  # Forbidden if not
            job = Job(kind, tables, by, _now())
            job.progress = {t: TableProgress(t) for t in tables}
            self.job = job
            self.thread = threading.Thread(
                target=self._run, args=(engine, job), name=f"csp-{kind}", daemon=True
            )
            self.thread.start()
            return job

    @staticmethod
    def _step(job: Job, step: fetching.Step) -> None:
        """Tables are checked one after the other, then downloaded one after the other: those
        before the current one have finished that phase."""
        job.phase = step.phase
        for position, item in enumerate(job.progress.values(), 1):
            if step.phase == "merge" or (step.phase == "data" and position < step.index):
                item.phase, item.done = "done", item.planned
            elif step.phase == "metadata" and position < step.index:
                item.phase = "checked"
            elif item.table == step.table:
                item.phase, item.done, item.planned = step.phase, step.done, step.planned
                if step.phase == "data" and step.planned and step.done == step.planned:
                    item.phase = "done"

    def _run(self, engine: Engine, job: Job) -> None:
        def progress(line: str) -> None:
            job.lines.append(str(line))
            del job.lines[:-KEPT_LINES]

        try:
            runner = self._plan if job.kind == "plan" else self._apply
            result = runner(list(job.tables), progress=progress, steps=lambda s: self._step(job, s))
            if job.kind == "plan":
                job.plan, job.revisions = summarise(result)
                new = len({c for cs in job.plan["new_indicators"] for c in cs})
                job.counts = _counts([p.fetch for p in result], new)
            else:
                job.counts = _counts(result.tables, 0)
            job.state = "done"
        except Exception as exc:  # every failure is reported to the page and kept in the log
            log.warning("update from CSP (%s) stopped: %s", job.kind, exc)
            job.problem = problem_of(exc)
            progress(f"Stopped: {exc}")
            job.state = "failed"
        job.finished = _now()
        record = job.record()
        try:
            _append_log(record)
        except OSError as exc:
            log.warning("update log not written: %s", exc)
        try:
            detail = {k: record[k] for k in ("tables", "counts", "problem")}
            repository.audit_data_update(
                engine,
                record["outcome"],
                detail,
                by=job.by,
                reason=job.problem.detail if job.problem else "",
            )
        except Exception as exc:  # the run happened; a store that went away must not hide it
            log.warning("update outcome not audited: %s", exc)


UPDATER = Updater()
