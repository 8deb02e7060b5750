"""Read-only access to the warehouse: named SQL files from queries/, run with named parameters.

No Streamlit here (benchlearn.cache owns caching). Each call runs on its own cursor because a
DuckDB connection must not be shared between threads, and Streamlit sessions are threads.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from benchlearn.settings import REPO_ROOT

QUERY_DIR = REPO_ROOT / "queries"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
WAREHOUSE = "warehouse"  # the attached file's name in a connection (see connect)


class QueryError(ValueError):
    """A query name or its parameters are not what the SQL file declares."""


class DatabaseMissing(FileNotFoundError):
    """No warehouse file yet: run `make data` (python -m benchlearn build)."""


@cache
def load_query(name: str) -> tuple[str, frozenset[str]]:
    """SQL text and its $parameters, for a name on the allow-list (a file in queries/)."""
    if not _NAME.match(name):
        raise QueryError(f"not a query name: {name!r}")
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no query named {name!r} in {QUERY_DIR}")
    sql = path.read_text(encoding="utf-8")
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return sql, frozenset(_PARAM.findall(body))


def available_queries() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file that is at `path` now; it keeps reading that file
    after a rebuild renames a new one over it.

    Not `duckdb.connect(path)`: DuckDB keeps one database per path in a process and hands it
    to every later connect while a connection to it is open, so a dashboard holding one went
    on reading the old file after every rebuild. The file is attached to an in-memory
    database of its own instead; `run` points each cursor at it."""
    if not path.is_file():
        raise DatabaseMissing(f"{path} does not exist: build it with `make data`")
    con = duckdb.connect(":memory:")
    try:
        # ATTACH takes no parameters: the path is ours (settings), quoted as a literal
        literal = str(path).replace("'", "''")
        con.execute(f"ATTACH '{literal}' AS {WAREHOUSE} (READ_ONLY)")
        con.execute(f"USE {WAREHOUSE}")
    except duckdb.IOException as error:
        con.close()
        if not path.is_file():  # renamed away between the check and the attach
            raise DatabaseMissing(f"{path} does not exist: build it with `make data`") from error
        raise
    except Exception:
        con.close()
        raise
    return con


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run a named query with exactly the parameters it declares; values never touch SQL text."""
    sql, declared = load_query(name)
    given = set(params)
    if given != declared:
        raise QueryError(f"query {name!r} takes {sorted(declared)}, got {sorted(given)}")
    cursor = con.cursor()
    try:
        cursor.execute(f"USE {WAREHOUSE}")  # a new cursor starts in the in-memory database
        return cursor.execute(sql, params).df()
    finally:
        cursor.close()
