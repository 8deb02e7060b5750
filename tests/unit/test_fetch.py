"""`python -m benchlearn fetch` end to end against the stub PxWeb server (loopback only):
success, splitting, 429, server errors, time-outs, malformed JSON, a renamed dimension, a
revision between two fetches, all-or-nothing, and a later build that keeps what was fetched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from benchlearn.catalogue import load_catalogue
from benchlearn.cli import main
from benchlearn.db import connect, run
from benchlearn.fetch import (
    FetchError,
    check,
    default_tables_path,
    download,
    fetch,
    select_tables,
)
from benchlearn.formatting import THIN
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.fetch_mapping import MappingIncomplete, load_mappings
from benchlearn.ingest.pxweb_client import (
    HttpError,
    MalformedResponse,
    MappingMismatch,
    PxWebClient,
    Unreachable,
)
from benchlearn.settings import load_settings
from tests.app.conftest import APP, navigation_only
from tests.pxweb_fetch_stub import (
    STUB_PATHS,
    TreeStub,
    add_irs031,
    add_npv010,
    add_trs020,
    irs031_value,
    variable,
)
from tests.pxweb_stub import FakeTime

CATALOGUE = load_settings().catalogue_path


@pytest.fixture
def stub():
    with TreeStub() as server:
        yield server


@pytest.fixture
def fake():
    return FakeTime()


@pytest.fixture
def work(tmp_path, built_db) -> Path:
    """A private copy of the reference warehouse, and room for fetched files."""
    shutil.copy(built_db, tmp_path / "benchlearn.duckdb")
    return tmp_path


def client_for(stub, fake, **kw) -> PxWebClient:
    kw.setdefault("timeout", 5.0)
    kw.setdefault("backoff", 0.01)
    return PxWebClient(base_url=stub.base_url, sleep=fake.sleep, clock=fake.clock, **kw)


def do_fetch(stub, fake, work: Path, tables, lines: list | None = None, client=None, **kw):
    return fetch(
        tables,
        client=client or client_for(stub, fake),
        database=work / "benchlearn.duckdb",
        fetched_dir=work / "fetched",
        progress=(lines if lines is not None else []).append,
        **kw,
    )


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_checksums(path: Path) -> dict[str, str]:
    return {p.name: checksum(p) for p in sorted(path.glob("*"))} if path.exists() else {}


def value(db: Path, unit: str, indicator: str, year: int):
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT value FROM observations WHERE unit_id = ? AND indicator = ? AND year = ?",
            [unit, indicator, year],
        ).fetchone()
    return None if row is None else row[0]


def query(db: Path, sql: str, params=None) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).df()


def cell(area: str, indicator: str, year: int) -> float | None:
    return irs031_value({"AREA": area, "INDICATOR": indicator, "TIME": str(year)}, {})


def test_fetch_places_country_regions_and_local_governments(stub, fake, work):
    add_irs031(stub, updated="2025-11-13T08:00:00Z")
    add_trs020(stub)
    lines: list[str] = []
    outcome = do_fetch(stub, fake, work, ["IRS031", "TRS020"], lines)
    db = work / "benchlearn.duckdb"

    # Latvia from the official figure, a 2024 region by its name, the 43 by ATVK
    assert value(db, "LV", "population_start_of_year", 2024) == cell("LV", "POP_SY", 2024)
    assert value(db, "SR2024-RIGA", "live_births", 2020) == cell("LV00A", "LBIRTH", 2020)
    assert value(db, "LV005", "deaths", 2013) == cell("LV005", "DEATH", 2013)
    assert value(db, "LV0001000", "net_migration", 2016) == cell("LV0001000", "MIGR_NET", 2016)
    assert value(db, "LV0020000", "population_avg", 2024) == 28446  # the real export's value
    town = cell("LV0031010", "POP_SY", 2024)  # a town: on the town unit (issue 19)
    assert value(db, "LV0031010", "population_start_of_year", 2024) == town
    assert value(db, "LV", "road_total_km", 2024) == 57564  # TRS020, real values
    assert value(db, "SR2024-KURZEME", "road_state_km", 2024) is not None
    # derived indicators now reach every local government
    assert value(db, "LV0001000", "births_per_1000", 2020) == pytest.approx(
        cell("LV0001000", "LBIRTH", 2020) / cell("LV0001000", "POP_SY", 2020) * 1000
    )

    row = query(
        db,
        "SELECT o.*, f.updated, f.retrieved AS fetched_at, f.area FROM observations o "
        "JOIN fetched_values f USING (unit_id, indicator, year) "
        "WHERE unit_id = 'LV0001000' AND indicator = 'live_births' AND year = 2020",
    ).iloc[0]
    assert row["source_id"] == "pxweb_irs031" and row["source_file"] == "fetched/IRS031.csv"
    assert "table updated 2025-11-13" in row["source_title"]
    assert row["updated"] == "2025-11-13T08:00:00Z" and row["area"] == "LV0001000"
    assert row["retrieved"] == outcome.run[:10] and row["fetched_at"].startswith(outcome.run[:10])

    log = query(db, "SELECT * FROM fetch_log ORDER BY table_code")
    assert list(log["table_code"]) == ["IRS031", "TRS020"]
    assert log.set_index("table_code").loc["TRS020", "path"] == STUB_PATHS["TRS020"]  # located
    assert list(log["verified"]) == [False, True]  # IRS031: grade B; TRS020: a real export
    assert (log["changed"] == 0).all()
    sources = query(db, "SELECT * FROM sources WHERE format = 'pxweb_api'").set_index("table_code")
    assert sources.loc["IRS031", "values_loaded"] > 3000
    assert sources.loc["IRS031", "ignored"] == 0  # the town's values are the town's now
    assert sources.loc["TRS020", "retrieved"] == outcome.run[:10]
    tables = query(db, "SELECT source_tables FROM indicators WHERE code = 'live_births'")
    assert "IRS031" in tables.iloc[0, 0]
    credited = query(db, "SELECT source_ids FROM indicators WHERE code = 'population_avg'")
    assert list(credited.iloc[0, 0]) == ["pxweb_irs031"]  # the export's figures all replaced
    conflicts = query(db, "SELECT * FROM merge_conflicts WHERE unit_id = 'LV'")
    assert not conflicts.empty and set(conflicts["kept"]) == {"fetched"}  # facts are older

    assert sorted(p.name for p in (work / "fetched").iterdir()) == [
        "IRS031.csv",
        "TRS020.csv",
        "fetch_log.csv",
        "revisions.csv",
    ]
    assert any(
        line.startswith("IRS031: the table matches its mapping (UNVERIFIED") for line in lines
    )
    assert any("TRS020: found at TRA/TRS/TRS020" in line for line in lines)
    assert any(line.startswith("IRS031: 3,901 values") for line in lines)


def pull(client, tables: list[str], since: int | None = None):
    """Check and download only (no merge): what the client brings back."""
    mappings, areas = load_mappings(default_tables_path(), load_catalogue(CATALOGUE))
    chosen = select_tables(mappings, tables)
    plans = check(client, chosen, {"TRS020": STUB_PATHS["TRS020"]}, since, lambda _: None)
    return download(client, plans, areas, since, lambda _: None)


def test_large_queries_are_split(stub, fake):
    stub.cell_limit = 1500  # the server refuses more (403); the client halves and retries
    add_irs031(stub)
    (refused,) = pull(client_for(stub, fake, cell_limit=100_000), ["IRS031"])
    assert refused.chunks > 1 and refused.values == 3901
    assert not refused.rows.duplicated(["area", "indicator", "year"]).any()
    posted = [body for method, _, body in stub.log if method == "POST"]
    assert len(posted) > refused.chunks  # the refused ones too
    (planned,) = pull(client_for(stub, fake, cell_limit=800), ["IRS031"])  # split up front
    assert planned.chunks >= 6 and planned.values == 3901
    key = ["area", "indicator", "year"]
    pd.testing.assert_frame_equal(
        refused.rows.sort_values(key, ignore_index=True)[[*key, "value"]],
        planned.rows.sort_values(key, ignore_index=True)[[*key, "value"]],
    )


def test_rate_limit_and_a_passing_server_error_are_retried(stub, fake):
    add_irs031(stub, fail_429=2, retry_after="3")
    add_trs020(stub, fail_500=1, faults_on="data")
    fetched = pull(client_for(stub, fake), ["IRS031", "TRS020"])
    assert [t.values for t in fetched] == [3901, 588]
    assert fake.sleeps.count(3.0) == 2  # Retry-After honoured
    assert stub.tables[STUB_PATHS["TRS020"]].requests["POST"] == 2


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"fail_500": 9, "faults_on": "data"}, HttpError, "temporarily unavailable"),
        ({"delay": 1.0, "faults_on": "data"}, Unreachable, "timed out"),
        ({"malformed": 1, "faults_on": "data"}, MalformedResponse, "not valid JSON"),
        (
            {"rename": {"INDICATOR": "INDIKATORS"}},
            MappingMismatch,
            "no dimension named 'INDICATOR'",
        ),
    ],
    ids=["server-error", "time-out", "malformed-json", "renamed-dimension"],
)
def test_failures_stop_the_run_and_change_nothing(stub, fake, work, options, error, message):
    add_irs031(stub, **options)
    db = work / "benchlearn.duckdb"
    before = checksum(db)
    client = client_for(stub, fake, timeout=0.3, retries=1)
    with pytest.raises(error, match=message) as info:
        do_fetch(stub, fake, work, ["IRS031"], client=client)
    assert "IRS031" in str(info.value) or stub.base_url in str(info.value)
    assert checksum(db) == before
    assert not (work / "fetched").exists()
    assert not list(work.glob(".fetched.staging-*"))


def test_a_failing_second_table_leaves_everything_as_it_was(stub, fake, work):
    add_irs031(stub)
    add_trs020(stub)
    do_fetch(stub, fake, work, ["TRS020"])  # an earlier, good fetch
    db, fetched = work / "benchlearn.duckdb", work / "fetched"
    before, files = checksum(db), tree_checksums(fetched)
    add_npv010(stub, fail_500=9, faults_on="data")
    with pytest.raises(HttpError, match="HTTP 500"):
        do_fetch(stub, fake, work, ["IRS031", "NPV010"], client=client_for(stub, fake, retries=1))
    assert checksum(db) == before and tree_checksums(fetched) == files
    assert value(db, "LV0001000", "live_births", 2020) is None  # IRS031 did not get in


def test_a_failing_merge_leaves_everything_as_it_was(stub, fake, work):
    table = add_irs031(stub)
    area = table.variables[1]
    area["valueTexts"][area["values"].index("LV0020000")] = "Riga"  # code and name disagree
    db = work / "benchlearn.duckdb"
    before = checksum(db)
    with pytest.raises(SourceError, match="AREA LV0020000 is named 'Riga'"):
        do_fetch(stub, fake, work, ["IRS031"])
    assert checksum(db) == before
    assert not (work / "fetched").exists() and not list(work.glob(".fetched.staging-*"))


def test_a_revision_between_two_fetches_is_logged(stub, fake, work):
    add_irs031(stub, updated="2025-11-13T08:00:00Z")
    first = do_fetch(stub, fake, work, ["IRS031"])
    new_value = cell("LV0020000", "POP_SY", 2024) + 17
    add_irs031(  # CSP recalculates 2024 and withdraws one figure
        stub,
        {("LV0020000", "POP_SY", "2024"): new_value, ("LV0021000", "DEATH", "2023"): None},
        updated="2026-02-01T08:00:00Z",
    )
    lines: list[str] = []
    second = do_fetch(stub, fake, work, ["IRS031"], lines, since=2020)
    db = work / "benchlearn.duckdb"
    assert second.tables[0].changed == 1 and second.tables[0].removed == 1
    assert value(db, "LV0020000", "population_start_of_year", 2024) == new_value
    assert value(db, "LV0021000", "deaths", 2023) is None
    assert value(db, "LV0020000", "population_start_of_year", 2012) is not None  # kept (--since)

    revisions = pd.read_csv(work / "fetched" / "revisions.csv").sort_values("new_value")
    assert len(revisions) == 2
    changed = revisions.iloc[0]
    assert (changed["area"], changed["indicator"], changed["year"]) == (
        "LV0020000",
        "population_start_of_year",
        2024,
    )
    assert changed["old_value"] == new_value - 17 and changed["new_value"] == new_value
    assert changed["old_retrieved"] == first.run and changed["retrieved"] == second.run
    assert changed["old_updated"] == "2025-11-13T08:00:00Z"
    assert changed["updated"] == "2026-02-01T08:00:00Z"
    assert any("1 values changed, 1 withdrawn" in line for line in lines)

    con = connect(db)
    status = run(con, "fetch_status").set_index("table_code").loc["IRS031"]
    assert (status["fetches"], status["changed"], status["removed"]) == (2, 1, 1)
    assert status["revisions"] == 2 and status["updated"] == "2026-02-01T08:00:00Z"
    shown = run(con, "fetch_revisions")
    assert set(shown["unit_lv"]) == {"Aizkraukles novads", "Alūksnes novads"}
    con.close()


def test_the_data_page_shows_each_fetch_and_its_changes(stub, fake, work, monkeypatch):
    add_irs031(stub)
    do_fetch(stub, fake, work, ["IRS031"])
    add_irs031(stub, {("LV0020000", "POP_SY", "2024"): 1.0})
    do_fetch(stub, fake, work, ["IRS031"])
    monkeypatch.setenv("BENCHLEARN_DB", str(work / "benchlearn.duckdb"))
    navigation_only(monkeypatch)
    old = f"{cell('LV0020000', 'POP_SY', 2024):,.0f}"
    for lang, heading, changed, before, number in (
        ("lv", "Ielāde no CSP datubāzes", "Mainītas vērtības", "Iepriekš", old.replace(",", THIN)),
        ("en", "Fetched from CSP's database", "Values changed", "Before", old),
    ):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update({"lang": lang})
        at.run()
        at.switch_page("pages/data.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert heading in [h.value for h in at.header]
        status = next(f.value for f in at.dataframe if changed in f.value.columns)
        assert status.iloc[0][changed] == 1
        revisions = next(f.value for f in at.dataframe if before in f.value.columns)
        assert revisions.iloc[0][before] == number


def test_a_later_build_keeps_the_fetched_values(stub, fake, work, sources_dir, built_db):
    add_irs031(stub)
    do_fetch(stub, fake, work, ["IRS031"])
    rebuilt = work / "rebuilt.duckdb"
    code = main(
        ["build", "--db", str(rebuilt), "--sources", str(sources_dir)]
        + ["--fetched", str(work / "fetched")]
    )
    assert code == 0
    assert value(rebuilt, "LV0001000", "live_births", 2020) == cell("LV0001000", "LBIRTH", 2020)
    assert len(query(rebuilt, "SELECT * FROM fetch_log")) == 1
    assert value(built_db, "LV0001000", "live_births", 2020) is None  # built without them


def test_new_indicators_exist_only_once_fetched(stub, fake, work):
    reference = query(work / "benchlearn.duckdb", "SELECT code FROM indicators")
    assert "employed_residents" not in set(reference["code"])
    add_npv010(stub)
    do_fetch(stub, fake, work, ["NPV010"])
    db = work / "benchlearn.duckdb"
    codes = set(query(db, "SELECT code FROM indicators")["code"])
    assert {"employed_residents", "value_added_eur", "value_added_per_resident_eur"} <= codes
    assert "unemployment_rate_pct" not in codes  # EKA011 was not fetched
    assert value(db, "LV0020000", "value_added_per_resident_eur", 2020) > 0


def test_an_unverified_mapping_that_does_not_match_fails_loudly(stub, fake, work):
    table = add_npv010(stub)
    table.variables[0]["valueTexts"][3] = "Value added, thousand euro"
    with pytest.raises(MappingMismatch, match='no value "Value added, euro"') as info:
        do_fetch(stub, fake, work, ["NPV010"])
    assert info.value.table == "NPV010" and info.value.dimension == "ContentsCode"
    assert stub.count("POST") == 0  # stopped before any data was asked for


def test_an_incomplete_mapping_shows_the_live_metadata(stub, fake, work):
    stub.add_table(
        "POP/IR/IRS/RIG061",
        [
            variable("AREA", "Territorial unit", ["LV", "LV0001000"], ["Latvia", "Riga"]),
            variable("TIME", "Time period", ["2021", "2022"], time=True),
        ],
        [1.0, 2.0, 3.0, 4.0],
        title="SYNTHETIC stand-in for RIG061",
    )
    with pytest.raises(MappingIncomplete, match='AREA "Territorial unit": LV "Latvia"'):
        do_fetch(stub, fake, work, ["rig061"])


def test_command_line_reports_a_stopped_fetch(stub, work, capsys):
    db = work / "benchlearn.duckdb"
    before = checksum(db)
    args = ["fetch", "IRS031", "--base-url", stub.base_url, "--db", str(db)]
    assert main([*args, "--fetched", str(work / "fetched")]) == 1  # the stub has no IRS031
    err = capsys.readouterr().err
    assert "Fetch stopped: HTTP 404" in err and "Nothing was changed" in err
    assert checksum(db) == before
    with pytest.raises(FetchError, match="unknown table"):
        fetch(["XYZ999"], base_url=stub.base_url, database=db, fetched_dir=work / "fetched")
