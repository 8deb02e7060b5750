"""Every page in headless Chromium, as a person would use it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import assert_no_exception, screenshot, start_streamlit, wait_done

pytestmark = pytest.mark.e2e

PAGES = {
    "": "[data-testid='stDeckGlJsonChart'] canvas",  # the map is the default page, at /
    "tendences": "[data-testid='stVegaLiteChart']",
    "salidzinajums": "[data-testid='stHtml'] table",
    "profils": "[data-testid='stMetric']",
    "dati": "[data-testid='stDataFrame']",
}
VIEW = "ind=population_avg&year=2020&my=LV0020000&cmp=LV0021000,LV0023000&grp=nuts:LV009"


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_done(page)
    assert_no_exception(page)


def selected(page, label: str) -> str:
    """The text shown in the sidebar selectbox with this label."""
    sidebar = page.locator("[data-testid='stSidebar']")
    return sidebar.get_by_role("combobox", name=label, exact=True).input_value().strip()


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_runs_and_shows_its_content(page, app_url, path, lang):
    open_page(page, f"{app_url}/{path}?lang={lang}&{VIEW}")
    page.wait_for_selector(PAGES[path], timeout=20_000)
    if path == "":
        page.wait_for_timeout(1500)  # let deck.gl draw before the screenshot
    screenshot(page, f"{path or 'karte'}-{lang}")
    assert page.external_requests == [], page.external_requests


@pytest.mark.parametrize(
    ("path", "table", "row", "column"),
    [
        ("tendences", "Values in the chart, persons", "Aizkraukle municipality", "2020"),
        ("profils", "All indicators", "Annual average population", "Percentile"),
        ("salidzinajums", "Comparison", "★ Aizkraukle municipality", "Municipality"),
    ],
)
def test_a_table_of_values_reads_as_a_table(page, app_url, path, table, row, column):
    """Trends, profile and comparison draw their tables as HTML, not as a canvas grid: a
    screen reader finds the table by its name, a row by its heading cell and a column by its
    header."""
    open_page(page, f"{app_url}/{path}?lang=en&{VIEW}")
    found = page.get_by_role("table", name=table)
    found.wait_for(timeout=20_000)
    assert found.get_by_role("rowheader", name=row, exact=True).is_visible()
    assert found.get_by_role("columnheader", name=column, exact=True).is_visible()
    assert page.locator("[data-testid='stDataFrame']").count() == 0


def test_the_first_visitor_of_a_new_server_may_arrive_by_a_page_link(page, built_db):
    """Streamlit's legacy pages/ lookup once greeted this visitor with "Page not found"."""
    proc, url = start_streamlit(built_db)
    try:
        open_page(page, f"{url}/dati")
        page.wait_for_selector(PAGES["dati"], timeout=20_000)
        assert page.get_by_role("heading", name="Dati", exact=True).is_visible()
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_role("dialog").count() == 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_top_bar_fits_a_projector_and_its_menus_lead_to_the_pages(browser, app_url):
    """At 1280 px every page is reachable from the bar without Streamlit's English "N more"
    overflow: four links, then two menus."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    open_page(page, f"{app_url}/")
    assert page.get_by_text(re.compile(r"^\d+ more$")).count() == 0
    for link in ("Karte", "Tendences", "Salīdzinājums", "Profils"):
        assert page.get_by_role("link", name=link, exact=True).is_visible()
    page.get_by_text("Mācīties no citiem", exact=True).click()
    page.get_by_role("menuitem", name="Indeksi", exact=True).click()
    page.wait_for_url(re.compile(r"/indeksi"), timeout=20_000)
    wait_done(page)
    assert_no_exception(page)
    page.get_by_text("Analītiķiem", exact=True).click()
    assert page.get_by_role("menuitem", name="SQL", exact=True).is_visible()
    context.close()


def test_clicking_the_map_selects_a_municipality(page, app_url):
    open_page(page, f"{app_url}/?ind=road_asphalt_share_pct")
    assert selected(page, "Mana pašvaldība") == "— nav izvēlēta —"
    canvas = page.locator("[data-testid='stDeckGlJsonChart']")
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas")
    page.wait_for_timeout(1500)
    box = canvas.bounding_box()
    # eastern Latvia, well inside the country at the initial view
    x, y = box["x"] + box["width"] * 0.78, box["y"] + box["height"] * 0.55
    page.mouse.move(x, y)
    page.wait_for_selector(".deck-tooltip", state="visible", timeout=10_000)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"[?&]my=LV\d{7}"), timeout=20_000)
    wait_done(page)
    chosen = selected(page, "Mana pašvaldība")
    assert chosen != "— nav izvēlēta —"
    assert re.search(r"[?&]my=LV\d{7}", page.url)
    assert page.get_by_text("Atvērt profilu").is_visible()
    screenshot(page, "karte-click")


def test_switching_language_changes_labels(page, app_url):
    open_page(page, f"{app_url}/")
    assert page.get_by_role("link", name="Tendences").is_visible()
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    wait_done(page)
    assert page.get_by_role("link", name="Trends").is_visible()
    assert page.get_by_text("Legend").is_visible()
    assert "lang=en" in page.url


def test_a_copied_url_restores_the_view(page, browser, app_url):
    open_page(page, f"{app_url}/tendences?{VIEW}&lang=en")
    copied = page.url
    before = {label: selected(page, label) for label in ("Indicator", "Year", "My municipality")}
    other = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    open_page(other, copied)
    after = {label: selected(other, label) for label in ("Indicator", "Year", "My municipality")}
    assert after == before
    assert after["My municipality"] == "Aizkraukle municipality"
    assert other.url == copied
    other.context.close()


def test_a_bad_url_value_is_reported_not_raised(page, app_url):
    open_page(page, f"{app_url}/?ind=%27%3B%20DROP%20TABLE%20x&year=1800")
    assert page.locator("[data-testid='stAlert']").count() >= 1
    assert "DROP TABLE" in page.locator("[data-testid='stAlert']").first.inner_text()


def test_the_comparison_table_downloads_as_shown(page, app_url):
    """The files are built only when a button is clicked: both must arrive, with the table's
    rows (my municipality first) and its language."""
    open_page(page, f"{app_url}/salidzinajums?{VIEW}&lang=en")
    table = page.get_by_role("table", name="Comparison")
    table.wait_for(timeout=20_000)
    shown_rows = table.locator("tbody tr").count()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV").click()
    csv = csv_download.value
    text = Path(csv.path()).read_bytes().decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert csv.suggested_filename.endswith("_2020.csv")
    assert lines[0].startswith("Municipality")
    assert lines[1].startswith("Aizkraukle municipality")
    assert len(lines) == shown_rows + 1  # and the header line
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download Excel").click()
    assert Path(xlsx_download.value.path()).read_bytes()[:2] == b"PK"  # a zip: .xlsx
    assert_no_exception(page)


def test_the_comparison_table_sorts_by_a_click_on_a_column_header(page, app_url):
    """Streamlit runs the table's script: percentile high to low, then low to high, then back
    to the page's order with my municipality first; the sparklines are drawn."""
    open_page(page, f"{app_url}/salidzinajums?{VIEW}&lang=en")
    table = page.get_by_role("table", name="Comparison")
    table.wait_for(timeout=20_000)
    first = table.locator("th[data-col]").filter(has_text="Percentile").first
    column = int(first.get_attribute("data-col"))

    def shown() -> list[tuple[str, float | None]]:
        rows = table.locator("tbody tr").all()
        cells = [row.locator("th, td").all_inner_texts() for row in rows]
        return [(c[0], None if c[column] == "–" else float(c[column])) for c in cells]

    page_order = shown()
    assert page_order[0][0] == "★ Aizkraukle municipality"
    first.get_by_role("button").click()
    assert first.get_attribute("aria-sort") == "descending"
    values = [v for _, v in shown() if v is not None]
    assert values == sorted(values, reverse=True) and len(values) > 3
    first.get_by_role("button").click()
    values = [v for _, v in shown() if v is not None]
    assert values == sorted(values)
    first.get_by_role("button").click()
    assert shown() == page_order
    sparks = table.locator("tbody img")
    assert sparks.count() > 0
    assert page.evaluate(
        "(img) => img.complete && img.naturalWidth > 0", sparks.first.element_handle()
    )
    screenshot(page, "salidzinajums-sorted-en")
    assert_no_exception(page)


