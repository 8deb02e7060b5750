"""The SQL console against the real warehouse: reads work, everything else is refused or
stopped with a reason, no answer shows a server path, a query cannot take more memory than
its limit, and the database file is byte-for-byte the same afterwards."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import duckdb
import pytest

from benchlearn import sqlconsole as sc
from benchlearn.settings import REPO_ROOT, load_settings

LANGS = ("lv", "en")

SLOW = "SELECT sum(hash(range)) FROM range(10000000000::bigint)"
HUGE_JOIN = "SELECT count(*) FROM range(1e9::bigint) a, range(1e9::bigint) b"


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def db(built_db):
    """The shared warehouse, with its checksum checked after every test of this module."""
    before = checksum(built_db)
    yield built_db
    assert checksum(built_db) == before, "the console changed the database file"


@pytest.fixture(autouse=True)
def unchanged(db):
    before = checksum(db)
    yield
    assert checksum(db) == before
    assert not list(db.parent.glob("*.wal")), "a write-ahead log appeared"


def test_a_read_query_returns_a_frame(db):
    result = sc.run(db, "SELECT indicator, count(*) AS n FROM observations GROUP BY 1 ORDER BY 1")
    assert result.frame.columns.tolist() == ["indicator", "n"]
    assert len(result.frame) > 10 and not result.truncated


def test_latvian_text_in_quotes_is_fine(db):
    sql = "SELECT name_lv AS \"Pašvaldība\" FROM units WHERE name_lv = 'Ādažu novads' -- komentārs"
    assert sc.run(db, sql).frame.iloc[0, 0] == "Ādažu novads"


def test_with_describe_show_and_summarize_are_reads(db):
    for sql in (
        "WITH x AS (SELECT 1 AS a) SELECT * FROM x",
        "FROM units LIMIT 1",
        "DESCRIBE observations",
        "SHOW TABLES",
        "SUMMARIZE indicators",
        "VALUES (1, 'ā')",
        "SELECT 1;",
    ):
        assert not sc.run(db, sql).frame.empty, sql


def test_row_limit(db):
    result = sc.run(db, "SELECT * FROM range(5000)", row_limit=100)
    assert len(result.frame) == 100 and result.truncated


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("-- only a comment", "empty"),
        ("SELECT 1; SELECT 2", "multiple"),
        ("SELECT 1; DROP TABLE observations", "multiple"),
        ("DROP TABLE observations", "not_select"),
        ("DELETE FROM observations", "not_select"),
        ("UPDATE indicators SET decimals = 9", "not_select"),
        ("INSERT INTO meta VALUES ('x', 'y')", "not_select"),
        ("CREATE TABLE t AS SELECT 1", "not_select"),
        ("CREATE TEMP TABLE t AS SELECT 1", "not_select"),
        ("ATTACH '/tmp/other.duckdb' AS other", "not_select"),
        ("DETACH warehouse", "not_select"),
        ("COPY observations TO '/tmp/stolen.csv'", "not_select"),
        ("EXPORT DATABASE '/tmp/dump'", "not_select"),
        ("INSTALL httpfs", "not_select"),
        ("LOAD httpfs", "not_select"),
        ("PRAGMA database_list", "not_select"),
        ("SET threads = 64", "not_select"),
        ("RESET memory_limit", "not_select"),
        ("SET enable_external_access = true", "not_select"),
        ("CALL checkpoint()", "not_select"),
        ("CHECKPOINT", "not_select"),
        ("BEGIN TRANSACTION", "not_select"),
        ("USE memory", "not_select"),
        ("EXPLAIN SELECT 1", "not_select"),
        ("PIVOT units ON kind USING count(*)", "not_select"),
        ("UPDATE EXTENSIONS", "not_select"),  # a type the Python binding cannot name
        ("WITH d AS (DELETE FROM meta RETURNING *) SELECT * FROM d", "read_only"),
        ("WITH u AS (UPDATE meta SET value = 'x' RETURNING *) FROM u", "read_only"),
        ("SELECT * FROM read_csv('/etc/passwd')", "denied"),
        ("SELECT * FROM read_text('/etc/passwd')", "denied"),
        ("SELECT * FROM read_blob('/etc/shadow')", "denied"),
        ("SELECT * FROM read_json('/etc/passwd')", "denied"),
        ("SELECT * FROM read_parquet('/tmp/x.parquet')", "denied"),
        ("SELECT * FROM glob('/etc/*')", "denied"),
        ("SELECT * FROM sniff_csv('/etc/passwd')", "denied"),
        ("SELECT * FROM 'https://example.com/data.csv'", "denied"),
        ("SELECT * FROM query('ATTACH ''/tmp/x.duckdb''')", "failed"),
        ("SELECT * FROM query('SELECT 1; SELECT 2')", "failed"),
        ("SELECT * FROM force_checkpoint()", "failed"),
        ("SELECT getenv('HOME')", "failed"),
        ("SELECT * FROM nowhere", "failed"),
        ("SELEC 1", "syntax"),
        ("SELECT 1；SELECT 2", "non_ascii"),  # full-width semicolon
        ("SELECT 1 ；", "non_ascii"),
        ("SEL\u200bECT 1", "invisible"),  # zero-width space
        ("SELECT 1\u200b; DROP TABLE units", "invisible"),
        ("SELECT 1 -- \u202e hidden", "invisible"),  # right-to-left override, even in comments
        ("SELECT '\u0000'", "invisible"),
        ("SЕLECT 1", "non_ascii"),  # Cyrillic Е
        ("SELECT * FROM оbservations", "non_ascii"),  # Cyrillic о
        ("ＳＥＬＥＣＴ 1", "non_ascii"),  # full-width letters
        ("DROP\u00a0TABLE units", "non_ascii"),  # no-break space
        ("SELECT 1 " + "-" * 6000, "too_long"),
    ],
)
def test_hostile_input_is_refused_with_a_reason(db, sql, code):
    with pytest.raises(sc.ConsoleError) as refused:
        sc.run(db, sql)
    assert refused.value.code == code, refused.value
    if code in ("non_ascii", "invisible"):
        assert "U+" in refused.value.detail and ":" in refused.value.detail  # which and where


def test_a_slow_query_is_stopped_at_the_time_limit(db):
    with pytest.raises(sc.ConsoleError) as stopped:
        sc.run(db, SLOW, time_limit=0.5)
    assert stopped.value.code == "timeout"
    assert sc.run(db, "SELECT 42 AS answer").frame.iloc[0, 0] == 42  # the next one runs


def test_a_huge_cross_join_is_stopped(db):
    with pytest.raises(sc.ConsoleError) as stopped:
        sc.run(db, HUGE_JOIN, time_limit=2)
    assert stopped.value.code in ("timeout", "memory")


def test_a_huge_result_is_cut_by_memory_or_time_not_the_server(db):
    with pytest.raises(sc.ConsoleError) as stopped:
        sc.run(db, "SELECT list(range) FROM range(2000000000::bigint)", time_limit=2)
    assert stopped.value.code in ("timeout", "memory")


def test_at_most_two_queries_at_once(db):
    codes: list[str] = []

    def slow() -> None:
        try:
            sc.run(db, SLOW, time_limit=1.5)
        except sc.ConsoleError as error:
            codes.append(error.code)

    threads = [threading.Thread(target=slow) for _ in range(sc.MAX_RUNNING + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == ["busy", "timeout", "timeout"]


def test_the_connection_is_locked_down(db):
    con = sc.connect(db)
    try:
        settings = dict(con.execute("SELECT name, value FROM duckdb_settings()").fetchall())
        assert {name: settings[name] for name in LOCKED} == LOCKED
        assert settings["memory_limit"] == DUCKDB_LIMIT  # 3/4 of 512 MB: 366.2 MiB
        # the query runs on an in-memory copy: the warehouse file is not attached at all
        databases = con.execute("SELECT database_name, path FROM duckdb_databases()").fetchall()
        assert ("warehouse", None) in databases
        assert all(path is None for _, path in databases)
        assert con.execute("SELECT count(*) FROM observations").fetchone()[0] > 1000
    finally:
        con.close()


DUCKDB_LIMIT = f"{sc.MEMORY_MB * 3 // 4 * 10**6 / 2**20:.1f} MiB"
LOCKED = {
    "enable_external_access": "false",
    "lock_configuration": "true",
    "autoload_known_extensions": "false",
    "autoinstall_known_extensions": "false",
    "temp_directory": "",
    "max_temp_directory_size": "0 bytes",
    "threads": "1",
    "allowed_paths": "[]",
    "allowed_directories": "[]",
}


@pytest.mark.parametrize(
    "statement",
    [
        "SET memory_limit = '100GB'",
        "SET GLOBAL memory_limit = '100GB'",
        "RESET memory_limit",
        "PRAGMA memory_limit = '100GB'",
        "SET threads = 8",
        "SET max_temp_directory_size = '100GB'",
        "SET temp_directory = '/tmp/spill'",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        "SET allowed_paths = ['/etc/passwd']",
    ],
)
def test_a_statement_cannot_raise_the_limits(db, statement):
    """Refused twice: by the console's parser check, and by DuckDB's locked configuration
    should it ever get there."""
    with pytest.raises(sc.ConsoleError) as refused:
        sc.run(db, statement)
    assert refused.value.code == "not_select"
    con = sc.connect(db)
    try:
        with pytest.raises(duckdb.Error, match="locked|Cannot change"):
            con.execute(statement)
        settings = dict(con.execute("SELECT name, value FROM duckdb_settings()").fetchall())
        assert {name: settings[name] for name in LOCKED} == LOCKED
        assert settings["memory_limit"] == DUCKDB_LIMIT
    finally:
        con.close()


def test_the_memory_limit_is_set_by_the_environment(monkeypatch):
    for value, expected in (("1024", 1024), ("64", 128), ("lots", 512), ("", 512)):
        monkeypatch.setenv("BENCHLEARN_SQL_MEMORY_MB", value)
        assert sc._memory_mb() == expected, value
    monkeypatch.delenv("BENCHLEARN_SQL_MEMORY_MB")
    assert sc._memory_mb() == sc.DEFAULT_MEMORY_MB == 512


def vm_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


# each grew the server process by 1-4 GB when DuckDB's memory_limit was the only limit
TWO_GB_WORKLOADS = [
    "SELECT regexp_replace(repeat('a', 100000000), 'a', 'bb', 'g')",
    "SELECT string_agg(x::VARCHAR, ',') FROM generate_series(1, 200000000) t(x)",
    "SELECT list(x) FROM range(500000000) t(x)",
    "SELECT length(repeat('ab', 500000000) || 'x')",
    "SELECT length(regexp_replace(repeat('a', 400000000), 'a', 'bb', 'g'))",
    "SELECT length(lpad('x', 2000000000, 'y'))",
]


@pytest.mark.parametrize("sql", TWO_GB_WORKLOADS)
def test_a_2gb_workload_is_stopped_and_the_server_does_not_grow(db, sql):
    before = vm_rss_mb()
    with pytest.raises(sc.ConsoleError) as stopped:
        sc.run(db, sql)
    grown = vm_rss_mb() - before
    assert stopped.value.code in ("memory", "timeout"), stopped.value
    assert grown < sc.MEMORY_MB + 300, f"the server grew by {grown:.0f} MB"
    worker = stopped.value.memory_mb
    assert worker is None or worker < sc.MEMORY_MB + 300, f"the worker grew by {worker:.0f} MB"
    words = {"memory": ("atmiņas", "memory"), "timeout": ("sekundēm", "seconds")}
    for lang, word in zip(("lv", "en"), words[stopped.value.code], strict=True):
        text = sc.error_text(stopped.value, lang)
        assert word in text and "{" not in text, text
    assert stopped.value.detail in (str(sc.MEMORY_MB), f"{sc.TIME_LIMIT:g}")


def test_other_sessions_are_served_while_a_2gb_workload_runs(db):
    """The heavy query runs in a worker of its own: another console query (in another
    session's thread) completes meanwhile, and the server's memory stays where it was."""
    before = vm_rss_mb()
    outcome: dict[str, object] = {}

    def heavy() -> None:
        try:
            sc.run(db, TWO_GB_WORKLOADS[0])
        except sc.ConsoleError as error:
            outcome["error"] = error
        outcome["ended"] = time.monotonic()

    thread = threading.Thread(target=heavy)
    thread.start()
    answered = []
    while thread.is_alive():
        result = sc.run(db, "SELECT count(*) AS n FROM units")
        if thread.is_alive():
            answered.append(int(result.frame.iloc[0, 0]))
    thread.join()
    assert answered and answered[0] > 100, "no other query completed while the heavy one ran"
    assert outcome["error"].code in ("memory", "timeout")
    assert vm_rss_mb() - before < sc.MEMORY_MB + 300


def test_an_uninterruptible_function_is_stopped_at_the_time_limit(db):
    """One regexp_replace call never looks at DuckDB's interrupt: the worker is killed."""
    sql = "SELECT length(regexp_replace(repeat('a', 20000000), 'a', 'bb', 'g'))"
    start = time.monotonic()
    with pytest.raises(sc.ConsoleError) as stopped:
        sc.run(db, sql, time_limit=0.3)
    assert stopped.value.code == "timeout" and stopped.value.detail == "0.3"
    assert time.monotonic() - start < 0.3 + sc.GRACE + 3
    assert sc.run(db, "SELECT 42 AS answer").frame.iloc[0, 0] == 42


def test_a_result_too_large_to_send_is_refused(db):
    with pytest.raises(sc.ConsoleError) as refused:
        sc.run(db, "SELECT repeat('x', 1000000) AS big FROM range(40)")
    assert refused.value.code == "too_big" and refused.value.detail == str(sc.MAX_RESULT_MB)


def secrets(db: Path) -> list[str]:
    """Every server path a console answer must not show."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        meta = [v for (v,) in con.execute("SELECT value FROM meta").fetchall() if "/" in v]
    finally:
        con.close()
    paths = {str(db), str(db.parent), str(db.resolve()), str(REPO_ROOT), str(Path.home())}
    paths |= {str(load_settings().sources_dir), str(Path(duckdb.__file__).parent)}
    assert len(meta) >= 2  # the sources directory and the catalogue
    return sorted(paths | set(meta), key=len, reverse=True)


def path_queries(db: Path) -> list[str]:
    return [
        "SELECT * FROM duckdb_databases()",
        "SELECT database_name, path FROM duckdb_databases() WHERE path IS NOT NULL",
        "SELECT * FROM pragma_database_size()",
        "SELECT name, value FROM duckdb_settings()",
        "SELECT current_setting('home_directory'), current_setting('temp_directory')",
        "SELECT current_setting('secret_directory'), current_setting('extension_directory')",
        "SELECT current_setting('allowed_paths'), current_setting('allowed_directories')",
        "SELECT current_setting('file_search_path'), current_setting('log_query_path')",
        "SELECT * FROM duckdb_extensions()",
        "SELECT * FROM duckdb_secrets()",
        "SELECT * FROM duckdb_temporary_files()",
        "SELECT * FROM information_schema.schemata",
        "SELECT * FROM duckdb_schemas()",
        "SELECT * FROM duckdb_views()",
        "SELECT * FROM meta",
        "SELECT key, reverse(value) FROM meta",
        "SELECT key, to_base64(value::BLOB) FROM meta",
        "SELECT key, replace(value, '/', '|') FROM meta",
        "SELECT key, upper(value) FROM meta",
        "SELECT string_agg(value, '') AS joined FROM meta",
        'SELECT value AS "/x/y", key FROM meta',
        "SELECT * FROM fetch_log",
        "SELECT DISTINCT source_file FROM observations",
        "SELECT path FROM sources",
        "SELECT now()",  # a Python traceback in DuckDB's message (pytz is not installed)
        "SELECT getenv('HOME')",
        "SELECT * FROM pragma_user_agent()",
        "SELECT * FROM which_secret('s3://bucket/key', 's3')",
        f"SELECT * FROM read_blob('{db}')",
        f"SELECT * FROM read_csv('{db.parent}/*.csv')",
        f"SELECT * FROM '{db}'",
        f"SELECT * FROM glob('{db.parent}/*')",
        "SELECT * FROM read_text('~/.bashrc')",
        "SELECT * FROM no_such_table",
        "PRAGMA database_list",
        f"ATTACH '{db}' AS again",
    ]


def test_no_answer_shows_a_server_path(db):
    hidden = secrets(db)
    queries = path_queries(db)
    assert len(queries) >= 15
    for sql in queries:
        try:
            result = sc.run(db, sql)
        except sc.ConsoleError as error:
            texts = [error.detail] + [sc.error_text(error, lang) for lang in LANGS]
        else:
            frame = result.frame
            texts = [str(c) for c in frame.columns]
            texts += [str(v) for v in frame.to_numpy().ravel()]
        for text in texts:
            for path in hidden:
                assert path not in text, f"{sql!r} shows {path!r}: {text[:300]!r}"


def test_the_examples_show_no_server_path(db):
    hidden = secrets(db)
    for example in sc.examples():
        frame = sc.run(db, example.sql).frame
        text = " ".join([*map(str, frame.columns), *map(str, frame.to_numpy().ravel())])
        assert not [p for p in hidden if p in text or p in example.sql], example.name


def test_paths_are_hidden_but_urls_and_text_are_not(db):
    hide = ["/srv"]
    assert sc.scrub("/srv/app/data/x.duckdb", hide) == "[…]"
    assert sc.scrub("in /srv: x", hide) == "in […]: x"
    assert sc.scrub("see '/home/ann/x.csv'", hide) == "see '[…]'"
    assert sc.scrub("https://data.stat.gov.lv/pxweb/en/OSP_PUB/", hide) == (
        "https://data.stat.gov.lv/pxweb/en/OSP_PUB/"
    )
    assert sc.scrub("km/h, EUR / 1000, 2021/2022, raw/csp/a.csv", hide) == (
        "km/h, EUR / 1000, 2021/2022, raw/csp/a.csv"
    )
    frame = sc.run(db, "SELECT 'https://data.stat.gov.lv/a/b' AS url, 'raw/x/y.csv' AS f").frame
    assert frame.iloc[0].tolist() == ["https://data.stat.gov.lv/a/b", "raw/x/y.csv"]


def test_nested_and_binary_values_become_text(db):
    frame = sc.run(db, "SELECT [1, 2] AS l, {'a': 1} AS s, 'x'::BLOB AS b, 1 AS n, 2 AS n").frame
    assert frame.columns.tolist() == ["l", "s", "b", "n", "n (2)"]
    assert frame.iloc[0, 0] == "[1, 2]" and frame.iloc[0, 3] == 1


def test_every_example_runs(db):
    examples = sc.examples()
    assert len(examples) >= 4
    for example in examples:
        assert example.title("lv") != example.name and example.title("en") != example.name
        assert not sc.run(db, example.sql).frame.empty, example.name


def test_a_missing_database_is_a_message(tmp_path):
    with pytest.raises(sc.ConsoleError) as missing:
        sc.run(tmp_path / "nope.duckdb", "SELECT 1")
    assert missing.value.code == "no_database"
