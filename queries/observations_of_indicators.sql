-- The values of some indicators only, for the units of one boundary version plus Latvia and
-- the statistical regions: observations_in_version restricted to what one view shows (the
-- trends line, the peer finder's or an index's indicators, the comparison table's columns),
-- so a page never holds every value of a version.
-- $version: boundary version code; $indicators: list of indicator codes (VARCHAR[])
-- columns: unit_id, indicator, year, value, flags, parts, source_id, source_title,
--   source_url, retrieved (as observations_in_version)
SELECT o.unit_id, o.indicator, o.year, o.value, o.flags, o.parts, o.source_id, o.source_title,
       o.source_url, o.retrieved
FROM observations o
WHERE o.indicator IN (SELECT unnest($indicators::VARCHAR[]))
  AND o.unit_id IN (
    SELECT unit_id FROM unit_versions
    WHERE version = $version OR version IN ('country', 'nuts2021', 'sr2024'))
ORDER BY o.indicator, o.unit_id, o.year
