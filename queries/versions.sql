-- Boundary versions in display order.
-- no parameters
-- columns: version, level, label_lv, label_en, valid_from, valid_to, unit_count, has_boundaries
SELECT version, level, label_lv, label_en, valid_from, valid_to, unit_count, has_boundaries
FROM boundary_versions
ORDER BY sort_order
