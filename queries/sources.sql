-- The source files the build read, with their report.
-- no parameters
-- columns: source_id, path, format, publisher, table_code, title, url, retrieved, flags, bytes,
--   sha256, rows_read, values_loaded, not_available, ignored, corroborated
SELECT source_id, path, format, publisher, table_code, title, url, retrieved, flags, bytes,
       sha256, rows_read, values_loaded, not_available, ignored, corroborated
FROM sources
ORDER BY source_id
