-- How many units of one boundary version have a value, per indicator, year and class of value
-- (the Data page's coverage by year). Each value is in one class, the first that applies:
-- contributed (by a municipality, approved), constructed, rounded, unverified (also when derived), computed (derived from reported
-- figures), reported (no tokens). Must agree with benchlearn.logic.flags.value_class.
-- $version: boundary version code
-- columns: indicator, version, year, class, n_units
WITH tokens AS (
    SELECT o.indicator, m.version, o.year, o.unit_id,
           string_split(coalesce(o.flags, ''), ',') AS t
    FROM observations o
    JOIN unit_versions m ON m.unit_id = o.unit_id
    WHERE m.version = $version
)
SELECT indicator, version, year,
       CASE
           WHEN list_contains(t, 'contributed') THEN 'contributed'
           WHEN list_contains(t, 'constructed') THEN 'constructed'
           WHEN list_contains(t, 'rounded') THEN 'rounded'
           WHEN list_contains(t, 'unverified') THEN 'unverified'
           WHEN list_contains(t, 'derived') THEN 'computed'
           ELSE 'reported'
       END AS class,
       count(DISTINCT unit_id) AS n_units
FROM tokens
GROUP BY ALL
ORDER BY indicator, year, class
