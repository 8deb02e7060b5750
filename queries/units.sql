-- Every unit in every boundary version, with its parent in that version.
-- no parameters
-- columns: version, unit_id, parent_id, kind, name_lv, name_en, atvk, iso_3166_2, nuts3_code,
--   area_km2, parishes, towns, label_lon, label_lat, valid_from, valid_to
SELECT m.version, u.unit_id, m.parent_id, u.kind, u.name_lv, u.name_en, u.atvk, u.iso_3166_2,
       u.nuts3_code, u.area_km2, u.parishes, u.towns, u.label_lon, u.label_lat,
       u.valid_from, u.valid_to
FROM unit_versions m
JOIN units u ON u.unit_id = m.unit_id
ORDER BY m.version, u.name_lv
