"""The analysts' SQL console: one read-only SELECT against the warehouse, with limits.

Layers of defence, each enough on its own for what it guards:
1. the text: length limit; outside quotes and comments only ASCII (no full-width semicolons,
   zero-width spaces or look-alike letters); no invisible or control characters anywhere;
2. DuckDB's own parser (`duckdb.extract_statements`): exactly one statement, of type SELECT
   (DESCRIBE, SHOW, SUMMARIZE, VALUES, FROM-first and WITH are SELECTs too);
3. a process of its own per query (`benchlearn.sqlworker`), held by the kernel: its address
   space may grow by at most MEMORY_MB (RLIMIT_AS; DuckDB's own memory_limit is 3/4 of it),
   no core dumps, no files written (RLIMIT_FSIZE 0), a CPU-time backstop, lower priority;
   DuckDB's memory_limit alone does not hold (string and regex functions allocate outside
   it), nor does an interrupt stop one long function call, so the server kills the process
   at the time limit (plus GRACE) and when it outgrows the memory limit;
4. the connection in it: an in-memory DuckDB holding a copy of the warehouse, with server
   paths scrubbed from its text, the file detached before the query, then
   `enable_external_access=false` (no files, no URLs, no ATTACH, no COPY, no INSTALL), no
   extension autoloading or autoinstalling, no temporary files, one thread, and
   `lock_configuration=true`, so no statement can undo any of it (SET, RESET and PRAGMA
   memory_limit are refused by the parser check and again by DuckDB); the statement runs in
   a READ ONLY transaction (a SELECT can hold `WITH d AS (DELETE ... RETURNING *)`);
5. limits while it runs: a timer interrupts the query after the time limit, rows are fetched
   up to the row limit, a result over MAX_RESULT_MB is refused, at most MAX_RUNNING queries
   run at once;
6. the answer: no server path in result cells, column names or messages (the known paths of
   this installation and any absolute path of two or more parts become "[…]").

The warehouse file is only ever opened read-only here, and the query never sees it at all (it
runs on the copy), so a query can neither change nor lock it; a rebuild swaps in a new file
beside it as usual. No Streamlit here: errors are ConsoleError with a code the page translates.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import pickle
import select
import subprocess
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from benchlearn import sqlworker
from benchlearn.settings import REPO_ROOT, load_settings

MAX_CHARS = 5_000
ROW_LIMIT = 1_000
TIME_LIMIT = 5.0  # seconds
DEFAULT_MEMORY_MB = 512


def _memory_mb() -> int:
    """BENCHLEARN_SQL_MEMORY_MB: how much one console query may use (at least 128 MB)."""
    try:
        value = int(os.environ.get("BENCHLEARN_SQL_MEMORY_MB", DEFAULT_MEMORY_MB))
    except ValueError:
        return DEFAULT_MEMORY_MB
    return max(128, value)


MEMORY_MB = _memory_mb()  # per query: the worker process may grow by this much, no more
THREADS = sqlworker.THREADS  # DuckDB threads per query: 1
MAX_RUNNING = 2  # queries at once across all sessions
MAX_RESULT_MB = 32  # the rows sent back to the server
GRACE = 1.0  # seconds after the time limit before the worker is killed
SETUP_SECONDS = 20.0  # to start a worker and copy the warehouse (slow only on a loaded server)
SPARES = 1  # workers kept started and waiting, so a query need not wait for imports
SCHEMA = sqlworker.SCHEMA
HIDDEN = sqlworker.HIDDEN
EXAMPLES_DIR = REPO_ROOT / "queries" / "console"
_SLOTS = threading.BoundedSemaphore(MAX_RUNNING)
_POOL_LOCK = threading.Lock()
_SPARE_WORKERS: list[subprocess.Popen] = []
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


class ConsoleError(Exception):
    """A refused or failed query. `code` names the problem (for the page's message),
    `detail` is the specific text (a character, a statement type, DuckDB's message).
    `memory_mb` is how much the query's worker grew, where it was measured."""

    def __init__(self, code: str, detail: str = "", memory_mb: float | None = None) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.memory_mb = memory_mb


@dataclass(frozen=True)
class Result:
    frame: pd.DataFrame
    truncated: bool  # more rows than the row limit: only the first ROW_LIMIT are kept
    seconds: float
    memory_mb: float = math.nan  # how much the query's worker process grew at its peak


@dataclass(frozen=True)
class Example:
    name: str  # file stem
    title_lv: str
    title_en: str
    sql: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_lv


def _char_name(ch: str) -> str:
    return f"“{ch}” (U+{ord(ch):04X} {unicodedata.name(ch, 'UNKNOWN')})"


def _position(sql: str, index: int) -> str:
    line = sql.count("\n", 0, index) + 1
    column = index - (sql.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def check_text(sql: str) -> None:
    """Raise ConsoleError for text the parser should never see (see the module doc)."""
    if not sql.strip():
        raise ConsoleError("empty")
    if len(sql) > MAX_CHARS:
        raise ConsoleError("too_long", f"{len(sql):,}")
    quote: str | None = None  # ', " or a comment marker while inside one
    i = 0
    while i < len(sql):
        ch = sql[i]
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in _ALLOWED_CONTROLS) or category in ("Cf", "Co", "Cs"):
            raise ConsoleError("invisible", f"{_char_name(ch)}, {_position(sql, i)}")
        pair = sql[i : i + 2]
        if quote is None:
            if pair in ("--", "/*"):
                quote = pair
                i += 2
                continue
            if ch in ("'", '"'):
                quote = ch
            elif not ch.isascii():
                raise ConsoleError("non_ascii", f"{_char_name(ch)}, {_position(sql, i)}")
        elif (quote == "--" and ch == "\n") or (quote == "/*" and pair == "*/"):
            i += 1 if quote == "--" else 2
            quote = None
            continue
        elif quote == ch:
            quote = None
        i += 1


def parse(sql: str) -> duckdb.Statement:
    """The single SELECT statement in `sql`, or ConsoleError."""
    check_text(sql)
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise ConsoleError("syntax", _first_line(error)) from None
    if not statements:
        raise ConsoleError("empty")
    if len(statements) > 1:
        raise ConsoleError("multiple", str(len(statements)))
    statement = statements[0]
    try:
        kind = statement.type
    except ValueError:  # a type the Python binding has no name for (UPDATE EXTENSIONS)
        raise ConsoleError("not_select", statement.query.split()[0].upper()) from None
    if kind != duckdb.StatementType.SELECT:
        raise ConsoleError("not_select", kind.name)
    return statement


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def server_paths(database: Path) -> list[str]:
    """Paths of this installation that no answer may show: the warehouse and its folder, the
    repository, the sources, the catalogue, fetched data, home and working directories."""
    settings = load_settings()
    candidates = [
        database,
        database.parent,
        REPO_ROOT,
        settings.database_path,
        settings.sources_dir,
        settings.catalogue_path,
        Path(os.environ.get("BENCHLEARN_FETCHED", REPO_ROOT / "data" / "fetched")),
    ]
    for where in (Path.home, Path.cwd):
        with contextlib.suppress(OSError, RuntimeError):  # no home, a deleted folder
            candidates.append(where())
    paths = set()
    for candidate in candidates:
        for path in (candidate, candidate.absolute(), candidate.resolve()):
            if path.is_absolute() and str(path) != path.anchor:
                paths.add(str(path))
    return sorted(paths, key=len, reverse=True)


def scrub(text: str, hide: list[str]) -> str:
    return sqlworker.scrub_text(text, hide)


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    """The locked connection a query runs on (see the module doc, point 4), in this process:
    for tests and inspection; queries themselves run in a worker (`run`)."""
    if not database.is_file():
        raise ConsoleError("no_database", str(database.name))
    return sqlworker.open_locked(database, MEMORY_MB, server_paths(database))


def run(
    database: Path,
    sql: str,
    row_limit: int = ROW_LIMIT,
    time_limit: float = TIME_LIMIT,
) -> Result:
    """Run one checked SELECT; ConsoleError for anything refused, stopped or failed. No
    message or result cell shows a server path."""
    hide = server_paths(database)
    try:
        statement = parse(sql)
        if not database.is_file():
            raise ConsoleError("no_database", str(database.name))
        if not _SLOTS.acquire(blocking=False):
            raise ConsoleError("busy", str(MAX_RUNNING))
        try:
            return _run(database, statement.query, row_limit, time_limit, hide)
        finally:
            _SLOTS.release()
    except ConsoleError as error:
        raise ConsoleError(error.code, scrub(error.detail, hide), error.memory_mb) from None


class _Unpickler(pickle.Unpickler):
    """Only the value types a worker sends (sqlworker.ALLOWED_TYPES): a worker runs hostile
    SQL, so what it sends is data, never code."""

    ALLOWED = {
        ("decimal", "Decimal"),
        ("datetime", "date"),
        ("datetime", "datetime"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
    }

    def find_class(self, module: str, name: str) -> object:
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a value a worker may send")


def _start_worker() -> subprocess.Popen:
    """A worker process waiting for its job (see benchlearn.sqlworker). It gets no
    environment of the server beyond what Python needs to import the same packages."""
    paths = [str(REPO_ROOT)] + [p for p in sys.path if p and os.path.isabs(p)]
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths)),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": sqlworker.NEUTRAL_DIR,
        "LANG": "C.UTF-8",
        "MALLOC_ARENA_MAX": "2",  # fewer reserved malloc arenas under the address-space limit
    }
    if "LD_LIBRARY_PATH" in os.environ:  # a Python built against libraries of its own
        env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    return subprocess.Popen(
        [sys.executable, "-m", "benchlearn.sqlworker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd="/",
        close_fds=True,
    )


def _take_worker() -> subprocess.Popen:
    """A started worker (a spare if one is waiting), and a new spare for the next query."""
    worker = None
    with _POOL_LOCK:
        while _SPARE_WORKERS and worker is None:
            spare = _SPARE_WORKERS.pop()
            if spare.poll() is None:
                worker = spare
            else:
                _finish(spare)
        while len(_SPARE_WORKERS) < SPARES:
            _SPARE_WORKERS.append(_start_worker())
    return worker or _start_worker()


def _finish(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.kill()
    worker.wait()
    for pipe in (worker.stdin, worker.stdout):
        if pipe is not None:
            pipe.close()


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


class _Channel:
    """Framed messages from a worker's stdout, read with a deadline; between reads the
    worker's memory is sampled (`peak`) and `check` may stop it."""

    POLL = 0.02  # seconds

    def __init__(self, worker: subprocess.Popen, max_bytes: int) -> None:
        self.worker = worker
        self.fd = worker.stdout.fileno()
        self.max_bytes = max_bytes
        self.buffer = bytearray()
        self.peak = math.nan

    def message(self, deadline: float, check=None) -> tuple | None:
        """The next message; None at the deadline; EOFError if the worker ended first."""
        size = sqlworker.FRAME.size
        while True:
            if len(self.buffer) >= size:
                length = sqlworker.FRAME.unpack_from(self.buffer)[0]
                if length > self.max_bytes:
                    raise ConsoleError("too_big", str(MAX_RESULT_MB))
                if len(self.buffer) >= size + length:
                    payload = bytes(self.buffer[size : size + length])
                    del self.buffer[: size + length]
                    return _Unpickler(io.BytesIO(payload)).load()
            rss = _rss_mb(self.worker.pid)
            self.peak = rss if math.isnan(self.peak) else max(self.peak, rss)
            if check is not None:
                check(rss)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], min(remaining, self.POLL))
            if ready:
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    raise EOFError
                self.buffer += chunk


