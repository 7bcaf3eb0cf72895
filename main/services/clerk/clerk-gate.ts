import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import { hashPin, pinMatches } from './pin-hash';

/**
 * The clerk's unlock: a PIN from config, checked against a scrypt hash, five wrong tries lock it
 * for a while, and an unlocked session ends after a short idle time. Held in main's memory only,
 * so restarting the kiosk locks it.
 */
export interface ClerkGate {
  unlock(pin: string): Result<{ idleTimeoutSeconds: number }, KioskError>;
  /** True while unlocked; each check counts as activity. */
  isUnlocked(): boolean;
  lock(): void;
}

export const clerkLimits = { maxFailures: 5, lockoutSeconds: 5 * 60, idleTimeoutSeconds: 3 * 60 } as const;

export function buildClerkGate(deps: {
  pinHash: string | null;
  now: () => number;
  logger: Logger;
  idleTimeoutSeconds?: number;
}): ClerkGate {
  const idleMs = (deps.idleTimeoutSeconds ?? clerkLimits.idleTimeoutSeconds) * 1000;
  let failures = 0;
  let lockedUntil = 0;
  let activeUntil = 0;

  return {
    unlock(pin) {
      if (deps.pinHash === null) return err(kioskError('clerk_not_configured'));
      const now = deps.now();
      if (now < lockedUntil) return err(kioskError('clerk_locked', { retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000) }));
      if (pinMatches(pin, deps.pinHash)) {
        failures = 0;
        activeUntil = now + idleMs;
        deps.logger.info('clerk.unlocked');
        return ok({ idleTimeoutSeconds: idleMs / 1000 });
      }
      failures += 1;
      deps.logger.warn('clerk.pin_wrong', { failures });
      if (failures >= clerkLimits.maxFailures) {
        failures = 0;
        lockedUntil = now + clerkLimits.lockoutSeconds * 1000;
        return err(kioskError('clerk_locked', { retryAfterSeconds: clerkLimits.lockoutSeconds }));
      }
      return err(kioskError('clerk_pin_wrong', { attemptsLeft: clerkLimits.maxFailures - failures }));
    },
    isUnlocked() {
      const now = deps.now();
      if (now >= activeUntil) return false;
      activeUntil = now + idleMs;
      return true;
    },
    lock() {
      activeUntil = 0;
    },
  };
}

/** The configured PIN as a hash: clerkPinHash as given, or a plain clerkPin hashed once at start. */
export function clerkPinHashFrom(config: { clerkPin?: string; clerkPinHash?: string }, demo: boolean): string | null {
  if (config.clerkPinHash) return config.clerkPinHash;
  if (config.clerkPin) return hashPin(config.clerkPin);
  // Demo mode only: the README's demo clerk PIN, so the outbox view can be tried.
  return demo ? hashPin(DEMO_CLERK_PIN) : null;
}

export const DEMO_CLERK_PIN = '246810';
