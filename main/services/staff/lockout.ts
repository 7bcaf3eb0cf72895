import type { Db } from '../../store/db';

/**
 * The wrong-PIN count and lockout (migration 006, one row), read and written on every unlock
 * attempt, so neither a restart nor a crash gives an attacker fresh tries.
 */
export interface LockoutState {
  failures: number;
  lockouts: number;
  lockedUntil: number;
}

export function buildLockoutRepository(db: Db) {
  const read = db.prepare('SELECT failures, lockouts, locked_until AS lockedUntil FROM staff_lockout WHERE id = 1');
  const write = db.prepare(
    'UPDATE staff_lockout SET failures = @failures, lockouts = @lockouts, locked_until = @lockedUntil, updated_at = @at WHERE id = 1',
  );
  return {
    get: () => read.get() as LockoutState,
    put(state: LockoutState, at: number): void {
      write.run({ ...state, at });
    },
  };
}

export type LockoutRepository = ReturnType<typeof buildLockoutRepository>;
