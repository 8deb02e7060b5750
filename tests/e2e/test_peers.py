"""Similar municipalities in headless Chromium: choose a focus, see 7 peers with their
explanations, adopt them as the comparison group, and see the comparison table switch."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import screenshot, wait_done
from tests.e2e.test_pages import open_page

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stVegaLiteChart']"


def row_names(page) -> list[str]:
    """The row headers of the comparison table, in the order shown."""
    table = page.get_by_role("table", name="Salīdzinājums")
    table.wait_for(timeout=20_000)
    return table.locator("tbody th").all_inner_texts()


def test_choose_focus_adopt_peers_and_compare(page, app_url):
    open_page(page, f"{app_url}/lidzigas")
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("combobox", name="Izvēlieties pašvaldību").click()
    page.get_by_role("option", name="Aizkraukles novads", exact=True).click()
    wait_done(page)
    page.wait_for_function(f'document.querySelectorAll("{CHART}").length === 7', timeout=20_000)
    assert main.get_by_text("Līdzīga pēc:").count() == 7
    assert page.get_by_role(
        "heading", name="Aizkraukles novads: līdzīgākās pašvaldības"
    ).is_visible()
    titles = main.locator("strong").filter(has_text=re.compile(r"^\d+\. ")).all_inner_texts()
    peers = [re.sub(r"^\d+\. ", "", title).strip() for title in titles]
    assert len(peers) == 7 and "Aizkraukles novads" not in peers
    page.wait_for_timeout(1000)  # let deck.gl draw before the screenshot
    screenshot(page, "lidzigas-lv")

    page.get_by_role("button", name="Izmantot kā salīdzināmo grupu").click()
    page.wait_for_url(re.compile(r"grp=compared"), timeout=20_000)
    wait_done(page)
    assert page.get_by_text("Salīdzināmā grupa tagad ir Aizkraukles novads").is_visible()

    page.get_by_role("link", name="Salīdzinājums").first.click()
    page.wait_for_url(re.compile(r"/salidzinajums"), timeout=20_000)
    wait_done(page)
    names = [name.removeprefix("★ ") for name in row_names(page)]
    assert names[0] == "Aizkraukles novads"  # my municipality first
    assert sorted(names[1:]) == sorted(peers)  # exactly the group, not all 43
    assert page.get_by_text(re.compile(r"^Salīdzināmās pašvaldības · ")).is_visible()
    screenshot(page, "lidzigas-salidzinajums")
    assert page.external_requests == [], page.external_requests


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_indices_page_in_the_browser(page, app_url, lang):
    open_page(page, f"{app_url}/indeksi?lang={lang}&my=LV0020000")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=20_000)
    vraa = "nav VRAA teritorijas" if lang == "lv" else "not VRAA's territorial"
    assert page.get_by_text(re.compile(vraa)).first.is_visible()
    page.wait_for_timeout(1000)
    screenshot(page, f"indeksi-{lang}")
    assert page.external_requests == [], page.external_requests
