-- Kiosk identity and settings. Never edit a landed migration: add a new numbered file.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- One row: who this kiosk is. installation_id is made once and survives config changes, so the
-- API can tell two kiosks apart even if IT copies a config file with the same kioskId.
CREATE TABLE kiosk_identity (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  installation_id TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;
