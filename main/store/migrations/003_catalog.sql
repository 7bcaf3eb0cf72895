-- Catalogs from the provincial API (administrative units today; procedures and agencies can be
-- added as more datasets), kept so the kiosk works offline. One row per dataset: the newest copy
-- that passed its schema. Never edit a landed migration: add a new numbered file.
CREATE TABLE catalog_datasets (
  name       TEXT PRIMARY KEY,
  version    TEXT NOT NULL,
  etag       TEXT,
  payload    TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  checked_at TEXT NOT NULL
) STRICT;
