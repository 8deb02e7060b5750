"""`make bench`: numbers, not assertions. Build time, sizes, and load latencies."""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlearn.db import connect, run
from benchlearn.settings import load_settings
from benchlearn.warehouse import build


def timed(fn: Callable[[], object], repeat: int = 20) -> tuple[float, float]:
    """Median and max wall time in milliseconds over `repeat` calls (after one warm-up)."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def bench_warehouse() -> None:
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bench.duckdb"
        result = build(
            settings.sources_dir, target, settings.catalogue_path, progress=lambda *_: None
        )
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
        }
        for label, fn in cases.items():
            median, worst = timed(fn)
            print(f"{label:30} {median:8.2f} / {worst:8.2f}")
        con.close()


def main() -> None:
    bench_warehouse()


if __name__ == "__main__":
    main()
