-- How many units of each boundary version have a value, per indicator and year.
-- Used to offer only years with data and to pick the boundaries a year's figures are on.
-- no parameters
-- columns: indicator, version, year, n_units
SELECT o.indicator, m.version, o.year, count(*) AS n_units
FROM observations o
JOIN unit_versions m ON m.unit_id = o.unit_id
GROUP BY o.indicator, m.version, o.year
ORDER BY o.indicator, m.version, o.year
