"""Sign-in for real: a local OpenID Connect provider on 127.0.0.1, Streamlit's st.login
against it, headless Chromium. The first administrator (named in the secrets' `admins`)
signs in, assigns a coordinator on the admin page; the coordinator creates a network; the
audit log (downloaded as CSV) has both steps. Someone signed out, and a signed-in reader,
are offered no editing; a display name with HTML in it is shown as text; sign-out works."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.e2e.conftest import assert_no_exception, screenshot, wait_done
from tests.e2e.oidc import app_with_sign_in, set_user, sign_in

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.test"
COORDINATOR = "coordinator@example.test"
READER = "reader@example.test"
HOSTILE_NAME = "<img src=x onerror=alert(1)>Koordinatore **Anna**"
NETWORK = "Sintētisks pierakstīšanās tīkls"


@pytest.fixture(scope="module")
def served(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("signin")
    with app_with_sign_in(built_db, folder, admins=[ADMIN]) as urls:
        yield urls


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_done(page)
    assert_no_exception(page)


def sidebar(page):
    return page.locator("[data-testid='stSidebar']")


def test_signed_out_reads_and_is_offered_no_editing(page, served):
    base, _ = served
    open_page(page, f"{base}/tikli")
    assert page.get_by_role("heading", name="Sadarbības tīkli").is_visible()
    assert sidebar(page).get_by_role("button", name="Pierakstīties").is_visible()
    assert page.get_by_role("tab", name="Jauns tīkls").count() == 0
    assert sidebar(page).get_by_role("button", name="Saglabāt skatu").count() == 0
    open_page(page, f"{base}/admin")
    assert page.get_by_text("Šo lapu var izmantot tikai administratori").is_visible()
    assert page.external_requests == [], page.external_requests


def test_admin_assigns_a_coordinator_who_creates_a_network(browser, served):
    base, provider_url = served
    set_user(provider_url, COORDINATOR, name=HOSTILE_NAME)
    admin = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    coordinator = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    try:
        # the first administrator signs in and becomes one
        page = admin.new_page()
        open_page(page, base)
        sign_in(page, ADMIN)
        assert sidebar(page).get_by_text("administrators").is_visible()
        sidebar(page).get_by_role("link", name="Administrēšana").click()
        page.wait_for_url(re.compile(r"/admin"))
        wait_done(page)
        assert_no_exception(page)
        form = page.locator("[data-testid='stForm']").first
        form.get_by_role("textbox", name="E-pasta adrese").fill(COORDINATOR)
        form.get_by_role("combobox", name="Loma").click()
        page.get_by_role("option", name="koordinators", exact=True).click()
        form.get_by_role("textbox", name="Pamatojums").fill("semināru koordinatore")
        form.get_by_role("button", name="Piešķirt").click()
        page.get_by_text("Loma piešķirta.").wait_for()
        assert_no_exception(page)
        screenshot(page, "signin-admin")

        # the coordinator signs in: the display name is shown as text, not as HTML
        other = coordinator.new_page()
        open_page(other, base)
        sign_in(other, COORDINATOR)
        account = sidebar(other).get_by_text("Pierakstījies")
        account.wait_for()
        shown = account.inner_text()
        assert "<img src=x onerror=alert(1)>Koordinatore **Anna**" in shown
        assert sidebar(other).locator("img[src='x']").count() == 0
        assert "koordinators" in shown
        open_page(other, f"{base}/tikli")
        other.get_by_role("tab", name="Jauns tīkls").click()
        panel = other.get_by_role("tabpanel", name="Jauns tīkls")
        panel.get_by_label("Nosaukums latviski").fill(NETWORK)
        panel.get_by_role("button", name="Izveidot tīklu").click()
        wait_done(other)
        other.wait_for_url(re.compile(r"tikls=\d+"))
        assert other.get_by_role("heading", name=NETWORK).is_visible()
        assert_no_exception(other)

        # the audit log has both steps, with who did them
        open_page(page, f"{base}/admin")
        with page.expect_download() as download:
            page.get_by_role("button", name="Lejupielādēt CSV").click()
        rows = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
        steps = [(r["actor"], r["action"], r["decision"]) for r in rows]
        assert (ADMIN, "role.grant", "done") in steps  # the coordinator's role
        assert (COORDINATOR, "network.create", "done") in steps
        grant = next(r for r in rows if COORDINATOR in r["new_value"])
        assert grant["reason"] == "semināru koordinatore"
        created = next(r for r in rows if r["action"] == "network.create")
        assert NETWORK in created["new_value"] and created["actor_name"] == HOSTILE_NAME
        screenshot(page, "signin-audit")

        # signing out: the sidebar offers sign-in again and editing is gone
        open_page(other, f"{base}/tikli")
        sidebar(other).get_by_role("button", name="Izrakstīties").click()
        other.wait_for_url(re.compile(r"/oauth2/end_session"))  # the provider's own sign-out
        other.get_by_role("button", name="End session").click()
        other.wait_for_url(re.compile(rf"^{re.escape(base)}/"))
        wait_done(other)
        open_page(other, f"{base}/tikli")
        assert sidebar(other).get_by_role("button", name="Pierakstīties").is_visible()
        assert other.get_by_role("tab", name="Jauns tīkls").count() == 0
        for tab in (page, other):
            assert tab.context.pages  # both contexts still open
    finally:
        admin.close()
        coordinator.close()


def test_a_signed_in_reader_is_told_to_ask_an_administrator(page, served):
    base, _ = served
    open_page(page, base)
    sign_in(page, READER)
    assert sidebar(page).get_by_text("lasītājs").is_visible()
    open_page(page, f"{base}/tikli")
    page.get_by_text("Lai veidotu vai mainītu tīklus").click()
    page.get_by_text("Jūsu kontam nav lomas “koordinators”").wait_for()
    assert page.get_by_role("tab", name="Jauns tīkls").count() == 0
    open_page(page, f"{base}/admin")
    assert page.get_by_text("Šo lapu var izmantot tikai administratori").is_visible()
    assert page.external_requests == [], page.external_requests
