import { ok, err } from '../../../common/result';
import type { ProvincialClient } from '../provincial-api/client';
import { toKioskError } from '../provincial-api/errors';
import type { IdentityProvider } from './identity-provider';

/** The guide's "Tài khoản cấp bởi Cổng dịch vụ công quốc gia": ID + password, then SMS OTP. */
export function buildPortalAccountProvider(client: ProvincialClient): IdentityProvider {
  return {
    kind: 'national-portal-account',
    async startLogin({ citizenId, password }) {
      const r = await client.login({ username: citizenId, password });
      return r.ok ? ok(r.value) : err(toKioskError(r.error));
    },
    async resendOtp(challengeId) {
      const r = await client.resendOtp({ challengeId });
      return r.ok ? ok(r.value) : err(toKioskError(r.error));
    },
    async verifyOtp(challengeId, otp) {
      const r = await client.verifyOtp({ challengeId, otp });
      return r.ok ? ok(r.value) : err(toKioskError(r.error));
    },
    async endSession(accessToken) {
      // Best effort: the kiosk forgets the token whatever the API answers.
      await client.logout(accessToken);
    },
  };
}
