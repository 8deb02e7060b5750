"""The SQL console's worker: runs one query in a process of its own, under kernel limits.

Why a process: DuckDB's `memory_limit` covers its buffer manager only. String and regex
functions allocate outside it (`regexp_replace(repeat('a', 100000000), 'a', 'bb', 'g')` grew
a process by ~1 GB, `repeat('ab', 500000000) || 'x'` by ~4 GB with memory_limit 512MB), and an
interrupt is only seen between vectors, so one long function call ran for 75 s past a 5 s time
limit. A process can be held to a hard address-space limit (RLIMIT_AS) and killed outright.

One worker serves one query and exits; `benchlearn.sqlconsole` starts them (keeping one spare,
already past its imports) and talks to them over stdin/stdout, framed `!Q` length + pickle.
Only the standard library and duckdb are imported here, so a spare starts quickly.

Protocol: the server sends one job (dict); the worker answers ("started", rss_mb) once the
connection is ready, then ("ok", columns, types, rows, seconds, peak_mb) or
("error", code, detail, peak_mb). Values in rows are of the types `ALLOWED_TYPES` only
(anything else becomes text), so the server can unpickle them with an allow-list.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import math
import os
import pickle
import re
import resource
import signal
import struct
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb

SCHEMA = "warehouse"
_SOURCE = "warehouse_file"  # the file's name while it is copied; detached before any query
HIDDEN = "[…]"  # what a server path is replaced with
THREADS = 1  # DuckDB threads per query
NEUTRAL_DIR = "/nonexistent"  # DuckDB's home, extension and secret directories
# an absolute path of two or more parts, not inside a URL or a longer word ("https://a/b/c",
# "km/h" stay); the same text works in Python's re and DuckDB's RE2
PATH_PATTERN = r"(^|[^A-Za-z0-9._:/~-])(/[A-Za-z0-9._@+~-]+){2,}"
FRAME = struct.Struct("!Q")
SIMPLE_TYPES = ("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE")
SIMPLE_PREFIXES = ("DECIMAL", "VARCHAR", "DATE", "TIMESTAMP", "UTINYINT", "USMALLINT", "UINTEGER")
ALLOWED_TYPES = (
    type(None),
    bool,
    int,
    float,
    str,
    decimal.Decimal,
    datetime.date,
    datetime.datetime,
    datetime.time,
    datetime.timedelta,
)


def duckdb_memory_limit(memory_mb: int) -> str:
    """DuckDB's own limit: 3/4 of the process budget, so that ordinary large queries stop with
    DuckDB's message and the kernel limit is left for what DuckDB does not count."""
    return f"{max(64, memory_mb * 3 // 4)}MB"


