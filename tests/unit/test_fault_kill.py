"""Fault: the server is killed (SIGKILL) while it writes user data, then started again.

A writer process (tests.faults_support) saves views, slides and practices in a loop through
benchlearn.userdata.repository and prints the number of each write once it has committed; it
is killed at once with SIGKILL after a random number of them, three times over on one store,
each restart writing on. After each kill the store opens as it would for a restarted server:
SQLite passes `PRAGMA integrity_check` and `foreign_key_check`, PostgreSQL's tables are all
readable, Alembic is at head, every write reported as committed is there, and new writes
succeed (no lock left behind).

Found nothing to fix: SQLite in WAL mode with synchronous=NORMAL loses nothing committed when
a process dies (only a power cut may lose the last transactions), and PostgreSQL rolls back
the killed connection's open transaction.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from benchlearn.settings import REPO_ROOT
from benchlearn.userdata import db
from benchlearn.userdata import repository as repo
from benchlearn.userdata.models import Base
from tests.userdata_support import admin

PG_SETTING = "BENCHLEARN_TEST_POSTGRES_URL"
ROUNDS = 3
LINE_SECONDS = 60  # for one committed write to be reported (a slow machine)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'userdata.sqlite'}"
        return
    server = os.environ.get(PG_SETTING)
    if not server:
        pytest.skip(f"no PostgreSQL here: set {PG_SETTING} (bash tests/with-postgres does)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield (
        make_url(server)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def write_then_kill(url: str, writes: int) -> tuple[int, int, int]:
    """Start the writer, SIGKILL it once `writes` writes have committed (it is in the middle
    of the next one by then); return its network, deck and the last committed write."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.faults_support", "write", url],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = writer.stdout.readline().split()
        assert first[:1] == ["network"], writer.stderr.read()
        network, deck = int(first[1]), int(first[3])
        last = 0
        while last < writes:
            line = writer.stdout.readline()
            assert line, f"the writer stopped: {writer.stderr.read()}"
            last = int(line)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=LINE_SECONDS)
        # what it printed before the kill landed committed too
        for line in writer.stdout.read().split():
            last = max(last, int(line))
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait()
    assert writer.returncode == -signal.SIGKILL
    return network, deck, last


def check_intact(url: str) -> None:
    """What a restarted server needs: a sound file or readable tables, the newest schema."""
    engine = create_engine(url)
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        for table in Base.metadata.sorted_tables:
            connection.execute(text(f"SELECT count(*) FROM {table.name}")).scalar()
        head = ScriptDirectory.from_config(db.alembic_config(None)).get_current_head()
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head
    assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
    engine.dispose()


def test_a_killed_writer_loses_nothing_committed(url):
    rng = random.Random(20261206)
    committed: list[tuple[int, int, int]] = []
    for _ in range(ROUNDS):
        committed.append(write_then_kill(url, rng.randint(10, 40)))
        database = make_url(url).database
        if url.startswith("sqlite"):  # it died with its log open: recovery is what is tested
            assert os.path.getsize(f"{database}-wal") > 0
        check_intact(url)
        engine = db.get_engine(url)  # as a restarted server opens it
        try:
            practices = {p.title_lv for p in repo.list_practices(engine)}
            for network, deck, last in committed:
                titles = {v.title for v in repo.list_views(engine, network)}
                assert {f"w{n}" for n in range(1, last + 1)} <= titles
                slides = [v.title for v in repo.get_deck(engine, deck).slides]
                assert slides[:last] == [f"w{n}" for n in range(1, last + 1)]
                every_fifth = {f"Sintētiska prakse w{n}" for n in range(5, last + 1, 5)}
                assert every_fifth <= practices
            # writing works again: nothing is left locked
            network = committed[-1][0]
            assert repo.save_view(
                engine, network, "after the kill", "", "tendences", {}, by=admin(engine)
            )
        finally:
            db.dispose(url)
