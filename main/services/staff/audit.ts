import type { StaffRole } from '../../../common/contract';
import type { StaffActivity } from '../../../common/provincial/heartbeat-schemas';
import type { Db } from '../../store/db';
import { STAFF_ACTIVITY_WINDOW_SECONDS, summariseStaffActivity } from './activity';

/**
 * What staff did on this kiosk: unlocks (and wrong PINs), lockouts, and every call of a staff
 * method — the outbox and receipt views, "Gửi lại", "Gửi ngay", reprints. Append-only in SQLite
 * (migration 006's triggers). An entry names the account and what was acted on (a local
 * reference, a print job id), never a citizen's data.
 */
export interface AuditEntry {
  at: number;
  staffId: string | null;
  staffRole: StaffRole | null;
  action: string;
  outcome: string;
  subject: string | null;
}

/** For the kiosk's health report and `kiosk-admin audit`: counts and the last event, nothing personal. */
export interface AuditSummary {
  total: number;
  firstAt: string | null;
  byAction: Array<{ action: string; ok: number; refused: number }>;
  last: { at: string; action: string; outcome: string; staffId: string | null } | null;
}

interface Row {
  at: number;
  staff_id: string | null;
  staff_role: StaffRole | null;
  action: string;
  outcome: string;
  subject: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildAuditRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO staff_audit (at, staff_id, staff_role, action, outcome, subject)
    VALUES (@at, @staffId, @staffRole, @action, @outcome, @subject)`);
  const recent = db.prepare('SELECT at, staff_id, staff_role, action, outcome, subject FROM staff_audit ORDER BY id DESC LIMIT @limit');
  const counts = db.prepare(`
    SELECT action, SUM(outcome = 'ok') AS ok, SUM(outcome <> 'ok') AS refused
      FROM staff_audit GROUP BY action ORDER BY action`);
  const bounds = db.prepare('SELECT COUNT(*) AS total, MIN(at) AS firstAt FROM staff_audit');
  const last = db.prepare('SELECT at, staff_id, action, outcome FROM staff_audit ORDER BY id DESC LIMIT 1');
  // Read at every scrape and heartbeat: the index on `at` (migration 007) keeps it to the window.
  const windowCounts = db.prepare(`
    SELECT action, outcome, COUNT(*) AS n
      FROM staff_audit WHERE at > @since AND at <= @now GROUP BY action, outcome`);
  const lastLockout = db.prepare(`SELECT MAX(at) AS at FROM staff_audit WHERE action = 'staff.lockout'`);

  return {
    append(e: AuditEntry): void {
      insert.run({ ...e, subject: e.subject?.slice(0, 96) ?? null });
    },
    recent: (limit: number): AuditEntry[] =>
      (recent.all({ limit }) as Row[]).map((r) => ({
        at: r.at,
        staffId: r.staff_id,
        staffRole: r.staff_role,
        action: r.action,
        outcome: r.outcome,
        subject: r.subject,
      })),
    summary(): AuditSummary {
      const b = bounds.get() as { total: number; firstAt: number | null };
      const l = last.get() as Pick<Row, 'at' | 'staff_id' | 'action' | 'outcome'> | undefined;
      return {
        total: b.total,
        firstAt: b.firstAt === null ? null : iso(b.firstAt),
        byAction: counts.all() as AuditSummary['byAction'],
        last: l ? { at: iso(l.at), action: l.action, outcome: l.outcome, staffId: l.staff_id } : null,
      };
    },
    /** The last 24 hours before `now` in counts, for the kiosk's health (activity.ts). */
    activity(now: number): StaffActivity {
      const counts = windowCounts.all({ since: now - STAFF_ACTIVITY_WINDOW_SECONDS * 1000, now }) as Array<{
        action: string;
        outcome: string;
        n: number;
      }>;
      return summariseStaffActivity(counts, (lastLockout.get() as { at: number | null }).at);
    },
  };
}

export type AuditRepository = ReturnType<typeof buildAuditRepository>;
