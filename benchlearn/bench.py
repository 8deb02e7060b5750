"""`make bench`: numbers, not assertions.

Warehouse: build time, memory, database size, GeoJSON bytes per boundary version, load
latencies. Fetch: values per second from the stub PxWeb server, and the merge time.
Contributions: validation time of a 43 x 50 template, approval-to-visible time.
Dashboard: server-side run time per page (cold and warm, AppTest), the map's
payload, browser time to a finished page and to every chart and table drawn, next to
calibration apps (an empty page at / and at a deep link, a bare chart page with one Vega
chart and one table, a bare pydeck map of the same boundaries, a bare recolour), printed
as ratios, and the app server's memory after all those visits.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlearn.contribute_bench import bench_contributions
from benchlearn.db import connect, run
from benchlearn.logic.peers import DEFAULT_PEER_INDICATORS
from benchlearn.settings import REPO_ROOT, load_settings
from benchlearn.warehouse import build

PAGES = [
    "pages/map.py",
    "pages/trends.py",
    "pages/benchmark.py",
    "pages/profile.py",
    "pages/peers.py",
    "pages/indices.py",
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
    print("== values by status (reported, rounded as published, constructed, computed)")
    for status, n in con.execute(
        "SELECT CASE WHEN flags LIKE '%constructed%' THEN 'constructed' "
        "WHEN flags LIKE '%rounded%' THEN 'rounded' WHEN flags LIKE '%derived%' THEN 'computed' "
        "ELSE 'reported' END AS status, count(*) FROM observations GROUP BY ALL ORDER BY 1"
    ).fetchall():
        print(f"{status:26} {n:8}")
    for status, n in con.execute(
        "SELECT status, count(*) FROM harmonisation GROUP BY ALL ORDER BY 1"
    ).fetchall():
        print(f"harmonisation {status:12} {n:8}")
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


def _page_run(page: str, params: str, timeout: float = 120) -> tuple[object, float, float]:
    """A page in AppTest with URL `params` ("?a=1&b=2"): the AppTest, the cold run (fresh
    caches, app start and page switch) and the median of 5 warm reruns, in ms."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    start = time.perf_counter()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=timeout)
    at.query_params.update(dict(p.split("=", 1) for p in params[1:].split("&")))
    at.run()
    at.switch_page(page)
    at.run()
    cold = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(5):
        start = time.perf_counter()
        at.run()
        warm.append((time.perf_counter() - start) * 1000)
    return at, cold, statistics.median(warm)


def bench_pages(db: Path) -> None:
    """Server-side script time per page with AppTest: cold (fresh caches) and warm (reruns
    of the same view, which the shared view cache serves)."""
    os.environ["BENCHLEARN_DB"] = str(db)
    print("== server-side page run (ms): cold / warm median of 5")
    for page in PAGES:
        at, cold, warm = _page_run(page, VIEW)
        print(f"{page:22} {cold:8.0f} / {warm:6.0f}")
        if page == "pages/map.py":
            payload = len(at.get("deck_gl_json_chart")[0].proto.json.encode())
            layer = json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"][0]
            print(
                f"{'':22} map payload {payload:,} bytes ({len(layer['data']['features'])} features)"
            )


