import { kioskError } from '../../common/errors';
import { err, ok } from '../../common/result';
import type { KioskConfig } from '../config/schema';
import type { IdentityProvider } from '../services/accounts/identity-provider';
import type { CitizenSessions } from '../services/accounts/session';
import type { DemoPhone } from '../services/demo/demo-phone';
import type { Handlers } from './dispatch';

/**
 * The kiosk's API: one plain object of one-argument methods, wired from the services it uses.
 * `Handlers` is checked against common/contract.ts, so a method missing here fails to compile.
 */
export function buildKioskApi(deps: {
  config: KioskConfig;
  identity: IdentityProvider;
  sessions: CitizenSessions;
  demoPhone: DemoPhone | null;
}): Handlers {
  const { config, identity, sessions, demoPhone } = deps;
  return {
    'kiosk.info': async () =>
      ok({
        kioskId: config.kioskId,
        demo: demoPhone !== null,
        locale: config.locale,
        idleTimeoutSeconds: config.idleTimeoutSeconds,
        idleWarningSeconds: config.idleWarningSeconds,
        keyboard: config.keyboard,
      }),

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

    'demo.smsInbox': async () => {
      if (!demoPhone) return err(kioskError('not_in_demo_mode'));
      return demoPhone.inbox();
    },
  };
}
