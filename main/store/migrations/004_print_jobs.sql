-- Receipt print jobs. A job keeps the receipt exactly as issued (JSON of common/receipt/receipt.ts:
-- the applicant's name and the last four digits of their ID, never a full ID, phone, password or
-- OTP), so a failed print can be retried and any receipt reprinted by a clerk, with the same facts.
CREATE TABLE print_jobs (
  id           INTEGER PRIMARY KEY,
  -- The outbox reference of the dossier the receipt is for.
  local_ref    TEXT NOT NULL,
  receipt      TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('pending', 'printing', 'printed', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  -- Why the last attempt failed: offline, cover_open, paper_out, error, not_configured, interrupted.
  last_error   TEXT,
  requested_by TEXT NOT NULL CHECK (requested_by IN ('citizen', 'clerk')),
  -- A clerk's reprint points at the job it copies.
  reprint_of   INTEGER REFERENCES print_jobs (id),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  printed_at   INTEGER
) STRICT;

CREATE INDEX print_jobs_by_ref ON print_jobs (local_ref, id);
CREATE INDEX print_jobs_recent ON print_jobs (created_at, id);
