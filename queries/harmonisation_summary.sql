-- The harmonisation report: per indicator and year, how many of today's units got a value
-- constructed from their pre-2021 municipalities, how many are partial (some part has no
-- value, so none was built) and how many are split (not harmonisable).
-- no parameters
-- columns: indicator, year, constructed, partial, split
SELECT h.indicator, h.year,
       count(*) FILTER (WHERE h.status = 'constructed') AS constructed,
       count(*) FILTER (WHERE h.status = 'partial') AS partial,
       count(*) FILTER (WHERE h.status = 'split') AS split
FROM harmonisation h
GROUP BY h.indicator, h.year
ORDER BY h.indicator, h.year
