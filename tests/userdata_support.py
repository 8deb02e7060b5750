"""Synthetic people for the user-data tests: an administrator made the way the first one is
in a deployment (bootstrap from the first-administrator setting), and helpers that give
others a role. No real person or address: example.test is reserved for tests."""

from __future__ import annotations

from sqlalchemy.engine import Engine

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
