import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, methods } from '../../common/contract';
import { StaffActivity } from '../../common/provincial/heartbeat-schemas';
import { silentLogger } from '../../main/log';
import type { StaffAccount } from '../../main/services/staff/accounts';
import { staffActivityKindOf, summariseStaffActivity } from '../../main/services/staff/activity';
import { buildAuditRepository } from '../../main/services/staff/audit';
import { buildStaffGate, staffLimits } from '../../main/services/staff/gate';
import { buildLockoutRepository } from '../../main/services/staff/lockout';
import { hashPin } from '../../main/services/staff/pin-hash';
import { openDatabase, type Db } from '../../main/store/db';
import { testEncryption } from '../support/data-key';
import { tempDir } from './outbox/fixtures';

/**
 * The staff audit log as the kiosk's health reports it: the last 24 hours in counts, the time of
 * the last lockout, and nothing that says who. The log is filled the way the kiosk fills it (the
 * real gate for unlocks and lockouts, the dispatcher's entries for staff methods) on a real
 * encrypted SQLite file, with a clock the test moves.
 */
const HOUR = 3600_000;
const accounts: StaffAccount[] = [{ id: 'lan', name: 'Nguyễn Thị Lan', role: 'clerk', pinHash: hashPin('246810', { N: 1024 }) }];

let tmp: ReturnType<typeof tempDir>;
let db: Db;
let now: number;

