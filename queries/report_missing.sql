-- Which of the 43 local governments have no value at all, per indicator.
-- no parameters
-- columns: indicator, unit_id, name_lv, name_en
SELECT r.indicator, r.unit_id, u.name_lv, u.name_en
FROM report_missing r
JOIN units u ON u.unit_id = r.unit_id
ORDER BY r.indicator, u.name_lv
