"""Contributions in the user-data database, on SQLite and PostgreSQL (the fixtures of
test_userdata.py): staging, one staged upload per municipality, decisions, versions and
revert, contributed indicators; every write refused to a reader, a contributor of another
municipality and someone signed out, nothing changed and the refusal audited; two approvals
at once both reach the warehouse (a real build, benchlearn.contribute)."""

from __future__ import annotations

import threading

import duckdb
import pytest
from sqlalchemy.engine import Engine

from benchlearn import contribute
from benchlearn.settings import load_settings
from benchlearn.userdata import contributions as ct
from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from benchlearn.userdata.repository import Forbidden, InvalidInput
from tests.unit.test_userdata import pg_server, url  # noqa: F401 (fixtures)
from tests.userdata_support import (
    ADMIN,
    COORDINATOR,
    OTHER_UNIT,
    at_once,
    engine_with_roles,
    with_roles,
)

UNIT = "LV0052000"  # the contributor's municipality in these tests
SECOND = "LV0054000"
OWN = Actor("own-data@example.test", "Sintētisks datu ziņotājs")
VALUES = [
    ct.StagedValue("population_start_of_year", 2024, 30000.0, None, "<b>piezīme</b>"),
    ct.StagedValue("live_births", 2024, 245.0, 240.0, ""),
]


@pytest.fixture
def engine(url) -> Engine:  # noqa: F811
    engine = engine_with_roles(url)
    repo.grant_role(engine, OWN.principal, "contributor", UNIT, by=ADMIN)
    repo.grant_role(engine, OWN.principal, "contributor", SECOND, by=ADMIN)
    return engine


@pytest.fixture
def paths(tmp_path, sources_dir) -> contribute.Paths:
    settings = load_settings()
    return contribute.Paths(
        sources_dir,
        tmp_path / "w.duckdb",
        settings.catalogue_path,
        tmp_path / "fetched",
        tmp_path / "contributed",
    )


def state(engine: Engine) -> tuple:
    return (
        ct.listing(engine),
        ct.current(engine)[0].to_dict("records"),
        ct.list_indicators(engine),
    )


def test_staging_keeps_values_and_refuses_a_second_upload(engine):
    ident = ct.stage(engine, UNIT, VALUES, by=OWN, indicator_set="population", file_name="t.csv")
    info = ct.get(engine, ident)
    assert (info.status, info.unit_id, len(info.values)) == ("staged", UNIT, 2)
    assert info.values[0].note == "<b>piezīme</b>"  # stored as typed; escaped where shown
    with pytest.raises(InvalidInput) as error:
        ct.stage(engine, UNIT, VALUES, by=OWN)
    assert error.value.code == "contrib_staged"
    ct.stage(engine, SECOND, VALUES, by=OWN)  # another municipality may have its own
    assert ct.current(engine)[0].empty  # staged, never in force
    entry = repo.list_audit(engine)[0]
    assert (entry["action"], entry["decision"]) == ("contribution.submit", "done")


@pytest.mark.parametrize("who", ["reader", "contributor_other", "signed_out", "coordinator"])
def test_every_contribution_write_is_refused_without_the_role(engine, who, paths):
    actor = with_roles(engine)[who]
    staged = ct.stage(engine, UNIT, VALUES, by=OWN)
    first = ct.stage(engine, SECOND, VALUES, by=OWN)
    contribute.approve(engine, first, by=ADMIN, paths=paths)
    version = ct.history(engine, SECOND)[0].id
    definition = ct.IndicatorDefinition("svc_test", "Tests", "Test", "gab.", "pcs", theme="culture")
    writes = {
        "contribution.submit": lambda: ct.stage(engine, UNIT, VALUES, by=actor),
        "contribution.withdraw": lambda: ct.withdraw(engine, staged, by=actor),
        "contribution.approve": lambda: contribute.approve(engine, staged, by=actor, paths=paths),
        "contribution.reject": lambda: ct.reject(engine, staged, "nē", by=actor),
        "value.revert": lambda: contribute.revert(engine, version, by=actor, paths=paths),
        "indicator.define": lambda: ct.define_indicator(
            engine, definition, by=actor, themes=["culture"], taken=[]
        ),
    }
    warehouse = paths.database.stat().st_mtime_ns
    for action, write in writes.items():
        before, log = state(engine), len(repo.list_audit(engine))
        with pytest.raises(Forbidden):
            write()
        assert state(engine) == before, action
        entry = repo.list_audit(engine)[0]
        assert len(repo.list_audit(engine)) == log + 1
        assert (entry["action"], entry["decision"]) == (action, "refused")
    assert paths.database.stat().st_mtime_ns == warehouse  # never rebuilt


def test_approval_builds_the_value_in_with_its_marker_and_versions(engine, paths):
    ident = ct.stage(engine, UNIT, VALUES, by=OWN)
    applied = contribute.approve(engine, ident, by=ADMIN, paths=paths)
    assert applied.values == 2
    assert ct.get(engine, ident).status == "approved"
    with duckdb.connect(str(paths.database), read_only=True) as con:
        value, flags, title = con.execute(
            "SELECT value, flags, source_title FROM observations WHERE unit_id = $u "
            "AND indicator = 'population_start_of_year' AND year = 2024",
            {"u": UNIT},
        ).fetchone()
    assert value == 30000.0 and flags.startswith("contributed,approved:")
    assert "Tukuma novads" in title and "approved" in title
    assert (paths.contributed / "values.csv").is_file()  # a later `make data` keeps it
    # a later approval supersedes; revert restores the first as a new version
    later = ct.stage(
        engine, UNIT, [ct.StagedValue("population_start_of_year", 2024, 31000.0)], by=OWN
    )
    contribute.approve(engine, later, by=ADMIN, paths=paths)
    versions = ct.history(engine, UNIT, "population_start_of_year", 2024)
    assert [v.value for v in versions] == [31000.0, 30000.0]
    contribute.revert(engine, versions[1].id, by=ADMIN, reason="kļūda", paths=paths)
    versions = ct.history(engine, UNIT, "population_start_of_year", 2024)
    assert [v.value for v in versions] == [30000.0, 31000.0, 30000.0]
    assert versions[0].reverts_to == versions[2].id
    with duckdb.connect(str(paths.database), read_only=True) as con:
        assert con.execute(
            "SELECT value FROM observations WHERE unit_id = $u AND year = 2024 "
            "AND indicator = 'population_start_of_year'",
            {"u": UNIT},
        ).fetchone() == (30000.0,)
    actions = [e["action"] for e in repo.list_audit(engine)[:3]]
    assert actions == ["value.revert", "contribution.approve", "contribution.submit"]


