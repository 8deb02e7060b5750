"""The contribution page in AppTest, Latvian and English: a contributor is offered their own
municipality's template (CSV and Excel) and an upload; someone without the role is told how
to get it; an administrator approves a staged submission, the warehouse is rebuilt, and the
map shows the value with its ✎ mark and status words; a note with HTML is shown as text; the
switch hides contributed values on the map."""

from __future__ import annotations

import shutil

import pytest

from benchlearn.logic import usertext
from benchlearn.userdata import contributions as ct
from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from tests.app.conftest import texts
from tests.app.test_seminar_pages import app, store  # noqa: F401 (fixtures)
from tests.userdata_support import ADMIN, READER

PAGE = "pages/contribute.py"
UNIT = "LV0052000"  # Tukuma novads
OWN = Actor("tukums@example.test", "Sintētisks Tukuma ziņotājs")


@pytest.fixture
def own_warehouse(built_db, tmp_path, monkeypatch):
    """A private copy of the warehouse (an approval rebuilds it) and contributions folder."""
    copy = tmp_path / "benchlearn.duckdb"
    shutil.copy(built_db, copy)
    monkeypatch.setenv("BENCHLEARN_DB", str(copy))
    monkeypatch.setenv("BENCHLEARN_CONTRIBUTED", str(tmp_path / "contributed"))
    monkeypatch.setenv("BENCHLEARN_FETCHED", str(tmp_path / "fetched"))
    return copy


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_contributor_gets_the_template_of_their_municipality(app, store, lang):  # noqa: F811
    repo.grant_role(store, OWN.principal, "contributor", UNIT, by=ADMIN)
    at = app(PAGE, user=OWN, lang=lang)
    unit = at.selectbox[
        [s.label for s in at.selectbox].index("Pašvaldība" if lang == "lv" else "Municipality")
    ]
    assert unit.options == ["Tukuma novads"] or unit.value == UNIT
    labels = [b.proto.label for b in at.get("download_button")]
    assert ("Veidne (CSV)" if lang == "lv" else "Template (CSV)") in labels
    assert ("Veidne (Excel)" if lang == "lv" else "Template (Excel)") in labels
    assert at.get("file_uploader")


def test_a_reader_is_told_what_it_takes(app, store):  # noqa: F811
    at = app(PAGE, user=READER, lang="en")
    assert "contributor" in texts(at)
    assert not at.get("file_uploader") and not at.get("download_button")


def test_an_administrator_approves_and_the_map_marks_the_value(
    app,  # noqa: F811
    store,  # noqa: F811
    own_warehouse,
):
    repo.grant_role(store, OWN.principal, "contributor", UNIT, by=ADMIN)
    ct.stage(
        store,
        UNIT,
        [ct.StagedValue("live_births", 2024, 345.0, 240.0, "<script>alert(1)</script>")],
        by=OWN,
    )
    at = app(PAGE, user=ADMIN, lang="en")
    assert "Submissions awaiting a decision" in [h.value for h in at.header]
    note = at.dataframe[0].value  # the note as a cell of text, never as HTML
    assert "<script>alert(1)</script>" in note.to_string()
    at = next(b for b in at.button if b.label == "Approve").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 value approved" in s.value for s in at.success)  # one, not "1 values"
    assert [e["action"] for e in repo.list_audit(store)[:2]] == [
        "contribution.approve",
        "contribution.submit",
    ]
    shown = app(None, user=ADMIN, lang="en", ind="live_births", year="2024", my=UNIT)
    words = texts(shown)
    assert "✎" in words and "contributed by the municipality, approved" in words
    hidden = app(None, user=ADMIN, lang="en", ind="live_births", year="2024", my=UNIT, hide="1")
    assert "✎" not in texts(hidden)
    for page in ("pages/trends.py", "pages/profile.py", "pages/benchmark.py"):
        query = {"lang": "en", "ind": "live_births", "year": "2024", "my": UNIT}
        shown = app(page, user=ADMIN, **query)
        assert "✎" in texts(shown) + "".join(h.proto.body for h in shown.get("html")), page
        hidden = app(page, user=ADMIN, hide="1", **query)
        assert "✎" not in texts(hidden) + "".join(h.proto.body for h in hidden.get("html")), page


def test_the_contributor_reads_why_their_submission_was_rejected(app, store):  # noqa: F811
    repo.grant_role(store, OWN.principal, "contributor", UNIT, by=ADMIN)
    ident = ct.stage(store, UNIT, [ct.StagedValue("live_births", 2024, 1.0)], by=OWN)
    ct.reject(store, ident, "Skaitlis **nav** <b>pareizs</b>", by=ADMIN)
    words = texts(app(PAGE, user=OWN, lang="en"))
    # markdown source as sent: the address and the reason escaped, never read as markup
    assert f"rejected by {usertext.escape(ADMIN.principal)}" in words
    assert usertext.escape("Skaitlis **nav** <b>pareizs</b>") in words
    assert app(PAGE, user=OWN, lang="lv").get("file_uploader")  # and may upload again