def _run(database: Path, sql: str, row_limit: int, time_limit: float, hide: list[str]) -> Result:
    job = {
        "database": str(database),
        "sql": sql,
        "row_limit": row_limit,
        "time_limit": time_limit,
        "memory_mb": MEMORY_MB,
        "max_bytes": MAX_RESULT_MB * 2**20,
        "hide": hide,
    }
    payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    worker = _take_worker()
    channel = _Channel(worker, MAX_RESULT_MB * 2**20 + 2**16)
    base = math.nan

    def grown(peak: float) -> float | None:
        return None if math.isnan(base) or math.isnan(peak) else max(0.0, peak - base)

    def watchdog(rss: float) -> None:
        # the kernel limit should stop it first; this is the backstop
        if not math.isnan(base) and rss - base > MEMORY_MB + 64:
            raise ConsoleError("memory", str(MEMORY_MB), grown(rss))

    try:
        try:
            worker.stdin.write(sqlworker.FRAME.pack(len(payload)) + payload)
            worker.stdin.close()
            started = channel.message(time.monotonic() + SETUP_SECONDS)
            if started is None:
                raise ConsoleError("busy", str(MAX_RUNNING))
            if started[0] == "started":
                base = started[1]
                answer = channel.message(time.monotonic() + time_limit + GRACE, watchdog)
            else:
                answer = started
        except (EOFError, BrokenPipeError):
            worker.wait(timeout=5)
            code = worker.returncode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
            raise ConsoleError("crashed", how, grown(channel.peak)) from None
        except pickle.UnpicklingError as error:
            raise ConsoleError("failed", str(error)) from None
        if answer is None:
            raise ConsoleError("timeout", f"{time_limit:g}", grown(channel.peak))
    finally:
        _finish(worker)
    if answer[0] == "error":
        _, code, detail, peak = answer
        if code == "memory":
            detail = str(MEMORY_MB)
        raise ConsoleError(code, detail, grown(max(peak, channel.peak)))
    _, columns, types, rows, seconds, peak = answer
    columns = [scrub(c, hide) for c in columns]
    rows = [tuple(scrub(v, hide) if isinstance(v, str) else v for v in row) for row in rows]
    truncated = len(rows) > row_limit
    frame = to_frame(rows[:row_limit], columns, types)
    return Result(frame, truncated, seconds, grown(max(peak, channel.peak)) or 0.0)


