"""Synthetic warehouses for the scale bench (`make bench`): the real warehouse plus many
made-up indicators, written directly in DuckDB SQL (INSERT ... SELECT over range()), not
through the Python build.

A k-times warehouse is a copy of the real one (schema, units, versions, boundaries, groups,
catalogue and values unchanged) plus `INDICATORS_PER_FACTOR * k` synthetic indicators: the
issue's yardstick, 100x = about 2,000 indicators x 25 years (2001-2025) x the local
governments, parishes, regions and Latvia (639 units), about 30 M values. Each synthetic
indicator copies the theme, unit, direction and decimals of a real one (its "template") and
is named as synthetic in both languages ("SINTĒTISKS 0001: ...", "SYNTHETIC 0001: ..."), as
are its source, its values' source titles and the `meta` row `synthetic`. Values are
pseudo-random but plausible: the template's median over the 43, scaled by the unit's area
for counts, areas and lengths, a unit effect, a yearly drift and noise, rounded to the
template's decimals; about 3 % of unit-years are left empty. They are deterministic (hashes
of code, unit and year), so two runs generate the same warehouse.

`python -m benchlearn.scale REAL.duckdb TARGET.duckdb FACTOR` writes one by hand.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from benchlearn.warehouse import validate

INDICATORS_PER_FACTOR = 20
FIRST_YEAR, LAST_YEAR = 2001, 2025
GAP_PERCENT = 3  # unit-years without a value
CHUNK = 100  # synthetic indicators per INSERT (bounds memory; the time limit is checked between)
SYNTHETIC_SOURCE = "synthetic"
# the units that get values: local governments, parishes (and towns, state cities), regions,
# Latvia; not the 119 municipalities before 2021
VERSIONS = ("lg2021", "lg2025", "parish2021", "parish2025", "nuts2021", "sr2024", "country")
# templates whose values add up over territory: scaled by the unit's area
ADDITIVE_UNITS = ("ha", "km", "km²", "persons", "libraries", "towns", "parishes")
LATVIA_KM2 = 64_589.0
MEDIAN_KM2 = 1_700.0  # about the median area of the 43


class ScaleTimeout(RuntimeError):
    """Generation went past its time limit; the partial file is not a warehouse to measure."""

    def __init__(self, seconds: float, done: int, wanted: int) -> None:
        super().__init__(
            f"synthetic generation stopped after {seconds:.0f} s: "
            f"{done} of {wanted} synthetic indicators written"
        )
        self.seconds, self.done, self.wanted = seconds, done, wanted


@dataclass(frozen=True)
class ScaleResult:
    path: Path
    factor: int
    seconds: float  # generation time: copy of the real file + synthetic inserts + reports
    indicators: int  # all, real and synthetic
    synthetic_indicators: int
    observations: int  # all, real and synthetic
    bytes: int


def synthetic_count(factor: int) -> int:
    return INDICATORS_PER_FACTOR * factor


TEMPLATES = f"""
CREATE TEMP TABLE synthetic_indicators AS
WITH real AS (
    SELECT i.*, row_number() OVER (ORDER BY i.sort_order, i.code) - 1 AS n,
           count(*) OVER () AS total
    FROM indicators i WHERE i.kind <> 'geometry'
),
typical AS (
    SELECT o.indicator, median(o.value) AS med, avg(abs(o.value)) AS mean_abs,
           min(o.value) AS low
    FROM observations o JOIN unit_versions m ON m.unit_id = o.unit_id
    WHERE m.version = 'lg2021' GROUP BY o.indicator
)
SELECT s.i, 'synthetic_' || lpad(s.i::VARCHAR, 4, '0') AS code, r.code AS template,
       r.name_lv, r.name_en, r.unit_lv, r.unit_en, r.theme, r.direction, r.decimals,
       coalesce(nullif(t.med, 0), t.mean_abs, 1.0) AS base,
       list_contains({list(ADDITIVE_UNITS)!r}, r.unit_en) AS additive,
       r.unit_en = '%' AND coalesce(t.low, 0) >= 0 AS share,  -- a share: within 0..100
       ((hash(s.i, 'drift') % 2001)::DOUBLE - 1000) / 100000 AS drift
FROM range(1, $n + 1) s(i)
JOIN real r ON r.n = (s.i - 1) % r.total
LEFT JOIN typical t ON t.indicator = r.code
"""

OBSERVATIONS = f"""
INSERT INTO observations
WITH u AS (
    SELECT DISTINCT m.unit_id, coalesce(x.area_km2, {LATVIA_KM2} / 5) AS km2
    FROM unit_versions m JOIN units x ON x.unit_id = m.unit_id
    WHERE list_contains({list(VERSIONS)!r}, m.version)
),
cells AS (
    SELECT s.*, u.unit_id, u.km2, y.year,
           (hash(s.code, u.unit_id) % 1000000)::DOUBLE / 1e6 AS unit_noise,
           (hash(s.code, u.unit_id, y.year) % 1000000)::DOUBLE / 1e6 AS noise
    FROM synthetic_indicators s
    CROSS JOIN u
    CROSS JOIN range({FIRST_YEAR}, {LAST_YEAR + 1}) y(year)
    WHERE s.i BETWEEN $first AND $last
),
valued AS (
    SELECT *, base * CASE WHEN additive THEN km2 / {MEDIAN_KM2} ELSE 1 END
               * (0.6 + 0.8 * unit_noise) * (1 + drift * (year - 2013))
               * (0.95 + 0.1 * noise) AS raw
    FROM cells WHERE (hash(code, unit_id, year, 'gap') % 100) >= {GAP_PERCENT}
)
SELECT unit_id, code, year::INTEGER,
       round(CASE WHEN share THEN least(greatest(raw, 0), 100) ELSE raw END, decimals),
       '', '{SYNTHETIC_SOURCE}', NULL, NULL,
       'SYNTHETIC ' || code || ': values made up for the scale bench (modelled on ' ||
           template || ')',
       'https://synthetic.invalid/' || code, NULL, NULL