beforeEach(() => {
  tmp = tempDir('kiosk-staff-activity-');
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
  now = Date.UTC(2026, 11, 1, 2, 0, 0);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const gate = () =>
  buildStaffGate({ accounts, lockout: buildLockoutRepository(db), audit: buildAuditRepository(db), now: () => now, logger: silentLogger });
/** What the dispatcher writes for one staff method call (main/services/staff/start.ts). */
const call = (action: string, outcome = 'ok', subject: string | null = 'K-20261201-0001') =>
  buildAuditRepository(db).append({ at: now, staffId: 'lan', staffRole: 'clerk', action, outcome, subject });

describe('staff activity in the kiosk health', () => {
  it('counts unlocks, failed PINs, lockouts, reprints, retries and lookups of the last 24 hours', async () => {
    const g = gate();
    expect((await g.unlock('246810')).ok).toBe(true);
    call('clerk.outbox.list', 'ok', null);
    call('clerk.outbox.history');
    call('clerk.receipts.list', 'ok', null);
    call('clerk.outbox.retry', 'not_found');
    call('clerk.receipts.retry', 'ok', 'job-1');
    call('clerk.syncNow', 'ok', null);
    call('clerk.receipts.reprint', 'ok', 'job-1');
    g.lock();
    now += HOUR;
    for (let i = 0; i < staffLimits.maxFailures; i += 1) await g.unlock('000000');
    const lockedAt = now;
    await g.unlock('246810'); // refused during the lockout: a failed attempt too
    call('visit.end', 'ok', null);

    const a = buildAuditRepository(db).activity(now);
    expect(a).toEqual({
      windowSeconds: 86_400,
      unlocks: 1,
      failedPins: staffLimits.maxFailures + 1,
      lockouts: 1,
      reprints: 1,
      retries: 3,
      lookups: 3,
      lastLockoutAt: new Date(lockedAt).toISOString(),
    });
    expect(StaffActivity.safeParse(a).success).toBe(true);
  });

  it('forgets what is older than 24 hours but keeps the time of the last lockout', async () => {
    const g = gate();
    for (let i = 0; i < staffLimits.maxFailures; i += 1) await g.unlock('000000');
    const lockedAt = now;
    call('clerk.receipts.reprint', 'ok', 'job-1');
    now += 24 * HOUR - 1;
    expect(buildAuditRepository(db).activity(now)).toMatchObject({ failedPins: staffLimits.maxFailures, lockouts: 1, reprints: 1 });
    now += 1;
    expect(buildAuditRepository(db).activity(now)).toEqual({
      windowSeconds: 86_400,
      unlocks: 0,
      failedPins: 0,
      lockouts: 0,
      reprints: 0,
      retries: 0,
      lookups: 0,
      lastLockoutAt: new Date(lockedAt).toISOString(),
    });
    // The entries themselves stay in the append-only log.
    expect(buildAuditRepository(db).summary().total).toBe(staffLimits.maxFailures + 2);
  });

  it('a kiosk nobody has unlocked reports zeros and no lockout', () => {
    expect(buildAuditRepository(db).activity(now)).toMatchObject({ unlocks: 0, failedPins: 0, lockouts: 0, lastLockoutAt: null });
  });

  it('carries no staff id, name or subject: only numbers and one time', async () => {
    const g = gate();
    await g.unlock('246810');
    call('clerk.receipts.reprint', 'ok', 'job-7');
    for (let i = 0; i < staffLimits.maxFailures; i += 1) await g.unlock('000000');
    const text = JSON.stringify(buildAuditRepository(db).activity(now));
    for (const s of ['lan', 'Nguyễn', 'Lan', 'job-7', 'clerk']) expect(text).not.toContain(s);
  });
});

describe('what an audit entry counts as', () => {
  it('every staff method of the contract is classified (counted as a kind, or deliberately not)', () => {
    const staffMethods = methods.filter((m) => contract[m].guard === 'clerk' || contract[m].guard === 'it');
    expect(staffMethods.length).toBeGreaterThan(0);
    // The map is a Record over the same type, so this holds by construction; the test shows which.
    const kinds = Object.fromEntries(staffMethods.map((m) => [m, staffActivityKindOf(m, 'ok')]));
    expect(kinds).toEqual({
      'clerk.outbox.list': 'lookup',
      'clerk.outbox.history': 'lookup',
      'clerk.outbox.retry': 'retry',
      'clerk.syncNow': 'retry',
      'clerk.receipts.list': 'lookup',
      'clerk.receipts.retry': 'retry',
      'clerk.receipts.reprint': 'reprint',
      // IT's own work on the kiosk is in the audit log, not in the counter's activity figures.
      'it.staffAudit': null,
      'it.diagnostics': null,
      'it.testPrint': null,
      'it.enrol': null,
      'it.exportLogs': null,
    });
  });

  it('an unlock is counted by its outcome; unknown actions and public ones are not counted', () => {
    expect(staffActivityKindOf('clerk.unlock', 'ok')).toBe('unlock');
    expect(staffActivityKindOf('clerk.unlock', 'clerk_pin_wrong')).toBe('failed_pin');
    expect(staffActivityKindOf('clerk.unlock', 'clerk_locked')).toBe('failed_pin');
    expect(staffActivityKindOf('staff.lockout', 'locked_300s')).toBe('lockout');
    for (const a of ['clerk.lock', 'visit.end', 'toString', '__proto__', 'constructor', ''])
      expect(staffActivityKindOf(a, 'ok')).toBeNull();
  });

  it('sums counts per (action, outcome) into the health numbers', () => {
    const a = summariseStaffActivity(
      [
        { action: 'clerk.unlock', outcome: 'ok', n: 2 },
        { action: 'clerk.unlock', outcome: 'clerk_pin_wrong', n: 7 },
        { action: 'clerk.unlock', outcome: 'staff_pin_shared', n: 1 },
        { action: 'clerk.receipts.reprint', outcome: 'not_found', n: 1 },
        { action: 'clerk.receipts.reprint', outcome: 'ok', n: 3 },
        { action: 'clerk.lock', outcome: 'ok', n: 5 },
      ],
      null,
    );
    expect(a).toMatchObject({ unlocks: 2, failedPins: 8, reprints: 4, retries: 0, lookups: 0, lockouts: 0, lastLockoutAt: null });
  });
});
