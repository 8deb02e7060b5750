"""A fetch from the stub PxWeb server into a fresh database, then the dashboard in Chromium:
the new indicators are on the map's indicator list and in the catalogue on /dati."""

from __future__ import annotations

import re
import shutil

import pytest

from benchlearn.fetch import fetch
from benchlearn.ingest.pxweb_client import PxWebClient
from tests.e2e.conftest import assert_no_exception, screenshot, start_streamlit, wait_done
from tests.pxweb_fetch_stub import TreeStub, add_all

pytestmark = pytest.mark.e2e
NEW = "Value added per resident"  # fetch-only: exists once NPV010 has been fetched


@pytest.fixture(scope="module")
def fetched_app(tmp_path_factory, built_db):
    work = tmp_path_factory.mktemp("fetched")
    db = work / "benchlearn.duckdb"
    shutil.copy(built_db, db)
    with TreeStub() as stub:
        add_all(stub)
        fetch(
            ["IRS031", "TRS020", "NPV010", "EKA011"],
            client=PxWebClient(base_url=stub.base_url, max_requests=1000),
            database=db,
            fetched_dir=work / "fetched",
            progress=lambda *_: None,
        )
    proc, url = start_streamlit(db)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_done(page)
    assert_no_exception(page)


def test_a_fetched_indicator_can_be_mapped(page, fetched_app):
    open_page(page, f"{fetched_app}/?lang=en&ind=population_avg&year=2024")
    box = page.locator("[data-testid='stSidebar']").get_by_role(
        "combobox", name="Indicator", exact=True
    )
    box.click()
    page.keyboard.type(NEW)
    page.get_by_role("option", name=f"Economy and employment · {NEW}").click()
    page.wait_for_url(re.compile(r"ind=value_added_per_resident_eur"), timeout=20_000)
    wait_done(page)
    assert_no_exception(page)
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=20_000)
    assert page.get_by_role("heading", name=NEW).is_visible()
    assert "NPV010" in page.locator("[data-testid='stMain']").inner_text()  # its source
    page.wait_for_timeout(1500)
    screenshot(page, "fetch-map-en")
    assert page.external_requests == [], page.external_requests


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_catalogue_and_the_fetch_log_show_the_fetched_tables(page, fetched_app, lang):
    open_page(page, f"{fetched_app}/dati?lang={lang}")
    main = page.locator("[data-testid='stMain']")
    heading = "Fetched from CSP's database" if lang == "en" else "Ielāde no CSP datubāzes"
    assert main.get_by_role("heading", name=heading).is_visible()
    search = "Search indicators" if lang == "en" else "Meklēt rādītāju"
    page.get_by_label(search).fill("value added" if lang == "en" else "pievienotā vērtība")
    page.keyboard.press("Enter")
    wait_done(page)
    shown = "Showing 3 of" if lang == "en" else "Rādīti 3 no"
    assert shown in main.inner_text()  # value added, per resident and per employed resident
    screenshot(page, f"fetch-dati-{lang}")
