import type { StaffRole } from '../../../common/contract';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import type { StaffAccount } from './accounts';
import type { AuditRepository } from './audit';
import type { LockoutRepository } from './lockout';
import { pinMatches } from './pin-hash';

/**
 * Staff unlock the clerk functions with their own PIN. The PIN alone says who they are (IT gives
 * each person a different one; `kiosk-admin staff-add` refuses a PIN already in use), so the
 * screen needs no list of names. Wrong PINs count towards a lockout kept in SQLite, which grows
 * longer with each lockout in a row and survives a restart. An unlocked session lives in main's
 * memory only, ends after a short idle time, and ends with every citizen's visit.
 */
export interface StaffSession {
  id: string;
  name: string;
  role: StaffRole;
}

export interface StaffGate {
  unlock(pin: string): Promise<Result<{ idleTimeoutSeconds: number; staff: { name: string; role: StaffRole } }, KioskError>>;
  /** The unlocked session, or null; each call counts as staff activity. */
  current(): StaffSession | null;
  /** The unlocked session without counting as activity (a screen asking whether to show the PIN pad). */
  peek(): StaffSession | null;
  /** Ends the session; `action` says why in the audit log. */
  lock(action?: 'clerk.lock' | 'visit.end'): void;
}

export const staffLimits = {
  maxFailures: 5,
  /** The first lockout; each further one in a row doubles, up to the cap. */
  lockoutSeconds: 5 * 60,
  maxLockoutSeconds: 60 * 60,
  idleTimeoutSeconds: 3 * 60,
} as const;

export function lockoutSecondsFor(lockoutsInARow: number): number {
  return Math.min(staffLimits.maxLockoutSeconds, staffLimits.lockoutSeconds * 2 ** Math.max(0, lockoutsInARow - 1));
}

export function buildStaffGate(deps: {
  accounts: readonly StaffAccount[];
  lockout: LockoutRepository;
  audit: Pick<AuditRepository, 'append'>;
  now: () => number;
  logger: Logger;
  idleTimeoutSeconds?: number;
}): StaffGate {
  const { accounts, now, logger } = deps;
  const idleMs = (deps.idleTimeoutSeconds ?? staffLimits.idleTimeoutSeconds) * 1000;
  let session: (StaffSession & { activeUntil: number }) | null = null;
  // One attempt at a time: parallel guesses must not each see the same failure count.
  let queue: Promise<unknown> = Promise.resolve();

  const record = (action: string, outcome: string, who: StaffSession | null) => {
    try {
      deps.audit.append({ at: now(), staffId: who?.id ?? null, staffRole: who?.role ?? null, action, outcome, subject: null });
    } catch (e) {
      // A full disk must not stop a clerk from working; the log line says the audit missed one.
      logger.warn('staff.audit_failed', { action, error: e instanceof Error ? e.name : typeof e });
    }
  };

  async function attempt(pin: string): ReturnType<StaffGate['unlock']> {
    if (accounts.length === 0) return err(kioskError('clerk_not_configured'));
    const t = now();
    const state = deps.lockout.get();
    if (t < state.lockedUntil) {
      record('clerk.unlock', 'clerk_locked', null);
      return err(kioskError('clerk_locked', { retryAfterSeconds: Math.ceil((state.lockedUntil - t) / 1000) }));
    }
    // Every hash is checked, whoever matches: the time taken does not say which account it was.
    const results = await Promise.all(accounts.map((a) => pinMatches(pin, a.pinHash).catch(() => false)));
    const matched = accounts.filter((_, i) => results[i]);
    if (matched.length > 1) {
      logger.warn('staff.pin_shared', { accounts: matched.length });
      record('clerk.unlock', 'staff_pin_shared', null);
      return err(kioskError('staff_pin_shared'));
    }
    const account = matched[0];
    if (account) {
      deps.lockout.put({ failures: 0, lockouts: 0, lockedUntil: 0 }, t);
      session = { id: account.id, name: account.name, role: account.role, activeUntil: t + idleMs };
      logger.info('staff.unlocked', { staffId: account.id, role: account.role });
      record('clerk.unlock', 'ok', session);
      return ok({ idleTimeoutSeconds: idleMs / 1000, staff: { name: account.name, role: account.role } });
    }
    const failures = state.failures + 1;
    logger.warn('staff.pin_wrong', { failures });
    record('clerk.unlock', 'clerk_pin_wrong', null);
    if (failures >= staffLimits.maxFailures) {
      const lockouts = state.lockouts + 1;
      const seconds = lockoutSecondsFor(lockouts);
      deps.lockout.put({ failures: 0, lockouts, lockedUntil: t + seconds * 1000 }, t);
      logger.warn('staff.lockout', { lockouts, seconds });
      record('staff.lockout', `locked_${seconds}s`, null);
      return err(kioskError('clerk_locked', { retryAfterSeconds: seconds }));
    }
    deps.lockout.put({ ...state, failures }, t);
    return err(kioskError('clerk_pin_wrong', { attemptsLeft: staffLimits.maxFailures - failures }));
  }

  const live = () => (session && now() < session.activeUntil ? session : null);

  return {
    unlock(pin) {
      const run = queue.then(() => attempt(pin));
      queue = run.catch(() => undefined);
      return run;
    },
    current() {
      const s = live();
      if (!s) {
        session = null;
        return null;
      }
      s.activeUntil = now() + idleMs;
      return { id: s.id, name: s.name, role: s.role };
    },
    peek() {
      const s = live();
      return s ? { id: s.id, name: s.name, role: s.role } : null;
    },
    lock(action = 'clerk.lock') {
      const s = live();
      session = null;
      if (s) record(action, 'ok', s);
    },
  };
}
