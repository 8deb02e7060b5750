"""The analysts' SQL console: one read-only SELECT against the warehouse, with limits.

Layers of defence, each enough on its own for what it guards:
1. the text: length limit; outside quotes and comments only ASCII (no full-width semicolons,
   zero-width spaces or look-alike letters); no invisible or control characters anywhere;
2. DuckDB's own parser (`duckdb.extract_statements`): exactly one statement, of type SELECT
   (DESCRIBE, SHOW, SUMMARIZE, VALUES, FROM-first and WITH are SELECTs too);
3. the connection: a fresh in-memory DuckDB per query with the warehouse ATTACHed READ_ONLY,
   then `enable_external_access=false` (no files, no URLs, no ATTACH, no COPY, no INSTALL),
   no extension autoloading or autoinstalling, no temporary files, a memory limit, one
   thread, and `lock_configuration=true` so no statement can undo any of it;
4. limits while it runs: a timer thread interrupts the query after the time limit, rows are
   fetched with fetchmany up to the row limit, and at most MAX_RUNNING queries run at once.

The warehouse file is only ever opened read-only here, so a query can neither change nor lock
it for writing; a rebuild swaps in a new file beside it as usual.
No Streamlit here: errors are ConsoleError with a code the page translates.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from benchlearn.settings import REPO_ROOT

MAX_CHARS = 5_000
ROW_LIMIT = 1_000
TIME_LIMIT = 5.0  # seconds
MEMORY_LIMIT = "512MB"
MAX_RUNNING = 2  # queries at once across all sessions
SCHEMA = "warehouse"
EXAMPLES_DIR = REPO_ROOT / "queries" / "console"
_SLOTS = threading.BoundedSemaphore(MAX_RUNNING)
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


class ConsoleError(Exception):
    """A refused or failed query. `code` names the problem (for the page's message),
    `detail` is the specific text (a character, a statement type, DuckDB's message)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Result:
    frame: pd.DataFrame
    truncated: bool  # more rows than the row limit: only the first ROW_LIMIT are kept
    seconds: float


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
    if statement.type != duckdb.StatementType.SELECT:
        raise ConsoleError("not_select", statement.type.name)
    return statement


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    """A locked, read-only connection to `database` (see the module doc, point 3)."""
    if not database.is_file():
        raise ConsoleError("no_database", str(database.name))
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": 1,
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": "",  # never spill to disk
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
        con.execute(f"ATTACH '{literal}' AS {SCHEMA} (READ_ONLY)")
        con.execute(f"USE {SCHEMA}")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except Exception:
        con.close()
        raise
    return con


def run(
    database: Path,
    sql: str,
    row_limit: int = ROW_LIMIT,
    time_limit: float = TIME_LIMIT,
) -> Result:
    """Run one checked SELECT; ConsoleError for anything refused, stopped or failed."""
    statement = parse(sql)
    if not _SLOTS.acquire(blocking=False):
        raise ConsoleError("busy", str(MAX_RUNNING))
    try:
        return _run(database, statement, row_limit, time_limit)
    finally:
        _SLOTS.release()


def _run(database: Path, statement: duckdb.Statement, row_limit: int, time_limit: float) -> Result:
    con = connect(database)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(time_limit, stop)
    start = time.perf_counter()
    timer.start()
    try:
        cursor = con.execute(statement)
        columns = [d[0] for d in cursor.description or []]
        types = [str(d[1]) for d in cursor.description or []]
        rows = cursor.fetchmany(row_limit + 1)
    except duckdb.Error as error:
        if timed_out.is_set():
            raise ConsoleError("timeout", f"{time_limit:g}") from None
        code = (
            "denied"
            if isinstance(error, duckdb.PermissionException)
            else "memory"
            if isinstance(error, duckdb.OutOfMemoryException)
            else "failed"
        )
        raise ConsoleError(code, _first_line(error)) from None
    finally:
        timer.cancel()
        con.close()
    seconds = time.perf_counter() - start
    truncated = len(rows) > row_limit
    return Result(to_frame(rows[:row_limit], columns, types), truncated, seconds)


SIMPLE_TYPES = ("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE")
SIMPLE_PREFIXES = ("DECIMAL", "VARCHAR", "DATE", "TIMESTAMP", "UTINYINT", "USMALLINT", "UINTEGER")


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
