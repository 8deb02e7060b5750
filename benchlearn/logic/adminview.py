"""The administration page's tables and choices, pure: who holds which role, what an
assignment grants, a role's line in the revoke list and the audit log as shown. Records
come from benchlearn.userdata (grants with principal, role, unit_id, granted_by, id; audit
entries as mappings); unit names are passed in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from benchlearn.i18n import has_text, t
from benchlearn.logic import usertext
from benchlearn.userdata.access import CONTRIBUTOR  # pure: roles and who may do what

CELL = 200  # longest old/new value shown in a cell


def role_label(role: str, lang: str) -> str:
    return t(f"role.{role}", lang)


def roles_frame(grants: Sequence[Any], units: Mapping[str, str], lang: str) -> pd.DataFrame:
    """One row per role held: person, role, municipality (contributors), granted by."""
    return pd.DataFrame(
        {
            t("admin.col_person", lang): [g.principal for g in grants],
            t("admin.col_role", lang): [role_label(g.role, lang) for g in grants],
            t("admin.col_unit", lang): [
                units.get(g.unit_id, g.unit_id) if g.unit_id else "" for g in grants
            ],
            t("admin.col_by", lang): [g.granted_by for g in grants],
        }
    )


def grant_targets(role: str, units: Sequence[str]) -> list[str]:
    """The municipalities an assignment is made for: a contributor gets one role per
    municipality chosen; any other role (or a contributor with none chosen) one without."""
    return list(units) if role == CONTRIBUTOR and units else [""]


def grant_label(grant: Any, units: Mapping[str, str], lang: str) -> str:
    """'anna@example.lv · Datu iesniedzējs · Tukuma novads' (the address as plain text)."""
    unit = f" · {units.get(grant.unit_id, grant.unit_id)}" if grant.unit_id else ""
    return f"{usertext.plain(grant.principal)} · {role_label(grant.role, lang)}{unit}"


def audit_cell(value: object, limit: int = CELL) -> str:
    """An old or new value of the audit log as JSON, cut to `limit` characters."""
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decision_text(decision: str, lang: str) -> str:
    """'done' or 'refused' in words; a decision these texts do not know, as it is."""
    key = f"admin.{decision}"
    return t(key, lang) if has_text(key) else str(decision)


def action_text(action: str, lang: str) -> str:
    """An audited action in words ("Role granted"); one these texts do not know, as it is."""
    key = f"audit.{action}"
    return t(key, lang) if has_text(key) else str(action)


def audit_frame(entries: Sequence[Mapping[str, Any]], lang: str) -> pd.DataFrame:
    """The audit log as shown: when, who, action (in words; the CSV download keeps the
    codes), target, old and new value, decision, reason."""
    return pd.DataFrame(
        {
            t("admin.col_at", lang): [
                pd.Timestamp(e["at"]).strftime("%Y-%m-%d %H:%M:%S") for e in entries
            ],
            t("admin.col_actor", lang): [
                f"{e['actor_name']} <{e['actor']}>" if e["actor"] else "—" for e in entries
            ],
            t("admin.col_action", lang): [action_text(e["action"], lang) for e in entries],
            t("admin.col_target", lang): [f"{e['target']} {e['target_id']}" for e in entries],
            t("admin.col_old", lang): [audit_cell(e["old_value"]) for e in entries],
            t("admin.col_new", lang): [audit_cell(e["new_value"]) for e in entries],
            t("admin.col_decision", lang): [decision_text(e["decision"], lang) for e in entries],
            t("admin.col_reason", lang): [e["reason"] for e in entries],
        }
    )
