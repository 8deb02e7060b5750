-- Which years of population figures the state cities have, against the years in which any
-- local government has one, before $before (the Data page's note on partial city figures).
-- $before: the first year not checked (e.g. 2026)
-- columns: unit_id, name_lv, name_en, indicator, first_year, last_year, years
--   first_year, last_year: the span local governments (lg2021, lg2025) have values in;
--   years: the city's years with a value within that span (empty list: none)
WITH span AS (
    SELECT o.indicator, min(o.year) AS first_year, max(o.year) AS last_year
    FROM observations o
    WHERE o.indicator IN ('population_avg', 'population_start_of_year')
      AND o.year < $before
      AND o.unit_id IN (
          SELECT unit_id FROM unit_versions WHERE version IN ('lg2021', 'lg2025'))
    GROUP BY o.indicator
)
SELECT u.unit_id, u.name_lv, u.name_en, s.indicator, s.first_year, s.last_year,
       coalesce(list(o.year ORDER BY o.year) FILTER (WHERE o.year IS NOT NULL), []) AS years
FROM units u
CROSS JOIN span s
LEFT JOIN observations o
       ON o.unit_id = u.unit_id AND o.indicator = s.indicator
      AND o.year BETWEEN s.first_year AND s.last_year
WHERE u.kind = 'state_city'
GROUP BY u.unit_id, u.name_lv, u.name_en, s.indicator, s.first_year, s.last_year
ORDER BY s.indicator, u.name_lv
