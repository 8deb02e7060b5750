-- lv: Avota faili: izdevējs, tabula, iegūšanas datums, ielādētās vērtības
-- en: Source files: publisher, table, retrieval date, values loaded
SELECT publisher, table_code, title, retrieved, values_loaded, url
FROM sources
ORDER BY publisher, table_code
