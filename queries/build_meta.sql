-- Facts about the build (built_at, sources_dir, schema_version, ...).
-- no parameters
-- columns: key, value
SELECT key, value FROM meta ORDER BY key