def test_reject_needs_a_reason_and_a_decision_is_made_once(engine, paths):
    ident = ct.stage(engine, UNIT, VALUES, by=OWN)
    with pytest.raises(InvalidInput):
        ct.reject(engine, ident, "  ", by=ADMIN)
    ct.reject(engine, ident, "Skaitļi neatbilst pārskatam", by=ADMIN)
    assert ct.get(engine, ident).reason == "Skaitļi neatbilst pārskatam"
    with pytest.raises(InvalidInput) as error:
        contribute.approve(engine, ident, by=ADMIN, paths=paths)
    assert error.value.code == "contrib_decided"
    assert not paths.database.exists()  # nothing built for a refused approval
    ct.stage(engine, UNIT, VALUES, by=OWN)  # the municipality may upload again


def test_a_coordinator_decides_a_network_submission_only(engine, paths):
    plain = ct.stage(engine, UNIT, VALUES, by=OWN)
    with pytest.raises(Forbidden):
        ct.reject(engine, plain, "nē", by=COORDINATOR)
    ct.withdraw(engine, plain, by=OWN)
    networked = ct.stage(engine, UNIT, VALUES, by=OWN, indicator_set="net:1", network_id=1)
    ct.reject(engine, networked, "nē", by=COORDINATOR)
    assert ct.get(engine, networked).status == "rejected"


def test_a_failed_build_undoes_the_approval(engine, paths):
    bad = ct.stage(engine, UNIT, [ct.StagedValue("no_such_indicator", 2024, 1.0)], by=OWN)
    with pytest.raises(Exception, match="unknown unit or indicator"):
        contribute.approve(engine, bad, by=ADMIN, paths=paths)
    assert ct.get(engine, bad).status == "staged"
    assert ct.current(engine)[0].empty and not paths.database.exists()


def test_a_contributed_indicator_enters_the_catalogue_with_its_first_value(engine, paths):
    definition = ct.IndicatorDefinition(
        "svc_waiting_days",
        "Gaidīšanas dienas",
        "Waiting days",
        "dienas",
        "days",
        "Vidējais gaidīšanas laiks",
        "Average waiting time",
        "lower_better",
        "culture",
        1,
    )
    ct.define_indicator(engine, definition, by=ADMIN, themes=["culture"], taken=["area_km2"])
    with pytest.raises(InvalidInput):
        ct.define_indicator(engine, definition, by=ADMIN, themes=["culture"], taken=[])
    with pytest.raises(InvalidInput):
        ct.define_indicator(
            engine,
            ct.IndicatorDefinition("area_km2", "x", "x", "x", "x", theme="culture"),
            by=ADMIN,
            themes=["culture"],
            taken=["area_km2"],
        )
    ident = ct.stage(engine, UNIT, [ct.StagedValue("svc_waiting_days", 2025, 12.5)], by=OWN)
    contribute.approve(engine, ident, by=ADMIN, paths=paths)
    with duckdb.connect(str(paths.database), read_only=True) as con:
        assert con.execute(
            "SELECT kind, name_en FROM indicators WHERE code = 'svc_waiting_days'"
        ).fetchone() == ("contributed", "Waiting days")


def test_two_approvals_at_once_both_reach_the_warehouse(engine, paths):
    first = ct.stage(engine, UNIT, VALUES[:1], by=OWN)
    second = ct.stage(engine, SECOND, VALUES[:1], by=OWN)
    errors: list[BaseException] = []

    def run(ident: int) -> None:
        try:
            contribute.approve(engine, ident, by=ADMIN, paths=paths)
        except BaseException as exc:  # collected: a thread's exception would be lost
            errors.append(exc)

    workers = [threading.Thread(target=run, args=(i,)) for i in (first, second)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not errors
    with duckdb.connect(str(paths.database), read_only=True) as con:
        units = con.execute(
            "SELECT list(unit_id ORDER BY unit_id) FROM observations "
            "WHERE flags LIKE 'contributed,%'"
        ).fetchone()[0]
    assert units == sorted([UNIT, SECOND])


def test_the_same_contribution_approved_twice_at_once_counts_once(engine, paths):
    ident = ct.stage(engine, UNIT, VALUES, by=OWN)
    results = at_once(lambda: contribute.approve(engine, ident, by=ADMIN, paths=paths))
    done = [r for r in results if isinstance(r, contribute.Applied)]
    refused = [r for r in results if isinstance(r, InvalidInput)]
    assert len(done) == 1 and len(refused) == 1, results
    assert len(ct.history(engine, UNIT)) == 2  # one version per value, not two


def test_other_units_contributor_cannot_stage(engine):
    with pytest.raises(Forbidden):
        ct.stage(engine, UNIT, VALUES, by=with_roles(engine)["contributor_other"])
    ct.stage(engine, OTHER_UNIT, VALUES, by=with_roles(engine)["contributor_other"])
