"""Synthetic people for the user-data tests: an administrator made the way the first one is
in a deployment (bootstrap from the first-administrator setting), and helpers that give
others a role. No real person or address: example.test is reserved for tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy.engine import Engine

from benchlearn.userdata import db
from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import ANONYMOUS, Actor

ADMIN = Actor("admin@example.test", "Sintētisks administrators")
COORDINATOR = Actor("coordinator@example.test", "Sintētisks koordinators")
READER = Actor("reader@example.test", "Sintētisks lasītājs")
PRACTICE_UNIT = "LV0029000"  # the municipality the written practices concern
OTHER_UNIT = "LV0025000"  # the contributor's own: another municipality
CONTRIBUTOR_OTHER = Actor("contributor@example.test", "Sintētisks ziņotājs")
SIGNED_OUT = ANONYMOUS


def admin(engine: Engine) -> Actor:
    """ADMIN, an administrator of this database (idempotent)."""
    repo.bootstrap_admin(engine, ADMIN, [ADMIN.principal])
    return ADMIN


def with_roles(engine: Engine) -> dict[str, Actor]:
    """An administrator, a coordinator, a reader and a contributor of OTHER_UNIT."""
    admin(engine)
    have = {(g.principal, g.role, g.unit_id) for g in repo.list_grants(engine)}
    for who, role, unit in (
        (COORDINATOR, "coordinator", ""),
        (READER, "reader", ""),
        (CONTRIBUTOR_OTHER, "contributor", OTHER_UNIT),
    ):
        if (who.principal, role, unit) not in have:
            repo.grant_role(engine, who.principal, role, unit, by=ADMIN)
    return {
        "admin": ADMIN,
        "coordinator": COORDINATOR,
        "reader": READER,
        "contributor_other": CONTRIBUTOR_OTHER,
        "signed_out": SIGNED_OUT,
    }


def engine_with_roles(url: str) -> Engine:
    """A user-data database at `url` with the people of with_roles in it."""
    engine = db.get_engine(url)
    with_roles(engine)
    return engine


def at_once(call: Callable[[], object], times: int = 2, timeout: float = 120) -> list[object]:
    """What `call` returned or raised in each of `times` threads started together (an
    exception in a thread would otherwise be lost)."""
    results: list[object] = []

    def run() -> None:
        try:
            results.append(call())
        except Exception as exc:
            results.append(exc)

    workers = [threading.Thread(target=run) for _ in range(times)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=timeout)
    return results
