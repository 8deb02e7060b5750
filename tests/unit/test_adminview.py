"""The administration page's tables (logic.adminview): roles held, assignment targets, the
revoke list's lines and the audit log as shown, with odd records."""

from __future__ import annotations

import datetime as dt

from benchlearn.logic import adminview as av
from benchlearn.userdata.access import ADMIN, CONTRIBUTOR, READER, Grant

UNITS = {"LV0001000": "Tukuma novads"}


def test_roles_frame_names_roles_and_municipalities():
    grants = [
        Grant("anna@example.lv", CONTRIBUTOR, "LV0001000", "boss@example.lv", 1),
        Grant("<b>x</b>@example.lv", ADMIN, "", "", 2),
        Grant("odd@example.lv", CONTRIBUTOR, "LV9999999", "", 3),
    ]
    frame = av.roles_frame(grants, UNITS, "en")
    assert frame.iloc[:, 0].tolist()[1] == "<b>x</b>@example.lv"  # text as text
    assert frame.iloc[:, 1].tolist()[0] == av.t(f"role.{CONTRIBUTOR}", "en")
    assert frame.iloc[:, 2].tolist() == ["Tukuma novads", "", "LV9999999"]  # unknown: its id
    assert av.roles_frame([], UNITS, "lv").empty


def test_grant_targets_one_role_per_municipality_for_contributors_only():
    assert av.grant_targets(CONTRIBUTOR, ["A", "B"]) == ["A", "B"]
    assert av.grant_targets(CONTRIBUTOR, []) == [""]
    assert av.grant_targets(READER, ["A"]) == [""]


def test_grant_label_plain_address_role_and_unit():
    label = av.grant_label(Grant("*anna*@example.lv", CONTRIBUTOR, "LV0001000"), UNITS, "lv")
    assert label.endswith(" · Tukuma novads") and av.t(f"role.{CONTRIBUTOR}", "lv") in label
    assert av.grant_label(Grant("a@b.lv", ADMIN), UNITS, "en").count(" · ") == 1


def test_audit_cell_json_cut_to_the_limit():
    assert av.audit_cell(None) == ""
    assert av.audit_cell({"ā": 1}) == '{"ā": 1}'
    long = av.audit_cell("x" * 500)
    assert len(long) == av.CELL and long.endswith("…")
    assert av.audit_cell("abc", limit=3) == '"a…'
    assert av.audit_cell(dt.date(2026, 1, 2)) == '"2026-01-02"'  # not JSON: as text


def test_audit_frame_rows_as_shown():
    entry = {
        "at": "2026-12-07T02:30:00",
        "actor": "",
        "actor_name": "",
        "action": "role.grant",
        "target": "grant",
        "target_id": 5,
        "old_value": None,
        "new_value": {"role": "reader"},
        "decision": "done",
        "reason": "",
    }
    frame = av.audit_frame([entry, {**entry, "actor": "a@b.lv", "actor_name": "Anna"}], "en")
    assert frame.iloc[0, 0] == "2026-12-07 02:30:00"
    assert frame.iloc[:, 1].tolist() == ["—", "Anna <a@b.lv>"]
    assert frame.iloc[0, 3] == "grant 5" and frame.iloc[0, 4] == ""
    assert frame.iloc[0, 6] == av.t("admin.done", "en")
    assert frame.iloc[0, 2] == "Role granted"
    assert av.audit_frame([entry], "lv").iloc[0, 2] == "Loma piešķirta"
    assert av.action_text("mystery.do", "en") == "mystery.do"  # unknown: as it is
    odd = av.audit_frame([{**entry, "decision": "mystery"}], "lv")
    assert odd.iloc[0, 6] == "mystery"  # an unknown decision as it is, not an error
    assert av.audit_frame([], "lv").empty