SIMPLE_TYPES = sqlworker.SIMPLE_TYPES
SIMPLE_PREFIXES = sqlworker.SIMPLE_PREFIXES


def unique_names(columns: list[str]) -> list[str]:
    """Column names made unique ('value', 'value (2)'), as a table needs."""
    seen: dict[str, int] = {}
    out = []
    for name in columns:
        base = name or "?"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return out


def to_frame(rows: list[tuple], columns: list[str], types: list[str]) -> pd.DataFrame:
    """Rows as a DataFrame; nested, binary and other unusual types become text, so any
    result can be shown and downloaded."""
    frame = pd.DataFrame.from_records(rows, columns=unique_names(columns))
    for position, kind in enumerate(types):
        if kind in SIMPLE_TYPES or kind.startswith(SIMPLE_PREFIXES):
            continue
        column = frame.iloc[:, position]
        frame.isetitem(position, column.map(lambda v: None if v is None else str(v)))
    return frame


def examples(folder: Path = EXAMPLES_DIR) -> list[Example]:
    """The example queries in queries/console/*.sql, in file-name order; each file starts
    with '-- lv: title' and '-- en: title' lines (kept out of the text shown)."""
    out = []
    for path in sorted(folder.glob("*.sql")):
        lines = path.read_text(encoding="utf-8").splitlines()
        titles = {
            line[3:5]: line[6:].strip() for line in lines if line.startswith(("-- lv:", "-- en:"))
        }
        sql = "\n".join(line for line in lines if not line.startswith(("-- lv:", "-- en:")))
        out.append(
            Example(path.stem, titles.get("lv", path.stem), titles.get("en", path.stem), sql)
        )
    return out


def error_text(error: ConsoleError, lang: str) -> str:
    """The console's refusal in `lang`; the time limit's seconds take their plural form."""
    from benchlearn.i18n import is_plural, t, tn

    key = f"sql.err.{error.code}"
    values = {"detail": error.detail, "limit": MAX_CHARS}
    if not is_plural(key):
        return t(key, lang, **values)
    seconds = float(error.detail)
    # a fraction of a second reads as many ("0,5 sekundēm", "0.5 seconds"): the form of 2
    return tn(key, int(seconds) if seconds.is_integer() else 2, lang, n=error.detail, **values)
