"""The admin page and the account box in AppTest, in Latvian and English: an administrator
assigns and removes roles and sees the audit log; nobody else sees either; a contributor is
offered only their own municipality's practices; a display name with HTML is shown as text."""

from __future__ import annotations

import pytest

from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from benchlearn.userdata.repository import PracticeInput
from tests.app.conftest import texts
from tests.app.test_seminar_pages import app, store  # noqa: F401 (fixtures)
from tests.userdata_support import (
    ADMIN,
    CONTRIBUTOR_OTHER,
    COORDINATOR,
    OTHER_UNIT,
    PRACTICE_UNIT,
    READER,
)

ADMIN_PAGE = "pages/admin.py"


def submit(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_an_administrator_assigns_and_removes_a_role(app, store, lang):  # noqa: F811
    at = app(ADMIN_PAGE, user=ADMIN, lang=lang)
    assert at.title[0].value == ("Administrēšana" if lang == "lv" else "Administration")
    assert at.dataframe  # the roles and the audit log
    links = [str(p.proto.page) for p in at.sidebar.get("page_link")]
    assert any("admin" in link for link in links), links  # the way here, for administrators
    email = "E-pasta adrese" if lang == "lv" else "E-mail address"
    next(x for x in at.text_input if x.label == email).input("New.Person@Example.test")
    role = "Loma" if lang == "lv" else "Role"
    next(x for x in at.selectbox if x.label == role and x.key is None).set_value("contributor")
    units = (
        "Pašvaldības (datu iesniedzējam)" if lang == "lv" else "Municipalities (for a contributor)"
    )
    next(x for x in at.multiselect if x.label == units).set_value([OTHER_UNIT, PRACTICE_UNIT])
    at = submit(at, "Piešķirt" if lang == "lv" else "Assign")
    assert not at.exception
    assert ("Loma piešķirta." if lang == "lv" else "Role assigned.") in [
        s.value for s in at.success
    ]
    made = [g for g in repo.list_grants(store) if g.principal == "new.person@example.test"]
    assert sorted(g.unit_id for g in made) == sorted([OTHER_UNIT, PRACTICE_UNIT])
    assert all(g.role == "contributor" and g.granted_by == ADMIN.principal for g in made)

    box = [x for x in at.selectbox if x.label == role][-1]  # the removal's: grant ids
    box.set_value(made[0].id)
    at = submit(at, "Noņemt" if lang == "lv" else "Remove")
    assert not at.exception
    assert made[0].id not in {g.id for g in repo.list_grants(store)}
    actions = [e["action"] for e in repo.list_audit(store)[:3]]
    assert actions == ["role.revoke", "role.grant", "role.grant"]


def test_the_last_administrator_cannot_be_removed_on_the_page(app, store):  # noqa: F811
    at = app(ADMIN_PAGE, user=ADMIN)
    (mine,) = [g for g in repo.list_grants(store) if g.role == "admin"]
    [x for x in at.selectbox if x.label == "Loma"][-1].set_value(mine.id)
    at = submit(at, "Noņemt")
    assert "Pēdējo administratoru noņemt nevar" in " ".join(e.value for e in at.error)
    assert mine.id in {g.id for g in repo.list_grants(store)}


@pytest.mark.parametrize("who", [None, READER, COORDINATOR, CONTRIBUTOR_OTHER])
def test_nobody_else_sees_roles_or_the_log(app, store, who):  # noqa: F811
    at = app(ADMIN_PAGE, user=who, auth=True)
    assert "Šo lapu var izmantot tikai administratori" in texts(at)
    assert not at.dataframe and not at.get("download_button")
    assert not [b for b in at.sidebar.get("page_link") if "admin" in str(b.proto.page)]


def test_the_account_box_shows_the_name_as_text(app, store):  # noqa: F811
    hostile = Actor(
        COORDINATOR.principal, "<img src=x onerror=alert(1)> ![p](https://t.example/p.gif)"
    )
    at = app("pages/networks.py", user=hostile)
    (caption,) = [c.value for c in at.sidebar.caption if "Pierakstījies" in c.value]
    assert "<img" not in caption and "![" not in caption and "&lt;img" in caption
    assert "koordinators" in caption
    assert [b.label for b in at.sidebar.button if b.key == "auth_sign_out"] == ["Izrakstīties"]


def test_a_contributor_edits_only_their_municipalitys_practices(app, store):  # noqa: F811
    repo.create_practice(
        store,
        PracticeInput(title_lv="Sintētiska citas pašvaldības prakse", unit_id=PRACTICE_UNIT),
        by=ADMIN,
    )
    own = repo.create_practice(
        store,
        PracticeInput(title_lv="Sintētiska savas pašvaldības prakse", unit_id=OTHER_UNIT),
        by=ADMIN,
    )
    at = app("pages/practices.py", user=CONTRIBUTOR_OTHER)
    mine = {p.title_lv for p in repo.list_practices(store) if p.unit_id == OTHER_UNIT}
    assert repo.get_practice(store, own).title_lv in mine
    assert len(mine) < len(repo.list_practices(store))
    (edit,) = [x for x in at.selectbox if x.key is None and x.label == "Rediģēt"]
    assert set(edit.options) == mine  # only entries of the contributor's municipality
    units = [x for x in at.selectbox if x.label == "Pašvaldība" and x.key is None]
    assert len(units) == 2 and all(x.options == ["Bauskas novads"] for x in units)  # new, edit


def test_a_hostile_address_is_refused_and_shown_as_text(app, store):  # noqa: F811
    at = app(ADMIN_PAGE, user=ADMIN)
    next(x for x in at.text_input if x.label == "E-pasta adrese").input(
        "![p](https://t.example/p.gif)<script>x</script>"
    )
    at = submit(at, "Piešķirt")
    (error,) = [e.value for e in at.error]
    assert "nav e-pasta adrese" in error and "![" not in error and "<script" not in error
    assert not [g for g in repo.list_grants(store) if "t.example" in g.principal]
