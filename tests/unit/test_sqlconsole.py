"""The SQL console against the real warehouse: reads work, everything else is refused or
stopped with a reason, and the database file is byte-for-byte the same afterwards."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from benchlearn import sqlconsole as sc

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
        settings = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() WHERE name IN "
                "('enable_external_access', 'lock_configuration', "
                "'autoload_known_extensions', 'autoinstall_known_extensions', 'temp_directory')"
            ).fetchall()
        )
        assert settings == {
            "enable_external_access": "false",
            "lock_configuration": "true",
            "autoload_known_extensions": "false",
            "autoinstall_known_extensions": "false",
            "temp_directory": "",
        }
        readonly = con.execute(
            "SELECT readonly FROM duckdb_databases() WHERE database_name = 'warehouse'"
        ).fetchone()
        assert readonly == (True,)
    finally:
        con.close()


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
