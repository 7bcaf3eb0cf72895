-- Retention (services/retention): when a submission's personal data was erased. The row itself
-- stays, with what the status strip, status lookups and the clerk's history need (reference,
-- the API's code, procedure, dates, a masked ID) in place of the payload.
-- Never edit a landed migration: add a new numbered file.
ALTER TABLE outbox ADD COLUMN personal_erased_at INTEGER;

-- The rows retention still has to look at: small, since every row is erased in the end.
CREATE INDEX outbox_personal_kept ON outbox (state, accepted_at, created_at) WHERE personal_erased_at IS NULL;
