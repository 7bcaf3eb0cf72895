-- Counter staff on this kiosk (services/staff). Accounts themselves live in the config file IT
-- deploys; the database keeps what must survive a restart: the wrong-PIN lockout, and an audit
-- log of what staff did. The log names the staff account and what was acted on (a local
-- reference or a print job id), never a citizen's name, ID number, phone or address.

-- One row: wrong PINs since the last good one, and until when unlocking is refused. A restart
-- (or pulling the plug) must not reset the count, or a lockout could be undone by rebooting.
CREATE TABLE staff_lockout (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  failures   INTEGER NOT NULL CHECK (failures >= 0),
  -- Lockouts in a row without a good PIN in between: each one lasts longer.
  lockouts   INTEGER NOT NULL CHECK (lockouts >= 0),
  locked_until INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
INSERT INTO staff_lockout (id, failures, lockouts, locked_until, updated_at) VALUES (1, 0, 0, 0, 0);

CREATE TABLE staff_audit (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  -- The account that acted; NULL when nobody could be identified (a wrong PIN).
  staff_id  TEXT,
  staff_role TEXT CHECK (staff_role IN ('clerk', 'it')),
  -- What was done: an API method ("clerk.outbox.retry") or a gate event ("staff.lockout").
  action    TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
  -- "ok", or the error code the call ended with ("clerk_pin_wrong", "not_found", ...).
  outcome   TEXT NOT NULL CHECK (length(outcome) BETWEEN 1 AND 64),
  -- What it was done to: a local reference, a print job id; never citizen data.
  subject   TEXT CHECK (subject IS NULL OR length(subject) <= 96)
) STRICT;
CREATE INDEX staff_audit_by_action ON staff_audit (action, outcome);

-- Append-only: no statement can change or remove a row. (Someone holding the file and a SQLite
-- shell can drop the triggers first: this is a record of the kiosk's use, not a seal against the
-- owner of the disk.)
CREATE TRIGGER staff_audit_no_update BEFORE UPDATE ON staff_audit
BEGIN
  SELECT RAISE(ABORT, 'staff_audit is append-only');
END;
CREATE TRIGGER staff_audit_no_delete BEFORE DELETE ON staff_audit
BEGIN
  SELECT RAISE(ABORT, 'staff_audit is append-only');
END;
