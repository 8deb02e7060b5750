-- Members of one stored comparison group within one boundary version, with the figure a
-- population size class rests on (NULL for other groups).
-- $group: group code (all, state_cities, novadi, nuts:LV003, pop:lt15k, ...)
-- $version: boundary version code (pre2021, lg2021, lg2025)
-- columns: unit_id, name_lv, name_en, kind, basis_indicator, basis_year, basis_value,
--   basis_flags
SELECT m.unit_id, u.name_lv, u.name_en, u.kind, m.basis_indicator, m.basis_year,
       m.basis_value, m.basis_flags
FROM group_members m
JOIN units u ON u.unit_id = m.unit_id
WHERE m.group_code = $group AND m.version = $version
ORDER BY u.name_lv
