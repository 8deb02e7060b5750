"""Fault: the user-data store is unavailable. Every page still works and says what is missing.

Stores that cannot be used: a directory where the SQLite file should be, a file that is no
SQLite database, a PostgreSQL URL to a port where nothing listens, and a PostgreSQL server
that goes away after the dashboard has opened and read it (a link that is then cut). Each
page of benchlearn.navigation opens from a link that names a network (as a group, and on the
networks page as ?tikls=) with no exception and no driver message or URL on screen; the pages
built on user data say they cannot show it, the others where networks would appear (the
comparison group, good practices beside the comparison table), and the link's network is
reported as unavailable, not as unknown.

Found: with PostgreSQL gone after start, the comparison, profile, networks and practices pages
ended in a traceback (only the group list was guarded), and the link's network was reported
as "not known".
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from benchlearn import navigation
from benchlearn.i18n import t
from benchlearn.userdata import db, widgets
from benchlearn.userdata import repository as repo
from tests.app.conftest import APP, navigation_only, texts
from tests.faults_support import CuttableLink
from tests.userdata_support import admin

PG_SETTING = "BENCHLEARN_TEST_POSTGRES_URL"
STORE_PAGES = ("pages/networks.py", "pages/practices.py", "pages/present.py", "pages/profile.py")
NO_USERDATA = ("pages/map.py", "pages/console.py", "pages/data.py")  # nothing to miss there
# what must never reach a reader: driver messages, URLs, server paths
LEAKS = ("OperationalError", "DatabaseError", "sqlite", "postgresql", "psycopg", "Traceback")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # free again once closed: nothing listens there


# each store in one language; both languages are covered
STORES = {
    "sqlite-directory": "lv",
    "sqlite-not-a-database": "en",
    "pg-closed-port": "en",
    "pg-gone": "lv",
}


@pytest.fixture(params=list(STORES))
def broken_store(request, tmp_path, monkeypatch) -> Iterator[tuple[str, str]]:
    """(BENCHLEARN_USERDATA_URL of a store that cannot be used, the language to read in)."""
    kind = request.param
    link = None
    if kind == "sqlite-directory":
        (tmp_path / "userdata.sqlite").mkdir()
        url = f"sqlite:///{tmp_path / 'userdata.sqlite'}"
    elif kind == "sqlite-not-a-database":
        (tmp_path / "userdata.sqlite").write_bytes(b"not a database\n" * 512)
        url = f"sqlite:///{tmp_path / 'userdata.sqlite'}"
    elif kind == "pg-closed-port":
        url = f"postgresql+psycopg://nobody@127.0.0.1:{closed_port()}/nothing"
    else:
        server = os.environ.get(PG_SETTING)
        if not server:
            pytest.skip(f"no PostgreSQL here: set {PG_SETTING} (bash tests/with-postgres does)")
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with create_engine(server).begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        link = CuttableLink(make_url(server).port)
        url = (
            make_url(server)
            .set(port=link.port)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
        engine = db.get_engine(url)  # opened, migrated and read while the server is there
        repo.add_members(
            engine,
            repo.list_networks(engine)[0].id,
            ["LV0020000", "LV0021000"],
            by=admin(engine),
        )
        link.cut()
    monkeypatch.setenv(db.URL_SETTING, url)
    yield url, STORES[kind]
    db.dispose(url)
    widgets._down_until.pop(url, None)
    if link is not None:
        with create_engine(os.environ[PG_SETTING]).begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def open_page(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    at.run()
    at.switch_page(page)
    at.query_params.update(query)
    at.run()
    return at


def test_every_page_works_and_says_what_is_unavailable(broken_store, built_db, monkeypatch):
    _, lang = broken_store
    monkeypatch.setenv("BENCHLEARN_DB", str(built_db))
    navigation_only(monkeypatch)
    query = {"lang": lang, "my": "LV0020000", "grp": "net:1", "tikls": "1", "deck": "1"}
    for spec in navigation.PAGES:
        at = open_page(spec.script, query)
        assert not at.exception, (spec.script, [e.value for e in at.exception])
        errors = [e.value for e in at.error]
        shown = "\n".join([texts(at), *errors])
        assert not [leak for leak in LEAKS if leak.lower() in shown.lower()], (spec.script, shown)
        if spec.script in STORE_PAGES:
            assert t("ud.unavailable", lang) in errors, spec.script
        elif spec.script in NO_USERDATA:
            assert not errors, spec.script
        if "grp" in spec.fields:
            assert t("ud.groups_unavailable", lang) in shown, spec.script
        if spec.script == "pages/benchmark.py":
            assert t("prac.unavailable", lang) in shown
        if spec.script == "pages/profile.py":  # the gaps still show, the people beside them not
            assert t("lead.unavailable", lang) in shown
            assert t("lead.title", lang) in shown
        # the link's network may well exist: it is unavailable, not unknown
        notices = [w.value for w in at.warning]
        field = t("field.grp", lang)
        assert t("notice.userdata", lang, value="net\\:1", field=field) in notices, spec.script
        assert t("notice.unknown", lang, value="net\\:1", field=field) not in notices
