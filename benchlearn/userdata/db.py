"""Where user data lives and how it is opened: one engine per URL, migrated once per process.

SQLite by default (data/userdata.sqlite beside the warehouse, never inside it);
BENCHLEARN_USERDATA_URL points a shared deployment with several app servers at PostgreSQL,
e.g. postgresql+psycopg://user:password@host/benchlearn. No Streamlit here.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from benchlearn.settings import REPO_ROOT

URL_SETTING = "BENCHLEARN_USERDATA_URL"
DEFAULT_FILE = REPO_ROOT / "data" / "userdata.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE = "userdata_write"  # execution option: this transaction will write
BUSY_MS = 30_000  # how long a SQLite writer waits for another one before giving up
MIGRATION_LOCK = 0x62656E63  # PostgreSQL advisory lock id ("benc"): one migrator at a time

CONNECT_SECONDS = 5  # a server that does not answer must not hang every page
RETRY_SECONDS = 30.0  # after a failure, say "unavailable" at once for this long

_lock = threading.Lock()
_engines: dict[str, Engine] = {}
_migrated: set[str] = set()
_failed: dict[str, tuple[float, str]] = {}  # url -> (when, message)


class UserDataUnavailable(RuntimeError):
    """The user-data database cannot be opened (bad URL, server down, unknown driver)."""


def userdata_url() -> str:
    """The configured URL, or the default SQLite file."""
    return os.environ.get(URL_SETTING) or f"sqlite:///{DEFAULT_FILE}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_engine(url: str) -> Engine:
    """SQLite with WAL (readers never block the writer) and IMMEDIATE write transactions:
    a writer takes the lock when it begins, so two writers queue instead of one failing
    with "database is locked" when it upgrades a read lock halfway through."""
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": BUSY_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            f"busy_timeout={BUSY_MS}",
            "foreign_keys=ON",
            "synchronous=NORMAL",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        writing = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def create(url: str) -> Engine:
    """A new engine for `url` (not migrated; get_engine shares and migrates)."""
    try:
        if make_url(url).get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_size=5,
            max_overflow=5,
            connect_args={"connect_timeout": CONNECT_SECONDS},
        )
    except Exception as exc:  # bad URL or missing driver: say which setting to fix
        raise UserDataUnavailable(f"{URL_SETTING}: cannot use {safe_url(url)}: {exc}") from exc


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable URL>"


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: the setting), migrated to the newest schema."""
    url = url or userdata_url()
    with _lock:
        failed = _failed.get(url)
        if failed and time.monotonic() - failed[0] < RETRY_SECONDS:
            raise UserDataUnavailable(failed[1])
        try:
            if url not in _engines:
                _engines[url] = create(url)
            engine = _engines[url]
            if url not in _migrated:
                migrate(engine)
                _migrated.add(url)
        except Exception as exc:
            message = str(exc)
            if not isinstance(exc, UserDataUnavailable):
                message = f"{URL_SETTING}: cannot open {safe_url(url)}: {exc}"
            _failed[url] = (time.monotonic(), message)
            raise UserDataUnavailable(message) from exc
        _failed.pop(url, None)
    return engine


def dispose(url: str | None = None) -> None:
    """Forget an engine (tests; a changed setting)."""
    url = url or userdata_url()
    with _lock:
        engine = _engines.pop(url, None)
        _migrated.discard(url)
        _failed.pop(url, None)
    if engine is not None:
        engine.dispose()


def alembic_config(connection):
    """Alembic's configuration without an alembic.ini (imported here: it is slow to load)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` in one transaction. Several app servers may start at
    once: on PostgreSQL an advisory lock lets one migrate while the others wait; on SQLite
    the IMMEDIATE transaction does the same."""
    from alembic import command

    with engine.execution_options(**{WRITE: True}).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        command.upgrade(alembic_config(connection), revision)


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on any error."""
    writer = engine.execution_options(**{WRITE: True})
    with Session(writer, expire_on_commit=False) as session, session.begin():
        yield session
