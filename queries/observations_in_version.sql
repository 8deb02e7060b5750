-- All values of the units of one boundary version, plus Latvia and the statistical regions
-- (the reference lines), for trends, the benchmark table and profiles.
-- $version: boundary version code
-- columns: unit_id, indicator, year, value, flags, source_id, source_title, source_url,
--   retrieved
SELECT o.unit_id, o.indicator, o.year, o.value, o.flags, o.source_id, o.source_title,
       o.source_url, o.retrieved
FROM observations o
WHERE o.unit_id IN (
    SELECT unit_id FROM unit_versions
    WHERE version = $version OR version IN ('country', 'nuts2021', 'sr2024'))
ORDER BY o.indicator, o.unit_id, o.year