FROM valued
ORDER BY code, unit_id, year
"""

CATALOGUE = [
    f"""
INSERT INTO indicators
SELECT code, 'SINTĒTISKS ' || lpad(i::VARCHAR, 4, '0') || ': ' || name_lv,
       'SYNTHETIC ' || lpad(i::VARCHAR, 4, '0') || ': ' || name_en,
       unit_lv, unit_en,
       'Sintētiski dati slodzes testam, ne īsti dati (pēc ' || template || ').',
       'Synthetic values for the scale bench, not data (modelled on ' || template || ').',
       theme, direction, decimals, 'source', NULL, []::VARCHAR[], false, NULL,
       ['{SYNTHETIC_SOURCE}'], 'SYNTHETIC', 100000 + i
FROM synthetic_indicators
WHERE i <= $done
""",
    f"""
INSERT INTO sources (source_id, path, format, publisher, table_code, title, url, retrieved,
                     flags, bytes, sha256, rows_read, values_loaded, not_available, ignored,
                     corroborated)
SELECT '{SYNTHETIC_SOURCE}', 'synthetic (scale bench)', 'synthetic', 'SYNTHETIC', 'SYNTHETIC',
       'SYNTHETIC values for the scale bench, not data', NULL, NULL, '', 0, NULL, 0,
       (SELECT count(*) FROM observations WHERE source_id = '{SYNTHETIC_SOURCE}'), 0, 0, 0
""",
    f"""
INSERT INTO report_coverage
WITH lg AS (SELECT unit_id FROM unit_versions WHERE version = 'lg2021')
SELECT o.indicator, count(o.value), count(DISTINCT o.unit_id),
       count(DISTINCT o.unit_id) FILTER (WHERE o.unit_id IN (SELECT unit_id FROM lg)),
       string_agg(DISTINCT o.year::VARCHAR, ', ' ORDER BY o.year::VARCHAR),
       min(o.year), max(o.year)
FROM observations o
WHERE o.source_id = '{SYNTHETIC_SOURCE}'
GROUP BY o.indicator
""",
    """
INSERT INTO report_missing
SELECT s.code, m.unit_id FROM synthetic_indicators s CROSS JOIN unit_versions m
WHERE s.i <= $done AND m.version = 'lg2021' AND NOT EXISTS (
    SELECT 1 FROM observations o WHERE o.indicator = s.code AND o.unit_id = m.unit_id)
""",
    "INSERT INTO meta VALUES ('synthetic', $note)",
]


def synthesize(
    real: Path, target: Path, factor: int, time_limit: float | None = None, chunk: int = CHUNK
) -> ScaleResult:
    """Write a synthetic k-times warehouse at `target` from the real one at `real`.

    Raises ScaleTimeout (and removes the partial file) once `time_limit` seconds have passed
    between two chunks of indicators."""
    started = time.perf_counter()
    wanted = synthetic_count(factor)
    target.unlink(missing_ok=True)
    shutil.copyfile(real, target)
    try:
        with duckdb.connect(str(target)) as con:
            con.execute("SET enable_progress_bar = false")
            con.execute(TEMPLATES, {"n": wanted})
            done = 0
            while done < wanted:
                last = min(done + chunk, wanted)
                con.execute(OBSERVATIONS, {"first": done + 1, "last": last})
                done = last
                elapsed = time.perf_counter() - started
                if time_limit is not None and elapsed > time_limit and done < wanted:
                    raise ScaleTimeout(elapsed, done, wanted)
            note = (
                f"SYNTHETIC warehouse for the scale bench: {factor}x, the real warehouse plus "
                f"{wanted} synthetic indicators; not data"
            )
            params = {"done": done, "note": note}
            for statement in CATALOGUE:
                con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
            con.execute("CHECKPOINT")
            seconds = time.perf_counter() - started
            validate(con)
            indicators, observations = con.execute(
                "SELECT (SELECT count(*) FROM indicators), (SELECT count(*) FROM observations)"
            ).fetchone()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return ScaleResult(
        target, factor, seconds, indicators, wanted, observations, target.stat().st_size
    )


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        raise SystemExit("usage: python -m benchlearn.scale REAL.duckdb TARGET.duckdb FACTOR")
    result = synthesize(Path(argv[0]), Path(argv[1]), int(argv[2]))
    print(
        f"SYNTHETIC {result.factor}x warehouse {result.path}: {result.indicators} indicators "
        f"({result.synthetic_indicators} synthetic), {result.observations:,} values, "
        f"{result.bytes / 1e6:.0f} MB, generated in {result.seconds:.1f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
