"""User-data storage on SQLite and PostgreSQL: migrations from empty, the seed, networks,
saved views, decks, practices, validation and concurrent writers.

PostgreSQL runs when BENCHLEARN_TEST_POSTGRES_URL names a server (`.ci/run` starts one);
each test gets its own schema there, as each gets its own file on SQLite.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url

from benchlearn.userdata import db
from benchlearn.userdata import repository as repo
from benchlearn.userdata.logic import search_practices
from benchlearn.userdata.models import Base
from benchlearn.userdata.repository import InvalidInput, NetworkInput, NotFound, PracticeInput
from benchlearn.userdata.seed import BAUSKA, NETWORKS, PRACTICES, VECUMNIEKI
from tests.userdata_support import ADMIN, admin

PG_SETTING = "BENCHLEARN_TEST_POSTGRES_URL"
TABLES = {
    "networks",
    "network_members",
    "network_indicators",
    "saved_views",
    "decks",
    "deck_slides",
    "deck_notes",
    "improvement_actions",
    "practices",
    "roles",
    "audit_log",
    "alembic_version",
}


@pytest.fixture(scope="module")
def pg_server() -> str | None:
    """The PostgreSQL URL from the setting, checked once; None skips the PostgreSQL cases."""
    url = os.environ.get(PG_SETTING)
    if not url:
        return None
    probe = create_engine(url)
    try:
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        pytest.fail(f"{PG_SETTING} is set but the server does not answer: {exc}")
    finally:
        probe.dispose()
    return url


def _pg_schema_url(url: str) -> tuple[str, str]:
    """A fresh schema on the server, and a URL whose connections use it."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return scoped.render_as_string(hide_password=False), schema


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path, pg_server) -> Iterator[str]:
    """An empty database of each kind (not yet migrated)."""
    if request.param == "sqlite":
        address = f"sqlite:///{tmp_path / 'userdata.sqlite'}"
        yield address
        db.dispose(address)
        return
    if pg_server is None:
        pytest.skip(
            f"no PostgreSQL here: set {PG_SETTING}=postgresql+psycopg://user@127.0.0.1:PORT/db "
            "to run these cases (bash .ci/run starts a local server and sets it)"
        )
    address, schema = _pg_schema_url(pg_server)
    yield address
    db.dispose(address)
    admin = create_engine(pg_server)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(url) -> Engine:
    """A migrated database with one (synthetic) administrator, ADMIN, who writes below."""
    engine = db.get_engine(url)
    admin(engine)
    return engine


def _network(engine: Engine, name: str = "Synthetic test network", **fields) -> int:
    return repo.create_network(engine, NetworkInput(name_lv=name, **fields), by=ADMIN)


# --- migrations and seed -----------------------------------------------------------------


def test_migrations_from_empty_create_every_table_and_the_seed(url):
    bare = create_engine(url)
    assert not set(inspect(bare).get_table_names()) & TABLES
    bare.dispose()
    engine = db.get_engine(url)
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0006"
        )
    networks = repo.list_networks(engine)
    assert len(networks) == len(NETWORKS) == 9
    assert {n.name_lv for n in networks if n.period_start == 2013} == {
        "T1 Stratēģiskā vadība",
        "T2 Sociālais darbs un veselības aprūpes pieejamība",
        "T3 Publiskie pakalpojumi un mājokļu politika",
        "T4 Izglītība un kultūra",
    }
    # nothing is invented: members, coordinators and indicator sets are not in the sources
    assert all(not n.members and not n.coordinator and not n.indicators for n in networks)
    practices = repo.list_practices(engine)
    assert len(practices) == len(PRACTICES)
    plan = next(p for p in practices if p.title_lv.startswith("Vecumnieku novada Sociālā"))
    assert (plan.unit_id, plan.former_unit_id) == (BAUSKA, VECUMNIEKI)
    t2 = next(n for n in networks if n.name_lv.startswith("T2"))
    assert plan.network_id == t2.id
    riga = next(p for p in practices if "iesaisties.riga.lv" in p.title_lv)
    assert riga.link == "https://iesaisties.riga.lv" and riga.year == 2023
    assert all(not p.indicators for p in practices)


def test_migrating_twice_changes_nothing(engine):
    before = len(repo.list_practices(engine))
    db.migrate(engine)
    assert len(repo.list_practices(engine)) == before
    assert len(repo.list_networks(engine)) == 9


