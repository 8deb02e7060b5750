"""Discussion notes per slide of a deck (issue 21) on SQLite and PostgreSQL (the fixtures of
test_userdata.py): kept by deck and view, so reordering keeps them; written only by a
coordinator or administrator, checked and audited in the writing transaction; gone with
the deck or the view."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from benchlearn.userdata import repository as repo
from benchlearn.userdata.repository import Forbidden, InvalidInput, NetworkInput, NotFound
from tests.unit.test_userdata import pg_server, url  # noqa: F401 (fixtures)
from tests.userdata_support import ADMIN, COORDINATOR, engine_with_roles, with_roles


@pytest.fixture
def engine(url) -> Engine:  # noqa: F811
    return engine_with_roles(url)


@pytest.fixture
def deck(engine) -> tuple[int, list[int]]:
    net = repo.create_network(engine, NetworkInput(name_lv="Sintētisks tīkls"), by=ADMIN)
    views = [repo.save_view(engine, net, f"Skats {i}", "", "", {}, by=ADMIN) for i in range(3)]
    return repo.create_deck(engine, net, "Sintētisks seminārs", views, by=ADMIN), views


def test_the_migration_makes_the_notes_table(engine):
    columns = {c["name"] for c in inspect(engine).get_columns("deck_notes")}
    assert columns == {"deck_id", "view_id", "text", "updated_by", "updated_at"}


def test_notes_are_kept_per_slide_and_survive_reordering(engine, deck):
    ident, views = deck
    assert repo.deck_notes(engine, ident) == {}
    repo.set_deck_note(engine, ident, views[0], "Kāpēc A kāpj?", by=COORDINATOR)
    repo.set_deck_note(engine, ident, views[2], "Jautāt B", by=ADMIN)
    repo.set_slides(engine, ident, [views[2], views[1], views[0]], by=ADMIN)
    assert repo.deck_notes(engine, ident) == {views[0]: "Kāpēc A kāpj?", views[2]: "Jautāt B"}
    repo.set_deck_note(engine, ident, views[0], "  Labots  ", by=COORDINATOR)
    assert repo.deck_notes(engine, ident)[views[0]] == "Labots"
    repo.set_deck_note(engine, ident, views[0], "", by=COORDINATOR)  # empty removes
    assert repo.deck_notes(engine, ident) == {views[2]: "Jautāt B"}


def test_each_note_write_is_audited_with_old_and_new(engine, deck):
    ident, views = deck
    repo.set_deck_note(engine, ident, views[1], "Pirmā", by=COORDINATOR)
    repo.set_deck_note(engine, ident, views[1], "Otrā", by=COORDINATOR)
    entry = repo.list_audit(engine)[0]
    assert (entry["action"], entry["target"], entry["decision"]) == ("deck.note", "deck", "done")
    assert entry["target_id"] == str(ident) and entry["actor"] == COORDINATOR.principal
    assert entry["old_value"] == {"view_id": views[1], "text": "Pirmā"}
    assert entry["new_value"] == {"view_id": views[1], "text": "Otrā"}


@pytest.mark.parametrize("who", ["reader", "contributor_other", "signed_out"])
def test_without_the_role_nothing_is_written_and_the_refusal_is_audited(engine, deck, who):
    ident, views = deck
    actor = with_roles(engine)[who]
    with pytest.raises(Forbidden):
        repo.set_deck_note(engine, ident, views[0], "Ne", by=actor)
    assert repo.deck_notes(engine, ident) == {}
    entry = repo.list_audit(engine)[0]
    assert (entry["action"], entry["decision"]) == ("deck.note", "refused")


def test_a_note_needs_a_slide_of_the_deck_and_a_bounded_text(engine, deck):
    ident, views = deck
    other = repo.create_deck(engine, repo.get_deck(engine, ident).network_id, "Cits", [], by=ADMIN)
    with pytest.raises(InvalidInput):
        repo.set_deck_note(engine, other, views[0], "Nav slaidā", by=ADMIN)
    with pytest.raises(NotFound):
        repo.set_deck_note(engine, 987654, views[0], "Nav", by=ADMIN)
    with pytest.raises(InvalidInput):
        repo.set_deck_note(engine, ident, views[0], "x" * (repo.MAX_TEXT + 1), by=ADMIN)
    assert repo.deck_notes(engine, ident) == {} and repo.deck_notes(engine, other) == {}


def test_notes_go_with_the_deck_and_with_the_view(engine, deck):
    ident, views = deck
    for view in views:
        repo.set_deck_note(engine, ident, view, f"Piezīme {view}", by=ADMIN)
    repo.delete_view(engine, views[0], by=ADMIN)
    assert set(repo.deck_notes(engine, ident)) == set(views[1:])
    repo.delete_deck(engine, ident, by=ADMIN)
    with engine.connect() as connection:  # removed by the database's cascade, not left over
        assert connection.execute(text("SELECT count(*) FROM deck_notes")).scalar() == 0
