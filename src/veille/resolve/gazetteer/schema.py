"""The gazetteer file's tables. `source` is `embedded` (rebuilt from packages) or `user`
(added with `veille gazetteer add`, kept across rebuilds)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    latitude REAL, longitude REAL,
    country_code TEXT NOT NULL,
    admin1 TEXT, admin2 TEXT,
    admin1_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    feature_code TEXT,
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS places_by_area ON places (country_code, admin1);
CREATE TABLE IF NOT EXISTS country_points (
    country_code TEXT PRIMARY KEY, latitude REAL NOT NULL, longitude REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS downloads (
    key TEXT PRIMARY KEY,  -- a country code, or admin1CodesASCII.txt
    etag TEXT, last_modified TEXT, sha256 TEXT, size INTEGER, places INTEGER, at TEXT
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL REFERENCES places(geonameid) ON DELETE CASCADE,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
"""
