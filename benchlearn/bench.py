"""`make bench`: numbers, not assertions.

Warehouse: build time, memory, database size, GeoJSON bytes per boundary version, load
latencies. Dashboard: server-side run time per page (cold and warm, AppTest), the map's
payload, and browser time to a finished page next to calibration apps (an empty page, a
bare pydeck map of the same boundaries, a bare recolour), printed as ratios.
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlearn.db import connect, run
from benchlearn.settings import REPO_ROOT, load_settings
from benchlearn.warehouse import build

PAGES = [
    "pages/map.py",
    "pages/trends.py",
    "pages/benchmark.py",
    "pages/profile.py",
    "pages/data.py",
]
BROWSER_PATHS = {
    "map": "/",
    "trends": "/tendences",
    "benchmark": "/salidzinajums",
    "profile": "/profils",
    "data": "/dati",
}
VIEW = "?my=LV0020000&cmp=LV0021000,LV0023000&ind=population_avg&year=2024"
DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"
RUNNING = "[data-testid='stApp'][data-test-script-state='running']"


def timed(fn: Callable[[], object], repeat: int = 20) -> tuple[float, float]:
    """Median and max wall time in milliseconds over `repeat` calls (after one warm-up)."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def bench_warehouse(target: Path) -> None:
    settings = load_settings()
    result = build(settings.sources_dir, target, settings.catalogue_path, progress=lambda *_: None)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("== warehouse build")
    print(f"build time                 {result.seconds:8.2f} s")
    print(f"peak memory (process RSS)  {peak_mb:8.1f} MB")
    print(f"database size              {target.stat().st_size / 1e6:8.2f} MB")
    con = connect(target)
    print("== boundary layers (GeoJSON bytes, features)")
    for version, size, features in con.execute(
        "SELECT b.version, bytes, features FROM boundaries b JOIN boundary_versions v "
        "USING (version) ORDER BY v.sort_order"
    ).fetchall():
        print(f"{version:12} {size:10,} bytes {features:5} features")
    print("== load latency (median / max of 20, ms)")
    cases = {
        "boundary layer lg2021": lambda: run(con, "boundary_layer", version="lg2021"),
        "boundary layer parish2021": lambda: run(con, "boundary_layer", version="parish2021"),
        "indicator-year slice (43)": lambda: run(
            con, "indicator_slice", version="lg2021", indicator="population_avg", year=2024
        ),
        "indicator-year slice (592)": lambda: run(
            con, "indicator_slice", version="parish2021", indicator="forest_land_ha", year=2024
        ),
        "all values of the 43": lambda: run(con, "observations_in_version", version="lg2021"),
    }
    for label, fn in cases.items():
        median, worst = timed(fn)
        print(f"{label:30} {median:8.2f} / {worst:8.2f}")
    con.close()


def bench_pages(db: Path) -> None:
    """Server-side script time per page with AppTest: cold (fresh caches) and warm."""
    import json

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["BENCHLEARN_DB"] = str(db)
    print("== server-side page run (ms): cold / warm median of 5")
    for page in PAGES:
        st.cache_data.clear()
        st.cache_resource.clear()
        start = time.perf_counter()
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
        at.query_params.update(dict(p.split("=") for p in VIEW[1:].split("&")))
        at.run()
        at.switch_page(page)
        at.run()
        cold = (time.perf_counter() - start) * 1000
        warm = []
        for _ in range(5):
            start = time.perf_counter()
            at.run()
            warm.append((time.perf_counter() - start) * 1000)
        print(f"{page:22} {cold:8.0f} / {statistics.median(warm):6.0f}")
        if page == "pages/map.py":
            payload = len(at.get("deck_gl_json_chart")[0].proto.json.encode())
            layer = json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"][0]
            print(
                f"{'':22} map payload {payload:,} bytes ({len(layer['data']['features'])} features)"
            )


def _browser_times(db: Path) -> dict[str, float]:
    """Median ms from navigation (or a change) until the script has finished and drawn."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_streamlit

    def visit(browser, url: str, selector: str) -> float:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(selector, timeout=60_000)
        page.wait_for_selector(DONE, timeout=60_000)
        elapsed = (time.perf_counter() - start) * 1000
        page.close()
        return elapsed

    def change(browser, url: str, label: str, option: str, selector: str) -> float:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(url)
        page.wait_for_selector(selector, timeout=60_000)
        page.wait_for_selector(DONE, timeout=60_000)
        box = page.get_by_role("combobox", name=label, exact=True)
        box.click()
        start = time.perf_counter()
        page.get_by_role("option", name=option).first.click()
        page.wait_for_selector(RUNNING, timeout=10_000)
        page.wait_for_selector(DONE, timeout=60_000)
        elapsed = (time.perf_counter() - start) * 1000
        page.close()
        return elapsed

    apps = REPO_ROOT / "benchlearn" / "bench_apps"
    canvas = "[data-testid='stDeckGlJsonChart'] canvas"
    results: dict[str, list[float]] = {}
    servers = [
        start_streamlit(db, apps / "empty.py"),
        start_streamlit(db, apps / "bare_map.py"),
        start_streamlit(db),
    ]
    (_, empty), (_, bare), (_, app) = servers
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for url in (empty, bare, app):  # warm each server once
                visit(browser, url, DONE)
            for _ in range(5):
                results.setdefault("empty page", []).append(
                    visit(browser, empty, "[data-testid='stHeading']")
                )
                results.setdefault("bare pydeck map", []).append(visit(browser, bare, canvas))
                for name, path in BROWSER_PATHS.items():
                    selector = canvas if name == "map" else "[data-testid='stMain']"
                    results.setdefault(name, []).append(visit(browser, app + path + VIEW, selector))
                results.setdefault("bare recolour", []).append(
                    change(browser, bare, "Colour", "orange", canvas)
                )
                results.setdefault("map indicator change", []).append(
                    change(
                        browser,
                        app + "/?lang=en",
                        "Indicator",
                        "Population · Annual average population",
                        canvas,
                    )
                )
            browser.close()
    finally:
        for proc, _ in servers:
            proc.terminate()
    return {name: statistics.median(values) for name, values in results.items()}


def bench_browser(db: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        print("== browser timings skipped: /usr/bin/chromium is not installed")
        return
    times = _browser_times(db)
    print("== browser: navigation until the page has finished (median of 5, ms, ratio)")
    empty, bare, recolour = times["empty page"], times["bare pydeck map"], times["bare recolour"]
    print(f"{'empty page (calibration)':34} {empty:7.0f}")
    print(f"{'bare pydeck map (calibration)':34} {bare:7.0f}")
    print(f"{'map':34} {times['map']:7.0f}  {times['map'] / bare:5.2f}x bare map (target <= 1.2)")
    for name in ("trends", "benchmark", "profile", "data"):
        print(
            f"{name:34} {times[name]:7.0f}  {times[name] / empty:5.2f}x empty page (target <= 1.5)"
        )
    print(f"{'bare recolour (calibration)':34} {recolour:7.0f}")
    change = times["map indicator change"]
    print(
        f"{'map indicator change':34} {change:7.0f}  {change / recolour:5.2f}x bare recolour "
        f"(target <= 1.2)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        bench_warehouse(db)
        bench_pages(db)
        bench_browser(db)


if __name__ == "__main__":
    main()
