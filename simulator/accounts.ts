import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CitizenProfile } from '../common/domain/auth';
import { demoCitizens, type DemoCitizen } from './seed/citizens';

/**
 * Citizen accounts the simulated portal knows, keyed by CMND/CCCD. Registration will add to this
 * store; login only reads it and keeps the password-failure counter.
 */
export interface Account {
  readonly profile: CitizenProfile;
  readonly passwordSalt: Buffer;
  readonly passwordHash: Buffer;
  failedPasswords: number;
  lockedUntil: Date | null;
}

export interface AccountStore {
  find(citizenId: string): Account | undefined;
  add(profile: CitizenProfile, password: string): Account;
  reset(): void;
}

// A salted SHA-256 is enough for a simulator that holds demo passwords in memory; the real portal
// uses a slow KDF, which would only make tests slower here.
function hashPassword(password: string, salt: Buffer): Buffer {
  return createHash('sha256').update(salt).update(password, 'utf8').digest();
}

export function passwordMatches(account: Account, password: string): boolean {
  return timingSafeEqual(hashPassword(password, account.passwordSalt), account.passwordHash);
}

export function buildAccountStore(seed: readonly DemoCitizen[] = demoCitizens): AccountStore {
  let accounts = new Map<string, Account>();

  const add = (profile: CitizenProfile, password: string): Account => {
    const passwordSalt = randomBytes(16);
    const account: Account = {
      profile,
      passwordSalt,
      passwordHash: hashPassword(password, passwordSalt),
      failedPasswords: 0,
      lockedUntil: null,
    };
    accounts.set(profile.citizenId, account);
    return account;
  };

  const reset = () => {
    accounts = new Map();
    for (const citizen of seed) add(citizen.profile, citizen.password);
  };

  reset();
  return { find: (citizenId) => accounts.get(citizenId), add, reset };
}
