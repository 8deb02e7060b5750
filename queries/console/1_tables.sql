-- lv: Tabulas un to kolonnas
-- en: Tables and their columns
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_catalog = 'warehouse'
ORDER BY table_name, ordinal_position
