-- Per table fetched from CSP's PxWeb API: its latest fetch, and how many values changed.
-- no parameters
-- columns: table_code, title, path, verified, retrieved, updated, values_fetched,
--   not_available, added, changed, removed, fetches, revisions, conflicts, url
WITH latest AS (
    SELECT *, row_number() OVER (PARTITION BY table_code ORDER BY retrieved DESC) AS n
    FROM fetch_log
)
SELECT l.table_code, l.title, l.path, l.verified, l.retrieved, l.updated, l.values_fetched,
       l.not_available, l.added, l.changed, l.removed,
       (SELECT count(*) FROM fetch_log f WHERE f.table_code = l.table_code) AS fetches,
       (SELECT count(*) FROM fetch_revisions r WHERE r.table_code = l.table_code) AS revisions,
       (SELECT count(*) FROM merge_conflicts c JOIN sources s ON s.source_id = c.fetched_source
        WHERE s.table_code = l.table_code) AS conflicts,
       (SELECT min(s.url) FROM sources s
        WHERE s.format = 'pxweb_api' AND s.table_code = l.table_code) AS url
FROM latest l
WHERE l.n = 1
ORDER BY l.table_code
