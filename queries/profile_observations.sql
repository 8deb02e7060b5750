-- What a municipality's profile reads, for the units of one boundary version plus Latvia
-- and the statistical regions: every value of the unit and of Latvia (its trends, its
-- latest values, Latvia's flags), and the other units' values only in the unit's latest
-- year of each indicator (its rank and percentile there), or in any year for timeless
-- indicators (each unit's latest counts). The rows of observations_in_version that
-- benchlearn.logic.profile reads, so the page grows with the indicators, not the years.
-- $version: boundary version code; $unit: unit id
-- columns: unit_id, indicator, year, value, flags, parts, source_id, source_title,
--   source_url, retrieved (as observations_in_version)
WITH scoped AS (
    SELECT o.* FROM observations o
    WHERE o.unit_id IN (
        SELECT unit_id FROM unit_versions
        WHERE version = $version OR version IN ('country', 'nuts2021', 'sr2024'))
),
mine AS (
    SELECT indicator, max(year) AS year FROM scoped
    WHERE unit_id = $unit AND isfinite(value)
    GROUP BY indicator
)
SELECT r.unit_id, r.indicator, r.year, r.value, r.flags, r.parts, r.source_id, r.source_title,
       r.source_url, r.retrieved
FROM scoped r
LEFT JOIN mine m ON m.indicator = r.indicator
LEFT JOIN indicators i ON i.code = r.indicator
WHERE m.indicator IS NOT NULL
  AND (r.unit_id IN ($unit, 'LV') OR r.year = m.year OR coalesce(i.timeless, false))
ORDER BY r.indicator, r.unit_id, r.year
