import { ok } from '../../common/result';
import type { IdentityProvider } from '../services/accounts/identity-provider';
import type { CitizenSessions } from '../services/accounts/session';
import type { HandlersOf } from './dispatch';
import type { authContract } from '../../common/contract/auth';

/** "Đăng nhập": ID + password, OTP, then a session held in memory until the citizen leaves. */
export function buildAuthApi(deps: { identity: IdentityProvider; sessions: CitizenSessions }): HandlersOf<typeof authContract> {
  const { identity, sessions } = deps;
  return {
    'auth.startLogin': async (form) => {
      // A new login always ends whatever session the previous citizen left.
      await sessions.end();
      return identity.startLogin(form);
    },
    'auth.resendOtp': async ({ challengeId }) => identity.resendOtp(challengeId),
    'auth.verifyOtp': async ({ challengeId, otp }) => {
      const r = await identity.verifyOtp(challengeId, otp);
      if (!r.ok) return r;
      sessions.begin(identity, r.value);
      return ok({ citizen: r.value.citizen });
    },
    'auth.session': async () => {
      sessions.touch();
      return ok({ citizen: sessions.current() });
    },
    'auth.logout': async () => {
      await sessions.end();
      return ok({});
    },
  };
}
