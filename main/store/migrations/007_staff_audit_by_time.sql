-- The kiosk's health reports the staff audit log's last 24 hours at every scrape and heartbeat
-- (services/staff/activity.ts); the log only grows, so that read must not walk all of it.
CREATE INDEX staff_audit_by_time ON staff_audit (at);
