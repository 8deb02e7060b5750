"""Roles and the audit log on SQLite and PostgreSQL (the fixtures of test_userdata.py):
every write path refused on the server side to a reader, a contributor of another
municipality and someone signed out, with nothing changed and the refusal audited; the
coordinator's, contributor's and administrator's writes audited with old and new values; the
log refusing UPDATE and DELETE in the database; the first administrator."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from benchlearn.userdata import db
from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from benchlearn.userdata.repository import Forbidden, InvalidInput, NetworkInput, PracticeInput
from tests.unit.test_userdata import pg_server, url  # noqa: F401 (fixtures)
from tests.userdata_support import (
    ADMIN,
    COORDINATOR,
    OTHER_UNIT,
    PRACTICE_UNIT,
    at_once,
    engine_with_roles,
    with_roles,
)


@pytest.fixture
def engine(url) -> Engine:  # noqa: F811
    return engine_with_roles(url)


@pytest.fixture
def world(engine) -> dict[str, int]:
    """One of each record, written by the administrator."""
    net = repo.create_network(engine, NetworkInput(name_lv="Sintētisks tīkls"), by=ADMIN)
    view = repo.save_view(engine, net, "Skats", "", "", {"ind": "population_avg"}, by=ADMIN)
    deck = repo.create_deck(engine, net, "Prezentācija", [view], by=ADMIN)
    practice = repo.create_practice(
        engine, PracticeInput(title_lv="Sintētiska prakse", unit_id=PRACTICE_UNIT), by=ADMIN
    )
    coordinator = next(g.id for g in repo.list_grants(engine) if g.role == "coordinator")
    return {"net": net, "view": view, "deck": deck, "practice": practice, "grant": coordinator}


# Every write in the system: (action as audited, the call)
WRITES = {
    "network.create": lambda e, w, by: repo.create_network(e, NetworkInput(name_lv="X"), by=by),
    "network.update": lambda e, w, by: repo.update_network(
        e, w["net"], NetworkInput(name_lv="Y"), by=by
    ),
    "network.members": lambda e, w, by: repo.add_members(e, w["net"], ["LV0001000"], by=by),
    "network.delete": lambda e, w, by: repo.delete_network(e, w["net"], by=by),
    "view.save": lambda e, w, by: repo.save_view(e, w["net"], "T", "", "", {}, by=by),
    "view.update": lambda e, w, by: repo.update_view(e, w["view"], "T2", "n", by=by),
    "view.delete": lambda e, w, by: repo.delete_view(e, w["view"], by=by),
    "deck.create": lambda e, w, by: repo.create_deck(e, w["net"], "D", [], by=by),
    "deck.update": lambda e, w, by: repo.set_slides(e, w["deck"], [], by=by),
    "deck.update/append": lambda e, w, by: repo.append_slide(e, w["deck"], w["view"], by=by),
    "deck.note": lambda e, w, by: repo.set_deck_note(e, w["deck"], w["view"], "Jautājums", by=by),
    "deck.delete": lambda e, w, by: repo.delete_deck(e, w["deck"], by=by),
    "practice.create": lambda e, w, by: repo.create_practice(
        e, PracticeInput(title_lv="P", unit_id=PRACTICE_UNIT), by=by
    ),
    "practice.update": lambda e, w, by: repo.update_practice(
        e, w["practice"], PracticeInput(title_lv="P2", unit_id=PRACTICE_UNIT), by=by
    ),
    "practice.delete": lambda e, w, by: repo.delete_practice(e, w["practice"], by=by),
    "role.grant": lambda e, w, by: repo.grant_role(e, "new@example.test", "coordinator", by=by),
    "role.revoke": lambda e, w, by: repo.revoke_role(e, w["grant"], by=by),
}


def snapshot(engine: Engine) -> tuple:
    """Everything a write could change, except the audit log."""
    nets = repo.list_networks(engine)
    return (
        nets,
        [repo.list_views(engine, n.id) for n in nets],
        [repo.list_decks(engine, n.id) for n in nets],
        [repo.deck_notes(engine, d.id) for n in nets for d in repo.list_decks(engine, n.id)],
        repo.list_practices(engine),
        repo.list_grants(engine),
    )


@pytest.mark.parametrize("who", ["reader", "contributor_other", "signed_out"])
@pytest.mark.parametrize("path", list(WRITES))
def test_every_write_is_refused_without_the_role(engine, world, who, path):
    actor = with_roles(engine)[who]
    before, log_before = snapshot(engine), len(repo.list_audit(engine))
    with pytest.raises(Forbidden):
        WRITES[path](engine, world, actor)
    assert snapshot(engine) == before  # nothing applied
    log = repo.list_audit(engine)
    assert len(log) == log_before + 1
    entry = log[0]
    assert entry["decision"] == "refused" and entry["action"] == path.split("/")[0]
    assert entry["actor"] == actor.principal
    assert ("not signed in" in entry["reason"]) == (who == "signed_out")


@pytest.mark.parametrize("path", [p for p in WRITES if not p.startswith("role.")])
def test_a_coordinator_may_write_and_each_write_is_audited(engine, world, path):
    WRITES[path](engine, world, COORDINATOR)
    entry = repo.list_audit(engine)[0]
    assert (entry["actor"], entry["actor_name"]) == (COORDINATOR.principal, COORDINATOR.name)
    assert (entry["action"], entry["decision"]) == (path.split("/")[0], "done")
    assert entry["at"] is not None
    if path.endswith((".update", ".delete")) and path != "deck.update":
        assert entry["old_value"]  # the record as it was
    if path.endswith((".create", ".save", ".update")):
        assert entry["new_value"]


@pytest.mark.parametrize("path", ["role.grant", "role.revoke"])
def test_a_coordinator_may_not_assign_roles(engine, world, path):
    with pytest.raises(Forbidden):
        WRITES[path](engine, world, COORDINATOR)


def test_the_audit_log_keeps_old_and_new_values(engine, world):
    repo.update_network(
        engine, world["net"], NetworkInput(name_lv="Jauns nosaukums"), by=COORDINATOR
    )
    entry = repo.list_audit(engine)[0]
    assert entry["old_value"]["name_lv"] == "Sintētisks tīkls"
    assert entry["new_value"]["name_lv"] == "Jauns nosaukums"
    assert entry["target"] == "network" and entry["target_id"] == str(world["net"])


def test_a_contributor_writes_practices_of_their_own_municipality_only(engine, world):
    own = Actor("own@example.test", "Sintētisks ziņotājs")
    repo.grant_role(engine, own.principal, "contributor", PRACTICE_UNIT, by=ADMIN)
    made = repo.create_practice(
        engine, PracticeInput(title_lv="Mana prakse", unit_id=PRACTICE_UNIT), by=own
    )
    repo.update_practice(
        engine, made, PracticeInput(title_lv="Mana prakse 2", unit_id=PRACTICE_UNIT), by=own
    )
    for data in (
        PracticeInput(title_lv="Pārvietota", unit_id=OTHER_UNIT),  # moved to another one
        PracticeInput(title_lv="Valsts mērogā"),  # a national entry
    ):
        with pytest.raises(Forbidden):
            repo.update_practice(engine, made, data, by=own)
        with pytest.raises(Forbidden):
            repo.create_practice(engine, data, by=own)
    with pytest.raises(Forbidden):
        repo.create_network(engine, NetworkInput(name_lv="X"), by=own)
    repo.delete_practice(engine, made, by=own)
    assert repo.get_practice(engine, made) is None


def test_roles_are_granted_and_revoked_with_their_trail(engine):
    ident = repo.grant_role(
        engine, " Someone@Example.TEST ", "contributor", OTHER_UNIT, by=ADMIN, reason="datu ziņas"
    )
    grant = next(g for g in repo.list_grants(engine) if g.id == ident)
    assert (grant.principal, grant.role, grant.unit_id) == (
        "someone@example.test",
        "contributor",
        OTHER_UNIT,
    )
    assert grant.granted_by == ADMIN.principal
    with pytest.raises(InvalidInput) as error:
        repo.grant_role(engine, "someone@example.test", "contributor", OTHER_UNIT, by=ADMIN)
    assert error.value.code == "role_exists"
    repo.revoke_role(engine, ident, by=ADMIN, reason="vairs nestrādā")
    log = repo.list_audit(engine)
    assert [e["action"] for e in log[:2]] == ["role.revoke", "role.grant"]
    assert log[0]["old_value"]["principal"] == "someone@example.test"
    assert log[0]["reason"] == "vairs nestrādā" and log[1]["reason"] == "datu ziņas"


@pytest.mark.parametrize(
    ("principal", "role", "unit", "code"),
    [
        ("<script>alert(1)</script>@x.lv", "coordinator", "", "principal"),
        ("not an address", "coordinator", "", "principal"),
        ("a@example.test", "owner", "", "role"),
        ("a@example.test", "contributor", "", "required"),
        ("a@example.test", "contributor", "LV1; DROP TABLE roles", "code"),
    ],
)
def test_bad_grants_are_refused_with_a_reason(engine, principal, role, unit, code):
    with pytest.raises(InvalidInput) as error:
        repo.grant_role(engine, principal, role, unit, by=ADMIN)
    assert error.value.code == code


def test_the_last_administrator_stays(engine):
    (only,) = [g for g in repo.list_grants(engine) if g.role == "admin"]
    with pytest.raises(InvalidInput) as error:
        repo.revoke_role(engine, only.id, by=ADMIN)
    assert error.value.code == "last_admin"
    second = repo.grant_role(engine, "second@example.test", "admin", by=ADMIN)
    repo.revoke_role(engine, only.id, by=ADMIN)  # now there is another one
    assert [g.id for g in repo.list_grants(engine) if g.role == "admin"] == [second]


def test_the_first_administrator_comes_from_the_setting_only_while_there_is_none(url):  # noqa: F811
    engine = db.get_engine(url)
    first, late = Actor("first@example.test"), Actor("late@example.test")
    setting = ["first@example.test", "late@example.test"]
    assert not repo.bootstrap_admin(engine, Actor("stranger@example.test"), setting)
    assert repo.bootstrap_admin(engine, first, setting)
    assert not repo.bootstrap_admin(engine, first, setting)  # already one
    assert not repo.bootstrap_admin(engine, late, setting)  # an administrator exists
    assert [(g.principal, g.role) for g in repo.list_grants(engine)] == [
        ("first@example.test", "admin")
    ]
    entry = repo.list_audit(engine)[0]
    assert (entry["action"], entry["actor"]) == ("role.grant", "first@example.test")
    assert "first administrator" in entry["reason"]


def test_the_audit_log_is_append_only_in_the_database(engine, world):
    assert repo.list_audit(engine)
    for statement in ("UPDATE audit_log SET reason = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    assert all(e["reason"] != "x" for e in repo.list_audit(engine))


def test_two_administrators_granting_the_same_role_at_once(engine):
    results = at_once(lambda: repo.grant_role(engine, "twice@example.test", "reader", by=ADMIN))
    made = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, InvalidInput)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].code == "role_exists"
    assert [g.principal for g in repo.list_grants(engine)].count("twice@example.test") == 1
