"""Update from CSP on the Data page, in AppTest against the stub PxWeb server on 127.0.0.1: an
administrator runs a dry run (what would change: new values, a revision old -> new, no new
indicators), applies it (the warehouse gets the value), and finds the run in the log and the
audit log; a coordinator and someone signed out get no controls; a start by a
non-administrator is refused on the server even when the page offers it; a second start while
one runs is told so; an unreachable service and a changed table say what to do."""

from __future__ import annotations

import shutil
import time

import pytest

from benchlearn import update
from benchlearn.fetch import fetch
from benchlearn.ingest.pxweb_client import PxWebClient
from benchlearn.userdata import repository as repo
from benchlearn.userdata.repository import Forbidden
from tests.app.conftest import texts
from tests.app.test_seminar_pages import app, store  # noqa: F401 (fixtures)
from tests.pxweb_fetch_stub import TreeStub, add_irs031
from tests.unit.test_fetch import value
from tests.userdata_support import ADMIN, COORDINATOR

DATA = "pages/data.py"
UNIT, YEAR = "LV0020000", "2024"  # Aizkraukles novads
REVISED = 12_345.0


@pytest.fixture
def stub():
    with TreeStub() as server:
        yield server


@pytest.fixture
def csp(tmp_path, built_db, stub, monkeypatch):
    """A private warehouse with IRS031 fetched once, the stub then revising one value; the app
    (whose `app` fixture set BENCHLEARN_DB first) reads this warehouse and asks the stub."""
    db, fetched = tmp_path / "benchlearn.duckdb", tmp_path / "fetched"
    shutil.copy(built_db, db)
    add_irs031(stub)
    fetch(
        ["IRS031"],
        client=PxWebClient(base_url=stub.base_url, max_requests=1000),
        database=db,
        fetched_dir=fetched,
        progress=lambda _: None,
    )
    add_irs031(stub, {(UNIT, "POP_SY", YEAR): REVISED})
    stub.reset_counts()
    monkeypatch.setattr(update, "UPDATER", update.Updater())
    yield db, fetched


@pytest.fixture
def served(app, csp, monkeypatch, stub):  # noqa: F811
    db, fetched = csp
    monkeypatch.setenv("BENCHLEARN_DB", str(db))
    monkeypatch.setenv("BENCHLEARN_FETCHED", str(fetched))
    monkeypatch.setenv("BENCHLEARN_PXWEB_URL", stub.base_url)
    return app


def population(db) -> float:
    return value(db, UNIT, "population_start_of_year", int(YEAR))


def settle(at):
    """Rerun the page until the background update has finished (the browser polls)."""
    deadline = time.monotonic() + 60
    while update.UPDATER.job is not None and update.UPDATER.job.running:
        assert time.monotonic() < deadline, update.UPDATER.job.lines
        time.sleep(0.1)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at, key: str):
    (found,) = [b for b in at.button if b.key == key]
    return found


def frame_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_an_administrator_runs_a_dry_run_then_applies_it(served, store, csp, stub, lang):  # noqa: F811
    db, fetched = csp
    before = population(db)
    at = served(DATA, user=ADMIN, lang=lang)
    title = "Update from CSP" if lang == "en" else "Atjaunināt no CSP"
    assert title in [s.value for s in at.subheader]
    tables = at.multiselect(key="upd_tables")
    shown = "grade A · verified" if lang == "en" else "pakāpe A · pārbaudīta"
    assert f"TRS020 · {shown}" in tables.options and len(tables.options) == 13
    assert button(at, "upd_dry_run").disabled  # nothing chosen yet
    tables.set_value(["IRS031"]).run()
    button(at, "upd_dry_run").click().run()
    at = settle(at)

    job = update.UPDATER.job
    assert job.kind == "plan" and job.state == "done", job.lines
    assert job.counts["changed"] == 1 and job.counts["new_indicators"] == 0
    plan = frame_with(at, "Revised" if lang == "en" else "Pārskatītas")
    assert plan.iloc[0].tolist()[0] == "IRS031" and plan.iloc[0].tolist()[3] == "1"
    change = frame_with(at, "Old → new" if lang == "en" else "Iepriekš → tagad")
    assert change.iloc[0, -1].endswith("12,345" if lang == "en" else "12\u202f345")
    assert population(db) == before  # a dry run changes nothing
    assert stub.count("POST") == 1

    button(at, "upd_apply").click().run()
    at = settle(at)
    assert update.UPDATER.job.kind == "apply" and update.UPDATER.job.state == "done"
    assert population(db) == REVISED
    shown = " ".join(s.value for s in at.success)
    assert ("Updated" if lang == "en" else "Atjaunināts") in shown and "IRS031" in shown
    history = frame_with(at, "Outcome" if lang == "en" else "Rezultāts")
    outcome = history.iloc[:, 4].tolist()
    assert outcome == (
        ["applied", "dry run done"] if lang == "en" else ["atjaunināts", "izmēģināts"]
    )
    assert history.iloc[0, 1] == ADMIN.name
    assert [r["outcome"] for r in update.read_log(fetched / update.LOG_NAME)] == [
        "applied",
        "planned",
    ]
    steps = [
        (e["action"], e["target_id"], e["decision"], e["actor"])
        for e in repo.list_audit(store)[:4][::-1]
    ]
    assert steps == [
        ("data.update", step, "done", ADMIN.principal)
        for step in ("plan", "planned", "apply", "applied")
    ]
    assert repo.list_audit(store)[1]["new_value"]["plan"]["changed"] == 1  # the plan applied


