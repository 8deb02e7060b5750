"""Improvement actions (issue 21, part 3) on SQLite and PostgreSQL (the fixtures of
test_userdata.py): written by a coordinator, an administrator or a contributor of the
action's municipality, checked and audited in the writing transaction; refused as reader,
as another municipality's contributor and signed out, with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from benchlearn.userdata.repository import ActionInput, Forbidden, InvalidInput, NetworkInput
from tests.unit.test_userdata import pg_server, url  # noqa: F401 (fixtures)
from tests.userdata_support import (
    ADMIN,
    COORDINATOR,
    OTHER_UNIT,
    PRACTICE_UNIT,
    engine_with_roles,
    with_roles,
)

ACTION = ActionInput(
    unit_id=PRACTICE_UNIT,
    title="Bibliotēku atvēršanas laiki",
    indicators=("population_avg", "population_density"),
    start=dt.date(2021, 3, 1),
    link="https://example.lv/plans.pdf",
)
OWN = Actor("own@example.test", "Sintētisks ziņotājs")


@pytest.fixture
def engine(url) -> Engine:  # noqa: F811
    engine = engine_with_roles(url)
    repo.grant_role(engine, OWN.principal, "contributor", PRACTICE_UNIT, by=ADMIN)
    return engine


def test_the_migration_makes_the_actions_table(engine):
    columns = {c["name"] for c in inspect(engine).get_columns("improvement_actions")}
    assert columns == {
        "id",
        "unit_id",
        "title",
        "indicators",
        "start_date",
        "end_date",
        "link",
        "network_id",
        "created_by",
        "created_at",
        "updated_at",
    }


def test_an_action_is_recorded_read_changed_and_deleted_with_its_trail(engine):
    net = repo.create_network(engine, NetworkInput(name_lv="Sintētisks tīkls"), by=ADMIN)
    ident = repo.create_action(engine, ACTION, by=COORDINATOR)
    (got,) = repo.list_actions(engine, [PRACTICE_UNIT])
    assert (got.id, got.title, got.indicators, got.start, got.end) == (
        ident,
        ACTION.title,
        ACTION.indicators,
        dt.date(2021, 3, 1),
        None,
    )
    assert got.created_by == COORDINATOR.principal
    assert repo.list_actions(engine, [OTHER_UNIT]) == []
    entry = repo.list_audit(engine)[0]
    assert (entry["action"], entry["target"], entry["decision"]) == (
        "improvement.create",
        "improvement",
        "done",
    )
    assert entry["new_value"]["start"] == "2021-03-01"

    changed = ActionInput(**{**ACTION.__dict__, "end": dt.date(2023, 12, 31), "network_id": net})
    repo.update_action(engine, ident, changed, by=OWN)
    got = repo.get_action(engine, ident)
    assert (got.end, got.network_id) == (dt.date(2023, 12, 31), net)
    entry = repo.list_audit(engine)[0]
    assert entry["action"] == "improvement.update" and entry["actor"] == OWN.principal
    assert entry["old_value"]["end"] is None and entry["new_value"]["end"] == "2023-12-31"

    repo.delete_network(engine, net, by=ADMIN)  # the action stays, without its network
    assert repo.get_action(engine, ident).network_id is None
    repo.delete_action(engine, ident, by=OWN)
    assert repo.get_action(engine, ident) is None
    assert repo.list_audit(engine)[0]["old_value"]["title"] == ACTION.title


WRITES = {
    "improvement.create": lambda e, ident, by: repo.create_action(e, ACTION, by=by),
    "improvement.update": lambda e, ident, by: repo.update_action(
        e, ident, ActionInput(**{**ACTION.__dict__, "title": "Cits"}), by=by
    ),
    "improvement.delete": lambda e, ident, by: repo.delete_action(e, ident, by=by),
}


@pytest.mark.parametrize("who", ["reader", "contributor_other", "signed_out"])
@pytest.mark.parametrize("path", list(WRITES))
def test_every_write_is_refused_without_the_role(engine, who, path):
    ident = repo.create_action(engine, ACTION, by=ADMIN)
    actor = with_roles(engine)[who]
    before = repo.list_actions(engine)
    with pytest.raises(Forbidden):
        WRITES[path](engine, ident, actor)
    assert repo.list_actions(engine) == before
    entry = repo.list_audit(engine)[0]
    assert (entry["action"], entry["decision"]) == (path, "refused")
    assert ("not signed in" in entry["reason"]) == (who == "signed_out")


def test_a_contributor_may_not_move_an_action_to_another_municipality(engine):
    ident = repo.create_action(engine, ACTION, by=OWN)
    moved = ActionInput(**{**ACTION.__dict__, "unit_id": OTHER_UNIT})
    with pytest.raises(Forbidden):
        repo.update_action(engine, ident, moved, by=OWN)
    with pytest.raises(Forbidden):
        repo.create_action(engine, moved, by=OWN)
    assert repo.get_action(engine, ident).unit_id == PRACTICE_UNIT


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"title": "  "}, "required"),
        ({"indicators": ()}, "required"),
        ({"unit_id": ""}, "required"),
        ({"indicators": ("x; DROP TABLE roles",)}, "code"),
        ({"start": None}, "required"),
        ({"start": "2021-01-01"}, "date"),
        ({"start": dt.datetime(2021, 1, 1, 12)}, "date"),
        ({"start": dt.date(1200, 1, 1)}, "year"),
        ({"end": dt.date(2020, 1, 1)}, "period"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "ftp://example.lv/plan"}, "link"),
        ({"title": "x" * 401}, "too_long"),
    ],
)
def test_bad_actions_are_refused_with_a_reason(engine, change, code):
    with pytest.raises(InvalidInput) as error:
        repo.create_action(engine, ActionInput(**{**ACTION.__dict__, **change}), by=ADMIN)
    assert error.value.code == code
    assert repo.list_actions(engine) == []
