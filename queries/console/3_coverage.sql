-- lv: Cik pašvaldībām un gadiem ir katra rādītāja dati
-- en: How many units and years each indicator covers
SELECT i.code, i.name_lv, i.name_en, count(DISTINCT o.unit_id) AS units,
       min(o.year) AS first_year, max(o.year) AS last_year
FROM indicators i
LEFT JOIN observations o ON o.indicator = i.code
GROUP BY ALL
ORDER BY units DESC, i.code