@pytest.mark.parametrize("who", [None, COORDINATOR])
def test_nobody_else_gets_the_controls(served, store, who):  # noqa: F811
    at = served(DATA, user=who, auth=True)
    assert "Atjaunināt no CSP" in [s.value for s in at.subheader]
    expected = (
        "Atjaunināt datus no CSP var tikai administratori."
        if who
        else "Administratori pēc pierakstīšanās šeit var atjaunināt"
    )
    assert expected in texts(at)
    assert not [m for m in at.multiselect if m.key == "upd_tables"]
    assert not [b for b in at.button if (b.key or "").startswith("upd_")]


def test_a_start_by_a_non_administrator_is_refused_on_the_server(
    served,  # noqa: F811
    store,  # noqa: F811
    stub,
    monkeypatch,
):
    from benchlearn.userdata import widgets

    monkeypatch.setattr(widgets, "may", lambda action, *units: True)  # a page that offers it
    at = served(DATA, user=COORDINATOR)
    at.multiselect(key="upd_tables").set_value(["IRS031"]).run()
    button(at, "upd_dry_run").click().run()
    assert [e.value for e in at.error] == ["Jūsu lomai tas nav atļauts; nekas netika mainīts."]
    assert update.UPDATER.job is None and stub.request_count == 0
    (entry,) = [e for e in repo.list_audit(store) if e["action"] == "data.update"]
    assert (entry["actor"], entry["decision"]) == (COORDINATOR.principal, "refused")
    with pytest.raises(Forbidden):
        update.UPDATER.start_plan(store, ["IRS031"], by=COORDINATOR)


def test_a_second_start_is_told_that_one_is_running(served, store, monkeypatch):  # noqa: F811
    release = __import__("threading").Event()

    def slow_plan(tables, progress, steps):
        release.wait(10)
        return []

    monkeypatch.setattr(update, "UPDATER", update.Updater(plan=slow_plan))
    other = repo.grant_role(store, "second.admin@example.test", "admin", by=ADMIN)
    assert other
    update.UPDATER.start_plan(store, ["TRS020"], by=ADMIN)
    try:
        from benchlearn.userdata.access import Actor

        second = Actor("second.admin@example.test", "Otrs administrators")
        at = served(DATA, user=second)
        assert "Izmēģinājums notiek — sāka Sintētisks administrators" in texts(at)
        assert not [b for b in at.button if b.key == "upd_dry_run"]  # progress, not a form
        with pytest.raises(update.Busy):
            update.UPDATER.start_plan(store, ["IRS031"], by=second)
        busy = repo.list_audit(store)[0]
        assert (busy["target_id"], busy["actor"]) == ("busy", second.principal)
    finally:
        release.set()
        update.UPDATER.thread.join(10)


def test_an_unreachable_service_says_what_to_do(served, store, monkeypatch, csp):  # noqa: F811
    db, fetched = csp
    monkeypatch.setenv("BENCHLEARN_PXWEB_URL", "http://127.0.0.1:9/api/v1")  # nothing listens
    at = served(DATA, user=ADMIN)
    at.multiselect(key="upd_tables").set_value(["IRS031"]).run()
    button(at, "upd_dry_run").click().run()
    at = settle(at)
    error = " ".join(e.value for e in at.error)
    assert "CSP datubāze nav sasniedzama" in error and "Nekas netika mainīts" in error
    assert update.read_log(fetched / update.LOG_NAME)[0]["outcome"] == "failed"
    assert repo.list_audit(store)[0]["target_id"] == "failed"
    assert [b for b in at.button if b.key == "upd_dry_run"]  # a new try is offered


def test_a_changed_table_names_table_dimension_and_code(served, store, stub):  # noqa: F811
    table = add_irs031(stub)
    table.rename["INDICATOR"] = "MEASURE"  # CSP renamed a dimension
    at = served(DATA, user=ADMIN, lang="en")
    at.multiselect(key="upd_tables").set_value(["IRS031"]).run()
    button(at, "upd_dry_run").click().run()
    at = settle(at)
    error = " ".join(e.value for e in at.error)
    assert "table IRS031 no longer matches its mapping" in error
    assert "dimension INDICATOR" in error and "fetch --check" in error
