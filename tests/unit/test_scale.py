"""benchlearn.scale: a synthetic 2x warehouse has the expected counts, is marked synthetic
and passes the build's validation."""

from __future__ import annotations

import pytest

from benchlearn.db import connect, run
from benchlearn.scale import (
    FIRST_YEAR,
    LAST_YEAR,
    VERSIONS,
    ScaleTimeout,
    synthesize,
    synthetic_count,
)
from benchlearn.warehouse import validate


@pytest.fixture(scope="module")
def synthetic(built_db, tmp_path_factory):
    target = tmp_path_factory.mktemp("scale") / "scale-2x.duckdb"
    return synthesize(built_db, target, 2)


def test_two_times_has_the_expected_counts(built_db, synthetic):
    with connect(built_db) as real:
        indicators, values = real.execute(
            "SELECT (SELECT count(*) FROM indicators), (SELECT count(*) FROM observations)"
        ).fetchone()
    con = connect(synthetic.path)
    units = con.execute(
        "SELECT count(DISTINCT unit_id) FROM unit_versions WHERE list_contains($v, version)",
        {"v": list(VERSIONS)},
    ).fetchone()[0]
    years = LAST_YEAR - FIRST_YEAR + 1
    n, made, per_indicator, span = con.execute(
        "SELECT count(DISTINCT indicator), sum(c), max(c), [min(lo), max(hi)] FROM ("
        "  SELECT indicator, count(*) AS c, min(year) AS lo, max(year) AS hi FROM observations"
        "  WHERE source_id = 'synthetic' GROUP BY indicator)"
    ).fetchone()
    assert synthetic_count(2) == 40 == synthetic.synthetic_indicators == n
    assert synthetic.indicators == indicators + 40
    assert synthetic.observations == values + made
    assert 0.95 * 40 * units * years < made < 40 * units * years  # about 3 % left empty
    assert per_indicator <= units * years and span == [FIRST_YEAR, LAST_YEAR]
    assert len(run(con, "catalogue")) == indicators + 40  # every one has its coverage row
    con.close()


def test_marked_synthetic_and_valid(synthetic):
    con = connect(synthetic.path)
    validate(con)
    names = con.execute(
        "SELECT bool_and(name_en LIKE 'SYNTHETIC %' AND name_lv LIKE 'SINTĒTISKS %'), "
        "bool_and(source_ids = ['synthetic']) FROM indicators WHERE code LIKE 'synthetic_%'"
    ).fetchone()
    assert names == (True, True)
    assert "SYNTHETIC" in dict(run(con, "build_meta").itertuples(index=False))["synthetic"]
    # a share (a % whose template never goes below 0) stays within 0..100
    bad = con.execute(
        "WITH low AS (SELECT indicator, min(value) AS low FROM observations "
        "  WHERE source_id <> 'synthetic' GROUP BY indicator) "
        "SELECT count(*) FILTER (WHERE NOT isfinite(o.value) OR o.source_title NOT LIKE "
        "'SYNTHETIC %'), count(*) FILTER (WHERE i.unit_en = '%' AND l.low >= 0 AND o.value "
        "NOT BETWEEN 0 AND 100) FROM observations o JOIN indicators i ON i.code = o.indicator "
        "JOIN low l ON l.indicator = regexp_extract(o.source_title, 'modelled on (\\w+)', 1) "
        "WHERE o.source_id = 'synthetic'"
    ).fetchone()
    assert bad == (0, 0)
    con.close()


def test_time_limit_stops_and_leaves_no_file(built_db, tmp_path):
    target = tmp_path / "stopped.duckdb"
    with pytest.raises(ScaleTimeout):
        synthesize(built_db, target, 2, time_limit=0, chunk=10)
    assert not target.exists()