def test_the_profile_trend_charts_open_by_a_click_and_by_a_link(page, app_url):
    """They are drawn only once their section is opened; opening it puts it in the link, and
    that link opens the profile with them drawn."""
    chart = "[data-testid='stVegaLiteChart']"
    open_page(page, f"{app_url}/profils?{VIEW}&lang=en")
    assert page.locator(chart).count() == 0
    page.get_by_text("Trends by year", exact=False).click()
    page.wait_for_selector(f"{chart} svg.marks", timeout=20_000)
    page.wait_for_url(re.compile(r"[?&]tendences=1"), timeout=20_000)
    assert_no_exception(page)
    link = page.url
    page.goto("about:blank")
    open_page(page, link)
    page.wait_for_selector(f"{chart} svg.marks", timeout=20_000)
    screenshot(page, "profils-tendences-en")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_profile_shows_gaps_and_downloads_the_council_paper(page, app_url, lang):
    """Against the similar municipalities (no group chosen): the gap columns, who does
    better beside the largest gaps, and the council paper as an A4 PDF in the page's
    language."""
    open_page(page, f"{app_url}/profils?lang={lang}&my=LV0020000")
    name = "Against similar municipalities" if lang == "en" else "Pret līdzīgajām pašvaldībām"
    page.get_by_role("tab", name=name).click()
    table = page.get_by_role("table", name=name)
    table.wait_for(timeout=20_000)
    header = "Gap to the median" if lang == "en" else "Starpība pret mediānu"
    assert table.get_by_role("columnheader", name=header, exact=True).is_visible()
    better = "Who does it better" if lang == "en" else "Kas to dara labāk"
    assert page.get_by_text(better, exact=True).is_visible()
    table.scroll_into_view_if_needed()
    screenshot(page, f"profils-starpibas-{lang}")
    page.get_by_text(better, exact=True).scroll_into_view_if_needed()
    screenshot(page, f"profils-kas-labak-{lang}")
    label = "Download PDF for the council" if lang == "en" else "Lejupielādēt PDF domes sēdei"
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=label).click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert download.value.suggested_filename.endswith(f"_{lang}.pdf")
    assert_no_exception(page)


def test_the_comparison_table_sorts_by_the_gap(page, app_url):
    open_page(page, f"{app_url}/salidzinajums?lang=en&grp=state_cities&theme=population")
    table = page.get_by_role("table", name="Comparison")
    table.wait_for(timeout=20_000)
    head = table.locator("th[data-col]").filter(has_text="Gap to the others").first
    column = int(head.get_attribute("data-col"))
    head.get_by_role("button").click()
    assert head.get_attribute("aria-sort") == "descending"
    cells = [
        row.locator("th, td").all_inner_texts()[column] for row in table.locator("tbody tr").all()
    ]
    values = [
        float(c.replace(",", "").replace("−", "-").replace("+", "")) for c in cells if c != "–"
    ]
    assert values == sorted(values, reverse=True) and len(values) >= 3
    assert_no_exception(page)
