"""One series across the 2021 reform, in the browser: Rīga was LV0010000 before 1 July 2021
and is LV0001000 after, on the same territory, so its trend is one line whatever code a
source printed."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_no_exception, screenshot, wait_done

pytestmark = pytest.mark.e2e


def test_a_trend_of_riga_runs_across_the_reform(page, app_url):
    page.goto(
        f"{app_url}/tendences?lang=en&my=LV0001000&cmp=LV0002000&grp=compared"
        "&ind=population_start_of_year"
    )
    wait_done(page)
    assert_no_exception(page)
    table = page.get_by_role("table", name="Values in the chart, persons")
    table.wait_for(timeout=20_000)
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=20_000)
    headers = [h.strip() for h in table.get_by_role("columnheader").all_inner_texts()]
    rows = table.get_by_role("row").all()
    cells = {}
    for row in rows:
        heading = row.get_by_role("rowheader")
        if heading.count():
            values = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
            cells[heading.inner_text().strip().lstrip("★ ")] = dict(
                zip(headers[-len(values) :], values, strict=True)
            )
    riga = cells["Rīga"]
    # one row: before the reform (2019) and after it (2026, CSP IRD041 by code LV0001000)
    assert riga["2019"].replace("\u2009", "").startswith("632,614")
    assert riga["2026"].replace("\u2009", "").startswith("588,911")
    daugavpils = cells["Daugavpils"]
    assert daugavpils["2015"] != "–" and daugavpils["2021"] != "–" and daugavpils["2026"] != "–"
    assert "LV0010000" not in page.content()  # the old code is no second unit
    screenshot(page, "tendences-riga-across-reform-en")
