import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/log';
import type { StaffAccount } from '../../main/services/staff/accounts';
import { buildAuditRepository } from '../../main/services/staff/audit';
import { buildStaffGate, lockoutSecondsFor, staffLimits } from '../../main/services/staff/gate';
import { buildLockoutRepository } from '../../main/services/staff/lockout';
import { hashPin, pinMatches } from '../../main/services/staff/pin-hash';
import { openDatabase, type Db } from '../../main/store/db';
import { testEncryption } from '../support/data-key';
import { tempDir } from './outbox/fixtures';

/** Staff accounts, the persisted lockout and the audit log, on a real SQLite file in a temp dir. */
const fast = { N: 1024 };
const accounts: StaffAccount[] = [
  { id: 'lan', name: 'Nguyễn Thị Lan', role: 'clerk', pinHash: hashPin('246810', fast) },
  { id: 'hung', name: 'Y Hùng Niê', role: 'clerk', pinHash: hashPin('975311', fast) },
  { id: 'quan', name: 'Trần Minh Quân', role: 'it', pinHash: hashPin('135790', fast) },
];

let tmp: ReturnType<typeof tempDir>;
let db: Db;
let now: number;

function gate(list: readonly StaffAccount[] = accounts) {
  return buildStaffGate({ accounts: list, lockout: buildLockoutRepository(db), audit: buildAuditRepository(db), now: () => now, logger: silentLogger, idleTimeoutSeconds: 60 });
}
/** Closes and reopens the database, as a restart of the kiosk would. */
function restart() {
  db.close();
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
}

