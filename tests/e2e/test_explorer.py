"""The explorer and the SQL console in headless Chromium, as an analyst would use them."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_done
from tests.e2e.test_pages import open_page

pytestmark = pytest.mark.e2e

CHART = "[data-testid='stVegaLiteChart']"
GRID = "[data-testid='stDataFrame']"


def choose(page, label: str, option: str) -> None:
    """Pick an option in the multiselect or selectbox with this label."""
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_done(page)


def grid_rows(page) -> list[list[str]]:
    """The table as the grid's accessible DOM shows it (all rows while they fit on screen)."""
    rows = page.locator(GRID).first.locator("[role='row']")
    return [
        [
            cell.inner_text()
            for cell in rows.nth(i).locator("[role='columnheader'], [role='gridcell']").all()
        ]
        for i in range(rows.count())
    ]


def download(page, button: str) -> tuple[bytes, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).first.click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename


def numbers(values: list[str]) -> list[float | None]:
    return [float(v) if v not in ("", "None", "nan", "<NA>") else None for v in values]


def test_build_a_filter_see_the_charts_and_download_what_is_shown(page, app_url):
    open_page(page, f"{app_url}/izpete?ind=population_avg&year=2024&my=LV0020000")
    expect(page.locator(CHART)).to_have_count(
        3, timeout=20_000
    )  # scatter, distribution, small multiples
    choose(page, "Statistiskais reģions", "Zemgale")
    choose(page, "Veids", "novads")
    assert re.search(r"[?&]reg=LV009", page.url) and re.search(r"[?&]kind=novads", page.url)
    assert page.get_by_text(re.compile(r"Atlasītās pašvaldības \(\d+\)")).is_visible()
    assert page.locator(CHART).nth(0).locator("g.mark-symbol path").count() >= 3
    assert page.locator(CHART).nth(1).is_visible()
    screenshot(page, "izpete-filtrs")

    shown = grid_rows(page)
    header, body = shown[0], shown[1:]
    assert body[0][0] == "Aizkraukles novads"  # my municipality first
    assert {row[1] for row in body} == {"novads"} and {row[2] for row in body} == {"Zemgale"}

    data, name = download(page, "Lejupielādēt CSV")
    assert name == "izpete_2024.csv"
    csv = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    # after each indicator's values, the file says what they are (the screen marks them)
    status = [c for c in csv.columns if c.endswith(": statuss")]
    assert len(status) == 2 and set(csv[status[0]]) == {"oficiāla statistika"}
    csv = csv.drop(columns=status)
    assert csv.columns.tolist() == header
    assert csv.iloc[:, 0].tolist() == [row[0] for row in body]
    for j in range(3, len(header)):
        on_screen = numbers([row[j] for row in body])
        in_file = numbers(
            [v.replace(",", ".") if isinstance(v, str) else "" for v in csv.iloc[:, j]]
        )
        assert in_file == pytest.approx(on_screen), header[j]

    data, name = download(page, "Lejupielādēt Excel")
    assert name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(data))
    rows = [[c.value for c in r] for r in book.worksheets[0].iter_rows()]
    assert [c for c in rows[0] if not c.endswith(": statuss")] == header
    assert [r[0] for r in rows[1:]] == [row[0] for row in body]
    assert numbers([str(r[3]) for r in rows[1:]]) == pytest.approx(numbers([r[3] for r in body]))
    sources = " ".join(str(c.value) for r in book.worksheets[1].iter_rows() for c in r if c.value)
    assert "IRS031" in sources and "Iegūts" in sources and "Zemgale" in sources

    data, name = download(page, "Lejupielādēt PNG")
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and name.endswith(".png")
    assert page.external_requests == []


def test_clicking_a_dot_selects_that_municipality(page, app_url):
    open_page(page, f"{app_url}/izpete?ind=population_avg&year=2024&reg=LV009")
    dot = page.locator(CHART).first.locator("g.mark-symbol path[aria-label^='Bauskas novads']")
    dot.first.scroll_into_view_if_needed()
    dot.first.click()
    page.wait_for_url(re.compile(r"[?&]cmp=LV0025000"), timeout=20_000)
    wait_done(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Bauskas novads").is_visible()  # now a compared municipality


def test_explorer_in_english(page, app_url):
    open_page(page, f"{app_url}/izpete?lang=en&ind=road_asphalt_share_pct&lx=1")
    assert page.get_by_role("heading", name="Explore").is_visible()
    assert page.get_by_text("Fitted line").is_visible()
    expect(page.locator(CHART)).to_have_count(
        2, timeout=20_000
    )  # one year only: no small multiples, said so
    assert page.get_by_text("has data for one year only").is_visible()
    screenshot(page, "izpete-en")


def test_console_runs_an_example_and_refuses_a_hostile_query(page, app_url, built_db):
    before = hashlib.sha256(built_db.read_bytes()).hexdigest()
    open_page(page, f"{app_url}/sql")
    choose(page, "Piemērs", "Iedzīvotāju skaits novados 2024. gadā, lielākie vispirms")
    page.get_by_role("button", name="Ielikt piemēru").click()
    wait_done(page)
    page.get_by_role("button", name="Izpildīt").click()
    wait_done(page)
    # the query runs in a worker process: wait for its table rather than look once
    expect(page.locator(GRID)).to_be_visible(timeout=30_000)
    # the 36 novadi and the merged Madona of 2025 (constructed from Madona and Varakļāni)
    expect(page.get_by_text(re.compile(r"^37 rindas"))).to_be_visible()
    data, _ = download(page, "Lejupielādēt CSV")
    assert len(data.decode("utf-8-sig").strip().splitlines()) == 38
    screenshot(page, "sql-piemers")

    editor = page.get_by_label("Vaicājums")
    editor.fill("SELECT * FROM read_csv('/etc/passwd'); DROP TABLE observations")
    editor.press("Control+Enter")
    wait_done(page)
    page.get_by_role("button", name="Izpildīt").click()
    wait_done(page)
    alert = page.locator("[data-testid='stAlert']").first
    assert "Atļauts tikai viens vaicājums" in alert.inner_text()
    editor.fill("SELECT * FROM read_csv('/etc/passwd')")
    editor.press("Control+Enter")
    wait_done(page)
    page.get_by_role("button", name="Izpildīt").click()
    wait_done(page)
    assert "nevar lasīt failus" in page.locator("[data-testid='stAlert']").first.inner_text()
    assert "root:" not in page.content()
    screenshot(page, "sql-atteikts")
    assert hashlib.sha256(built_db.read_bytes()).hexdigest() == before
