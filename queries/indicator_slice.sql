-- Values of one indicator in one year for every unit of a boundary version (NULL = no data).
-- Timeless indicators (area) match any year: they describe the territory, not the year.
-- $version: boundary version code; $indicator: indicator code; $year: integer year
-- columns: unit_id, name_lv, name_en, kind, value, year, flags, parts, source_title,
--   source_url, retrieved
--   flags: comma-separated tokens (derived, constructed, rounded, unverified; empty or NULL
--   = as reported); parts: what a constructed value was summed from (NULL otherwise)
SELECT u.unit_id, u.name_lv, u.name_en, u.kind, o.value, o.year, o.flags, o.parts,
       o.source_title, o.source_url, o.retrieved
FROM unit_versions m
JOIN units u ON u.unit_id = m.unit_id
LEFT JOIN indicators i ON i.code = $indicator
LEFT JOIN observations o
       ON o.unit_id = m.unit_id AND o.indicator = $indicator
      AND (o.year = $year OR coalesce(i.timeless, false))
WHERE m.version = $version
ORDER BY u.unit_id
