-- One boundary version as a GeoJSON FeatureCollection (WGS84, simplified; properties: unit_id).
-- $version: boundary version code (lg2021, lg2025, pre2021, parish2021, parish2025, nuts2021, country)
-- columns: version, geojson, bytes, features
SELECT version, geojson, bytes, features
FROM boundaries
WHERE version = $version
