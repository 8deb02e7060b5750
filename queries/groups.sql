-- The comparison groups stored in the warehouse (fixed groups), with member counts per
-- local-government boundary version. "compared" and the URL's own group are not stored.
-- no parameters
-- columns: code, kind, name_lv, name_en, definition_lv, definition_en, sort_order,
--   n_pre2021, n_lg2021, n_lg2025
SELECT g.code, g.kind, g.name_lv, g.name_en, g.definition_lv, g.definition_en, g.sort_order,
       count(m.unit_id) FILTER (WHERE m.version = 'pre2021') AS n_pre2021,
       count(m.unit_id) FILTER (WHERE m.version = 'lg2021') AS n_lg2021,
       count(m.unit_id) FILTER (WHERE m.version = 'lg2025') AS n_lg2025
FROM groups g
LEFT JOIN group_members m ON m.group_code = g.code
GROUP BY ALL
ORDER BY g.sort_order, g.code
