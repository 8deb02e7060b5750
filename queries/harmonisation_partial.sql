-- The partial cases of the harmonisation report: today's unit, its parts and which of them
-- have no value (so no value was constructed).
-- no parameters
-- columns: indicator, year, unit_id, name_lv, name_en, parts, missing
SELECT h.indicator, h.year, h.unit_id, u.name_lv, u.name_en, h.parts, h.missing
FROM harmonisation h
LEFT JOIN units u ON u.unit_id = h.unit_id
WHERE h.status = 'partial'
ORDER BY h.indicator, h.year, u.name_lv, h.unit_id
