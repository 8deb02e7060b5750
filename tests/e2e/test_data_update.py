"""Update from CSP in Chromium: the app served as `make run` does, with sign-in through the
local OpenID Connect provider and the connector pointed at the stub PxWeb server on
127.0.0.1 (BENCHLEARN_PXWEB_URL). Someone signed out is told administrators can do it; the
first administrator signs in, runs a dry run of IRS031 (progress, then the plan), applies it,
and the map shows the new value. Screenshots of the panel in Latvian and English."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.e2e.conftest import ARTIFACTS, assert_no_exception, wait_done
from tests.e2e.oidc import app_with_sign_in, sign_in
from tests.pxweb_fetch_stub import TreeStub, add_irs031, add_trs020

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.test"
UNIT, YEAR, NEW = "LV0020000", 2024, 12_345.0  # Aizkraukles novads, a value only the stub has
SLOW = 1.0  # seconds per stub request: long enough to see the progress bars


@pytest.fixture(scope="module")
def served(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("csp_update")
    db = folder / "benchlearn.duckdb"
    shutil.copy(built_db, db)  # the apply swaps in a new warehouse: never the shared one
    with TreeStub() as stub, pytest.MonkeyPatch.context() as patch:
        add_irs031(stub, {(UNIT, "POP_SY", str(YEAR)): NEW}, delay=SLOW)
        add_trs020(stub, delay=SLOW)
        patch.setenv("BENCHLEARN_PXWEB_URL", stub.base_url)
        patch.setenv("BENCHLEARN_FETCHED", str(folder / "fetched"))
        with app_with_sign_in(db, folder, admins=[ADMIN]) as (base, _):
            yield base, stub


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_done(page)
    assert_no_exception(page)


def panel_shot(page, heading: str, name: str) -> None:
    """The panel as a person sees it: the viewport from its heading down."""
    page.get_by_role("heading", name=heading).evaluate("e => e.scrollIntoView()")
    page.wait_for_timeout(400)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def choose_tables(page, label: str, *options: str) -> None:
    box = page.get_by_role("combobox", name=label)
    for option in options:
        box.click()
        page.keyboard.type(option)
        page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_done(page)
    shown = page.locator("[data-testid='stMultiSelect']").inner_text()
    assert all(option in shown for option in options), shown


def test_signed_out_is_told_administrators_can_update(page, served):
    base, _ = served
    open_page(page, f"{base}/dati")
    main = page.locator("[data-testid='stMain']")
    assert main.get_by_role("heading", name="Atjaunināt no CSP").is_visible()
    assert main.get_by_text("Administratori pēc pierakstīšanās šeit var atjaunināt").is_visible()
    assert page.get_by_role("combobox", name="Tabulas").count() == 0


def test_an_administrator_dry_runs_applies_and_sees_it_on_the_map(page, served):
    base, stub = served
    open_page(page, base)
    sign_in(page, ADMIN)
    open_page(page, f"{base}/dati")
    choose_tables(page, "Tabulas", "IRS031")
    page.get_by_role("button", name="Izmēģināt: parādīt, kas mainītos").click()
    page.get_by_text("Izmēģinājums notiek").wait_for(timeout=10_000)
    bars = page.locator("[data-testid='stProgress']")
    bars.nth(1).wait_for(timeout=10_000)
    assert bars.count() == 2  # all tables, and IRS031
    panel_shot(page, "Atjaunināt no CSP", "csp-update-running-lv")
    page.get_by_text("Izmēģinājums: kas mainītos").wait_for(timeout=60_000)
    wait_done(page)
    assert_no_exception(page)
    assert page.get_by_text("Nekas vēl nav mainīts").is_visible()
    panel_shot(page, "Atjaunināt no CSP", "csp-update-plan-lv")
    posts = stub.count("POST")

    page.get_by_role("button", name="Apstiprināt un atjaunināt").click()
    page.get_by_text(re.compile(r"Atjaunināts .*IRS031")).wait_for(timeout=90_000)
    wait_done(page)
    assert_no_exception(page)
    assert stub.count("POST") > posts  # the real fetch downloads again
    assert page.get_by_text("Pēdējās atjaunināšanas").is_visible()
    panel_shot(page, "Atjaunināt no CSP", "csp-update-applied-lv")

    open_page(page, f"{base}/?ind=population_start_of_year&year={YEAR}&my={UNIT}")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=20_000)
    assert "12\u202f345" in page.locator("[data-testid='stMain']").inner_text()
    assert page.external_requests == [], page.external_requests


def test_the_panel_in_english(page, served):
    base, _ = served
    open_page(page, base)
    sign_in(page, ADMIN)  # the provider's button is pressed in Latvian
    open_page(page, f"{base}/dati?lang=en")
    choose_tables(page, "Tables", "IRS031", "TRS020")
    page.get_by_role("button", name="Dry run: show what would change").click()
    page.get_by_text("Dry run in progress").wait_for(timeout=10_000)
    page.get_by_text(re.compile(r"TRS020: (requests|downloaded)")).wait_for(timeout=30_000)
    panel_shot(page, "Update from CSP", "csp-update-running-en")
    page.get_by_text("Dry run: what would change").wait_for(timeout=60_000)
    wait_done(page)
    assert_no_exception(page)
    panel_shot(page, "Update from CSP", "csp-update-plan-en")
    page.get_by_role("button", name="Discard").click()
    wait_done(page)
    assert page.get_by_role("button", name="Dry run: show what would change").is_visible()