beforeEach(() => {
  tmp = tempDir('kiosk-staff-');
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
  now = Date.UTC(2026, 11, 1, 2, 0, 0);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe('staff accounts', () => {
  it('each person’s own PIN unlocks as that person, and the audit log says who', async () => {
    const g = gate();
    expect(await g.unlock('975311')).toEqual({ ok: true, value: { idleTimeoutSeconds: 60, staff: { name: 'Y Hùng Niê', role: 'clerk' } } });
    expect(g.current()).toEqual({ id: 'hung', name: 'Y Hùng Niê', role: 'clerk' });
    expect(await g.unlock('135790')).toMatchObject({ ok: true, value: { staff: { role: 'it' } } });
    expect(g.current()?.id).toBe('quan');
    g.lock();
    expect(g.current()).toBeNull();
    expect(buildAuditRepository(db).recent(10).map((e) => [e.action, e.outcome, e.staffId])).toEqual([
      ['clerk.lock', 'ok', 'quan'],
      ['clerk.unlock', 'ok', 'quan'],
      ['clerk.unlock', 'ok', 'hung'],
    ]);
  });

  it('a session ends after the idle time; asking whether someone is unlocked does not keep it alive', async () => {
    const g = gate();
    await g.unlock('246810');
    now += 59_000;
    expect(g.peek()?.id).toBe('lan');
    now += 2_000;
    expect(g.peek()).toBeNull();
    expect(g.current()).toBeNull();
    await g.unlock('246810');
    now += 59_000;
    expect(g.current()?.id).toBe('lan');
    now += 59_000;
    expect(g.current()?.id).toBe('lan');
  });

  it('a PIN set for two accounts unlocks neither: the kiosk could not tell who acted', async () => {
    const twins = [...accounts, { id: 'lan2', name: 'Lê Thị Lan', role: 'clerk' as const, pinHash: hashPin('246810', fast) }];
    const g = gate(twins);
    expect(await g.unlock('246810')).toEqual({ ok: false, error: { code: 'staff_pin_shared' } });
    expect(g.current()).toBeNull();
  });

  it('with no accounts configured nobody can unlock', async () => {
    expect(await gate([]).unlock('246810')).toEqual({ ok: false, error: { code: 'clerk_not_configured' } });
  });

  it('stored hashes are checked whatever their parameters, and a malformed one matches nothing', async () => {
    expect(await pinMatches('246810', hashPin('246810', { N: 2048, r: 4, p: 2 }))).toBe(true);
    expect(await pinMatches('246811', hashPin('246810', fast))).toBe(false);
    for (const bad of ['scrypt$bogus', 'scrypt$0$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', 'bcrypt$1$2$3$4$5']) expect(await pinMatches('246810', bad)).toBe(false);
  });
});

describe('wrong PINs', () => {
  it('lock unlocking after five, for longer after each lockout in a row, and a good PIN afterwards starts over', async () => {
    const g = gate();
    for (let left = 4; left >= 1; left--) expect(await g.unlock('000000')).toEqual({ ok: false, error: { code: 'clerk_pin_wrong', attemptsLeft: left } });
    expect(await g.unlock('000000')).toEqual({ ok: false, error: { code: 'clerk_locked', retryAfterSeconds: 300 } });
    expect(await g.unlock('246810')).toMatchObject({ ok: false, error: { code: 'clerk_locked' } });
    now += 300_000;
    for (let i = 0; i < 4; i++) await g.unlock('000000');
    expect(await g.unlock('000000')).toEqual({ ok: false, error: { code: 'clerk_locked', retryAfterSeconds: 600 } });
    now += 600_000;
    expect((await g.unlock('246810')).ok).toBe(true);
    for (let i = 0; i < 4; i++) await g.unlock('000000');
    expect(await g.unlock('000000')).toEqual({ ok: false, error: { code: 'clerk_locked', retryAfterSeconds: 300 } });
    expect([1, 2, 3, 4, 5, 6, 9].map(lockoutSecondsFor)).toEqual([300, 600, 1200, 2400, 3600, 3600, 3600]);
    expect(staffLimits.maxFailures).toBe(5);
  });

  it('keep counting across a restart, and a lockout outlives it', async () => {
    for (let i = 0; i < 3; i++) await gate().unlock('000000');
    restart();
    expect(await gate().unlock('000000')).toEqual({ ok: false, error: { code: 'clerk_pin_wrong', attemptsLeft: 1 } });
    expect(await gate().unlock('000000')).toMatchObject({ ok: false, error: { code: 'clerk_locked' } });
    restart();
    now += 120_000;
    expect(await gate().unlock('246810')).toEqual({ ok: false, error: { code: 'clerk_locked', retryAfterSeconds: 180 } });
    now += 180_000;
    restart();
    expect((await gate().unlock('246810')).ok).toBe(true);
  });

  it('sent all at once are still counted one by one', async () => {
    const g = gate();
    const replies = await Promise.all(Array.from({ length: 8 }, () => g.unlock('000000')));
    expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'clerk_pin_wrong', 'clerk_pin_wrong', 'clerk_pin_wrong', 'clerk_pin_wrong', 'clerk_locked', 'clerk_locked', 'clerk_locked', 'clerk_locked',
    ]);
  });
});

describe('the staff audit log', () => {
  it('is append-only: the database itself refuses to change or delete an entry', async () => {
    const g = gate();
    await g.unlock('000000');
    await g.unlock('246810');
    expect(() => db.prepare("UPDATE staff_audit SET outcome = 'ok'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM staff_audit').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM staff_audit').get()).toEqual({ n: 2 });
  });

  it('sums up per action with the last event, and nothing about any citizen', async () => {
    const g = gate();
    await g.unlock('000000');
    await g.unlock('246810');
    const audit = buildAuditRepository(db);
    audit.append({ at: now + 1000, staffId: 'lan', staffRole: 'clerk', action: 'clerk.outbox.retry', outcome: 'ok', subject: 'DL-KIOSK-1-261201-0001' });
    audit.append({ at: now + 2000, staffId: 'lan', staffRole: 'clerk', action: 'clerk.receipts.reprint', outcome: 'not_found', subject: '7' });
    expect(audit.summary()).toEqual({
      total: 4,
      firstAt: new Date(now).toISOString(),
      byAction: [
        { action: 'clerk.outbox.retry', ok: 1, refused: 0 },
        { action: 'clerk.receipts.reprint', ok: 0, refused: 1 },
        { action: 'clerk.unlock', ok: 1, refused: 1 },
      ],
      last: { at: new Date(now + 2000).toISOString(), action: 'clerk.receipts.reprint', outcome: 'not_found', staffId: 'lan' },
    });
  });
});
