-- The indicator catalogue with theme names and coverage, in catalogue order.
-- no parameters
-- columns: code, name_lv, name_en, unit_lv, unit_en, definition_lv, definition_en, theme,
--   theme_lv, theme_en, theme_order, direction, decimals, kind, formula, inputs, timeless,
--   per_capita, source_ids, source_tables, n_values, units, municipalities, years, first_year,
--   last_year, sort_order
SELECT i.code, i.name_lv, i.name_en, i.unit_lv, i.unit_en, i.definition_lv, i.definition_en,
       i.theme, t.name_lv AS theme_lv, t.name_en AS theme_en, t.sort_order AS theme_order,
       i.direction, i.decimals, i.kind, i.formula, i.inputs, i.timeless, i.per_capita,
       i.source_ids, i.source_tables, c.n_values, c.units, c.municipalities, c.years,
       c.first_year, c.last_year, i.sort_order
FROM indicators i
JOIN themes t ON t.code = i.theme
JOIN report_coverage c ON c.indicator = i.code
ORDER BY t.sort_order, i.sort_order
