-- Each indicator's values in the year a table shows for it, for the units of one boundary
-- version plus Latvia and the statistical regions: the rows of observations_in_version that
-- benchlearn.logic.benchmark.value_years, coverage and logic.explore.wide_values/wide_details
-- read, one year per indicator instead of every year.
-- The year shown: the latest up to the asked year in which a unit of the version has a
-- value (timeless indicators: the latest in any year); the asked year is $year, or when it
-- is NULL the latest year of any of these rows (what the pages default to).
-- $version: boundary version code; $year: integer year or NULL
-- columns: unit_id, indicator, year, value, flags, parts, source_id, source_title,
--   source_url, retrieved (as observations_in_version), asked_year
WITH scope AS (
    SELECT unit_id, bool_or(version = $version) AS own
    FROM unit_versions
    WHERE version = $version OR version IN ('country', 'nuts2021', 'sr2024')
    GROUP BY unit_id
),
scoped AS (
    SELECT o.*, s.own FROM observations o JOIN scope s ON s.unit_id = o.unit_id
),
asked AS (
    SELECT coalesce($year::INTEGER, (SELECT max(year) FROM scoped)) AS year
),
shown AS (
    SELECT r.indicator,
           CASE WHEN coalesce(any_value(i.timeless), false) THEN max(r.year)
                ELSE max(r.year) FILTER (WHERE r.year <= (SELECT year FROM asked)) END AS year
    FROM scoped r
    LEFT JOIN indicators i ON i.code = r.indicator
    WHERE r.own AND isfinite(r.value)
    GROUP BY r.indicator
)
SELECT r.unit_id, r.indicator, r.year, r.value, r.flags, r.parts, r.source_id, r.source_title,
       r.source_url, r.retrieved, (SELECT year FROM asked) AS asked_year
FROM scoped r
JOIN shown s ON s.indicator = r.indicator AND s.year = r.year
ORDER BY r.indicator, r.unit_id, r.year
