import { describe, expect, it } from 'vitest';
import type { IdentityProvider, VerifiedCitizen } from '../../main/services/accounts/identity-provider';
import { buildCitizenSessions } from '../../main/services/accounts/session';
import { ok } from '../../common/result';

const verified: VerifiedCitizen = {
  accessToken: 'token-abcdefghijklmnop',
  expiresInSeconds: 1800,
  citizen: {
    citizenId: '066185000123',
    fullName: 'Nguyễn Thị Hồng Nhung',
    birthDate: '1985-03-12',
    gender: 'female',
    phone: '0912345678',
    email: null,
    address: null,
  },
};

function provider(ended: string[]): IdentityProvider {
  return {
    kind: 'national-portal-account',
    startLogin: async () => ok({ challengeId: 'x'.repeat(8), maskedPhone: '', expiresInSeconds: 1, resendInSeconds: 1, attemptsLeft: 1 }),
    resendOtp: async () => ok({ challengeId: 'x'.repeat(8), maskedPhone: '', expiresInSeconds: 1, resendInSeconds: 1, attemptsLeft: 1 }),
    verifyOtp: async () => ok(verified),
    endSession: async (token) => void ended.push(token),
  };
}

describe('the citizen session held by the backend', () => {
  it('is forgotten by the backend itself shortly after the idle timeout, even if the screen never says so', () => {
    let now = 0;
    const ended: string[] = [];
    let visitsEnded = 0;
    const sessions = buildCitizenSessions({ now: () => now, idleTimeoutSeconds: 120, onExpired: () => (visitsEnded += 1) });
    sessions.begin(provider(ended), verified);
    now = 100_000;
    sessions.touch();
    now = 100_000 + 134_000;
    expect(sessions.current()?.fullName).toBe('Nguyễn Thị Hồng Nhung');
    now = 100_000 + 135_000;
    expect(sessions.current()).toBeNull();
    expect(ended).toEqual([verified.accessToken]);
    // …and the whole visit ends with it (staff session, staged files: services/visit).
    expect(visitsEnded).toBe(1);
    expect(sessions.current()).toBeNull();
    expect(visitsEnded).toBe(1);
  });

  it('ends when the API token expires, however active the citizen is', () => {
    let now = 0;
    const sessions = buildCitizenSessions({ now: () => now, idleTimeoutSeconds: 3600 });
    sessions.begin(provider([]), { ...verified, expiresInSeconds: 60 });
    now = 59_000;
    sessions.touch();
    expect(sessions.current()).not.toBeNull();
    now = 60_000;
    expect(sessions.current()).toBeNull();
  });

  it('end() forgets the citizen at once and tells the API, and a second end() is harmless', async () => {
    const ended: string[] = [];
    const sessions = buildCitizenSessions({ now: () => 0, idleTimeoutSeconds: 120 });
    sessions.begin(provider(ended), verified);
    await sessions.end();
    await sessions.end();
    expect(sessions.current()).toBeNull();
    expect(ended).toEqual([verified.accessToken]);
  });
});
