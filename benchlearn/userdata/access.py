"""Who may write what: roles, actions and the rule between them. Pure (no database, no
Streamlit); the repository asks `allowed` inside the very transaction that writes.

People are named by their *principal*: the lower-case e-mail address their OpenID Connect
provider vouches for (a provider that says the address is not verified gets no principal,
so nobody can claim an administrator's address). Everyone reads; writing needs a role:

- administrator: everything, and assigning roles;
- coordinator: networks, saved views, decks, good practices;
- contributor of a municipality: good practices and data contributions of that municipality;
- reader: nothing more than anyone (recorded so an administrator can see who is known).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ADMIN, COORDINATOR, CONTRIBUTOR, READER = "admin", "coordinator", "contributor", "reader"
ROLES = (ADMIN, COORDINATOR, CONTRIBUTOR, READER)
MAX_PRINCIPAL = 200
_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[^@\s<>\"']{1,190}$")

# Every write in the system, by the role that may do it. Practices are also open to the
# contributors of the practice's municipality (see `allowed`).
ACTIONS: dict[str, frozenset[str]] = {
    **{
        action: frozenset({ADMIN, COORDINATOR})
        for action in (
            "network.create",
            "network.update",
            "network.delete",
            "network.members",
            "view.save",
            "view.update",
            "view.delete",
            "deck.create",
            "deck.update",
            "deck.delete",
            "deck.note",  # a slide's discussion notes (issue 21)
            "practice.create",
            "practice.update",
            "practice.delete",
            # improvement actions (issue 21); also a contributor of the action's municipality
            "improvement.create",
            "improvement.update",
            "improvement.delete",
        )
    },
    "role.grant": frozenset({ADMIN}),
    "role.revoke": frozenset({ADMIN}),
    "data.update": frozenset({ADMIN}),  # Update from CSP (benchlearn.update)
    # municipal data: contributors send their municipalities' values; administrators (and a
    # network's coordinator, for a submission of that network's indicators) decide
    "contribution.submit": frozenset({ADMIN}),
    "contribution.withdraw": frozenset({ADMIN}),
    "contribution.approve": frozenset({ADMIN}),
    "contribution.reject": frozenset({ADMIN}),
    "value.revert": frozenset({ADMIN}),
    "indicator.define": frozenset({ADMIN}),
}
UNIT_SCOPED = {
    "practice.create",
    "practice.update",
    "practice.delete",
    "contribution.submit",
    "contribution.withdraw",
    "improvement.create",
    "improvement.update",
    "improvement.delete",
}
NETWORK_SCOPED = {"contribution.approve", "contribution.reject"}


@dataclass(frozen=True)
class Actor:
    """Who asks for a write: principal "" is someone not signed in."""

    principal: str
    name: str = ""

    @property
    def signed_in(self) -> bool:
        return bool(self.principal)


ANONYMOUS = Actor("")


@dataclass(frozen=True)
class Grant:
    principal: str
    role: str
    unit_id: str = ""  # the municipality of a contributor, else ""
    granted_by: str = ""
    id: int = 0


def normalise_principal(value: str | None) -> str:
    """An e-mail address as stored and compared: trimmed, lower case; "" if not one."""
    text = (value or "").strip().lower()
    if len(text) > MAX_PRINCIPAL or not _EMAIL.match(text):
        return ""
    return text


def actor_from_claims(claims: Mapping[str, object]) -> Actor:
    """The actor for st.user's claims: anonymous unless signed in with a usable e-mail."""
    if claims.get("is_logged_in") is not True:
        return ANONYMOUS
    if claims.get("email_verified") is False:  # the provider itself does not vouch for it
        return ANONYMOUS
    principal = normalise_principal(str(claims.get("email") or ""))
    if not principal:
        return ANONYMOUS
    name = str(claims.get("name") or "").strip()[:MAX_PRINCIPAL]
    return Actor(principal, name or principal)


def signed_in_without_email(claims: Mapping[str, object]) -> bool:
    """Signed in, but the provider gave no verified e-mail: the person can only read."""
    return claims.get("is_logged_in") is True and not actor_from_claims(claims).signed_in


def admin_list(value: object) -> list[str]:
    """The first administrators' e-mails from a setting: "a@x.lv, b@y.lv" or a list."""
    items = re.split(r"[,;\s]+", value) if isinstance(value, str) else list(value or [])
    return [p for p in (normalise_principal(str(i)) for i in items) if p]


def allowed(
    grants: Iterable[Grant], action: str, units: Iterable[str | None] = (), network: bool = False
) -> bool:
    """May someone with `grants` do `action`? For a practice or a contribution, `units` are
    the municipalities the write touches (before and after): a contributor must hold every
    one of them. `network`: the decision concerns a submission of a network's indicators,
    which a coordinator may make too."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")  # a new write must be listed above
    grants, units = list(grants), list(units)
    if any(g.role in ACTIONS[action] for g in grants):
        return True
    if action in NETWORK_SCOPED and network and any(g.role == COORDINATOR for g in grants):
        return True
    if action in UNIT_SCOPED and units and all(units):  # a national entry: not a contributor's
        mine = {g.unit_id for g in grants if g.role == CONTRIBUTOR and g.unit_id}
        return set(units) <= mine
    return False


def may_edit_any(grants: Iterable[Grant], prefix: str) -> bool:
    """Whether the page should offer editing of `prefix` ("network", "practice") at all."""
    grants = list(grants)
    if any(allowed(grants, a) for a in ACTIONS if a.startswith(f"{prefix}.")):
        return True
    return prefix in ("practice", "improvement") and any(g.role == CONTRIBUTOR for g in grants)


def contributor_units(grants: Iterable[Grant]) -> list[str]:
    return sorted({g.unit_id for g in grants if g.role == CONTRIBUTOR and g.unit_id})


def roles_of(grants: Iterable[Grant]) -> list[str]:
    """The roles held, strongest first (a person with none is a reader)."""
    held = {g.role for g in grants}
    return [r for r in ROLES if r in held] or [READER]


AUDIT_COLUMNS = (
    "id",
    "at",
    "actor",
    "actor_name",
    "action",
    "target",
    "target_id",
    "old_value",
    "new_value",
    "decision",
    "reason",
)


def audit_csv(rows: Iterable[Mapping[str, object]]) -> bytes:
    """The audit log as CSV (UTF-8 with BOM, so Excel reads Latvian letters). Values are
    JSON; a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(AUDIT_COLUMNS)
    for row in rows:
        cells = []
        for column in AUDIT_COLUMNS:
            value = row.get(column)
            if column in ("old_value", "new_value"):
                value = "" if value is None else json.dumps(value, ensure_ascii=False)
            text = "" if value is None else str(value)
            cells.append(f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text)
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