# Timing inside the page: Playwright's own waits poll with growing intervals (up to 0.5 s),
# which would add random steps to every number. The page records the moment its script
# has finished (after having run) and the wanted element is there, then waits for the next
# animation frame, so the time includes drawing. A canvas (the map) counts as there only
# once it shows pixels: deck.gl creates its canvas up to ~1 s before it first draws into it.
# A click made while window.__bench.armed is set restarts the clock (for "indicator
# change"); the canvas must then show pixels different from those at the click. A quick
# rerun can reach the page as one update in which "running" never shows; then the run's
# last message, and the frame drawn after it, mark the end once the page has been quiet
# for 300 ms.
# A second clock, `all`, goes on until every chart and table in the page has shown content:
# Streamlit loads the code for tables (a canvas grid) and Vega charts only when the first
# one arrives, so they can appear a few hundred ms after the script has finished. `all` is
# the later of `done` and the last first paint of any canvas or Vega chart in the page,
# read once nothing new has been drawn for ALL_QUIET_MS.
TIMER = """
window.__bench = {selector: %s, ran: false, done: 0, start: 0, last: 0, drawn: 0, painted: 0,
                  all: 0, lastPaint: 0};
const benchProbe = document.createElement("canvas");
benchProbe.width = benchProbe.height = 16;
const benchPixels = (el) => {
  if (!(el instanceof HTMLCanvasElement)) return "element";
  const ctx = benchProbe.getContext("2d", {willReadFrequently: true});
  ctx.clearRect(0, 0, 16, 16);
  ctx.drawImage(el, 0, 0, 16, 16);
  const px = ctx.getImageData(0, 0, 16, 16).data;
  return px.some((v, i) => i %% 4 === 3 && v > 0) ? px.join(",") : "";
};
window.__benchPixels = benchPixels;  // for the test of this timer
const benchFinish = (b, at) => { b.done = Math.max(at - b.start, 0.1); };
const benchCheck = (records) => {
  const b = window.__bench, app = document.querySelector("[data-testid='stApp']");
  if (!app || b.done) return;
  const state = app.getAttribute("data-test-script-state");
  for (const r of records || []) {
    if (r.attributeName === "data-test-script-state" && r.oldValue === "running") b.ran = true;
  }
  if (state === "running") b.ran = true;
  if (b.ran && state === "notRunning" && b.painted) {
    b.done = -1;
    requestAnimationFrame(() => benchFinish(b, performance.now()));
  }
};
const benchFrame = () => {
  const b = window.__bench, el = document.querySelector(b.selector);
  if (!b.painted && el) {
    const pixels = benchPixels(el);
    if (pixels === "element" || (pixels && pixels !== b.before)) {
      b.painted = performance.now();
      benchCheck();
    }
  }
  if (b.done <= 0) requestAnimationFrame(benchFrame);
};
requestAnimationFrame(benchFrame);
const benchShown = new WeakSet();
const benchAll = () => {
  const b = window.__bench, now = performance.now();
  const main = "[data-testid='stMain'] ";
  const charts = main + "canvas, " + main + "[data-testid='stVegaLiteChart'] svg";
  for (const el of document.querySelectorAll(charts)) {
    if (benchShown.has(el) || el.width === 0 || el.height === 0) continue;  // no drawImage
    const shown = el instanceof HTMLCanvasElement
      ? benchPixels(el) : el.querySelector("path, rect, text");
    if (shown) { benchShown.add(el); b.lastPaint = now; }
  }
  if (b.done > 0 && now - Math.max(b.lastPaint, b.start + b.done) > %d) {
    b.all = Math.max(b.done, b.lastPaint - b.start);
  } else requestAnimationFrame(benchAll);
};
requestAnimationFrame(benchAll);
new MutationObserver(benchCheck).observe(document, {
  subtree: true, childList: true, attributes: true, attributeOldValue: true,
});
window.WebSocket = class extends window.WebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", () => {
      const b = window.__bench;
      b.last = performance.now();
      requestAnimationFrame(() => { b.drawn = performance.now(); });
    });
  }
};
setInterval(() => {
  const b = window.__bench, app = document.querySelector("[data-testid='stApp']");
  const quiet = b.last > b.start && b.drawn > b.last && performance.now() - b.last > 300;
  if (!b.done && b.start && !b.ran && quiet && b.painted && app
      && app.getAttribute("data-test-script-state") === "notRunning"
  ) benchFinish(b, Math.max(b.drawn, b.painted));
}, 50);
document.addEventListener("click", () => {
  const b = window.__bench;
  if (!b.armed) return;
  const el = document.querySelector(b.selector);
  Object.assign(b, {
    armed: false, ran: false, done: 0, painted: 0, all: 0, start: performance.now(),
    before: el ? benchPixels(el) : "",
  });
  requestAnimationFrame(benchFrame);
  requestAnimationFrame(benchAll);
}, true);
"""
ALL_QUIET_MS = 1000


def timer_script(selector: str) -> str:
    """The TIMER for a page whose `selector` element marks it as drawn."""
    return TIMER % (json.dumps(selector), ALL_QUIET_MS)


# Each visit starts on a quiet machine: closing a page with a WebGL map goes on using the
# two CPUs for a while, and would otherwise slow down whichever page comes next (the empty
# page, measured after the map, by ~100 ms in one A/B run). A fixed pause did not always
# cover it, so after a short pause the bench waits until the CPUs are mostly idle.
SETTLE_S = 0.5
QUIET_IDLE = 0.85  # share of CPU time idle over one QUIET_WINDOW_S
QUIET_WINDOW_S = 0.25
QUIET_LIMIT_S = 10.0  # a machine that never quiets down still gets measured


