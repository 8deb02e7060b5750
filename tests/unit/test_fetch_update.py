"""The Data page's update from CSP, below the page: fetch's progress steps (per table, per
request, then the merge), how a stopped run is explained, and the run log file."""

from __future__ import annotations

from benchlearn import update
from benchlearn.fetch import Step
from benchlearn.ingest.errors import SourceError
from benchlearn.ingest.pxweb_client import HttpError, MappingMismatch, Unreachable
from tests.pxweb_fetch_stub import add_irs031, add_trs020
from tests.unit import test_fetch as base
from tests.unit.test_fetch import do_fetch

stub, fake, work = base.stub, base.fake, base.work  # fixtures


def test_steps_go_table_by_table_then_request_by_request_then_merge(stub, fake, work):
    add_irs031(stub)
    add_trs020(stub)
    steps: list[Step] = []
    do_fetch(stub, fake, work, ["IRS031", "TRS020"], client=None, steps=steps.append)
    assert steps[:2] == [Step("metadata", "IRS031", 1, 2), Step("metadata", "TRS020", 2, 2)]
    data = [s for s in steps if s.phase == "data"]
    assert data[0] == Step("data", "IRS031", 1, 2, 0, 0)  # before its queries are known
    assert data[1] == Step("data", "IRS031", 1, 2, 1, 1)
    assert data[-1].table == "TRS020" and data[-1].done == data[-1].planned >= 1
    assert steps[-1] == Step("merge", "", 2, 2)


def test_progress_per_table_follows_the_steps():
    job = update.Job("plan", ("IRS031", "TRS020"), update.Actor("a@example.test"), "now")
    job.progress = {t: update.TableProgress(t) for t in job.tables}
    update.Updater._step(job, Step("metadata", "TRS020", 2, 2))
    assert [p.phase for p in job.progress.values()] == ["checked", "metadata"]
    update.Updater._step(job, Step("data", "TRS020", 2, 2, 1, 3))
    assert [(p.phase, p.done, p.planned) for p in job.progress.values()] == [
        ("done", 0, 0),
        ("data", 1, 3),
    ]
    update.Updater._step(job, Step("merge", "", 2, 2))
    assert {p.phase for p in job.progress.values()} == {"done"}


def test_a_stopped_run_is_sorted_for_people(tmp_path, monkeypatch):
    assert update.problem_of(Unreachable("cannot connect")).kind == "unreachable"
    mismatch = MappingMismatch("x", table="IRD041", dimension="SEX", codes=("SEX",))
    assert update.problem_of(mismatch) == update.Problem("mismatch", "x", "IRD041", "SEX", ("SEX",))
    assert update.problem_of(HttpError("slow down", status=429)).kind == "rate_limited"
    assert update.problem_of(HttpError("broken", status=500)).kind == "service"
    monkeypatch.setenv("BENCHLEARN_FETCHED", str(tmp_path / "fetched"))
    staged = tmp_path / ".fetched.staging-1" / "IRD041.csv"
    problem = update.problem_of(SourceError(staged, "unknown area", 3, "LV0057000"))
    assert (problem.kind, problem.table, problem.codes) == ("mismatch", "IRD041", ("LV0057000",))
    assert update.problem_of(ValueError("bug")).kind == "other"


def test_the_run_log_keeps_the_latest_first_and_skips_a_damaged_line(tmp_path):
    path = tmp_path / update.LOG_NAME
    update._append_log({"outcome": "planned"}, path)
    path.open("a").write("{not json\n")
    update._append_log({"outcome": "applied"}, path)
    assert [r["outcome"] for r in update.read_log(path)] == ["applied", "planned"]
    assert update.read_log(tmp_path / "none.jsonl") == []