def test_models_and_migrations_agree(engine):
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_downgrade_to_empty_and_up_again(engine):
    from alembic import command

    with engine.begin() as connection:
        command.downgrade(db.alembic_config(connection), "base")
    assert not set(inspect(engine).get_table_names()) & (TABLES - {"alembic_version"})
    db.migrate(engine)
    assert len(repo.list_networks(engine)) == 9


def test_a_bad_url_names_the_setting():
    with pytest.raises(db.UserDataUnavailable, match="BENCHLEARN_USERDATA_URL"):
        db.get_engine("nosuchdriver://x/y")


# --- networks ------------------------------------------------------------------------------


def test_network_round_trip_and_update_replaces_lists(engine):
    ident = _network(
        engine,
        name_en="Synthetic",
        period_start=2025,
        period_end=2026,
        members=("LV0001000", "LV0002000", "LV0001000"),
        indicators=("population_avg", "libraries_per_10000"),
    )
    net = repo.get_network(engine, ident)
    assert net.members == ("LV0001000", "LV0002000")  # repeats dropped
    assert net.indicators == ("population_avg", "libraries_per_10000")  # order kept
    assert net.code == f"net:{ident}" and net.name("en") == "Synthetic"
    changed = repo.as_input(net)
    repo.update_network(
        engine,
        ident,
        NetworkInput(**{**changed.__dict__, "members": ("LV0002000", "LV0003000")}),
        by=ADMIN,
    )
    assert repo.get_network(engine, ident).members == ("LV0002000", "LV0003000")
    with pytest.raises(NotFound):
        repo.update_network(engine, 999_999, changed, by=ADMIN)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name_lv": "  "}, "required"),
        ({"name_lv": "x" * 201}, "too_long"),
        ({"name_lv": "x", "period_start": 2024, "period_end": 2021}, "period"),
        ({"name_lv": "x", "period_start": 1800}, "year"),
        ({"name_lv": "x", "members": ("LV0001000; DROP TABLE",)}, "code"),
    ],
)
def test_network_input_is_checked(engine, fields, code):
    with pytest.raises(InvalidInput) as error:
        repo.create_network(engine, NetworkInput(**fields), by=ADMIN)
    assert error.value.code == code


def test_deleting_a_network_removes_its_views_and_decks_but_keeps_practices(engine):
    ident = _network(engine)
    view = repo.save_view(engine, ident, "A", "", "", {"ind": "population_avg"}, by=ADMIN)
    deck = repo.create_deck(engine, ident, "Seminar", [view], by=ADMIN)
    practice = repo.create_practice(
        engine, PracticeInput(title_lv="Synthetic", network_id=ident), by=ADMIN
    )
    repo.delete_network(engine, ident, by=ADMIN)
    assert repo.get_view(engine, view) is None and repo.get_deck(engine, deck) is None
    assert repo.get_practice(engine, practice).network_id is None


# --- saved views and decks ------------------------------------------------------------------


def test_views_are_stored_exactly_and_ordered_into_a_deck(engine):
    ident = _network(engine)
    params = {"ind": "population_avg", "year": "2024", "my": "LV0020000", "cmp": "LV1,LV2"}
    views = [
        repo.save_view(engine, ident, f"View {i}", f"note {i}", page, params, by=ADMIN)
        for i, page in enumerate(["", "tendences", "salidzinajums"])
    ]
    stored = repo.get_view(engine, views[1])
    assert (stored.page, stored.params, stored.note) == ("tendences", params, "note 1")
    assert [v.id for v in repo.list_views(engine, ident)] == views
    deck = repo.create_deck(engine, ident, "Seminar", [views[2], views[0], views[1]], by=ADMIN)
    assert [s.id for s in repo.get_deck(engine, deck).slides] == [views[2], views[0], views[1]]
    repo.set_slides(engine, deck, [views[0], views[1], views[2]], by=ADMIN)
    repo.append_slide(engine, deck, views[0], by=ADMIN)  # a view may appear twice
    assert [s.id for s in repo.get_deck(engine, deck).slides] == [*views, views[0]]
    repo.delete_view(engine, views[0], by=ADMIN)
    assert [s.id for s in repo.get_deck(engine, deck).slides] == views[1:]
    assert [d.id for d in repo.list_decks(engine, ident)] == [deck]


