-- All values of the units of one boundary version, plus Latvia and the statistical regions
-- (the reference lines), for trends, the benchmark table and profiles.
-- $version: boundary version code
-- columns: unit_id, indicator, year, value, flags, parts, source_id, source_title,
--   source_url, retrieved
--   flags: comma-separated tokens (derived, constructed, rounded, unverified; empty or NULL
--   = as reported); parts: what a constructed value was summed from (NULL otherwise)
SELECT o.unit_id, o.indicator, o.year, o.value, o.flags, o.parts, o.source_id, o.source_title,
       o.source_url, o.retrieved
FROM observations o
WHERE o.unit_id IN (
    SELECT unit_id FROM unit_versions
    WHERE version = $version OR version IN ('country', 'nuts2021', 'sr2024'))
ORDER BY o.indicator, o.unit_id, o.year
