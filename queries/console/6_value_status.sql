-- lv: Vērtību statuss: oficiālā statistika, noapaļotas, konstruētas un aprēķinātas vērtības
-- en: Value status: official statistics, rounded, constructed and computed values
SELECT CASE
         WHEN flags LIKE '%constructed%' THEN 'constructed (summed from pre-2021 municipalities)'
         WHEN flags LIKE '%rounded%' THEN 'rounded as published'
         WHEN flags LIKE '%derived%' THEN 'computed by formula'
         WHEN flags LIKE '%unverified%' THEN 'unverified source'
         ELSE 'reported'
       END AS status,
       indicator, count(*) AS n_values, min(year) AS first_year, max(year) AS last_year,
       any_value(parts) AS example_parts
FROM observations
GROUP BY ALL
ORDER BY status, indicator