def test_a_deck_holds_only_its_networks_views(engine):
    first, second = _network(engine, "First"), _network(engine, "Second")
    other = repo.save_view(engine, second, "Other", "", "", {}, by=ADMIN)
    with pytest.raises(InvalidInput) as error:
        repo.create_deck(engine, first, "Deck", [other], by=ADMIN)
    assert error.value.code == "deck_views"


@pytest.mark.parametrize(
    ("page", "params", "code"),
    [
        ("../etc", {}, "page"),
        ("", {"Bad-Key": "1"}, "param_key"),
        ("", {f"k{chr(97 + i // 26)}{chr(97 + i % 26)}": "1" for i in range(31)}, "params"),
        ("", {"ind": "x" * 2001}, "too_long"),
    ],
)
def test_view_input_is_checked(engine, page, params, code):
    ident = _network(engine)
    with pytest.raises(InvalidInput) as error:
        repo.save_view(engine, ident, "Title", "", page, params, by=ADMIN)
    assert error.value.code == code


def test_saving_into_a_deleted_network_says_so(engine):
    with pytest.raises(NotFound):
        repo.save_view(engine, 424_242, "Title", "", "", {}, by=ADMIN)


# --- practices -----------------------------------------------------------------------------


def test_practice_round_trip_and_checks(engine):
    ident = repo.create_practice(
        engine,
        PracticeInput(
            title_lv="Synthetic practice",
            unit_id="LV0029000",
            year=2022,
            indicators=("population_avg",),
            tags=("līdzdalības budžets", " "),
            link="https://example.org/doc.pdf",
        ),
        by=ADMIN,
    )
    stored = repo.get_practice(engine, ident)
    assert stored.tags == ("līdzdalības budžets",) and stored.indicators == ("population_avg",)
    with pytest.raises(InvalidInput, match="link"):
        repo.update_practice(
            engine, ident, PracticeInput(title_lv="x", link="javascript:alert(1)"), by=ADMIN
        )
    with pytest.raises(NotFound):
        repo.create_practice(engine, PracticeInput(title_lv="x", network_id=987_654), by=ADMIN)
    repo.delete_practice(engine, ident, by=ADMIN)
    assert repo.get_practice(engine, ident) is None


def test_seeded_practices_are_found_by_former_and_current_municipality(engine):
    practices = repo.list_practices(engine)
    bauska = search_practices(practices, unit=BAUSKA)
    assert len(bauska) == 2 and search_practices(practices, unit=VECUMNIEKI) == bauska
    assert search_practices(practices, "gulbenes lidzdalibas")[0].unit_id == "LV0029000"


# --- several writers at once ---------------------------------------------------------------


def test_concurrent_writers_lose_nothing(engine):
    ident = _network(engine)
    deck = repo.create_deck(engine, ident, "Deck", by=ADMIN)
    threads, per_thread, errors = 6, 8, []

    def writer(n: int) -> None:
        try:
            for i in range(per_thread):
                view = repo.save_view(
                    engine, ident, f"t{n}-{i}", "", "", {"year": str(i)}, by=ADMIN
                )
                repo.append_slide(engine, deck, view, by=ADMIN)
            repo.add_members(engine, ident, [f"LV{n:07d}"], by=ADMIN)
            repo.create_practice(engine, PracticeInput(title_lv=f"Synthetic {n}"), by=ADMIN)
        except Exception as exc:  # collected: an exception in a thread would be lost
            errors.append(exc)

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert errors == []
    views = repo.list_views(engine, ident)
    assert len(views) == threads * per_thread
    assert {v.title for v in views} == {
        f"t{n}-{i}" for n in range(threads) for i in range(per_thread)
    }
    assert len(repo.get_deck(engine, deck).slides) == threads * per_thread
    assert len(repo.get_network(engine, ident).members) == threads
    assert len(repo.list_practices(engine)) == len(PRACTICES) + threads


def test_an_unreachable_server_is_not_asked_again_at_once(monkeypatch):
    address = "postgresql+psycopg://nobody@127.0.0.1:1/nothing"  # nothing listens on port 1
    calls = []
    real = db.migrate
    monkeypatch.setattr(db, "migrate", lambda engine: calls.append(1) or real(engine))
    try:
        for _ in range(3):
            with pytest.raises(db.UserDataUnavailable, match="BENCHLEARN_USERDATA_URL"):
                db.get_engine(address)
        assert len(calls) == 1
    finally:
        db.dispose(address)