def cpu_times() -> tuple[int, int]:
    """Idle and total CPU time of the machine since boot, in ticks (Linux /proc/stat)."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return ticks[3] + ticks[4], sum(ticks)  # idle + iowait


def settle() -> float:
    """Pause, then wait until the CPUs were QUIET_IDLE idle for a window; seconds waited."""
    start = time.monotonic()
    time.sleep(SETTLE_S)
    idle, total = cpu_times()
    while time.monotonic() - start < QUIET_LIMIT_S:
        time.sleep(QUIET_WINDOW_S)
        now_idle, now_total = cpu_times()
        if now_total > total and (now_idle - idle) / (now_total - total) >= QUIET_IDLE:
            break
        idle, total = now_idle, now_total
    return time.monotonic() - start


REPEAT = 15  # the machine is shared with the browser: single visits vary by ±20 %


def finished(page) -> float:
    """Ms the TIMER measured in a Playwright page, once it has stopped."""
    page.wait_for_function("window.__bench && window.__bench.done > 0", timeout=60_000)
    return page.evaluate("window.__bench.done")


def all_drawn(page) -> float:
    """Ms until every chart and table in the page had content (the TIMER's second clock)."""
    page.wait_for_function("window.__bench && window.__bench.all > 0", timeout=60_000)
    return page.evaluate("window.__bench.all")


def _browser_times(db: Path) -> dict[str, list[float]]:
    """Ms from navigation (or a change) until the script has finished and drawn, per visit.

    One browser context for all visits, warmed once per page: a returning user's browser has
    Streamlit's JavaScript chunks cached, and so do the calibration apps here.
    """
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_streamlit

    def visit(browser, url: str, selector: str) -> tuple[float, float]:
        page = browser.new_page()
        page.add_init_script(timer_script(selector))
        page.goto(url)
        elapsed = finished(page), all_drawn(page)
        page.close()
        results.setdefault("settle", []).append(settle())
        return elapsed

    def change(browser, url: str, label: str, option: str, selector: str) -> float:
        page = browser.new_page()
        page.add_init_script(timer_script(selector))
        page.goto(url)
        finished(page)
        page.get_by_role("combobox", name=label, exact=True).click()
        page.evaluate("window.__bench.armed = true")
        page.get_by_role("option", name=option).first.click()
        elapsed = finished(page)
        page.close()
        results.setdefault("settle", []).append(settle())
        return elapsed

    apps = REPO_ROOT / "benchlearn" / "bench_apps"
    canvas = "[data-testid='stDeckGlJsonChart'] canvas"
    heading = "[data-testid='stHeading']"
    results: dict[str, list[float]] = {}
    servers = [
        start_streamlit(db, apps / "empty.py"),
        start_streamlit(db, apps / "empty_deep.py"),
        start_streamlit(db, apps / "bare_map.py"),
        start_streamlit(db, apps / "bare_chart.py"),
        start_streamlit(db),
    ]
    (_, empty), (_, deep), (_, bare), (_, chart), (_, app) = servers
    visits = {
        "empty page": (empty, heading),
        "empty page, deep link": (deep + "/tuksa", heading),
        "bare chart page": (chart + "/grafiks", heading),
        "bare pydeck map": (bare, canvas),
        **{
            name: (app + path + VIEW, canvas if name == "map" else heading)
            for name, path in BROWSER_PATHS.items()
        },
    }
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            browser = chromium.new_context(viewport={"width": 1440, "height": 1000})
            for url, selector in visits.values():
                visit(browser, url, selector)  # warm the servers and the browser cache
            for _ in range(REPEAT):
                for name, (url, selector) in visits.items():
                    done, drawn = visit(browser, url, selector)
                    results.setdefault(name, []).append(done)
                    results.setdefault(f"{name}, all drawn", []).append(drawn)
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
            chromium.close()
        results["server memory"] = _memory_mb(servers[-1][0].pid)
    finally:
        for proc, _ in servers:
            proc.terminate()
    return results


def _memory_mb(pid: int) -> list[float]:
    """Resident and peak resident memory of a process, MB (Linux /proc)."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return [int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")]


def _spread(values: list[float]) -> str:
    """The middle half of the visits, so a ratio can be read against the noise."""
    low, _, high = statistics.quantiles(values, n=4)
    return f"[{low:5.0f}–{high:5.0f}]"


def bench_browser(db: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        print("== browser timings skipped: /usr/bin/chromium is not installed")
        return
    visits = _browser_times(db)
    rss, peak = visits.pop("server memory")
    waits = visits.pop("settle")
    times = {name: statistics.median(values) for name, values in visits.items()}
    print(
        f"== browser (cache warm), timed in the page; median of {REPEAT} visits [middle half], "
        "ms.\n   finished = the script has finished and the page's heading (the map: its "
        "first pixels) is drawn;\n   all drawn = also every chart and table shows content"
    )
    empty, deep = times["empty page"], times["empty page, deep link"]
    bare, recolour = times["bare pydeck map"], times["bare recolour"]

    def line(label: str, name: str, note: str = "", drawn_note: str = "") -> None:
        drawn = f"{name}, all drawn"
        also = f"   all drawn {times[drawn]:6.0f} {drawn_note}" if drawn in times else ""
        print(f"{label:36} {times[name]:6.0f} {_spread(visits[name])}  {note}{also}")

    line("empty page at / (calibration)", "empty page")
    # The app's page links skip that lookup (benchlearn.serve), so their calibration is the
    # empty page at /; the deep one is printed beside it for what plain Streamlit pays.
    line(
        "empty page at /tuksa (calibration)",
        "empty page, deep link",
        f"{deep / empty:5.2f}x empty page at / (the deep link's server lookup)",
    )
    chart, chart_drawn = times["bare chart page"], times["bare chart page, all drawn"]
    line(
        "bare chart page at /grafiks (calib.)",
        "bare chart page",
        f"{chart / deep:5.2f}x empty page at the same depth;",
        f"= {chart_drawn / deep:4.2f}x / {chart_drawn / empty:4.2f}x (Streamlit's own floor)",
    )
    line("bare pydeck map (calibration)", "bare pydeck map")
    line("map at /", "map", f"{times['map'] / bare:5.2f}x bare map (target <= 1.2)")
    for name, path in BROWSER_PATHS.items():
        if name != "map":
            drawn = times[f"{name}, all drawn"]
            line(
                f"{name} at {path}",
                name,
                f"{times[name] / empty:5.2f}x empty page at / (target <= 1.5), "
                f"{times[name] / deep:5.2f}x at its depth;",
                f"= {drawn / empty:4.2f}x / {drawn / deep:4.2f}x",
            )
            print(
                f"{'':58}{times[name] / chart:5.2f}x bare chart page at the same depth;"
                f"   all drawn {drawn / chart_drawn:4.2f}x bare chart page"
            )
    line("bare recolour (calibration)", "bare recolour")
    change = times["map indicator change"]
    line(
        "map indicator change",
        "map indicator change",
        f"{change / recolour:5.2f}x bare recolour (target <= 1.2)",
    )
    print(f"app server memory after {REPEAT + 1} rounds: {rss:.0f} MB resident, peak {peak:.0f} MB")
    at_limit = sum(w >= QUIET_LIMIT_S for w in waits)
    print(
        f"pause before each visit until the CPUs were {QUIET_IDLE:.0%} idle: median "
        f"{statistics.median(waits):.2f} s, {at_limit} of {len(waits)} visits gave up "
        f"at {QUIET_LIMIT_S:.0f} s"
    )


def bench_fetch(tmp: Path) -> None:
    """`fetch` of every mapped table (2012-2025, the 43 and more) against the loopback stub:
    values per second, requests needed, the merge (a full build), and the least time the same
    requests take live under CSP's 30 requests per 10 s."""
    from benchlearn.fetch import fetch
    from benchlearn.ingest.pxweb_client import PxWebClient
    from tests.pxweb_fetch_stub import ADDERS, CSP_CELL_LIMIT, TreeStub, add_all

    tables = list(ADDERS)
    print(f"== fetch of {len(tables)} tables from the stub PxWeb server (loopback; rate limit off)")
    with TreeStub(cell_limit=CSP_CELL_LIMIT) as stub:
        started = time.perf_counter()
        add_all(stub, tables)
        print(f"stub tables built in {time.perf_counter() - started:.1f} s")
        for attempt in ("first", "again"):  # the second run compares with the first
            client = PxWebClient(base_url=stub.base_url, max_requests=10_000)
            run = fetch(
                tables,
                client=client,
                database=tmp / "fetch.duckdb",
                fetched_dir=tmp / "fetched",
                progress=lambda *_: None,
            )
            requests = client.request_count  # metadata, folder listings and data
            print(
                f"{attempt:6} {run.values:7,} values, {requests:3} requests (cell limit "
                f"{client.cell_limit:,} per request): fetch {run.fetch_seconds:5.2f} s "
                f"({run.values / run.fetch_seconds:9,.0f} values/s), merge "
                f"{run.merge_seconds:5.2f} s; live at least {requests / 3:.0f} s "
                "(CSP allows 30 requests per 10 s)"
            )


def bench_explorer(db: Path) -> None:
    """Explorer page time (AppTest, cold and warm) and the time to build each download of
    the full table (every local government x every indicator with data)."""
    os.environ["BENCHLEARN_DB"] = str(db)
    print("== explorer page run (ms): cold / warm median of 5")
    query = "?ind=population_avg&year=2024&my=LV0020000&kind=novads&thr=population_avg:gt:10000"
    for label, params in (("default view", VIEW), ("with filters", query)):
        at, cold, warm = _page_run("pages/explorer.py", params)
        rows = len(at.dataframe[0].value) if at.dataframe else 0
        print(f"{label:22} {cold:8.0f} / {warm:6.0f}   ({rows} rows)")
    print("== explorer downloads of the full table (median / max of 5, ms)")
    for label, fn in _export_cases(db).items():
        median, worst = timed(fn, repeat=5)
        print(f"{label:34} {median:8.1f} / {worst:8.1f}")


def _export_cases(db: Path) -> dict[str, Callable[[], object]]:
    """Builders of every explorer download, on the real full table (43 x all indicators)."""
    import pandas as pd

    from benchlearn import exports
    from benchlearn.charts import explore as charts
    from benchlearn.charts.snapshot import map_view_png
    from benchlearn.logic import benchmark as bm
    from benchlearn.logic import explore as ex
    from benchlearn.logic.mapview import map_slice

    con = connect(db)
    catalogue = run(con, "catalogue").set_index("code")
    units = run(con, "units")
    local = units[units["version"] == "lg2021"]
    ids = local["unit_id"].tolist()
    observations = run(con, "observations_in_version", version="lg2021")
    years = bm.value_years(observations, catalogue, ids, 2024)
    codes = [c for c, y in years.items() if y is not None]
    values = ex.wide_values(observations, ids, years)
    names = dict(zip(local["unit_id"], local["name_lv"], strict=True))
    info = ex.unit_info(local, names, {}, {})
    table = ex.table_frame(ids, info, values, codes, years, catalogue, "lv")
    sources = bm.sources_frame(catalogue, run(con, "sources"), {c: years[c] for c in codes}, "lv")
    formats = ex.number_formats(codes, catalogue)
    x, y = values["population_avg"], values["road_asphalt_share_pct"]
    mask = ex.plottable(x, y, False, False)
    points = pd.DataFrame({"unit_id": x.index[mask], "x": x[mask], "y": y[mask]})
    points = points.assign(
        name=points["unit_id"].map(names), x_text="", y_text="", role="unit", label=""
    )
    fit = ex.fit_line(points["x"], points["y"], False, False)
    legend = {"my": "", "picked": "", "unit": "", "name": ""}
    scatter = charts.scatter(points, ex.fit_points(fit, x.min(), x.max()), None, "x", "y", legend)
    png_spec = charts.finish(charts.titled(scatter, "Izpēte", ["Avots"], 760), "lv").to_dict()
    layer = json.loads(run(con, "boundary_layer", version="lg2021")["geojson"].iloc[0])
    slice_ = run(con, "indicator_slice", version="lg2021", indicator=y.name, year=2024)
    view = map_slice(slice_, "higher_better", "quantile", None, "%", 1, "lv")
    con.close()
    print(f"(full table: {len(table)} rows x {len(table.columns)} columns)")
    return {
        "CSV": lambda: exports.to_csv(table, "lv"),
        "Excel (table + sources sheet)": lambda: exports.to_excel(
            table,
            sources,
            [("Gads", "2024")],
            sheet="Izpēte",
            sources_sheet="Avoti",
            number_formats=formats,
        ),
        "scatter PNG (vl-convert)": lambda: exports.chart_png(png_spec),
        "map PNG (matplotlib)": lambda: map_view_png(
            layer, view, "%", 1, "lv", ("Karte", "2024", "Avots"), None, None
        ),
    }


# --- scale: synthetic warehouses at 10x and 100x against the real one (1x) ---
SCALES = (1, 10, 100)
SCALE_TIME_LIMIT_S = 300.0  # generation of one synthetic warehouse; the bench stops it after
SCALE_PAGE_TIMEOUT_S = 600.0  # one AppTest run (the profile's cold run took 193 s at 100x)
SCALE_PAGES = [*PAGES, "pages/explorer.py"]
ALL_PAGES = "every page (refdata.reference)"
# every query the pages run, with the parameters of bench_pages' VIEW; the pages that run it
SCALE_QUERIES: list[tuple[str, str, dict, str]] = [
    ("catalogue", "catalogue", {}, ALL_PAGES),
    ("units", "units", {}, ALL_PAGES),
    ("versions", "versions", {}, ALL_PAGES),
    ("groups", "groups", {}, ALL_PAGES),
    ("coverage_by_version", "coverage_by_version", {}, ALL_PAGES),
    ("sources", "sources", {}, "trends, comparison, profile, explorer, data"),
    ("group_members all lg2021", "group_members", {"group": "all", "version": "lg2021"}, "most"),
    ("boundary_layer lg2021", "boundary_layer", {"version": "lg2021"}, "map"),
    ("boundary_layer parish2021", "boundary_layer", {"version": "parish2021"}, "map"),
    (
        "indicator_slice lg2021",
        "indicator_slice",
        {"version": "lg2021", "indicator": "population_avg", "year": 2024},
        "map",
    ),
    (
        "indicator_slice parish2021",
        "indicator_slice",
        {"version": "parish2021", "indicator": "forest_land_ha", "year": 2024},
        "map",
    ),
    (
        "country_value",
        "country_value",
        {"indicator": "population_avg", "year": 2024},
        "map",
    ),
    (
        "observations_in_version lg2021",
        "observations_in_version",
        {"version": "lg2021"},
        "no page since the loaders below (the reference they are tested against)",
    ),
    (
        "observations_in_version lg2025",
        "observations_in_version",
        {"version": "lg2025"},
        "no page (was: trends, profile)",
    ),
    (
        "observations_of_indicators",
        "observations_of_indicators",
        {"version": "lg2021", "indicators": ["population_avg"]},
        "trends, comparison table, explorer small multiples",
    ),
    (
        "observations_of_indicators x5",
        "observations_of_indicators",
        {"version": "lg2021", "indicators": list(DEFAULT_PEER_INDICATORS)},
        "peers (its default indicators), indices",
    ),
    (
        "shown_values lg2021 2024",
        "shown_values",
        {"version": "lg2021", "year": 2024},
        "comparison (setup), explorer, comparison slide",
    ),
    (
        "profile_observations",
        "profile_observations",
        {"version": "lg2021", "unit": "LV0020000"},
        "profile, profile slide",
    ),
    ("coverage_flags lg2021", "coverage_flags", {"version": "lg2021"}, "data"),
    ("state_city_population", "state_city_population", {"before": 2026}, "data"),
    ("report_missing", "report_missing", {}, "data"),
    ("harmonisation_summary", "harmonisation_summary", {}, "data"),
    ("harmonisation_partial", "harmonisation_partial", {}, "data"),
    ("fetch_status", "fetch_status", {}, "data"),
    ("fetch_revisions", "fetch_revisions", {}, "data"),
    ("build_meta", "build_meta", {}, "data"),
]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentiles(fn: Callable[[], object], most: int = 20, budget_s: float = 10.0) -> list:
    """p50 and p95 in ms and the number of samples: one warm-up, then up to `most` calls
    while they fit in `budget_s` (at least 3)."""
    fn()
    samples: list[float] = []
    spent = time.perf_counter()
    while len(samples) < most and (len(samples) < 3 or time.perf_counter() - spent < budget_s):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
    return [statistics.median(samples), p95, len(samples)]


def _scale_generate(real: str, target: str, factor: int) -> dict:
    """In a child process: one synthetic warehouse (benchlearn.scale), and that process's
    peak RSS."""
    from benchlearn.scale import ScaleTimeout, synthesize

    try:
        result = synthesize(Path(real), Path(target), factor, time_limit=SCALE_TIME_LIMIT_S)
    except ScaleTimeout as stopped:
        return {"stopped": str(stopped), "rss": _peak_rss_mb()}
    return {
        "seconds": result.seconds,
        "indicators": result.indicators,
        "observations": result.observations,
        "bytes": result.bytes,
        "rss": _peak_rss_mb(),
    }


def _scale_queries(db: str) -> dict:
    """In a child process: p50/p95 of every page query (as DataFrames, uncached)."""
    con = connect(Path(db))
    con.execute("SET enable_progress_bar = false")
    times = {
        label: _percentiles(lambda n=name, p=params: run(con, n, **p))
        for label, name, params, _ in SCALE_QUERIES
    }
    con.close()
    return {"queries": times, "rss": _peak_rss_mb()}


def _scale_pages(db: str) -> dict:
    """In a child process: cold and warm AppTest runs of every page (as bench_pages); a page
    that raised or ran past SCALE_PAGE_TIMEOUT_S gets the reason instead."""
    os.environ["BENCHLEARN_DB"] = db
    pages: dict[str, list | str] = {}
    for page in SCALE_PAGES:
        try:
            at, cold, warm = _page_run(page, VIEW, timeout=SCALE_PAGE_TIMEOUT_S)
        except RuntimeError as error:  # AppTest's time-out
            pages[page] = f"stopped: {error}"[:60]
            continue
        failed = [e.message for e in at.exception]
        pages[page] = f"failed: {failed[0]}"[:60] if failed else [cold, warm]
    return {"pages": pages, "rss": _peak_rss_mb()}


def _in_child(fn: Callable[..., dict], *args: object) -> dict:
    """`fn(*args)` in a fresh (spawned) process: its peak RSS is its own, and no cache or
    memory of one scale is left for the next."""
    import importlib
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # under `python -m benchlearn.bench` this module is __main__, where a spawned child
    # cannot look the function up: hand it the importable module's
    fn = getattr(importlib.import_module("benchlearn.bench"), fn.__name__)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(fn, *args).result()


def bench_scale(tmp: Path) -> None:
    """The real warehouse (1x, built by the Python build) against SYNTHETIC ones at 10x and
    100x (benchlearn.scale: the real one plus 20 x k synthetic indicators, values for every
    unit and year 2001-2025, generated in DuckDB SQL). Per scale: build or generation time,
    file size, p50/p95 of every page query, cold/warm server-side page runs, and the peak
    RSS of the process that did each. Goal: warm page run at 100x <= 1.5x the 1x run."""
    settings = load_settings()
    real = tmp / "scale-1x.duckdb"
    built = build(settings.sources_dir, real, settings.catalogue_path, progress=lambda *_: None)
    results: dict[int, dict] = {}
    for factor in SCALES:
        if factor == 1:
            con = connect(real)
            indicators, observations = con.execute(
                "SELECT (SELECT count(*) FROM indicators), (SELECT count(*) FROM observations)"
            ).fetchone()
            con.close()
            made = {
                "seconds": built.seconds,
                "indicators": indicators,
                "observations": observations,
                "bytes": real.stat().st_size,
                "rss": None,
            }
            db = real
        else:
            db = tmp / f"scale-{factor}x-synthetic.duckdb"
            made = _in_child(_scale_generate, str(real), str(db), factor)
            if "stopped" in made:
                print(f"== scale {factor}x (SYNTHETIC): {made['stopped']}; not measured")
                break
        print(f"(scale {factor}x{'' if factor == 1 else ' SYNTHETIC'}: measuring)", flush=True)
        results[factor] = {
            **made,
            "queries": _in_child(_scale_queries, str(db)),
            "pages": _in_child(_scale_pages, str(db)),
        }
        if factor != 1:
            db.unlink()
    _print_scale(results)


def _print_scale(results: dict[int, dict]) -> None:
    factors = list(results)
    heads = ["1x real" if f == 1 else f"{f}x SYNTHETIC" for f in factors]
    width = 22

    def row(label: str, cells: list[str]) -> None:
        print(f"{label:36}" + "".join(f"{c:>{width}}" for c in cells))

    print(
        "== scale: the real warehouse (1x) against SYNTHETIC ones (benchlearn.scale): the real "
        "one plus\n   20 x k made-up indicators with values for 639 units x 2001-2025 (the "
        "issue's yardstick:\n   100x = about 2,000 indicators, 30 M values). Time: 1x = the "
        "Python build from the sources,\n   SYNTHETIC = its generation (a copy of the 1x file "
        "+ INSERT ... SELECT in DuckDB)"
    )
    row("", heads)
    row("indicators", [f"{results[f]['indicators']:,}" for f in factors])
    base = results[1]["observations"]
    row("values (observations)", [f"{results[f]['observations']:,}" for f in factors])
    row("  x the real warehouse", [f"{results[f]['observations'] / base:,.0f}x" for f in factors])
    row(
        "build / generation time, s",
        [f"{results[f]['seconds']:.1f}" for f in factors],
    )
    row(
        "  generation peak RSS, MB",
        [f"{r:.0f}" if (r := results[f]["rss"]) else "-" for f in factors],
    )
    row("file size, MB", [f"{results[f]['bytes'] / 1e6:.1f}" for f in factors])
    print("-- query p50 / p95 ms (samples), run as the pages run them (DataFrame, no cache)")
    for label, _, _, pages in SCALE_QUERIES:
        cells = []
        for f in factors:
            p50, p95, n = results[f]["queries"]["queries"][label]
            cells.append(f"{p50:.1f} / {p95:.1f} ({n})")
        row(label, cells)
        print(f"{'':36}  run by: {pages}")
    row(
        "  peak RSS of the query process, MB",
        [f"{results[f]['queries']['rss']:.0f}" for f in factors],
    )
    print("-- server-side page run (AppTest) ms: cold / warm median of 5; warm x the 1x warm")
    for page in SCALE_PAGES:
        cells, failures = [], []
        base = results[1]["pages"]["pages"][page]
        for f in factors:
            measured = results[f]["pages"]["pages"][page]
            if isinstance(measured, str):
                cells.append("-")
                failures.append(f"{f}x {measured}")
                continue
            cold, warm = measured
            ratio = f"{warm / base[1]:.1f}x" if not isinstance(base, str) else "?"
            cells.append(f"{cold:.0f} / {warm:.0f} ({ratio})")
        row(page, cells)
        for failure in failures:
            print(f"{'':36}  {failure}")
    row(
        "  peak RSS of the page process, MB", [f"{results[f]['pages']['rss']:.0f}" for f in factors]
    )
    print("(goal: warm page run at 100x <= 1.5x the 1x run; memory bounded)")


def bench_methods(db: Path) -> None:
    """Peer search and composite index for the 43 local governments (real values) and for
    592 units. The parishes have no structural indicators, so the 592-unit table is
    synthetic: seeded random values, used for timing only."""
    import numpy as np
    import pandas as pd

    from benchlearn.logic.composite import composite_index, rank_ranges
    from benchlearn.logic.indexview import EXAMPLE_PRESET
    from benchlearn.logic.peers import DEFAULT_PEER_INDICATORS, find_peers
    from benchlearn.logic.similar import structural_table

    con = connect(db)
    catalogue = run(con, "catalogue").set_index("code")
    obs = run(con, "observations_in_version", version="lg2021")
    units = run(con, "units")
    ids = units.loc[units["version"] == "lg2021", "unit_id"].tolist()
    con.close()
    codes = list(dict.fromkeys([*DEFAULT_PEER_INDICATORS, *(c.code for c in EXAMPLE_PRESET)]))
    real, _ = structural_table(obs, catalogue, codes, ids, 2024)
    rng = np.random.default_rng(592)
    synthetic = pd.DataFrame(
        rng.lognormal(size=(592, len(codes))),
        index=[f"SYNTHETIC{i:03d}" for i in range(592)],
        columns=codes,
    )
    weights = DEFAULT_PEER_INDICATORS
    cases = {
        "structural table, 43 (real)": lambda: structural_table(obs, catalogue, codes, ids, 2024),
        "peer search k=7, 43 (real)": lambda: find_peers(real, "LV0020000", weights, 7),
        "peer search k=7, 592 (synthetic)": lambda: find_peers(synthetic, "SYNTHETIC000", weights),
        "composite index, 43 (real)": lambda: composite_index(real, EXAMPLE_PRESET),
        "composite index, 592 (synthetic)": lambda: composite_index(synthetic, EXAMPLE_PRESET),
        "rank ranges, 1 000 draws, 43 (real)": lambda: rank_ranges(real, EXAMPLE_PRESET, 0.2, 1000),
    }
    print("== peers and composite index (median / max of 20, ms)")
    for label, fn in cases.items():
        median, worst = timed(fn)
        print(f"{label:36} {median:8.2f} / {worst:8.2f}")


def bench_paper(db: Path) -> None:
    """The council paper (benchlearn.paper): a profile as an A4 PDF with its trend charts,
    in each language; the first call also loads fonts and the chart renderer."""
    os.environ["BENCHLEARN_DB"] = str(db)
    from benchlearn import paper
    from benchlearn.ui import refdata

    ref = refdata.reference()
    members = tuple(refdata.units_of(ref, "lg2025")["unit_id"])
    peers = ("LV0021000", "LV0022000", "LV0023000", "LV0024000", "LV0025000")
    print("== council paper PDF, Aizkraukles novads (first call / median / max of 5, ms)")
    for lang in ("lv", "en"):

        def make(lang: str = lang) -> bytes:
            inputs = paper.ProfileInputs("LV0020000", "lg2025", members, "peers", peers, "", lang)
            return paper.profile_pdf(inputs, [], [])  # no actions: "none recorded"

        started = time.perf_counter()
        size = len(make())
        first = (time.perf_counter() - started) * 1000
        median, worst = timed(make, repeat=5)
        print(
            f"profile PDF ({lang}), {size // 1024} KB {first:10.0f} / {median:6.0f} / {worst:6.0f}"
        )
    bench_deck_paper(ref)


def bench_deck_paper(ref) -> None:
    """A seminar deck as a PDF, one slide a page (benchlearn.deck_paper): a map, a trends
    chart, a comparison table of all 43 and a profile's positions, with names and
    anonymised; the map is drawn by matplotlib, the chart by vl-convert."""
    from benchlearn import deck_paper
    from benchlearn.screens.look import room_for
    from benchlearn.userdata.repository import DeckInfo, ViewInfo

    view = {"ind": "population_avg", "year": "2024", "my": "LV0020000", "cmp": "LV0021000"}
    pages = (("Karte", ""), ("Tendence", "tendences"), ("Tabula", "salidzinajums"))
    slides = tuple(
        ViewInfo(i, 1, title, "", page, dict(view))
        for i, (title, page) in enumerate([*pages, ("Profils", "profils")], start=1)
    )
    deck = DeckInfo(1, 1, "Bench deck", slides)
    print("== seminar deck PDF, 4 slides (first call / median / max of 5, ms)")
    for lang, anonymised in (("lv", False), ("en", True)):
        room = room_for(ref, deck, anonymised, None)
        inputs = deck_paper.DeckInputs(deck, "Bench network", {}, "https://example.lv", lang, room)

        def make(inputs: deck_paper.DeckInputs = inputs) -> bytes:
            return deck_paper.deck_pdf(inputs)

        started = time.perf_counter()
        size = len(make())
        first = (time.perf_counter() - started) * 1000
        median, worst = timed(make, repeat=5)
        label = f"deck PDF ({lang}{', anonymised' if anonymised else ''}), {size // 1024} KB"
        print(f"{label:40} {first:10.0f} / {median:6.0f} / {worst:6.0f}")


def bench_hostile(db: Path) -> None:
    """The hostile-input suite (tests/hostile): inputs tried, handled, harmful, per class.
    Goal: 0 harmful, 0 tracebacks."""
    from tests.hostile import files, sql, urls, usertext

    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        previous = Path(tmp) / "previous.duckdb"
        previous.write_bytes(db.read_bytes())
        suites = {
            "source files": lambda: files.run_all(settings.sources_dir),
            "source files, whole builds": lambda: files.run_builds(
                settings.sources_dir, settings.catalogue_path, previous
            ),
            "URL parameters": urls.run_all,
            "SQL console": lambda: sql.run_all(db),
            "user text": usertext.run_all,
        }
        print("== hostile inputs (tried / handled / harmful / tracebacks, seconds)")
        totals = [0, 0, 0, 0]
        for label, run_suite in suites.items():
            started = time.perf_counter()
            outcomes = [outcome for _, outcome, _ in run_suite()]
            counts = [
                len(outcomes),
                outcomes.count("handled"),
                outcomes.count("harmful"),
                outcomes.count("traceback"),
            ]
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            seconds = time.perf_counter() - started
            print(
                f"{label:28} {counts[0]:5} {counts[1]:5} {counts[2]:5} {counts[3]:5} {seconds:7.1f}"
            )
        print(f"{'all':28} {totals[0]:5} {totals[1]:5} {totals[2]:5} {totals[3]:5}")


def main() -> None:
    # AppTest outside `streamlit run` logs "missing ScriptRunContext" on every run: noise here
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        bench_warehouse(db)
        bench_hostile(db)
        bench_methods(db)
        bench_paper(db)
        bench_fetch(Path(tmp))
        bench_contributions(db, Path(tmp))
        bench_pages(db)
        bench_explorer(db)
        bench_scale(Path(tmp))
        bench_browser(db)


if __name__ == "__main__":
    main()
