"""The profile's key-fact cards in Chromium: no label or value is cut at 1280 px or 1920 px."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, assert_no_exception, wait_done

pytestmark = pytest.mark.e2e

UNITS = {
    "LV0027000": "Dienvidkurzemes novads",  # the longest name
    "LV0020000": "Aizkraukles novads",
    "LV0001000": "Rīga",  # state cities: no region of their own, the largest populations
    "LV0002000": "Daugavpils",
    "LV0004000": "Jūrmala",
    "LV0005000": "Liepāja",
    "LV0007000": "Ventspils",
}
# Per card, every label and value element whose text does not fit: wider or taller than its
# box while the box hides the rest, or ended with an ellipsis.
CUT = """
(cards) => cards.flatMap((card) => [...card.querySelectorAll(
    "[data-testid='stMetricLabel'], [data-testid='stMetricLabel'] *, "
    + "[data-testid='stMetricValue'], [data-testid='stMetricValue'] *"
)].filter((e) => {
    const style = getComputedStyle(e);
    if (e.clientWidth === 0) return false;  // inline: measured by its block parent
    const hides = style.overflowX !== "visible" || style.overflowY !== "visible";
    const wide = e.scrollWidth > e.clientWidth + 1;
    const tall = e.scrollHeight > e.clientHeight + 1;
    return (hides && (wide || tall)) || (style.textOverflow === "ellipsis" && wide);
}).map((e) => e.textContent))
"""


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("width", [1280, 1920])
def test_the_key_fact_cards_show_every_label_and_value_whole(browser, app_url, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for unit in UNITS:
            page.goto(f"{app_url}/profils?lang={lang}&my={unit}")
            wait_done(page)
            assert_no_exception(page)
            cards = page.locator("[data-testid='stMetric']")
            cards.first.wait_for(timeout=20_000)
            assert cards.count() == 5, unit
            assert cards.evaluate_all(CUT) == [], (unit, width, lang)
            # each card stays inside its column: nothing pushed beyond the page either
            overflow = cards.evaluate_all(
                "(cards) => cards.filter((c) => c.scrollWidth > c.clientWidth + 1).length"
            )
            assert overflow == 0, (unit, width, lang)
            if unit == "LV0027000":  # to look at: the longest name's cards
                ARTIFACTS.mkdir(exist_ok=True)
                block = page.locator(".st-key-key_facts")
                block.screenshot(path=str(ARTIFACTS / f"profils-kartites-{width}-{lang}.png"))
    finally:
        context.close()
