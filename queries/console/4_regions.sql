-- lv: Asfaltēto ceļu īpatsvars pa statistiskajiem reģioniem (vidējā vērtība, 2024)
-- en: Share of asphalt roads by statistical region (mean, 2024)
SELECT r.name_lv AS region_lv, r.name_en AS region_en, count(o.value) AS municipalities,
       round(avg(o.value), 1) AS mean_share_pct,
       round(min(o.value), 1) AS lowest, round(max(o.value), 1) AS highest
FROM unit_versions m
JOIN units u ON u.unit_id = m.unit_id
LEFT JOIN units r ON r.unit_id = u.nuts3_code
LEFT JOIN observations o ON o.unit_id = u.unit_id
     AND o.indicator = 'road_asphalt_share_pct' AND o.year = 2024
WHERE m.version = 'lg2021'
GROUP BY ALL
ORDER BY mean_share_pct DESC