def open_locked(
    database: Path, memory_mb: int, hide: Sequence[str] = ()
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding a copy of the warehouse, with server paths scrubbed from its
    text, the file detached again, and then locked: no files, URLs, extensions, spilling or
    configuration changes, one thread, a memory limit. No path of the server is left in it:
    `duckdb_databases()` has no path, `allowed_paths` is empty, home/extension/secret
    directories are NEUTRAL_DIR."""
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": THREADS,
            "memory_limit": duckdb_memory_limit(memory_mb),
            "temp_directory": "",  # never spill to disk
            "max_temp_directory_size": "0KB",
            "home_directory": NEUTRAL_DIR,
            "extension_directory": NEUTRAL_DIR,
            "secret_directory": NEUTRAL_DIR,
            "autoload_known_extensions": False,
            "autoinstall_known_extensions": False,
            "allow_community_extensions": False,
            "allow_unsigned_extensions": False,
            "allow_persistent_secrets": False,
        },
    )
    try:
        # ATTACH takes no parameters: the path is ours (settings), quoted as a literal
        literal = str(database).replace("'", "''")
        con.execute(f"ATTACH '{literal}' AS {_SOURCE} (READ_ONLY)")
        con.execute(f"ATTACH ':memory:' AS {SCHEMA}")
        con.execute(f"COPY FROM DATABASE {_SOURCE} TO {SCHEMA}")
        con.execute(f"DETACH {_SOURCE}")
        con.execute(f"USE {SCHEMA}")
        scrub_tables(con, hide)
        con.execute("SET enable_external_access = false")  # allowed_paths: none attached
        con.execute("SET lock_configuration = true")
    except Exception:
        con.close()
        raise
    return con


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _scrubbed(expression: str, hide: Sequence[str]) -> str:
    """SQL for scrub_text: any absolute path of two or more parts, then the known paths."""
    pattern, replacement = _sql_text(PATH_PATTERN), _sql_text("\\1" + HIDDEN)
    expression = f"regexp_replace({expression}, {pattern}, {replacement}, 'g')"
    for path in sorted(set(hide), key=len, reverse=True):
        expression = f"replace({expression}, {_sql_text(path)}, {_sql_text(HIDDEN)})"
    return expression


def scrub_tables(con: duckdb.DuckDBPyConnection, hide: Sequence[str]) -> None:
    """Replace server paths in every text column of the copy (meta holds the sources
    directory and the catalogue path): a query could otherwise spell them out in a form no
    filter of the result recognises (reverse(value), to_base64(value), one character a row).
    One scan per table finds the columns that hold a path; only those are rewritten."""
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = ? AND data_type IN ('VARCHAR', 'VARCHAR[]') "
        "ORDER BY table_name, ordinal_position",
        [SCHEMA],
    ).fetchall():
        columns.setdefault(table, []).append(('"' + column.replace('"', '""') + '"', kind))
    for table, names in columns.items():
        target = f'{SCHEMA}."' + table.replace('"', '""') + '"'
        texts = [
            name if kind == "VARCHAR" else f"array_to_string({name}, '\n')" for name, kind in names
        ]
        flags = ", ".join(f"coalesce(bool_or({_holds_path(t, hide)}), false)" for t in texts)
        found = con.execute(f"SELECT {flags} FROM {target}").fetchone()
        for (name, kind), holds in zip(names, found, strict=True):
            if not holds:
                continue
            value = _scrubbed(name, hide)
            if kind != "VARCHAR":
                value = f"list_transform({name}, lambda s: {_scrubbed('s', hide)})"
            con.execute(f"UPDATE {target} SET {name} = {value}")


def _holds_path(text: str, hide: Sequence[str]) -> str:
    tests = [f"contains({text}, {_sql_text(path)})" for path in hide]
    tests.append(f"regexp_matches({text}, {_sql_text(PATH_PATTERN)})")
    return "(" + " OR ".join(tests) + ")"


def scrub_text(text: str, hide: Sequence[str]) -> str:
    """Server paths in a string (result cells, column names, messages) become HIDDEN: any
    absolute path of two or more parts, then the known paths `hide` (a one-part one too)."""
    text = re.sub(PATH_PATTERN, lambda m: m.group(1) + HIDDEN, text)
    for path in sorted(set(hide), key=len, reverse=True):
        text = re.sub(re.escape(path) + r"(?=$|[^A-Za-z0-9._@+~-])", HIDDEN, text)
    return text


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def _status_mb(key: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return math.nan


def _plain(value: object, simple: bool) -> object:
    if not simple:
        return None if value is None else str(value)
    if isinstance(value, datetime.datetime | datetime.time) and value.tzinfo is not None:
        return str(value)  # the time zone object is no plain value
    return value if isinstance(value, ALLOWED_TYPES) else str(value)


def _dump(message: tuple) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def _send(out, message: tuple | bytes) -> None:
    payload = message if isinstance(message, bytes) else _dump(message)
    out.write(FRAME.pack(len(payload)) + payload)
    out.flush()


def _read_job(source) -> dict:
    head = source.read(FRAME.size)
    if len(head) < FRAME.size:
        raise EOFError
    return pickle.loads(source.read(FRAME.unpack(head)[0]))


def _limit_self(memory_mb: int, cpu_seconds: float) -> None:
    """Hard limits for the rest of this process's life: address space may grow by memory_mb,
    CPU time by cpu_seconds (a backstop if the server is gone), no core dumps, no files."""
    grow = memory_mb * 1024 * 1024
    size = int(_status_mb("VmSize") * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (size + grow, size + grow))
    used = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    cpu = math.ceil(used + cpu_seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _error_code(error: BaseException, timed_out: bool) -> str:
    if timed_out:
        return "timeout"
    if isinstance(error, duckdb.PermissionException):
        return "denied"
    if isinstance(error, duckdb.OutOfMemoryException | MemoryError):
        return "memory"
    if "bad_alloc" in str(error) or "bad allocation" in str(error):
        return "memory"
    if isinstance(error, duckdb.TransactionException) and "read-only" in str(error):
        return "read_only"
    return "failed"


def run_job(job: dict, out) -> None:
    """Open the locked copy, report "started", run the statement under the time limit and
    the process limits, send the rows or the error."""
    con = open_locked(Path(job["database"]), job["memory_mb"], job["hide"])
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(job["time_limit"], stop)
    timer.daemon = True
    _send(out, ("started", _status_mb("VmRSS")))
    start = time.perf_counter()
    timer.start()
    _limit_self(job["memory_mb"], job["time_limit"] + 5)
    try:
        con.execute("BEGIN TRANSACTION READ ONLY")  # WITH d AS (DELETE ...) is a SELECT too
        cursor = con.execute(job["sql"])
        description = cursor.description or []
        columns = [str(d[0]) for d in description]
        types = [str(d[1]) for d in description]
        rows = cursor.fetchmany(job["row_limit"] + 1)
        simple = [t in SIMPLE_TYPES or t.startswith(SIMPLE_PREFIXES) for t in types]
        rows = [tuple(_plain(v, s) for v, s in zip(row, simple, strict=False)) for row in rows]
        seconds = time.perf_counter() - start
        timer.cancel()
        answer = _dump(("ok", columns, types, rows, seconds, _status_mb("VmHWM")))
        del rows
        if len(answer) > job["max_bytes"]:
            answer = ("error", "too_big", f"{job['max_bytes'] // 2**20}", _status_mb("VmHWM"))
    except BaseException as error:  # every failure becomes a message (MemoryError too)
        timer.cancel()
        answer = None  # let go of a half-built answer before building the message
        code = _error_code(error, timed_out.is_set())
        detail = f"{job['time_limit']:g}" if code == "timeout" else first_line(error)
        answer = ("error", code, detail, _status_mb("VmHWM"))
    _send(out, answer)


def main() -> None:
    """Wait for one job on stdin, answer on the original stdout, exit. Nothing else may
    write to the answer channel: file descriptor 1 is pointed at /dev/null first."""
    out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file of a killed query
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # writing any file fails
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    os.chdir("/")
    os.nice(10)  # the dashboard's own sessions come first on a busy CPU
    try:
        job = _read_job(sys.stdin.buffer)
    except (EOFError, OSError, pickle.UnpicklingError):
        os._exit(0)  # the server went away or let the spare go
    try:
        run_job(job, out)
    except BaseException as error:  # e.g. the database could not be opened
        with contextlib.suppress(BaseException):  # unless the server is gone
            _send(out, ("error", "failed", first_line(error), math.nan))
    out.close()
    os._exit(0)  # skip interpreter and DuckDB teardown: the answer is sent


if __name__ == "__main__":
    main()
