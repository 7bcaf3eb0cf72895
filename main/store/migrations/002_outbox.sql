-- The outbox: every finished submission (dossier, complaint) waiting for, or delivered to, the
-- provincial API. Rows are never deleted: they are the kiosk's record of what a citizen was told.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  -- Printed on the citizen's receipt before the API has heard of the submission.
  local_ref       TEXT NOT NULL UNIQUE,
  -- UUIDv7 made when the row is stored; every delivery attempt sends the same one.
  idempotency_key TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('dossier', 'complaint')),
  -- The validated submission (JSON), exactly as it will be sent.
  payload         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'accepted', 'needs_attention')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  -- The API's code once accepted (mã hồ sơ).
  remote_code     TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  accepted_at     INTEGER,
  -- Set when the attachment files were removed after acceptance + retention.
  files_purged_at INTEGER
) STRICT;

CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);

-- Attachment files live in <dataDir>/attachments/<sha256>, written and fsynced before the row commits.
CREATE TABLE outbox_attachments (
  outbox_id   INTEGER NOT NULL REFERENCES outbox (id),
  position    INTEGER NOT NULL,
  document_id TEXT NOT NULL,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  size        INTEGER NOT NULL CHECK (size > 0),
  media_type  TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  PRIMARY KEY (outbox_id, position)
) STRICT;

CREATE INDEX outbox_attachments_sha ON outbox_attachments (sha256);

-- What happened to each submission, for the clerk's per-dossier history.
CREATE TABLE outbox_events (
  id        INTEGER PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  at        INTEGER NOT NULL,
  event     TEXT NOT NULL,
  detail    TEXT
) STRICT;

CREATE INDEX outbox_events_by_item ON outbox_events (outbox_id, id);

-- Running number of local references per kiosk day (DL-<KIOSK>-YYMMDD-NNNN).
CREATE TABLE outbox_ref_counters (
  day  TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;
