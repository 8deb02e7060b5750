"""A contribution end to end, signed in for real (the local OpenID Connect provider of
tests/e2e/oidc.py, Streamlit's st.login, headless Chromium): the contributor of Tukuma
downloads the template, changes a value, uploads it, sees the preview and the staged state;
an administrator approves it (the warehouse is rebuilt and swapped in); the map shows the
value with its ✎ mark and status; the audit log (CSV) has both steps."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from benchlearn.userdata import db
from benchlearn.userdata import repository as repo
from benchlearn.userdata.access import Actor
from tests.e2e.conftest import assert_no_exception, screenshot, wait_done
from tests.e2e.oidc import app_with_sign_in, sign_in

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.test"
TUKUMS = "tukums@example.test"
UNIT = "LV0052000"  # Tukuma novads
INDICATOR, YEAR = "forest_ha", "2024"  # a value the reference data hold for Tukuma


@pytest.fixture(scope="module")
def served(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("contribute")
    warehouse = folder / "benchlearn.duckdb"  # an approval rebuilds it: a private copy
    shutil.copy(built_db, warehouse)
    url = f"sqlite:///{folder / 'userdata.sqlite'}"
    engine = db.get_engine(url)
    repo.bootstrap_admin(engine, Actor(ADMIN), [ADMIN])
    repo.grant_role(engine, TUKUMS, "contributor", UNIT, by=Actor(ADMIN))
    db.dispose(url)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BENCHLEARN_CONTRIBUTED", str(folder / "contributed"))
        patch.setenv("BENCHLEARN_FETCHED", str(folder / "fetched"))
        with app_with_sign_in(warehouse, folder, admins=[ADMIN]) as urls:
            yield (*urls, folder)


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_done(page)
    assert_no_exception(page)


def test_contributor_uploads_administrator_approves_map_marks_it(browser, served):
    base, _, folder = served
    tukums = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    admin = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    try:
        page = tukums.new_page()
        open_page(page, base)
        sign_in(page, TUKUMS)
        open_page(page, f"{base}/iesniegt")
        assert page.get_by_role("heading", name="Pašvaldības datu iesniegšana").is_visible()
        page.get_by_role("combobox", name="Rādītāju kopa").click()
        page.get_by_role("option", name="Meži", exact=True).click()
        wait_done(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Veidne (CSV)").click()
        text = download.value.path().read_text("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {r["unit_id"] for r in rows} == {UNIT}  # their municipality only
        target = next(r for r in rows if r["indicator"] == INDICATOR and r["year"] == YEAR)
        assert target["value"]  # prefilled with the value we hold
        old = target["value"]
        new = str(int(float(old)) + 100)
        target["value"], target["note"] = new, "<b>precizēts</b> pēc pārskata"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        upload = folder / "tukums.csv"
        upload.write_text(out.getvalue(), encoding="utf-8")
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(upload)
        page.get_by_text("Priekšskatījums").wait_for()
        wait_done(page)
        assert_no_exception(page)
        assert page.get_by_text("mainītas: 1").is_visible()
        if page.get_by_text("Esmu pārbaudījis").count():
            page.get_by_text("Esmu pārbaudījis").click()
        screenshot(page, "contribute-preview")
        page.get_by_role("button", name="Iesniegt apstiprināšanai").click()
        page.get_by_text("Gaida apstiprinājumu").wait_for()
        assert_no_exception(page)
        screenshot(page, "contribute-staged")

        other = admin.new_page()
        open_page(other, base)
        sign_in(other, ADMIN)
        open_page(other, f"{base}/iesniegt")
        other.get_by_role("button", name="Apstiprināt").click()
        other.get_by_text("Apstiprināta 1 vērtība").wait_for(timeout=60_000)
        assert_no_exception(other)

        open_page(other, f"{base}/?ind={INDICATOR}&year={YEAR}&my={UNIT}")
        other.get_by_text("pašvaldības iesniegts, apstiprināts").first.wait_for()
        assert other.get_by_text("✎").first.is_visible()
        assert other.locator("b", has_text="precizēts").count() == 0  # notes never as HTML
        screenshot(other, "contribute-map")

        open_page(other, f"{base}/admin")
        with other.expect_download() as log:
            other.get_by_role("button", name="Lejupielādēt CSV").click()
        entries = list(csv.DictReader(io.StringIO(log.value.path().read_text("utf-8-sig"))))
        steps = [(e["actor"], e["action"], e["decision"]) for e in entries]
        assert (TUKUMS, "contribution.submit", "done") in steps
        assert (ADMIN, "contribution.approve", "done") in steps
        approved = next(e for e in entries if e["action"] == "contribution.approve")
        assert re.search(rf'"old": {old}(\.0)?, "new": {new}(\.0)?', approved["new_value"])
    finally:
        tukums.close()
        admin.close()
