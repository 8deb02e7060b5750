"""`make bench`, contributions: how long a 43 × 50 template takes to validate (CSV and
Excel: read, checked as a whole, previewed), and how long an approval takes from the
decision until the value is visible in the warehouse (rebuild and swap included)."""

from __future__ import annotations

import dataclasses
import shutil
import statistics
import time
from pathlib import Path

import duckdb

from benchlearn import contribute
from benchlearn.logic import contributions as lc

YEARS = range(2020, 2025)
UNITS, INDICATORS = 43, 50


def _median_ms(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_contributions(db: Path, tmp: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        units = con.execute(
            "SELECT unit_id, name_lv FROM unit_versions JOIN units USING (unit_id) "
            "WHERE version = 'lg2021' ORDER BY unit_id"
        ).fetchall()[:UNITS]
        indicators = con.execute(
            "SELECT code, name_lv, unit_lv, unit_en FROM indicators WHERE kind = 'source' "
            "ORDER BY sort_order"
        ).fetchall()[:INDICATORS]
        held = con.execute(
            "SELECT unit_id, indicator, year, value FROM observations "
            "WHERE list_contains($codes, indicator)",
            {"codes": [c for c, *_ in indicators]},
        ).df()
    frame = lc.template_frame(dict(units), {c: (n, u) for c, n, u, _ in indicators}, YEARS, held)
    frame["value"] = frame["value"].fillna(1.0)  # every cell filled, as a worst case
    scope = lc.Scope(frozenset(u for u, _ in units), {c: (-1e15, 1e15) for c, *_ in indicators})
    csv_data, xlsx_data = lc.template_csv(frame), lc.template_xlsx(frame)
    print(
        f"== contributions: a {len(units)} x {len(indicators)} template over {len(YEARS)} years "
        f"({len(frame)} rows; CSV {len(csv_data) / 1e6:.2f} MB, "
        f"Excel {len(xlsx_data) / 1e6:.2f} MB)"
    )
    for name, data in (("t.csv", csv_data), ("t.xlsx", xlsx_data)):
        ms = _median_ms(lambda n=name, d=data: lc.preview(lc.read_upload(n, d, scope), held))
        print(f"validate and preview {name[2:]:5}     {ms:8.0f} ms (median of 3)")
    print(f"approval to visible        {_approval_seconds(db, tmp, units[0][0]):8.2f} s")


def _approval_seconds(db: Path, tmp: Path, unit: str) -> float:
    from benchlearn.userdata import contributions as ct
    from benchlearn.userdata import db as userdb
    from benchlearn.userdata import repository as repo
    from benchlearn.userdata.access import Actor

    work = tmp / "contrib-bench"
    work.mkdir(exist_ok=True)
    warehouse = work / "w.duckdb"
    shutil.copy(db, warehouse)
    engine = userdb.get_engine(f"sqlite:///{work / 'userdata.sqlite'}")
    admin, own = Actor("admin@example.test"), Actor("bench@example.test")
    repo.bootstrap_admin(engine, admin, [admin.principal])
    repo.grant_role(engine, own.principal, "contributor", unit, by=admin)
    ident = ct.stage(engine, unit, [ct.StagedValue("live_births", 2024, 321.0)], by=own)
    # the fetched tables as `make data` reads them; the contributions of this run only
    paths = dataclasses.replace(
        contribute.default_paths(), database=warehouse, contributed=work / "c"
    )
    started = time.perf_counter()
    contribute.approve(engine, ident, by=admin, paths=paths)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        seen = con.execute(
            "SELECT value FROM observations WHERE unit_id = $u AND indicator = 'live_births' "
            "AND year = 2024",
            {"u": unit},
        ).fetchone()
    seconds = time.perf_counter() - started
    assert seen == (321.0,), seen  # a benchmark of a value that never shows would mislead
    userdb.dispose(f"sqlite:///{work / 'userdata.sqlite'}")
    return seconds
