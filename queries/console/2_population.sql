-- lv: Iedzīvotāju skaits novados 2024. gadā, lielākie vispirms
-- en: Population of the municipalities in 2024, largest first
SELECT u.name_lv, u.name_en, o.value AS population, o.flags, o.source_title, o.retrieved
FROM observations o
JOIN units u USING (unit_id)
WHERE o.indicator = 'population_avg' AND o.year = 2024
ORDER BY o.value DESC
