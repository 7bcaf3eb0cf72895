import type { Contract, Method } from '../../../common/contract';
import type { StaffActivity } from '../../../common/provincial/heartbeat-schemas';

/**
 * The staff audit log (audit.ts) read as the kiosk's health reports it: how many unlocks, failed
 * PINs, lockouts, reprints, retries and lookups in the last 24 hours, and when the last lockout
 * was. Counts only: who did it stays in the log on the kiosk (`kiosk-admin audit`), so a metric
 * label or a heartbeat never carries a staff id, and the number of series stays fixed.
 */
export const STAFF_ACTIVITY_WINDOW_SECONDS = 24 * 3600;

export const staffActivityKinds = ['unlock', 'failed_pin', 'lockout', 'reprint', 'retry', 'lookup'] as const;
export type StaffActivityKind = (typeof staffActivityKinds)[number];

/** The API methods only staff may call: each one is written into the audit log by the dispatcher. */
export type StaffMethod = { [M in Method]: Contract[M]['guard'] extends 'clerk' | 'it' ? M : never }[Method];

/**
 * What each staff method counts as. A `Record` over every staff method, so adding one to the
 * contract does not compile until someone decides here whether (and as what) it is reported.
 */
const methodKinds: Record<StaffMethod, StaffActivityKind | null> = {
  'clerk.outbox.list': 'lookup',
  'clerk.outbox.history': 'lookup',
  'clerk.receipts.list': 'lookup',
  'clerk.outbox.retry': 'retry',
  'clerk.receipts.retry': 'retry',
  'clerk.syncNow': 'retry',
  'clerk.receipts.reprint': 'reprint',
  // IT's work on the kiosk (the audit summary, diagnostics, a test print, log export, enrolment)
  // is in the audit log but is not counter work.
  'it.staffAudit': null,
  'it.diagnostics': null,
  'it.testPrint': null,
  'it.exportLogs': null,
  'it.enrol': null,
};

/** One audit entry's kind; null for entries the health does not count (locking, a visit's end). */
export function staffActivityKindOf(action: string, outcome: string): StaffActivityKind | null {
  // Gate events (gate.ts): an unlock attempt is an unlock or a failed PIN by its outcome.
  if (action === 'clerk.unlock') return outcome === 'ok' ? 'unlock' : 'failed_pin';
  if (action === 'staff.lockout') return 'lockout';
  return Object.prototype.hasOwnProperty.call(methodKinds, action) ? methodKinds[action as StaffMethod] : null;
}

/** The health's numbers from the log's counts per (action, outcome) inside the window. */
export function summariseStaffActivity(
  counts: ReadonlyArray<{ action: string; outcome: string; n: number }>,
  lastLockoutAt: number | null,
  windowSeconds = STAFF_ACTIVITY_WINDOW_SECONDS,
): StaffActivity {
  const by: Record<StaffActivityKind, number> = { unlock: 0, failed_pin: 0, lockout: 0, reprint: 0, retry: 0, lookup: 0 };
  for (const { action, outcome, n } of counts) {
    const kind = staffActivityKindOf(action, outcome);
    if (kind) by[kind] += n;
  }
  return {
    windowSeconds,
    unlocks: by.unlock,
    failedPins: by.failed_pin,
    lockouts: by.lockout,
    reprints: by.reprint,
    retries: by.retry,
    lookups: by.lookup,
    lastLockoutAt: lastLockoutAt === null ? null : new Date(lastLockoutAt).toISOString(),
  };
}
