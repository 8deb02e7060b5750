-- Values that a re-fetch from CSP changed (old, new, when), newest first, at most 500.
-- no parameters
-- columns: retrieved, table_code, unit_id, unit_lv, unit_en, indicator, indicator_lv,
--   indicator_en, year, old_value, new_value, old_retrieved
SELECT r.retrieved, r.table_code, r.unit_id,
       coalesce(u.name_lv, r.area_label) AS unit_lv,
       coalesce(u.name_en, r.area_label) AS unit_en,
       r.indicator,
       coalesce(i.name_lv, r.indicator) AS indicator_lv,
       coalesce(i.name_en, r.indicator) AS indicator_en,
       r.year, r.old_value, r.new_value, r.old_retrieved
FROM fetch_revisions r
LEFT JOIN units u ON u.unit_id = r.unit_id
LEFT JOIN indicators i ON i.code = r.indicator
ORDER BY r.retrieved DESC, r.table_code, r.indicator, unit_lv, r.year
LIMIT 500
