"""The in-page timer of `make bench`: it must stop only once the map is drawn, and after a
change only once the map shows the new colours."""

import json

import pytest

from benchlearn import bench
from benchlearn.settings import REPO_ROOT
from tests.e2e.conftest import start_streamlit

CANVAS = "[data-testid='stDeckGlJsonChart'] canvas"


def _serve_bench_app(db, name: str):
    """Serve one of `make bench`'s calibration apps for the module's tests."""
    proc, url = start_streamlit(db, REPO_ROOT / "benchlearn" / "bench_apps" / name)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def bare_map_url(built_db):
    yield from _serve_bench_app(built_db, "bare_map.py")


def _painted(page) -> str:
    """The map canvas, sampled the way the timer samples it ('' while nothing is drawn)."""
    return page.evaluate(f"window.__benchPixels(document.querySelector({json.dumps(CANVAS)}))")


def test_timer_stops_when_the_map_is_drawn_and_when_it_is_recoloured(page, bare_map_url):
    page.add_init_script(bench.timer_script(CANVAS))
    page.goto(bare_map_url)
    loaded = bench.finished(page)
    timings = page.evaluate("window.__bench")
    assert timings["painted"] > 0 and loaded >= timings["painted"]
    blue = _painted(page)
    assert blue  # pixels were on the canvas when the clock stopped

    page.get_by_role("combobox", name="Colour", exact=True).click()
    page.evaluate("window.__bench.armed = true")
    page.get_by_role("option", name="orange").click()
    changed = bench.finished(page)
    assert 0 < changed < 30_000
    orange = _painted(page)
    assert orange and orange != blue


def test_second_clock_waits_for_every_table(page, app_url):
    """`all` goes on until the Data page's tables (canvas grids, loaded after the script has
    finished) show content; `done` stops at the heading."""
    page.add_init_script(bench.timer_script("[data-testid='stHeading']"))
    page.goto(f"{app_url}/dati")
    done = bench.finished(page)
    drawn = bench.all_drawn(page)
    timings = page.evaluate("window.__bench")
    assert timings["lastPaint"] > 0  # a grid's canvas showed pixels
    assert drawn >= done and drawn >= timings["lastPaint"] - timings["start"]
    grids = page.locator("[data-testid='stDataFrame'] canvas")
    assert grids.count() > 0
    assert page.evaluate("(el) => window.__benchPixels(el) !== ''", grids.first.element_handle())


@pytest.fixture(scope="module")
def bare_chart_url(built_db):
    yield from _serve_bench_app(built_db, "bare_chart.py")


def test_the_bare_chart_page_draws_a_chart_and_a_table_before_its_second_clock_stops(
    page, bare_chart_url
):
    """The chart pages' floor in `make bench` is only a floor if it draws what they draw."""
    page.add_init_script(bench.timer_script("[data-testid='stHeading']"))
    page.goto(f"{bare_chart_url}/grafiks")
    done = bench.finished(page)
    drawn = bench.all_drawn(page)
    assert page.get_by_role("heading", name="Chart").is_visible()
    assert page.locator("[data-testid='stVegaLiteChart'] svg.marks path").count() > 0
    grid = page.locator("[data-testid='stDataFrame'] canvas").first
    assert page.evaluate("(el) => window.__benchPixels(el) !== ''", grid.element_handle())
    assert drawn > done  # the grid and the chart arrive after the script has finished
    assert page.locator("[data-testid='stException']").count() == 0
