-- Latvia's own value of an indicator in a year (the official figure, not a sum of units).
-- $indicator: indicator code; $year: integer year
-- columns: value, source_title, retrieved
SELECT value, source_title, retrieved
FROM observations
WHERE unit_id = 'LV' AND indicator = $indicator AND year = $year
